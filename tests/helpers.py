"""Small helpers shared by the tests."""

from __future__ import annotations

import zipfile
from pathlib import Path


def read_part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(name).decode("utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def docx_dump(docx_path: Path) -> str:
    """A reviewable text form of a document: page set-up, then one line per paragraph, `[style] text`.

    Compared with goldens instead of bytes, so a template change shows up as a readable diff.
    """
    import docx

    document = docx.Document(str(docx_path))
    section = document.sections[0]
    lines = [
        (
            f"page {section.page_width.mm:.0f}x{section.page_height.mm:.0f} mm,"
            f" margins top {section.top_margin.mm:.1f} bottom {section.bottom_margin.mm:.1f}"
            f" left {section.left_margin.mm:.1f} right {section.right_margin.mm:.1f}"
        ),
        f"title property: {document.core_properties.title}",
    ]
    for paragraph in document.paragraphs:
        text = paragraph.text.replace("\n", "⏎")
        lines.append(f"[{paragraph.style.name}] {text}".rstrip())
    return "\n".join(lines) + "\n"


def require_renderer(*poppler_tools: str) -> None:
    """Skip (with the reason) where LibreOffice or a poppler tool is missing; in CI fail instead."""
    import os

    import pytest

    from drafter.preview.libreoffice import find_poppler, find_soffice

    tools = {"soffice": find_soffice(), **{name: find_poppler(name) for name in poppler_tools}}
    missing = [name for name, found in tools.items() if found is None]
    if missing:
        reason = f"需要 {'、'.join(missing)}（Debian：libreoffice-writer-nogui、poppler-utils）"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def copy_round(sample: Path, folder: Path, name: str | None = None) -> Path:
    """Copy a sample round file, with the folder of returned ledgers it names, into ``folder``."""
    import re
    import shutil

    target = folder / (name or sample.name)
    shutil.copy(sample, target)
    named = re.search(r"^  folder: (\S+)", sample.read_text(encoding="utf-8"), re.M)
    if named and not (folder / named[1]).exists():
        shutil.copytree(sample.parent / named[1], folder / named[1])
    return target
