"""A round's 整改台账: its rows (the round's counting units), what the 巡察办 writes into each unit's
ledger, where the returned ledgers are and reading them back.

What counts as one problem is a county's practice (``practice: count_by``): a concrete problem
(具体表现, the default, as most counties count) or a feedback finding. The feedback opinion, the ledger and
the annual report all count the rows made here, so their figures agree.

openpyxl is loaded only when a ledger is really read (``read_returned``): building a round's feedback
opinions or an annual report whose rounds name no ledgers never pays for it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from pathlib import Path
from typing import Any

from ..core.dates import cn_date_range
from ..core.errors import FactsError, Issue
from ..core.levels import org_words
from ..core.numerals import chinese_numeral
from ..core.output import safe_file_name
from ..facts.yamlfile import Document
from ..workbook.ledger import LedgerSpec, Problem, Returned

# The round file's key naming where the returned ledgers are (drafter.yaml may name it for a folder).
LEDGERS_KEY = "ledgers"
# practice: count_by — the default counts concrete problems; this value counts feedback findings.
BY_FINDING = "反馈问题"
# What ledger_file_name puts before the unit's name (of any round): not a sign of whose ledger it is.
_LEDGER_PREFIX = re.compile(r"^第[^轮]{1,6}轮巡察反馈问题整改台账-")


def unit_rows(unit: dict[str, Any], count_by: str) -> list[Problem]:
    """The unit's ledger rows in the feedback opinion's order (its problems grouped by category)."""
    rows: list[Problem] = []
    for group in unit["problem_groups"]:
        for problem in group["problems"]:
            finding = str(problem["finding"]).rstrip("。；;. ")
            details = [str(d).rstrip("。；; ") for d in problem.get("details") or []]
            if count_by == BY_FINDING or not details:
                rows.append(Problem(group["heading"], finding, "\n".join(_numbered(details))))
            else:
                rows += [Problem(group["heading"], finding, detail) for detail in details]
    return rows


def _numbered(details: list[str]) -> list[str]:
    if len(details) < 2:
        return details
    return [f"{chinese_numeral(i)}是{d}" for i, d in enumerate(details, start=1)]


def round_name(values: dict[str, Any]) -> str:
    """十五届县委第一轮（常规巡察）."""
    round_ = values["round"]
    words = org_words(values["org"])
    number = chinese_numeral(round_["number"])
    return f"{round_.get('term') or ''}{words['self']}第{number}轮（{round_['type']}）"


def ledger_spec(values: dict[str, Any], unit: dict[str, Any]) -> LedgerSpec:
    """What the 巡察办 writes into one unit's ledger (``unit`` as the feedback kind's items give it)."""
    words = org_words(values["org"])
    rows = unit_rows(unit, values.get("practice", {}).get("count_by", ""))
    return LedgerSpec(
        title=f"{unit['party_org']}巡察反馈问题整改台账",
        unit=str(unit["name"]),
        party_org=str(unit["party_org"]),
        round_number=int(values["round"]["number"]),
        round_name=round_name(values),
        group=f"{words['self']}第{chinese_numeral(unit['group'])}巡察组",
        period=cn_date_range(unit["start"], unit["end"]),
        feedback_date=unit["feedback_date"],
        plan_due=unit["plan_due"],
        report_due=unit["report_due"],
        problems=tuple(rows),
        office=words["office"],
    )


def ledger_file_name(values: dict[str, Any], unit: dict[str, Any]) -> str:
    """第一轮巡察反馈问题整改台账-县财政局.xlsx, named like the unit's feedback opinion."""
    number = chinese_numeral(values["round"]["number"])
    return safe_file_name(f"第{number}轮巡察反馈问题整改台账-{unit['name']}") + ".xlsx"


def has_ledgers(values: dict[str, Any]) -> bool:
    """Whether the round names its returned ledgers."""
    return bool(values.get(LEDGERS_KEY))


def ledger_paths(
    doc: Document,
    values: dict[str, Any],
    units: list[dict[str, Any]],
    issues: list[Issue],
    not_back: list[str] | None = None,
) -> dict[str, Path]:
    """Each unit's returned ledger: named under ``files``, else found in ``folder`` by its file name.

    ``not_back``: where a ledger that is not found is no problem yet (a round in its concentrated period),
    the unit's name goes here instead of a problem into ``issues``.
    """
    spec = values.get(LEDGERS_KEY) or {}
    base = Path(doc.path).parent
    named = {str(k): v for k, v in (spec.get("files") or {}).items()}
    names = [str(u["name"]) for u in units]
    for key in named:
        if key not in names:
            hint = difflib.get_close_matches(key, names, n=1, cutoff=0.5)
            tip = f"，是否想写“{hint[0]}”？" if hint else f"（本轮的单位：{'、'.join(names)}）"
            issues.append(
                doc.issue((LEDGERS_KEY, "files", key), f"本轮没有名为“{key}”的单位{tip}", at_key=True)
            )
    folder = base / str(spec["folder"]) if spec.get("folder") else None
    if folder is not None and not folder.is_dir():
        message = f"找不到文件夹“{spec['folder']}”（相对于轮次文件所在的文件夹）"
        issues.append(doc.issue((LEDGERS_KEY, "folder"), message))
        return {}
    present = _workbooks(folder) if folder is not None else []
    # Files that are, or will be, another unit's ledger: never offered as a renamed one.
    others = [ledger_file_name(values, u) for u in values.get("units") or units if isinstance(u, dict)]
    taken = {*others, *(Path(n).with_suffix(".xls").name for n in others)}
    taken |= {Path(str(f)).name for f in named.values()}
    found: dict[str, Path] = {}
    for unit in units:
        name = str(unit["name"])
        if name in named:
            path = base / str(named[name])
            if path.is_file():
                found[name] = path
            elif not_back is not None:
                not_back.append(name)
            else:
                where = (LEDGERS_KEY, "files", name)
                issues.append(doc.issue(where, f"找不到{name}的整改台账“{named[name]}”"))
            continue
        expected = ledger_file_name(values, unit)
        if folder is not None and (folder / expected).is_file():
            found[name] = folder / expected
        elif folder is not None and (folder / expected).with_suffix(".xls").is_file():
            found[name] = (folder / expected).with_suffix(".xls")  # the reader says how to convert it
        elif not_back is not None:
            not_back.append(name)
        elif folder is not None:
            unit_names = [safe_file_name(str(u["name"])) for u in units]
            renamed = _renamed(safe_file_name(name), [p for p in present if p not in taken], unit_names)
            tip = f"；文件夹里有“{renamed}”，是改了名吗？可在 files: 下写明" if renamed else ""
            message = f"找不到{name}交回的整改台账“{expected}”{tip}"
            issues.append(doc.issue((LEDGERS_KEY, "folder"), message))
        else:
            issues.append(
                doc.issue((LEDGERS_KEY,), f"没有写{name}的整改台账在哪里（folder 或 files）", at_key=True)
            )
    return found


def _renamed(unit: str, candidates: list[str], units: list[str]) -> str | None:
    """The workbook most likely to be ``unit``'s ledger under another name: the one whose name, past the
    prefix every ledger of a round shares, holds the longest run of the unit's name — most of it — and
    no longer run of another unit's (城关镇东街村（已填）.xlsx is 城关镇东街村's, not 城关镇's)."""

    def overlap(name: str, part: str) -> int:
        return difflib.SequenceMatcher(None, name, part).find_longest_match(0, len(name), 0, len(part)).size

    best, longest = None, 0
    for candidate in candidates:
        part = _LEDGER_PREFIX.sub("", Path(candidate).stem)
        size = overlap(unit, part)
        if size > longest and not any(overlap(other, part) > size for other in units if other != unit):
            best, longest = candidate, size
    return best if longest >= max(2, math.ceil(len(unit) * 0.6)) else None


def _workbooks(folder: Path) -> list[str]:
    """The workbooks in a folder, without the lock files Excel and WPS leave while one is open."""
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.suffix.lower() in (".xlsx", ".xls") and not p.name.startswith(("~$", ".~"))
    )


def read_returned(
    doc: Document,
    values: dict[str, Any],
    units: list[dict[str, Any]],
    today: dt.date,
    *,
    in_period: bool = False,
) -> tuple[dict[str, Returned], list[str]]:
    """Every unit's returned ledger, read and checked, and the units whose ledgers are not back yet;
    FactsError with every problem of every ledger.

    ``in_period``: the round is still in its concentrated period, when a unit may not have returned its
    ledger, or returned it as it was sent, not filled in: such units are listed, not problems. Outside it
    every unit's ledger must be there and filled in.
    """
    from ..workbook.reading import read_ledger  # openpyxl: only now that a ledger is read

    issues: list[Issue] = []
    not_back: list[str] = []
    paths = ledger_paths(doc, values, units, issues, not_back if in_period else None)
    returned: dict[str, Returned] = {}
    for unit in units:
        name = str(unit["name"])
        path = paths.get(name)
        if path is None:
            continue
        try:
            read = read_ledger(path, ledger_spec(values, unit), today, blank_ok=in_period)
        except FactsError as err:
            issues += err.issues
            continue
        if read is None:
            not_back.append(name)
        else:
            returned[name] = read
    if issues:
        raise FactsError(issues)
    order = [str(u["name"]) for u in units]
    return returned, sorted(not_back, key=order.index)
