"""Search ranks what a user asked for first, finds near wordings, and always answers in the same order."""

import pytest

from drafter.phrases.library import load_library
from drafter.phrases.search import containment, search, similarity

LIBRARY = load_library()


def top_ids(query, n):
    return [hit.snippet.id for hit in search(LIBRARY, query, n)]


def test_a_category_name_lists_that_category_first():
    stance = {s.id for s in LIBRARY.select("政治站位")}
    hits = search(LIBRARY, "政治站位")
    assert {hit.snippet.id for hit in hits[: len(stance)]} == stance
    assert hits[0].snippet.id == "stance-raise-position-heading"  # the category and the text both say it
    # Other categories that use the words follow, e.g. the suggestion that starts with 提高政治站位.
    assert "suggest-raise-position" in [hit.snippet.id for hit in hits[len(stance) :]]


@pytest.mark.parametrize(
    ("query", "expected_top"),
    [
        ("知悉范围", ["rect-feedback-confidential"]),
        ("两个维护", ["guiding-two-establishments", "stance-two-safeguards-task"]),
        (
            "十五五",
            [
                "guiding-fifteenth-plan-start",
                "focus-fifteenth-plan",
                "rect-fifteenth-plan",
                "next-fifteenth-plan-start",
            ],
        ),
        ("四个聚焦", ["focus-village-1", "focus-village-2", "focus-village-3", "focus-village-4"]),
        ("rect-no", ["rect-no-fake"]),
        ("特此报告", ["trans-report-close"]),
        ("巡纪贯通", ["principle-patrol-discipline-audit"]),
    ],
)
def test_a_fixed_query_set_has_its_expected_top_results(query, expected_top):
    assert top_ids(query, len(expected_top)) == expected_top


def test_near_wordings_are_found_without_an_exact_substring():
    query = "整改主体责任压实"
    assert not any(query in s.text for s in LIBRARY.snippets.values())
    assert top_ids(query, 2) == ["rect-three-responsibilities", "rect-secretary-first"]


def test_results_are_deterministic_and_unrelated_text_finds_nothing():
    assert search(LIBRARY, "整改") == search(LIBRARY, "整改")
    assert search(LIBRARY, "量子计算机") == []
    assert search(LIBRARY, "  ") == []


def test_similarity_measures():
    assert similarity("坚守政治巡察定位", "坚守政治巡察定位。") == 1.0
    assert similarity("坚守政治巡察定位", "发现问题、形成震慑") == 0.0
    assert containment("政治巡察定位", "始终坚守政治巡察定位不动摇") == 1.0
