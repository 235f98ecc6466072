"""Checks that look at more than one phrase: dates (L7), paragraph ends (L8), 一是/二是 numbering (L10),
the heading sequence (L11) and what a feedback must contain (L12); the numbers (L6) are numbers.py's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..core.headings import POINT_RE, label_number, relabel
from ..core.numerals import chinese_numeral, parse_numeral
from ..docx.drafts import DraftParagraph
from .figures import document_year
from .findings import Finding
from .numbers import number_findings
from .org import GENERIC_WORDS
from .registry import (
    FUTURE_DATE,
    HEADING_ALONE,
    HEADING_FULL_STOP,
    HEADING_SEQUENCE,
    HEADING_STYLE_MIXED,
    IMPOSSIBLE_DATE,
    MISSING_FULL_STOP,
    POINT_ALONE,
    POINT_SEQUENCE,
    REVERSED_RANGE,
    PythonRule,
)
from .rulebook import RuleSet
from .text_rules import excerpt

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_RANGE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_ENDINGS = tuple("。！？：；”’）…」』》")
_DATE_ONLY = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def document_date(paragraphs: list[DraftParagraph]) -> dt.date | None:
    """The 成文日期: the last paragraph that is only a date (as under a signature)."""
    for paragraph in reversed(paragraphs):
        if _DATE_ONLY.fullmatch(paragraph.text):
            m = _DATE.match(paragraph.text)
            assert m is not None
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def structure_findings(
    paragraphs: list[DraftParagraph], rules: RuleSet, date: dt.date | None
) -> list[Finding]:
    """Every finding of this module for one document."""
    findings: list[Finding] = []
    checks = (
        number_findings(paragraphs, document_year(paragraphs, date.year if date else None)),
        _dates(paragraphs, date),
        _paragraph_ends(paragraphs),
        _points(paragraphs),
        _lone_points(paragraphs),
        _headings(paragraphs),
        _lone_headings(paragraphs),
    )
    for check in checks:
        findings += [f for f in check if rules.enabled(f.rule, f.code)]
    findings += [f for f in _feedback(paragraphs, rules) if rules.enabled(f.rule, f.code)]
    return findings


def _finding(rule: PythonRule, message: str, p: DraftParagraph, m: re.Match[str]) -> Finding:
    return rule.finding(
        message, paragraph=p.number, col=m.start() + 1, excerpt=excerpt(p.text, m.start(), m.end())
    )


def _dates(paragraphs: list[DraftParagraph], date: dt.date | None) -> Iterator[Finding]:
    """L7: impossible dates, ranges that end before they start, dates after the 成文日期."""
    for p in paragraphs:
        for m in _DATE.finditer(p.text):
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                yield _finding(IMPOSSIBLE_DATE, f"日期不存在：{m[0]}", p, m)
                continue
            deadline = re.match(r"[）)]?(之|以)?前", p.text[m.end() :]) is not None
            # A deadline (“于2026年8月10日前报送”) is meant to lie after the document's date.
            if date is not None and day > date and p.role != "date" and not deadline:
                message = f"{m[0]}晚于成文日期{date.year}年{date.month}月{date.day}日"
                yield _finding(FUTURE_DATE, message, p, m)
        for m in _RANGE.finditer(p.text):
            try:
                start = dt.date(int(m[1]), int(m[2]), int(m[3]))
                end = dt.date(int(m[4] or m[1]), int(m[5]), int(m[6]))
            except ValueError:
                continue
            if end < start:
                yield _finding(REVERSED_RANGE, "起止日期颠倒：结束早于开始", p, m)


def _paragraph_ends(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L8: a body paragraph without closing punctuation; a stand-alone level-1 heading with 。."""
    for p in paragraphs:
        text = p.text
        if p.role != "body":
            continue
        if p.level == 1 and text.endswith("。") and "。" not in text[:-1]:
            message = "一级标题单独成行时，末尾不加句号"
            m = re.search(r"。$", text)
            assert m is not None
            yield _finding(HEADING_FULL_STOP, message, p, m)
        elif p.level == 0 and len(text) > 15 and not text.endswith(_ENDINGS):
            m = re.search(r".{1,6}$", text)
            assert m is not None
            yield _finding(MISSING_FULL_STOP, "段末缺少句号等结束标点", p, m)


def _points(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L10: 一是、二是 … that repeat or skip."""
    for p in paragraphs:
        previous = 0
        for m in POINT_RE.finditer(p.text):
            n = parse_numeral(m[1]) or 0
            if n == 1:
                previous = 1
                continue
            if previous and n != previous + 1:
                expected = chinese_numeral(previous + 1)
                message = f"“{m[1]}是”接在“{chinese_numeral(previous)}是”之后，应为“{expected}是”"
                yield _finding(POINT_SEQUENCE, message, p, m)
            previous = n


def _lone_points(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L10: a list that starts “一是……” and has no 二是 before the next 一是 or the next heading.

    Points may run over several paragraphs (“一是……。” in one, “二是……。” in the next), so a list
    lasts until a heading, which starts another part of the text."""
    opened: tuple[DraftParagraph, re.Match[str]] | None = None
    for p in paragraphs:
        if p.level and opened is not None:
            yield _lone_point(*opened)
            opened = None
        for m in POINT_RE.finditer(p.text):
            n = parse_numeral(m[1])
            if n == 1:
                if opened is not None:
                    yield _lone_point(*opened)
                opened = (p, m)
            elif n is not None and n > 1:
                opened = None
    if opened is not None:
        yield _lone_point(*opened)


def _lone_point(p: DraftParagraph, m: re.Match[str]) -> Finding:
    message = "写了“一是”，后面却没有“二是”：只有一点时不用“一是”，有几点时逐一写出"
    return _finding(POINT_ALONE, message, p, m)


def _lone_headings(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L11: a heading level used once under its parent: “（一）” with no “（二）” under one “一、”,
    or a whole text whose only level-1 heading is “一、”. (A lone “1.” under “（一）” is left alone: a
    feedback's category with one problem is often numbered so.)"""
    whole: list[DraftParagraph] = []
    under: list[DraftParagraph] = []
    for p in paragraphs:
        if p.level == 1 and p.label:
            yield from _alone(under)
            under = []
            whole.append(p)
        elif p.level == 2 and p.label:
            under.append(p)
    yield from _alone(under)
    yield from _alone(whole)


def _alone(group: list[DraftParagraph]) -> Iterator[Finding]:
    if len(group) != 1 or label_number(group[0].label) != 1:
        return
    p = group[0]
    m = re.match(re.escape(p.label), p.text)
    assert m is not None
    message = f"这一级只有“{p.label}”，没有“{relabel(p.label, 2)}”：只有一项时不用编号，有几项时逐一编号"
    yield _finding(HEADING_ALONE, message, p, m)


def _headings(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L11: heading numbers run 一、二、三 and restart under each higher heading; 1. not mixed with 1、."""
    counters = [0, 0, 0, 0]
    level3_styles: dict[str, DraftParagraph] = {}
    for p in paragraphs:
        if not p.level or not p.label:
            continue
        n = label_number(p.label)
        if n is None:
            continue
        index = p.level - 1
        expected = counters[index] + 1
        if n != expected:
            message = f"标题序号“{p.label}”不连续，这里应为第{expected}个（{relabel(p.label, expected)}）"
            m = re.match(re.escape(p.label), p.text)
            assert m is not None
            yield _finding(HEADING_SEQUENCE, message, p, m)
        counters[index] = n
        for deeper in range(index + 1, 4):
            counters[deeper] = 0
        if p.level == 3:
            level3_styles.setdefault(p.label[-1], p)
    if "、" in level3_styles and len(level3_styles) > 1:
        p = level3_styles["、"]
        m = re.match(re.escape(p.label), p.text)
        assert m is not None
        message = "三级标题序号混用了“1、”和“1.”，应统一写作“1.”"
        yield _finding(HEADING_STYLE_MIXED, message, p, m)


def _feedback(paragraphs: list[DraftParagraph], rules: RuleSet) -> Iterator[Finding]:
    """L12: a feedback must state the report deadline, the disclosure and the handling of clues."""
    if not rules.feedback_detect:
        return
    text = "\n".join(p.text for p in paragraphs)
    if not re.search(rules.feedback_detect, text):
        return
    words = rules.org.words() if rules.org is not None else {}
    for requirement in rules.feedback_require:
        if not re.search(requirement.pattern, text):
            message = requirement.message
            for key, generic in GENERIC_WORDS.items():
                message = message.replace(key, words.get(key) or generic)
            yield Finding(code="L12", severity=requirement.severity, message=message, rule=requirement.id)
