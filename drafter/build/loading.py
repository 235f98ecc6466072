"""A facts file → facts that passed every check, with their template, format, phrase library and,
for a round, which units were left out.

Reading is more than validating against the schema: {snippet: id} items are resolved first; the
problem categories of a round are checked against the unit's framework; an annual report's round files
are read and summed; a county's drafter.yaml supplies practice and categories. Every problem found on the
way is reported together, with its place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..facts.local_config import config_section, read_config
from ..docx.format import DocFormat
from ..core.errors import DrafterError, FactsError, Issue, TemplateNotFoundError
from ..facts.yamlfile import Document, load_yaml
from ..kinds.frameworks import Frameworks, read_frameworks
from ..core.levels import org_words
from ..core.locations import templates_root
from ..kinds.feedback import check_units, item_locator, unit_facts
from ..facts.schema import Field, Schema
from ..docx.format_settings import resolve_format
from ..phrases.use import SnippetUse, resolve_references
from ..phrases.library import Library, library_folders, load_library
from ..facts.templates import Template, find_template, template_names
from ..facts.validation import Supplied, Validated, not_a_mapping, validate
from ..kinds.annual import RoundFile, summarise

COMMON_KEYS = frozenset({"template", "format"})
# A feedback template's facts may override its problem-category frameworks under this key.
FRAMEWORKS_KEY = "frameworks"
# A county's way of writing feedback opinions; drafter.yaml may set it for every round file of a folder.
PRACTICE_KEY = "practice"


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
    document: Document | None = None,
) -> LoadedFacts:
    """Read and check a facts file; FactsError lists every problem at once.

    ``snippets`` are a unit's phrase folders, searched before those in drafter.yaml and the built-ins.

    With ``keep_good_items``, problems inside single items of a one-document-per-item template leave
    just those items out (see LoadedFacts.failed); problems anywhere else still fail the whole file.
    ``supply=False`` leaves the files a facts file lists (``round_files``) unread: it is used when
    reading those files themselves, so a file that lists itself cannot loop. ``one_per_item=True``
    refuses, before any checking, a file whose template makes a single document (NotOnePerItem).
    ``document``: the file already parsed by the caller (its {snippet: id} items get resolved in place).
    """
    doc = document if document is not None else load_yaml(path)
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
    for i, item in enumerate(listed):
        if isinstance(item, (dict, list, bool)) or item is None or not str(item).strip():
            continue  # validation says what is wrong with it
        name = str(item).strip()
        path = Path(doc.path).parent / name
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
