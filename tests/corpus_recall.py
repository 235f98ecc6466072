"""How much of what a reviewer would strike ``drafter check`` finds, measured on tests/check_corpus/.

The corpus holds drafts written for these tests: flawed ones, each seeded error listed in manifest.yaml
with its class, the rule that must find it and its paragraph, and clean ones, on which check must raise
no error. Run it to print the table that docs/check-rules.md records:

    python -m tests.corpus_recall
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from drafter.check.files import check_files, check_options
from drafter.check.findings import Finding

CORPUS = Path(__file__).resolve().parent / "check_corpus"
MANIFEST = CORPUS / "manifest.yaml"
CLASSES = ("numbers", "level", "stale", "typo", "repetition", "enumeration")


def manifest() -> dict[str, Any]:
    """The manifest as plain data."""
    data: dict[str, Any] = YAML(typ="safe").load(MANIFEST.read_text(encoding="utf-8"))
    return data


def findings(file: str, org: dict[str, str]) -> list[Finding]:
    """Every finding of check on one corpus draft, checked with the manifest's options."""
    reports, problems, _ = check_files([CORPUS / file], check_options(**org))
    assert not problems, problems
    return reports[0].findings


def paragraphs(file: str) -> list[str]:
    """The draft's paragraphs as check counts them (non-empty lines from 1)."""
    lines = (CORPUS / file).read_text(encoding="utf-8").split("\n")
    return [line.strip() for line in lines if line.strip()]


@dataclass
class Recall:
    """Seeded errors found and missed, by class."""

    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    # Errors in flawed drafts that are no seeded error: false alarms next to the true ones.
    unexpected: list[str] = field(default_factory=list)

    def rate(self, cls: str) -> float:
        return self.found[cls] / self.total[cls] if self.total[cls] else 1.0


def measure_recall() -> Recall:
    """Each seeded error counts as found when a finding of its rule sits in its paragraph; two seeded
    errors of one rule in one paragraph need two findings."""
    recall = Recall()
    for draft in manifest()["flawed"]:
        found = findings(draft["file"], draft["org"])
        available = Counter((f.rule, f.paragraph) for f in found)
        seeded = {(e["rule"], e["paragraph"]) for e in draft["errors"]}
        recall.unexpected += [
            f"{draft['file']}:{f.place} {f.rule} {f.message}"
            for f in found
            if f.severity == "error" and (f.rule, f.paragraph) not in seeded
        ]
        for error in draft["errors"]:
            key = (error["rule"], error["paragraph"])
            recall.total[error["class"]] += 1
            if available[key] > 0:
                available[key] -= 1
                recall.found[error["class"]] += 1
            else:
                where = f"{draft['file']}:第{error['paragraph']}段"
                recall.missed.append(f"{where} {error['rule']} “{error['text']}”")
    return recall


def clean_findings() -> dict[str, list[Finding]]:
    """Each clean draft's findings, errors first."""
    order = {"error": 0, "warning": 1, "info": 2}
    return {
        draft["file"]: sorted(findings(draft["file"], draft["org"]), key=lambda f: order[f.severity])
        for draft in manifest()["clean"]
    }


def main() -> None:
    recall = measure_recall()
    print("| 类别 | 埋入的错误 | 找到 | 召回率 |\n|---|---|---|---|")
    for cls in CLASSES:
        print(f"| {cls} | {recall.total[cls]} | {recall.found[cls]} | {recall.rate(cls):.0%} |")
    total, found = sum(recall.total.values()), sum(recall.found.values())
    print(f"| 合计 | {total} | {found} | {found / total:.0%} |")
    for line in recall.missed:
        print("未找到：", line)
    print(f"有错文稿中不在清单上的错误：{len(recall.unexpected)} 处")
    for line in recall.unexpected:
        print("  ", line)
    clean = clean_findings()
    severities = Counter(f.severity for found in clean.values() for f in found)
    print(
        f"\n{len(clean)} 份无错文稿：错误 {severities['error']} 处，警告 {severities['warning']} 处，"
        f"提示 {severities['info']} 处"
    )
    for file, found in clean.items():
        for f in found:
            print(f"  {file}:{f.place} {f.severity} {f.rule} {f.message}")


if __name__ == "__main__":
    main()
