"""drafter.yaml: a unit's settings, kept beside its facts files and shared by every command.

Each section is read by the module that owns it: ``format:`` (settings.py), ``snippets:`` (snippets.py),
``check:`` (rulebook.py), and ``practice:`` / ``frameworks:`` — a county's way of writing feedback
opinions (title form, deadlines, holidays, problem categories) — by pipeline.py, so that every round file
in the folder follows them without repeating them.
"""

from __future__ import annotations

from pathlib import Path

from .facts import Document, load_yaml

CONFIG_NAME = "drafter.yaml"
CONFIG_SECTIONS = ("format", "snippets", "check", "practice", "frameworks")


def read_config(folder: Path) -> Document | None:
    """The drafter.yaml in ``folder``, or None when there is none; FactsError when it cannot be read."""
    path = folder / CONFIG_NAME
    return load_yaml(path) if path.is_file() else None


def config_section(config: Document | None, name: str) -> Document | None:
    """One section of a drafter.yaml as a document of its own (positions kept), or None when absent."""
    if config is None or not isinstance(config.data, dict) or name not in config.data:
        return None
    return Document(config.path, {name: config.data[name]}, config.value_pos, config.key_pos)
