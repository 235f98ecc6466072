"""Checks that look at more than one phrase: numbers that must agree (L6), dates (L7), paragraph ends
(L8), 一是/二是 numbering (L10), the heading sequence (L11) and what a feedback must contain (L12).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..core.headings import POINT_RE, label_number, relabel
from ..core.numerals import chinese_numeral, parse_numeral
from ..docx.drafts import DraftParagraph
from .findings import Finding
from .registry import (
    COMPLETION_RATE,
    FUTURE_DATE,
    HEADING_FULL_STOP,
    HEADING_SEQUENCE,
    HEADING_STYLE_MIXED,
    IMPOSSIBLE_DATE,
    MISSING_FULL_STOP,
    POINT_SEQUENCE,
    PROBLEM_TOTALS,
    REVERSED_RANGE,
    ROUNDS_HEARD,
    UNIT_TOTALS,
    PythonRule,
)
from .rulebook import RuleSet
from .text_rules import excerpt

_COUNT = r"(\d+|[一二两三四五六七八九十]+)"
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_RANGE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_RATE = re.compile(r"反馈问题(\d+)个[^。]*?已完成(?:整改)?(\d+)个[^。]*?整改完成率(\d+(?:\.\d+)?)%")
_ROUNDS_HELD = re.compile(rf"开展{_COUNT}轮巡察")
_ROUNDS_HEARD = re.compile(rf"听取(?:了)?{_COUNT}轮")
_UNITS_TOTAL = re.compile(r"巡察(?:了)?党组织(\d+)个|巡察(\d+)个党组织")
_UNITS_PART = re.compile(r"对(\d+)个(?:党组织|单位)(?:的|开展)?(?:常规|专项|机动|提级|交叉)?巡察")
# Only totals are compared: "第一轮发现问题80个" next to "全年共发现问题186个" is not a contradiction.
_PROBLEMS = re.compile(r"(?:全年|共|累计|合计)[^，。；\d]{0,8}?发现问题(\d+)个")
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
        _numbers(paragraphs),
        _dates(paragraphs, date),
        _paragraph_ends(paragraphs),
        _points(paragraphs),
        _headings(paragraphs),
    )
    for check in checks:
        findings += [f for f in check if rules.enabled(f.rule, f.code)]
    findings += [f for f in _feedback(paragraphs, rules) if rules.enabled(f.rule, f.code)]
    return findings


def _finding(rule: PythonRule, message: str, p: DraftParagraph, m: re.Match[str]) -> Finding:
    return rule.finding(
        message, paragraph=p.number, col=m.start() + 1, excerpt=excerpt(p.text, m.start(), m.end())
    )


def _numbers(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    """L6: a completion rate that is not 已完成 ÷ 反馈; rounds heard > rounds held; totals that differ."""
    held: int | None = None
    totals: list[tuple[int, DraftParagraph, re.Match[str]]] = []
    problems: list[tuple[int, DraftParagraph, re.Match[str]]] = []
    for p in paragraphs:
        yield from _wrong_rates(p)
        for m in _ROUNDS_HELD.finditer(p.text):
            held = held if held is not None else parse_numeral(m[1])
        for m in _ROUNDS_HEARD.finditer(p.text):
            heard = parse_numeral(m[1])
            if held is not None and heard is not None and heard > held:
                message = f"听取{heard}轮巡察情况汇报，多于全年开展的{held}轮"
                yield _finding(ROUNDS_HEARD, message, p, m)
        totals += [(int(m[1] or m[2]), p, m) for m in _UNITS_TOTAL.finditer(p.text)]
        problems += [(int(m[1]), p, m) for m in _PROBLEMS.finditer(p.text)]
    for p in paragraphs:
        parts = list(_UNITS_PART.finditer(p.text))
        if len(parts) >= 2 and len({t for t, _, _ in totals}) == 1:
            total, where, _ = totals[0]
            added = sum(int(m[1]) for m in parts)
            if added != total:
                message = f"各类巡察的单位数相加为{added}个，与第{where.number}段的总数{total}个不一致"
                yield _finding(UNIT_TOTALS, message, p, parts[0])
    if len({n for n, _, _ in problems}) > 1:
        first = problems[0]
        for n, p, m in problems[1:]:
            if n != first[0]:
                message = f"发现问题总数{n}个，与第{first[1].number}段的{first[0]}个不一致"
                yield _finding(PROBLEM_TOTALS, message, p, m)


def _wrong_rates(p: DraftParagraph) -> Iterator[Finding]:
    """L6: a completion rate that is not 已完成 ÷ 反馈, to as many decimals as the text gives."""
    for m in _RATE.finditer(p.text):
        total, done, stated = int(m[1]), int(m[2]), float(m[3])
        decimals = len(m[3].partition(".")[2])
        if total and round(100 * done / total, decimals) != stated:
            right = f"{100 * done / total:.2f}".rstrip("0").rstrip(".")
            message = f"整改完成率应为 {done}÷{total}={right}%，文中写的是{m[3]}%"
            yield _finding(COMPLETION_RATE, message, p, m)


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
    for requirement in rules.feedback_require:
        if not re.search(requirement.pattern, text):
            yield Finding(
                code="L12", severity=requirement.severity, message=requirement.message, rule=requirement.id
            )
