"""``drafter preview``: a document's pages as a PDF (and PNG images) without opening Word.

The pages come from LibreOffice, the closest real layout engine on most machines; Word and WPS may
break a line or a page differently, above all where fonts are substituted (see ``drafter doctor``).
Outputs follow the build rule: written whole or not at all, and never over an existing file
without ``force``.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import RendererError, WriteError, display_path
from ..core.output import prepare_folder, write_new_file
from .fontmap import describe
from .fonts import files_by_postscript_name, pdf_font_file
from .libreoffice import (
    POPPLER_TIMEOUT_S,
    convert_to_pdf,
    find_poppler,
    pdf_to_png,
    preview_substitutions,
    require_poppler,
    require_soffice,
    run_tool,
)

DOCUMENT_SUFFIXES = frozenset({".docx", ".doc"})
# The first bytes of an old binary .doc (an OLE compound file).
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
WORD_STREAM = "WordDocument".encode("utf-16-le")
FACTS_SUFFIXES = frozenset({".yaml", ".yml"})


@dataclass(frozen=True, slots=True)
class Preview:
    """What a preview wrote, and the faces it drew the document with."""

    pdf: Path
    pages: tuple[Path, ...] = ()
    # "仿宋_GB2312（仿宋）→ Noto Serif CJK SC": missing fonts and the faces standing in (fontmap.py).
    substitutions: tuple[str, ...] = ()
    # The fonts the PDF embeds, as pdffonts names them, each with its file; empty without pdffonts.
    fonts_used: tuple[str, ...] = ()


def fonts_used(pdf: Path) -> tuple[str, ...]:
    """The fonts a PDF embeds (pdffonts), each followed by the name of its file where fontconfig knows it."""
    pdffonts = find_poppler("pdffonts")
    if pdffonts is None:
        return ()
    listing = run_tool([str(pdffonts), str(pdf)], POPPLER_TIMEOUT_S, what="pdffonts").stdout
    names = sorted({line.split()[0].split("+", 1)[-1] for line in listing.splitlines()[2:] if line.strip()})
    files = files_by_postscript_name()
    described = []
    for name in names:
        file = pdf_font_file(name, files)
        described.append(f"{name}（{Path(file).name}）" if file else name)
    return tuple(described)


def preview_target(source: Path, out: Path | None) -> Path:
    """The PDF a preview of source writes (default: beside it, with .pdf); refuses the source itself."""
    target = out if out is not None else source.with_suffix(".pdf")
    if target.suffix.lower() != ".pdf":
        msg = f"{target}: 预览文件应以 .pdf 结尾"
        raise WriteError(msg)
    if target.resolve() == source.resolve():
        msg = f"{target}: 输出文件不能是输入文件本身"
        raise WriteError(msg)
    return target


def check_tools(*, png: bool) -> None:
    """Fail before any work when a needed program is missing."""
    require_soffice()
    if png:
        require_poppler("pdftoppm")


def preview_docx(
    docx: Path,
    target: Path,
    *,
    png_dir: Path | None = None,
    dpi: int = 100,
    force: bool = False,
) -> Preview:
    """Render a .docx to the target PDF and, with png_dir, one PNG per page; returns what was written."""
    return preview_documents([(docx, target)], png_dir=png_dir, dpi=dpi, force=force)[0]


def preview_documents(
    documents: list[tuple[Path, Path]],
    *,
    png_dir: Path | None = None,
    dpi: int = 100,
    force: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
) -> list[Preview]:
    """Render each (.docx, target PDF) in one LibreOffice run and, with png_dir, one PNG per page.

    Every output is first produced in a temporary folder; existing files are checked before any is
    written, so a refusal leaves nothing half-done. ``progress(done, total, target)`` follows the run.
    """
    for docx, _ in documents:
        if not docx.is_file():
            msg = f"{docx}: 文件不存在"
            raise RendererError(msg)
        if not _is_word_file(docx):
            # LibreOffice would import any other file as plain text and "succeed".
            msg = f"{docx}: 不是 Word 文档（文件已损坏，或只是改了扩展名）"
            raise RendererError(msg)
    check_tools(png=png_dir is not None)
    targets = [target for _, target in documents]
    _refuse_existing(targets, force=force)
    # Every folder first: a PNG folder that cannot exist must not leave a PDF written before it.
    for folder in dict.fromkeys([*(t.parent for t in targets), png_dir]):
        if folder is not None:
            prepare_folder(folder)
    with tempfile.TemporaryDirectory(prefix="drafter-preview-") as temp:
        work = Path(temp)
        sources = []
        for docx, target in documents:
            # LibreOffice names the PDF after the document; a copy under the target's name gives the
            # PNG pages that name too.
            source = work / "in" / f"{target.stem}{docx.suffix.lower()}"
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(docx.read_bytes())
            sources.append(source)
        substitutions = tuple(describe(preview_substitutions(sources)))
        by_pdf = {work / "pdf" / f"{s.stem}.pdf": t for s, t in zip(sources, targets, strict=True)}
        done: list[Path] = []

        def report(pdf: Path) -> None:
            done.append(pdf)
            if progress is not None:
                progress(len(done), len(sources), by_pdf[pdf])

        pdfs = _converted(sources, [docx for docx, _ in documents], work / "pdf", report)
        rendered = [pdf_to_png(pdf, work / "png", dpi=dpi) if png_dir is not None else [] for pdf in pdfs]
        page_targets = [[png_dir / page.name for page in pages] if png_dir else [] for pages in rendered]
        _refuse_existing([p for pages in page_targets for p in pages], force=force)
        results = []
        for pdf, target, pages, pngs in zip(pdfs, targets, rendered, page_targets, strict=True):
            write_new_file(target, pdf.read_bytes(), force=force)
            for page, page_target in zip(pages, pngs, strict=True):
                write_new_file(page_target, page.read_bytes(), force=force)
            if png_dir is not None and force:
                _remove_stale_pages(png_dir, target.stem, pngs)
            results.append(Preview(target, tuple(pngs), substitutions, fonts_used(pdf)))
    return results


def _converted(
    sources: list[Path], documents: list[Path], outdir: Path, report: Callable[[Path], None]
) -> list[Path]:
    """The copies converted to PDF; a failure is said of the user's documents, not of the copies
    LibreOffice was given (named after the PDFs, which -o may name otherwise)."""
    try:
        return convert_to_pdf(sources, outdir, progress=report)
    except RendererError as err:
        message = str(err)
        for source, docx in zip(sources, documents, strict=True):
            message = message.replace(source.name, display_path(docx))
        raise RendererError(message) from None


def _remove_stale_pages(folder: Path, stem: str, current: list[Path]) -> None:
    """Pages of an earlier, longer preview under the same name (“报告-5.png” when there are now 4).

    Only with --force, and only files named exactly as a preview names its pages.
    """
    keep = {p.name for p in current}
    for old in folder.glob(f"{stem}-*.png"):
        number = old.stem.removeprefix(f"{stem}-")
        if number.isdigit() and old.name not in keep:
            old.unlink(missing_ok=True)


def _is_word_file(path: Path) -> bool:
    if path.suffix.lower() == ".doc":
        # Any OLE file starts with the magic; a Word one names its "WordDocument" stream in the
        # directory (UTF-16). LibreOffice would turn anything else into a page of garbage and "succeed".
        data = path.read_bytes()
        return data.startswith(OLE_MAGIC) and WORD_STREAM in data
    try:
        with zipfile.ZipFile(path) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _refuse_existing(paths: list[Path], *, force: bool) -> None:
    if force:
        return
    existing = [str(p) for p in paths if p.exists()]
    if existing:
        msg = f"{'、'.join(existing)}: 文件已存在，未做改动；如确要替换，请加 --force"
        raise WriteError(msg)


def source_kind(path: Path) -> str:
    """ "document" for a Word file, "facts" for a facts file; anything else cannot be previewed."""
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    if suffix in FACTS_SUFFIXES:
        return "facts"
    msg = f"{path}: 只能预览事实文件（.yaml）或 Word 文档（.docx）"
    raise RendererError(msg)
