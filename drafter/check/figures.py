"""The figures a draft states, read with the scope they are stated for.

A report gives the year's totals in its opening (“全年开展3轮巡察，巡察党组织21个，发现问题236个”) and
again later, and splits them by round, by type of inspection or by category. Comparing “发现问题186个”
with “第一轮发现问题80个” would be wrong, so every figure carries a scope read from its sentence: the
year's total, one round (第二轮, 首轮, 下半年), one type (专项巡察), another year (2025年, 去年), the term
(本届以来, “十四五”时期, 累计), something narrower (其中, 如, 有的, 在对……的巡察中) or a plan (明年, 下一步,
拟, 将对), neither of which is compared.

Sentences end at 。！？ and at ；, which separates the items of a list of rounds; a scope word at the
start of a sentence (“第一轮巡察中，……”) covers the whole sentence, one inside a clause covers the rest
of that clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.levels import OWN_LEVELS
from ..core.numerals import parse_numeral
from ..docx.drafts import DraftParagraph

# Counts of things are written in digits (GB/T 15835); rounds may be written 两轮, 三轮.
NUMERAL = r"(\d+|[一二两三四五六七八九十百]+)"
COUNT = rf"(?P<n>{NUMERAL[1:-1]})"
DIGITS = r"(?P<n>\d+)"


@dataclass(frozen=True, slots=True)
class Quantity:
    """Something a report counts, the ways it is written, and the word its parts repeat."""

    id: str
    label: str  # what messages call it
    noun: str  # the word a breakdown's items repeat (“……方面的问题6个”)
    patterns: tuple[re.Pattern[str], ...]


def _q(id_: str, label: str, noun: str, *patterns: str) -> Quantity:
    return Quantity(id_, label, noun, tuple(re.compile(p) for p in patterns))


# Only totals are compared, so a pattern may be loose about what precedes it; what follows the number is
# strict (its measure word), so that “发现问题凭证15份” is not a count of problems.
QUANTITIES = (
    _q(
        "problems",
        "发现问题",
        "问题",
        rf"(?:发现|查找|查摆)(?:了|出)?(?:各类|突出|主要|具体)?问题(?:共|共计|总计)?{DIGITS}(?P<unit>个|项|条)",
        rf"(?:发现|查找|查摆)(?:了|出)?(?:各类)?{DIGITS}(?P<unit>个|项|条)(?:各类|突出|主要|具体)?问题",
    ),
    _q(
        "feedback",
        "反馈问题",
        "问题",
        rf"反馈(?:的)?(?:各类)?问题(?:共|共计)?{DIGITS}(?P<unit>个|项|条)",
        rf"反馈(?:的)?(?:[^，。；\d]{{0,3}}\d+个方面)?(?:共)?{DIGITS}(?P<unit>个|项|条)问题",
    ),
    _q(
        "completed",
        "已完成整改",
        "完成",
        rf"已(?:督促)?(?:完成|整改完成|整改到位|办结|销号)(?:整改)?(?:问题)?{DIGITS}(?P<unit>个|项|条)",
        rf"(?<!未)(?<!已)完成整改(?:的)?(?:问题)?{DIGITS}(?P<unit>个|项|条)",
    ),
    _q(
        "clues",
        "问题线索",
        "线索",
        rf"(?:移交|移送|转交|发现|收到)[^，。；]{{0,12}}?线索(?:共|共计)?{DIGITS}(?P<unit>件|条)",
        rf"(?:移交|移送|转交)(?:了)?(?:问题)?线索(?:共)?{DIGITS}(?P<unit>件|条)",
    ),
    _q(
        "clue_persons",
        "问题线索涉及的人数",
        "人",
        rf"线索[^。；]{{0,20}}?(?P<figure>涉及(?:的)?{DIGITS}(?P<unit>人|名))",
    ),
    _q(
        "talks",
        "个别谈话人次",
        "谈话",
        rf"个别谈话(?:共)?{DIGITS}(?P<unit>人次|人)",
        rf"与{DIGITS}(?P<unit>名|人)[^，。；\d]{{0,10}}?(?:进行了?|开展了?)?(?:个别)?谈话",
    ),
    _q(
        "petitions",
        "受理信访举报",
        "信访",
        rf"受理(?:群众)?(?:信访举报|来信来访|信访件|信访)(?:共)?{DIGITS}(?P<unit>件次|件|次)",
    ),
    _q("immediate", "立行立改", "立行立改", rf"立行立改(?:问题)?(?:共)?{DIGITS}(?P<unit>个|项)"),
)

# Words that make a figure the year's (or the document's) total.
_REGIONS = "|".join(level.region for level in OWN_LEVELS.values())
_TOTAL = re.compile(rf"全年|今年以来|年内|本年度|一年来|{_REGIONS}|共计|总计|合计|共")
_TERM = re.compile(
    r"本届|届内|换届以来|“?十[三四五]五”?(?:时期|期间|以来)|(\d{4})年以来|"
    r"[一二三四五六七八九十]+届[^，。；]{0,8}?以来"  # 十五届县委以来
)
# 累计 adds up since a start it does not name; in a report that is the term's (截至12月15日，已累计巡察党组织
# 161个), unless the sentence names the year itself: 全年累计, 今年以来累计, 2026年累计 are the year's. The
# year word wins though 累计 stands nearer the figure, because it says which period and 累计 only says that
# the figure is a sum (as 共计, 合计 and 总计 do, which stay totals).
_CUMULATIVE = re.compile(r"累计")
_THIS_YEAR = re.compile(r"全年|今年|年内|本年度|一年来")
# Another year's figures (“2025年巡察反馈问题150个” in a 2026 report; 去年): a scope of their own. A full
# date (截至2026年12月15日) says when, not which year's.
_YEAR = re.compile(r"(\d{4})年(?:度)?(?!\d{1,2}月)|(去年|上年度|上一年度?)")
_ROUND = re.compile(r"第([一二三四五六七八九十\d]+)(?:轮|批)|(首)轮|([上下])半年|(上一?|前一)轮")
_SEVERAL_ROUNDS = re.compile(r"[前后近这][两二三四五六七八九十\d]+轮|各轮|每轮")
# A figure about part of the whole: a list's items, an example, one unit's inspection, a sample.
_NARROWER = re.compile(
    r"其中|例如|比如|如[在对]|有的|个别(?!谈话)|某|该单位|其余|部分|抽查|核查|经查|随机|"
    r"在对[^，。；]{1,30}?(?:巡察|检查)|对[^，。；]{1,30}?的(?:巡察|检查)(?:中|时)|巡察[^，。；]{1,20}?时"
)
# A plan: 明年计划开展3轮巡察，对25个党组织开展巡察; 下一步，拟对……; 2027年将对……. Not this year's figures,
# nor another year's to compare with each other (plans are revised). 计划 is the verb, not 按照计划 or
# 工作计划开展…… (done as planned); 将 is “will” (将对, 将于, 将继续), not 把 (将15件问题线索移交……).
_PLAN = re.compile(
    r"明年|来年|(?<!以)下一?年度?|一年后|下一步|下一轮|今后|力争|争取|预计|即将|"
    r"(?<![模草])拟(?!定)|(?<![按照依据划])计划(?=[于在对开组完实再用\d一二两三四五六七八九十])|"
    r"(?<![已把])将(?=[于对开组完实再力继持进])"
)
# Types of inspection; the words that are ways of inspecting (提级巡察 of a unit also counted under
# 常规巡察) are only summed when a sentence lists them with the others.
TYPES = "常规|专项|机动|提级|交叉|联动|延伸"
METHOD_TYPES = frozenset({"提级", "交叉", "联动", "延伸"})
_TYPE = re.compile(rf"({TYPES}|对村)(?:[^，。；、]{{0,4}}?)巡察|巡察“?(回头看)”?")

_SENTENCE_END = re.compile(r"[。！？；]")
_PERIOD = re.compile(r"[。！？]")
_CLAUSE_END = re.compile(r"[，：]")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a figure counts: ``kind`` is total, term, year, round, type, narrower or plan; ``key`` the
    year, round or type."""

    kind: str
    key: str = ""

    @property
    def compared(self) -> bool:
        """Whether figures of this scope are compared with each other at all."""
        return self.kind not in ("narrower", "plan")


TOTAL = Scope("total")


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure in one paragraph."""

    quantity: str
    value: int
    unit: str
    paragraph: DraftParagraph
    start: int
    end: int
    scope: Scope
    sentence: int  # the sentence's start in the paragraph: figures of one sentence belong together

    @property
    def text(self) -> str:
        """The words of the figure as the draft has them."""
        return self.paragraph.text[self.start : self.end]


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the sentence (or ；-item) around position ``at``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    end = _SENTENCE_END.search(text, at)
    return start, end.end() if end else len(text)


def document_year(paragraphs: list[DraftParagraph], date_year: int | None) -> int | None:
    """The year a draft reports on: its date's, else the first year its title or opening names."""
    if date_year is not None:
        return date_year
    for p in paragraphs[:4]:
        m = re.search(r"(\d{4})年", p.text)
        if m:
            return int(m[1])
    return None


def period_start(text: str, at: int) -> int:
    """Where the sentence around ``at`` starts, counting only full stops (a list's ；-items are one)."""
    start = 0
    for m in _PERIOD.finditer(text, 0, at):
        start = m.end()
    return start


def next_period(text: str, at: int) -> int:
    """Where the sentence that goes on at ``at`` ends (at its full stop, or the paragraph's end)."""
    m = _PERIOD.search(text, at)
    return m.start() if m else len(text)


def scope_at(text: str, start: int, year: int | None, *, types: bool = True) -> Scope:
    """The scope of a figure starting at ``start``: from the sentence's first clause and the figure's own
    clause up to the figure. Without ``types``, a type of inspection nearby does not narrow it (a count
    of organizations says its own type)."""
    begin, _ = sentence_bounds(text, start)
    clause = begin
    for m in _CLAUSE_END.finditer(text, begin, start):
        clause = m.end()
    first = _CLAUSE_END.search(text, begin, start)
    topic = text[begin : first.start()] if first and first.end() <= clause else ""
    _, end = sentence_bounds(text, start)
    if topic and re.search(r"\d", topic) and _ROUND.search(text, first.end() if first else begin, end):
        topic = ""  # “第一轮……5个，第二轮……3个”: the first clause is an item of a list, not a topic
    own = text[clause:start]
    context = f"{topic}，{own}"
    if _NARROWER.search(context) or _SEVERAL_ROUNDS.search(context):
        return Scope("narrower")
    if _is_plan(context):
        return Scope("plan")
    period = _period(text, start, year, topic, own)
    if period is not None:
        return period
    rounds = {_round_key(m) for m in _ROUND.finditer(own)} or {_round_key(m) for m in _ROUND.finditer(topic)}
    if len(rounds) > 1:
        return Scope("narrower")
    if rounds:
        return Scope("round", rounds.pop())
    if not types:
        return TOTAL
    found = {type_key(m) for m in _TYPE.finditer(own)} or {type_key(m) for m in _TYPE.finditer(topic)}
    if len(found) == 1 and not _TOTAL.search(own) and not _CUMULATIVE.search(own):
        return Scope("type", found.pop())
    return TOTAL


def _period(text: str, start: int, year: int | None, topic: str, own: str) -> Scope | None:
    """The term's or another year's scope when the figure's words say so; None for this year's."""
    context = f"{topic}，{own}"
    term = _TERM.search(context)
    if term is None and not _TOTAL.search(context):
        # A ；-item goes on with its sentence's term: “十五届县委以来已巡察党组织161个……；已巡察村（社区）
        # 党组织203个” counts both since the term began.
        term = _TERM.search(text, period_start(text, start), start)
    if term and not (term[1] and year is not None and int(term[1]) >= year):
        return Scope("term")
    years = [*_YEAR.finditer(own), *_YEAR.finditer(topic)]  # the figure's own clause says it first
    if _CUMULATIVE.search(context) and not years and not _THIS_YEAR.search(context):
        return Scope("term")
    other_year = next((m for m in years if m[2] or year is None or int(m[1]) != year), None)
    if years and not years[0][2] and year is not None and int(years[0][1]) == year:
        other_year = None  # “2026年，……” of a 2026 report: this year's
    if other_year is not None:
        last = str(year - 1) if year is not None else "去年"
        return Scope("year", last if other_year[2] else other_year[1])
    return None


# 计划 is a plan only as a verb: not the plan a thing was done by (根据年度巡察计划对…开展了巡察,
# 按照工作计划开展…), not a 年度计划 or 工作计划, not with a 了 after it (计划对9个党组织开展了巡察).
_BY_PLAN = re.compile(r"(?:按|根据|依据|依照|对照|年度|工作|巡察)[^，。；]{0,10}$")
_DONE = re.compile(r"[^，。；]{0,20}?了")


def _is_plan(context: str) -> bool:
    """Whether a figure's context says it is planned, not done."""
    for m in _PLAN.finditer(context):
        if m[0] != "计划":
            return True
        if _BY_PLAN.search(context, 0, m.start()) or _DONE.match(context, m.end()):
            continue
        return True
    return False


def _round_key(m: re.Match[str]) -> str:
    if m[2]:
        return "1"
    if m[3]:
        return f"{m[3]}半年"
    if m[4]:
        return "上一轮"  # a 回头看's earlier round: its figures are that round's, not this one's
    number = parse_numeral(m[1])
    return str(number) if number is not None else m[1]


def type_key(m: re.Match[str]) -> str:
    """The type a _TYPE match names: 常规, 专项, 回头看 …"""
    return m[1] or m[2]


def count_value(text: str) -> int | None:
    """A count as written: 186, 两, 十二."""
    return parse_numeral(text)


def mentions(paragraphs: list[DraftParagraph], year: int | None) -> list[Mention]:
    """Every figure of the catalogue in the draft, in order, each with its scope."""
    found: list[Mention] = []
    for p in paragraphs:
        if p.role != "body":
            continue
        taken: list[tuple[int, int]] = []
        for quantity in QUANTITIES:
            for pattern in quantity.patterns:
                for m in pattern.finditer(p.text):
                    # A pattern may need words before the figure (线索……涉及15人) that are not the figure.
                    start, end = m.span("figure") if m.groupdict().get("figure") else m.span()
                    value = count_value(m["n"])
                    if value is None or any(s < end and start < e for s, e in taken):
                        continue
                    taken.append((start, end))
                    at = m.start("n")
                    scope = scope_at(p.text, at, year)
                    sentence = sentence_bounds(p.text, at)[0]
                    found.append(Mention(quantity.id, value, m["unit"], p, start, end, scope, sentence))
    return sorted(found, key=lambda x: (x.paragraph.number, x.start))


QUANTITY_BY_ID = {q.id: q for q in QUANTITIES}
