"""The command line as a user meets it: exit codes, Chinese messages, nothing overwritten by surprise."""

import itertools

import docx
from ruamel.yaml import YAML

from drafter.cli.main import cli
from drafter.core.locations import templates_root
from drafter.facts.templates import find_template

from .conftest import ANNUAL_TYPED
from .helpers import write


def test_build_writes_the_docx_beside_the_facts_by_default(runner, tmp_path):
    facts = write(tmp_path / "2026年度.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    result = runner.invoke(cli, ["build", str(facts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2026年度.docx").is_file()
    assert "已生成" in result.output


def test_an_existing_output_is_kept_unless_forced(runner, tmp_path):
    out = tmp_path / "报告.docx"
    out.write_bytes(b"a person's edited draft")
    result = runner.invoke(cli, ["build", str(ANNUAL_TYPED), "-o", str(out)])
    assert result.exit_code == 1
    assert "文件已存在" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"a person's edited draft"
    result = runner.invoke(cli, ["build", str(ANNUAL_TYPED), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert docx.Document(str(out)).paragraphs
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".drafter-")]  # no temporary left


def test_bad_facts_exit_1_with_every_problem_and_write_nothing(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    text = text.replace("standing_committee_meetings: 5", "standing_committee_meetings: 五")
    text = text.replace("regular_method:", "regular_metod:")
    text = text.replace("  leading_group_meetings: 9 ", "  # leading_group_meetings: 9 ")
    facts = write(tmp_path / "2026年度.yaml", text)
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith("2026年度.yaml:15:1: 缺少必填项“leading_group_meetings”")
    assert lines[1].startswith("2026年度.yaml:16:32: “常委会会议专题研究巡察工作次数”应为非负整数")
    assert lines[2].startswith("2026年度.yaml:65:1: 未知的键“regular_metod”，是否想写“regular_method”？")
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [facts]


def test_a_missing_facts_file_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "无.yaml")])
    assert result.exit_code == 1
    assert result.stderr.strip() == "无.yaml: 文件不存在"


def test_usage_errors_exit_2_with_a_chinese_explanation(runner):
    missing = runner.invoke(cli, ["build"])
    assert missing.exit_code == 2
    assert "错误：缺少参数 事实文件" in missing.stderr
    typo = runner.invoke(cli, ["buld", "x.yaml"])
    assert typo.exit_code == 2
    assert "错误：没有命令“buld”，是否想写“build”？" in typo.stderr
    option = runner.invoke(cli, ["build", "x.yaml", "--forc"])
    assert option.exit_code == 2
    assert "错误：没有选项 --forc，是否想写“--force”？" in option.stderr


def test_new_writes_a_commented_skeleton_that_builds_once_filled(runner, tmp_path):
    skeleton = tmp_path / "2026年度.yaml"
    result = runner.invoke(cli, ["new", "annual-report", "-o", str(skeleton)], catch_exceptions=False)
    assert result.exit_code == 0
    text = skeleton.read_text(encoding="utf-8")
    assert "template: annual-report" in text
    lines = text.splitlines()
    for above, line in itertools.pairwise(lines):
        if line.strip().endswith(":"):
            assert above.strip().startswith(("#", "- #")), f"no Chinese comment above {line}"

    unfilled = runner.invoke(cli, ["build", str(skeleton)])
    assert unfilled.exit_code == 1 and "没有填写" in unfilled.stderr

    yaml = YAML()
    data = yaml.load(text)
    fill_with_examples(data, find_template("annual-report", templates_root()).schema.root)
    del data["round_files"]  # this user types the rounds by hand instead of listing round files
    # …and inspects no village alongside a township (the example village is not among the example units)
    del data["rounds"][0]["inspections"][0]["villages"]
    with skeleton.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    filled = runner.invoke(cli, ["build", str(skeleton)], catch_exceptions=False)
    assert filled.exit_code == 0, filled.stderr
    body = [p.text for p in docx.Document(str(skeleton.with_suffix(".docx"))).paragraphs]
    assert body[0] == "中共清河县委\n关于2026年度巡察工作情况的报告"


def fill_with_examples(node, field):
    """Fill every empty place of a skeleton with the schema's example, the way a user fills it in."""
    for sub in field.fields:
        if sub.name not in node:
            continue
        if sub.type == "map":
            fill_with_examples(node[sub.name], sub)
            if not node[sub.name]:
                del node[sub.name]  # a section whose fields were all optional and empty
        elif sub.type == "list":
            items = node[sub.name]
            for i, item in enumerate(items):
                if sub.item.type == "map":
                    fill_with_examples(item, sub.item)
                elif item is None:
                    items[i] = sub.item.example
        elif node[sub.name] is None:
            if sub.example is None:
                del node[sub.name]  # optional fields without an example are left out
            else:
                node[sub.name] = sub.example


def test_new_does_not_overwrite_and_knows_the_templates(runner, tmp_path):
    target = write(tmp_path / "x.yaml", "mine")
    assert runner.invoke(cli, ["new", "annual-report", "-o", str(target)]).exit_code == 1
    assert target.read_text(encoding="utf-8") == "mine"
    result = runner.invoke(cli, ["new", "annual-reprot", "-o", str(tmp_path / "y.yaml")])
    assert result.exit_code == 1
    assert "是否想写“annual-report”" in result.stderr


def test_templates_list_and_show(runner):
    listed = runner.invoke(cli, ["templates", "list"], catch_exceptions=False)
    assert listed.exit_code == 0
    assert listed.output.startswith("annual-report\t年度巡察工作情况报告")
    shown = runner.invoke(cli, ["templates", "show", "annual-report"], catch_exceptions=False)
    assert shown.exit_code == 0
    assert "standing_committee_meetings" in shown.output and "常委会会议专题研究巡察工作次数" in shown.output
    assert "regular_units" in shown.output  # derived facts are listed too
    assert runner.invoke(cli, ["templates", "show", "nothing"]).exit_code == 1


def test_templates_can_come_from_another_folder(runner, tmp_path, monkeypatch):
    folder = tmp_path / "tpl" / "note"
    write(folder / "template.yaml", "title: 便签\ndocument: document.jinja\n")
    write(folder / "schema.yaml", "fields:\n  text: {type: text, label: 内容}\n")
    write(folder / "document.jinja", "@title 便签\n\n{{ text }}\n")
    facts = write(tmp_path / "n.yaml", "template: note\ntext: 开会。\n")
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(tmp_path / "tpl"))
    assert runner.invoke(cli, ["build", str(facts)], catch_exceptions=False).exit_code == 0
    assert [p.text for p in docx.Document(str(tmp_path / "n.docx")).paragraphs][2] == "开会。"


def test_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "new", "templates"):
        assert command in result.output


def test_output_into_a_folder_or_a_named_file(runner, tmp_path):
    facts = write(tmp_path / "2026年度.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    folder = tmp_path / "报告"
    result = runner.invoke(cli, ["build", str(facts), "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    assert (folder / "2026年度.docx").is_file()
    folder2 = tmp_path / "已有文件夹"
    folder2.mkdir()
    assert runner.invoke(cli, ["build", str(facts), "-o", str(folder2)]).exit_code == 0
    assert (folder2 / "2026年度.docx").is_file()
    # Any other -o names the file itself, whatever its extension (the command-line contract).
    named = runner.invoke(cli, ["build", str(facts), "-o", str(tmp_path / "报告.out")])
    assert named.exit_code == 0, named.output
    assert docx.Document(str(tmp_path / "报告.out")).paragraphs


def test_new_into_a_folder(runner, tmp_path):
    result = runner.invoke(cli, ["new", "feedback", "-o", f"{tmp_path / '骨架'}/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "骨架" / "feedback.yaml").is_file()
    named = runner.invoke(cli, ["new", "feedback", "-o", str(tmp_path / "骨架.txt")])
    assert named.exit_code == 0 and (tmp_path / "骨架.txt").is_file()


def test_unit_for_a_one_document_file_is_a_usage_error_for_build_and_preview_alike(runner):
    for command in ("build", "preview"):
        result = runner.invoke(cli, [command, str(ANNUAL_TYPED), "--unit", "县财政局"])
        assert result.exit_code == 2, (command, result.output)
        assert "--unit 只用于每一项各生成一份文档的事实文件" in result.stderr
