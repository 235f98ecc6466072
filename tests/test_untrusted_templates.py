"""Issue 8: templates and snippets shared between offices are data. Whatever they try — Python internals,
imports, file reads, links out of their folder, including themselves — the build stops with a Chinese
message, exit 1, and nothing written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.cli.main import cli

from .conftest import ANNUAL_TYPED, ROOT
from .helpers import write

ESCAPES = [
    ("{{ ''.__class__.__mro__ }}", "不允许访问“__class__”"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "不允许访问“__class__”"),
    ("{{ cycler.__init__.__globals__ }}", "不允许访问“__init__”"),
    ("{{ lipsum.__globals__['os'].popen('id').read() }}", "不允许访问“__globals__”"),
    ("{{ joiner.__init__.__globals__.os }}", "不允许访问“__init__”"),
    ("{{ words.__class__.__base__ }}", "不允许访问“__class__”"),
    ("{{ range(10**9) | list }}", "range() 的范围太大"),
    ("{{ 'x' * 1000000000 }}", "重复得到的内容太长"),
    ("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}", "生成的文字超过 5000000 个字符"),
    # Filters that make a short text enormous are refused before they allocate it.
    ("{{ 'a' | center(2000000000) }}", "过滤器得到的内容太长"),
    ("{{ ('a\\n' * 50000) | indent(100) }}", "过滤器得到的内容太长"),
    ("{{ ('a' * 100000) | replace('a', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb') }}", "过滤器得到的内容太长"),
    ("{{ '%2000000000s' | format('x') }}", "过滤器得到的内容太长"),
    ("{{ ('a' * 100000) | wordwrap(1, wrapstring='xxxxx') }}", "过滤器得到的内容太长"),
]
FILE_READS = [
    "{% import 'os' as os %}{{ os }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../x' %}",
    "{% include '../feedback/document.jinja' %}",
    "{% from '/etc/hosts' import x %}",
    "{% include ['nothing', '/etc/hostname'] %}",
]


def hostile_templates(tmp_path: Path, line: str) -> Path:
    """A copy of the built-in templates whose annual report ends with ``line``."""
    templates = tmp_path / "模板"
    shutil.copytree(ROOT / "templates", templates)
    body = templates / "annual-report" / "document.jinja"
    body.write_text(body.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return templates


def build_refused(runner, tmp_path: Path, *options: str) -> str:
    facts = shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml")
    result = runner.invoke(cli, ["build", str(facts), *options])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "年度.docx").exists()
    return result.stderr


@pytest.mark.parametrize(("line", "message"), ESCAPES)
def test_a_template_reaching_for_python_internals_is_refused(runner, tmp_path, line, message):
    templates = hostile_templates(tmp_path, line)
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "annual-report/document.jinja:" in stderr and message in stderr


@pytest.mark.parametrize("line", FILE_READS)
def test_a_template_cannot_import_or_include_files_outside_its_folder(runner, tmp_path, line):
    write(tmp_path / "x", "secret")
    templates = hostile_templates(tmp_path, line)
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "找不到模板文件" in stderr and "模板只能引用本模板文件夹里的文件" in stderr


def test_a_link_out_of_the_template_folder_is_not_followed(runner, tmp_path):
    secret = write(tmp_path / "机密.txt", "不应出现在文档里")
    templates = hostile_templates(tmp_path, "{% include 'notes.txt' %}")
    try:
        (templates / "annual-report" / "notes.txt").symlink_to(secret)
    except OSError:
        pytest.skip("this system cannot make symbolic links")
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "找不到模板文件“notes.txt”" in stderr


def test_a_file_inside_the_template_folder_can_be_included(runner, tmp_path):
    templates = hostile_templates(tmp_path, "{% include 'parts/ending.jinja' %}")
    write(templates / "annual-report" / "parts" / "ending.jinja", "特此报告。\n")
    facts = shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml")
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(templates)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("line", ["{% include 'document.jinja' %}", "{% extends 'document.jinja' %}"])
def test_a_template_that_includes_itself_is_refused(runner, tmp_path, line):
    templates = hostile_templates(tmp_path, line)
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "模板引用了自身" in stderr


CYCLES = {
    "include": ("{% include 'parts/a.jinja' %}", "{% include 'parts/b.jinja' %}"),
    "import": ("{% import 'parts/a.jinja' as a %}", "{% import 'document.jinja' as d %}"),
    "from": ("{% from 'parts/a.jinja' import x %}", "{% from 'parts/b.jinja' import y %}"),
    "extends": ("{% include 'parts/a.jinja' %}", "{% extends 'parts/b.jinja' %}"),
}


@pytest.mark.parametrize("kind", CYCLES)
def test_templates_that_refer_to_each_other_in_a_circle_are_refused(runner, tmp_path, kind):
    """Found by reading the references before rendering, whatever tag closes the circle."""
    in_document, in_a = CYCLES[kind]
    templates = hostile_templates(tmp_path, in_document)
    write(templates / "annual-report" / "parts" / "a.jinja", f"{in_a}\n")
    write(templates / "annual-report" / "parts" / "b.jinja", "{% include 'parts/a.jinja' %}\n")
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    message = "模板引用了自身（include、extends 或 import 循环），无法生成"
    assert f"annual-report/document.jinja: {message}" in stderr


def test_a_circle_is_refused_even_where_a_condition_would_end_it(runner, tmp_path):
    """Templates are shared data: a template that includes itself is refused, not run to see if it ends."""
    templates = hostile_templates(tmp_path, "{% if false %}{% include 'document.jinja' %}{% endif %}")
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "模板引用了自身" in stderr


def test_a_file_included_twice_is_not_a_circle(runner, tmp_path):
    templates = hostile_templates(tmp_path, "{% include 'parts/a.jinja' %}{% include 'parts/b.jinja' %}")
    write(templates / "annual-report" / "parts" / "a.jinja", "{% include 'parts/c.jinja' %}\n")
    write(templates / "annual-report" / "parts" / "b.jinja", "{% include 'parts/c.jinja' %}\n")
    write(templates / "annual-report" / "parts" / "c.jinja", "特此报告。\n")
    facts = shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml")
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(templates)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_a_template_whose_jinja_does_not_parse_names_its_line(runner, tmp_path):
    templates = hostile_templates(tmp_path, "{% if org %}没有结束")
    lines = (templates / "annual-report" / "document.jinja").read_text(encoding="utf-8").count("\n")
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert (
        f"annual-report/document.jinja:{lines}: 模板语法错误：模板意外结束（缺少 elif 或 else 或 endif）"
        in stderr
    )


SNIPPET_TRICKS = [
    ("{{ ''.__class__.__mro__ }}", "不允许访问“__class__”"),
    ("{{ cycler.__init__.__globals__ }}", "不允许访问“__init__”"),
    ("{% import 'os' as os %}x", "不能引用文件“os”"),
    ("{% include '/etc/passwd' %}", "不能引用文件“/etc/passwd”"),
    ("{% include '../../x' %}", "不能引用文件“../../x”"),
    ("{{ range(10**9) | list }}", "range() 的范围太大"),
    ("{% for i in range(100000) %}{{ i }}{{ 'x' * 100000 }}{% endfor %}", "生成的文字超过 5000000 个字符"),
]


@pytest.mark.parametrize(("text", "message"), SNIPPET_TRICKS)
def test_a_snippet_trying_the_same_is_refused(runner, tmp_path, text, message):
    quoted = text.replace("'", "''")
    write(
        tmp_path / "本单位片段" / "own.yaml",
        f"category: 下一步\nsnippets:\n  - id: own-trick\n    text: '{quoted}'\n",
    )
    facts = write(
        tmp_path / "年度.yaml",
        ANNUAL_TYPED.read_text(encoding="utf-8").replace(
            "  - 巡察与其他监督贯通协调的机制还需完善，信息共享还不够及时", "  - {snippet: own-trick}"
        ),
    )
    result = runner.invoke(cli, ["build", str(facts), "--snippets", str(tmp_path / "本单位片段")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "片段“own-trick”" in result.stderr and message in result.stderr
    assert not (tmp_path / "年度.docx").exists()


def test_the_guarded_filters_still_do_their_ordinary_work():
    from drafter.render.sandbox import render_text

    text = "{{ 'ab'|center(6) }}|{{ 'a b'|replace(' ', '-') }}|{{ 'x\ny'|indent(2) }}|{{ '%3d'|format(5) }}"
    assert render_text(text + "|{{ 'aaa bbb'|wordwrap(3) }}", {}) == "  ab  |a-b|x\n  y|  5|aaa\nbbb"


def test_a_template_not_saved_as_utf8_is_named_in_chinese(runner, tmp_path):
    templates = hostile_templates(tmp_path, "")
    body = templates / "annual-report" / "document.jinja"
    body.write_bytes(body.read_text(encoding="utf-8").encode("gb18030"))
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert "document.jinja: 模板文件不是 UTF-8 编码" in stderr


def test_an_unused_file_of_the_template_folder_that_cannot_be_read_does_not_stop_the_build(runner, tmp_path):
    """The unused-fact warnings read every .jinja of the folder: a leftover in GBK or a link out of the
    folder must not turn into a traceback (the loader never reads them, so the build goes on)."""
    templates = hostile_templates(tmp_path, "")
    (templates / "annual-report" / "旧版.jinja").write_bytes("{# 旧版 #}".encode("gb18030"))
    if hasattr(os, "symlink"):
        (templates / "annual-report" / "zero.jinja").symlink_to("/dev/zero")
    facts = shutil.copy(ANNUAL_TYPED, tmp_path / "年度.yaml")
    result = runner.invoke(cli, ["build", str(facts), "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "年度.docx").exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ("    min_items: abc", "“min_items”应为数字，而不是“abc”"),
        ("    max: [1]", "“max”应为数字，而不是“[1]”"),
        ("    fields: 3", "fields 应为一组“键: 字段定义”"),
    ],
)
def test_a_schema_with_a_wrong_bound_or_field_list_is_refused_in_chinese(runner, tmp_path, edit, message):
    templates = tmp_path / "模板"
    shutil.copytree(ROOT / "templates", templates)
    schema = templates / "annual-report" / "schema.yaml"
    text = schema.read_text(encoding="utf-8").replace("    min_items: 1\n", edit + "\n", 1)
    schema.write_text(text, encoding="utf-8")
    stderr = build_refused(runner, tmp_path, "--templates", str(templates))
    assert message in stderr
