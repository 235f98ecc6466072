"""Which party committee a draft speaks for, read from the draft when nobody said it.

A draft written by anyone says who wrote it: its 署名 (中共清江区委, 中共查干旗农牧局党组, 青山县委巡察办),
its title or 版头 (中共宁川市委关于……的报告), and whom it is sent to (中共江州市委：). Failing those,
its own running text names its committee (区委高度重视……). The province-level committee is read the
same way when the level does not settle it (every 旗 is in 内蒙古; a county may be in a province or in
广西): the draft's own word for it, 省委 or 自治区党委, whichever it uses more.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..core.levels import DEFAULT_PARENT, OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS, default_province
from ..docx.drafts import DraftParagraph
from .org import NAME_START, Org

_OWN = "|".join(OWN_LEVELS)
_PARENT = "|".join(lv.committee.removesuffix("委") for lv in PARENT_LEVELS.values())
# 社区、园区、自治区、开发区 … end in 区 without being a district.
_NOT_DISTRICT = r"(?<![社园治景片街矿发])"
# A committee, or a body of it (巡察办, 第二巡察组), or a unit of that level (县水利局党组).
_OWN_NAME = re.compile(
    rf"(?:中共|中国共产党)?(?P<place>[\u4e00-\u9fff]{{0,8}}?){_NOT_DISTRICT}(?P<level>{_OWN})"
    r"(?P<body>委(?:员会)?|[\u4e00-\u9fff]{1,14}?(?:党组|党委|党工委|党总支|党支部))"
)
_PARENT_NAME = re.compile(rf"(?:中共|中国共产党)(?P<place>[\u4e00-\u9fff]{{1,8}}?)(?P<level>{_PARENT})委")
# The four municipalities directly under the central government: their districts' province level is
# the municipality's own 市委.
_MUNICIPALITY = re.compile(r"北京|天津|上海|重庆")
# A committee word standing as a name in running text, not ending a place name (see org.NAME_START).
_TEXT_COMMITTEE = re.compile(rf"{NAME_START}(?P<level>{_OWN})委(?!员)")
# The province-level words a draft may use for its own province (a municipality's 市委 is also every
# city's, so it tells nothing).
_PROVINCE = PROVINCE_LEVELS["省"].committee
_AUTONOMOUS = PROVINCE_LEVELS["自治区"].committee
_PROVINCE_WORD = re.compile(rf"{NAME_START}(?P<word>{_PROVINCE}|{_AUTONOMOUS})")


@dataclass(frozen=True, slots=True)
class Inferred:
    """An organization read from a draft, and the words it was read from."""

    org: Org
    source: str  # “署名“中共清江区委””


def infer_org(paragraphs: list[DraftParagraph], extra: tuple[str, ...] = ()) -> Inferred | None:
    """The committee a draft speaks for: from its 署名, its title or 版头, then its running text.

    ``extra`` are lines a .docx keeps outside its paragraphs (a 署名 in a table, the document title)."""
    signatures = [p.text for p in paragraphs if p.role == "signature"]
    frame = [p.text for p in paragraphs if p.role == "frame"]  # 版头 (中共清河县委文件) and 版记
    opening = _opening(paragraphs)
    heads = [p.text for p in opening if p.role in ("title", "body") and not p.text.endswith("。")]
    sources = (("署名", signatures), ("版头", frame), ("标题", heads), ("署名", list(extra)))
    for where, texts in sources:
        for text in texts:
            own = _OWN_NAME.search(text)
            if own is not None:
                org = _with_parent(_org_named(own), paragraphs)
                return Inferred(org, f"{where}“{own[0]}”")
    counts = Counter(m["level"] for p in paragraphs for m in _TEXT_COMMITTEE.finditer(p.text))
    (level, n), *rest = counts.most_common() or [("", 0)]
    # 市委 may be ours (a county-level city) or the parent's: the text alone cannot tell.
    if level and level != "市" and n >= 3 and all(n >= 3 * other for _, other in rest):
        org = _with_parent(Org(level, DEFAULT_PARENT.get(level)), paragraphs)
        return Inferred(org, f"正文中的“{OWN_LEVELS[level].committee}”（{n}处）")
    return None


def _org_named(m: re.Match[str]) -> Org:
    level = m["level"]
    committee = m[0] if m["body"].startswith("委") else None
    name = committee if committee and committee.startswith(("中共", "中国共产党")) else None
    province = "直辖市" if _MUNICIPALITY.match(m["place"]) else None
    return Org(level, DEFAULT_PARENT.get(level), name=name, province_level=province)


def _opening(paragraphs: list[DraftParagraph]) -> list[DraftParagraph]:
    """The first paragraphs after the 版头: title, addressee, the start of the text."""
    return [p for p in paragraphs if p.role != "frame"][:3]


def _with_parent(org: Org, paragraphs: list[DraftParagraph]) -> Org:
    """The parent from the addressee (中共江州市委：), else the level's usual parent."""
    for p in _opening(paragraphs):
        if p.role != "addressee":
            continue
        m = _PARENT_NAME.search(p.text)
        if m is not None:
            parent = next(w for w, lv in PARENT_LEVELS.items() if lv.committee == f"{m['level']}委")
            return replace(org, parent_level=parent, parent_name=m[0])
    return org


def settled(org: Org, paragraphs: list[DraftParagraph]) -> Org:
    """``org`` with its province-level kind read from the draft when neither the user nor the levels
    settle it: the draft's own word (省委 or 自治区党委) wins; a draft using both gets the one it uses
    more, so that the other is flagged."""
    certain = org.province_level is not None or default_province(org.as_facts()) != "省"
    if certain:
        return org
    counts = Counter(m["word"] for p in paragraphs for m in _PROVINCE_WORD.finditer(p.text))
    if counts[_AUTONOMOUS] > counts[_PROVINCE]:
        return replace(org, province_level="自治区")
    return org
