"""Facts that a person typed and the template never uses: reported as warnings, because a value that
goes nowhere is as good as lost to the person who typed it.

Unknown keys are already errors (validation.py). What is left are keys the schema knows but the chosen
template does not use, e.g. a section removed from a copied template's Jinja while the schema still has
it. A field counts as used when its name (or a name inside it) appears in one of the template folder's
Jinja files, its file-name pattern, the snippets the template calls, or the schema's derived facts and
checks, or when drafter itself reads it (below). Names are compared, not paths: two fields called
``name`` count as used when either is, so a warning is never raised for a fact that is in fact used.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.cache import entry, read_entry, write_entry
from ..core.errors import Reminder
from ..core.locations import is_builtin
from ..facts.schema import Field, Schema
from ..facts.templates import Template
from ..facts.yamlfile import Document, KeyPath
from ..kinds.base import DocumentKind
from ..phrases.library import BUILTIN_ORIGIN, Library, Snippet
from ..render.sandbox import compiler_fingerprint, mentioned_names, template_texts

# Read by drafter's own code whatever the template says: the committee's level words (core/levels.py)
# and a county's practice switches (pipeline/loading.py); each kind adds what its own code reads.
READ_BY_DRAFTER = ("org", "practice")


def unused_facts(
    template: Template, kind: DocumentKind, document: Document, library: Library | None = None
) -> list[Reminder]:
    """One reminder per schema field that the facts file gives and the template never uses, at its first
    place (a field of every unit is reported once, with how many times it was typed)."""
    names = _template_names(template.directory, template.document, template.file_name)
    if names is None:
        return []  # a template that does not parse is an error of its own; nothing to say about its use
    used = set(names) | _schema_names(template.schema)
    snippets = [library.get(name) for name in used] if library is not None else []
    used |= _snippet_names([snippet for snippet in snippets if snippet is not None])
    found: dict[str, list[KeyPath]] = {}
    _walk(document.data, template.schema.root, (), "", used, (*READ_BY_DRAFTER, *kind.read_by_code), found)
    reminders = []
    for dotted, places in found.items():
        label = _field_at(template.schema.root, dotted).label
        more = f"（共 {len(places)} 处）" if len(places) > 1 else ""
        message = (
            f"填写了“{label}”（{dotted.replace('[]', '')}）{more}，但模板“{template.name}”没有用到它，"
            "它不会出现在文档里；不需要就删去，否则请检查模板"
        )
        reminders.append(Reminder(document.issue(places[0], message, at_key=True).place, message))
    return reminders


@lru_cache(maxsize=32)
def _template_names(directory: Path, document: str, file_name: str) -> frozenset[str] | None:
    """The names the template folder's Jinja mentions; None when any of it does not parse.

    Parsing the annual template for them takes ~7 ms; for drafter's own templates they are kept.
    """
    files = {document, *(p.relative_to(directory).as_posix() for p in directory.rglob("*.jinja"))}
    texts = template_texts(directory, sorted(files))
    if texts is None:
        return None  # rendering reports the file it cannot read, at its place
    texts.insert(0, file_name)
    kept_at = entry("template-names", compiler_fingerprint(), *texts) if is_builtin(directory) else None
    kept = read_entry(kept_at)
    if isinstance(kept, list) and all(isinstance(name, str) for name in kept):
        return frozenset(kept)
    names: set[str] = set()
    for text in texts:
        found = mentioned_names(text)
        if found is None:
            return None
        names |= found
    write_entry(kept_at, sorted(names))
    return frozenset(names)


def _snippet_names(snippets: list[Snippet]) -> set[str]:
    """The names the snippets' texts mention; for built-in snippets they are kept, like the templates'."""
    own = sorted({s.text for s in snippets if s.origin == BUILTIN_ORIGIN})
    kept_at = entry("snippet-names", compiler_fingerprint(), *own) if own else None
    kept = read_entry(kept_at)
    if isinstance(kept, list) and all(isinstance(name, str) for name in kept):
        names = set(kept)
    else:
        names = set().union(*(mentioned_names(text) or () for text in own))
        write_entry(kept_at, sorted(names))
    for snippet in snippets:
        if snippet.origin != BUILTIN_ORIGIN:
            names |= mentioned_names(snippet.text) or set()
    return names


def _schema_names(schema: Schema) -> set[str]:
    names = {schema.supplier} if schema.supplier else set()
    for derived in schema.derived:
        names |= {derived.name, *re.findall(r"\w+", derived.path)}
    for check in schema.checks:
        names.update(re.findall(r"\w+", f"{check.path} {check.left} {check.right}"))
    return names


def _mentioned(field: Field, used: set[str] | frozenset[str]) -> bool:
    if field.name in used or field.equals or field.supplied_by:
        return True
    children = [*field.fields, *([field.item] if field.item else [])]
    return any(_mentioned(child, used) for child in children)


def _walk(
    value: Any,
    field: Field,
    where: KeyPath,
    dotted: str,
    used: set[str],
    read: tuple[str, ...],
    found: dict[str, list[KeyPath]],
) -> None:
    if field.type == "map" and isinstance(value, dict):
        for child in field.fields:
            if child.name not in value:
                continue
            path, name = (*where, child.name), f"{dotted}.{child.name}".lstrip(".")
            read_by_drafter = any(name == p or name.startswith(p + ".") for p in read)
            if _mentioned(child, used) or read_by_drafter:
                _walk(value[child.name], child, path, name, used, read, found)
            else:
                found.setdefault(name, []).append(path)
    elif field.type == "list" and field.item is not None and isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, field.item, (*where, i), f"{dotted}[]", used, read, found)


def _field_at(root: Field, dotted: str) -> Field:
    field = root
    for part in dotted.split("."):
        field = next(f for f in field.fields if f.name == part.removesuffix("[]"))
        if part.endswith("[]") and field.item is not None:
            field = field.item
    return field
