"""Which face the preview draws each font role with, on a machine without the official fonts.

Left to itself LibreOffice substitutes one sans-serif face for every missing font, so a title in 小标宋
and a heading in 楷体 look like the body. The preview's own LibreOffice profile gets a replacement
table instead (Tools ▸ Options ▸ Fonts, written into its registrymodifications.xcu) that maps each
missing font to the closest face this machine has, by role. A face that must be bold (小标宋 has no free
twin; Noto Serif CJK Bold is the nearest) cannot be named in that table, which knows families only; where
LibreOffice finds fonts through fontconfig (Linux), a fontconfig rule of the preview's own asks for the
bold face instead. ``drafter doctor`` and the preview both state this mapping.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..docx.format import FONT_ROLES, DocFormat
from .fonts import is_installed

# The closest faces for each role, best first: Windows' own and Office's, then free faces Debian and
# Ubuntu package (fonts-arphic-uming, fonts-arphic-ukai, fonts-noto-cjk, fonts-arphic-gkai00mp,
# fonts-lxgw-wenkai). 仿宋 has no free face with simplified characters; a 宋 (serif) face is its nearest kin.
# Among free faces the ones with the official fonts' widths come first: 仿宋_GB2312, 宋体, 黑体 and
# 楷体_GB2312 draw figures and Latin letters half a character wide, and so do AR PL UMing and UKai and
# Noto Sans Mono CJK. Noto Serif CJK and Noto Sans CJK draw them proportionally (a 0 is 0.56 of a
# character, measured): a paragraph with many figures then wraps a line earlier than in Word, and over a
# few pages the preview's page breaks — and where the 版记 falls — drift from the document's.
CANDIDATES: Mapping[str, tuple[tuple[str, bool], ...]] = {
    "fangsong": (
        ("仿宋", False),
        ("STFangsong", False),
        ("AR PL UMing CN", False),
        ("Noto Serif CJK SC", False),
    ),
    "kaiti": (
        ("楷体", False),
        ("STKaiti", False),
        ("AR PL KaitiM GB", False),
        ("AR PL UKai CN", False),
        ("LXGW WenKai", False),
    ),
    "heiti": (
        ("黑体", False),
        ("Noto Sans Mono CJK SC", False),
        ("Noto Sans CJK SC", False),
        ("Source Han Sans SC", False),
        ("WenQuanYi Zen Hei", False),
    ),
    "xiaobiaosong": (
        ("方正小标宋_GBK", False),
        ("华文中宋", False),
        ("Noto Serif CJK SC", True),
        ("Source Han Serif SC", True),
        ("宋体", False),
    ),
    "songti": (("宋体", False), ("AR PL UMing CN", False), ("Noto Serif CJK SC", False)),
}

# Font names a document may use, by role, for a .docx whose styles do not say (not drafter's own).
KNOWN_NAMES = {
    "仿宋_GB2312": "fangsong",
    "仿宋": "fangsong",
    "FangSong": "fangsong",
    "FangSong_GB2312": "fangsong",
    "楷体_GB2312": "kaiti",
    "楷体": "kaiti",
    "KaiTi": "kaiti",
    "KaiTi_GB2312": "kaiti",
    "黑体": "heiti",
    "SimHei": "heiti",
    "方正小标宋简体": "xiaobiaosong",
    "方正小标宋_GBK": "xiaobiaosong",
    "FZXiaoBiaoSong-B05S": "xiaobiaosong",
    "宋体": "songti",
    "SimSun": "songti",
}

# drafter's own styles and the role whose font each names (docx/styles.py).
_ROLE_STYLES = {
    "Normal": "fangsong",
    "GwTitle": "xiaobiaosong",
    "GwHeading1": "heiti",
    "GwHeading2": "kaiti",
    "GwPageNumber": "songti",
}


@dataclass(frozen=True, slots=True)
class Face:
    """A face of this machine standing in for a missing font."""

    family: str
    bold: bool = False

    def __str__(self) -> str:
        return f"{self.family}（粗体）" if self.bold else self.family


@dataclass(frozen=True, slots=True)
class Substitution:
    """What one font of a document is drawn with in the preview."""

    font: str
    role: str
    face: Face | None  # None: installed itself, or nothing of the role's kind is installed


def choose(font: str, role: str, families: set[str] | None) -> Substitution:
    """The face standing in for ``font`` (of ``role``) here, or None when it is installed itself."""
    if families is None or is_installed(font, families):
        return Substitution(font, role, None)
    for family, bold in CANDIDATES.get(role, ()):
        if is_installed(family, families):
            return Substitution(font, role, Face(family, bold))
    return Substitution(font, role, None)


def format_fonts(fmt: DocFormat) -> dict[str, str]:
    """A format's fonts and their roles (the first role a font serves)."""
    fonts: dict[str, str] = {}
    for role in FONT_ROLES:
        fonts.setdefault(fmt.font(role), role)
    return fonts


def document_fonts(docx: Path) -> dict[str, str]:
    """The fonts a .docx names and their roles: from drafter's styles, else from the font's name."""
    try:
        with zipfile.ZipFile(docx) as package:
            styles = package.read("word/styles.xml").decode("utf-8", "replace")
            table = package.read("word/fontTable.xml").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    fonts: dict[str, str] = {}
    for style_id, role in _ROLE_STYLES.items():
        font = _style_font(styles, style_id)
        if font:
            fonts.setdefault(font, role)
    for name in re.findall(r'<w:font w:name="([^"]+)"', table):
        if name in KNOWN_NAMES:
            fonts.setdefault(name, KNOWN_NAMES[name])
    return fonts


_EAST_ASIAN_FONT = re.compile(r'<w:rFonts\b[^>]*\bw:eastAsia="([^"]+)"')


def _style_font(styles: str, style_id: str) -> str | None:
    """The East-Asian font a style names in its own element, if any.

    Read up to the element's end, so that a Normal that names none does not lend the body the font of the
    style after it (黑体 headings drawn as 仿宋); and from w:rFonts, since w:lang's w:eastAsia is a language.
    """
    element = rf'<w:style\b[^>]*\bw:styleId="{re.escape(style_id)}"[^>]*?(?:/>|>(.*?)</w:style>)'
    style = re.search(element, styles, re.DOTALL)
    found = _EAST_ASIAN_FONT.search(style[1] or "") if style else None
    return found[1] if found else None


def mappings(fonts: Mapping[str, str], families: set[str] | None) -> list[Substitution]:
    """The preview's face for each font (font name → role)."""
    return [choose(font, role, families) for font, role in fonts.items()]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def registry_modifications(chosen: list[Substitution], *, fontconfig: bool) -> str:
    """The profile's registrymodifications.xcu: LibreOffice's replacement table, applied always (not only
    on screen), so that the PDF uses it too. Bold faces are left to fontconfig where it is there."""
    pairs = [m for m in chosen if m.face is not None and not (m.face.bold and fontconfig)]
    items = [
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
    ]
    for index, m in enumerate(pairs):
        assert m.face is not None
        props = (
            ("Always", "true"),
            ("OnScreenOnly", "false"),
            ("ReplaceFont", m.font),
            ("SubstituteFont", m.face.family),
        )
        body = "".join(
            f'<prop oor:name="{k}" oor:op="fuse"><value>{_esc(v)}</value></prop>' for k, v in props
        )
        items.append(
            '<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">'
            f'<node oor:name="_{index}" oor:op="replace">{body}</node></item>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry"'
        ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items)
        + "\n</oor:items>\n"
    )


def fontconfig_rules(chosen: list[Substitution], system_config: str) -> str | None:
    """A fonts.conf that includes the system's and asks for each bold face; None when none is bold."""
    bold = [m for m in chosen if m.face is not None and m.face.bold]
    if not bold:
        return None
    rules = "".join(
        f'<match target="pattern"><test name="family" qual="any"><string>{_esc(m.font)}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{_esc(m.face.family)}</string></edit>'
        '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>'
        for m in bold
        if m.face is not None
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">{_esc(system_config)}</include>{rules}</fontconfig>\n'
    )


def describe(chosen: list[Substitution]) -> list[str]:
    """One Chinese line for each font the preview draws with another face."""
    descriptions = dict(FONT_ROLES)
    return [
        f"{m.font}（{descriptions.get(m.role, m.role).split('（')[0]}）→ {m.face}"
        for m in chosen
        if m.face is not None
    ]
