"""A template's facts schema: what fields exist, their types, labels and examples, and the facts
derived from lists. Validation reports every problem of a facts file at once, each at its place.

Schema files are YAML (see templates/*/schema.yaml). A field is a mapping with ``type`` and ``label``;
``optional: true`` makes it optional; ``example`` and ``help`` feed ``drafter new``;
``equals: NAME`` on a count says that the count, when typed, must agree with the derived fact NAME.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FactsError, Issue, TemplateError
from .facts import Document, KeyPath, load_yaml

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
    "type", "label", "help", "example", "optional", "default", "choices",
    "min", "max", "item", "fields", "min_items", "equals", "required_when",
}


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


@dataclass(frozen=True, slots=True)
class Derived:
    """A fact computed from the facts: count, sum, collect or unique over a path."""

    name: str
    op: str
    path: str
    label: str


@dataclass(frozen=True, slots=True)
class Schema:
    """A template's whole schema: the root map of fields plus derived facts."""

    root: Field
    derived: tuple[Derived, ...] = ()
    source: Path | None = None


@dataclass(slots=True)
class Validated:
    """Facts that passed validation: typed values plus derived ones, with the source for positions."""

    values: dict[str, Any]
    derived: dict[str, Any]
    document: Document


# ---------------------------------------------------------------------------------------------
# Reading a schema file


def load_schema(path: Path) -> Schema:
    """Read a template's schema.yaml; a malformed schema is a TemplateError with its place."""
    try:
        doc = load_yaml(path)
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
    names = {d.name for d in derived}
    for f in root.fields:
        if f.name in names:
            issues.append(doc.issue(("derived", f.name), f"推导事实“{f.name}”与字段同名", at_key=True))
    for f, where in _walk_fields(root, ("fields",)):
        if f.equals and f.equals not in names:
            issues.append(doc.issue((*where, "equals"), f"equals 指向不存在的推导事实“{f.equals}”"))
    if issues:
        raise TemplateError("\n".join(str(i) for i in issues))
    return Schema(root=root, derived=derived, source=path)


def _field_from(doc: Document, where: KeyPath, name: str, spec: Any, issues: list[Issue]) -> Field:
    if not isinstance(spec, dict):
        issues.append(doc.issue(where, f"字段“{name}”的定义必须是一组“键: 值”"))
        return Field(name=name, type="text", label=name)
    for key in spec:
        if key not in _FIELD_KEYS:
            issues.append(doc.issue((*where, key), f"字段定义里有未知的键“{key}”", at_key=True))
    kind = spec.get("type", "text")
    if kind not in TYPES:
        issues.append(doc.issue((*where, "type"), f"未知的字段类型“{kind}”，可用：{'、'.join(TYPES)}"))
        kind = "text"
    item = None
    if kind == "list":
        item_spec = spec.get("item", {"type": "text", "label": spec.get("label", name)})
        item = _field_from(doc, (*where, "item"), name, item_spec, issues)
    sub = spec.get("fields") or {}
    if kind == "map" and not sub:
        issues.append(doc.issue(where, f"map 字段“{name}”必须有 fields"))
    return Field(
        name=name,
        type=kind,
        label=str(spec.get("label", name)),
        help=str(spec.get("help", "")),
        example=spec.get("example"),
        optional=bool(spec.get("optional", False)),
        default=spec.get("default"),
        choices=tuple(str(c) for c in spec.get("choices", ())),
        min=spec.get("min", 0 if kind == "count" else None),
        max=spec.get("max"),
        item=item,
        fields=tuple(_field_from(doc, (*where, "fields", k), k, v, issues) for k, v in sub.items()),
        min_items=int(spec.get("min_items", 0)),
        equals=spec.get("equals"),
        required_when=_condition(doc, (*where, "required_when"), spec.get("required_when"), issues),
    )


def _condition(doc: Document, where: KeyPath, text: Any, issues: list[Issue]) -> tuple[str, str] | None:
    """``required_when: type=专项巡察`` → ("type", "专项巡察")."""
    if text is None:
        return None
    key, sep, value = str(text).partition("=")
    if not sep or not key.strip():
        issues.append(doc.issue(where, f"required_when 应写成“键=值”，而不是“{text}”"))
        return None
    return key.strip(), value.strip()


_DERIVED_OPS = ("count", "sum", "collect", "unique")


def _derived_from(doc: Document, name: str, spec: Any, issues: list[Issue]) -> Derived:
    where: KeyPath = ("derived", name)
    ops = [op for op in _DERIVED_OPS if isinstance(spec, dict) and op in spec]
    if len(ops) != 1:
        issues.append(doc.issue(where, f"推导事实“{name}”要写且只写 {'/'.join(_DERIVED_OPS)} 之一"))
        return Derived(name, "count", "", name)
    path = str(spec[ops[0]])
    if not _PATH_RE.fullmatch(path):
        issues.append(doc.issue((*where, ops[0]), f"路径“{path}”写法不对，应如 rounds[].units[]"))
    return Derived(name, ops[0], path, str(spec.get("label", name)))


def _walk_fields(f: Field, where: KeyPath) -> list[tuple[Field, KeyPath]]:
    found = []
    for sub in f.fields:
        sub_where = (*where, sub.name)
        found.append((sub, sub_where))
        found += _walk_fields(sub, (*sub_where, "fields"))
        if sub.item is not None:
            found += _walk_fields(sub.item, (*sub_where, "item", "fields"))
    return found


# ---------------------------------------------------------------------------------------------
# Validating facts


def validate(doc: Document, schema: Schema, *, ignore: frozenset[str] = frozenset()) -> Validated:
    """Check a facts document against a schema; return typed values or raise FactsError with all issues.

    Keys in ``ignore`` (e.g. ``template``, ``format``) are left to the caller.
    """
    issues: list[Issue] = []
    data = doc.data
    if not isinstance(data, dict):
        raise FactsError([doc.issue((), "事实文件的最外层必须是一组“键: 值”，而不是列表或单个值")])
    values = _check_map(doc, (), {k: v for k, v in data.items() if k not in ignore}, schema.root, issues)
    derived: dict[str, Any] = {}
    if not issues:
        derived = {d.name: _derive(values, d) for d in schema.derived}
        _check_stated_counts(doc, (), values, schema.root, derived, schema, issues)
    if issues:
        raise FactsError(issues)
    return Validated(values=values, derived=derived, document=doc)


def _check(doc: Document, where: KeyPath, value: Any, spec: Field, issues: list[Issue]) -> Any:
    label = f"“{spec.label}”"
    if value is None:
        issues.append(doc.issue(where, f"{label}没有填写"))
        return None
    kind = spec.type
    if kind == "map":
        if not isinstance(value, dict):
            issues.append(doc.issue(where, f"{label}应为{TYPE_NAMES['map']}"))
            return None
        return _check_map(doc, where, value, spec, issues)
    if kind == "list":
        if not isinstance(value, list):
            issues.append(doc.issue(where, f"{label}应为{TYPE_NAMES['list']}"))
            return None
        if len(value) < spec.min_items:
            issues.append(doc.issue(where, f"{label}至少要有 {spec.min_items} 项"))
        assert spec.item is not None
        return [_check(doc, (*where, i), v, spec.item, issues) for i, v in enumerate(value)]
    return _check_scalar(doc, where, value, spec, issues)


def _check_map(doc: Document, where: KeyPath, value: dict, spec: Field, issues: list[Issue]) -> dict:
    known = {f.name for f in spec.fields}
    result: dict[str, Any] = {}
    for key in value:
        if key not in known:
            hint = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            tip = f"，是否想写“{hint[0]}”？" if hint else f"。这里可用的键：{'、'.join(sorted(known))}"
            issues.append(doc.issue((*where, key), f"未知的键“{key}”{tip}", at_key=True))
    for sub in spec.fields:
        if sub.name in value and value[sub.name] is not None:
            result[sub.name] = _check(doc, (*where, sub.name), value[sub.name], sub, issues)
        elif not sub.optional or _condition_met(value, sub.required_when):
            condition = f"（{'='.join(sub.required_when)}时必填）" if sub.required_when else ""
            if sub.name in value:
                message = f"“{sub.label}”（{sub.name}）没有填写{condition}"
                issues.append(doc.issue((*where, sub.name), message, at_key=True))
            else:
                message = f"缺少必填项“{sub.name}”（{sub.label}）{condition}"
                issues.append(doc.issue(where, message, at_key=True))
        elif sub.default is not None:
            result[sub.name] = sub.default
    return result


def _condition_met(value: dict, condition: tuple[str, str] | None) -> bool:
    return condition is not None and str(value.get(condition[0])) == condition[1]


_DATE_RES = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def parse_date(text: str) -> dt.date | None:
    """2026-03-10, 2026/3/10, 2026.3.10 or 2026年3月10日 → date; None when the form is not a date.

    Raises ValueError when the form is right but the day does not exist (2026-02-30).
    """
    for pattern in _DATE_RES:
        m = pattern.fullmatch(text.strip())
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def _check_scalar(doc: Document, where: KeyPath, value: Any, spec: Field, issues: list[Issue]) -> Any:
    label = f"“{spec.label}”"
    kind = spec.type
    wrong = f"{label}应为{TYPE_NAMES[kind]}，实际写的是“{value}”"
    if kind == "text":
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            issues.append(doc.issue(where, wrong))
            return None
        text = str(value).strip()
        if not text:
            issues.append(doc.issue(where, f"{label}不能为空"))
        return text
    if kind == "bool":
        if not isinstance(value, bool):
            issues.append(doc.issue(where, wrong))
        return value
    if kind == "choice":
        if str(value) not in spec.choices:
            hint = difflib.get_close_matches(str(value), spec.choices, n=1, cutoff=0.6)
            tip = f"，是否想写“{hint[0]}”？" if hint else ""
            issues.append(doc.issue(where, f"{label}只能是 {'、'.join(spec.choices)} 之一，实际写的是“{value}”{tip}"))
        return str(value)
    if kind == "date":
        try:
            parsed = parse_date(str(value))
        except ValueError:
            issues.append(doc.issue(where, f"{label}“{value}”不是一个存在的日期"))
            return None
        if parsed is None:
            issues.append(doc.issue(where, wrong))
        return parsed
    # count, number, year
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        issues.append(doc.issue(where, wrong))
        return None
    if kind in ("count", "year") and not isinstance(value, int):
        issues.append(doc.issue(where, f"{label}应为整数，实际写的是“{value}”"))
        return None
    low = spec.min if spec.min is not None else (1900 if kind == "year" else None)
    high = spec.max if spec.max is not None else (2100 if kind == "year" else None)
    if low is not None and value < low:
        issues.append(doc.issue(where, f"{label}不能小于 {low}，实际写的是 {value}"))
    if high is not None and value > high:
        issues.append(doc.issue(where, f"{label}不能大于 {high}，实际写的是 {value}"))
    return value


# ---------------------------------------------------------------------------------------------
# Derived facts: a small path language over the validated values.
#   rounds              the list itself (count → its length)
#   rounds[].units[]    every unit of every round
#   rounds[type=专项巡察] items whose field equals a value (true/false/numbers are typed)

_PATH_RE = re.compile(r"[A-Za-z_]\w*(\[([A-Za-z_]\w*=[^\]]+)?\])?(\.[A-Za-z_]\w*(\[([A-Za-z_]\w*=[^\]]+)?\])?)*")
_SEGMENT_RE = re.compile(r"([A-Za-z_]\w*)(?:\[(?:([A-Za-z_]\w*)=([^\]]+))?\])?")


def select(values: Any, path: str) -> list[Any]:
    """Every value a path reaches, in document order."""
    current: list[Any] = [values]
    for segment in path.split("."):
        m = _SEGMENT_RE.fullmatch(segment)
        assert m, segment
        name, key, wanted = m[1], m[2], m[3]
        flatten = segment.endswith("]")
        nxt: list[Any] = []
        for item in current:
            if not isinstance(item, dict) or item.get(name) is None:
                continue
            value = item[name]
            if flatten and isinstance(value, list):
                nxt += [v for v in value if key is None or _field_equals(v, key, wanted)]
            else:
                nxt.append(value)
        current = nxt
    return current


def _field_equals(item: Any, key: str, wanted: str) -> bool:
    if not isinstance(item, dict):
        return False
    have = item.get(key)
    if isinstance(have, bool):
        return have == (wanted == "true")
    return str(have) == wanted


def _derive(values: dict[str, Any], d: Derived) -> Any:
    found = select(values, d.path)
    if d.op == "count":
        if len(found) == 1 and isinstance(found[0], list) and not d.path.endswith("]"):
            return len(found[0])
        return len(found)
    if d.op == "sum":
        return sum(v for v in found if isinstance(v, (int, float)) and not isinstance(v, bool))
    if d.op == "unique":
        return list(dict.fromkeys(found))
    return found


def _check_stated_counts(
    doc: Document,
    where: KeyPath,
    value: Any,
    spec: Field,
    derived: dict[str, Any],
    schema: Schema,
    issues: list[Issue],
) -> None:
    """A count typed in the facts must agree with the list it summarises (schema ``equals``)."""
    if spec.equals and value is not None:
        expected = derived[spec.equals]
        if isinstance(expected, list):
            expected = len(expected)
        if value != expected:
            d = next(x for x in schema.derived if x.name == spec.equals)
            list_key = d.path.split(".")[0].split("[")[0]
            place = doc.pos((list_key,))
            issues.append(
                doc.issue(
                    where,
                    f"“{spec.label}”写的是 {value}，但按第{place.line}行起的“{list_key}”列表算是 {expected}"
                    f"（{d.label}）；请改正其中之一",
                )
            )
    if isinstance(value, dict):
        for sub in spec.fields:
            if sub.name in value:
                _check_stated_counts(doc, (*where, sub.name), value[sub.name], sub, derived, schema, issues)
    elif isinstance(value, list) and spec.item is not None:
        for i, v in enumerate(value):
            _check_stated_counts(doc, (*where, i), v, spec.item, derived, schema, issues)
