"""What ``drafter check`` found, and how it is shown: text for people, JSON for tools.

A finding is data, not an exception: a stable code (L1–L13 of the lint catalogue, F1 for facts that
break their schema), a severity, the place (a facts file's line:col, or a draft's paragraph number
with a short excerpt), a Chinese message and, where there is one, the suggested wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place: ``line``/``col`` in a facts file, or ``paragraph`` (with ``col``, the
    1-based character where the problem starts) in a draft or in what a facts file renders to."""

    code: str
    severity: str
    message: str
    rule: str = ""
    line: int | None = None
    col: int | None = None
    paragraph: int | None = None
    excerpt: str = ""
    suggestion: str | None = None

    @property
    def place(self) -> str:
        """Where the finding is, as the text output shows it."""
        if self.line is not None:
            return f"{self.line}:{self.col or 1}"
        if self.paragraph is not None:
            return f"第{self.paragraph}段"
        return "全文"

    def sort_key(self) -> tuple[int, int, int, str]:
        """Position order: facts positions and paragraphs first, whole-document findings last."""
        if self.line is not None:
            return (0, self.line, self.col or 0, self.code)
        if self.paragraph is not None:
            return (1, self.paragraph, self.col or 0, self.code)
        return (2, 0, 0, self.code)


@dataclass(slots=True)
class FileReport:
    """The findings of one checked file."""

    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        """Findings in document order."""
        return sorted(self.findings, key=Finding.sort_key)


def counts(reports: Iterable[FileReport]) -> dict[str, int]:
    """How many findings of each severity."""
    total = dict.fromkeys(SEVERITIES, 0)
    for report in reports:
        for finding in report.findings:
            total[finding.severity] += 1
    return total


def failed(reports: Iterable[FileReport], *, strict: bool = False) -> bool:
    """Whether the check fails: any error, or under ``strict`` any warning too."""
    total = counts(reports)
    return bool(total["error"] or (strict and total["warning"]))


# The version of the JSON output; it changes only when a key is removed or changes its meaning.
JSON_VERSION = 1
# A group of findings shows this many of its places; the rest are counted.
SHOWN_PLACES = 3
# A pattern rule's message starts with what it matched (“,”：…): the rest says what is wrong.
_QUOTED_MATCH = re.compile(r"^“[^”]*”：")


def grouped(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings for reading: one group per rule, paragraph (or facts line) and message, errors before
    warnings before notes, each severity in document order. Thirty half-width commas pasted into one
    paragraph become one group, so that they do not bury the one wrong organ name."""
    groups: dict[tuple[str, str, str, int | None, int | None], list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        key: tuple[str, str, str, int | None, int | None]
        # Only findings that say the same thing are one line: thirty commas, not two different sums.
        said = _QUOTED_MATCH.sub("", finding.message)
        if finding.paragraph is None and finding.line is None:
            key = (finding.severity, f"{finding.rule}#{len(groups)}", said, None, None)  # whole-text: alone
        else:
            key = (finding.severity, finding.rule, said, finding.line, finding.paragraph)
        groups.setdefault(key, []).append(finding)
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    return sorted(groups.values(), key=lambda g: (rank[g[0].severity], g[0].sort_key()))


def format_text(reports: list[FileReport], *, color: bool = False) -> str:
    """Findings by file, one line per rule and paragraph, each line starting with ``file:place`` like
    every other message of drafter (``2026年度.yaml:12:5: …``, ``初稿.docx:第3段「…」: …``); errors
    first; then how many findings each rule made, and the totals."""
    lines: list[str] = []
    for report in reports:
        groups = grouped(report.findings)
        if not groups:
            lines.append(f"{report.path}: 未发现问题")
        lines += [_group_line(report.path, group, color) for group in groups]
    lines += _by_rule(reports, color)
    total = counts(reports)
    lines.append(
        f"共检查 {len(reports)} 个文件：错误 {total['error']} 处，警告 {total['warning']} 处，"
        f"提示 {total['info']} 处。"
    )
    return "\n".join(lines)


def _severity(severity: str, color: bool) -> str:
    name = SEVERITY_NAMES[severity]
    return f"{_COLOURS[severity]}{name}{_RESET}" if color else name


def _group_line(path: str, group: list[Finding], color: bool) -> str:
    first = group[0]
    excerpt = f"「{first.excerpt}」" if first.excerpt else ""
    text = f"{path}:{first.place}{excerpt}: {_severity(first.severity, color)} {first.code} {first.message}"
    suggestions = list(dict.fromkeys(f.suggestion for f in group if f.suggestion))
    if suggestions:
        shown = "；".join(suggestions[:SHOWN_PLACES]) + ("……" if len(suggestions) > SHOWN_PLACES else "")
        text += f"（建议：{shown}）"
    if len(group) > 1:
        unit = "行" if first.line is not None else "段"
        columns = [f"第{f.col}字" for f in group if f.col is not None][:SHOWN_PLACES]
        where = f"，见{'、'.join(columns)}{'等' if len(group) > len(columns) else ''}" if columns else ""
        text += f"——本{unit}同类共 {len(group)} 处{where}"
    return text


def _by_rule(reports: list[FileReport], color: bool) -> list[str]:
    """How many findings each rule made, errors first: what to fix first, and what to switch off."""
    tally: dict[tuple[str, str, str], int] = {}
    for report in reports:
        for f in report.findings:
            key = (f.severity, f.code, f.rule)
            tally[key] = tally.get(key, 0) + 1
    if not tally:
        return []
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    ordered = sorted(
        tally.items(), key=lambda item: (rank[item[0][0]], -item[1], _code_order(item[0][1]), item[0][2])
    )
    return ["按规则统计："] + [
        f"  {_severity(severity, color)} {code} {rule or '（未命名）'}：{n} 处"
        for (severity, code, rule), n in ordered
    ]


def _code_order(code: str) -> tuple[str, int]:
    """L2 before L12."""
    digits = code.lstrip("LF")
    return code[:1], int(digits) if digits.isdigit() else 0


def format_changes(changes: list[dict[str, str]]) -> str:
    """What --fix did, one line per change."""
    lines = []
    for change in changes:
        if change["status"] == "unchanged":
            lines.append(f"{change['file']}：{change['note']}，未另存文件。")
        elif "output" not in change:
            lines.append(f"{change['file']}：{change['note']}，请按上面的位置修改事实文件。")
        elif change["status"] == "fixed":
            where = f"（{change['output']}）第{change['paragraph']}段"
            lines.append(f"已改{where}：“{change['from']}”→“{change['to']}”")
        else:
            lines.append(
                f"未改（格式跨越了多个片段，请手工修改）第{change['paragraph']}段：“{change['from']}”"
            )
    return "\n".join(lines)


def format_json(reports: list[FileReport], changes: list[dict[str, str]] | None = None) -> str:
    """Every finding as JSON, in document order (docs/check-rules.md, “JSON 输出”, describes it):
    ``{"version": 1, "files": [{path, kind, findings: [...]}], "summary": {...}}``."""
    payload: dict[str, object] = {
        "version": JSON_VERSION,
        "files": [
            {
                "path": report.path,
                "kind": report.kind,
                "findings": [asdict(f) for f in report.sorted_findings()],
            }
            for report in reports
        ],
        "summary": counts(reports),
    }
    if changes is not None:
        payload["fixes"] = changes
    return json.dumps(payload, ensure_ascii=False, indent=2)
