"""``masthead:``: the official frame of a document (GB/T 9704-2012 §7.2 版头, §7.4 版记, §7.3.7 附件).

Any facts file may carry it, whatever its template, and a drafter.yaml beside it may set a county's fixed
parts (the 发文机关标志, the 印发机关, the usual 抄送): the facts file's keys win, key by key. Without it a
document is the body alone, as before. Checked here with positioned Chinese messages, all at once —
above all the 发文字号 (7.2.5: 六角括号〔〕, the year in full, no leading zero, no 第).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..core.errors import FactsError, Issue
from ..facts.local_config import config_section, read_config
from ..facts.schema import Field, Schema
from ..facts.validation import validate
from ..facts.yamlfile import Document, KeyPath

MASTHEAD_KEY = "masthead"

_ATTACHMENT = Field(
    name="",
    type="map",
    label="附件",
    fields=(
        Field(name="title", type="text", label="附件标题", help="不加书名号，末尾不加标点"),
        Field(
            name="text",
            type="text",
            label="附件正文",
            help="可不填；空一行为一段。附件另起一页，页码接正文",
            optional=True,
        ),
    ),
)


def _names(name: str, label: str, item: str, help_text: str) -> Field:
    """A list of names (organs, people) that may be written as its one name alone."""
    item_field = Field(name="", type="text", label=item)
    return Field(
        name=name, type="list", label=label, help=help_text, optional=True, single_ok=True, item=item_field
    )


MASTHEAD_FIELD = Field(
    name=MASTHEAD_KEY,
    type="map",
    label="版头和版记",
    help="可不填；要印成正式公文（红头文件）时填写，drafter.yaml 里可写本单位固定的部分",
    optional=True,
    fields=(
        Field(
            name="copy_number", type="text", label="份号", help="如 000001；涉密公文必须标注", optional=True
        ),
        Field(
            name="secrecy",
            type="text",
            label="密级和保密期限",
            help="如 机密★1年；保密期限用阿拉伯数字",
            optional=True,
        ),
        Field(name="urgency", type="choice", label="紧急程度", choices=("特急", "加急"), optional=True),
        _names(
            "issuer",
            "发文机关",
            "发文机关",
            "发文机关标志中的机关名称（机关全称或规范化简称）；联合行文时写几个，主办机关在前",
        ),
        Field(
            name="mark_suffix",
            type="text",
            label="发文机关标志后的“文件”二字",
            help='默认“文件”；只用机关名称作标志时写 ""',
            optional=True,
            verbatim=True,
        ),
        Field(name="number", type="text", label="发文字号", help="如 清发〔2026〕5号", optional=True),
        _names("signers", "签发人", "签发人姓名", "上行文（如向上级党委报告）写签发人姓名，与发文字号同行"),
        _names("copy_to", "抄送机关", "抄送机关", "版记中的抄送机关，一项一个（或一类）机关"),
        Field(
            name="printed_by",
            type="text",
            label="印发机关",
            help="一般是发文机关的办公厅（室）",
            optional=True,
        ),
        Field(name="printed_on", type="date", label="印发日期", optional=True),
        Field(
            name="attachments",
            type="list",
            label="附件",
            help="正文后的附件：附件说明写在正文下，附件另面编排在版记之前",
            optional=True,
            item=_ATTACHMENT,
        ),
    ),
)

_SCHEMA = Schema(root=Field(name="", type="map", label="版头和版记", fields=(MASTHEAD_FIELD,)))


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment printed after the body: its title and its paragraphs."""

    title: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Masthead:
    """The frame around a document's body; every part is optional."""

    copy_number: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    issuers: tuple[str, ...] = ()
    mark_suffix: str = "文件"
    number: str | None = None
    signers: tuple[str, ...] = ()
    copy_to: tuple[str, ...] = ()
    printed_by: str | None = None
    printed_on: dt.date | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def has_head(self) -> bool:
        """Whether there is a 版头 (the red-headed top of page 1) to draw."""
        return bool(self.issuers or self.number)

    @property
    def has_imprint(self) -> bool:
        """Whether there is a 版记 (抄送, 印发) to draw at the foot of the last page."""
        return bool(self.copy_to or self.printed_by)

    @property
    def printed_line(self) -> str:
        """印发日期 as 7.4.3 writes it: Arabic figures, no padding, followed by 印发."""
        day = self.printed_on
        return f"{day.year}年{day.month}月{day.day}日印发" if day else ""


# 发文字号 (7.2.5): 机关代字, the year in 六角括号, the serial without leading zero or 第, then 号.
_NUMBER = re.compile(r"(?P<code>[^\s〔〕]+?)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号")
_WRONG_BRACKETS = re.compile(r"[\[\]【】［］()（）〖〗{}]")
_SECRECY = re.compile(r"(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?")


def number_problems(number: str) -> list[str]:
    """What is wrong with a 发文字号, in Chinese; empty when it is right."""
    if _NUMBER.fullmatch(number):
        return []
    problems = []
    if _WRONG_BRACKETS.search(number):
        problems.append("年份要用六角括号“〔〕”括起来（如 清发〔2026〕5号），不用方括号、圆括号或“【】”")
    elif "〔" not in number or "〕" not in number:
        problems.append("缺少用六角括号“〔〕”括起来的年份（如 清发〔2026〕5号）")
    elif not re.search(r"〔\d{4}〕", number):
        problems.append("年份要写全四位阿拉伯数字（如〔2026〕，不写〔26〕）")
    if "第" in number:
        problems.append("序号前不加“第”（写“5号”，不写“第5号”）")
    if re.search(r"〕第?0\d*号", number):
        problems.append("序号不编虚位（写“5号”，不写“05号”）")
    if not number.endswith("号"):
        problems.append("发文字号以“号”结尾（如 清发〔2026〕5号）")
    if not problems:
        problems.append("写法应为 机关代字〔年份〕序号号，如 清发〔2026〕5号")
    return problems


def read_masthead(doc: Document) -> tuple[dict[str, Any], list[Issue]]:
    """The validated ``masthead:`` section of a document (empty when absent), and its problems."""
    if not isinstance(doc.data, dict) or MASTHEAD_KEY not in doc.data:
        return {}, []
    only = Document(doc.path, {MASTHEAD_KEY: doc.data[MASTHEAD_KEY]}, doc.value_pos, doc.key_pos)
    try:
        values = validate(only, _SCHEMA).values.get(MASTHEAD_KEY) or {}
    except FactsError as err:
        return {}, err.issues
    return values, _problems(only, values)


def _problems(doc: Document, values: dict[str, Any]) -> list[Issue]:
    where: KeyPath = (MASTHEAD_KEY,)
    issues = []
    number = values.get("number")
    if number is not None:
        issues += [doc.issue((*where, "number"), f"发文字号“{number}”：{p}") for p in number_problems(number)]
    copy_number = values.get("copy_number")
    if copy_number is not None and not (copy_number.isdigit() and len(copy_number) <= 6):
        issues.append(
            doc.issue((*where, "copy_number"), f"份号“{copy_number}”应为不超过6位的阿拉伯数字，如 000001")
        )
    secrecy = values.get("secrecy")
    if secrecy is not None and not _SECRECY.fullmatch(secrecy):
        message = f"密级和保密期限“{secrecy}”应写成 绝密、机密或秘密，可加“★”和期限，如 机密★1年"
        issues.append(doc.issue((*where, "secrecy"), message))
    return issues


def _pairs(merged: dict[str, Any], sources: dict[str, Document]) -> list[Issue]:
    """Keys that need each other, checked once drafter.yaml and the facts file are merged."""
    issues = []
    for present, missing, message in (
        ("signers", "number", "签发人与发文字号同行，请同时填写发文字号（number）"),
        ("printed_on", "printed_by", "写了印发日期，还要写印发机关（printed_by）"),
        ("printed_by", "printed_on", "写了印发机关，还要写印发日期（printed_on）"),
    ):
        if merged.get(present) and merged.get(missing) is None:
            issues.append(sources[present].issue((MASTHEAD_KEY, present), message, at_key=True))
    return issues


def resolve_masthead(facts_doc: Document) -> tuple[Masthead | None, list[Issue]]:
    """The masthead of a facts file: its own ``masthead:`` keys over drafter.yaml's; None without either."""
    issues: list[Issue] = []
    merged: dict[str, Any] = {}
    try:
        config_doc = read_config(facts_doc.path.parent)
    except FactsError:
        config_doc = None  # reported where the format is read (docx/format_settings.py)
    sources: dict[str, Document] = {}
    section = config_section(config_doc, MASTHEAD_KEY)
    for layer in (section, facts_doc):
        if layer is None:
            continue
        values, problems = read_masthead(layer)
        merged.update(values)
        sources.update(dict.fromkeys(values, layer))
        issues += problems
    present = section is not None or (isinstance(facts_doc.data, dict) and MASTHEAD_KEY in facts_doc.data)
    issues += _pairs(merged, sources)
    if issues or not present:
        return None, issues
    return _masthead(merged), []


def _masthead(values: dict[str, Any]) -> Masthead:
    copy_number = values.get("copy_number")
    attachments = tuple(
        Attachment(item["title"], _paragraphs(item.get("text", "")))
        for item in values.get("attachments") or ()
    )
    return Masthead(
        copy_number=copy_number.zfill(6) if copy_number else None,
        secrecy=values.get("secrecy"),
        urgency=values.get("urgency"),
        issuers=tuple(values.get("issuer") or ()),
        mark_suffix=values.get("mark_suffix", "文件").strip(),
        number=values.get("number"),
        signers=tuple(values.get("signers") or ()),
        copy_to=tuple(values.get("copy_to") or ()),
        printed_by=values.get("printed_by"),
        printed_on=values.get("printed_on"),
        attachments=attachments,
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of an attachment's text: a blank line separates them, wrapped lines join."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return tuple("".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip())
