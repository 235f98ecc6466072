"""Read a YAML file into plain values plus the line and column of every key and value.

Works on ruamel.yaml's composed node graph rather than its constructed objects, so that every problem
(duplicate keys, unsupported tags, impossible dates …) becomes an Issue with a position instead of
stopping the load at the first one. Dates stay text here; the schema parses them with its own messages.

The text becomes nodes in composer.py, which chooses the parser (libyaml's in C where it reads the text
as ruamel's own pure-Python parser would) and keeps ruamel's positions and messages either way.
"""

from __future__ import annotations

import gc
import hashlib
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import __version__ as ruamel_version
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from ..core.errors import FactsError, Issue
from . import composer, slips
from .composer import MAPPING, MAX_DEPTH, MAX_NODES, SCALAR, TAG, Node, TooLargeError, compose
from .composer import MAX_LIST_ITEMS as MAX_LIST_ITEMS  # one of the limits, which are read from here

# A key path into the data: ("rounds", 0, "units", 3).
KeyPath = tuple[str | int, ...]

# Limits for files that are not facts a person typed (a whole database export, a pasted book): each is
# checked before the slow part, so such a file is refused in about a second, not after minutes of parsing.
# A round of 2 000 units (the benchmark) is 3.7 MB, 72 000 lines and lists of 2 000 items. The limits
# on values, list items and nesting (MAX_NODES, MAX_LIST_ITEMS, MAX_DEPTH) are checked in composer.py.
MAX_FILE_BYTES = 8_000_000
MAX_TEXT_CHARS = 10_000  # one value: some 16 pages of body text
# Characters XML 1.0 forbids (and lone surrogates): a document cannot carry them, so they are refused
# where they were typed instead of silently disappearing from the text.
_NOT_IN_DOCUMENTS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Pos:
    """1-based line and column."""

    line: int
    col: int


@dataclass(slots=True)
class Document:
    """A loaded YAML file: its data as plain Python values and where each piece stands."""

    path: Path
    data: Any
    value_pos: dict[KeyPath, Pos] = field(default_factory=dict)
    key_pos: dict[KeyPath, Pos] = field(default_factory=dict)

    def pos(self, key_path: KeyPath) -> Pos:
        """Where the value at key_path stands, or the nearest enclosing value that exists."""
        for end in range(len(key_path), -1, -1):
            found = self.value_pos.get(key_path[:end])
            if found is not None:
                return found
        return Pos(1, 1)

    def issue(self, key_path: KeyPath, message: str, *, at_key: bool = False) -> Issue:
        """An Issue placed at the value (or, with at_key, the key) of key_path."""
        place = self.key_pos.get(key_path) if at_key else None
        place = place or self.pos(key_path)
        return Issue(self.path, place.line, place.col, message)


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """What a parsed Document depends on besides the text (for caches): ruamel.yaml and the modules that
    compose and build it (and name the slips it refuses)."""
    # The modules' content, not their time stamps: a copy that keeps time stamps must not reuse old entries.
    sources = (Path(__file__), Path(composer.__file__), Path(slips.__file__))
    code = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()
    fast = "C parser" if composer.CParser is not None else "pure"
    return f"ruamel.yaml {ruamel_version} ({fast}); {Path(__file__).name} {code}"


def load_yaml(path: Path) -> Document:
    """Read and parse a YAML file; raise FactsError with every problem found."""
    text = read_text(path)
    return parse_yaml(text, path)


def read_text(path: Path) -> str:
    """Read a user's text file: UTF-8 (with or without BOM), else GB18030 as Windows editors save it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            msg = (
                f"文件有 {size / 1e6:.1f} MB，"
                f"超过 drafter 读取文本文件的上限 {MAX_FILE_BYTES // 1_000_000} MB；"
                "手写的文件通常只有几十 KB，请检查是否选错了文件"
            )
            raise FactsError([Issue.whole(path, msg)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FactsError([Issue.whole(path, "文件不存在")]) from None
    except IsADirectoryError:
        raise FactsError([Issue.whole(path, "这是一个文件夹，不是 YAML 文件")]) from None
    except OSError as err:
        raise FactsError([Issue.whole(path, f"无法读取文件：{err.strerror}")]) from err
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Notepad's "Unicode" is UTF-16 with a byte order mark.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in raw[:8192]:
        msg = "这不是文本文件（可能是 Word 文档、图片或压缩包），这里要的是用记事本等编辑的文本文件"
        raise FactsError([Issue.whole(path, msg)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            # Notepad and WPS on Chinese Windows save "ANSI" files as GBK, a subset of GB18030.
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            line = raw[: utf8_error.start].count(b"\n") + 1
            col = utf8_error.start - (raw.rfind(b"\n", 0, utf8_error.start) + 1) + 1
            msg = "文件既不是 UTF-8 也不是 GBK 编码，无法读取；请用记事本“另存为”UTF-8 编码"
            raise FactsError([Issue(path, line, col, msg)]) from None


def parse_yaml(text: str, path: Path) -> Document:
    """Parse YAML text; raise FactsError with every problem found."""
    try:
        with _no_cycle_collection():
            root = compose(text)
    except TooLargeError as err:
        issue = Issue(path, err.mark.line + 1, err.mark.column + 1, err.message)
        raise FactsError([issue]) from None
    except MaxDepthExceededError as err:
        mark = err.problem_mark
        message = f"嵌套超过 {MAX_DEPTH} 层，拒绝读取（检查缩进或括号）"
        raise FactsError([Issue(path, mark.line + 1, mark.column + 1, message)]) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if "end of stream" in str(err.problem) and err.context_mark is not None:
            mark = err.context_mark  # where the unclosed quote or bracket opened, not the file's end
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        slip = slips.syntax_slip(text.splitlines(), line - 1)
        if slip is not None:  # a full-width colon or space the parser tripped over a line later
            raise FactsError([Issue(path, slip[0] + 1, slip[1] + 1, slip[2])]) from None
        raise FactsError([Issue(path, line, col, _syntax_message(err))]) from None
    except ReaderError as err:
        # A character YAML does not allow (a control character pasted from elsewhere): placed by offset.
        before = text[: err.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        message = f"这里有一个不可见的控制字符（{code}），可能是从别处复制来的，请删去"
        raise FactsError([Issue(path, line, col, message)]) from None
    except YAMLError as err:
        raise FactsError([Issue(path, 1, 1, f"YAML 语法错误：{err}")]) from None
    except ValueError:
        found = _BAD_TAG_RE.search(text)
        if found is None:
            raise  # not a user's mistake drafter knows: a bug, shown as one
        before = text[: found.start()]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise FactsError([Issue(path, line, col, f"YAML 语法错误：{_BAD_TAG}")]) from None
    doc = Document(path, None)
    if root is None:
        raise FactsError([Issue.whole(path, "文件是空的")])
    builder = _Builder(doc, text)
    with _no_cycle_collection():
        doc.data = builder.build(root, ())
    if builder.issues:
        raise FactsError(builder.issues)
    return doc


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a file becomes nodes and values.

    Parsing allocates millions of objects and no reference cycles worth collecting; every collection
    would walk the whole growing graph again, which made a 2 000-unit round take 2.2× the time of a
    1 000-unit one (and 25 % longer in all). Everything it allocates is freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Builder:
    """Turns a node graph into plain values, recording positions and collecting issues."""

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self._lines: list[str] | None = None
        self.issues: list[Issue] = []
        self.count = 0
        # The mappings and lists being built, by their shared content: an alias inside its own anchor
        # (x: &a [*a]) would otherwise be expanded for ever.
        self.open: set[int] = set()
        self.too_deep = False

    def build(self, node: Node, key_path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._add(node, f"文件展开后超过 {MAX_NODES} 个值（文件太大，或锚点/别名嵌套过多），拒绝读取")
            return None
        if len(key_path) > MAX_DEPTH:  # aliases can nest deeper than the text the composer checked
            if not self.too_deep:
                self.too_deep = True
                self._add(node, f"锚点和别名展开后嵌套超过 {MAX_DEPTH} 层，拒绝读取")
            return None
        self.doc.value_pos[key_path] = Pos(node.start_mark.line + 1, node.start_mark.column + 1)
        if node.kind == SCALAR:
            return self._scalar(node)
        if id(node.value) in self.open:
            self._add(node, "别名引用了它所在的锚点自身（如 x: &a [*a]），无法展开")
            return None
        self.open.add(id(node.value))
        try:
            if node.kind == MAPPING:
                return self._mapping(node, key_path)
            if node.tag != TAG + "seq":
                self._add(node, f"不支持的 YAML 标签“{node.tag}”")
            return [self.build(item, (*key_path, i)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node.value))

    def _mapping(self, node: Node, key_path: KeyPath) -> dict[str, Any]:
        if node.tag != TAG + "map":
            self._add(node, f"不支持的 YAML 标签“{node.tag}”")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.kind != SCALAR or key_node.tag == TAG + "null":
                self._add(key_node, "键必须是一个简单的名称")
                continue
            if key_node.tag == TAG + "merge":
                self._add(key_node, "不支持合并键“<<”，请把内容直接写出来")
                continue
            key = str(key_node.value)
            if key.startswith("\u3000") and self._typed_as_indent(key_node):
                # Full-width spaces are not indentation to YAML: the key is not the one meant, and
                # where it landed says nothing of why.
                self._add(key_node, slips.FULL_WIDTH_INDENT)
                continue
            pos = Pos(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            path = (*key_path, key)
            if key in result:
                first = self.doc.key_pos[path]
                self._add(key_node, f"键“{key}”重复了（第{first.line}行已经写过）")
                continue
            self.doc.key_pos[path] = pos
            result[key] = self.build(value_node, path)
        return result

    def _scalar(self, node: Node) -> Any:
        tag, text = node.tag, node.value
        if tag == TAG + "str" or tag == TAG + "timestamp" or tag == "!":
            self._check_text(node, text)
            if " - " in text or text.endswith(" -"):
                self._check_merged_item(node, text)
            return text
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            # Only true/false: under a %YAML 1.1 directive "yes" and "on" are booleans too, and
            # reading "是否" answers from them by guesswork would be worse than asking.
            if text.lower() not in ("true", "false"):
                self._add(node, f"“{text}”：是或否请写 true 或 false")
                return None
            return text.lower() == "true"
        if tag in (TAG + "int", TAG + "float"):
            number = _parse_number(text, tag == TAG + "int")
            if number is None:
                self._add(node, f"“{text[:30]}”不是可以使用的数字，请写普通的阿拉伯数字")
            return number
        self._add(node, f"不支持的 YAML 标签“{tag}”，请只写普通的文字、数字和日期")
        return None

    def _check_text(self, node: Node, text: str) -> None:
        if len(text) > MAX_TEXT_CHARS:
            self._add(
                node, f"这一项有 {len(text)} 个字，超过上限 {MAX_TEXT_CHARS} 字；请检查是否粘贴了整篇文档"
            )
        bad = _NOT_IN_DOCUMENTS.search(text)
        if bad:
            code = f"U+{ord(bad[0]):04X}"
            message = (
                f"文字中有一个不可见的控制字符（{code}），Word 文档不能包含它，可能是从别处复制来的，请删去"
            )
            self._add(node, message)

    def _line(self, index: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines[index] if index < len(self._lines) else ""

    def _typed_as_indent(self, key_node: Node) -> bool:
        """Whether a key's leading full-width spaces stand where indentation goes (not inside quotes)."""
        line, col = key_node.start_mark.line, key_node.start_mark.column
        typed = self._line(line)
        return typed[col : col + 1] == "\u3000" and not typed[:col].strip(" -")

    def _check_merged_item(self, node: Node, text: str) -> None:
        """A list item indented unlike its siblings, read as the continuation of a plain text above."""
        line, col = node.start_mark.line, node.start_mark.column
        first = self._line(line)
        if first[col : col + 1] in ("'", '"', "|", ">"):
            return  # quoted and block texts keep their lines as typed
        found = slips.merged_item(self._lines or [], line, text)
        if found is not None:
            self.issues.append(Issue(self.doc.path, found[0] + 1, found[1] + 1, slips.MERGED_ITEM))

    def _add(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.issues.append(Issue(self.doc.path, mark.line + 1, mark.column + 1, message))


def _parse_number(text: str, integer: bool) -> int | float | None:
    """YAML 1.2 numbers; None for what no report can state (.inf, .nan, 10:20, 5 000 digits)."""
    digits = text.replace("_", "")
    try:
        if integer:
            return int(digits, 0) if digits.lower().startswith(("0x", "0o", "0b")) else int(digits)
        value = float(digits)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_BAD_TAG = "“!”开头的标签里的“%”无法解读；事实文件不需要标签，请删去“!…”这一段"
# A tag with a %-escape that does not decode (also once decoded: !!a%25 is "a%", decoded again):
# ruamel's parser fails on it with a bare ValueError and no place.
_BAD_TAG_RE = re.compile(r"!\S*%")

_SYNTAX_HINTS = (
    ("cannot start any token", "不能用 Tab 缩进，请改用空格（或该字符不能出现在值的开头）"),
    ("mapping values are not allowed", "这里不能出现“键: 值”；检查缩进，或给含冒号的文字加引号"),
    ("expected <block end>", "缩进不一致：同一层的键要左对齐"),
    ("could not find expected ':'", "缺少“:”，或引号、括号没有闭合"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合，或列表项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或项之间缺少逗号"),
    ("found undefined alias", "引用了不存在的锚点（*名称）"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    (
        "but found another document",
        "文件里出现了第二个文档（--- 分隔线）；一个事实文件只能写一个，请删去 --- 或分成两个文件",
    ),
    ("expected the node content", "这里缺少内容：文件意外结束，或某一项只写了“-”或“键:”之后的符号"),
    ("tag that cannot be decoded", _BAD_TAG),
)


def _syntax_message(err: MarkedYAMLError) -> str:
    problem = f"{err.problem or ''} {err.context or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return f"YAML 语法错误：{hint}"
    return f"YAML 语法错误：{(err.problem or err.context or '').strip()}"
