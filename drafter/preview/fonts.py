"""Which fonts this computer has, and what a renderer would use for one it lacks.

Linux and macOS answer through fontconfig (fc-list, fc-match), which LibreOffice uses there too.
Windows has no fontconfig: the installed fonts are read from the registry, where Word and WPS find
them. A Chinese font goes by a Chinese and an English name (仿宋 = FangSong); both count.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterable

# Chinese names and the English names Windows and font files also use for the same font.
FONT_ALIASES = {
    "仿宋": ("FangSong",),
    "楷体": ("KaiTi",),
    "黑体": ("SimHei",),
    "宋体": ("SimSun",),
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
    "方正小标宋_GBK": ("FZXiaoBiaoSong-B05",),
    "华文中宋": ("STZhongsong",),
}

FC_TIMEOUT_S = 30
_REGISTRY_SUFFIX = re.compile(r"\s*\((TrueType|OpenType|Type 1|All res)\)\s*$", re.IGNORECASE)


def _key(name: str) -> str:
    return name.strip().casefold()


def names_of(font: str) -> set[str]:
    """A font's name and its aliases, compared case-insensitively."""
    names = {font, *FONT_ALIASES.get(font, ())}
    names |= {chinese for chinese, english in FONT_ALIASES.items() if font in english}
    return {_key(n) for n in names}


def installed_families() -> set[str] | None:
    """Case-folded names of every installed font family; None when this computer cannot be asked."""
    if sys.platform == "win32":
        return _windows_families()
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    output = _run([fc_list, "--format", "%{family}\n"])
    if output is None:
        return None
    # One line per font face; a family with localized names lists them all, comma-separated.
    return {_key(name) for line in output.splitlines() for name in line.split(",") if name.strip()}


def is_installed(font: str, families: set[str]) -> bool:
    """Whether a font (by any of its names) is among the installed families."""
    return bool(names_of(font) & families)


def registry_families(value_names: Iterable[str]) -> set[str]:
    """Family names from the value names of Windows' Fonts registry key.

    The names read like "仿宋 (TrueType)" or "SimSun & NSimSun (TrueType)": one or more families joined
    by " & ", then the font technology in parentheses.
    """
    families = set()
    for value in value_names:
        for name in _REGISTRY_SUFFIX.sub("", value).split(" & "):
            if name.strip():
                families.add(_key(name))
    return families


def _windows_families() -> set[str] | None:
    # Only called on Windows. Saying so here lets type checkers read winreg against its Windows stubs
    # (mypy --platform win32) instead of the empty ones of other systems.
    if sys.platform != "win32":
        return None
    import winreg

    key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
    names: list[str] = []
    # Fonts installed for all users (HKLM) and, since Windows 10 1809, for the current user (HKCU).
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, key_path) as key:
                count = winreg.QueryInfoKey(key)[1]
                names += [winreg.EnumValue(key, i)[0] for i in range(count)]
        except OSError:
            continue
    return registry_families(names) if names else None


def _run(args: list[str]) -> str | None:
    try:
        done = subprocess.run(
            args,
            check=False,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=FC_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def face_file(family: str, bold: bool = False) -> str | None:
    """The font file fontconfig gives for a family (bold or not); None where there is no fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = f"{family}:weight=bold" if bold else family
    return _run([fc_match, "--format", "%{file}", pattern]) or None


def files_by_postscript_name() -> dict[str, str]:
    """Each installed face's PostScript name and its file (fc-list); empty without fontconfig.

    A PDF names its fonts by PostScript name, and the faces of one .ttc share one: Noto Serif CJK SC is
    embedded as NotoSerifCJKjp-Regular, the collection's first name. The file tells them apart.
    """
    fc_list = shutil.which("fc-list")
    output = _run([fc_list, "--format", "%{postscriptname}\t%{file}\n"]) if fc_list else None
    pairs = (line.split("\t", 1) for line in (output or "").splitlines() if "\t" in line)
    return {name: file for name, file in pairs if name}


def pdf_font_file(name: str, files: dict[str, str]) -> str | None:
    """The file of a font named in a PDF ("BAAAAA+NotoSerifCJKjp-Bold-VKana"): subset tag off, then the
    longest installed PostScript name it begins with."""
    base = name.split("+", 1)[-1]
    known = [ps for ps in files if base.startswith(ps)]
    return files[max(known, key=len)] if known else None
