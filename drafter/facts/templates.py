"""A template folder: its metadata (template.yaml), facts schema (schema.yaml) and Jinja text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..core.errors import FactsError, TemplateError, TemplateNotFoundError
from .own_data import load_data_yaml
from .schema import Schema, format_schema, load_schema
from .validation import read_format

# What messages call template.yaml.
TEMPLATE_FILE = "模板说明文件（template.yaml）"


@dataclass(frozen=True, slots=True)
class Template:
    """A document kind that drafter can build."""

    name: str
    directory: Path
    title: str
    description: str
    document: str
    date_fact: str
    creator_fact: str
    # One document per item of this list (e.g. ``units``), named by ``file_name`` (a Jinja line).
    each: str = ""
    file_name: str = ""
    # The document kind (kinds/): what is derived from the facts and which items get a document each.
    kind: str = "plain"
    # template.yaml's keys for the kind, e.g. the feedback kind's ``frameworks: frameworks.yaml``.
    kind_options: tuple[tuple[str, str], ...] = ()

    @property
    def schema(self) -> Schema:
        """The facts this template needs (read once per process)."""
        return _schema(self.directory / "schema.yaml")


@lru_cache(maxsize=32)
def _schema(path: Path) -> Schema:
    return load_schema(path)


def template_names(root: Path) -> list[str]:
    """Names of the templates under root, sorted."""
    return sorted(p.name for p in root.iterdir() if (p / "template.yaml").is_file())


def find_template(name: str, root: Path) -> Template:
    """The template called name; TemplateNotFoundError with a "did you mean" otherwise."""
    names = template_names(root)
    if name not in names:
        hint = difflib.get_close_matches(name, names, n=1)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        msg = f"没有名为“{name}”的模板{tip}（可用：{'、'.join(names)}）"
        raise TemplateNotFoundError(msg)
    return load_template(root / name)


@lru_cache(maxsize=32)
def load_template(directory: Path) -> Template:
    """Read a template folder's metadata (facts/formats/template-file.yaml says what it may hold)."""
    meta_path = directory / "template.yaml"
    try:
        doc = load_data_yaml(meta_path)
    except FactsError as err:
        raise TemplateError(str(err)) from err
    meta, issues = read_format(doc, format_schema("template-file"), what=TEMPLATE_FILE)
    if meta is not None and meta.get("each") is not None and "file_name" not in meta:
        issues.append(doc.issue(("each",), "写了 each（每项一份文档）就要写 file_name（文件名）"))
    if meta is None or issues:
        raise TemplateError("\n".join(str(i) for i in issues))
    own = {f.name for f in fields(Template)}
    return Template(
        name=directory.name,
        directory=directory,
        title=meta["title"],
        description=meta.get("description", ""),
        document=meta["document"],
        date_fact=meta["date_fact"],
        creator_fact=meta["creator_fact"],
        each=meta.get("each", ""),
        file_name=meta.get("file_name", ""),
        kind=meta.get("kind") or "",
        # The keys the template's kind reads (the feedback kind's frameworks file).
        kind_options=tuple((k, str(v)) for k, v in meta.items() if k not in own),
    )

