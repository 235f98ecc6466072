"""drafter's own YAML files (built-in schemas, snippets, frameworks, rules), parsed once and kept.

Parsing YAML in pure Python is the largest cost of a short build: the built-in files take ~100 ms on
every run, while their parsed form, kept as JSON, reads in about a millisecond. An entry is named by a
hash of the file's text and of the parser that read it, so an edited file, a new drafter or a new
ruamel.yaml is simply parsed again. A user's own files are always parsed: they change all the time and
may hold confidential findings, which have no business in a cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .cachedir import cache_folder
from .facts import Document, KeyPath, Pos, load_yaml, parse_yaml, parser_fingerprint, read_text
from .project import is_builtin


def load_data_yaml(path: Path) -> Document:
    """load_yaml for files that may be drafter's own: those come from the cache when they can."""
    folder = cache_folder("yaml") if is_builtin(path) else None
    if folder is None:
        return load_yaml(path)
    text = read_text(path)
    entry = folder / f"{_key(text)}.json"
    kept = _read_entry(entry, path)
    if kept is not None:
        return kept
    doc = parse_yaml(text, path)  # a broken file raises here and nothing is kept
    _write_entry(entry, doc)
    return doc


def _key(text: str) -> str:
    digest = hashlib.sha256(parser_fingerprint().encode())
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()


def _read_entry(entry: Path, path: Path) -> Document | None:
    try:
        kept = json.loads(entry.read_text(encoding="utf-8"))
        return Document(path, kept["data"], _positions(kept["value_pos"]), _positions(kept["key_pos"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent, half-written by a crash, or damaged: parse the file instead


def _positions(rows: list[list[Any]]) -> dict[KeyPath, Pos]:
    return {tuple(key_path): Pos(line, col) for key_path, line, col in rows}


def _write_entry(entry: Path, doc: Document) -> None:
    kept = {
        "data": doc.data,
        "value_pos": [[list(k), p.line, p.col] for k, p in doc.value_pos.items()],
        "key_pos": [[list(k), p.line, p.col] for k, p in doc.key_pos.items()],
    }
    try:
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(kept, stream, ensure_ascii=False)
        os.replace(temp, entry)  # whole or not at all: two drafters at once never see half an entry
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
