"""The build facade: facts file → validated facts → rendered markup → model → .docx.

``build`` makes the one document of a facts file, ``build_each`` one per item (a round's units); both
report each document as a ``Built`` with its reminders (提醒) as data, for the command line to show.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import (
    DrafterError,
    Reminder,
    RenderError,
    SelectionError,
    WriteError,
    display_path,
)
from ..core.locations import templates_root
from ..core.output import prepare_folder, safe_file_name, write_new_file
from ..docx.writer import write_docx
from ..facts.skeleton import skeleton
from ..facts.templates import find_template
from ..phrases.library import document_level
from ..phrases.use import SnippetUse, TemplateSnippets, currency_report
from ..render.markup import DocumentModel, parse_markup
from ..render.sandbox import render, render_text
from .loading import LoadedFacts, load_facts
from .usage import unused_facts


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered document, and the snippets its template called (for their currency reminders)."""

    model: DocumentModel
    snippet_uses: tuple[SnippetUse, ...]


def render_document(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> Rendered:
    """Render the template with the facts (and one item's facts) into a numbered document model."""
    template = loaded.template
    functions = TemplateSnippets(loaded.library) if loaded.library is not None else None
    text = render(
        template.directory,
        template.document,
        _context(loaded, item),
        {"snippet": functions} if functions is not None else None,
    )
    model = parse_markup(text, source=display_path(template.directory / template.document))
    return Rendered(model, tuple(functions.uses()) if functions is not None else ())


def render_model(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> DocumentModel:
    """The document model alone (see render_document)."""
    return render_document(loaded, item).model


def _context(loaded: LoadedFacts, item: dict[str, Any] | None) -> dict[str, Any]:
    context = loaded.context
    if item is not None:
        context[loaded.kind.item_variable] = item
    return context


@dataclass(frozen=True, slots=True)
class Finished:
    """The bytes of a finished .docx and the reminders that go with it."""

    data: bytes
    reminders: tuple[Reminder, ...]


def finish(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> Finished:
    """The finished .docx for a loaded facts file (for one item of it, when it makes one per item)."""
    rendered = render_document(loaded, item)
    values = loaded.facts.values
    stamp = document_date(loaded, item)
    creator = _lookup(values, loaded.template.creator_fact) or "drafter"
    data = write_docx(
        rendered.model,
        loaded.format,
        stamp=stamp or dt.date(1980, 1, 1),
        creator=str(creator),
        masthead=loaded.masthead,
    )
    level = document_level(_lookup(values, "org.level"))
    reminders = currency_report((*loaded.snippet_uses, *rendered.snippet_uses), stamp, level)
    return Finished(data, tuple(reminders))


def document_bytes(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> bytes:
    """The finished .docx alone (see finish)."""
    return finish(loaded, item).data


def document_date(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> dt.date | None:
    """The document's date (its template's ``date_fact``): the item's (a unit's feedback date), else
    the facts file's. build stamps it, check measures "future" dates against it."""
    date_fact = loaded.template.date_fact
    stamp = (_lookup(item, date_fact) if item else None) or loaded.facts.values.get(date_fact)
    return stamp if isinstance(stamp, dt.date) else None


def item_file_name(loaded: LoadedFacts, item: dict[str, Any]) -> str:
    """The file name of one item's document, from the template's pattern, safe on every system."""
    template = loaded.template
    # A short text like a snippet: the document's markup escaping (doubled backslashes) has no place in
    # a file name, which safe_file_name makes safe instead.
    try:
        text = render_text(template.file_name, _context(loaded, item))
    except RenderError as err:
        msg = f"{display_path(template.directory / 'template.yaml')}: 文件名（file_name）{err}"
        raise RenderError(msg) from err
    return safe_file_name(text) + ".docx"


@dataclass(frozen=True, slots=True)
class Built:
    """One document of a build: written to ``path``, or not, because of ``problem``."""

    name: str
    path: Path | None = None
    problem: str = ""
    reminders: tuple[Reminder, ...] = ()
    # The file at ``path`` already held exactly this document, so it was left as it was.
    unchanged: bool = False


def build(
    facts_path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    loaded: LoadedFacts | None = None,
) -> Built:
    """Build the one document a facts file asks for.

    Nothing is written unless every check passes and the whole document is ready. Reminders that do not
    stop the build (a snippet out of date or for another level) come back with the result.
    ``loaded``: the facts already read (load_for_build), so that the file is not parsed again.
    """
    target = out if out is not None else facts_path.with_suffix(".docx")
    if target.is_dir():
        target = target / facts_path.with_suffix(".docx").name
    if target.resolve() == facts_path.resolve():
        msg = f"{target}: 输出文件不能是事实文件本身，请用 -o 指定 .docx 文件"
        raise WriteError(msg)
    loaded = loaded or load_facts(facts_path, templates, snippets)
    if loaded.template.each:
        noun = loaded.kind.item_noun
        msg = f"{display_path(facts_path)}: 这个事实文件每个{noun}生成一份文档，请用 build_each"
        raise WriteError(msg)
    finished = finish(loaded)
    written = write_new_file(target, finished.data, force=force)
    return Built(target.name, path=target, reminders=finished.reminders, unchanged=not written)


def unused_reminders(loaded: LoadedFacts) -> list[Reminder]:
    """Reminders before building: facts that the file gives and its template never uses (usage.py), and
    what the documents say in general words because the facts leave it out (the kind's)."""
    unused = unused_facts(loaded.template, loaded.kind, loaded.facts.document, loaded.library)
    return [*unused, *loaded.reminders]


def load_for_build(
    facts_path: Path, templates: Path | None = None, snippets: Sequence[Path] = ()
) -> LoadedFacts:
    """A facts file read once for either kind of build (build or build_each).

    Problems inside single units of a round leave just those units out (reported by build_each); a
    one-document template is unaffected by that. A round of 2 000 units takes ~3.5 s to parse: once is enough.
    """
    return load_facts(facts_path, templates, snippets, keep_good_items=True)


def build_each(
    facts_path: Path,
    out_dir: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    only: str | None = None,
    snippets: Sequence[Path] = (),
    loaded: LoadedFacts | None = None,
) -> Iterator[tuple[int, int, Built]]:
    """Build one document per item into a folder, yielding (number, total, result) as each is done.

    An item with its own problems, or whose document cannot be written, is reported and skipped; the
    others are still built. Problems outside the items stop everything before anything is written.
    """
    folder = items_folder(facts_path, out_dir, ".docx", "这个事实文件每个单位生成一份文档")
    loaded = loaded or load_for_build(facts_path, templates, snippets)
    prepare_folder(folder)  # once for the round, not once per unit
    items, failed = chosen_items(facts_path, loaded, only)
    total = len(items) + len(failed)
    done = 0
    for result in failed:
        done += 1
        yield done, total, result
    used: set[str] = set()
    for index, item in enumerate(items):
        done += 1
        yield done, total, _build_item(loaded, index, item, folder, used, force)


def items_folder(facts_path: Path, out_dir: Path | None, suffix: str, what: str) -> Path:
    """The folder a file per item goes to: ``out_dir``, else one named after the facts file; a file's
    name (``suffix``, or an existing file) is refused, saying ``what`` is written."""
    folder = out_dir if out_dir is not None else facts_path.with_suffix("")
    if folder.suffix.lower() == suffix or folder.is_file():
        msg = f"{folder}: {what}，-o 请给出一个文件夹"
        raise WriteError(msg)
    return folder


def chosen_items(
    facts_path: Path, loaded: LoadedFacts, only: str | None
) -> tuple[list[dict[str, Any]], list[Built]]:
    """The items to make a document (or workbook) for, and those left out for their own problems; only
    the one named ``only`` when it is given."""
    items = loaded.items()
    failed = [Built(name, problem="\n".join(str(i) for i in issues)) for name, issues in loaded.failed]
    if only is not None:
        return select_items(facts_path, only, loaded, items, failed)
    return items, failed


def select_items(
    facts_path: Path, only: str, loaded: LoadedFacts, items: list[dict[str, Any]], failed: list[Built]
) -> tuple[list[dict[str, Any]], list[Built]]:
    """The items (and left-out items) a user picked by name; SelectionError with a "did you mean"."""
    kind = loaded.kind
    chosen = [i for i in items if only in kind.item_keys(i)]
    chosen_failed = [f for f in failed if f.name == only]
    if not chosen and not chosen_failed:
        names = [kind.item_name(item, i) for i, item in enumerate(items)] + [f.name for f in failed]
        hint = difflib.get_close_matches(only, names, n=1, cutoff=0.5)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        msg = f"{display_path(facts_path)}: 没有名为“{only}”的{kind.item_noun}{tip}（有：{'、'.join(names)}）"
        raise SelectionError(msg)
    return chosen, chosen_failed


def _build_item(
    loaded: LoadedFacts, index: int, item: dict[str, Any], folder: Path, used: set[str], force: bool
) -> Built:
    name = loaded.kind.item_name(item, index)
    try:
        file_name = item_file_name(loaded, item)
        stem = file_name.removesuffix(".docx")
        counter = 2
        # Two units whose names differ only in unsafe characters, or in letter case (one file on Windows).
        while file_name.casefold() in used:
            file_name = f"{stem}（{counter}）.docx"
            counter += 1
        used.add(file_name.casefold())
        target = folder / file_name
        finished = finish(loaded, item)
        written = write_new_file(target, finished.data, force=force)
    except DrafterError as err:
        return Built(name, problem=str(err))
    return Built(name, path=target, reminders=finished.reminders, unchanged=not written)


def write_skeleton(
    name: str, out: Path | None = None, *, force: bool = False, templates: Path | None = None
) -> Path:
    """Write the commented facts skeleton of a template (default file: <name>.yaml); returns its path."""
    template = find_template(name, templates_root(templates))
    target = out or Path(f"{name}.yaml")
    if target.is_dir():
        target = target / f"{name}.yaml"
    write_new_file(target, skeleton(template).encode("utf-8"), force=force)
    return target


def _lookup(values: dict[str, Any], dotted: str) -> Any:
    current: Any = values
    for part in dotted.split(".") if dotted else ():
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current
