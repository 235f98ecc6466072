"""Document kinds as plug-ins: what each kind derives from its facts, which items get a document each,
what it supplies to other kinds, and which check rules do not apply to an item.

May import: ``core``, ``facts``, ``workbook``.
"""
