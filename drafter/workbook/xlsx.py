"""openpyxl, imported for the modules that write and read workbooks without pulling numpy in.

openpyxl imports numpy whenever it is installed, to accept numpy's number types in cells; drafter never
puts one there, and numpy's import was more than half of openpyxl's (about 0.23 s of 0.41 s measured
with ``python -X importtime``) — time a clerk waits on every build of an annual report that reads its
ledgers. numpy is hidden only while openpyxl loads, and only if nothing had imported it yet.
"""

from __future__ import annotations

import sys

_HIDE_NUMPY = "numpy" not in sys.modules
if _HIDE_NUMPY:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" raises ImportError
try:
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.worksheet import Worksheet
finally:
    if _HIDE_NUMPY:
        del sys.modules["numpy"]

__all__ = [
    "Alignment",
    "Border",
    "DataValidation",
    "Font",
    "InvalidFileException",
    "PageMargins",
    "PatternFill",
    "Side",
    "Workbook",
    "Worksheet",
    "load_workbook",
]
