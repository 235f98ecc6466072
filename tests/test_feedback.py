"""Feedback opinions: one document per unit of a round, its categories, deadlines, file names and failures."""

from __future__ import annotations

import itertools
from pathlib import Path

import docx
import pytest

from drafter.cli.main import cli
from drafter.core.output import safe_file_name

from .conftest import SAMPLES
from .helpers import write

ROUND_SAMPLE = SAMPLES / "round-2026-1.yaml"

# A small round: a department under 四个落实 and a village under 四个聚焦.
ROUND = """\
template: feedback
org: {name: 中共清河县委, level: 县, parent_name: 中共临江市委, parent_level: 市}
round: {number: 3, type: 常规巡察, groups: 2, start: 2026-03-10, end: 2026-05-10}
units:
  - name: 县商务局
    kind: 部门
    org_form: 党组
    group: 2
    methods: {talks: 40, petitions: 5, documents: 200}
    problems:
      - category: 全面从严治党
        finding: 主体责任压得不实
        details: [抽查发现问题甲]
    suggestions: [压紧压实管党治党政治责任]
    feedback_date: 2026-08-31
  - name: 东街社区
    kind: 村（社区）
    org_form: 党支部
    group: 1
    methods: {talks: 12, petitions: 2, documents: 30}
    problems:
      - category: 不正之风
        finding: 集体资产管理不规范
        details: [资产台账不全]
      - category: 基层组织
        finding: 组织生活不规范
        details: [“三会一课”记录不全]
    suggestions: [规范集体资产管理]
    feedback_date: 2026-06-01
"""


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def build_round(runner, tmp_path: Path, text: str, *args: str):
    facts = write(tmp_path / "round.yaml", text)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(facts), "-o", str(out), *args])
    return result, out


@pytest.fixture(scope="module")
def sample_round(tmp_path_factory) -> dict[str, Path]:
    """The sample round built once: unit name → document."""
    from drafter.pipeline.build import build_each

    out = tmp_path_factory.mktemp("round")
    return {r.name: r.path for _, _, r in build_each(ROUND_SAMPLE, out)}


def test_the_sample_round_makes_one_document_per_unit(sample_round):
    assert sorted(sample_round) == sorted(["县发展和改革局", "县财政局", "城关镇", "城关镇东街村"])
    assert all(path.name.startswith("第一轮巡察反馈意见-") for path in sample_round.values())


def test_each_document_has_its_own_group_dates_counts_and_categories(sample_round):
    doc = paragraphs(sample_round["县发展和改革局"])
    texts = [t for _, t in doc]
    assert texts[0] == "中共清河县委第一巡察组\n关于巡察县发展和改革局党组的反馈意见"
    assert "县发展和改革局党组：" in texts
    opening = next(t for t in texts if t.startswith("根据县委统一部署"))
    assert "2026年3月10日至5月15日，县委第一巡察组对县发展和改革局党组开展了常规巡察" in opening
    assert "个别谈话86人次、受理信访举报17件、调阅资料420份、实地走访调研24次，开展选人用人专项检查" in (
        opening
    )
    assert "经县委书记专题会议研究，现将巡察情况反馈如下：" in opening
    level1 = [t for s, t in doc if s == "公文一级标题"]
    assert level1 == ["一、巡察发现的主要问题", "二、意见建议", "三、整改要求"]
    level2 = [t for s, t in doc if s == "公文二级标题"]
    assert level2 == [
        "（一）贯彻落实党的理论和路线方针政策、党中央重大决策部署方面",
        "（二）落实全面从严治党战略部署方面",
        "（三）落实新时代党的组织路线方面",
        "（四）落实巡视巡察、审计等监督发现问题整改方面",
    ]
    assert texts[-2:] == ["中共清河县委第一巡察组", "2026年6月10日"]


def test_a_village_is_reported_under_the_four_focuses_with_only_its_categories(sample_round):
    doc = paragraphs(sample_round["城关镇东街村"])
    level2 = [t for s, t in doc if s == "公文二级标题"]
    # Three of the four categories have problems; the empty one has no heading.
    assert level2 == [
        "（一）党中央决策部署在基层落实方面",
        "（二）群众身边不正之风和腐败问题方面",
        "（三）基层党组织建设方面",
    ]
    texts = [t for _, t in doc]
    assert any("围绕“四个聚焦”监督重点" in t for t in texts)
    assert any(t.startswith("1.村党支部战斗堡垒作用发挥不够。一是发展党员工作不规范") for t in texts)
    assert any("城关镇东街村党支部承担整改直接责任，党支部书记要直接抓" in t for t in texts)


def test_every_category_heading_has_problems_under_it(sample_round):
    for path in sample_round.values():
        doc = paragraphs(path)
        for (style, _), (_, next_text) in itertools.pairwise(doc):
            if style == "公文二级标题":
                assert next_text.startswith("1."), path.name


def test_deadlines_are_printed_as_dates_from_the_feedback_date(sample_round):
    texts = [t for _, t in paragraphs(sample_round["县发展和改革局"])]
    due = next(t for t in texts if t.startswith("（二）按时报送整改材料"))
    # Feedback 2026-06-10; 15 working days skipping the listed holiday 6-19 → 7-2; 2 months → 8-10.
    assert "反馈后15个工作日内（2026年7月2日前）" in due
    assert "反馈后2个月内（2026年8月10日前）" in due


def test_month_end_feedback_gives_a_month_end_report_deadline(runner, tmp_path):
    result, out = build_round(runner, tmp_path, ROUND, "--unit", "县商务局")
    assert result.exit_code == 0, result.output
    (path,) = out.iterdir()
    text = "\n".join(t for _, t in paragraphs(path))
    assert "2个月内（2026年10月31日前）" in text  # 8-31 + 2 months
    assert "15个工作日内（2026年9月21日前）" in text


def test_clues_are_stated_with_counts_and_recipients(sample_round):
    finance = "\n".join(t for _, t in paragraphs(sample_round["县财政局"]))
    assert (
        "对巡察中发现的问题线索2件（涉及2人），已按有关规定移交县纪委监委、县委组织部等有关方面处理。"
        in finance
    )
    town = "\n".join(t for _, t in paragraphs(sample_round["城关镇"]))
    assert "问题线索3件（涉及4人），已按有关规定移交县纪委监委处理。" in town
    ndrc = "\n".join(t for _, t in paragraphs(sample_round["县发展和改革局"]))
    assert "问题线索" not in ndrc


def test_a_district_gets_its_own_level_words(runner, tmp_path):
    text = ROUND.replace("level: 县", "level: 区").replace("中共清河县委", "中共清河区委")
    result, out = build_round(runner, tmp_path, text, "--unit", "县商务局")
    assert result.exit_code == 0, result.output
    body = "\n".join(t for _, t in paragraphs(next(out.iterdir())))
    assert "根据区委统一部署" in body and "区纪委监委和区委组织部" in body and "报送区委巡察办" in body
    assert "县委" not in body.replace("县商务局", "")


@pytest.mark.parametrize(
    ("form", "title"),
    [
        ("巡察组", "中共清河县委第二巡察组⏎关于巡察县商务局党组的反馈意见"),
        ("轮次", "十五届县委第三轮巡察⏎关于县商务局党组的反馈意见"),
        ("开展情况", "清河县委第二巡察组关于对县商务局党组⏎开展常规巡察情况的反馈意见"),
    ],
)
def test_the_title_follows_the_countys_form(runner, tmp_path, form, title):
    text = ROUND.replace("round: {number: 3,", "round: {term: 十五届, number: 3,")
    text += f"practice: {{title_form: {form}}}\n"
    result, out = build_round(runner, tmp_path, text, "--unit", "县商务局")
    assert result.exit_code == 0, result.output
    assert paragraphs(next(out.iterdir()))[0][1].replace("\n", "⏎") == title


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # A village problem filed under a 四个落实 category.
        (
            "category: 不正之风",
            "category: 全面从严治党",
            "“全面从严治党”是“四个落实”的类别，本单位用的是“四个聚焦”",
        ),
        ("category: 不正之风", "category: 不正知风", "“不正知风”不是“四个聚焦”的类别，是否想写“不正之风”？"),
        ("category: 全面从严治党", "category: 党的领导弱化", "属于已不再使用的“三大问题”框架"),
        ("    kind: 部门\n", "    kind: 部门\n    framework: 三个聚焦\n", "“三个聚焦”是2018—2020年的提法"),
    ],
)
def test_categories_are_checked_against_the_units_framework(runner, tmp_path, old, new, expected):
    result, _ = build_round(runner, tmp_path, ROUND.replace(old, new, 1))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "round.yaml:" in result.stderr  # with its place


def test_a_county_can_override_the_categories(runner, tmp_path):
    text = ROUND + (
        "frameworks:\n  frameworks:\n    四个聚焦:\n"
        "      - {key: 不正之风, heading: 群众身边的不正之风问题方面}\n"
        "      - {key: 基层组织, heading: 基层党组织建设方面}\n"
    )
    result, out = build_round(runner, tmp_path, text, "--unit", "东街社区")
    assert result.exit_code == 0, result.output
    assert "（一）群众身边的不正之风问题方面" in [t for _, t in paragraphs(next(out.iterdir()))]


def test_one_bad_unit_does_not_stop_the_others(runner, tmp_path):
    text = ROUND.replace("category: 不正之风", "category: 没有这类")
    result, out = build_round(runner, tmp_path, text)
    assert result.exit_code == 1
    assert "未生成“东街社区”" in result.stderr and "没有这类" in result.stderr
    assert "有 1 个单位未生成" in result.stderr
    assert [p.name for p in out.iterdir()] == ["第三轮巡察反馈意见-县商务局.docx"]


def test_a_mistake_outside_the_units_stops_everything(runner, tmp_path):
    result, out = build_round(runner, tmp_path, ROUND.replace("groups: 2", "groups: 两个"))
    assert result.exit_code == 1
    assert "round.yaml:3:" in result.stderr
    assert not out.exists()


def test_unit_builds_just_one_and_a_wrong_name_gets_a_hint(runner, tmp_path):
    result, out = build_round(runner, tmp_path, ROUND, "--unit", "东街社区")
    assert result.exit_code == 0 and [p.name for p in out.iterdir()] == ["第三轮巡察反馈意见-东街社区.docx"]
    result, _ = build_round(runner, tmp_path, ROUND, "--unit", "东街社")
    assert result.exit_code == 1 and "没有名为“东街社”的单位，是否想写“东街社区”？" in result.stderr


@pytest.mark.parametrize("name", ["../../etc/x", "A/B:C*?", "..", "CON", 'a\\b|c<d>e"f'])
def test_hostile_unit_names_stay_inside_the_output_folder(runner, tmp_path, name):
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    result, out = build_round(runner, tmp_path, ROUND.replace("name: 县商务局", f'name: "{quoted}"'))
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 2
    for path in files:
        assert path.parent == out and path.suffix == ".docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "round.yaml"]


def test_safe_names_are_readable():
    assert safe_file_name("A/B:C*?") == "A／B：C＊？"
    assert safe_file_name("../../etc/x") == "／..／etc／x"
    assert safe_file_name("CON") == "CON_" and safe_file_name("  ") == "未命名"
    assert len(safe_file_name("长" * 300)) == 80


def test_existing_documents_are_kept_without_force(runner, tmp_path):
    result, out = build_round(runner, tmp_path, ROUND)
    assert result.exit_code == 0
    edited = out / "第三轮巡察反馈意见-县商务局.docx"
    edited.write_bytes(b"edited by hand")
    again, _ = build_round(runner, tmp_path, ROUND)
    assert again.exit_code == 1 and "文件已存在" in again.stderr
    assert edited.read_bytes() == b"edited by hand"
    forced, _ = build_round(runner, tmp_path, ROUND, "--force")
    assert forced.exit_code == 0 and edited.read_bytes() != b"edited by hand"


def test_many_units_show_progress(runner, tmp_path):
    unit = ROUND[ROUND.index("  - name: 县商务局") : ROUND.index("  - name: 东街社区")]
    text = ROUND + "".join(unit.replace("县商务局", f"单位{i}") for i in range(4))
    result, _ = build_round(runner, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert "（6/6）已生成：" in result.stdout


def test_new_feedback_skeleton_builds_once_filled(runner, tmp_path):
    from ruamel.yaml import YAML

    from drafter.core.locations import templates_root
    from drafter.facts.templates import find_template

    from .test_cli import fill_with_examples

    skeleton = tmp_path / "第三轮.yaml"
    assert runner.invoke(cli, ["new", "feedback", "-o", str(skeleton)]).exit_code == 0
    yaml = YAML()
    data = yaml.load(skeleton.read_text(encoding="utf-8"))
    fill_with_examples(data, find_template("feedback", templates_root()).schema.root)
    with skeleton.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    result = runner.invoke(cli, ["build", str(skeleton)])
    assert result.exit_code == 0, result.stderr
    (written,) = (tmp_path / "第三轮").iterdir()
    assert "关于巡察县教育局党组的反馈意见" in paragraphs(written)[0][1].replace("\n", "")


def test_a_countys_practice_in_drafter_yaml_applies_to_every_round_file(runner, tmp_path):
    write(
        tmp_path / "drafter.yaml",
        "practice:\n  title_form: 轮次\n  plan_working_days: 10\n"
        "frameworks:\n  frameworks:\n    四个聚焦:\n"
        "      - {key: 不正之风, heading: 群众身边的不正之风问题方面}\n"
        "      - {key: 基层组织, heading: 基层党组织建设方面}\n",
    )
    text = ROUND.replace("round: {number: 3,", "round: {term: 十五届, number: 3,")
    result, out = build_round(runner, tmp_path, text)
    assert result.exit_code == 0, result.output
    commerce = paragraphs(out / "第三轮巡察反馈意见-县商务局.docx")
    assert commerce[0][1].replace("\n", "") == "十五届县委第三轮巡察关于县商务局党组的反馈意见"
    # 2026-08-31 + 10 working days; the report deadline keeps the template's default of 2 months.
    body = "\n".join(t for _, t in commerce)
    assert "反馈后10个工作日内（2026年9月14日前）" in body and "2个月内（2026年10月31日前）" in body
    village = [t for _, t in paragraphs(out / "第三轮巡察反馈意见-东街社区.docx")]
    assert "（一）群众身边的不正之风问题方面" in village


def test_the_round_files_own_practice_wins_over_drafter_yaml(runner, tmp_path):
    write(tmp_path / "drafter.yaml", "practice:\n  plan_working_days: 10\n  report_months: 3\n")
    text = ROUND + "practice: {plan_working_days: 20}\n"
    result, out = build_round(runner, tmp_path, text, "--unit", "县商务局")
    assert result.exit_code == 0, result.output
    body = "\n".join(t for _, t in paragraphs(next(out.iterdir())))
    assert "反馈后20个工作日内" in body and "反馈后3个月内（2026年11月30日前）" in body


def test_a_wrong_practice_in_drafter_yaml_is_placed_in_drafter_yaml(runner, tmp_path):
    write(tmp_path / "drafter.yaml", "practice:\n  report_months: 两个月\n")
    result, out = build_round(runner, tmp_path, ROUND)
    assert result.exit_code == 1
    assert "drafter.yaml:2:18: “整改情况报告报送期限（反馈后几个月内）”应为非负整数" in result.stderr
    assert not out.exists()


def test_names_that_differ_only_in_letter_case_get_two_files(runner, tmp_path):
    """Windows does not tell ABC from abc: the second document must not replace the first."""
    text = ROUND.replace("name: 县商务局", "name: ABC公司").replace("name: 东街社区", "name: abc公司")
    result, out = build_round(runner, tmp_path, text, "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "第三轮巡察反馈意见-ABC公司.docx",
        "第三轮巡察反馈意见-abc公司（2）.docx",
    ]


def test_the_leaders_own_report_can_be_left_out(runner, tmp_path):
    result, out = build_round(
        runner, tmp_path, ROUND + "practice: {leader_report: false}\n", "--unit", "县商务局"
    )
    assert result.exit_code == 0, result.output
    body = "\n".join(t for _, t in paragraphs(next(out.iterdir())))
    assert "将集中整改进展情况报告报送县委巡察办" in body and "组织落实整改情况报告" not in body


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("      - {key: '  ', heading: '  '}\n", "“类别简称”不能为空"),
        (
            "      - {key: 甲, heading: 甲方面}\n      - {key: 甲, heading: 乙方面}\n",
            "“甲”重复了（第",
        ),
        ("      - {key: 甲, heading: 甲方面, note: x}\n", "未知的键“note”。这里可用的键：heading、key"),
    ],
)
def test_a_wrong_frameworks_override_is_reported_where_it_is_written(runner, tmp_path, override, expected):
    text = ROUND + "frameworks:\n  frameworks:\n    四个聚焦:\n" + override
    result, out = build_round(runner, tmp_path, text)
    assert result.exit_code == 1
    (message,) = [line for line in result.stderr.splitlines() if expected in line]
    line = int(message.split(":")[1])
    assert line > len(ROUND.splitlines()) + 3, message  # in the override, not at a unit's category
    assert not out.exists()


def test_rebuilding_a_round_after_fixing_one_unit_leaves_the_others_unchanged(runner, tmp_path):
    """The other units' documents are byte for byte what would be written: “unchanged”, exit 0. One that
    a person edited is kept and named, exit 1 unless --force."""
    broken = ROUND.replace("details: [资产台账不全]", "details: []")
    first, out = build_round(runner, tmp_path, broken)
    assert first.exit_code == 1 and "东街社区" in first.stderr
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert list(written) == ["第三轮巡察反馈意见-县商务局.docx"]

    fixed, _ = build_round(runner, tmp_path, ROUND)
    assert fixed.exit_code == 0, fixed.output
    assert "未改动（与已有文件相同）：" in fixed.stdout and "县商务局" in fixed.stdout
    assert "已生成：" in fixed.stdout and "东街社区" in fixed.stdout
    kept = "第三轮巡察反馈意见-县商务局.docx"
    assert (out / kept).read_bytes() == written[kept]

    edited = out / "第三轮巡察反馈意见-东街社区.docx"
    edited.write_bytes(b"edited by hand")
    again, _ = build_round(runner, tmp_path, ROUND)
    assert again.exit_code == 1
    assert "第三轮巡察反馈意见-东街社区.docx: 文件已存在，且与新生成的内容不同" in again.stderr
    assert "未改动（与已有文件相同）：" in again.stdout
    assert edited.read_bytes() == b"edited by hand"


def test_a_single_category_problem_or_suggestion_is_not_numbered(runner, tmp_path):
    """“（一）” with no “（二）” is what drafter check reports (L11): the template never writes it."""
    two = ROUND.replace(
        "        details: [抽查发现问题甲]\n",
        "        details: [抽查发现问题甲]\n"
        "      - category: 全面从严治党\n"
        "        finding: 监督责任落实不到位\n"
        "        details: [抽查发现问题乙]\n",
    )
    cases = (
        (ROUND, ["主体责任压得不实。抽查发现问题甲。"]),
        (two, ["（一）主体责任压得不实。抽查发现问题甲。", "（二）监督责任落实不到位。抽查发现问题乙。"]),
    )
    for text, problems in cases:
        result, out = build_round(runner, tmp_path, text, "--unit", "县商务局", "--force")
        assert result.exit_code == 0, result.output
        texts = [t for _, t in paragraphs(next(out.iterdir()))]
        found = texts.index("一、巡察发现的主要问题")
        assert texts[found + 1 : found + 1 + len(problems)] == problems
        assert texts[texts.index("二、意见建议") + 1] == "压紧压实管党治党政治责任。"
        checked = runner.invoke(cli, ["check", str(next(out.iterdir()))])
        assert checked.exit_code == 0 and "L11" not in checked.output, checked.output
