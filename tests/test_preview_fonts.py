"""Previews draw each role with a face of its kind; doctor, the preview and pdffonts agree on them.

A PDF names an embedded font by its PostScript name, and the faces of one .ttc collection share one:
Noto Serif CJK SC comes out as NotoSerifCJKjp-Regular. Names are therefore compared through the font
files they lead to (fc-list), independently of drafter's own code for that.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from drafter.cli.main import cli
from drafter.docx.format import FONT_ROLES
from drafter.preview.fontmap import CANDIDATES

from .conftest import SAMPLES
from .helpers import require_renderer

pytestmark = pytest.mark.render

MASTHEAD_SAMPLE = SAMPLES / "annual-report-masthead.yaml"


def pdffonts_files(pdf: Path) -> set[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    names = {line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if line.strip()}
    faces = subprocess.run(
        ["fc-list", "--format", "%{postscriptname}\t%{file}\n"], check=True, capture_output=True, text=True
    ).stdout
    files = dict(line.split("\t", 1) for line in faces.splitlines() if "\t" in line)
    found = set()
    for name in names:
        matches = [ps for ps in files if ps and name.startswith(ps)]
        assert matches, f"{name}: no installed face"
        found.add(Path(files[max(matches, key=len)]).name)
    return found


@pytest.fixture(scope="module")
def previewed(tmp_path_factory):
    """The masthead sample previewed through the command line, and drafter doctor's report."""
    from click.testing import CliRunner

    require_renderer("pdffonts")
    if shutil.which("fc-list") is None:
        pytest.skip("needs fontconfig")
    runner = CliRunner()
    pdf = tmp_path_factory.mktemp("fonts") / "masthead.pdf"
    shown = runner.invoke(cli, ["preview", str(MASTHEAD_SAMPLE), "-o", str(pdf)])
    assert shown.exit_code == 0, shown.output
    doctor = runner.invoke(cli, ["doctor"])
    assert doctor.exit_code == 0, doctor.output
    return pdf, shown.output, doctor.output


def doctor_faces(report: str) -> dict[str, tuple[str, str]]:
    """role → (face, file) from doctor's lines for fonts that are not installed."""
    faces = {}
    for role, description in FONT_ROLES.items():
        line = next(line for line in report.splitlines() if line.strip().startswith(description + "："))
        found = re.search(r"drafter preview 以“([^”]+)”（([^）]+)）代替", line)
        if found:
            faces[role] = (found[1], Path(found[2]).name)
    return faces


def test_doctor_names_the_files_pdffonts_finds_in_the_preview(previewed):
    pdf, _, doctor = previewed
    faces = doctor_faces(doctor)
    if not faces:
        pytest.skip("this computer has every official font")
    assert {file for _, file in faces.values()} == pdffonts_files(pdf)


def test_the_preview_lists_the_fonts_pdffonts_finds(previewed):
    pdf, output, _ = previewed
    (line,) = [x for x in output.splitlines() if x.startswith("PDF 实际使用的字体（pdffonts）：")]
    listed = set(re.findall(r"（([^（）]+\.(?:ttc|ttf|otf))）", line))
    assert listed == pdffonts_files(pdf)


def test_each_role_gets_a_face_of_its_kind_not_one_face_for_all(previewed):
    """小标宋 a bold serif, 黑体 a sans, 楷体 a kai face, 仿宋 a serif: at least four faces, not one."""
    _, output, doctor = previewed
    faces = doctor_faces(doctor)
    if len(faces) < len(FONT_ROLES):
        pytest.skip("this computer has some official fonts")
    for role, (face, _) in faces.items():
        candidates = [f"{family}（粗体）" if bold else family for family, bold in CANDIDATES[role]]
        assert face in candidates, (role, face)
    assert faces["xiaobiaosong"][1] != faces["fangsong"][1]  # the title is not drawn like the body
    assert len({file for _, file in faces.values()}) >= 4
    for role in FONT_ROLES:
        if role in faces:
            assert f"→ {faces[role][0]}" in output
