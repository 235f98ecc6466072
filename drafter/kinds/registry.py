"""Every document kind by name: the ``DocumentKind`` classes of the modules in this package.

Adding a kind is adding a module here (and a template folder whose template.yaml names it); nothing
else lists the kinds.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from collections.abc import Mapping
from functools import lru_cache

from ..core.errors import TemplateError
from ..facts.schema import Schema
from .base import DocumentKind


@lru_cache(maxsize=1)
def kinds() -> dict[str, type[DocumentKind]]:
    """Every kind, by the name template.yaml's ``kind:`` gives it."""
    found: dict[str, type[DocumentKind]] = {DocumentKind.name: DocumentKind}
    for info in pkgutil.iter_modules(_package_path()):
        module = importlib.import_module(f"{__package__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, DocumentKind)
                and value.__module__ == module.__name__
            ):
                found[value.name] = value
    return found


def _package_path() -> list[str]:
    package = importlib.import_module(__package__ or "drafter.kinds")
    return list(package.__path__)


def kind_of(
    name: str, options: Mapping[str, str], each: str, schema: Schema, where: str
) -> type[DocumentKind]:
    """The kind template.yaml names; for a template folder that names none, the kind that claims it
    (DocumentKind.claims), else the plain kind."""
    if name:
        return kind_named(name, where)
    claimed = [kind for kind in kinds().values() if kind.claims(options, each, schema)]
    return claimed[0] if len(claimed) == 1 else DocumentKind


def kind_named(name: str, where: str) -> type[DocumentKind]:
    """The kind called ``name``; TemplateError (placed at ``where``) with a "did you mean" otherwise."""
    known = kinds()
    if name in known:
        return known[name]
    hint = difflib.get_close_matches(name, list(known), n=1)
    tip = f"，是否想写“{hint[0]}”？" if hint else ""
    msg = f"{where}: 没有名为“{name}”的文档种类（kind）{tip}（可用：{'、'.join(sorted(known))}）"
    raise TemplateError(msg)
