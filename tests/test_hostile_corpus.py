"""Issue 8's corpus: every malformed file in tests/hostile/ goes through ``drafter build`` and must end in
exit 1, a Chinese message at its place, no traceback and nothing written (tests/hostile/expected.tsv)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from drafter.cli.main import cli
from drafter.facts.yamlfile import MAX_FILE_BYTES, MAX_LIST_ITEMS, MAX_TEXT_CHARS

from .conftest import ANNUAL_TYPED, SAMPLES
from .helpers import write

CORPUS = Path(__file__).resolve().parent / "hostile"


def _cases() -> list[tuple[str, str, str, str]]:
    lines = (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


CASES = _cases()


def refused(runner, facts: Path, out: Path, *options: str):
    result = runner.invoke(cli, ["build", str(facts), "-o", f"{out}/", *options])
    assert result.exit_code == 1, result.output
    # An unhandled exception also ends in exit code 1: only a SystemExit is drafter's own refusal.
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert not [p for p in out.rglob("*") if p.is_file()], "nothing may be written"
    return result


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = {p.name for p in CORPUS.glob("*.yaml")}
    assert len(CASES) >= 40
    assert files == {case[0] for case in CASES}
    # Both kinds of facts file are covered.
    assert sum(name.startswith("annual-") for name in files) >= 15
    assert sum(name.startswith("round-") for name in files) >= 15


@pytest.mark.parametrize(("name", "where", "message", "options"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_file_is_refused_at_its_place(
    runner, tmp_path, monkeypatch, name, where, message, options
):
    monkeypatch.chdir(CORPUS)  # messages name files relative to the working folder
    result = refused(runner, Path(name), tmp_path / "out", *options.split())
    assert f"{where}: " in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def test_a_huge_value_is_refused_without_building(runner, tmp_path):
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    long = "长" * 1_000_000  # a 1 MB string (3 MB in UTF-8)
    text = text.replace("  - 巡察与其他监督贯通协调的机制还需完善，信息共享还不够及时", f"  - {long}")
    facts = write(tmp_path / "长.yaml", text)
    line = text.splitlines().index(f"  - {long}") + 1
    result = refused(runner, facts, tmp_path / "out")
    assert f"长.yaml:{line}:5: 这一项有 1000000 个字，超过上限 {MAX_TEXT_CHARS} 字" in result.stderr


@pytest.mark.parametrize("kind", ["annual", "round"])
def test_a_list_of_100000_units_is_refused_early(runner, tmp_path, kind):
    """Refused while parsing, at the first item too many (whole, ruamel took about two minutes)."""
    if kind == "annual":
        text = ANNUAL_TYPED.read_text(encoding="utf-8")
        start = text.index("          - 县发展和改革局党组\n")
        names = "".join(f"          - 第{i}单位党组\n" for i in range(100_000))
        text = text[:start] + names + text[start:]
        first = text[:start].count("\n") + 1
    else:
        text = (SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8")
        text = text[: text.index("units:")] + "units:\n"
        first = text.count("\n") + 1
        text += "".join(f"  - {{name: 第{i}单位, kind: 部门, org_form: 党组}}\n" for i in range(100_000))
    facts = write(tmp_path / "大.yaml", text)
    result = refused(runner, facts, tmp_path / "out")
    assert f"大.yaml:{first + MAX_LIST_ITEMS}:" in result.stderr
    assert f"列表超过 {MAX_LIST_ITEMS} 项，拒绝读取" in result.stderr


def test_a_file_too_large_to_be_typed_is_refused_before_reading(runner, tmp_path):
    facts = tmp_path / "导出.yaml"
    facts.write_bytes(b"template: annual-report\n" + b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    result = refused(runner, facts, tmp_path / "out")
    assert "导出.yaml: 文件有 8.0 MB，超过 drafter 读取文本文件的上限 8 MB" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", codecs.BOM_UTF8),  # Notepad's "UTF-8 with BOM"
        ("gbk", b""),  # Notepad's "ANSI" on Chinese Windows
        ("utf-16-le", codecs.BOM_UTF16_LE),  # Notepad's "Unicode"
    ],
)
def test_files_saved_by_windows_editors_build(runner, tmp_path, encoding, prefix):
    facts = tmp_path / "年度.yaml"
    facts.write_bytes(prefix + ANNUAL_TYPED.read_text(encoding="utf-8").encode(encoding))
    result = runner.invoke(cli, ["build", str(facts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "年度.docx").is_file()


def test_a_gbk_round_file_builds_every_unit(runner, tmp_path):
    facts = tmp_path / "第一轮.yaml"
    facts.write_bytes((SAMPLES / "round-2026-1.yaml").read_text(encoding="utf-8").encode("gbk"))
    result = runner.invoke(cli, ["build", str(facts)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "第一轮").glob("*.docx"))) == 4


def test_the_corpus_files_are_small():
    """Big inputs are made at run time (above); the repository keeps only small files."""
    assert all(p.stat().st_size < 20_000 for p in CORPUS.rglob("*") if p.is_file())
