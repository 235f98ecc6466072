"""Using the phrase library: ``snippet("id")`` in templates, ``{snippet: id}`` in facts files, and the
currency warnings of a build.

A snippet's text is rendered in the same sandbox as templates, with StrictUndefined: a variable it needs
and nobody provides is an error, never a blank. It sees the standard variables (phrases/library.VARIABLES),
derived from the facts' ``org`` and ``year`` when the caller has not set them, then what the caller passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import Issue, Reminder, RenderError, SnippetError
from ..core.levels import org_words
from ..facts.yamlfile import Document, KeyPath
from ..render.sandbox import render_text
from .library import BUILTIN_ORIGIN, Library, Snippet, currency_warnings


@dataclass(frozen=True, slots=True)
class SnippetUse:
    """One use of a snippet: which, and where (a facts position, or the snippet's own place)."""

    snippet: Snippet
    place: str


def standard_variables(facts: Mapping[str, Any]) -> dict[str, Any]:
    """year, org, committee, parent, above, province, parent_leading_group, region, discipline and
    government, as far as the facts' org block tells them.

    The own committee is called ``committee``, not ``self`` as in the templates: in a Jinja text that
    does not set it, ``self`` is Jinja's reference to the template itself.
    """
    found: dict[str, Any] = {key: facts[key] for key in ("year", "org") if facts.get(key) is not None}
    if isinstance(facts.get("self"), str):  # a template's own short name wins over the table
        found["committee"] = facts["self"]
    org = facts.get("org")
    if not isinstance(org, Mapping):
        return found
    words = org_words(dict(org))
    if words["self"] and "committee" not in found:
        found["committee"] = words["self"]
    if org.get("level"):
        found["discipline"] = words["discipline"]
        found["government"] = words["government"]
    if words["parent"]:
        found["parent"] = words["parent"]
        found["above"] = words["above"]
        found["parent_leading_group"] = words["parent_leading_group"]
    if org.get("level") or org.get("parent_level"):
        found["province"] = words["province"]
    if words["region"]:
        found["region"] = words["region"]
    found["villages"] = words["villages"]
    found["along"] = words["along"]
    return found


class TemplateSnippets:
    """The ``snippet("id", **vars)`` function of a template; remembers which snippets it rendered.

    Errors are raised as ValueError so that rendering reports them at the template's line.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self.used: list[Snippet] = []

    def __call__(self, variables: Mapping[str, Any], snippet_id: str, **given: Any) -> str:
        """The text of snippet ``snippet_id`` rendered with the template's variables and ``given``."""
        snippet = self.library.get(str(snippet_id))
        if snippet is None:
            raise ValueError(self.library.unknown_id_message(str(snippet_id)))
        self.used.append(snippet)
        try:
            context = {**standard_variables(variables), **variables, **given}
            return render_text(snippet.text, context, keep=snippet.origin == BUILTIN_ORIGIN)
        except RenderError as err:
            msg = f"片段“{snippet.id}”（{snippet.place}）：{err}"
            raise ValueError(msg) from err

    def uses(self) -> list[SnippetUse]:
        """Each snippet the template used, once, placed at its definition."""
        unique = {s.id: s for s in self.used}
        return [SnippetUse(s, s.place) for s in unique.values()]


def resolve_references(doc: Document, library: Library) -> list[SnippetUse]:
    """Replace every ``{snippet: id}`` item of a facts document by the snippet's rendered text.

    Extra keys of the item (or the keys of its ``vars:``) are variables for the text. Raises
    SnippetError with every unknown id (with a “did you mean”) and every text that fails to render.
    An item that fails becomes its id, so that validation (which runs anyway, to report everything at
    once) does not report the same item a second time as “not text”.
    """
    issues: list[Issue] = []
    uses: list[SnippetUse] = []
    standard = standard_variables(doc.data) if isinstance(doc.data, Mapping) else {}
    doc.data = _resolve(doc, (), doc.data, library, standard, uses, issues)
    if issues:
        raise SnippetError(issues)
    return uses


def _resolve(
    doc: Document,
    where: KeyPath,
    value: Any,
    library: Library,
    standard: dict[str, Any],
    uses: list[SnippetUse],
    issues: list[Issue],
) -> Any:
    if isinstance(value, list):
        return [_resolve(doc, (*where, i), v, library, standard, uses, issues) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    if "snippet" not in value:
        return {k: _resolve(doc, (*where, k), v, library, standard, uses, issues) for k, v in value.items()}
    snippet_id = value["snippet"]
    snippet = library.get(str(snippet_id)) if isinstance(snippet_id, str) else None
    if snippet is None:
        issues.append(doc.issue((*where, "snippet"), library.unknown_id_message(str(snippet_id))))
        return str(snippet_id)
    given = {k: v for k, v in value.items() if k not in ("snippet", "vars")}
    extra = value.get("vars") or {}
    if not isinstance(extra, dict):
        issues.append(doc.issue((*where, "vars"), "vars: 应为一组“变量名: 值”"))
        return snippet.id
    try:
        text = render_text(
            snippet.text, {**standard, **given, **extra}, keep=snippet.origin == BUILTIN_ORIGIN
        )
    except RenderError as err:
        # A missing variable can be given under vars:; other failures are the snippet's own.
        hint = "；可在 vars: 里给出" if "没有提供" in str(err) else ""
        issues.append(doc.issue(where, f"片段“{snippet.id}”（{snippet.place}）：{err}{hint}"))
        return snippet.id
    place = doc.pos(where)
    uses.append(SnippetUse(snippet, f"{doc.path.name}:{place.line}:{place.col}"))
    return text


def currency_report(uses: Iterable[SnippetUse], date: dt.date | None, level: str | None) -> list[Reminder]:
    """The currency reminders of a document, each use reported once."""
    found: list[Reminder] = []
    for use in uses:
        for reason in currency_warnings(use.snippet, date, level):
            reminder = Reminder(use.place, reason)
            if reminder not in found:
                found.append(reminder)
    return found
