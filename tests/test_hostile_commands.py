"""Issue 8 beyond build: preview refuses a file that only looks like a Word document, and check refuses
a rule whose regular expression could run for ever."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drafter.check.regexrisk import nested_repeat
from drafter.cli.main import cli
from drafter.preview.libreoffice import find_soffice
from drafter.preview.pages import OLE_MAGIC

from .helpers import require_renderer, write


def test_an_ole_file_that_is_not_a_word_document_is_not_previewed(runner, tmp_path):
    fake = tmp_path / "旧报告.doc"
    fake.write_bytes(OLE_MAGIC + bytes(range(256)) * 8)  # the magic of every OLE file, then garbage
    result = runner.invoke(cli, ["preview", str(fake)])
    assert result.exit_code == 1 and "旧报告.doc: 不是 Word 文档" in result.stderr
    assert not (tmp_path / "旧报告.pdf").exists()


@pytest.mark.render
def test_a_real_doc_still_previews(runner, tmp_path, sample_docx):
    require_renderer()
    subprocess.run(
        [
            str(find_soffice()),
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(sample_docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = runner.invoke(cli, ["preview", str(tmp_path / "annual-report.doc")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "annual-report.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "pattern",
    [
        r"(县+)+委",
        r"(\s*\S+)*$",
        r"(?:巡察|巡查+)*组",
        r"(县{1,3})+委",
        r"(?=(a+)+b)",
        r"(x+){1,50}",
        r"(县)?(?(1)(委+)+|市)",  # inside a conditional group
        # A possessive outer repeat (Python 3.11 and later) still repeats its variable body.
        *([r"(县+)++委"] if sys.version_info >= (3, 11) else []),
    ],
)
def test_a_rule_that_could_backtrack_for_ever_is_refused_at_its_place(runner, tmp_path, pattern):
    rules = write(
        tmp_path / "本单位规则.yaml",
        f"rules:\n  - id: slow\n    code: L1\n    pattern: '{pattern}'\n    message: 慢\n",
    )
    draft = write(tmp_path / "稿.txt", "县" * 40 + "x\n")
    result = runner.invoke(cli, ["check", str(draft), "--rules", str(rules)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "本单位规则.yaml:4:14: 正则表达式里有嵌套的重复" in result.stderr


@pytest.mark.parametrize(
    "pattern", [r"(\d+年)?", r"(\d{4}年)+", r"县委(?!常委会)", r"(县|区)委+", r"(a?b)+", r"a+b*c+"]
)
def test_ordinary_patterns_are_not_refused(pattern):
    assert not nested_repeat(pattern)


def test_the_builtin_rules_pass_the_check(runner, tmp_path):
    draft = write(tmp_path / "稿.txt", "县委坚持以习近平新时代中国特色社会主义思想为指导。\n")
    result = runner.invoke(cli, ["check", str(draft), "--org-level", "县"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
