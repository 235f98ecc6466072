"""Run the pattern rules of a RuleSet over a document's paragraphs.

A rule's placeholders ({self}, {parent}, …) are filled from the organization first. A rule about
the level above is skipped when the two levels share a name (a county-level city's own 市委 under a
市委): there the bare words cannot tell us from them, and a false alarm would teach users to
ignore the checker.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..docx.drafts import DraftParagraph
from .findings import Finding
from .org import PLACEHOLDERS, REGEX_PLACEHOLDERS, Org, table_words
from .rulebook import Rule, RuleSet

_CLAUSE_END = re.compile(r"[，。；！？：,;!?]")
EXCERPT_CHARS = 8


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule with its placeholders filled and its regexes compiled."""

    rule: Rule
    pattern: re.Pattern[str]
    message: str
    replace: str | None
    unless_before: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Hit:
    """One match of one rule in one paragraph; ``replacement`` is the suggested text, if any."""

    rule: Rule
    paragraph: DraftParagraph
    start: int
    end: int
    message: str
    replacement: str | None

    @property
    def matched(self) -> str:
        """The text the rule matched."""
        return self.paragraph.text[self.start : self.end]


def compile_rules(rules: RuleSet, date: dt.date | None) -> list[CompiledRule]:
    """The rules that apply to a document of this organization and date."""
    compiled = []
    for rule in rules.rules:
        if not rules.enabled(rule.id, rule.code) or not _in_force(rule, date):
            continue
        words = _words(rule, rules.org)
        if words is None:
            continue
        pattern = _fill(rule.pattern, words, escape=True)
        compiled.append(
            CompiledRule(
                rule=rule,
                pattern=re.compile(pattern),
                message=_fill(rule.message, words),
                replace=_fill(rule.replace, words) if rule.replace is not None else None,
                unless_before=re.compile(rule.unless_before) if rule.unless_before else None,
                unless_after=re.compile(rule.unless_after) if rule.unless_after else None,
            )
        )
    return compiled


def find_hits(paragraphs: list[DraftParagraph], rules: list[CompiledRule]) -> list[Hit]:
    """Every match of every rule, in paragraph order."""
    hits = []
    for paragraph in paragraphs:
        text = paragraph.text
        for compiled in rules:
            for m in compiled.pattern.finditer(text):
                if m.end() == m.start() or _excused(compiled, text, m):
                    continue
                hits.append(
                    Hit(
                        compiled.rule,
                        paragraph,
                        m.start(),
                        m.end(),
                        compiled.message,
                        _replacement(compiled, m),
                    )
                )
    return hits


def hit_finding(hit: Hit) -> Finding:
    """The finding a user reads for a hit."""
    suggestion = f"改为“{hit.replacement}”" if hit.replacement is not None else None
    if hit.replacement == "":
        suggestion = f"删去“{hit.matched}”"
    return Finding(
        code=hit.rule.code,
        severity=hit.rule.severity,
        message=f"“{hit.matched}”：{hit.message}",
        rule=hit.rule.id,
        paragraph=hit.paragraph.number,
        col=hit.start + 1,
        excerpt=excerpt(hit.paragraph.text, hit.start, hit.end),
        suggestion=suggestion,
    )


def excerpt(text: str, start: int, end: int) -> str:
    """A few characters either side of a match, with … where the paragraph goes on."""
    left = max(0, start - EXCERPT_CHARS)
    right = min(len(text), end + EXCERPT_CHARS)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def _in_force(rule: Rule, date: dt.date | None) -> bool:
    if rule.valid_from is None and rule.valid_until is None:
        return True
    if date is None:
        return False  # an undated draft: a rule about currency cannot tell what is current
    if rule.valid_from and date < rule.valid_from:
        return False
    return not (rule.valid_until and date > rule.valid_until)


def _words(rule: Rule, org: Org | None) -> dict[str, str] | None:
    """Placeholder values, or None when the rule cannot apply to this organization: it names a word
    the organization does not have, or the level above when the two share a name (a county-level
    city's own 市委 under a 市委), where the bare words cannot tell us from them."""
    if not rule.uses_org:
        words = table_words(org)
    elif org is None:
        return None
    else:
        words = org.words()
    texts = f"{rule.pattern}{rule.replace or ''}{rule.message}"
    used = [key for key in PLACEHOLDERS if key in texts]
    if any(words[key] is None for key in used):
        return None
    if "{parent}" in texts and words["{parent}"] == words["{self}"]:
        return None
    if "{parent_level}" in texts and words["{parent_level}"] == words["{self_level}"]:
        return None
    return {key: value for key, value in words.items() if value is not None}


def _fill(text: str, words: dict[str, str], *, escape: bool = False) -> str:
    """The text with its placeholders filled; in a pattern (``escape``) words are escaped, while the
    regex placeholders ({other_levels}, {name_start} …) are regular expressions already."""
    for key, value in words.items():
        literal = escape and key not in REGEX_PLACEHOLDERS
        text = text.replace(key, re.escape(value) if literal else value)
    return text


def _excused(compiled: CompiledRule, text: str, m: re.Match[str]) -> bool:
    if compiled.unless_before is not None:
        clause_start = 0
        for end in _CLAUSE_END.finditer(text, 0, m.start()):
            clause_start = end.end()
        if compiled.unless_before.search(text[clause_start : m.start()]):
            return True
    return bool(compiled.unless_after and compiled.unless_after.match(text, m.end()))


def _replacement(compiled: CompiledRule, m: re.Match[str]) -> str | None:
    translate = compiled.rule.translate
    if translate:
        return "".join(translate.get(ch, ch) for ch in m[0])
    if compiled.replace is None:
        return None
    return m.expand(compiled.replace)
