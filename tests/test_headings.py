"""Heading labels: what drafter writes it reads back, level and number; people's variants are read too."""

import pytest

from drafter.core.headings import (
    label_for,
    label_number,
    parse_label,
    relabel,
    starts_with_label,
    without_leading_label,
)
from drafter.core.numerals import parse_numeral


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_every_label_drafter_writes_reads_back_with_its_level_and_number(level):
    for n in range(1, 40):
        label = label_for(level, n)
        assert parse_label(label + "加强组织领导") == (level, label)
        assert label_number(label) == n
        assert starts_with_label(label + "文字")


def test_the_labels_follow_gb_t_9704():
    assert [label_for(level, 11) for level in (1, 2, 3, 4)] == ["十一、", "（十一）", "11.", "（11）"]


def test_drafts_written_by_people_are_read_too():
    assert parse_label("(二)强化监督") == (2, "(二)")
    assert parse_label("3、抓好整改") == (3, "3、")
    assert parse_label("1.5亿元资金") == (0, "")
    assert relabel("3、", 4) == "4、"
    assert relabel("（三）", 2) == "（二）"


def test_a_sentence_loses_its_label_or_point_marker():
    assert without_leading_label("二是健全机制") == "健全机制"
    assert without_leading_label("（一）加强领导") == "加强领导"
    assert without_leading_label("1.5亿元资金已追回") == "1.5亿元资金已追回"


@pytest.mark.parametrize(
    ("text", "number"), [("十一", 11), ("二十", 20), ("一百零五", 105), ("两", 2), ("12", 12), ("二三", None)]
)
def test_numerals_are_read_as_officials_write_them(text, number):
    assert parse_numeral(text) == number
