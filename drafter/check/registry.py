"""Every rule of ``drafter check`` by id: the pattern rules of the rule files and the rules written in
Python, registered here with their code, severity and a description, so that a rule file's ``disable:``
can be checked and the documentation can list every rule.

A rule written in Python makes its findings through ``PythonRule.finding``, so the code and severity a
user reads are the ones registered here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .findings import Finding


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What the documentation and ``disable:`` know of a rule."""

    id: str
    code: str
    severity: str
    description: str
    example: str = ""
    written_in: str = "python"  # or "rules" (a pattern rule of a rule file), "requirement" (L12)


@dataclass(frozen=True, slots=True)
class PythonRule:
    """A rule whose check is written in Python (numbers, dates, structure, script)."""

    id: str
    code: str
    severity: str
    description: str
    example: str = ""

    def finding(
        self,
        message: str,
        *,
        line: int | None = None,
        col: int | None = None,
        paragraph: int | None = None,
        excerpt: str = "",
        suggestion: str | None = None,
    ) -> Finding:
        """A finding of this rule at a place (a facts line:col, or a paragraph with its excerpt)."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            rule=self.id,
            line=line,
            col=col,
            paragraph=paragraph,
            excerpt=excerpt,
            suggestion=suggestion,
        )

    def info(self) -> RuleInfo:
        """The registry's view of this rule."""
        return RuleInfo(self.id, self.code, self.severity, self.description, self.example)


FACTS = PythonRule(
    "facts",
    "F1",
    "error",
    "事实文件不符合模板要求（缺项、类型不对、未知的键等），指出行列",
)
ORG_MISSING = PythonRule(
    "org-missing",
    "L1",
    "info",
    "没有指定本级党委层级，层级检查（L1）没有做",
    "drafter check 草稿.docx（未加 --org-level）",
)
ORG_INFERRED = PythonRule(
    "org-inferred",
    "L1",
    "info",
    "没有指定本级党委层级，按文稿的署名、标题或主送机关推断了层级（说明按哪一处推断）",
    "drafter check 区委文稿.docx（署名“中共清江区委”，未加 --org-level）",
)
COMPLETION_RATE = PythonRule(
    "completion-rate",
    "L6",
    "error",
    "整改完成率不等于已完成数÷反馈问题数",
    "反馈问题25个，已完成整改21个，整改完成率80%",
)
ROUNDS_HEARD = PythonRule(
    "rounds-heard",
    "L6",
    "error",
    "听取巡察情况汇报的轮数多于全年开展的轮数",
    "全年开展2轮巡察……听取3轮巡察情况汇报",
)
FIGURE_RESTATED = PythonRule(
    "figure-restated",
    "L6",
    "error",
    "同一个数前后两处写得不一样（发现问题、问题线索、巡察的党组织、谈话人次等，只比较同一范围：全年与全年、"
    "同一轮与同一轮）",
    "全年共发现问题186个……全年累计发现问题192个",
)
PARTS_SUM = PythonRule(
    "parts-sum",
    "L6",
    "error",
    "分项相加与总数不符：分项之和多于总数，或者列全了的分项（一句话里列出的各轮、各类巡察，“分别”“从问题类别看”）"
    "之和少于总数",
    "发现问题186个，其中……方面问题60个、……方面问题70个、……方面问题60个",
)
PARTS_SHORT = PythonRule(
    "parts-short",
    "L6",
    "warning",
    "“其中”等所列分项相加少于总数；如果只列了一部分，可以不改",
    "发现问题186个，其中……方面问题60个、……方面问题70个",
)
IMPOSSIBLE_DATE = PythonRule(
    "impossible-date",
    "L7",
    "error",
    "日期不存在",
    "2026年2月30日",
)
FUTURE_DATE = PythonRule(
    "future-date",
    "L7",
    "warning",
    "日期晚于成文日期",
    "成文日期2026年12月25日，文中写2027年1月5日",
)
REVERSED_RANGE = PythonRule(
    "reversed-range",
    "L7",
    "error",
    "起止日期颠倒：结束早于开始",
    "2026年5月10日至3月10日",
)
HEADING_FULL_STOP = PythonRule(
    "heading-full-stop",
    "L8",
    "warning",
    "单独成段的标题末尾不加句号",
    "一、主要工作开展情况。",
)
MISSING_FULL_STOP = PythonRule(
    "missing-full-stop",
    "L8",
    "warning",
    "段末缺少句号等结束标点",
    "……推动问题解决",
)
TRADITIONAL = PythonRule(
    "traditional-characters",
    "L9",
    "error",
    "含繁体字（多为从网页复制）",
    "巡察發現問題",
)
FOREIGN = PythonRule(
    "foreign-language",
    "L9",
    "warning",
    "整段是外文（英文）",
    "The inspection found ...",
)
POINT_ALONE = PythonRule(
    "point-alone",
    "L10",
    "error",
    "写了“一是”却没有“二是”（只有一点时不用编号）",
    "一是……。（同一节里没有二是）",
)
POINT_SEQUENCE = PythonRule(
    "point-sequence",
    "L10",
    "error",
    "“一是、二是……”重复或跳号",
    "一是……；三是……",
)
HEADING_SEQUENCE = PythonRule(
    "heading-sequence",
    "L11",
    "error",
    "标题序号不连续，或没有在上级标题下重新编号",
    "一、……三、……",
)
HEADING_ALONE = PythonRule(
    "heading-alone",
    "L11",
    "error",
    "标题下只有“（一）”没有“（二）”（或全文只有“一、”）：只有一项时不用编号",
    "二、意见建议……（一）……（下面没有（二））",
)
HEADING_STYLE_MIXED = PythonRule(
    "heading-style-mixed",
    "L11",
    "warning",
    "三级标题序号混用“1、”和“1.”",
    "1、加强领导……2.完善制度",
)

PYTHON_RULES: tuple[PythonRule, ...] = (
    FACTS,
    ORG_MISSING,
    ORG_INFERRED,
    COMPLETION_RATE,
    ROUNDS_HEARD,
    FIGURE_RESTATED,
    PARTS_SUM,
    PARTS_SHORT,
    IMPOSSIBLE_DATE,
    FUTURE_DATE,
    REVERSED_RANGE,
    HEADING_FULL_STOP,
    MISSING_FULL_STOP,
    TRADITIONAL,
    FOREIGN,
    POINT_ALONE,
    POINT_SEQUENCE,
    HEADING_ALONE,
    HEADING_SEQUENCE,
    HEADING_STYLE_MIXED,
)

# Rules that were split or renamed: ``disable:`` naming the old id says what it is called now.
RENAMED = {
    "unit-totals": "parts-sum、parts-short",
    "problem-totals": "figure-restated",
}


def unknown_name(name: str, known: Iterable[str]) -> str | None:
    """The message for a ``disable:`` entry that names no rule (with a "did you mean"); None if known."""
    names = sorted(set(known))
    if name in names:
        return None
    if name in RENAMED:
        return f"检查规则“{name}”已改名为“{RENAMED[name]}”，请改用新的名称（全部规则见 docs/check-rules.md）"
    hint = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    tip = f"，是否想写“{hint[0]}”？" if hint else ""
    return f"没有编号或类别为“{name}”的检查规则{tip}（全部规则见 docs/check-rules.md）"
