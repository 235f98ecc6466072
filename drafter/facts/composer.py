"""Compose a YAML text's parser events into nodes, with the parser that reads it fastest and alike.

ruamel's pure-Python parser is the reference: its positions and messages are the ones users see. When
ruamel.yaml.clib is installed, libyaml's C parser reads the text instead (the nodes are composed here, by
the same code), unless the text holds something the two read differently (libyaml_reads_alike); when
libyaml refuses a text, the reference parser reads it again and says where and why.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.composer import ComposerError, MaxDepthExceededError
from ruamel.yaml.error import StreamMark
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.tag import Tag

try:
    from _ruamel_yaml import CParser  # ruamel.yaml.clib
except ImportError:  # no build of it for this Python: the pure-Python parser alone gives the same result
    CParser = None

__all__ = ["CParser", "compose", "libyaml_reads_alike"]

# Aliases share nodes; expanding them could multiply a small file into billions of values.
MAX_NODES = 200_000
# Limits for files that are not facts a person typed (see yamlfile.py): refused as the parser goes.
MAX_LIST_ITEMS = 10_000
MAX_DEPTH = 40  # nesting; the schemas need 6, and ruamel recurses per level

TAG = "tag:yaml.org,2002:"


class _Place(NamedTuple):
    """Where a node starts: all a Document keeps of ruamel's marks, which also hold the text, the offset
    and the end. A 2 000-unit round has 200 000 of them; kept whole they took half of a build's memory."""

    line: int
    column: int


SCALAR, SEQUENCE, MAPPING = "scalar", "sequence", "mapping"


class Node:
    """A composed node: its kind, resolved tag, value (text, or a list of nodes or of key and value
    nodes) and start place. An alias is a node of its own that shares its anchor's value."""

    __slots__ = ("kind", "start_mark", "tag", "value")

    def __init__(self, kind: str, tag: str, value: Any, start_mark: _Place) -> None:
        self.kind = kind
        self.tag = tag
        self.value = value
        self.start_mark = start_mark


class _Composer:
    """ruamel.yaml's Composer (composer.py) cut to what a Document needs, with the same nodes, tags and
    errors. Written out because ruamel's looks its parser and resolver up through two properties for
    every event, which took most of the time of reading a facts file once libyaml parsed it.

    It also counts values as the parser goes, so that a file with too many is refused before it is all
    parsed; gives each alias (*name) a place of its own, so that a problem in an aliased value is not
    reported at the anchor's line; and places the empty value of ``name:`` where ruamel's parser does
    (the next key, or the end of the mapping) when the events are libyaml's (after the colon)."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader  # a ruamel YAML object, whose parser may be libyaml's (_compose_with)

    def get_single_node(self) -> Node | None:
        """The one document of the stream, as ruamel's Composer.get_single_node."""
        parser = self.parser = self.loader.parser
        self.libyaml = CParser is not None and isinstance(parser, CParser)
        self.anchors: dict[Any, Node] = {}
        self.depth = self.composed = 0
        parser.get_event()  # stream start
        document = None
        if not parser.check_event(StreamEndEvent):
            parser.get_event()  # document start: a %YAML directive has been read by now
            self.implicit = self.loader.resolver.versioned_resolver
            document = self._node(None)
            parser.get_event()  # document end
        if not parser.check_event(StreamEndEvent):
            event = parser.get_event()
            start = document.start_mark if document is not None else None
            context = "expected a single document in the stream"  # ruamel's words, which the hints read
            raise ComposerError(context, start, "but found another document", event.start_mark)
        parser.get_event()
        return document

    def _node(self, index: Any) -> Node:
        parser = self.parser
        self.composed += 1
        if self.composed > MAX_NODES or (isinstance(index, int) and index >= MAX_LIST_ITEMS):
            raise TooLargeError(parser.peek_event().start_mark, index)
        event = parser.peek_event()
        place = _Place(event.start_mark.line, event.start_mark.column)
        if isinstance(event, AliasEvent):
            parser.get_event()
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
            shared = self.anchors[event.anchor]
            # ruamel made the alias's node from the anchor's tag text, which its Tag decodes (%xx) again.
            return Node(shared.kind, str(Tag(suffix=shared.tag)), shared.value, place)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            message = f"maximum depth of data structure exceeded ({self.depth})"
            raise MaxDepthExceededError(None, None, message, event.start_mark)
        parser.get_event()
        if isinstance(event, ScalarEvent):
            node = Node(SCALAR, self._scalar_tag(event), event.value, place)
        elif isinstance(event, SequenceStartEvent):
            node = Node(SEQUENCE, _tag_text(event, TAG + "seq"), [], place)
        else:
            node = Node(MAPPING, _tag_text(event, TAG + "map"), [], place)
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        if node.kind == SEQUENCE:
            self._items(node)
        elif node.kind == MAPPING:
            self._pairs(node, block=not event.flow_style)
        self.depth -= 1
        return node

    def _items(self, node: Node) -> None:
        parser, items = self.parser, node.value
        while not parser.check_event(SequenceEndEvent):
            items.append(self._node(len(items)))
        parser.get_event()

    def _pairs(self, node: Node, block: bool) -> None:
        parser, pairs = self.parser, node.value
        while not parser.check_event(MappingEndEvent):
            if self.libyaml and _made_empty(parser.peek_event()):
                raise _ReadDifferentlyError  # a key left out (": x"): placed differently, and rare
            key = self._node(None)
            event = parser.peek_event()
            if self.libyaml and not block and _made_empty(event):
                # An empty value in a flow collection ({a: }): ruamel places it after the colon, libyaml
                # where the next item starts, which the events do not tell apart from {a}.
                raise _ReadDifferentlyError
            value = self._node(key)
            if self.libyaml and _made_empty(event):
                following = parser.peek_event().start_mark
                value.start_mark = _Place(following.line, following.column)
            pairs.append((key, value))
        parser.get_event()

    def _scalar_tag(self, event: ScalarEvent) -> str:
        """ruamel's resolver (Resolver.resolve), with its table for the document's YAML version."""
        if event.ctag is not None and str(event.ctag) != "!":
            return _tag_text(event, "")
        value = event.value
        if event.implicit[0]:
            implicit = self.implicit
            for tag, pattern in implicit.get(value[0] if value else "", []) + implicit.get(None, []):
                if pattern.match(value):
                    return str(tag)
        return TAG + "str"


class _ReadDifferentlyError(Exception):
    """libyaml's events hold something ruamel's parser would place differently: ruamel reads the text."""


def _made_empty(event: Any) -> bool:
    """An empty scalar the parser made up for a missing value: plain, without text, anchor or tag."""
    return isinstance(event, ScalarEvent) and not (event.value or event.style or event.anchor or event.ctag)


def _tag_text(event: Any, default: str) -> str:
    """An event's tag as ruamel's nodes show it: the parser's Tag, or libyaml's text read as a Tag."""
    tag = event.ctag
    try:
        if tag is None or str(tag) == "!":
            return default
        return str(tag) if isinstance(tag, Tag) else str(Tag(suffix=tag))
    except ValueError:  # a %-escape that does not decode (!!a%25): ruamel's Tag raises a bare ValueError
        raise ComposerError(None, None, "found a tag that cannot be decoded", event.start_mark) from None


class TooLargeError(Exception):
    """The composer met more values, or a longer list, than a facts file can sensibly have."""

    def __init__(self, mark: StreamMark, index: Any) -> None:
        super().__init__()
        self.mark = mark
        if isinstance(index, int) and index >= MAX_LIST_ITEMS:
            self.message = f"列表超过 {MAX_LIST_ITEMS} 项，拒绝读取（文件太大，或不是手写的事实文件）"
        else:
            self.message = f"文件超过 {MAX_NODES} 个值，拒绝读取（文件太大，或不是手写的事实文件）"


# What libyaml (C, YAML 1.1) and ruamel (Python, YAML 1.2) read differently, found by running both on
# the test files and on random edits of them (tests/test_fuzz.py): directives (%YAML), tabs, the line
# breaks of YAML 1.1 (U+0085, U+2028, U+2029), a byte order mark inside the text, a colon right after a
# quote or bracket ('b':x), a comment right after a block scalar's indicator (>#), a block scalar at the
# top of the file, and tags, anchors and aliases (!x, &x, *x: 1.2 allows more characters in their
# names). A text with any of these, or whose last line has no line break, goes straight to the
# reference parser; the composer sends it there on meeting a left-out key or an empty value in a flow
# collection ({a: }, [b:]). Each pattern is searched on its own (one alternation of them all was twice
# as slow), and none backtracks over lines, so even an 8 MB file is checked in linear time.
_READ_DIFFERENTLY = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (r"^%", r"[\t\x85\u2028\u2029\ufeff]", r"[\"'\]}]:", r"[|>][-+0-9]*#", r"^(?:---\s+)?[|>]")
)
# A tag, anchor or alias starts a node: after a space, a line break or a flow indicator. Elsewhere
# (县&局) the character is just text; in facts files it is rare, so each one is looked at in turn.
_NODE_PROPERTY = re.compile(r"[!&*]")


def libyaml_reads_alike(text: str) -> bool:
    """Whether libyaml may read ``text``: it ends its last line and holds nothing the two read apart."""
    if CParser is None or not text.endswith("\n"):
        return False
    if any(pattern.search(text) for pattern in _READ_DIFFERENTLY):
        return False
    for found in _NODE_PROPERTY.finditer(text):
        before = text[found.start() - 1] if found.start() else " "
        if before.isspace() or before in "[{,":
            return False
    return True


def compose(text: str) -> Node | None:
    """The node graph of ``text``, as ruamel's pure-Python parser composes it."""
    if libyaml_reads_alike(text):
        try:
            return _compose_with(text, CParser(text))
        except (TooLargeError, MaxDepthExceededError):
            raise  # drafter's own limits, met at the same event by either parser
        except Exception:  # libyaml's refusal, or _ReadDifferentlyError: ruamel reads it, in its own words
            pass
    return _compose_with(text, None)


def _compose_with(text: str, c_parser: Any) -> Node | None:
    yaml = YAML(typ="safe", pure=True)
    # ruamel's YAML object is typed for its own classes; ours speaks the same protocol (get_single_node).
    loader: Any = yaml
    loader.Composer = _Composer
    if c_parser is None:
        node: Node | None = loader.compose(text)
        return node
    # The composer asks the loader for its parser: libyaml's events stand in for ruamel's.
    loader._parser = c_parser
    try:
        composed: Node | None = loader.composer.get_single_node()
        return composed
    finally:
        c_parser.dispose()
