"""Issue 8, nothing lost on the way: what the facts say reaches the document character for character,
and what a template never uses is reported instead of silently dropped."""

from __future__ import annotations

import docx

from drafter.cli import cli

from .conftest import ANNUAL_TYPED, SAMPLES
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
