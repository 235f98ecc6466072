"""Read a unit's returned 整改台账 back: every cell checked the way facts files are, every problem at its
cell (县财政局整改台账.xlsx:整改台账!J12: …), all at once. The workbook is only read, never saved.

Excel, WPS and LibreOffice save the same ledger differently; what is read is what they agree on: cell
values (a formula by the value it last showed), the sheet called 整改台账 (or the first sheet with the
ledger's headers, whatever other sheets were added), the title block found by its labels, the columns
found by their headers.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, overload

from ..core.dates import cn_date
from ..core.errors import FactsError, Issue
from ..core.numerals import parse_numeral
from .cells import LONG_TERM_WORDS, choice_of, date_of, number_of, text_of, unprintable
from .ledger import (
    COLUMNS,
    DONE,
    FEEDBACK_LABEL,
    FILLED_LABEL,
    FILLER_LABEL,
    GROUP_LABEL,
    ONGOING,
    PLAN_LABEL,
    REPORT_LABEL,
    ROUND_LABEL,
    SHEET,
    UNIT_LABEL,
    LedgerSpec,
    Problem,
    Returned,
    Row,
    column_letter,
)
from .xlsx import InvalidFileException, Workbook, load_workbook

LABELS = (
    UNIT_LABEL,
    ROUND_LABEL,
    GROUP_LABEL,
    FEEDBACK_LABEL,
    PLAN_LABEL,
    REPORT_LABEL,
    FILLED_LABEL,
    FILLER_LABEL,
)
_HEADERS = {c.header: c for c in COLUMNS}
TEXT_KEYS = tuple(c.key for c in COLUMNS if c.kind == "text")
_ROUND_NUMBER = re.compile(r"第([〇零一二两三四五六七八九十百\d]+)轮")
MAX_ROWS = 5000  # a ledger of one unit; more is a wrong file, not a long ledger
# What openpyxl raises for a file that is no workbook or a damaged one: not a zip, or a zip cut short
# (zlib, EOF), a part missing (KeyError), XML cut short or malformed (SyntaxError: both ElementTree's
# and lxml's parse errors are one), values it cannot make sense of. The text of these errors is English
# and about zip entries and XML: the clerk is told what to do instead.
DAMAGED = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    ValueError,
    TypeError,
    NotImplementedError,
)
# A row a clerk adds to total the table: labelled so in one of the problem's columns (合计, 合  计, 小计：).
_TOTAL = re.compile(r"(合计|小计|总计|共计)[:：]?")
_PROBLEM_KEYS = ("number", "category", "finding", "detail")
# What a total row may hold besides its label: the totals of the number columns, and a remark.
_TOTALLED = ("rules", "funds", "persons", "note")
UNREADABLE = (
    "不是能读取的 .xlsx 工作簿（可能已损坏，或是改了扩展名的其他文件）："
    "请在 Excel 或 WPS 中打开它，能打开的“另存为”.xlsx 后再试，打不开的请单位重新报送"
)


@dataclass(slots=True)
class _Reader:
    """The issues of one workbook, placed at its cells."""

    path: Path
    sheet: str
    issues: list[Issue]
    # Rows whose 完成情况 is blank, apart: a ledger blank in every row is one not filled in yet.
    unanswered: list[Issue] = field(default_factory=list)

    def add(self, row: int, col: int, message: str) -> None:
        self.issues.append(self.at(row, col, message))

    def at(self, row: int, col: int, message: str) -> Issue:
        return Issue(self.path, row, col + 1, message, cell=f"{self.sheet}!{column_letter(col)}{row}")


def refuse(path: Path, message: str) -> Issue:
    """A problem with the file as a whole (placed at its first cell)."""
    return Issue(path, 1, 1, message, cell=f"{SHEET}!A1")


@overload
def read_ledger(path: Path, spec: LedgerSpec, today: dt.date) -> Returned: ...
@overload
def read_ledger(path: Path, spec: LedgerSpec, today: dt.date, *, blank_ok: bool) -> Returned | None: ...
def read_ledger(path: Path, spec: LedgerSpec, today: dt.date, *, blank_ok: bool = False) -> Returned | None:
    """The returned ledger at ``path`` for the unit ``spec`` describes; FactsError with every problem.

    ``today``: completion dates after it (or after the ledger's own 填报日期) are typing mistakes.
    ``blank_ok``: a ledger whose 完成情况 is blank in every row (as drafter ledger wrote it) is one the
    unit has not filled in yet — None, instead of a problem in each row. Only for a round still in its
    concentrated period, whose figures a report can do without; its other problems are still reported.
    """
    if path.suffix.lower() == ".xls":
        message = (
            "这是旧的 .xls 格式，drafter 读不了：请在 Excel 或 WPS 中打开，"
            "“另存为”Excel 工作簿（.xlsx）后再试"
        )
        raise FactsError([refuse(path, message)])
    rows, sheet_name = _sheet_rows(path)
    reader = _Reader(path, sheet_name, [])
    header_at = next((i for i, row in enumerate(rows[:20]) if _is_header(row)), None)
    if header_at is None:
        raise FactsError(
            [
                refuse(
                    path,
                    f"找不到整改台账的表头（“序号”“具体表现”“完成情况”等），它不是 drafter 生成的{SHEET}",
                )
            ]
        )
    title = _title_values(rows[:header_at])
    _identity(reader, title, spec)
    filled_on, problem = date_of(title.get(FILLED_LABEL, (None, 0, 0))[0])
    if problem:
        _, r, c = title[FILLED_LABEL]
        reader.add(r, c, f"填报日期{problem}")
    columns = _columns(reader, rows[header_at], header_at + 1)
    latest = filled_on or today
    if len(rows) > header_at + 1 + MAX_ROWS:
        message = f"台账超过 {MAX_ROWS} 行：一个单位的台账不会这么长，请检查是不是选错了文件"
        raise FactsError([*reader.issues, refuse(path, message)])
    typed = _data_rows(reader, rows, header_at, columns, spec, latest)
    matched = _match(reader, typed, spec.problems, header_at + 1, columns)
    not_yet = blank_ok and len(reader.unanswered) == len(typed) > 0
    if not not_yet:
        reader.issues += reader.unanswered
    if reader.issues:
        raise FactsError(reader.issues)
    if not_yet:
        return None
    return Returned(path.name, path, spec.unit, spec.round_number, filled_on, tuple(matched))


def _data_rows(
    reader: _Reader,
    rows: list[tuple[Any, ...]],
    header_at: int,
    columns: dict[str, int],
    spec: LedgerSpec,
    latest: dt.date,
) -> list[tuple[int, Row]]:
    """The rows under the header, typed and checked (with their row numbers); blank rows skipped, a
    clerk's 合计 row checked against them and left out."""
    typed: list[tuple[int, Row]] = []
    totals: list[int] = []
    for index in range(header_at + 1, min(len(rows), header_at + 1 + MAX_ROWS)):
        cells = rows[index]
        if not any(text_of(v) for v in cells):
            continue
        total = _total_row(cells, columns)
        if total is not None:
            # A clerk's 合计 row: nothing in it is needed (the rows are summed here) or counted twice.
            if total[1]:
                reader.add(index + 1, total[0], total[1])
            else:
                totals.append(index)
            continue
        typed.append((index + 1, _row(reader, cells, index + 1, columns, spec, latest)))
    for index in totals:
        _check_total(reader, rows[index], index + 1, columns, [row for _, row in typed])
    return typed


def _sheet_rows(path: Path) -> tuple[list[tuple[Any, ...]], str]:
    """The ledger sheet's cell values, row by row, and its name."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except DAMAGED:
        raise FactsError([refuse(path, UNREADABLE)]) from None
    except OSError as err:
        raise FactsError([refuse(path, f"无法读取文件：{err.strerror or err}")]) from None
    try:
        # Read-only, a sheet's XML is parsed (and unzipped) only now, row by row: a damaged sheet
        # inside a workbook that opened fails here.
        return _ledger_sheet(book)
    except DAMAGED:
        raise FactsError([refuse(path, UNREADABLE)]) from None
    finally:
        book.close()


def _ledger_sheet(book: Workbook) -> tuple[list[tuple[Any, ...]], str]:
    names = [SHEET] if SHEET in book.sheetnames else list(book.sheetnames)
    for name in names:
        rows = [tuple(r) for r in book[name].iter_rows(values_only=True, max_row=MAX_ROWS + 51)]
        if any(_is_header(r) for r in rows[:20]):
            return rows, name
    return [tuple(r) for r in book[book.sheetnames[0]].iter_rows(values_only=True, max_row=50)], names[0]


def _total_row(cells: tuple[Any, ...], columns: dict[str, int]) -> tuple[int, str] | None:
    """A 合计 (小计, 总计) row a clerk added below the problems: (its label's column, "" when it holds
    nothing but totals and a remark, else a message saying to delete it); None for any other row."""

    def text(key: str) -> str:
        index = columns.get(key, -1)
        return "".join(text_of(cells[index]).split()) if 0 <= index < len(cells) else ""

    labels = [text(k) for k in _PROBLEM_KEYS]
    if not any(_TOTAL.fullmatch(t) for t in labels) or any(t and not _TOTAL.fullmatch(t) for t in labels):
        return None
    label = next(k for k, t in zip(_PROBLEM_KEYS, labels, strict=True) if t)
    if not any(text(c.key) for c in COLUMNS if c.fill_in and c.key not in _TOTALLED):
        return columns[label], ""
    message = (
        "这一行是合计行？台账不需要合计行（各项数字按每个问题的行合计）：请删除这一行，"
        "它所填的整改情况写到对应问题的行里"
    )
    return columns[label], message


def _check_total(
    reader: _Reader, cells: tuple[Any, ...], row: int, columns: dict[str, int], typed: list[Row]
) -> None:
    """A 合计 row's figures against the problem rows': a figure typed only in the 合计 row would count
    for nothing (the rows are what is summed), so one that differs is refused at its cell."""
    for key, whole in (("rules", True), ("funds", False), ("persons", True)):
        index = columns.get(key, -1)
        value = cells[index] if 0 <= index < len(cells) else None
        if value is None or not text_of(value):
            continue
        stated, problem = number_of(value, whole=whole)
        added = sum(getattr(r, key) for r in typed)
        if problem or abs(stated - added) > 1e-9:
            message = (
                f"合计行的“{_header(key)}”是 {text_of(value)}，各问题行合计是 {text_of(added)}："
                "台账按每个问题的行合计，请把数字填到对应问题的行里，再删去合计行"
            )
            reader.add(row, index, message)


def _is_header(row: tuple[Any, ...]) -> bool:
    texts = {text_of(v) for v in row}
    return {"序号", "具体表现", "完成情况"} <= texts


def _title_values(rows: list[tuple[Any, ...]]) -> dict[str, tuple[Any, int, int]]:
    """The title block's values by label: (value, row, column) of the first cell after the label."""
    found: dict[str, tuple[Any, int, int]] = {}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            label = text_of(value).rstrip("：:")
            if label not in LABELS:
                continue
            after = next(((v, i) for i, v in enumerate(row[c + 1 :], c + 1) if text_of(v)), (None, c + 1))
            blank = text_of(after[0]).rstrip("：:") in LABELS
            found[label] = (None if blank else after[0], r + 1, c + 1 if blank else after[1])
    return found


def _identity(reader: _Reader, title: dict[str, tuple[Any, int, int]], spec: LedgerSpec) -> None:
    """The ledger must be this unit's, of this round."""
    unit, r, c = title.get(UNIT_LABEL, (None, 2, 2))
    names = {spec.unit, spec.party_org}
    if text_of(unit) not in names:
        shown = f"“{text_of(unit)}”的台账" if text_of(unit) else "台账上没有写被巡察党组织"
        reader.add(r, c, f"这是{shown}，不是{spec.party_org}的；请换成{spec.party_org}交回的整改台账")
    round_text, r, c = title.get(ROUND_LABEL, (None, 2, 6))
    m = _ROUND_NUMBER.search(text_of(round_text))
    number = parse_numeral(m[1]) if m else None
    if number != spec.round_number:
        shown = f"第{m[1]}轮" if m else f"“{text_of(round_text)}”"
        reader.add(r, c, f"这是{shown}巡察的台账，不是{spec.round_name}的")


def _columns(reader: _Reader, header: tuple[Any, ...], row: int) -> dict[str, int]:
    """Each ledger column's index, found by its header; missing headers are problems."""
    found: dict[str, int] = {}
    for i, value in enumerate(header):
        column = _HEADERS.get(text_of(value).replace(" ", ""))
        if column is not None and column.key not in found:
            found[column.key] = i
    missing = [c.header for c in COLUMNS if c.key not in found]
    if missing:
        reader.add(row, 0, f"表头缺少“{'”“'.join(missing)}”列：请不要删除或改动表头")
    return found


def _row(
    reader: _Reader,
    cells: tuple[Any, ...],
    row: int,
    columns: dict[str, int],
    spec: LedgerSpec,
    latest: dt.date,
) -> Row:
    """One data row typed and checked; a wrong cell is recorded as a problem and read as blank, so that
    the row still answers its problem (and is not reported missing as well)."""

    def cell(key: str) -> tuple[Any, int]:
        index = columns.get(key, -1)
        return (cells[index] if 0 <= index < len(cells) else None), max(index, 0)

    values: dict[str, Any] = {}
    for key in ("status", "type"):
        value, col = cell(key)
        values[key], problem = choice_of(value, _choices(key))
        if problem:
            reader.add(row, col, f"“{_header(key)}”{problem}")
        elif key == "status" and not values[key]:
            blank = reader.at(row, col, "“完成情况”没有填写：请选择已完成、正在推进或长期坚持")
            reader.unanswered.append(blank)
    for key, whole in (("rules", True), ("funds", False), ("persons", True)):
        value, col = cell(key)
        values[key], problem = number_of(value, whole=whole)
        if problem:
            reader.add(row, col, f"“{_header(key)}”{problem}")
    done_value, done_col = cell("done_on")
    done_on, problem = date_of(done_value)
    if problem:  # filled in, but not as a date: said once, not again as a missing date
        reader.add(row, done_col, f"“完成时间”{problem}")
    else:
        _dates(reader, row, done_col, done_on, values["status"], spec, latest)
    deadline_value, deadline_col = cell("deadline")
    long_term = text_of(deadline_value) in LONG_TERM_WORDS
    deadline, problem = (None, "") if long_term else date_of(deadline_value)
    if problem:
        reader.add(row, deadline_col, f"“整改时限”{problem}；长期坚持的事项填“长期”")
    elif deadline is not None and deadline < spec.feedback_date:
        reader.add(row, deadline_col, f"整改时限早于反馈日期（{cn_date(spec.feedback_date)}）")
    texts = {key: _text(reader, row, *cell(key)) for key in TEXT_KEYS}
    return Row(
        number=0,
        problem=Problem(texts["category"], texts["finding"], texts["detail"]),
        status=values["status"],
        done_on=done_on,
        type=values["type"],
        deadline=deadline,
        long_term_deadline=long_term,
        measures=texts["measures"],
        leader=texts["leader"],
        owner=texts["owner"],
        evidence=texts["evidence"],
        rules=int(values["rules"]),
        funds=float(values["funds"]),
        persons=int(values["persons"]),
        note=texts["note"],
        sheet=reader.sheet,
        line=row,
    )


def _text(reader: _Reader, row: int, value: Any, col: int) -> str:
    """A text cell; one with a character no document can carry is a problem at its cell."""
    text = text_of(value)
    problem = unprintable(text)
    if problem:
        reader.add(row, col, problem)
    return text


def _dates(
    reader: _Reader,
    row: int,
    col: int,
    done_on: dt.date | None,
    status: str,
    spec: LedgerSpec,
    latest: dt.date,
) -> None:
    """完成时间 agrees with 完成情况 and lies between the feedback and the day the ledger was filled."""
    if status == DONE and done_on is None:
        reader.add(row, col, "完成情况是“已完成”，但没有填完成时间")
    elif status == ONGOING and done_on is not None:
        reader.add(row, col, "完成情况是“正在推进”，却填了完成时间：已完成的请把完成情况改为“已完成”")
    if done_on is not None and done_on < spec.feedback_date:
        reader.add(row, col, f"完成时间{cn_date(done_on)}早于反馈日期{cn_date(spec.feedback_date)}")
    elif done_on is not None and done_on > latest:
        reader.add(
            row, col, f"完成时间{cn_date(done_on)}晚于填报日期{cn_date(latest)}：还没有完成的请填“正在推进”"
        )


def _match(
    reader: _Reader,
    typed: list[tuple[int, Row]],
    problems: tuple[Problem, ...],
    header_row: int,
    columns: dict[str, int],
) -> list[Row]:
    """The rows in the round file's order; rows edited, merged, added or deleted are problems."""
    wanted: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(problems):
        wanted.setdefault(_key(p), []).append(i)
    placed: dict[int, Row] = {}
    strays: list[tuple[int, Row]] = []
    for row_number, row in typed:
        free = [i for i in wanted.get(_key(row.problem), []) if i not in placed]
        if free:
            placed[free[0]] = _numbered(row, free[0] + 1)
        else:
            strays.append((row_number, row))
    missing = [i for i in range(len(problems)) if i not in placed]
    detail_col = columns.get("detail", 3)
    for row_number, row in strays:
        merged = [i for i in missing if _key(problems[i])[1] and _key(problems[i])[1] in _key(row.problem)[1]]
        if len(merged) > 1:
            for index in merged:
                missing.remove(index)
            numbers = "、".join(str(i + 1) for i in merged)
            message = (
                f"这一行合并了第{numbers}个问题：请拆回{len(merged)}行（一行一个问题），分别填写整改情况"
            )
            reader.add(row_number, detail_col, message)
            continue
        near = _nearest(row.problem, [problems[i] for i in missing])
        if near is not None:
            index = missing[[problems[i] for i in missing].index(near)]
            missing.remove(index)
            message = (
                f"这一行的问题与轮次文件不一致（改动或合并了？）；第{index + 1}个问题原文是"
                f"“{near.finding}：{near.detail}”：请恢复原文，整改情况写在后面的列里"
            )
        else:
            message = (
                "这一行的问题不在轮次文件里（新增的行？）：台账只列反馈意见中的问题，其他情况写在“备注”里"
            )
        reader.add(row_number, detail_col, message)
    for index in missing:
        p = problems[index]
        message = f"缺少第{index + 1}个问题“{p.finding}：{p.detail}”（这一行被删除或合并了？）"
        reader.add(header_row, 0, message)
    return [placed[i] for i in sorted(placed)]


def _nearest(problem: Problem, candidates: list[Problem]) -> Problem | None:
    """The expected problem an edited row most likely was."""
    best, score = None, 0.5
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, problem.detail, candidate.detail).ratio()
        if candidate.detail in problem.detail or ratio > score:
            best, score = candidate, max(ratio, score)
    return best


def _key(problem: Problem) -> tuple[str, str]:
    return ("".join(problem.finding.split()), "".join(problem.detail.split()))


def _numbered(row: Row, number: int) -> Row:
    return replace(row, number=number)


def _choices(key: str) -> tuple[str, ...]:
    return next(c.choices for c in COLUMNS if c.key == key)


def _header(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key)
