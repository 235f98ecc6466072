"""`drafter snippets list / search / show` as a user meets them."""

from drafter.cli.main import cli
from drafter.phrases.library import CATEGORIES

from .helpers import write


def rows(output):
    return [line.split("\t") for line in output.strip().splitlines()]


def test_list_shows_at_least_80_snippets_in_every_category(runner):
    result = runner.invoke(cli, ["snippets", "list"], catch_exceptions=False)
    assert result.exit_code == 0
    listed = rows(result.stdout)
    assert len(listed) >= 80
    assert {row[1] for row in listed} == set(CATEGORIES)
    assert all(row[2] == "内置" for row in listed)
    assert result.stderr.strip() == f"共 {len(listed)} 条，{len(CATEGORIES)} 个分类。"


def test_list_filters_by_category_and_tag(runner):
    by_category = rows(runner.invoke(cli, ["snippets", "list", "--category", "下一步"]).stdout)
    assert by_category and {row[1] for row in by_category} == {"下一步"}
    by_tag = rows(runner.invoke(cli, ["snippets", "list", "--tag", "两个维护"]).stdout)
    assert [row[0] for row in by_tag] == ["guiding-two-establishments", "stance-two-safeguards-task"]


def test_an_unknown_category_is_a_usage_error(runner):
    result = runner.invoke(cli, ["snippets", "list", "--category", "政治占位"])
    assert result.exit_code == 2
    assert "--category 没有分类“政治占位”" in result.stderr


def test_list_says_where_each_snippet_comes_from(runner, tmp_path, monkeypatch):
    unit = write(
        tmp_path / "本单位" / "own.yaml",
        "category: 整改\nsnippets:\n  - id: rect-no-fake\n    text: 坚决防止敷衍整改、虚假整改\n"
        "  - id: rect-own\n    text: 本单位的整改表述\n",
    ).parent
    monkeypatch.chdir(tmp_path)
    listed = {
        row[0]: row for row in rows(runner.invoke(cli, ["snippets", "list", "--snippets", "本单位"]).stdout)
    }
    assert listed["rect-no-fake"][2:] == ["本单位，覆盖内置片段", "长期有效", "坚决防止敷衍整改、虚假整改"]
    assert listed["rect-own"][2] == "本单位"
    assert listed["rect-heading"][2] == "内置"
    # The same folder named in drafter.yaml of the working folder.
    write(tmp_path / "drafter.yaml", f"snippets: [{unit.name}]\n")
    listed = {row[0]: row for row in rows(runner.invoke(cli, ["snippets", "list"]).stdout)}
    assert listed["rect-own"][2] == "本单位"


def test_search_lists_the_category_first_with_id_category_and_text(runner):
    result = runner.invoke(cli, ["snippets", "search", "政治站位"], catch_exceptions=False)
    assert result.exit_code == 0
    found = rows(result.stdout)
    assert found[0] == ["stance-raise-position-heading", "政治站位", "提高政治站位，强化组织领导"]
    assert [row[1] for row in found[:12]] == ["政治站位"] * 12


def test_search_without_results_says_so(runner):
    result = runner.invoke(cli, ["snippets", "search", "量子计算机"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.strip() == "没有找到与“量子计算机”相关的片段。"


def test_show_prints_the_text_and_what_it_needs(runner):
    result = runner.invoke(cli, ["snippets", "show", "rect-clue-transfer"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "编号：rect-clue-transfer"
    assert (
        "文字：对巡察中发现的问题线索，已按有关规定移交{{ discipline }}、{{ committee }}组织部等有关方面处理"
        in lines
    )
    assert "变量：committee（本级党委简称，如“县委”）、discipline（本级纪委监委，如“县纪委监委”）" in lines
    assert (
        lines[-1].startswith("位置：")
        and "rectification.yaml:" in lines[-1]
        and lines[-1].endswith("（内置）")
    )


def test_show_an_unknown_id_exits_1_with_a_suggestion(runner):
    result = runner.invoke(cli, ["snippets", "show", "next-lead-in"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "没有编号为“next-lead-in”的片段，是否想写“next-lead”？"


def test_a_broken_unit_file_exits_1_with_its_place(runner, tmp_path):
    unit = write(
        tmp_path / "unit" / "bad.yaml",
        "category: 整改\nsnippets:\n  - id: a\n    text: 甲\n    valid_to: 2026-02-30\n",
    ).parent
    result = runner.invoke(cli, ["snippets", "list", "--snippets", str(unit)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "bad.yaml:5:15: “有效期结束日期”“2026-02-30”不是一个存在的日期"
    assert "Traceback" not in result.output


def test_show_names_the_levels_a_district_or_banner_user_recognises(runner):
    """A phrase for 县-level documents is a district's, a banner's and a county-level city's too."""
    result = runner.invoke(cli, ["snippets", "show", "guiding-xi-thought-plenums"])
    assert result.exit_code == 0
    assert "层级：县级（县、区、县级市、旗）、市级（市、州、盟、地区）" in result.stdout
