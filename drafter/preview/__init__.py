"""A real layout engine: LibreOffice and poppler for previews, the fonts this computer has, and
``drafter doctor``.

May import: ``core``, ``facts``, ``docx``, ``pipeline`` (a facts file is built before it is previewed).
"""
