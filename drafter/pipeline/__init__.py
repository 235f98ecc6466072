"""From a facts file to finished documents: load and check the facts with their kind, render, write the
.docx; warnings come back as data.

May import: ``core``, ``facts``, ``render``, ``docx``, ``kinds``, ``phrases``.
"""
