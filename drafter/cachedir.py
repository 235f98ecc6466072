"""Where drafter keeps work between runs: the parsed YAML of its own data files and its compiled
templates (see datacache.py and rendering.py). Only what drafter ships goes there, never a user's facts.

The folder is the user's cache folder (Windows: %LOCALAPPDATA%\\drafter\\Cache; macOS:
~/Library/Caches/drafter; elsewhere $XDG_CACHE_HOME/drafter or ~/.cache/drafter). The environment
variable DRAFTER_CACHE names another folder, or turns the cache off with ``off``. Everything kept is
named by a hash of what it was made from (the file's text and the code that read it), so an edited file
or a new drafter never reads an old entry, and deleting the folder is always safe.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_VARIABLE = "DRAFTER_CACHE"
_OFF = ("off", "0", "no", "false")


def cache_folder(kind: str) -> Path | None:
    """The folder for one kind of kept work (created), or None when caching is off or impossible.

    A locked-down office PC may forbid writing in the profile: drafter then simply works without it.
    """
    base = _base_folder()
    if base is None:
        return None
    folder = base / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _base_folder() -> Path | None:
    chosen = os.environ.get(CACHE_VARIABLE, "").strip()
    if chosen.lower() in _OFF:
        return None
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "drafter" / "Cache" if local else None
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and sys.platform != "darwin":
        return Path(xdg) / "drafter"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder to be found (a service account)
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "drafter"
    return home / ".cache" / "drafter"
