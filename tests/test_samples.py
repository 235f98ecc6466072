"""Every sample builds; the annual sample reads back with its figures, structure and correct wording."""

from pathlib import Path

import docx
import pytest

from drafter.pipeline.build import build, build_each, load_for_build

from .conftest import ANNUAL_TYPED, SAMPLES
from .helpers import docx_dump


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_builds(sample: Path, tmp_path):
    if load_for_build(sample).template.each:
        results = [result for _, _, result in build_each(sample, tmp_path)]
        assert all(r.path is not None for r in results), [r.problem for r in results]
        written = [r.path for r in results]
        assert len(written) >= 3
    else:
        written = [build(sample, tmp_path / "out.docx").path]
    for path in written:
        assert docx.Document(str(path)).paragraphs


GOLDEN = Path(__file__).resolve().parent / "golden"


def test_the_annual_sample_matches_its_reviewed_golden(sample_docx, update_goldens):
    """The whole text and structure; after a deliberate change, run pytest --update-goldens and review."""
    golden = GOLDEN / "annual-report.txt"
    dump = docx_dump(sample_docx)
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(dump, encoding="utf-8")
    assert dump == golden.read_text(encoding="utf-8")


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_typed_annual_facts_state_the_seed_figures(tmp_path):
    text = "\n".join(paragraphs(build(ANNUAL_TYPED, tmp_path / "typed.docx").path))
    for figure in (
        "常委会先后5次召开会议",
        "先后9次召开会议",
        "听取2轮巡察情况汇报",
        "和第一轮巡察整改情况汇报",
        "完成对12个党组织的常规巡察和对5个党组织的专项巡察",
        "采取“板块轮动”方式",
        "医疗、教育、粮食等领域",
        "全年开展2轮巡察，巡察党组织17个",
        "整改完成率86.56%",
        "追缴和挽回资金326.5万元",
    ):
        assert figure in text, figure


def test_the_annual_sample_has_none_of_the_seed_mistakes(sample_docx):
    text = "\n".join(paragraphs(sample_docx))
    for wrong in (
        "抬高",
        "市委常委会",
        "各县委",
        "习总书记",
        "扩大知悉范围",
        "控制秘密区域",
        "××",
        "None",
        "{{",
        "{%",
    ):
        assert wrong not in text, wrong
    assert "习近平总书记关于巡视工作的重要论述" in text
    assert "严格控制知悉范围" in text
    assert "县委常委会" in text


def test_the_annual_sample_has_the_standard_structure(sample_docx):
    document = docx.Document(str(sample_docx))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "中共清河县委\n关于2026年度巡察工作情况的报告"
    assert texts[2] == "中共临江市委："
    headings = [p.text for p in document.paragraphs if p.style.name == "公文一级标题"]
    assert headings == ["一、主要工作开展情况", "二、存在的问题和不足", "三、下一步工作打算"]
    run_in = [t.split("。")[0] for t in texts if t.startswith("（")]
    assert run_in == [
        "（一）提高政治站位，强化组织领导",
        "（二）坚守政治定位，突出监督重点",
        "（三）创新方式方法，推进巡察全覆盖",
        "（四）强化政治监督，抓实整改和成果运用",
        "（五）加强队伍建设，提升履职能力",
        "（一）持续深化政治巡察",
        "（二）持续推动贯通融合",
        "（三）持续巩固整改质效",
    ]
    assert texts[-2:] == ["中共清河县委", "2026年12月25日"]


def test_derived_counts_follow_the_lists(tmp_path):
    """One more unit in the list changes every sentence that counts units, and nothing else needs editing."""
    text = ANNUAL_TYPED.read_text(encoding="utf-8")
    text = text.replace("          - 县水利局党组\n", "          - 县水利局党组\n          - 县林业局党组\n")
    text = text.replace("  regular_units: 12\n", "  regular_units: 13\n")
    facts = tmp_path / "f.yaml"
    facts.write_text(text, encoding="utf-8")
    body = "\n".join(paragraphs(build(facts, tmp_path / "f.docx").path))
    assert "对13个党组织的常规巡察" in body and "巡察党组织18个" in body


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_two_builds_of_a_sample_are_byte_identical(sample: Path, tmp_path, runner):
    """Users diff and archive what drafter made: the same facts, built twice by the command, same bytes."""
    from drafter.cli.main import cli

    built = []
    for name in ("first", "second"):
        out = tmp_path / name
        result = runner.invoke(cli, ["build", str(sample), "-o", f"{out}/"])
        assert result.exit_code == 0, result.output
        built.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert built[0] == built[1] and built[0]
