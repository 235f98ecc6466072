"""drafter check from the command line: the seed report, drafts in .docx, JSON, exit codes, --fix, rule
files."""

import json
from pathlib import Path

import docx
import pytest

from drafter.cli.main import cli

from .conftest import ANNUAL_TYPED, SAMPLES
from .helpers import write

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed-annual-report.txt"


def run(runner, *args):
    return runner.invoke(cli, ["check", *map(str, args)])


def findings_of(result):
    payload = json.loads(result.stdout)
    return [f for file in payload["files"] for f in file["findings"]]


def test_the_seed_report_fails_with_its_known_mistakes(runner):
    result = run(runner, SEED, "--org-level", "county")
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "seed-annual-report.txt:第2段「一、抬高政治站位，强化组织领导。…」: 错误 L5 “抬高政治站位”" in out
    assert "（建议：改为“提高政治站位”）" in out
    assert (
        "seed-annual-report.txt:第2段「…、研究推动工作，市委常委会先后5次召开会议…」: 错误 L1 “市委常委会”"
        in out
    )
    assert "（建议：改为“县委常委会”）" in out
    assert "seed-annual-report.txt:第3段「…项督查，同步指导各县委同步开展专项巡察…」: 错误 L1 “各县委”" in out
    assert (
        "seed-annual-report.txt:第4段「…，控制秘密区域、扩大知悉范围，切实拧紧巡察整…」: "
        "错误 L5 “扩大知悉范围”" in out
    )
    assert "（建议：改为“严格控制知悉范围”）" in out


def test_the_readme_shows_what_check_prints_for_the_seed(runner, monkeypatch):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    shown = [line for line in readme.splitlines() if line.startswith("seed-annual-report.txt:")]
    monkeypatch.chdir(DATA)
    printed = run(runner, "seed-annual-report.txt", "--org-level", "县").stdout.splitlines()
    assert shown and set(shown) <= set(printed)


def test_the_seed_report_in_json_places_each_finding(runner):
    found = findings_of(run(runner, SEED, "--org-level", "县", "--format", "json"))
    by_rule = {}
    for f in found:
        by_rule.setdefault(f["rule"], []).append((f["paragraph"], f["severity"], f["suggestion"]))
    assert by_rule["xi-general-secretary"] == [
        (1, "error", "改为“习近平总书记”"),
        (3, "error", "改为“习近平总书记”"),
        (3, "error", "改为“习近平总书记”"),
    ]
    assert by_rule["parent-standing-committee"] == [(2, "error", "改为“县委常委会”")]
    assert by_rule["sibling-committees"][0][:2] == (3, "error")
    assert by_rule["raise-political-stand"] == [(2, "error", "改为“提高政治站位”")]
    assert by_rule["expand-knowing-scope"] == [(4, "error", "改为“严格控制知悉范围”")]
    assert by_rule["halfwidth-punctuation"] == [(5, "warning", "改为“，”")]
    # an annual report is not a feedback: no L12 findings
    assert not [f for f in found if f["code"] == "L12"]


def test_json_output_shape(runner):
    """The schema docs/check-rules.md documents (JSON 输出): tools rely on it, so it only grows."""
    result = run(runner, SEED, "--org-level", "县", "--format", "json")
    payload = json.loads(result.stdout)
    assert set(payload) == {"version", "files", "summary"}
    assert payload["version"] == 1
    assert set(payload["summary"]) == {"error", "warning", "info"}
    assert set(payload["files"][0]) == {"path", "kind", "findings"}
    assert payload["files"][0]["kind"] == "txt"
    assert payload["files"][0]["path"].endswith("seed-annual-report.txt")
    first = payload["files"][0]["findings"][0]
    assert set(first) == {
        "code",
        "severity",
        "message",
        "rule",
        "line",
        "col",
        "paragraph",
        "excerpt",
        "suggestion",
    }
    assert first["paragraph"] == 1 and first["col"] == 43 and first["line"] is None
    errors = sum(1 for f in payload["files"][0]["findings"] if f["severity"] == "error")
    assert payload["summary"]["error"] == errors == 8


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_checks_clean(runner, sample):
    result = run(runner, sample, "--format", "json")
    assert result.exit_code == 0, result.output
    assert findings_of(result) == []


def test_the_built_sample_checks_clean_as_a_word_draft(runner, sample_docx):
    """drafter's own output, read back like anyone's .docx: title, addressee, signature and date are
    not sentences, the heading styles give the levels."""
    result = run(runner, sample_docx, "--org-level", "县", "--format", "json")
    assert result.exit_code == 0, result.output
    assert findings_of(result) == []


def test_a_clean_draft_exits_0_and_warnings_exit_3_only_under_strict(runner, tmp_path):
    clean = write(tmp_path / "clean.txt", "县委高度重视巡察工作。\n")
    assert run(runner, clean, "--org-level", "县").exit_code == 0
    warned = write(tmp_path / "warned.txt", "坚决做到两个维护。\n")
    assert run(runner, warned, "--org-level", "县").exit_code == 0
    assert run(runner, warned, "--org-level", "县", "--strict").exit_code == 3


def test_unreadable_input_exits_1_and_the_other_files_are_still_checked(runner, tmp_path):
    good = write(tmp_path / "good.txt", "学习习总书记重要讲话。\n")
    result = run(runner, good, tmp_path / "missing.txt", "--org-level", "县")
    assert result.exit_code == 1
    assert "missing.txt: 文件不存在" in result.stderr
    assert "“习总书记”" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.md", "# x\n", "不支持的文件类型“.md”"),
        ("broken.yaml", "template: annual-report\norg: [\n", "broken.yaml:3:1: YAML 语法错误"),
        ("fake.docx", "not a zip", "fake.docx: 无法打开：不是有效的 Word（.docx）文件"),
    ],
)
def test_unreadable_kinds_exit_1(runner, tmp_path, name, content, message):
    result = run(runner, write(tmp_path / name, content))
    assert result.exit_code == 1
    assert message in result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--org-level", "乡"], "本级层级“乡”应为 县、区、市、旗 之一"),
        (["--org-level", "县", "--parent-level", "村"], "上级层级“村”应为 市、州、盟、地区、省 之一"),
        (["--parent-level", "州"], "写了上级、省级或名称，还要用 --org-level 写明本级层级"),
        (["--org-level", "县", "--province-level", "特区"], "省级层级“特区”应为 省、自治区、直辖市 之一"),
        (["--date", "年底"], "--date 的日期写成 2026-12-25（或 2026年12月25日），而不是“年底”"),
    ],
)
def test_bad_options_are_usage_errors(runner, options, message):
    result = run(runner, SEED, *options)
    assert result.exit_code == 2
    assert f"错误：{message}" in result.stderr
    assert "Invalid" not in result.stderr


def test_facts_that_break_the_schema_are_findings_at_their_line(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    facts = write(
        tmp_path / "f.yaml", text.replace("leading_group_meetings: 9", "leading_group_meetings: 九")
    )
    result = run(runner, facts)
    assert result.exit_code == 3
    line = text.splitlines().index(next(x for x in text.splitlines() if "leading_group_meetings" in x)) + 1
    assert f"f.yaml:{line}:27: 错误 F1 “巡察工作领导小组会议次数”应为非负整数" in result.stdout


def test_a_finding_in_rendered_text_points_at_the_fact_it_came_from(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    wrong = text.replace("检查民生领域政策落实和资金使用情况", "检查习总书记重要指示落实情况")
    facts = write(tmp_path / "f.yaml", wrong)
    found = findings_of(run(runner, facts, "--format", "json"))
    line = wrong.splitlines().index(next(x for x in wrong.splitlines() if "习总书记" in x)) + 1
    assert [(f["rule"], f["line"], f["col"]) for f in found] == [("xi-general-secretary", line, 5)]


def test_a_facts_file_takes_its_organization_from_org(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    wrong = text.replace("检查民生领域政策落实和资金使用情况", "指导各县委开展专项巡察")
    found = findings_of(run(runner, write(tmp_path / "f.yaml", wrong), "--format", "json"))
    assert [f["rule"] for f in found] == ["sibling-committees"]


def make_docx(path: Path) -> Path:
    """A draft written the way a clerk's Word file is: python-docx, no drafter involved."""
    document = docx.Document()
    document.add_paragraph("关于2026年度巡察工作情况的报告")
    document.add_heading("一、总体情况", level=1)
    document.add_paragraph("县委坚持以习近平新时代中国特色社会主义思想为指导，深入学习习总书记重要论述。")
    document.add_paragraph("")
    document.add_heading("提高政治站位", level=2)
    body = document.add_paragraph("市委常委会先后5次召开会议")
    body.add_run("，研究巡察工作。")
    document.add_heading("三、下一步打算", level=1)
    document.add_paragraph("2026年12月25日")
    document.save(str(path))
    return path


def test_a_word_draft_is_read_with_paragraph_numbers_and_headings(runner, tmp_path):
    draft = make_docx(tmp_path / "初稿.docx")
    result = run(runner, draft, "--org-level", "县", "--format", "json")
    assert result.exit_code == 3
    found = {(f["rule"], f["paragraph"]) for f in findings_of(result)}
    assert ("xi-general-secretary", 3) in found
    assert ("parent-standing-committee", 5) in found
    assert ("heading-sequence", 6) in found  # 一、 then 三、: the empty paragraph is not counted


def test_fix_writes_a_new_txt_and_lists_each_change(runner, tmp_path):
    draft = write(
        tmp_path / "初稿.txt", "学习习总书记重要讲话,发现问题１２个。\n\n  市委常委会研究(专题)部署。\n"
    )
    before = draft.read_bytes()
    result = run(runner, draft, "--org-level", "县", "--fix")
    assert result.exit_code == 3
    fixed = tmp_path / "初稿-fixed.txt"
    assert draft.read_bytes() == before
    assert fixed.read_text(encoding="utf-8") == (
        "学习习近平总书记重要讲话，发现问题12个。\n\n  市委常委会研究（专题）部署。\n"
    )
    assert "第1段：“习总书记”→“习近平总书记”" in result.stdout
    assert "第1段：“１２”→“12”" in result.stdout
    assert "第2段：“(专题)”→“（专题）”" in result.stdout
    assert "市委常委会" not in "".join(line for line in result.stdout.splitlines() if line.startswith("已改"))


def test_fix_refuses_to_overwrite_without_force(runner, tmp_path):
    draft = write(tmp_path / "d.txt", "学习习总书记重要讲话。\n")
    write(tmp_path / "d-fixed.txt", "a person's edits\n")
    result = run(runner, draft, "--org-level", "县", "--fix")
    assert result.exit_code == 1
    assert "文件已存在" in result.stderr
    assert (tmp_path / "d-fixed.txt").read_text(encoding="utf-8") == "a person's edits\n"
    assert run(runner, draft, "--org-level", "县", "--fix", "--force").exit_code == 3
    assert "习近平总书记" in (tmp_path / "d-fixed.txt").read_text(encoding="utf-8")


def test_fix_in_a_word_draft_keeps_runs_and_skips_what_spans_two(runner, tmp_path):
    document = docx.Document()
    document.add_paragraph("学习习总书记重要讲话，")
    split = document.add_paragraph("深入学习习总")
    split.add_run("书记重要论述。")
    document.save(str(tmp_path / "d.docx"))
    result = run(runner, tmp_path / "d.docx", "--org-level", "县", "--fix")
    assert "已改（" in result.stdout and "未改（" in result.stdout
    texts = [p.text for p in docx.Document(str(tmp_path / "d-fixed.docx")).paragraphs]
    assert texts == ["学习习近平总书记重要讲话，", "深入学习习总书记重要论述。"]


def test_a_units_rule_file_adds_and_disables_rules(runner, tmp_path):
    draft = write(tmp_path / "d.txt", "要进一步进一步加强三年行动计划落实。\n")
    rules = write(
        tmp_path / "本单位.yaml",
        "disable: [L10]\nrules:\n  - id: old-plan\n    code: L3\n    severity: error\n"
        "    pattern: 三年行动计划\n    message: 已到期的计划\n",
    )
    found = {
        f["rule"]
        for f in findings_of(run(runner, draft, "--org-level", "县", "--rules", rules, "--format", "json"))
    }
    assert found == {"old-plan"}


def test_drafter_yaml_beside_a_draft_gives_the_organization_and_rules(runner, tmp_path):
    write(
        tmp_path / "drafter.yaml",
        "check:\n  org: {level: 县, parent_level: 市}\n  disable: [xi-general-secretary]\n",
    )
    draft = write(tmp_path / "d.txt", "市委常委会研究巡察工作，学习习总书记重要讲话。\n")
    found = {f["rule"] for f in findings_of(run(runner, draft, "--format", "json"))}
    assert found == {"parent-standing-committee"}


def test_drafter_yaml_with_a_check_section_still_builds(tmp_path):
    from drafter.pipeline.build import build

    write(tmp_path / "drafter.yaml", "check:\n  org: {level: 县}\n")
    facts = write(tmp_path / "f.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    assert build(facts, tmp_path / "f.docx").path.is_file()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'rules:\n  - id: x\n    code: L3\n    pattern: "(["\n    message: m\n',
            "r.yaml:4:14: 正则表达式有误",
        ),
        (
            "rules:\n  - id: x\n    code: L3\n    pattern: a\n    message: m\n    severity: fatal\n",
            "r.yaml:6:15: “严重程度”只能是 error、warning、info 之一，实际写的是“fatal”",
        ),
        ("rule:\n  - id: x\n", "r.yaml:1:1: 未知的键“rule”，是否想写“rules”？"),
        (
            'rules:\n  - id: x\n    code: L3\n    pattern: a(b)\n    message: m\n    replace: "\\\\2"\n',
            "r.yaml:6:14: replace 里的“\\2”在 pattern 中没有对应的括号",
        ),
        ("rules: [\n", "r.yaml:2:1: YAML 语法错误"),
    ],
)
def test_a_broken_rule_file_is_reported_at_its_place(runner, tmp_path, content, message):
    draft = write(tmp_path / "d.txt", "县委高度重视巡察工作。\n")
    result = run(runner, draft, "--rules", write(tmp_path / "r.yaml", content))
    assert result.exit_code == 1
    assert message in result.stderr


def test_fix_listing_in_json_and_facts_files_are_left_alone(runner, tmp_path):
    draft = write(tmp_path / "d.txt", "学习习总书记重要讲话。\n")
    facts = write(tmp_path / "f.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    result = run(runner, draft, facts, "--org-level", "县", "--fix", "--format", "json")
    fixes = json.loads(result.stdout)["fixes"]
    assert fixes == [
        {
            "file": str(draft),
            "output": str(tmp_path / "d-fixed.txt"),
            "paragraph": "1",
            "from": "习总书记",
            "to": "习近平总书记",
            "status": "fixed",
        },
        {"file": str(facts), "status": "skipped", "note": "事实文件不自动修改"},
    ]
    assert not (tmp_path / "f-fixed.yaml").exists()


def test_a_round_file_is_checked_unit_by_unit(runner, tmp_path):
    """Each unit's document is checked; a mistake typed in a unit's facts points at its line, and a
    unit without clues is not asked for a clue sentence (the facts say there were none)."""
    text = (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8")
    text = text.replace("落实优化营商环境部署不够到位", "落实习总书记关于优化营商环境的部署不够到位")
    facts = write(tmp_path / "round.yaml", text)
    result = run(runner, facts, "--format", "json")
    assert result.exit_code == 3, result.output
    found = findings_of(result)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "习总书记" in t)
    assert [(f["rule"], f["line"]) for f in found] == [("xi-general-secretary", line)]


def test_a_feedback_draft_without_a_clue_sentence_is_reminded(runner, tmp_path):
    from drafter.pipeline.build import build_each

    results = [r for _, _, r in build_each(SAMPLES / "round-2026-1.yaml", tmp_path / "out")]
    without_clues = next(r.path for r in results if r.name == "县发展和改革局")
    result = run(runner, without_clues, "--org-level", "县", "--format", "json")
    assert [(f["rule"], f["severity"]) for f in findings_of(result)] == [("feedback-clues", "info")]


def test_fix_with_nothing_to_fix_writes_no_copy(runner, tmp_path):
    clean = write(
        tmp_path / "b.txt",
        "一、总体情况\n县委坚持以习近平新时代中国特色社会主义思想为指导。\n二、下一步打算\n持续深化政治巡察。\n",
    )
    result = run(runner, clean, "--org-level", "县", "--fix")
    assert result.exit_code == 0, result.output
    assert "没有可自动修改的问题，未另存文件" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


def test_every_document_drafter_builds_checks_clean_even_under_strict(runner, tmp_path):
    """Each sample's documents, checked for the organization its facts name (every level, every kind)."""
    from .test_check_corpus import org_options, sample_documents

    for sample, path in sample_documents(tmp_path):
        result = run(runner, path, *org_options(sample), "--strict")
        assert result.exit_code == 0, (path.name, result.output)


def test_a_county_level_city_must_say_what_is_above_it(runner, tmp_path):
    draft = write(tmp_path / "c.txt", "临江市委常委会研究了巡察工作。\n")
    result = run(runner, draft, "--org-level", "市")
    assert result.exit_code == 2 and "--parent-level" in result.stderr


def test_problems_in_a_round_file_are_reported_under_its_own_name(runner, tmp_path):
    """check of an annual report whose round file is wrong names that file and its line, not the report."""
    for sample in ("annual-report.yaml", "round-2026-1.yaml", "round-2026-2.yaml"):
        text = (SAMPLES / sample).read_text(encoding="utf-8")
        if sample == "round-2026-2.yaml":
            text = text.replace("  number: 2\n", "  number: 二\n")
        write(tmp_path / sample, text)
    result = runner.invoke(cli, ["check", str(tmp_path / "annual-report.yaml"), "--format", "json"])
    files = {Path(f["path"]).name: f["findings"] for f in json.loads(result.stdout)["files"]}
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("  number:"))
    assert [(f["code"], f["line"]) for f in files["round-2026-2.yaml"]] == [("F1", line)]
    assert files["annual-report.yaml"] == []
    assert result.exit_code == 3


def test_json_field_types_are_as_documented(runner, tmp_path):
    draft = write(tmp_path / "d.txt", "全年共发现问题186个。\n全年累计发现问题192个,移交县纪委监委。\n")
    payload = json.loads(run(runner, draft, "--org-level", "区", "--format", "json").stdout)
    types = {
        "code": str,
        "severity": str,
        "message": str,
        "rule": str,
        "line": (int, type(None)),
        "col": (int, type(None)),
        "paragraph": (int, type(None)),
        "excerpt": str,
        "suggestion": (str, type(None)),
    }
    findings = payload["files"][0]["findings"]
    expected = {"figure-restated", "sibling-level-committee", "halfwidth-punctuation"}
    assert {f["rule"] for f in findings} >= expected
    for finding in findings:
        assert set(finding) == set(types)
        for key, kind in types.items():
            assert isinstance(finding[key], kind), (key, finding)
        assert finding["severity"] in ("error", "warning", "info")


def test_a_pasted_paragraph_is_one_line_and_the_real_error_is_read_first(runner, tmp_path):
    pasted = ",".join(["巡察组深入开展谈话了解情况"] * 31) + "。"
    draft = write(tmp_path / "d.txt", f"{pasted}\n问题线索已移交县纪委监委。\n")
    result = run(runner, draft, "--org-level", "区")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("d.txt:第2段") or "第2段" in lines[0]
    assert "错误 L1 “县纪委监委”" in lines[0]
    assert "——本段同类共 30 处，见第14字、第28字、第42字等" in lines[1]
    assert lines[-4:] == [
        "按规则统计：",
        "  错误 L1 sibling-level-committee：1 处",
        "  警告 L8 halfwidth-punctuation：30 处",
        "共检查 1 个文件：错误 1 处，警告 30 处，提示 0 处。",
    ]
    payload = json.loads(run(runner, draft, "--org-level", "区", "--format", "json").stdout)
    assert len(payload["files"][0]["findings"]) == 31


def test_numbers_that_disagree_name_both_places_and_what_they_should_be(runner, tmp_path):
    draft = write(
        tmp_path / "d.txt",
        "2026年，县委全年开展2轮巡察，巡察党组织15个，发现问题164个，移交问题线索10件。\n"
        "全年对10个党组织开展常规巡察，对6个党组织开展专项巡察。\n"
        "全年共发现问题171个，其中党风廉政方面问题60个、作风方面问题70个、其他方面问题44个。\n"
        "截至2026年12月15日，巡察反馈问题88个，已完成整改74个，整改完成率85%。\n",
    )
    out = run(runner, draft, "--org-level", "县").stdout
    assert (
        "d.txt:第3段「全年共发现问题171个，其中党风廉政方…」: 错误 L6 “发现问题171个”与第1段“发现问题164个”"
        "不一致：发现问题一处是164个，一处是171个，核实后应改成同一个数" in out
    )
    assert (
        "d.txt:第2段「…织开展常规巡察，对6个党组织开展专项巡察。」: 错误 L6 分轮次、分类型巡察的党组织数 "
        "常规巡察10个+专项巡察6个=16个，多于第1段“巡察党组织15个”的15个；各部分之和应等于15个" in out
    )
    assert "“其中”后所列各项相加为60+70+44=174个，多于前面“发现问题171个”的171个；各项之和应等于171个" in out
    assert "整改完成率应为 74÷88=84.09%（“反馈问题88个”“已完成整改74个”），文中写的是85%" in out
