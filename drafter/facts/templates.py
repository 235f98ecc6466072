"""A template folder: its metadata (template.yaml), facts schema (schema.yaml) and Jinja text."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import FactsError, TemplateError, TemplateNotFoundError
from .own_data import load_data_yaml
from .schema import Schema, load_schema

_META_KEYS = {
    "title",
    "description",
    "document",
    "date_fact",
    "creator_fact",
    "each",
    "file_name",
    "kind",
    "frameworks",
}
# Keys of template.yaml that belong to its kind rather than to every template (kinds/*.py read them).
_KIND_KEYS = ("frameworks",)


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
        kind=str(meta.get("kind") or _kind_before_kinds(meta, directory)),
        kind_options=tuple((k, str(meta[k])) for k in _KIND_KEYS if k in meta),
    )


def _kind_before_kinds(meta: dict[str, Any], directory: Path) -> str:
    """The kind of a template folder copied before template.yaml named its kind: a per-unit template
    with problem-category frameworks is a feedback template, one whose facts other files supply is an
    annual report; anything else derives nothing."""
    if meta.get("each"):
        return "feedback" if meta.get("frameworks") else "plain"
    return "annual-report" if _schema(directory / "schema.yaml").supplier else "plain"
