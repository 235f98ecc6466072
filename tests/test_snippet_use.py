"""Snippets in use: the annual template's stock phrases, {snippet: id} in facts, and build warnings."""

import shutil

import docx
import pytest

import drafter.phrases.library
from drafter.cli.main import cli
from drafter.core.errors import FactsError, RenderError
from drafter.core.locations import BUILTIN_SNIPPETS
from drafter.pipeline.build import build, load_facts, render_model

from .conftest import ANNUAL_TYPED
from .helpers import write

SAMPLE = ANNUAL_TYPED.read_text(encoding="utf-8")
FIRST_FOCUS = (
    "  - 聚焦党中央决策部署和省委、市委、县委工作要求落实，检查推动高质量发展、服务“十五五”开局情况\n"
)


def with_first_focus(item, text=SAMPLE):
    assert FIRST_FOCUS in text
    return text.replace(FIRST_FOCUS, item + FIRST_FOCUS)


def body(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def facts_file(tmp_path, text=SAMPLE, name="2026年度.yaml"):
    return write(tmp_path / name, text)


def line_of(text, needle):
    return text.splitlines().index(needle) + 1


# ------------------------------------------------------------------------------------------------
# The annual template takes its stock phrases from the library


def test_changing_a_built_in_snippet_changes_the_built_report(tmp_path, monkeypatch):
    library = shutil.copytree(BUILTIN_SNIPPETS, tmp_path / "library")
    stance = library / "stance.yaml"
    stance.write_text(
        stance.read_text(encoding="utf-8").replace(
            "text: 坚守政治巡察定位\n", "text: 牢牢把握政治巡察定位\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(drafter.phrases.library, "BUILTIN_SNIPPETS", library)
    text = body(build(ANNUAL_TYPED, tmp_path / "out.docx").path)
    assert "的有力指导下，牢牢把握政治巡察定位，全年开展2轮巡察" in text
    assert "坚守政治巡察定位" not in text


def test_a_unit_folder_rewords_the_report_without_touching_the_template(tmp_path):
    unit = write(
        tmp_path / "本单位片段" / "own.yaml",
        "category: 下一步\nsnippets:\n  - id: next-integrate-supervision\n"
        "    text: 持续推动贯通融合。深化巡纪贯通、巡审联动，{{ committee }}巡察办牵头建立会商机制\n",
    ).parent
    text = body(build(ANNUAL_TYPED, tmp_path / "out.docx", snippets=[unit]).path)
    assert "（二）持续推动贯通融合。深化巡纪贯通、巡审联动，县委巡察办牵头建立会商机制。" in text


def test_the_library_phrases_arrive_in_the_report(sample_docx):
    text = body(sample_docx)
    for phrase in (
        "全面贯彻党的二十大和二十届历次全会精神，深入学习贯彻习近平总书记关于巡视工作的重要论述",
        "在市委的坚强领导和市委巡察工作领导小组的有力指导下",
        "严格遵守保密纪律，严格控制知悉范围",
        "县委巡察办会同县纪委监委、县委组织部与被巡察党组织会商研判",
        "聚焦群众反映强烈的医疗卫生领域问题开展专项巡察",
    ):
        assert phrase in text, phrase


def test_an_unknown_snippet_in_a_template_names_the_template_line_and_the_closest_id(tmp_path):
    folder = tmp_path / "tpl" / "mini"
    write(folder / "template.yaml", "title: 小模板\ndocument: document.jinja\n")
    write(folder / "schema.yaml", "fields:\n  org: {type: text, label: 党委}\n")
    write(folder / "document.jinja", "@title 标题\n\n{{ snippet('stance-hold-political') }}。\n")
    facts = write(tmp_path / "f.yaml", "template: mini\norg: 中共清河县委\n")
    with pytest.raises(RenderError) as caught:
        render_model(load_facts(facts, tmp_path / "tpl"))
    message = str(caught.value)
    assert message.endswith(
        "mini/document.jinja:3: 没有编号为“stance-hold-political”的片段，"
        "是否想写“stance-hold-political-inspection”？"
    )


def test_a_snippet_variable_nobody_provides_is_an_error_naming_the_snippet(tmp_path):
    folder = tmp_path / "tpl" / "mini"
    write(folder / "template.yaml", "title: 小模板\ndocument: document.jinja\n")
    write(folder / "schema.yaml", "fields:\n  org: {type: text, label: 党委}\n")
    write(folder / "document.jinja", "@title 标题\n\n{{ snippet('focus-special-themes') }}。\n")
    facts = write(tmp_path / "f.yaml", "template: mini\norg: 中共清河县委\n")
    with pytest.raises(RenderError) as caught:
        render_model(load_facts(facts, tmp_path / "tpl"))
    message = str(caught.value)
    assert "mini/document.jinja:3: 片段“focus-special-themes”（" in message
    assert "snippets/focus.yaml:" in message
    assert message.endswith("用到的变量“themes”没有提供")


def test_snippet_text_runs_in_the_sandbox(tmp_path):
    unit = write(
        tmp_path / "unit" / "x.yaml",
        "category: 过渡语\nsnippets:\n  - id: trans-report-close\n    text: \"{{ ''.__class__.__mro__ }}\"\n",
    ).parent
    with pytest.raises(RenderError, match="不允许"):
        build(ANNUAL_TYPED, tmp_path / "out.docx", snippets=[unit])


# ------------------------------------------------------------------------------------------------
# {snippet: id} in facts files

NEXT_STEPS = """
next_steps:
  - {snippet: next-deepen-political}
  - snippet: next-consolidate-rectification
  - 持续加强队伍建设。举办专题培训
"""


def test_facts_items_may_be_snippets(tmp_path):
    text = with_first_focus("  - {snippet: focus-village-2}\n") + NEXT_STEPS
    text = text.replace(
        "  - 巡察与其他监督贯通协调的机制还需完善，信息共享还不够及时\n",
        "  - snippet: focus-special-themes\n    vars: {themes: 医疗、教育等}\n"
        "  - {snippet: rect-joint-consultation}\n",
    )
    out = body(build(facts_file(tmp_path, text), tmp_path / "out.docx").path)
    assert "巡察中，一是聚焦群众身边不正之风和腐败问题；二是聚焦党中央决策部署" in out
    assert "（一）持续深化政治巡察。统筹安排常规巡察、专项巡察、提级巡察" in out
    assert "（二）持续巩固整改质效。压紧压实整改主体责任和监督责任" in out
    assert "（三）持续加强队伍建设。举办专题培训" in out
    assert "聚焦群众反映强烈的医疗、教育等领域问题开展专项巡察" in out
    assert "县委巡察办会同县纪委监委、县委组织部与被巡察党组织会商研判" in out


def test_an_unknown_snippet_in_facts_is_one_error_at_its_place_with_a_suggestion(tmp_path):
    text = SAMPLE + "\nnext_steps:\n  - {snippet: next-deepen-politics}\n"
    path = facts_file(tmp_path, text)
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    line = line_of(text, "  - {snippet: next-deepen-politics}")
    assert str(caught.value) == (
        f"2026年度.yaml:{line}:15: 没有编号为“next-deepen-politics”的片段，是否想写“next-deepen-political”？"
    )


def test_a_facts_snippet_missing_its_variable_says_which(tmp_path):
    text = SAMPLE + "\nnext_steps:\n  - {snippet: focus-special-themes}\n"
    with pytest.raises(FactsError) as caught:
        load_facts(facts_file(tmp_path, text))
    message = str(caught.value)
    line = line_of(text, "  - {snippet: focus-special-themes}")
    assert message.startswith(f"2026年度.yaml:{line}:5: 片段“focus-special-themes”（")
    assert message.endswith("用到的变量“themes”没有提供；可在 vars: 里给出")


def test_unit_folders_listed_in_drafter_yaml_beside_the_facts_are_used(tmp_path):
    write(tmp_path / "drafter.yaml", "snippets:\n  - 本单位片段\n")
    write(
        tmp_path / "本单位片段" / "own.yaml",
        "category: 下一步\nsnippets:\n  - id: next-own\n    text: 持续推进巡察信息化建设。建成巡察数据平台\n",
    )
    text = SAMPLE + "\nnext_steps:\n  - {snippet: next-own}\n"
    out = body(build(facts_file(tmp_path, text), tmp_path / "out.docx").path)
    assert "（一）持续推进巡察信息化建设。建成巡察数据平台。\n" in out


# ------------------------------------------------------------------------------------------------
# Currency warnings at build time

OLD = """\
category: 指导思想开头
snippets:
  - id: old-campaign
    text: 深入开展党纪学习教育
    valid_from: 2024-04-01
    valid_to: 2025-12-31
"""


def test_a_snippet_out_of_date_warns_on_stderr_and_still_builds(runner, tmp_path):
    unit = write(tmp_path / "unit" / "old.yaml", OLD).parent
    text = with_first_focus("  - {snippet: old-campaign}\n")
    facts = facts_file(tmp_path, text)
    result = runner.invoke(cli, ["build", str(facts), "--snippets", str(unit)])
    assert result.exit_code == 0, result.output
    line = line_of(text, "  - {snippet: old-campaign}")
    assert result.stderr.splitlines() == [
        (
            f"2026年度.yaml:{line}:5: 提醒：片段“old-campaign”的有效期到2025年12月31日为止，"
            "本文成文日期是2026年12月25日，表述可能已经过时，请核对或改用现行表述"
        )
    ]
    assert "已生成" in result.stdout
    assert "一是深入开展党纪学习教育；" in body(tmp_path / "2026年度.docx")


def test_a_template_snippet_out_of_date_warns_at_its_definition(runner, tmp_path):
    unit = write(
        tmp_path / "unit" / "old.yaml",
        "category: 过渡语\nsnippets:\n"
        "  - id: trans-report-close\n    text: 特此报告。\n    valid_to: 2025-12-31\n",
    ).parent
    result = runner.invoke(
        cli, ["build", str(ANNUAL_TYPED), "-o", str(tmp_path / "o.docx"), "--snippets", str(unit)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        (
            f"{unit / 'old.yaml'}:3:5: 提醒：片段“trans-report-close”的有效期到2025年12月31日为止，"
            "本文成文日期是2026年12月25日，表述可能已经过时，请核对或改用现行表述"
        )
    ]


def test_the_sample_builds_without_warnings(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(ANNUAL_TYPED), "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_a_city_level_snippet_in_a_county_report_warns(runner, tmp_path):
    facts = facts_file(tmp_path, SAMPLE + "\nnext_steps:\n  - {snippet: next-guide-counties}\n")
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 0
    warning = "提醒：片段“next-guide-counties”是为市级（市、州、盟、地区）文件写的，本文是县级文件"
    assert warning in result.stderr



def test_a_broken_phrase_folder_is_reported_with_the_files_other_problems(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    facts = write(tmp_path / "f.yaml", text.replace("template: annual-report", "template: annual-reprot"))
    write(tmp_path / "drafter.yaml", "format:\n  font: 仿宋\n")
    result = runner.invoke(cli, ["build", str(facts), "--snippets", str(tmp_path / "没有这个文件夹")])
    assert result.exit_code == 1
    assert "片段文件夹不存在" in result.stderr
    assert "是否想写“annual-report”" in result.stderr  # the template name, in the same run
    assert "未知的键“font”" in result.stderr  # and drafter.yaml's mistake
