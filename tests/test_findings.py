"""How findings are shown: grouped by file, sorted by place, colour only when asked for."""

from drafter.check.findings import FileReport, Finding, failed, format_text


def report():
    return FileReport(
        "报告.txt",
        "txt",
        [
            Finding("L12", "warning", "没有写明时限"),
            Finding("L8", "warning", "标点重复", paragraph=3, col=9, excerpt="…问题，，整改…"),
            Finding(
                "L4", "error", "“习总书记”：称谓不规范", paragraph=3, col=2, suggestion="改为“习近平总书记”"
            ),
            Finding("L1", "error", "层级错误", paragraph=1, col=20),
        ],
    )


def test_findings_are_grouped_by_file_and_sorted_by_place():
    lines = format_text([report(), FileReport("干净.txt", "txt")]).splitlines()
    assert lines == [
        "报告.txt:第1段: 错误 L1 层级错误",
        "报告.txt:第3段: 错误 L4 “习总书记”：称谓不规范（建议：改为“习近平总书记”）",
        "报告.txt:第3段「…问题，，整改…」: 警告 L8 标点重复",
        "报告.txt:全文: 警告 L12 没有写明时限",
        "干净.txt: 未发现问题",
        "共检查 2 个文件：错误 2 处，警告 2 处，提示 0 处。",
    ]


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
