"""An annual report's figures summed from the year's round facts files, so that they agree everywhere.

The rounds, the units by kind of inspection, the methods' counts, the problems (also by category) and the
clues of an annual report are the sums over the feedback opinions of the year; typing them again in the
annual facts is where numbers used to drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import Issue
from ..facts.yamlfile import Document, KeyPath

METHODS = ("talks", "petitions", "documents", "visits")


@dataclass(frozen=True, slots=True)
class RoundFile:
    """One round facts file that passed its checks: its document, its facts and its units' facts."""

    document: Document
    values: dict[str, Any]
    units: list[dict[str, Any]]


def summarise(rounds: list[RoundFile]) -> tuple[dict[KeyPath, Any], list[Issue]]:
    """The annual facts the round files supply, by key path; issues for rounds given twice."""
    issues: list[Issue] = []
    seen: dict[int, RoundFile] = {}
    for r in rounds:
        number = r.values["round"]["number"]
        if number in seen:
            first = seen[number].document
            message = f"第{number}轮在 {first.path.name} 里已经有了，同一轮只能列一个事实文件"
            issues.append(r.document.issue(("round", "number"), message))
        else:
            seen[number] = r
    ordered = [seen[n] for n in sorted(seen)]
    units = [u for r in ordered for u in r.units]
    supplied: dict[KeyPath, Any] = {("rounds",): [_annual_round(r) for r in ordered]}
    for name in METHODS:
        counts = [u["methods"][name] for u in units if u["methods"].get(name) is not None]
        if counts:
            supplied[("methods", name)] = sum(counts)
    problems = sum(u["problem_count"] for u in units)
    supplied[("findings", "problems")] = problems
    supplied[("rectification", "feedback_problems")] = problems
    clues = [u["clues"] for u in units if u.get("clues")]
    supplied[("findings", "clues")] = sum(c["count"] for c in clues)
    supplied[("findings", "clue_persons")] = sum(c.get("persons", 0) for c in clues)
    supplied[("findings", "by_category")] = _by_category(units)
    return supplied, issues


def _annual_round(r: RoundFile) -> dict[str, Any]:
    """One round as the annual report lists it: dates, groups and units grouped by kind of inspection."""
    round_ = r.values["round"]
    inspections: dict[tuple[str, str | None], list[str]] = {}
    for unit in r.units:
        theme = unit.get("theme") if unit["type"] == "专项巡察" else None
        inspections.setdefault((unit["type"], theme), []).append(unit["party_org"])
    return {
        "number": round_["number"],
        "start": round_["start"],
        "end": round_["end"],
        "groups": round_["groups"],
        # A feedback opinion is only given after the committee has heard the round's report.
        "report_heard": True,
        "rectification_heard": bool(round_.get("rectification_heard")),
        "inspections": [
            {"type": kind, **({"theme": theme} if theme else {}), "units": names}
            for (kind, theme), names in inspections.items()
        ],
    }


def _by_category(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Problems counted per framework and category, in the order they first appear.

    Categories of different frameworks are not merged: 四个落实's 巡察整改 and 四个聚焦's are headed
    differently and counted under their own framework.
    """
    counts: dict[tuple[str, str], int] = {}
    for unit in units:
        for group in unit["problem_groups"]:
            key = (unit["framework"], group["heading"])
            counts[key] = counts.get(key, 0) + len(group["problems"])
    return [{"framework": fw, "category": heading, "count": n} for (fw, heading), n in counts.items()]
