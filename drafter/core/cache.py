"""Where drafter keeps work between runs: the parsed YAML of its own data files, its compiled templates
and built-in snippets, and what it learnt about them (facts/own_data.py, render/sandbox.py,
phrases/library.py, pipeline/usage.py). Only what drafter ships goes there, never a user's facts.

The folder is the user's cache folder (Windows: %LOCALAPPDATA%\\drafter\\Cache; macOS:
~/Library/Caches/drafter; elsewhere $XDG_CACHE_HOME/drafter or ~/.cache/drafter). The environment
variable DRAFTER_CACHE names another folder, or turns the cache off with ``off``. Everything kept is
named by a hash of what it was made from (the file's text and the code that read it), so an edited file
or a new drafter never reads an old entry, and deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    return folder if _usable(folder) else None


@lru_cache(maxsize=16)
def _usable(folder: Path) -> bool:
    # Asked for every file a build reads: made and checked once per process, not once per file.
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _private(folder)
    except OSError:
        return False


def _private(folder: Path) -> bool:
    """Whether only this user can write the folder: compiled templates are code that drafter runs, so a
    cache others can write to (DRAFTER_CACHE pointing at a shared folder) is not used."""
    if not hasattr(os, "getuid"):
        return True  # Windows: %LOCALAPPDATA% is the user's own; its access rules are Windows' business
    status = folder.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _base_folder() -> Path | None:
    chosen = os.environ.get(CACHE_VARIABLE, "").strip()
    if chosen.lower() in _OFF:
        return None
    if chosen:
        try:
            return Path(chosen).expanduser().absolute()  # "~/cache" as a shell would read it
        except (RuntimeError, OSError):  # "~" with no home folder, or no working folder
            return None
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


def entry(kind: str, *made_from: str) -> Path | None:
    """The file that keeps what was made from ``made_from`` (texts, and fingerprints of the code that
    made it), or None when caching is off or impossible. Its name is a hash of all of them."""
    folder = cache_folder(kind)
    if folder is None:
        return None
    digest = hashlib.sha256()
    for part in made_from:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return folder / f"{digest.hexdigest()}.json"


def read_entry(path: Path | None) -> Any:
    """What an entry keeps, or None when it is absent or damaged (half-written by a crash, edited)."""
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_entry(path: Path | None, value: Any) -> None:
    """Keep a JSON value, whole or not at all (two drafters at once never see half an entry); a cache
    that cannot be written is simply not written."""
    if path is None:
        return
    try:
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False)
        Path(temp).replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
