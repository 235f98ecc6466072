"""Where drafter finds its templates (and where its built-in snippets are).

Order: an explicit folder (``--templates DIR``) → the ``DRAFTER_TEMPLATES`` environment variable →
the ``templates/`` folder that ships beside the package. The first that is given is used; a given
folder that does not exist is an error, never silently replaced by the next one.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from .errors import TemplateNotFoundError

# The drafter package itself (this file is drafter/core/locations.py).
PACKAGE_FOLDER = Path(__file__).resolve().parent.parent


def _builtin_folder(package: str, folder: str) -> Path:
    """A data package (a top-level folder of the project, mapped by pyproject.toml), e.g. templates/."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if locations:
        return Path(locations[0])
    # Run from a checkout without installing: the folder beside the package.
    return PACKAGE_FOLDER.parent / folder


BUILTIN_TEMPLATES = _builtin_folder("drafter_templates", "templates")
BUILTIN_SNIPPETS = _builtin_folder("drafter_snippets", "snippets")
# Where drafter's own data files are; the built-in check rules live inside the package itself.
_BUILTIN_ROOTS = (BUILTIN_TEMPLATES.resolve(), BUILTIN_SNIPPETS.resolve(), PACKAGE_FOLDER)


def is_builtin(path: Path) -> bool:
    """Whether a file is one of drafter's own (a built-in template, snippet file or rule file)."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(root) for root in _BUILTIN_ROOTS)


def templates_root(explicit: Path | None = None) -> Path:
    """The folder that holds one sub-folder per template."""
    chosen = explicit or (
        Path(os.environ["DRAFTER_TEMPLATES"]) if os.environ.get("DRAFTER_TEMPLATES") else None
    )
    root = chosen or BUILTIN_TEMPLATES
    if not root.is_dir():
        msg = f"{root}: 模板文件夹不存在"
        raise TemplateNotFoundError(msg)
    return root
