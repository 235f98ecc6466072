"""The annual report takes its round figures from the year's round files, and they must agree."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from ruamel.yaml import YAML

from drafter.cli.main import cli

from .conftest import ANNUAL_SAMPLE, SAMPLES
from .helpers import copy_round

ROUND_FILES = [SAMPLES / "round-2026-1.yaml", SAMPLES / "round-2026-2.yaml"]


def copy_samples(tmp_path: Path) -> Path:
    shutil.copy(ANNUAL_SAMPLE, tmp_path / ANNUAL_SAMPLE.name)
    for path in ROUND_FILES:
        copy_round(path, tmp_path)
    return tmp_path / ANNUAL_SAMPLE.name


def sums_over_round_files() -> dict[str, int]:
    """Added up here straight from the YAML, independently of drafter's own summing."""
    yaml = YAML(typ="safe")
    units = [u for path in ROUND_FILES for u in yaml.load(path.read_text(encoding="utf-8"))["units"]]
    return {
        "units": len(units),
        "talks": sum(u["methods"]["talks"] for u in units),
        "petitions": sum(u["methods"]["petitions"] for u in units),
        "documents": sum(u["methods"]["documents"] for u in units),
        # Households visited in villages and townships; places and units visited elsewhere.
        "households": sum(
            u["methods"].get("visits", 0) for u in units if u["kind"] in ("村（社区）", "乡镇（街道）")
        ),
        "sites": sum(
            u["methods"].get("visits", 0) for u in units if u["kind"] not in ("村（社区）", "乡镇（街道）")
        ),
        "villages": sum(1 for u in units if u["kind"] == "村（社区）"),
        # Counties count concrete problems (具体表现), the rows of the ledgers (practice: count_by).
        "problems": sum(len(p["details"]) for u in units for p in u["problems"]),
        "clues": sum(u.get("clues", {}).get("count", 0) for u in units),
        "persons": sum(u.get("clues", {}).get("persons", 0) for u in units),
        "regular": sum(1 for u in units if u.get("type", "常规巡察") == "常规巡察"),
        "special": sum(1 for u in units if u.get("type") == "专项巡察"),
    }


def test_the_annual_sample_shows_the_sums_over_its_round_files(sample_docx):
    text = "\n".join(p.text for p in docx.Document(str(sample_docx)).paragraphs)
    s = sums_over_round_files()
    assert (
        f"全年开展2轮巡察，巡察党组织{s['units']}个，其中村（社区）党组织{s['villages']}个，"
        f"发现问题{s['problems']}个，移交问题线索{s['clues']}件" in text
    )
    assert (
        f"共开展个别谈话{s['talks']}人次，受理信访举报{s['petitions']}件，调阅资料{s['documents']}份，"
        f"入户走访{s['households']}户次，实地走访调研{s['sites']}次" in text
    )
    assert f"完成对{s['regular']}个党组织的常规巡察和对{s['special']}个党组织的专项巡察" in text
    assert f"移交问题线索{s['clues']}件、涉及{s['persons']}人" in text
    assert "医疗卫生领域问题" in text  # the one theme, with no 等 after it
    assert "听取2轮巡察情况汇报和第一轮巡察整改情况汇报" in text


def test_problems_by_category_add_up_to_the_total(sample_docx):
    import re

    text = "\n".join(p.text for p in docx.Document(str(sample_docx)).paragraphs)
    sentence = text[text.index("从问题类别看") :].split("。")[0]
    counts = [int(n) for n in re.findall(r"的问题(\d+)个", sentence)]
    assert sum(counts) == sums_over_round_files()["problems"]
    assert "落实全面从严治党战略部署方面的问题12个" in sentence
    # The village's 四个聚焦 categories are counted under their own framework, not mixed in.
    four_focus = sentence[sentence.index("；“四个聚焦”中，") :]
    assert "基层党组织建设方面的问题2个" in four_focus and "全面从严治党" not in four_focus


def test_a_typed_count_that_disagrees_names_both_places(runner, tmp_path):
    annual = copy_samples(tmp_path)
    text = annual.read_text(encoding="utf-8").replace(
        "  immediate_fixes: 6", "  problems: 30\n  immediate_fixes: 6"
    )
    annual.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1
    line = text.splitlines().index("  problems: 30") + 1
    assert f"annual-report.yaml:{line}:13: “发现问题个数”写的是 30" in result.stderr
    assert (
        f"round-2026-1.yaml、round-2026-2.yaml 合计是 {sums_over_round_files()['problems']}" in result.stderr
    )
    assert not annual.with_suffix(".docx").exists()


def test_a_typed_count_that_agrees_is_fine(runner, tmp_path):
    annual = copy_samples(tmp_path)
    talks = sums_over_round_files()["talks"]
    text = annual.read_text(encoding="utf-8").replace(
        "findings:", f"methods:\n  talks: {talks}\n\nfindings:", 1
    )
    annual.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 0, result.stderr


def test_rounds_typed_as_well_as_round_files_are_refused(runner, tmp_path):
    annual = copy_samples(tmp_path)
    text = annual.read_text(encoding="utf-8").replace(
        "regular_method:", "rounds:\n  - number: 1\n\nregular_method:", 1
    )
    annual.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1
    assert (
        "“本年度开展的巡察轮次”已由“round_files”所列的 round-2026-1.yaml、round-2026-2.yaml 提供"
        in result.stderr
    )


def test_problems_in_a_round_file_are_reported_in_that_file(runner, tmp_path):
    annual = copy_samples(tmp_path)
    round_file = tmp_path / "round-2026-2.yaml"
    round_file.write_text(
        round_file.read_text(encoding="utf-8").replace("talks: 68", "talks: 很多"), encoding="utf-8"
    )
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1
    assert "round-2026-2.yaml:" in result.stderr and "“个别谈话人次”应为非负整数" in result.stderr


def test_missing_repeated_and_wrong_round_files(runner, tmp_path):
    annual = copy_samples(tmp_path)
    text = annual.read_text(encoding="utf-8")
    listed = "  - round-2026-1.yaml\n  - round-2026-2.yaml\n"
    for replacement, expected in [
        ("  - round-2026-1.yaml\n  - round-2026-9.yaml\n", "找不到文件“round-2026-9.yaml”"),
        ("  - round-2026-1.yaml\n  - annual-report.yaml\n", "“annual-report.yaml”不是轮次事实文件"),
    ]:
        annual.write_text(text.replace(listed, replacement), encoding="utf-8")
        result = runner.invoke(cli, ["build", str(annual)])
        assert result.exit_code == 1 and expected in result.stderr, result.stderr
    twice = tmp_path / "round-copy.yaml"
    shutil.copy(tmp_path / "round-2026-1.yaml", twice)
    annual.write_text(text.replace(listed, listed + "  - round-copy.yaml\n"), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1 and "第1轮在 round-2026-1.yaml 里已经有了" in result.stderr


def test_round_files_of_another_year_or_committee_are_refused(runner, tmp_path):
    annual = copy_samples(tmp_path)
    second = tmp_path / "round-2026-2.yaml"
    text = second.read_text(encoding="utf-8")
    second.write_text(
        text.replace("2026-08-20", "2025-08-20").replace("2026-10-25", "2025-10-25"), encoding="utf-8"
    )
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1 and "“round-2026-2.yaml”是2025年的轮次，不属于2026年度" in result.stderr
    second.write_text(text.replace("name: 中共清河县委", "name: 中共别的县委"), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1 and "是中共别的县委的轮次，不是中共清河县委的" in result.stderr


def test_figures_as_of_a_day_after_the_report_is_dated_are_refused(runner, tmp_path):
    annual = copy_samples(tmp_path)
    text = annual.read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date: "))
    annual.write_text(text.replace(date_line, "date: 2026-12-01"), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("  as_of: 2026-12-15"))
    assert (
        f"annual-report.yaml:{line}:10: 整改数字截至日期（2026年12月15日）晚于成文日期（2026年12月1日）"
        in result.stderr
    )
    assert not annual.with_suffix(".docx").exists()


def test_a_round_whose_report_fell_due_before_the_report_is_dated_gets_a_reminder(runner, tmp_path):
    """截至12月18日 the third round is 尚处于集中整改期, but its report was due on 12月23日, before a report
    dated 12月24日: the reader would ask for its results."""
    annual = tmp_path / "city-annual-report.yaml"
    text = (SAMPLES / annual.name).read_text(encoding="utf-8")
    annual.write_text(text.replace("date: 2026-12-22", "date: 2026-12-24"), encoding="utf-8")
    for name in ("city-round-2026-1.yaml", "city-round-2026-2.yaml"):
        copy_round(SAMPLES / name, tmp_path)
    result = runner.invoke(cli, ["build", str(annual)])
    assert result.exit_code == 0, result.output
    assert (
        "city-annual-report.yaml: 提醒：第三轮的整改情况报告应于2026年12月23日前报送，"
        "早于成文日期（2026年12月24日）" in result.stderr
    )
    assert "尚处于集中整改期（整改情况报告于2026年12月23日前报送）" in "".join(
        p.text for p in docx.Document(str(annual.with_suffix(".docx"))).paragraphs
    )
    quiet = runner.invoke(cli, ["build", str(SAMPLES / annual.name), "-o", str(tmp_path / "on-time.docx")])
    assert quiet.exit_code == 0 and "提醒：第三轮" not in quiet.stderr


def test_inspecting_towns_with_their_villages_is_said_only_where_it_was_done(runner, tmp_path, sample_docx):
    """巡镇带村: the county inspected 城关镇 and 城关镇东街村 in one round; the city inspected a village
    of 河口镇 on its own (提级巡察), not 河口镇."""
    county = "".join(p.text for p in docx.Document(str(sample_docx)).paragraphs)
    assert "坚持巡镇带村，把对村（社区）巡察作为推动全面从严治党向基层延伸的重要抓手" in county
    city = tmp_path / "city.docx"
    result = runner.invoke(cli, ["build", str(SAMPLES / "city-annual-report.yaml"), "-o", str(city)])
    assert result.exit_code == 0, result.output
    text = "".join(p.text for p in docx.Document(str(city)).paragraphs)
    assert "巡镇带村" not in text
    assert (
        "推进巡察全覆盖。把对村（社区）巡察作为推动全面从严治党向基层延伸的重要抓手，全年巡察村（社区）党组织1个"
        in text
    )
    district = tmp_path / "district.docx"
    result = runner.invoke(cli, ["build", str(SAMPLES / "district-annual-report.yaml"), "-o", str(district)])
    assert result.exit_code == 0, result.output
    text = "".join(p.text for p in docx.Document(str(district)).paragraphs)
    assert "坚持巡镇（街道）带村（社区）" in text  # 东湖街道 with 东湖街道幸福社区
