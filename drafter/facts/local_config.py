"""drafter.yaml: a unit's settings, kept beside its facts files and shared by every command.

Each section is read by the module that owns it: ``format:`` (docx/format_settings.py), ``snippets:``
(phrases/library.py), ``check:`` (check/rulebook.py), and ``practice:`` / ``frameworks:`` — a county's way
of writing feedback opinions (title form, deadlines, holidays, problem categories) — by pipeline/loading.py
and kinds/feedback.py, so that every round file in the folder follows them without repeating them. The
sections there are, and the type of those no other schema describes, are in facts/formats/config-file.yaml.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import Issue
from .schema import Field, Schema, format_schema
from .validation import read_format
from .yamlfile import Document, load_yaml

CONFIG_NAME = "drafter.yaml"


def read_config(folder: Path) -> Document | None:
    """The drafter.yaml in ``folder``, or None when there is none; FactsError when it cannot be read.

    One build asks for it several times (format, snippets, practice, categories), so it is parsed once
    per version of the file. The document returned is shared: callers only read it.
    """
    path = folder / CONFIG_NAME
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parsed(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> Document:
    return load_yaml(path)


def config_section(config: Document | None, name: str) -> Document | None:
    """One section of a drafter.yaml as a document of its own (positions kept), or None when absent."""
    if config is None or not isinstance(config.data, dict) or name not in config.data:
        return None
    return Document(config.path, {name: config.data[name]}, config.value_pos, config.key_pos)


def config_problems(config: Document) -> list[Issue]:
    """What is wrong with drafter.yaml as a whole: a top level that is not a mapping, unknown sections.

    What is wrong inside a section is reported by the reader that uses it (``config_section_values`` and
    the readers named by ``validated_by``), so that it is reported once.
    """
    return read_format(config, _sections_only(), what=CONFIG_NAME)[1]


def config_section_values(config: Document | None, name: str) -> tuple[Any, list[Issue]]:
    """One section of drafter.yaml typed by facts/formats/config-file.yaml (None when absent), and its
    problems."""
    section = config_section(config, name)
    if section is None:
        return None, []
    field = next(f for f in format_schema("config-file").root.fields if f.name == name)
    schema = Schema(root=Field(name="", type="map", label=CONFIG_NAME, fields=(field,)))
    values, issues = read_format(section, schema, what=CONFIG_NAME)
    return (values or {}).get(name), issues


@lru_cache(maxsize=1)
def _sections_only() -> Schema:
    """drafter.yaml's schema with every section taken as written: only the section names are checked."""
    root = format_schema("config-file").root
    sections = tuple(replace(f, validated_by=f.validated_by or "config_section_values") for f in root.fields)
    return Schema(root=replace(root, fields=sections))
