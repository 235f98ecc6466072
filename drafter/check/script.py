"""Language and script of a paragraph (L9): traditional characters and foreign-language text.

Traditional characters are found with drafter's own character table (rules/t2s.txt). The language
comes from langdetect, restricted to the three profiles this field needs (zh-cn, zh-tw, en): with all
55 profiles loaded it reads short Chinese as Korean and takes ~0.6 s to load, restricted it loads in a
few milliseconds. langdetect is imported here, lazily, and only ``drafter check`` calls this module.
Its sampling is random, so the seed is fixed: the same text always gets the same answer.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path
from typing import Any

from ..core.errors import TableError
from ..docx.drafts import DraftParagraph
from .findings import Finding
from .registry import FOREIGN, TRADITIONAL
from .text_rules import excerpt

T2S_TABLE = Path(__file__).resolve().parent / "rules" / "t2s.txt"
PROFILES = ("zh-cn", "zh-tw", "en")
SEED = 0

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Too little text and langdetect guesses; an English paragraph is flagged only when it is long enough.
MIN_FOREIGN_LETTERS = 20



@functools.lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional character → simplified character."""
    table: dict[str, str] = {}
    text = T2S_TABLE.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        for pair in line.split("#", 1)[0].split():
            if len(pair) != 2 or pair[0] == pair[1]:
                msg = f"{T2S_TABLE.name}:{number}: “{pair}”应为两个不同的字（繁体在前，简体在后）"
                raise TableError(msg)
            table[pair[0]] = pair[1]
    return table


def traditional_chars(text: str) -> list[tuple[int, str, str]]:
    """(index, traditional character, simplified character) for every traditional character."""
    table = t2s_table()
    return [(i, ch, table[ch]) for i, ch in enumerate(text) if ch in table]


def to_simplified(text: str) -> str:
    """The text with every traditional character of the table replaced."""
    table = t2s_table()
    return "".join(table.get(ch, ch) for ch in text)


@functools.lru_cache(maxsize=1)
def _factory() -> Any:
    from langdetect.detector_factory import DetectorFactory

    spec = importlib.util.find_spec("langdetect")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent / "profiles"
    factory = DetectorFactory()
    factory.load_json_profile([(folder / name).read_text(encoding="utf-8") for name in PROFILES])
    factory.set_seed(SEED)
    return factory


def language(text: str) -> str | None:
    """zh-cn, zh-tw or en as langdetect reads the text; None when it has no letters at all."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text)
    try:
        return str(detector.detect())
    except LangDetectException:
        return None


def classify(text: str) -> str | None:
    """The script of a segment: "zh-cn" (simplified), "zh-tw" (traditional) or "en"; None if no letters.

    langdetect decides the language; the character table decides the script, because a text that has
    no character of the table reads the same in both scripts and needs no change.
    """
    if not _CJK.search(text) and not _LATIN.search(text):
        return None
    found = language(text)
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    # langdetect counts n-grams, and a Latin word gives it several where a Chinese character gives
    # one: "请用WPS打开docx文件" reads as English. A text is English only if its letters outnumber
    # its Chinese characters as well.
    if (found == "en" and latin >= cjk) or (found is None and not cjk):
        return "en"
    return "zh-tw" if traditional_chars(text) else "zh-cn"


def script_findings(
    paragraphs: list[DraftParagraph], *, traditional: bool = True, foreign: bool = True
) -> list[Finding]:
    """L9: traditional characters (each paragraph once, listing them) and paragraphs in English.

    Either check can be left out (a rule file's ``disable:``); without ``foreign`` langdetect is not used.
    """
    findings = []
    for paragraph in paragraphs:
        text = paragraph.text
        found = traditional_chars(text) if traditional else []
        if found:
            pairs = "、".join(dict.fromkeys(f"{t}→{s}" for _, t, s in found))
            first, last = found[0][0], found[-1][0] + 1
            findings.append(
                TRADITIONAL.finding(
                    f"含繁体字{len(found)}个（可能是从网页复制的）",
                    paragraph=paragraph.number,
                    col=first + 1,
                    excerpt=excerpt(text, first, min(last, first + 12)),
                    suggestion=f"改为简体：{pairs}",
                )
            )
        if foreign and len(_LATIN.findall(text)) >= MIN_FOREIGN_LETTERS and classify(text) == "en":
            findings.append(
                FOREIGN.finding(
                    "这一段是外文（英文），公文正文应使用中文",
                    paragraph=paragraph.number,
                    col=1,
                    excerpt=excerpt(text, 0, 12),
                )
            )
    return findings
