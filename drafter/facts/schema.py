"""A template's facts schema: its fields (types, labels, examples), the facts derived from lists, and
the checks between fields. Read from the template's schema.yaml; validation.py applies it.

A field is a mapping with ``type`` and ``label``. ``optional: true`` makes it optional and
``required_when: type=专项巡察`` required again under a condition; ``example`` and ``help`` feed
``drafter new``; ``equals: NAME`` on a count says that the count, when typed, must agree with the
derived fact NAME; ``unique: true`` (or ``unique: KEY`` for a list of maps) forbids repeated items;
``unnumbered: true`` on text refuses a leading 一、/（一）/1. that drafter would number again;
``supplied_by: round_files`` says that the files listed under ``round_files`` supply the fact (it is then
not typed, or typed and compared).

drafter's own YAML formats (template.yaml, snippet files, rule files, frameworks, drafter.yaml) are
described in the same language (facts/formats/*.yaml, read by ``format_schema``) and need four more words:
a map with ``item:`` instead of ``fields:`` has free keys (names a user chooses) and one spec for every
value; ``single_ok: true`` lets a list be written as its one item alone (``tags: 整改``);
``verbatim: true`` keeps a text exactly as typed (a regular expression, where spaces count and an empty
replacement deletes); and ``validated_by: …`` marks a section that another reader validates against its
own schema, so validation takes it as written.

``committee: true`` on a map marks a party committee's block (``org``): its names must agree with its
levels (中共青山区委 with ``level: 区``, not 县), checked with the one table of levels (core/levels.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.errors import FactsError, Issue, TemplateError
from ..core.levels import OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS, TIERS
from .own_data import load_data_yaml
from .yamlfile import Document, KeyPath

SCALAR_TYPES = ("text", "count", "number", "date", "year", "bool", "choice")
TYPES = (*SCALAR_TYPES, "list", "map")

TYPE_NAMES = {
    "text": "文字",
    "count": "非负整数",
    "number": "数字",
    "date": "日期（如 2026-03-10）",
    "year": "年份（如 2026）",
    "bool": "是或否（true / false）",
    "choice": "给定选项之一",
    "list": "列表（每项以“- ”开头）",
    "map": "一组“键: 值”",
}

_FIELD_KEYS = {
    "type",
    "label",
    "help",
    "example",
    "optional",
    "default",
    "choices",
    "min",
    "max",
    "item",
    "fields",
    "min_items",
    "equals",
    "required_when",
    "unique",
    "unnumbered",
    "supplied_by",
    "single_ok",
    "validated_by",
    "verbatim",
    "committee",
}

# Path language of derived facts and checks:
#   rounds              the list itself (count → its length)
#   rounds[].units[]    every unit of every round
#   rounds[type=专项巡察] items whose field equals a value (true/false compare as booleans)
SEGMENT_RE = re.compile(r"([A-Za-z_]\w*)(?:\[(?:([A-Za-z_]\w*)=([^\]]+))?\])?")
_PATH_RE = re.compile(rf"{SEGMENT_RE.pattern}(\.{SEGMENT_RE.pattern})*")
_RULE_RE = re.compile(r"([A-Za-z_]\w*)\s*(<=|>=|==|!=|<|>)\s*([A-Za-z_]\w*|\d+)")


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a facts file."""

    name: str
    type: str
    label: str
    help: str = ""
    example: Any = None
    optional: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    item: Field | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    equals: str | None = None
    required_when: tuple[str, str] | None = None
    unique: str | bool = False
    unnumbered: bool = False
    # The top-level field (e.g. ``round_files``) whose files supply this fact when it is given; a value
    # typed as well must then agree with what they supply.
    supplied_by: str | None = None
    # A list that may also be written as its one item alone (``levels: 县`` for ``levels: [县]``).
    single_ok: bool = False
    # Who validates this section instead (drafter.yaml's ``format:``); validation keeps it as written.
    validated_by: str | None = None
    # Text kept exactly as typed, spaces and all, even empty: a regular expression, a replacement.
    verbatim: bool = False
    # A party committee's block (name, level, parent_name, parent_level …): its names and levels must agree.
    committee: bool = False

    def sub(self, name: str) -> Field:
        """The field ``name`` of this map (KeyError when it has none)."""
        found = next((f for f in self.fields if f.name == name), None)
        if found is None:
            raise KeyError(name)
        return found


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from the facts: count, sum, collect or unique over a path."""

    name: str
    op: str
    path: str
    label: str


@dataclass(frozen=True, slots=True)
class Check:
    """A comparison between two fields of every map a path reaches: ``completed <= feedback_problems``."""

    path: str
    left: str
    op: str
    right: str
    message: str


@dataclass(frozen=True, slots=True)
class Schema:
    """A template's whole schema: the root map of fields, derived facts and checks."""

    root: Field
    derived: tuple[Derived, ...] = ()
    checks: tuple[Check, ...] = ()

    @property
    def supplier(self) -> str | None:
        """The top-level field whose files supply facts (``round_files``), if any field is supplied."""
        found = {f.supplied_by for f, _ in _walk_fields(self.root, ()) if f.supplied_by}
        return next(iter(sorted(found)), None)


# ``choices: own_levels`` and its kin take the party-committee levels from the one table (core/levels).
NAMED_CHOICES = {
    "own_levels": tuple(OWN_LEVELS),
    "parent_levels": tuple(PARENT_LEVELS),
    "province_levels": tuple(PROVINCE_LEVELS),
    # The levels a phrase of the library is written for (中央、省、市、县、乡村).
    "library_levels": tuple(TIERS),
}


def _choices(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return NAMED_CHOICES.get(value, ())
    return tuple(str(c) for c in value)


# The schemas of drafter's own YAML formats (package data).
FORMATS_FOLDER = Path(__file__).resolve().parent / "formats"


@lru_cache(maxsize=16)
def format_schema(name: str) -> Schema:
    """The schema of one of drafter's own formats, ``formats/NAME.yaml`` (read once per process)."""
    return load_schema(FORMATS_FOLDER / f"{name}.yaml")


def load_schema(path: Path) -> Schema:
    """Read a schema (a template's schema.yaml, or one of formats/); a malformed one is a TemplateError
    with its place."""
    try:
        doc = load_data_yaml(path)
    except FactsError as err:
        raise TemplateError(str(err)) from err
    issues: list[Issue] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    fields = data.get("fields")
    if not isinstance(fields, dict):
        raise TemplateError(str(doc.issue((), "模板的 schema 必须有 fields: 一节")))
    root = Field(
        name="",
        type="map",
        label="事实文件",
        fields=tuple(_field_from(doc, ("fields", k), k, v, issues) for k, v in fields.items()),
    )
    derived = tuple(_derived_from(doc, k, v, issues) for k, v in (data.get("derived") or {}).items())
    checks = tuple(_check_from(doc, i, spec, issues) for i, spec in enumerate(data.get("checks") or []))
    names = {d.name for d in derived}
    issues.extend(
        doc.issue(("derived", f.name), f"推导事实“{f.name}”与字段同名", at_key=True)
        for f in root.fields
        if f.name in names
    )
    top = {f.name for f in root.fields}
    for f, where in _walk_fields(root, ("fields",)):
        if f.supplied_by and f.supplied_by not in top:
            issues.append(
                doc.issue((*where, "supplied_by"), f"supplied_by 指向不存在的字段“{f.supplied_by}”")
            )
        if f.equals and f.equals not in names:
            issues.append(doc.issue((*where, "equals"), f"equals 指向不存在的推导事实“{f.equals}”"))
    if issues:
        raise TemplateError("\n".join(str(i) for i in issues))
    return Schema(root=root, derived=derived, checks=checks)


def _field_from(doc: Document, where: KeyPath, name: str, spec: Any, issues: list[Issue]) -> Field:
    if not isinstance(spec, dict):
        issues.append(doc.issue(where, f"字段“{name}”的定义必须是一组“键: 值”"))
        return Field(name=name, type="text", label=name)
    issues.extend(
        doc.issue((*where, key), f"字段定义里有未知的键“{key}”", at_key=True)
        for key in spec
        if key not in _FIELD_KEYS
    )
    kind = spec.get("type", "text")
    if kind not in TYPES:
        issues.append(doc.issue((*where, "type"), f"未知的字段类型“{kind}”，可用：{'、'.join(TYPES)}"))
        kind = "text"
    item = None
    if kind == "list":
        item_spec = spec.get("item", {"type": "text", "label": spec.get("label", name)})
        item = _field_from(doc, (*where, "item"), name, item_spec, issues)
    elif kind == "map" and "item" in spec:
        item = _field_from(doc, (*where, "item"), name, spec["item"], issues)
    named = spec.get("choices")
    if isinstance(named, str) and named not in NAMED_CHOICES:
        names = "、".join(NAMED_CHOICES)
        message = f"choices 应为选项列表，或 {names} 之一，而不是“{named}”"
        issues.append(doc.issue((*where, "choices"), message))
    sub = spec.get("fields") or {}
    if not isinstance(sub, dict):
        issues.append(doc.issue((*where, "fields"), "fields 应为一组“键: 字段定义”"))
        sub = {}
    limits = {key: _number(doc, (*where, key), spec.get(key), issues) for key in ("min", "max", "min_items")}
    if kind == "map" and not spec.get("validated_by") and (not sub) == (item is None):
        issues.append(doc.issue(where, f"map 字段“{name}”要写 fields（固定的键）或 item（自由的键）之一"))
    if spec.get("committee") and kind != "map":
        issues.append(doc.issue((*where, "committee"), f"committee 只能用于 map 字段，“{name}”是 {kind}"))
    return Field(
        name=name,
        type=kind,
        label=str(spec.get("label", name)),
        help=str(spec.get("help", "")),
        example=spec.get("example"),
        optional=bool(spec.get("optional", False)),
        default=spec.get("default"),
        choices=_choices(spec.get("choices", ())),
        min=limits["min"] if limits["min"] is not None else (0 if kind == "count" else None),
        max=limits["max"],
        item=item,
        fields=tuple(_field_from(doc, (*where, "fields", k), k, v, issues) for k, v in sub.items()),
        min_items=int(limits["min_items"] or 0),
        equals=spec.get("equals"),
        required_when=_condition(doc, (*where, "required_when"), spec.get("required_when"), issues),
        unique=spec.get("unique", False),
        unnumbered=bool(spec.get("unnumbered", False)),
        supplied_by=spec.get("supplied_by"),
        single_ok=bool(spec.get("single_ok", False)),
        validated_by=str(spec["validated_by"]) if spec.get("validated_by") else None,
        verbatim=bool(spec.get("verbatim", False)),
        committee=bool(spec.get("committee", False)),
    )


def _number(doc: Document, where: KeyPath, value: Any, issues: list[Issue]) -> float | None:
    """A bound of a field definition (min, max, min_items): a number, or absent."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        issues.append(doc.issue(where, f"“{where[-1]}”应为数字，而不是“{value}”"))
        return None
    return value


def _condition(doc: Document, where: KeyPath, text: Any, issues: list[Issue]) -> tuple[str, str] | None:
    """``required_when: type=专项巡察`` → ("type", "专项巡察")."""
    if text is None:
        return None
    key, sep, value = str(text).partition("=")
    if not sep or not key.strip():
        issues.append(doc.issue(where, f"required_when 应写成“键=值”，而不是“{text}”"))
        return None
    return key.strip(), value.strip()


DERIVED_OPS = ("count", "sum", "collect", "unique")


def _derived_from(doc: Document, name: str, spec: Any, issues: list[Issue]) -> Derived:
    where: KeyPath = ("derived", name)
    ops = [op for op in DERIVED_OPS if isinstance(spec, dict) and op in spec]
    if len(ops) != 1:
        issues.append(doc.issue(where, f"推导事实“{name}”要写且只写 {'/'.join(DERIVED_OPS)} 之一"))
        return Derived(name, "count", "", name)
    path = str(spec[ops[0]])
    if not _PATH_RE.fullmatch(path):
        issues.append(doc.issue((*where, ops[0]), f"路径“{path}”写法不对，应如 列表[].字段 或 列表[字段=值]"))
    return Derived(name, ops[0], path, str(spec.get("label", name)))


def _check_from(doc: Document, index: int, spec: Any, issues: list[Issue]) -> Check:
    where: KeyPath = ("checks", index)
    spec = spec if isinstance(spec, dict) else {}
    path, rule, message = str(spec.get("in", "")), str(spec.get("rule", "")), str(spec.get("message", ""))
    m = _RULE_RE.fullmatch(rule.strip())
    if not _PATH_RE.fullmatch(path) or not m or not message:
        issues.append(doc.issue(where, "检查要写成 {in: 路径, rule: 甲 <= 乙, message: 说明}"))
        return Check(path, "", "==", "", message)
    return Check(path, m[1], m[2], m[3], message)


def _walk_fields(f: Field, where: KeyPath) -> list[tuple[Field, KeyPath]]:
    found = []
    for sub in f.fields:
        sub_where = (*where, sub.name)
        found.append((sub, sub_where))
        found += _walk_fields(sub, (*sub_where, "fields"))
        if sub.item is not None:
            found += _walk_fields(sub.item, (*sub_where, "item", "fields"))
    return found
