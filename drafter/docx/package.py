"""The OPC package around the WordprocessingML parts: content types, relationships, theme, properties, zip.

Every part gets its own content type from ``PART_TYPES`` (ISO/IEC 29500-1 §15.2): a part served as plain
``application/xml`` — word/fontTable.xml was, before issue 17 — is a part Word may ignore, and with the
font table go the alternate fonts a machine without 仿宋_GB2312 falls back on. The validators in
tests/test_validity.py check every part of every sample against the standard's schemas and against
openxml-audit (a port of the Open XML SDK's validator).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence

from .ooxml import esc

_OFFICE = "application/vnd.openxmlformats-officedocument"
_WML = f"{_OFFICE}.wordprocessingml"

# Content type of each part drafter writes, by the part's name without its number (footer2 → footer).
PART_TYPES = {
    "word/document.xml": f"{_WML}.document.main+xml",
    "word/styles.xml": f"{_WML}.styles+xml",
    "word/settings.xml": f"{_WML}.settings+xml",
    "word/fontTable.xml": f"{_WML}.fontTable+xml",
    "word/footer.xml": f"{_WML}.footer+xml",
    "word/theme/theme.xml": f"{_OFFICE}.theme+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": f"{_OFFICE}.extended-properties+xml",
}
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def content_type(name: str) -> str:
    """The content type of a part drafter writes; KeyError for a part it does not know."""
    if name.endswith(".rels"):
        return RELS_TYPE
    folder, _, file = name.rpartition("/")
    stem, _, suffix = file.partition(".")
    return PART_TYPES[f"{folder}/{stem.rstrip('0123456789')}.{suffix}"]


def content_types(names: Iterable[str]) -> str:
    """[Content_Types].xml: a Default for .rels, an Override for every other part, nothing left to guess."""
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{content_type(name)}"/>'
        for name in names
        if not name.endswith(".rels") and name != "[Content_Types].xml"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{RELS_TYPE}"/>'
        f"{overrides}</Types>"
    )


def relationships(rels: Sequence[tuple[str, str, str]]) -> str:
    """A relationships part from (id, type, target) triples; a type without a scheme is under REL."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind if "://" in kind else f"{REL}/{kind}"}" Target="{target}"/>'
        for rid, kind, target in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}'
        "</Relationships>"
    )


PACKAGE_RELS = relationships(
    [
        ("rId1", "officeDocument", "word/document.xml"),
        ("rId2", CORE_REL, "docProps/core.xml"),
        ("rId3", "extended-properties", "docProps/app.xml"),
    ]
)


def core_properties(title: str, creator: str, stamp: str) -> str:
    """docProps/core.xml; the time stamp comes from the document's date so builds are reproducible."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
        'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>{esc(creator)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>drafter</Application></Properties>"
)

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Black text, a red accent for the 版头: the colours Word shows in its palette for this document.
_COLOURS = (
    ("dk1", "000000"),
    ("lt1", "FFFFFF"),
    ("dk2", "1F1F1F"),
    ("lt2", "F2F2F2"),
    ("accent1", "C00000"),
    ("accent2", "FF0000"),
    ("accent3", "7F7F7F"),
    ("accent4", "404040"),
    ("accent5", "A6A6A6"),
    ("accent6", "595959"),
    ("hlink", "0000FF"),
    ("folHlink", "800080"),
)


def theme_xml(heading_font: str, body_font: str, latin_font: str | None) -> str:
    """word/theme/theme1.xml, whose fonts are the format's own.

    Word and openxml-audit expect a theme part. The theme Word's own template carries names MS Mincho and
    等线 for East Asian text, which WPS then reports as missing fonts and Word falls back on wherever a run
    names no font (python-docx #1601; Fokkyp/SoftwareCopyright-Skill #28). This one names the format's
    fonts in every slot, so a fallback to the theme still lands on 仿宋 or 小标宋.
    """
    colours = "".join(f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>' for name, value in _COLOURS)

    def collection(tag: str, east: str) -> str:
        latin = esc(latin_font or east)
        return (
            f'<a:{tag}><a:latin typeface="{latin}"/><a:ea typeface="{esc(east)}"/>'
            f'<a:cs typeface="{latin}"/></a:{tag}>'
        )

    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="9525">{solid}</a:ln>'
    effect = "<a:effectStyle><a:effectLst/></a:effectStyle>"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<a:theme xmlns:a="{_A}" name="GB/T 9704"><a:themeElements>'
        f'<a:clrScheme name="GB/T 9704">{colours}</a:clrScheme>'
        f'<a:fontScheme name="GB/T 9704">{collection("majorFont", heading_font)}'
        f"{collection('minorFont', body_font)}</a:fontScheme>"
        '<a:fmtScheme name="GB/T 9704">'
        f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst><a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{effect * 3}</a:effectStyleLst><a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def zipped(parts: dict[str, str], when: tuple[int, int, int, int, int, int]) -> bytes:
    """The parts as a zip with one fixed time stamp, [Content_Types].xml first (as Word writes it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name in sorted(parts, key=lambda n: n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, parts[name].encode("utf-8"))
    return buffer.getvalue()
