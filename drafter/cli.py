"""The ``drafter`` command: parse arguments, call the library, print, and map errors to exit codes.

Exit codes: 0 done; 1 the input is wrong (a Chinese message on stderr says where; nothing written);
2 usage error; 3 ``check`` found errors (or warnings under --strict), returned by the command itself.
The library modules are imported inside the commands, not at the top: ``drafter --help`` should cost
little more than importing click (jinja2 and ruamel.yaml add ~250 ms of start-up).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from .errors import DrafterError


class _Group(click.Group):
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
            click.echo(f"错误：{_in_chinese(err.format_message())}", err=True)
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


def _in_chinese(message: str) -> str:
    """Click's usage messages in Chinese; an unknown one is shown as it is rather than lost."""
    for pattern, text in _USAGE_MESSAGES:
        m = pattern.search(message)
        if m:
            hint = _DID_YOU_MEAN.search(message)
            return text.format(m[1]) + (f"，是否想写“{hint[1]}”？" if hint else "")
    return message


CONTEXT = {"help_option_names": ["-h", "--help"]}
TEMPLATES_OPTION = click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="模板文件夹（默认：环境变量 DRAFTER_TEMPLATES，或随 drafter 提供的 templates/）。",
)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="drafter")
def cli() -> None:
    """drafter：把一年的巡察工作事实（YAML）写成符合 GB/T 9704-2012 的 Word 文稿。

    \b
    常用：
      drafter new annual-report -o 2026年度.yaml   生成带中文注释的事实文件
      drafter build 2026年度.yaml                  生成 2026年度.docx
      drafter templates list                       查看有哪些模板
    """


@cli.command()
@click.argument("facts", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="输出文件（默认：与事实文件同名的 .docx）。"
)
@click.option("--force", is_flag=True, help="输出文件已存在时替换它（默认不覆盖，以免丢失手工修改）。")
@TEMPLATES_OPTION
def build(facts: Path, output: Path | None, force: bool, templates_dir: Path | None) -> None:
    """按事实文件生成 Word 文档。

    事实文件的 template: 一项决定用哪个模板。所有问题一次列出，有问题时不写任何文件。

    \b
    示例：
      drafter build samples/annual-report.yaml -o 2026年度巡察工作报告.docx
    """
    from .pipeline import build as build_document

    written = build_document(facts, output, force=force, templates=templates_dir)
    click.echo(f"已生成：{written}")


@cli.command()
@click.argument("template")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写到哪个文件（默认：<模板名>.yaml）。",
)
@click.option("--force", is_flag=True, help="文件已存在时替换它。")
@TEMPLATES_OPTION
def new(template: str, output: Path | None, force: bool, templates_dir: Path | None) -> None:
    """生成一个事实文件骨架：每一项都有中文说明，填好后即可 build。

    \b
    示例：
      drafter new annual-report -o 2026年度.yaml
    """
    from .pipeline import write_skeleton

    target = write_skeleton(template, output, force=force, templates=templates_dir)
    click.echo(f"已生成：{target}（填好后运行 drafter build {target}）")


@cli.group(cls=_Group, context_settings=CONTEXT)
def templates() -> None:
    """查看可用的模板及其需要的事实。"""


@templates.command(name="list")
@TEMPLATES_OPTION
def list_templates(templates_dir: Path | None) -> None:
    """列出所有模板。

    \b
    示例：
      drafter templates list
    """
    from .pipeline import template_summaries

    for found in template_summaries(templates_dir):
        click.echo(f"{found.name}\t{found.title}\t{found.description}")


@templates.command(name="show")
@click.argument("name")
@TEMPLATES_OPTION
def show_template(name: str, templates_dir: Path | None) -> None:
    """显示一个模板需要哪些事实（类型、是否必填、说明）。

    \b
    示例：
      drafter templates show annual-report
    """
    from .pipeline import describe_template

    click.echo(describe_template(name, templates_dir))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", help="输出格式。"
)
@click.option("--strict", is_flag=True, help="有警告也以退出码 3 结束（默认只有错误才是 3）。")
@click.option(
    "--fix", is_flag=True, help="把机械性问题（标点全半角、全角数字、习总书记）改好，另存为 <名称>-fixed。"
)
@click.option("--force", is_flag=True, help="--fix 的输出文件已存在时替换它。")
@click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="本单位的规则文件（增加、替换或关闭规则），可写多次。",
)
@click.option("--org-level", help="本级党委层级：县/区/市/旗（或 county/district/city/banner）。")
@click.option("--org-name", help="本级党委全称，如“中共清河县委”。")
@click.option("--org-short-name", help="本级党委在文中的简称（县级市与上级同称“市委”时写“清河市委”）。")
@click.option("--parent-level", help="上级党委层级：市/州/盟/地区/省（默认：县、区为市，旗为盟）。")
@click.option("--parent-name", help="上级党委全称，如“中共临江市委”。")
@click.option("--date", "doc_date", help="成文日期，如 2026-12-25（默认取文稿末尾的日期）。")
@TEMPLATES_OPTION
def check(
    files: tuple[Path, ...],
    output_format: str,
    strict: bool,
    fix: bool,
    force: bool,
    rule_files: tuple[Path, ...],
    org_level: str | None,
    org_name: str | None,
    org_short_name: str | None,
    parent_level: str | None,
    parent_name: str | None,
    doc_date: str | None,
    templates_dir: Path | None,
) -> int:
    """检查事实文件和文稿（.yaml、.docx、.txt）：层级称谓、过时和不规范的表述、前后数字、标点、繁体字、占位符等。

    退出码：0 没有错误；1 文件无法读取；3 发现错误（加 --strict 时警告也算）。

    \b
    示例：
      drafter check 2026年度报告.docx --org-level 县
      drafter check samples/annual-report.yaml --format json
    """
    import datetime as dt
    import os

    from .checking import CheckOptions, fix_file
    from .findings import failed, format_changes, format_json, format_text
    from .pipeline import check as check_one
    from .rulebook import org_from_options

    try:
        org = org_from_options(org_level, parent_level, org_name, parent_name, org_short_name)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    try:
        date = dt.date.fromisoformat(doc_date) if doc_date else None
    except ValueError:
        raise click.UsageError(f"--date 的日期写成 2026-12-25，而不是“{doc_date}”") from None
    options = CheckOptions(rule_files=rule_files, org=org, date=date, templates=templates_dir)
    reports, problems, changes = [], [], []
    for path in files:
        try:
            checked = check_one(path, options)
            reports.append(checked.report)
            if fix and checked.report.kind == "facts":
                changes.append({"file": str(path), "status": "skipped", "note": "事实文件不自动修改"})
            elif fix:
                target, made = fix_file(path, checked.fixable, force=force)
                changes += [{"file": str(path), "output": str(target), **change} for change in made]
        except DrafterError as err:  # one unreadable file does not stop the others
            problems.append(str(err))
    if output_format == "json":
        click.echo(format_json(reports, changes if fix else None))
    else:
        click.echo(format_text(reports, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ))
        if changes:
            click.echo(format_changes(changes))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        return 1
    return 3 if failed(reports, strict=strict) else 0


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="drafter")
