"""The phrase library (规范表述): snippet files, search, their use in templates and facts, and harvesting
phrases from existing reports.

May import: ``core``, ``facts``, ``render``, ``docx`` (reading reports to harvest).
"""
