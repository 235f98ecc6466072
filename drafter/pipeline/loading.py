"""A facts file → facts that passed every check, with their template, kind, format, phrase library and,
for a document per item, which items were left out.

Reading is more than validating against the schema: {snippet: id} items are resolved first; the
template's kind is set up for the file (kinds/) and adds what only it knows — facts other files supply,
checks beyond the schema; a county's drafter.yaml supplies practice. Every problem found on the way is
reported together, with its place.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import FactsError, Issue, Reminder, TemplateNotFoundError, WrongKindError, display_path
from ..core.levels import org_words
from ..core.locations import templates_root
from ..docx.format import DocFormat
from ..docx.format_settings import resolve_format
from ..docx.masthead import MASTHEAD_KEY, Masthead, resolve_masthead
from ..facts.local_config import config_section, read_config
from ..facts.schema import Field, Schema
from ..facts.templates import Template, find_template, template_names
from ..facts.validation import Supplied, Validated, not_a_mapping, validate
from ..facts.yamlfile import Document, KeyPath, Pos, load_yaml
from ..kinds.base import DocumentKind, KindSetup
from ..kinds.registry import kind_of
from ..phrases.library import Library, library_folders, load_library
from ..phrases.use import SnippetUse, resolve_references

# Keys any facts file may carry whatever its template: its template, its format, its official frame.
COMMON_KEYS = frozenset({"template", "format", MASTHEAD_KEY})
# A county's way of writing its documents; drafter.yaml may set it for every facts file of a folder.
PRACTICE_KEY = "practice"


@dataclass(frozen=True, slots=True)
class LoadedFacts:
    """A facts file that passed every check, with its template, kind and format.

    For a template that makes one document per item (a round's units), ``failed`` lists the items left
    out because of their own problems: (the item's name, its issues). The other items still build.
    """

    template: Template
    facts: Validated
    format: DocFormat
    kind: DocumentKind
    failed: tuple[tuple[str, tuple[Issue, ...]], ...] = ()
    library: Library | None = None
    # The facts' own {snippet: id} items; the snippets a template calls come back from rendering.
    snippet_uses: tuple[SnippetUse, ...] = ()
    # The official frame (版头, 版记, 附件) from ``masthead:`` here or in drafter.yaml; None: the body alone.
    masthead: Masthead | None = None
    # What the documents say in general words because the facts leave it out (the kind's reminders).
    reminders: tuple[Reminder, ...] = ()

    @property
    def values(self) -> dict[str, Any]:
        """The validated facts."""
        return self.facts.values

    @property
    def document(self) -> Document:
        """The facts file as parsed, for positioned messages."""
        return self.facts.document

    @property
    def context(self) -> dict[str, Any]:
        """What the template sees: the facts, the facts derived from them, and the level words."""
        values = self.facts.values
        words = {"words": org_words(values["org"])} if isinstance(values.get("org"), dict) else {}
        return {**values, **self.facts.derived, **words}

    def items(self) -> list[dict[str, Any]]:
        """The items that get a document each, as their template sees them (empty for one document)."""
        return self.kind.items(self.facts.values) if self.template.each else []


def load_facts(
    path: Path,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    *,
    keep_good_items: bool = False,
    supply: bool = True,
    must_supply: str = "",
    document: Document | None = None,
) -> LoadedFacts:
    """Read and check a facts file; FactsError lists every problem at once.

    ``snippets`` are a unit's phrase folders, searched before those in drafter.yaml and the built-ins.

    With ``keep_good_items``, problems inside single items of a one-document-per-item template leave
    just those items out (see LoadedFacts.failed); problems anywhere else still fail the whole file.
    ``supply=False`` leaves the files a facts file lists (an annual report's ``round_files``) unread: it
    is used when reading those files themselves, so a file that lists itself cannot loop.
    ``must_supply`` refuses, before any checking, a file whose kind does not supply that (WrongKindError).
    ``document``: the file already parsed by the caller (its {snippet: id} items get resolved in place).
    """
    doc = document if document is not None else load_yaml(path)
    root = templates_root(templates)
    issues: list[Issue] = []
    uses: list[SnippetUse] = []
    try:
        library: Library | None = load_library(library_folders(snippets, path.parent))
    except FactsError as err:
        # A broken phrase folder: its problems are reported with the file's other problems that do not
        # depend on the phrases (template, format, drafter.yaml) — not alone, one run at a time.
        issues += err.issues
        library = None
    if library is not None:
        try:
            uses = resolve_references(doc, library)
        except FactsError as err:
            issues += err.issues
    template = _template_of(doc, root, issues)
    fmt, format_problems = resolve_format(doc)
    issues += format_problems
    masthead, masthead_problems = resolve_masthead(doc)
    issues += masthead_problems
    if template is None or library is None:
        raise FactsError(issues)
    options = dict(template.kind_options)
    where = display_path(template.directory / "template.yaml")
    kind_class = kind_of(template.kind, options, template.each, template.schema, where)
    if must_supply and kind_class.supplies != must_supply:
        raise WrongKindError(template.name)
    # A broken drafter.yaml is already reported by resolve_format; here it just adds nothing.
    config = _config_beside(path)
    setup = KindSetup(template.directory, options, doc, config, template.each)
    kind = kind_class.set_up(setup, issues)
    ignore = COMMON_KEYS | kind.extra_keys

    def load_other(other: Path, supplies: str) -> LoadedFacts:
        return load_facts(other, root, snippets, supply=False, must_supply=supplies)

    supplied = kind.supplied(doc, template.schema, load_other, issues) if supply else None
    validated, problems = _validated(doc, template, ignore, kind, supplied)
    issues += problems
    failed: list[tuple[str, tuple[Issue, ...]]] = []
    if issues and keep_good_items and template.each:
        kept, failed = _without_failed_items(doc, kind, issues)
        if failed and _item_count(kept, template.each):
            validated, issues = _validated(kept, template, ignore, kind, supplied)
        else:
            failed = []  # every item is wrong, or the file itself: report it as one file
    if validated is not None:
        issues += _county_practice(doc, config, template, validated)
        issues += _county_sections(doc, config, template, validated, kind.county_keys)
    if issues or validated is None:
        raise FactsError(issues)
    validated.derived.update(kind.derive(validated.values))
    reminders = tuple(kind.reminders(validated.document, validated.values))
    return LoadedFacts(
        template, validated, fmt, kind, tuple(failed), library, tuple(uses), masthead, reminders
    )


def _config_beside(path: Path) -> Document | None:
    try:
        return read_config(path.parent)
    except FactsError:
        return None


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


def _county_sections(
    doc: Document, config: Document | None, template: Template, validated: Validated, keys: tuple[str, ...]
) -> list[Issue]:
    """The sections a kind lets drafter.yaml give a folder's facts files (where a round's returned
    ledgers are), each taken whole where the facts file does not give its own. Returns their problems."""
    issues: list[Issue] = []
    typed = doc.data if isinstance(doc.data, dict) else {}
    for key in keys:
        field = next((f for f in template.schema.root.fields if f.name == key), None)
        section = config_section(config, key)
        if field is None or section is None or key in typed:
            continue
        try:
            county = validate(section, Schema(root=Field(name="", type="map", label="", fields=(field,))))
        except FactsError as err:
            issues += err.issues
            continue
        validated.values[key] = county.values[key]
    return issues


def _validated(
    doc: Document,
    template: Template,
    ignore: frozenset[str],
    kind: DocumentKind,
    supplied: Supplied | None,
) -> tuple[Validated | None, list[Issue]]:
    """The validated facts (None when the schema's checks fail) and every issue, the kind's included."""
    try:
        validated = validate(doc, template.schema, ignore=ignore, supplied=supplied)
    except FactsError as err:
        return None, list(err.issues)
    return validated, kind.check(doc, validated.values)


def _item_count(doc: Document, each: str) -> int:
    items = doc.data.get(each) if isinstance(doc.data, dict) else None
    return len(items) if isinstance(items, list) else 0


def _without_failed_items(
    doc: Document, kind: DocumentKind, issues: list[Issue]
) -> tuple[Document, list[tuple[str, tuple[Issue, ...]]]]:
    """The document without the items that have issues, and those items' names and issues.

    When any issue lies outside the items, nothing is left out: the file as a whole is wrong.
    """
    each = kind.each
    by_item: dict[int, list[Issue]] = {}
    locate = item_locator(doc, each)
    for issue in issues:
        index = locate(issue)
        if index is None:
            return doc, []
        by_item.setdefault(index, []).append(issue)
    items = doc.data[each]
    failed = [(kind.item_name(items[i], i), tuple(by_item[i])) for i in sorted(by_item)]
    kept_indexes = [i for i in range(len(items)) if i not in by_item]
    kept = [items[i] for i in kept_indexes]
    # The kept items' places follow them to their new indexes: reminders about them are placed later.
    renumber = {old: new for new, old in enumerate(kept_indexes)}
    return (
        Document(
            doc.path,
            {**doc.data, each: kept},
            _renumbered(doc.value_pos, each, renumber),
            _renumbered(doc.key_pos, each, renumber),
        ),
        failed,
    )


def _renumbered(places: dict[KeyPath, Pos], each: str, renumber: dict[int, int]) -> dict[KeyPath, Pos]:
    """Places with the items of ``each`` moved to their new indexes; those of left-out items dropped."""
    moved: dict[KeyPath, Pos] = {}
    for path, pos in places.items():
        if len(path) > 1 and path[0] == each and isinstance(path[1], int):
            if path[1] not in renumber:
                continue
            path = (each, renumber[path[1]], *path[2:])
        moved[path] = pos
    return moved


def item_locator(doc: Document, each: str) -> Callable[[Issue], int | None]:
    """A function telling which item of the list ``each`` an issue stands in (None: outside the items).

    Items are told apart by the lines they start on; the last one ends where the next top-level key
    begins. Built once per file, so placing many issues stays fast for long lists.
    """
    items = doc.data.get(each) if isinstance(doc.data, dict) else None
    count = len(items) if isinstance(items, list) else 0
    starts = [doc.pos((each, i)).line for i in range(count)]
    below = [doc.key_pos[(k,)].line for k in doc.data if (k,) in doc.key_pos] if count else []
    end = min((line for line in below if line > starts[-1]), default=None) if starts else None

    def locate(issue: Issue) -> int | None:
        if not starts or str(issue.path) != str(doc.path) or issue.line < starts[0]:
            return None
        if end is not None and issue.line >= end:
            return None
        return bisect.bisect_right(starts, issue.line) - 1

    return locate


def _template_of(doc: Document, root: Path, issues: list[Issue]) -> Template | None:
    data = doc.data
    if not isinstance(data, dict):
        raise not_a_mapping(doc)
    name = data.get("template")
    if name is None or isinstance(name, (dict, list)) or not str(name).strip():
        place = ("template",) if "template" in data else ()
        names = "、".join(template_names(root))
        # at_key: an empty value's position is wherever the next line starts.
        issues.append(doc.issue(place, f"缺少“template:”，请写明使用哪个模板（可用：{names}）", at_key=True))
        return None
    try:
        return find_template(str(name), root)
    except TemplateNotFoundError as err:
        issues.append(doc.issue(("template",), str(err)))
        return None
