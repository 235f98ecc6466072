"""A template folder: its metadata (template.yaml), facts schema (schema.yaml) and Jinja text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .own_data import load_data_yaml
from ..core.errors import FactsError, TemplateError, TemplateNotFoundError
from ..kinds.frameworks import Frameworks, read_frameworks
from .schema import Schema, load_schema

_META_KEYS = {
    "title",
    "description",
    "document",
    "date_fact",
    "creator_fact",
    "each",
    "file_name",
    "frameworks",
}


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
    # The problem-category frameworks file of a feedback template.
    frameworks_file: str = ""

    @property
    def schema(self) -> Schema:
        """The facts this template needs (read once per process)."""
        return _schema(self.directory / "schema.yaml")

    @property
    def frameworks(self) -> Frameworks | None:
        """The template's problem-category frameworks, when it has them (read once per process)."""
        return _frameworks(self.directory / self.frameworks_file) if self.frameworks_file else None


@lru_cache(maxsize=32)
def _schema(path: Path) -> Schema:
    return load_schema(path)


@lru_cache(maxsize=32)
def _frameworks(path: Path) -> Frameworks:
    try:
        doc = load_data_yaml(path)
    except FactsError as err:
        raise TemplateError(str(err)) from err
    frameworks, issues = read_frameworks(doc, (), doc.data)
    if issues:
        raise TemplateError("\n".join(str(i) for i in issues))
    return frameworks


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
    """Read a template folder's metadata."""
    meta_path = directory / "template.yaml"
    try:
        doc = load_data_yaml(meta_path)
    except FactsError as err:
        raise TemplateError(str(err)) from err
    meta = doc.data if isinstance(doc.data, dict) else {}
    problems = [str(doc.issue((k,), f"未知的键“{k}”", at_key=True)) for k in meta if k not in _META_KEYS]
    problems += [str(doc.issue((), f"缺少“{k}”")) for k in ("title", "document") if k not in meta]
    if "each" in meta and "file_name" not in meta:
        problems.append(str(doc.issue(("each",), "写了 each（每项一份文档）就要写 file_name（文件名）")))
    if problems:
        raise TemplateError("\n".join(problems))
    return Template(
        name=directory.name,
        directory=directory,
        title=str(meta["title"]),
        description=str(meta.get("description", "")),
        document=str(meta["document"]),
        date_fact=str(meta.get("date_fact", "date")),
        creator_fact=str(meta.get("creator_fact", "")),
        each=str(meta.get("each", "")),
        file_name=str(meta.get("file_name", "")),
        frameworks_file=str(meta.get("frameworks", "")),
    )
