"""drafter doctor: the fonts per role of the current format, what stands in for missing ones, the tools."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from drafter.cli.main import cli
from drafter.docx.format import DEFAULT_FONTS, FONT_ROLES
from drafter.preview.fontmap import choose
from drafter.preview.fonts import installed_families, is_installed, registry_families

from .helpers import write

MISSING_FONT = "绝无此字体甲乙丙"


def font_line(output: str, role: str) -> str:
    (line,) = [line for line in output.splitlines() if line.strip().startswith(FONT_ROLES[role] + "：")]
    return line


def test_doctor_lists_every_role_with_its_font_and_the_tools(runner):
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    for role, font in DEFAULT_FONTS.items():
        assert f"：{font} — " in font_line(result.output, role)
    assert "内置标准版式" in result.output
    assert "LibreOffice：" in result.output and "poppler（pdftoppm）：" in result.output


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_a_font_that_does_not_exist_is_reported_with_its_substitute(runner, tmp_path):
    facts = write(
        tmp_path / "f.yaml", f"template: annual-report\nformat:\n  fonts:\n    fangsong: {MISSING_FONT}\n"
    )
    result = runner.invoke(cli, ["doctor", "--facts", str(facts)])
    assert result.exit_code == 0, result.output
    line = font_line(result.output, "fangsong")
    assert f"{MISSING_FONT} — 未安装" in line
    # The preview's face for the role (fontmap.py), not fontconfig's guess for the name.
    face = choose(MISSING_FONT, "fangsong", installed_families()).face
    assert face is not None and f"drafter preview 以“{face}”" in line
    assert f"本机缺少 {MISSING_FONT}" in result.output
    assert "f.yaml 的 format: 一节" in result.output


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="needs fontconfig")
def test_an_installed_font_is_reported_as_installed(runner, tmp_path, monkeypatch):
    families = subprocess.run(
        ["fc-list", "--format", "%{family[0]}\n"], capture_output=True, text=True, check=True
    )
    installed = min(set(families.stdout.split("\n")) - {""})
    write(tmp_path / "drafter.yaml", f"format:\n  fonts:\n    heiti: {installed}\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert font_line(result.output, "heiti").endswith(f"{installed} — 已安装")
    assert "按 drafter.yaml 调整" in result.output


def test_windows_users_are_told_to_name_the_fonts_windows_ships(runner, tmp_path):
    """仿宋_GB2312 and 楷体_GB2312 are not on Windows 10/11 (gongwen-format.md §5.2); 仿宋 and 楷体 are."""
    facts = write(
        tmp_path / "f.yaml", "template: annual-report\nformat:\n  fonts:\n    fangsong: 仿宋_GB2312\n"
    )
    result = runner.invoke(cli, ["doctor", "--facts", str(facts)])
    if "仿宋_GB2312 — 已安装" in result.output:
        pytest.skip("this computer has 仿宋_GB2312")
    assert "Windows 10/11 自带“仿宋”“楷体”" in result.output
    assert "    format:\n      fonts:\n        fangsong: 仿宋\n" in result.output


def test_without_tools_doctor_still_answers_and_says_how_to_install_them(runner, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "LibreOffice：未找到" in result.output
    assert "drafter preview 需要 LibreOffice" in result.output
    assert "poppler-utils" in result.output
    if shutil.which("fc-list") is None:  # PATH is empty, so fontconfig cannot be asked
        assert "无法检查" in font_line(result.output, "fangsong")


def test_a_facts_file_with_a_wrong_format_section_is_an_input_error(runner, tmp_path):
    facts = write(tmp_path / "f.yaml", "template: annual-report\nformat:\n  fonts:\n    songti: [宋体]\n")
    result = runner.invoke(cli, ["doctor", "--facts", str(facts)])
    assert result.exit_code == 1
    assert result.stderr.startswith("f.yaml:4:")


def test_windows_registry_names_give_every_family_and_alias():
    families = registry_families(
        ["仿宋 (TrueType)", "SimSun & NSimSun (TrueType)", "KaiTi (TrueType)", "Arial Bold (TrueType)"]
    )
    assert {"仿宋", "simsun", "nsimsun", "kaiti", "arial bold"} == families
    assert is_installed("宋体", families)  # SimSun is 宋体 by its English name
    assert is_installed("楷体", families)
    assert not is_installed("仿宋_GB2312", families)
