"""``python -m drafter``: the same command as ``drafter``."""

from .cli.main import main

main()
