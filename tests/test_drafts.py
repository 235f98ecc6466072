"""Reading drafts: paragraph numbers, heading levels from labels, styles and outline levels."""

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from drafter.core.headings import parse_label
from drafter.docx.drafts import model_paragraphs, read_draft
from drafter.pipeline.build import load_facts, render_model

from .conftest import ANNUAL_SAMPLE
from .helpers import write


def test_txt_paragraphs_skip_blank_lines_and_know_their_headings(tmp_path):
    draft = write(
        tmp_path / "d.txt",
        "关于巡察工作的报告\r\n\r\n一、总体情况\n（二）具体做法。正文\n  3.细则\n（4）要点\n正文。\n",
    )
    paragraphs = read_draft(draft)
    assert [(p.number, p.level, p.label) for p in paragraphs] == [
        (1, 0, ""),
        (2, 1, "一、"),
        (3, 2, "（二）"),
        (4, 3, "3."),
        (5, 4, "（4）"),
        (6, 0, ""),
    ]
    assert paragraphs[0].role == "title"
    assert paragraphs[3].text == "3.细则"


def test_a_number_is_not_a_heading_label():
    assert parse_label("1.5亿元资金") == (0, "")
    assert parse_label("1.加强领导") == (3, "1.")


def test_docx_heading_levels_come_from_styles_and_outline_levels(tmp_path):
    document = docx.Document()
    document.add_heading("总体情况", level=1)
    outlined = document.add_paragraph("具体做法")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    outlined._p.get_or_add_pPr().append(outline)
    document.add_paragraph("正文。")
    document.save(str(tmp_path / "d.docx"))
    assert [p.level for p in read_draft(tmp_path / "d.docx")] == [1, 2, 0]


def test_a_facts_files_paragraph_numbers_are_those_of_its_built_document(sample_docx):
    rendered = [p.text for p in model_paragraphs(render_model(load_facts(ANNUAL_SAMPLE)))]
    built = [p.text for p in read_draft(sample_docx)]
    assert built == [t.replace("关于", "\n关于", 1) if i == 0 else t for i, t in enumerate(rendered)]
