"""Dependency direction (style guide B2), checked by reading every module's imports.

The rules are per stage (subpackage), not per module: a module may import any module of its own stage
and of the stages its stage may import. docs/developing.md draws the same picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"
MODULES = sorted(p.relative_to(PACKAGE).with_suffix("").as_posix() for p in PACKAGE.rglob("*.py"))

# Which other stages each stage may import. core imports only the standard library.
LAYERS: dict[str, set[str]] = {
    "core": set(),
    "facts": {"core"},
    "render": {"core"},
    "docx": {"core", "facts", "render"},
    "workbook": {"core", "facts"},
    "kinds": {"core", "facts", "workbook"},
    "phrases": {"core", "facts", "render", "docx"},
    "pipeline": {"core", "facts", "render", "docx", "kinds", "phrases", "workbook"},
    "check": {"core", "facts", "render", "docx", "pipeline"},
    "preview": {"core", "facts", "docx", "pipeline"},
    "cli": {"core", "facts", "render", "docx", "kinds", "phrases", "pipeline", "check", "preview",
            "workbook"},
    # drafter/__init__.py and __main__.py: the library's front door and ``python -m drafter``.
    "": {"core", "pipeline", "cli"},
}

# Third-party packages are confined to the modules that need them.
THIRD_PARTY = {
    "click": {"cli/main", "cli/support"},
    "ruamel": {"facts/yamlfile", "facts/composer"},
    "_ruamel_yaml": {"facts/composer"},  # ruamel.yaml.clib, libyaml's parser in C
    "jinja2": {"render/sandbox"},
    # Existing reports are read by docx/drafts (for check and harvest); docx/writer writes OOXML directly.
    "docx": {"docx/drafts"},
    "lxml": {"docx/drafts"},  # python-docx's parser: its errors mean a damaged .docx
    "langdetect": {"check/script"},
    # The 整改台账: written and read only by these, and only loaded when a ledger is (test_ledger.py).
    "openpyxl": {"workbook/xlsx"},  # writing.py and reading.py take it from there
}


def stage_of(module: str) -> str:
    """The stage (subpackage) of a module path like ``facts/schema``; "" for the top-level modules."""
    return module.split("/")[0] if "/" in module else ""


def imports(module: str) -> tuple[set[str], set[str], set[str]]:
    """(drafter stages imported, third-party roots, drafter modules imported at the top level)."""
    path = PACKAGE / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = stage_of(module)
    stages, external, top_level = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("drafter")):
            for target in _resolve(own, node):
                stages.add(target.split("/")[0] if "/" in target or target in LAYERS else own)
                if node in tree.body:
                    top_level.add(target)
        elif isinstance(node, ast.ImportFrom):
            external.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "drafter":
                    stages.add(parts[1] if len(parts) > 2 else "")
                else:
                    external.add(parts[0])
    return stages - {own}, external, top_level


def _resolve(own: str, node: ast.ImportFrom) -> list[str]:
    """Where an import of drafter's points, as ``stage/module`` (or ``stage`` for a package); one entry
    per name for ``from . import a, b``. Absolute imports (``from drafter.facts import x``) count too."""
    parts = (node.module or "").split(".") if node.module else []
    if not node.level:
        parts = parts[1:]  # drafter.facts.schema → facts/schema
        if not parts:  # from drafter import x
            return [alias.name for alias in node.names]
        return ["/".join(parts)]
    if node.level == 1 and own:
        return ["/".join([own, *parts]) if parts else own]
    if not parts:  # from .. import x, y
        return [alias.name for alias in node.names]
    return ["/".join(parts)]


def test_every_stage_has_a_rule_and_a_docstring_saying_what_it_may_import():
    stages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert stages == set(LAYERS) - {""}
    for stage in stages:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, stage
        allowed = LAYERS[stage]
        said = doc.split("May import", 1)[1]
        for other in LAYERS:
            if other:
                assert (f"``{other}``" in said) == (other in allowed), (stage, other)


@pytest.mark.parametrize("module", MODULES)
def test_modules_import_only_in_the_allowed_direction(module):
    stages, external, _ = imports(module)
    allowed = LAYERS[stage_of(module)]
    assert stages <= allowed, f"{module} imports {stages - allowed}"
    for package, owners in THIRD_PARTY.items():
        if package in external:
            assert module in owners, f"{module} imports {package}"


def test_the_stages_have_no_cycle():
    order: list[str] = []
    remaining = {k: set(v) for k, v in LAYERS.items() if k}
    while remaining:
        ready = sorted(k for k, v in remaining.items() if not v - set(order))
        assert ready, f"cycle among {sorted(remaining)}"
        order += ready
        for k in ready:
            del remaining[k]


def test_nothing_imports_the_command_line():
    for module in MODULES:
        if stage_of(module) != "cli" and module != "__main__":
            assert "cli" not in imports(module)[0], module


def test_the_command_line_imports_the_library_lazily():
    """`drafter --help` must not pay for jinja2 and ruamel.yaml (issue 7's start-up target)."""
    assert imports("cli/main")[2] == {"cli/support"}
    assert imports("cli/support")[2] == {"core/errors"}


def test_the_front_door_gives_the_functions_not_stages_of_the_same_name():
    """`from drafter import build` is the build function (a stage called build once shadowed it)."""
    import drafter

    stages = set(LAYERS) - {""}
    assert not stages & set(drafter.__all__)
    for name in drafter.__all__:
        assert not isinstance(getattr(drafter, name), type(drafter)), name


def test_the_wheel_carries_every_stage():
    """pyproject.toml lists the packages by hand (the data packages are mapped in beside them)."""
    import re

    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^packages = \[(.*?)\]", text, re.M | re.S)
    assert block is not None
    listed = set(re.findall(r'"([\w.]+)"', block[1]))
    stages = {f"drafter.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert {"drafter", *stages} <= listed
