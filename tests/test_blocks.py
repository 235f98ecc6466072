"""The markup templates write, and automatic heading numbers."""

import pytest

from drafter.core.errors import TemplateError
from drafter.render.markup import Heading, Paragraph, parse_markup


def labels(model):
    return [(b.label, b.text) for b in model.blocks if isinstance(b, Heading)]


def test_headings_are_numbered_per_level_and_restart_under_their_parent():
    model = parse_markup(
        "@title 报告\n# 甲\n## 甲一\n### 细目\n#### 小项\n#### 小项二\n## 甲二\n# 乙\n## 乙一\n### 细目\n"
    )
    assert labels(model) == [
        ("一、", "甲"),
        ("（一）", "甲一"),
        ("1.", "细目"),
        ("（1）", "小项"),
        ("（2）", "小项二"),
        ("（二）", "甲二"),
        ("二、", "乙"),
        ("（一）", "乙一"),
        ("1.", "细目"),
    ]


def test_leaving_out_a_section_renumbers_the_rest():
    with_all = parse_markup("@title 报告\n# 主要工作\n# 存在的问题和不足\n# 下一步工作打算\n")
    without = parse_markup("@title 报告\n# 主要工作\n# 下一步工作打算\n")
    assert labels(with_all)[2] == ("三、", "下一步工作打算")
    assert labels(without)[1] == ("二、", "下一步工作打算")


def test_eleven_sections_are_numbered_in_chinese():
    model = parse_markup("@title 报告\n" + "".join(f"# 第{i}节\n" for i in range(11)))
    assert labels(model)[-1][0] == "十一、"


def test_a_heading_whose_text_goes_on_after_its_first_full_stop_is_run_in():
    model = parse_markup(
        "@title 报告\n# 提高政治站位，强化组织领导。县委高度重视巡察工作。全年召开5次会议。\n"
    )
    heading = model.blocks[0]
    assert heading.run_in
    assert heading.text == "提高政治站位，强化组织领导。"
    assert heading.body == "县委高度重视巡察工作。全年召开5次会议。"
    assert not parse_markup("@title 报告\n# 主要工作开展情况\n").blocks[0].run_in


def test_paragraphs_are_separated_by_blank_lines_and_wrapped_lines_join():
    model = parse_markup("@title 报告\n\n第一段前半，\n第一段后半。\n\n第二段 with\nLatin words。\n")
    assert model.blocks == (Paragraph("第一段前半，第一段后半。"), Paragraph("第二段 with Latin words。"))


def test_directives_fill_the_document_parts():
    model = parse_markup(
        "@title 中共清河县委关于2026年度巡察工作情况的报告\n@to 中共临江市委\n正文。\n"
        "@attachment 巡察工作统计表\n@signature 中共清河县委\n@date 2026年12月25日\n"
    )
    assert model.title == "中共清河县委关于2026年度巡察工作情况的报告"
    assert model.addressee == "中共临江市委："
    assert model.attachments == ("巡察工作统计表",)
    assert (model.signature, model.date) == ("中共清河县委", "2026年12月25日")


def test_escaped_markers_are_literal_text():
    model = parse_markup("@title 报告\n\\# 不是标题\n\n\\@to 也不是指令\n")
    assert model.blocks == (Paragraph("# 不是标题"), Paragraph("@to 也不是指令"))


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("# 标题\n", "没有“@title”"),
        ("@title 甲\n@title 乙\n", "第2行：“@title”只能出现一次"),
        ("@title 甲\n@footnote 乙\n", "第2行：未知的指令“@footnote”"),
        ("@title 甲\n# 一、主要工作\n", "第2行：标题不要自己写序号"),
        ("@title 甲\n##### 太深\n", "第2行：标题标记后要有空格，且最多四级"),
        ("@title 甲\n@to\n", "第2行：“@to”后面没有内容"),
    ],
)
def test_markup_mistakes_name_the_line(markup, message):
    with pytest.raises(TemplateError, match=message):
        parse_markup(markup, source="templates/x/document.jinja")


def test_a_heading_that_starts_with_a_decimal_number_is_not_taken_for_a_label():
    model = parse_markup("@title 报告\n## 1.5亿元专项资金使用情况\n")
    assert labels(model) == [("（一）", "1.5亿元专项资金使用情况")]
