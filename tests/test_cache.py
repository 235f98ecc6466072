"""The cache of drafter's own data files and compiled templates: same results, never a user's facts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from drafter.core.cache import cache_folder
from drafter.core.locations import BUILTIN_SNIPPETS, BUILTIN_TEMPLATES, is_builtin
from drafter.facts import own_data
from drafter.facts.schema import FORMATS_FOLDER
from drafter.facts.yamlfile import load_yaml

from .conftest import ANNUAL_SAMPLE, SAMPLES
from .helpers import write


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE", str(folder))
    return folder


def _same(a, b) -> bool:
    return (a.path, a.data, a.value_pos, a.key_pos) == (b.path, b.data, b.value_pos, b.key_pos)


@pytest.mark.parametrize(
    "path",
    [
        BUILTIN_TEMPLATES / "feedback" / "schema.yaml",
        BUILTIN_SNIPPETS / "rectification.yaml",
        FORMATS_FOLDER / "snippet-file.yaml",
    ],
    ids=["schema", "snippets", "own format"],
)
def test_a_builtin_file_read_from_the_cache_is_what_parsing_gives(cache, path):
    first = own_data.load_data_yaml(path)
    assert len(list((cache / "yaml").iterdir())) == 1
    kept = own_data.load_data_yaml(path)
    assert _same(kept, load_yaml(path)) and _same(first, kept)
    assert kept.pos(("snippets", 2, "text")) == load_yaml(path).pos(("snippets", 2, "text"))


def test_an_edited_file_is_parsed_again(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(own_data, "is_builtin", lambda _path: True)
    path = write(tmp_path / "data.yaml", "a: 1\n")
    assert own_data.load_data_yaml(path).data == {"a": 1}
    write(path, "a: 2\nb: [x]\n")
    doc = own_data.load_data_yaml(path)
    assert doc.data == {"a": 2, "b": ["x"]}
    assert doc.pos(("b", 0)).line == 2


def test_a_damaged_entry_is_ignored_and_replaced(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(own_data, "is_builtin", lambda _path: True)
    path = write(tmp_path / "data.yaml", "a: [1, 2]\n")
    own_data.load_data_yaml(path)
    (entry,) = (cache / "yaml").iterdir()
    for damage in (
        "{not json",
        json.dumps({"data": 1}),
        json.dumps({"data": 1, "value_pos": [[1]], "key_pos": []}),
    ):
        entry.write_text(damage, encoding="utf-8")
        assert own_data.load_data_yaml(path).data == {"a": [1, 2]}
    assert json.loads(entry.read_text(encoding="utf-8"))["data"] == {"a": [1, 2]}


def test_a_file_with_mistakes_is_reported_and_not_kept(cache, tmp_path, monkeypatch):
    from drafter.core.errors import FactsError

    monkeypatch.setattr(own_data, "is_builtin", lambda _path: True)
    path = write(tmp_path / "data.yaml", "a: 1\na: 2\n")
    with pytest.raises(FactsError, match="data.yaml:2:1"):
        own_data.load_data_yaml(path)
    assert not list((cache / "yaml").iterdir())


def test_off_keeps_nothing(tmp_path, monkeypatch, runner):
    from drafter.cli.main import cli

    monkeypatch.setenv("DRAFTER_CACHE", "off")
    assert cache_folder("yaml") is None
    result = runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_a_cache_that_cannot_be_made_is_done_without(tmp_path, monkeypatch, runner):
    from drafter.cli.main import cli

    blocked = write(tmp_path / "not-a-folder", "a file where the cache folder would go\n")
    monkeypatch.setenv("DRAFTER_CACHE", str(blocked))
    result = runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 0, result.output


def test_only_drafters_own_files_are_kept_never_a_users_facts(cache, tmp_path, runner):
    """Round files hold confidential findings: none of their text may reach the cache folder."""
    from drafter.cli.main import cli

    result = runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 0, result.output
    kept = "".join(p.read_text(encoding="utf-8", errors="replace") for p in cache.rglob("*") if p.is_file())
    assert "县发展和改革局" not in kept and "清河县" not in kept
    assert not is_builtin(SAMPLES / "round-2026-1.yaml")
    assert is_builtin(BUILTIN_SNIPPETS / "guiding.yaml")


def test_a_document_is_the_same_with_and_without_the_cache(tmp_path, monkeypatch, runner):
    from drafter.cli.main import cli

    outputs = []
    for name, setting in (("off", "off"), ("filling", str(tmp_path / "c")), ("filled", str(tmp_path / "c"))):
        monkeypatch.setenv("DRAFTER_CACHE", setting)
        _clear_process_caches()
        out = tmp_path / f"{name}.docx"
        result = runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert list((tmp_path / "c" / "jinja").iterdir()), "the compiled template is kept"


def _clear_process_caches() -> None:
    """Forget what this test process has already read, so that each build goes to the cache (or not)."""
    from drafter.facts import local_config as config
    from drafter.facts import templates
    from drafter.kinds import feedback
    from drafter.phrases import library as snippets
    from drafter.render import sandbox as rendering

    for cached in (
        rendering.environment,
        rendering._compiled,
        snippets._read_unchanged_file,
        templates._schema,
        feedback.template_frameworks,
        templates.load_template,
        config._parsed,
    ):
        cached.cache_clear()


def test_the_names_a_builtin_template_mentions_are_kept_and_read_back_the_same(cache):
    from drafter.pipeline import usage

    folder = BUILTIN_TEMPLATES / "annual-report"
    usage._template_names.cache_clear()
    parsed = usage._template_names(folder, "document.jinja", "")
    assert len(list((cache / "template-names").iterdir())) == 1
    usage._template_names.cache_clear()
    assert usage._template_names(folder, "document.jinja", "") == parsed
    assert {"snippet", "focus-heading", "by_category"} <= parsed


def test_a_damaged_compiled_template_is_compiled_again(tmp_path, monkeypatch, runner):
    from drafter.cli.main import cli

    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "c"))
    _clear_process_caches()
    first = tmp_path / "first.docx"
    assert runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(first)]).exit_code == 0
    for kept in (tmp_path / "c" / "jinja").iterdir():
        kept.write_bytes(kept.read_bytes()[:8] + b"\xff not what Jinja wrote")
    _clear_process_caches()
    second = tmp_path / "second.docx"
    result = runner.invoke(cli, ["build", str(ANNUAL_SAMPLE), "-o", str(second)])
    assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder permissions are POSIX modes")
def test_a_cache_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    """Compiled templates are code drafter runs: a shared, writable folder must not supply them."""
    shared = tmp_path / "shared"
    (shared / "jinja").mkdir(parents=True)
    (shared / "jinja").chmod(0o777)
    monkeypatch.setenv("DRAFTER_CACHE", str(shared))
    assert cache_folder("jinja") is None
    assert cache_folder("yaml") == shared / "yaml"  # made by drafter itself: only its user may write


def test_a_cache_folder_under_the_home_folder_may_be_written_with_a_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE", "~/drafter-cache")
    assert cache_folder("yaml") == tmp_path / "drafter-cache" / "yaml"  # conftest sets HOME to tmp_path


def test_a_units_own_snippets_are_never_kept(cache, tmp_path, runner):
    """A unit's phrases may name people and cases: their text, compiled or not, stays out of the cache."""
    from drafter.cli.main import cli

    from .conftest import ANNUAL_TYPED

    write(
        tmp_path / "本单位片段" / "own.yaml",
        "category: 下一步\nsnippets:\n  - id: own-secret\n    text: 张三案件的整改{{ committee }}亲自督办\n",
    )
    facts = write(
        tmp_path / "年度.yaml",
        ANNUAL_TYPED.read_text(encoding="utf-8").replace(
            "  - 巡察与其他监督贯通协调的机制还需完善，信息共享还不够及时", "  - {snippet: own-secret}"
        ),
    )
    _clear_process_caches()
    args = ["build", str(facts), "--snippets", str(tmp_path / "本单位片段"), "-o", str(tmp_path / "a.docx")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    kept = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert "张三".encode() not in kept and b"own-secret" not in kept
    assert list((cache / "snippet-syntax").iterdir()), "the built-in library's answers are kept"


def test_the_builtin_librarys_syntax_answers_are_kept_and_read_back_the_same(cache):
    from drafter.phrases import library

    library._read_unchanged_file.cache_clear()
    first = library.load_library()
    assert len(list((cache / "snippet-syntax").iterdir())) == len(list(BUILTIN_SNIPPETS.glob("*.yaml")))
    library._read_unchanged_file.cache_clear()
    assert library.load_library() == first
