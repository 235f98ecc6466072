"""Fill a ledger as a unit would, with openpyxl: by column header and row number, then save it.

Used by the ledger tests and by tests/sample_ledgers.py, which writes the samples' returned ledgers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

HEADERS = {
    "measures": "整改措施",
    "leader": "责任领导",
    "owner": "责任部门/责任人",
    "deadline": "整改时限",
    "type": "整改类型",
    "status": "完成情况",
    "done_on": "完成时间",
    "evidence": "佐证材料",
    "rules": "建章立制（项）",
    "funds": "挽回资金（万元）",
    "persons": "问责处理（人）",
    "note": "备注",
}


def header_row(sheet) -> int:
    return next(r for r in range(1, 20) if sheet.cell(r, 1).value == "序号")


def column(sheet, header: str) -> int:
    row = header_row(sheet)
    return next(c for c in range(1, sheet.max_column + 1) if sheet.cell(row, c).value == header)


def fill(
    path: Path,
    rows: dict[int, dict[str, Any]],
    filled_on: Any = None,
    filler: str = "",
    out: Path | None = None,
):
    """Write ``rows`` (1-based row number in the table → {key: value}) and the 填报日期 into a ledger."""
    book = openpyxl.load_workbook(path)
    sheet = book["整改台账"]
    first = header_row(sheet) + 1
    for number, values in rows.items():
        for key, value in values.items():
            cell = sheet.cell(first + number - 1, column(sheet, HEADERS.get(key, key)))
            cell.value = value
    for r in range(1, header_row(sheet)):
        for c in range(1, sheet.max_column + 1):
            label = sheet.cell(r, c).value
            if label == "填报日期" and filled_on is not None:
                target = next(
                    x
                    for x in range(c + 1, sheet.max_column + 1)
                    if sheet.cell(r, x).value is None and not _merged_inner(sheet, r, x)
                )
                sheet.cell(r, target).value = filled_on
            if label == "填报人" and filler:
                target = next(
                    x
                    for x in range(c + 1, sheet.max_column + 1)
                    if sheet.cell(r, x).value is None and not _merged_inner(sheet, r, x)
                )
                sheet.cell(r, target).value = filler
    book.save(out or path)
    return out or path


def _merged_inner(sheet, row: int, col: int) -> bool:
    """A cell inside a merged area that is not its top-left cell (it cannot hold a value)."""
    for area in sheet.merged_cells.ranges:
        if area.min_row <= row <= area.max_row and area.min_col <= col <= area.max_col:
            return (row, col) != (area.min_row, area.min_col)
    return False
