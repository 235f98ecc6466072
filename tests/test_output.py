"""Writing the result: whole or not at all, never over a person's file by surprise."""

import os
import stat

import pytest

from drafter.core.errors import WriteError
from drafter.core.output import write_new_file
from drafter.pipeline.build import build

from .conftest import ANNUAL_TYPED
from .helpers import write


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"edited by hand")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError, match="可能正在 Word 或 WPS 中打开"):
        write_new_file(target, b"new", force=True)
    assert target.read_bytes() == b"edited by hand"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_new_files_get_the_usual_mode_not_a_private_one(tmp_path):
    old = os.umask(0o022)
    try:
        write_new_file(tmp_path / "a.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o644


def test_missing_output_folders_are_created(tmp_path):
    write_new_file(tmp_path / "年度" / "报告" / "a.docx", b"x")
    assert (tmp_path / "年度" / "报告" / "a.docx").read_bytes() == b"x"


def test_a_folder_is_not_an_output_file(tmp_path):
    with pytest.raises(WriteError, match="这是一个文件夹"):
        write_new_file(tmp_path, b"x", force=True)


def test_the_facts_file_is_never_the_output(tmp_path):
    facts = write(tmp_path / "f.yaml", ANNUAL_TYPED.read_text(encoding="utf-8"))
    with pytest.raises(WriteError, match="输出文件不能是事实文件本身"):
        build(facts, facts, force=True)
    assert facts.read_text(encoding="utf-8").startswith("#")


def test_a_new_file_is_not_synced_a_replaced_one_is(tmp_path, monkeypatch):
    """fsync protects an old file from a power cut during --force; a new file has nothing to protect."""
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "a.docx"
    write_new_file(target, b"first")
    assert synced == []
    write_new_file(target, b"second", force=True)
    assert len(synced) == 1 and target.read_bytes() == b"second"
