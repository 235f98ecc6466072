"""The feedback kind: a round facts file (one 巡察 round, many inspected units) and what each unit's
feedback opinion needs.

Each unit inherits the round's type, theme and dates unless it gives its own; its problems are filed
under the categories of its framework and grouped in that framework's order; its 整改 deadlines are
real dates computed from its feedback date. Problems found here are attributed to the unit they sit in,
so one unit's mistake does not stop the other units' documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ..core.dates import add_months, add_working_days, cn_date
from ..core.errors import FactsError, Issue, TemplateError
from ..facts.local_config import config_section
from ..facts.own_data import load_data_yaml
from ..facts.schema import Schema
from ..facts.yamlfile import Document
from ..workbook.ledger import LedgerSpec, Returned
from .base import DocumentKind, KindSetup, Loaded
from .frameworks import Category, Frameworks, check_category, check_framework, read_frameworks
from .ledgers import LEDGERS_KEY, has_ledgers, ledger_file_name, ledger_spec, read_returned, unit_rows

# What a unit's 主要负责人 is called for each form of party organization (整改要求: 第一责任人).
LEADER_TITLES = {
    "党组": "党组书记",
    "党委": "党委书记",
    "党工委": "党工委书记",
    "党总支": "党总支书记",
    "党支部": "党支部书记",
    "领导班子": "主要负责人",
}


def check_units(doc: Document, values: dict[str, Any], frameworks: Frameworks) -> list[Issue]:
    """Every unit's framework and problem categories, checked against the frameworks."""
    issues: list[Issue] = []
    round_ = values.get("round") or {}
    round_type = round_.get("type")
    for i, unit in enumerate(values.get("units") or []):
        if not isinstance(unit, dict):
            continue
        issues += _inherited_dates(doc, i, unit, round_)
        framework = _framework(unit, round_type, frameworks)
        if unit.get("framework"):
            why = check_framework(frameworks, framework)
            if why:
                issues.append(doc.issue(("units", i, "framework"), why))
                continue
        for j, problem in enumerate(unit.get("problems") or []):
            text = problem.get("category") if isinstance(problem, dict) else None
            if isinstance(text, str) and text:
                category, why = check_category(frameworks, framework, text)
                if category is None:
                    issues.append(doc.issue(("units", i, "problems", j, "category"), why))
    return issues


def _inherited_dates(doc: Document, i: int, unit: dict[str, Any], round_: dict[str, Any]) -> list[Issue]:
    """Date order for a unit that takes its dates from the round (its own dates the schema checks)."""
    start, end = unit.get("start") or round_.get("start"), unit.get("end") or round_.get("end")
    feedback = unit.get("feedback_date")
    found = []
    if "start" not in unit or "end" not in unit:
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            found.append(doc.issue(("units", i), "本单位的巡察结束日期早于进驻日期（含从本轮继承的日期）"))
        if (
            "end" not in unit
            and isinstance(end, dt.date)
            and isinstance(feedback, dt.date)
            and feedback < end
        ):
            found.append(
                doc.issue(
                    ("units", i, "feedback_date"), f"反馈日期不能早于本轮巡察结束日期（{cn_date(end)}）"
                )
            )
    return found


def _framework(unit: dict[str, Any], round_type: str | None, frameworks: Frameworks) -> str:
    return unit.get("framework") or frameworks.for_unit(unit.get("kind"), unit.get("type") or round_type)


def unit_facts(values: dict[str, Any], unit: dict[str, Any], frameworks: Frameworks) -> dict[str, Any]:
    """The unit as its document sees it: inherited facts filled in, problems grouped, deadlines dated."""
    round_ = values["round"]
    practice = values.get("practice") or {}
    framework = _framework(unit, round_.get("type"), frameworks)
    feedback = unit["feedback_date"]
    holidays = set(practice.get("holidays") or ())
    workdays = set(practice.get("workdays") or ())
    form = unit["org_form"]
    party_org = unit.get("party_org") or unit["name"] + form
    inspection_type = unit.get("type") or round_["type"]
    theme = unit.get("theme") or (round_.get("theme") if inspection_type == round_["type"] else None)
    facts = {
        **unit,
        "party_org": party_org,
        "leader_title": LEADER_TITLES.get(form, "主要负责人"),
        "type": inspection_type,
        "start": unit.get("start") or round_["start"],
        "end": unit.get("end") or round_["end"],
        "framework": framework,
        "problem_groups": group_problems(unit.get("problems") or [], frameworks.sets.get(framework, ())),
        "plan_due": add_working_days(
            feedback, practice["plan_working_days"], holidays=holidays, workdays=workdays
        ),
        "report_due": add_months(feedback, practice["report_months"]),
    }
    if theme:
        facts["theme"] = theme
    # Counted as the county counts problems (practice: count_by): the ledger has one row per problem.
    count_by = practice.get("count_by", "")
    for group in facts["problem_groups"]:
        group["count"] = len(unit_rows({"problem_groups": [group]}, count_by))
    facts["problem_count"] = sum(group["count"] for group in facts["problem_groups"])
    return facts


def group_problems(problems: list[dict[str, Any]], categories: tuple[Category, ...]) -> list[dict[str, Any]]:
    """Problems under their category headings, in the framework's order; empty categories left out."""
    groups = []
    for category in categories:
        members = [p for p in problems if category.matches(str(p.get("category", "")))]
        if members:
            groups.append({"key": category.key, "heading": category.heading, "problems": members})
    return groups


# A round file may override its template's problem-category frameworks under this key (so may the
# drafter.yaml beside it).
FRAMEWORKS_KEY = "frameworks"


@dataclass(frozen=True, slots=True)
class RoundFile:
    """What a round facts file supplies to other kinds: its document, facts and units' facts, and the
    ledgers its units returned, by unit name (None when the round names no ledgers)."""

    document: Document
    values: dict[str, Any]
    units: list[dict[str, Any]]
    ledgers: dict[str, Returned] | None = None


class FeedbackKind(DocumentKind):
    """One 巡察反馈意见 per inspected unit of a round."""

    name: ClassVar[str] = "feedback"
    item_noun: ClassVar[str] = "单位"
    extra_keys: ClassVar[frozenset[str]] = frozenset({FRAMEWORKS_KEY})
    # drafter.yaml may say where a folder's rounds keep their returned ledgers.
    county_keys: ClassVar[tuple[str, ...]] = (LEDGERS_KEY,)
    # The annual report sums these from the round files (annual.py).
    # The ledgers are read when another kind reads the round (supply), and count_by counts its problems.
    read_by_code: ClassVar[tuple[str, ...]] = (
        "round.groups",
        "round.rectification_heard",
        "ledgers",
        "practice.count_by",
    )
    supplies: ClassVar[str] = "round"

    def __init__(self, setup: KindSetup, frameworks: Frameworks) -> None:
        super().__init__(setup)
        self.frameworks = frameworks

    @classmethod
    def claims(cls, options: Mapping[str, str], each: str, schema: Schema) -> bool:
        """A per-unit template with problem-category frameworks."""
        return bool(each and options.get(FRAMEWORKS_KEY))

    @classmethod
    def set_up(cls, setup: KindSetup, issues: list[Issue]) -> DocumentKind:
        """The template's frameworks, overridden by drafter.yaml's ``frameworks:``, then by the facts'."""
        file_name = setup.template_options.get(FRAMEWORKS_KEY)
        if not file_name:
            msg = f"{setup.template_dir / 'template.yaml'}: 反馈意见模板要写 frameworks（问题类别框架文件）"
            raise TemplateError(msg)
        frameworks = template_frameworks(setup.template_dir / file_name)
        for source in (config_section(setup.config, FRAMEWORKS_KEY), setup.document):
            if source is not None and isinstance(source.data, dict) and FRAMEWORKS_KEY in source.data:
                frameworks, problems = read_frameworks(source, (FRAMEWORKS_KEY,), frameworks)
                issues += problems
        return cls(setup, frameworks)

    def check(self, doc: Document, values: dict[str, Any]) -> list[Issue]:
        """Every unit's framework and problem categories, and the dates it inherits from the round."""
        return check_units(doc, values, self.frameworks)

    def items(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        """Every unit as its feedback opinion sees it."""
        return [unit_facts(values, unit, self.frameworks) for unit in super().items(values)]

    def item_keys(self, item: dict[str, Any]) -> tuple[str, ...]:
        """A unit is picked by its name or its party organization's (县财政局 or 县财政局党组)."""
        return tuple(str(item[k]) for k in ("name", "party_org") if item.get(k))

    def item_document(self, item: dict[str, Any]) -> str:
        """Findings in a unit's text are labelled with its document: “县财政局的反馈意见”."""
        return f"{item.get('name')}的反馈意见"

    def not_applicable(self, item: dict[str, Any]) -> frozenset[str]:
        """The clue-transfer sentence is required only of a unit whose clues were transferred."""
        return frozenset() if item.get("clues") else frozenset({"feedback-clues"})

    def ledger(self, values: dict[str, Any], item: dict[str, Any]) -> tuple[str, LedgerSpec] | None:
        """A unit's 整改台账: one row per problem as the county counts them, sent with its feedback."""
        return ledger_file_name(values, item), ledger_spec(values, item)

    def supply(self, loaded: Loaded) -> RoundFile:
        """The round, for the annual report or rectification notice that reads this file, with its
        returned ledgers read and checked (FactsError listing every problem in them)."""
        units = loaded.items()
        if not has_ledgers(loaded.values):
            return RoundFile(loaded.document, loaded.values, units)
        returned = read_returned(loaded.document, loaded.values, units, dt.date.today())
        return RoundFile(loaded.document, loaded.values, units, returned)


@lru_cache(maxsize=32)
def template_frameworks(path: Path) -> Frameworks:
    """A template's frameworks file (read once per process)."""
    try:
        doc = load_data_yaml(path)
    except FactsError as err:
        raise TemplateError(str(err)) from err
    frameworks, issues = read_frameworks(doc, ())
    if issues:
        raise TemplateError("\n".join(str(i) for i in issues))
    return frameworks
