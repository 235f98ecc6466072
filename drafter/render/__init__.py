"""Templates to text: the Jinja sandbox, the filters templates use, Jinja's messages in Chinese, and the
line markup that turns the rendered text into a format-neutral document model.

May import: ``core``.
"""
