"""What a party committee and its bodies are called in running text, from the facts' ``org`` block.

A county report says 县委, 县纪委监委, 县委巡察办; a district's says 区委 …. A county-level city's own
committee is a 市委 like the city above it, so when both levels share a word only the names tell them
apart (中共清河市委 → 清河市委, 中共临江市委 → 临江市委) unless the unit gives short names itself.
Templates (words.*), snippets and the level check all take their words from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SELF_NAMES = {"县": "县委", "区": "区委", "市": "市委", "旗": "旗委"}
PARENT_NAMES = {"市": "市委", "州": "州委", "盟": "盟委", "地区": "地委", "省": "省委"}


def without_party(full_name: str) -> str:
    """中共清河县委 / 中国共产党清河县委员会 → 清河县委 / 清河县委员会."""
    return full_name.removeprefix("中共").removeprefix("中国共产党")


def short_names(org: Mapping[str, Any]) -> tuple[str, str]:
    """(own short name, parent's short name) as running text uses them."""
    generic_own = SELF_NAMES.get(str(org.get("level", "")), "")
    generic_parent = PARENT_NAMES.get(str(org.get("parent_level", "")), "")
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
    # A county directly under the province has no level between: “中央和省委”, not “省委、省委”.
    above = "省委" if org.get("parent_level") == "省" else f"省委、{parent}"
    return {
        "self": own,
        "parent": parent,
        "above": above,
        # 县委 → 县纪委监委; a county-level city's 清河市委 → 清河市纪委监委.
        "discipline": f"{own.removesuffix('委')}纪委监委" if own else "",
        "organization_dept": f"{own}组织部",
        "office": f"{own}巡察办",
        "name_without_party": without_party(str(org.get("name", ""))),
    }
