"""The rectification-notice kind: an inspected unit's 关于巡察整改进展情况的通报 (for public release) or its
internal 整改情况报告 to the 巡察办, from the round file, the unit's returned ledger and what only the unit
knows (its leading group, meetings, contact channels).

The round file supplies who inspected, when and what was fed back (and the level words, through its
``org``); the ledger supplies what was done about each problem. Nothing the ledger says is typed again,
and what is typed beside it (persons held to account) must agree with it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any, ClassVar

from ..core.dates import cn_date
from ..core.errors import FactsError, Issue, WrongKindError
from ..core.levels import org_words
from ..facts.schema import Schema
from ..facts.validation import Supplied
from ..facts.yamlfile import Document
from ..workbook.ledger import COLUMNS, DONE, LONG_TERM, ONGOING, Returned, Row
from .base import DocumentKind, KindSetup, LoadOther
from .feedback import RoundFile
from .ledgers import has_ledgers, ledger_paths, ledger_spec
from .rectification import as_of_by_date, tally

ROUND_KEY = "round_file"
# The breakdown of persons held to account that a notice may type; their sum is the ledger's 问责处理.
ACCOUNTABILITY_KEY = "accountability"


class NoticeKind(DocumentKind):
    """One notice (or internal report) of one unit's rectification."""

    name: ClassVar[str] = "rectification-notice"

    def __init__(self, setup: KindSetup) -> None:
        super().__init__(setup)
        self.round: RoundFile | None = None
        self.unit: dict[str, Any] = {}
        self.returned: Returned | None = None

    def supplied(
        self, doc: Document, schema: Schema, load_other: LoadOther, issues: list[Issue]
    ) -> Supplied | None:
        """The round's ``org`` (for the level words), after reading the round and the unit's ledger."""
        data = doc.data if isinstance(doc.data, dict) else {}
        listed = data.get(ROUND_KEY)
        if not isinstance(listed, str) or not listed.strip():
            return None  # validation says it is missing or wrong
        source = f"“{ROUND_KEY}”所写的 {Path(listed).name} "
        path = Path(doc.path).parent / listed.strip()
        if not path.is_file():
            issues.append(doc.issue((ROUND_KEY,), f"找不到文件“{listed}”（相对于本文件所在的文件夹）"))
            return Supplied({}, source, complete=False)
        try:
            loaded = load_other(path, "round")
        except WrongKindError as err:
            message = f"“{listed}”不是轮次事实文件（它的 template 是 {err.template}，应为 feedback）"
            issues.append(doc.issue((ROUND_KEY,), message))
            return Supplied({}, source, complete=False)
        except FactsError as err:
            issues += err.issues
            return Supplied({}, source, complete=False)
        self.round = RoundFile(loaded.document, loaded.values, loaded.items())
        try:
            self._read_ledger(doc, data, issues)
        except FactsError as err:
            issues += err.issues
        return Supplied({("org",): self.round.values["org"]}, source)

    def _read_ledger(self, doc: Document, data: dict[str, Any], issues: list[Issue]) -> None:
        """The unit (picked by name) and its returned ledger: named here, or found through the round."""
        assert self.round is not None
        wanted = str(data.get("unit") or "").strip()
        units = self.round.units
        found = [u for u in units if wanted in (u["name"], u["party_org"])]
        if not found:
            names = [str(u["name"]) for u in units]
            hint = difflib.get_close_matches(wanted, names, n=1, cutoff=0.5)
            tip = f"，是否想写“{hint[0]}”？" if hint else ""
            message = (
                f"{self.round.document.path.name} 里没有名为“{wanted}”的单位{tip}（有：{'、'.join(names)}）"
            )
            issues.append(doc.issue(("unit",), message))
            return
        self.unit = found[0]
        named = data.get("ledger")
        if isinstance(named, str) and named.strip():
            path: Path | None = Path(doc.path).parent / named.strip()
            if path is None or not path.is_file():
                issues.append(doc.issue(("ledger",), f"找不到文件“{named}”（相对于本文件所在的文件夹）"))
                return
        elif has_ledgers(self.round.values):
            path = ledger_paths(self.round.document, self.round.values, [self.unit], issues).get(
                str(self.unit["name"])
            )
        else:
            message = (
                "要写本单位交回的整改台账（ledger: 文件名），或在轮次事实文件里用 ledgers 写明台账在哪里"
            )
            issues.append(doc.issue((), message))
            return
        if path is not None:
            from ..workbook.reading import read_ledger  # openpyxl: only now that a ledger is read

            spec = ledger_spec(self.round.values, self.unit)
            self.returned = read_ledger(path, spec, dt.date.today())

    def check(self, doc: Document, values: dict[str, Any]) -> list[Issue]:
        """A public notice needs the contact channels, an internal report its causes and signer; every
        problem needs its measures; typed persons held to account agree with the ledger."""
        issues: list[Issue] = []
        internal = bool(values.get("internal"))
        if not internal and not values.get("contacts"):
            message = "向社会公开的通报要写 contacts（联系电话、邮政信箱、电子邮箱），接受干部群众监督"
            issues.append(doc.issue((), message))
        if internal:
            for key, label in (("causes", "原因剖析"), ("leader", "主要负责人姓名（签字背书）")):
                if not values.get(key):
                    issues.append(doc.issue((), f"报送{self._office()}的整改情况报告要写 {key}（{label}）"))
        issues += _dates_in_order(doc, values, self.unit.get("feedback_date"))
        if self.returned is None:
            return issues
        for row in self.returned.rows:
            if not row.measures:
                message = f"第{row.number}个问题的“整改措施”没有填写：通报要写明每个问题的整改措施和成效"
                col = next(i for i, c in enumerate(COLUMNS) if c.key == "measures") + 1
                issues.append(Issue(self.returned.path, row.line, col, message, cell=row.cell("measures")))
        typed = values.get(ACCOUNTABILITY_KEY)
        if isinstance(typed, dict):
            total = sum(v for v in typed.values() if isinstance(v, int))
            counted = sum(row.persons for row in self.returned.rows)
            if total != counted:
                message = (
                    f"问责处理的人数合计 {total} 人，但{self.returned.file_name}的“问责处理（人）”列"
                    f"合计 {counted} 人；请改正其中之一"
                )
                issues.append(doc.issue((ACCOUNTABILITY_KEY,), message, at_key=True))
        return issues

    def derive(self, values: dict[str, Any]) -> dict[str, Any]:
        """``rectification``: the round, the unit, the ledger's figures as of the notice's date and its
        rows grouped as the feedback opinion grouped the problems."""
        if self.round is None or self.returned is None:
            return {}
        as_of = values.get("as_of") or values.get("date")
        assert isinstance(as_of, dt.date)
        counted = tally(self.returned.rows, as_of)
        rows = list(self.returned.rows)
        return {
            "rectification": {
                "round": self.round.values["round"],
                "unit": self.unit,
                "as_of": as_of,
                "problems": counted.problems,
                **counted.as_facts(),
                "groups": _grouped(rows, as_of),
                "unfinished": [shown for shown in (_row(r, as_of) for r in rows) if not shown["done"]],
            }
        }

    def _office(self) -> str:
        return org_words(self.round.values["org"])["office"] if self.round is not None else "巡察办"


def _dates_in_order(doc: Document, values: dict[str, Any], fed_back: object) -> list[Issue]:
    """The notice comes after the feedback it answers, and its figures are as of a day it was written by."""
    issues: list[Issue] = []
    date = values.get("date")
    as_of = values.get("as_of")
    if isinstance(date, dt.date) and isinstance(fed_back, dt.date) and date < fed_back:
        message = (
            f"成文日期（{cn_date(date)}）早于巡察反馈的日期（{cn_date(fed_back)}）：整改情况通报写在反馈之后，"
            "请核对日期"
        )
        issues.append(doc.issue(("date",), message))
    issues += as_of_by_date(doc, as_of, date, ("as_of",))
    return issues


def _row(row: Row, as_of: dt.date) -> dict[str, Any]:
    """One ledger row as the notice sees it on ``as_of``: a problem finished after it is still ongoing."""
    done = row.status == DONE and row.done_on is not None and row.done_on <= as_of
    return {
        "number": row.number,
        "finding": row.problem.finding,
        "detail": row.problem.detail,
        "measures": row.measures.rstrip("。；; "),
        "status": row.status if done or row.status != DONE else ONGOING,
        "done": done,
        "long_term": row.status == LONG_TERM,
        "done_on": row.done_on,
        "deadline": row.deadline,
        "evidence": row.evidence,
        "leader": row.leader,
        "owner": row.owner,
    }


def _grouped(rows: list[Row], as_of: dt.date) -> list[dict[str, Any]]:
    """Rows under their category, then their finding, in the ledger's (the feedback's) order."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        if not groups or groups[-1]["heading"] != row.problem.category:
            groups.append({"heading": row.problem.category, "findings": []})
        findings = groups[-1]["findings"]
        if not findings or findings[-1]["finding"] != row.problem.finding:
            findings.append({"finding": row.problem.finding, "rows": []})
        findings[-1]["rows"].append(_row(row, as_of))
    return groups
