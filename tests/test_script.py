"""Language and script (L9): the labelled corpus, the character table, and langdetect kept off the build
path."""

import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check.script import classify, to_simplified, traditional_chars

from .conftest import ANNUAL_SAMPLE

CORPUS = Path(__file__).resolve().parent / "data" / "script-corpus.tsv"


def corpus():
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, kind, text = line.split("\t")
            rows.append((label, kind, text))
    return rows


def test_the_corpus_is_large_and_varied():
    rows = corpus()
    assert len(rows) >= 200
    kinds = {kind for _, kind, _ in rows}
    assert kinds == {"simplified", "traditional", "english", "mixed"}
    lengths = [len(text) for _, _, text in rows]
    assert min(lengths) <= 4 and max(lengths) >= 60


def test_the_classifier_is_right_on_at_least_98_percent_of_the_corpus():
    rows = corpus()
    wrong = [(label, text, classify(text)) for label, _, text in rows if classify(text) != label]
    assert len(wrong) <= len(rows) * 0.02, wrong


def test_the_classifier_is_deterministic():
    texts = [text for _, _, text in corpus()[::7]]
    assert [classify(t) for t in texts] == [classify(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "expected"), [("黨風廉政", "党风廉政"), ("巡察工作", "巡察工作"), ("於是", "于是")]
)
def test_traditional_characters_are_mapped_to_simplified(text, expected):
    assert to_simplified(text) == expected


def test_characters_common_to_both_scripts_are_not_flagged():
    assert traditional_chars("乾隆年间，著名的显著成果，慰藉。") == []


def test_build_does_not_import_langdetect(tmp_path):
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from drafter.cli.main import cli\n"
        f"result = CliRunner().invoke(cli, ['build', {str(ANNUAL_SAMPLE)!r}, "
        f"'-o', {str(tmp_path / 'a.docx')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('langdetect' in sys.modules, 'docx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_check_loads_langdetect_for_a_paragraph_in_latin_letters(tmp_path):
    """The control for the test above: the same probe does see langdetect when check needs it."""
    draft = tmp_path / "d.txt"
    draft.write_text("The inspection team arrived on Monday and met the leaders.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from drafter.cli.main import cli\n"
        f"CliRunner().invoke(cli, ['check', {str(draft)!r}])\n"
        "print('langdetect' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True"]
