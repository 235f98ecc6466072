"""Workbooks: the 整改台账 (rectification ledger) written for each inspected unit, and the ledgers the
units return, read back into plain, validated data. openpyxl is imported only by the modules that write
or read a workbook, and only when a command needs one.

May import: ``core``, ``facts``.
"""
