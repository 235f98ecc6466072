"""The library's entry points: facts file → validated facts → rendered markup → model → .docx, and the
commands built on them (preview, doctor, check)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import (
    DrafterError,
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
from ..phrases.use import TemplateSnippets, currency_report
from ..render.markup import DocumentModel, parse_markup
from ..render.sandbox import render, render_text
from .loading import LoadedFacts, load_facts
from .usage import unused_facts


def render_model(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> DocumentModel:
    """Render the template with the facts (and one item's facts) into a numbered document model."""
    template = loaded.template
    functions = TemplateSnippets(loaded.library) if loaded.library is not None else None
    text = render(
        template.directory,
        template.document,
        _context(loaded, item),
        {"snippet": functions} if functions is not None else None,
    )
    if functions is not None:
        loaded.snippet_uses.extend(functions.uses())
    return parse_markup(text, source=display_path(template.directory / template.document))


def _context(loaded: LoadedFacts, item: dict[str, Any] | None) -> dict[str, Any]:
    context = loaded.context
    if item is not None:
        context["unit"] = item
    return context


def document_bytes(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> bytes:
    """The finished .docx for a loaded facts file (for one item of it, when it makes one per item)."""
    model = render_model(loaded, item)
    values = loaded.facts.values
    stamp = _lookup(item, loaded.template.date_fact) if item else None
    stamp = stamp or values.get(loaded.template.date_fact)
    creator = _lookup(values, loaded.template.creator_fact) or "drafter"
    return write_docx(
        model,
        loaded.format,
        stamp=stamp if isinstance(stamp, dt.date) else dt.date(1980, 1, 1),
        creator=str(creator),
    )


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
    warnings: tuple[str, ...] = ()


def build(
    facts_path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    templates: Path | None = None,
    snippets: Sequence[Path] = (),
    on_warning: Callable[[str], None] | None = None,
    loaded: LoadedFacts | None = None,
) -> Path:
    """Build the one document a facts file asks for; returns the path written.

    Nothing is written unless every check passes and the whole document is ready. Warnings that do not
    stop the build (a snippet out of date or for another level) go to ``on_warning``, one line each.
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
        msg = f"{display_path(facts_path)}: 这个事实文件每个单位生成一份文档，请用 build_each"
        raise WriteError(msg)
    write_new_file(target, document_bytes(loaded), force=force)
    for warning in snippet_warnings(loaded) if on_warning is not None else ():
        on_warning(warning)
    return target


def snippet_warnings(loaded: LoadedFacts, item: dict[str, Any] | None = None) -> list[str]:
    """Currency warnings for the snippets a rendered document used (call after render_model)."""
    values = loaded.facts.values
    date = (_lookup(item, loaded.template.date_fact) if item else None) or values.get(
        loaded.template.date_fact
    )
    level = document_level(_lookup(values, "org.level"))
    return currency_report(loaded.snippet_uses, date if isinstance(date, dt.date) else None, level)


def unused_warnings(loaded: LoadedFacts) -> list[str]:
    """Warnings for facts that the file gives and its template never uses (usage.py)."""
    return unused_facts(loaded.template, loaded.facts.document, loaded.library)


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
    folder = out_dir if out_dir is not None else facts_path.with_suffix("")
    if folder.suffix.lower() == ".docx" or folder.is_file():
        msg = f"{folder}: 这个事实文件每个单位生成一份文档，-o 请给出一个文件夹"
        raise WriteError(msg)
    loaded = loaded or load_for_build(facts_path, templates, snippets)
    prepare_folder(folder)  # once for the round, not once per unit
    items = loaded.items()
    failed = [Built(name, problem="\n".join(str(i) for i in issues)) for name, issues in loaded.failed]
    if only is not None:
        items, failed = select_items(facts_path, only, items, failed)
    total = len(items) + len(failed)
    done = 0
    for result in failed:
        done += 1
        yield done, total, result
    used: set[str] = set()
    for item in items:
        done += 1
        yield done, total, _build_item(loaded, item, folder, used, force)


def select_items(
    facts_path: Path, only: str, items: list[dict[str, Any]], failed: list[Built]
) -> tuple[list[dict[str, Any]], list[Built]]:
    chosen = [i for i in items if only in (i.get("name"), i.get("party_org"))]
    chosen_failed = [f for f in failed if f.name == only]
    if not chosen and not chosen_failed:
        names = [str(i.get("name")) for i in items] + [f.name for f in failed]
        hint = difflib.get_close_matches(only, names, n=1, cutoff=0.5)
        tip = f"，是否想写“{hint[0]}”？" if hint else ""
        msg = f"{display_path(facts_path)}: 没有名为“{only}”的单位{tip}（有：{'、'.join(names)}）"
        raise SelectionError(msg)
    return chosen, chosen_failed


def _build_item(
    loaded: LoadedFacts, item: dict[str, Any], folder: Path, used: set[str], force: bool
) -> Built:
    name = str(item.get("name"))
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
        from_facts = len(loaded.snippet_uses)
        data = document_bytes(loaded, item)
        warnings = snippet_warnings(loaded, item)
        # The facts' own snippet uses stay; this unit's template uses are not carried to the next unit.
        del loaded.snippet_uses[from_facts:]
        write_new_file(target, data, force=force)
    except DrafterError as err:
        return Built(name, problem=str(err))
    return Built(name, path=target, warnings=tuple(warnings))


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
