"""The rules of ``drafter check`` as data, and the organization a document speaks for.

The built-in rules live in ``drafter/check/rules/builtin.yaml``. A unit adds, replaces (same ``id``) or
disables (``disable: [id or code]``) rules without touching code, in layers applied in this order:
built-in → the ``check:`` section of a drafter.yaml beside the checked file → each ``--rules FILE``.
Every rule file is read through facts.load_yaml, so a broken one is reported with file:line:col.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.errors import FactsError, Issue
from ..core.levels import OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS, level_named
from ..facts.local_config import read_config
from ..facts.own_data import load_data_yaml
from ..facts.schema import Field, format_schema
from ..facts.validation import is_whole, read_format
from ..facts.yamlfile import Document, KeyPath, load_yaml
from .org import (
    ORG_PLACEHOLDERS,
    OWN_CHOICES,
    PARENT_CHOICES,
    PLACEHOLDERS,
    PROVINCE_CHOICES,
    Org,
    org_from_values,
)
from .regexrisk import nested_repeat
from .registry import FACTS, PYTHON_RULES, RuleInfo, unknown_name

BUILTIN_RULES = Path(__file__).resolve().parent / "rules" / "builtin.yaml"

SEVERITIES = ("error", "warning", "info")

# What messages call a rule file (and the check: section of a drafter.yaml, written the same way).
RULE_FILE = "规则文件"


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern rule, as written in a rule file."""

    id: str
    code: str
    severity: str
    pattern: str
    message: str
    source: str
    replace: str | None = None
    translate: dict[str, str] | None = None
    fix: bool = False
    unless_before: str | None = None
    unless_after: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    needs_org: bool = False

    @property
    def uses_org(self) -> bool:
        """Whether the rule speaks of our level or the level above."""
        texts = (self.pattern, self.replace or "", self.message)
        return self.needs_org or any(p in t for p in ORG_PLACEHOLDERS for t in texts)


@dataclass(frozen=True, slots=True)
class Requirement:
    """Something a document of a kind must say (L12), e.g. the 2-month deadline in a feedback."""

    id: str
    pattern: str
    message: str
    # info for what only applies sometimes (clues: a round may hand over none).
    severity: str = "warning"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Everything the checker needs to know besides the text."""

    rules: tuple[Rule, ...]
    disabled: frozenset[str] = frozenset()
    feedback_detect: str | None = None
    feedback_require: tuple[Requirement, ...] = ()
    org: Org | None = None

    def enabled(self, rule_id: str, code: str) -> bool:
        """Whether a rule (by id or by its code) is switched on."""
        return rule_id not in self.disabled and code not in self.disabled


def load_rules(
    extra: tuple[Path, ...] = (), *, beside: Path | None = None, include_config: bool = True
) -> RuleSet:
    """The built-in rules, then drafter.yaml's ``check:`` section beside ``beside``, then ``extra`` files."""
    rules = builtin_rules()
    if include_config and beside is not None:
        doc = read_config(beside.parent)
        if doc is not None and isinstance(doc.data, dict) and "check" in doc.data:
            rules = _apply(rules, doc, ("check",))
    for path in extra:
        rules = _apply(rules, load_yaml(path), ())
    return rules


@functools.lru_cache(maxsize=1)
def builtin_rules() -> RuleSet:
    """The rules shipped in drafter/check/rules/builtin.yaml (read once; a RuleSet is immutable)."""
    return _apply(RuleSet(()), load_data_yaml(BUILTIN_RULES), ())


def _apply(base: RuleSet, doc: Document, at: KeyPath) -> RuleSet:
    """Layer one rule file (or the ``check:`` section at ``at``) over ``base``.

    The file is checked against facts/formats/rule-file.yaml; this adds what a schema cannot say (see
    ``_rule``), the org's levels in either language, and that ``disable:`` names rules that exist.
    """
    schema = format_schema("rule-file")
    data, issues = read_format(doc, schema, what=RULE_FILE, at=at)
    if data is None:
        raise FactsError(issues)
    rules = {r.id: r for r in base.rules}
    spec = schema.root.sub("rules").item
    assert spec is not None
    for i, raw in enumerate(data.get("rules") or ()):
        rule = _rule(doc, (*at, "rules", i), raw, spec, issues) if raw is not None else None
        if rule is not None:
            rules[rule.id] = rule
    org = base.org
    if data.get("org") is not None:
        org = _org(doc, (*at, "org"), data["org"], issues) or org
    result = replace(base, rules=tuple(rules.values()), org=org)
    if data.get("feedback") is not None:
        feedback = schema.root.sub("feedback")
        result = _feedback(doc, (*at, "feedback"), data["feedback"], result, feedback, issues)
    disabled = _disabled(doc, at, data.get("disable") or [], result, issues)
    if issues:
        raise FactsError(issues)
    return replace(result, disabled=disabled)


def _disabled(
    doc: Document, at: KeyPath, names: list[str | None], rules: RuleSet, issues: list[Issue]
) -> frozenset[str]:
    """The rules switched off so far and by this file's ``disable:``, each of which must name a rule.

    Checked after the file's own rules and requirements are in: ``disable`` may name them too.
    """
    known = {name for rule in all_rules(rules) for name in (rule.id, rule.code)}
    disabled = set(rules.disabled)
    for i, name in enumerate(names):
        if name is None:
            continue  # not a text: reported already
        if name in (FACTS.id, FACTS.code):
            problem: str | None = "事实文件本身的错误（F1）不能关闭，请改正事实文件"
        else:
            problem = unknown_name(name, known)
        if problem:
            issues.append(doc.issue((*at, "disable", i), problem))
        else:
            disabled.add(name)
    return frozenset(disabled)


def all_rules(rules: RuleSet) -> list[RuleInfo]:
    """Every rule a rule set runs: its pattern rules, the feedback requirements (L12) and the rules
    written in Python, in that order."""
    found = [RuleInfo(r.id, r.code, r.severity, r.message, written_in="rules") for r in rules.rules]
    found += [
        RuleInfo(r.id, "L12", r.severity, r.message, written_in="requirement") for r in rules.feedback_require
    ]
    return found + [rule.info() for rule in PYTHON_RULES]


def _rule(
    doc: Document, where: KeyPath, raw: dict[str, Any], spec: Field, issues: list[Issue]
) -> Rule | None:
    """A rule from its typed values: its regular expressions must compile and not nest repeats, and its
    replacement may only name groups the pattern has. None when anything in it is wrong."""
    before = len(issues)
    for key in ("pattern", "unless_before", "unless_after"):
        if raw.get(key) is not None:
            _check_regex(doc, (*where, key), raw[key], issues)
    if raw.get("pattern") is not None and len(issues) == before:
        _check_references(doc, where, raw["pattern"], raw.get("replace"), issues)
    if len(issues) > before or not is_whole(raw, spec):
        return None
    return Rule(
        id=raw["id"],
        code=raw["code"],
        severity=raw["severity"],
        pattern=raw["pattern"],
        message=raw["message"],
        source=str(doc.issue(where, "")).rstrip(": "),
        replace=raw.get("replace"),
        translate=raw.get("translate"),
        fix=raw["fix"],
        unless_before=raw.get("unless_before"),
        unless_after=raw.get("unless_after"),
        valid_from=raw.get("from"),
        valid_until=raw.get("until"),
        needs_org=raw["needs_org"],
    )


def _probe(pattern: str) -> str:
    """The pattern with its placeholders filled by a sample word, to compile it before any document."""
    for placeholder in PLACEHOLDERS:
        pattern = pattern.replace(placeholder, "县委")
    return pattern


def _check_regex(doc: Document, where: KeyPath, pattern: str, issues: list[Issue]) -> None:
    if not pattern:
        issues.append(doc.issue(where, "正则表达式不能为空（空的表达式在哪里都算找到）"))
        return
    try:
        re.compile(_probe(pattern))
    except re.error as err:
        issues.append(doc.issue(where, f"正则表达式有误：{err}"))
        return
    if nested_repeat(_probe(pattern)):
        message = (
            "正则表达式里有嵌套的重复（如 (a+)+、(\\s*\\S+)*），遇到某些文字会让检查长时间停不下来；"
            "请改写为不嵌套的形式，或给外层写上限（如 {1,5}）"
        )
        issues.append(doc.issue(where, message))


_REFERENCE = re.compile(r"\\(\d+)|\\g<(\w+)>")


def _check_references(doc: Document, where: KeyPath, pattern: str, replace: Any, issues: list[Issue]) -> None:
    """A replacement may only refer to groups the pattern has (\\1, \\g<name>)."""
    if not isinstance(replace, str):
        return
    compiled = re.compile(_probe(pattern))
    for number, name in _REFERENCE.findall(replace):
        if (number and int(number) > compiled.groups) or (name and name not in compiled.groupindex):
            ref = f"\\{number}" if number else f"\\g<{name}>"
            issues.append(doc.issue((*where, "replace"), f"replace 里的“{ref}”在 pattern 中没有对应的括号"))


def _org(doc: Document, where: KeyPath, raw: dict[str, Any], issues: list[Issue]) -> Org | None:
    """The org of a rule file; its levels may be written as on the command line (county, city …)."""
    if raw.get("level") is None:
        return None  # missing or not a text: reported already
    level = level_named(raw["level"], OWN_LEVELS)
    if level is None:
        issues.append(doc.issue((*where, "level"), f"本级党委层级（level）应为 {OWN_CHOICES} 之一"))
        return None
    parent = raw.get("parent_level")
    parent_level = level_named(parent, PARENT_LEVELS) if parent is not None else None
    if parent is not None and parent_level is None:
        issues.append(doc.issue((*where, "parent_level"), f"上级党委层级应为 {PARENT_CHOICES} 之一"))
    province = raw.get("province_level")
    province_level = level_named(province, PROVINCE_LEVELS) if province is not None else None
    if province is not None and province_level is None:
        issues.append(doc.issue((*where, "province_level"), f"省级党委层级应为 {PROVINCE_CHOICES} 之一"))
    values = {k: v for k, v in raw.items() if v is not None}
    return org_from_values(
        {**values, "level": level, "parent_level": parent_level, "province_level": province_level}
    )


def _feedback(
    doc: Document, where: KeyPath, raw: dict[str, Any], base: RuleSet, spec: Field, issues: list[Issue]
) -> RuleSet:
    """The feedback requirements (L12) of a rule file over those before it; their patterns must compile."""
    detect = raw.get("detect", base.feedback_detect)
    if "detect" in raw and detect is not None:
        _check_regex(doc, (*where, "detect"), detect, issues)
    required = {r.id: r for r in base.feedback_require}
    item_spec = spec.sub("require").item
    assert item_spec is not None
    for i, item in enumerate(raw.get("require") or ()):
        if item is None:
            continue  # not a mapping: reported already
        before = len(issues)
        if item.get("pattern") is not None:
            _check_regex(doc, (*where, "require", i, "pattern"), item["pattern"], issues)
        if len(issues) == before and is_whole(item, item_spec):
            required[item["id"]] = Requirement(item["id"], item["pattern"], item["message"], item["severity"])
    return replace(base, feedback_detect=detect, feedback_require=tuple(required.values()))


def with_org(rules: RuleSet, org: Org | None) -> RuleSet:
    """The rule set speaking for ``org`` (None keeps what the rule files said)."""
    return rules if org is None else replace(rules, org=org)
