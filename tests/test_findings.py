"""How findings are shown: by file, errors first, repeated findings of a rule in one paragraph on one
line, a summary by rule, colour only when asked for; JSON keeps every finding."""

import json

from drafter.check.findings import FileReport, Finding, failed, format_json, format_text


def report():
    return FileReport(
        "报告.txt",
        "txt",
        [
            Finding("L12", "warning", "没有写明时限", rule="feedback-report-deadline"),
            Finding(
                "L8",
                "warning",
                "标点重复",
                rule="doubled-punctuation",
                paragraph=3,
                col=9,
                excerpt="…问题，，整改…",
            ),
            Finding(
                "L4",
                "error",
                "“习总书记”：称谓不规范",
                rule="xi-general-secretary",
                paragraph=3,
                col=2,
                suggestion="改为“习近平总书记”",
            ),
            Finding("L1", "error", "层级错误", rule="sibling-level-committee", paragraph=1, col=20),
        ],
    )


def test_errors_come_first_then_warnings_each_in_document_order():
    lines = format_text([report(), FileReport("干净.txt", "txt")]).splitlines()
    assert lines == [
        "报告.txt:第1段: 错误 L1 层级错误",
        "报告.txt:第3段: 错误 L4 “习总书记”：称谓不规范（建议：改为“习近平总书记”）",
        "报告.txt:第3段「…问题，，整改…」: 警告 L8 标点重复",
        "报告.txt:全文: 警告 L12 没有写明时限",
        "干净.txt: 未发现问题",
        "按规则统计：",
        "  错误 L1 sibling-level-committee：1 处",
        "  错误 L4 xi-general-secretary：1 处",
        "  警告 L8 doubled-punctuation：1 处",
        "  警告 L12 feedback-report-deadline：1 处",
        "共检查 2 个文件：错误 2 处，警告 2 处，提示 0 处。",
    ]


def pasted_paragraph():
    """Thirty half-width commas pasted into paragraph 7, and one wrong organ in paragraph 9."""
    commas = [
        Finding(
            "L8",
            "warning",
            "“,”：中文之间用了半角标点",
            rule="halfwidth-punctuation",
            paragraph=7,
            col=col,
            excerpt=f"…第{col}字,…",
            suggestion="改为“，”",
        )
        for col in range(12, 12 + 30 * 7, 7)
    ]
    organ = Finding(
        "L1",
        "error",
        "“县纪委监委”：层级错误",
        rule="sibling-level-committee",
        paragraph=9,
        col=5,
        suggestion="改为“区纪委监委”",
    )
    return FileReport("初稿.txt", "txt", [*commas, organ])


def test_thirty_commas_in_one_paragraph_are_one_line_and_the_real_error_comes_first():
    lines = format_text([pasted_paragraph()]).splitlines()
    assert lines[0] == "初稿.txt:第9段: 错误 L1 “县纪委监委”：层级错误（建议：改为“区纪委监委”）"
    assert lines[1] == (
        "初稿.txt:第7段「…第12字,…」: 警告 L8 “,”：中文之间用了半角标点（建议：改为“，”）"
        "——本段同类共 30 处，见第12字、第19字、第26字等"
    )
    assert lines[2:] == [
        "按规则统计：",
        "  错误 L1 sibling-level-committee：1 处",
        "  警告 L8 halfwidth-punctuation：30 处",
        "共检查 1 个文件：错误 1 处，警告 30 处，提示 0 处。",
    ]


def test_json_keeps_every_finding_of_a_group():
    payload = json.loads(format_json([pasted_paragraph()]))
    assert len(payload["files"][0]["findings"]) == 31
    assert payload["summary"] == {"error": 1, "warning": 30, "info": 0}


def test_colour_only_when_asked_for():
    assert "\033[" not in format_text([report()])
    coloured = format_text([report()], color=True)
    assert "\033[31m错误\033[0m" in coloured and "\033[33m警告\033[0m" in coloured


def test_facts_positions_come_before_paragraphs():
    found = FileReport(
        "f.yaml",
        "facts",
        [Finding("L4", "error", "b", paragraph=2), Finding("F1", "error", "a", line=9, col=3)],
    )
    assert [f.place for f in found.sorted_findings()] == ["9:3", "第2段"]


def test_strict_makes_warnings_fail():
    warned = [FileReport("a.txt", "txt", [Finding("L8", "warning", "m", paragraph=1)])]
    assert not failed(warned)
    assert failed(warned, strict=True)
