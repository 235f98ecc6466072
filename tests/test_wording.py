"""Every template rendered with varied facts — one item and many, every level, every kind of unit and of
inspection, every practice switch — and read for the wording a director strikes (tests/wording.py):
一是 with no 二是, 等 after one item, 户次 for a bureau, a double 对, the opening said again, 会商研判 twice,
confidentiality glued to rectification, 我们, a vague 市委巡察机构, category counts out of order."""

from __future__ import annotations

import copy
import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from drafter.pipeline.build import load_facts, render_model

from . import wording
from .conftest import SAMPLES

YAML_IO = YAML(typ="safe")  # libyaml in C: the variants are written many times

# Each level's org block, with names that agree with it; the rounds of a report are moved along.
ORGS = {
    "县": {"name": "中共清河县委", "level": "县", "parent_name": "中共临江市委", "parent_level": "市"},
    "区": {"name": "中共青山区委", "level": "区", "parent_name": "中共临江市委", "parent_level": "市"},
    "旗": {"name": "中共查干旗委", "level": "旗", "parent_name": "中共白音盟委", "parent_level": "盟"},
    "县级市": {"name": "中共清源市委", "level": "市", "parent_name": "中共临江市委", "parent_level": "市"},
    "直辖市的区": {
        "name": "中共青山区委",
        "level": "区",
        "parent_name": "中共临江市委",
        "parent_level": "市",
        "province_level": "直辖市",
    },
    "州辖县": {
        "name": "中共清河县委",
        "level": "县",
        "parent_name": "中共临江州委",
        "parent_level": "州",
        "province_level": "自治区",
    },
    "省直管县": {"name": "中共清河县委", "level": "县", "parent_name": "中共某省委", "parent_level": "省"},
}
UNIT_KINDS = ["部门", "乡镇（街道）", "企业", "事业单位"]
TYPES = ["常规巡察", "专项巡察", "巡察“回头看”", "机动巡察", "提级巡察", "交叉巡察", "联动巡察"]
# Lists of text a template enumerates: trimmed to one item, or lengthened to four.
ENUMERATED = (
    "focus",
    "shortcomings",
    "typical",
    "special_governance",
    "details",
    "suggestions",
    "special_checks",
)


def load(path: Path) -> dict[str, Any]:
    return YAML_IO.load(path.read_text(encoding="utf-8"))


def dump(data: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        YAML_IO.dump(data, stream)
    return path


def each_list(node: Any, edit: Callable[[str, list[Any]], None]) -> None:
    """Apply ``edit`` to every enumerated list anywhere in the facts."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ENUMERATED and isinstance(value, list):
                edit(key, value)
            each_list(value, edit)
    elif isinstance(node, list):
        for item in node:
            each_list(item, edit)


def one_item(key: str, items: list[Any]) -> None:
    del items[1:]


_MADE = itertools.count(1)


def four_items(key: str, items: list[Any]) -> None:
    if isinstance(items[0], str):
        items.extend(f"补充事项{next(_MADE)}" for _ in range(3))
    del items[4:]


def variants(sample: dict[str, Any], every: bool = True) -> Iterator[tuple[str, dict[str, Any]]]:
    """The sample's facts varied: one item in every enumeration and, with ``every``, four items, every
    practice switch and, for a round, every kind of unit and of inspection (a village keeps its kind)."""
    yield "原样", sample
    for name, edit in (("一项", one_item), ("四项", four_items))[: 2 if every else 1]:
        varied = copy.deepcopy(sample)
        each_list(varied, edit)
        if name == "一项" and "units" in varied:
            varied["units"] = varied["units"][:1]
        yield name, varied
    if "units" not in sample or not every:
        return
    for kind, type_ in itertools.zip_longest(UNIT_KINDS, TYPES):
        varied = copy.deepcopy(sample)
        for unit in varied["units"]:
            if unit["kind"] != "村（社区）" and kind:
                unit["kind"] = kind
                unit.pop("assessment", None)  # the stock assessment of that kind
            unit["type"] = type_ or "常规巡察"
            unit.pop("framework", None)
            if unit["type"] == "专项巡察":
                unit["theme"] = "乡村振兴资金使用管理"
        yield f"单位{kind}·{type_}", varied
    for switch, value in (
        ("township_oversight", False),
        ("rectification_meeting", False),
        ("leader_report", False),
        ("deadline_on_holiday", "顺延"),
        ("title_form", "轮次"),
        ("title_form", "开展情况"),
    ):
        varied = copy.deepcopy(sample)
        varied.setdefault("practice", {})[switch] = value
        yield f"{switch}={value}", varied


def at_level(sample: dict[str, Any], org: dict[str, Any]) -> dict[str, Any]:
    moved = copy.deepcopy(sample)
    moved["org"] = dict(org)
    return moved


def rendered(folder: Path, facts: dict[str, Any], rounds: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Every document of one facts file (a round's, one per unit), as paragraphs."""
    for ledgers in (p for p in SAMPLES.iterdir() if p.is_dir()):  # the rounds' returned 整改台账
        shutil.copytree(ledgers, folder / ledgers.name, dirs_exist_ok=True)
    for name, round_facts in rounds.items():
        dump(round_facts, folder / name)
    loaded = load_facts(dump(facts, folder / "facts.yaml"))
    items = loaded.items() or [None]
    return [wording.paragraphs_of(render_model(loaded, item)) for item in items]


def own_org(facts: dict[str, Any]) -> dict[str, Any]:
    """A sample's committee: its own org block, or its round file's (a rectification notice's)."""
    org: dict[str, Any] = facts.get("org") or load(SAMPLES / facts["round_file"])["org"]
    return org


def sample_cases() -> list[Any]:
    """Every sample at every level; the samples at their own level stay in the quick inner loop, the
    others (a sweep of some 70 documents per sample) run with the slow tests."""
    cases = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        own = own_org(load(path))
        for level, org in ORGS.items():
            marks = () if org == own else (pytest.mark.slow,)
            cases.append(pytest.param(path.name, level, marks=marks, id=f"{path.stem}-{level}"))
    return cases


@pytest.mark.parametrize(("sample", "level"), sample_cases())
def test_no_document_has_the_wording_a_director_strikes(sample, level, tmp_path):
    facts = load(SAMPLES / sample)
    org = ORGS[level]
    listed = facts.get("round_files") or ([facts["round_file"]] if "round_file" in facts else [])
    rounds = {name: at_level(load(SAMPLES / name), org) for name in listed}
    # Every variant at the sample's own level; as it is and with one item at every other level.
    own = org["level"] == own_org(facts)["level"] and org.get("province_level") is None
    struck = []
    placed = at_level(facts, org) if "org" in facts else facts
    for label, varied in variants(placed, every=own):
        folder = tmp_path / label.replace("/", "／")
        for number, paragraphs in enumerate(rendered(folder, varied, rounds)):
            for shape, check in wording.CHECKS.items():
                struck += [f"{label}·{number}·{shape}：{found}" for found in check(paragraphs)]
    assert not struck, "\n".join(struck)


BUREAUS = ("部门", "企业", "事业单位")


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*round*.yaml")))
def test_a_bureau_is_never_said_to_be_visited_in_households(sample, tmp_path):
    facts = load(SAMPLES / sample)
    for label, varied in variants(facts):
        loaded = load_facts(dump(varied, tmp_path / label.replace("/", "／") / "facts.yaml"))
        for item in loaded.items():
            if item["kind"] in BUREAUS and not item["methods"].get("visit_unit"):
                paragraphs = wording.paragraphs_of(render_model(loaded, item))
                assert not wording.households_for_a_bureau(paragraphs), (label, item["name"])


@pytest.mark.parametrize("shape", list(wording.CHECKS))
def test_every_check_catches_the_shape_it_is_for(shape):
    """The checks above cannot pass by finding nothing: each finds its own real example."""
    found = wording.CHECKS[shape](["标题", "主送机关", *wording.KNOWN_BAD[shape]])
    assert found, shape


def test_the_bureau_check_catches_households():
    assert wording.households_for_a_bureau(["标题", "主送", "走访调研24户次"])
