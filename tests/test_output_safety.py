"""Issue 8, output safety through the command line: a person's document is never lost or half-replaced,
and names built from facts never leave the output folder."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest

from drafter.cli.main import cli

from .conftest import ANNUAL_TYPED, ROOT, SAMPLES
from .helpers import copy_round, write

EDITED = b"PK a draft someone spent an afternoon editing"


def annual(tmp_path: Path) -> Path:
    return Path(shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml"))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_existing_output_is_kept_byte_for_byte_without_force(runner, tmp_path):
    facts = annual(tmp_path)
    target = tmp_path / "年度.docx"
    target.write_bytes(EDITED)
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1
    assert "文件已存在，且与新生成的内容不同" in result.stderr and "--force" in result.stderr
    assert target.read_bytes() == EDITED
    assert files_in(tmp_path) == ["年度.docx", "年度.yaml"]


def test_an_existing_unit_document_is_kept_and_the_others_built(runner, tmp_path):
    facts = Path(copy_round(SAMPLES / "round-2026-1.yaml", tmp_path, "r.yaml"))
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "第一轮巡察反馈意见-县财政局.docx"
    kept.write_bytes(EDITED)
    result = runner.invoke(cli, ["build", str(facts), "-o", str(out)])
    assert result.exit_code == 1 and "未生成“县财政局”" in result.stderr
    assert kept.read_bytes() == EDITED
    assert len(files_in(out)) == 4


def test_force_replaces_only_with_a_complete_document(runner, tmp_path, monkeypatch):
    facts = annual(tmp_path)
    target = tmp_path / "年度.docx"
    target.write_bytes(EDITED)
    seen = []
    real_replace = os.replace

    def watching_replace(source, destination):
        # At the moment of the swap the new file is whole and the old one still untouched.
        seen.append((zipfile.is_zipfile(source), Path(destination).read_bytes() == EDITED))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", watching_replace)
    result = runner.invoke(cli, ["build", str(facts), "--force"], catch_exceptions=False)
    assert result.exit_code == 0
    assert seen == [(True, True)]
    assert zipfile.is_zipfile(target)
    assert files_in(tmp_path) == ["年度.docx", "年度.yaml"]


def test_a_failing_render_with_force_leaves_the_old_file(runner, tmp_path):
    templates = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", templates)
    body = templates / "annual-report" / "document.jinja"
    body.write_text(body.read_text(encoding="utf-8") + "\n{{ no_such_fact }}\n", encoding="utf-8")
    facts = annual(tmp_path)
    target = tmp_path / "年度.docx"
    target.write_bytes(EDITED)
    result = runner.invoke(cli, ["build", str(facts), "--force", "--templates", str(templates)])
    assert result.exit_code == 1 and "“no_such_fact”在事实文件里没有" in result.stderr
    assert target.read_bytes() == EDITED
    assert files_in(tmp_path) == ["tpl", "年度.docx", "年度.yaml"]


def test_a_missing_output_folder_is_created(runner, tmp_path):
    facts = annual(tmp_path)
    target = tmp_path / "2026年" / "报告" / "年度报告.docx"
    result = runner.invoke(cli, ["build", str(facts), "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0 and zipfile.is_zipfile(target)


def test_an_output_folder_that_cannot_exist_is_refused_clearly(runner, tmp_path):
    facts = annual(tmp_path)
    write(tmp_path / "笔记.txt", "a file where a folder should be")
    result = runner.invoke(cli, ["build", str(facts), "-o", str(tmp_path / "笔记.txt" / "年度.docx")])
    assert result.exit_code == 1
    assert "笔记.txt: 无法创建输出文件夹：已有同名的文件" in result.stderr
    assert "Traceback" not in result.output


def test_a_read_only_folder_gets_a_chinese_message(runner, tmp_path, monkeypatch):
    facts = annual(tmp_path)

    def no_write(
        *args, **kwargs
    ):  # what a read-only folder does (chmod cannot show it when tests run as root)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_write)
    result = runner.invoke(cli, ["build", str(facts)])
    assert result.exit_code == 1 and "无法在此文件夹写入（没有权限），请检查权限" in result.stderr
    assert "Traceback" not in result.output and files_in(tmp_path) == ["年度.yaml"]


def test_a_read_only_file_is_not_replaced_even_with_force(runner, tmp_path):
    facts = annual(tmp_path)
    target = tmp_path / "年度.docx"
    target.write_bytes(EDITED)
    target.chmod(0o444)
    result = runner.invoke(cli, ["build", str(facts), "--force"])
    assert result.exit_code == 1 and "年度.docx: 文件是只读的，未做改动" in result.stderr
    assert target.read_bytes() == EDITED


def test_a_file_open_in_word_is_named_with_advice_and_no_temporary_is_left(runner, tmp_path, monkeypatch):
    facts = annual(tmp_path)
    target = tmp_path / "年度.docx"
    target.write_bytes(EDITED)

    def locked(source, destination):  # Windows refuses to replace a file Word or WPS holds open
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(os, "replace", locked)
    result = runner.invoke(cli, ["build", str(facts), "--force"])
    assert result.exit_code == 1
    assert (
        f"{target}: 无法写入：文件可能正在 Word 或 WPS 中打开" in result.stderr
        and "关闭后重试" in result.stderr
    )
    assert "Traceback" not in result.output
    assert target.read_bytes() == EDITED
    assert files_in(tmp_path) == ["年度.docx", "年度.yaml"]


HOSTILE_NAMES = [
    "../../逃出",
    "/etc/cron.d/x",
    "C:\\Windows\\x",
    "CON",
    "nul.txt",
    "..",
    ".",
    "a/../../b",
    "县局. ",
]


def test_unit_names_cannot_leave_the_output_folder(runner, tmp_path):
    text = (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8")
    units = text[text.index("  - name: 县财政局") : text.index("  - name: 城关镇\n")]
    body = "".join(
        units.replace("- name: 县财政局", "- name: " + name.replace("\\", "\\\\").join('""'))
        for name in HOSTILE_NAMES
    )
    facts = write(tmp_path / "work" / "r.yaml", text[: text.index("  - name: 县发展和改革局")] + body)
    out = tmp_path / "work" / "out"
    result = runner.invoke(cli, ["build", str(facts), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".docx")
    assert len(written) == len(HOSTILE_NAMES)
    assert all(p.parent == out for p in written)
    names = [p.name for p in written]
    assert "第一轮巡察反馈意见-..／..／逃出.docx" in names
    assert "第一轮巡察反馈意见-C：＼Windows＼x.docx" in names
    assert not any(name.startswith(".") or name.rstrip(".docx").endswith((".", " ")) for name in names)


@pytest.mark.parametrize("name", ["CON", "nul", "com1", "LPT9"])
def test_a_device_name_alone_is_not_a_file_name_windows_can_use(name):
    from drafter.core.output import safe_file_name

    assert safe_file_name(name).upper() != name.upper()


def test_a_unit_name_with_a_nul_is_refused_at_its_place(runner, tmp_path):
    text = (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8")
    text = text.replace("  - name: 县财政局", '  - name: "县财政局\\0.docx"')
    facts = write(tmp_path / "r.yaml", text)
    line = text.splitlines().index('  - name: "县财政局\\0.docx"') + 1
    result = runner.invoke(cli, ["build", str(facts), "-o", str(tmp_path / "out")])
    assert (
        result.exit_code == 1 and f"r.yaml:{line}:11: 文字中有一个不可见的控制字符（U+0000）" in result.stderr
    )
    assert not (tmp_path / "out").exists()  # a problem outside a unit's own facts stops the whole round


def test_building_again_into_an_identical_file_is_unchanged_not_an_error(runner, tmp_path):
    facts = annual(tmp_path)
    assert runner.invoke(cli, ["build", str(facts)]).exit_code == 0
    target = tmp_path / "年度.docx"
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    again = runner.invoke(cli, ["build", str(facts)])
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("未改动（与已有文件相同）：")
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before  # not even rewritten
