"""Propose snippets from an existing report: the phrasing a unit already uses, ready for a person to review.

Paragraphs are split into sentences on Chinese punctuation; heading labels (一、 （一） 1. 一是) go;
dates and numbers become placeholders ({{ date1 }}, {{ n1 }}) so that a proposal is reusable; sentences
the library already says, and sentences that repeat each other, are dropped. The result is a snippet file
with Chinese comments that loads as it is, once a person has checked ids and categories.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import FactsError, Issue
from ..core.headings import without_leading_label
from ..core.output import write_new_file
from ..docx.drafts import read_draft
from .library import Library
from .search import containment, plain, similarity

_SENTENCE_END = re.compile(r"(?<=[。；！？：])")
_VALUE = re.compile(
    r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日)|(?P<year>\d{4}(?=年))|(?P<n>\d+(?:\.\d+)?)"
)

MIN_CHARS, MAX_CHARS = 8, 160
LIBRARY_SIMILAR = 0.6  # Dice at or above this: the library already has this phrasing
LIBRARY_COVERED = 0.8  # or one library snippet says this much of the sentence
REPEATED = 0.8  # Dice between two proposals at or above this: keep the first

# First matching rule wins; a guess that a person confirms, never a classification to rely on.
_CATEGORY_RULES = (
    ("下一步", re.compile(r"^(持续|进一步|下一步)")),
    ("指导思想开头", re.compile(r"习近平新时代中国特色社会主义思想|全会精神|重要论述")),
    ("整改", re.compile(r"整改|销号|清单")),
    ("问题定性", re.compile(r"不够|不到位|不实|短板|差距|薄弱|不规范|不严格|仍有|依然存在")),
    ("监督重点", re.compile(r"聚焦|监督重点|重点检查|紧盯")),
    ("政治站位", re.compile(r"政治站位|两个维护|政治巡察定位|政治任务")),
    ("方针原则", re.compile(r"贯通|联动|格局|方针|原则")),
    ("意见建议", re.compile(r"^(建议|加强|压紧|压实|健全|完善|严格|坚持)")),
)
_DEFAULT_CATEGORY = "过渡语"


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed snippet: its text with placeholders, what they stood for, and where it came from."""

    text: str
    values: tuple[tuple[str, str], ...]
    category: str
    paragraph: int
    original: str


@dataclass(frozen=True, slots=True)
class Harvest:
    """The proposals from one report and how many sentences were left out, and why."""

    source: Path
    proposals: tuple[Proposal, ...]
    in_library: int
    repeated: int


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, without heading labels and without the closing punctuation."""
    found = []
    for piece in _SENTENCE_END.split(paragraph.replace("\n", "")):
        text = without_leading_label(piece.strip()).strip()
        text = text.rstrip("。；！？：，、 ")
        if text:
            found.append(text)
    return found


def with_placeholders(sentence: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Dates, years and numbers replaced by {{ date1 }}, {{ year }}, {{ n1 }}; the values they stood for.

    The same value twice gets the same placeholder.
    """
    values: dict[str, str] = {}

    def replace(m: re.Match[str]) -> str:
        kind = m.lastgroup or "n"
        same_kind = [name for name in values if name.rstrip("0123456789") == kind]
        name = next((n for n in same_kind if values[n] == m[0]), None)
        if name is None:
            name = kind if kind == "year" and not same_kind else f"{kind}{len(same_kind) + 1}"
            values[name] = m[0]
        return f"{{{{ {name} }}}}"

    return _VALUE.sub(replace, sentence), tuple(values.items())


def guess_category(text: str) -> str:
    """The likeliest library category of a sentence (a guess for the reviewer)."""
    for category, pattern in _CATEGORY_RULES:
        if pattern.search(text):
            return category
    return _DEFAULT_CATEGORY


def harvest(path: Path, library: Library) -> Harvest:
    """Propose snippets from a report, leaving out what the library says and what repeats."""
    known = [s.text for s in library.snippets.values()]
    proposals: list[Proposal] = []
    in_library = repeated = 0
    if path.suffix.lower() not in (".docx", ".txt"):
        raise FactsError([Issue.whole(path, "只能从 .docx 或 .txt 文件提取片段")])
    # The same reader and paragraph numbers as drafter check, so a proposal's “第N段” matches a finding's.
    for found in read_draft(path):
        number, paragraph = found.number, found.text
        for sentence in sentences(paragraph):
            if "{" in sentence or "}" in sentence:
                continue  # literal braces would read as Jinja
            text, values = with_placeholders(sentence)
            if not MIN_CHARS <= len(plain(text)) <= MAX_CHARS:
                continue  # a bare date or a fragment is no phrase; a whole page is not one either
            if any(_says_the_same(text, phrase) for phrase in known):
                in_library += 1
            elif any(similarity(text, p.text) >= REPEATED for p in proposals):
                repeated += 1
            else:
                proposals.append(Proposal(text, values, guess_category(text), number, sentence))
    return Harvest(path, tuple(proposals), in_library, repeated)


def _says_the_same(text: str, phrase: str) -> bool:
    return similarity(text, phrase) >= LIBRARY_SIMILAR or containment(text, phrase) >= LIBRARY_COVERED


def harvest_yaml(result: Harvest) -> str:
    """The proposals as a snippet file with Chinese review notes."""
    name = result.source.name
    lines = [
        f"# 从《{name}》提取的候选片段，共 {len(result.proposals)} 条（drafter snippets harvest 生成）。",
        f"# 已略去与片段库相同或相近的句子 {result.in_library} 条、彼此重复的句子 {result.repeated} 条。",
        "# 请逐条审阅后再使用：",
        "#   1. 删去不需要的条目；",
        "#   2. 把 id 改成有意义的英文编号（小写字母、数字、-），引用时用它；",
        "#   3. {{ n1 }}、{{ date1 }}、{{ year }} 是原文中的数字和日期，改成变量名，或改回固定文字；",
        "#   4. 核对分类（category 是推测的）、文种 doc_types、层级 levels，"
        "需要时写上 valid_from / valid_to；",
        "#   5. 把文件放进本单位的片段文件夹（drafter.yaml 的 snippets: 或 --snippets 指定）。",
        "snippets:",
    ]
    # Ids carry a short tag of the report's name, so two harvested files can sit in one folder.
    tag = zlib.crc32(name.encode("utf-8")) & 0xFFFF
    for index, proposal in enumerate(result.proposals, start=1):
        lines.append(f"  # 第{proposal.paragraph}段原文：{proposal.original}")
        if proposal.values:
            shown = "，".join(f"{key} = {value}" for key, value in proposal.values)
            lines.append(f"  # 占位符：{shown}")
        lines += [
            f"  - id: harvest-{tag:04x}-{index:03d}",
            f"    category: {proposal.category}  # 推测的分类，请核对",
            f"    text: {_quoted(proposal.text)}",
            "    tags: [待审]",
            f"    source: {_quoted(f'摘自《{name}》第{proposal.paragraph}段')}",
            "",
        ]
    if not result.proposals:
        lines[-1] = "snippets: []"
    return "\n".join(lines).rstrip("\n") + "\n"


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar; ensure_ascii=False keeps the Chinese readable.
    return json.dumps(text, ensure_ascii=False)


def write_harvest(result: Harvest, target: Path, *, force: bool = False) -> Path:
    """Write the proposals file; never replaces an existing file unless forced."""
    write_new_file(target, harvest_yaml(result).encode("utf-8"), force=force)
    return target


def default_target(report: Path) -> Path:
    """Where proposals go by default: beside the report, “<name>-候选片段.yaml”."""
    return report.with_name(f"{report.stem}-候选片段.yaml")
