"""Regular expressions that can take for ever: a rule file's pattern like ``(a+)+`` or ``(\\s*\\S+)*``
backtracks exponentially on a long enough paragraph that almost matches, and Python's ``re`` cannot be
stopped once it runs (it holds the interpreter). Such patterns are refused when a rule file is read.

The test is structural and deliberately simple: an unbounded repeat (or one of more than 10 times) whose
body holds another repeat of variable length (+, *, {1,3}; not ? or {4}). It refuses some patterns that
happen to be harmless, e.g. ``(\\d+年)+``; those are written without the nesting or with a bound, e.g.
``(\\d+年){1,5}``.
"""

from __future__ import annotations

import sys
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants  # the parser behind re.compile, as data
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_REPEATS = tuple(
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
)
UNBOUNDED = sre_constants.MAXREPEAT
OUTER_LIMIT = 10


def nested_repeat(pattern: str) -> bool:
    """True when the pattern nests a variable repeat inside a repeat of more than OUTER_LIMIT times.

    The pattern must compile (callers check that first).
    """
    return _risky(sre_parse.parse(pattern))


def _risky(items: Any) -> bool:
    for op, value in items:
        if op in _REPEATS:
            _, most, body = value
            if (most == UNBOUNDED or most > OUTER_LIMIT) and _variable_inside(body):
                return True
        if any(_risky(child) for child in _children(op, value)):
            return True
    return False


def _variable_inside(items: Any) -> bool:
    """A repeat that can match a run in several ways: a+, a*, a{1,3} (but not a? or a{4})."""
    for op, value in items:
        if op in _REPEATS and value[0] != value[1] and value[1] > 1:
            return True
        if any(_variable_inside(child) for child in _children(op, value)):
            return True
    return False


def _children(op: Any, value: Any) -> list[Any]:
    """The sub-patterns directly under one parsed item (groups, alternatives, look-arounds, repeats)."""
    if op in _REPEATS:
        return [value[2]]
    if op is sre_constants.SUBPATTERN:
        return [value[3]]
    if op is sre_constants.BRANCH:
        return list(value[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [value[1]]
    if op is sre_constants.GROUPREF_EXISTS:  # (?(1)yes|no)
        return [branch for branch in value[1:] if branch is not None]
    if getattr(sre_constants, "ATOMIC_GROUP", None) is op:
        return [value]
    return []
