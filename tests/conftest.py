from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ANNUAL_SAMPLE = SAMPLES / "annual-report.yaml"
# The annual facts with typed rounds (no round files), figures as in the seed report: tests edit its lists.
ANNUAL_TYPED = ROOT / "tests" / "data" / "annual-typed.yaml"
# Notes the render tests print at the end of the run (font substitution), never failures.
RENDER_NOTES = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite tests/golden/ from the current output"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[RENDER_NOTES] = []


# Whole files of slow tests (fuzzing, LibreOffice, the benchmark); every test that needs LibreOffice is
# marked render wherever it is. All of them are slow, so that `python -m pytest -m "not slow"` is a
# quick inner loop, and a new test in one of these files is slow without anyone remembering to say so.
SLOW_FILES = {"test_fuzz.py", "test_render.py", "test_preview.py", "test_benchmarks.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW_FILES or item.get_closest_marker("render") is not None:
            item.add_marker(pytest.mark.slow)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    notes = config.stash.get(RENDER_NOTES, [])
    if notes:
        terminalreporter.section("字体替换（pdffonts，渲染测试）")
        for note in notes:
            terminalreporter.write_line(note)


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """drafter's cache for the whole run: shared by the tests, never the user's own."""
    return tmp_path_factory.mktemp("drafter-cache")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, session_cache: Path) -> None:
    """Tests never see a user's DRAFTER_* settings or write into the repository."""
    for name in ("DRAFTER_TEMPLATES", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DRAFTER_CACHE", str(session_cache))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def sample_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The annual sample built once for the whole session."""
    from drafter.pipeline.build import build

    out = tmp_path_factory.mktemp("sample") / "annual-report.docx"
    build(ANNUAL_SAMPLE, out)
    return out
