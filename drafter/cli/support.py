"""What every drafter command shares: help screens and click's usage errors in Chinese, the group that
turns errors into messages and exit codes, the common options, and how -o names a folder.

Kept apart from main.py so that the commands themselves stay readable; click is imported only by these two.
"""

from __future__ import annotations

import gc
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..core.errors import DrafterError, OptionError

# click writes its own English words into every help screen; PRODUCT.md: help screens are Chinese too.
_HEADINGS = {"Options": "选项", "Commands": "命令", "Positional arguments": "参数", "Arguments": "参数"}
_HELP_OPTION_HELP = "显示本帮助并退出。"
# A line must not start with closing marks nor end with opening ones (GB/T 15834: 点号、后半括号、
# 后引号不出现在行首；前半括号、前引号不出现在行末).
_NO_LINE_START = set("，。、；：！？）》」』”’…%")
_NO_LINE_END = set("（《「『“‘")


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: a Chinese character takes two."""
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words and single Chinese characters, each with whether a space came before it."""
    tokens: list[tuple[str, bool]] = []
    for i, word in enumerate(text.split(" ")):
        spaced = i > 0
        run = ""
        for ch in word:
            if _is_wide(ch):
                if run:
                    tokens.append((run, spaced))
                    spaced, run = False, ""
                tokens.append((ch, spaced))
                spaced = False
            else:
                run += ch
        if run:
            tokens.append((run, spaced))
    return tokens


def wrap(text: str, width: int, first_indent: str = "", rest_indent: str = "") -> list[str]:
    """Lines of at most ``width`` columns. click's own wrapper breaks only at spaces and counts a Chinese
    character as one column, so Chinese help ran past the edge of the terminal."""
    lines: list[str] = []
    line, used = first_indent, display_width(first_indent)
    fresh = True
    for token, spaced in _tokens(text):
        gap = " " if spaced and not fresh else ""
        size = display_width(gap + token)
        if not fresh and used + size > width and token[0] not in _NO_LINE_START:
            carried = line[-1] if line[-1] in _NO_LINE_END and len(line) > len(rest_indent) + 1 else ""
            lines.append(line[: len(line) - len(carried)])
            line, gap = rest_indent + carried, ""
            used, size = display_width(line), display_width(token)
        line += gap + token
        used += size
        fresh = False
    lines.append(line)
    return lines


def _join_lines(lines: Iterable[str]) -> str:
    """One paragraph from its source lines: no space is put between two Chinese characters."""
    text = ""
    for line in lines:
        piece = line.strip()
        if text and piece and not (_is_wide(text[-1]) and _is_wide(piece[0])):
            text += " "
        text += piece
    return text


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """(indent, kept as written, lines) per paragraph; a paragraph after a ``\\b`` line is not rewrapped."""
    found: list[tuple[int, bool, list[str]]] = []
    block: list[str] = []
    for line in [*text.expandtabs().splitlines(), ""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            indent = len(block[0]) - len(block[0].lstrip())
            raw = block[0].strip() == "\b"
            found.append((indent, raw, block[1:] if raw else block))
        block = []
    return found


class HelpFormatter(click.HelpFormatter):
    """click's help layout with Chinese words, widths measured in terminal columns, and Chinese text
    wrapped between characters."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, as “用法：drafter build [选项] 事实文件”."""
        start = f"{' ' * self.current_indent}{prefix or '用法：'}{prog}"
        if not args:
            self.write(start + "\n")
            return
        rest = " " * (display_width(start) + 1)
        self.write("\n".join(wrap(args, self.width, start + " ", rest)) + "\n")

    def write_heading(self, heading: str) -> None:
        """A section heading in Chinese (click names its sections in English)."""
        self.write(f"{' ' * self.current_indent}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        """Paragraphs of help text, rewrapped unless marked with \\b."""
        self.write("\n".join(self._fill(text, " " * self.current_indent)) + "\n")

    def _fill(self, text: str, indent: str) -> list[str]:
        """The lines of ``text``'s paragraphs, each line starting with ``indent``; a blank line between."""
        lines: list[str] = []
        for extra, raw, source in _paragraphs(text):
            pad = indent + " " * extra
            if lines:
                lines.append("")
            if raw:
                lines += [pad + line for line in source]
            else:
                lines += wrap(_join_lines(source), self.width, pad, pad)
        return lines

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Options or commands and what they do, in two columns lined up by terminal columns."""
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(display_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        text_indent = " " * (self.current_indent + first_col)
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                start = " " * (first_col - display_width(first))
            else:
                self.write("\n")
                start = text_indent
            lines = self._fill(second, text_indent) or [""]
            self.write(start + lines[0].lstrip() + "\n")
            for line in lines[1:]:
                self.write(line + "\n")


class Context(click.Context):
    """A context whose help screens are Chinese."""

    formatter_class = HelpFormatter


def _metavar(param: click.Parameter) -> str | None:
    """A Chinese placeholder for an option's value by its type (click writes TEXT, PATH, INTEGER…)."""
    kind = param.type
    if isinstance(kind, click.Path):
        name = "文件" if not kind.dir_okay else "文件夹" if not kind.file_okay else "路径"
    elif isinstance(kind, click.types.IntParamType):
        name = "整数"
    elif isinstance(kind, click.types.FloatParamType):
        name = "数字"
    elif kind is click.STRING:
        name = "文字"
    else:
        return None  # a Choice lists its values: [text|json]
    return name + ("..." if param.nargs != 1 else "")


def _range(kind: click.IntRange | click.FloatRange) -> str:
    """An IntRange as Chinese: 30～600, 不小于 1 (click writes 30<=x<=600, x>=1)."""
    low, high = kind.min, kind.max
    if low is not None and high is not None and not (kind.min_open or kind.max_open):
        return f"{low}～{high}"
    parts = []
    if low is not None:
        parts.append(f"{'大于' if kind.min_open else '不小于'} {low}")
    if high is not None:
        parts.append(f"{'小于' if kind.max_open else '不大于'} {high}")
    return "，".join(parts)


def _option_row(option: click.Option, ctx: click.Context) -> tuple[str, str] | None:
    """An option's row in the help screen, with its default and range said in Chinese."""
    record = option.get_help_record(ctx)
    if record is None:
        return None
    extra = option.get_help_extra(ctx)
    notes = []
    if "default" in extra:
        notes.append(f"默认：{extra['default']}")
    if "range" in extra and isinstance(option.type, (click.IntRange, click.FloatRange)):
        notes.append(f"可取 {_range(option.type)}")
    if "required" in extra:
        notes.append("必填")
    if "envvars" in extra:
        notes.append(f"环境变量 {'、'.join(extra['envvars'])}")
    text = option.help or ""
    if notes:
        said = f"（{'；'.join(notes)}）"
        text = f"{text[:-1]}{said}。" if text.endswith("。") else text + said
    return record[0], text


class Command(click.Command):
    """A command whose help screen (and usage line in errors) is Chinese."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
                param.metavar = _metavar(param)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """-h/--help, described in Chinese."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _HELP_OPTION_HELP
        return option

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options section, with defaults and ranges in Chinese rather than click's [default: …]."""
        rows = [
            row for p in self.get_params(ctx) if isinstance(p, click.Option) and (row := _option_row(p, ctx))
        ]
        if rows:
            with formatter.section("选项"):
                formatter.write_dl(rows)


class Group(Command, click.Group):
    """The one place where drafter's errors become messages and exit codes, never a traceback."""

    command_class = Command
    group_class = type  # subgroups are of this class too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Options, then the commands (click.Group's own order)."""
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; drafter's errors become their message and exit code 1 (2 for a wrong option)."""
        try:
            return super().invoke(ctx)
        except OptionError as err:  # an option's value the library refused: a usage error, as click's own
            click.echo(f"错误：{err}", err=True)
            ctx.exit(2)
        except DrafterError as err:
            click.echo(str(err), err=True)
            ctx.exit(1)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's own usage errors are English; users read Chinese, so they are shown here (exit 2)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as err:
            click.echo(err.format_message(), err=True)
            sys.exit(2)
        except click.UsageError as err:
            if err.ctx is not None:
                click.echo(err.ctx.get_usage(), err=True)
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
    (re.compile(r"Missing option '(.+?)'"), "缺少选项 {0}"),
    (re.compile(r"No such option:? '?([^'\s.]+)"), "没有选项 {0}"),
    (re.compile(r"No such command '(.+?)'"), "没有命令“{0}”"),
    (re.compile(r"Got unexpected extra arguments? \((.+?)\)"), "多余的参数：{0}"),
    (re.compile(r"Option '(.+?)' requires an argument"), "选项 {0} 后面要写一个值"),
    (re.compile(r"Option '(.+?)' does not take a value"), "选项 {0} 后面不能写值"),
    (re.compile(r"Missing command"), "缺少命令"),
)
_DID_YOU_MEAN = re.compile(r"Did you mean (?:one of: )?(.+?)\?")
_INVALID_VALUE = re.compile(r"Invalid value for ((?:'[^']+'(?: / )?)+): (.+)", re.DOTALL)
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


def _name(hint: str) -> str:
    """A parameter as the user knows it: “-o/--output”, or an argument's placeholder without its “...”."""
    return "/".join(re.findall(r"'([^']+)'", hint) or [hint]).removesuffix("...")


def _invalid_value(param: str, detail: str) -> str:
    # “--dpi 的值不对”, but “事实文件的值不对”: a space only after a Latin name.
    said = f"{param} 的值不对：" if param.isascii() else f"{param}的值不对："
    for pattern, text in _VALUE_PROBLEMS:
        m = pattern.search(detail)
        if m:
            return said + text.format(*(g.replace("'", "") for g in m.groups() if g))
    return said + detail


def _guesses(said: str) -> str:
    """click's “Did you mean '--fix', '--force'?” as “，是否想写“--fix”或“--force”？”."""
    names = [f"“{name}”" for name in re.findall(r"'([^']+)'", said) or [said]]
    listed = "、".join(names[:-1]) + "或" + names[-1] if len(names) > 1 else names[0]
    return f"，是否想写{listed}？"


def in_chinese(message: str) -> str:
    """Click's usage messages in Chinese; an unknown one is shown as it is rather than lost."""
    invalid = _INVALID_VALUE.search(message)
    if invalid:
        return _invalid_value(_name(invalid[1]), invalid[2])
    for pattern, text in _USAGE_MESSAGES:
        m = pattern.search(message)
        if m:
            hint = _DID_YOU_MEAN.search(message)
            return text.format(m[1].removesuffix("...")) + (_guesses(hint[1]) if hint else "")
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
