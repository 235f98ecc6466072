"""Hostile inputs found by a fuzzing pass: each once crashed, spoke English, or left a file behind."""

from __future__ import annotations

import io
import json
import shutil
import zipfile

import pytest

from drafter.cli.main import cli

from .conftest import ANNUAL_TYPED, SAMPLES
from .helpers import copy_round, require_renderer, write


def damaged_docx(source, part: str) -> bytes:
    """A real .docx with one XML part replaced by bytes that do not parse."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, b"<broken" if item.filename == part else old.read(item))
    return out.getvalue()


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_a_damaged_docx_is_reported_and_the_other_files_still_checked(runner, tmp_path, sample_docx, part):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(damaged_docx(sample_docx, part))
    good = write(tmp_path / "好.txt", "县委坚持以习近平新时代中国特色社会主义思想为指导。\n")
    result = runner.invoke(cli, ["check", str(good), str(bad), "--org-level", "县"])
    assert result.exit_code == 1
    assert "不是有效的 Word（.docx）文件" in result.stderr and "Traceback" not in result.output
    assert "好.txt" in result.stdout
    harvest = runner.invoke(cli, ["snippets", "harvest", str(bad)])
    assert harvest.exit_code == 1 and "不是有效的 Word" in harvest.stderr


@pytest.mark.parametrize("replace", ["[1]", "{a: 1}"])
def test_a_rule_whose_replacement_is_not_text_is_placed(runner, tmp_path, replace):
    rules = write(
        tmp_path / "r.yaml",
        f'rules:\n  - {{id: my-x, code: L1, pattern: "x", replace: {replace}, message: m}}\n',
    )
    draft = write(tmp_path / "a.txt", "x\n")
    result = runner.invoke(cli, ["check", str(draft), "--rules", str(rules)])
    assert result.exit_code == 1 and "r.yaml:2:49: “建议的写法”应为文字" in result.stderr
    assert "[" not in result.stderr and "{" not in result.stderr  # no Python value dump


def test_a_rule_whose_replacement_is_a_number_suggests_that_number(runner, tmp_path):
    """A number is text to a rule file as to a facts file: ``replace: 5`` suggests “5”."""
    rule = '{id: my-x, code: L1, pattern: "x", replace: 5, message: m}'
    rules = write(tmp_path / "r.yaml", f"rules:\n  - {rule}\n")
    draft = write(tmp_path / "a.txt", "x\n")
    result = runner.invoke(cli, ["check", str(draft), "--rules", str(rules), "--format", "json"])
    assert result.exit_code == 0, result.output
    (found,) = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "my-x"]
    assert found["suggestion"] == "改为“5”"


def test_a_png_folder_that_cannot_exist_leaves_no_pdf(runner, tmp_path):
    require_renderer("pdftoppm")
    facts = shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml")
    write(tmp_path / "notes.txt", "a file, not a folder")
    result = runner.invoke(cli, ["preview", str(facts), "--png", str(tmp_path / "notes.txt" / "pages")])
    assert result.exit_code == 1 and "路径中有一段是文件" in result.stderr
    assert not (tmp_path / "年度.pdf").exists()


def test_ordinals_beyond_what_documents_use_are_refused_at_their_place(runner, tmp_path):
    text = (
        (SAMPLES / "round-2026-1.yaml")
        .read_text(encoding="utf-8")
        .replace("  number: 1\n", "  number: 10000\n")
    )
    facts = write(tmp_path / "r.yaml", text)
    line = text.splitlines().index("  number: 10000") + 1
    for command in (["build", str(facts)], ["check", str(facts)]):
        result = runner.invoke(cli, command)
        assert result.exit_code in (1, 3), result.output
        assert f"r.yaml:{line}:11" in result.output + result.stderr


def test_a_round_file_entry_that_is_a_number_is_looked_for_as_a_file(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    text = text[: text.index("rounds:")] + "round_files: [5]\n"
    facts = write(tmp_path / "a.yaml", text)
    result = runner.invoke(cli, ["build", str(facts)])
    assert (
        result.exit_code == 1 and "找不到文件“5”" in result.stderr and "document.jinja" not in result.stderr
    )


def test_a_control_character_is_placed_where_it_is(runner, tmp_path):
    facts = write(tmp_path / "r.yaml", "template: feedback\nround:\n  theme: 县\x7f局\n")
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1 and "r.yaml:3:11: 这里有一个不可见的控制字符（U+007F）" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build", "."], "事实文件的值不对：“.”是一个文件夹"),
        (["check", "a.txt", "--format", "xml"], "--format 的值不对：“xml”不是可选的值"),
        (["snippets", "search", "x", "--limit", "0"], "--limit 的值不对：0 不能小于 1"),
    ],
)
def test_click_value_errors_are_chinese(runner, tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "x\n")
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and expected in result.stderr


def test_an_output_folder_that_cannot_exist_is_reported_once(runner, tmp_path):
    facts = copy_round(SAMPLES / "round-2026-1.yaml", tmp_path, "r.yaml")
    write(tmp_path / "f.txt", "a file")
    result = runner.invoke(cli, ["build", str(facts), "-o", str(tmp_path / "f.txt" / "sub")])
    assert result.exit_code == 1
    assert result.stderr.count("无法创建输出文件夹") == 1 and "未生成" not in result.stderr
