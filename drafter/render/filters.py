"""Pure functions that templates use as Jinja filters; no Jinja here, so they test on their own."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from ..core.dates import cn_date, cn_date_range, cn_month
from ..core.numerals import chinese_numeral


def cn_ordinal(n: int) -> str:
    """3 → 三, 11 → 十一: for 第三轮, 第二巡察组, 一是 … (GB/T 15835 keeps ordinals in Chinese)."""
    return chinese_numeral(n)


_CONJUNCTIONS = {"和", "及", "与", "以及"}


def cn_join(items: Iterable[object], last: str = "和") -> str:
    """Join items with 、 the way an enumeration is written.

    last="和"/"及"/"与"/"以及" puts that word before the final item (医疗、教育和粮食);
    last="等" lists every item with 、 and ends with 等 (医疗、教育、粮食等) — but one item is not an
    enumeration, and “医疗等领域” for the one field inspected says there were others;
    last="、" uses 、 throughout.
    """
    words = [str(item) for item in items]
    if not words:
        msg = "列举的内容为空，无法写成“甲、乙和丙”的形式"
        raise ValueError(msg)
    if last == "等":
        return "、".join(words) + ("等" if len(words) > 1 else "")
    if last == "、" or len(words) == 1:
        return "、".join(words)
    if last not in _CONJUNCTIONS:
        msg = f"列举的连接词只能是 和、及、与、以及、等 或 、，而不是“{last}”"
        raise ValueError(msg)
    return "、".join(words[:-1]) + last + words[-1]


def percent(numerator: float, denominator: float | None = None, digits: int = 2) -> str:
    """A ratio as a percentage, rounded half up, trailing zeros dropped: 19/25 → 76%, 688/697 → 98.71%.

    With one argument the value is already a ratio (0.7612 → 76.12%).
    """
    if denominator is not None:
        if denominator == 0:
            msg = "计算百分比时分母为 0"
            raise ValueError(msg)
        ratio = Decimal(str(numerator)) / Decimal(str(denominator))
    else:
        ratio = Decimal(str(numerator))
    quantum = Decimal(1).scaleb(-digits)
    value = (ratio * 100).quantize(quantum, rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def strip_end(text: str) -> str:
    """Drop the punctuation a sentence ends with, so a template can add its own (；or 。)."""
    return str(text).rstrip("。；;，,、 ")


FILTERS = {
    "cn_ordinal": cn_ordinal,
    "cn_date": cn_date,
    "cn_month": cn_month,
    "cn_date_range": cn_date_range,
    "cn_join": cn_join,
    "percent": percent,
    "strip_end": strip_end,
}
