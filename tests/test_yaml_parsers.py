"""ruamel.yaml.clib's C parser (libyaml) reads facts files several times faster than ruamel's own
pure-Python parser, but users see only what the pure-Python parser says: every value, every place and
every message comes out the same whichever parser read the file. tests/test_fuzz.py compares the two on
random edits of these files."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.errors import FactsError
from drafter.facts import composer, yamlfile

from .conftest import ROOT


def _texts() -> list[tuple[Path, str]]:
    """The repository's YAML files that are text (some hostile examples are binary or empty)."""
    found = []
    for folder in ("samples", "templates", "snippets", "tests/data", "tests/hostile", "drafter/check/rules"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            # Anchors send it to the pure-Python parser either way, and expanding it takes seconds.
            if path.name == "annual-alias-bomb.yaml":
                continue
            try:
                found.append((path, yamlfile.read_text(path)))
            except FactsError:
                continue
    return found


YAML_FILES = _texts()


def outcome(text: str) -> tuple:
    """What a user can see of a text read as a facts file: its values and places, or its messages."""
    try:
        doc = yamlfile.parse_yaml(text, Path("事实.yaml"))
    except FactsError as err:
        return ("refused", [str(issue) for issue in err.issues])
    return ("read", doc.data, doc.value_pos, doc.key_pos)


def read_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    """(as drafter reads it, as the pure-Python parser alone reads it)."""
    fast = outcome(text)
    with monkeypatch.context() as patch:
        patch.setattr(composer, "CParser", None)
        reference = outcome(text)
    return fast, reference


def test_the_c_parser_is_installed_with_drafter():
    assert composer.CParser is not None, "pip install ruamel.yaml.clib (a dependency of drafter)"


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    ("path", "text"), YAML_FILES, ids=[p.relative_to(ROOT).as_posix() for p, _ in YAML_FILES]
)
def test_every_yaml_file_reads_the_same_with_either_parser(path, text, line_end, monkeypatch):
    fast, reference = read_both_ways(text.replace("\n", line_end), monkeypatch)
    assert fast == reference


# Texts that libyaml and the pure-Python parser read differently, found by the fuzz test: the ones
# libyaml accepts go to the pure-Python parser before libyaml sees them, the others after it refuses.
READ_DIFFERENTLY = [
    "year:",  # no line break at the end: the empty value's place
    "org:\n  name:\n",  # (a refusal, not a difference: libyaml places it after the colon)
    "tags: {a: }\n",  # an empty value in a flow mapping
    "tags: [小标题:\n]\n",  # … in a flow sequence
    "tags: [整改, 'b':后半篇文章]\n",  # a colon right after a quote
    "name: 20\t26年度\n",  # a tab inside a value
    "level: 县\t\t# 注释\n",
    "- &xtype: 专项巡察\n",  # an anchor name with a colon
    "a: &x 1\nb: *x\n",
    "term: 十 # @五届\n&xnumber: 1\n",
    "a: !!str 1\n",
    "\n!\r\n",
    ">\n\n\n#\n",  # a block scalar at the top of the file
    ">#26年度\n",  # a comment right after the indicator
    "%YAML 1.1\n---\nok: yes\n",
    "title: 甲\u2028乙\n",  # a YAML 1.1 line break
    "- temp>\ufefflate: x\n",  # a byte order mark inside the text
    "title: 2026年\x85度\n",
    "x: \x07\n",  # refused by both, in the pure-Python parser's words
    "a: [1, 2\n",
    "a: 'unclosed\n",
    "a:\n  b: 1\n c: 2\n",
]


@pytest.mark.parametrize("text", READ_DIFFERENTLY)
def test_texts_the_two_parsers_read_differently_read_as_the_pure_python_parser_reads_them(text, monkeypatch):
    fast, reference = read_both_ways(text, monkeypatch)
    assert fast == reference


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.name)
def test_the_samples_are_read_by_the_c_parser_alone(sample, monkeypatch):
    """The speed is real for ordinary files: nothing in them sends them to the slower parser."""
    parsers = []
    compose_with = composer._compose_with

    def recording(text, c_parser):
        parsers.append("C" if c_parser is not None else "Python")
        return compose_with(text, c_parser)

    monkeypatch.setattr(composer, "_compose_with", recording)
    yamlfile.load_yaml(sample)
    assert parsers == ["C"]
