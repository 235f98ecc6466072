"""drafter check on drafts written the way real county drafts go right and wrong (tests/check_corpus/), and
on every document drafter builds from samples/: at least 95 % of the seeded errors of each class are
found, and nothing drafter or a careful clerk writes is called an error."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from drafter.cli.main import cli
from drafter.pipeline.build import build, build_each, load_for_build

from .conftest import SAMPLES
from .corpus_recall import CLASSES, CORPUS, manifest, measure_recall, paragraphs

MANIFEST = manifest()


@pytest.fixture(scope="module")
def recall():
    return measure_recall()


@pytest.mark.parametrize("cls", CLASSES)
def test_recall_of_each_class_is_at_least_95_percent(recall, cls):
    assert recall.total[cls] >= 4, "too few seeded errors to measure"
    assert recall.rate(cls) >= 0.95, recall.missed


def test_the_flawed_drafts_have_no_error_beside_their_seeded_ones(recall):
    assert recall.unexpected == []


def test_the_corpus_has_at_least_60_seeded_errors_and_a_dozen_clean_drafts():
    assert sum(len(d["errors"]) for d in MANIFEST["flawed"]) >= 60
    assert len(MANIFEST["clean"]) >= 12


@pytest.mark.parametrize("draft", MANIFEST["flawed"], ids=lambda d: d["file"])
def test_each_seeded_error_is_in_the_paragraph_the_manifest_says(draft):
    texts = paragraphs(draft["file"])
    for error in draft["errors"]:
        assert error["text"] in texts[error["paragraph"] - 1], error


def options(org: dict[str, str]) -> list[str]:
    return [arg for key, value in org.items() for arg in (f"--{key.replace('_', '-')}", value)]


@pytest.mark.parametrize("draft", MANIFEST["clean"], ids=lambda d: d["file"])
def test_a_clean_draft_has_no_error(runner, draft):
    result = runner.invoke(cli, ["check", str(CORPUS / draft["file"]), *options(draft["org"])])
    assert result.exit_code == 0, result.output
    assert "错误 0 处" in result.stdout


def word_copy(source: Path, target: Path) -> Path:
    """The draft as a clerk's Word file: one paragraph per line, nothing drafter wrote."""
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


def test_a_word_draft_without_options_is_checked_at_the_level_its_signature_names(runner, tmp_path):
    draft = word_copy(CORPUS / "flawed-banner-annual.txt", tmp_path / "旗委报告.docx")
    result = runner.invoke(cli, ["check", str(draft)])
    assert result.exit_code == 3
    out = result.stdout
    assert "按署名“中共额尔敦旗委”推断本级为旗委（上级：盟委，省级：自治区党委）" in out
    assert "第3段「…，认真落实中央和省委、盟委关于巡视巡…」: 错误 L1 “省委”" in out
    assert "（建议：改为“自治区党委”）" in out


def test_a_word_draft_signed_in_a_table_is_inferred_from_the_table(runner, tmp_path):
    document = docx.Document()
    document.add_paragraph("关于2026年度巡察工作情况的报告")
    document.add_paragraph("在县委的坚强领导下，全年开展巡察2轮。")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "中共清江区委"
    document.save(str(tmp_path / "d.docx"))
    result = runner.invoke(cli, ["check", str(tmp_path / "d.docx"), "--format", "json"])
    found = {f["rule"]: f for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "署名“中共清江区委”" in found["org-inferred"]["message"]
    assert found["sibling-level-committee"]["suggestion"] == "改为“区委”"


def sample_documents(tmp_path: Path) -> list[tuple[Path, Path]]:
    """(sample, built document) for every document every sample builds."""
    built = []
    for sample in sorted(SAMPLES.glob("*.yaml")):
        loaded = load_for_build(sample)
        folder = tmp_path / sample.stem
        if loaded.template.each:
            built += [(sample, r.path) for _, _, r in build_each(sample, folder, loaded=loaded) if r.path]
        else:
            built.append((sample, build(sample, folder / f"{sample.stem}.docx").path))
    return built


def org_options(sample: Path) -> list[str]:
    """The command-line options that say what a sample's facts say of its organization."""
    org = load_for_build(sample).facts.values.get("org") or {}
    names = {
        "level": "--org-level",
        "parent_level": "--parent-level",
        "name": "--org-name",
        "parent_name": "--parent-name",
        "short_name": "--org-short-name",
        "province_level": "--province-level",
    }
    return [arg for key, option in names.items() if org.get(key) for arg in (option, str(org[key]))]


def test_every_document_of_every_sample_checks_without_an_error(runner, tmp_path):
    """All levels and all kinds: whatever samples/ holds is built and read back like anyone's draft."""
    documents = sample_documents(tmp_path)
    assert len(documents) >= 3
    for sample, path in documents:
        result = runner.invoke(cli, ["check", str(path), *org_options(sample), "--format", "json"])
        errors = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["severity"] == "error"]
        assert result.exit_code == 0 and not errors, (sample.name, path.name, errors)


def test_a_document_with_a_masthead_is_inferred_from_its_frame_and_its_addressee(runner, tmp_path):
    """A .docx with the official frame (版头 “中共临江区委文件”, then the title): its level and its parent
    come from the frame and the addressee though the title is no longer the first paragraph."""
    document = docx.Document()
    document.styles.add_style("发文机关标志", 1)  # the style drafter's frame gives the 版头's mark
    document.add_paragraph("中共临江区委文件", style="发文机关标志")
    document.add_paragraph("关于2026年度巡察工作情况的报告")
    document.add_paragraph("中共江州市委：")
    document.add_paragraph("全年开展巡察2轮，问题线索移交县纪委监委。")
    document.save(str(tmp_path / "d.docx"))
    result = runner.invoke(cli, ["check", str(tmp_path / "d.docx")])
    assert "按版头“中共临江区委”推断本级为区委（上级：市委，省级：省委）" in result.stdout
    assert "“县纪委监委”：层级错误：本级是区委" in result.stdout
