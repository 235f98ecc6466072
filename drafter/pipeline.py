"""The library's entry points: facts file → validated facts → rendered markup → model → .docx."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .blocks import DocumentModel, parse_markup
from .docformat import DocFormat
from .errors import FactsError, Issue, TemplateNotFoundError, WriteError, display_path
from .facts import Document, load_yaml
from .output import write_new_file
from .project import templates_root
from .rendering import render
from .settings import resolve_format
from .skeleton import describe, skeleton
from .snippet_use import SnippetUse, TemplateSnippets, currency_report, resolve_references
from .snippets import Library, document_level, library_folders, load_library
from .templates import Template, find_template, template_names
from .validation import Validated, not_a_mapping, validate
from .writer import write_docx

COMMON_KEYS = frozenset({"template", "format"})


@dataclass(frozen=True, slots=True)
class LoadedFacts:
    """A facts file that passed every check, with its template and format."""

    template: Template
    facts: Validated
    format: DocFormat
    library: Library | None = None
    # The facts' {snippet: id} items at load; render_model adds the snippets the template calls.
    snippet_uses: list[SnippetUse] = field(default_factory=list)

    @property
    def context(self) -> dict[str, Any]:
        """What the template sees: the facts and the facts derived from them."""
        return {**self.facts.values, **self.facts.derived}


def load_facts(path: Path, templates: Path | None = None, snippets: Sequence[Path] = ()) -> LoadedFacts:
    """Read and check a facts file; FactsError lists every problem at once.

    ``snippets`` are a unit's phrase folders, searched before those in drafter.yaml and the built-ins.
    """
    doc = load_yaml(path)
    root = templates_root(templates)
    issues: list[Issue] = []
    library = load_library(library_folders(snippets, path.parent))
    uses: list[SnippetUse] = []
    try:
        uses = resolve_references(doc, library)
    except FactsError as err:
        issues += err.issues
    template = _template_of(doc, root, issues)
    fmt, format_problems = resolve_format(doc)
    issues += format_problems
    validated = None
    if template is not None:
        try:
            validated = validate(doc, template.schema, ignore=COMMON_KEYS)
        except FactsError as err:
            issues += err.issues
    if issues or template is None or validated is None:
        raise FactsError(issues)
    return LoadedFacts(template, validated, fmt, library, uses)


def _template_of(doc: Document, root: Path, issues: list[Issue]) -> Template | None:
    data = doc.data
    if not isinstance(data, dict):
        raise not_a_mapping(doc)
    name = data.get("template")
    if name is None:
        place = ("template",) if "template" in data else ()
        names = "、".join(template_names(root))
        issues.append(doc.issue(place, f"缺少“template:”，请写明使用哪个模板（可用：{names}）"))
        return None
    try:
        return find_template(str(name), root)
    except TemplateNotFoundError as err:
        issues.append(doc.issue(("template",), str(err)))
        return None


def render_model(loaded: LoadedFacts) -> DocumentModel:
    """Render the template with the facts and parse the markup into a numbered document model."""
    template = loaded.template
    functions = TemplateSnippets(loaded.library) if loaded.library is not None else None
    text = render(
        template.directory,
        template.document,
        loaded.context,
        {"snippet": functions} if functions is not None else None,
    )
    if functions is not None:
        loaded.snippet_uses.extend(functions.uses())
    return parse_markup(text, source=display_path(template.directory / template.document))


def document_bytes(loaded: LoadedFacts) -> bytes:
    """The finished .docx for a loaded facts file."""
    model = render_model(loaded)
    values = loaded.facts.values
    stamp = values.get(loaded.template.date_fact)
    creator = _lookup(values, loaded.template.creator_fact) or "drafter"
    return write_docx(
        model,
        loaded.format,
        stamp=stamp if isinstance(stamp, dt.date) else dt.date(1980, 1, 1),
        creator=str(creator),
    )


def build(
    facts_path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    on_warning: Callable[[str], None] | None = None,
) -> Path:
    """Build the document a facts file asks for; returns the path written.

    Nothing is written unless every check passes and the whole document is ready. Warnings that do not
    stop the build (a snippet out of date or for another level) go to ``on_warning``, one line each.
    """
    target = out if out is not None else facts_path.with_suffix(".docx")
    if target.resolve() == facts_path.resolve():
        msg = f"{target}: 输出文件不能是事实文件本身，请用 -o 指定 .docx 文件"
        raise WriteError(msg)
    loaded = load_facts(facts_path, templates, snippets)
    write_new_file(target, document_bytes(loaded), force=force)
    for warning in snippet_warnings(loaded) if on_warning is not None else ():
        on_warning(warning)
    return target


def snippet_warnings(loaded: LoadedFacts) -> list[str]:
    """Currency warnings for the snippets a rendered document used (call after render_model)."""
    values = loaded.facts.values
    date = values.get(loaded.template.date_fact)
    level = document_level(_lookup(values, "org.level"))
    return currency_report(loaded.snippet_uses, date if isinstance(date, dt.date) else None, level)


def write_skeleton(
    name: str, out: Path | None = None, *, force: bool = False, templates: Path | None = None
) -> Path:
    """Write the commented facts skeleton of a template (default file: <name>.yaml); returns its path."""
    template = find_template(name, templates_root(templates))
    target = out or Path(f"{name}.yaml")
    write_new_file(target, skeleton(template).encode("utf-8"), force=force)
    return target


def template_summaries(templates: Path | None = None) -> list[Template]:
    """Every available template, by name."""
    root = templates_root(templates)
    return [find_template(name, root) for name in template_names(root)]


def describe_template(name: str, templates: Path | None = None) -> str:
    """What a template needs, as text for ``drafter templates show``."""
    return describe(find_template(name, templates_root(templates)))


def _lookup(values: dict[str, Any], dotted: str) -> Any:
    current: Any = values
    for part in dotted.split(".") if dotted else ():
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
