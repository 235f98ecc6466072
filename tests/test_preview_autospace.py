"""The preview keeps a document's own "no space between Chinese and figures" (preview/autospace.py).

LibreOffice 7.4 does not read w:autoSpaceDE/w:autoSpaceDN from a .docx; the preview writes the setting into
LibreOffice's flat format instead. Rendered: a line with six boundaries between Chinese and figures that
holds 28 characters in Word.
"""

from __future__ import annotations

import zipfile

import docx
import pytest

from drafter.preview.autospace import turn_autospace_off, turns_autospace_off
from drafter.preview.libreoffice import convert_to_pdf

from .conftest import SAMPLES
from .helpers import require_renderer
from .test_render import read_pages


def test_drafters_own_documents_turn_the_space_off(sample_docx):
    assert turns_autospace_off(sample_docx)


def test_a_word_document_with_the_default_keeps_it(tmp_path):
    path = tmp_path / "普通.docx"
    docx.Document().save(path)
    assert not turns_autospace_off(path)


def test_what_is_not_a_word_document_is_left_to_the_conversion_to_report(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    assert not turns_autospace_off(broken)
    empty = tmp_path / "空.docx"
    with zipfile.ZipFile(empty, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    assert not turns_autospace_off(empty)


def test_only_one_of_the_two_settings_off_is_not_enough(tmp_path, sample_docx):
    """Figures are spaced unless autoSpaceDN is off too; LibreOffice has one setting for both."""
    with zipfile.ZipFile(sample_docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8").replace('<w:autoSpaceDN w:val="0"/>', "")
    parts["word/styles.xml"] = styles.encode("utf-8")
    path = tmp_path / "只关一项.docx"
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert not turns_autospace_off(path)


def test_the_flat_file_gets_the_space_off_everywhere(tmp_path):
    flat = tmp_path / "a.fodt"
    flat.write_text(
        '<style:paragraph-properties style:text-autospace="ideograph-alpha" style:line-break="strict"/>'
        '<style:paragraph-properties style:text-autospace="ideograph-alpha"/>',
        encoding="utf-8",
    )
    turn_autospace_off(flat)
    text = flat.read_text(encoding="utf-8")
    assert "ideograph-alpha" not in text and text.count('style:text-autospace="none"') == 2


@pytest.mark.render
def test_a_line_with_figures_holds_in_the_preview_what_it_holds_in_word(tmp_path):
    require_renderer("pdftotext")
    from drafter.pipeline.build import build

    facts = SAMPLES / "annual-report-masthead.yaml"
    out = build(facts, tmp_path / "m.docx").path
    pdf = convert_to_pdf([out], tmp_path / "pdf")[0]
    lines = [line.text.replace(" ", "") for page in read_pages(pdf) for line in page]
    # （一）持续深化政治巡察。2027年计划开展3轮巡察，对25 — 27½ of the line's 28 cells in Word (figures
    # half a character wide, six boundaries between Chinese and figures); LibreOffice's own spacing at
    # those boundaries would carry 25 to the next line.
    line = next(text for text in lines if text.startswith("（一）持续深化政治巡察。2027年"))
    assert line.endswith("对25"), line
