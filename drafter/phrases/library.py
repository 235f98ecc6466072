"""The phrase library (规范表述): snippet files by category, read with positions, found in a fixed order.

A snippet file is YAML with a ``category:`` (one of CATEGORIES) and a ``snippets:`` list; each snippet
has an ``id`` (ASCII, stable: templates and facts name it), a ``text`` (Jinja; the variables it may use
are in VARIABLES), and optionally ``tags``, ``doc_types``, ``levels``, ``valid_from``, ``valid_to``,
``source`` and its own ``category``. Its schema is drafter/facts/formats/snippet-file.yaml.

Search order: folders given explicitly (``--snippets DIR``, in the order given) → the folders listed under
``snippets:`` in drafter.yaml (beside the facts file when building; in the working folder for the
``drafter snippets`` commands, which have no facts file) → the built-in library. A snippet in an earlier
folder overrides one with the same id in a later folder (that is how a unit adapts a built-in phrase);
within one folder an id may appear only once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.cache import entry as cache_entry
from ..core.cache import read_entry, write_entry
from ..core.dates import cn_date
from ..core.errors import FactsError, Issue, SnippetError, SnippetNotFoundError, display_path
from ..core.levels import OWN_LEVELS, TIERS, tier_members, tier_of
from ..core.locations import BUILTIN_SNIPPETS, is_builtin
from ..facts.local_config import config_section_values, read_config
from ..facts.own_data import load_data_yaml
from ..facts.schema import format_schema
from ..facts.validation import is_whole, read_format
from ..facts.yamlfile import Document, KeyPath
from ..render.sandbox import compiler_fingerprint, text_syntax_problem

CATEGORIES = (
    "指导思想开头",
    "政治站位",
    "方针原则",
    "监督重点",
    "巡察方式",
    "总体评价",
    "问题定性",
    "意见建议",
    "整改",
    "成果运用",
    "下一步",
    "过渡语",
)
DOC_TYPES = ("年报", "反馈", "整改", "公告")
# The levels a phrase may be written for (core/levels.py).
LEVELS = TIERS

# The variables every snippet may use, wherever it is used (templates and facts files provide them).
# Anything else a snippet needs is passed by its caller: snippet("id", themes=…) or {snippet: id, vars: …}.
VARIABLES = {
    "year": "报告年度，如 2026",
    "org": "事实文件的 org 一节：org.name 本级党委全称，org.parent_name 上级党委全称",
    "committee": "本级党委简称，如“县委”",
    "parent": "上级党委简称，如“市委”",
    "above": "中央以下各级上级党委，如“省委、市委”“自治区党委、盟委”",
    "province": "省级党委，如“省委”“自治区党委”（直辖市的区县为“市委”）",
    "parent_leading_group": "上级党委的巡察（巡视）工作领导小组，如“市委巡察工作领导小组”",
    "region": "本级党委的辖区，如“全县”“全区”“全旗”",
    "villages": "本级对村级组织的称呼：“村（社区）”，旗为“嘎查村（社区）”",
    "along": "巡乡镇带村的说法：“巡镇带村”，旗为“巡苏木（镇）带嘎查（村）”",
    "discipline": "本级纪委监委，如“县纪委监委”",
    "government": "本级政府，如“县政府”“旗政府”",
}

BUILTIN_ORIGIN = "内置"
_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
# What messages call a file of the library.
SNIPPET_FILE = "片段文件"


@dataclass(frozen=True, slots=True)
class Snippet:
    """One standard phrase and what it is for."""

    id: str
    category: str
    text: str
    tags: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = DOC_TYPES
    levels: tuple[str, ...] = LEVELS
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    path: Path = Path("snippets.yaml")
    line: int = 1
    col: int = 1
    origin: str = BUILTIN_ORIGIN

    @property
    def place(self) -> str:
        """Where the snippet is defined, as messages show it: file:line:col."""
        return f"{display_path(self.path)}:{self.line}:{self.col}"

    @property
    def validity(self) -> str:
        """The validity window in words, e.g. “2026年1月1日起” or “长期有效”."""
        if self.valid_from and self.valid_to:
            return f"{cn_date(self.valid_from)}至{cn_date(self.valid_to)}"
        if self.valid_from:
            return f"{cn_date(self.valid_from)}起"
        if self.valid_to:
            return f"至{cn_date(self.valid_to)}"
        return "长期有效"


@dataclass(frozen=True, slots=True)
class Library:
    """Every snippet by id (the one that wins the search order), in category then file order."""

    snippets: dict[str, Snippet]
    overridden: dict[str, tuple[Snippet, ...]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.snippets)

    def get(self, snippet_id: str) -> Snippet | None:
        """The snippet with this id, or None."""
        return self.snippets.get(snippet_id)

    def suggestion(self, snippet_id: str) -> str:
        """“，是否想写“x”？” for the closest id, or an empty string."""
        close = difflib.get_close_matches(snippet_id, list(self.snippets), n=1, cutoff=0.6)
        return f"，是否想写“{close[0]}”？" if close else ""

    def unknown_id_message(self, snippet_id: str) -> str:
        """The message for an id that is not in the library."""
        return f"没有编号为“{snippet_id}”的片段{self.suggestion(snippet_id)}"

    def require(self, snippet_id: str) -> Snippet:
        """The snippet with this id; SnippetNotFoundError with a “did you mean” otherwise."""
        found = self.snippets.get(snippet_id)
        if found is None:
            raise SnippetNotFoundError(self.unknown_id_message(snippet_id))
        return found

    def select(self, category: str | None = None, tag: str | None = None) -> list[Snippet]:
        """The snippets of a category and/or with a tag, in library order."""
        return [
            s
            for s in self.snippets.values()
            if (category is None or s.category == category) and (tag is None or tag in s.tags)
        ]


def open_library(explicit: Sequence[Path] = (), config_dir: Path | None = None) -> Library:
    """The library as a command sees it: unit folders (explicit, then drafter.yaml's), then the built-ins."""
    return load_library(library_folders(explicit, config_dir))


def library_folders(explicit: Sequence[Path] = (), config_dir: Path | None = None) -> list[Path]:
    """The unit folders to search before the built-ins: explicit ones, then drafter.yaml's ``snippets:``.

    Raises SnippetError when a folder does not exist or drafter.yaml's list is malformed.
    """
    issues: list[Issue] = []
    folders: list[Path] = []
    for folder in explicit:
        if not folder.is_dir():
            issues.append(Issue.whole(folder, "片段文件夹不存在"))
        folders.append(folder)
    folders += _configured_folders(config_dir or Path.cwd(), issues)
    if issues:
        raise SnippetError(issues)
    return folders


def _configured_folders(config_dir: Path, issues: list[Issue]) -> list[Path]:
    try:
        doc = read_config(config_dir)
    except FactsError as err:
        issues += err.issues
        return []
    listed, problems = config_section_values(doc, "snippets")
    issues += problems
    if doc is None or listed is None:
        return []
    # A single folder may be written without the list: its place is then the section's.
    single = not isinstance(doc.data["snippets"], list)
    folders = []
    for i, entry in enumerate(listed):
        folder = config_dir / str(entry)  # relative to drafter.yaml
        if entry is None:
            continue  # a wrong entry: reported already
        if not folder.is_dir():
            place = ("snippets",) if single else ("snippets", i)
            issues.append(doc.issue(place, f"片段文件夹“{entry}”不存在"))
        else:
            folders.append(folder)
    return folders


def load_library(unit_folders: Sequence[Path] = (), builtin: Path | None = None) -> Library:
    """Read the unit folders and the built-in library; SnippetError lists every problem at once."""
    issues: list[Issue] = []
    winners: dict[str, Snippet] = {}
    overridden: dict[str, list[Snippet]] = {}
    sources = [(folder, display_path(folder)) for folder in unit_folders]
    sources.append((builtin or BUILTIN_SNIPPETS, BUILTIN_ORIGIN))
    for folder, origin in sources:
        for snippet in _read_folder(folder, origin, issues):
            if snippet.id in winners:
                overridden.setdefault(snippet.id, []).append(snippet)
            else:
                winners[snippet.id] = snippet
    if issues:
        raise SnippetError(issues)
    order = {category: i for i, category in enumerate(CATEGORIES)}
    ranked = sorted(winners.values(), key=lambda s: (order[s.category], str(s.path.name), s.line))
    return Library({s.id: s for s in ranked}, {k: tuple(v) for k, v in overridden.items()})


def _read_folder(folder: Path, origin: str, issues: list[Issue]) -> list[Snippet]:
    """Every snippet of a folder's YAML files; an id twice in one folder is an error naming both places."""
    if not folder.is_dir():
        issues.append(Issue.whole(folder, "片段文件夹不存在"))
        return []
    found: dict[str, Snippet] = {}
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            stat = path.stat()
        except OSError:  # a link to nothing, or a file removed while the folder was read
            issues.append(Issue(path, 1, 1, "片段文件无法读取（链接指向的文件不存在，或已被删除）"))
            continue
        snippets, problems = _read_unchanged_file(path, stat.st_mtime_ns, stat.st_size, origin)
        issues += problems
        for snippet in snippets:
            first = found.get(snippet.id)
            if first is not None:
                message = f"片段编号“{snippet.id}”重复了（{first.place} 已经用过），同一文件夹里编号不能重复"
                issues.append(Issue(snippet.path, snippet.line, snippet.col, message))
            else:
                found[snippet.id] = snippet
    return list(found.values())


@lru_cache(maxsize=256)
def _read_unchanged_file(
    path: Path, mtime_ns: int, size: int, origin: str
) -> tuple[tuple[Snippet, ...], tuple[Issue, ...]]:
    """A file read once per process while it stays the same (parsing the library costs ~80 ms)."""
    issues: list[Issue] = []
    snippets = read_snippet_file(path, origin, issues)
    return tuple(snippets), tuple(issues)


def read_snippet_file(
    path: Path, origin: str = BUILTIN_ORIGIN, issues: list[Issue] | None = None
) -> list[Snippet]:
    """The snippets of one file. Problems go to ``issues``; without a list, they raise SnippetError."""
    collected: list[Issue] = [] if issues is None else issues
    before = len(collected)
    try:
        doc = load_data_yaml(path)
    except FactsError as err:
        collected += err.issues
        doc = None
    snippets = _file_snippets(doc, origin, collected) if doc is not None else []
    if issues is None and len(collected) > before:
        raise SnippetError(collected)
    return snippets


def _file_snippets(doc: Document, origin: str, issues: list[Issue]) -> list[Snippet]:
    """The snippets of one parsed file, checked against facts/formats/snippet-file.yaml and then for what
    a schema cannot say (an id's spelling, Jinja syntax, a category for every snippet, dates in order)."""
    schema = format_schema("snippet-file")
    data, problems = read_format(doc, schema, what=SNIPPET_FILE)
    issues += problems
    if data is None:
        return []
    category = data.get("category")
    # A wrong file category is reported once, not again for every snippet that relies on it.
    category_reported = "category" in data and category is None
    spec = schema.root.sub("snippets").item
    assert spec is not None
    items = data.get("snippets") or []
    texts = [item.get("text") if isinstance(item, dict) else None for item in items]
    syntax = _syntax_problems(doc, [text if isinstance(text, str) else "" for text in texts])
    found = []
    for i, item in enumerate(items):
        if item is None:
            continue  # not a mapping: reported already
        where: KeyPath = ("snippets", i)
        before = len(issues)
        _check_snippet(doc, where, item, category, category_reported, syntax[i], issues)
        own_category = item.get("category") or category
        if len(issues) == before and own_category is not None and is_whole(item, spec):
            found.append(_snippet(doc, where, item, own_category, origin))
    return found


def _check_snippet(
    doc: Document,
    where: KeyPath,
    item: dict[str, Any],
    file_category: str | None,
    category_reported: bool,
    problem: tuple[int, str] | None,
    issues: list[Issue],
) -> None:
    """What the schema cannot say of a snippet: its id's spelling, its Jinja syntax (``problem``), that it
    has a category (its own or the file's), and that its validity does not end before it starts."""
    snippet_id, text = item.get("id"), item.get("text")
    if snippet_id is not None and not _ID_RE.fullmatch(snippet_id):
        message = f"片段编号“{snippet_id}”只能用小写英文字母、数字、“-”和“_”，如 stance-two-safeguards"
        issues.append(doc.issue((*where, "id"), message))
    if text is not None and problem is not None:
        issues.append(doc.issue((*where, "text"), f"片段文字的第 {problem[0]} 行：{problem[1]}"))
    if "category" not in item and file_category is None and not category_reported:
        issues.append(doc.issue(where, "没有写分类：在文件开头写“category:”，或在这个片段里写"))
    valid_from, valid_to = item.get("valid_from"), item.get("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        issues.append(doc.issue((*where, "valid_to"), "有效期的结束日期“valid_to”早于开始日期“valid_from”"))


def _syntax_problems(doc: Document, texts: list[str]) -> list[tuple[int, str] | None]:
    """text_syntax_problem of each text. For drafter's own files the answers are kept in the cache:
    parsing the 136 texts of the built-in library with Jinja took longer than reading its YAML."""
    kept_at = cache_entry("snippet-syntax", compiler_fingerprint(), *texts) if is_builtin(doc.path) else None
    kept = read_entry(kept_at)
    if isinstance(kept, list) and len(kept) == len(texts):
        try:
            return [(int(problem[0]), str(problem[1])) if problem else None for problem in kept]
        except (TypeError, ValueError, IndexError, KeyError):
            pass  # a damaged entry: the texts are parsed again
    found = [text_syntax_problem(text) for text in texts]
    write_entry(kept_at, found)
    return found


def _snippet(doc: Document, where: KeyPath, item: dict[str, Any], category: str, origin: str) -> Snippet:
    """A snippet from its typed values, which passed every check."""
    pos = doc.pos(where)
    return Snippet(
        id=item["id"],
        category=category,
        text=item["text"],
        tags=tuple(item.get("tags") or ()),
        doc_types=tuple(item.get("doc_types") or DOC_TYPES),
        levels=tuple(item.get("levels") or LEVELS),
        valid_from=item.get("valid_from"),
        valid_to=item.get("valid_to"),
        source=item.get("source") or "",
        path=doc.path,
        line=pos.line,
        col=pos.col,
        origin=origin,
    )


# ---------------------------------------------------------------------------------------------
# Currency: is a phrase right for a document of this date and level?


def level_tier(level: str | None) -> str | None:
    """The library level (LEVELS) of a level name; None when it cannot tell."""
    return tier_of(None if level is None else str(level))


def document_level(org_level: str | None) -> str | None:
    """The library level of a document whose facts say ``org.level: …``: facts files speak for a
    county-level committee (县, 区, 旗, and 市 for a county-level city)."""
    own = OWN_LEVELS.get(str(org_level)) if org_level is not None else None
    return own.tier if own is not None else level_tier(org_level)


def currency_warnings(snippet: Snippet, date: dt.date | None, level: str | None) -> list[str]:
    """Why a snippet may be wrong in a document of this date and level (empty when it is fine).

    ``level`` is a library level (LEVELS, or 区/旗/州… for them); dates outside the snippet's
    validity window and levels it is not written for each give one Chinese sentence naming the snippet.
    """
    warnings = []
    name = f"片段“{snippet.id}”"
    if date is not None and snippet.valid_to is not None and date > snippet.valid_to:
        warnings.append(
            f"{name}的有效期到{cn_date(snippet.valid_to)}为止，本文成文日期是{cn_date(date)}，"
            "表述可能已经过时，请核对或改用现行表述"
        )
    if date is not None and snippet.valid_from is not None and date < snippet.valid_from:
        warnings.append(
            f"{name}自{cn_date(snippet.valid_from)}起才适用，本文成文日期是{cn_date(date)}，请核对"
        )
    tier = level_tier(level)
    if tier is not None and tier not in snippet.levels:
        warnings.append(
            f"{name}是为{levels_shown(snippet.levels)}文件写的，本文是{tier}级文件，请核对称谓和口径"
        )
    return warnings


def levels_shown(levels: Iterable[str]) -> str:
    """A phrase's levels as a user recognises their own: 县 → “县级（县、区、县级市、旗）”, so that a
    district or a banner sees that a phrase written for 县 is theirs too."""
    shown = []
    for tier in levels:
        members = tier_members(tier)
        shown.append(f"{tier}级（{'、'.join(members)}）" if members else tier)
    return "、".join(shown)


def describe(snippet: Snippet, variables: Iterable[str] = ()) -> str:
    """Everything about one snippet, for ``drafter snippets show``."""
    lines = [
        f"编号：{snippet.id}",
        f"分类：{snippet.category}",
        f"文字：{snippet.text}",
        f"标签：{'、'.join(snippet.tags) or '（无）'}",
        f"文种：{'、'.join(snippet.doc_types)}",
        f"层级：{levels_shown(snippet.levels)}",
        f"有效期：{snippet.validity}",
    ]
    used = list(variables)
    if used:
        lines.append("变量：" + "、".join(f"{v}（{VARIABLES[v]}）" if v in VARIABLES else v for v in used))
    if snippet.source:
        lines.append(f"来源：{snippet.source}")
    lines.append(f"位置：{snippet.place}（{snippet.origin}）")
    return "\n".join(lines)
