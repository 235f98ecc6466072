"""Ranked search in the phrase library, and the text similarity that harvesting also uses.

Chinese has no spaces to split words on, so near matches are measured on character bigrams: a query
whose bigrams mostly occur in a snippet is a near match even when no substring matches exactly.
Where the query appears weighs in this order: the category name (the user asked for a kind of phrase),
the text, the tags and the id. Ties keep library order, so results are always the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .library import Library, Snippet

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Punctuation, spaces and symbols carry no meaning for matching; letters, digits and CJK do.
_NOISE = re.compile(r"[\W_]+")

CATEGORY_EXACT = 10.0
CATEGORY_PART = 6.0
TEXT_SUBSTRING = 4.0
NEAR = 3.0
TAG_EXACT = 3.0
TAG_PART = 2.0
ID_PART = 3.0
ID_SEGMENTS = 1.0
# Below this a result shares only a common bigram or two with the query, which is noise.
MIN_SCORE = 1.5


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    snippet: Snippet
    score: float


def plain(text: str) -> str:
    """Text without Jinja placeholders, punctuation and spaces: what similarity compares."""
    return _NOISE.sub("", _JINJA.sub("", text)).lower()


def bigrams(text: str) -> set[str]:
    """The character bigrams of plain(text); a one-character text gives that character."""
    chars = plain(text)
    if len(chars) < 2:
        return {chars} if chars else set()
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' bigrams: 1.0 for the same wording, 0.0 for nothing shared."""
    first, second = bigrams(a), bigrams(b)
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s bigrams that occur in ``whole`` (how much of part is said by whole)."""
    wanted = bigrams(part)
    return len(wanted & bigrams(whole)) / len(wanted) if wanted else 0.0


def score(snippet: Snippet, query: str) -> float:
    """How well a snippet answers a query (0 when it does not)."""
    q = plain(query)
    if not q:
        return 0.0
    category = plain(snippet.category)
    total = 0.0
    if q == category:
        total += CATEGORY_EXACT
    elif q in category or category in q:
        total += CATEGORY_PART
    text = plain(snippet.text)
    if q in text:
        total += TEXT_SUBSTRING
    total += NEAR * containment(query, snippet.text + "".join(snippet.tags))
    tags = [plain(t) for t in snippet.tags]
    if q in tags:
        total += TAG_EXACT
    elif any(q in t or (t and t in q) for t in tags):
        total += TAG_PART
    if q.isascii() and q in plain(snippet.id):
        total += ID_PART
        # “rect-no” means rect-no-fake rather than rect-now-and-long: whole id segments count more.
        segments = set(re.split(r"[-_]", snippet.id))
        if all(part in segments for part in re.split(r"[-_\s]+", query.strip().lower()) if part):
            total += ID_SEGMENTS
    return total if total >= MIN_SCORE else 0.0


def search(library: Library, query: str, limit: int | None = None) -> list[Hit]:
    """Snippets matching a query, best first; equal scores keep library order."""
    scored = [(score(s, query), i, s) for i, s in enumerate(library.snippets.values())]
    ranked = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))
    hits = [Hit(snippet, round(value, 3)) for value, _, snippet in ranked]
    return hits[:limit] if limit is not None else hits
