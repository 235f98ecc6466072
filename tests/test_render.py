"""Every sample document rendered by a real layout engine (LibreOffice): the format claims, measured on pages.

Every samples/*.yaml is built with the CLI (a folder of documents for ``template: feedback``, one .docx
otherwise), all documents are converted in one LibreOffice run, and each page is read back with
``pdftotext -bbox-layout``. Skipped with a reason where LibreOffice or poppler is missing, except in CI
(CI set), where a missing renderer is a failure: .ci/run installs it.

Counting characters honestly. The standard's unit is the 字, the width of one Chinese character; a
half-width digit or Latin letter is half a 字. Lines of Chinese text must hold exactly 28. Lines with
digits cannot be held to that on this renderer: without 仿宋_GB2312 LibreOffice draws digits in its
Latin substitute (DejaVu Sans, 0.63 em instead of 0.5) and puts about a quarter em between Chinese and
digits, and a number is never broken, so it moves to the next line whole. Such lines are checked to
hold at most 28 and to fall short of 28 by no more than what those digits explain (DIGIT_* below).
Closing punctuation at the end of a line may hang into the margin (Word's default 允许标点溢出边界,
which LibreOffice follows); it is not counted.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from drafter.cli.main import cli
from drafter.docx.titles import TITLE_WORDS
from drafter.facts.yamlfile import load_yaml
from drafter.preview.libreoffice import convert_to_pdf

from .conftest import RENDER_NOTES, SAMPLES
from .helpers import require_renderer

pytestmark = pytest.mark.render

MM_PER_PT = 25.4 / 72
TYPE_AREA_TOP_MM, TYPE_AREA_BOTTOM_MM = 37, 297 - 35
TYPE_AREA_LEFT_MM, TYPE_AREA_RIGHT_MM = 28, 210 - 26
CELL_MM = 15.75 * MM_PER_PT  # one body character: 16 pt less 0.25 pt character spacing
LINE_PITCH_MM = 579 / 20 * MM_PER_PT  # 28.95 pt
ONE_SIZE4_CHAR_MM = 14 * MM_PER_PT
TITLE_CHAR_MM = 22 * MM_PER_PT
CHARS_PER_LINE, LINES_PER_PAGE, TITLE_MAX_CHARS = 28, 22, 20
# What a half-width character costs on this renderer beyond half a 字, and the gap at each side of a
# run of them (measured: DejaVu Sans digits 10.0 pt of 15.75; gaps 3.4–3.9 pt). Generous upper bounds.
DIGIT_EXTRA_CELLS, RUN_GAP_CELLS, DIGIT_CELLS = 0.15, 0.25, 0.65

CLOSING = set("，。、；：！？）》」』】〕”’")
OPENING = set("（《「『【〔“‘")
HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
PAGE_COUNTS = Path(__file__).resolve().parent / "golden" / "render-pages.json"


def half_width(ch: str) -> bool:
    """Digits, Latin letters and ASCII signs; “” — … are drawn full width in Chinese text."""
    return ord(ch) < 0x2000


def chars(text: str) -> float:
    return sum(0.5 if half_width(ch) else 1 for ch in text)


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


# The frame's styles (masthead:): placed in millimetres by the standard, not on the body's rows.
FRAME_STYLES = ("版头行", "发文机关标志", "发文字号", "版记")


@dataclass(frozen=True)
class Rendered:
    """One document of a sample, as built and as LibreOffice laid it out.

    ``pages`` hold the body's lines; the frame's (版头 and 版记, see test_frame_render.py) are in ``raw``.
    """

    name: str
    docx: Path
    pdf: Path
    pages: list[list[Line]]
    raw: list[list[Line]]
    has_head: bool = False

    def paragraphs(self, style: str) -> list[str]:
        return [p.text for p in docx.Document(str(self.docx)).paragraphs if p.style.name == style]


def read_pages(pdf: Path) -> list[list[Line]]:
    """Every text line's box, in mm from the page's top left, page by page."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", layout, re.DOTALL):
        lines = []
        for x0, y0, x1, y1, inner in re.findall(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
            body,
            re.DOTALL,
        ):
            text = html.unescape("".join(re.findall(r">([^<]*)</word>", inner)))
            box = [float(v) * MM_PER_PT for v in (y0, y1, x0, x1)]
            lines.append(Line(text, *box))
        pages.append(lines)
    return pages


def build_sample(sample: Path, out_dir: Path, runner) -> list[Path]:
    """Build a sample through the CLI, as a user would; returns every .docx written."""
    one_per_unit = load_yaml(sample).data.get("template") == "feedback"
    target = out_dir / "documents" if one_per_unit else out_dir / f"{sample.stem}.docx"
    result = runner.invoke(cli, ["build", str(sample), "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = sorted(out_dir.rglob("*.docx"))
    assert written, f"{sample.name}: nothing built"
    return written


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, list[Rendered]]:
    """Every sample's documents, built once and converted in a single LibreOffice run."""
    from click.testing import CliRunner

    require_renderer("pdftotext", "pdffonts")
    root = tmp_path_factory.mktemp("render")
    runner = CliRunner()
    inputs: list[tuple[str, str, Path]] = []
    for index, sample in enumerate(SAMPLE_FILES):
        for built in build_sample(sample, root / "build" / sample.stem, runner):
            # One flat folder for the one LibreOffice run: the PDF is named after the document.
            flat = root / "flat" / f"{index:02d}-{len(inputs):03d}.docx"
            flat.parent.mkdir(exist_ok=True)
            shutil.copyfile(built, flat)
            inputs.append((sample.name, built.name, flat))
    pdfs = convert_to_pdf([flat for _, _, flat in inputs], root / "pdf")
    result: dict[str, list[Rendered]] = {sample.name: [] for sample in SAMPLE_FILES}
    for (sample_name, name, flat), pdf in zip(inputs, pdfs, strict=True):
        raw = read_pages(pdf)
        frame = frame_texts(flat)
        pages = [[line for line in page if line.text.replace(" ", "") not in frame] for page in raw]
        result[sample_name].append(Rendered(name, flat, pdf, pages, raw, has_head=bool(frame)))
    return result


def frame_texts(path: Path) -> set[str]:
    """The texts of the frame's paragraphs, each tab-separated piece on its own (as pdftotext splits them)."""
    pieces = set()
    for paragraph in docx.Document(str(path)).paragraphs:
        if paragraph.style.name in FRAME_STYLES:
            pieces |= {piece.replace(" ", "") for piece in paragraph.text.split("\t") if piece.strip()}
    for table in docx.Document(str(path)).tables:
        for cell in (c for row in table.rows for c in row.cells):
            pieces |= {p.replace(" ", "") for p in cell.text.replace("\n", "\t").split("\t") if p.strip()}
    return pieces


@pytest.fixture(params=SAMPLE_FILES, ids=lambda p: p.name)
def documents(request, rendered) -> list[Rendered]:
    return rendered[request.param.name]


def body_lines(page: list[Line]) -> list[Line]:
    return [line for line in page if line.bottom <= TYPE_AREA_BOTTOM_MM + 1]


def footer_line(page: list[Line]) -> Line:
    below = [line for line in page if line.top > TYPE_AREA_BOTTOM_MM + 1]
    assert len(below) == 1, below
    return below[0]


def is_title(line: Line) -> bool:
    """Title lines are set in 22 pt: their glyph boxes are taller than the 16 pt body's (10 mm vs 7.3)."""
    return line.bottom - line.top > 8.5


def text_lines(doc: Rendered) -> list[tuple[int, Line]]:
    """(page index, line) of every body line but the title, in reading order."""
    return [(i, line) for i, page in enumerate(doc.pages) for line in body_lines(page) if not is_title(line)]


def hanging(line: Line) -> bool:
    return line.right > TYPE_AREA_RIGHT_MM + 1 and line.text[-1:] in CLOSING


def cells(line: Line) -> float:
    """字 from the type area's left edge to the line's end; a hanging closing mark does not count."""
    text = line.text[:-1] if hanging(line) else line.text
    indent = round((line.left - TYPE_AREA_LEFT_MM) / CELL_MM * 2) / 2
    return indent + chars(text)


def half_width_runs(text: str) -> list[str]:
    return re.findall(r"[\x00-\u1fff]+", text)


# --------------------------------------------------------------------------------------------------
# pages


def test_every_sample_document_renders_to_its_recorded_number_of_pages(rendered, update_goldens):
    """Page counts are stable; after a deliberate change run pytest --update-goldens and review."""
    counts = {sample: {doc.name: len(doc.pages) for doc in docs} for sample, docs in sorted(rendered.items())}
    if update_goldens:
        PAGE_COUNTS.write_text(json.dumps(counts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    recorded = json.loads(PAGE_COUNTS.read_text(encoding="utf-8"))
    assert counts == recorded, "page counts changed: review, then run pytest --update-goldens"


def test_full_pages_of_body_text_hold_22_lines_on_the_line_grid(documents):
    for doc in documents:
        for number, page in enumerate(doc.pages, start=1):
            lines = body_lines(page)
            where = f"{doc.name} page {number}"
            if not lines:
                assert doc.has_head or number == len(doc.pages), where  # only the 版记's page, or a blank one
                continue
            rows = [(b.centre - a.centre) / LINE_PITCH_MM for a, b in itertools.pairwise(lines)]
            # A 22 pt title line sits a little differently in its row than 16 pt text.
            assert all(abs(r - round(r)) < 0.12 and round(r) >= 1 for r in rows), (where, rows)
            assert lines[0].top >= TYPE_AREA_TOP_MM and lines[-1].bottom <= TYPE_AREA_BOTTOM_MM, where
            if number == len(doc.pages):
                continue
            spanned = round((lines[-1].centre - lines[0].centre) / LINE_PITCH_MM) + 1
            following = [line.text for line in body_lines(doc.pages[number])]
            if not following:
                continue  # the body's last page: the 版记 has a page of its own after it
            kept = HEADING_START.match(following[0]) or set(doc.paragraphs("署名")) & set(following)
            if number == 1 and doc.has_head:
                # Below the 版头 the page is full: no further row would fit above its lower edge (less
                # the rows a heading kept with its text leaves).
                room = (3 if kept else 1) * LINE_PITCH_MM
                assert lines[-1].bottom > TYPE_AREA_BOTTOM_MM - room, (where, lines[-1])
                continue
            if kept:
                # A standalone heading, and the last paragraph with the 署名, are kept with what follows.
                assert spanned >= LINES_PER_PAGE - 3, where
                continue
            assert spanned == LINES_PER_PAGE, (where, spanned)
            if number > 1:
                assert len(lines) == LINES_PER_PAGE, (where, len(lines))


def test_no_body_line_holds_more_than_28_characters_and_full_lines_hold_28(documents):
    for doc in documents:
        lines = text_lines(doc)
        for (page, line), (_, after) in itertools.pairwise([*lines, (None, Line("", 0, 0, 0, 0))]):
            where = f"{doc.name} page {page + 1}: {line.text}"
            used = cells(line)
            assert used <= CHARS_PER_LINE, (where, used)
            # A closing mark at the end may reach into the margin, wholly (hanging) or in part (LibreOffice
            # squeezes a full line of digits and CJK by letting its last 。 protrude half a millimetre).
            assert line.right <= TYPE_AREA_RIGHT_MM + 0.5 or line.text[-1:] in CLOSING, where
            if line.right < TYPE_AREA_RIGHT_MM - 1:
                continue  # the last line of a paragraph, or a heading, signature or date
            runs = half_width_runs(line.text)
            # A number after an opening mark moves down with it: “（2026年7月7日前）”.
            opened = after.text[:1] in OPENING
            next_run = re.match(r"[\x00-\u1fff]+", after.text[1:] if opened else after.text)
            # A closing mark never starts a line, so the character before it moves down with it (“三重一|大”).
            kept_together = after.text[1:2] in CLOSING
            if not runs and not next_run and after.text[:1] not in OPENING and not kept_together:
                assert used == CHARS_PER_LINE, (where, used)
                continue
            # Digits here or a number moved whole to the next line; an opening mark never ends a line.
            allowance = 1 + sum(len(r) * DIGIT_EXTRA_CELLS + 2 * RUN_GAP_CELLS for r in runs)
            if next_run:
                allowance += len(next_run[0]) * DIGIT_CELLS + 2 * RUN_GAP_CELLS + (1 if opened else 0)
            elif opened:
                # LibreOffice breaks Chinese by a dictionary of words: after an opening mark the word moves
                # down whole (“一把手” never splits as “一|把手”), up to three characters more.
                allowance += 3
            assert used >= CHARS_PER_LINE - allowance, (where, used, allowance)


def test_a_number_is_never_broken_across_lines(documents):
    for doc in documents:
        lines = [line for _, line in text_lines(doc)]
        for line, after in itertools.pairwise(lines):
            assert not (line.text[-1:].isdigit() and after.text[:1].isdigit()), (
                doc.name,
                line.text,
                after.text,
            )


def test_body_text_begins_on_the_first_page(documents):
    for doc in documents:
        first = body_lines(doc.pages[0])
        body = [line for line in first if not is_title(line) and line.left < TYPE_AREA_LEFT_MM + 3 * CELL_MM]
        # Beyond the 主送机关 (flush left, one line) there is body text: indented first lines or full lines.
        assert any(line.right >= TYPE_AREA_RIGHT_MM - 1 for line in body), (doc.name, [x.text for x in first])


def test_page_numbers_read_dash_n_dash_below_the_type_area_on_alternating_sides(documents):
    for doc in documents:
        for number, page in enumerate(doc.pages, start=1):
            footer = footer_line(page)
            where = f"{doc.name} page {number}"
            assert footer.text.replace(" ", "") == f"—{number}—", where
            centre = (footer.top + footer.bottom) / 2
            assert abs(centre - (TYPE_AREA_BOTTOM_MM + 7)) < 1.5, (where, centre)  # about 7 mm below
            if number % 2:
                assert abs(footer.right - (TYPE_AREA_RIGHT_MM - ONE_SIZE4_CHAR_MM)) < 1.5, (where, footer)
            else:
                assert abs(footer.left - (TYPE_AREA_LEFT_MM + ONE_SIZE4_CHAR_MM)) < 1.5, (where, footer)


def test_title_lines_are_the_documents_own_within_20_characters_and_whole_words(documents):
    for doc in documents:
        (title,) = doc.paragraphs("公文标题")
        wanted = title.split("\n")
        shown = [line for line in body_lines(doc.pages[0]) if is_title(line)]
        # The renderer kept drafter's breaks: it wrapped no line of its own.
        assert [line.text for line in shown] == wanted, doc.name
        for line in shown:
            assert chars(line.text) <= TITLE_MAX_CHARS, line.text
            # A line of exactly 20 characters measures 20 cells, give or take the reader's rounding.
            assert line.right - line.left <= TITLE_MAX_CHARS * TITLE_CHAR_MM + 0.05, line.text
        for above, below in itertools.pairwise(wanted):
            joined, cut = above + below, len(above)
            assert not (above[-1].isdigit() and below[0].isdigit()), (above, below)
            assert below[0] not in CLOSING and above[-1] not in OPENING, (above, below)
            assert joined[:cut].count("《") == joined[:cut].count("》"), (above, below)
            for word in TITLE_WORDS:
                for m in re.finditer(re.escape(word), joined):
                    assert not m.start() < cut < m.end(), (word, above, below)


def test_signature_and_date_are_not_alone_at_the_top_of_a_page(documents):
    for doc in documents:
        signature, date = doc.paragraphs("署名"), doc.paragraphs("成文日期")
        if not signature and not date:
            continue
        closing = [*signature, *date]
        for page in doc.pages:
            texts = [line.text for line in body_lines(page) if not is_title(line)]
            if closing[0] in texts:
                at = texts.index(closing[0])
                assert texts[at : at + len(closing)] == closing, (doc.name, texts)
                assert at > 0, f"{doc.name}: {closing[0]} starts a page"
                break
        else:
            pytest.fail(f"{doc.name}: {closing[0]} not found on any page")


def test_font_substitution_is_reported(documents, request):
    """The fonts the PDF really uses, against those the document names; printed, never a failure."""
    notes = request.config.stash[RENDER_NOTES]
    for doc in documents:
        listing = subprocess.run(
            ["pdffonts", str(doc.pdf)], check=True, capture_output=True, text=True, timeout=60
        ).stdout
        used = sorted({line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()})
        assert used, f"{doc.name}: the PDF embeds no fonts"
        font_tags = re.findall(r"<w:rFonts [^>]*>", _styles(doc.docx))
        named = sorted(
            {name for tag in font_tags for name in re.findall(r'w:(?:eastAsia|ascii)="([^"]+)"', tag)}
        )
        missing = [font for font in named if not any(_same_font(font, u) for u in used)]
        verdict = f"替换：{'、'.join(missing)}" if missing else "全部为原字体"
        notes.append(f"{doc.name}: 文档要求 {'、'.join(named)}；PDF 实际使用 {', '.join(used)}（{verdict}）")


def _styles(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("word/styles.xml").decode("utf-8")


def _same_font(named: str, embedded: str) -> bool:
    return re.sub(r"[\s_-]", "", named).lower() in re.sub(r"[\s_-]", "", embedded).lower()


# --------------------------------------------------------------------------------------------------
# the annual sample in particular


@pytest.fixture(scope="module")
def sample_pages(rendered):
    (annual,) = rendered["annual-report.yaml"]
    return annual.pages


def test_the_annual_sample_fills_several_pages(sample_pages):
    assert len(sample_pages) >= 3


def test_a_full_page_of_the_annual_sample_fills_the_type_area(sample_pages):
    for page in sample_pages[1:-1]:
        lines = body_lines(page)
        assert len(lines) == LINES_PER_PAGE
        pitches = [b.top - a.top for a, b in itertools.pairwise(lines)]
        assert all(abs(p - LINE_PITCH_MM) < 0.2 for p in pitches), pitches
        assert lines[-1].bottom > TYPE_AREA_BOTTOM_MM - 1.5


def test_the_annual_sample_begins_with_title_addressee_and_body(sample_pages):
    texts = [line.text for line in body_lines(sample_pages[0])]
    assert texts[:3] == ["中共清河县委", "关于2026年度巡察工作情况的报告", "中共临江市委："]
    assert any(t.startswith("2026年，县委坚持") for t in texts)


def test_the_annual_sample_ends_with_signature_and_date_in_place(sample_pages):
    last = body_lines(sample_pages[-1])
    assert [line.text for line in last[-2:]] == ["中共清河县委", "2026年12月25日"]
    assert len(last) > 2  # never alone at the top of a page
    # 7.3.5.2: the date keeps two characters on its right.
    assert last[-1].right == pytest.approx(TYPE_AREA_RIGHT_MM - 2 * CELL_MM, abs=1.5)
