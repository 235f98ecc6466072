"""The README documents every command and the two set-up commands that a new user runs."""

import re
from pathlib import Path

import click
import pytest

from drafter.cli.main import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "drafter") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found += commands(command, f"{prefix} {name}")
    return found


@pytest.mark.parametrize(("name", "command"), commands(cli), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_and_is_in_the_readme(name, command):
    assert command.help
    assert name in README


def test_the_readme_test_command_is_what_ci_runs():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"<!-- test-command -->\s*```\w*\n(.+?)\n```", README, re.DOTALL)[1].strip()
    assert test_command in ci
