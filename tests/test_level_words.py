"""Every document drafter writes speaks its own level's words: a district's never says 县委, a banner's
never 省委, a county-level city's names both 市委. The words come from one table (core/levels.py); nothing
else in drafter, its templates or its phrase library spells them out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import docx
import pytest
from ruamel.yaml import YAML

from drafter.core.levels import OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS, province_kind
from drafter.pipeline.build import build, build_each, load_facts, load_for_build, render_model

from . import wording
from .conftest import ROOT, SAMPLES
from .helpers import copy_round, write

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def org_of(sample: Path) -> dict[str, str]:
    """A sample's committee: its org block, or its round file's (a rectification notice's)."""
    facts = YAML(typ="safe").load(sample.read_text(encoding="utf-8"))
    return facts["org"] if "org" in facts else org_of(sample.parent / facts["round_file"])


def foreign_organs(org: dict[str, str]) -> list[str]:
    """The organs of the levels this committee is not: another county-level committee and its 纪委监委,
    组织部, 巡察办, 政府, 全X and X直; a parent or province-level committee that is not above it."""
    own = OWN_LEVELS[org["level"]]
    mine = {own.committee, PARENT_LEVELS[org["parent_level"]].committee}
    mine.add(PROVINCE_LEVELS[province_kind(org)].committee)
    found = []
    for level in OWN_LEVELS.values():
        if level.committee not in mine:
            word = level.word
            found += [level.committee, f"{word}纪委监委", level.region, f"{word}政府", f"{word}直"]
    for table in (PARENT_LEVELS, PROVINCE_LEVELS):
        found += [level.committee for level in table.values() if level.committee not in mine]
    return found


def texts_of(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, list[tuple[Path, str]]]:
    """Every document of every sample, built once: sample name → (document, its text)."""
    built: dict[str, list[tuple[Path, str]]] = {}
    for sample in SAMPLE_FILES:
        out = tmp_path_factory.mktemp(sample.stem)
        if load_for_build(sample).template.each:
            paths = [r.path for _, _, r in build_each(sample, out)]
        else:
            paths = [build(sample, out / f"{sample.stem}.docx").path]
        built[sample.name] = [(path, texts_of(path)) for path in paths]
    return built


def test_the_samples_cover_a_county_a_district_a_banner_and_a_county_level_city():
    levels = {org_of(path)["level"] for path in SAMPLE_FILES}
    assert levels == set(OWN_LEVELS)
    assert any(org_of(path)["parent_level"] == "盟" for path in SAMPLE_FILES)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.name)
def test_no_output_names_an_organ_of_another_level(sample, outputs):
    forbidden = foreign_organs(org_of(sample))
    # 区委 is also the end of 社区委员会; a community's committee is not a district's.
    patterns = [re.compile(("(?<!社)" if w.startswith("区") else "") + re.escape(w)) for w in forbidden]
    for path, text in outputs[sample.name]:
        wrong = sorted({m[0] for pattern in patterns for m in pattern.finditer(text)})
        assert not wrong, (path.name, wrong)


@pytest.mark.parametrize(
    ("sample", "above", "parent_body", "absent"),
    [
        ("annual-report.yaml", "中央和省委、市委", "市委巡察工作领导小组", ["自治区党委"]),
        ("district-annual-report.yaml", "中央和省委、市委", "市委巡察工作领导小组", ["县委", "全县"]),
        ("banner-annual-report.yaml", "中央和自治区党委、盟委", "盟委巡察工作领导小组", ["省委", "县委"]),
        ("city-annual-report.yaml", "中央和省委、临江市委", "临江市委巡察工作领导小组", ["县委", "在市委的"]),
    ],
)
def test_each_annual_report_names_its_own_chain_of_committees(sample, above, parent_body, absent, outputs):
    [(_, text)] = outputs[sample]
    assert f"认真落实{above}关于巡视巡察工作的部署要求" in text
    assert f"的坚强领导和{parent_body}的有力指导下" in text
    assert "巡察机构的有力指导" not in text
    for word in absent:
        assert word not in text, word


def test_a_district_of_a_municipality_answers_to_the_municipal_committee_which_inspects_by_xunshi(tmp_path):
    """北京/天津/上海/重庆: no 省委 in the chain and no prefecture between; the 市委 is province-level, so its
    body is a 巡视工作领导小组."""
    for name in ("round-2026-1.yaml", "round-2026-2.yaml"):
        copy_round(SAMPLES / name, tmp_path)
    text = (SAMPLES / "annual-report.yaml").read_text(encoding="utf-8")
    text = text.replace("  parent_level: 市\n", "  parent_level: 市\n  province_level: 直辖市\n", 1)
    model = render_model(load_facts(write(tmp_path / "直辖市.yaml", text)))
    body = "\n".join(wording.paragraphs_of(model))
    assert "认真落实中央和市委关于巡视巡察工作的部署要求" in body
    assert "在市委的坚强领导和市委巡视工作领导小组的有力指导下" in body
    assert "省委" not in body


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*round*.yaml")), ids=lambda p: p.name)
def test_every_opinion_says_whose_inspection_it_was(sample, outputs):
    own = org_of(sample)
    words = load_facts(sample).context["words"]
    for path, text in outputs[sample.name]:
        assert f"根据{words['self']}统一部署" in text, path.name
        assert f"{words['office']}要做好统筹协调和督促检查" in text, path.name
        assert own["name"] in text


# ---------------------------------------------------------------------------------------------------
# One table: nothing else in drafter, its templates or its phrase library spells the level words out.

LEVEL_WORDS = sorted(
    {level.committee for t in (OWN_LEVELS, PARENT_LEVELS, PROVINCE_LEVELS) for level in t.values()}
    | {level.region for level in OWN_LEVELS.values()},
    key=len,
    reverse=True,
)
_LEVEL_WORD = re.compile("|".join(map(re.escape, LEVEL_WORDS)))
# The table itself; the check stage, whose rule files name wrong-level organs to find them in drafts; the
# command line, whose help shows examples (中共清河县委) rather than writing a document. Elsewhere a help
# text says “如“县委””.
OUTSIDE = ("core/levels.py", "check/", "cli/")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_module_but_the_table_spells_out_a_level_word():
    found = []
    for path in sorted((ROOT / "drafter").rglob("*.py")):
        relative = path.relative_to(ROOT / "drafter").as_posix()
        if relative.startswith(OUTSIDE):
            continue
        for line, text in _code_strings(path):
            if _LEVEL_WORD.search(text) and "如“" not in text:
                found.append(f"{relative}:{line}: {text[:40]}")
    assert not found, "\n".join(found)


def test_no_template_or_phrase_text_spells_out_a_level_word():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.jinja")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.name}: {m[0]}" for m in _LEVEL_WORD.finditer(text)]
    yaml = YAML(typ="safe")
    for path in sorted((ROOT / "snippets").glob("*.yaml")):
        for snippet in yaml.load(path.read_text(encoding="utf-8"))["snippets"]:
            found += [f"{snippet['id']}: {m[0]}" for m in _LEVEL_WORD.finditer(snippet["text"])]
    assert not found, "\n".join(found)


def test_the_schemas_take_the_province_level_from_the_table():
    from drafter.facts.templates import find_template

    for name in ("annual-report", "feedback"):
        org = find_template(name, ROOT / "templates").schema.root.sub("org")
        assert org.committee
        assert org.sub("province_level").choices == tuple(PROVINCE_LEVELS)
        assert org.sub("province_level").optional
