"""One returned ledger cell → a typed value, or the reason it cannot be one, in the words a clerk reads.

Cells come as openpyxl gives them (str, int, float, datetime, bool or None) whichever program saved the
workbook; nothing here imports openpyxl. Each function returns (value, problem) with problem "" when the
cell is right; the caller puts the problem at the cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..core.dates import parse_date

# Excel counts days from 1899-12-30; a date cell saved as "General" shows this serial number.
EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(32874, 73051)  # 1990-01-01 … 2099-12-31: a number in this range in a date column
# ASCII digits only: \d would take full-width and other scripts' digits for a number typed as text.
_UNIT_WORDS = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(项|个|件|人|人次|万元|元|万)\s*$")
_NUMBER = re.compile(r"^\s*-?[0-9]+(?:\.[0-9]+)?\s*$")
# What a Chinese input method types in full-width mode (３, １２．５): text Excel never reads as a number.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
LONG_TERM_WORDS = ("长期", "长期坚持")
# Characters XML 1.0 forbids: a notice could not carry them (facts files refuse them the same way).
NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unprintable(text: str) -> str:
    """Why a cell's text cannot go into a document ("" when it can)."""
    found = NOT_IN_DOCUMENTS.search(text)
    if found is None:
        return ""
    return f"文字中有一个不可见的控制字符（U+{ord(found[0]):04X}），可能是从别处复制来的，请删去"


def text_of(value: object) -> str:
    """A cell as text, trimmed (numbers as written: 3, not 3.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.year}年{day.month}月{day.day}日"
    return " ".join(str(value).split())


def date_of(value: object) -> tuple[dt.date | None, str]:
    """A date cell (or a date typed as text, or an unformatted serial number) → date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if int(value) in _SERIALS:
            return EXCEL_EPOCH + dt.timedelta(days=int(value)), ""
        return None, f"应填日期，实际是数字 {text_of(value)}"
    text = str(value).strip()
    try:
        parsed = parse_date(text)
    except ValueError:
        return None, f"“{text}”不是一个存在的日期"
    if parsed is None:
        return None, f"应填日期（如 2026-8-10），实际写的是“{text}”"
    return parsed, ""


def number_of(value: object, *, whole: bool) -> tuple[float, str]:
    """A count or an amount (blank is 0); text, units and negative numbers are refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0, ""
    if isinstance(value, bool):
        return 0, f"应填数字，实际是“{text_of(value)}”"
    if isinstance(value, (int, float)):
        if value < 0:
            return 0, f"不能是负数，实际是 {text_of(value)}"
        if whole and not float(value).is_integer():
            return 0, f"应填整数，实际是 {text_of(value)}"
        return (int(value) if whole else float(value)), ""
    text = str(value).strip()
    half = text.translate(_HALF_WIDTH)
    full_width = half != text
    with_unit = _UNIT_WORDS.match(half)
    if with_unit:
        digits = "半角数字" if full_width else "数字"
        return 0, f"只填{digits}，不带单位：写 {with_unit[1]}，而不是“{text}”"
    if _NUMBER.match(half) and full_width:
        return 0, f"“{text}”是全角数字：请把输入法切换到半角后重新输入 {half}"
    if _NUMBER.match(half):
        return 0, f"“{text}”是文本格式的数字：请把单元格设为“常规”或“数值”后重新输入 {text}"
    return 0, f"应填数字，实际写的是“{text}”"


def choice_of(value: object, choices: tuple[str, ...]) -> tuple[str, str]:
    """One of the column's choices (blank is ""), with a "did you mean" when it is not."""
    text = text_of(value)
    if not text or text in choices:
        return text, ""
    hint = difflib.get_close_matches(text, choices, n=1, cutoff=0.3)
    tip = f"，是否想写“{hint[0]}”？" if hint else ""
    return "", f"只能填 {'、'.join(choices)} 之一，实际写的是“{text}”{tip}"
