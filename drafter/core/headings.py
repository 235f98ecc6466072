"""Heading labels (层次序数) of official text, written and read in one place.

GB/T 9704-2012 7.3.3 orders them 一、 → （一） → 1. → （1）. drafter writes exactly these; drafts written by
people also use half-width brackets and "1、", which are read (and checked) but never written. Inside a
paragraph, points are counted 一是、二是 …; those markers live here too.
"""

from __future__ import annotations

import re

from .numerals import chinese_numeral, parse_numeral

_CN = "一二三四五六七八九十百"
# Level by level, the labels a draft may start with. "1.5亿元" is a number, not a label (look-ahead).
_LEVEL_LABELS = (
    (1, re.compile(rf"[{_CN}]+、")),
    (2, re.compile(rf"[（(][{_CN}]+[）)]")),
    (3, re.compile(r"\d+[.．、](?!\d)")),
    (4, re.compile(r"[（(]\d+[）)]")),
)
# Any heading label at the start of a text (also （3） with Chinese brackets around digits, etc.).
_ANY_LABEL = re.compile(rf"([{_CN}]+、|[（(][{_CN}\d]+[)）]|\d+[.．、](?!\d))")
# 一是、二是 … after the start of a text or a punctuation mark; group 1 is the numeral.
POINT_RE = re.compile(r"(?:^|(?<=[，。；：、]))([一二三四五六七八九十]+)是")
_LEADING = re.compile(rf"^\s*(?:{_ANY_LABEL.pattern}|（\d+）|[一二三四五六七八九十]+是)")


def label_for(level: int, n: int) -> str:
    """The label of the n-th heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def parse_label(text: str) -> tuple[int, str]:
    """(level, label) when a paragraph starts with a heading label, else (0, "")."""
    for level, pattern in _LEVEL_LABELS:
        m = pattern.match(text)
        if m:
            return level, m[0]
    return 0, ""


def label_number(label: str) -> int | None:
    """The number a label counts: 三、 → 3, （十二） → 12, 4. → 4; None when it is not a label."""
    return parse_numeral(re.sub(r"[、.．（）()]", "", label))


def relabel(label: str, n: int) -> str:
    """The same kind of label with another number: （三） and 2 → （二）; 3、 and 4 → 4、."""
    if re.search(r"\d", label):
        return re.sub(r"\d+", str(n), label)
    return re.sub(rf"[{_CN}]+", chinese_numeral(n), label)


def starts_with_label(text: str) -> bool:
    """Whether a heading's text already carries a number that drafter would add again."""
    return _ANY_LABEL.match(text) is not None


def without_leading_label(text: str) -> str:
    """A sentence without the heading label or the 一是-style marker it starts with."""
    return _LEADING.sub("", text)
