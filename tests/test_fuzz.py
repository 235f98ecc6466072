"""Fuzzing the facts (issue 8): start from the samples, change a few values at random, and build.

Every example either gives a .docx or a DrafterError with a Chinese message; never another exception,
and never a document that shows "None", "Undefined", template syntax or a traceback that the facts did
not themselves contain. Builds run in-process (load_for_build → document_bytes) to keep 500 examples
per kind of facts file within seconds.
"""

from __future__ import annotations

import copy
import html
import json
import re
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.core.errors import DrafterError
from drafter.facts import composer, yamlfile
from drafter.facts.yamlfile import load_yaml
from drafter.pipeline.build import document_bytes, item_file_name, load_for_build

from .conftest import ANNUAL_TYPED, ROOT, SAMPLES

settings.register_profile(
    "fuzz",
    max_examples=500,
    deadline=None,  # a build takes tens of milliseconds, more on a busy CI machine
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")

BASES = {
    "annual": load_yaml(ANNUAL_TYPED).data,
    "round": load_yaml(SAMPLES / "round-2026-1.yaml").data,
}
LEAKS = ("None", "Undefined", "{{", "{%", "Traceback", "<function", "<built-in")

NASTY_TEXTS = [
    "",
    " ",
    "县&局<党组>“引号”\"双引号\"'单引号'",
    "{{ org.name }}",
    "{% if true %}x{% endif %}",
    "# 标题",
    "@title 注入",
    "\\",
    "第一行\n第二行",
    "甲\u2028乙",
    "\x01控制字符",
    "\ufffe",
    "None",
    "../../etc/passwd",
    "CON",
    "县" * 300,
    "2026-02-30",
    "2026-13-01",
    "1e309",
    "true",
    "null",
]
texts = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet="县委巡察组党组&<>\"'{}%#@\\\n\t 0123456789-：，。", max_size=30),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1, -1, 2**63, 10**400 // 10**390]),
    st.floats(allow_nan=False, allow_infinity=False),
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2026-02-29", "2026-02-30", "0000-01-01", "9999-12-31", "2026-1-5", "2026/01/05"]),
)
scalars = st.one_of(texts, numbers, dates, st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(texts, inner, max_size=3)),
    max_leaves=6,
)


def _places(data: Any, path: tuple = ()) -> list[tuple]:
    """Every key path into the data (the root excluded)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*path, key))
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.append((*path, i))
            found += _places(value, (*path, i))
    return found


def _alike(value: Any) -> st.SearchStrategy:
    """Another value of the same kind: a strange text for a text, an extreme number for a number …"""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.one_of(st.integers(min_value=-5, max_value=10**12), st.sampled_from([0, 10**30, -1]))
    if isinstance(value, float):
        return st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([1e-7, 1e300]))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dates
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=len(value) + 2)  # repeated, dropped, reordered
    if isinstance(value, (list, dict)):
        return st.just(value)
    return texts


def _mutate(data: dict, draw) -> dict:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = _places(data)
        path = draw(st.sampled_from(places))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        # Half the changes keep the value's type, so that many examples get as far as a document.
        action = draw(
            st.sampled_from(["alike"] * 6 + ["replace", "replace", "text", "delete", "add", "empty"])
        )
        if action == "alike":
            parent[last] = draw(_alike(parent[last]))
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent[last], dict):
            parent[last][draw(texts)] = draw(values)
        elif action == "add" and isinstance(parent[last], list):
            parent[last].append(draw(values))
        elif action == "empty":
            parent[last] = type(parent[last])() if isinstance(parent[last], (dict, list, str)) else None
        elif action == "text":
            parent[last] = draw(texts)
        else:
            parent[last] = draw(values)
    return data


def document_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))


def build_in_process(facts: dict) -> list[str]:
    """The text of each document the facts build (a round: its first two units); DrafterError if refused."""
    source = json.dumps(facts, ensure_ascii=False, indent=1)  # JSON is YAML 1.2
    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-") as folder:
        path = Path(folder) / "facts.yaml"
        path.write_text(source, encoding="utf-8")
        loaded = load_for_build(path)
        if not loaded.template.each:
            return [document_text(document_bytes(loaded))]
        built = []
        for item in loaded.items()[:2]:
            name = item_file_name(loaded, item)
            assert "/" not in name and "\\" not in name and name.endswith(".docx")
            built.append(document_text(document_bytes(loaded, item)))
        return built


def check_example(facts: dict) -> None:
    source = json.dumps(facts, ensure_ascii=False)
    try:
        documents = build_in_process(facts)
    except DrafterError as err:
        message = str(err)
        assert message.strip() and re.search("[\u4e00-\u9fff]", message), message
        assert "Traceback" not in message
        return
    for text in documents:
        assert text.strip()
        for leak in LEAKS:
            # A leak is only one if the facts did not say it themselves.
            assert leak not in text or leak in source, (leak, text[:500])


@FUZZ
@given(st.data())
def test_annual_facts_build_or_are_refused_with_a_message(data):
    check_example(_mutate(BASES["annual"], data.draw))


@FUZZ
@given(st.data())
def test_round_facts_build_or_are_refused_with_a_message(data):
    check_example(_mutate(BASES["round"], data.draw))


def test_the_unchanged_samples_build():
    """The fuzz tests start from facts that build: a failure there is about the change, not the base."""
    for facts in BASES.values():
        assert all(text.strip() for text in build_in_process(facts))


# Random edits of drafter's own YAML files, for comparing the C parser with the pure-Python one.
EDIT_PIECES = [
    *(" ", "  ", "\n", "\r\n", "\t", ":", ": ", "- ", "? ", "#", " # ", "[", "]", "{", "}", ",", "'", '"'),
    *("&a ", "*a", "!!str ", "|", ">", "|-", ">+", "%", "\\", "---", "...", "中", "：", "~", "1e3", "\u2028"),
    *("{a: }", "[a: ]", "'b':x", ": |\n  x\n", "\n  ", "\n- ", "a:\n", "\ufeff", "\x85", "0x1F", "yes"),
]


def _texts(folders: tuple[str, ...]) -> list[str]:
    """The YAML files of ``folders`` that are UTF-8 text of a few pages (hostile ones included)."""
    found = []
    for path in sorted(p for folder in folders for p in (ROOT / folder).rglob("*.yaml")):
        raw = path.read_bytes()
        if 0 < len(raw) < 20_000 and b"\0" not in raw:
            try:
                found.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                continue
    return found


EDITED_FILES = _texts(("samples", "templates", "snippets", "tests/hostile"))


def _edited(draw) -> str:
    text = draw(st.sampled_from(EDITED_FILES))
    lines = text.splitlines(keepends=True)
    start = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    text = "".join(lines[start : start + draw(st.integers(min_value=1, max_value=40))])
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(EDIT_PIECES)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=3)) :]
    return text + draw(st.sampled_from(["", "\n", "\r\n"]))


def _read(text: str) -> tuple:
    try:
        doc = yamlfile.parse_yaml(text, Path("事实.yaml"))
    except DrafterError as err:
        return ("refused", str(err))
    return ("read", doc.data, doc.value_pos, doc.key_pos)


@FUZZ
@given(st.data())
def test_the_c_parser_and_the_pure_python_parser_read_every_edit_alike(data):
    """What the C parser reads (or refuses) is what the pure-Python one reads: values, places, messages."""
    text = _edited(data.draw)
    fast = _read(text)
    kept, composer.CParser = composer.CParser, None
    try:
        reference = _read(text)
    finally:
        composer.CParser = kept
    assert fast == reference, text
