"""Write one unit's 整改台账 (.xlsx) with openpyxl: made for the people who fill it in and print it.

A4 landscape, fitted to the page's width, the header rows repeated on every printed page and frozen on
screen; Chinese headers; wrapped text in rows tall enough to read; drop-down lists on the closed columns;
dates as date cells; the unit's fill-in columns shaded. Only features that Excel, WPS and LibreOffice
all keep are used (no tables, no conditional formats, no macros, no sheet protection).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile

from ..core.dates import cn_date
from .ledger import (
    COLUMNS,
    FEEDBACK_LABEL,
    FILLED_LABEL,
    FILLER_LABEL,
    GROUP_LABEL,
    GUIDE_SHEET,
    PLAN_LABEL,
    RECTIFICATION_TYPES,
    REPORT_LABEL,
    ROUND_LABEL,
    SHEET,
    STATUSES,
    UNIT_LABEL,
    LedgerSpec,
    column_letter,
    letter_of,
)
from .xlsx import Alignment, Border, DataValidation, Font, PageMargins, PatternFill, Side, Workbook, Worksheet

# Fonts every Chinese Windows has (and WPS maps); 10 pt keeps the long problem texts readable at the
# scale a 16-column table needs to fit A4 landscape.
BODY_FONT = Font(name="宋体", size=10)
LABEL_FONT = Font(name="黑体", size=10)
TITLE_FONT = Font(name="黑体", size=16)
# The unit's fill-in cells: a pale yellow that prints as a light grey on a black-and-white printer.
FILL_IN = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="000000")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

HEADER_ROW = 6  # the column headers; row 5 groups them, rows 1–4 are the title block
FIRST_ROW = HEADER_ROW + 1
LAST_COLUMN = column_letter(len(COLUMNS) - 1)
# Points per line of 10 pt text, and the width (in Excel's character units) one Chinese character takes.
LINE_HEIGHT = 13.5
CJK_WIDTH = 1.9
MIN_ROW_HEIGHT = 42.0  # room to write by hand on a printed copy
CORE_PART = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def ledger_bytes(spec: LedgerSpec) -> bytes:
    """The finished workbook of one unit's ledger."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _title_block(sheet, spec)
    _table(sheet, spec)
    _page_setup(sheet, spec)
    _guide(book.create_sheet(GUIDE_SHEET), spec)
    stamp = dt.datetime.combine(spec.feedback_date, dt.time(9))
    book.properties.creator = spec.office
    book.properties.title = spec.title
    book.properties.created = stamp
    stream = io.BytesIO()
    book.save(stream)
    return _stamped(stream.getvalue(), stamp)


def _stamped(saved: bytes, stamp: dt.datetime) -> bytes:
    """The saved workbook with nothing left of the moment it was saved: openpyxl writes the time of saving
    into docProps/core.xml's modified date, and the zip gives each part the current time. Both get the
    ledger's own stamp, so the same ledger is the same bytes on every run, and writing it again finds
    the file it wrote unchanged (a returned ledger, filled in by a unit, still differs)."""
    modified = f"{stamp.isoformat()}Z".encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == CORE_PART:
                data = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", data)
            part = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            part.compress_type = zipfile.ZIP_DEFLATED
            part.external_attr = info.external_attr
            target.writestr(part, data)
    return out.getvalue()


def _put(
    sheet: Worksheet,
    area: str,
    value: object,
    *,
    font: Font = BODY_FONT,
    fill: PatternFill | None = None,
    center: bool = False,
    number_format: str = "",
) -> None:
    """Write a value into a cell or merged area, boxed and wrapped."""
    first = area.split(":")[0]
    if ":" in area:
        sheet.merge_cells(area)
    cell = sheet[first]
    cell.value = value
    for row in sheet[area] if ":" in area else ((cell,),):
        for each in row:
            each.border = BOX
            each.font = font
            each.alignment = Alignment(
                horizontal="center" if center else "left", vertical="center", wrap_text=True
            )
            if fill is not None:
                each.fill = fill
    if number_format:
        cell.number_format = number_format


def _title_block(sheet: Worksheet, spec: LedgerSpec) -> None:
    sheet.merge_cells(f"A1:{LAST_COLUMN}1")
    sheet["A1"] = spec.title
    sheet["A1"].font = TITLE_FONT
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36
    # Label, value pairs: (label area, value area, value, the unit fills it in).
    pairs: list[tuple[str, str, object, bool]] = [
        ("A2:B2", "C2:D2", spec.party_org, False),
        ("E2", "F2:H2", spec.round_name, False),
        ("I2:J2", "K2:L2", spec.group, False),
        ("M2:N2", "O2:P2", spec.feedback_date, False),
        ("A3:B3", "C3:D3", spec.plan_due, False),
        ("E3", "F3:H3", spec.report_due, False),
        ("I3:J3", "K3:L3", None, True),
        ("M3:N3", "O3:P3", None, True),
    ]
    labels = (UNIT_LABEL, ROUND_LABEL, GROUP_LABEL, FEEDBACK_LABEL, PLAN_LABEL, REPORT_LABEL)
    for (label_area, value_area, value, fill_in), label in zip(
        pairs, (*labels, FILLED_LABEL, FILLER_LABEL), strict=True
    ):
        _put(sheet, label_area, label, font=LABEL_FONT, fill=HEADER, center=True)
        is_date = isinstance(value, dt.date) or label == FILLED_LABEL
        _put(
            sheet,
            value_area,
            value,
            fill=FILL_IN if fill_in else None,
            center=is_date,
            number_format=DATE_FORMAT if is_date else "",
        )
    sheet.row_dimensions[2].height = 30
    sheet.row_dimensions[3].height = 30
    note = (
        f"填写说明：第A～D列由巡察组填写，请勿改动，也不要合并、删除或插入行；浅黄色的列由{spec.party_org}"
        "逐项填写。“整改类型”“完成情况”从下拉列表中选择；完成情况为“已完成”的须填完成时间；"
        "“建章立制”“挽回资金”“问责处理”只填数字，不带单位。"
        f"请于{cn_date(spec.report_due)}前随整改情况报告报送{spec.office}，保存为 .xlsx 格式。"
    )
    _put(sheet, f"A4:{LAST_COLUMN}4", note)
    sheet.row_dimensions[4].height = _height((note,), (sum(c.width for c in COLUMNS),), least=LINE_HEIGHT)


def _table(sheet: Worksheet, spec: LedgerSpec) -> None:
    closed_end = column_letter(sum(1 for c in COLUMNS if not c.fill_in) - 1)
    open_start = column_letter(sum(1 for c in COLUMNS if not c.fill_in))
    _put(sheet, f"A5:{closed_end}5", "巡察反馈问题（巡察组填写）", font=LABEL_FONT, fill=HEADER, center=True)
    _put(
        sheet,
        f"{open_start}5:{LAST_COLUMN}5",
        "整改落实情况（被巡察党组织填写）",
        font=LABEL_FONT,
        fill=FILL_IN,
        center=True,
    )
    for index, column in enumerate(COLUMNS):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        fill = FILL_IN if column.fill_in else HEADER
        _put(sheet, f"{letter}{HEADER_ROW}", column.header, font=LABEL_FONT, fill=fill, center=True)
    sheet.row_dimensions[HEADER_ROW].height = 30
    last = FIRST_ROW + max(len(spec.problems), 1) - 1
    for offset, problem in enumerate(spec.problems):
        row = FIRST_ROW + offset
        texts = (problem.category, problem.finding, problem.detail)
        for index, column in enumerate(COLUMNS):
            letter = column_letter(index)
            value: object = offset + 1 if column.key == "number" else None
            if column.key in ("category", "finding", "detail"):
                value = texts[("category", "finding", "detail").index(column.key)]
            center = column.kind != "text"
            fmt = DATE_FORMAT if column.kind == "date" else ""
            shade = FILL_IN if column.fill_in else None
            _put(sheet, f"{letter}{row}", value, fill=shade, center=center, number_format=fmt)
        sheet.row_dimensions[row].height = _height(texts, tuple(c.width for c in COLUMNS[1:4]))
    _validations(sheet, spec, last)
    sheet.freeze_panes = f"A{FIRST_ROW}"


def _validations(sheet: Worksheet, spec: LedgerSpec, last: int) -> None:
    """Drop-down lists on the closed columns, and numbers and dates where numbers and dates belong."""
    feedback_serial = (spec.feedback_date - dt.date(1899, 12, 30)).days

    def add(key: str, rule: DataValidation, title: str, error: str) -> None:
        rule.error, rule.errorTitle = error, title
        rule.showErrorMessage = True
        column = next(c for c in COLUMNS if c.key == key)
        if column.hint:
            rule.prompt, rule.promptTitle = column.hint, column.header
            rule.showInputMessage = True
        sheet.add_data_validation(rule)
        letter = letter_of(key)
        rule.add(f"{letter}{FIRST_ROW}:{letter}{last}")

    for key, choices in (("type", RECTIFICATION_TYPES), ("status", STATUSES)):
        rule = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
        add(key, rule, "请从列表中选择", f"只能填：{'、'.join(choices)}")
    done = DataValidation(
        type="date", operator="greaterThanOrEqual", formula1=str(feedback_serial), allow_blank=True
    )
    add("done_on", done, "完成时间", f"请填写日期，且不早于反馈日期{cn_date(spec.feedback_date)}")
    for key in ("rules", "funds", "persons"):
        whole = key != "funds"
        rule = DataValidation(
            type="whole" if whole else "decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
        )
        what = "非负整数" if whole else "非负数字"
        add(key, rule, "只填数字", f"请填写{what}，不要带单位或文字")


def _page_setup(sheet: Worksheet, spec: LedgerSpec) -> None:
    last = FIRST_ROW + max(len(spec.problems), 1) - 1
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"5:{HEADER_ROW}"
    sheet.print_area = f"A1:{LAST_COLUMN}{last}"
    footer = sheet.oddFooter.center if sheet.oddFooter is not None else None
    if footer is not None:
        footer.text = "第 &P 页，共 &N 页"
        footer.font = "宋体"
        footer.size = 9


def _guide(sheet: Worksheet, spec: LedgerSpec) -> None:
    """A second sheet saying, column by column, what to write."""
    lines = [
        ("栏目", "怎样填写"),
        (
            "序号、问题类别、反馈问题、具体表现",
            "巡察组填写，与反馈意见一致，请勿改动；一行是一个问题，不要合并、拆分、删除或插入行。",
        ),
        ("整改措施", "写明针对这个问题采取了什么措施、取得了什么成效。"),
        ("责任领导、责任部门/责任人", "按整改方案确定的分工填写。"),
        ("整改时限", "填写日期（如 2026-8-10）；长期坚持的事项填“长期”。"),
        ("整改类型", f"从下拉列表中选择：{'、'.join(RECTIFICATION_TYPES)}。"),
        ("完成情况", f"从下拉列表中选择：{'、'.join(STATUSES)}。“已完成”须同时填写完成时间。"),
        ("完成时间", f"填写日期，不早于反馈日期（{cn_date(spec.feedback_date)}），不晚于填报日期。"),
        ("佐证材料", "列出能证明整改到位的材料名称，如制度文件、会议记录、退款凭证。"),
        ("建章立制（项）、挽回资金（万元）、问责处理（人）", "只填数字，不带单位；没有的填 0 或不填。"),
        ("填报日期、填报人", "填写本台账的日期和经办人；填报日期写成日期。"),
    ]
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 80
    for row, (name, how) in enumerate(lines, start=1):
        font = LABEL_FONT if row == 1 else BODY_FONT
        _put(sheet, f"A{row}", name, font=font, fill=HEADER if row == 1 else None)
        _put(sheet, f"B{row}", how, font=font, fill=HEADER if row == 1 else None)
        sheet.row_dimensions[row].height = _height((name, how), (30, 80), least=24) if row > 1 else 20
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _height(texts: tuple[str, ...], widths: tuple[float, ...], least: float = MIN_ROW_HEIGHT) -> float:
    """A row height (points) at which every text shows whole when wrapped in its column.

    Excel does not grow a row to fit wrapped text written by a program, so the height is set here from
    the text's length (a Chinese character is about 1.9 character widths wide at 10 pt).
    """
    lines = 1
    for text, width in zip(texts, widths, strict=True):
        per_line = max(1, int((width - 1) / CJK_WIDTH))
        lines = max(lines, sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n")))
    return max(least, lines * LINE_HEIGHT + 8)
