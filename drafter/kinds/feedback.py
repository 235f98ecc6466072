"""A round facts file (one 巡察 round, many inspected units): what each unit's document needs.

Each unit inherits the round's type, theme and dates unless it gives its own; its problems are filed
under the categories of its framework and grouped in that framework's order; its 整改 deadlines are
real dates computed from its feedback date. Problems found here are attributed to the unit they sit in,
so one unit's mistake does not stop the other units' documents.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from typing import Any

from ..core.dates import cn_date, add_months, add_working_days
from ..core.errors import Issue
from ..facts.yamlfile import Document
from .frameworks import Frameworks, check_category, check_framework

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


def item_locator(doc: Document, each: str) -> Callable[[Issue], int | None]:
    """A function telling which item of the list ``each`` an issue stands in (None: outside the items).

    Items are told apart by the lines they start on; the last one ends where the next top-level key
    begins. Built once per file, so placing many issues stays fast for long lists.
    """
    items = doc.data.get(each) if isinstance(doc.data, dict) else None
    count = len(items) if isinstance(items, list) else 0
    starts = [doc.pos((each, i)).line for i in range(count)]
    below = [doc.key_pos[(k,)].line for k in doc.data if (k,) in doc.key_pos] if count else []
    end = min((line for line in below if line > starts[-1]), default=None) if starts else None

    def locate(issue: Issue) -> int | None:
        if not starts or str(issue.path) != str(doc.path) or issue.line < starts[0]:
            return None
        if end is not None and issue.line >= end:
            return None
        return bisect.bisect_right(starts, issue.line) - 1

    return locate


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
        "problem_count": len(unit.get("problems") or []),
        "plan_due": add_working_days(
            feedback, practice["plan_working_days"], holidays=holidays, workdays=workdays
        ),
        "report_due": add_months(feedback, practice["report_months"]),
    }
    if theme:
        facts["theme"] = theme
    return facts


def group_problems(problems: list[dict[str, Any]], categories: tuple) -> list[dict[str, Any]]:
    """Problems under their category headings, in the framework's order; empty categories left out."""
    groups = []
    for category in categories:
        members = [p for p in problems if category.matches(str(p.get("category", "")))]
        if members:
            groups.append({"key": category.key, "heading": category.heading, "problems": members})
    return groups
