"""The README and the chapters in docs/ say what drafter does today.

Every `drafter …` line in their code blocks (and in the examples of the help screens) runs, in a folder
holding the files the examples name; the README lists every command and option and links every chapter;
the check-rules chapter lists every rule of the rule book with an example that rule really flags; the
developing chapter's stages are LAYERS.
"""

import itertools
import json
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest

from drafter.check.rulebook import all_rules, builtin_rules
from drafter.cli.main import cli

from .conftest import ROOT, SAMPLES
from .helpers import copy_round, require_renderer
from .test_architecture import LAYERS, MODULES

README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = ROOT / "docs"
CHAPTERS = sorted(DOCS.glob("*.md"))
PAGES = [README_PATH, *CHAPTERS]
README_LIMIT = 16 * 1024  # bytes: a README a clerk reads to the end
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "info": "提示"}


def text_of(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, content) of every fenced code block."""
    return re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def commands(group: click.Group, prefix: str = "drafter") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix} {name}")
    return found


def shown_commands() -> list[tuple[str, list[str]]]:
    """Every `drafter …` line of the code blocks of the README and docs/, and of the examples in the help
    screens, once each: (where it is shown, arguments)."""
    found: dict[str, tuple[str, list[str]]] = {}
    for page in PAGES:
        for language, block in code_blocks(text_of(page)):
            if language not in ("", "sh", "console"):
                continue
            for line in block.splitlines():
                if line.strip().startswith("drafter "):
                    args = shlex.split(line, comments=True)[1:]
                    found.setdefault(" ".join(args), (page.relative_to(ROOT).as_posix(), args))
    for name, command in [("drafter", cli), *commands(cli)]:
        for line in (command.help or "").splitlines():
            if line.strip().startswith("drafter "):
                # The group's help says what each example does after a wide gap.
                args = shlex.split(re.split(r"\s{2,}", line.strip())[0])[1:]
                found.setdefault(" ".join(args), (f"{name} --help", args))
    return list(found.values())


@pytest.mark.parametrize(("name", "command"), commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_and_is_in_the_readme(name, command):
    assert command.help
    assert name in README


def table_row(name: str) -> str:
    """The README command table's row for a command."""
    rows = [line for line in README.splitlines() if line.startswith((f"| `{name} ", f"| `{name}`"))]
    assert len(rows) == 1, name
    return rows[0]


LEAVES = [(name, command) for name, command in commands(cli) if not isinstance(command, click.Group)]


@pytest.mark.parametrize(("name", "command"), LEAVES, ids=[name for name, _ in LEAVES])
def test_the_readme_command_table_lists_every_option_and_argument(name, command):
    row = table_row(name)
    for param in command.params:
        if isinstance(param, click.Argument):
            assert param.metavar in row, (name, param.metavar)
        else:
            assert any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", row) for opt in param.opts), (
                name,
                param.opts,
            )


def test_the_readme_is_at_most_16_kb():
    assert len(README.encode("utf-8")) <= README_LIMIT


def test_the_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"<!-- test-command -->\s*```\w*\n(.+?)\n```", README, re.DOTALL)[1].strip()
    assert test_command in ci


def test_the_readme_build_command_builds_the_sample():
    build_command = re.search(r"<!-- build-command -->\s*```\w*\n(.+?)\n```", README, re.DOTALL)[1].strip()
    assert build_command.endswith("&& drafter build samples/annual-report.yaml --force")
    assert build_command.startswith("python -m pip install -e '.[test]'")


def links(page: Path) -> list[str]:
    """Targets of the page's Markdown links and images, except web addresses."""
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text_of(page)) if not re.match(r"[a-z]+:", t)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text_of(page), re.MULTILINE)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_links_resolve_to_files_and_headings(page):
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: {target}"
        if anchor:
            assert anchor in anchors(file), f"{page.name}: {target}"


def test_the_readme_links_every_chapter():
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(README_PATH)}
    for chapter in CHAPTERS:
        assert chapter.resolve() in linked, chapter.name


# The files the examples of the README, docs/ and the help screens name, as a clerk would have them on
# the desk: facts files from the samples (an annual report beside its round files), drafts written by
# anyone (the seed report, the annual sample as .docx), a unit's rule file and snippet folder.
DESK_TEXTS = ("seed-annual-report.txt", "初稿.txt", "2025年度报告.txt")
DESK_REPORTS = ("2025年度报告.docx", "2026年度报告.docx", "2025年度巡察工作报告.docx")
DESK_RULES = (
    "rules:\n"
    "  - {id: old-plan-name, code: L3, severity: warning, pattern: 三年行动计划, message: 已到期的计划}\n"
)


@pytest.fixture(scope="session")
def desk(tmp_path_factory, sample_docx) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    shutil.copytree(SAMPLES, folder / "samples")
    (folder / "tests" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "seed-annual-report.txt", folder / "tests" / "data")
    for sample in SAMPLES.glob("round-*.yaml"):
        copy_round(sample, folder)
    shutil.copy(SAMPLES / "annual-report.yaml", folder / "2026年度.yaml")
    copy_round(SAMPLES / "round-2026-1.yaml", folder, "第三轮.yaml")
    for name in DESK_TEXTS:
        shutil.copy(ROOT / "tests" / "data" / "seed-annual-report.txt", folder / name)
    for name in DESK_REPORTS:
        shutil.copy(sample_docx, folder / name)
    (folder / "本单位规则.yaml").write_text(DESK_RULES, encoding="utf-8")
    (folder / "本单位片段").mkdir()
    return folder


# A preview needs LibreOffice: those commands carry the render mark, as the other render tests do.
SHOWN = [
    pytest.param(page, args, id=" ".join(args), marks=[pytest.mark.render] if args[0] == "preview" else [])
    for page, args in shown_commands()
]


@pytest.mark.parametrize(("page", "args"), SHOWN)
def test_every_command_shown_in_the_docs_runs(runner, desk, tmp_path, monkeypatch, page, args):
    """Each command runs on its own copy of the desk; the file it names with -o does not exist yet there
    (the example writes it), every other file it names does."""
    if args[0] == "preview":
        require_renderer("pdftoppm")
    here = tmp_path / "desk"
    shutil.copytree(desk, here)
    for flag, value in itertools.pairwise(args):
        if flag in ("-o", "--output") and (here / value).is_file():
            (here / value).unlink()
    monkeypatch.chdir(here)
    result = runner.invoke(cli, args, prog_name="drafter")
    allowed = (0, 3) if args[0] == "check" else (0,)  # 3: check found what it is shown finding
    assert result.exit_code in allowed, f"{page}: drafter {' '.join(args)}\n{result.output}"
    assert "Traceback" not in result.output


def test_the_library_example_of_the_developing_chapter_runs(desk, tmp_path, monkeypatch, capsys):
    page = DOCS / "developing.md"
    [code] = [block for language, block in code_blocks(text_of(page)) if language == "python"]
    here = tmp_path / "desk"
    shutil.copytree(desk, here)
    monkeypatch.chdir(here)
    exec(compile(code, str(page), "exec"), {})
    assert (here / "2026年度.docx").is_file()
    assert capsys.readouterr().out.strip() == "2026年度.docx"


CHECK_RULES = DOCS / "check-rules.md"


def rule_rows() -> dict[str, list[str]]:
    """The rows of the check-rules chapter's rule tables, by rule id: [id, code, severity, example, …]."""
    rows = {}
    for line in text_of(CHECK_RULES).splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) >= 4 and re.fullmatch(r"`[a-z][a-z0-9-]*`", cells[0]):
            rows[cells[0].strip("`")] = cells
    return rows


RULE_ROWS = rule_rows()


def test_the_check_rules_chapter_lists_every_rule_of_the_registry():
    """Pattern rules, feedback requirements (L12) and the rules written in Python (check/registry.py)."""
    listed = [(rule.id, rule.code, rule.severity) for rule in all_rules(builtin_rules())]
    assert listed
    for rule_id, code, severity in listed:
        assert rule_id in RULE_ROWS, rule_id
        assert RULE_ROWS[rule_id][1:3] == [code, SEVERITY_WORDS[severity]], rule_id


# An example that starts with `…` is text to check; one in words (（检查文稿时没有…）) is not.
EXAMPLES = [
    (rule_id, re.findall(r"`([^`]+)`", row[3]))
    for rule_id, row in RULE_ROWS.items()
    if row[3].startswith("`")
]


@pytest.mark.parametrize(("rule_id", "paragraphs"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_example_of_the_check_rules_chapter_is_flagged_by_its_rule(
    runner, tmp_path, rule_id, paragraphs
):
    """As the chapter says: checked for a county (市 above) on 2026-12-25, one paragraph per `…`."""
    draft = tmp_path / "例.txt"
    draft.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    options = ["--org-level", "县", "--date", "2026-12-25", "--format", "json"]
    result = runner.invoke(cli, ["check", str(draft), *options])
    found = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert rule_id in found, (paragraphs, found)


DEVELOPING = DOCS / "developing.md"


def test_the_developing_chapter_draws_the_stages_of_the_architecture_test():
    stages = {}
    for line in text_of(DEVELOPING).splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        m = re.match(r"`drafter/(\w*)/?`", cells[0]) if cells else None
        if m:
            stages[m[1]] = set(re.findall(r"`(\w+)`", cells[2]))
    assert stages == LAYERS


def test_the_developing_chapter_lists_every_module():
    block = next(b for _, b in code_blocks(text_of(DEVELOPING)) if b.startswith("drafter/\n"))
    listed, stage = set(), ""
    for line in block.splitlines()[1:]:
        m = re.match(r"  (\w+)/", line)
        stage = m[1] if m else stage
        listed |= {f"{stage}/{name}" for name in re.findall(r"(\w+)\.py", line)}
    modules = {m for m in MODULES if "/" in m and not m.endswith("/__init__")}
    assert listed == modules
