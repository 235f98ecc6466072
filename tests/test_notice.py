"""The rectification notice: the public 整改进展情况通报 and the internal 整改情况报告 from one facts
file, the round file and the unit's returned ledger."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx

from drafter.cli.main import cli

from .conftest import SAMPLES
from .helpers import copy_round
from .ledger_fill import fill

NOTICE = SAMPLES / "rectification-notice.yaml"
LEDGER = "第一轮巡察反馈问题整改台账-县财政局.xlsx"


def desk(tmp_path: Path) -> Path:
    copy_round(SAMPLES / "round-2026-1.yaml", tmp_path)
    return Path(shutil.copy(NOTICE, tmp_path / NOTICE.name))


def edited(tmp_path: Path, old: str, new: str) -> Path:
    facts = desk(tmp_path)
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new), encoding="utf-8")
    return facts


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def built(runner, facts: Path) -> list[str]:
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 0, result.output
    return paragraphs(facts.with_suffix(".docx"))


def test_the_public_notice_says_what_the_ledger_says(runner, tmp_path):
    texts = built(runner, desk(tmp_path))
    text = "\n".join(texts)
    assert texts[0] == "中共清河县财政局党组\n关于巡察整改进展情况的通报"
    assert texts[2].startswith(
        "根据县委统一部署，2026年3月10日至5月15日，县委第二巡察组对县财政局党组开展了常规巡察，"
        "并于2026年6月12日反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将巡察整改进展情况予以公布。"
    )
    assert (
        "截至2026年8月15日，巡察反馈的4个问题中，已完成整改4个，整改完成率100%；推动建章立制3项，问责处理2人（均为诫勉）"
        in text
    )
    # Grouped by category in the feedback's order, then by finding, with the unit's measures and dates.
    assert "（二）关于落实全面从严治党战略部署方面的问题" in texts
    finding = next(t for t in texts if t.startswith("1.关于“财政资金监管存在薄弱环节”问题的整改。"))
    assert "针对“惠农补贴资金‘一卡通’发放抽查发现" in finding
    assert (
        "对14户补贴资金逐户核实并补发到位，与银行建立发放进度月报制度，已于2026年7月10日整改到位" in finding
    )
    assert (
        "联系电话：0000-1234567；邮政信箱：清河县人民路1号县财政局办公室；电子邮箱：qhczj@example.com。"
        in text
    )
    assert "原因" not in text and "签字" not in text
    # Everything was finished: no line about unfinished items.
    assert "正在推进" not in text
    assert texts[-2:] == ["中共清河县财政局党组", "2026年8月20日"]


def internal_report(tmp_path: Path, accountability: str) -> Path:
    """The sample notice made the internal report of 县发展和改革局, its 问责处理 typed as given."""
    facts = desk(tmp_path)
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("internal: false", "internal: true ")
        .replace("unit: 县财政局 ", "unit: 县发展和改革局")
        .replace("  admonished: 2 ", accountability)
        .replace("party_org_name: 中共清河县财政局党组", "party_org_name: 中共清河县发展和改革局党组"),
        encoding="utf-8",
    )
    return facts


def test_the_internal_report_adds_causes_unfinished_items_and_the_signature(runner, tmp_path):
    texts = built(runner, internal_report(tmp_path, "  admonished: 0 "))
    text = "\n".join(texts)
    assert texts[0] == "中共清河县发展和改革局党组\n关于巡察集中整改进展情况的报告"
    assert texts[2] == "县委巡察办："
    assert "二、深入剖析问题原因" in texts
    assert "巡察反馈的6个问题中，已完成整改4个，整改完成率66.67%，正在推进1个，需长期坚持1个" in text
    assert "四、尚未完成的整改事项" in texts
    assert any(
        t.startswith("（一）推动县域经济高质量发展谋划不够深入。") and "将于2026年12月31日前完成" in t
        for t in texts
    )
    assert "党组书记（签字）：吴刚" in texts
    assert "联系电话" not in text


def test_a_single_unfinished_item_is_not_numbered_and_mixed_handling_is_listed(runner, tmp_path):
    """“（一）” with no “（二）” is what drafter check reports (L11); （其中…） only where kinds differ."""
    facts = internal_report(tmp_path, "  admonished: 1 \n  educated: 1")
    ledger = tmp_path / "第一轮整改台账" / "第一轮巡察反馈问题整改台账-县发展和改革局.xlsx"
    fill(ledger, {1: {"status": "已完成", "done_on": dt.date(2026, 8, 1)}, 6: {"persons": 2}})
    texts = built(runner, facts)
    unfinished = texts[texts.index("四、尚未完成的整改事项") + 1]
    assert unfinished.startswith("干部队伍建设统筹谋划不够"), unfinished
    assert "问责处理2人（其中诫勉1人、批评教育、提醒谈话1人）" in "".join(texts)
    checked = runner.invoke(cli, ["check", str(facts.with_suffix(".docx"))])
    assert checked.exit_code == 0 and "L11" not in checked.output, checked.output


def test_what_the_notice_types_must_agree_with_the_ledger(runner, tmp_path):
    facts = edited(tmp_path, "  admonished: 2 ", "  admonished: 3 ")
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert (
        "rectification-notice.yaml:24:1: 问责处理的人数合计 3 人，"
        "但第一轮巡察反馈问题整改台账-县财政局.xlsx的“问责处理（人）”列合计 2 人；"
        "请改正其中之一" in result.stderr
    )
    assert not facts.with_suffix(".docx").exists()


def test_a_notice_dated_before_its_feedback_or_counting_past_its_date_is_refused(runner, tmp_path):
    facts = edited(tmp_path, "date: 2026-08-20", "date: 2026-06-01")
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert "成文日期（2026年6月1日）早于巡察反馈的日期（2026年6月12日）" in result.stderr
    assert "整改数字截至日期（2026年8月15日）晚于成文日期（2026年6月1日）" in result.stderr
    assert not facts.with_suffix(".docx").exists()


def test_a_problem_without_measures_is_named_at_its_cell(runner, tmp_path):
    facts = desk(tmp_path)
    fill(tmp_path / "第一轮整改台账" / LEDGER, {2: {"measures": None}})
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert f"{LEDGER}:整改台账!E8: 第2个问题的“整改措施”没有填写" in result.stderr


def test_a_public_notice_needs_its_contacts_and_a_unit_of_the_round(runner, tmp_path):
    facts = edited(tmp_path, "unit: 县财政局 ", "unit: 县财政  ")
    text = facts.read_text(encoding="utf-8")
    start, end = text.index("contacts:"), text.index("causes:")
    facts.write_text(text[:start] + text[end:], encoding="utf-8")
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert "round-2026-1.yaml 里没有名为“县财政”的单位，是否想写“县财政局”？" in result.stderr
    assert "向社会公开的通报要写 contacts（联系电话、邮政信箱、电子邮箱）" in result.stderr


def test_a_notice_names_its_ledger_when_the_round_does_not(runner, tmp_path):
    facts = desk(tmp_path)
    round_file = tmp_path / "round-2026-1.yaml"
    round_file.write_text(
        "".join(
            line
            for line in round_file.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith(("ledgers:", "  folder:"))
        ),
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert "要写本单位交回的整改台账（ledger: 文件名）" in result.stderr
    text = facts.read_text(encoding="utf-8").replace(
        "internal: false", f"ledger: 第一轮整改台账/{LEDGER}\ninternal: false"
    )
    facts.write_text(text, encoding="utf-8")
    assert built(runner, facts)


def test_the_skeleton_of_a_notice_has_its_fields(runner, tmp_path):
    result = runner.invoke(cli, ["new", "rectification-notice", "-o", str(tmp_path / "n.yaml")])
    assert result.exit_code == 0, result.output
    skeleton = (tmp_path / "n.yaml").read_text(encoding="utf-8")
    for key in ("round_file:", "unit:", "internal:", "contacts:", "causes:", "leader:"):
        assert key in skeleton
    assert "template: rectification-notice" in skeleton


def test_check_reads_a_notice_clean(runner):
    result = runner.invoke(cli, ["check", str(NOTICE)])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output


def test_a_problem_finished_after_as_of_is_still_ongoing_in_the_notice(runner, tmp_path):
    facts = edited(tmp_path, "as_of: 2026-08-15", "as_of: 2026-08-01")
    text = "\n".join(built(runner, facts))
    # Row 3 (政府采购) was finished on 8 August: on 1 August it was still being put right.
    assert "巡察反馈的4个问题中，已完成整改3个，整改完成率75%，正在推进1个" in text
    assert "已于2026年8月8日整改到位" not in text
    assert "化整为零规避公开招标的情况”的问题，对3个项目开展专项核查" in text
