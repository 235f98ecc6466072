"""The official document format (GB/T 9704-2012) as data: every number of the layout lives here.

Plain numbers with the unit in the name; the writer converts them. A unit changes font names (a machine
without 仿宋_GB2312 uses 仿宋) or the title shape through ``with_overrides`` — from the facts file's
``format:`` section or a drafter.yaml beside it — never by editing code.
Sources: gongwen-format.md §1.5 (page, margins), §1.2–1.3 (579 twips = 22 lines), §2 (roles), §6 (table).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Font roles; each maps to a font name that a unit may override.
FONT_ROLES = {
    "fangsong": "仿宋（正文、三级和四级标题、署名、日期）",
    "kaiti": "楷体（二级标题）",
    "heiti": "黑体（一级标题）",
    "xiaobiaosong": "小标宋（文件标题）",
    "songti": "宋体（页码）",
}

DEFAULT_FONTS = MappingProxyType(
    {
        "fangsong": "仿宋_GB2312",
        "kaiti": "楷体_GB2312",
        "heiti": "黑体",
        "xiaobiaosong": "方正小标宋简体",
        "songti": "宋体",
    }
)

# What Word and WPS use first when a font is missing (fontTable w:altName): a font a stock Chinese Windows
# has. 仿宋 and 楷体 ship with Windows since Vista, the *_GB2312 fonts no longer do. 方正小标宋简体 is a
# licensed font that neither Windows nor Office ships (nor its _GBK sibling, the alternate named until
# issue 17, which helped nobody): 宋体 is on every Chinese Windows and keeps a title a serif title.
FONT_ALTERNATES = MappingProxyType(
    {
        "仿宋_GB2312": "仿宋",
        "楷体_GB2312": "楷体",
        "方正小标宋简体": "宋体",
        "方正小标宋_GBK": "宋体",
        "黑体": "SimHei",
        "宋体": "SimSun",
        "仿宋": "FangSong",
        "楷体": "KaiTi",
    }
)


@dataclass(frozen=True, slots=True)
class FontDescriptor:
    """What a font table entry says of a font, for a machine that lacks it and its alternate.

    Word and WPS then pick the installed font nearest by PANOSE class, pitch and the Unicode ranges and
    code pages of the signature (ECMA-376 Part 1 §17.8.3); an entry without them leaves them guessing,
    and 仿宋_GB2312 may come out in a Latin font. Values as the fonts' OS/2 tables give them and as Word
    and WPS write them into their own documents.
    """

    panose: str
    family: str  # ST_FontFamily: roman, swiss, modern, script, decorative, auto
    pitch: str  # ST_Pitch: fixed, variable, default
    usb: tuple[str, str, str, str]
    csb: tuple[str, str]
    charset: str = "86"  # GB2312


_GB2312_FIXED = FontDescriptor(
    "02010609030101010101", "modern", "fixed", ("00000001", "080E0000", "00000000", "00000000"),
    ("00040000", "00000000"),
)
_GBK_FIXED = FontDescriptor(
    "02010609060101010101", "modern", "fixed", ("800002BF", "38CF7CFA", "00000016", "00000000"),
    ("00040001", "00000000"),
)
FONT_DESCRIPTORS = MappingProxyType(
    {
        "仿宋_GB2312": _GB2312_FIXED,
        "楷体_GB2312": _GB2312_FIXED,
        "仿宋": _GBK_FIXED,
        "楷体": _GBK_FIXED,
        "黑体": _GBK_FIXED,
        "宋体": FontDescriptor(
            "02010600030101010101", "auto", "variable", ("00000003", "288F0000", "00000016", "00000000"),
            ("00040001", "00000000"),
        ),
        "方正小标宋简体": FontDescriptor(
            "03000509000000000000", "auto", "variable", ("00000001", "080E0000", "00000000", "00000000"),
            ("00040000", "00000000"),
        ),
        "Times New Roman": FontDescriptor(
            "02020603050405020304", "roman", "variable", ("E0002EFF", "C000785B", "00000009", "00000000"),
            ("000001FF", "00000000"), charset="00",
        ),
    }
)

TITLE_SHAPES = {
    "pyramid": "上短下长（正梯形）",
    "inverted": "上长下短（倒梯形）",
}


@dataclass(frozen=True, slots=True)
class DocFormat:
    """Page geometry, type sizes, spacing and fonts per role of a 公文 in GB/T 9704-2012 layout."""

    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    # The dashes of "— N —" sit about 7 mm below the type area (7.5); measured in LibreOffice.
    footer_distance_mm: float = 24.7
    header_distance_mm: float = 15  # the header stays empty; Word needs a value
    # Exact line pitch: 579 twips = 28.95 pt is the largest value that still gives 22 lines (§1.2).
    line_twips: int = 579
    body_size_pt: float = 16
    title_size_pt: float = 22
    page_number_size_pt: float = 14
    # −0.25 pt per character fits 28 characters of 16 pt into the 156 mm line (§1.2, measured).
    body_char_spacing_pt: float = -0.25
    first_line_indent_chars: float = 2
    title_max_chars: float = 20
    title_shape: str = "pyramid"
    page_number_indent_chars: float = 1
    signature_right_chars: float = 2
    # 7.3.5.2: the date's first character stands two characters right of the 署名's first character.
    date_offset_chars: float = 2
    # Word's default tab stop in Chinese documents (two 10.5 pt characters).
    default_tab_twips: int = 420
    # The frame (masthead:, §7.2 版头 and §7.4 版记; gongwen-format.md §2.2, §2.4, §5.6).
    mark_top_mm: float = 35  # 7.2.4 (规定): the mark's top edge 35 mm below the type area's top
    mark_size_pt: float = 36  # 小初; a longer name is set smaller so that it fits the type area's width
    mark_color: str = "FF0000"
    mark_to_number_rows: int = 2  # 7.2.5: 发文字号 two blank rows below the mark
    rule_below_number_mm: float = 4  # 7.2.7: the red separator 4 mm below the 发文字号
    rule_eighths_pt: int = 8  # 1 pt (0.35 mm): practice, the standard gives no thickness
    rule_to_title_rows: int = 2  # 7.3.1: the title two blank rows below the separator
    signer_names_per_row: int = 2  # 7.2.6
    imprint_size_pt: float = 14  # 7.4: 4号
    imprint_indent_chars: float = 1  # 7.4.2, 7.4.3: one 4号 character in from each side
    imprint_thick_eighths_pt: int = 8  # 7.4.1 推荐 0.35 mm for the first and last rule
    imprint_thin_eighths_pt: int = 6  # 7.4.1 推荐 0.25 mm for the rules between
    lines_per_page: int = 22
    chars_per_line: int = 28
    fonts: Mapping[str, str] = field(default_factory=lambda: DEFAULT_FONTS)
    # None: digits and Latin letters use the CJK font of their role (portable); a name such as
    # "Times New Roman" follows the local rule that sets them apart.
    latin_font: str | None = None
    heading_font_roles: tuple[str, str, str, str] = ("heiti", "kaiti", "fangsong", "fangsong")
    heading_bold: tuple[bool, bool, bool, bool] = (False, False, False, False)

    @property
    def body_char_pitch_pt(self) -> float:
        """Width of one body character cell, including the character spacing."""
        return self.body_size_pt + self.body_char_spacing_pt

    def font(self, role: str) -> str:
        """The font name for a role."""
        return self.fonts[role]

    def with_overrides(
        self,
        fonts: Mapping[str, str] | None = None,
        **values: object,
    ) -> DocFormat:
        """A copy with some fonts or values replaced; unknown roles or names raise KeyError."""
        merged = dict(self.fonts)
        for role, name in (fonts or {}).items():
            if role not in FONT_ROLES:
                raise KeyError(role)
            merged[role] = name
        names = {f.name for f in dataclasses.fields(self)}
        for key in values:
            if key not in names:
                raise KeyError(key)
        return dataclasses.replace(self, fonts=MappingProxyType(merged), **values)  # type: ignore[arg-type]


OFFICIAL = DocFormat()
