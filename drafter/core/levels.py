"""Party-committee levels and the words documents use for them, in one table.

A county report says 县委, 县纪委监委, 县委巡察办, 全县; a district's says 区委 …. Above the county-level
committee stands its parent (市委, 州委, 盟委, 地委, or 省委 for a county directly under the province),
and above that the province-level committee: 省委, 自治区党委 (内蒙古 — every 旗 —, 广西, 西藏, 宁夏,
新疆), or the 市委 of 北京/天津/上海/重庆, which is itself province-level. Templates (words.*), snippets,
the schemas' choices, the phrase library's levels and the check rules all take their words from here.

A county-level city's own committee is a 市委 like the city above it, so when both levels share a word
only the names tell them apart (中共清河市委 → 清河市委, 中共临江市委 → 临江市委) unless the unit gives short
names itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Level:
    """One level of party committee as documents name it."""

    word: str  # what a facts file writes for ``level`` / ``parent_level``: 县
    english: str  # the command line's spelling: county
    committee: str  # the committee in running text: 县委
    region: str  # the whole jurisdiction: 全县
    tier: str  # the phrase library's level (TIERS) of documents written at this level


# The phrase library's levels: which level of document a phrase is written for.
TIERS = ("中央", "省", "市", "县", "乡村")

# The committee a document speaks for: drafter writes county-level documents.
OWN_LEVELS: Mapping[str, Level] = {
    level.word: level
    for level in (
        Level("县", "county", "县委", "全县", "县"),
        Level("区", "district", "区委", "全区", "县"),
        Level("市", "city", "市委", "全市", "县"),  # a county-level city (县级市)
        Level("旗", "banner", "旗委", "全旗", "县"),
    )
}

# The committee above it (the addressee of an annual report).
PARENT_LEVELS: Mapping[str, Level] = {
    level.word: level
    for level in (
        Level("市", "city", "市委", "全市", "市"),
        Level("州", "prefecture", "州委", "全州", "市"),
        Level("盟", "league", "盟委", "全盟", "市"),
        Level("地区", "region", "地委", "全地区", "市"),
        Level("省", "province", "省委", "全省", "省"),
    )
}

# The province-level committee above the parent, by the kind of province.
PROVINCE_LEVELS: Mapping[str, Level] = {
    level.word: level
    for level in (
        Level("省", "province", "省委", "全省", "省"),
        Level("自治区", "autonomous-region", "自治区党委", "全区", "省"),
        Level("直辖市", "municipality", "市委", "全市", "省"),
    )
}

# The parent when only the own level is given: counties and districts report to a 市委, banners to a
# 盟委; a county-level city's parent (市, 州, 盟, 地区) cannot be guessed.
DEFAULT_PARENT = {"县": "市", "区": "市", "旗": "盟"}


def level_named(text: str, table: Mapping[str, Level]) -> str | None:
    """A level word from what a user typed (县 or county); None when ``table`` has no such level."""
    if text in table:
        return text
    lowered = text.strip().lower()
    return next((word for word, level in table.items() if level.english == lowered), None)


def default_province(org: Mapping[str, Any]) -> str:
    """The kind of province a committee is in, when its facts do not say: every 旗 and every 盟 is in
    内蒙古 (an autonomous region); anything else defaults to a 省."""
    if org.get("level") == "旗" or org.get("parent_level") == "盟":
        return "自治区"
    return "省"


def tier_of(word: str | None) -> str | None:
    """The phrase library's level (TIERS) of a level name: 区, 旗, 县级市 → 县; 州, 盟, 地区 → 市."""
    if word is None:
        return None
    if word in TIERS:
        return word
    if word == "县级市":
        return "县"
    for table in (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS):
        if word in table and word != "市":  # bare 市 is the city tier (TIERS above)
            return table[word].tier
    return None


def without_party(full_name: str) -> str:
    """中共清河县委 / 中国共产党清河县委员会 → 清河县委 / 清河县委员会."""
    return full_name.removeprefix("中共").removeprefix("中国共产党")


def short_names(org: Mapping[str, Any]) -> tuple[str, str]:
    """(own short name, parent's short name) as running text uses them."""
    own_level = OWN_LEVELS.get(str(org.get("level", "")))
    parent_level = PARENT_LEVELS.get(str(org.get("parent_level", "")))
    generic_own = own_level.committee if own_level else ""
    generic_parent = parent_level.committee if parent_level else ""
    clash = bool(generic_own) and generic_own == generic_parent
    own = org.get("short_name") or (clash and without_party(str(org.get("name") or ""))) or generic_own
    parent = (
        org.get("parent_short_name")
        or (clash and without_party(str(org.get("parent_name") or "")))
        or generic_parent
    )
    return str(own), str(parent)


def org_words(org: Mapping[str, Any]) -> dict[str, str]:
    """Level words for one organization; an incomplete ``org`` gives what can be known."""
    own, parent = short_names(org)
    kind = str(org.get("province_level") or default_province(org))
    province = PROVINCE_LEVELS.get(kind, PROVINCE_LEVELS["省"]).committee
    if org.get("parent_level") == "省":
        above = province  # directly under the province: “中央和省委”, not “省委、省委”
    elif kind == "直辖市":
        above = parent  # the parent 市委 is the province-level committee: “中央和市委”
    else:
        above = f"{province}、{parent}"
    return {
        "self": own,
        "parent": parent,
        "province": province,
        "above": above,
        # 县委 → 县纪委监委; a county-level city's 清河市委 → 清河市纪委监委.
        "discipline": f"{own.removesuffix('委')}纪委监委" if own else "",
        "organization_dept": f"{own}组织部",
        "office": f"{own}巡察办",
        "name_without_party": without_party(str(org.get("name", ""))),
    }
