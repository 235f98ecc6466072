"""The library's entry points: facts file → validated facts → rendered markup → model → .docx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blocks import DocumentModel, parse_markup
from .checking import Checked, CheckOptions, check_draft, check_rendered, facts_problems, is_facts_path
from .docformat import DocFormat
from .errors import FactsError, Issue, TemplateNotFoundError, WriteError, display_path
from .facts import Document, load_yaml
from .output import write_new_file
from .project import templates_root
from .rendering import render
from .settings import resolve_format
from .skeleton import describe, skeleton
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

    @property
    def context(self) -> dict[str, Any]:
        """What the template sees: the facts and the facts derived from them."""
        return {**self.facts.values, **self.facts.derived}


def load_facts(path: Path, templates: Path | None = None) -> LoadedFacts:
    """Read and check a facts file; FactsError lists every problem at once."""
    doc = load_yaml(path)
    root = templates_root(templates)
    issues: list[Issue] = []
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
    return LoadedFacts(template, validated, fmt)


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
    text = render(template.directory, template.document, loaded.context)
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
    facts_path: Path, out: Path | None = None, *, force: bool = False, templates: Path | None = None
) -> Path:
    """Build the document a facts file asks for; returns the path written.

    Nothing is written unless every check passes and the whole document is ready.
    """
    target = out if out is not None else facts_path.with_suffix(".docx")
    if target.resolve() == facts_path.resolve():
        msg = f"{target}: 输出文件不能是事实文件本身，请用 -o 指定 .docx 文件"
        raise WriteError(msg)
    loaded = load_facts(facts_path, templates)
    write_new_file(target, document_bytes(loaded), force=force)
    return target


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


def check(path: Path, options: CheckOptions) -> Checked:
    """Findings for one file of ``drafter check``: a facts file is validated and rendered first.

    Unreadable input (missing file, unknown type, YAML syntax error) raises DrafterError.
    """
    if not is_facts_path(path):
        return check_draft(path, options)
    doc = load_yaml(path)
    try:
        loaded = load_facts(path, options.templates)
    except FactsError as err:
        return facts_problems(path, err.issues)
    return check_rendered(path, doc, loaded.facts.values, render_model(loaded), options)
