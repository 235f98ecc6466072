"""The official format (GB/T 9704-2012) as data, title breaking, the OOXML writer, and reading drafts
(.docx, .txt) back into paragraphs.

May import: ``core``, ``facts``, ``render`` (the document model).
"""
