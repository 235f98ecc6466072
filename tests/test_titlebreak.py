"""Title lines: at most 20 cells, whole words, the configured shape."""

import itertools

import pytest

from drafter.docx.titles import break_title, text_width

TITLES = [
    "中共清河县委关于2026年度巡察工作情况的报告",
    "中共清河县委第二巡察组关于巡察县发展和改革局党组的反馈意见",
    "关于学习贯彻《中国共产党巡视工作条例》情况的报告",
    "十五届县委第三轮巡察关于县人民医院党委开展常规巡察情况的反馈意见",
    "中共清河县委巡察工作领导小组办公室关于2026年度第一轮巡察整改进展情况的通报",
    "中共清河县委第二巡察组关于对县人民医院党委开展常规巡察情况的反馈意见",
    "县委巡察办2026年工作总结和2027年工作打算",
]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("shape", ["pyramid", "inverted"])
def test_lines_fit_and_keep_the_text(title, shape):
    lines = break_title(title, 20, shape)
    assert "".join(lines) == title
    assert all(text_width(line) <= 20 for line in lines)
    assert len(lines) >= 2


WHOLE = (
    "巡察",
    "县委",
    "工作",
    "报告",
    "意见",
    "党组",
    "党委",
    "2026年度",
    "《中国共产党巡视工作条例》",
    "反馈",
    "县人民医院",
    "巡察工作领导小组办公室",
    "第一轮",
    "第三轮",
    "第二巡察组",
    "十五届",
    "工作总结",
    "2027年",
)


@pytest.mark.parametrize("title", TITLES)
def test_no_line_splits_a_word_a_name_or_a_number(title):
    lines = break_title(title)
    cuts = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines))]
    for word in WHOLE:
        start = title.find(word)
        while start >= 0:
            assert not any(start < cut < start + len(word) for cut in cuts), (word, lines)
            start = title.find(word, start + 1)
    for left, right in itertools.pairwise(lines):
        assert not right.startswith(("，", "、", "》", "）")) and not left.endswith(("《", "（"))
        assert not left.endswith(("关于", "的")), lines


def test_the_annual_title_breaks_after_the_organ_name():
    assert break_title("中共清河县委关于2026年度巡察工作情况的报告") == [
        "中共清河县委",
        "关于2026年度巡察工作情况的报告",
    ]


def test_the_shape_is_configurable():
    upright = break_title("中共清河县委关于2026年度巡察工作情况的报告", shape="pyramid")
    inverted = break_title("中共清河县委关于2026年度巡察工作情况的报告", shape="inverted")
    assert text_width(upright[0]) < text_width(upright[1])
    assert text_width(inverted[0]) > text_width(inverted[1])


def test_a_short_title_stays_on_one_line():
    assert break_title("巡察工作情况报告") == ["巡察工作情况报告"]


def test_half_width_digits_count_as_narrower_cells():
    assert text_width("2026年") == pytest.approx(3.4)


def test_a_runaway_title_is_wrapped_quickly_instead_of_balanced():
    title = "中共清河县委" * 200  # what a mistaken copy-paste can produce; must not hang the build
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(text_width(line) <= 20 for line in lines)


# Feedback titles of every level and every title form, with unit names long and short.
ORGANS = ["中共清河县委", "中共青山区委", "中共巴彦旗委", "中共清源市委"]
UNITS = [
    "区住房和城乡建设局党组",
    "县发展和改革局党组",
    "县财政局党组",
    "巴彦苏木乌兰嘎查党支部",
    "城关镇东街村党支部",
    "清源市人民医院党委",
    "县医疗保障局党组",
    "河口镇柳林村党总支",
    "清源市城市建设投资集团有限公司党委",
]
FEEDBACK_TITLES = [
    form.format(organ=organ, short=organ.removeprefix("中共"), unit=unit)
    for organ in ORGANS
    for unit in UNITS
    for form in (
        "{organ}第二巡察组关于巡察{unit}的反馈意见",
        "{short}第二巡察组关于对{unit}开展常规巡察情况的反馈意见",
        "{short}第二巡察组关于对{unit}开展医疗卫生领域专项巡察情况的反馈意见",
    )
]


@pytest.mark.parametrize("title", FEEDBACK_TITLES)
def test_a_verb_keeps_its_object_and_a_name_its_last_character(title):
    """“关于巡察／区住房和城乡建设局党组的反馈意见” splits the verb from what was inspected; “县财政／局党组”
    splits a name."""
    lines = break_title(title)
    assert "".join(lines) == title and all(text_width(line) <= 20 for line in lines)
    for left, right in itertools.pairwise(lines):
        assert not left.endswith(("关于巡察", "关于对", "开展", "对")), lines
        assert right[:1] not in "局委办院厅处所站队部村", lines
