"""Harvesting proposes the report's own phrasing, with numbers as placeholders, and nothing the library
has."""

import re

from drafter.cli.main import cli
from drafter.phrases.harvest import harvest, harvest_yaml, sentences, with_placeholders
from drafter.phrases.library import load_library, read_snippet_file
from drafter.pipeline.build import build

from .conftest import ANNUAL_TYPED
from .helpers import write

LIBRARY = load_library()


def test_sentences_split_on_chinese_punctuation_and_lose_their_labels():
    paragraph = (
        "（一）提高政治站位，强化组织领导。一是加强学习；二是健全机制！完成了吗？现将有关情况报告如下："
    )
    assert sentences(paragraph) == [
        "提高政治站位，强化组织领导",
        "加强学习",
        "健全机制",
        "完成了吗",
        "现将有关情况报告如下",
    ]


def test_numbers_and_dates_become_placeholders_and_repeat_consistently():
    text, values = with_placeholders("截至2026年12月15日，反馈问题186个，已完成161个，其中2026年新增186个")
    assert text == "截至{{ date1 }}，反馈问题{{ n1 }}个，已完成{{ n2 }}个，其中{{ year }}年新增{{ n1 }}个"
    assert values == (("date1", "2026年12月15日"), ("n1", "186"), ("n2", "161"), ("year", "2026"))


def test_harvesting_a_built_report_proposes_only_what_the_library_lacks(tmp_path):
    report = build(ANNUAL_TYPED, tmp_path / "annual-report.docx").path  # the figures of the seed report
    result = harvest(report, LIBRARY)
    texts = [p.text for p in result.proposals]
    assert result.in_library >= 15
    for library_phrase in ("严格控制知悉范围", "坚守政治定位，突出监督重点", "特此报告", "持续深化政治巡察"):
        assert not any(library_phrase in text for text in texts), library_phrase
    assert (
        "全年共发现问题{{ n1 }}个，督促立行立改{{ n2 }}个，"
        "向县纪委监委等移交问题线索{{ n3 }}件、涉及{{ n4 }}人" in "\n".join(texts)
    )
    for text in texts:
        assert not re.search(r"\d", re.sub(r"\{\{.*?\}\}", "", text)), text
    # The file is a valid snippet file as it stands, so a reviewer only edits, never repairs.
    proposals = write(tmp_path / "候选.yaml", harvest_yaml(result))
    loaded = read_snippet_file(proposals)
    assert [s.text for s in loaded] == texts
    assert all(s.id.startswith("harvest-") for s in loaded)
    review = proposals.read_text(encoding="utf-8")
    assert "# 占位符：n1 = 186，n2 = 42，n3 = 11，n4 = 14" in review
    assert "请核对" in review


def test_near_duplicate_sentences_are_proposed_once(tmp_path):
    report = write(
        tmp_path / "去年报告.txt",
        "一是建立巡察信息共享平台，实现数据实时互通。\n二是建立巡察信息共享平台，实现数据实时互通共享。\n"
        "坚守政治巡察定位。\n",
    )
    result = harvest(report, LIBRARY)
    assert [p.text for p in result.proposals] == ["建立巡察信息共享平台，实现数据实时互通"]
    assert (result.in_library, result.repeated) == (1, 1)  # 坚守政治巡察定位 is in the library


def test_the_harvest_command_writes_beside_the_report_and_never_overwrites(runner, sample_docx, tmp_path):
    report = tmp_path / "2026年度报告.docx"
    report.write_bytes(sample_docx.read_bytes())
    result = runner.invoke(cli, ["snippets", "harvest", str(report)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    target = tmp_path / "2026年度报告-候选片段.yaml"
    assert f"已生成：{target}" in result.stdout
    assert read_snippet_file(target)
    target.write_text(target.read_text(encoding="utf-8") + "# 审阅时加的批注\n", encoding="utf-8")
    again = runner.invoke(cli, ["snippets", "harvest", str(report)])
    assert again.exit_code == 1 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8").endswith("# 审阅时加的批注\n")
    forced = runner.invoke(cli, ["snippets", "harvest", str(report), "--force", "-o", str(target)])
    assert forced.exit_code == 0


def test_harvest_refuses_what_it_cannot_read(runner, tmp_path):
    doc = write(tmp_path / "旧稿.doc", "not a docx")
    result = runner.invoke(cli, ["snippets", "harvest", str(doc)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "旧稿.doc: 只能从 .docx 或 .txt 文件提取片段"
    fake = write(tmp_path / "坏.docx", "not a zip")
    result = runner.invoke(cli, ["snippets", "harvest", str(fake)])
    assert result.exit_code == 1
    assert "不是有效的 Word（.docx）文件" in result.stderr
