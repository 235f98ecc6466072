"""What every drafter command shares: the group that turns errors into messages and exit codes, click's
usage errors in Chinese, the common options, and how -o names a folder.

Kept apart from cli.py so that the commands themselves stay readable; click is imported only by these two.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..core.errors import DrafterError


class Group(click.Group):
    """The one place where drafter's errors become messages and exit codes, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DrafterError as err:
            click.echo(str(err), err=True)
            ctx.exit(1)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's own usage errors are English; users read Chinese, so they are shown here (exit 2)."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as err:
            click.echo(err.format_message(), err=True)
            sys.exit(2)
        except click.UsageError as err:
            if err.ctx is not None:
                click.echo(err.ctx.get_usage().replace("Usage: ", "用法："), err=True)
                click.echo(f"运行“{err.ctx.command_path} -h”查看帮助。", err=True)
            click.echo(f"错误：{in_chinese(err.format_message())}", err=True)
            sys.exit(2)
        except click.ClickException as err:
            click.echo(f"错误：{err.format_message()}", err=True)
            sys.exit(err.exit_code)
        except click.Abort:
            click.echo("已取消。", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


_USAGE_MESSAGES = (
    (re.compile(r"Missing argument '(.+?)'"), "缺少参数 {0}"),
    (re.compile(r"No such option:? '?([^'\s.]+)"), "没有选项 {0}"),
    (re.compile(r"No such command '(.+?)'"), "没有命令“{0}”"),
    (re.compile(r"Got unexpected extra arguments? \((.+?)\)"), "多余的参数：{0}"),
    (re.compile(r"Option '(.+?)' requires an argument"), "选项 {0} 后面要写一个值"),
    (re.compile(r"Missing command"), "缺少命令"),
)
_DID_YOU_MEAN = re.compile(r"Did you mean '?([^'?]+)'?\?")
_INVALID_VALUE = re.compile(r"Invalid value for '(.+?)': (.+)", re.DOTALL)
_VALUE_PROBLEMS = (
    (re.compile(r"(?:File|Path) '(.+?)' is a directory\."), "“{0}”是一个文件夹，这里要写文件"),
    (re.compile(r"(?:Directory|Path) '(.+?)' is a file\."), "“{0}”是一个文件，这里要写文件夹"),
    (re.compile(r"(?:File|Path|Directory) '(.+?)' does not exist\."), "“{0}”不存在"),
    (re.compile(r"(.+?) is not in the range (\S+?)<=x<=(\S+?)\."), "{0} 应在 {1}～{2} 之间"),
    (re.compile(r"(.+?) is not in the range x>=(\S+?)\."), "{0} 不能小于 {1}"),
    (re.compile(r"(.+?) is not in the range x<=(\S+?)\."), "{0} 不能大于 {1}"),
    (re.compile(r"'(.+?)' is not one of (.+?)\."), "“{0}”不是可选的值（可选：{1}）"),
    (re.compile(r"'(.+?)' is not a valid integer( range)?\."), "“{0}”不是整数"),
)


def _invalid_value(option: str, detail: str) -> str:
    for pattern, text in _VALUE_PROBLEMS:
        m = pattern.search(detail)
        if m:
            return f"{option} 的值不对：" + text.format(*(g.replace("'", "") for g in m.groups() if g))
    return f"{option} 的值不对：{detail}"


def in_chinese(message: str) -> str:
    """Click's usage messages in Chinese; an unknown one is shown as it is rather than lost."""
    invalid = _INVALID_VALUE.search(message)
    if invalid:
        return _invalid_value(invalid[1], invalid[2])
    for pattern, text in _USAGE_MESSAGES:
        m = pattern.search(message)
        if m:
            hint = _DID_YOU_MEAN.search(message)
            return text.format(m[1]) + (f"，是否想写“{hint[1]}”？" if hint else "")
    return message


def output_path(option: str | None, name: str) -> Path | None:
    """The -o path; one ending in / or \\ names a folder, and the file goes into it under ``name``.

    (pathlib drops the trailing separator, so this is decided on the text the user typed.)
    """
    if not option:
        return None
    return Path(option) / name if option.endswith(("/", "\\")) else Path(option)


@contextmanager
def cycles_collected_afterwards() -> Iterator[None]:
    """Import the libraries and read the facts with Python's cycle collector paused, then freeze what
    they made. Starting a build allocates hundreds of thousands of objects that live until the process
    ends; the collector walked them again and again while they were made, and once more at exit, which
    took about a seventh of a cold build. Frozen objects are never walked again; what the build makes
    afterwards (one document after another) is collected as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


CONTEXT = {"help_option_names": ["-h", "--help"]}
PROGRESS_FROM = 3  # more units than this: number the lines of a round's build
TEMPLATES_OPTION = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="模板文件夹（默认：环境变量 DRAFTER_TEMPLATES，或随 drafter 提供的 templates/）。",
)


SNIPPETS_OPTION = click.option(
    "--snippets",
    "snippet_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="本单位的片段文件夹，先于 drafter.yaml 所列的和内置的片段库查找，同编号时覆盖内置片段（可写多次）。",
)
