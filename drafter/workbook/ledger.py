"""The 整改台账 as data, apart from any spreadsheet library: its columns, the choices of its closed
columns, what the 巡察办 writes into it and what a unit's returned ledger holds once read.

One row is one counting unit of the round (a concrete problem, 具体表现, by default): the feedback
opinion, the ledger and the annual report count the same rows, so their figures agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# The ledger's sheet, as messages name it (县财政局整改台账.xlsx:整改台账!J12) and as the reader finds it.
SHEET = "整改台账"
GUIDE_SHEET = "填写说明"

RECTIFICATION_TYPES = ("立行立改", "限期整改", "长期坚持")
STATUSES = ("已完成", "正在推进", "长期坚持")
DONE, ONGOING, LONG_TERM = STATUSES

# What a column holds: text, a date cell, a whole number, a decimal number, or one of its choices.
CellKind = Literal["text", "date", "count", "amount", "choice"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the ledger table."""

    key: str
    header: str
    width: float  # in Excel's character widths
    # The unit fills it in (shaded); the 巡察办's columns are not to be edited.
    fill_in: bool
    kind: CellKind = "text"
    choices: tuple[str, ...] = ()
    # What the drop-down's or validation's message says (a short hint in the cell's input box).
    hint: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("number", "序号", 5, fill_in=False, kind="count"),
    Column("category", "问题类别", 11, fill_in=False),
    Column("finding", "反馈问题", 17, fill_in=False),
    Column("detail", "具体表现", 27, fill_in=False),
    Column("measures", "整改措施", 26, fill_in=True, hint="写明采取的措施和取得的成效"),
    Column("leader", "责任领导", 8, fill_in=True),
    Column("owner", "责任部门/责任人", 11, fill_in=True),
    Column("deadline", "整改时限", 12, fill_in=True, kind="date", hint="填日期；长期坚持的可填“长期”"),
    Column("type", "整改类型", 8, fill_in=True, kind="choice", choices=RECTIFICATION_TYPES),
    Column("status", "完成情况", 8, fill_in=True, kind="choice", choices=STATUSES),
    Column("done_on", "完成时间", 12, fill_in=True, kind="date", hint="已完成的必须填写，写成日期"),
    Column("evidence", "佐证材料", 12, fill_in=True),
    Column("rules", "建章立制（项）", 7, fill_in=True, kind="count", hint="只填数字，如 2"),
    Column("funds", "挽回资金（万元）", 8, fill_in=True, kind="amount", hint="只填数字，如 12.5"),
    Column("persons", "问责处理（人）", 7, fill_in=True, kind="count", hint="只填数字，如 1"),
    Column("note", "备注", 9, fill_in=True),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}


def column_letter(index: int) -> str:
    """A, B, … Z, AA for a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def letter_of(key: str) -> str:
    """The column letter of a ledger column (``status`` → J)."""
    return column_letter(next(i for i, c in enumerate(COLUMNS) if c.key == key))


# The title block: a label cell and, beside it, the value. The reader finds a value by its label, so a
# ledger whose title rows were moved a little still reads.
UNIT_LABEL = "被巡察党组织"
ROUND_LABEL = "巡察轮次"
GROUP_LABEL = "巡察组"
FEEDBACK_LABEL = "反馈日期"
PLAN_LABEL = "整改方案报送期限"
REPORT_LABEL = "整改报告报送期限"
FILLED_LABEL = "填报日期"
FILLER_LABEL = "填报人"
SIGNER_LABEL = "主要负责人"


@dataclass(frozen=True, slots=True)
class Problem:
    """One row the 巡察办 writes: a counting unit of the round, as the feedback opinion states it."""

    category: str  # the category heading, as the feedback opinion's （一） heading
    finding: str
    detail: str


@dataclass(frozen=True, slots=True)
class LedgerSpec:
    """Everything the 巡察办 writes into one unit's ledger."""

    title: str  # 中共清河县委十五届第一轮巡察反馈问题整改台账
    unit: str  # the unit's name, as the round file gives it (县财政局)
    party_org: str  # 县财政局党组
    round_number: int
    round_name: str  # 十五届县委第一轮（常规巡察）
    group: str  # 县委第二巡察组
    period: str  # 2026年3月10日至5月15日
    feedback_date: dt.date
    plan_due: dt.date
    report_due: dt.date
    problems: tuple[Problem, ...]
    office: str  # who receives the ledger back: 县委巡察办


@dataclass(frozen=True, slots=True)
class Row:
    """One returned row: the problem it answers and what the unit filled in, typed and checked."""

    number: int
    problem: Problem
    status: str
    done_on: dt.date | None = None
    type: str = ""
    deadline: dt.date | None = None
    long_term_deadline: bool = False  # 整改时限 written as 长期
    measures: str = ""
    leader: str = ""
    owner: str = ""
    evidence: str = ""
    rules: int = 0
    funds: float = 0.0
    persons: int = 0
    note: str = ""
    # Where the row is, for messages about its cells: the sheet and the row's number in it.
    sheet: str = SHEET
    line: int = 0

    def cell(self, key: str) -> str:
        """The place of one of the row's cells in messages: 整改台账!E7."""
        return f"{self.sheet}!{letter_of(key)}{self.line}"


@dataclass(frozen=True, slots=True)
class Returned:
    """A unit's returned ledger, read and checked: its rows in the round file's order."""

    file_name: str
    path: Path
    unit: str
    round_number: int
    filled_on: dt.date | None
    rows: tuple[Row, ...] = field(default_factory=tuple)
