"""Issue 8, nothing lost on the way: what the facts say reaches the document character for character,
and what a template never uses is reported instead of silently dropped."""

from __future__ import annotations

import shutil

import docx
import pytest

from drafter.cli.main import cli

from .conftest import ANNUAL_TYPED, ROOT, SAMPLES
from .helpers import write

SPECIAL = "A&B<县>“引”\"号\"'单'&amp;&lt;"


def body_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_xml_special_characters_survive_in_a_round_document(runner, tmp_path):
    text = (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8")
    unit = f"县{SPECIAL}局"
    finding = f"落实过紧日子要求{SPECIAL}不够严格"
    # (not at the end: templates strip a detail's closing punctuation, and "&lt;" ends in ";")
    detail = f"抽查 <w:t>&nbsp; 5 > 3 & 2 < 4 的“记录”{SPECIAL}等"
    text = (
        text.replace("  - name: 县财政局", f"  - name: '{unit}'")
        .replace("        finding: 落实过紧日子要求不够严格", f"        finding: '{finding}'")
        .replace(
            "          - 2025年一般性支出压减任务未全部完成，有2个部门预算执行中追加办公经费",
            f"          - '{detail}'",
        )
    )
    facts = write(tmp_path / "r.yaml", text.replace("'单'", "''单''"))
    result = runner.invoke(cli, ["build", str(facts), "--unit", unit], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (document,) = (tmp_path / "r").glob("*.docx")
    content = body_text(document)
    assert finding in content and detail in content
    assert unit in content.replace("\n", "")  # the title may break a long name over two lines


def test_xml_special_characters_survive_in_the_annual_report(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    shortcoming = f"巡察与其他监督{SPECIAL}贯通协调"
    text = text.replace(
        "  - 巡察与其他监督贯通协调的机制还需完善，信息共享还不够及时",
        f"  - '{shortcoming}'".replace("'单'", "''单''"),
    )
    facts = write(tmp_path / "年度.yaml", text)
    result = runner.invoke(cli, ["build", str(facts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert shortcoming in body_text(tmp_path / "年度.docx")


def cut_template(tmp_path, name: str, start: str, end: str):
    """A copy of the built-in templates with one template's Jinja lines from ``start`` to ``end`` removed."""
    templates = tmp_path / "模板"
    shutil.copytree(ROOT / "templates", templates)
    body = templates / name / "document.jinja"
    text = body.read_text(encoding="utf-8")
    body.write_text(text[: text.index(start)] + text[text.index(end) :], encoding="utf-8")
    return templates


def test_facts_the_template_never_uses_are_reported_and_still_built(runner, tmp_path):
    templates = cut_template(tmp_path, "annual-report", "{% if team is defined %}", "# 下一步工作打算")
    facts = write(tmp_path / "年度.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    lines = facts.read_text(encoding="utf-8").splitlines()
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(templates)], catch_exceptions=False)
    assert result.exit_code == 0 and (tmp_path / "年度.docx").is_file()
    team, shortcomings = lines.index("team:") + 1, lines.index("shortcomings:") + 1
    assert (
        f"年度.yaml:{team}:1: 提醒：填写了“巡察队伍建设”（team），但模板“annual-report”没有用到它"
        in result.stderr
    )
    assert f"年度.yaml:{shortcomings}:1: 提醒：填写了“存在的问题和不足”（shortcomings）" in result.stderr
    assert result.stderr.count("提醒：填写了") == 2


def test_a_unit_field_no_template_line_prints_is_reported_once(runner, tmp_path):
    templates = cut_template(tmp_path, "feedback", "# 意见建议", "# 整改要求")
    facts = write(tmp_path / "r.yaml", (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8"))
    first = facts.read_text(encoding="utf-8").splitlines().index("    suggestions:") + 1
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(templates)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (
        f"r.yaml:{first}:5: 提醒：填写了“" in result.stderr
        and "（units.suggestions）（共 4 处）" in result.stderr
    )


@pytest.mark.parametrize("sample", ["annual-report.yaml", "round-2026-1.yaml", "round-2026-2.yaml"])
def test_the_samples_use_every_fact_they_give(runner, tmp_path, sample):
    result = runner.invoke(
        cli, ["build", str(SAMPLES / sample), "-o", f"{tmp_path}/"], catch_exceptions=False
    )
    assert result.exit_code == 0 and "提醒：填写了" not in result.stderr
