"""The ``format:`` section a facts file (or a drafter.yaml beside it) may carry to adjust the layout.

Only what units legitimately differ on is adjustable: font names per role (a machine without
仿宋_GB2312 uses 仿宋), a separate font for digits and Latin letters, and the title's shape.
Precedence: the facts file's ``format:`` → drafter.yaml in the facts file's folder → the built-in format.
"""

from __future__ import annotations

from typing import Any

from ..core.errors import FactsError, Issue
from ..facts.local_config import config_problems, read_config
from ..facts.schema import Field, Schema
from ..facts.validation import validate
from ..facts.yamlfile import Document
from .format import FONT_ROLES, OFFICIAL, TITLE_SHAPES, DocFormat

FORMAT_FIELD = Field(
    name="format",
    type="map",
    label="版式调整",
    help="可不填；只在本单位字体或习惯与国家标准默认不同时填写",
    optional=True,
    fields=(
        Field(
            name="fonts",
            type="map",
            label="各部分使用的字体",
            help="电脑上没有仿宋_GB2312、楷体_GB2312 时，可改为“仿宋”“楷体”",
            optional=True,
            fields=tuple(
                Field(name=role, type="text", label=f"{description}的字体", optional=True)
                for role, description in FONT_ROLES.items()
            ),
        ),
        Field(
            name="latin_font",
            type="text",
            label="数字和字母的字体",
            help="不填则与汉字同一字体；本地规定数字用 Times New Roman 时填写",
            optional=True,
        ),
        Field(
            name="title_shape",
            type="choice",
            label="标题回行的形状",
            help="pyramid：上短下长；inverted：上长下短",
            optional=True,
            choices=tuple(TITLE_SHAPES),
        ),
    ),
)

_SCHEMA = Schema(root=Field(name="", type="map", label="版式", fields=(FORMAT_FIELD,)))


def read_format_section(doc: Document) -> tuple[dict[str, Any], list[Issue]]:
    """The validated ``format:`` section of a document, and its problems."""
    if not isinstance(doc.data, dict) or "format" not in doc.data:
        return {}, []
    only = Document(doc.path, {"format": doc.data["format"]}, doc.value_pos, doc.key_pos)
    try:
        return validate(only, _SCHEMA).values.get("format", {}), []
    except FactsError as err:
        return {}, err.issues


def resolve_format(facts_doc: Document, base: DocFormat = OFFICIAL) -> tuple[DocFormat, list[Issue]]:
    """The format for a facts file: its own ``format:`` over drafter.yaml over the built-in one."""
    issues: list[Issue] = []
    layers: list[dict[str, Any]] = []
    try:
        config_doc = read_config(facts_doc.path.parent)
    except FactsError as err:
        return base, err.issues
    if config_doc is not None:
        # drafter.yaml's section names are checked here, where every build reads it.
        issues += config_problems(config_doc)
        section, problems = read_format_section(config_doc)
        layers.append(section)
        issues += problems
    section, problems = read_format_section(facts_doc)
    layers.append(section)
    issues += problems
    fmt = base
    for layer in layers:
        values = {k: v for k, v in layer.items() if k != "fonts"}
        fmt = fmt.with_overrides(fonts=layer.get("fonts"), **values)
    return fmt, issues
