"""The ``drafter`` command: click only here; arguments, Chinese help screens, and the one place where errors
become messages and exit codes.

May import: ``core``, ``facts``, ``render``, ``docx``, ``kinds``, ``phrases``, ``pipeline``, ``check``,
``preview``, ``workbook``; nothing imports it.
"""
