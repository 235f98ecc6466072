"""Slips people make typing YAML by hand in a Chinese editor, recognised from the text as typed.

A full-width colon (``level：县``) or a colon without its space (``level:县``) makes the parser fail one
line later, at a place that says nothing of the colon; full-width spaces (U+3000) used to indent make a
key that is not the one meant; a list item indented unlike its siblings becomes the continuation of the
item above, so that "…政治偏差。 - 推动巡察向基层延伸…" lands in a document. Each is found here in the
lines of the file and named where it was typed, in words a person who never heard of YAML can act on.
"""

from __future__ import annotations

import re

# A key as facts files spell them (ASCII snake_case), after the indentation and an optional "- ".
_KEY = r"^(?P<lead>[ \u3000]*(?:-[ \u3000]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"[ \u3000]*(?P<colon>：)")
_NO_SPACE = re.compile(_KEY + r"(?P<colon>:)(?=[^\s:/])")
_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000")

FULL_WIDTH_INDENT = (
    "行首用了全角空格“　”缩进；YAML 的缩进只能用半角空格，请把行首的全角空格换成半角空格（与上下文对齐）"
)
MERGED_ITEM = (
    "这一行以“- ”开头，像是列表的新一项，但它的缩进与上面的项不一致，被并进了上一项的文字；"
    "请让它与同一列表的其他项左对齐（若“- ”确是文字的一部分，请给整项文字加引号）"
)

# How far above a syntax error the slip that caused it may sit: the parser notices a bad key line only
# when the next line does not continue it, and blank lines or comments may come between.
_LOOK_BACK = 4


def colon_slip(line: str) -> tuple[int, str] | None:
    """(0-based column, message) when a line starts with a key followed by a full-width colon or by a
    colon without a space; None otherwise."""
    found = _FULL_WIDTH_COLON.match(line)
    if found:
        key = found["key"]
        message = f"键“{key}”后面是全角冒号“：”，YAML 只认半角冒号：请改成“{key}: ”（半角冒号后加一个空格）"
        return found.start("colon"), message
    found = _NO_SPACE.match(line)
    if found:
        key = found["key"]
        value = re.split(r"\s#", line[found.end("colon") :])[0].strip()  # without a trailing comment
        message = f"键“{key}”的冒号后面缺少空格：请写成“{key}: {value}”（半角冒号后加一个空格）"
        return found.start("colon"), message
    return None


def syntax_slip(lines: list[str], error_line: int) -> tuple[int, int, str] | None:
    """The slip behind a syntax error the parser reported at 0-based ``error_line``: (0-based line,
    0-based column, message), or None when none of the known slips is there."""
    first = max(0, error_line - _LOOK_BACK)
    for index in range(min(error_line, len(lines) - 1), first - 1, -1):
        line = lines[index]
        if _FULL_WIDTH_INDENT.match(line):
            return index, line.index("\u3000"), FULL_WIDTH_INDENT
        slip = colon_slip(line)
        if slip is not None:
            return index, slip[0], slip[1]
    return None


def merged_item(lines: list[str], line: int, value: str) -> tuple[int, int] | None:
    """Where a plain text starting on 0-based ``line`` swallowed a line that starts with “- ” (0-based
    line and column), or None. The text's continuation lines are those whose words it contains."""
    for index in range(line + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped:
            continue
        if stripped not in value:
            return None  # past the end of the text
        if stripped.startswith("- ") or stripped == "-":
            return index, len(lines[index]) - len(lines[index].lstrip())
    return None


def map_expected_hint(text: str) -> str:
    """For a text where a group of “键: 值” was expected: what in it looks like a mistyped key ("" if
    nothing does)."""
    slip = colon_slip(text)
    if slip is None:
        return ""
    return f"；{slip[1]}"


def mapping_read_from_text(value: dict[str, object]) -> str:
    """Why a text reads as a group of “键: 值”: ``巡察发现: 问题`` has a colon and a space in it."""
    first = next(iter(value), "")
    shown = f"“{first}: …”" if first else "“…: …”"
    return (
        f"这一项里有半角冒号加空格（{shown}），YAML 把它读成了“键: 值”；"
        "文字中的冒号请用全角“：”，或给整项文字加引号"
    )
