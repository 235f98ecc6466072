"""What templates there are and what each needs: ``drafter templates list`` and ``show``.

Kept apart from the pipeline stage so that listing the templates does not load what building needs
(Jinja, the phrase library): it answers in about the time of ``drafter --help``.
"""

from __future__ import annotations

from pathlib import Path

from ..core.locations import templates_root
from .skeleton import describe
from .templates import Template, find_template, template_names


def template_summaries(templates: Path | None = None) -> list[Template]:
    """Every available template, by name."""
    root = templates_root(templates)
    return [find_template(name, root) for name in template_names(root)]


def describe_template(name: str, templates: Path | None = None) -> str:
    """What a template needs, as text for ``drafter templates show``."""
    return describe(find_template(name, templates_root(templates)))
