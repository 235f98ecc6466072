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
    # The grassroots under a county-level committee, as its documents name them: a banner's villages are
    # 嘎查 and its townships 苏木.
    villages: str = "村（社区）"
    along: str = "巡镇带村"  # inspecting a township together with its villages


# The phrase library's levels: which level of document a phrase is written for.
TIERS = ("中央", "省", "市", "县", "乡村")

# The committee a document speaks for: drafter writes county-level documents.
OWN_LEVELS: Mapping[str, Level] = {
    level.word: level
    for level in (
        Level("县", "county", "县委", "全县", "县"),
        Level("区", "district", "区委", "全区", "县", "村（社区）", "巡镇（街道）带村（社区）"),
        Level("市", "city", "市委", "全市", "县"),  # a county-level city (县级市)
        Level("旗", "banner", "旗委", "全旗", "县", "嘎查村（社区）", "巡苏木（镇）带嘎查（村）"),
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


def tier_members(tier: str) -> tuple[str, ...]:
    """The levels a user knows that a library level (TIERS) stands for: 县 → 县、区、县级市、旗;
    市 → 市、州、盟、地区; 省 → 省、自治区、直辖市. Empty for 中央 and 乡村, which stand for themselves."""
    members: list[str] = []
    for table in (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS):
        for word, level in table.items():
            # A county-level city is 市 in a facts file and 县级市 to a reader.
            shown = "县级市" if table is OWN_LEVELS and word == "市" else word
            if level.tier == tier and shown not in members:
                members.append(shown)
    return tuple(members)


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


def province_kind(org: Mapping[str, Any]) -> str:
    """The kind of province (a key of PROVINCE_LEVELS) a committee is in: as its facts say, or the default."""
    kind = str(org.get("province_level") or default_province(org))
    return kind if kind in PROVINCE_LEVELS else "省"


def parent_is_province_level(org: Mapping[str, Any]) -> bool:
    """Whether the parent committee is itself province-level: a county directly under a 省委, or a
    district of 北京/天津/上海/重庆 under its 市委. Province-level committees inspect by 巡视, not 巡察."""
    return org.get("parent_level") == "省" or province_kind(org) == "直辖市"


def org_words(org: Mapping[str, Any]) -> dict[str, str]:
    """Level words for one organization; an incomplete ``org`` gives what can be known."""
    own, parent = short_names(org)
    own_level = OWN_LEVELS.get(str(org.get("level", "")))
    province = PROVINCE_LEVELS[province_kind(org)].committee
    if org.get("parent_level") == "省":
        above = province  # directly under the province: “中央和省委”, not “省委、省委”
    elif province_kind(org) == "直辖市":
        above = parent  # the parent 市委 is the province-level committee: “中央和市委”
    else:
        above = f"{province}、{parent}"
    # The parent's own inspection bodies: a 市委 (州委, 盟委, 地委) has 巡察 bodies, a province-level
    # committee 巡视 ones. Documents name the body, not a vague “市委巡察机构”.
    parent_work = "巡视" if parent_is_province_level(org) else "巡察"
    return {
        "self": own,
        "parent": parent,
        "province": province,
        "above": above,
        # 全县, 全区, 全旗; a county-level city's 全市.
        "region": own_level.region if own_level else "",
        "villages": own_level.villages if own_level else "村（社区）",
        "along": own_level.along if own_level else "巡镇带村",
        # 县委 → 县纪委监委; a county-level city's 清河市委 → 清河市纪委监委.
        "discipline": f"{own.removesuffix('委')}纪委监委" if own else "",
        "organization_dept": f"{own}组织部",
        "office": f"{own}巡察办",
        # 县委 → 县政府; a county-level city's 清河市委 → 清河市政府.
        "government": f"{own.removesuffix('委')}政府" if own else "",
        "leading_group": f"{own}巡察工作领导小组",
        "parent_leading_group": f"{parent}{parent_work}工作领导小组" if parent else "",
        "parent_office": f"{parent}{parent_work}办" if parent else "",
        "name_without_party": without_party(str(org.get("name", ""))),
    }


# What a committee's full or short name ends in, by level: 中共青山区委 / 中国共产党青山区委员会 → 区,
# 中共某某地委 → 地区. Longest endings first, so that 自治区委 is not read as a 区委.
_NAME_ENDINGS = tuple(
    sorted(
        {
            **{f"{word}委": word for word in (*OWN_LEVELS, *PARENT_LEVELS) if word != "地区"},
            "地委": "地区",
            "自治区委": "自治区",
            "自治区党委": "自治区",
        }.items(),
        key=lambda pair: -len(pair[0]),
    )
)


def level_in_name(name: str) -> str | None:
    """The level a committee's name states (中共青山区委 → 区, 中共锡林盟委 → 盟), or None when the name
    does not end in a level's committee (a name drafter cannot read is not second-guessed)."""
    text = without_party(name.strip()).removesuffix("委员会")
    text = text + "委" if not text.endswith("委") else text
    for ending, word in _NAME_ENDINGS:
        if text.endswith(ending):
            return word
    return None


def _level_title(word: str) -> str:
    """区 → 区委, 地区 → 地委, 自治区 → 自治区党委: how a level's committee is called."""
    for table in (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS):
        if word in table and not (table is PROVINCE_LEVELS and word == "直辖市"):
            return table[word].committee
    return f"{word}委"


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two fields of an org block that cannot both be true: the place to report, the other place, and why
    (``{other}`` in the message stands for the other place, which the caller words)."""

    field: str
    other: str
    message: str


def contradictions(org: Mapping[str, Any]) -> list[Contradiction]:
    """What an org block says twice and differently: a name whose level is not ``level`` (中共青山区委
    with level 县), a parent name against ``parent_level``, a province-level kind the levels rule out."""
    found = []
    named = (
        ("name", "level", OWN_LEVELS),
        ("short_name", "level", OWN_LEVELS),
        ("parent_name", "parent_level", PARENT_LEVELS),
        ("parent_short_name", "parent_level", PARENT_LEVELS),
    )
    for name_key, level_key, table in named:
        name, level = org.get(name_key), org.get(level_key)
        if not isinstance(name, str) or not isinstance(level, str) or level not in table:
            continue
        stated = level_in_name(name)
        # A county directly under an autonomous region names its parent 自治区党委 under parent_level 省.
        if stated is None or stated == level or (stated == "自治区" and level == "省"):
            continue
        committee = table[level].committee
        message = f"“{name}”是{_level_title(stated)}，与{{other}}写的“{level}”（{committee}）不一致"
        found.append(Contradiction(name_key, level_key, message))
    kind = org.get("province_level")
    # The province level is optional and rarely typed: its contradictions are reported at it.
    if org.get("level") == "旗" and kind in PROVINCE_LEVELS and kind != "自治区":
        message = f"{{other}}是“旗”，旗只设在内蒙古自治区，省级党委应为“自治区”，不是“{kind}”"
        found.append(Contradiction("province_level", "level", message))
    elif org.get("parent_level") == "盟" and kind in PROVINCE_LEVELS and kind != "自治区":
        message = f"{{other}}是“盟”，盟只设在内蒙古自治区，省级党委应为“自治区”，不是“{kind}”"
        found.append(Contradiction("province_level", "parent_level", message))
    elif kind == "直辖市" and org.get("parent_level") in PARENT_LEVELS and org["parent_level"] != "市":
        message = f"直辖市的区、县由市委直接领导，{{other}}应为“市”，不是“{org['parent_level']}”"
        found.append(Contradiction("province_level", "parent_level", message))
    return found
