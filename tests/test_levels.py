"""Party-committee levels: one table gives the words, the schema's choices, the library's levels and the
command line's spellings."""

import pytest

from drafter.check.org import org_from_options
from drafter.core.errors import OptionError
from drafter.core.levels import (
    OWN_LEVELS,
    PARENT_LEVELS,
    contradictions,
    default_province,
    level_in_name,
    org_words,
    tier_of,
)
from drafter.facts.templates import find_template
from drafter.phrases.library import LEVELS, document_level

from .conftest import ROOT


@pytest.mark.parametrize("template", ["annual-report", "feedback"])
def test_the_schemas_offer_exactly_the_levels_of_the_table(template):
    org = next(f for f in find_template(template, ROOT / "templates").schema.root.fields if f.name == "org")
    fields = {f.name: f for f in org.fields}
    assert fields["level"].choices == tuple(OWN_LEVELS)
    assert fields["parent_level"].choices == tuple(PARENT_LEVELS)


@pytest.mark.parametrize(
    ("org", "above"),
    [
        ({"level": "县", "parent_level": "市"}, "省委、市委"),
        ({"level": "县", "parent_level": "省"}, "省委"),
        ({"level": "旗", "parent_level": "盟"}, "自治区党委、盟委"),
        ({"level": "县", "parent_level": "州", "province_level": "自治区"}, "自治区党委、州委"),
        ({"level": "区", "parent_level": "市", "province_level": "直辖市"}, "市委"),
    ],
)
def test_the_level_above_the_parent_is_the_province_level_committee(org, above):
    assert org_words(org)["above"] == above


def test_banners_and_leagues_are_in_an_autonomous_region():
    assert default_province({"level": "旗"}) == "自治区"
    assert default_province({"level": "县", "parent_level": "盟"}) == "自治区"
    assert default_province({"level": "区", "parent_level": "市"}) == "省"


def test_every_level_has_a_library_tier_and_documents_of_facts_files_are_county_level():
    for table in (OWN_LEVELS, PARENT_LEVELS):
        assert all(level.tier in LEVELS for level in table.values())
    assert [document_level(w) for w in OWN_LEVELS] == ["县"] * len(OWN_LEVELS)
    tiers = [tier_of(w) for w in ("州", "盟", "地区", "市", "旗", "县级市")]
    assert tiers == ["市", "市", "市", "市", "县", "县"]


def test_the_command_line_takes_the_english_spellings_of_the_table():
    org = org_from_options("banner")
    assert org is not None and (org.level, org.parent_level) == ("旗", "盟")
    with pytest.raises(OptionError, match="应为 县、区、市、旗 之一"):
        org_from_options("village")


@pytest.mark.parametrize(
    ("org", "body"),
    [
        ({"level": "县", "parent_level": "市"}, "市委巡察工作领导小组"),
        ({"level": "旗", "parent_level": "盟"}, "盟委巡察工作领导小组"),
        # A province-level parent inspects by 巡视: its body is a 巡视工作领导小组.
        ({"level": "县", "parent_level": "省"}, "省委巡视工作领导小组"),
        ({"level": "区", "parent_level": "市", "province_level": "直辖市"}, "市委巡视工作领导小组"),
    ],
)
def test_the_parent_body_is_named_not_called_a_vague_inspection_organ(org, body):
    assert org_words(org)["parent_leading_group"] == body


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("中共青山区委", "区"),
        ("中国共产党青山区委员会", "区"),
        ("中共临江市青山区委", "区"),
        ("中共查干旗委", "旗"),
        ("中共某某自治旗委", "旗"),
        ("中共白音盟委", "盟"),
        ("中共某某地委", "地区"),
        ("中共某某自治区委员会", "自治区"),
        ("清源市委", "市"),
        ("巡察办", None),
    ],
)
def test_the_level_a_name_states(name, level):
    assert level_in_name(name) == level


def test_contradictions_name_the_field_to_fix_and_the_other_one():
    city = {"parent_name": "中共临江市委", "parent_level": "市"}
    found = contradictions({"name": "中共青山区委", "level": "县", **city})
    assert [(c.field, c.other) for c in found] == [("name", "level")]
    assert not contradictions({"name": "中共清源市委", "level": "市", **city})
    banner = {"name": "中共查干旗委", "level": "旗", "parent_name": "中共白音盟委", "parent_level": "盟"}
    assert [(c.field, c.other) for c in contradictions({**banner, "province_level": "省"})] == [
        ("province_level", "level")
    ]
