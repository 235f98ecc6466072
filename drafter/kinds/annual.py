"""The annual-report kind: the year's figures summed from its round facts files, so that they agree
everywhere.

The rounds, the units by kind of inspection, the methods' counts, the problems (also by category) and the
clues of an annual report are the sums over the feedback opinions of the year; typing them again in the
annual facts is where numbers used to drift apart. Where the rounds name their returned ledgers, the
rectification figures come from the ledgers as of the report's ``as_of`` date (kinds/rectification.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from ..core.dates import cn_date, parse_date
from ..core.errors import FactsError, Issue, Reminder, WrongKindError
from ..core.numerals import chinese_numeral
from ..facts.schema import Schema
from ..facts.validation import Supplied
from ..facts.yamlfile import Document, KeyPath
from .base import DocumentKind, KindSetup, LoadOther
from .feedback import TOWNSHIP, VILLAGE, RoundFile, township_of
from .ledgers import LEDGERS_KEY
from .rectification import (
    as_of_by_date,
    as_of_date,
    in_period,
    ledger_rows,
    progress,
    report_due,
    tally,
)

METHODS = ("talks", "petitions", "documents")
# A unit's visits are summed by what was visited (feedback.VISIT_UNITS): households, people or places.
VISIT_FIELDS = {"户次": "visits", "人次": "visit_persons", "次": "site_visits"}


def summarise(rounds: list[RoundFile], as_of: dt.date) -> tuple[dict[KeyPath, Any], list[Issue]]:
    """The annual facts the round files supply, by key path; issues for rounds given twice.

    The rectification figures come from the ledgers as of ``as_of``: 已完成、正在推进、长期坚持 for the
    rounds past their concentrated period when every one of them returned its ledgers, and 建章立制,
    挽回资金, 问责处理 when every round did — a round still in its period counting the ledgers back so far
    (RoundFile.not_back names the others). Otherwise they are typed, as before ledgers existed.
    """
    issues: list[Issue] = []
    seen: dict[int, RoundFile] = {}
    for r in rounds:
        number = r.values["round"]["number"]
        if number in seen:
            first = seen[number].document
            message = f"第{number}轮在 {first.path.name} 里已经有了，同一轮只能列一个事实文件"
            issues.append(r.document.issue(("round", "number"), message))
        else:
            seen[number] = r
    ordered = [seen[n] for n in sorted(seen)]
    units = [u for r in ordered for u in r.units]
    supplied: dict[KeyPath, Any] = {("rounds",): [_annual_round(r) for r in ordered]}
    for name in METHODS:
        counts = [u["methods"][name] for u in units if u["methods"].get(name) is not None]
        if counts:
            supplied[("methods", name)] = sum(counts)
    for measure, name in VISIT_FIELDS.items():
        visits = [u["methods"].get("visits") or 0 for u in units if u["visit_unit"] == measure]
        if any(visits):
            supplied[("methods", name)] = sum(visits)
    problems = sum(u["problem_count"] for u in units)
    supplied[("findings", "problems")] = problems
    supplied[("rectification", "feedback_problems")] = problems
    clues = [u["clues"] for u in units if u.get("clues")]
    supplied[("findings", "clues")] = sum(c["count"] for c in clues)
    supplied[("findings", "clue_persons")] = sum(c.get("persons", 0) for c in clues)
    supplied[("findings", "by_category")] = _by_category(units)
    supplied.update(_ledger_figures(ordered, as_of))
    return supplied, issues


def _ledger_figures(rounds: list[RoundFile], as_of: dt.date) -> dict[KeyPath, Any]:
    due = [r for r in rounds if not in_period(_annual_round(r), as_of)]
    figures: dict[KeyPath, Any] = {}
    if due and all(r.ledgers is not None for r in due):
        counted = tally([row for r in due for row in ledger_rows(r.ledgers)], as_of).as_facts()
        for name in ("completed", "ongoing", "long_term"):
            figures[("rectification", name)] = counted[name]
    if rounds and all(r.ledgers is not None for r in rounds):
        counted = tally([row for r in rounds for row in ledger_rows(r.ledgers)], as_of).as_facts()
        for name in ("rules_made", "funds_recovered", "accountability"):
            figures[("rectification", name)] = counted[name]
    return figures


def _annual_round(r: RoundFile) -> dict[str, Any]:
    """One round as the annual report lists it: dates, groups and units grouped by kind of inspection."""
    round_ = r.values["round"]
    inspections: dict[tuple[str, str | None], list[str]] = {}
    villages: dict[tuple[str, str | None], list[str]] = {}
    for unit in r.units:
        theme = unit.get("theme") if unit["type"] == "专项巡察" else None
        inspections.setdefault((unit["type"], theme), []).append(unit["party_org"])
        if unit.get("kind") == VILLAGE:
            villages.setdefault((unit["type"], theme), []).append(unit["party_org"])
    # 巡镇带村: a township inspected in the round together with villages of its own.
    towns = {str(u["name"]) for u in r.units if u.get("kind") == TOWNSHIP}
    with_villages = {
        town
        for u in r.units
        if u.get("kind") == VILLAGE and (town := u.get("township") or township_of(str(u["name"]))) in towns
    }
    fed_back = [u["feedback_date"] for u in r.units]
    return {
        "number": round_["number"],
        "start": round_["start"],
        "end": round_["end"],
        "feedback_date": min(fed_back),
        "feedback_end": max(fed_back),
        "report_due": max(u["report_due"] for u in r.units),
        "problems": sum(u["problem_count"] for u in r.units),
        "groups": round_["groups"],
        # A feedback opinion is only given after the committee has heard the round's report.
        "report_heard": True,
        "rectification_heard": bool(round_.get("rectification_heard")),
        **({"towns": sorted(with_villages)} if with_villages else {}),
        "inspections": [
            {
                "type": kind,
                **({"theme": theme} if theme else {}),
                "units": names,
                **({"villages": villages[kind, theme]} if (kind, theme) in villages else {}),
            }
            for (kind, theme), names in inspections.items()
        ],
    }


def _by_category(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems counted per framework and category, in the frameworks' order and each framework's order
    of categories (not the order they happen to appear in the units).

    Categories of different frameworks are not merged: 四个落实's 巡察整改 and 四个聚焦's are headed
    differently and counted under their own framework.
    """
    counts: dict[tuple[int, str, int, str], int] = {}
    for unit in units:
        for group in unit["problem_groups"]:
            key = (unit["framework_rank"], unit["framework"], group["rank"], group["heading"])
            counts[key] = counts.get(key, 0) + group["count"]
    return [
        {"framework": fw, "category": heading, "count": counts[rank, fw, order, heading]}
        for rank, fw, order, heading in sorted(counts)
    ]


def check_annual(doc: Document, values: dict[str, Any]) -> list[Issue]:
    """What the schema cannot compare: villages that are not among their inspection's units, and a term's
    coverage that counts fewer organizations than this one year inspected."""
    issues: list[Issue] = []
    inspected: list[str] = []
    villages: list[str] = []
    for i, round_ in enumerate(values.get("rounds") or []):
        for j, inspection in enumerate(round_.get("inspections") or []):
            units = inspection.get("units") or []
            inspected += units
            villages += units if inspection.get("type") == "对村（社区）巡察" else []
            for k, village in enumerate(inspection.get("villages") or []):
                villages.append(village)
                if village not in units:
                    message = f"“{village}”不在本组的被巡察党组织（units）里；村（社区）要先列在 units 中"
                    issues.append(doc.issue(("rounds", i, "inspections", j, "villages", k), message))
    coverage = values.get("coverage") or {}
    others = set(inspected) - set(villages)
    compared = (("units_done", others, "党组织"), ("villages_done", set(villages), "村（社区）"))
    for done, counted, what in compared:
        typed = coverage.get(done)
        if isinstance(typed, int) and typed < len(counted):
            message = f"本届已巡察的{what}写的是 {typed} 个，少于本年度巡察的 {len(counted)} 个"
            issues.append(doc.issue(("coverage", done), message))
    return issues


class AnnualKind(DocumentKind):
    """The 年度巡察工作情况报告: one document, its figures supplied by the round files it lists."""

    name: ClassVar[str] = "annual-report"

    @classmethod
    def claims(cls, options: Mapping[str, str], each: str, schema: Schema) -> bool:
        """One document whose facts other files (round files) supply."""
        return not each and schema.supplier is not None

    def __init__(self, setup: KindSetup) -> None:
        super().__init__(setup)
        # Rows of the rounds still in their concentrated period that their ledgers show finished (only
        # for a round whose units have all returned them).
        self.in_period_done: dict[int, int] = {}
        # The units of such rounds whose ledgers are not back yet, to be reminded of.
        self.not_back: list[Reminder] = []

    def reminders(self, doc: Document, values: dict[str, Any]) -> list[Reminder]:
        """Ledgers of rounds in their concentrated period not back yet (their units' figures are left
        out); a round said to be in its 集中整改期 whose report was due before the report's own date; next
        year's work in stock phrases only, because the facts give neither a plan nor next steps."""
        found = [*self.not_back, *_deadlines_passed(doc, values)]
        if "plan" in values or "next_steps" in values:
            return found
        message = (
            "“下一步工作打算”只有通用表述；写上 plan:（明年的轮次、巡察对象）"
            "或 next_steps:（每项“小标题。具体内容”），写明明年的具体安排"
        )
        return [*found, Reminder(Path(doc.path).name, message)]  # a missing fact has no line of its own

    def supplied(
        self, doc: Document, schema: Schema, load_other: LoadOther, issues: list[Issue]
    ) -> Supplied | None:
        """The facts that the files listed under the schema's supplier key (``round_files``) supply."""
        key = schema.supplier
        if not key or not isinstance(doc.data, dict):
            return None
        listed = doc.data.get(key)
        if not isinstance(listed, list) or not listed:
            return None  # absent, or malformed: validation reports it
        rounds: list[RoundFile] = []
        as_of = _typed_as_of(doc)
        for i, item in enumerate(listed):
            if isinstance(item, (dict, list, bool)) or item is None or not str(item).strip():
                continue  # validation says what is wrong with it
            name = str(item).strip()
            path = Path(doc.path).parent / name
            if not path.is_file():
                issues.append(doc.issue((key, i), f"找不到文件“{name}”（相对于本文件所在的文件夹）"))
                continue
            try:
                loaded = load_other(path, "round")
            except WrongKindError as err:
                message = (
                    f"“{name}”不是轮次事实文件（它的 template 是 {err.template}，"
                    "应为一轮一个文件的模板，如 feedback）"
                )
                issues.append(doc.issue((key, i), message))
                continue
            except FactsError as err:
                issues += err.issues
                continue
            mismatch = _not_this_report(doc.data, loaded.values)
            if mismatch:
                issues.append(doc.issue((key, i), f"“{name}”{mismatch}"))
                continue
            try:
                rounds.append(loaded.kind.supply(loaded, as_of))
            except FactsError as err:  # its returned ledgers have problems
                issues += err.issues
        source = f"“{key}”所列的 {'、'.join(Path(str(n)).name for n in listed)} "
        if len(rounds) < len(listed):
            return Supplied({}, source, complete=False)
        values, problems = summarise(rounds, as_of)
        issues += problems
        current = [r for r in rounds if in_period(_annual_round(r), as_of)]
        # A round with ledgers still out would show a count of only some units: none is shown.
        self.in_period_done = {
            r.values["round"]["number"]: tally(ledger_rows(r.ledgers), as_of).completed
            for r in current
            if not r.not_back
        }
        self.not_back = [not_back_reminder(r) for r in current if r.not_back]
        return Supplied(values, source)

    def check(self, doc: Document, values: dict[str, Any]) -> list[Issue]:
        """Villages among their units and the term's coverage against the year's inspections (check_annual);
        rounds past their concentrated period need their 已完成 figure (typed, or from ledgers), and a round
        still in it its own problem count, so that the completion rate leaves it out."""
        as_of = as_of_date(values)
        rounds = [r for r in values.get("rounds") or [] if isinstance(r, dict)]
        rectification = values.get("rectification") or {}
        issues: list[Issue] = check_annual(doc, values)
        as_of_typed = rectification.get("as_of")
        issues += as_of_by_date(doc, as_of_typed, values.get("date"), ("rectification", "as_of"))
        due = [r["number"] for r in rounds if not in_period(r, as_of)]
        if due and rectification.get("completed") is None:
            names = "、".join(f"第{chinese_numeral(n)}轮" for n in due)
            message = (
                f"缺少“completed”（已完成整改问题个数）：{names}已过集中整改期，要写它们已完成整改的问题数，"
                "或在轮次事实文件里用 ledgers 写明交回的整改台账"
            )
            issues.append(doc.issue(("rectification",), message, at_key=True))
        completed, due_problems = rectification.get("completed"), progress(values, {})["due_problems"]
        if due and isinstance(completed, int) and len(due) < len(rounds) and completed > due_problems:
            names = "、".join(f"第{chinese_numeral(n)}轮" for n in due)
            message = (
                f"已完成整改的问题（{completed}个）不能多于已过集中整改期的轮次反馈的问题（{due_problems}个）："
                f"“completed”只计{names}，还在集中整改期内的轮次不计入；请改写，"
                "或在轮次事实文件里用 ledgers 写明交回的整改台账，由台账合计"
            )
            issues.append(doc.issue(("rectification", "completed"), message))
        for i, r in enumerate(rounds):
            if in_period(r, as_of) and not isinstance(r.get("problems"), int) and len(rounds) > 1:
                message = (
                    f"第{chinese_numeral(r['number'])}轮还在集中整改期内，要写这一轮的反馈问题数（problems），"
                    "整改完成率只按已过集中整改期的轮次计算"
                )
                issues.append(doc.issue(("rounds", i), message))
        return issues

    def derive(self, values: dict[str, Any]) -> dict[str, Any]:
        """``rectification_progress``: the rounds past and within their concentrated period."""
        return {"rectification_progress": progress(values, self.in_period_done)}


def _deadlines_passed(doc: Document, values: dict[str, Any]) -> list[Reminder]:
    """A round still in its period on ``as_of`` whose 整改情况报告 was due before the report is dated: the
    report says 尚处于集中整改期 of a period its reader knows has ended."""
    date, as_of = values.get("date"), as_of_date(values)
    found: list[Reminder] = []
    for r in values.get("rounds") or []:
        due = report_due(r) if isinstance(r, dict) else None
        if isinstance(date, dt.date) and due is not None and in_period(r, as_of) and due < date:
            message = (
                f"第{chinese_numeral(r['number'])}轮的整改情况报告应于{cn_date(due)}前报送，早于成文日期"
                f"（{cn_date(date)}）；报告按整改数字截至日期（{cn_date(as_of)}）写它“尚处于集中整改期”。"
                "如已报送，可把 rectification: 的 as_of 改到报送之后，写出这一轮的整改结果"
            )
            found.append(Reminder(Path(doc.path).name, message))
    return found


def not_back_reminder(r: RoundFile) -> Reminder:
    """Which units of a round in its concentrated period have not returned a filled-in ledger yet, and
    what the report says without them."""
    number = chinese_numeral(r.values["round"]["number"])
    message = (
        f"第{number}轮还在集中整改期内，{'、'.join(r.not_back)}的整改台账还没有交回（或还没有填写）："
        f"报告里第{number}轮只写整改情况报告的报送期限，不写已完成整改的个数，"
        "建章立制、挽回资金、问责处理也不含这些单位；台账交回后重新生成即可计入"
    )
    return Reminder(r.document.issue((LEDGERS_KEY,), message, at_key=True).place, message)


def _typed_as_of(doc: Document) -> dt.date:
    """The report's as_of (or date) as typed, before validation: the ledgers are counted as of it."""
    data = doc.data if isinstance(doc.data, dict) else {}
    section = data.get("rectification")
    rectification = section if isinstance(section, dict) else {}
    for raw in (rectification.get("as_of"), data.get("date")):
        try:
            found = parse_date(str(raw)) if raw is not None else None
        except ValueError:
            found = None
        if found is not None:
            return found
    return dt.date.today()


def _not_this_report(report: dict[str, Any], round_values: dict[str, Any]) -> str:
    """Why a round file does not belong in this report (another committee, another year), or ""."""
    org = report.get("org")
    if not isinstance(org, dict):
        org = {}
    own = round_values["org"]["name"]
    if isinstance(org.get("name"), str) and org["name"].strip() != own:
        return f"是{own}的轮次，不是{org['name'].strip()}的"
    year = report.get("year")
    round_ = round_values["round"]
    if isinstance(year, int) and year not in (round_["start"].year, round_["end"].year):
        return f"是{round_['start'].year}年的轮次，不属于{year}年度"
    return ""
