"""The XML of a built document: what a format reviewer checks in 页面设置, 段落 and 字体."""

import datetime as dt
import io
import re
import zipfile

import pytest
from lxml import etree

from drafter.docx.format import OFFICIAL
from drafter.docx.writer import write_docx
from drafter.pipeline.build import build
from drafter.render.markup import parse_markup

from .conftest import ANNUAL_TYPED
from .helpers import read_part, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def xml(docx, name):
    return etree.fromstring(read_part(docx, name).encode("utf-8"))


def attr(element, name):
    return element.get(W + name)


def style(styles, style_id):
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def test_page_is_a4_with_the_official_margins_and_a_22_line_grid(sample_docx):
    sect = xml(sample_docx, "word/document.xml").find(".//w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    margins = sect.find("w:pgMar", NS)
    assert [attr(margins, k) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    assert attr(margins, "footer") == "1400"  # 24.7 mm: the dashes sit 7 mm under the type area
    grid = sect.find("w:docGrid", NS)
    assert (attr(grid, "type"), attr(grid, "linePitch")) == ("lines", "579")


def test_every_paragraph_uses_exact_579_twip_spacing(sample_docx):
    styles = xml(sample_docx, "word/styles.xml")
    for holder in (
        styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS),
        style(styles, "Normal").find("w:pPr", NS),
    ):
        spacing = holder.find("w:spacing", NS)
        assert (attr(spacing, "line"), attr(spacing, "lineRule")) == ("579", "exact")
        assert (attr(spacing, "before"), attr(spacing, "after")) == ("0", "0")
    document = xml(sample_docx, "word/document.xml")
    assert document.findall(".//w:pPr/w:spacing", NS) == []  # nothing overrides the styles
    assert {attr(s, "line") for s in styles.iter(W + "spacing") if attr(s, "line")} <= {"579", "240"}


@pytest.mark.parametrize(
    ("style_id", "font", "size"),
    [
        ("Normal", "仿宋_GB2312", "32"),
        ("GwTitle", "方正小标宋简体", "44"),
        ("GwHeading1", "黑体", None),
        ("GwHeading2", "楷体_GB2312", None),
        ("GwHeading3", "仿宋_GB2312", None),
        ("GwHeading4", "仿宋_GB2312", None),
        ("GwHeading1Char", "黑体", None),
        ("GwHeading2Char", "楷体_GB2312", None),
        ("GwPageNumber", "宋体", "28"),
    ],
)
def test_each_role_names_its_east_asian_font_and_size(sample_docx, style_id, font, size):
    rpr = style(xml(sample_docx, "word/styles.xml"), style_id).find("w:rPr", NS)
    fonts = rpr.find("w:rFonts", NS)
    assert attr(fonts, "eastAsia") == font
    assert attr(fonts, "ascii") == attr(fonts, "hAnsi") == font
    if size:
        assert attr(rpr.find("w:sz", NS), "val") == size


def test_body_characters_are_tightened_to_fit_28_a_line(sample_docx):
    normal = style(xml(sample_docx, "word/styles.xml"), "Normal")
    assert attr(normal.find("w:rPr/w:spacing", NS), "val") == "-5"
    body = style(xml(sample_docx, "word/styles.xml"), "GwBody")
    assert attr(body.find("w:pPr/w:ind", NS), "firstLine") == "630"  # 2 cells of 15.75 pt


def test_every_run_with_text_names_its_east_asian_font(sample_docx):
    for part in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        runs = [r for r in xml(sample_docx, part).iter(W + "r") if r.find("w:t", NS) is not None]
        assert runs
        for r in runs:
            fonts = r.find("w:rPr/w:rFonts", NS)
            assert fonts is not None and attr(fonts, "eastAsia"), etree.tostring(r, encoding="unicode")
            assert attr(fonts, "hint") == "eastAsia"


def test_no_theme_fonts_anywhere_and_the_language_is_chinese(sample_docx):
    """A run never falls back to a theme font (a *Theme attribute would win over w:eastAsia), and the theme
    part itself names the format's fonts, not Word's MS Mincho or 等线."""
    with zipfile.ZipFile(sample_docx) as package:
        for name in package.namelist():
            assert not re.search(r"w:\w+Theme=", package.read(name).decode("utf-8")), name
        theme = etree.fromstring(package.read("word/theme/theme1.xml"))
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert [e.get("typeface") for e in theme.iter(a + "ea")] == ["方正小标宋简体", "仿宋_GB2312"]
    assert attr(xml(sample_docx, "word/settings.xml").find("w:themeFontLang", NS), "eastAsia") == "zh-CN"
    lang = xml(sample_docx, "word/styles.xml").find("w:docDefaults//w:lang", NS)
    assert attr(lang, "eastAsia") == "zh-CN"


def test_the_font_table_offers_shipped_alternates_for_missing_fonts(sample_docx):
    fonts = {attr(f, "name"): f for f in xml(sample_docx, "word/fontTable.xml").findall("w:font", NS)}
    assert set(fonts) == {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"}
    assert attr(fonts["仿宋_GB2312"].find("w:altName", NS), "val") == "仿宋"
    assert attr(fonts["楷体_GB2312"].find("w:altName", NS), "val") == "楷体"
    assert attr(fonts["仿宋_GB2312"].find("w:charset", NS), "val") == "86"
    # 方正小标宋简体 ships with neither Windows nor Office: its alternate is one every Chinese Windows has.
    assert attr(fonts["方正小标宋简体"].find("w:altName", NS), "val") == "宋体"


@pytest.mark.parametrize(
    ("font", "panose", "family", "pitch"),
    [
        ("仿宋_GB2312", "02010609030101010101", "modern", "fixed"),
        ("楷体_GB2312", "02010609030101010101", "modern", "fixed"),
        ("黑体", "02010609060101010101", "modern", "fixed"),
        ("宋体", "02010600030101010101", "auto", "variable"),
        ("方正小标宋简体", "03000509000000000000", "auto", "variable"),
    ],
)
def test_font_table_entries_describe_each_font_for_substitution(sample_docx, font, panose, family, pitch):
    """Word and WPS pick a substitute by PANOSE, pitch and signature when neither font nor altName exists."""
    entry = next(
        f for f in xml(sample_docx, "word/fontTable.xml").findall("w:font", NS) if attr(f, "name") == font
    )
    assert attr(entry.find("w:panose1", NS), "val") == panose
    assert attr(entry.find("w:family", NS), "val") == family
    assert attr(entry.find("w:pitch", NS), "val") == pitch
    sig = entry.find("w:sig", NS)
    assert attr(sig, "csb0")[-5:] in ("40000", "40001")  # the GB2312 code page (bit 18)


def test_automatic_space_between_cjk_and_figures_is_off(sample_docx):
    """Word's autoSpaceDE/DN would widen every line with figures past 28 characters."""
    styles = xml(sample_docx, "word/styles.xml")
    for holder in (
        styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS),
        style(styles, "Normal").find("w:pPr", NS),
    ):
        for name in ("autoSpaceDE", "autoSpaceDN"):
            assert attr(holder.find(f"w:{name}", NS), "val") == "0", name


def test_page_numbers_in_odd_and_even_footers(sample_docx):
    assert xml(sample_docx, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    refs = {attr(r, "type") for r in xml(sample_docx, "word/document.xml").iter(W + "footerReference")}
    assert refs == {"default", "even"}
    for part, side, indent_attr in (
        ("word/footer1.xml", "right", "right"),
        ("word/footer2.xml", "left", "left"),
    ):
        footer = xml(sample_docx, part)
        assert "PAGE" in "".join(footer.itertext())
        text = "".join(t.text for t in footer.iter(W + "t"))
        assert text == "— 1 —"  # em dashes, the field's cached value between them
        ppr = footer.find(".//w:pPr", NS)
        assert attr(ppr.find("w:jc", NS), "val") == side
        assert attr(ppr.find("w:ind", NS), indent_attr) == "280"  # one 4号 character in


def test_standalone_headings_carry_outline_levels_and_run_in_ones_do_not(sample_docx):
    styles = xml(sample_docx, "word/styles.xml")
    for level in range(1, 5):
        outline = style(styles, f"GwHeading{level}").find("w:pPr/w:outlineLvl", NS)
        assert attr(outline, "val") == str(level - 1)
        assert style(styles, f"GwHeading{level}Char").find(".//w:outlineLvl", NS) is None
    paragraphs = xml(sample_docx, "word/document.xml").findall(".//w:body/w:p", NS)
    level_one = [p for p in paragraphs if attr(p.find("w:pPr/w:pStyle", NS), "val") == "GwHeading1"]
    assert ["".join(p.itertext()) for p in level_one] == [
        "一、主要工作开展情况",
        "二、存在的问题和不足",
        "三、下一步工作打算",
    ]


def test_a_run_in_heading_is_one_paragraph_with_two_runs_in_two_fonts(sample_docx):
    paragraphs = xml(sample_docx, "word/document.xml").findall(".//w:body/w:p", NS)
    found = next(p for p in paragraphs if "".join(p.itertext()).startswith("（一）提高政治站位"))
    assert attr(found.find("w:pPr/w:pStyle", NS), "val") == "GwBody"
    head, body = found.findall("w:r", NS)
    assert "".join(head.itertext()) == "（一）提高政治站位，强化组织领导。"
    assert attr(head.find("w:rPr/w:rStyle", NS), "val") == "GwHeading2Char"
    assert attr(head.find("w:rPr/w:rFonts", NS), "eastAsia") == "楷体_GB2312"
    assert "".join(body.itertext()).startswith("县委始终把巡察工作")
    assert attr(body.find("w:rPr/w:rFonts", NS), "eastAsia") == "仿宋_GB2312"


def test_the_title_is_one_centred_paragraph_broken_into_short_lines(sample_docx):
    title = xml(sample_docx, "word/document.xml").find(".//w:body/w:p", NS)
    assert attr(title.find("w:pPr/w:pStyle", NS), "val") == "GwTitle"
    lines = [t.text for t in title.iter(W + "t")]
    assert lines == ["中共清河县委", "关于2026年度巡察工作情况的报告"]
    assert len(title.findall(".//w:br", NS)) == 1
    title_style = style(xml(sample_docx, "word/styles.xml"), "GwTitle")
    assert attr(title_style.find("w:pPr/w:jc", NS), "val") == "center"


def body_paragraphs(markup):
    data = write_docx(parse_markup(markup), OFFICIAL, stamp=dt.date(2026, 1, 5))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).findall(".//w:body/w:p", NS)


def test_signature_and_date_follow_clause_7_3_5_2():
    paragraphs = body_paragraphs(
        "@title 报告\n正文。\n@signature 中共清河县委巡察工作领导小组办公室\n@date 2026年1月5日\n"
    )
    signature, date = paragraphs[-2], paragraphs[-1]
    # 署名 2 cells from the right; the date starts 2 cells right of the 署名's first character.
    sig_right = int(attr(signature.find("w:pPr/w:ind", NS), "right"))
    date_right = int(attr(date.find("w:pPr/w:ind", NS), "right"))
    cell = 315
    assert sig_right == 2 * cell
    sig_start = sig_right + len("中共清河县委巡察工作领导小组办公室") * cell
    date_start = date_right + 6 * cell  # 2026年1月5日: 6 half-width digits and 3 characters
    assert sig_start - date_start == pytest.approx(2 * cell, abs=1)
    assert signature.find("w:pPr/w:keepNext", NS) is not None


def test_a_long_date_keeps_two_cells_and_pushes_the_signature_left():
    paragraphs = body_paragraphs("@title 报告\n正文。\n@signature 县委\n@date 2026年12月25日\n")
    sig_right = int(attr(paragraphs[-2].find("w:pPr/w:ind", NS), "right"))
    date_right = int(attr(paragraphs[-1].find("w:pPr/w:ind", NS), "right"))
    assert date_right == 630
    assert sig_right == 630 + 7 * 315 + 2 * 315 - 2 * 315  # date start + 2 cells − signature width


def test_two_builds_of_the_same_facts_are_byte_identical(tmp_path):
    first = build(ANNUAL_TYPED, tmp_path / "a.docx").path.read_bytes()
    second = build(ANNUAL_TYPED, tmp_path / "b.docx").path.read_bytes()
    assert first == second


def test_font_names_can_be_overridden_without_touching_code(tmp_path):
    facts = write(
        tmp_path / "f.yaml",
        ANNUAL_TYPED.read_text(encoding="utf-8") + "format:\n  fonts:\n    fangsong: 仿宋\n    kaiti: 楷体\n",
    )
    out = build(facts, tmp_path / "f.docx").path
    parts = read_part(out, "word/document.xml") + read_part(out, "word/styles.xml")
    assert "_GB2312" not in parts
    assert 'w:eastAsia="仿宋"' in parts and 'w:eastAsia="楷体"' in parts


def test_python_docx_reads_the_document_and_sees_the_named_styles(sample_docx):
    import docx

    document = docx.Document(str(sample_docx))
    names = {p.style.name for p in document.paragraphs}
    assert {"公文标题", "主送机关", "公文正文", "公文一级标题", "署名", "成文日期"} <= names
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", document.paragraphs[-1].text)


# Child sequences from ECMA-376 Part 1 (§17.3.1.26 pPr, §17.3.2.28 rPr, §17.6.17 sectPr, §17.7.4.17 style,
# §17.15.1.78 settings), cut to the elements a document may contain; Word rejects other orders.
SEQUENCES = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
    "qFormat "
    "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr",
    "font": "altName panose1 charset family notTrueType pitch sig embedRegular embedBold embedItalic "
    "embedBoldItalic",
    "settings": "writeProtection view zoom removePersonalInformation removeDateAndTime defaultTabStop "
    "autoHyphenation evenAndOddHeaders characterSpacingControl compat docVars rsids themeFontLang",
}


@pytest.mark.parametrize(
    "part",
    [
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/fontTable.xml",
    ],
)
def test_children_follow_the_schema_order(sample_docx, part):
    order = {parent: names.split() for parent, names in SEQUENCES.items()}
    for element in xml(sample_docx, part).iter():
        parent = etree.QName(element).localname
        if parent not in order:
            continue
        children = [etree.QName(child).localname for child in element]
        unknown = [c for c in children if c not in order[parent]]
        assert not unknown, (parent, unknown)
        positions = [order[parent].index(c) for c in children]
        assert positions == sorted(positions), (parent, children)


def test_characters_xml_cannot_carry_are_dropped_not_written():
    paragraphs = body_paragraphs("@title 报告\n正文\x01甲\ud800乙。\n")
    assert "".join(paragraphs[2].itertext()) == "正文甲乙。"
