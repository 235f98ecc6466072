"""Every help screen and every usage error is Chinese: click's own English never reaches a user."""

import re
import unicodedata

import click
import pytest

from drafter.cli.main import cli

CLICK_WORDS = ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "Show the version")


def run(runner, *args):
    return runner.invoke(cli, list(args), prog_name="drafter")


def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = [(path, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = commands(cli)


def our_words(command: click.Command) -> str:
    """Every text drafter itself puts on this command's help screen: its help, its options and names."""
    said = (
        [command.help or "", *command.commands] if isinstance(command, click.Group) else [command.help or ""]
    )
    if isinstance(command, click.Group):
        said += [sub.help or "" for sub in command.commands.values()]
    for param in command.params:
        said += [*param.opts, *param.secondary_opts, getattr(param, "help", None) or ""]
        if isinstance(param.type, click.Choice):
            said += [str(choice) for choice in param.type.choices]
    return " ".join(["drafter", "--help", *said])


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else ""
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_help_screen_is_chinese(runner, path, command, flag):
    result = runner.invoke(cli, [*path, flag], prog_name="drafter", catch_exceptions=False)
    assert result.exit_code == 0
    shown = result.output
    assert shown.startswith(f"用法：drafter {' '.join(path)}".rstrip())
    assert "选项：" in shown and "显示本帮助并退出。" in shown
    for word in CLICK_WORDS:
        assert word not in shown
    # Any English word on the screen must be one drafter wrote (an option, a file type, a tool's name);
    # one that is not came from click.
    ours = set(re.findall(r"[A-Za-z]{2,}", our_words(command)))
    foreign = set(re.findall(r"[A-Za-z]{2,}", shown)) - ours
    assert not foreign, (foreign, shown)


def test_a_group_lists_its_commands_under_a_chinese_heading(runner):
    shown = run(runner, "snippets", "--help").output
    assert "用法：drafter snippets [选项] 命令 [参数]..." in shown
    assert "\n命令：\n  harvest" in shown


def test_defaults_and_ranges_are_said_in_chinese(runner):
    shown = run(runner, "preview", "--help").output
    assert "--dpi 整数" in shown
    assert "PNG 图片的分辨率（默认：100；可取 30～600）。" in shown
    assert "不小于 1" in run(runner, "snippets", "search", "--help").output


def test_chinese_help_is_wrapped_by_terminal_columns(runner):
    """A Chinese character takes two columns: no line of help runs past click's 80 columns."""
    for path, _ in COMMANDS:
        for line in run(runner, *path, "--help").output.splitlines():
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            long_word = max((len(w) for w in line.split()), default=0) > 30  # a path or a URL cannot break
            assert width <= 80 or long_word, line


def test_no_args_shows_the_chinese_help(runner):
    result = run(runner, "templates")
    assert result.exit_code == 2
    assert result.stderr.startswith("用法：drafter templates [选项] 命令 [参数]...")


def test_version_is_chinese(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"drafter 版本 \d+\.\d+\.\d+\n", result.output)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["build"], "错误：缺少参数 事实文件"),
        (["check"], "错误：缺少参数 文件"),
        (["build", "x.yaml", "--force=1"], "错误：选项 --force 后面不能写值"),
        (["build", "x.yaml", "--unit"], "错误：选项 --unit 后面要写一个值"),
        (["check", "x.txt", "--fo"], "错误：没有选项 --fo，是否想写“--fix”、“--force”或“--format”？"),
        (
            ["snippets", "harvest", "x.docx", "-o", "."],
            "错误：-o/--output 的值不对：“.”是一个文件夹，这里要写文件",
        ),
        (["preview", "x.docx", "--dpi", "5"], "错误：--dpi 的值不对：5 应在 30～600 之间"),
        (["snippets", "lst"], "错误：没有命令“lst”，是否想写“list”？"),
        (["build", "a.yaml", "b.yaml"], "错误：多余的参数：b.yaml"),
    ],
)
def test_usage_errors_are_chinese_with_a_chinese_usage_line(runner, args, expected):
    result = run(runner, *args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == expected
    if len(lines) > 1:  # click knows the command (it does not for some option errors)
        assert lines[0].startswith("用法：drafter ") and "[选项]" in lines[0]
        assert re.fullmatch(r"运行“drafter [a-z ]+ -h”查看帮助。", lines[1])
