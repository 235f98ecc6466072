"""Wording a 巡察办 director strikes, as checks on a rendered document's paragraphs (issue 15).

Each check takes the paragraphs of one document (title and addressee first) and returns what it found,
so a test can say which shape came back, where. ``KNOWN_BAD`` holds one real example of every shape, and
a test proves each check catches its own: none of them can pass by finding nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from drafter.core.levels import OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS
from drafter.kinds.feedback import template_frameworks
from drafter.render.markup import DocumentModel

from .conftest import ROOT

COMMITTEES = sorted(
    {level.committee for table in (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS) for level in table.values()},
    key=len,
    reverse=True,
)
_COMMITTEE = "|".join(map(re.escape, COMMITTEES))


def paragraphs_of(model: DocumentModel) -> list[str]:
    """The document as a reader sees it: title, addressee, every block (a run-in heading with its body)."""
    texts = [model.title, model.addressee or ""]
    texts += [getattr(b, "label", "") + b.text + (getattr(b, "body", None) or "") for b in model.blocks]
    return [t for t in texts if t]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"[。；]", paragraph) if s]


def lone_first_point(paragraphs: Sequence[str]) -> list[str]:
    """“一是……” with no 二是: one item is not an enumeration."""
    return [p for p in paragraphs if "一是" in p and "二是" not in p]


# An enumeration's 等 before the field it lists (等领域、等问题 …); one item before it is not a list.
_ENUMERATION_END = re.compile(r"([^，。；：、（）“”]{2,20}?)等(?:领域|问题|方面|单位|行业|地区)")


def single_item_deng(paragraphs: Sequence[str]) -> list[str]:
    """“医疗卫生等领域” for the one field: 等 after a single item."""
    found = []
    for paragraph in paragraphs:
        for match in _ENUMERATION_END.finditer(paragraph):
            before = paragraph[: match.start(1)]
            # The list started after the last clause break; a 、 or 和 in it makes it a real enumeration.
            clause = before[max(before.rfind(c) for c in "，。；：") + 1 :] + match[1]
            if "、" not in clause and "和" not in clause and "”“" not in clause:
                found.append(match[0])
    return found


def double_dui(paragraphs: Sequence[str]) -> list[str]:
    """“对5个党组织的对村（社区）巡察”: 对 twice around one object."""
    return [m[0] for p in paragraphs for m in re.finditer(r"对[^，。；：]{1,30}的对", p)]


def repeated_passages(paragraphs: Sequence[str], length: int = 16) -> list[str]:
    """A passage of ``length`` characters said twice in one document: the opening's guiding-thought sentence
    repeated as the next-step lead, a stock phrase used in two sections. The names the addressee gives
    (a long unit name) may recur."""
    names = sorted(re.split(r"[、：]", paragraphs[1] if len(paragraphs) > 1 else ""), key=len, reverse=True)
    seen: Counter[str] = Counter()
    for paragraph in paragraphs[2:]:
        for name in filter(None, names):
            paragraph = paragraph.replace(name, "■")
        text = re.sub(r"[，。；：、“”（）\s]", "", paragraph)
        seen.update({text[i : i + length] for i in range(len(text) - length + 1)})
    return sorted(passage for passage, times in seen.items() if times > 1)


def consultation_twice(paragraphs: Sequence[str]) -> list[str]:
    """“会商研判” twice in one paragraph."""
    return [p[:30] for p in paragraphs if p.count("会商研判") > 1]


def confidentiality_glued(paragraphs: Sequence[str]) -> list[str]:
    """A confidentiality clause run into rectification: “严格控制知悉范围，切实拧紧整改责任链条”."""
    return [s for p in paragraphs for s in _sentences(p) if "知悉范围" in s and "整改" in s]


def we_after_committee(paragraphs: Sequence[str]) -> list[str]:
    """“我们” in a document that speaks as the committee (县委……对此，我们将……)."""
    return [p[:40] for p in paragraphs if "我们" in p]


def vague_parent_body(paragraphs: Sequence[str]) -> list[str]:
    """“市委巡察机构” where the named body belongs (市委巡察工作领导小组, 市委巡察办)."""
    return [m[0] for p in paragraphs for m in re.finditer(rf"(?:{_COMMITTEE})巡察机构", p)]


def leftovers(paragraphs: Sequence[str]) -> list[str]:
    """What no document may print: an empty value, template syntax, placeholders, doubled punctuation."""
    marks = ("None", "{{", "{%", "××", "XX", "。。", "，。", "；。", "，，", "、、", "。，")
    return [mark for p in paragraphs for mark in marks if mark in p]


def _framework_orders() -> dict[str, list[str]]:
    frameworks = template_frameworks(ROOT / "templates" / "feedback" / "frameworks.yaml")
    return {name: [c.heading for c in categories] for name, categories in frameworks.sets.items()}


def categories_out_of_order(paragraphs: Sequence[str]) -> list[str]:
    """The annual report's counts by category in the frameworks' own order (四个落实 一、二、三、四)."""
    found = []
    orders = _framework_orders()
    for paragraph in paragraphs:
        if "从问题类别看" not in paragraph:
            continue
        sentence = paragraph[paragraph.index("从问题类别看") :].split("。")[0]
        for part in sentence.split("；"):
            named = re.findall(r"([^，“”：]+?)的问题\d+个", part)
            for order in orders.values():
                ranks = [order.index(h) for h in named if h in order]
                if ranks != sorted(ranks):
                    found.append(part)
    return found


# Checks that apply to every document.
CHECKS: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "一是无二是": lone_first_point,
    "一项加等": single_item_deng,
    "双重对": double_dui,
    "同一句话说两遍": repeated_passages,
    "会商研判两次": consultation_twice,
    "保密与整改连写": confidentiality_glued,
    "我们": we_after_committee,
    "笼统的巡察机构": vague_parent_body,
    "残留": leftovers,
    "类别次序": categories_out_of_order,
}


def households_for_a_bureau(paragraphs: Sequence[str]) -> list[str]:
    """户次 counts households: a bureau's, an enterprise's or an institution's visits are not in 户次."""
    return [p[:40] for p in paragraphs if "户次" in p]


# One real example of every shape, as the issue and the seed report wrote them.
KNOWN_BAD: dict[str, list[str]] = {
    "一是无二是": ["县委巡察工作还存在一些差距和不足：一是对共性问题分析研究还不够深入。"],
    "一项加等": ["聚焦群众反映强烈的医疗卫生等领域问题开展专项巡察。"],
    "双重对": ["完成对6个党组织的常规巡察和对5个党组织的对村（社区）巡察。"],
    "同一句话说两遍": [
        "县委坚持以习近平新时代中国特色社会主义思想为指导，认真落实中央和省委、市委关于巡视巡察工作的部署要求。",
        "下一步，县委将坚持以习近平新时代中国特色社会主义思想为指导，推动巡察工作高质量发展。",
    ],
    "会商研判两次": ["与被巡察党组织会商研判，推动问题解决。采取现场督办、会商研判等方式推动解决。"],
    "保密与整改连写": ["严格遵守保密纪律，严格控制知悉范围，切实拧紧整改责任链条。"],
    "我们": ["县委巡察工作还存在一些差距和不足。对此，我们将认真研究，切实加以改进。"],
    "笼统的巡察机构": ["在市委的坚强领导和市委巡察机构的有力指导下，坚守政治巡察定位。"],
    "残留": ["全年开展None轮巡察。"],
    "类别次序": [
        "从问题类别看，“四个聚焦”中，基层党组织建设方面的问题1个，党中央决策部署在基层落实方面的问题2个。"
    ],
}
