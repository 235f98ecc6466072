"""``drafter check``: the rule book and its registry, text, number and structure rules, script detection,
findings and how they are shown.

May import: ``core``, ``facts``, ``render``, ``docx``, ``pipeline`` (facts files are built to be
checked).
"""
