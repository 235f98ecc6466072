"""The annual-report template: level words from the configured organization, counts from the lists,
nothing printed for what the facts leave out, and contradictions caught before anything is written."""

from pathlib import Path

import pytest

from drafter.core.errors import FactsError
from drafter.pipeline.build import load_facts, render_model

from .conftest import ANNUAL_TYPED
from .helpers import write

SAMPLE = ANNUAL_TYPED.read_text(encoding="utf-8")


def text_of(tmp_path: Path, facts: str) -> str:
    model = render_model(load_facts(write(tmp_path / "f.yaml", facts)))
    return "\n".join(
        getattr(b, "label", "") + b.text + (getattr(b, "body", None) or "") for b in model.blocks
    )


def errors_of(tmp_path: Path, facts: str) -> list[str]:
    with pytest.raises(FactsError) as caught:
        load_facts(write(tmp_path / "f.yaml", facts))
    return [str(i) for i in caught.value.issues]


def test_a_county_directly_under_the_province_names_no_level_twice(tmp_path):
    facts = SAMPLE.replace("parent_name: 中共临江市委", "parent_name: 中共某某省委").replace(
        "parent_level: 市", "parent_level: 省"
    )
    facts = facts.replace(
        "和省委、市委、县委工作要求落实", "和上级工作要求落实"
    )  # the sample's own focus text
    text = text_of(tmp_path, facts)
    assert "认真落实中央和省委关于巡视巡察工作的部署要求" in text
    assert "在省委的坚强领导" in text
    assert "省委、省委" not in text and "市委" not in text


def test_a_prefecture_parent_is_the_diwei(tmp_path):
    facts = SAMPLE.replace("parent_level: 市", "parent_level: 地区").replace("中共临江市委", "中共临江地委")
    text = text_of(tmp_path, facts)
    assert "在地委的坚强领导" in text and "地区委" not in text


def test_short_names_can_tell_a_county_level_city_from_its_parent(tmp_path):
    facts = SAMPLE.replace("  level: 县", "  level: 市\n  short_name: 清河市委")
    facts = facts.replace("中共清河县委", "中共清河市委").replace(
        "  parent_level: 市", "  parent_level: 市\n  parent_short_name: 临江市委"
    )
    text = text_of(tmp_path, facts)
    assert "清河市委常委会先后5次" in text
    assert "在临江市委的坚强领导" in text
    assert "清河市委组织部" in text and "市纪委监委" in text


def test_every_kind_of_inspection_is_counted_and_named(tmp_path):
    facts = SAMPLE.replace(
        "      - type: 专项巡察\n        theme: 医疗",
        "      - type: 巡察“回头看”\n        units: [县审计局党组, 县统计局党组]\n"
        "      - type: 专项巡察\n        theme: 医疗",
    )
    text = text_of(tmp_path, facts)
    assert "完成对12个党组织的常规巡察和对5个党组织的专项巡察" in text
    # How the year's inspections were organised has a section of its own: counted there, not twice.
    assert "对2个党组织开展巡察“回头看”" in text and "对2个党组织的巡察“回头看”" not in text
    assert "巡察党组织19个" in text


def test_zero_and_absent_counts_print_nothing(tmp_path):
    facts = SAMPLE.replace("secretary_meetings: 2", "secretary_meetings: 0").replace(
        "  clues: 11                   # 移交问题线索（件）\n  clue_persons: 14            # 涉及（人）\n", ""
    )
    text = text_of(tmp_path, facts)
    assert "书记专题会议" not in text
    assert "线索" not in text
    assert "0次" not in text and "0件" not in text


def test_no_feedback_problems_means_no_completion_rate(tmp_path):
    facts = SAMPLE.replace("feedback_problems: 186", "feedback_problems: 0").replace(
        "completed: 161", "completed: 0"
    )
    text = text_of(tmp_path, facts)
    assert "巡察反馈问题0个，已完成整改0个。通过整改，推动建章立制57项" in text
    assert "整改完成率" not in text


def test_amounts_are_written_plainly(tmp_path):
    text = text_of(tmp_path, SAMPLE.replace("funds_recovered: 326.5", "funds_recovered: 12000.0"))
    assert "追缴和挽回资金12000万元" in text


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("completed: 161", "completed: 999", "f.yaml:92:14: 已完成整改的问题不能多于反馈的问题（999，186）"),
        (
            "immediate_fixes: 42 ",
            "immediate_fixes: 420 ",
            "f.yaml:81:20: 立行立改的问题不能多于发现的问题（420，186）",
        ),
        (
            "    end: 2026-05-15\n",
            "    end: 2026-02-15\n",
            "f.yaml:23:10: 结束日期不能早于进驻日期（2026年2月15日，2026年3月10日）",
        ),
        ("  - number: 2\n", "  - number: 1\n", "f.yaml:36:13: “1”重复了（第21行已经写过）"),
        (
            "          - 县财政局党组\n",
            "          - 县发展和改革局党组\n",
            "f.yaml:31:13: “县发展和改革局党组”重复了（第30行已经写过）",
        ),
        (
            "shortcomings:\n  - 对巡察",
            "shortcomings:\n  - 1.对巡察",
            "f.yaml:103:5: “一项不足”不要自己写序号（如“一、”“（一）”“1.”），drafter 会自动编号",
        ),
    ],
)
def test_contradictions_are_errors_at_their_place(tmp_path, old, new, expected):
    assert old in SAMPLE
    assert errors_of(tmp_path, SAMPLE.replace(old, new)) == [expected]


def test_an_empty_optional_list_asks_to_delete_it(tmp_path):
    facts = SAMPLE.split("shortcomings:")[0] + "shortcomings: []\n"
    assert errors_of(tmp_path, facts) == [
        "f.yaml:102:15: “存在的问题和不足”至少要有 1 项；不需要时请删去这一项"
    ]


def test_totals_are_checked_even_when_something_else_is_wrong(tmp_path):
    facts = SAMPLE.replace("  regular_units: 12\n", "  regular_units: 11\n").replace(
        "year: 2026", "year: 二〇二六"
    )
    messages = errors_of(tmp_path, facts)
    assert len(messages) == 2
    assert "“报告年度”应为年份" in messages[0]
    assert "“常规巡察单位数”写的是 11，但按第21行起的“rounds”列表算是 12" in messages[1]


def test_a_county_level_city_without_short_names_is_told_apart_by_its_names(tmp_path):
    """Both levels are 市委: the text names them (清河市委, 临江市委) instead of saying 市委 for both."""
    facts = SAMPLE.replace("  name: 中共清河县委", "  name: 中共清河市委").replace(
        "  level: 县", "  level: 市"
    )
    facts = facts.replace(
        "和省委、市委、县委工作要求落实", "和上级工作要求落实"
    )  # the sample's own focus text
    text = text_of(tmp_path, facts)
    assert "在临江市委的坚强领导和临江市委巡察工作领导小组的有力指导下" in text
    assert "清河市委常委会先后5次召开会议" in text
    assert "向清河市纪委监委等移交问题线索" in text
    bare = text.replace("清河市委", "").replace("临江市委", "")
    assert "市委" not in bare and "县委" not in bare
