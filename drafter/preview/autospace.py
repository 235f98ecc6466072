"""The space between Chinese and figures: off in the document, so off in the preview too.

A document in the official format turns off Word's automatic space between Chinese characters and
Latin letters or figures (w:autoSpaceDE and w:autoSpaceDN = 0 in its defaults): every line then holds
its 28 characters with figures half a character wide, and drafter's own count of rows (docx/pagination.py)
is the count Word makes. LibreOffice 7.4 does not read either setting from a .docx (measured: its import
leaves ``style:text-autospace="ideograph-alpha"`` on every paragraph style) and adds about a fifth of a
character at each boundary between Chinese and a figure. A paragraph with many figures then wraps a line
earlier than in Word, and over a few pages the preview's page breaks — and where the 版记 falls — drift
from the document's. For such a document the preview therefore goes through LibreOffice's own flat
format, where the setting can be written: .docx → .fodt, the space turned off, .fodt → PDF.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_OFF = r'w:val="(?:0|false|off)"'
_DEFAULTS = re.compile(r"<w:pPrDefault>.*?</w:pPrDefault>", re.DOTALL)
_NORMAL = re.compile(r'<w:style\b[^>]*w:styleId="Normal"[^>]*>.*?</w:style>', re.DOTALL)
_ON_IN_FLAT = 'style:text-autospace="ideograph-alpha"'


def turns_autospace_off(document: Path) -> bool:
    """Whether a .docx turns off the automatic space for letters and figures alike in its defaults
    (document defaults or the Normal style, which every paragraph inherits)."""
    try:
        with zipfile.ZipFile(document) as package:
            styles = package.read("word/styles.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    for found in (_DEFAULTS.search(styles), _NORMAL.search(styles)):
        if found is None:
            continue
        block = found.group(0)
        if re.search(rf"<w:autoSpaceDE {_OFF}", block) and re.search(rf"<w:autoSpaceDN {_OFF}", block):
            return True
    return False


def turn_autospace_off(flat: Path) -> None:
    """Write the document's own setting into LibreOffice's flat XML (.fodt): no automatic space."""
    text = flat.read_text(encoding="utf-8")
    flat.write_text(text.replace(_ON_IN_FLAT, 'style:text-autospace="none"'), encoding="utf-8")
