"""Rectification figures as of a date, from the rounds' dates and, where returned, their ledgers.

A round's 集中整改期 runs from its feedback to the deadline of its 整改情况报告 (feedback + the county's
report months). A round whose period has not ended by the report's ``as_of`` date is on schedule whatever
it has finished: it gets no completion rate, only its deadline (a November round would otherwise show
"整改完成率0%" in a December report). The completion rate covers the rounds past their period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..core.dates import add_months, cn_date
from ..core.errors import Issue
from ..facts.yamlfile import Document, KeyPath
from ..workbook.ledger import DONE, LONG_TERM, Returned, Row

# Months from feedback to the 整改情况报告 when a typed round gives its feedback date but no deadline.
DEFAULT_REPORT_MONTHS = 2


@dataclass(frozen=True, slots=True)
class Tally:
    """Ledger rows counted as of a date: a row finished after it is still 正在推进 then."""

    problems: int = 0
    completed: int = 0
    ongoing: int = 0
    long_term: int = 0
    rules: int = 0
    funds: float = 0.0
    persons: int = 0

    def as_facts(self) -> dict[str, Any]:
        """The tally under the names the facts files use."""
        return {
            "completed": self.completed,
            "ongoing": self.ongoing,
            "long_term": self.long_term,
            "rules_made": self.rules,
            # 21, not 21.0: the text says 挽回资金21万元.
            "funds_recovered": int(self.funds) if float(self.funds).is_integer() else round(self.funds, 2),
            "accountability": self.persons,
        }


def tally(rows: Iterable[Row], as_of: dt.date) -> Tally:
    """Count rows by their state on ``as_of``."""
    problems = completed = long_term = rules = persons = 0
    funds = 0.0
    for row in rows:
        problems += 1
        if row.status == LONG_TERM:
            long_term += 1
        elif row.status == DONE and row.done_on is not None and row.done_on <= as_of:
            completed += 1
        rules += row.rules
        funds += row.funds
        persons += row.persons
    ongoing = problems - completed - long_term
    return Tally(problems, completed, ongoing, long_term, rules, funds, persons)


def ledger_rows(ledgers: dict[str, Returned] | None) -> list[Row]:
    """Every row of a round's returned ledgers."""
    return [row for returned in (ledgers or {}).values() for row in returned.rows]


def report_due(round_: dict[str, Any]) -> dt.date | None:
    """When a round's 集中整改期 ends: its latest 整改情况报告 deadline (None: its feedback date is not
    known)."""
    due = round_.get("report_due")
    if isinstance(due, dt.date):
        return due
    fed_back = round_.get("feedback_end") or round_.get("feedback_date")
    return add_months(fed_back, DEFAULT_REPORT_MONTHS) if isinstance(fed_back, dt.date) else None


def in_period(round_: dict[str, Any], as_of: dt.date) -> bool:
    """Whether the round is still in its 集中整改期 on ``as_of`` (the deadline day included)."""
    due = report_due(round_)
    return due is not None and as_of <= due


def as_of_date(values: dict[str, Any]) -> dt.date:
    """The date the annual report's rectification figures stand at: ``as_of``, else the report's date."""
    rectification = values.get("rectification") or {}
    found = rectification.get("as_of") or values.get("date")
    return found if isinstance(found, dt.date) else dt.date.today()


def progress(values: dict[str, Any], in_period_done: dict[int, int]) -> dict[str, Any]:
    """What the annual report says about rectification: the rounds past their period with their rate's
    figures, and those still in it with their deadlines (``in_period_done``: rows a round's ledgers show
    finished already, by round number)."""
    as_of = as_of_date(values)
    rounds = [r for r in values.get("rounds") or [] if isinstance(r, dict)]
    rectification = values.get("rectification") or {}
    current = [r for r in rounds if in_period(r, as_of)]
    due = [r for r in rounds if not in_period(r, as_of)]
    total = rectification.get("feedback_problems") or 0
    known = [r.get("problems") for r in current]
    in_period_problems = sum(k for k in known if isinstance(k, int))
    return {
        "as_of": as_of,
        "due_rounds": [r["number"] for r in due],
        "due_problems": max(total - in_period_problems, 0),
        "all_due": not current,
        "in_period": [
            {
                "number": r["number"],
                "feedback_date": r.get("feedback_date"),
                "feedback_end": r.get("feedback_end") or r.get("feedback_date"),
                "report_due": report_due(r),
                "problems": r.get("problems"),
                "completed": in_period_done.get(r["number"], 0),
            }
            for r in current
        ],
    }


def as_of_by_date(doc: Document, as_of: object, date: object, path: KeyPath) -> list[Issue]:
    """A document's figures are as of a day no later than its own date (成文日期)."""
    if isinstance(date, dt.date) and isinstance(as_of, dt.date) and as_of > date:
        message = (
            f"整改数字截至日期（{cn_date(as_of)}）晚于成文日期（{cn_date(date)}）：文中的数字只能截至成文之日，"
            "请改正其中之一"
        )
        return [doc.issue(path, message)]
    return []
