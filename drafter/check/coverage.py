"""How many party organizations a report says were inspected: in all, per round and per type.

Reports phrase it many ways — “巡察党组织21个”, “对17个党组织开展巡察”, “第一轮巡察7个党组织”,
“首轮对县发改局等7个单位开展常规巡察”, “常规巡察10个党组织、专项巡察5个党组织”, “对3个党组织开展巡察
‘回头看’”, “完成对6个党组织的常规巡察和对2个党组织的对村（社区）巡察” — and count villages apart or
together (“巡察党组织11个、嘎查（社区）党组织18个”). Each count is read with its round (from the
sentence, see figures.scope_at), its type (the words before 巡察) and its class: village-level
organizations (村, 社区, 嘎查) are added up apart from the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.numerals import chinese_numeral
from ..docx.drafts import DraftParagraph
from .figures import COUNT, TYPES, Scope, count_value, period_start, scope_at

_NOUN = (
    r"(?:党组织|单位|部门|党委|党组|党工委|党总支|党支部|村（社区）|村\(社区\)|村|社区|嘎查"
    r"|乡镇|苏木镇|镇街|街道)"
)
# The words before the noun, which never run on into the verb (开展, 进行) or the next item.
_PHRASE = rf"(?P<noun>[^，。；、\d个开进的了对巡察]{{0,12}}{_NOUN})"
# 应巡察党组织186个 (the term's whole, a coverage rate's denominator), 未巡察, 待巡察: not inspected.
_NOT_DONE = r"(?<![应需未待尚])(?<!未开展)(?<!未进行)"
# The same said of the organizations before their count: 对尚未巡察的25个党组织, 对未开展巡察的……等25个单位.
_NOT_YET = r"(?!尚未|尚待|[应需未待](?:开展|进行)?巡察|未(?:覆盖|开展|进行))"
_NAMED = rf"(?:(?:{_NOT_YET}[^，。；]){{0,30}}?等)?"
# 对问题反映集中、情况复杂的1个党组织开展提级巡察
_DESCRIBED = rf"(?:{_NOT_YET}[^，。；\d]){{1,20}}?的"
_PATTERNS = (
    # 对（县发改局等|……的）7个单位开展常规巡察 / 对2个党组织的对村（社区）巡察 / 对3个党组织开展巡察“回头看”
    re.compile(
        rf"{_NOT_DONE}对(?:{_NAMED}|{_DESCRIBED}){COUNT}个{_PHRASE}(?:的|开展|进行|实施)?(?:了)?(?P<between>[^，。；、]{{0,16}}?)"
        r"巡察(?P<back>“?回头看”?)?"
    ),
    # 第一轮巡察7个党组织 / 常规巡察10个党组织 / 巡察了县民政局等7个党组织
    re.compile(rf"{_NOT_DONE}(?P<type>{TYPES})?巡察(?P<back>“?回头看”?)?(?:了)?{_NAMED}{COUNT}个{_PHRASE}"),
    # 巡察党组织21个 / 延伸巡察社区党组织6个
    re.compile(rf"{_NOT_DONE}(?P<type>{TYPES})?巡察(?P<back>“?回头看”?)?(?:了)?{_PHRASE}(?:共)?{COUNT}个"),
)
# The next items of a list begun by the last pattern: “巡察党组织11个、嘎查（社区）党组织18个”.
_MORE = re.compile(rf"、{_PHRASE}(?:共)?{COUNT}个")
_TYPE_IN = re.compile(rf"({TYPES}|对村|回头看)")
_VILLAGE = re.compile(r"村|社区|嘎查|居委|居民")


@dataclass(frozen=True, slots=True)
class UnitCount:
    """“N个党组织” said to be inspected, with its round, type and class."""

    value: int
    village: bool
    type: str  # "" for inspection in general
    scope: Scope  # total, term, round or narrower (the type is ``type``, not the scope)
    paragraph: DraftParagraph
    start: int
    end: int
    sentence: int  # start of the sentence (to 。) it is in: one sentence's counts form one list

    @property
    def text(self) -> str:
        """The words of the count as the draft has them."""
        return self.paragraph.text[self.start : self.end]

    @property
    def key(self) -> str:
        """What the count is a part of the total by: its round, else its type; "" for a total."""
        return f"round:{self.scope.key}" if self.scope.kind == "round" else self.type

    @property
    def label(self) -> str:
        """The part as messages name it: 第二轮, 下半年, 专项巡察, 巡察“回头看”."""
        if self.scope.kind == "round":
            number = self.scope.key
            return f"第{chinese_numeral(int(number))}轮" if number.isdigit() else number
        if self.type == "回头看":
            return "巡察“回头看”"
        return f"{self.type}巡察"


def unit_counts(paragraphs: list[DraftParagraph], year: int | None) -> list[UnitCount]:
    """Every count of inspected organizations in the draft, in order."""
    found: list[UnitCount] = []
    for p in paragraphs:
        if p.role != "body":
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            for m in pattern.finditer(p.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                kind = _type(m)
                found += _counts(p, m, kind, year)
                if pattern is _PATTERNS[-1]:
                    position = m.end()
                    while (more := _MORE.match(p.text, position)) is not None:
                        found += _counts(p, more, kind, year)
                        taken.append((more.start(), more.end()))
                        position = more.end()
    return sorted(found, key=lambda c: (c.paragraph.number, c.start))


def _type(m: re.Match[str]) -> str:
    """The type of inspection a match names: 常规, 专项, 回头看, 对村 …; "" for none."""
    groups = m.groupdict()
    if groups.get("back"):
        return "回头看"
    words = (groups.get("type") or "") + (groups.get("between") or "")
    found = _TYPE_IN.search(words)
    return found[1] if found else ""


def _counts(p: DraftParagraph, m: re.Match[str], kind: str, year: int | None) -> list[UnitCount]:
    value = count_value(m["n"])
    if value is None:
        return []
    scope = scope_at(p.text, m.start("n"), year, types=False)
    village = _VILLAGE.search(m["noun"]) is not None
    return [UnitCount(value, village, kind, scope, p, m.start(), m.end(), period_start(p.text, m.start()))]
