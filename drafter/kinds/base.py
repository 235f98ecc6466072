"""The one interface every document kind implements, and the plain kind that derives nothing.

The generic loader, builder and checker know no kind's field names. They ask the kind of a facts file
(named by ``kind:`` in its template.yaml) what only the kind knows:

- its settings for this facts file (the feedback kind's problem-category frameworks), read when the
  kind is set up;
- the facts other files supply to it (an annual report's figures from its round files);
- the checks beyond the schema (a unit's problem categories against its framework);
- the facts it derives beyond the schema's (an annual report's rectification progress as of its date);
- reminders about what its documents say in general words because the facts leave it out;
- which items get a document each, and how each item is seen by its template;
- what its facts files supply to other kinds (a round, to the annual report);
- the workbook an item gets beside its document (a unit's 整改台账, written by ``drafter ledger``);
- which check rules do not apply to one item's document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..core.errors import Issue, Reminder
from ..facts.schema import Schema
from ..facts.validation import Supplied
from ..facts.yamlfile import Document
from ..workbook.ledger import LedgerSpec


class Loaded(Protocol):
    """What a kind sees of another facts file it reads (the annual report reads its round files)."""

    @property
    def kind(self) -> DocumentKind:
        """The other file's kind, set up for it."""
        ...

    @property
    def values(self) -> dict[str, Any]:
        """The other file's validated facts."""
        ...

    @property
    def document(self) -> Document:
        """The other file as parsed, for positioned messages."""
        ...

    def items(self) -> list[dict[str, Any]]:
        """The other file's items as its documents see them."""
        ...


# Reads another facts file whose kind must supply the named thing ("round"): raises WrongKindError,
# before any checking, when it does not, and FactsError when the file has problems.
LoadOther = Callable[[Path, str], Loaded]


@dataclass(frozen=True, slots=True)
class KindSetup:
    """What a kind is set up from: its template folder, the facts file and the drafter.yaml beside it."""

    template_dir: Path
    # Keys of template.yaml meant for the kind (e.g. ``frameworks: frameworks.yaml``).
    template_options: Mapping[str, str]
    document: Document
    config: Document | None
    # The list whose items get one document each (template.yaml's ``each``), "" for one document.
    each: str


class DocumentKind:
    """A kind of document, set up for one facts file. This base is the plain kind: one document (or one
    per item of the template's ``each`` list), with nothing derived and nothing supplied."""

    name: ClassVar[str] = "plain"
    # What an item is called in messages (“第3个单位”), and the variable templates see it as.
    item_noun: ClassVar[str] = "项"
    item_variable: ClassVar[str] = "unit"
    # Top-level keys of a facts file that the kind reads itself, beside the schema's own fields.
    extra_keys: ClassVar[frozenset[str]] = frozenset()
    # Facts the kind's code reads whatever the template does with them (dotted paths): never "unused".
    read_by_code: ClassVar[tuple[str, ...]] = ()
    # What another kind may take from this kind's facts files ("round"); "" for nothing.
    supplies: ClassVar[str] = ""
    # Top-level sections that the drafter.yaml beside a facts file may give for every facts file of the
    # folder (besides ``practice:``), taken whole when the facts file does not give its own.
    county_keys: ClassVar[tuple[str, ...]] = ()

    def __init__(self, setup: KindSetup) -> None:
        self.each = setup.each

    @classmethod
    def claims(cls, options: Mapping[str, str], each: str, schema: Schema) -> bool:
        """Whether a template folder that names no kind (one copied before template.yaml had ``kind:``)
        is of this kind, judged by its template.yaml options, its ``each`` and its schema."""
        return False

    @classmethod
    def set_up(cls, setup: KindSetup, issues: list[Issue]) -> DocumentKind:
        """The kind for one facts file; problems with its settings are added to ``issues``."""
        return cls(setup)

    def supplied(
        self, doc: Document, schema: Schema, load_other: LoadOther, issues: list[Issue]
    ) -> Supplied | None:
        """The facts that other files supply to this one (None: nothing is supplied)."""
        return None

    def check(self, doc: Document, values: dict[str, Any]) -> list[Issue]:
        """Problems the schema cannot see, at their places."""
        return []

    def derive(self, values: dict[str, Any]) -> dict[str, Any]:
        """Facts the kind derives from checked facts, beside the schema's derived facts (for templates)."""
        return {}

    def reminders(self, doc: Document, values: dict[str, Any]) -> list[Reminder]:
        """Things the documents say in general words because the facts leave them out (提醒, not errors)."""
        return []

    def items(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        """The items that get a document each, as their template sees them (empty for one document)."""
        found = values.get(self.each) if self.each else None
        return list(found) if isinstance(found, list) else []

    def item_name(self, item: Any, index: int) -> str:
        """An item's name in messages and progress lines."""
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, (str, int)) and str(name).strip():
            return str(name)
        return f"第{index + 1}个{self.item_noun}"

    def item_keys(self, item: dict[str, Any]) -> tuple[str, ...]:
        """The names a user may pick an item by (``--unit``)."""
        name = item.get("name")
        return (str(name),) if name is not None else ()

    def item_document(self, item: dict[str, Any]) -> str:
        """How a finding names one item's document: “县财政局的反馈意见”."""
        return f"{item.get('name')}的文档"

    def not_applicable(self, item: dict[str, Any]) -> frozenset[str]:
        """Ids of check rules that do not apply to this item's document."""
        return frozenset()

    def ledger(self, values: dict[str, Any], item: dict[str, Any]) -> tuple[str, LedgerSpec] | None:
        """The 整改台账 an item gets (its file name and contents); None for a kind without ledgers."""
        return None

    def supply(self, loaded: Loaded, as_of: dt.date | None = None) -> Any:
        """What this kind's facts file gives a kind that reads it (see ``supplies``); ``as_of``: the date
        the reader's figures stand at, when it has one."""
        return None
