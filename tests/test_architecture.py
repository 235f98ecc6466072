"""Dependency direction (style guide B2), checked by reading every module's imports."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "drafter"
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")

# Which drafter modules each module may import; the leaves import only the standard library.
ALLOWED = {
    "errors": set(),
    "cnnum": set(),
    "docformat": set(),
    "titlebreak": set(),
    "ooxml": set(),
    "dates": set(),
    "orgwords": set(),
    "filters": {"cnnum"},
    "blocks": {"cnnum", "errors"},
    "facts": {"errors"},
    "config": {"facts"},
    "yearly": {"errors", "facts"},
    "frameworks": {"facts"},
    "rounds": {"dates", "errors", "facts", "filters", "frameworks"},
    "schema": {"datacache", "errors", "facts"},
    "validation": {"cnnum", "dates", "errors", "facts", "schema"},
    "output": {"errors"},
    "project": {"errors"},
    "cachedir": set(),
    "datacache": {"cachedir", "facts", "project"},
    "rendering": {"cachedir", "errors", "filters", "project"},
    "templates": {"datacache", "errors", "facts", "frameworks", "schema"},
    "settings": {"config", "docformat", "errors", "facts", "schema", "validation"},
    "writer": {"blocks", "docformat", "ooxml", "titlebreak"},
    "skeleton": {"schema", "templates"},
    "catalogue": {"project", "skeleton", "templates"},
    "renderer": {"errors"},
    "fonts": set(),
    "doctor": {"docformat", "fonts", "renderer"},
    "preview": {"errors", "output", "renderer"},
    "snippets": {"config", "dates", "datacache", "errors", "facts", "filters", "project", "rendering"},
    "snippet_use": {"errors", "facts", "orgwords", "rendering", "snippets"},
    "snippet_search": {"snippets"},
    "harvest": {"drafts", "errors", "output", "snippet_search", "snippets"},
    "findings": set(),
    "drafts": {"blocks", "errors", "facts"},
    "regexrisk": set(),
    "rulebook": {"config", "dates", "datacache", "errors", "facts", "orgwords", "regexrisk"},
    "textrules": {"drafts", "findings", "rulebook"},
    "structure": {"cnnum", "drafts", "findings", "rulebook", "textrules"},
    "script": {"drafts", "errors", "findings", "textrules"},
    "checking": {
        "blocks",
        "drafts",
        "errors",
        "facts",
        "findings",
        "output",
        "rulebook",
        "script",
        "structure",
        "textrules",
    },
    "loading": {
        "config",
        "docformat",
        "errors",
        "facts",
        "frameworks",
        "orgwords",
        "project",
        "rounds",
        "schema",
        "settings",
        "snippet_use",
        "snippets",
        "templates",
        "validation",
        "yearly",
    },
    "pipeline": {
        "blocks",
        "checking",
        "config",
        "dates",
        "errors",
        "facts",
        "findings",
        "loading",
        "output",
        "preview",
        "doctor",
        "project",
        "rendering",
        "rulebook",
        "settings",
        "skeleton",
        "snippet_use",
        "snippets",
        "templates",
        "usage",
        "writer",
    },
    "usage": {"cachedir", "facts", "project", "rendering", "schema", "snippets", "templates"},
    "cli_support": {"errors"},
    "cli": {
        "catalogue",
        "cli_support",
        "findings",
        "harvest",
        "pipeline",
        "rendering",
        "snippet_search",
        "snippets",
    },
    "__main__": {"cli"},
}

# Third-party packages are confined to the one module that needs them.
THIRD_PARTY = {
    "click": {"cli", "cli_support"},
    "ruamel": {"facts"},
    "jinja2": {"rendering"},
    # Existing reports are read by drafts (for check and harvest); writer.py writes OOXML directly.
    "docx": {"drafts"},
    "lxml": {"drafts"},  # python-docx's parser: its errors mean a damaged .docx
    "langdetect": {"script"},
}


def imports(module: str) -> tuple[set[str], set[str], set[str]]:
    """(drafter modules, third-party roots, drafter modules imported at the top level)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    local, external, top_level = set(), set(), set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                names = [node.module] if node.module else [a.name for a in node.names]
                local.update(names)
                if node in tree.body:
                    top_level.update(names)
            else:
                external.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            external.update(a.name.split(".")[0] for a in node.names)
    return local, external, top_level


def test_every_module_is_covered_by_the_rules():
    assert set(MODULES) == set(ALLOWED)


@pytest.mark.parametrize("module", MODULES)
def test_modules_import_only_in_the_allowed_direction(module):
    local, external, _ = imports(module)
    assert local <= ALLOWED[module], local - ALLOWED[module]
    for package, owners in THIRD_PARTY.items():
        if package in external:
            assert module in owners, f"{module} imports {package}"


def test_nothing_imports_the_command_line():
    for module in MODULES:
        if module not in ("__main__", "cli"):
            assert not {"cli", "cli_support"} & imports(module)[0], module


def test_the_command_line_imports_the_library_lazily():
    """`drafter --help` must not pay for jinja2 and ruamel.yaml (issue 7's start-up target)."""
    _, _, top_level = imports("cli")
    assert top_level == {"cli_support"}
    assert imports("cli_support")[2] == {"errors"}
