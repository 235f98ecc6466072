"""WordprocessingML fragments as text: runs, paragraphs, styles, footers, settings, package parts.

drafter writes the XML itself instead of going through python-docx: the format needs attributes that
python-docx has no API for (w:eastAsia fonts, outline levels, PAGE fields, character spacing), its
default template drags in 169 styles and theme fonts that make WPS report missing fonts, and building
paragraphs through it costs ~50 ms a document where text takes ~4 ms (issue 7's measurements).
Children are emitted in the order the schema (ECMA-376 Part 1, §17) requires; Word rejects other orders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Characters XML 1.0 forbids (and lone surrogates, which UTF-8 cannot encode); one of them in a part
# makes Word refuse the whole file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def esc(text: str) -> str:
    """Text content or attribute value, escaped and stripped of characters XML cannot carry."""
    text = _XML_ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def twips_from_mm(mm: float) -> int:
    """Millimetres to twentieths of a point."""
    return round(mm / 25.4 * 1440)


def twips_from_pt(pt: float) -> int:
    """Points to twentieths of a point."""
    return round(pt * 20)


@dataclass(frozen=True, slots=True)
class RunStyle:
    """What a run carries directly: its fonts (every slot) and optionally a character style."""

    east_asia: str
    latin: str | None = None
    char_style: str | None = None

    def rpr(self) -> str:
        """The run properties (w:rPr) of this style: fonts in all four slots, size, spacing."""
        latin = esc(self.latin or self.east_asia)
        east = esc(self.east_asia)
        style = f'<w:rStyle w:val="{self.char_style}"/>' if self.char_style else ""
        # All four slots set and hint="eastAsia": quotes, dashes and ellipses otherwise fall back to
        # the Latin font in Word (docformat-gui #31); no *Theme attribute may remain (it would win).
        return (
            f'<w:rPr>{style}<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}"'
            f' w:cs="{latin}" w:hint="eastAsia"/></w:rPr>'
        )


def run(text: str, style: RunStyle) -> str:
    """A run of text; line breaks in the text become w:br."""
    pieces = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{esc(p)}</w:t>' for p in pieces)
    return f"<w:r>{style.rpr()}{body}</w:r>"


def paragraph(style_id: str, runs: str = "", *, ppr_extra: str = "") -> str:
    """A paragraph with a style and optional direct properties (already in schema order)."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr_extra}</w:pPr>{runs}</w:p>'


def page_field_runs(style: RunStyle) -> str:
    """ "— N —" with N a PAGE field; the cached result "1" is what a viewer without fields shows."""
    rpr = style.rpr()
    return (
        f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r>'
    )


def part(root: str, body: str) -> str:
    """A WordprocessingML part with the usual namespaces."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:{root}>'
    )
