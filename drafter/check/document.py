"""One document's findings: a draft's paragraphs, or what a facts file renders to; and the mechanical
fixes of --fix.

A facts file is validated (its problems become findings F1 at their line:col), then rendered, and
the rendered paragraphs are checked like any draft; a finding whose text comes from a fact is placed
at that fact's line:col, one that comes from the template keeps its paragraph number. check/files.py
does the loading and rendering. A draft (.txt, .docx) is checked paragraph by paragraph. An unreadable
input (missing, unknown type, broken YAML) raises a DrafterError instead: that is exit 1, not a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.errors import Issue, display_path
from ..core.output import write_new_file
from ..docx.drafts import DraftParagraph, draft_labels, model_paragraphs, read_draft, rewrite_draft
from ..facts.yamlfile import Document, KeyPath
from ..render.markup import DocumentModel
from .figures import document_year
from .findings import FileReport
from .inference import infer_org, settled
from .org import Org, org_from_values
from .registry import FACTS, FOREIGN, ORG_INFERRED, ORG_MISSING, TRADITIONAL
from .rulebook import RuleSet, load_rules, with_org
from .script import script_findings
from .structure import document_date, structure_findings
from .text_rules import Hit, compile_rules, find_hits, hit_finding

FACTS_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What the command line says about every checked file."""

    rule_files: tuple[Path, ...] = ()
    org: Org | None = None
    date: dt.date | None = None
    templates: Path | None = None


@dataclass(slots=True)
class Checked:
    """One file's report, and the hits --fix may apply."""

    report: FileReport
    fixable: list[Hit] = field(default_factory=list)
    # Reports for other files a facts file brought in (its round files, the drafter.yaml beside it).
    others: list[FileReport] = field(default_factory=list)


def is_facts_path(path: Path) -> bool:
    """Whether a file is checked as a facts file (validated and rendered) rather than as a draft."""
    return path.suffix.lower() in FACTS_SUFFIXES


def check_draft(path: Path, options: CheckOptions) -> Checked:
    """Check a .txt or .docx draft; raises DrafterError when it cannot be read at all.

    The organization is the command line's, else a drafter.yaml's beside the draft, else the one the
    draft's 署名, title or text names (the report says which it read)."""
    paragraphs = read_draft(path)
    rules = with_org(load_rules(options.rule_files, beside=path), options.org)
    inferred = None
    if rules.org is None:
        inferred = infer_org(paragraphs, draft_labels(path))
    org = inferred.org if inferred is not None else rules.org
    rules = with_org(rules, settled(org, paragraphs) if org is not None else None)
    date = options.date or document_date(paragraphs)
    report = FileReport(display_path(path), path.suffix.lower().lstrip("."))
    hits = _check_paragraphs(paragraphs, rules, date, report)
    if inferred is not None and rules.org is not None and rules.enabled(ORG_INFERRED.id, ORG_INFERRED.code):
        report.findings.append(
            ORG_INFERRED.finding(
                f"没有指定本级党委层级，按{inferred.source}推断本级为{rules.org.described()}；"
                "不对时请用 --org-level 等选项指定"
            )
        )
    if rules.org is None and rules.enabled(ORG_MISSING.id, ORG_MISSING.code):
        report.findings.append(
            ORG_MISSING.finding(
                "没有指定本级党委层级，从署名、标题和正文也看不出，未做层级检查；请加 --org-level"
                "（如 --org-level 县）或在同一文件夹的 drafter.yaml 里写 check: org:"
            )
        )
    return Checked(report, [h for h in hits if h.rule.fix])


def facts_problems(path: Path, issues: list[Issue]) -> Checked:
    """A facts file that breaks its schema: every problem is a finding at its line:col, in the report
    of the file it stands in (a round file the report lists, the drafter.yaml beside it)."""
    reports = {display_path(path): FileReport(display_path(path), "facts")}
    for issue in issues:
        name = display_path(issue.path)
        report = reports.setdefault(name, FileReport(name, "facts"))
        report.findings.append(FACTS.finding(issue.message, line=issue.line, col=issue.col))
    main, *others = reports.values()
    return Checked(main, others=others)


def _check_paragraphs(
    paragraphs: list[DraftParagraph], rules: RuleSet, date: dt.date | None, report: FileReport
) -> list[Hit]:
    """Add the findings of every check to the report; return the pattern rules' hits.

    An undated draft is still checked for stale references from the start of the year its title or
    opening reports on (“2026年度”): a report on 2026 is written in 2026 or later, so no rule about
    currency fires that the real date would not fire. Dates in the text are compared only with a real date."""
    year = document_year(paragraphs, None) if date is None else None
    hits = find_hits(paragraphs, compile_rules(rules, date or (dt.date(year, 1, 1) if year else None)))
    report.findings += [hit_finding(h) for h in hits]
    report.findings += structure_findings(paragraphs, rules, date)
    traditional = rules.enabled(TRADITIONAL.id, TRADITIONAL.code)
    foreign = rules.enabled(FOREIGN.id, FOREIGN.code)
    if traditional or foreign:
        report.findings += script_findings(paragraphs, traditional=traditional, foreign=foreign)
    return hits


def check_rendered(
    path: Path,
    doc: Document,
    values: dict[str, Any],
    model: DocumentModel,
    options: CheckOptions,
    *,
    not_applicable: frozenset[str] = frozenset(),
    shared: tuple[RuleSet, list[tuple[KeyPath, str]]] | None = None,
) -> Checked:
    """Check what a valid facts file renders to; findings that come from a fact point at its line:col.

    The organization is the command line's, else the facts' ``org:`` block. Facts files get no
    --fix: the fix belongs in the facts, which the user edits. ``shared`` (from ``facts_context``) lets
    the documents of one round file share the rules and the facts' texts instead of redoing them per unit.
    """
    rules, texts = shared if shared is not None else facts_context(path, doc, values, options)
    # Rules the facts show do not apply (no clues handed over: nothing to say about them).
    rules = replace(rules, disabled=rules.disabled | not_applicable)
    paragraphs = model_paragraphs(model)
    if rules.org is not None:
        rules = with_org(rules, settled(rules.org, paragraphs))
    stated = values.get("date")
    date = options.date or (stated if isinstance(stated, dt.date) else document_date(paragraphs))
    report = FileReport(display_path(path), "facts")
    hits = _check_paragraphs(paragraphs, rules, date, report)
    # _check_paragraphs puts the hits' findings first, in the order of the hits.
    for i, hit in enumerate(hits):
        where = next((w for w, text in texts if hit.matched in text), None)
        if where is not None:
            pos = doc.pos(where)
            report.findings[i] = replace(report.findings[i], line=pos.line, col=pos.col)
    return Checked(report)


def facts_context(
    path: Path, doc: Document, values: dict[str, Any], options: CheckOptions
) -> tuple[RuleSet, list[tuple[KeyPath, str]]]:
    """The rules for a facts file's organization, and every text in the facts (to place findings)."""
    org = options.org or org_from_values(values.get("org") or {})
    return with_org(load_rules(options.rule_files, beside=path), org), list(_strings(doc.data, ()))


def _strings(value: Any, where: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """(key path, text) of every string in the facts, to find the fact a finding's text came from."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*where, i))


def fix_file(path: Path, hits: list[Hit], *, force: bool = False) -> tuple[Path | None, list[dict[str, str]]]:
    """Write the mechanical fixes of one draft into ``<name>-fixed<suffix>``; return it and the changes.

    The input itself is never touched; an existing output is replaced only with ``force``. With nothing
    to fix, nothing is written (None).
    """
    target = path.with_name(f"{path.stem}-fixed{path.suffix}")
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for hit in sorted(hits, key=lambda h: (h.paragraph.number, h.start)):
        planned = edits.setdefault(hit.paragraph.number, [])
        if hit.replacement is None or (planned and hit.start < planned[-1][1]):
            continue  # overlapping fixes: the first one wins, the next run of check finds the rest
        planned.append((hit.start, hit.end, hit.replacement))
    if not any(edits.values()):
        return None, []  # nothing mechanical to fix: no copy of the file is written
    data, skipped = rewrite_draft(path, edits)
    changes = []
    for hit in hits:
        if hit.replacement is None:
            continue
        done = (hit.paragraph.number, hit.start) not in skipped and (
            hit.start,
            hit.end,
            hit.replacement,
        ) in edits.get(hit.paragraph.number, [])
        changes.append(
            {
                "paragraph": str(hit.paragraph.number),
                "from": hit.matched,
                "to": hit.replacement,
                "status": "fixed" if done else "skipped",
            }
        )
    write_new_file(target, data, force=force)
    return target, changes
