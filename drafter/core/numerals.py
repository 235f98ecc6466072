"""Chinese numerals for ordinals (一、十一、二十、一百零五) and the heading labels built from them."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write a non-negative integer below 10 000 the way ordinals are written in official text.

    10 → 十 and 11 → 十一 (not 一十一) when the number starts with the tens; 105 → 一百零五;
    110 → 一百一十.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n >= 10000:
        msg = f"无法写成中文数字：{n!r}（只支持 0～9999 的整数）"
        raise ValueError(msg)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    parts: list[str] = []
    pending_zero = False
    for value, name in units:
        digit = n // value % 10
        if digit == 0:
            if parts:
                pending_zero = True
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_DIGITS[digit] + name)
    return "".join(parts)


# A heading number as official text writes one: 一、 （一） 1. （1）, also with half-width brackets.
# "1.5亿元" is a number, not a label, hence the look-ahead.
_LABEL_RE = re.compile(
    r"([一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[)）]|\d+[.．、](?!\d))"
)


def starts_with_label(text: str) -> bool:
    """Whether a heading's text already carries a number that drafter would add again."""
    return _LABEL_RE.match(text) is not None
