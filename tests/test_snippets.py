"""The phrase library: the shipped files, loader errors with their places, search order and currency."""

import datetime as dt

import pytest

from drafter.core.errors import SnippetError, SnippetNotFoundError
from drafter.phrases.library import (
    BUILTIN_ORIGIN,
    CATEGORIES,
    currency_warnings,
    library_folders,
    load_library,
    open_library,
)
from drafter.phrases.search import plain

from .helpers import write

SNIPPET = """\
category: 政治站位
snippets:
  - id: stance-own
    text: 本单位的写法
"""


def unit_folder(tmp_path, text=SNIPPET, name="unit", file="own.yaml"):
    write(tmp_path / name / file, text)
    return tmp_path / name


def errors_of(tmp_path, text, file="bad.yaml"):
    with pytest.raises(SnippetError) as caught:
        load_library([unit_folder(tmp_path, text, file=file)])
    return str(caught.value).splitlines()


# ------------------------------------------------------------------------------------------------
# The built-in library


def test_the_built_in_library_has_at_least_80_snippets_in_every_category():
    library = load_library()
    assert len(library) >= 80
    assert {s.category for s in library.snippets.values()} == set(CATEGORIES)
    for category in CATEGORIES:
        assert len(library.select(category)) >= 5, category


def test_built_in_snippets_are_current_for_2026_and_free_of_the_seed_mistakes():
    library = load_library()
    current = [s for s in library.snippets.values() if not currency_warnings(s, dt.date(2026, 6, 30), None)]
    assert len(current) >= 80
    for snippet in library.snippets.values():
        for wrong in ("抬高", "习总书记", "习总", "市委常委会", "控制秘密区域", "三个聚焦", "双规", "两规"):
            assert wrong not in snippet.text, (snippet.id, wrong)
        if "扩大知悉范围" in snippet.text:
            assert any(f"{neg}扩大知悉范围" in snippet.text for neg in ("不得", "严禁", "防止"))
        for phrase in ("两个维护", "两个确立", "四个意识", "四个自信", "国之大者", "一把手", "后半篇文章"):
            assert phrase not in snippet.text.replace(f"“{phrase}”", ""), (snippet.id, phrase)
        if "三中全会" in snippet.text and "四中全会" not in snippet.text:
            assert snippet.valid_to is not None and snippet.valid_to < dt.date(2026, 1, 1), snippet.id
        if "十五五" in snippet.text or "开局" in snippet.text:  # tied to a period: must say which
            assert snippet.valid_from is not None and snippet.valid_to is not None, snippet.id


def test_a_county_report_gets_no_city_level_phrase_without_a_warning():
    library = load_library()
    city_only = library.require("next-guide-counties")
    assert "各县（市、区）委" in city_only.text
    warnings = currency_warnings(city_only, dt.date(2026, 12, 25), "县")
    assert warnings == [
        "片段“next-guide-counties”是为市级（市、州、盟、地区）文件写的，本文是县级文件，请核对称谓和口径",
    ]


# ------------------------------------------------------------------------------------------------
# Loader errors, each with its place


def test_a_snippet_without_an_id_is_reported_at_its_item(tmp_path):
    lines = errors_of(tmp_path, "category: 整改\nsnippets:\n  - text: 没有编号的片段\n")
    assert lines == ["bad.yaml:3:5: 缺少必填项“id”（片段编号）"]


def test_a_duplicate_id_across_files_names_both_places(tmp_path):
    folder = unit_folder(tmp_path)
    write(
        folder / "zz-other.yaml",
        "category: 整改\nsnippets:\n  - id: x\n    text: 甲\n  - id: stance-own\n    text: 乙\n",
    )
    with pytest.raises(SnippetError) as caught:
        load_library([folder])
    message = str(caught.value)
    assert message.startswith("zz-other.yaml:5:5: 片段编号“stance-own”重复了（")
    assert "unit/own.yaml:3:5 已经用过" in message


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("valid_from: 2026-02-30", "bad.yaml:5:17: “有效期开始日期”“2026-02-30”不是一个存在的日期"),
        ("valid_from: 明年", "bad.yaml:5:17: “有效期开始日期”应为日期（如 2026-03-10），实际写的是“明年”"),
        ("levels: [县, 镇]", "bad.yaml:5:17: “适用层级”只能是 中央、省、市、县、乡村 之一，实际写的是“镇”"),
        ("doc_types: 通知", "bad.yaml:5:16: “适用文种”只能是 年报、反馈、整改、公告 之一，实际写的是“通知”"),
        (
            "category: 站位",
            f"bad.yaml:5:15: “分类”只能是 {'、'.join(CATEGORIES)} 之一，"
            "实际写的是“站位”，是否想写“政治站位”？",
        ),
        (
            "colour: red",
            "bad.yaml:5:5: 未知的键“colour”。"
            "这里可用的键：category、doc_types、id、levels、source、tags、text、valid_from、valid_to",
        ),
        (
            "valid_to: 2025-12-31\n    valid_from: 2026-01-01",
            "bad.yaml:5:15: 有效期的结束日期“valid_to”早于开始日期",
        ),
    ],
)
def test_bad_fields_are_reported_where_they_stand(tmp_path, field, expected):
    text = f"category: 整改\nsnippets:\n  - id: x\n    text: 文字\n    {field}\n"
    lines = errors_of(tmp_path, text)
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_empty_text_and_broken_jinja_are_errors_with_places(tmp_path):
    text = (
        "category: 整改\nsnippets:\n  - id: a\n    text: ''\n  - id: b\n    text: 在{{ committee 的领导下\n"
    )
    lines = errors_of(tmp_path, text)
    assert lines[0] == "bad.yaml:4:11: “片段文字”不能为空"
    assert lines[1].startswith("bad.yaml:6:11: 片段文字的第 1 行：Jinja 语法错误")


def test_an_unknown_file_category_is_reported_once_with_a_hint(tmp_path):
    text = "category: 政治占位\nsnippets:\n  - id: a\n    text: 甲\n  - id: b\n    text: 乙\n"
    lines = errors_of(tmp_path, text)
    assert len(lines) == 1
    assert lines[0].startswith("bad.yaml:1:11: “分类”只能是 指导思想开头")
    assert lines[0].endswith("实际写的是“政治占位”，是否想写“政治站位”？")


def test_ids_are_ascii_so_that_templates_can_name_them(tmp_path):
    lines = errors_of(tmp_path, "category: 整改\nsnippets:\n  - id: 整改一\n    text: 甲\n")
    assert lines[0].startswith("bad.yaml:3:9: 片段编号“整改一”只能用小写英文字母、数字")


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    folder = unit_folder(tmp_path, "category: 整改\nsnippets:\n  - text: 甲\n", file="a.yaml")
    write(folder / "b.yaml", "category: 整改\nsnippets:\n  - id: b\n    text: 乙\n    valid_to: 2026-13-01\n")
    with pytest.raises(SnippetError) as caught:
        load_library([folder])
    assert [line.split(":")[0] for line in str(caught.value).splitlines()] == ["a.yaml", "b.yaml"]


# ------------------------------------------------------------------------------------------------
# Search order and overriding


def test_a_unit_snippet_overrides_the_built_in_one_with_the_same_id(tmp_path):
    folder = unit_folder(
        tmp_path,
        "category: 政治站位\nsnippets:\n  - id: stance-hold-political-inspection\n"
        "    text: 始终坚守政治巡察定位\n",
    )
    library = load_library([folder])
    chosen = library.require("stance-hold-political-inspection")
    assert chosen.text == "始终坚守政治巡察定位"
    assert chosen.origin.endswith("unit")
    assert [s.origin for s in library.overridden["stance-hold-political-inspection"]] == [BUILTIN_ORIGIN]
    assert len(library) == len(load_library())


def test_explicit_folders_come_before_those_in_drafter_yaml(tmp_path):
    first = unit_folder(tmp_path, SNIPPET.replace("本单位的写法", "命令行给的"), name="first")
    unit_folder(tmp_path, SNIPPET.replace("本单位的写法", "配置文件给的"), name="second")
    unit_folder(tmp_path, SNIPPET.replace("stance-own", "stance-second-only"), name="second", file="b.yaml")
    write(tmp_path / "drafter.yaml", "snippets:\n  - second\n")
    library = open_library([first], tmp_path)
    assert library.require("stance-own").text == "命令行给的"
    assert library.require("stance-second-only").origin.endswith("second")


def test_a_missing_folder_in_drafter_yaml_is_an_error_at_its_line(tmp_path):
    write(tmp_path / "drafter.yaml", "format:\n  title_shape: pyramid\nsnippets:\n  - 没有这个文件夹\n")
    with pytest.raises(SnippetError, match=r"drafter.yaml:4:5: 片段文件夹“没有这个文件夹”不存在"):
        library_folders((), tmp_path)


def test_an_unknown_id_suggests_the_closest_one():
    with pytest.raises(SnippetNotFoundError, match="没有编号为“rect-no-fak”的片段，是否想写“rect-no-fake”？"):
        load_library().require("rect-no-fak")


# ------------------------------------------------------------------------------------------------
# Currency


def phrase(**dates):
    folder_text = "category: 整改\nsnippets:\n  - id: old-phrase\n    text: 旧提法\n"
    for key, value in dates.items():
        folder_text += f"    {key}: {value}\n"
    return folder_text


@pytest.mark.parametrize(
    ("dates", "day", "expected"),
    [
        (
            {"valid_to": "2025-12-31"},
            dt.date(2026, 12, 25),
            ["片段“old-phrase”的有效期到2025年12月31日为止，本文成文日期是2026年12月25日"],
        ),
        (
            {"valid_from": "2026-01-01"},
            dt.date(2025, 12, 30),
            ["片段“old-phrase”自2026年1月1日起才适用，本文成文日期是2025年12月30日"],
        ),
        ({"valid_from": "2026-01-01", "valid_to": "2026-12-31"}, dt.date(2026, 12, 31), []),
        ({}, dt.date(2040, 1, 1), []),
    ],
)
def test_validity_windows(tmp_path, dates, day, expected):
    snippet = load_library([unit_folder(tmp_path, phrase(**dates))]).require("old-phrase")
    warnings = currency_warnings(snippet, day, "县")
    assert len(warnings) == len(expected)
    for warning, start in zip(warnings, expected, strict=True):
        assert warning.startswith(start)


@pytest.mark.parametrize(
    ("level", "warned"), [("县", False), ("区", False), ("旗", False), ("市", True), ("省", True)]
)
def test_levels_of_a_county_phrase(tmp_path, level, warned):
    text = phrase().replace("    text: 旧提法\n", "    text: 旧提法\n    levels: [县]\n")
    snippet = load_library([unit_folder(tmp_path, text)]).require("old-phrase")
    assert bool(currency_warnings(snippet, None, level)) == warned


def test_plain_text_ignores_placeholders_and_punctuation():
    assert plain("在{{ parent }}的领导下，坚守“定位”。") == "在的领导下坚守定位"
