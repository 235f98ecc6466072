"""What ``drafter preview`` and ``drafter doctor`` do with a facts file: build it in memory, then hand the
.docx to LibreOffice; or report the fonts of the format that file (or the folder's drafter.yaml) asks for."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.errors import UNIT_ONLY_FOR_ITEMS, FactsError, OptionError, WriteError, display_path
from ..docx.format_settings import resolve_format
from ..facts.local_config import CONFIG_NAME
from ..facts.yamlfile import Document, load_yaml
from ..pipeline.build import document_bytes, item_file_name, select_items
from ..pipeline.loading import LoadedFacts, load_facts
from .doctor import report as doctor_text
from .pages import Preview, check_tools, preview_documents, preview_docx, preview_target, source_kind


def preview(
    source: Path,
    out: Path | None = None,
    *,
    png_dir: Path | None = None,
    dpi: int = 100,
    force: bool = False,
    templates: Path | None = None,
    unit: str | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[Preview]:
    """PDF (and PNG) pages of a facts file's documents or of a .docx, through LibreOffice.

    A facts file is built in memory into a temporary folder; nothing but the previews is written.
    A round facts file makes one document per unit: ``unit`` picks one, else every unit is previewed in
    one LibreOffice run (``out`` is then a folder), ``progress(done, total, pdf)`` following it.
    """
    into_folder = out is not None and out.is_dir()
    if source_kind(source) == "document":
        target = out / source.with_suffix(".pdf").name if out is not None and into_folder else out
        return [preview_docx(source, preview_target(source, target), png_dir=png_dir, dpi=dpi, force=force)]
    loaded = load_facts(source, templates)
    items = _preview_items(source, loaded, unit)
    if items == [None]:
        target = out / source.with_suffix(".pdf").name if out is not None and into_folder else out
        targets = [preview_target(source, target)]
    elif unit is not None and not into_folder:
        targets = [preview_target(source, out or _item_pdf(source.parent, loaded, items[0]))]
    else:  # every unit (or the one asked for) into a folder
        folder = out if out is not None else source.parent
        if folder.suffix.lower() == ".pdf":
            noun = loaded.kind.item_noun
            msg = f"{folder}: 这个事实文件有 {len(items)} 个{noun}，每个{noun}一份 PDF，-o 请给出一个文件夹"
            raise WriteError(msg)
        targets = [preview_target(source, _item_pdf(folder, loaded, item)) for item in items]
    check_tools(png=png_dir is not None)
    with tempfile.TemporaryDirectory(prefix="drafter-build-") as temp:
        documents = []
        for index, (item, target) in enumerate(zip(items, targets, strict=True)):
            docx = Path(temp) / f"{index}.docx"
            docx.write_bytes(document_bytes(loaded, item))
            documents.append((docx, target))
        return preview_documents(documents, png_dir=png_dir, dpi=dpi, force=force, progress=progress)


def _item_pdf(folder: Path, loaded: LoadedFacts, item: dict[str, Any] | None) -> Path:
    assert item is not None
    return folder / Path(item_file_name(loaded, item)).with_suffix(".pdf").name


def _preview_items(source: Path, loaded: LoadedFacts, unit: str | None) -> list[dict[str, Any] | None]:
    """The items (a round's units) to preview: the one named, or all; [None] for a one-document file."""
    if not loaded.template.each:
        if unit is not None:
            msg = UNIT_ONLY_FOR_ITEMS
            raise OptionError(msg)
        return [None]
    items = loaded.items()
    if unit is None:
        return list(items)
    chosen, _ = select_items(source, unit, loaded, items, [])
    return [chosen[0]]


def doctor_report(facts_path: Path | None = None) -> str:
    """``drafter doctor``'s report for the format of a facts file, or of drafter.yaml in this folder."""
    doc = load_yaml(facts_path) if facts_path is not None else Document(Path.cwd() / CONFIG_NAME, {})
    fmt, issues = resolve_format(doc)
    if issues:
        raise FactsError(issues)
    layers = []
    config = doc.path.parent / CONFIG_NAME
    if config.is_file():
        layers.append(display_path(config))
    if facts_path is not None and isinstance(doc.data, dict) and "format" in doc.data:
        layers.append(f"{display_path(facts_path)} 的 format: 一节")
    source = "内置标准版式（GB/T 9704-2012）"
    if layers:
        source += "，按 " + "、".join(layers) + " 调整"
    return doctor_text(fmt, source)
