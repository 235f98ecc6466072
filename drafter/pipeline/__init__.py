"""From a facts file to finished documents: load and check the facts with their kind, render, write the
.docx (and a round's 整改台账 workbooks); warnings come back as data.

May import: ``core``, ``facts``, ``render``, ``docx``, ``kinds``, ``phrases``, ``workbook``.
"""
