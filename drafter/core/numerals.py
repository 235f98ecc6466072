"""Chinese numerals for ordinals (一、十一、二十、一百零五), written and read back."""

from __future__ import annotations

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


_VALUES = {d: i for i, d in enumerate(_DIGITS)} | {"两": 2}
_POWERS = {"十": 10, "百": 100, "千": 1000}


def parse_numeral(text: str) -> int | None:
    """Arabic digits or a Chinese numeral as officials write it (十一, 一百零五, 两) → int; else None."""
    if text.isdigit() and text.isascii():
        return int(text)
    if not text or any(ch not in _VALUES and ch not in _POWERS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _POWERS:
            total += (1 if digit is None else digit) * _POWERS[ch]
            digit = None
        elif digit is not None and ch != "零":
            return None  # two digits in a row (“二三”) are not a number
        else:
            digit = None if ch == "零" else _VALUES[ch]
    total += digit or 0
    return total if chinese_numeral(total) == text.replace("两", "二") or text == "两" else None
