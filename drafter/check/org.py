"""The party committee a checked document speaks for, and the level words its rules are filled with.

Every word comes from the one table of levels (core/levels.py): our committee (县委, 区委 …), its parent,
the province-level committee above (省委, 自治区党委, or a municipality's own 市委), and — for the
wrong-level checks — the same-tier words that are *not* ours: a district's draft must not say 县纪委监委,
a banner's must not say 省委. Rule files use these as placeholders ({self}, {other_levels} …); a rule
whose placeholder has no value for this organization (a county in a province has no wrong province
region) is not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import OptionError
from ..core.levels import (
    DEFAULT_PARENT,
    OWN_LEVELS,
    PARENT_LEVELS,
    PROVINCE_LEVELS,
    Level,
    default_province,
    level_named,
    org_words,
    short_names,
)

# How messages list the levels a user may give.
OWN_CHOICES = "、".join(OWN_LEVELS)
PARENT_CHOICES = "、".join(PARENT_LEVELS)
PROVINCE_CHOICES = "、".join(PROVINCE_LEVELS)

# Where the name of an organ starts in running text: at the start, after punctuation or a digit, or after
# a function word or verb (向、由、经、在、会同、移交、落实、借鉴 …). After any other character the level word
# ends a place name (临江县委, 河北省委), which names another committee legitimately.
_AFTER_WORDS = (
    "向由经对与和同及在报把将被给从据照为至到请交送让令了并或于按受合助调开取立核过派使届年个是等"
    "督导持动促织求示加托接查谈访察驻入括的实鉴彻习务绕跟"
)
NAME_START = rf"(?:(?<![\u4e00-\u9fff])|(?<=[{_AFTER_WORDS}]))"
# Placeholders whose value is a regular expression (an alternation 县|旗, or NAME_START), not a word.
REGEX_PLACEHOLDERS = (
    "{other_levels}",
    "{other_regions}",
    "{wrong_province}",
    "{wrong_province_prefix}",
    "{wrong_province_region}",
    "{own_levels}",
    "{xuncha_levels}",
    "{name_start}",
)
# Placeholders the table fills without an organization (an organization may narrow them).
TABLE_PLACEHOLDERS = ("{own_levels}", "{xuncha_levels}", "{name_start}")
# Placeholders that need an organization: a rule using one is not run without it.
ORG_PLACEHOLDERS = (
    "{self}",
    "{parent}",
    "{self_level}",
    "{parent_level}",
    "{region}",
    "{province}",
    "{province_prefix}",
    "{province_region}",
    "{province_kind}",
    "{discipline}",
    "{organization_dept}",
    "{office}",
    "{wrong_province_region}",
    "{other_levels}",
    "{other_regions}",
    "{wrong_province}",
    "{wrong_province_prefix}",
)
PLACEHOLDERS = ORG_PLACEHOLDERS + TABLE_PLACEHOLDERS
# What a hint says when the organization is unknown (an L12 requirement is checked without one).
GENERIC_WORDS = {
    "{self}": "本级党委",
    "{discipline}": "本级纪委监委",
    "{organization_dept}": "本级党委组织部",
    "{office}": "本级党委巡察办",
}


@dataclass(frozen=True, slots=True)
class Org:
    """The party committee a document speaks for, the one above it and the kind of province."""

    level: str
    parent_level: str | None = None
    name: str | None = None
    parent_name: str | None = None
    short_name: str | None = None
    parent_short_name: str | None = None
    province_level: str | None = None  # 省, 自治区 or 直辖市; None: every 旗 and 盟 is in 内蒙古, else 省

    @property
    def self_short(self) -> str:
        """How the text calls us: 县委, or a county-level city's 清河市委 (see core/levels.py)."""
        return short_names(self.as_facts())[0]

    @property
    def parent_short(self) -> str | None:
        """How the text calls the committee above: 市委, 州委 … (or 临江市委)."""
        return short_names(self.as_facts())[1] or None

    @property
    def province_kind(self) -> str:
        """省, 自治区 or 直辖市: what the facts say, else what the levels imply."""
        levels = {"level": self.level, "parent_level": self.parent_level}
        return self.province_level or default_province(levels)

    def as_facts(self) -> dict[str, str | None]:
        """The organization as a facts file's ``org:`` block writes it."""
        return {
            "level": self.level,
            "parent_level": self.parent_level,
            "name": self.name,
            "parent_name": self.parent_name,
            "short_name": self.short_name,
            "parent_short_name": self.parent_short_name,
            "province_level": self.province_kind,
        }

    def described(self) -> str:
        """The organization in a sentence: “区委（上级：市委，所在：省）”."""
        parent = f"上级：{self.parent_short}，" if self.parent_short else ""
        return f"{self.self_short}（{parent}省级：{org_words(self.as_facts())['province']}）"

    def words(self) -> dict[str, str | None]:
        """Every placeholder's value as text; None where this organization has no such word."""
        own = OWN_LEVELS[self.level]
        parent = PARENT_LEVELS.get(self.parent_level or "")
        province = PROVINCE_LEVELS[self.province_kind]
        facts = org_words(self.as_facts())
        taken_levels = {self.level, self.parent_level}
        taken_regions = {own.region, province.region, parent.region if parent else ""}
        others = [w for w in OWN_LEVELS if w not in taken_levels]
        other_regions = [lv.region for lv in OWN_LEVELS.values() if lv.region not in taken_regions]
        # A province-level word of another kind of province, unless the same word is a county or city
        # word too (a municipality's 市委 is also every city's 市委).
        city_words = {lv.committee for lv in _below_province()}
        city_regions = {lv.region for lv in _below_province()}
        wrong = [lv for w, lv in PROVINCE_LEVELS.items() if w != self.province_kind]
        wrong_committees = [lv.committee for lv in wrong if lv.committee not in city_words]
        wrong_regions = [lv.region for lv in wrong if lv.region not in city_regions]
        return {
            "{self}": self.self_short,
            "{parent}": self.parent_short,
            "{self_level}": self.level,
            "{parent_level}": self.parent_level,
            "{region}": own.region,
            "{province}": province.committee,
            "{province_prefix}": _prefix(province.committee),
            "{province_region}": province.region,
            "{province_kind}": self.province_kind,
            "{discipline}": facts["discipline"],
            "{organization_dept}": facts["organization_dept"],
            "{office}": facts["office"],
            "{wrong_province_region}": _alternation(wrong_regions),
            "{other_levels}": _alternation(others),
            "{other_regions}": _alternation(other_regions),
            "{wrong_province}": _alternation(wrong_committees),
            "{wrong_province_prefix}": _alternation([_prefix(c) for c in wrong_committees]),
            **table_words(self),
        }


def table_words(org: Org | None) -> dict[str, str | None]:
    """The placeholders the level table fills by itself: every county-level word (县|区|市|旗), and the
    words of committees that do 巡察 rather than 巡视 — all but the province level's, which for a
    municipality's districts includes the municipality's own 市委."""
    province = PROVINCE_LEVELS[org.province_kind] if org is not None else PROVINCE_LEVELS["省"]
    inspecting = [_prefix(lv.committee) for lv in _below_province() if lv.committee != province.committee]
    return {
        "{own_levels}": _alternation(list(OWN_LEVELS)),
        "{xuncha_levels}": _alternation(list(dict.fromkeys(inspecting))),
        "{name_start}": NAME_START,
    }


def _below_province() -> list[Level]:
    """The county- and city-level committees (a county directly under a province has a 省 parent)."""
    return [lv for lv in (*OWN_LEVELS.values(), *PARENT_LEVELS.values()) if lv.tier != "省"]


def _prefix(committee: str) -> str:
    """省委 → 省, 自治区党委 → 自治区, 市委 → 市: what stands before 纪委监委, 政府 …"""
    return committee.removesuffix("党委").removesuffix("委")


def _alternation(words: list[str]) -> str | None:
    """A regular expression matching any of ``words`` (longest first), or None for no words."""
    if not words:
        return None
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def org_from_values(values: dict[str, Any]) -> Org | None:
    """An Org from a validated ``org:`` block (a facts file's or a rule file's)."""
    level = values.get("level")
    if not isinstance(level, str) or level not in OWN_LEVELS:
        return None
    province = values.get("province_level")
    return Org(
        level=level,
        parent_level=values.get("parent_level"),
        name=values.get("name"),
        parent_name=values.get("parent_name"),
        short_name=values.get("short_name"),
        parent_short_name=values.get("parent_short_name"),
        province_level=province if province in PROVINCE_LEVELS else None,
    )


def org_from_options(
    level: str | None,
    parent_level: str | None = None,
    name: str | None = None,
    parent_name: str | None = None,
    short_name: str | None = None,
    province_level: str | None = None,
) -> Org | None:
    """An Org from command-line words (县 or county …); None without a level; OptionError if wrong."""
    if level is None:
        if parent_level or name or parent_name or short_name or province_level:
            msg = "写了上级、省级或名称，还要用 --org-level 写明本级层级"
            raise OptionError(msg)
        return None
    own = level_named(level, OWN_LEVELS)
    if own is None:
        msg = f"本级层级“{level}”应为 {OWN_CHOICES} 之一"
        raise OptionError(msg)
    parent = level_named(parent_level, PARENT_LEVELS) if parent_level else DEFAULT_PARENT.get(own)
    if parent is None and not parent_level:
        # A county-level city may sit under a 市, 州, 盟 or 地区: guessing would hide every parent rule.
        msg = f"县级市（--org-level 市）还要用 --parent-level 写明上级层级：{PARENT_CHOICES}"
        raise OptionError(msg)
    if parent_level and parent is None:
        msg = f"上级层级“{parent_level}”应为 {PARENT_CHOICES} 之一"
        raise OptionError(msg)
    province = level_named(province_level, PROVINCE_LEVELS) if province_level else None
    if province_level and province is None:
        msg = f"省级层级“{province_level}”应为 {PROVINCE_CHOICES} 之一"
        raise OptionError(msg)
    return Org(own, parent, name, parent_name, short_name, province_level=province)
