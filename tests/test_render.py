"""The sample rendered by a real layout engine (LibreOffice): 22 lines a page, page numbers in place.

Skipped with a reason where LibreOffice or poppler is missing, except in CI (CI=true), where a missing
renderer is a failure: .ci/run installs it.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.render

MM_PER_PT = 25.4 / 72
TYPE_AREA_BOTTOM_MM = 297 - 35
TYPE_AREA_LEFT_MM, TYPE_AREA_RIGHT_MM = 28, 210 - 26
ONE_SIZE4_CHAR_MM = 14 * MM_PER_PT


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float


def _require_tools() -> None:
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if missing:
        reason = f"渲染测试需要 {'、'.join(missing)}（Debian：libreoffice-writer-nogui、poppler-utils）"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def render_pages(docx: Path, workdir: Path) -> list[list[Line]]:
    """Convert with a throw-away LibreOffice profile and read every text line's box, in mm."""
    _require_tools()
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workdir / (docx.stem + ".pdf")
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", layout, re.S):
        lines = []
        for x0, y0, x1, y1, inner in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', body, re.S
        ):
            text = "".join(re.findall(r">([^<]*)</word>", inner))
            lines.append(
                Line(
                    text,
                    float(y0) * MM_PER_PT,
                    float(y1) * MM_PER_PT,
                    float(x0) * MM_PER_PT,
                    float(x1) * MM_PER_PT,
                )
            )
        pages.append(lines)
    return pages


@pytest.fixture(scope="module")
def sample_pages(sample_docx, tmp_path_factory):
    return render_pages(sample_docx, tmp_path_factory.mktemp("render"))


def body_lines(page: list[Line]) -> list[Line]:
    return [line for line in page if line.bottom <= TYPE_AREA_BOTTOM_MM + 1]


def footer_line(page: list[Line]) -> Line:
    below = [line for line in page if line.top > TYPE_AREA_BOTTOM_MM + 1]
    assert len(below) == 1, below
    return below[0]


def test_the_sample_fills_several_pages(sample_pages):
    assert len(sample_pages) >= 3


def test_a_full_page_of_body_text_has_22_lines_filling_the_type_area(sample_pages):
    for page in sample_pages[1:-1]:
        lines = body_lines(page)
        assert len(lines) == 22
        assert lines[0].top >= 37 and lines[-1].bottom <= TYPE_AREA_BOTTOM_MM
        pitches = [b.top - a.top for a, b in itertools.pairwise(lines)]
        assert all(abs(p - 579 / 20 * MM_PER_PT) < 0.2 for p in pitches), pitches  # 28.95 pt


def test_body_text_begins_on_the_first_page(sample_pages):
    texts = [line.text for line in body_lines(sample_pages[0])]
    assert texts[:2] == ["中共清河县委", "关于2026年度巡察工作情况的报告"]
    assert any(t.startswith("2026年，县委坚持") for t in texts)


def test_page_numbers_read_dash_n_dash_below_the_type_area_on_alternating_sides(sample_pages):
    for number, page in enumerate(sample_pages, start=1):
        footer = footer_line(page)
        assert footer.text.replace(" ", "") == f"—{number}—"
        centre = (footer.top + footer.bottom) / 2
        assert abs(centre - (TYPE_AREA_BOTTOM_MM + 7)) < 2, centre  # the dashes sit about 7 mm below
        if number % 2:
            assert abs(footer.right - (TYPE_AREA_RIGHT_MM - ONE_SIZE4_CHAR_MM)) < 1.5, footer
        else:
            assert abs(footer.left - (TYPE_AREA_LEFT_MM + ONE_SIZE4_CHAR_MM)) < 1.5, footer


def test_signature_and_date_end_the_document_together(sample_pages):
    last = body_lines(sample_pages[-1])
    assert [line.text for line in last[-2:]] == ["中共清河县委", "2026年12月25日"]
    assert len(last) > 2  # never alone at the top of a page
    assert last[-1].right == pytest.approx(TYPE_AREA_RIGHT_MM - 2 * 16 * MM_PER_PT * 15.75 / 16, abs=1.5)
