"""Problem categories of a feedback opinion (四个落实, 四个聚焦, …) as data, and the checks on them.

Which categories a problem may be filed under depends on the inspected unit: villages and communities
are inspected under 四个聚焦, departments, townships and enterprises under 四个落实. Both sets live in the
template's frameworks.yaml and a county may override them in its facts file. Frameworks that were replaced
years ago (三个聚焦, 三大问题, 四个着力 …) are refused with a message saying what replaced them, because
users paste them from old 范文.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.errors import Issue
from ..facts.yamlfile import Document, KeyPath

SECTION_KEYS = ("frameworks", "by_kind", "by_type", "default", "outdated")


@dataclass(frozen=True, slots=True)
class Category:
    """One problem category: the short name users type and the heading the document prints."""

    key: str
    heading: str

    def matches(self, text: str) -> bool:
        text = text.strip()
        return text in (self.key, self.heading, self.heading.removesuffix("方面"))


@dataclass(frozen=True, slots=True)
class Frameworks:
    """Every framework by name, how a unit picks one, and the outdated names with their replacements."""

    sets: dict[str, tuple[Category, ...]] = field(default_factory=dict)
    by_kind: dict[str, str] = field(default_factory=dict)
    by_type: dict[str, str] = field(default_factory=dict)
    default: str = ""
    outdated: dict[str, str] = field(default_factory=dict)

    def for_unit(self, kind: str | None, inspection_type: str | None) -> str:
        """The framework a unit uses when it names none itself."""
        return self.by_kind.get(kind or "") or self.by_type.get(inspection_type or "") or self.default


def read_frameworks(
    doc: Document, where: KeyPath, data: Any, base: Frameworks | None = None
) -> tuple[Frameworks, list[Issue]]:
    """Frameworks from a mapping in ``doc`` at ``where``, laid over ``base``; (result, issues)."""
    issues: list[Issue] = []
    if not isinstance(data, dict):
        issues.append(
            doc.issue(where, "问题类别设置应为一组“键: 值”（frameworks、by_kind、by_type、default）")
        )
        return base or Frameworks(), issues
    issues.extend(
        doc.issue((*where, key), f"未知的键“{key}”，这里可用：{'、'.join(SECTION_KEYS)}", at_key=True)
        for key in data
        if key not in SECTION_KEYS
    )
    result = base or Frameworks()
    sets = dict(result.sets)
    for name, items in _mapping(doc, (*where, "frameworks"), data.get("frameworks"), issues).items():
        categories = _categories(doc, (*where, "frameworks", name), items, issues)
        if categories:
            sets[str(name)] = categories
    by_kind = {**result.by_kind, **_names(doc, (*where, "by_kind"), data.get("by_kind"), issues)}
    by_type = {**result.by_type, **_names(doc, (*where, "by_type"), data.get("by_type"), issues)}
    outdated = {**result.outdated, **_names(doc, (*where, "outdated"), data.get("outdated"), issues)}
    default = result.default
    if "default" in data:
        if isinstance(data["default"], str) and data["default"].strip():
            default = data["default"].strip()
        else:
            issues.append(doc.issue((*where, "default"), "default 应写一个框架的名称，如“四个落实”"))
    result = replace(result, sets=sets, by_kind=by_kind, by_type=by_type, default=default, outdated=outdated)
    for section in ("by_kind", "by_type"):
        for key, name in getattr(result, section).items():
            if name not in sets:
                place = (*where, section, key) if key in (data.get(section) or {}) else where
                issues.append(doc.issue(place, f"框架“{name}”没有定义（已有：{'、'.join(sets)}）"))
    if default not in sets:
        place = (*where, "default") if "default" in data else where
        issues.append(doc.issue(place, f"默认框架“{default}”没有定义（已有：{'、'.join(sets)}）"))
    return result, issues


def _mapping(doc: Document, where: KeyPath, value: Any, issues: list[Issue]) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        issues.append(doc.issue(where, "这里应为一组“键: 值”"))
        return {}
    return value


def _names(doc: Document, where: KeyPath, value: Any, issues: list[Issue]) -> dict[str, str]:
    found = {}
    for key, name in _mapping(doc, where, value, issues).items():
        if not isinstance(name, str) or not name.strip():
            issues.append(doc.issue((*where, key), "这里应写一段文字"))
        else:
            found[str(key)] = name.strip()
    return found


def _categories(doc: Document, where: KeyPath, items: Any, issues: list[Issue]) -> tuple[Category, ...]:
    if not isinstance(items, list) or not items:
        issues.append(doc.issue(where, "框架应列出至少一个类别（每项写 key: 简称 和 heading: 标题）"))
        return ()
    found: list[Category] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in ("key", "heading")
        ):
            issues.append(
                doc.issue((*where, i), "每个类别要写 key:（简称）和 heading:（文中的标题），都不能为空")
            )
            continue
        issues.extend(
            doc.issue((*where, i, extra), f"类别里只写 key 和 heading，不认识“{extra}”", at_key=True)
            for extra in item.keys() - {"key", "heading"}
        )
        category = Category(item["key"].strip(), item["heading"].strip())
        if any(c.key == category.key for c in found):
            issues.append(doc.issue((*where, i, "key"), f"简称“{category.key}”在这个框架里重复了"))
            continue
        found.append(category)
    return tuple(found)


def check_category(frameworks: Frameworks, framework: str, text: str) -> tuple[Category | None, str]:
    """The category ``text`` names in ``framework``, or (None, a message saying why not)."""
    if text in frameworks.outdated:
        return None, frameworks.outdated[text]
    categories = frameworks.sets.get(framework, ())
    for category in categories:
        if category.matches(text):
            return category, ""
    for other, members in frameworks.sets.items():
        if other != framework and any(c.matches(text) for c in members):
            return None, f"“{text}”是“{other}”的类别，本单位用的是“{framework}”（可用：{_keys(categories)}）"
    keys = [c.key for c in categories]
    hint = difflib.get_close_matches(text, keys, n=1, cutoff=0.4)
    tip = f"，是否想写“{hint[0]}”？" if hint else ""
    return None, f"“{text}”不是“{framework}”的类别{tip}（可用：{_keys(categories)}）"


def check_framework(frameworks: Frameworks, name: str) -> str:
    """Why a framework a unit names cannot be used ("" when it can)."""
    if name in frameworks.outdated:
        return frameworks.outdated[name]
    if name not in frameworks.sets:
        return f"没有名为“{name}”的问题框架（可用：{'、'.join(frameworks.sets)}）"
    return ""


def _keys(categories: tuple[Category, ...]) -> str:
    return "、".join(c.key for c in categories)
