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

from ..core.errors import Issue
from ..facts.schema import format_schema
from ..facts.validation import is_whole, read_format
from ..facts.yamlfile import Document, KeyPath

# What messages call a frameworks file (and a frameworks: section, written the same way).
FRAMEWORKS_FILE = "问题类别文件"


@dataclass(frozen=True, slots=True)
class Category:
    """One problem category: the short name users type and the heading the document prints."""

    key: str
    heading: str

    def matches(self, text: str) -> bool:
        """Whether a problem's ``category`` names this category (short name, heading, heading less 方面)."""
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
    doc: Document, at: KeyPath, base: Frameworks | None = None
) -> tuple[Frameworks, list[Issue]]:
    """Frameworks from ``doc`` (its section ``at``), laid over ``base``; (result, issues).

    The file is checked against facts/formats/frameworks-file.yaml; this adds what a schema cannot say:
    the frameworks that by_kind, by_type and default name must be defined (here or in ``base``).
    """
    result = base or Frameworks()
    schema = format_schema("frameworks-file")
    data, issues = read_format(doc, schema, what=FRAMEWORKS_FILE, at=at)
    if data is None:
        return result, issues
    sets = dict(result.sets)
    spec = schema.root.sub("frameworks").item
    assert spec is not None
    for name, items in (data.get("frameworks") or {}).items():
        # A framework with a mistake in it is not laid over the one before: the mistake is reported where
        # it is, rather than again at every unit whose category the broken framework would not know.
        if is_whole(items, spec):
            sets[name] = tuple(Category(item["key"], item["heading"]) for item in items)
    by_kind = {**result.by_kind, **_names(data.get("by_kind"))}
    by_type = {**result.by_type, **_names(data.get("by_type"))}
    outdated = {**result.outdated, **_names(data.get("outdated"))}
    default = data.get("default") or result.default
    result = replace(result, sets=sets, by_kind=by_kind, by_type=by_type, default=default, outdated=outdated)
    # A framework written here with a mistake in it is reported there, not again where it is named.
    written = set(data.get("frameworks") or {})
    have = f"（已有：{'、'.join(sets)}）" if sets else "（还没有定义任何框架）"
    for section in ("by_kind", "by_type"):
        for key, name in getattr(result, section).items():
            if name not in sets and name not in written:
                place = (*at, section, key) if key in (data.get(section) or {}) else at
                issues.append(doc.issue(place, f"框架“{name}”没有定义{have}"))
    if default in sets or default in written:
        pass
    elif "default" in data:
        issues.append(doc.issue((*at, "default"), f"默认框架“{default}”没有定义{have}"))
    else:
        issues.append(doc.issue(at, f"没有写默认框架（default:），请写一个框架的名称{have}"))
    return result, issues


def _names(typed: dict[str, str | None] | None) -> dict[str, str]:
    """A typed map of names without its wrong values (those are reported already)."""
    return {key: name for key, name in (typed or {}).items() if name is not None}


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
