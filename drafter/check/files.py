"""What ``drafter check`` does with the files it is given: a facts file is loaded, validated and rendered
(each unit of a round file), then checked like a draft; a draft is read and checked; --fix writes the
mechanical fixes of drafts into new files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.dates import parse_date
from ..core.errors import DrafterError, FactsError, OptionError, display_path
from ..facts.yamlfile import load_yaml
from ..pipeline.build import document_date, render_model
from ..pipeline.loading import load_facts
from .document import (
    Checked,
    CheckOptions,
    check_draft,
    check_rendered,
    facts_context,
    facts_problems,
    fix_file,
    is_facts_path,
)
from .findings import FileReport
from .org import org_from_options


def check(path: Path, options: CheckOptions) -> Checked:
    """Findings for one file of ``drafter check``: a facts file is validated and rendered first.

    Unreadable input (missing file, unknown type, YAML syntax error) raises DrafterError.
    """
    if not is_facts_path(path):
        return check_draft(path, options)
    doc = load_yaml(path)  # a syntax error here is unreadable input (exit 1), not a finding
    try:
        loaded = load_facts(path, options.templates, document=doc)
    except FactsError as err:
        return facts_problems(path, err.issues)
    if not loaded.template.each:
        values = {**loaded.facts.values, "date": document_date(loaded)}
        return check_rendered(path, doc, values, render_model(loaded), options)
    # One document per item (a round's units): every item's document is checked. A finding in an
    # item's own text names its document; one that points into the facts shared by all is reported once.
    merged = FileReport(display_path(path), "facts")
    seen: set[tuple[Any, ...]] = set()
    shared = facts_context(path, doc, loaded.facts.values, options)  # once, not once per unit
    for item in loaded.items():
        values = {**loaded.facts.values, "date": document_date(loaded, item)}
        skip = loaded.kind.not_applicable(item)
        report = check_rendered(
            path, doc, values, render_model(loaded, item), options, not_applicable=skip, shared=shared
        ).report
        for finding in report.findings:
            if finding.line is None:
                label = loaded.kind.item_document(item)
                finding = replace(finding, message=f"〔{label}〕{finding.message}")
            key = (finding.code, finding.rule, finding.line, finding.col, finding.message, finding.excerpt)
            if key not in seen:
                seen.add(key)
                merged.findings.append(finding)
    return Checked(merged)


def check_options(
    *,
    rule_files: Sequence[Path] = (),
    org_level: str | None = None,
    parent_level: str | None = None,
    org_name: str | None = None,
    parent_name: str | None = None,
    org_short_name: str | None = None,
    province_level: str | None = None,
    date: str | None = None,
    templates: Path | None = None,
) -> CheckOptions:
    """``drafter check``'s options from what a user typed; OptionError (a Chinese message) when wrong."""
    org = org_from_options(
        org_level, parent_level, org_name, parent_name, org_short_name, province_level=province_level
    )
    try:
        when = parse_date(date) if date else None
    except ValueError:
        when = None
    if date and when is None:
        msg = f"--date 的日期写成 2026-12-25（或 2026年12月25日），而不是“{date}”"
        raise OptionError(msg)
    return CheckOptions(rule_files=tuple(rule_files), org=org, date=when, templates=templates)


def check_files(
    files: Sequence[Path], options: CheckOptions, *, fix: bool = False, force: bool = False
) -> tuple[list[FileReport], list[str], list[dict[str, str]]]:
    """Check several files: (one report per readable file, messages for unreadable ones, --fix changes).

    One unreadable file does not stop the others. With ``fix``, a draft's mechanical problems are
    written into a new ``<name>-fixed`` file; facts files are never rewritten.
    """
    reports, problems, changes = [], [], []
    for path in files:
        try:
            checked = check(path, options)
            reports += [checked.report, *checked.others]
            if fix and checked.report.kind == "facts":
                changes.append({"file": str(path), "status": "skipped", "note": "事实文件不自动修改"})
            elif fix:
                target, made = fix_file(path, checked.fixable, force=force)
                if target is None:
                    changes.append({"file": str(path), "status": "unchanged", "note": "没有可自动修改的问题"})
                changes += [{"file": str(path), "output": str(target), **change} for change in made]
        except DrafterError as err:
            if str(err) not in problems:  # a broken --rules file fails every file the same way
                problems.append(str(err))
    return reports, problems, changes
