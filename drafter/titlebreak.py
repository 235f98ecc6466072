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
from functools import lru_cache

# Words that occur in titles of 巡察 and other party documents; a break never falls inside one.
TITLE_WORDS = (
    "中共", "中国共产党", "县委", "市委", "区委", "州委", "旗委", "盟委", "省委", "党委", "党组", "党支部",
    "党总支", "委员会", "领导小组", "领导班子", "办公室", "巡察办", "巡察组", "巡察", "巡视", "工作", "情况",
    "报告", "反馈", "意见", "整改", "进展", "关于", "年度", "常规", "专项", "回头看", "机动", "提级",
    "人民政府", "人民医院", "人民法院", "人民检察院", "政府", "教育", "卫生", "健康", "医疗", "粮食",
    "发展", "改革", "财政", "纪委", "监委", "组织部", "宣传部", "统战部", "政法委", "乡镇", "街道", "社区",
    "村", "县直", "单位", "部门", "公司", "集团", "有限", "责任", "通报", "公开", "方案", "计划", "总结",
    "打算", "开展", "第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九", "第十",
)

_CLOSING = set("，。、；：！？》”’）〕】」』")
_OPENING = set("《“‘（〔【「『")
# Joints where a reader expects a title to turn.
_BEFORE_CHEAP = ("关于", "开展")
# An organization's form belongs to its name: 县人民医院党委, not 县人民医院 | 党委.
_ORG_SUFFIXES = ("党委", "党组", "党支部", "党总支", "委员会", "领导班子")
_AFTER_CHEAP = ("、", "》", "”", "）")
# A line that ends with these leaves the reader hanging.
_NEVER_LAST = ("关于", "的", "对", "在", "和", "与", "及")
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
    words = sorted(set(TITLE_WORDS), key=len, reverse=True)
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
        m = re.match(r"[0-9A-Za-z.]+", title[i:])
        if m:
            j = i + m.end()
            unit = next((w for w in words if w[0] in _UNIT_CHARS and title.startswith(w, j)), "")
            if unit:
                j += len(unit)
            elif j < n and title[j] in _UNIT_CHARS:
                j += 1
            atoms.append(title[i:j])
            i = j
            continue
        word = next((w for w in words if title.startswith(w, i)), ch)
        atoms.append(word)
        i += len(word)
    # Closing punctuation sticks to what precedes it, opening punctuation to what follows.
    merged: list[str] = []
    for atom in atoms:
        if merged and atom[0] in _CLOSING:
            merged[-1] += atom
        elif merged and merged[-1][-1] in _OPENING:
            merged[-1] += atom
        else:
            merged.append(atom)
    return merged


def _break_cost(left: str, right: str, known: set[str]) -> float:
    """Cost of ending a line after atom ``left`` and starting the next with ``right``."""
    if left in _NEVER_LAST:
        return 30
    if right in _ORG_SUFFIXES:
        return 20
    if right.startswith(_BEFORE_CHEAP):
        return 0
    if left.endswith(_AFTER_CHEAP):
        return 1
    if right == "的" or left == "的":
        return 8
    if left in known and (right in known or len(right) > 1):
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
    known = set(TITLE_WORDS)
    widths = [text_width(a) for a in atoms]
    total = sum(widths)
    fewest = max(2, math.ceil(total / max_chars))
    best: tuple[float, tuple[str, ...]] | None = None
    for extra, lines in enumerate((fewest, fewest + 1)):
        found = _best_split(atoms, widths, known, lines, max_chars, shape)
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
    known: set[str],
    lines: int,
    max_chars: float,
    shape: str,
) -> tuple[float, tuple[str, ...]] | None:
    """The cheapest way to cut the atoms into ``lines`` lines; titles are short, so try every cut."""
    n = len(atoms)
    ideal = sum(widths) / lines
    prefix = list(itertools.accumulate(widths, initial=0.0))
    best: tuple[float, tuple[str, ...]] | None = None
    for cuts in itertools.combinations(range(1, n), lines - 1):
        bounds = (0, *cuts, n)
        line_widths = [prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:])]
        if max(line_widths) > max_chars or min(line_widths) < 3:
            continue
        cost = sum((w - ideal) ** 2 / 6 for w in line_widths)
        cost += sum(_break_cost(atoms[c - 1], atoms[c], known) for c in cuts)
        for a, b in zip(line_widths, line_widths[1:]):
            if (a > b) if shape == "pyramid" else (a < b):
                cost += 10
            if a == b:
                cost += 1  # equal lines make the rectangle that 7.3.1 asks to avoid
        if best is None or cost < best[0]:
            text = tuple("".join(atoms[a:b]) for a, b in zip(bounds, bounds[1:]))
            best = (cost, text)
    return best


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
