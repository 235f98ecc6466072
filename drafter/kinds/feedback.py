"""The feedback kind: a round facts file (one 巡察 round, many inspected units) and what each unit's
feedback opinion needs.

Each unit inherits the round's type, theme and dates unless it gives its own; its problems are filed
under the categories of its framework and grouped in that framework's order; its 整改 deadlines are
real dates computed from its feedback date. A village or community (村（社区）) is inspected under the
township (乡镇、街道、苏木) that bears the 主体责任 for its rectification: the township is named from the
unit's ``township`` or, where it is certain, from the unit's name. Problems found here are attributed to
the unit they sit in, so one unit's mistake does not stop the other units' documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ..core.dates import add_months, add_working_days, cn_date, on_working_day
from ..core.errors import FactsError, Issue, Reminder, TemplateError
from ..facts.local_config import config_section
from ..facts.own_data import load_data_yaml
from ..facts.schema import Schema
from ..facts.yamlfile import Document
from ..workbook.ledger import LedgerSpec, Returned
from .base import DocumentKind, KindSetup, Loaded
from .frameworks import Category, Frameworks, check_category, check_framework, read_frameworks
from .ledgers import LEDGERS_KEY, has_ledgers, ledger_file_name, ledger_spec, read_returned, unit_rows
from .rectification import in_period

# What a unit's 主要负责人 is called for each form of party organization (整改要求: 第一责任人).
LEADER_TITLES = {
    "党组": "党组书记",
    "党委": "党委书记",
    "党工委": "党工委书记",
    "党总支": "党总支书记",
    "党支部": "党支部书记",
    "领导班子": "主要负责人",
}


# The unit kind whose units are villages and communities, inspected under their township.
VILLAGE = "村（社区）"
# The unit kind of townships, streets and 苏木: a village's township when both are inspected (巡镇带村).
TOWNSHIP = "乡镇（街道）"
# Where a village's name says its township: 城关镇东街村 → 城关镇, 巴彦苏木乌兰嘎查 → 巴彦苏木.
_TOWNSHIP_MARK = re.compile(r"镇|乡|街道|苏木")
_VILLAGE_END = ("村", "社区", "嘎查")

# An overall assessment that already turns to the problems (“……，但巡察也发现了一些问题。”).
_TURNS_TO_PROBLEMS = re.compile(r"(但|同时|然而)[^。；]*问题[^。；]*[。；：:]?\s*$")

# A village's township when neither its facts nor its name say which: the opinion still reads right.
GENERIC_TOWNSHIP = "所在乡镇（街道）党（工）委"

# How many were visited, by what was visited: households (a village's, a township's) or places and units.
VISIT_UNITS = {"户次": "入户走访{n}户次", "人次": "走访群众{n}人次", "次": "实地走访调研{n}次"}
_HOUSEHOLD_KINDS = (VILLAGE, TOWNSHIP)
# Forms of party organization that hold an 组织生活会 rather than a leadership team's 民主生活会.
_BRANCH_FORMS = ("党支部", "党总支")


def check_units(doc: Document, values: dict[str, Any], frameworks: Frameworks) -> list[Issue]:
    """Every unit's framework and problem categories, checked against the frameworks, and its group
    against the groups the round sent."""
    issues: list[Issue] = []
    round_ = values.get("round") or {}
    round_type = round_.get("type")
    groups = round_.get("groups")
    for i, unit in enumerate(values.get("units") or []):
        if not isinstance(unit, dict):
            continue
        issues += _inherited_dates(doc, i, unit, round_)
        group = unit.get("group")
        if isinstance(group, int) and isinstance(groups, int) and group > groups:
            line = doc.pos(("round", "groups")).line
            message = f"第{group}巡察组不在本轮派出的{groups}个巡察组之内（第{line}行）；请改正其中之一"
            issues.append(doc.issue(("units", i, "group"), message))
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
    same_type = inspection_type == round_["type"]
    theme = unit.get("theme") or (round_.get("theme") if same_type else None)
    focus = unit.get("focus") or (round_.get("focus") if same_type else None)
    report_due = add_months(feedback, practice["report_months"])
    if practice.get("deadline_on_holiday") == "顺延":
        report_due = on_working_day(report_due, holidays=holidays, workdays=workdays)
    facts = {
        **unit,
        "party_org": party_org,
        "leader_title": LEADER_TITLES.get(form, "主要负责人"),
        "type": inspection_type,
        "start": unit.get("start") or round_["start"],
        "end": unit.get("end") or round_["end"],
        "framework": framework,
        "framework_rank": list(frameworks.sets).index(framework) if framework in frameworks.sets else 0,
        "problem_groups": group_problems(unit.get("problems") or [], frameworks.sets.get(framework, ())),
        "plan_due": add_working_days(
            feedback, practice["plan_working_days"], holidays=holidays, workdays=workdays
        ),
        "report_due": report_due,
        "visit_unit": visit_unit(unit),
        "visits_said": _visits_said(unit),
        "assessment_turns": bool(_TURNS_TO_PROBLEMS.search(str(unit.get("assessment") or ""))),
        "life_meeting": _life_meeting(form, unit.get("kind")),
        **_township_facts(unit, practice),
    }
    if theme:
        facts["theme"] = theme
    if focus:
        facts["focus"] = focus
    # Counted as the county counts problems (practice: count_by): the ledger has one row per problem.
    count_by = practice.get("count_by", "")
    for group in facts["problem_groups"]:
        group["count"] = len(unit_rows({"problem_groups": [group]}, count_by))
    facts["problem_count"] = sum(group["count"] for group in facts["problem_groups"])
    return facts


def _life_meeting(form: str, kind: Any) -> str:
    """What a unit's committee holds on its rectification: a leadership team (a 党组, a bureau's or a
    township's 党委) a 民主生活会; a branch, and any village or community committee, an 组织生活会."""
    return "组织生活会" if form in _BRANCH_FORMS or kind == VILLAGE else "民主生活会"


def visit_unit(unit: dict[str, Any]) -> str:
    """What a unit's visits count: households for a village or township, places elsewhere (户次 counts
    households; a county bureau's visits are to places and units), unless the facts say."""
    methods = unit.get("methods") or {}
    return str(methods.get("visit_unit") or ("户次" if unit.get("kind") in _HOUSEHOLD_KINDS else "次"))


def _visits_said(unit: dict[str, Any]) -> str:
    """The visits as the opening counts them: 入户走访65户次, 实地走访调研24次."""
    visits = (unit.get("methods") or {}).get("visits")
    return VISIT_UNITS[visit_unit(unit)].format(n=visits) if visits else ""


def township_of(name: str) -> str | None:
    """A village's township from its name, when the name says it and says it once: 城关镇东街村 → 城关镇,
    东城街道幸福社区 → 东城街道; 东街社区 (no township) and 新镇乡新镇村 (which 镇?) give None."""
    if not name.endswith(_VILLAGE_END):
        return None
    marks = list(_TOWNSHIP_MARK.finditer(name))
    if len(marks) != 1:
        return None
    township = name[: marks[0].end()]
    return township if len(township) > len(marks[0][0]) and township != name else None


def township_committee(township: str) -> str:
    """A township's committee: 城关镇 → 城关镇党委, 东城街道 → 东城街道党工委 (a typed full name is kept)."""
    if township.endswith(("党委", "党工委")):
        return township
    return township + ("党工委" if township.endswith("街道") else "党委")


def _township_facts(unit: dict[str, Any], practice: dict[str, Any]) -> dict[str, Any]:
    """For a village under its township's oversight (practice ``township_oversight``): the township and
    its committee, or the generic words when neither the facts nor the name say which township."""
    if unit.get("kind") != VILLAGE or not practice.get("township_oversight", True):
        return {}
    name = str(unit.get("name", ""))
    # What the unit's two committees (党组织 and 自治组织) are called: 村“两委”, 社区“两委”, 嘎查“两委”.
    village = next((end for end in _VILLAGE_END if name.endswith(end)), "村（社区）")
    township = unit.get("township") or township_of(name)
    if township is None:
        return {"township_org": GENERIC_TOWNSHIP, "township_named": False, "village_word": village}
    committee = township_committee(str(township))
    return {"township_org": committee, "township_named": True, "village_word": village}


def group_problems(problems: list[dict[str, Any]], categories: tuple[Category, ...]) -> list[dict[str, Any]]:
    """Problems under their category headings, in the framework's order; empty categories left out."""
    groups = []
    for rank, category in enumerate(categories):
        members = [p for p in problems if category.matches(str(p.get("category", "")))]
        if members:
            group = {"key": category.key, "heading": category.heading, "problems": members, "rank": rank}
            groups.append(group)
    return groups


def unit_reminders(doc: Document, values: dict[str, Any], unit_items: list[dict[str, Any]]) -> list[Reminder]:
    """What a unit's opinion says in general words because its facts leave it out: the overall
    assessment, and a village's township."""
    found = []
    units = values.get("units") or []
    for i, (unit, item) in enumerate(zip(units, unit_items, strict=False)):
        name = unit.get("name")
        if "assessment" not in unit:
            message = (
                f"“{name}”没有写总体评价（assessment），反馈意见用了通用的评价句；"
                "建议写一两句本单位的主要工作和成效"
            )
            found.append(Reminder(doc.issue(("units", i, "name"), message).place, message))
        if item.get("township_named") is False:
            message = (
                f"“{name}”是村（社区），但从名称看不出所属乡镇（街道），文中写成“所在乡镇（街道）党（工）委”；"
                "请写上 township: 乡镇或街道名称"
            )
            found.append(Reminder(doc.issue(("units", i, "name"), message).place, message))
    return found


# A round file may override its template's problem-category frameworks under this key (so may the
# drafter.yaml beside it).
FRAMEWORKS_KEY = "frameworks"


@dataclass(frozen=True, slots=True)
class RoundFile:
    """What a round facts file supplies to other kinds: its document, facts and units' facts, and the
    ledgers its units returned, by unit name (None when the round names no ledgers).

    ``not_back``: the units whose ledgers are not back yet (not there, or not filled in), in a round
    still in its concentrated period on the reader's date; their figures are not in ``ledgers``.
    """

    document: Document
    values: dict[str, Any]
    units: list[dict[str, Any]]
    ledgers: dict[str, Returned] | None = None
    not_back: tuple[str, ...] = ()


class FeedbackKind(DocumentKind):
    """One 巡察反馈意见 per inspected unit of a round."""

    name: ClassVar[str] = "feedback"
    item_noun: ClassVar[str] = "单位"
    extra_keys: ClassVar[frozenset[str]] = frozenset({FRAMEWORKS_KEY})
    # drafter.yaml may say where a folder's rounds keep their returned ledgers.
    county_keys: ClassVar[tuple[str, ...]] = (LEDGERS_KEY,)
    # The annual report sums these from the round files (annual.py); the visits and a village's township
    # are worded here (unit_facts); the ledgers are read when another kind reads the round (supply), and
    # count_by counts its problems.
    read_by_code: ClassVar[tuple[str, ...]] = (
        "round.groups",
        "round.rectification_heard",
        "units[].methods.visits",
        "units[].methods.visit_unit",
        "units[].township",
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

    def reminders(self, doc: Document, values: dict[str, Any]) -> list[Reminder]:
        """A unit's opinion written with general words where its facts say nothing (unit_reminders)."""
        return unit_reminders(doc, values, self.items(values))

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

    def supply(self, loaded: Loaded, as_of: dt.date | None = None) -> RoundFile:
        """The round, for the annual report that reads this file, with its returned ledgers read and
        checked (FactsError listing every problem in them).

        ``as_of``: the report's date. A round still in its concentrated period then (up to its latest
        整改情况报告 deadline) may lack ledgers, or have them back unfilled: those units are listed in
        ``not_back``, not refused.
        """
        units = loaded.items()
        if not has_ledgers(loaded.values):
            return RoundFile(loaded.document, loaded.values, units)
        due = max((u["report_due"] for u in units), default=None)
        current = as_of is not None and in_period({"report_due": due}, as_of)
        returned, not_back = read_returned(
            loaded.document, loaded.values, units, dt.date.today(), in_period=current
        )
        return RoundFile(loaded.document, loaded.values, units, returned, tuple(not_back))


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
