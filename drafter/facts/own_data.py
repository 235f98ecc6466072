"""drafter's own YAML files (built-in schemas, snippets, frameworks, rules), parsed once and kept.

Parsing YAML in pure Python is the largest cost of a short build: the built-in files take ~100 ms on
every run, while their parsed form, kept as JSON, reads in about a millisecond. An entry is named by a
hash of the file's text and of the parser that read it, so an edited file, a new drafter or a new
ruamel.yaml is simply parsed again. A user's own files are always parsed: they change all the time and
may hold confidential findings, which have no business in a cache folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.cache import entry, read_entry, write_entry
from ..core.locations import is_builtin
from .yamlfile import Document, KeyPath, Pos, load_yaml, parse_yaml, parser_fingerprint, read_text


def load_data_yaml(path: Path) -> Document:
    """load_yaml for files that may be drafter's own: those come from the cache when they can."""
    if not is_builtin(path):
        return load_yaml(path)
    text = read_text(path)
    kept_at = entry("yaml", parser_fingerprint(), text)
    kept = _document(read_entry(kept_at), path)
    if kept is not None:
        return kept
    doc = parse_yaml(text, path)  # a broken file raises here and nothing is kept
    write_entry(
        kept_at,
        {
            "data": doc.data,
            "value_pos": [[list(k), p.line, p.col] for k, p in doc.value_pos.items()],
            "key_pos": [[list(k), p.line, p.col] for k, p in doc.key_pos.items()],
        },
    )
    return doc


def _document(kept: Any, path: Path) -> Document | None:
    try:
        return Document(path, kept["data"], _positions(kept["value_pos"]), _positions(kept["key_pos"]))
    except (KeyError, TypeError, ValueError):
        return None  # absent or damaged: parse the file instead


def _positions(rows: list[list[Any]]) -> dict[KeyPath, Pos]:
    return {tuple(key_path): Pos(line, col) for key_path, line, col in rows}
