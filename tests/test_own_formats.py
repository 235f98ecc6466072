"""drafter's own YAML formats — template.yaml, snippet files, rule files, frameworks, drafter.yaml — are
validated by the schema machinery that validates facts files, against the schemas in
drafter/facts/formats/, with the same positioned Chinese messages.

Each table gives a broken copy of a good file and every message the real reader reports for it, exactly.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from drafter.check.rulebook import SEVERITIES, load_rules
from drafter.core.errors import FactsError, SnippetError, TemplateError
from drafter.core.locations import BUILTIN_SNIPPETS, BUILTIN_TEMPLATES
from drafter.docx.format_settings import resolve_format
from drafter.facts.own_data import load_data_yaml
from drafter.facts.schema import FORMATS_FOLDER, Field, Schema, format_schema, load_schema
from drafter.facts.templates import load_template
from drafter.facts.validation import is_whole, read_format, validate
from drafter.facts.yamlfile import Document, load_yaml
from drafter.kinds.feedback import template_frameworks
from drafter.kinds.frameworks import read_frameworks
from drafter.phrases.library import CATEGORIES, DOC_TYPES, library_folders, read_snippet_file

from .conftest import ROOT
from .helpers import write

PACKAGE = ROOT / "drafter"
FORMATS = ("config-file", "frameworks-file", "rule-file", "snippet-file", "template-file")


def lines_of(error: Exception) -> list[str]:
    return str(error).splitlines()


# ------------------------------------------------------------------------------------------------
# The schemas themselves


def test_every_format_has_a_schema_that_loads_and_ships_with_the_package():
    assert tuple(sorted(p.stem for p in FORMATS_FOLDER.glob("*.yaml"))) == FORMATS
    for name in FORMATS:
        assert format_schema(name).root.fields, name
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"drafter.facts" = ["formats/*.yaml"]' in pyproject


def test_the_schemas_choices_are_the_readers_own():
    """The lists a reader uses (the library's order of categories, its document types, severities) and
    the schema's choices are one list, written twice: this keeps them the same."""
    snippet = format_schema("snippet-file").root
    assert snippet.sub("category").choices == CATEGORIES
    item = snippet.sub("snippets").item
    assert item is not None
    assert item.sub("category").choices == CATEGORIES
    assert item.sub("doc_types").item.choices == DOC_TYPES
    rule = format_schema("rule-file").root.sub("rules").item
    assert rule.sub("severity").choices == SEVERITIES
    requirement = format_schema("rule-file").root.sub("feedback").sub("require").item
    assert requirement.sub("severity").choices == SEVERITIES


@pytest.mark.parametrize(
    ("name", "path", "at"),
    [
        ("rule-file", PACKAGE / "check" / "rules" / "builtin.yaml", ()),
        ("frameworks-file", BUILTIN_TEMPLATES / "feedback" / "frameworks.yaml", ()),
        *[("template-file", p, ()) for p in sorted(BUILTIN_TEMPLATES.glob("*/template.yaml"))],
        *[("snippet-file", p, ()) for p in sorted(BUILTIN_SNIPPETS.glob("*.yaml"))],
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_every_built_in_file_is_whole_by_its_schema(name, path, at):
    schema = format_schema(name)
    values, issues = read_format(load_data_yaml(path), schema, what=name, at=at)
    assert issues == []
    assert is_whole(values, schema.root)


# ------------------------------------------------------------------------------------------------
# template.yaml

TEMPLATE = "kind: plain\ntitle: 便签\ndocument: document.jinja\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TEMPLATE + "descripton: 一张便签\n",
            ["template.yaml:4:1: 未知的键“descripton”，是否想写“description”？"],
            id="unknown key",
        ),
        pytest.param(
            TEMPLATE + "sheet: a4\n",
            [
                "template.yaml:4:1: 未知的键“sheet”。这里可用的键：creator_fact、date_fact、description、"
                "document、each、file_name、frameworks、kind、title"
            ],
            id="unknown key without a close one",
        ),
        pytest.param(
            TEMPLATE.replace("title: 便签", "title: [便签]"),
            ["template.yaml:2:8: “模板名称”应为文字，这里写成了列表（便签）；只写一段文字，不加方括号或“- ”"],
            id="wrong type",
        ),
        pytest.param(
            "kind: plain\ntitle: 便签\n",
            ["template.yaml:1:1: 缺少必填项“document”（正文模板文件）"],
            id="missing",
        ),
        pytest.param(
            TEMPLATE.replace("title: 便签", "title:"),
            ["template.yaml:2:1: “模板名称”（title）没有填写"],
            id="empty",
        ),
        pytest.param(
            "- title: 便签\n",
            [
                "template.yaml:1:1: 模板说明文件（template.yaml）的最外层必须是一组“键: 值”（kind:、title:、"
                "description:、document:、date_fact:、creator_fact:、each:、file_name:、frameworks:），"
                "而不是列表或单个值"
            ],
            id="a list",
        ),
        pytest.param(
            TEMPLATE + "each: items\n",
            ["template.yaml:4:7: 写了 each（每项一份文档）就要写 file_name（文件名）"],
            id="each without file_name",
        ),
    ],
)
def test_a_broken_template_yaml(tmp_path, text, expected):
    write(tmp_path / "t" / "template.yaml", text)
    with pytest.raises(TemplateError) as caught:
        load_template(tmp_path / "t")
    assert lines_of(caught.value) == expected


# ------------------------------------------------------------------------------------------------
# Snippet files

SNIPPET = "category: 整改\nsnippets:\n  - id: a\n    text: 甲\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            SNIPPET + "    tag: [x]\n", ["s.yaml:5:5: 未知的键“tag”，是否想写“tags”？"], id="unknown key"
        ),
        pytest.param(
            SNIPPET.replace("snippets:", "snipets:"),
            [
                "s.yaml:1:1: 缺少必填项“snippets”（片段列表）",
                "s.yaml:2:1: 未知的键“snipets”，是否想写“snippets”？",
            ],
            id="unknown top-level key",
        ),
        pytest.param(
            SNIPPET + "    tags: {a: 1}\n", ["s.yaml:5:11: “标签”应为列表（每项以“- ”开头）"], id="wrong type"
        ),
        pytest.param(
            SNIPPET + "    levels: 镇\n",
            ["s.yaml:5:13: “适用层级”只能是 中央、省、市、县、乡村 之一，实际写的是“镇”"],
            id="one wrong item without a list",
        ),
        pytest.param(
            SNIPPET.replace("    text: 甲\n", ""),
            ["s.yaml:3:5: 缺少必填项“text”（片段文字）"],
            id="missing",
        ),
        pytest.param(
            "- id: a\n  text: 甲\n",
            ["s.yaml:1:1: 片段文件的最外层必须是一组“键: 值”（category:、snippets:），而不是列表或单个值"],
            id="a list",
        ),
        pytest.param(
            SNIPPET.replace("id: a", "id: A"),
            ["s.yaml:3:9: 片段编号“A”只能用小写英文字母、数字、“-”和“_”，如 stance-two-safeguards"],
            id="id spelling",
        ),
        pytest.param(
            SNIPPET.replace("category: 整改\n", ""),
            ["s.yaml:2:5: 没有写分类：在文件开头写“category:”，或在这个片段里写"],
            id="no category anywhere",
        ),
    ],
)
def test_a_broken_snippet_file(tmp_path, text, expected):
    with pytest.raises(SnippetError) as caught:
        read_snippet_file(write(tmp_path / "s.yaml", text))
    assert lines_of(caught.value) == expected


def test_tags_levels_and_document_types_may_be_one_word_without_a_list(tmp_path):
    text = SNIPPET + "    tags: 整改\n    levels: 县\n    doc_types: 反馈\n"
    (snippet,) = read_snippet_file(write(tmp_path / "s.yaml", text))
    assert (snippet.tags, snippet.levels, snippet.doc_types) == (("整改",), ("县",), ("反馈",))


# ------------------------------------------------------------------------------------------------
# Rule files (--rules FILE, the built-in rules, drafter.yaml's check: section)

RULE = "rules:\n  - id: x\n    code: L3\n    pattern: a\n    message: m\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RULE.replace("message:", "mesage:"),
            [
                "r.yaml:2:5: 缺少必填项“message”（给用户看的说明）",
                "r.yaml:5:5: 未知的键“mesage”，是否想写“message”？",
            ],
            id="unknown key",
        ),
        pytest.param(
            RULE + "    fix: yes\n",
            ["r.yaml:6:10: “可以用 --fix 自动修改”应为是或否（true / false），实际写的是“yes”"],
            id="wrong type",
        ),
        pytest.param(
            RULE + "    from: 2026-02-30\n",
            ["r.yaml:6:11: “开始检查的成文日期”“2026-02-30”不是一个存在的日期"],
            id="impossible date",
        ),
        pytest.param(
            RULE.replace("    code: L3\n", ""), ["r.yaml:2:5: 缺少必填项“code”（检查类别）"], id="missing"
        ),
        pytest.param(
            "- id: x\n",
            [
                "r.yaml:1:1: 规则文件的最外层必须是一组“键: 值”（rules:、disable:、org:、feedback:），"
                "而不是列表或单个值"
            ],
            id="a list",
        ),
        pytest.param(
            "org: {level: 乡}\n", ["r.yaml:1:14: 本级党委层级（level）应为 县、区、市、旗 之一"], id="level"
        ),
        pytest.param(
            "disable: [L99]\n",
            [
                "r.yaml:1:11: 没有编号或类别为“L99”的检查规则，是否想写“L9”？"
                "（全部规则见 docs/check-rules.md）"
            ],
            id="disable names no rule",
        ),
        pytest.param(
            RULE.replace("pattern: a", "pattern: ''"),
            ["r.yaml:4:14: 正则表达式不能为空（空的表达式在哪里都算找到）"],
            id="empty pattern",
        ),
        pytest.param(
            RULE + "    translate: {a: [b]}\n",
            ["r.yaml:6:20: “替换成的字”应为文字，这里写成了列表（b）；只写一段文字，不加方括号或“- ”"],
            id="translation not text",
        ),
        pytest.param(
            "feedback:\n  require:\n    - {id: x, pattern: a}\n",
            ["r.yaml:3:7: 缺少必填项“message”（缺少时给用户看的说明）"],
            id="requirement without message",
        ),
    ],
)
def test_a_broken_rule_file(tmp_path, text, expected):
    with pytest.raises(FactsError) as caught:
        load_rules((write(tmp_path / "r.yaml", text),), include_config=False)
    assert lines_of(caught.value) == expected


def test_patterns_and_replacements_are_kept_as_typed(tmp_path):
    """Spaces in a regular expression count, and an empty replacement deletes: no trimming."""
    text = 'rules:\n  - {id: x, code: L3, pattern: " +$", replace: "", message: m, translate: {"　": " "}}\n'
    rules = load_rules((write(tmp_path / "r.yaml", text),), include_config=False)
    rule = next(r for r in rules.rules if r.id == "x")
    assert (rule.pattern, rule.replace, rule.translate) == (" +$", "", {"　": " "})


# ------------------------------------------------------------------------------------------------
# Frameworks (a feedback template's frameworks.yaml, a round file's or drafter.yaml's frameworks:)

FRAMEWORKS = "frameworks:\n  四个落实:\n    - {key: 甲, heading: 甲方面}\ndefault: 四个落实\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            FRAMEWORKS.replace("frameworks:", "framework:"),
            [
                "frameworks.yaml:1:1: 未知的键“framework”，是否想写“frameworks”？",
                "frameworks.yaml:4:10: 默认框架“四个落实”没有定义（还没有定义任何框架）",
            ],
            id="unknown key",
        ),
        pytest.param(
            FRAMEWORKS.replace("    - {key: 甲, heading: 甲方面}\n", "    甲\n"),
            ["frameworks.yaml:3:5: “框架里的类别”应为列表（每项以“- ”开头）"],
            id="wrong type",
        ),
        pytest.param(
            FRAMEWORKS + "outdated: {三个聚焦: [a]}\n",
            [
                "frameworks.yaml:5:18: “说明现在用什么”应为文字，这里写成了列表（a）；"
                "只写一段文字，不加方括号或“- ”"
            ],
            id="wrong type in a map of free names",
        ),
        pytest.param(
            FRAMEWORKS.replace("heading: 甲方面", "title: 甲方面"),
            [
                "frameworks.yaml:3:16: 未知的键“title”。这里可用的键：heading、key",
                "frameworks.yaml:3:7: 缺少必填项“heading”（类别标题）",
            ],
            id="missing",
        ),
        pytest.param(
            FRAMEWORKS.replace("default:", "    - {key: 甲, heading: 乙方面}\ndefault:"),
            ["frameworks.yaml:4:13: “甲”重复了（第3行已经写过）"],
            id="repeated category",
        ),
        pytest.param(
            "- 四个落实\n",
            [
                "frameworks.yaml:1:1: 问题类别文件的最外层必须是一组“键: 值”"
                "（frameworks:、by_kind:、by_type:、default:、outdated:），而不是列表或单个值"
            ],
            id="a list",
        ),
        pytest.param(
            FRAMEWORKS + "by_kind: {村（社区）: 四个聚焦}\n",
            ["frameworks.yaml:5:18: 框架“四个聚焦”没有定义（已有：四个落实）"],
            id="names an undefined framework",
        ),
        pytest.param(
            FRAMEWORKS.replace("default: 四个落实\n", ""),
            ["frameworks.yaml:1:1: 没有写默认框架（default:），请写一个框架的名称（已有：四个落实）"],
            id="no default",
        ),
    ],
)
def test_a_broken_frameworks_file(tmp_path, text, expected):
    with pytest.raises(TemplateError) as caught:
        template_frameworks(write(tmp_path / "frameworks.yaml", text))
    assert lines_of(caught.value) == expected


def test_a_frameworks_section_that_is_a_list_says_which_section_and_how_to_write_it(tmp_path):
    base = template_frameworks(BUILTIN_TEMPLATES / "feedback" / "frameworks.yaml")
    doc = load_yaml(write(tmp_path / "round.yaml", "template: feedback\nframeworks: [四个落实]\n"))
    result, issues = read_frameworks(doc, ("frameworks",), base)
    assert result == base
    assert [str(i) for i in issues] == [
        "round.yaml:2:13: “frameworks”一节应为一组“键: 值”（frameworks:、by_kind:、by_type:、default:、"
        "outdated:），写法同问题类别文件，而不是列表或单个值"
    ]


# ------------------------------------------------------------------------------------------------
# drafter.yaml: its section names here, each section by its own reader


def config_messages(folder: Path) -> list[str]:
    """Every message the readers of drafter.yaml give: a build's (format, section names), the phrase
    library's (snippets:) and the checker's (check:)."""
    _, issues = resolve_format(Document(folder / "f.yaml", {}))
    found = [str(i) for i in issues]
    try:
        library_folders((), folder)
    except SnippetError as err:
        found += lines_of(err)
    try:
        load_rules((), beside=folder / "d.txt")
    except FactsError as err:
        found += lines_of(err)
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "formats:\n  title_shape: pyramid\n",
            ["drafter.yaml:1:1: 未知的键“formats”，是否想写“format”？"],
            id="unknown section",
        ),
        pytest.param(
            "- format\n",
            [
                "drafter.yaml:1:1: drafter.yaml 的最外层必须是一组“键: 值”"
                "（format:、masthead:、snippets:、check:、practice:、frameworks:、ledgers:），而不是列表或单个值"
            ],
            id="a list",
        ),
        pytest.param(
            "snippets: {a: 1}\n",
            ["drafter.yaml:1:11: “本单位的片段文件夹”应为列表（每项以“- ”开头）"],
            id="wrong type",
        ),
        pytest.param(
            "snippets: 本单位片段\n", ["drafter.yaml:1:11: 片段文件夹“本单位片段”不存在"], id="one folder"
        ),
        pytest.param(
            "format:\n  title_shap: pyramid\n",
            ["drafter.yaml:2:3: 未知的键“title_shap”，是否想写“title_shape”？"],
            id="format section",
        ),
        pytest.param(
            "check: [x]\n",
            [
                "drafter.yaml:1:8: “check”一节应为一组“键: 值”（rules:、disable:、org:、feedback:），"
                "写法同规则文件，而不是列表或单个值"
            ],
            id="check section a list",
        ),
        pytest.param(
            "check:\n  org: {levle: 县}\n",
            [
                "drafter.yaml:2:3: 缺少必填项“level”（本级党委层级）",
                "drafter.yaml:2:9: 未知的键“levle”，是否想写“level”？",
            ],
            id="check section",
        ),
    ],
)
def test_a_broken_drafter_yaml(tmp_path, text, expected):
    write(tmp_path / "drafter.yaml", text)
    assert config_messages(tmp_path) == expected


# ------------------------------------------------------------------------------------------------
# What the schema machinery gained for these formats


def schema_from(tmp_path: Path, text: str) -> Schema:
    return load_schema(write(tmp_path / "schema.yaml", text))


MACHINERY = """\
fields:
  names:
    type: map
    label: 名称对照
    optional: true
    item: {type: count, label: 人数}
  words:
    type: list
    label: 词语
    optional: true
    single_ok: true
    item: {type: choice, label: 词语, choices: [甲, 乙]}
  pattern:
    type: text
    label: 表达式
    optional: true
    verbatim: true
  section:
    label: 另有读取者的一节
    optional: true
    validated_by: 别的模块
"""


def test_a_map_of_free_names_checks_every_value_and_no_key(tmp_path):
    schema = schema_from(tmp_path, MACHINERY)
    doc = load_yaml(write(tmp_path / "f.yaml", "names: {张三: 2, 李四: 两个}\n"))
    values, issues = read_format(doc, schema, what="测试文件")
    assert values == {"names": {"张三": 2, "李四": None}}
    assert [str(i) for i in issues] == ["f.yaml:1:20: “人数”应为非负整数，实际写的是“两个”"]
    assert not is_whole(values, schema.root)


def test_a_single_item_list_a_verbatim_text_and_a_section_read_elsewhere(tmp_path):
    schema = schema_from(tmp_path, MACHINERY)
    doc = load_yaml(write(tmp_path / "f.yaml", 'words: 乙\npattern: " x "\nsection: [任何, {内容: 1}]\n'))
    values = validate(doc, schema).values
    assert values == {"words": ["乙"], "pattern": " x ", "section": ["任何", {"内容": 1}]}


def test_a_map_needs_fields_or_an_item(tmp_path):
    with pytest.raises(TemplateError, match=r"map 字段“x”要写 fields（固定的键）或 item（自由的键）之一"):
        schema_from(tmp_path, "fields:\n  x: {type: map, label: 甲}\n")


def test_the_caller_names_the_file_in_the_message_for_a_list(tmp_path):
    schema = Schema(root=Field(name="", type="map", label="", fields=(Field("a", "text", "甲"),)))
    doc = load_yaml(write(tmp_path / "f.yaml", "- a\n"))
    with pytest.raises(FactsError) as caught:
        validate(doc, schema)
    assert str(caught.value) == "f.yaml:1:1: 事实文件的最外层必须是一组“键: 值”（a:），而不是列表或单个值"
    with pytest.raises(FactsError) as caught:
        validate(doc, schema, what="规则文件")
    assert str(caught.value).startswith("f.yaml:1:1: 规则文件的最外层")


# ------------------------------------------------------------------------------------------------
# No reader keeps its own list of allowed keys

READERS = {
    "facts/templates.py": "template-file",
    "phrases/library.py": "snippet-file",
    "check/rulebook.py": "rule-file",
    "kinds/frameworks.py": "frameworks-file",
    "facts/local_config.py": "config-file",
}
# The hand-written key sets these readers had before their formats had schemas.
OLD_NAMES = re.compile(
    r"\b(_META_KEYS|_KIND_KEYS|_KEYS|_FILE_KEYS|_RULE_KEYS|_ORG_KEYS|SECTION_KEYS|CONFIG_SECTIONS)\b"
)


def key_sets(schema: Schema) -> list[set[str]]:
    """The keys of every map with fixed keys in a schema."""
    found = []
    stack = [schema.root]
    while stack:
        spec = stack.pop()
        if spec.fields:
            found.append({f.name for f in spec.fields})
        stack += [*spec.fields, *([spec.item] if spec.item else [])]
    return found


def string_collections(tree: ast.AST) -> list[set[str]]:
    """Every set, tuple or list written in the code whose items are all texts."""
    return [
        {e.value for e in node.elts}  # type: ignore[attr-defined]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Set, ast.Tuple, ast.List))
        and len(node.elts) >= 2
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    ]


@pytest.mark.parametrize(("module", "format_name"), READERS.items())
def test_no_reader_keeps_a_hand_written_set_of_allowed_keys(module, format_name):
    source = (PACKAGE / module).read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert f'format_schema("{format_name}")' in source, f"{module} does not read its schema"
    assert not OLD_NAMES.search(source)
    assigned = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert not {name for name in assigned if re.search(r"(KEYS|SECTIONS)$", name)}, module
    for keys in key_sets(format_schema(format_name)):
        for written in string_collections(tree):
            assert not (len(keys) >= 2 and keys <= written), f"{module} lists the keys {sorted(keys)}"


def test_no_module_of_the_package_brings_the_old_key_sets_back():
    for path in PACKAGE.rglob("*.py"):
        assert not OLD_NAMES.search(path.read_text(encoding="utf-8")), path
