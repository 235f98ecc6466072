"""What ``drafter preview`` and ``drafter doctor`` do with a facts file: build it in memory, then hand the
.docx to LibreOffice; or report the fonts of the format that file (or the folder's drafter.yaml) asks for."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from ..core.errors import UNIT_ONLY_FOR_ITEMS, FactsError, OptionError, SelectionError, display_path
from ..docx.format_settings import resolve_format
from ..facts.local_config import CONFIG_NAME
from ..facts.yamlfile import Document, load_yaml
from ..pipeline.build import document_bytes, item_file_name, select_items
from ..pipeline.loading import LoadedFacts, load_facts
from .doctor import report as doctor_text
from .pages import Preview, check_tools, preview_docx, preview_target, source_kind


def preview(
    source: Path,
    out: Path | None = None,
    *,
    png_dir: Path | None = None,
    dpi: int = 100,
    force: bool = False,
    templates: Path | None = None,
    unit: str | None = None,
) -> Preview:
    """PDF (and PNG) pages of a facts file's document or of a .docx, through LibreOffice.

    A facts file is built in memory into a temporary folder; nothing but the previews is written.
    A round facts file makes one document per unit: ``unit`` says which one to preview.
    """
    if source_kind(source) == "document":
        return preview_docx(source, preview_target(source, out), png_dir=png_dir, dpi=dpi, force=force)
    loaded = load_facts(source, templates)
    item = _preview_item(source, loaded, unit)
    default = source.with_name(item_file_name(loaded, item)).with_suffix(".pdf") if item else None
    target = preview_target(source, out or default)
    check_tools(png=png_dir is not None)
    data = document_bytes(loaded, item)
    with tempfile.TemporaryDirectory(prefix="drafter-build-") as temp:
        docx = Path(temp) / f"{source.stem}.docx"
        docx.write_bytes(data)
        return preview_docx(docx, target, png_dir=png_dir, dpi=dpi, force=force)


def _preview_item(source: Path, loaded: LoadedFacts, unit: str | None) -> dict[str, Any] | None:
    """The one item (a round's unit) to preview; None for a one-document facts file."""
    if not loaded.template.each:
        if unit is not None:
            msg = UNIT_ONLY_FOR_ITEMS
            raise OptionError(msg)
        return None
    items = loaded.items()
    if unit is None and len(items) == 1:
        return items[0]
    if unit is None:
        kind = loaded.kind
        names = "、".join(kind.item_name(item, i) for i, item in enumerate(items))
        msg = (
            f"{display_path(source)}: 这一轮有 {len(items)} 个{kind.item_noun}，"
            f"请用 --unit 指定预览哪一个（有：{names}）"
        )
        raise SelectionError(msg)
    chosen, _ = select_items(source, unit, loaded, items, [])
    return chosen[0]


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


