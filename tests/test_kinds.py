"""Document kinds as plug-ins: template.yaml names its kind, the generic stages know no kind's fields."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from drafter.cli.main import cli
from drafter.kinds.base import DocumentKind
from drafter.kinds.registry import kinds

from .conftest import ROOT, SAMPLES
from .helpers import copy_round, write

PACKAGE = ROOT / "drafter"
# Field names and rule ids that belong to one kind (feedback opinions, annual reports).
KIND_WORDS = re.compile(r"\b(units|clues|round_files|feedback_date|party_org|feedback-clues)\b")
GENERIC = ["pipeline", "facts", "render", "docx", "check/files.py", "check/document.py", "preview", "cli"]


def test_every_kind_module_is_found_by_its_name():
    found = kinds()
    assert {"plain", "feedback", "annual-report"} <= set(found)
    assert all(issubclass(k, DocumentKind) and k.name == name for name, k in found.items())


def code_words(path: Path) -> list[str]:
    """The names and string values of a module's code (not its docstrings and comments)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            words.append(node.value)
        elif isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
    return words


@pytest.mark.parametrize("place", GENERIC)
def test_the_generic_stages_know_no_kind_field_names(place):
    target = PACKAGE / place
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    for path in files:
        found = [w for w in code_words(path) if KIND_WORDS.search(w)]
        assert not found, f"{path.relative_to(ROOT)}: {found}"


def templates_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "模板"
    shutil.copytree(ROOT / "templates", folder)
    return folder


def test_a_template_naming_an_unknown_kind_is_refused_with_a_suggestion(runner, tmp_path):
    folder = templates_copy(tmp_path)
    meta = folder / "feedback" / "template.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("kind: feedback", "kind: feedbak"), "utf-8")
    facts = copy_round(SAMPLES / "round-2026-1.yaml", tmp_path, "第一轮.yaml")
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(folder)])
    assert result.exit_code == 1, result.output
    assert "没有名为“feedbak”的文档种类（kind），是否想写“feedback”？" in result.stderr
    assert not (tmp_path / "第一轮").exists()


def test_a_template_folder_copied_before_kinds_existed_builds_the_same(runner, tmp_path):
    """Without ``kind:``, a per-unit template with frameworks is a feedback template, and a template
    whose facts round files supply is an annual report."""
    folder = templates_copy(tmp_path)
    for name in ("feedback", "annual-report"):
        meta = folder / name / "template.yaml"
        text = re.sub(r"^kind: .*\n", "", meta.read_text(encoding="utf-8"), flags=re.M)
        meta.write_text(text, encoding="utf-8")
    for name in ("round-2026-1.yaml", "round-2026-2.yaml"):
        copy_round(SAMPLES / name, tmp_path)
    shutil.copy(SAMPLES / "annual-report.yaml", tmp_path)
    outputs = {}
    for templates in (None, folder):
        extra = ["--templates", str(templates)] if templates else []
        out = tmp_path / ("copied" if templates else "builtin")
        annual = str(tmp_path / "annual-report.yaml")
        result = runner.invoke(cli, ["build", annual, "-o", f"{out}.docx", *extra])
        assert result.exit_code == 0, result.output
        result = runner.invoke(cli, ["build", str(tmp_path / "round-2026-1.yaml"), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        outputs[templates is None] = sorted(p.read_bytes() for p in [Path(f"{out}.docx"), *out.iterdir()])
    assert outputs[True] == outputs[False]


def test_a_plain_template_makes_one_document_per_item_without_deriving_anything(runner, tmp_path):
    folder = tmp_path / "模板"
    write(
        folder / "notice" / "template.yaml",
        "kind: plain\ntitle: 通知\ndocument: document.jinja\neach: items\n"
        "file_name: '通知-{{ unit.name }}'\n",
    )
    write(
        folder / "notice" / "schema.yaml",
        "fields:\n  date:\n    type: date\n    label: 日期\n  items:\n    type: list\n    label: 各单位\n"
        "    item:\n      type: map\n      label: 单位\n      fields:\n"
        "        name:\n          type: text\n          label: 名称\n",
    )
    write(
        folder / "notice" / "document.jinja",
        "@title 关于{{ unit.name }}的通知\n\n{{ unit.name }}：请按时报送。\n",
    )
    facts = write(
        tmp_path / "f.yaml",
        "template: notice\ndate: 2026-12-01\nitems:\n  - name: 甲局\n  - name: 乙局\n",
    )
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(folder), "--unit", "乙局"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "f").iterdir()] == ["通知-乙局.docx"]
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(folder), "--unit", "丙局"])
    assert result.exit_code == 1
    assert "没有名为“丙局”的项" in result.stderr
