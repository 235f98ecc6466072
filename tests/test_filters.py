import datetime as dt

import pytest

from drafter.render.filters import cn_date, cn_date_range, cn_join, cn_month, cn_ordinal, percent, strip_end


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (999, "九百九十九"),
        (1005, "一千零五"),
        (2026, "二千零二十六"),
    ],
)
def test_ordinals(n, text):
    assert cn_ordinal(n) == text


def test_ordinal_refuses_what_it_cannot_write():
    with pytest.raises(ValueError, match="中文数字"):
        cn_ordinal(-1)


def test_dates_have_no_zero_padding():
    assert cn_date(dt.date(2026, 3, 5)) == "2026年3月5日"
    assert cn_date(dt.date(2026, 12, 25)) == "2026年12月25日"


def test_month():
    assert cn_month(dt.date(2026, 3, 5)) == "2026年3月"


def test_date_range_writes_the_end_year_only_when_it_changes():
    assert cn_date_range(dt.date(2026, 3, 10), dt.date(2026, 5, 10)) == "2026年3月10日至5月10日"
    assert cn_date_range(dt.date(2026, 11, 20), dt.date(2027, 1, 8)) == "2026年11月20日至2027年1月8日"


@pytest.mark.parametrize(
    ("last", "text"),
    [
        ("和", "医疗、教育和粮食"),
        ("及", "医疗、教育及粮食"),
        ("等", "医疗、教育、粮食等"),
        ("、", "医疗、教育、粮食"),
    ],
)
def test_enumerations(last, text):
    assert cn_join(["医疗", "教育", "粮食"], last) == text


def test_enumeration_of_one_and_of_two():
    assert cn_join(["医疗"]) == "医疗"
    assert cn_join(["医疗", "教育"]) == "医疗和教育"
    assert cn_join(["医疗"], "等") == "医疗"  # one item is not an enumeration: no 等


def test_empty_enumeration_is_an_error():
    with pytest.raises(ValueError, match="为空"):
        cn_join([])


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((19, 25), "76%"),
        ((688, 697), "98.71%"),
        ((161, 186), "86.56%"),
        ((1, 3), "33.33%"),
        ((0.5,), "50%"),
        ((2, 3), "66.67%"),
    ],
)
def test_percentages_round_half_up_and_drop_trailing_zeros(args, text):
    assert percent(*args) == text


def test_percentage_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="分母为 0"):
        percent(1, 0)


def test_strip_end_leaves_room_for_the_templates_punctuation():
    assert strip_end("加强学习研究。") == "加强学习研究"
    assert strip_end("加强学习研究；") == "加强学习研究"
