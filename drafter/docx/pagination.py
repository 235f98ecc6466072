"""Where the body ends: drafter's own count of rows and pages, on the standard's grid of 22 rows × 28 字.

The 版记 belongs at the foot of the last page, and that page should be an even one, the back of a sheet
(GB/T 9704 §7.4 and practice; a blank page before it is unnumbered, §7.5). Neither Word nor LibreOffice
can place a block "on the next even page unless this one is even and has room", so the writer decides
from this count. It holds where the page keeps the standard's grid — every row 28.95 pt, every line 28
characters of 15.75 pt, digits half a character, no automatic space between CJK and figures (autoSpaceDE
off) — which is the layout the format sets and Word keeps with the official fonts. A page that comes out
differently after editing is moved by hand, as before; the render tests measure this count against
LibreOffice's pages for every sample with a frame.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_CLOSING = set("，。、；：！？）》」』】〕”’…—")
_OPENING = set("（《「『【〔“‘")


def line_count(text: str, per_line: float, first_indent: float = 0, left_indent: float = 0) -> int:
    """Lines a paragraph takes: figures and Latin words are never broken, a closing mark that would
    start a line hangs in the margin (Word's 允许标点溢出边界), an opening mark never ends one."""
    if not text:
        return 1
    lines, used = 1, first_indent
    width = per_line
    tokens = _TOKENS.findall(text)
    for index, token in enumerate(tokens):
        size = _size(token)
        if used + size <= width + 1e-9 or (token in _CLOSING and used + size <= width + 1):
            used += size
            continue
        if token[0] in _CLOSING and used <= width:
            used += size  # hangs
            continue
        carried = 0.0
        previous = tokens[index - 1] if index else ""
        if previous and previous[-1] in _OPENING:
            carried = _size(previous)
        lines += 1
        used = left_indent + carried + size
    return lines


# A token: a run of half-width characters (a number, a Latin word; after a space, with the space), or
# any one character. Every build counts the rows of every paragraph of a framed document: a regular
# expression does the splitting at C speed.
_TOKENS = re.compile(r" ?[^ \u2e80-\U0010ffff]+|[\s\S]")


def _size(token: str) -> float:
    """Width of a token in body cells (a token of half-width characters is half a cell each)."""
    return 0.5 * len(token) if ord(token[0]) < 0x2E80 else 1.0


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph as pagination sees it: its rows, and whether it keeps with the next block."""

    rows: float
    keep_with_next: bool = False
    page_break_before: bool = False


@dataclass(frozen=True, slots=True)
class Ending:
    """Where the body ends: on which page (1-based), and how many rows of that page are used."""

    page: int
    rows_used: float


def paginate(blocks: Sequence[Block], rows_per_page: int) -> Ending:
    """Lay blocks on pages of ``rows_per_page`` rows.

    A chain of keep-with-next blocks keeps the last row of each block with the first row of what follows:
    when that does not fit, the chain starts the next page, taking the first block's last row with it (a
    standalone heading moves whole; 署名 and 成文日期 never start a page alone, 7.3.5.5).
    """
    page, used = 1, 0.0

    def add(rows: float) -> None:
        nonlocal page, used
        used += rows
        while used > rows_per_page + 1e-9:
            page, used = page + 1, used - rows_per_page

    index = 0
    while index < len(blocks):
        first = blocks[index]
        if first.page_break_before and used > 0:
            page, used = page + 1, 0.0
        end = index
        while blocks[end].keep_with_next and end + 1 < len(blocks):
            end += 1
        if end == index:
            add(first.rows)
        else:
            rest = sum(b.rows for b in blocks[index + 1 : end + 1])
            # Keep-with-next holds each block's last row to the next block's first: the chain's last
            # block needs only its first row on this page (a heading and the first line of its
            # paragraph), the rest of it flows on as any paragraph does.
            needed = rest - blocks[end].rows + min(1.0, blocks[end].rows)
            add(first.rows - 1)
            if used > 0 and used + 1 + needed > rows_per_page + 1e-9:
                page, used = page + 1, 0.0
            add(1 + rest)
        index = end + 1
    return Ending(page, used)


def rows_for(text: str, per_line: float, first_indent: float = 0, left_indent: float = 0) -> int:
    """Rows a body paragraph takes (one row per line)."""
    return line_count(text, per_line, first_indent, left_indent)


def imprint_fits(ending: Ending, rows_needed: float, rows_per_page: int) -> bool:
    """Whether the 版记 can sit at the foot of the page where the body ends: an even page with room for it
    and a row to spare between the body and its first rule."""
    return ending.page % 2 == 0 and rows_per_page - math.ceil(ending.rows_used - 1e-9) >= rows_needed + 1
