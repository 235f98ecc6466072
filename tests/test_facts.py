"""Facts files: every problem reported at once, each at its line and column, in Chinese."""

import shutil
from pathlib import Path

import pytest

from drafter.core.errors import FactsError
from drafter.pipeline.build import load_facts

from .conftest import SAMPLES
from .helpers import write

VALID = """\
template: annual-report
org:
  name: 中共清河县委
  level: 县
  parent_name: 中共临江市委
  parent_level: 市
year: 2026
date: 2026-12-25
leadership:
  standing_committee_meetings: 5
  leading_group_meetings: 9
rounds:
  - number: 1
    start: 2026-03-10
    end: 2026-05-15
    groups: 3
    report_heard: true
    inspections:
      - type: 常规巡察
        units: [县财政局党组, 县水利局党组]
      - type: 专项巡察
        theme: 医疗
        units: [县卫生健康局党组]
findings:
  problems: 30
rectification:
  feedback_problems: 30
  completed: 24
"""


def errors_of(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path / "2026年度.yaml", text)
    with pytest.raises(FactsError) as caught:
        load_facts(path)
    return [str(issue) for issue in caught.value.issues]


def test_valid_facts_load_with_typed_and_derived_values(tmp_path):
    loaded = load_facts(write(tmp_path / "f.yaml", VALID))
    context = loaded.context
    assert context["year"] == 2026
    assert context["date"].isoformat() == "2026-12-25"
    assert context["round_count"] == 1
    assert context["all_units"] == ["县财政局党组", "县水利局党组", "县卫生健康局党组"]
    assert context["regular_units"] == ["县财政局党组", "县水利局党组"]
    assert context["special_themes"] == ["医疗"]
    assert context["rounds"][0]["rectification_heard"] is False  # the schema's default


def test_wrong_type_unknown_key_and_missing_field_are_reported_together(tmp_path):
    text = VALID.replace("standing_committee_meetings: 5", "standing_committee_meetings: 五次")
    text = text.replace("year: 2026", "yaer: 2026")
    text = text.replace("  parent_name: 中共临江市委\n", "")
    messages = errors_of(tmp_path, text)
    assert messages == [
        "2026年度.yaml:1:1: 缺少必填项“year”（报告年度）",
        "2026年度.yaml:2:1: 缺少必填项“parent_name”（上级党委全称）",
        "2026年度.yaml:6:1: 未知的键“yaer”，是否想写“year”？",
        "2026年度.yaml:9:32: “常委会会议专题研究巡察工作次数”应为非负整数，实际写的是“五次”",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("\n  problems: 30", "\n  problems: -3", "25:13: “发现问题个数”不能小于 0，实际写的是 -3"),
        ("\n  problems: 30", "\n  problems: 2.5", "25:13: “发现问题个数”应为整数，实际写的是“2.5”"),
        ("date: 2026-12-25", "date: 2026-02-30", "8:7: “成文日期”“2026-02-30”不是一个存在的日期"),
        ("date: 2026-12-25", "date: 明年", "8:7: “成文日期”应为日期（如 2026-03-10），实际写的是“明年”"),
        (
            "report_heard: true",
            "report_heard: 是",
            "17:19: “已听取本轮巡察情况汇报”应为是或否（true / false），实际写的是“是”",
        ),
        ("level: 县", "level: 乡", "4:10: “本级党委层级”只能是 县、区、市、旗 之一，实际写的是“乡”"),
        ("        theme: 医疗\n", "", "21:9: 缺少必填项“theme”（专项巡察主题）（type=专项巡察时必填）"),
        ("year: 2026", "year: 26", "7:7: “报告年度”不能小于 1949，实际写的是 26"),
        ("units: [县卫生健康局党组]", "units: []", "23:16: “被巡察党组织”至少要有 1 项"),
    ],
)
def test_each_kind_of_mistake_is_placed_and_explained(tmp_path, old, new, expected):
    assert old in VALID
    messages = errors_of(tmp_path, VALID.replace(old, new))
    assert messages == [f"2026年度.yaml:{expected}"]


def test_duplicate_keys_are_reported_with_the_first_place(tmp_path):
    messages = errors_of(tmp_path, VALID.replace("year: 2026\n", "year: 2026\nyear: 2025\n"))
    assert messages == ["2026年度.yaml:8:1: 键“year”重复了（第7行已经写过）"]


def test_a_stated_count_that_disagrees_with_its_list_names_both_places(tmp_path):
    messages = errors_of(tmp_path, VALID + "totals:\n  regular_units: 3\n")
    assert messages == [
        (
            "2026年度.yaml:30:18: “常规巡察单位数”写的是 3，"
            "但按第13行起的“rounds”列表算是 2（常规巡察单位）；请改正其中之一"
        )
    ]


def test_a_stated_count_that_agrees_is_accepted(tmp_path):
    loaded = load_facts(write(tmp_path / "f.yaml", VALID + "totals:\n  regular_units: 2\n  rounds: 1\n"))
    assert loaded.context["totals"] == {"regular_units": 2, "rounds": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("org: [a, b\n", "YAML 语法错误：方括号 [ ] 没有闭合，或列表项之间缺少逗号"),
        ("org:\n\tname: x\n", "YAML 语法错误：不能用 Tab 缩进"),
        ("", "文件是空的"),
        ("- a\n- b\n", "事实文件的最外层必须是一组“键: 值”"),
        ("template: annual-reprot\n", "没有名为“annual-reprot”的模板，是否想写“annual-report”？"),
        ("year: 2026\n", "缺少“template:”，请写明使用哪个模板"),
        ("template: !!python/object:os.system x\n", "不支持的 YAML 标签"),
    ],
)
def test_unreadable_files_get_a_message_with_a_place(tmp_path, text, expected):
    messages = errors_of(tmp_path, text)
    assert any(expected in m for m in messages), messages
    assert all(m.startswith("2026年度.yaml:") for m in messages)


def test_bom_and_gbk_files_are_read(tmp_path):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_facts(bom).context["org"]["name"] == "中共清河县委"
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(VALID.encode("gbk"))
    assert load_facts(gbk).context["org"]["name"] == "中共清河县委"


def test_dates_may_be_written_the_chinese_way(tmp_path):
    loaded = load_facts(write(tmp_path / "f.yaml", VALID.replace("date: 2026-12-25", "date: 2026年12月25日")))
    assert loaded.context["date"].isoformat() == "2026-12-25"


def test_format_section_is_validated_with_the_facts(tmp_path):
    text = VALID + "format:\n  fonts:\n    fangsong: 仿宋\n    kaitii: 楷体\n  title_shape: round\n"
    messages = errors_of(tmp_path, text)
    assert messages == [
        "2026年度.yaml:32:5: 未知的键“kaitii”，是否想写“kaiti”？",
        "2026年度.yaml:33:16: “标题回行的形状”只能是 pyramid、inverted 之一，实际写的是“round”",
    ]


def test_format_section_and_drafter_yaml_override_fonts(tmp_path):
    write(tmp_path / "drafter.yaml", "format:\n  fonts:\n    kaiti: 楷体\n    fangsong: 仿宋\n")
    loaded = load_facts(write(tmp_path / "f.yaml", VALID + "format:\n  fonts:\n    fangsong: FangSong\n"))
    assert loaded.format.font("kaiti") == "楷体"  # from drafter.yaml
    assert loaded.format.font("fangsong") == "FangSong"  # the facts file wins
    assert loaded.format.font("heiti") == "黑体"  # untouched default


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  problems: 30", "  problems: .inf", "25:13: “.inf”不是可以使用的数字，请写普通的阿拉伯数字"),
        ("  problems: 30", "  problems: .nan", "25:13: “.nan”不是可以使用的数字，请写普通的阿拉伯数字"),
        (
            "date: 2026-12-25",
            "date: 2200-01-01",
            "8:7: “成文日期”“2200-01-01”的年份不对（应在 1949～2100 年之间）",
        ),
    ],
)
def test_numbers_and_dates_no_report_can_state(tmp_path, old, new, expected):
    assert errors_of(tmp_path, VALID.replace(old, new)) == [f"2026年度.yaml:{expected}"]


def test_yaml_1_1_booleans_are_not_guessed(tmp_path):
    text = "%YAML 1.1\n---\n" + VALID.replace("report_heard: true", "report_heard: yes")
    assert errors_of(tmp_path, text) == ["2026年度.yaml:19:19: “yes”：是或否请写 true 或 false"]


def test_a_problem_in_an_aliased_value_is_reported_where_the_alias_is_used(tmp_path):
    text = (
        VALID.replace("  standing_committee_meetings: 5", "  standing_committee_meetings: &n 五") + "x: *n\n"
    )
    messages = errors_of(tmp_path, text)
    assert "2026年度.yaml:10:32: “常委会会议专题研究巡察工作次数”应为非负整数，实际写的是“五”" in messages
    assert any(m.startswith("2026年度.yaml:29:1: 未知的键“x”") for m in messages)


def test_a_mistake_in_drafter_yaml_is_reported_once_for_a_report_and_its_round_files(runner, tmp_path):
    from drafter.cli.main import cli

    for sample in SAMPLES.glob("*.yaml"):
        shutil.copy(sample, tmp_path / sample.name)
    write(tmp_path / "drafter.yaml", "format:\n  body_size_pt: 16\n")
    result = runner.invoke(cli, ["build", str(tmp_path / "annual-report.yaml")])
    assert result.exit_code == 1
    assert result.stderr.count("未知的键“body_size_pt”") == 1, result.stderr
