"""The 整改台账: drafter ledger writes it for people; a filled one reads back into the annual figures; every
kind of bad cell is refused at its cell, all at once, with nothing written and the workbook untouched."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from drafter.cli.main import cli

from .conftest import ROOT, SAMPLES
from .helpers import copy_round
from .ledger_fill import column, fill, header_row

ROUND_1 = SAMPLES / "round-2026-1.yaml"
LEDGER = "第一轮巡察反馈问题整改台账-县财政局.xlsx"


def desk(tmp_path: Path) -> Path:
    """The samples as a clerk has them: the annual report, both rounds with their returned ledgers, and
    the notice."""
    for name in ("round-2026-1.yaml", "round-2026-2.yaml"):
        copy_round(SAMPLES / name, tmp_path)
    for name in ("annual-report.yaml", "rectification-notice.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def returned(tmp_path: Path) -> Path:
    return tmp_path / "第一轮整改台账" / LEDGER


def build(runner, path: Path, *more: str):
    return runner.invoke(cli, ["build", str(path), *more])


def text_of(path: Path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


# ---------------------------------------------------------------------------------------------------
# Writing


def test_each_unit_gets_a_ledger_named_like_its_feedback_opinion(runner, tmp_path):
    result = runner.invoke(cli, ["ledger", str(ROUND_1), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        f"第一轮巡察反馈问题整改台账-{u}.xlsx"
        for u in ("县发展和改革局", "县财政局", "城关镇", "城关镇东街村")
    )


def test_the_ledger_is_made_for_people(runner, tmp_path):
    runner.invoke(cli, ["ledger", str(ROUND_1), "-o", str(tmp_path), "--unit", "县财政局"])
    book = openpyxl.load_workbook(tmp_path / LEDGER)
    assert book.sheetnames == ["整改台账", "填写说明"]
    sheet = book["整改台账"]
    top = header_row(sheet)
    headers = [sheet.cell(top, c).value for c in range(1, 17)]
    assert headers == [
        "序号",
        "问题类别",
        "反馈问题",
        "具体表现",
        "整改措施",
        "责任领导",
        "责任部门/责任人",
        "整改时限",
        "整改类型",
        "完成情况",
        "完成时间",
        "佐证材料",
        "建章立制（项）",
        "挽回资金（万元）",
        "问责处理（人）",
        "备注",
    ]
    # One row per concrete problem: 县财政局 has 3 findings with 4 具体表现.
    rows = [sheet.cell(r, 4).value for r in range(top + 1, sheet.max_row + 1) if sheet.cell(r, 1).value]
    assert len(rows) == 4 and rows[2].startswith("政府采购内控制度执行不严")
    assert sheet.cell(top + 2, 3).value == "财政资金监管存在薄弱环节"
    assert sheet.cell(top + 1, 2).value == "贯彻落实党的理论和路线方针政策、党中央重大决策部署方面"
    # Printed: A4 landscape, one page wide, the header rows on every page; on screen the header stays.
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == f"$5:${top}"
    assert sheet.freeze_panes == f"A{top + 1}"
    # The unit's columns are shaded, the 巡察组's are not; texts wrap.
    first = top + 1
    assert sheet.cell(first, 5).fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.cell(first, 4).fill.fill_type is None
    assert sheet.cell(first, 4).alignment.wrap_text
    # Drop-downs on the closed columns; numbers and dates where they belong.
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert rules[f"I{first}:I{first + 3}"].formula1 == '"立行立改,限期整改,长期坚持"'
    assert rules[f"J{first}:J{first + 3}"].formula1 == '"已完成,正在推进,长期坚持"'
    assert rules[f"K{first}:K{first + 3}"].type == "date"
    assert rules[f"M{first}:M{first + 3}"].type == "whole"
    assert rules[f"N{first}:N{first + 3}"].type == "decimal"
    assert "年" in sheet.cell(first, 11).number_format
    # The title block: the dates the feedback opinion states, as date cells.
    values = [c.value for row in sheet.iter_rows(max_row=3) for c in row]
    assert "县财政局党组" in values and "县委第二巡察组" in values
    assert dt.datetime(2026, 6, 12) in values and dt.datetime(2026, 8, 12) in values


def test_a_county_that_counts_findings_gets_one_row_per_finding(runner, tmp_path):
    text = ROUND_1.read_text(encoding="utf-8").replace(
        "  report_months: 2            # 整改情况报告：反馈后2个月内报送\n",
        "  report_months: 2\n  count_by: 反馈问题\n",
    )
    facts = tmp_path / "r.yaml"
    facts.write_text(text, encoding="utf-8")
    runner.invoke(cli, ["ledger", str(facts), "--unit", "县财政局"])
    sheet = openpyxl.load_workbook(tmp_path / "r" / LEDGER)["整改台账"]
    top = header_row(sheet)
    assert [sheet.cell(r, 1).value for r in range(top + 1, top + 4)] == [1, 2, 3]
    assert sheet.cell(top + 2, 4).value.startswith("一是惠农补贴资金")
    result = runner.invoke(cli, ["build", str(facts), "--unit", "县财政局"])
    assert result.exit_code == 0
    assert "本次反馈的3个问题已逐条列入随本意见印发的整改台账" in text_of(
        tmp_path / "r" / "第一轮巡察反馈意见-县财政局.docx"
    )


def test_the_feedback_opinion_counts_what_its_ledger_lists(runner, tmp_path):
    runner.invoke(cli, ["build", str(ROUND_1), "-o", str(tmp_path), "--unit", "县财政局"])
    text = text_of(tmp_path / "第一轮巡察反馈意见-县财政局.docx")
    assert "本次反馈的4个具体问题已逐条列入随本意见印发的整改台账" in text  # 3 numbered, 4 details


def test_a_ledger_is_never_written_over_without_force(runner, tmp_path):
    folder = desk(tmp_path) / "第一轮整改台账"
    before = (folder / LEDGER).read_bytes()
    result = runner.invoke(cli, ["ledger", str(tmp_path / "round-2026-1.yaml"), "-o", str(folder)])
    assert result.exit_code == 1
    assert "未做改动；如确要用新生成的文件替换它，请加 --force" in result.stderr
    assert (folder / LEDGER).read_bytes() == before
    result = runner.invoke(cli, ["ledger", str(tmp_path / "round-2026-1.yaml"), "-o", str(folder), "--force"])
    assert result.exit_code == 0 and (folder / LEDGER).read_bytes() != before


def test_writing_a_ledger_again_finds_it_unchanged_whatever_the_clock_says(runner, tmp_path, monkeypatch):
    """openpyxl stamps the time of saving into the workbook; a rerun a minute later is still the same
    file (reported 未改动), while a ledger a unit has filled in is still protected."""
    import time

    import openpyxl.writer.excel

    out = tmp_path / "out"
    args = ["ledger", str(ROUND_1), "-o", str(out), "--unit", "县财政局"]
    assert runner.invoke(cli, args).exit_code == 0
    written = (out / LEDGER).read_bytes()

    later = time.time() + 3600

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime.fromtimestamp(later, tz)

    monkeypatch.setattr(time, "time", lambda: later)  # the zip's entry times
    clock = SimpleNamespace(datetime=Later, timezone=dt.timezone)  # core.xml's modified date
    monkeypatch.setattr(openpyxl.writer.excel, "datetime", clock)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"未改动（与已有文件相同）：{out / LEDGER}" in result.output
    assert (out / LEDGER).read_bytes() == written
    with zipfile.ZipFile(out / LEDGER) as book:
        core = book.read("docProps/core.xml").decode()
        assert {info.date_time for info in book.infolist()} == {(2026, 6, 12, 9, 0, 0)}
    assert "<dcterms:modified" in core and ">2026-06-12T09:00:00Z</dcterms:modified>" in core

    fill(out / LEDGER, {1: {"status": "正在推进"}})
    result = runner.invoke(cli, args)
    assert result.exit_code == 1 and "文件已存在，且与新生成的内容不同" in result.stderr


def test_ledgers_come_only_from_round_files(runner, tmp_path):
    result = runner.invoke(cli, ["ledger", str(SAMPLES / "annual-report.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        "整改台账按轮次事实文件（template: feedback）生成，这个文件用的是 annual-report 模板" in result.stderr
    )
    result = runner.invoke(cli, ["ledger", str(ROUND_1), "-o", str(tmp_path), "--unit", "县财政"])
    assert result.exit_code == 1 and "没有名为“县财政”的单位，是否想写“县财政局”？" in result.stderr


def test_unit_names_make_safe_file_names(runner, tmp_path):
    text = ROUND_1.read_text(encoding="utf-8").replace("- name: 县财政局\n", "- name: 县财政局/国资办\n")
    facts = tmp_path / "r.yaml"
    facts.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["ledger", str(facts), "--unit", "县财政局/国资办"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "第一轮巡察反馈问题整改台账-县财政局／国资办.xlsx").is_file()


# ---------------------------------------------------------------------------------------------------
# Reading back into the annual report


def test_the_annual_figures_follow_what_the_units_filled_in(runner, tmp_path):
    """Write → fill as a unit would → read: one more problem finished moves the count and the rate."""
    desk(tmp_path)
    fill(returned(tmp_path), {}, None)  # resaved by openpyxl, unchanged
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "annual-report.docx")
    assert (
        "第一轮巡察反馈问题18个，集中整改期已结束，已完成整改15个，整改完成率83.33%，正在推进2个，需长期坚持1个"
        in text
    )
    assert (
        "第二轮巡察于2026年11月20日至11月25日反馈问题14个，尚处于集中整改期（整改情况报告于2027年1月25日前报送），已完成整改5个"
        in text
    )
    assert "通过整改，推动建章立制12项，追缴和挽回资金21万元，问责处理5人" in text
    assert "0%" not in text
    city = tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-城关镇.xlsx"
    fill(city, {1: {"status": "已完成", "done_on": dt.date(2026, 8, 1), "funds": 2.5, "rules": 1}})
    result = build(runner, tmp_path / "annual-report.yaml", "--force")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "annual-report.docx")
    assert "已完成整改16个，整改完成率88.89%，正在推进1个，需长期坚持1个" in text
    assert "推动建章立制13项，追缴和挽回资金23.5万元" in text


def test_a_row_finished_after_as_of_is_still_ongoing_then(runner, tmp_path):
    desk(tmp_path)
    annual = tmp_path / "annual-report.yaml"
    annual.write_text(
        annual.read_text(encoding="utf-8").replace("as_of: 2026-12-15", "as_of: 2026-07-31"), "utf-8"
    )
    result = build(runner, annual)
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "annual-report.docx")
    # By 31 July round 1 was still within its period (reports due 10–15 August): no rate for any round.
    assert (
        "整改完成率" not in text
        and "第一轮巡察于2026年6月10日至6月15日反馈问题18个，尚处于集中整改期" in text
    )


def test_typed_figures_that_disagree_with_the_ledgers_are_refused_naming_both(runner, tmp_path):
    desk(tmp_path)
    annual = tmp_path / "annual-report.yaml"
    text = annual.read_text(encoding="utf-8").replace(
        "  follow_up_units: 6\n", "  follow_up_units: 6\n  completed: 16\n"
    )
    annual.write_text(text, encoding="utf-8")
    result = build(runner, annual)
    assert result.exit_code == 1
    assert (
        "“已完成整改问题个数”写的是 16，但按“round_files”所列的 round-2026-1.yaml、round-2026-2.yaml "
        "合计是 15" in result.stderr
    )
    assert not (tmp_path / "annual-report.docx").exists()
    annual.write_text(text.replace("completed: 16", "completed: 15"), encoding="utf-8")
    assert build(runner, annual).exit_code == 0


def typed_rounds(tmp_path: Path, first: str, second: str, completed: str) -> Path:
    """The typed annual facts (no round files) with the rounds' feedback dates and problem counts."""
    from .conftest import ANNUAL_TYPED

    text = ANNUAL_TYPED.read_text(encoding="utf-8").replace(
        "    rectification_heard: true # 已听取本轮巡察整改情况汇报\n", ""
    )
    text = text.replace("  - number: 1                 # 本届第几轮\n", f"  - number: 1\n{first}")
    at = text.index("  - number: 2")
    text = text[:at] + text[at:].replace("    inspections:", f"{second}    inspections:", 1)
    facts = tmp_path / "typed.yaml"
    facts.write_text(text.replace("  completed: 161\n", completed), encoding="utf-8")
    return facts


def test_the_concentrated_period_rule_holds_without_ledgers(runner, tmp_path):
    """Typed rounds with their feedback dates: a November round gets no rate in a December report."""
    facts = typed_rounds(
        tmp_path,
        "    feedback_date: 2026-06-20\n    problems: 120\n",
        "    feedback_date: 2026-11-24\n    problems: 66\n",
        "  completed: 104\n",
    )
    result = build(runner, facts)
    assert result.exit_code == 0, result.output
    body = text_of(tmp_path / "typed.docx")
    assert "第一轮巡察反馈问题120个，集中整改期已结束，已完成整改104个，整改完成率86.67%" in body
    assert (
        "第二轮巡察于2026年11月24日反馈问题66个，尚处于集中整改期（整改情况报告于2027年1月24日前报送）"
        in body
    )


def test_a_round_fed_back_in_late_november_never_shows_a_zero_rate(runner, tmp_path):
    facts = typed_rounds(
        tmp_path,
        "    feedback_date: 2026-11-20\n    problems: 120\n",
        "    feedback_date: 2026-11-25\n    problems: 66\n",
        "",
    )
    result = build(runner, facts)
    assert result.exit_code == 0, result.output
    body = text_of(tmp_path / "typed.docx")
    assert "整改完成率" not in body and "0%" not in body and "已完成整改0个" not in body
    assert "尚处于集中整改期" in body


def ledgers_not_back(runner, tmp_path: Path, as_of: str) -> str:
    """In December, round 2 (fed back in late November): 县人民医院's ledger is back as drafter ledger
    wrote it, not filled in; 河口镇's is not back at all. Returns the annual report's stderr."""
    desk(tmp_path)
    folder = tmp_path / "第二轮整改台账"
    args = ["-o", str(folder), "--unit", "县人民医院", "--force"]
    assert runner.invoke(cli, ["ledger", str(tmp_path / "round-2026-2.yaml"), *args]).exit_code == 0
    (folder / "第二轮巡察反馈问题整改台账-河口镇.xlsx").unlink()
    annual = tmp_path / "annual-report.yaml"
    annual.write_text(
        annual.read_text(encoding="utf-8").replace("as_of: 2026-12-15", f"as_of: {as_of}"), "utf-8"
    )
    return build(runner, annual).stderr


def test_a_round_in_its_period_needs_no_ledgers_back_yet(runner, tmp_path):
    err = ledgers_not_back(runner, tmp_path, "2026-12-15")
    assert (tmp_path / "annual-report.docx").exists(), err
    assert (
        "round-2026-2.yaml:23:1: 提醒：第二轮还在集中整改期内，"
        "河口镇、县人民医院的整改台账还没有交回（或还没有填写）："
        "报告里第二轮只写整改情况报告的报送期限，不写已完成整改的个数" in err
    )
    text = text_of(tmp_path / "annual-report.docx")
    # Round 1 is past its period and counted as before; round 2 says its deadline and no partial count.
    assert "第一轮巡察反馈问题18个，集中整改期已结束，已完成整改15个，整改完成率83.33%" in text
    assert "反馈问题14个，尚处于集中整改期（整改情况报告于2027年1月25日前报送）。通过整改" in text
    # The two units' own figures are left out (县人民医院's 1 rule).
    assert "通过整改，推动建章立制11项，追缴和挽回资金21万元，问责处理5人" in text


def test_a_round_past_its_period_still_needs_every_ledger_filled_in(runner, tmp_path):
    err = ledgers_not_back(runner, tmp_path, "2027-02-15")
    assert not (tmp_path / "annual-report.docx").exists()
    assert "第二轮巡察反馈问题整改台账-县人民医院.xlsx:整改台账!J7: “完成情况”没有填写" in err
    assert "找不到河口镇交回的整改台账“第二轮巡察反馈问题整改台账-河口镇.xlsx”" in err
    assert "提醒" not in err


def test_a_ledger_filled_in_part_way_is_checked_in_the_period_too(runner, tmp_path):
    """Not filled in means no 完成情况 at all; one row answered and the rest blank is a ledger to correct."""
    ledgers_not_back(runner, tmp_path, "2026-12-15")
    hospital = tmp_path / "第二轮整改台账" / "第二轮巡察反馈问题整改台账-县人民医院.xlsx"
    fill(hospital, {1: {"status": "正在推进"}})
    (tmp_path / "annual-report.docx").unlink()
    err = build(runner, tmp_path / "annual-report.yaml").stderr
    assert not (tmp_path / "annual-report.docx").exists()
    assert "县人民医院.xlsx:整改台账!J8: “完成情况”没有填写" in err and "J7" not in err


def without_ledgers(folder: Path) -> None:
    """The sample rounds in ``folder`` as they were before their ledgers came back."""
    for name in ("round-2026-1.yaml", "round-2026-2.yaml"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(True)
        kept = [line for line in lines if not line.startswith(("ledgers:", "  folder:"))]
        path.write_text("".join(kept), encoding="utf-8")


def test_rounds_past_their_period_need_their_completed_figure(runner, tmp_path):
    desk(tmp_path)
    without_ledgers(tmp_path)
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 1
    assert (
        "缺少“completed”（已完成整改问题个数）：第一轮已过集中整改期，要写它们已完成整改的问题数"
        in result.stderr
    )


def test_drafter_yaml_may_say_where_a_folders_ledgers_are(runner, tmp_path):
    desk(tmp_path)
    without_ledgers(tmp_path)
    for path in (tmp_path / "第二轮整改台账").iterdir():
        shutil.move(path, tmp_path / "第一轮整改台账" / path.name)
    (tmp_path / "drafter.yaml").write_text("ledgers:\n  folder: 第一轮整改台账\n", encoding="utf-8")
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 0, result.output
    assert "整改完成率83.33%" in text_of(tmp_path / "annual-report.docx")


# ---------------------------------------------------------------------------------------------------
# Bad cells, each at its place, all at once; nothing written; the workbook untouched


def refused(runner, tmp_path: Path) -> str:
    before = {p: p.read_bytes() for p in (tmp_path / "第一轮整改台账").iterdir()}
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "annual-report.docx").exists()
    assert {p: p.read_bytes() for p in (tmp_path / "第一轮整改台账").iterdir()} == before
    return result.stderr


def test_every_bad_cell_is_named_at_its_cell_at_once(runner, tmp_path):
    desk(tmp_path)
    fill(
        returned(tmp_path),
        {
            1: {"status": "完成"},
            2: {"done_on": dt.date(2026, 5, 1)},
            3: {"done_on": None, "rules": "2项"},
            4: {"funds": "3.5", "persons": -1, "done_on": dt.date(2026, 9, 1)},
        },
    )
    err = refused(runner, tmp_path)
    place = f"{LEDGER}:整改台账!"
    assert (
        f"{place}J7: “完成情况”只能填 已完成、正在推进、长期坚持 之一，实际写的是“完成”，是否想写“已完成”？"
        in err
    )
    assert f"{place}K8: 完成时间2026年5月1日早于反馈日期2026年6月12日" in err
    assert f"{place}K9: 完成情况是“已完成”，但没有填完成时间" in err
    assert f"{place}M9: “建章立制（项）”只填数字，不带单位：写 2，而不是“2项”" in err
    assert f"{place}N10: “挽回资金（万元）”“3.5”是文本格式的数字" in err
    assert f"{place}O10: “问责处理（人）”不能是负数，实际是 -1" in err
    assert f"{place}K10: 完成时间2026年9月1日晚于填报日期2026年8月10日" in err


def test_a_completion_date_typed_as_text_or_a_status_left_blank(runner, tmp_path):
    desk(tmp_path)
    fill(returned(tmp_path), {1: {"done_on": "2026.7.25"}, 2: {"status": None, "done_on": None}})
    err = refused(runner, tmp_path)
    assert "K7" not in err  # a date typed as text is still a date
    assert f"{LEDGER}:整改台账!J8: “完成情况”没有填写：请选择已完成、正在推进或长期坚持" in err


def test_a_completion_date_without_its_year_is_named_once(runner, tmp_path):
    desk(tmp_path)
    fill(returned(tmp_path), {1: {"status": "已完成", "done_on": "7月15日"}})
    err = refused(runner, tmp_path)
    assert f"{LEDGER}:整改台账!K7: “完成时间”应填日期（如 2026-8-10），实际写的是“7月15日”" in err
    assert err.count("整改台账!K7") == 1 and "没有填完成时间" not in err


def add_total_row(path: Path, rules: int | None = None, **more: object) -> None:
    """A 合计 row below the problems, as a clerk adds one in Excel: a label and column sums; the 建章立制
    total typed by hand (``rules``, else the right sum)."""
    book = openpyxl.load_workbook(path)
    sheet = book["整改台账"]
    row = sheet.max_row + 1
    first = header_row(sheet) + 1
    sheet.cell(row, 1).value = "合  计"
    for col in (13, 14, 15):  # 建章立制, 挽回资金, 问责处理
        letter = openpyxl.utils.get_column_letter(col)
        sheet.cell(row, col).value = f"=SUM({letter}{first}:{letter}{row - 1})"
    added = sum(sheet.cell(r, 13).value or 0 for r in range(first, row))
    sheet.cell(row, 13).value = added if rules is None else rules  # typed by hand, not a formula
    for header, value in more.items():
        sheet.cell(row, column(sheet, header)).value = value
    book.save(path)


def test_a_total_row_is_left_out_and_never_counted_twice(runner, tmp_path):
    desk(tmp_path)
    add_total_row(returned(tmp_path), 备注="截至8月10日")
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 0, result.output
    text = text_of(tmp_path / "annual-report.docx")
    assert "已完成整改15个，整改完成率83.33%" in text
    assert "通过整改，推动建章立制12项，追缴和挽回资金21万元，问责处理5人" in text


def test_a_figure_typed_only_in_the_total_row_is_refused_at_its_cell(runner, tmp_path):
    """The rows are what is summed: a 合计 that differs from them would silently count for nothing."""
    desk(tmp_path)
    add_total_row(returned(tmp_path), rules=99)
    err = refused(runner, tmp_path)
    assert f"{LEDGER}:整改台账!M11: 合计行的“建章立制（项）”是 99，各问题行合计是" in err
    assert "请把数字填到对应问题的行里" in err
    assert not (tmp_path / "annual-report.docx").exists()


def test_a_total_row_that_holds_more_than_totals_is_to_be_deleted(runner, tmp_path):
    desk(tmp_path)
    add_total_row(returned(tmp_path), 完成情况="已完成")
    err = refused(runner, tmp_path)
    assert (
        f"{LEDGER}:整改台账!A11: 这一行是合计行？台账不需要合计行（各项数字按每个问题的行合计）：请删除这一行"
        in err
    )
    assert "新增的行" not in err and "没有填写" not in err and err.count("整改台账!") == 1


def test_edited_merged_deleted_and_added_rows_are_named(runner, tmp_path):
    desk(tmp_path)
    path = returned(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book["整改台账"]
    top = header_row(sheet)
    sheet.cell(top + 1, 4).value = "2025年一般性支出压减任务未完成，有2个部门追加办公经费"  # edited
    sheet.cell(top + 2, 4).value = (
        sheet.cell(top + 2, 4).value + "；" + sheet.cell(top + 3, 4).value
    )  # merged
    sheet.delete_rows(top + 3, 2)  # the merged row's second problem, and the fourth problem: deleted
    sheet.cell(top + 3, 1).value = 3
    sheet.cell(top + 3, 3).value = "新发现的问题"
    sheet.cell(top + 3, 4).value = "办公用房超标"  # added
    sheet.cell(top + 3, 10).value = "正在推进"
    book.save(path)
    err = refused(runner, tmp_path)
    place = f"{LEDGER}:整改台账!"
    assert (
        f"{place}D7: 这一行的问题与轮次文件不一致（改动或合并了？）；第1个问题原文是"
        "“落实过紧日子要求不够严格：2025年一般性支出压减任务未全部完成" in err
    )
    assert f"{place}D8: 这一行合并了第2、3个问题：请拆回2行（一行一个问题），分别填写整改情况" in err
    assert f"{place}D9: 这一行的问题不在轮次文件里（新增的行？）" in err
    assert f"{place}A6: 缺少第4个问题“基层党组织建设有短板：机关党支部“三会一课”记录存在补记现象" in err
    assert "缺少第3个" not in err  # the merged row accounts for it


def test_a_ledger_of_another_unit_or_round_is_refused(runner, tmp_path):
    desk(tmp_path)
    other = tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-城关镇.xlsx"
    shutil.copy(other, returned(tmp_path))
    wrong_round = tmp_path / "第二轮整改台账" / "第二轮巡察反馈问题整改台账-河口镇.xlsx"
    shutil.copy(tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-城关镇东街村.xlsx", wrong_round)
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 1
    assert f"{LEDGER}:整改台账!C2: 这是“城关镇党委”的台账，不是县财政局党组的" in result.stderr
    assert (
        "第二轮巡察反馈问题整改台账-河口镇.xlsx:整改台账!C2: 这是“城关镇东街村党支部”的台账" in result.stderr
    )
    assert (
        "第二轮巡察反馈问题整改台账-河口镇.xlsx:整改台账!F2: "
        "这是第一轮巡察的台账，不是十五届县委第二轮（常规巡察）的" in result.stderr
    )


def test_a_missing_ledger_an_old_xls_and_a_file_that_is_no_workbook(runner, tmp_path):
    desk(tmp_path)
    folder = tmp_path / "第一轮整改台账"
    (folder / LEDGER).rename(folder / "财政局台账（定稿）.xlsx")
    village = folder / "第一轮巡察反馈问题整改台账-城关镇东街村.xlsx"
    village.rename(village.with_suffix(".xls"))
    (folder / "第一轮巡察反馈问题整改台账-城关镇.xlsx").write_text("不是表格", encoding="utf-8")
    (folder / "~$第一轮巡察反馈问题整改台账-县发展和改革局.xlsx").write_bytes(b"lock")  # Excel's lock file
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 1
    err = result.stderr
    assert (
        "round-2026-1.yaml:27:11: 找不到县财政局交回的整改台账“第一轮巡察反馈问题整改台账-县财政局.xlsx”"
        in err
    )
    assert "第一轮巡察反馈问题整改台账-城关镇东街村.xls:整改台账!A1: 这是旧的 .xls 格式" in err
    assert "第一轮巡察反馈问题整改台账-城关镇.xlsx:整改台账!A1: 不是能读取的 .xlsx 工作簿" in err
    assert "~$" not in err
    # A renamed ledger is named under files:.
    round_file = tmp_path / "round-2026-1.yaml"
    round_file.write_text(
        round_file.read_text(encoding="utf-8").replace(
            "  folder: 第一轮整改台账",
            "  folder: 第一轮整改台账\n  files:\n    县财政局: 第一轮整改台账/财政局台账（定稿）.xlsx",
        ),
        encoding="utf-8",
    )
    assert "县财政局交回" not in build(runner, tmp_path / "annual-report.yaml").stderr


def damage(path: Path, part: str = "xl/worksheets/sheet1.xml") -> None:
    """A workbook whose zip is whole but one of whose parts is cut off halfway (a copy broken off)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, data[: len(data) // 2] if info.filename == part else data)


@pytest.mark.parametrize("facts", ["annual-report.yaml", "rectification-notice.yaml"])
def test_a_damaged_sheet_inside_a_workbook_is_refused_at_the_file(runner, tmp_path, facts):
    """Read-only, openpyxl parses a sheet only as its rows are read: the damage shows after opening."""
    desk(tmp_path)
    damage(returned(tmp_path))
    (tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-城关镇.xlsx").write_text("不是表格", "utf-8")
    before = returned(tmp_path).read_bytes()
    result = build(runner, tmp_path / facts)
    assert result.exit_code == 1 and not isinstance(result.exception, SyntaxError), result.exception
    assert f"{LEDGER}:整改台账!A1: 不是能读取的 .xlsx 工作簿（可能已损坏" in result.stderr
    assert "unclosed" not in result.stderr and "zip file" not in result.stderr  # no English
    assert not list(tmp_path.glob("*.docx")) and returned(tmp_path).read_bytes() == before


def test_a_renamed_ledger_is_suggested_but_never_another_units(runner, tmp_path):
    """Every ledger of a round is named 第一轮巡察反馈问题整改台账-…: the unit's part differs."""
    desk(tmp_path)
    folder = tmp_path / "第一轮整改台账"
    (folder / LEDGER).unlink()
    (folder / "第一轮巡察反馈问题整改台账-城关镇.xlsx").unlink()  # 城关镇东街村's is still there
    err = build(runner, tmp_path / "annual-report.yaml").stderr
    assert "找不到县财政局交回的整改台账“第一轮巡察反馈问题整改台账-县财政局.xlsx”\n" in err
    assert "找不到城关镇交回的整改台账“第一轮巡察反馈问题整改台账-城关镇.xlsx”\n" in err
    assert "是改了名吗" not in err
    (folder / "县财政局台账（定稿）.xlsx").write_bytes(b"")
    (folder / "城关镇2026整改台账(1).xlsx").write_bytes(b"")
    err = build(runner, tmp_path / "annual-report.yaml").stderr
    assert "县财政局.xlsx”；文件夹里有“县财政局台账（定稿）.xlsx”，是改了名吗？可在 files: 下写明" in err
    assert "城关镇.xlsx”；文件夹里有“城关镇2026整改台账(1).xlsx”，是改了名吗？" in err
    # 城关镇东街村's ledger renamed too: it is offered to 城关镇东街村, never to 城关镇 (a shorter match).
    (folder / "城关镇2026整改台账(1).xlsx").unlink()
    village = folder / "第一轮巡察反馈问题整改台账-城关镇东街村.xlsx"
    village.rename(folder / "第一轮巡察反馈问题整改台账-城关镇东街村（已填）.xlsx")
    err = build(runner, tmp_path / "annual-report.yaml").stderr
    assert "城关镇东街村.xlsx”；文件夹里有“第一轮巡察反馈问题整改台账-城关镇东街村（已填）.xlsx”" in err
    assert "找不到城关镇交回的整改台账“第一轮巡察反馈问题整改台账-城关镇.xlsx”\n" in err


def test_formulas_merged_cells_and_extra_sheets_read_as_shown(runner, tmp_path):
    """What Excel and WPS users do: a total formula, an extra sheet in front, merged remark cells."""
    desk(tmp_path)
    path = returned(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("统计", 0)["A1"] = "本表由办公室汇总"
    sheet = book["整改台账"]
    top = header_row(sheet)
    sheet.merge_cells(start_row=top + 1, start_column=16, end_row=top + 2, end_column=16)
    sheet.cell(top + 1, 16).value = "两项一并整改"
    book.save(path)
    result = build(runner, tmp_path / "annual-report.yaml")
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------------------------------
# openpyxl is loaded only where a workbook is written or read


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["build", "samples/round-2026-1.yaml", "-o", "{out}"],
        ["check", "tests/data/seed-annual-report.txt", "--org-level", "县"],
    ],
    ids=["help", "build a round", "check a draft"],
)
def test_openpyxl_is_not_loaded_where_no_workbook_is_touched(args, tmp_path):
    code = (
        "import sys\n"
        "from drafter.cli.main import cli\n"
        "try:\n"
        f"    cli.main({[a.replace('{out}', str(tmp_path / 'out')) for a in args]!r}, prog_name='drafter')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('OPENPYXL' if 'openpyxl' in sys.modules else 'CLEAN')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.stdout.strip().endswith("CLEAN"), done.stdout + done.stderr


# ---------------------------------------------------------------------------------------------------
# LibreOffice: the ledger prints as meant, and a ledger it re-saved reads back the same


def soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    import tempfile

    from drafter.preview.libreoffice import require_soffice, run_tool, soffice_args

    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        args = soffice_args(require_soffice(), Path(profile), target, outdir, [source])
        run_tool(args, 120, what="LibreOffice")
    return outdir / f"{source.stem}.{target.split(':')[0]}"


@pytest.mark.render
def test_the_ledger_prints_landscape_with_its_header_on_every_page(runner, tmp_path):
    from .helpers import require_renderer

    require_renderer("pdftotext", "pdfinfo")
    text = ROUND_1.read_text(encoding="utf-8")
    many = "".join(
        f"          - 抽查发现第{i}类支出凭证存在报销手续不全的情况，涉及金额{i * 3}万元\n"
        for i in range(1, 41)
    )
    text = text.replace(
        "          - 2025年一般性支出压减任务未全部完成，有2个部门预算执行中追加办公经费\n",
        "          - 2025年一般性支出压减任务未全部完成，有2个部门预算执行中追加办公经费\n" + many,
    )
    facts = tmp_path / "r.yaml"
    facts.write_text(text, encoding="utf-8")
    assert runner.invoke(cli, ["ledger", str(facts), "--unit", "县财政局"]).exit_code == 0
    pdf = soffice_convert(tmp_path / "r" / LEDGER, "pdf:calc_pdf_Export", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    width, height = (
        float(x) for x in next(x for x in info.splitlines() if x.startswith("Page size:")).split()[2:5:2]
    )
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
    table_pages = []
    for page in range(1, pages + 1):
        words = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if "抽查发现" in words or "序号" in words:
            table_pages.append(words)
    assert len(table_pages) >= 2  # 44 problems do not fit one page
    for words in table_pages:  # the header rows repeat on every page of the table
        assert "序号" in words and "整改措施" in words and "完成情况" in words
    assert "县财政局党组巡察反馈问题整改台账" in table_pages[0]


@pytest.mark.render
def test_a_ledger_re_saved_by_libreoffice_reads_back_the_same(tmp_path):
    from drafter.kinds.feedback import RoundFile  # noqa: F401  (the reader is reached through the kinds)
    from drafter.kinds.ledgers import ledger_spec
    from drafter.pipeline.loading import load_facts
    from drafter.workbook.reading import read_ledger

    from .helpers import require_renderer

    require_renderer()
    desk(tmp_path)
    loaded = load_facts(tmp_path / "round-2026-1.yaml")
    unit = next(u for u in loaded.items() if u["name"] == "县发展和改革局")
    spec = ledger_spec(loaded.values, unit)
    source = tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-县发展和改革局.xlsx"
    today = dt.date(2026, 12, 15)

    def rows(returned):
        return [
            (
                r.number,
                r.problem,
                r.status,
                r.done_on,
                r.type,
                r.deadline,
                r.long_term_deadline,
                r.measures,
                r.leader,
                r.owner,
                r.evidence,
                r.rules,
                r.funds,
                r.persons,
            )
            for r in returned.rows
        ]

    resaved = soffice_convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    ours, theirs = read_ledger(source, spec, today), read_ledger(resaved, spec, today)
    assert rows(theirs) == rows(ours) and len(rows(ours)) == 6
    assert theirs.filled_on == ours.filled_on == dt.date(2026, 8, 6)
    # A figure the unit wrote as a formula: LibreOffice stores the value it shows, which is what is read.
    book = openpyxl.load_workbook(source)
    sheet = book["整改台账"]
    sheet.cell(header_row(sheet) + 2, 13).value = "=1+2"
    book.save(source)
    resaved = soffice_convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo2")
    assert read_ledger(resaved, spec, today).rows[1].rules == 3



def test_cells_are_typed_as_a_clerk_means_them():
    """What Excel, WPS and LibreOffice hand over for one cell, and what each means."""
    from drafter.workbook.cells import choice_of, date_of, number_of, unprintable

    assert date_of(dt.datetime(2026, 7, 5, 0, 0)) == (dt.date(2026, 7, 5), "")
    assert date_of(46208) == (dt.date(2026, 7, 5), "")  # a date cell formatted as a number
    assert date_of("2026年7月5日") == (dt.date(2026, 7, 5), "")
    assert date_of("7月5日")[1] == "应填日期（如 2026-8-10），实际写的是“7月5日”"
    assert date_of("2026-02-30")[1] == "“2026-02-30”不是一个存在的日期"
    assert number_of(3.0, whole=True) == (3, "")
    assert number_of("12.5万元", whole=False)[1] == "只填数字，不带单位：写 12.5，而不是“12.5万元”"
    assert number_of(1.5, whole=True)[1] == "应填整数，实际是 1.5"
    assert number_of("３", whole=True)[1] == "“３”是全角数字：请把输入法切换到半角后重新输入 3"
    wrote = "只填半角数字，不带单位：写 12.5，而不是“１２．５万元”"
    assert number_of("１２．５万元", whole=False)[1] == wrote
    assert number_of("٣", whole=True)[1] == "应填数字，实际写的是“٣”"
    assert number_of(True, whole=True)[1] == "应填数字，实际是“True”"
    assert choice_of(" 已完成 ", ("已完成", "正在推进")) == ("已完成", "")
    assert unprintable("逐户核实\x08并补发").startswith("文字中有一个不可见的控制字符（U+0008）")
    assert unprintable("逐户核实并补发") == ""


def test_a_typed_completed_figure_counts_only_rounds_past_their_period(runner, tmp_path):
    # completed: 161 of 186, typed before the rule; round 2's 66 problems are not due yet.
    second = "    feedback_date: 2026-11-24\n    problems: 66\n"
    facts = typed_rounds(tmp_path, "", second, "  completed: 161\n")
    result = build(runner, facts)
    assert result.exit_code == 1
    assert (
        "已完成整改的问题（161个）不能多于已过集中整改期的轮次反馈的问题（120个）：“completed”只计第一轮"
        in result.stderr
    )
