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
