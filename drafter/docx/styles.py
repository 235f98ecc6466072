"""styles.xml: the named paragraph and character styles that carry the format.

Only the styles the format uses, each with explicit fonts in every slot: no theme fonts, none of Word's
built-in clutter. A person editing in Word or WPS restyles the document through them (公文正文…).
"""

from __future__ import annotations

from . import frame
from .format import DocFormat
from .ooxml import esc, part, twips_from_pt

HEADING_NAMES = ("一级标题", "二级标题", "三级标题", "四级标题")


def _fonts(fmt: DocFormat, role: str) -> str:
    latin = esc(fmt.latin_font or fmt.font(role))
    east = esc(fmt.font(role))
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'


def _size(pt: float) -> str:
    half_points = round(pt * 2)
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _style(
    kind: str,
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    *,
    based_on: str = "",
    next_id: str = "",
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    nxt = f'<w:next w:val="{next_id}"/>' if next_id else ""
    ppr = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{nxt}<w:qFormat/>{ppr}{rpr}</w:style>"
    )


# widowControl off: pagination is purely row-based (22 rows a page). autoSpaceDE/DN off: Word otherwise
# adds about a quarter em between CJK and Latin letters (DE) or figures (DN), so a line with numbers no
# longer holds 28 characters (gongwen-format.md "Proving a package valid"). Word and WPS only:
# LibreOffice 7.4 does not read either setting (measured: with and without them a line of figures
# converts to text-autospace="ideograph-alpha" and renders equally wide), so tests check the XML.
# snapToGrid off: LibreOffice would stretch lines to the grid (§1.4).
_NO_AUTO_SPACE = (
    '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>'
)


def styles_xml(fmt: DocFormat) -> str:
    """Only the styles the format uses, each with explicit fonts: no theme, no built-in clutter."""
    line = f'<w:spacing w:before="0" w:after="0" w:line="{fmt.line_twips}" w:lineRule="exact"/>'
    body_spacing = f'<w:spacing w:val="{twips_from_pt(fmt.body_char_spacing_pt)}"/>'
    # East Asian text is Chinese (zh-CN); Latin words keep an English proofing language, as Word writes it.
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    first_line = twips_from_pt(fmt.first_line_indent_chars * fmt.body_char_pitch_pt)
    no_indent = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
    body_fonts = _fonts(fmt, "fangsong")
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{body_fonts}{_size(fmt.body_size_pt)}{lang}"
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f"{_NO_AUTO_SPACE}{line}"
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    styles = [
        (
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
            '<w:name w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{_NO_AUTO_SPACE}{line}{no_indent}"
            '<w:jc w:val="both"/>'
            f"</w:pPr><w:rPr>{body_fonts}{body_spacing}{_size(fmt.body_size_pt)}{lang}</w:rPr>"
            "</w:style>"
        ),
        (
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
            '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
            "<w:unhideWhenUsed/>"
            "</w:style>"
        ),
        _style(
            "paragraph",
            "GwTitle",
            "公文标题",
            f'{no_indent}<w:jc w:val="center"/>',
            f'{_fonts(fmt, "xiaobiaosong")}<w:spacing w:val="0"/>{_size(fmt.title_size_pt)}',
            based_on="Normal",
            next_id="GwBody",
        ),
        _style(
            "paragraph", "GwAddressee", "主送机关", no_indent, body_fonts, based_on="Normal", next_id="GwBody"
        ),
        _style(
            "paragraph",
            "GwBody",
            "公文正文",
            f'<w:ind w:firstLine="{first_line}"/>',
            body_fonts,
            based_on="Normal",
        ),
    ]
    for level in range(1, 5):
        role = fmt.heading_font_roles[level - 1]
        bold = "<w:b/><w:bCs/>" if fmt.heading_bold[level - 1] else ""
        rpr = f"{_fonts(fmt, role)}{bold}"
        name = HEADING_NAMES[level - 1]
        styles.append(
            _style(
                "paragraph",
                f"GwHeading{level}",
                f"公文{name}",
                f'<w:keepNext/><w:outlineLvl w:val="{level - 1}"/>',
                rpr,
                based_on="GwBody",
                next_id="GwBody",
            )
        )
        # For run-in headings: the heading part of a body paragraph, without an outline level.
        styles.append(_style("character", f"GwHeading{level}Char", f"{name}（文内）", rpr=rpr))
    styles += [
        _style("paragraph", "GwAttachment", "附件说明", rpr=body_fonts, based_on="GwBody"),
        _style(
            "paragraph",
            "GwSignature",
            "署名",
            f'<w:keepNext/>{no_indent}<w:jc w:val="right"/>',
            body_fonts,
            based_on="Normal",
        ),
        _style(
            "paragraph",
            "GwDate",
            "成文日期",
            f'{no_indent}<w:jc w:val="right"/>',
            body_fonts,
            based_on="Normal",
        ),
        *frame.frame_styles(fmt, _style),
        _style(
            "paragraph",
            "GwPageNumber",
            "页码",
            f'<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{no_indent}',
            f'{_fonts(fmt, "songti")}<w:spacing w:val="0"/>{_size(fmt.page_number_size_pt)}',
            based_on="Normal",
        ),
    ]
    return part("styles", defaults + "".join(styles))
