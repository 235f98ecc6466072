"""Break a document title into lines of at most N characters (GB/T 9704 7.3.1: 词意完整，排列对称).

Never inside a word of the title vocabulary, a 《》 name, a number and its unit, or a run of Latin
letters; no line starts with closing punctuation or ends with opening punctuation. Among the allowed
splits the cheapest wins: breaks at natural joints (before 关于, after 、 or 》, after 和/及) are cheap,
lines of similar length are preferred, and the configured shape (上短下长 or 上长下短) decides ties.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import cache, lru_cache

from ..core.levels import OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS

LEVEL_TABLES = (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS)

# Words that occur in titles of 巡察 and other party documents; a break never falls inside one. The
# committees of every level (县委 … 盟委, 自治区党委) come from the one table of levels.
TITLE_WORDS = (
    "中共",
    "中国共产党",
    *sorted({level.committee for table in LEVEL_TABLES for level in table.values()}),
    "党委",
    "党组",
    "党支部",
    "党总支",
    "委员会",
    "领导小组",
    "领导班子",
    "办公室",
    "巡察办",
    "巡察组",
    "巡察",
    "巡视",
    "工作",
    "情况",
    "报告",
    "反馈",
    "意见",
    "整改",
    "进展",
    "关于",
    # 关于 + the verb whose object follows: the line may break before it, never after it.
    "关于巡察",
    "年度",
    "常规",
    "专项",
    "回头看",
    "机动",
    "提级",
    "人民政府",
    "人民医院",
    "人民法院",
    "人民检察院",
    "政府",
    "教育",
    "卫生",
    "健康",
    "医疗",
    "粮食",
    "发展",
    "改革",
    "财政",
    "纪委",
    "监委",
    "组织部",
    "宣传部",
    "统战部",
    "政法委",
    "乡镇",
    "街道",
    "社区",
    "村",
    "县直",
    "单位",
    "部门",
    "公司",
    "集团",
    "有限",
    "有限公司",
    "有限责任公司",
    "股份有限公司",
    "责任",
    "通报",
    "公开",
    "方案",
    "计划",
    "总结",
    "打算",
    "开展",
    "关于对",
    "巡察工作领导小组",
    "领导小组办公室",
    "巡察工作领导小组办公室",
    "工作总结",
    "工作打算",
    "工作要点",
    "工作情况",
    "反馈意见",
    "整改情况",
    "进展情况",
)

# Longer titles are not a title any more; they are wrapped, not balanced.
MAX_BALANCED_LINES = 4

_TITLE_WORD_SET = set(TITLE_WORDS)
# Longest first, so segmentation takes 巡察工作领导小组办公室 before 巡察.
_WORDS_LONGEST_FIRST = sorted(_TITLE_WORD_SET, key=len, reverse=True)
_CLOSING = set("，。、；：！？》”’）〕】」』")
_OPENING = set("《“‘（〔【「『")
# Joints where a reader expects a title to turn.
_BEFORE_CHEAP = ("关于", "开展")
# An organization's form belongs to its name: 县人民医院党委, not 县人民医院 | 党委.
_ORG_SUFFIXES = ("党委", "党组", "党支部", "党总支", "委员会", "领导班子")
_AFTER_CHEAP = ("、", "》", "”", "）")
# An ordinal with what it counts: 第二巡察组, 第三轮, 十五届.
_ORDINAL_RE = re.compile(
    r"第?[一二三四五六七八九十百零]+(?:巡察组|巡视组|轮|届|次|组|批|期|季度)|第[一二三四五六七八九十百零]+"
)
# A line that ends with these leaves the reader hanging: a preposition, or a verb without its object
# (“关于巡察／区住房和城乡建设局党组的反馈意见” splits 巡察 from what was inspected).
_NEVER_LAST = ("关于", "关于对", "关于巡察", "开展", "的", "对", "在", "和", "与", "及")
# A name's last character alone on the next line (县财政／局党组, 河口镇柳林／村党总支) breaks the name.
_NAME_END_CHARS = set("局委办院厅处所站队部会社馆室司村镇乡")
# A place word before a known word is part of one name: 县人民医院, 镇人民政府.
_PLACE_PREFIXES = set("县市区镇乡村州旗")
_UNIT_CHARS = set("年月日号个次届轮项件人名条万亿%")


def text_width(text: str) -> float:
    """Width in full-width character cells: half-width digits and letters are narrower.

    Half-width glyphs are about 0.5 em; add about 0.1 em of automatic spacing where they meet CJK
    (measured: a title that looked like 20 cells at 0.5 each wrapped in Word).
    """
    width = 0.0
    for ch in text:
        width += 0.6 if ord(ch) < 0x2E80 else 1.0
    return width


def _atoms(title: str) -> list[str]:
    """Split a title into pieces that must stay on one line."""
    atoms: list[str] = []
    i = 0
    n = len(title)
    while i < n:
        ch = title[i]
        if ch == "《":
            end = title.find("》", i)
            end = n - 1 if end < 0 else end
            atoms.append(title[i : end + 1])
            i = end + 1
            continue
        m = _ORDINAL_RE.match(title, i)
        if m:
            atoms.append(m[0])
            i = m.end()
            continue
        m = re.match(r"[0-9A-Za-z.]+", title[i:])
        if m:
            j = i + m.end()
            measure_words = (
                w for w in _WORDS_LONGEST_FIRST if w[0] in _UNIT_CHARS and title.startswith(w, j)
            )
            unit = next(measure_words, "")
            if unit:
                j += len(unit)
            elif j < n and title[j] in _UNIT_CHARS:
                j += 1
            atoms.append(title[i:j])
            i = j
            continue
        word = next((w for w in _WORDS_LONGEST_FIRST if title.startswith(w, i)), ch)
        atoms.append(word)
        i += len(word)
    # Closing punctuation sticks to what precedes it, opening punctuation to what follows.
    merged: list[str] = []
    for atom in atoms:
        if (
            (merged
            and merged[-1] in _PLACE_PREFIXES
            and atom in _TITLE_WORD_SET)
            or (merged
            and atom[0] in _CLOSING)
            or (merged
            and merged[-1][-1] in _OPENING)
        ):
            merged[-1] += atom
        else:
            merged.append(atom)
    return merged


def _break_cost(left: str, right: str) -> float:
    """Cost of ending a line after atom ``left`` and starting the next with ``right``."""
    if left in _NEVER_LAST:
        return 30
    if right in _ORG_SUFFIXES:
        return 20
    if (
        right[:1] in _NAME_END_CHARS
        and (len(right) == 1 or right[1:] in _TITLE_WORD_SET)
        and left not in _TITLE_WORD_SET
    ):
        return 40
    if right.startswith(_BEFORE_CHEAP):
        return 0
    if left.endswith(_AFTER_CHEAP):
        return 1
    if right in ("的", "和", "与", "及"):
        return 8
    if left in _TITLE_WORD_SET and (right in _TITLE_WORD_SET or len(right) > 1):
        return 4
    if len(left) > 1:
        return 6
    if len(right) > 1:
        return 15  # a lone character before a word is usually its prefix: 县|人民医院
    # Between two characters the vocabulary does not know: probably inside a name.
    return 40


def break_title(title: str, max_chars: float = 20, shape: str = "pyramid") -> list[str]:
    """Lines of a title; one line when it fits. ``shape`` is "pyramid" (上短下长) or "inverted"."""
    return list(_break_title(title.strip(), max_chars, shape))


@lru_cache(maxsize=256)
def _break_title(title: str, max_chars: float, shape: str) -> tuple[str, ...]:
    if text_width(title) <= max_chars:
        return (title,)
    atoms = _atoms(title)
    widths = [text_width(a) for a in atoms]
    total = sum(widths)
    fewest = max(2, math.ceil(total / max_chars))
    if fewest > MAX_BALANCED_LINES:
        return _hard_wrap(title, max_chars)
    best: tuple[float, tuple[str, ...]] | None = None
    for extra, lines in enumerate((fewest, fewest + 1)):
        found = _best_split(atoms, widths, lines, max_chars, shape)
        # One more line than needed must buy a clearly better break.
        if found and (best is None or found[0] + 15 * extra < best[0]):
            best = (found[0] + 15 * extra, found[1])
    if best is None:
        # No split satisfies every rule (e.g. one 《》 name longer than a line): cut at the width.
        return _hard_wrap(title, max_chars)
    return best[1]


def _best_split(
    atoms: list[str],
    widths: list[float],
    lines: int,
    max_chars: float,
    shape: str,
) -> tuple[float, tuple[str, ...]] | None:
    """The cheapest way to cut the atoms into ``lines`` lines (dynamic programming over cut points)."""
    n = len(atoms)
    ideal = sum(widths) / lines
    prefix = list(itertools.accumulate(widths, initial=0.0))

    def pair_cost(above: float, below: float) -> float:
        cost = 10.0 if ((above > below) if shape == "pyramid" else (above < below)) else 0.0
        return cost + (1.0 if above == below else 0.0)  # equal lines make the rectangle 7.3.1 avoids

    @cache
    def best(start: int, remaining: int, above: float) -> tuple[float, tuple[int, ...]] | None:
        """Cheapest cuts for atoms[start:] in ``remaining`` lines under a line of width ``above``."""
        choice: tuple[float, tuple[int, ...]] | None = None
        ends = [n] if remaining == 1 else range(start + 1, n - remaining + 2)
        for end in ends:
            width = prefix[end] - prefix[start]
            if width > max_chars:
                break
            if width < 3:
                continue
            cost = (width - ideal) ** 2 / 6 + (pair_cost(above, width) if above else 0.0)
            if remaining > 1:
                rest = best(end, remaining - 1, width)
                if rest is None:
                    continue
                cost += _break_cost(atoms[end - 1], atoms[end]) + rest[0]
                cuts = (end, *rest[1])
            else:
                cuts = (end,)
            if choice is None or cost < choice[0]:
                choice = (cost, cuts)
        return choice

    found = best(0, lines, 0.0)
    if found is None:
        return None
    bounds = (0, *found[1])
    return found[0], tuple("".join(atoms[a:b]) for a, b in itertools.pairwise(bounds))


def _hard_wrap(title: str, max_chars: float) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    for ch in title:
        if text_width(current + ch) > max_chars:
            lines.append(current)
            current = ""
        current += ch
    lines.append(current)
    return tuple(lines)
