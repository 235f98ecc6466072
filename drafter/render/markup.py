"""The format-neutral document model, and the line markup that templates write to produce it.

Markup (one construct per line; blank lines separate paragraphs):

    @title 中共清河县委关于2026年度巡察工作情况的报告     the title (broken into lines by the writer)
    @to 中共临江市委                                     主送机关 (a final ：is added)
    # 提高政治站位，强化组织领导                          level-1 heading, numbered 一、
    ## 加强组织领导。县委常委会……                         level-2 run-in heading: the part up to the
                                                          first 。 is the heading, the rest its body
    ### …   #### …                                       levels 3 and 4: 1.  （1）
    Any other text                                        a body paragraph; consecutive lines join
    @attachment 2026年度巡察工作统计表                    附件说明, one line per attachment
    @signature 中共清河县委                                署名
    @date 2026年12月25日                                   成文日期

Headings are numbered here, so leaving one out renumbers the rest. A line that must begin with a
literal # or @ is written \\# or \\@.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..core.errors import TemplateError
from ..core.headings import label_for, starts_with_label


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph."""

    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of level 1–4; with ``body`` it is run-in (heading and text in one paragraph)."""

    level: int
    text: str
    body: str | None = None
    label: str = ""

    @property
    def run_in(self) -> bool:
        """Whether the heading shares its paragraph with body text."""
        return self.body is not None


Block = Paragraph | Heading


@dataclass(frozen=True, slots=True)
class DocumentModel:
    """A whole document: what the writer needs, nothing about how it looks."""

    title: str
    addressee: str | None
    blocks: tuple[Block, ...]
    attachments: tuple[str, ...] = ()
    signature: str | None = None
    date: str | None = None


_HEADING_RE = re.compile(r"(#{1,4})\s+(.*)")
_DIRECTIVE_RE = re.compile(r"@([a-z]+)\s*(.*)")
_DIRECTIVES = ("title", "to", "attachment", "signature", "date")
_ESCAPED_RE = re.compile(r"\\([#@\\])")


def parse_markup(text: str, source: str = "模板") -> DocumentModel:
    """Parse rendered markup into a numbered DocumentModel; a TemplateError names the line."""
    fields: dict[str, str] = {}
    attachments: list[str] = []
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            blocks.append(Paragraph(_join_lines(pending)))
            pending.clear()

    def fail(number: int, message: str) -> TemplateError:
        return TemplateError(f"{source} 渲染结果第{number}行：{message}")

    # Only \n ends a line: facts may carry other line separators, and they are text.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING_RE.fullmatch(line)
        directive = _DIRECTIVE_RE.fullmatch(line) if line.startswith("@") else None
        if heading:
            flush()
            blocks.append(_heading(len(heading[1]), heading[2].strip(), number, fail))
        elif line.startswith("#"):
            raise fail(number, f"标题标记后要有空格，且最多四级：“{line[:20]}”")
        elif directive:
            flush()
            _directive(directive, number, fields, attachments, fail)
        else:
            pending.append(_unescape(line))
    flush()
    if "title" not in fields:
        msg = f"{source}：渲染结果里没有“@title”标题行"
        raise TemplateError(msg)
    addressee = fields.get("to")
    if addressee and not addressee.endswith(("：", ":")):
        addressee += "："
    return DocumentModel(
        title=fields["title"],
        addressee=addressee,
        blocks=number_headings(blocks),
        attachments=tuple(attachments),
        signature=fields.get("signature"),
        date=fields.get("date"),
    )


def _directive(
    directive: re.Match[str],
    number: int,
    fields: dict[str, str],
    attachments: list[str],
    fail: Callable[[int, str], TemplateError],
) -> None:
    """Keep an ``@name value`` line: ``@attachment`` may come again and again, the others once."""
    name, value = directive[1], _unescape(directive[2].strip())
    if name not in _DIRECTIVES:
        raise fail(number, f"未知的指令“@{name}”，可用：{'、'.join('@' + d for d in _DIRECTIVES)}")
    if not value:
        raise fail(number, f"“@{name}”后面没有内容")
    if name == "attachment":
        attachments.append(value)
    elif name in fields:
        raise fail(number, f"“@{name}”只能出现一次")
    else:
        fields[name] = value


def _heading(level: int, text: str, number: int, fail: Callable[[int, str], TemplateError]) -> Heading:
    text = _unescape(text)
    if not text:
        raise fail(number, "标题没有文字")
    if starts_with_label(text):
        raise fail(number, f"标题不要自己写序号，drafter 会自动编号：“{text[:20]}”")
    end = _first_full_stop(text)
    if end > 0:
        return Heading(level, text[: end + 1], text[end + 1 :].strip())
    return Heading(level, text)


_OPENERS = {"“": "”", "《": "》", "（": "）", "‘": "’", "(": ")"}


def _first_full_stop(text: str) -> int:
    """Index of the first 。 outside quotes and brackets (“深化。巡察” is part of a heading), or -1."""
    closing: list[str] = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            closing.append(_OPENERS[ch])
        elif closing and ch == closing[-1]:
            closing.pop()
        elif ch == "。" and not closing:
            return i
    return -1


def number_headings(blocks: list[Block] | tuple[Block, ...]) -> tuple[Block, ...]:
    """Give every heading its label; deeper counters restart under each higher heading.

    一、 → （一） → 1. → （1）, as GB/T 9704 7.3.3 orders them.
    """
    counters = [0, 0, 0, 0]
    numbered: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            index = block.level - 1
            counters[index] += 1
            for deeper in range(index + 1, 4):
                counters[deeper] = 0
            block = replace(block, label=label_for(block.level, counters[index]))
        numbered.append(block)
    return tuple(numbered)


def _join_lines(lines: list[str]) -> str:
    """Join wrapped source lines: nothing between CJK text, one space between Latin words."""
    text = lines[0]
    for line in lines[1:]:
        if text[-1:].isascii() and text[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum():
            text += " "
        text += line
    return text


def _unescape(text: str) -> str:
    return _ESCAPED_RE.sub(r"\1", text)
