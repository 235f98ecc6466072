"""The masthead: block — checked with positioned Chinese messages, merged with drafter.yaml, written as XML.

Where the frame lands on the page is measured in test_frame_render.py.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from drafter.cli.main import cli
from drafter.core.errors import FactsError
from drafter.docx.masthead import number_problems
from drafter.pipeline.build import build

from .conftest import SAMPLES
from .helpers import write

MASTHEAD_SAMPLE = SAMPLES / "annual-report-masthead.yaml"


def facts_with(tmp_path, masthead: str, config: str = "") -> str:
    """The masthead sample's facts with another masthead: block (round files from samples/)."""
    text = MASTHEAD_SAMPLE.read_text(encoding="utf-8").replace("round-2026-", str(SAMPLES / "round-2026-"))
    head = text.partition("\nmasthead:")[0]
    if config:
        write(tmp_path / "drafter.yaml", config)
    return head + "\n" + masthead


def document_xml(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("清发[2026]5号", "六角括号"),
        ("清发（2026）5号", "六角括号"),
        ("清发【2026】5号", "六角括号"),
        ("清发〔2026〕05号", "不编虚位"),
        ("清发〔2026〕第5号", "不加“第”"),
        ("清发〔26〕5号", "四位"),
        ("清发〔2026〕5", "以“号”结尾"),
        ("清发2026年5号", "六角括号"),
    ],
)
def test_a_wrong_document_number_is_named_with_what_to_write(number, says):
    problems = number_problems(number)
    assert problems and any(says in p for p in problems), problems


@pytest.mark.parametrize("number", ["清发〔2026〕5号", "清纪发〔2026〕123号", "临市巡办发〔2025〕10号"])
def test_a_right_document_number_passes(number):
    assert number_problems(number) == []


def test_every_masthead_problem_is_reported_at_once_with_its_place_and_nothing_is_written(tmp_path, runner):
    facts = write(
        tmp_path / "报告.yaml",
        facts_with(
            tmp_path,
            "masthead:\n"
            "  issuer: 中共清河县委\n"
            "  number: 清发〔2026〕第05号\n"
            "  secrecy: 机密★一年\n"
            "  copy_number: A12\n"
            "  printed_on: 2026-12-26\n",
        ),
    )
    lines = facts.read_text(encoding="utf-8").splitlines()
    row = {
        key: next(i for i, line in enumerate(lines, 1) if line.startswith(f"  {key}:"))
        for key in ("number", "secrecy", "copy_number", "printed_on")
    }
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    err = result.stderr
    assert f"报告.yaml:{row['number']}:11: 发文字号“清发〔2026〕第05号”：序号前不加“第”" in err
    assert f"报告.yaml:{row['number']}:11: 发文字号“清发〔2026〕第05号”：序号不编虚位" in err
    assert f"报告.yaml:{row['secrecy']}:12: 密级和保密期限“机密★一年”" in err
    assert f"报告.yaml:{row['copy_number']}:16: 份号“A12”" in err
    assert f"报告.yaml:{row['printed_on']}:3: 写了印发日期，还要写印发机关（printed_by）" in err
    assert "Traceback" not in result.output
    assert not facts.with_suffix(".docx").exists()


def test_signers_need_a_document_number(tmp_path):
    facts = write(
        tmp_path / "f.yaml", facts_with(tmp_path, "masthead:\n  issuer: 中共清河县委\n  signers: 王建国\n")
    )
    with pytest.raises(FactsError, match=r"f\.yaml:\d+:3: 签发人与发文字号同行"):
        build(facts, tmp_path / "f.docx")


def test_drafter_yaml_gives_a_countys_fixed_parts_and_the_facts_file_wins_key_by_key(tmp_path):
    config = (
        "masthead:\n  issuer: 中共清河县委\n  printed_by: 中共清河县委办公室\n  printed_on: 2026-01-01\n"
        "  copy_to: [市委巡察办]\n"
    )
    facts = write(
        tmp_path / "f.yaml",
        facts_with(tmp_path, "masthead:\n  number: 清发〔2026〕7号\n  printed_on: 2026-12-30\n", config),
    )
    xml = document_xml(build(facts, tmp_path / "f.docx").path)
    assert "中共清河县委文件" in xml and "清发〔2026〕7号" in xml
    assert "2026年12月30日印发" in xml and "2026年1月1日印发" not in xml
    assert "抄送：市委巡察办。" in xml


def test_a_wrong_masthead_in_drafter_yaml_names_drafter_yaml(tmp_path):
    facts = write(tmp_path / "f.yaml", facts_with(tmp_path, "", "masthead:\n  number: 清发〔2026〕05号\n"))
    with pytest.raises(FactsError, match=r"drafter\.yaml:2:11: 发文字号“清发〔2026〕05号”：序号不编虚位"):
        build(facts, tmp_path / "f.docx")


def test_without_a_masthead_nothing_of_the_frame_is_written(sample_docx):
    xml = document_xml(sample_docx)
    assert not re.search(r"GwMark|GwDocNumber|GwFrameLine|GwImprint|FF0000", xml)


def test_the_mark_is_red_small_biaosong_and_shrinks_to_fit_the_type_area(tmp_path):
    long_name = "中共清河县委巡察工作领导小组办公室"
    facts = write(tmp_path / "f.yaml", facts_with(tmp_path, f"masthead:\n  issuer: {long_name}\n"))
    xml = document_xml(build(facts, tmp_path / "f.docx").path)
    mark = re.search(r'<w:p><w:pPr><w:pStyle w:val="GwMark"/>.*?</w:p>', xml)[0]
    assert 'w:eastAsia="方正小标宋简体"' in mark and '<w:color w:val="FF0000"/>' in mark
    size = int(re.search(r'<w:sz w:val="(\d+)"/>', mark)[1]) / 2
    assert size < 36 and size * len(long_name + "文件") <= 156 / 25.4 * 72  # fits 156 mm
    sample = document_xml(build(MASTHEAD_SAMPLE, tmp_path / "s.docx").path)
    assert '<w:sz w:val="72"/>' in re.search(r"GwMark.*?</w:p>", sample)[0]  # 小初 when it fits


def test_the_separator_is_a_red_border_of_the_number_row_and_the_signer_is_in_kaiti(tmp_path):
    xml = document_xml(build(MASTHEAD_SAMPLE, tmp_path / "s.docx").path)
    row = re.search(r'<w:p><w:pPr><w:pStyle w:val="GwDocNumber"/>.*?</w:p>', xml)[0]
    assert re.search(r'<w:bottom w:val="single" w:sz="8" w:space="\d+" w:color="FF0000"/>', row)
    assert re.search(r'w:eastAsia="楷体_GB2312"[^>]*/></w:rPr><w:t xml:space="preserve">王建国<', row)
    assert "签发人：" in row and "清发〔2026〕31号" in row


def test_the_masthead_sample_and_its_document_check_clean(tmp_path, runner):
    built = build(MASTHEAD_SAMPLE, tmp_path / "s.docx").path
    for target in (MASTHEAD_SAMPLE, built):
        result = runner.invoke(cli, ["check", str(target), "--org-level", "县"])
        assert result.exit_code == 0, result.output
        assert "错误 0 处，警告 0 处" in result.output, result.output


def test_a_heading_needs_only_the_first_line_of_its_paragraph_on_the_same_page():
    """Keep-with-next holds a heading to the first line of what follows, not to the whole paragraph: a
    heading on row 17 with a 6-row paragraph stays, and the paragraph runs over (LibreOffice and Word)."""
    from drafter.docx.pagination import Block, paginate

    body = [Block(17), Block(1, keep_with_next=True), Block(6)]
    assert (paginate(body, 22).page, paginate(body, 22).rows_used) == (2, 2)
    # 署名 and 成文日期 (one row each) still never start a page alone.
    closing = [Block(21), Block(1, keep_with_next=True), Block(1, keep_with_next=True), Block(1)]
    assert (paginate(closing, 22).page, paginate(closing, 22).rows_used) == (2, 3)
