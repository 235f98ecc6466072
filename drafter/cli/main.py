"""The ``drafter`` command: parse arguments, call the library, print, and map errors to exit codes.

Exit codes: 0 done; 1 the input is wrong (a Chinese message on stderr says where; nothing written);
2 usage error; 3 ``check`` found errors (or warnings under --strict), returned by the command itself.
The library modules are imported inside the commands, not at the top: ``drafter --help`` should cost
little more than importing click (jinja2 and ruamel.yaml add ~250 ms of start-up).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .support import (
    CONTEXT,
    PROGRESS_FROM,
    SNIPPETS_OPTION,
    TEMPLATES_OPTION,
    Group,
    cycles_collected_afterwards,
    output_path,
)

if TYPE_CHECKING:  # the library is loaded inside the commands (start-up time)
    from ..pipeline.build import Built


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(package_name="drafter", message="%(prog)s 版本 %(version)s", help="显示版本号并退出。")
def cli() -> None:
    """drafter：把一年的巡察工作事实（YAML）写成符合 GB/T 9704-2012 的 Word 文稿。

    \b
    常用：
      drafter new annual-report -o 2026年度.yaml   生成带中文注释的事实文件
      drafter build 2026年度.yaml                  生成 2026年度.docx
      drafter templates list                       查看有哪些模板
    """


@cli.command()
@click.argument("facts", metavar="事实文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="输出文件，或写进哪个文件夹（以 / 结尾或已存在的文件夹；默认：与事实文件同名的 .docx）；"
    "一轮多个单位时是输出文件夹（默认：与事实文件同名的文件夹）。",
)
@click.option("--force", is_flag=True, help="输出文件已存在时替换它（默认不覆盖，以免丢失手工修改）。")
@click.option(
    "--unit", "unit", metavar="单位", help="一轮多个单位时，只生成这个单位（单位名称或党组织全称）。"
)
@TEMPLATES_OPTION
@SNIPPETS_OPTION
def build(
    facts: Path,
    output: str | None,
    force: bool,
    unit: str | None,
    templates_dir: Path | None,
    snippet_dirs: tuple[Path, ...],
) -> int:
    """按事实文件生成 Word 文档。

    事实文件的 template: 一项决定用哪个模板。所有问题一次列出，有问题时不写任何文件。
    轮次事实文件（template: feedback）为每个被巡察单位生成一份反馈意见；某个单位有问题时，
    报告它的名称和问题，其他单位照常生成，退出码为 1。
    用到的规范表述过期或不适用于本级时，在标准错误上给出提醒，但仍然生成。

    \b
    示例：
      drafter build samples/annual-report.yaml -o 2026年度巡察工作报告.docx
      drafter build samples/round-2026-1.yaml -o 第一轮反馈意见/
      drafter build samples/round-2026-1.yaml --unit 县财政局
    """
    with cycles_collected_afterwards():
        from ..core.errors import UNIT_ONLY_FOR_ITEMS
        from ..pipeline.build import build as build_document
        from ..pipeline.build import build_each, load_for_build, unused_reminders

        loaded = load_for_build(facts, templates_dir, snippet_dirs)
    for reminder in unused_reminders(loaded):
        click.echo(str(reminder), err=True)
    if not loaded.template.each:
        if unit is not None:
            raise click.UsageError(UNIT_ONLY_FOR_ITEMS)
        built = build_document(
            facts,
            output_path(output, facts.with_suffix(".docx").name),
            force=force,
            templates=templates_dir,
            snippets=snippet_dirs,
            loaded=loaded,
        )
        click.echo(f"{_done(built.unchanged)}{built.path}")
        for reminder in built.reminders:
            click.echo(str(reminder), err=True)
        return 0
    results = build_each(
        facts,
        Path(output) if output else None,
        force=force,
        templates=templates_dir,
        only=unit,
        snippets=snippet_dirs,
        loaded=loaded,
    )
    return _report_each(results, "")


def _report_each(results: Iterable[tuple[int, int, Built]], what: str) -> int:
    """Say what was made for each unit (and what not, and why); the exit code."""
    failures = 0
    for number, total, result in results:
        # With more than a few units, each line says how far along the build is.
        progress = f"（{number}/{total}）" if total > PROGRESS_FROM else ""
        if result.path is not None:
            click.echo(f"{progress}{_done(result.unchanged)}{result.path}")
            for reminder in result.reminders:
                click.echo(str(reminder), err=True)
        else:
            failures += 1
            click.echo(f"{progress}未生成“{result.name}”{what}：\n{result.problem}", err=True)
    if failures:
        click.echo(f"有 {failures} 个单位{what}未生成，请按上面的提示修改后重新运行。", err=True)
        return 1
    return 0


@cli.command()
@click.argument("facts", metavar="轮次事实文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="写进哪个文件夹（默认：与轮次事实文件同名的文件夹，即反馈意见所在的文件夹）。",
)
@click.option("--unit", "unit", metavar="单位", help="只生成这个单位的台账（单位名称或党组织全称）。")
@click.option(
    "--force", is_flag=True, help="台账文件已存在时替换它（默认不覆盖，那可能是单位已填好交回的台账）。"
)
@TEMPLATES_OPTION
def ledger(
    facts: Path, output: Path | None, unit: str | None, force: bool, templates_dir: Path | None
) -> int:
    """为一轮巡察的每个被巡察单位生成巡察反馈问题整改台账（.xlsx），随反馈意见一并印发。

    台账每行一个问题（按 practice: count_by 的计数单位），前几列由巡察组填写，浅黄色的列由
    被巡察党组织填写。单位填好交回后，在轮次事实文件里用 ledgers: 写明台账所在的文件夹，
    年度报告和整改情况通报就从台账取整改数字。

    \b
    示例：
      drafter ledger samples/round-2026-1.yaml -o 第一轮反馈意见/
      drafter ledger samples/round-2026-2.yaml --unit 县卫生健康局
    """
    with cycles_collected_afterwards():
        from ..pipeline.ledgers import write_ledgers

        results = write_ledgers(facts, output, force=force, templates=templates_dir, only=unit)
        return _report_each(results, "的台账")


@cli.command()
@click.argument("template", metavar="模板名")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="写到哪个文件（默认：<模板名>.yaml）。",
)
@click.option("--force", is_flag=True, help="文件已存在时替换它。")
@TEMPLATES_OPTION
def new(template: str, output: str | None, force: bool, templates_dir: Path | None) -> None:
    """生成一个事实文件骨架：每一项都有中文说明，填好后即可 build。

    \b
    示例：
      drafter new annual-report -o 2026年度.yaml
    """
    from ..pipeline.build import write_skeleton

    target = write_skeleton(
        template, output_path(output, f"{template}.yaml"), force=force, templates=templates_dir
    )
    click.echo(f"已生成：{target}（填好后运行 drafter build {target}）")


@cli.group(cls=Group, context_settings=CONTEXT)
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
    from ..facts.catalogue import template_summaries

    for found in template_summaries(templates_dir):
        click.echo(f"{found.name}\t{found.title}\t{found.description}")


@templates.command(name="show")
@click.argument("name", metavar="模板名")
@TEMPLATES_OPTION
def show_template(name: str, templates_dir: Path | None) -> None:
    """显示一个模板需要哪些事实（类型、是否必填、说明）。

    \b
    示例：
      drafter templates show annual-report
    """
    from ..facts.catalogue import describe_template

    click.echo(describe_template(name, templates_dir))


@cli.command()
@click.argument("file", metavar="文件", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="PDF 文件或文件夹（默认：与输入文件同名的 .pdf）；一轮多个单位时是文件夹"
    "（默认：事实文件所在的文件夹）。",
)
@click.option(
    "--png",
    "png_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="同时把每一页存为 PNG 图片，放进这个文件夹。",
)
@click.option(
    "--dpi", type=click.IntRange(30, 600), default=100, show_default=True, help="PNG 图片的分辨率。"
)
@click.option("--force", is_flag=True, help="输出文件已存在时替换它。")
@TEMPLATES_OPTION
@click.option(
    "--unit",
    "unit",
    metavar="单位",
    help="轮次事实文件只预览这个单位（单位名称或党组织全称；不写则预览每个单位）。",
)
def preview(
    file: Path,
    output: Path | None,
    png_dir: Path | None,
    dpi: int,
    force: bool,
    templates_dir: Path | None,
    unit: str | None,
) -> None:
    """用 LibreOffice 把文稿排成 PDF（可加 PNG 图片），不开 Word 也能看到每一页。

    文件可以是事实文件（先在内存里生成文档），也可以是 .docx。已有的输出文件不会被覆盖。
    轮次事实文件不加 --unit 时，一次预览每个单位（-o 给文件夹）。本机没有公文字体时，
    按用途换用最接近的字体（小标宋用粗体衬线字，楷体用楷体字），并列出 PDF 实际用的字体。

    需要安装 LibreOffice，生成图片还需要 poppler（pdftoppm）。Word、WPS 的排版可能略有不同。

    \b
    示例：
      drafter preview samples/annual-report.yaml -o 预览.pdf --png 预览图
      drafter preview samples/round-2026-1.yaml --unit 县财政局
      drafter preview samples/round-2026-1.yaml -o 预览
    """
    from ..preview.command import preview as preview_document

    def progress(done: int, total: int, pdf: Path) -> None:
        if total > 1:
            click.echo(f"[{done}/{total}] {pdf.name}", err=True)

    results = preview_document(
        file, output, png_dir=png_dir, dpi=dpi, force=force, templates=templates_dir, unit=unit,
        progress=progress,
    )
    for result in results:
        click.echo(f"已生成：{result.pdf}")
        if result.pages:
            click.echo(f"已生成 {len(result.pages)} 张图片：{result.pages[0].parent}")
    first = results[0]
    if first.substitutions:
        click.echo("本机没有的字体，预览按用途换用最接近的字体：")
        click.echo("".join(f"  {line}\n" for line in first.substitutions), nl=False)
    if first.fonts_used:
        click.echo(f"PDF 实际使用的字体（pdffonts）：{'、'.join(first.fonts_used)}")


@cli.command()
@click.option(
    "--facts",
    type=click.Path(dir_okay=False, path_type=Path),
    help="按这个事实文件的 format: 一节检查（默认：当前文件夹的 drafter.yaml，或内置标准版式）。",
)
def doctor(facts: Path | None) -> None:
    """检查本机：版式需要的字体装了没有、缺了用什么代替，LibreOffice 和 poppler 在不在。

    只报告情况，不改动任何文件。

    \b
    示例：
      drafter doctor
      drafter doctor --facts 2026年度.yaml
    """
    from ..preview.command import doctor_report

    click.echo(doctor_report(facts))


@cli.group(cls=Group, context_settings=CONTEXT)
def snippets() -> None:
    """规范表述片段库：列出、搜索、查看片段，从已有报告中提取候选片段。"""


@snippets.command(name="list")
@click.option("--category", metavar="分类", help="只列出这个分类，如 政治站位。")
@click.option("--tag", metavar="标签", help="只列出带这个标签的片段，如 两个维护。")
@SNIPPETS_OPTION
def list_snippets(category: str | None, tag: str | None, snippet_dirs: tuple[Path, ...]) -> None:
    """列出片段：编号、分类、来源、有效期、文字。

    来源“内置”是随 drafter 提供的片段库，其他是本单位的片段文件夹。

    \b
    示例：
      drafter snippets list --category 政治站位
      drafter snippets list --snippets 本单位片段
    """
    from ..phrases.library import CATEGORIES, open_library

    library = open_library(snippet_dirs)
    if category is not None and category not in CATEGORIES:
        msg = f"--category 没有分类“{category}”（可用：{'、'.join(CATEGORIES)}）"
        raise click.UsageError(msg)
    chosen = library.select(category, tag)
    for found in chosen:
        origin = found.origin + ("，覆盖内置片段" if found.id in library.overridden else "")
        click.echo(f"{found.id}\t{found.category}\t{origin}\t{found.validity}\t{found.text}")
    categories = len({found.category for found in chosen})
    click.echo(f"共 {len(chosen)} 条，{categories} 个分类。", err=True)


@snippets.command(name="search")
@click.argument("query", metavar="关键词")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="最多列出几条。")
@SNIPPETS_OPTION
def search_snippets(query: str, limit: int, snippet_dirs: tuple[Path, ...]) -> None:
    """按关键词搜索片段，最相关的在前：编号、分类、文字。

    分类名、文字、标签、编号里出现关键词都算，字面相近的也会列出。

    \b
    示例：
      drafter snippets search 政治站位
      drafter snippets search 知悉范围
    """
    from ..phrases.library import open_library
    from ..phrases.search import search

    hits = search(open_library(snippet_dirs), query, limit)
    for hit in hits:
        click.echo(f"{hit.snippet.id}\t{hit.snippet.category}\t{hit.snippet.text}")
    if not hits:
        click.echo(f"没有找到与“{query}”相关的片段。", err=True)


@snippets.command(name="show")
@click.argument("snippet_id", metavar="编号")
@SNIPPETS_OPTION
def show_snippet(snippet_id: str, snippet_dirs: tuple[Path, ...]) -> None:
    """显示一个片段的文字、分类、标签、适用文种和层级、有效期、用到的变量和出处。

    \b
    示例：
      drafter snippets show stance-hold-political-inspection
    """
    from ..phrases.library import describe, open_library
    from ..render.sandbox import text_variables

    found = open_library(snippet_dirs).require(snippet_id)
    click.echo(describe(found, text_variables(found.text)))


@snippets.command(name="harvest")
@click.argument("report", metavar="报告", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写到哪个文件（默认：报告旁的“<报告名>-候选片段.yaml”）。",
)
@click.option("--force", is_flag=True, help="文件已存在时替换它。")
@SNIPPETS_OPTION
def harvest_snippets(report: Path, output: Path | None, force: bool, snippet_dirs: tuple[Path, ...]) -> None:
    """从已有的报告（.docx 或 .txt）中提取候选片段，写成 YAML 供人审阅。

    句子按中文标点切分，数字和日期换成占位符，与片段库相同或相近的句子、彼此重复的句子都会略去。

    \b
    示例：
      drafter snippets harvest 2025年度巡察工作报告.docx -o 本单位片段/候选.yaml
    """
    from ..phrases.harvest import default_target, harvest, write_harvest
    from ..phrases.library import open_library

    result = harvest(report, open_library(snippet_dirs))
    target = write_harvest(result, output or default_target(report), force=force)
    click.echo(f"已生成：{target}（{len(result.proposals)} 条候选片段，请审阅后再放进片段文件夹）")


@cli.command()
@click.argument(
    "files", nargs=-1, required=True, metavar="文件...", type=click.Path(dir_okay=False, path_type=Path)
)
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
@click.option(
    "--org-level", metavar="层级", help="本级党委层级：县/区/市/旗（或 county/district/city/banner）。"
)
@click.option("--org-name", metavar="全称", help="本级党委全称，如“中共清河县委”。")
@click.option(
    "--org-short-name", metavar="简称", help="本级党委在文中的简称（县级市与上级同称“市委”时写“清河市委”）。"
)
@click.option(
    "--parent-level", metavar="层级", help="上级党委层级：市/州/盟/地区/省（默认：县、区为市，旗为盟）。"
)
@click.option("--parent-name", metavar="全称", help="上级党委全称，如“中共临江市委”。")
@click.option(
    "--province-level",
    metavar="层级",
    help="省级党委：省/自治区/直辖市（默认：旗和盟所辖为自治区，其余为省）。",
)
@click.option("--date", "doc_date", metavar="日期", help="成文日期，如 2026-12-25（默认取文稿末尾的日期）。")
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
    province_level: str | None,
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
    import os

    from ..check.files import check_files, check_options
    from ..check.findings import failed, format_changes, format_json, format_text
    from ..core.errors import OptionError

    try:
        options = check_options(
            rule_files=rule_files,
            org_level=org_level,
            parent_level=parent_level,
            org_name=org_name,
            parent_name=parent_name,
            org_short_name=org_short_name,
            province_level=province_level,
            date=doc_date,
            templates=templates_dir,
        )
    except OptionError as err:
        raise click.UsageError(str(err)) from None
    reports, problems, changes = check_files(files, options, fix=fix, force=force)
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


def _done(unchanged: bool) -> str:
    """How a build reports a file: made, or already there exactly as it would be made."""
    return "未改动（与已有文件相同）：" if unchanged else "已生成："


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="drafter")
