"""``drafter doctor``: are the fonts the format names installed, what replaces them, and are the tools there.

A missing font is not an error: Word, WPS and LibreOffice all draw the text with another font. But the
pages then look different (and may hold a different number of characters a line), so the report says
which font stands in and how a Windows user can name a font the computer does have.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from ..docx.format import FONT_ALTERNATES, FONT_ROLES, DocFormat
from .fontmap import Face, choose
from .fonts import face_file, installed_families, is_installed, names_of
from .libreoffice import INSTALL_LIBREOFFICE, INSTALL_POPPLER, find_poppler, find_soffice

# What a unit without the official fonts may name instead (gongwen-format.md §5.2): the fonts Windows
# ships, or for the licensed 方正小标宋 the usual stand-in.
WINDOWS_CHOICES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "华文中宋"}


@dataclass(frozen=True, slots=True)
class FontStatus:
    """One font the format needs: for which role, whether it is installed, and what would stand in."""

    role: str
    description: str
    font: str
    installed: bool | None  # None: this computer cannot tell
    preview: Face | None  # what drafter preview draws it with here (fontmap.py)
    preview_file: str | None  # that face's file, as pdffonts' names lead back to it
    alternate: str | None  # what the document's font table offers Word and WPS


def font_statuses(fmt: DocFormat) -> list[FontStatus]:
    """The fonts per role of a format, checked against this computer."""
    families = installed_families()
    roles = [(role, description, fmt.font(role)) for role, description in FONT_ROLES.items()]
    if fmt.latin_font:
        roles.append(("latin_font", "数字和字母", fmt.latin_font))
    statuses = []
    for role, description, font in roles:
        installed = None if families is None else is_installed(font, families)
        # 黑体's alternate SimHei is the same font under its English name: no help when 黑体 is missing.
        alternate = FONT_ALTERNATES.get(font)
        if alternate is not None and names_of(alternate) & names_of(font):
            alternate = None
        face = choose(font, role, families).face if installed is False else None
        file = face_file(face.family, face.bold) if face is not None else None
        statuses.append(FontStatus(role, description, font, installed, face, file, alternate))
    return statuses


def report(fmt: DocFormat, source: str) -> str:
    """The doctor's whole report, in Chinese, one finding a line."""
    statuses = font_statuses(fmt)
    lines = [f"版式：{source}", "", "需要的字体（按用途）："]
    lines += [f"  {s.description}：{s.font} — {_font_verdict(s)}" for s in statuses]
    soffice, pdftoppm = find_soffice(), find_poppler("pdftoppm")
    lines += ["", "工具："]
    lines.append(
        f"  LibreOffice：{soffice}（drafter preview 可以生成 PDF）" if soffice else "  LibreOffice：未找到"
    )
    lines.append(
        f"  poppler（pdftoppm）：{pdftoppm}（可以生成 PNG 图片）"
        if pdftoppm
        else "  poppler（pdftoppm）：未找到"
    )
    advice = _advice(statuses, has_soffice=soffice is not None, has_poppler=pdftoppm is not None)
    if advice:
        lines += ["", "建议："] + [f"  - {item}" for item in advice]
    else:
        lines += ["", "一切就绪：字体齐全，预览工具可用。"]
    return "\n".join(lines)


def _font_verdict(status: FontStatus) -> str:
    if status.installed is None:
        return "无法检查（本机没有 fc-list，也读不到 Windows 字体列表）"
    if status.installed:
        return "已安装"
    parts = ["未安装"]
    if status.preview is not None:
        where = f"（{status.preview_file}）" if status.preview_file else ""
        parts.append(f"drafter preview 以“{status.preview}”{where}代替")
    if status.alternate:
        parts.append(f"Word/WPS 会先找文档登记的替代字体“{status.alternate}”")
    return "，".join(parts)


def _advice(statuses: list[FontStatus], *, has_soffice: bool, has_poppler: bool) -> list[str]:
    advice = []
    missing = [s for s in statuses if s.installed is False]
    if missing:
        names = "、".join(dict.fromkeys(s.font for s in missing))
        advice.append(
            f"本机缺少 {names}。打开文档时会换用别的字体显示和打印，字形不合要求，每行字数和页数也可能变化；"
            "正式印发前请在装有这些字体的电脑上核对。"
        )
        choices = {s.role: WINDOWS_CHOICES[s.font] for s in missing if s.font in WINDOWS_CHOICES}
        if choices:
            settings = "\n".join(f"        {role}: {font}" for role, font in choices.items())
            advice.append(
                "Windows 10/11 自带“仿宋”“楷体”，但没有 仿宋_GB2312、楷体_GB2312；"
                "方正小标宋简体是需另行安装的商业字体（没有时可暂用华文中宋）。"
                "可以在事实文件或同一文件夹的 drafter.yaml 里改用本机有的字体：\n"
                f"    format:\n      fonts:\n{settings}"
            )
    if any(s.installed is None for s in statuses):
        if sys.platform == "win32":
            advice.append("读不到 Windows 的字体列表；可在“设置 → 个性化 → 字体”里查看是否装有上面的字体。")
        else:
            advice.append("没有 fc-list，无法检查字体：Debian/Ubuntu 运行 sudo apt-get install fontconfig。")
    if not has_soffice:
        advice.append(f"drafter preview 需要 LibreOffice。{INSTALL_LIBREOFFICE}")
    if not has_poppler:
        advice.append(f"drafter preview --png 需要 poppler。{INSTALL_POPPLER}")
    return advice
