"""DocumentModel + DocFormat → the bytes of a .docx in the official format (GB/T 9704-2012).

Named paragraph styles carry the format (so a person editing in Word or WPS can restyle the document);
every run also names its fonts, so nothing falls back to a theme or to another script's font.
The package is zipped with fixed time stamps: the same facts give byte-identical files.
"""

from __future__ import annotations

import datetime as dt

from ..render.markup import DocumentModel, Heading
from . import frame
from .format import FONT_ALTERNATES, FONT_DESCRIPTORS, DocFormat
from .masthead import Masthead
from .ooxml import RunStyle, esc, page_field_runs, paragraph, part, run, twips_from_mm, twips_from_pt
from .package import (
    APP_PROPERTIES,
    PACKAGE_RELS,
    content_types,
    core_properties,
    relationships,
    theme_xml,
    zipped,
)
from .pagination import Block, imprint_fits, paginate, rows_for
from .styles import styles_xml
from .titles import break_title, text_width


def write_docx(
    model: DocumentModel,
    fmt: DocFormat,
    *,
    stamp: dt.date,
    creator: str = "drafter",
    masthead: Masthead | None = None,
) -> bytes:
    """The whole .docx package as bytes; with a masthead, inside the official frame (版头, 版记, 附件)."""
    # Only a document with a 版记 is paginated: counting rows is most of a feedback opinion's build time.
    story = document_xml(model, fmt, masthead, count_rows=masthead is not None and masthead.has_imprint)
    parts = {
        "word/document.xml": story.xml,
        "word/styles.xml": styles_xml(fmt),
        "word/settings.xml": settings_xml(fmt),
        "word/fontTable.xml": font_table_xml(fmt),
        "word/theme/theme1.xml": theme_xml(fmt.font("xiaobiaosong"), fmt.font("fangsong"), fmt.latin_font),
        "word/footer1.xml": footer_xml(fmt, odd=True),
        "word/footer2.xml": footer_xml(fmt, odd=False),
        "docProps/core.xml": core_properties(model.title, creator, f"{stamp.isoformat()}T00:00:00Z"),
        "docProps/app.xml": APP_PROPERTIES,
    }
    rels = [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        ("rId4", "theme", "theme/theme1.xml"),
        (_FOOTER_ODD, "footer", "footer1.xml"),
        (_FOOTER_EVEN, "footer", "footer2.xml"),
    ]
    if story.unnumbered:
        parts["word/footer3.xml"] = part("ftr", paragraph("GwPageNumber"))
        rels.append((_FOOTER_NONE, "footer", "footer3.xml"))
    parts["word/_rels/document.xml.rels"] = relationships(rels)
    parts["_rels/.rels"] = PACKAGE_RELS
    parts["[Content_Types].xml"] = content_types(parts)
    # ZIP time stamps run from 1980 to 2107.
    return zipped(parts, (min(max(stamp.year, 1980), 2107), stamp.month, stamp.day, 0, 0, 0))


_FOOTER_ODD, _FOOTER_EVEN, _FOOTER_NONE = "rIdFooterOdd", "rIdFooterEven", "rIdFooterNone"


# ---------------------------------------------------------------------------------------------
# document.xml


class _Story:
    """The main story as it is written, with the rows each paragraph takes for pagination (when
    ``counted``; else every paragraph is said to take one row)."""

    def __init__(self, *, counted: bool = True) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.xml = ""
        self.unnumbered = False
        self.counted = counted

    def rows(self, text: str, per_line: float, first_indent: float = 0) -> int:
        """Rows a body paragraph takes, where the story is paginated (else 1: not used)."""
        return rows_for(text, per_line, first_indent) if self.counted else 1

    def add(self, xml: str, rows: float = 1, *, keep: bool = False, new_page: bool = False) -> None:
        self.parts.append(xml)
        self.blocks.append(Block(rows, keep, new_page))


def document_xml(
    model: DocumentModel, fmt: DocFormat, masthead: Masthead | None = None, *, count_rows: bool = True
) -> _Story:
    """The main story: 版头, title, addressee, body, attachment note, signature and date, 附件, 版记."""
    body_run = _run_style(fmt, "fangsong")
    fonts = {role: _run_style(fmt, role) for role in fmt.fonts}
    keep = "<w:keepNext/>"
    per_line = fmt.chars_per_line
    first = fmt.first_line_indent_chars
    story = _Story(counted=count_rows)
    if masthead is not None and masthead.has_head:
        for xml, placed in frame.head(masthead, fmt, fonts):
            story.add(xml, placed.rows, keep=placed.keep_with_next)
    title_lines = break_title(model.title, fmt.title_max_chars, fmt.title_shape)
    story.add(paragraph("GwTitle", run("\n".join(title_lines), fonts["xiaobiaosong"])), len(title_lines))
    story.add(paragraph("GwBody"))  # 标题下空一行 (7.3.2)
    if model.addressee:
        story.add(
            paragraph("GwAddressee", run(model.addressee, body_run)), story.rows(model.addressee, per_line)
        )
    notes = list(model.attachments)
    extra = masthead.attachments if masthead is not None else ()
    notes += [a.title for a in extra if a.title not in notes]
    closing = bool(model.signature or model.date or notes)
    for index, block in enumerate(model.blocks):
        last = index == len(model.blocks) - 1
        # The last paragraph keeps the signature company: 署名 never starts a page alone (7.3.5.5).
        tie = last and closing
        text = block.label + block.text + (block.body or "") if isinstance(block, Heading) else block.text
        rows = story.rows(text, per_line, first)
        if isinstance(block, Heading):
            standalone = not block.run_in
            story.add(_heading(block, fmt, body_run, keep if tie else ""), rows, keep=tie or standalone)
        else:
            story.add(
                paragraph("GwBody", run(block.text, body_run), ppr_extra=keep if tie else ""), rows, keep=tie
            )
    _closing(story, model, tuple(notes), fmt)
    if extra:
        pages = frame.attachment_pages([(a.title, a.paragraphs) for a in extra], fmt, fonts)
        for xml, placed in pages:
            story.add(xml, placed.rows, keep=placed.keep_with_next, new_page=placed.page_break_before)
    section = _section(fmt)
    if masthead is not None and masthead.has_imprint:
        section = _imprint(masthead, fmt, story)
    story.xml = part("document", f"<w:body>{''.join(story.parts)}{section}</w:body>")
    return story


def _closing(story: _Story, model: DocumentModel, notes: tuple[str, ...], fmt: DocFormat) -> None:
    """附件说明, then 署名 and 成文日期, each kept with what follows."""
    body_run = _run_style(fmt, "fangsong")
    keep = "<w:keepNext/>"
    if notes:
        story.add(paragraph("GwBody", ppr_extra=keep), keep=True)
        for number, xml in enumerate(_attachments(notes, fmt, body_run)):
            # 附件：1.名称 — the label and number come first, wrapped lines align after them.
            prefix = ("附件：" if number == 0 else "　　　") + f"{number + 1}." * (len(notes) > 1)
            text = prefix + notes[number]
            story.add(xml, story.rows(text, fmt.chars_per_line, fmt.first_line_indent_chars))
    if model.signature or model.date:
        story.add(paragraph("GwBody", ppr_extra=keep), keep=True)
        closing_rows = _signature(model.signature, model.date, fmt, body_run)
        for number, xml in enumerate(closing_rows, start=1):
            story.add(xml, keep=number < len(closing_rows))


def _imprint(masthead: Masthead, fmt: DocFormat, story: _Story) -> str:
    """Place the 版记 and return the final section.

    At the foot of the page where the body ends when that page is even and has room (7.4); else on the
    next even page: right after an odd page it is that page's back and keeps its number; after a full even
    page a blank page comes first, and then neither page is numbered (7.5). Sections that begin on the
    next page, not on the next even page (w:type evenPage): LibreOffice 7.4 put such a section on an odd
    page (measured), so the parity comes from drafter's own count (pagination.py).
    """
    ending = paginate(story.blocks, fmt.lines_per_page)
    font = _run_style(fmt, "fangsong")
    # No line grid in a document with a 版记: LibreOffice gives the empty paragraph that must end the
    # story after the 版记's table a whole grid row, pushing it onto a page of its own, and starts a grid
    # page's first row 2.45 mm low (both measured). Every row is an exact 28.95 pt without the grid too.
    grid = False
    page_twips = twips_from_mm(fmt.page_height_mm - fmt.margin_top_mm - fmt.margin_bottom_mm)
    if imprint_fits(ending, frame.imprint_rows(masthead, fmt), fmt.lines_per_page):
        room = page_twips - round(ending.rows_used * fmt.line_twips)
        story.parts += frame.imprint(masthead, fmt, font, room)
        return _section(fmt, grid=grid)
    story.parts.append(f"<w:p><w:pPr>{_section(fmt, grid=grid)}</w:pPr></w:p>")
    footers = ""
    if ending.page % 2 == 0:
        story.unnumbered = True
        footers = _FOOTER_NONE
        blank = _section(fmt, footers=footers, start="nextPage", grid=grid)
        story.parts.append(f"<w:p><w:pPr>{blank}</w:pPr></w:p>")
    story.parts += frame.imprint(masthead, fmt, font, page_twips)
    return _section(fmt, footers=footers, start="nextPage", grid=grid)


def _heading(block: Heading, fmt: DocFormat, body_run: RunStyle, extra: str) -> str:
    level = block.level
    role = fmt.heading_font_roles[level - 1]
    head = block.label + block.text
    if block.run_in:
        # One paragraph, two runs: only the heading part takes the heading font (docformat-gui #40).
        head_style = RunStyle(fmt.font(role), fmt.latin_font, f"GwHeading{level}Char")
        runs = run(head, head_style) + (run(block.body, body_run) if block.body else "")
        return paragraph("GwBody", runs, ppr_extra=extra)
    return paragraph(f"GwHeading{level}", run(head, _run_style(fmt, role)), ppr_extra=extra)


def _attachments(names: tuple[str, ...], fmt: DocFormat, body_run: RunStyle) -> list[str]:
    """附件说明 (7.3.4): wrapped lines align with the first character of the attachment's name."""
    cell = fmt.body_char_pitch_pt
    first = fmt.first_line_indent_chars
    label = "附件："
    if len(names) == 1:
        left = first + text_width(label)
        ind = _ind(left=left * cell, hanging=text_width(label) * cell)
        return [paragraph("GwAttachment", run(label + names[0], body_run), ppr_extra=ind)]
    result = []
    for number, name in enumerate(names, start=1):
        prefix = f"{number}."
        left = first + text_width(label) + _half_width(prefix)
        hanging = _half_width(prefix) + (text_width(label) if number == 1 else 0)
        text = (label if number == 1 else "") + prefix + name
        result.append(
            paragraph("GwAttachment", run(text, body_run), ppr_extra=_ind(left * cell, hanging * cell))
        )
    return result


def _signature(org: str | None, date: str | None, fmt: DocFormat, body_run: RunStyle) -> list[str]:
    """署名 and 成文日期 without a seal (7.3.5.2).

    署名 sits 2 characters from the right; the date's first character stands 2 characters right of the
    署名's first character. A date longer than that keeps 2 characters on its right and pushes the
    署名 further left instead.
    """
    cell = fmt.body_char_pitch_pt
    margin = fmt.signature_right_chars
    org_width = _half_width(org or "")
    date_width = _half_width(date or "")
    offset = fmt.date_offset_chars
    org_right = margin
    date_right = org_right + org_width - offset - date_width
    if date_right < margin:
        date_right = margin
        org_right = date_right + date_width + offset - org_width
    keep = "<w:keepNext/>"
    out = []
    if org:
        out.append(
            paragraph("GwSignature", run(org, body_run), ppr_extra=keep + _ind(right=org_right * cell))
        )
    if date:
        out.append(paragraph("GwDate", run(date, body_run), ppr_extra=_ind(right=date_right * cell)))
    return out


def _half_width(text: str) -> float:
    """Width in body cells with half-width digits at half a cell (a 仿宋 digit is half an em).

    Exact glyph widths, for placing text; titles.text_width counts 0.6 instead because it must
    never let a title line overflow (Word adds a little space where digits meet CJK).
    """
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _ind(left: float = 0, hanging: float = 0, right: float = 0) -> str:
    """An explicit w:ind in points; zeros are written too so no inherited indent leaks in."""
    attrs = f'w:left="{twips_from_pt(left)}" w:right="{twips_from_pt(right)}"'
    attrs += f' w:hanging="{twips_from_pt(hanging)}"' if hanging else ' w:firstLine="0"'
    return f"<w:ind {attrs}/>"


def _run_style(fmt: DocFormat, role: str) -> RunStyle:
    return RunStyle(fmt.font(role), fmt.latin_font)


def _section(fmt: DocFormat, *, footers: str = "", start: str = "", grid: bool = True) -> str:
    """A section's properties; ``footers`` names one footer for odd and even pages (an unnumbered
    section), ``start`` how it begins (nextPage, evenPage; a new section begins on a new page anyway)."""
    odd, even = (footers, footers) if footers else (_FOOTER_ODD, _FOOTER_EVEN)
    kind = f'<w:type w:val="{start}"/>' if start else ""
    return (
        f'<w:sectPr><w:footerReference w:type="default" r:id="{odd}"/>'
        f'<w:footerReference w:type="even" r:id="{even}"/>{kind}'
        f'<w:pgSz w:w="{twips_from_mm(fmt.page_width_mm)}" w:h="{twips_from_mm(fmt.page_height_mm)}"/>'
        f'<w:pgMar w:top="{twips_from_mm(fmt.margin_top_mm)}" w:right="{twips_from_mm(fmt.margin_right_mm)}"'
        f' w:bottom="{twips_from_mm(fmt.margin_bottom_mm)}" w:left="{twips_from_mm(fmt.margin_left_mm)}"'
        f' w:header="{twips_from_mm(fmt.header_distance_mm)}"'
        f' w:footer="{twips_from_mm(fmt.footer_distance_mm)}"'
        ' w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        # A line grid whose pitch equals the exact spacing: LibreOffice snaps to the grid and would
        # otherwise stretch each line to two grid rows (gongwen-format.md §1.4, measured).
        + (f'<w:docGrid w:type="lines" w:linePitch="{fmt.line_twips}"/>' if grid else "")
        + "</w:sectPr>"
    )


# ---------------------------------------------------------------------------------------------
# footers, settings, styles


def footer_xml(fmt: DocFormat, *, odd: bool) -> str:
    """Page number "— N —" in 4号宋体: odd pages right, even pages left, one character in (7.5)."""
    indent = twips_from_pt(fmt.page_number_indent_chars * fmt.page_number_size_pt)
    side = (
        f'<w:ind w:right="{indent}" w:firstLine="0"/><w:jc w:val="right"/>'
        if odd
        else (f'<w:ind w:left="{indent}" w:firstLine="0"/><w:jc w:val="left"/>')
    )
    runs = page_field_runs(_run_style(fmt, "songti"))
    return part("ftr", paragraph("GwPageNumber", runs, ppr_extra=side))


def settings_xml(fmt: DocFormat) -> str:
    """Odd and even footers differ; no CJK punctuation compression; Word 2013+ layout.

    themeFontLang: Word zh-CN reads a theme's East Asian fonts for zh-CN text; without it a Word set to
    another language picks the theme's Japanese slot (MS Mincho) wherever a run names no font.
    """
    return part(
        "settings",
        f'<w:defaultTabStop w:val="{fmt.default_tab_twips}"/><w:evenAndOddHeaders/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>',
    )


def font_table_xml(fmt: DocFormat) -> str:
    """The fonts the document names, each with a shipped alternate and what it looks like.

    Word and WPS try the altName first, then the installed font nearest by PANOSE class, pitch and
    signature (format.FONT_DESCRIPTORS); a bare entry gives a missing 仿宋_GB2312 or 方正小标宋简体 no
    hint at all.
    """
    entries = []
    for name in dict.fromkeys([*fmt.fonts.values(), *([fmt.latin_font] if fmt.latin_font else [])]):
        alternate = FONT_ALTERNATES.get(name)
        alt = f'<w:altName w:val="{esc(alternate)}"/>' if alternate else ""
        known = FONT_DESCRIPTORS.get(name)
        if known is None:
            charset = '<w:charset w:val="86"/>' if any(ord(ch) > 0x2E80 for ch in name) else ""
            entries.append(f'<w:font w:name="{esc(name)}">{alt}{charset}<w:family w:val="auto"/></w:font>')
            continue
        usb, csb = known.usb, known.csb
        entries.append(
            f'<w:font w:name="{esc(name)}">{alt}<w:panose1 w:val="{known.panose}"/>'
            f'<w:charset w:val="{known.charset}"/><w:family w:val="{known.family}"/>'
            f'<w:pitch w:val="{known.pitch}"/><w:sig w:usb0="{usb[0]}" w:usb1="{usb[1]}" w:usb2="{usb[2]}"'
            f' w:usb3="{usb[3]}" w:csb0="{csb[0]}" w:csb1="{csb[1]}"/></w:font>'
        )
    return part("fonts", "".join(entries))
