"""Inputs for the benchmarks, made from the samples so that they stay valid as the samples change."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ROUND = ROOT / "samples" / "round-2026-1.yaml"
SEED_REPORT = ROOT / "tests" / "data" / "seed-annual-report.txt"

# GB/T 9704: 22 lines of 28 characters a page.
CHARACTERS_PER_PAGE = 22 * 28

_UNIT_START = re.compile(r"^  - name: (.+)$", re.MULTILINE)


def round_file(units: int, folder: Path) -> Path:
    """A round facts file with ``units`` units: the sample round's units over and over, each renamed
    (县财政局 → 县财政局12号) so that every unit gets its own document."""
    text = SAMPLE_ROUND.read_text(encoding="utf-8")
    head, _, body = text.partition("\nunits:\n")
    starts = [m.start() for m in _UNIT_START.finditer(body)]
    blocks = [body[a:b].rstrip("\n") for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    out = [head, "\nunits:\n"]
    for number in range(1, units + 1):
        block = blocks[(number - 1) % len(blocks)]
        out.append(_UNIT_START.sub(lambda m, n=number: f"  - name: {m[1]}{n}号", block, count=1))
        out.append("\n\n")
    path = folder / f"round-{units}.yaml"
    path.write_text("".join(out), encoding="utf-8")
    return path


def long_report(pages: int, folder: Path) -> tuple[Path, int]:
    """A plain-text report of about ``pages`` pages (the seed report's paragraphs, repeated), and its
    length in characters. drafter check reads .txt and .docx drafts alike."""
    paragraphs = [line for line in SEED_REPORT.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[str] = []
    while sum(len(line) for line in out) < pages * CHARACTERS_PER_PAGE:
        out.append(paragraphs[len(out) % len(paragraphs)])
    path = folder / f"report-{pages}-pages.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path, sum(len(line) for line in out)
