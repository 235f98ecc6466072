"""Read a draft into numbered paragraphs: a .txt or .docx written by anyone, or drafter's own model.

Paragraph numbers count the non-empty paragraphs from 1, the way a reader counts them on the page.
Headings are recognised by their label (一、 （一） 1. （1）) or, in a .docx, by a heading style or
outline level. python-docx is used here and nowhere else in the checking code.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import DraftError
from ..core.headings import parse_label
from ..facts.yamlfile import read_text
from ..render.markup import DocumentModel, Heading

_STYLE_LEVEL = re.compile(r"(?:heading|标题|公文)\s*([1-4一二三四])", re.IGNORECASE)
_LEVEL_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}



@dataclass(frozen=True, slots=True)
class DraftParagraph:
    """One non-empty paragraph; ``level`` 1–4 for a heading (with its ``label``), 0 for text."""

    number: int
    text: str
    level: int = 0
    label: str = ""
    role: str = "body"  # title, addressee, body, attachment, signature, date, frame (版头, 版记)


def read_draft(path: Path) -> list[DraftParagraph]:
    """The paragraphs of a .txt or .docx draft."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        # Split on \n only, as --fix does when it writes the lines back (\r goes with the strip).
        return _numbered([(line, None) for line in read_text(path).split("\n")])
    if suffix == ".docx":
        return _numbered(_docx_paragraphs(path))
    msg = f"{path}: 不支持的文件类型“{path.suffix}”，可检查 .yaml 事实文件、.docx 和 .txt 文稿"
    raise DraftError(msg)


# The styles of the official frame drafter writes (docx/frame.py): 版头 and 版记 are no sentences.
FRAME_STYLES = frozenset({"版头行", "发文机关标志", "发文字号", "版记"})
FRAME_LEVEL = -1  # a style_level that marks a paragraph of the frame


def draft_labels(path: Path) -> tuple[str, ...]:
    """Lines a .docx keeps outside its body paragraphs that say who wrote it: the document's title
    property and the text of its tables (a 署名 set in a table to align it). Empty for a .txt."""
    if path.suffix.lower() != ".docx":
        return ()
    import docx

    document = docx.Document(str(path))
    cells = [
        paragraph.text.strip()
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    ]
    title = (document.core_properties.title or "").strip()
    return tuple(dict.fromkeys(text for text in (title, *cells) if text))


def _numbered(raw: list[tuple[str, int | None]]) -> list[DraftParagraph]:
    paragraphs: list[DraftParagraph] = []
    frame: set[int] = set()
    for text, style_level in raw:
        text = text.strip()
        if not text:
            continue
        if style_level == FRAME_LEVEL:
            frame.add(len(paragraphs))
            paragraphs.append(DraftParagraph(len(paragraphs) + 1, text))
            continue
        level, label = parse_label(text)
        if style_level and not level:
            level = style_level
        paragraphs.append(DraftParagraph(len(paragraphs) + 1, text, level, label))
    body = _with_roles([p for i, p in enumerate(paragraphs) if i not in frame])
    roles = iter(body)
    return [replace(p, role="frame") if i in frame else next(roles) for i, p in enumerate(paragraphs)]


_DATE_LINE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_SENTENCE_END = tuple("。！？；：")


def _with_roles(paragraphs: list[DraftParagraph]) -> list[DraftParagraph]:
    """Mark the parts of an official document that are not sentences: the title (first paragraph,
    no closing punctuation), the addressee (a short line ending in ：), attachments, the signature
    (a short line above the date) and the date."""
    roles = ["body"] * len(paragraphs)
    for i, p in enumerate(paragraphs):
        if i == 0 and not p.level and not p.text.endswith(_SENTENCE_END):
            roles[i] = "title"
        elif i <= 2 and p.text.endswith(("：", ":")) and len(p.text) <= 30 and roles[0] == "title":
            roles[i] = "addressee"
        elif _DATE_LINE.fullmatch(p.text):
            roles[i] = "date"
            above = paragraphs[i - 1].text if i else ""
            if above and roles[i - 1] == "body" and len(above) <= 30 and not re.search(r"[，。；]", above):
                roles[i - 1] = "signature"
        elif p.text.startswith("附件"):
            roles[i] = "attachment"
    return [p if role == "body" else replace(p, role=role) for p, role in zip(paragraphs, roles, strict=True)]


def _docx_paragraphs(path: Path) -> list[tuple[str, int | None]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError  # python-docx parses with lxml

    if not path.is_file():
        msg = f"{path}: 文件不存在"
        raise DraftError(msg)
    try:
        # Parts such as styles.xml are parsed on first use, so a damaged part can surface while reading.
        document = docx.Document(str(path))
        return [
            (p.text, FRAME_LEVEL if p.style is not None and p.style.name in FRAME_STYLES else _style_level(p))
            for p in document.paragraphs
        ]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as err:
        msg = f"{path}: 无法打开：不是有效的 Word（.docx）文件（文件可能已损坏）"
        raise DraftError(msg) from err


def _style_level(paragraph: object) -> int | None:
    """A heading level from the paragraph's style name or its outline level (0-based in OOXML)."""
    style = getattr(paragraph, "style", None)
    name = getattr(style, "name", "") or ""
    m = _STYLE_LEVEL.search(name)
    if m and ("标题" in name or "heading" in name.lower()):
        digit = m[1]
        return _LEVEL_DIGITS.get(digit) or int(digit)
    element = getattr(paragraph, "_p", None)
    if element is not None and element.pPr is not None:
        outline = element.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl")
        if outline is not None:
            value = outline.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            if value is not None and value.isdigit() and int(value) < 4:
                return int(value) + 1
    return None


def model_paragraphs(model: DocumentModel) -> list[DraftParagraph]:
    """The paragraphs of a rendered document, numbered as they appear in the built .docx."""
    raw: list[tuple[str, int, str, str]] = [(model.title, 0, "", "title")]
    if model.addressee:
        raw.append((model.addressee, 0, "", "addressee"))
    for block in model.blocks:
        if isinstance(block, Heading):
            text = block.label + block.text + (block.body or "")
            raw.append((text, block.level, block.label, "body"))
        else:
            raw.append((block.text, 0, "", "body"))
    raw += [(f"附件：{name}", 0, "", "attachment") for name in model.attachments]
    if model.signature:
        raw.append((model.signature, 0, "", "signature"))
    if model.date:
        raw.append((model.date, 0, "", "date"))
    return [
        DraftParagraph(number, text, level, label, role)
        for number, (text, level, label, role) in enumerate(raw, start=1)
    ]


Edits = dict[int, list[tuple[int, int, str]]]


def rewrite_draft(path: Path, edits: Edits) -> tuple[bytes, set[tuple[int, int]]]:
    """The draft's bytes with ``edits`` ({paragraph number: [(start, end, new text)]}) applied.

    Returns the bytes and the (paragraph, start) of edits that could not be made: in a .docx an edit
    must lie inside one run, so that no formatting is lost or moved.
    """
    if path.suffix.lower() == ".txt":
        return _rewrite_txt(path, edits), set()
    return _rewrite_docx(path, edits)


def _apply(text: str, edits: list[tuple[int, int, str]], offset: int) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[: offset + start] + new + text[offset + end :]
    return text


def _rewrite_txt(path: Path, edits: Edits) -> bytes:
    lines = read_text(path).split("\n")
    number = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        number += 1
        if number in edits:
            lines[i] = _apply(line, edits[number], len(line) - len(line.lstrip()))
    return "\n".join(lines).encode("utf-8")


def _rewrite_docx(path: Path, edits: Edits) -> tuple[bytes, set[tuple[int, int]]]:
    import io

    import docx

    document = docx.Document(str(path))
    skipped: set[tuple[int, int]] = set()
    number = 0
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not text.strip():
            continue
        number += 1
        offset = len(text) - len(text.lstrip())
        runs = paragraph.runs
        whole = "".join(run.text for run in runs) == text
        run_starts = []
        position = 0
        for run in runs:
            run_starts.append(position)
            position += len(run.text)
        for start, end, new in sorted(edits.get(number, []), reverse=True):
            a, b = start + offset, end + offset
            owner = next((i for i, s in enumerate(run_starts) if s <= a and b <= s + len(runs[i].text)), None)
            if not whole or owner is None:
                skipped.add((number, start))
                continue
            run = runs[owner]
            local = a - run_starts[owner]
            run.text = run.text[:local] + new + run.text[local + b - a :]
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue(), skipped
