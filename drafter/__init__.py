"""drafter: documents of Chinese party inspection work (巡察) from YAML facts, in the GB/T 9704-2012 format.

Library use::

    from drafter import build
    build(Path("2026年度.yaml")).path     # writes 2026年度.docx

The public functions are loaded on first use, so that ``import drafter`` (and ``drafter --help``)
does not pay for jinja2 and ruamel.yaml.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "DrafterError",
    "FactsError",
    "__version__",
    "build",
    "document_bytes",
    "load_facts",
    "render_model",
    "write_skeleton",
]

_PIPELINE = {"build", "document_bytes", "load_facts", "render_model", "write_skeleton"}
_ERRORS = {"DrafterError", "FactsError"}


def __getattr__(name: str) -> Any:
    if name in _PIPELINE:
        from .pipeline import build as facade

        return getattr(facade, name)
    if name in _ERRORS:
        from .core import errors

        return getattr(errors, name)
    msg = f"module 'drafter' has no attribute {name!r}"
    raise AttributeError(msg)
