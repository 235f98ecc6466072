"""What a party committee and its bodies are called in running text, from the facts' ``org`` block.

A county report says 县委, 县纪委监委, 县委巡察办; a district's says 区委 …; a county-level city's own
committee is also 市委, which is why a unit may give short names instead of relying on the level.
Templates get these words ready-made so no template spells a level by hand.
"""

from __future__ import annotations

from typing import Any

SELF_NAMES = {"县": "县委", "区": "区委", "市": "市委", "旗": "旗委"}
PARENT_NAMES = {"市": "市委", "州": "州委", "盟": "盟委", "地区": "地委", "省": "省委"}


def org_words(org: dict[str, Any]) -> dict[str, str]:
    """Level words for one organization; an incomplete ``org`` gives what can be known."""
    level = str(org.get("level", ""))
    self_name = str(org.get("short_name") or SELF_NAMES.get(level, ""))
    parent_level = str(org.get("parent_level", ""))
    parent = str(org.get("parent_short_name") or PARENT_NAMES.get(parent_level, ""))
    # A county directly under the province has no level between: “中央和省委”, not “省委、省委”.
    above = "省委" if parent_level == "省" else f"省委、{parent}"
    name = str(org.get("name", ""))
    return {
        "self": self_name,
        "parent": parent,
        "above": above,
        "chain": f"{above}、{self_name}",
        "discipline": f"{level}纪委监委",
        "organization_dept": f"{self_name}组织部",
        "office": f"{self_name}巡察办",
        "leading_group": f"{self_name}巡察工作领导小组",
        "name_without_party": name.removeprefix("中共"),
    }
