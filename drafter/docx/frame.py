"""The official frame as WordprocessingML: 版头 (GB/T 9704-2012 §7.2), 附件 pages (§7.3.7) and 版记 (§7.4).

The body below the frame keeps its 28.95 pt rows; the 版头's parts the standard places in millimetres
(the mark 35 mm below the type area, the red separator 4 mm below the 发文字号) get exact heights of their
own, so each lands where the standard puts it whatever fonts the reader has. The 版记 is a table below a
spacer of exact height, so that its last rule lies on the type area's lower edge (7.4.1).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .format import DocFormat
from .masthead import Masthead
from .ooxml import RunStyle, esc, paragraph, run, twips_from_mm, twips_from_pt
from .pagination import Block, line_count
from .titles import break_title


def _row(fmt: DocFormat) -> int:
    return fmt.line_twips


def type_width_twips(fmt: DocFormat) -> int:
    """The type area's width (156 mm) in twips."""
    return twips_from_mm(fmt.page_width_mm - fmt.margin_left_mm - fmt.margin_right_mm)


def _exact(line: int, before: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="exact"/>'


def _sized_run(text: str, style: RunStyle, size_pt: float, color: str = "") -> str:
    """A run with its own size (and colour), for the mark whose size follows its length."""
    half = round(size_pt * 2)
    latin, east = esc(style.latin or style.east_asia), esc(style.east_asia)
    colour = f'<w:color w:val="{color}"/>' if color else ""
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"'
        f' w:hint="eastAsia"/>{colour}<w:spacing w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        f'</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    )


def mark_size_pt(fmt: DocFormat, mh: Masthead) -> float:
    """The mark's size: the format's, or smaller so that its longest line fits the type area (7.2.4)."""
    # One name: name and 文件 on a line; a joint mark: the longest name, 文件 beside the names.
    longest = max((len(name) for name in mh.issuers), default=0) + len(mh.mark_suffix)
    fits = type_width_twips(fmt) / 20 / max(longest, 1)
    return min(fmt.mark_size_pt, math.floor(fits * 2) / 2)


# The 发文字号's row reaches about 1.1 mm below its characters' em box (the row is 28.95 pt, the
# characters 16 pt, set on the row's lower part; measured in LibreOffice, tests/test_frame_render.py):
# the border's space is what remains of the 4 mm.
_ROW_BELOW_CHARACTERS_MM = 1.1

Placed = tuple[str, Block]


def head(mh: Masthead, fmt: DocFormat, fonts: dict[str, RunStyle]) -> list[Placed]:
    """The 版头's paragraphs, down to the two blank rows above the title, each with its height in rows."""
    out: list[Placed] = []
    row = _row(fmt)
    one = Block(1)
    for text, role in ((mh.copy_number, "fangsong"), (mh.secrecy, "heiti"), (mh.urgency, "heiti")):
        if text:  # 7.2.1–7.2.3: 顶格, one row each, in this order from the top
            out.append((paragraph("GwFrameLine", run(text, fonts[role])), one))
    above = row * len(out)
    if mh.issuers:
        size = mark_size_pt(fmt, mh)
        line = twips_from_pt(size)
        # A spacer of exact height puts the mark's line at mark_top_mm below the type area (规定); the
        # mark's line is as tall as its characters, so their top edge is there too (measured in
        # LibreOffice: the ink 34.5 mm below, tests/test_frame_render.py).
        spacer = max(twips_from_mm(fmt.mark_top_mm) - above, 20)
        out.append((paragraph("GwFrameLine", ppr_extra=_exact(spacer)), Block(spacer / row)))
        out.append((_mark(mh, fmt, fonts["xiaobiaosong"], size), Block(len(mh.issuers) * line / row)))
        out += [(paragraph("GwFrameLine"), one)] * fmt.mark_to_number_rows
    out += _number_rows(mh, fmt, fonts)
    out += [(paragraph("GwFrameLine"), one)] * fmt.rule_to_title_rows
    return out


def _mark(mh: Masthead, fmt: DocFormat, font: RunStyle, size: float) -> str:
    """发文机关标志: one name and 文件 on a line; a joint mark stacks the names, 文件 to their right,
    centred on them (7.2.4)."""
    line = twips_from_pt(size)
    colour = fmt.mark_color
    if len(mh.issuers) == 1:
        text = mh.issuers[0] + mh.mark_suffix
        return paragraph("GwMark", _sized_run(text, font, size, colour), ppr_extra=_exact(line))
    names_width = max(len(n) for n in mh.issuers) * line
    suffix_width = max(len(mh.mark_suffix), 1) * line
    cells = []
    for width, texts in ((names_width, mh.issuers), (suffix_width, (mh.mark_suffix,))):
        paragraphs = "".join(
            paragraph(
                "GwMark",
                _sized_run(t, font, size, colour),
                ppr_extra=_exact(line) + ('<w:jc w:val="distribute"/>' if len(texts) > 1 else ""),
            )
            for t in texts
        )
        cells.append(
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{paragraphs}</w:tc>"
        )
    grid = f'<w:gridCol w:w="{names_width}"/><w:gridCol w:w="{suffix_width}"/>'
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{names_width + suffix_width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'{_borders()}<w:tblLayout w:type="fixed"/>{_no_cell_margins()}'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr>{''.join(cells)}</w:tr></w:tbl>"
    )


def _number_rows(mh: Masthead, fmt: DocFormat, fonts: dict[str, RunStyle]) -> list[Placed]:
    """发文字号 (centred), or for an upward document 发文字号 left and 签发人 right on its row (7.2.5, 7.2.6);
    the last row carries the red separator 4 mm below it (7.2.7), as wide as the type area."""
    width = type_width_twips(fmt)
    indent = twips_from_pt(fmt.body_char_pitch_pt)
    space_pt = round((fmt.rule_below_number_mm - _ROW_BELOW_CHARACTERS_MM) / 25.4 * 72)
    rule = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="{fmt.rule_eighths_pt}"'
        f' w:space="{space_pt}" w:color="{fmt.mark_color}"/></w:pBdr>'
    )
    # A border adds its space and its width to the paragraph's height.
    ruled = Block(1 + (space_pt + fmt.rule_eighths_pt / 8) * 20 / _row(fmt))
    if not mh.signers:
        if not mh.number:
            return []
        centred = rule + '<w:jc w:val="center"/>'
        return [(paragraph("GwDocNumber", run(mh.number, fonts["fangsong"]), ppr_extra=centred), ruled)]
    # Tab stops, not indents: the separator is a border of this paragraph and must span the type area.
    stops = f'<w:tab w:val="left" w:pos="{indent}"/><w:tab w:val="right" w:pos="{width - indent}"/>'
    tabs = f"<w:tabs>{stops}</w:tabs>"
    per_row = fmt.signer_names_per_row
    groups = [mh.signers[i : i + per_row] for i in range(0, len(mh.signers), per_row)]
    rows = []
    for index, group in enumerate(groups):
        last = index == len(groups) - 1
        label = run("签发人：", fonts["fangsong"]) if index == 0 else ""
        names = run("　".join(group), fonts["kaiti"])
        number = run(mh.number or "", fonts["fangsong"]) if last else ""
        runs = f"<w:r><w:tab/></w:r>{number}<w:r><w:tab/></w:r>{label}{names}"
        extra = (rule if last else "") + tabs + '<w:jc w:val="left"/>'
        rows.append((paragraph("GwDocNumber", runs, ppr_extra=extra), ruled if last else Block(1)))
    return rows


def _borders(top: int = 0, bottom: int = 0, inside: int = 0) -> str:
    def edge(name: str, size: int) -> str:
        if not size:
            return f'<w:{name} w:val="nil"/>'
        return f'<w:{name} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'

    return (
        f"<w:tblBorders>{edge('top', top)}{edge('left', 0)}{edge('bottom', bottom)}{edge('right', 0)}"
        f"{edge('insideH', inside)}{edge('insideV', 0)}</w:tblBorders>"
    )


def _no_cell_margins() -> str:
    return (
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
    )


def imprint_rows(mh: Masthead, fmt: DocFormat) -> int:
    """Rows the 版记 takes: 抄送 (as many as its wrapped lines) and 印发, each line one row."""
    return (_copy_to_lines(mh, fmt) if mh.copy_to else 0) + (1 if mh.printed_by else 0)


def _copy_to_lines(mh: Masthead, fmt: DocFormat) -> int:
    side = 2 * fmt.imprint_indent_chars * fmt.imprint_size_pt
    per_line = (type_width_twips(fmt) / 20 - side) / fmt.imprint_size_pt
    return line_count(_copy_to_text(mh), per_line, 0, 3)


def _copy_to_text(mh: Masthead) -> str:
    return "抄送：" + "，".join(mh.copy_to) + "。"


def imprint(mh: Masthead, fmt: DocFormat, font: RunStyle, room_twips: int) -> list[str]:
    """版记 (7.4): 抄送 and 印发 between three rules, the last on the type area's lower edge.

    ``room_twips``: the height left below the body on its page. A spacer of exact height takes what the
    版记 does not need, so its last rule lies on the type area's lower edge (7.4.1). In the flow, not
    floating: LibreOffice 7.4 floats no table as wide as the type area, anchors a narrower one on the page
    before a section break, and left framePr paragraphs at the top of the page (all measured), while a
    row of exact height is the same in every renderer. A table, not bordered paragraphs, because a
    paragraph's border stops at its indents: the table's top and bottom borders are the thick first and
    last rules, the border between its rows the thin one, all as wide as the type area.
    """
    width = type_width_twips(fmt)
    side = twips_from_pt(fmt.imprint_indent_chars * fmt.imprint_size_pt)
    label = twips_from_pt(3 * fmt.imprint_size_pt)
    rows: list[tuple[str, str, int]] = []
    if mh.copy_to:
        # 7.4.2: wrapped lines of 抄送 align with the first name, after the colon.
        ind = f'<w:ind w:left="{side + label}" w:right="{side}" w:hanging="{label}"/>'
        rows.append((run(_copy_to_text(mh), font), ind, _copy_to_lines(mh, fmt)))
    if mh.printed_by:
        tabs = f'<w:tabs><w:tab w:val="right" w:pos="{width - side}"/></w:tabs>'
        runs = run(mh.printed_by, font) + "<w:r><w:tab/></w:r>" + run(mh.printed_line, font)
        rows.append((runs, tabs + f'<w:ind w:left="{side}" w:right="0" w:firstLine="0"/>', 1))
    thick, thin = fmt.imprint_thick_eighths_pt, fmt.imprint_thin_eighths_pt
    cell = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
    body = "".join(
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{fmt.line_twips * lines}" w:hRule="exact"/>'
        f"</w:trPr><w:tc>{cell}{paragraph('GwImprint', runs, ppr_extra=extra)}</w:tc></w:tr>"
        for runs, extra, lines in rows
    )
    table = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'{_borders(thick, thick, thin)}<w:tblLayout w:type="fixed"/>{_no_cell_margins()}</w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{body}</w:tbl>'
    )
    # The story ends with a paragraph after the table (a body ends with one); the smallest there is.
    end = paragraph("GwFrameLine", ppr_extra=_exact(_END_TWIPS))
    used = imprint_rows(mh, fmt) * fmt.line_twips + _END_TWIPS + _SLACK_TWIPS
    spacer = paragraph(
        "GwFrameLine", ppr_extra="<w:keepNext/>" + _exact(20, before=max(room_twips - used - 20, 0))
    )
    return [spacer, table, end]


_END_TWIPS = 20
# LibreOffice's positions drift by up to ~10 twips over a page of exact rows (measured 0.16 mm); without
# slack the last row would move to the next page. The last rule then lies within 0.5 mm of the edge.
_SLACK_TWIPS = 30


def attachment_pages(
    titles: list[tuple[str, tuple[str, ...]]], fmt: DocFormat, fonts: dict[str, RunStyle]
) -> list[Placed]:
    """Each attachment on a page of its own, page numbers continuing (7.3.7): 附件 and its number in 黑体
    flush left on the first row, the title centred on the third, then its text."""
    out: list[Placed] = []
    for number, (title, paragraphs) in enumerate(titles, start=1):
        label = "附件" if len(titles) == 1 else f"附件{number}"
        page_break = "<w:pageBreakBefore/>"
        out.append(
            (
                paragraph("GwAttachmentLabel", run(label, fonts["heiti"]), ppr_extra=page_break),
                Block(1, True, True),
            )
        )
        out.append((paragraph("GwFrameLine"), Block(1, True)))
        lines = break_title(title, fmt.title_max_chars, fmt.title_shape)
        out.append((paragraph("GwTitle", run("\n".join(lines), fonts["xiaobiaosong"])), Block(len(lines))))
        if paragraphs:
            out.append((paragraph("GwBody"), Block(1)))
        for text in paragraphs:
            rows = line_count(text, fmt.chars_per_line, fmt.first_line_indent_chars)
            out.append((paragraph("GwBody", run(text, fonts["fangsong"])), Block(rows)))
    return out


def frame_styles(fmt: DocFormat, make: Callable[..., str]) -> list[str]:
    """The frame's paragraph styles, built with the writer's style helper ``make``."""
    no_indent = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
    imprint_size = round(fmt.imprint_size_pt * 2)
    return [
        make("paragraph", "GwFrameLine", "版头行", f'{no_indent}<w:jc w:val="left"/>', "", based_on="Normal"),
        make(
            "paragraph",
            "GwMark",
            "发文机关标志",
            f'{no_indent}<w:jc w:val="center"/>',
            f'<w:color w:val="{fmt.mark_color}"/><w:spacing w:val="0"/>',
            based_on="Normal",
        ),
        make("paragraph", "GwDocNumber", "发文字号", no_indent, '<w:spacing w:val="0"/>', based_on="Normal"),
        make(
            "paragraph",
            "GwImprint",
            "版记",
            "",
            f'<w:spacing w:val="0"/><w:sz w:val="{imprint_size}"/><w:szCs w:val="{imprint_size}"/>',
            based_on="Normal",
        ),
        make(
            "paragraph", "GwAttachmentLabel", "附件标识", f"<w:keepNext/>{no_indent}", "", based_on="Normal"
        ),
    ]
