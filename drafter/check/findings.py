"""What ``drafter check`` found, and how it is shown: text for people, JSON for tools.

A finding is data, not an exception: a stable code (L1–L13 of the lint catalogue, F1 for facts that
break their schema), a severity, the place (a facts file's line:col, or a draft's paragraph number
with a short excerpt), a Chinese message and, where there is one, the suggested wording.
"""

from __future__ import annotations

import json
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


def format_text(reports: list[FileReport], *, color: bool = False) -> str:
    """Findings grouped by file and sorted by place, one line each, starting with ``file:place``
    like every other message of drafter (``2026年度.yaml:12:5: …``, ``初稿.docx:第3段「…」: …``)."""
    lines: list[str] = []
    for report in reports:
        found = report.sorted_findings()
        if not found:
            lines.append(f"{report.path}: 未发现问题")
        for finding in found:
            severity = SEVERITY_NAMES[finding.severity]
            if color:
                severity = f"{_COLOURS[finding.severity]}{severity}{_RESET}"
            excerpt = f"「{finding.excerpt}」" if finding.excerpt else ""
            text = f"{report.path}:{finding.place}{excerpt}: {severity} {finding.code} {finding.message}"
            if finding.suggestion:
                text += f"（建议：{finding.suggestion}）"
            lines.append(text)
    total = counts(reports)
    lines.append(
        f"共检查 {len(reports)} 个文件：错误 {total['error']} 处，警告 {total['warning']} 处，"
        f"提示 {total['info']} 处。"
    )
    return "\n".join(lines)


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
    """The same findings as JSON: ``{"files": [{path, kind, findings: [...]}], "summary": {...}}``."""
    payload = {
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
