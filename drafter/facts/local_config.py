"""drafter.yaml: a unit's settings, kept beside its facts files and shared by every command.

Each section is read by the module that owns it: ``format:`` (settings.py), ``snippets:`` (snippets.py),
``check:`` (rulebook.py), and ``practice:`` / ``frameworks:`` — a county's way of writing feedback
opinions (title form, deadlines, holidays, problem categories) — by pipeline.py, so that every round file
in the folder follows them without repeating them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .yamlfile import Document, load_yaml

CONFIG_NAME = "drafter.yaml"
CONFIG_SECTIONS = ("format", "snippets", "check", "practice", "frameworks")


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
