"""Check a facts document against its template's schema and compute the derived facts.

Every problem is collected before anything is raised, so a user fixes a file in one pass: wrong types,
missing and unknown keys, repeated items, impossible dates, fields that contradict each other, and
counts typed in the facts that disagree with the lists they summarise.
"""

from __future__ import annotations

import datetime as dt
import difflib
import operator
import re
from dataclasses import dataclass
from typing import Any

from ..core.dates import parse_date
from ..core.errors import FactsError, Issue
from ..core.headings import starts_with_label
from ..core.levels import contradictions
from .schema import SEGMENT_RE, TYPE_NAMES, Check, Derived, Field, Schema
from .slips import map_expected_hint, mapping_read_from_text
from .yamlfile import Document, KeyPath

# Dates outside this range are typing mistakes in a report (and do not fit a .docx time stamp).
FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass(slots=True)
class Validated:
    """Facts that passed validation: typed values plus derived ones, with the source for positions."""

    values: dict[str, Any]
    derived: dict[str, Any]
    document: Document


# What messages call a file when the caller does not say (a template's facts file).
FACTS_FILE = "事实文件"


def not_a_mapping(
    doc: Document, what: str = FACTS_FILE, at: KeyPath = (), keys: tuple[str, ...] = ()
) -> FactsError:
    """The error for a file (or the section ``at`` of one) that is a list or a single value.

    ``what`` names the kind of file (规则文件, drafter.yaml …); ``keys``, when given, are the keys it may
    have, so that the message also says what was expected.
    """
    expected = f"（{'、'.join(f'{k}:' for k in keys)}）" if keys else ""
    if at:
        message = f"“{at[-1]}”一节应为一组“键: 值”{expected}，写法同{what}，而不是列表或单个值"
    else:
        space = " " if what[-1:].isascii() else ""  # “drafter.yaml 的”, as Chinese text sets a name
        message = f"{what}{space}的最外层必须是一组“键: 值”{expected}，而不是列表或单个值"
    return FactsError([doc.issue(at, message)])


@dataclass(frozen=True, slots=True)
class Supplied:
    """Facts that other files supply (an annual report's rounds from its round files), by key path."""

    values: dict[KeyPath, Any]
    source: str  # the files, as messages name them
    # False when some listed file could not be read: its problems are reported, and the facts it would
    # have supplied are neither required here nor compared.
    complete: bool = True


def validate(
    doc: Document,
    schema: Schema,
    *,
    ignore: frozenset[str] = frozenset(),
    supplied: Supplied | None = None,
    what: str = FACTS_FILE,
) -> Validated:
    """Check a facts document against a schema; return typed values or raise FactsError with all issues.

    Keys in ``ignore`` (e.g. ``template``, ``format``) are left to the caller. ``supplied`` fills the
    fields marked ``supplied_by`` and is compared with what the document types for them. ``what`` is
    what messages call the file when its top level is not a mapping.
    """
    if not isinstance(doc.data, dict):
        raise not_a_mapping(doc, what, keys=tuple(f.name for f in schema.root.fields))
    issues: list[Issue] = []
    values: dict[str, Any] = {}
    dirty = _check_fields(doc, (), doc.data, schema.root, ignore, values, issues)
    before = len(issues)
    if supplied is None or supplied.complete:
        _apply_supplied(doc, (), values, schema.root, supplied, issues)
    if len(issues) > before or (supplied is not None and not supplied.complete):
        dirty.update(f.name for f in schema.root.fields)
    derived = {d.name: derive(values, d) for d in schema.derived}
    _check_stated_counts(doc, (), values, schema.root, derived, schema, dirty, issues)
    for check in schema.checks:
        _run_check(doc, (), values, check, issues)
    if issues:
        raise FactsError(issues)
    return Validated(values=values, derived=derived, document=doc)


def read_format(
    doc: Document, schema: Schema, *, what: str, at: KeyPath = ()
) -> tuple[dict[str, Any] | None, list[Issue]]:
    """Check one of drafter's own files (or its section ``at``) against its format's schema.

    Unlike ``validate`` it does not stop at the first broken part: it returns the typed values of every
    part (a wrong value or a repeated item is None, a missing one absent) together with every problem, so
    that the reader can add the checks a schema cannot express and still report everything at once
    (``is_whole`` tells which parts it may build from). The values are None when the file or section is
    not a mapping at all.
    """
    data: Any = doc.data
    for key in at:
        data = data.get(key) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        return None, not_a_mapping(doc, what, at, tuple(f.name for f in schema.root.fields)).issues
    issues: list[Issue] = []
    values: dict[str, Any] = {}
    _check_fields(doc, at, data, schema.root, frozenset(), values, issues)
    for check in schema.checks:
        _run_check(doc, at, values, check, issues)
    return values, issues


def is_whole(value: Any, spec: Field) -> bool:
    """Whether a value typed by ``read_format`` has no problem inside: no wrong part, no missing required
    field, no list shorter than its minimum. A reader builds its objects only from whole parts, so a
    mistake in one snippet or rule leaves the others to be checked (duplicate ids across files …)."""
    if value is None:
        return False
    if spec.validated_by:
        return True
    if spec.type == "list":
        item = spec.item
        return item is not None and len(value) >= spec.min_items and all(is_whole(v, item) for v in value)
    if spec.type != "map":
        return True
    if spec.item is not None:
        return all(is_whole(v, spec.item) for v in value.values())
    for sub in spec.fields:
        if sub.name in value:
            if not is_whole(value[sub.name], sub):
                return False
        elif not sub.optional or _condition_met(value, sub.required_when):
            return False
    return True


def _check_fields(
    doc: Document,
    where: KeyPath,
    data: dict[str, Any],
    spec: Field,
    ignore: frozenset[str],
    out: dict[str, Any],
    issues: list[Issue],
) -> set[str]:
    """Check the fields of the map at ``where`` into ``out``; return the keys that had problems."""
    given = {k: v for k, v in data.items() if k not in ignore}
    _unknown_keys(doc, where, given, spec, issues)
    dirty: set[str] = set()  # keys with problems: their derived counts are not compared
    for f in spec.fields:
        before = len(issues)
        _check_entry(doc, where, given, f, out, issues)
        if len(issues) > before:
            dirty.add(f.name)
    return dirty


def _unknown_keys(
    doc: Document, where: KeyPath, value: dict[str, Any], spec: Field, issues: list[Issue]
) -> None:
    known = {f.name for f in spec.fields}
    for key in value:
        if key not in known:
            hint = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            tip = f"，是否想写“{hint[0]}”？" if hint else f"。这里可用的键：{'、'.join(sorted(known))}"
            issues.append(doc.issue((*where, key), f"未知的键“{key}”{tip}", at_key=True))


def _check_entry(
    doc: Document,
    where: KeyPath,
    given: dict[str, Any],
    sub: Field,
    out: dict[str, Any],
    issues: list[Issue],
) -> None:
    """Check one field of a map; store its typed value in ``out`` when it is there."""
    if given.get(sub.name) is not None:
        out[sub.name] = _check(doc, (*where, sub.name), given[sub.name], sub, issues)
    elif sub.supplied_by:
        pass  # present or not, decided once the supplied facts are known (_apply_supplied)
    elif not sub.optional or _condition_met(given, sub.required_when):
        condition = f"（{'='.join(sub.required_when)}时必填）" if sub.required_when else ""
        if sub.name in given:
            message = f"“{sub.label}”（{sub.name}）没有填写{condition}"
            issues.append(doc.issue((*where, sub.name), message, at_key=True))
        else:
            message = f"缺少必填项“{sub.name}”（{sub.label}）{condition}"
            issues.append(doc.issue(where, message, at_key=True))
    elif sub.type == "map" and isinstance(sub.default, dict):
        # An absent map with a default still gets the defaults of its own fields.
        out[sub.name] = _check(doc, (*where, sub.name), sub.default, sub, issues)
    elif sub.default is not None:
        out[sub.name] = sub.default


def _apply_supplied(
    doc: Document,
    where: KeyPath,
    out: dict[str, Any],
    spec: Field,
    supplied: Supplied | None,
    issues: list[Issue],
) -> None:
    """Fill the supplied fields of a map, compare those typed as well, and require the rest."""
    for sub in spec.fields:
        path = (*where, sub.name)
        typed = out.get(sub.name)
        if sub.supplied_by:
            _supply_field(doc, where, out, sub, supplied, issues)
        elif sub.type == "map":
            if typed is None and supplied and any(p[: len(path)] == path for p in supplied.values):
                typed = out[sub.name] = {}
            if isinstance(typed, dict):
                _apply_supplied(doc, path, typed, sub, supplied, issues)


def _supply_field(
    doc: Document,
    where: KeyPath,
    out: dict[str, Any],
    sub: Field,
    supplied: Supplied | None,
    issues: list[Issue],
) -> None:
    """Fill one supplied field of a map, compare it when it is typed as well, or require it."""
    path = (*where, sub.name)
    typed = out.get(sub.name)
    if sub.name in out and typed is None:
        return  # typed but wrong: already reported
    if supplied is None:
        if typed is None and not sub.optional:
            message = f"缺少必填项“{sub.name}”（{sub.label}），或在“{sub.supplied_by}”里列出提供它的文件"
            issues.append(doc.issue(where, message, at_key=True))
        return
    value = supplied.values.get(path)
    if value is None:
        return
    if typed is None:
        out[sub.name] = value
    elif isinstance(value, list):
        message = f"“{sub.label}”已由{supplied.source}提供，这里不要再写（删去“{sub.name}”这一项）"
        issues.append(doc.issue(path, message, at_key=True))
    elif typed != value:
        message = (
            f"“{sub.label}”写的是 {typed}，但按{supplied.source}合计是 {value}；"
            "请改正其中之一，或删去这一项，由所列文件合计"
        )
        issues.append(doc.issue(path, message))


def _condition_met(value: dict[str, Any], condition: tuple[str, str] | None) -> bool:
    return condition is not None and str(value.get(condition[0])) == condition[1]


def _check(doc: Document, where: KeyPath, value: Any, spec: Field, issues: list[Issue]) -> Any:
    label = f"“{spec.label}”"
    if spec.validated_by:
        return value  # its reader validates it against its own schema
    if value is None:
        issues.append(doc.issue(where, f"{label}没有填写"))
        return None
    if spec.type == "map":
        return _check_map(doc, where, value, spec, issues)
    if spec.type == "list":
        if not isinstance(value, list):
            if spec.single_ok and spec.item is not None and not isinstance(value, dict):
                return [_check(doc, where, value, spec.item, issues)]
            issues.append(doc.issue(where, f"{label}应为{TYPE_NAMES['list']}"))
            return None
        if len(value) < spec.min_items:
            tip = "；不需要时请删去这一项" if spec.optional else ""
            issues.append(doc.issue(where, f"{label}至少要有 {spec.min_items} 项{tip}"))
        assert spec.item is not None
        items = [_check(doc, (*where, i), v, spec.item, issues) for i, v in enumerate(value)]
        if spec.unique:
            _repeated_items(doc, where, items, spec, issues)
        return items
    return _check_scalar(doc, where, value, spec, issues)


def _check_map(doc: Document, where: KeyPath, value: Any, spec: Field, issues: list[Issue]) -> Any:
    if not isinstance(value, dict):
        hint = map_expected_hint(value) if isinstance(value, str) else ""
        issues.append(doc.issue(where, f"“{spec.label}”应为{TYPE_NAMES['map']}{hint}"))
        return None
    result: dict[str, Any] = {}
    if spec.item is not None:  # free keys: every value is one item
        for key, item in value.items():
            result[key] = _check(doc, (*where, key), item, spec.item, issues)
        return result
    _check_fields(doc, where, value, spec, frozenset(), result, issues)
    if spec.committee:
        _check_committee(doc, where, result, spec, issues)
    return result


def _check_committee(
    doc: Document, where: KeyPath, org: dict[str, Any], spec: Field, issues: list[Issue]
) -> None:
    """A committee block whose names and levels disagree: reported at the one, naming the other's line."""
    labels = {f.name: f.label for f in spec.fields}
    for found in contradictions(org):
        line = doc.pos((*where, found.other)).line
        other = f"第{line}行“{labels.get(found.other, found.other)}”"
        message = found.message.replace("{other}", other) + "；请改正其中之一"
        issues.append(doc.issue((*where, found.field), message))


def _repeated_items(
    doc: Document, where: KeyPath, items: list[Any], spec: Field, issues: list[Issue]
) -> None:
    key = spec.unique if isinstance(spec.unique, str) else None
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = item.get(key) if key and isinstance(item, dict) else item
        if value is None or isinstance(value, (dict, list)):
            continue
        if value in seen:
            first = doc.pos((*where, seen[value])).line
            place = (*where, i, key) if key else (*where, i)
            issues.append(doc.issue(place, f"“{value}”重复了（第{first}行已经写过）"))
            items[i] = None  # the repeat is the wrong part (see read_format)
        else:
            seen[value] = i


def _check_scalar(doc: Document, where: KeyPath, value: Any, spec: Field, issues: list[Issue]) -> Any:
    label = f"“{spec.label}”"
    kind = spec.type
    wrong = f"{label}应为{TYPE_NAMES[kind]}，实际写的是“{value}”"
    if kind == "text":
        return _check_text(doc, where, value, spec, label, wrong, issues)
    if kind == "bool":
        if not isinstance(value, bool):
            issues.append(doc.issue(where, wrong))
            return None
        return value
    if kind == "choice":
        return _check_choice(doc, where, value, spec, label, issues)
    if kind == "date":
        return _check_date(doc, where, value, label, wrong, issues)
    return _check_number(doc, where, value, spec, label, wrong, issues)


def _check_text(
    doc: Document, where: KeyPath, value: Any, spec: Field, label: str, wrong: str, issues: list[Issue]
) -> str | None:
    if isinstance(value, dict):
        issues.append(doc.issue(where, f"{label}应为文字：{mapping_read_from_text(value)}"))
        return None
    if isinstance(value, list):
        items = "、".join(str(v) for v in value if not isinstance(v, (dict, list)))
        shown = f"（{items}）" if items else ""
        message = f"{label}应为文字，这里写成了列表{shown}；只写一段文字，不加方括号或“- ”"
        issues.append(doc.issue(where, message))
        return None
    if isinstance(value, bool):
        issues.append(doc.issue(where, wrong))
        return None
    if spec.verbatim:
        return str(value)
    text = str(value).strip()
    if not text:
        issues.append(doc.issue(where, f"{label}不能为空"))
        return None
    if spec.unnumbered and starts_with_label(text):
        issues.append(
            doc.issue(where, f"{label}不要自己写序号（如“一、”“（一）”“1.”），drafter 会自动编号")
        )
        return None
    return text


def _check_choice(
    doc: Document, where: KeyPath, value: Any, spec: Field, label: str, issues: list[Issue]
) -> str | None:
    if str(value) not in spec.choices:
        hint = _part_of_choice(str(value), spec.choices) or difflib.get_close_matches(
            str(value), spec.choices, n=1, cutoff=0.6
        )
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        issues.append(
            doc.issue(where, f"{label}只能是 {'、'.join(spec.choices)} 之一，实际写的是“{value}”{tip}")
        )
        return None
    return str(value)


def _part_of_choice(text: str, choices: tuple[str, ...]) -> list[str]:
    """The choice that ``text`` is one part of: 街道 → 乡镇（街道）, 社区 → 村（社区）."""
    text = text.strip()
    if not text:
        return []
    parts = {choice: re.split(r"[（）()、/]", choice) for choice in choices}
    return [choice for choice, pieces in parts.items() if text in pieces][:1]


# What counts and numbers may be when their field sets no bound: a county's year has hundreds of talks
# and thousands of documents; 10^30 is a slip of the keyboard that would otherwise land in a document.
MAX_FIGURE = 100_000_000


def _check_number(
    doc: Document, where: KeyPath, value: Any, spec: Field, label: str, wrong: str, issues: list[Issue]
) -> Any:
    """A count, number or year, within the field's bounds (a year's default to drafter's years)."""
    kind = spec.type
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        issues.append(doc.issue(where, wrong))
        return None
    if kind in ("count", "year") and not isinstance(value, int):
        issues.append(doc.issue(where, f"{label}应为整数，实际写的是“{value}”"))
        return None
    low = spec.min if spec.min is not None else (FIRST_YEAR if kind == "year" else None)
    high = spec.max if spec.max is not None else (LAST_YEAR if kind == "year" else None)
    if low is not None and value < low:
        issues.append(doc.issue(where, f"{label}不能小于 {low}，实际写的是 {value}"))
        return None
    if high is not None and value > high:
        issues.append(doc.issue(where, f"{label}不能大于 {high}，实际写的是 {value}"))
        return None
    if high is None and abs(value) > MAX_FIGURE:
        message = f"{label}写的是 {value}，超过 1 亿，不合常理；请检查是否多打了数字"
        issues.append(doc.issue(where, message))
        return None
    return value


def _check_date(
    doc: Document, where: KeyPath, value: Any, label: str, wrong: str, issues: list[Issue]
) -> Any:
    try:
        parsed = parse_date(str(value))
    except ValueError:
        issues.append(doc.issue(where, f"{label}“{value}”不是一个存在的日期"))
        return None
    if parsed is None:
        issues.append(doc.issue(where, wrong))
    elif not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        issues.append(
            doc.issue(where, f"{label}“{value}”的年份不对（应在 {FIRST_YEAR}～{LAST_YEAR} 年之间）")
        )
        return None
    return parsed


# ---------------------------------------------------------------------------------------------
# Derived facts and checks between fields


def select(values: Any, path: str) -> list[tuple[KeyPath, Any]]:
    """Every value a path reaches, with its key path, in document order."""
    current: list[tuple[KeyPath, Any]] = [((), values)]
    for segment in path.split("."):
        m = SEGMENT_RE.fullmatch(segment)
        assert m, segment
        name, key, wanted = m[1], m[2], m[3]
        flatten = segment.endswith("]")
        found: list[tuple[KeyPath, Any]] = []
        for where, item in current:
            if not isinstance(item, dict) or item.get(name) is None:
                continue
            value = item[name]
            if flatten and isinstance(value, list):
                found += [
                    ((*where, name, i), v)
                    for i, v in enumerate(value)
                    if key is None or _field_equals(v, key, wanted)
                ]
            else:
                found.append(((*where, name), value))
        current = found
    return current


def _field_equals(item: Any, key: str, wanted: str) -> bool:
    if not isinstance(item, dict):
        return False
    have = item.get(key)
    if isinstance(have, bool):
        return have == (wanted == "true")
    return str(have) == wanted


def derive(values: dict[str, Any], d: Derived) -> Any:
    """The value of one derived fact."""
    found = [v for _, v in select(values, d.path)]
    if d.op == "count":
        if len(found) == 1 and isinstance(found[0], list) and not d.path.endswith("]"):
            return len(found[0])
        return len(found)
    if d.op == "sum":
        return sum(v for v in found if isinstance(v, (int, float)) and not isinstance(v, bool))
    if d.op == "unique":
        return list(dict.fromkeys(v for v in found if v is not None))
    return [v for v in found if v is not None]


def _check_stated_counts(
    doc: Document,
    where: KeyPath,
    value: Any,
    spec: Field,
    derived: dict[str, Any],
    schema: Schema,
    dirty: set[str],
    issues: list[Issue],
) -> None:
    """A count typed in the facts must agree with the list it summarises (schema ``equals``)."""
    if spec.equals and isinstance(value, int):
        d = next(x for x in schema.derived if x.name == spec.equals)
        list_key = d.path.split(".")[0].split("[")[0]
        expected = derived[spec.equals]
        expected = len(expected) if isinstance(expected, list) else expected
        if list_key not in dirty and value != expected:
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
                _check_stated_counts(
                    doc, (*where, sub.name), value[sub.name], sub, derived, schema, dirty, issues
                )


_COMPARE = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}


def _run_check(
    doc: Document, at: KeyPath, values: dict[str, Any], check: Check, issues: list[Issue]
) -> None:
    for found_at, item in select(values, check.path):
        where = (*at, *found_at)
        if not isinstance(item, dict):
            continue
        left = item.get(check.left)
        right = int(check.right) if check.right.isdigit() else item.get(check.right)
        if not (
            (isinstance(left, (int, float)) and isinstance(right, (int, float)))
            or (isinstance(left, dt.date) and isinstance(right, dt.date))
        ):
            continue  # not comparable: the field checks report what is wrong
        if not _COMPARE[check.op](left, right):
            issues.append(
                doc.issue((*where, check.left), f"{check.message}（{_show(left)}，{_show(right)}）")
            )


def _show(value: Any) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if isinstance(value, dt.date) else str(value)
