"""Facts files: YAML read with the place of every value, a template's schema, validation with positioned
Chinese messages, drafter.yaml (a county's settings), template folders and the commented skeletons.

May import: ``core``.
"""
