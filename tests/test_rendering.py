"""Templates render in a sandbox; whatever goes wrong names the template file and line."""

from pathlib import Path

import pytest

from drafter.core.errors import RenderError
from drafter.pipeline.build import load_facts, render_model

from .helpers import write

SCHEMA = """\
fields:
  org: {type: text, label: 党委}
  note: {type: text, label: 备注, optional: true}
  items: {type: list, label: 事项, optional: true, item: {type: text, label: 事项}}
"""


def make_template(root: Path, body: str) -> Path:
    folder = root / "tpl" / "mini"
    write(folder / "template.yaml", "title: 小模板\ndocument: document.jinja\n")
    write(folder / "schema.yaml", SCHEMA)
    write(folder / "document.jinja", body)
    return root / "tpl"


def render_with(tmp_path: Path, body: str, facts: str = "org: 中共清河县委\n"):
    templates = make_template(tmp_path, body)
    path = write(tmp_path / "facts.yaml", "template: mini\n" + facts)
    return render_model(load_facts(path, templates))


def test_a_missing_fact_names_the_template_file_and_line(tmp_path):
    with pytest.raises(RenderError) as caught:
        render_with(tmp_path, "@title 标题\n\n{{ org }}开展巡察。\n\n共{{ rounds }}轮。\n")
    message = str(caught.value)
    assert "mini/document.jinja:5:" in message
    assert "“rounds”在事实文件里没有" in message


def test_an_optional_fact_left_out_is_an_error_only_where_the_template_prints_it(tmp_path):
    body = "@title 标题\n\n{% if note is defined %}{{ note }}{% endif %}正文。\n\n{{ note }}\n"
    with pytest.raises(RenderError, match=r"document.jinja:5: 模板用到的事实“note”在事实文件里没有"):
        render_with(tmp_path, body)


def test_a_template_syntax_error_names_its_line(tmp_path):
    with pytest.raises(RenderError, match=r"document.jinja:3: 模板语法错误"):
        render_with(tmp_path, "@title 标题\n\n{% if org %}没有结束\n")


@pytest.mark.parametrize(
    "body",
    [
        "@title {{ ''.__class__.__mro__ }}\n",
        "@title {{ org.__class__.__subclasses__() }}\n",
        "@title {{ items.append('x') }}\n",
        "@title {{ 'x' * 1000000000 }}\n",  # gigabytes before anything else could stop it
        "@title {{ (items * 200000) | length }}\n",
        "@title {{ 2 ** 100000 }}\n",
    ],
)
def test_the_sandbox_refuses_python_internals_and_changing_facts(tmp_path, body):
    with pytest.raises(RenderError, match="不允许|没有"):
        render_with(tmp_path, body, "org: 中共清河县委\nitems: [甲]\n")


def test_templates_cannot_include_files_outside_their_folder(tmp_path):
    with pytest.raises(RenderError, match="找不到模板文件"):
        render_with(tmp_path, "@title 标题\n{% include '../../facts.yaml' %}\n")


def test_printed_facts_cannot_become_markup(tmp_path):
    facts = 'org: "# 不是标题\\n@title 也不是"\n'
    model = render_with(tmp_path, "@title 标题\n\n{{ org }}\n", facts)
    assert [b.text for b in model.blocks] == ["# 不是标题@title 也不是"]


def test_a_list_printed_whole_is_refused(tmp_path):
    with pytest.raises(RenderError, match="document.jinja:3: 模板要输出的事实是空值或一整个列表"):
        render_with(tmp_path, "@title 标题\n\n{{ items }}\n", "org: 甲\nitems: [甲, 乙]\n")


# \x1c and \v separate lines too, but no document can hold them: facts/yamlfile.py refuses them.
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_no_line_separator_in_a_fact_can_start_a_heading(tmp_path, separator):
    escaped = separator.encode("unicode_escape").decode("ascii")  # written as a YAML escape: "\\u2028"
    facts = f'org: "甲{escaped}# 注入的标题"\n'
    model = render_with(tmp_path, "@title 标题\n\n# 正文一\n\n{{ org }}\n\n# 正文二\n", facts)
    headings = [b.label + b.text for b in model.blocks if hasattr(b, "label")]
    assert headings == ["一、正文一", "二、正文二"]
    assert model.blocks[1].text == "甲# 注入的标题"
