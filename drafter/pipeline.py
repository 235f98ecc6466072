"""The library's entry points: facts file → validated facts → rendered markup → model → .docx."""

from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .blocks import DocumentModel, parse_markup
from .config import CONFIG_NAME, config_section, read_config
from .docformat import DocFormat
from .errors import (
    DrafterError,
    FactsError,
    Issue,
    SelectionError,
    TemplateNotFoundError,
    WriteError,
    display_path,
)
from .facts import Document, load_yaml
from .frameworks import Frameworks, read_frameworks
from .orgwords import org_words
from .output import safe_file_name, write_new_file
from .project import templates_root
from .rendering import render
from .rounds import check_units, item_locator, unit_facts
from .schema import Field, Schema
from .settings import resolve_format
from .skeleton import describe, skeleton
from .snippet_use import SnippetUse, TemplateSnippets, currency_report, resolve_references
from .snippets import Library, document_level, library_folders, load_library
from .templates import Template, find_template, template_names
from .validation import Supplied, Validated, not_a_mapping, validate
from .writer import write_docx
from .yearly import RoundFile, summarise

if TYPE_CHECKING:
    from .checking import Checked, CheckOptions
    from .preview import Preview

COMMON_KEYS = frozenset({"template", "format"})
# A feedback template's facts may override its problem-category frameworks under this key.
FRAMEWORKS_KEY = "frameworks"


class NotOnePerItem(DrafterError):
    """A facts file whose template is not of the kind asked for (its name is the message)."""


@dataclass(frozen=True, slots=True)
class LoadedFacts:
    """A facts file that passed every check, with its template and format.

    For a template that makes one document per item (a round's units), ``failed`` lists the items left
    out because of their own problems: (the item's name, its issues). The other items still build.
    """

    template: Template
    facts: Validated
    format: DocFormat
    frameworks: Frameworks | None = None
    failed: tuple[tuple[str, tuple[Issue, ...]], ...] = ()
    library: Library | None = None
    # The facts' {snippet: id} items at load; render_model adds the snippets the template calls.
    snippet_uses: list[SnippetUse] = field(default_factory=list)

    @property
    def context(self) -> dict[str, Any]:
        """What the template sees: the facts, the facts derived from them, and the level words."""
        values = self.facts.values
        words = {"words": org_words(values["org"])} if isinstance(values.get("org"), dict) else {}
        return {**values, **self.facts.derived, **words}

    def items(self) -> list[dict[str, Any]]:
        """The items that get a document each (empty for a one-document template)."""
        if not self.template.each:
            return []
        found = self.facts.values.get(self.template.each) or []
        if self.frameworks is None:
            return list(found)
        return [unit_facts(self.facts.values, unit, self.frameworks) for unit in found]


def load_facts(
    path: Path,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    *,
    keep_good_items: bool = False,
    supply: bool = True,
    one_per_item: bool | None = None,
) -> LoadedFacts:
    """Read and check a facts file; FactsError lists every problem at once.

    ``snippets`` are a unit's phrase folders, searched before those in drafter.yaml and the built-ins.

    With ``keep_good_items``, problems inside single items of a one-document-per-item template leave
    just those items out (see LoadedFacts.failed); problems anywhere else still fail the whole file.
    ``supply=False`` leaves the files a facts file lists (``round_files``) unread: it is used when
    reading those files themselves, so a file that lists itself cannot loop. ``one_per_item=True``
    refuses, before any checking, a file whose template makes a single document (NotOnePerItem).
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
    if template is None:
        raise FactsError(issues)
    if one_per_item is not None and bool(template.each) != one_per_item:
        raise NotOnePerItem(template.name)
    # A broken drafter.yaml is already reported by resolve_format; here it just adds nothing.
    config = _config_beside(path)
    frameworks = _frameworks_of(doc, template, config, issues)
    ignore = COMMON_KEYS | ({FRAMEWORKS_KEY} if frameworks else set())
    supplied = _supplied(doc, template, root, snippets, issues) if supply else None
    validated, problems = _validated(doc, template, ignore, frameworks, supplied)
    issues += problems
    failed: list[tuple[str, tuple[Issue, ...]]] = []
    if issues and keep_good_items and template.each:
        kept, failed = _without_failed_items(doc, template.each, issues)
        if failed and _item_count(kept, template.each):
            validated, issues = _validated(kept, template, ignore, frameworks, supplied)
        else:
            failed = []  # every item is wrong, or the file itself: report it as one file
    if validated is not None:
        issues += _county_practice(doc, config, template, validated)
    if issues or validated is None:
        raise FactsError(issues)
    return LoadedFacts(template, validated, fmt, frameworks, tuple(failed), library, uses)


def _config_beside(path: Path) -> Document | None:
    try:
        return read_config(path.parent)
    except FactsError:
        return None


PRACTICE_KEY = "practice"


def _county_practice(
    doc: Document, config: Document | None, template: Template, validated: Validated
) -> list[Issue]:
    """Lay drafter.yaml's ``practice:`` under the facts' own: what the facts file types wins, what only
    drafter.yaml types replaces the template's defaults. Returns drafter.yaml's problems."""
    field = next((f for f in template.schema.root.fields if f.name == PRACTICE_KEY), None)
    section = config_section(config, PRACTICE_KEY)
    if field is None or section is None:
        return []
    try:
        county = validate(section, Schema(root=Field(name="", type="map", label="", fields=(field,))))
    except FactsError as err:
        return list(err.issues)
    typed_here = doc.data.get(PRACTICE_KEY) if isinstance(doc.data, dict) else None
    typed_there = section.data[PRACTICE_KEY]
    merged = validated.values.setdefault(PRACTICE_KEY, {})
    for key in typed_there if isinstance(typed_there, dict) else ():
        if not (isinstance(typed_here, dict) and key in typed_here):
            merged[key] = county.values[PRACTICE_KEY][key]
    return []


def _validated(
    doc: Document,
    template: Template,
    ignore: frozenset[str],
    frameworks: Frameworks | None,
    supplied: Supplied | None,
) -> tuple[Validated | None, list[Issue]]:
    """The validated facts (None when the schema's checks fail) and every issue, categories included."""
    try:
        validated = validate(doc, template.schema, ignore=ignore, supplied=supplied)
    except FactsError as err:
        return None, list(err.issues)
    return validated, check_units(doc, validated.values, frameworks) if frameworks else []


def _supplied(
    doc: Document, template: Template, root: Path, snippets: Sequence[Path], issues: list[Issue]
) -> Supplied | None:
    """The facts that the files listed under the schema's supplier key (``round_files``) supply."""
    key = template.schema.supplier
    listed = doc.data.get(key) if key and isinstance(doc.data, dict) else None
    if not isinstance(listed, list) or not listed:
        return None  # absent, or malformed: validation reports it
    rounds: list[RoundFile] = []
    for i, name in enumerate(listed):
        if not isinstance(name, str) or not name.strip():
            continue
        path = Path(doc.path).parent / name.strip()
        if not path.is_file():
            issues.append(doc.issue((key, i), f"找不到文件“{name}”（相对于本文件所在的文件夹）"))
            continue
        try:
            loaded = load_facts(path, root, snippets, supply=False, one_per_item=True)
        except NotOnePerItem as err:
            message = (
                f"“{name}”不是轮次事实文件（它的 template 是 {err}，应为一轮一个文件的模板，如 feedback）"
            )
            issues.append(doc.issue((key, i), message))
            continue
        except FactsError as err:
            issues += err.issues
            continue
        mismatch = _not_this_report(doc.data, loaded.facts.values)
        if mismatch:
            issues.append(doc.issue((key, i), f"“{name}”{mismatch}"))
            continue
        rounds.append(RoundFile(loaded.facts.document, loaded.facts.values, loaded.items()))
    source = f"“{key}”所列的 {'、'.join(Path(str(n)).name for n in listed)} "
    if len(rounds) < len(listed):
        return Supplied({}, source, complete=False)
    values, problems = summarise(rounds)
    issues += problems
    return Supplied(values, source)


def _not_this_report(report: dict[str, Any], round_values: dict[str, Any]) -> str:
    """Why a round file does not belong in this report (another committee, another year), or ""."""
    org = report.get("org") if isinstance(report.get("org"), dict) else {}
    own = round_values["org"]["name"]
    if isinstance(org.get("name"), str) and org["name"].strip() != own:
        return f"是{own}的轮次，不是{org['name'].strip()}的"
    year = report.get("year")
    round_ = round_values["round"]
    if isinstance(year, int) and year not in (round_["start"].year, round_["end"].year):
        return f"是{round_['start'].year}年的轮次，不属于{year}年度"
    return ""


def _frameworks_of(
    doc: Document, template: Template, config: Document | None, issues: list[Issue]
) -> Frameworks | None:
    """The template's frameworks, overridden by drafter.yaml's ``frameworks:``, then by the facts'."""
    frameworks = template.frameworks
    if frameworks is None:
        return None
    for source in (config_section(config, FRAMEWORKS_KEY), doc):
        if source is not None and isinstance(source.data, dict) and FRAMEWORKS_KEY in source.data:
            data = source.data[FRAMEWORKS_KEY]
            frameworks, problems = read_frameworks(source, (FRAMEWORKS_KEY,), data, frameworks)
            issues += problems
    return frameworks


def _item_count(doc: Document, each: str) -> int:
    items = doc.data.get(each) if isinstance(doc.data, dict) else None
    return len(items) if isinstance(items, list) else 0


def _without_failed_items(
    doc: Document, each: str, issues: list[Issue]
) -> tuple[Document, list[tuple[str, tuple[Issue, ...]]]]:
    """The document without the items that have issues, and those items' names and issues.

    When any issue lies outside the items, nothing is left out: the file as a whole is wrong.
    """
    by_item: dict[int, list[Issue]] = {}
    locate = item_locator(doc, each)
    for issue in issues:
        index = locate(issue)
        if index is None:
            return doc, []
        by_item.setdefault(index, []).append(issue)
    items = doc.data[each]
    failed = [(_item_name(items[i], i), tuple(by_item[i])) for i in sorted(by_item)]
    kept = [item for i, item in enumerate(items) if i not in by_item]
    # Positions are not renumbered: the kept items passed every check, so none is asked for again.
    return Document(doc.path, {**doc.data, each: kept}, doc.value_pos, doc.key_pos), failed


def _item_name(item: Any, index: int) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return str(name) if isinstance(name, (str, int)) and str(name).strip() else f"第{index + 1}个单位"


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


def render_model(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> DocumentModel:
    """Render the template with the facts (and one item's facts) into a numbered document model."""
    template = loaded.template
    functions = TemplateSnippets(loaded.library) if loaded.library is not None else None
    text = render(
        template.directory,
        template.document,
        _context(loaded, item),
        {"snippet": functions} if functions is not None else None,
    )
    if functions is not None:
        loaded.snippet_uses.extend(functions.uses())
    return parse_markup(text, source=display_path(template.directory / template.document))


def _context(loaded: LoadedFacts, item: dict[str, Any] | None) -> dict[str, Any]:
    context = loaded.context
    if item is not None:
        context["unit"] = item
    return context


def document_bytes(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> bytes:
    """The finished .docx for a loaded facts file (for one item of it, when it makes one per item)."""
    model = render_model(loaded, item)
    values = loaded.facts.values
    stamp = _lookup(item, loaded.template.date_fact) if item else None
    stamp = stamp or values.get(loaded.template.date_fact)
    creator = _lookup(values, loaded.template.creator_fact) or "drafter"
    return write_docx(
        model,
        loaded.format,
        stamp=stamp if isinstance(stamp, dt.date) else dt.date(1980, 1, 1),
        creator=str(creator),
    )


def item_file_name(loaded: LoadedFacts, item: dict[str, Any]) -> str:
    """The file name of one item's document, from the template's pattern, safe on every system."""
    template = loaded.template
    text = render(template.directory, "template.yaml", _context(loaded, item), source=template.file_name)
    return safe_file_name(text) + ".docx"


@dataclass(frozen=True, slots=True)
class Built:
    """One document of a build: written to ``path``, or not, because of ``problem``."""

    name: str
    path: Path | None = None
    problem: str = ""
    warnings: tuple[str, ...] = ()


def build(
    facts_path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    on_warning: Callable[[str], None] | None = None,
) -> Path:
    """Build the one document a facts file asks for; returns the path written.

    Nothing is written unless every check passes and the whole document is ready. Warnings that do not
    stop the build (a snippet out of date or for another level) go to ``on_warning``, one line each.
    """
    target = out if out is not None else facts_path.with_suffix(".docx")
    if target.is_dir():
        target = target / facts_path.with_suffix(".docx").name
    if target.resolve() == facts_path.resolve():
        msg = f"{target}: 输出文件不能是事实文件本身，请用 -o 指定 .docx 文件"
        raise WriteError(msg)
    if target.suffix.lower() != ".docx":
        msg = f"{target}: 输出文件应以 .docx 结尾；要写进一个文件夹，请在文件夹名后加 /"
        raise WriteError(msg)
    loaded = load_facts(facts_path, templates, snippets)
    if loaded.template.each:
        msg = f"{display_path(facts_path)}: 这个事实文件每个单位生成一份文档，请用 build_each"
        raise WriteError(msg)
    write_new_file(target, document_bytes(loaded), force=force)
    for warning in snippet_warnings(loaded) if on_warning is not None else ():
        on_warning(warning)
    return target


def snippet_warnings(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> list[str]:
    """Currency warnings for the snippets a rendered document used (call after render_model)."""
    values = loaded.facts.values
    date = (_lookup(item, loaded.template.date_fact) if item else None) or values.get(
        loaded.template.date_fact
    )
    level = document_level(_lookup(values, "org.level"))
    return currency_report(loaded.snippet_uses, date if isinstance(date, dt.date) else None, level)


def makes_one_per_item(facts_path: Path, templates: Path | None = None) -> bool:
    """Whether a facts file builds one document per item (then its output is a folder)."""
    doc = load_yaml(facts_path)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("template"), str):
        return False
    try:
        return bool(find_template(doc.data["template"], templates_root(templates)).each)
    except TemplateNotFoundError:
        return False


def build_each(
    facts_path: Path,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    only: str | None = None,
    snippets: Sequence[Path] = (),
) -> Iterator[tuple[int, int, Built]]:
    """Build one document per item into a folder, yielding (number, total, result) as each is done.

    An item with its own problems, or whose document cannot be written, is reported and skipped; the
    others are still built. Problems outside the items stop everything before anything is written.
    """
    folder = out_dir if out_dir is not None else facts_path.with_suffix("")
    if folder.suffix.lower() == ".docx" or folder.is_file():
        msg = f"{folder}: 这个事实文件每个单位生成一份文档，-o 请给出一个文件夹"
        raise WriteError(msg)
    loaded = load_facts(facts_path, templates, snippets, keep_good_items=True)
    items = loaded.items()
    failed = [Built(name, problem="\n".join(str(i) for i in issues)) for name, issues in loaded.failed]
    if only is not None:
        items, failed = _only(facts_path, only, items, failed)
    total = len(items) + len(failed)
    done = 0
    for result in failed:
        done += 1
        yield done, total, result
    used: set[str] = set()
    for item in items:
        done += 1
        yield done, total, _build_item(loaded, item, folder, used, force)


def _only(
    facts_path: Path, only: str, items: list[dict[str, Any]], failed: list[Built]
) -> tuple[list[dict[str, Any]], list[Built]]:
    chosen = [i for i in items if only in (i.get("name"), i.get("party_org"))]
    chosen_failed = [f for f in failed if f.name == only]
    if not chosen and not chosen_failed:
        names = [str(i.get("name")) for i in items] + [f.name for f in failed]
        hint = difflib.get_close_matches(only, names, n=1, cutoff=0.5)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        msg = f"{display_path(facts_path)}: 没有名为“{only}”的单位{tip}（有：{'、'.join(names)}）"
        raise SelectionError(msg)
    return chosen, chosen_failed


def _build_item(
    loaded: LoadedFacts, item: dict[str, Any], folder: Path, used: set[str], force: bool
) -> Built:
    name = str(item.get("name"))
    try:
        file_name = item_file_name(loaded, item)
        stem = file_name.removesuffix(".docx")
        counter = 2
        # Two units whose names differ only in unsafe characters, or in letter case (one file on Windows).
        while file_name.casefold() in used:
            file_name = f"{stem}（{counter}）.docx"
            counter += 1
        used.add(file_name.casefold())
        target = folder / file_name
        from_facts = len(loaded.snippet_uses)
        data = document_bytes(loaded, item)
        warnings = snippet_warnings(loaded, item)
        # The facts' own snippet uses stay; this unit's template uses are not carried to the next unit.
        del loaded.snippet_uses[from_facts:]
        write_new_file(target, data, force=force)
    except DrafterError as err:
        return Built(name, problem=str(err))
    return Built(name, path=target, warnings=tuple(warnings))


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


# preview, doctor and check import their modules when called: building a document needs none of them,
# and every import is start-up time a user waits for.


def preview(
    source: Path,
    out: Path | None = None,
    *,
    png_dir: Path | None = None,
    dpi: int = 100,
    force: bool = False,
    templates: Path | None = None,
    unit: str | None = None,
) -> Preview:
    """PDF (and PNG) pages of a facts file's document or of a .docx, through LibreOffice.

    A facts file is built in memory into a temporary folder; nothing but the previews is written.
    A round facts file makes one document per unit: ``unit`` says which one to preview.
    """
    from .preview import check_tools, preview_docx, preview_target, source_kind

    if source_kind(source) == "document":
        return preview_docx(source, preview_target(source, out), png_dir=png_dir, dpi=dpi, force=force)
    loaded = load_facts(source, templates)
    item = _preview_item(source, loaded, unit)
    default = source.with_name(item_file_name(loaded, item)).with_suffix(".pdf") if item else None
    target = preview_target(source, out or default)
    check_tools(png=png_dir is not None)
    data = document_bytes(loaded, item)
    with tempfile.TemporaryDirectory(prefix="drafter-build-") as temp:
        docx = Path(temp) / f"{source.stem}.docx"
        docx.write_bytes(data)
        return preview_docx(docx, target, png_dir=png_dir, dpi=dpi, force=force)


def _preview_item(source: Path, loaded: LoadedFacts, unit: str | None) -> dict[str, Any] | None:
    """The one unit of a round file to preview (None for a one-document facts file)."""
    if not loaded.template.each:
        if unit is not None:
            msg = f"{display_path(source)}: --unit 只用于一轮多个单位的事实文件"
            raise SelectionError(msg)
        return None
    items = loaded.items()
    if unit is None and len(items) == 1:
        return items[0]
    if unit is None:
        names = "、".join(str(i["name"]) for i in items)
        msg = (
            f"{display_path(source)}: 这一轮有 {len(items)} 个单位，请用 --unit 指定预览哪一个（有：{names}）"
        )
        raise SelectionError(msg)
    chosen, _ = _only(source, unit, items, [])
    return chosen[0]


def doctor_report(facts_path: Path | None = None) -> str:
    """``drafter doctor``'s report for the format of a facts file, or of drafter.yaml in this folder."""
    from .doctor import report as doctor_text

    if facts_path is not None:
        doc = load_yaml(facts_path)
    else:
        doc = Document(Path.cwd() / CONFIG_NAME, {})
    fmt, issues = resolve_format(doc)
    if issues:
        raise FactsError(issues)
    layers = []
    config = doc.path.parent / CONFIG_NAME
    if config.is_file():
        layers.append(display_path(config))
    if facts_path is not None and isinstance(doc.data, dict) and "format" in doc.data:
        layers.append(f"{display_path(facts_path)} 的 format: 一节")
    source = "内置标准版式（GB/T 9704-2012）"
    if layers:
        source += "，按 " + "、".join(layers) + " 调整"
    return doctor_text(fmt, source)


def check(path: Path, options: CheckOptions) -> Checked:
    """Findings for one file of ``drafter check``: a facts file is validated and rendered first.

    Unreadable input (missing file, unknown type, YAML syntax error) raises DrafterError.
    """
    from .checking import Checked, check_draft, check_rendered, facts_problems, is_facts_path
    from .findings import FileReport

    if not is_facts_path(path):
        return check_draft(path, options)
    doc = load_yaml(path)
    try:
        loaded = load_facts(path, options.templates)
    except FactsError as err:
        return facts_problems(path, err.issues)
    if not loaded.template.each:
        return check_rendered(path, doc, loaded.facts.values, render_model(loaded), options)
    # A round file: every unit's document is checked. A finding in a unit's own text names the unit;
    # one that points into the facts shared by all units is reported once.
    merged = FileReport(display_path(path), "facts")
    seen: set[tuple[Any, ...]] = set()
    for item in loaded.items():
        values = {**loaded.facts.values, "date": item.get(loaded.template.date_fact)}
        skip = frozenset() if item.get("clues") else frozenset({"feedback-clues"})
        report = check_rendered(
            path, doc, values, render_model(loaded, item), options, not_applicable=skip
        ).report
        for finding in report.findings:
            if finding.line is None:
                finding = replace(finding, message=f"〔{item['name']}的反馈意见〕{finding.message}")
            key = (finding.code, finding.rule, finding.line, finding.col, finding.message, finding.excerpt)
            if key not in seen:
                seen.add(key)
                merged.findings.append(finding)
    return Checked(merged)
