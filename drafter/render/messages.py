"""Jinja's English error messages in Chinese: undefined facts, syntax errors and the sandbox's refusals.

The patterns are kept as text and compiled by ``re`` the first time a message needs them: they are only
read when something went wrong, and compiling them all took part of every build's start.
"""

from __future__ import annotations

import re

_UNDEFINED_PATTERNS = (r"'(.+?)' is undefined", r"has no attribute '(.+?)'", r"has no element (.+)")
TEMPLATE_UNDEFINED = (
    "模板用到的事实“{0}”在事实文件里没有",
    "模板用到的第 {0} 项在事实文件里没有",
    "模板用到的事实不存在：{0}",
)
TEXT_UNDEFINED = ("用到的变量“{0}”没有提供", "用到的第 {0} 项没有提供", "用到的变量不存在：{0}")


def undefined_message(text: str, wording: tuple[str, str, str] = TEMPLATE_UNDEFINED) -> str:
    """What is missing, in Chinese, from Jinja's UndefinedError text."""
    named, element, other = wording
    for pattern in _UNDEFINED_PATTERNS:
        m = re.search(pattern, text)
        if m:
            return (element if "element" in pattern else named).format(m[1])
    return other.format(text)


_SYNTAX_PATTERNS = (
    # Jinja writes it with a capital in templates, in lower case after a print statement: "{{ x".
    (r"(?i)unexpected end of template, expected 'end of print statement'", "模板意外结束：缺少“}}}}”"),
    (r"(?i)unexpected end of template", "模板意外结束"),
    (r"Encountered unknown tag '(.+?)'", "不认识的标签“{0}”"),
    (r"expected token '(.+?)', got '(.+?)'", "这里应为“{0}”，却是“{1}”"),
    (r"unexpected '(.+?)'", "这里不该有“{0}”"),
    (r"unexpected char '(.+?)'", "这里不该有字符“{0}”"),
)
_LOOKING_FOR = r"looking for the following tags: (.+?)\."


def syntax_message(text: str | None) -> str:
    """Jinja's common syntax errors in Chinese, with the closing tag it looked for; others as they are."""
    text = text or ""
    for pattern, message in _SYNTAX_PATTERNS:
        m = re.search(pattern, text)
        if m:
            wanted = re.search(_LOOKING_FOR, text)
            tags = wanted[1].replace("'", "").replace(" or ", " 或 ") if wanted else ""
            hint = f"（缺少 {tags}）" if tags else ""
            return message.format(*m.groups()) + hint
    return text


_SECURITY_PATTERNS = (
    (r"access to attribute '(.+?)' of '(.+?)' object is unsafe", "不允许访问“{0}”"),
    (r"Range too big", "range() 的范围太大（上限 100000）"),
    (r"(.+?) is not safely callable", "不允许调用“{0}”"),
    (r"unsafe", "不允许的操作"),
)


def security_message(text: str) -> str:
    """Jinja's sandbox speaks English; our own refusals (“*”, “**”) are Chinese already."""
    for pattern, message in _SECURITY_PATTERNS:
        m = re.search(pattern, text)
        if m:
            return message.format(*m.groups())
    return text
