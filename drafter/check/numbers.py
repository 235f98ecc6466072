"""L6: the numbers of a draft must agree with each other.

- The same figure stated twice for the same scope with two values (“发现问题164个” in the opening,
  “全年共发现问题171个” later; clues counted twice).
- Parts against their whole: a list after 其中/分别/包括 or a breakdown “从问题类别看，……” against
  the figure it splits; organizations inspected per round or per type against the year's total. Parts
  that add up to more than the whole are always wrong; a list that falls short is wrong when it is
  complete by its own words (one sentence listing the rounds or types, 分别, 从……看) and worth a look
  otherwise (其中 may name only some).
- The completion rate against 已完成 ÷ 反馈, and the rounds heard against the rounds held.

Every finding names the other place (paragraph and words) and what the figures should be.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from ..docx.drafts import DraftParagraph
from .coverage import UnitCount, unit_counts
from .figures import (
    METHOD_TYPES,
    NUMERAL,
    QUANTITY_BY_ID,
    Mention,
    count_value,
    mentions,
    next_period,
    sentence_bounds,
)
from .findings import Finding
from .registry import COMPLETION_RATE, FIGURE_RESTATED, PARTS_SHORT, PARTS_SUM, ROUNDS_HEARD, PythonRule
from .text_rules import excerpt

# Chinese text writes the per cent sign (and a rate's decimal point) half- or full-width: 90%, 90％, 86．56％.
_RATE = re.compile(r"(?:整改(?:完成)?|完成)率(?:为|达到|达)?(?P<rate>\d+(?:[.．]\d+)?)(?P<sign>[%％])")
_HELD = re.compile(rf"(?:开展|完成|组织|进行)(?:了)?{NUMERAL}轮(?:常规|专项)?巡察|巡察(?:共)?{NUMERAL}轮")
_HEARD = re.compile(rf"听取(?:了)?{NUMERAL}轮")
_AFTER = re.compile(r"[，、：]?(?P<marker>其中|包括|分别(?:是|为)?|具体(?:是|为|包括))[：，]?")
_START = re.compile(
    r"(?P<marker>(?:从|按)[^，。；]{0,6}?(?:类别|类型|性质|领域|方面|轮次|层级)(?:来看|看|划分|分|统计)"
    r"|(?:发现(?:的)?)?问题中)[，：]"
)
_ITEM = re.compile(r"(?P<n>\d+)(?P<unit>个|件|人次|人|项|条|名)")
_PARENS = re.compile(r"（[^（）]*）|\([^()]*\)")
# Items that say what became of part of the whole (其中立行立改21个、移交15个) are subsets, not a split:
# they may fall short of it, though never exceed it.
_HANDLING = re.compile(r"(?:督促|已经?|正在)?(?:立行立改|移交|移送|整改|完成|办结|涉及|追缴|问责|处分|约谈)")


@dataclass(frozen=True, slots=True)
class Whole:
    """A figure that a list of parts should add up to."""

    value: int
    unit: str
    noun: str
    paragraph: DraftParagraph
    start: int
    end: int

    @property
    def text(self) -> str:
        """The words of the figure as the draft has them."""
        return self.paragraph.text[self.start : self.end]


def number_findings(paragraphs: list[DraftParagraph], year: int | None) -> Iterator[Finding]:
    """Every L6 finding of one draft."""
    figures = mentions(paragraphs, year)
    units = unit_counts(paragraphs, year)
    yield from _restated(figures)
    yield from _restated_units(units)
    yield from _breakdowns(paragraphs, figures, units)
    yield from _unit_parts(units, _rounds_held(paragraphs))
    yield from _rates(figures)
    yield from _rounds_heard(paragraphs)


def _at(rule: PythonRule, message: str, p: DraftParagraph, start: int, end: int) -> Finding:
    return rule.finding(message, paragraph=p.number, col=start + 1, excerpt=excerpt(p.text, start, end))


def _restated(figures: list[Mention]) -> Iterator[Finding]:
    """The same quantity for the same scope stated with another value than the first time."""
    first: dict[tuple[str, str, str], Mention] = {}
    for m in figures:
        if not m.scope.compared:
            continue
        key = (m.quantity, m.scope.kind, m.scope.key)
        earlier = first.setdefault(key, m)
        if earlier.value != m.value:
            label = QUANTITY_BY_ID[m.quantity].label
            yield _at(FIGURE_RESTATED, _restated_message(label, m, earlier), m.paragraph, m.start, m.end)


def _restated_message(label: str, later: Mention | UnitCount, earlier: Mention | UnitCount) -> str:
    unit = later.unit if isinstance(later, Mention) else "个"
    return (
        f"“{later.text}”与第{earlier.paragraph.number}段“{earlier.text}”不一致："
        f"{label}一处是{earlier.value}{unit}，一处是{later.value}{unit}，核实后应改成同一个数"
    )


def _restated_units(units: list[UnitCount]) -> Iterator[Finding]:
    first: dict[tuple[bool, str, str, str], UnitCount] = {}
    for u in units:
        if not u.scope.compared:
            continue
        earlier = first.setdefault((u.village, u.scope.kind, u.scope.key, u.type), u)
        if earlier.value != u.value:
            message = _restated_message("巡察的党组织数", u, earlier)
            yield _at(FIGURE_RESTATED, message, u.paragraph, u.start, u.end)


def _wholes(figures: list[Mention], units: list[UnitCount]) -> list[Whole]:
    found = [
        Whole(m.value, m.unit, QUANTITY_BY_ID[m.quantity].noun, m.paragraph, m.start, m.end) for m in figures
    ]
    found += [Whole(u.value, "个", "党组织", u.paragraph, u.start, u.end) for u in units]
    return sorted(found, key=lambda w: (w.paragraph.number, w.start))


def _breakdowns(
    paragraphs: list[DraftParagraph], figures: list[Mention], units: list[UnitCount]
) -> Iterator[Finding]:
    """Lists after 其中/分别/包括, and breakdowns that open a sentence (从问题类别看，……), against
    the figure they split."""
    # Looked up per paragraph, so that a long draft costs its length, not its length squared.
    wholes: dict[int, list[Whole]] = {}
    for w in _wholes(figures, units):
        wholes.setdefault(w.paragraph.number, []).append(w)
    spans: dict[int, list[tuple[int, int]]] = {}
    for f in figures:
        spans.setdefault(f.paragraph.number, []).append((f.start, f.end))
    earlier: list[Whole] = []  # the wholes of the paragraphs before this one
    for p in paragraphs:
        here = wholes.get(p.number, [])
        for m in _AFTER.finditer(p.text):
            items = _items(p, m.end(), spans.get(p.number, []))
            if not items:
                continue
            begin = sentence_bounds(p.text, m.start())[0]
            before = [w for w in here if begin <= w.start and w.end <= m.start()]
            whole = next((w for w in reversed(before) if w.unit == items[0][2]), None)
            complete = m["marker"].startswith("分别")
            yield from _compare(p, m, items, whole, complete=complete)
        for m in _START.finditer(p.text):
            if m.start() != sentence_bounds(p.text, m.start())[0] and p.text[m.start() - 1] != "，":
                continue
            items = _items(p, m.end(), spans.get(p.number, []))
            if len(items) < 2:
                continue
            labels = m["marker"] + "".join(label for label, _, _, _ in items)
            latest = chain(reversed([w for w in here if w.start < m.start()]), reversed(earlier))
            whole = next((w for w in latest if w.unit == items[0][2] and w.noun in labels), None)
            yield from _compare(p, m, items, whole, complete=not m["marker"].endswith("问题中"))
        earlier += here


Item = tuple[str, int, str, int]  # label, value, measure word, position


def _items(p: DraftParagraph, start: int, spans: list[tuple[int, int]]) -> list[Item]:
    """(label, value, unit, position) of each item of a list from ``start`` to the sentence's end.

    The list ends at an item in another measure word, or at a figure of its own after a comma or a
    semicolon (“其中A40个、B50个，督促立行立改45个”: the last is not an item)."""
    segment = p.text[start : next_period(p.text, start)]
    segment = _PARENS.sub(lambda m: "　" * len(m[0]), segment)  # same length: positions stay right
    items: list[Item] = []
    position, separator = start, ""
    for piece in re.split(r"([，、；])", segment):
        if piece in ("，", "、", "；"):
            separator = piece
            position += 1
            continue
        chunk_start, position = position, position + len(piece)
        numbers = list(_ITEM.finditer(piece))
        if not numbers:
            continue
        last = numbers[-1]
        if items and last["unit"] != items[0][2]:
            break
        own_figure = any(s < position and chunk_start < e for s, e in spans)
        if items and own_figure and separator in "，；":
            break
        items.append((piece[: last.start()], int(last["n"]), last["unit"], chunk_start + last.start()))
    return items


def _compare(
    p: DraftParagraph,
    m: re.Match[str],
    items: list[Item],
    whole: Whole | None,
    *,
    complete: bool,
) -> Iterator[Finding]:
    if whole is None:
        return
    added = sum(value for _, value, _, _ in items)
    if added == whole.value or (len(items) < 2 and added < whole.value):
        return
    where = f"第{whole.paragraph.number}段" if whole.paragraph is not p else "前面"
    sum_text = "+".join(str(value) for _, value, _, _ in items)
    unit = whole.unit
    said = f"“{m['marker']}”后所列各项相加为{sum_text}={added}{unit}"
    start = items[0][3]
    if added > whole.value:
        message = f"{said}，多于{where}“{whole.text}”的{whole.value}{unit}；各项之和应等于{whole.value}{unit}"
        yield _at(PARTS_SUM, message, p, m.start(), start)
    elif complete:
        message = f"{said}，少于{where}“{whole.text}”的{whole.value}{unit}；各项之和应等于{whole.value}{unit}"
        yield _at(PARTS_SUM, message, p, m.start(), start)
    elif not any(_HANDLING.match(label) for label, _, _, _ in items):
        message = (
            f"{said}，比{where}“{whole.text}”少{whole.value - added}{unit}；"
            "如果是全部的分项，应等于总数（只列了一部分时可不改）"
        )
        yield _at(PARTS_SHORT, message, p, m.start(), start)


def _unit_parts(units: list[UnitCount], held: int | None) -> Iterator[Finding]:
    """Organizations inspected per round or per type against the year's total.

    Villages (村, 社区, 嘎查) are added up apart when the draft states their total apart (“巡察党组织11个、
    嘎查（社区）党组织18个”). Otherwise the total may count them (“对5个村（社区）开展提级巡察” inside
    “巡察党组织19个”) or not (“同步延伸巡察12个嘎查党组织” beside “巡察党组织10个”): parts that add up
    either way are right."""
    # Another year's counts (2025年对3个党组织开展专项巡察) are not parts of this year's total.
    counted = [u for u in units if u.scope.compared and u.scope.kind not in ("term", "year")]
    apart = any(u.village and u.scope.kind == "total" and not u.type for u in counted)
    classes = [[u for u in counted if u.village == v] for v in (False, True)] if apart else [counted]
    for mine in classes:
        total = next((u for u in mine if u.scope.kind == "total" and not u.type and not u.village), None)
        total = total or next((u for u in mine if u.scope.kind == "total" and not u.type), None)
        if total is None:
            continue
        keyed = [u for u in mine if u.key]
        by_sentence: dict[tuple[int, int], list[UnitCount]] = {}
        for u in keyed:
            by_sentence.setdefault((u.paragraph.number, u.sentence), []).append(u)
        listed = [group for group in by_sentence.values() if len(group) > 1 and _distinct(group)]
        in_lists = {id(u) for group in listed for u in group}
        for group in listed:
            yield from _unit_sum(group, total, complete=True)
        rounds = _first_by_key([u for u in keyed if u.scope.kind == "round" and id(u) not in in_lists])
        held_here = len({u.key for u in rounds})
        if held_here > 1:
            yield from _unit_sum(rounds, total, complete=held == held_here)
        types = [u for u in keyed if u.scope.kind != "round" and id(u) not in in_lists]
        ways = _first_by_key([u for u in types if u.type in METHOD_TYPES])
        types = _first_by_key([u for u in types if u.type not in METHOD_TYPES])
        if len({u.key for u in types}) > 1:
            yield from _unit_sum(types, total, complete=False, ways=ways)


def _distinct(group: list[UnitCount]) -> bool:
    return len({(u.key, u.village) for u in group}) == len(group)


def _first_by_key(units: list[UnitCount]) -> list[UnitCount]:
    first: dict[tuple[str, bool], UnitCount] = {}
    for u in units:
        first.setdefault((u.key, u.village), u)
    return list(first.values())


def _unit_sum(
    parts: list[UnitCount], total: UnitCount, *, complete: bool, ways: list[UnitCount] | None = None
) -> Iterator[Finding]:
    added = sum(u.value for u in parts)
    # With villages among the parts, the total may or may not count them.
    sums = {added, sum(u.value for u in parts if not u.village)} if any(u.village for u in parts) else {added}
    if ways:
        # 提级、联动 … said in sentences of their own may be further kinds (a unit inspected by its parent's
        # group, not in a 常规巡察) or ways of a kind already counted: parts that add up with them are right.
        sums |= {value + sum(w.value for w in ways) for value in sums}
    if total.value in sums:
        return
    last = parts[-1]
    listing = "+".join(f"{u.label}{u.value}个" for u in parts)
    said = f"分轮次、分类型巡察的党组织数 {listing}={added}个"
    where = f"第{total.paragraph.number}段“{total.text}”"
    if min(sums) > total.value or (max(sums) < total.value and complete):
        relation = "多于" if min(sums) > total.value else "少于"
        message = f"{said}，{relation}{where}的{total.value}个；各部分之和应等于{total.value}个"
        yield _at(PARTS_SUM, message, last.paragraph, last.start, last.end)
    elif max(sums) < total.value:
        message = f"{said}，比{where}少{total.value - added}个；如果已列出全部类型，应等于总数"
        yield _at(PARTS_SHORT, message, last.paragraph, last.start, last.end)
    else:
        message = f"{said}，与{where}的{total.value}个不符（算不算村、社区都对不上）；各部分之和应等于总数"
        yield _at(PARTS_SUM, message, last.paragraph, last.start, last.end)


def _rounds_held(paragraphs: list[DraftParagraph]) -> int | None:
    """The rounds of the year: the first sentence that states them (“开展2轮常规巡察和1轮专项巡察” is 3)."""
    for p in paragraphs:
        for m in _HELD.finditer(p.text):
            begin, end = sentence_bounds(p.text, m.start())
            if re.search(r"第|[前后近这每各][两二三四五六七八九十\d]*轮", p.text[begin : m.start()]):
                continue
            values = [count_value(h[1] or h[2]) for h in _HELD.finditer(p.text, begin, end)]
            return sum(v for v in values if v is not None)
    return None


def _rounds_heard(paragraphs: list[DraftParagraph]) -> Iterator[Finding]:
    held = _rounds_held(paragraphs)
    if held is None:
        return
    for p in paragraphs:
        for m in _HEARD.finditer(p.text):
            heard = count_value(m[1])
            if heard is not None and heard > held:
                message = f"听取{heard}轮巡察情况汇报，多于全年开展的{held}轮"
                yield _at(ROUNDS_HEARD, message, p, m.start(), m.end())


def _rates(figures: list[Mention]) -> Iterator[Finding]:
    """整改完成率 against 已完成 ÷ 反馈, with the two figures before it in its paragraph."""
    by_paragraph: dict[int, list[Mention]] = {}
    for f in figures:
        by_paragraph.setdefault(f.paragraph.number, []).append(f)
    for mine in by_paragraph.values():
        p = mine[0].paragraph
        for m in _RATE.finditer(p.text):
            before = [f for f in mine if f.end <= m.start()]
            done = next((f for f in reversed(before) if f.quantity == "completed"), None)
            total = next((f for f in reversed(before) if f.quantity == "feedback"), None)
            if done is None or total is None or not total.value:
                continue
            rate = m["rate"].replace("．", ".")
            stated = float(rate)
            decimals = len(rate.partition(".")[2])
            if round(100 * done.value / total.value, decimals) == stated:
                continue
            right = f"{100 * done.value / total.value:.2f}".rstrip("0").rstrip(".")
            message = (
                f"整改完成率应为 {done.value}÷{total.value}={right}%（“{total.text}”“{done.text}”），"
                f"文中写的是{m['rate']}{m['sign']}"
            )
            yield _at(COMPLETION_RATE, message, p, m.start(), m.end())
