"""The official frame (masthead:) measured on pages LibreOffice laid out, against GB/T 9704-2012's numbers.

Text positions come from ``pdftotext -bbox-layout``; rules and the red mark's ink from the page's pixels
(pdftoppm's PPM output, read here without an image library). Rendered: the masthead sample (an upward
report, 签发人 on the 发文字号's row, the 版记 on the back of the last sheet), and variants of it built in a
temporary folder — a joint mark with 密级 and 紧急程度 and an attachment ending on an even page with room
(the 版记 under it), and a long attachment filling its even page (a blank page, then the 版记, neither
numbered).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter.pipeline.build import build, load_for_build
from drafter.preview.libreoffice import convert_to_pdf

from .conftest import SAMPLES
from .helpers import require_renderer
from .test_render import (
    MM_PER_PT,
    TYPE_AREA_BOTTOM_MM,
    TYPE_AREA_LEFT_MM,
    TYPE_AREA_RIGHT_MM,
    TYPE_AREA_TOP_MM,
    Line,
    read_pages,
)

pytestmark = pytest.mark.render

MASTHEAD_SAMPLE = SAMPLES / "annual-report-masthead.yaml"
DPI = 200
PX_MM = 25.4 / DPI
ROW_MM = 579 / 20 * MM_PER_PT
BODY_CHAR_MM = 15.75 * MM_PER_PT
SIZE4_CHAR_MM = 14 * MM_PER_PT
TYPE_WIDTH_MM = TYPE_AREA_RIGHT_MM - TYPE_AREA_LEFT_MM

JOINT = """
masthead:
  secrecy: 秘密★1年
  urgency: 加急
  copy_number: 12
  issuer: [中共清河县委, 清河县人民政府]
  number: 清发〔2026〕32号
  copy_to: [市委巡察办, 县纪委监委, 县委组织部, 县委宣传部, 县委政法委, 县人民法院, 县人民检察院]
  printed_by: 中共清河县委办公室
  printed_on: 2026-12-26
  attachments:
    - title: 2026年度巡察工作统计表
      text: |
        本表统计全年两轮巡察的单位、问题和整改情况。
"""

SENTENCE = "巡察发现的问题已经逐项建立台账，明确责任人和整改时限，按期销号。"


HIGH = bytes(1 if v > 180 else 0 for v in range(256))
LOW = bytes(1 if v < 100 else 0 for v in range(256))
DARK = bytes(1 if v < 110 else 0 for v in range(256))


@dataclass
class Page:
    lines: list[Line]
    pdf: Path
    number: int
    work: Path
    _pixels: tuple[list, list] | None = None

    @property
    def red(self) -> list[tuple[float, float, float, float]]:
        """(top, bottom, left, right) in mm of each band of red ink."""
        return self._scan()[0]

    @property
    def rules(self) -> list[tuple[float, float, float, float]]:
        """Dark horizontal rules longer than 100 mm."""
        return self._scan()[1]

    def _scan(self) -> tuple[list, list]:
        if self._pixels is None:
            self._pixels = read_pixels(self.pdf, self.number, self.work)
        return self._pixels


def _bands(rows: dict[int, tuple[int, int]]) -> list[tuple[float, float, float, float]]:
    bands: list[list[int]] = []
    for y in sorted(rows):
        if bands and y - bands[-1][-1] <= 1:
            bands[-1].append(y)
        else:
            bands.append([y])
    return [
        (
            b[0] * PX_MM,
            (b[-1] + 1) * PX_MM,
            min(rows[y][0] for y in b) * PX_MM,
            (max(rows[y][1] for y in b) + 1) * PX_MM,
        )
        for b in bands
    ]


def _mask(*channels: bytes) -> bytes:
    """1 where every channel's mask is 1 (bitwise AND of byte masks through big integers)."""
    value = -1
    for channel in channels:
        value &= int.from_bytes(channel, "big")
    return value.to_bytes(len(channels[0]), "big")


def read_pixels(pdf: Path, number: int, work: Path) -> tuple[list, list]:
    """Red bands and long dark rules on one page, from pdftoppm's PPM (no image library needed)."""
    prefix = work / f"{pdf.stem}-{number}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
        timeout=120,
    )
    data = prefix.with_suffix(".ppm").read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header, "pdftoppm wrote no PPM"
    width, height = int(header[1]), int(header[2])
    pixels = data[header.end() :]
    red: dict[int, tuple[int, int]] = {}
    dark: dict[int, tuple[int, int]] = {}
    long_rule = int(100 / PX_MM)
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        r, g, b = row[0::3], row[1::3], row[2::3]
        reds = _mask(r.translate(HIGH), g.translate(LOW), b.translate(LOW))
        if 1 in reds:
            red[y] = (reds.index(1), reds.rindex(1))
        darks = _mask(r.translate(DARK), g.translate(DARK), b.translate(DARK))
        if darks.count(1) > long_rule:
            dark[y] = (darks.index(1), darks.rindex(1))
    return _bands(red), _bands(dark)


def read_words(pdf: Path, number: int) -> list[Line]:
    """Every word's box on one page (pdftotext joins words on one baseline into a line)."""
    layout = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return [
        Line(text, *(float(v) * MM_PER_PT for v in (y0, y1, x0, x1)))
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', layout
        )
    ]


def _where_the_body_ends(facts: str, root: Path) -> tuple[int, bool]:
    """By drafter's own count: the page this document's body ends on, and whether the 版记 fits under it."""
    from drafter.docx.frame import imprint_rows
    from drafter.docx.pagination import imprint_fits, paginate
    from drafter.docx.writer import document_xml
    from drafter.pipeline.build import render_model

    path = root / "probe.yaml"
    path.write_text(facts, encoding="utf-8")
    loaded = load_for_build(path)
    assert loaded.masthead is not None
    ending = paginate(document_xml(render_model(loaded), loaded.format, loaded.masthead).blocks, 22)
    return ending.page, imprint_fits(ending, imprint_rows(loaded.masthead, loaded.format), 22)


def _items(count: int) -> str:
    return "\n\n".join(f"        第{i}项。" + SENTENCE * 2 for i in range(1, count + 1))


@pytest.fixture(scope="module")
def frames(tmp_path_factory) -> dict[str, list[Page]]:
    require_renderer("pdftotext", "pdftoppm")
    root = tmp_path_factory.mktemp("frames")
    text = MASTHEAD_SAMPLE.read_text(encoding="utf-8").replace("round-2026-", str(SAMPLES / "round-2026-"))
    head, _, _ = text.partition("\nmasthead:")
    # As many items as it takes for the attachment to end on an even page too full for the 版记; and for
    # the joint variant's attachment, to end on an even page with room for it (found, not assumed: the
    # sample's length decides both).
    for count in range(1, 40):
        long = text + f"  attachments:\n    - title: 巡察整改工作台账说明\n      text: |\n{_items(count)}\n"
        page, fits = _where_the_body_ends(long, root)
        if page % 2 == 0 and not fits:
            break
    for count in range(40):
        joint = head + JOINT + ("\n" + _items(count) + "\n" if count else "")
        page, fits = _where_the_body_ends(joint, root)
        if page % 2 == 0 and fits:
            break
    variants = {"sample": MASTHEAD_SAMPLE, "joint": joint, "long": long}
    documents = []
    for name, facts in variants.items():
        path = facts if isinstance(facts, Path) else root / f"{name}.yaml"
        if not isinstance(facts, Path):
            path.write_text(facts, encoding="utf-8")
        documents.append(build(path, root / f"{name}.docx").path)
    pdfs = convert_to_pdf(documents, root / "pdf")
    return {
        name: [Page(lines, pdf, number, root) for number, lines in enumerate(read_pages(pdf), start=1)]
        for name, pdf in zip(variants, pdfs, strict=True)
    }


def footer_text(page: Page) -> str:
    return "".join(line.text for line in page.lines if line.top > TYPE_AREA_BOTTOM_MM + 1).replace(" ", "")


# --------------------------------------------------------------------------------------------------
# 版头 (7.2)


@pytest.mark.parametrize("variant", ["sample", "joint"])
def test_the_mark_is_red_and_its_top_edge_35_mm_below_the_type_area(frames, variant):
    mark, rule = frames[variant][0].red[0], frames[variant][0].red[-1]
    assert mark[0] - TYPE_AREA_TOP_MM == pytest.approx(35, abs=1.0), mark  # 7.2.4 (规定)
    assert (mark[2] + mark[3]) / 2 == pytest.approx((TYPE_AREA_LEFT_MM + TYPE_AREA_RIGHT_MM) / 2, abs=1.0)
    assert mark[3] - mark[2] <= TYPE_WIDTH_MM
    assert rule[1] - rule[0] < 1.0  # the separator is a rule, not text


@pytest.mark.parametrize("variant", ["sample", "joint"])
def test_the_red_separator_spans_the_type_area_4_mm_below_the_document_number(frames, variant):
    page = frames[variant][0]
    rule = page.red[-1]
    assert rule[2] == pytest.approx(TYPE_AREA_LEFT_MM, abs=0.5) and rule[3] == pytest.approx(
        TYPE_AREA_RIGHT_MM, abs=0.5
    )
    number = next(line for line in page.lines if re.search(r"〔2026〕\d+号", line.text))
    # pdftotext's box reaches the font's descent (0.288 em for Noto CJK), the characters' em box 0.12 em.
    em_bottom = number.bottom - (0.288 - 0.12) * 16 * MM_PER_PT
    assert rule[0] - em_bottom == pytest.approx(4, abs=0.6), (rule, number)  # 7.2.7
    title = next(line for line in page.lines if line.top > rule[1] and line.bottom - line.top > 8.5)
    assert title.top - rule[1] == pytest.approx(2 * ROW_MM, abs=2.5)  # 7.3.1: two blank rows above the title


def test_an_upward_documents_number_and_signer_share_a_row_one_character_in(frames):
    lines = frames["sample"][0].lines
    number = next(line for line in lines if "清发〔2026〕31号" in line.text.replace(" ", ""))
    signer = next(line for line in lines if line.text.replace(" ", "").startswith("签发人"))
    assert number.top == pytest.approx(signer.top, abs=0.3)  # 7.2.6: on the row of the 发文字号
    assert number.left - TYPE_AREA_LEFT_MM == pytest.approx(BODY_CHAR_MM, abs=1.0)  # 居左空一字
    assert TYPE_AREA_RIGHT_MM - signer.right == pytest.approx(BODY_CHAR_MM, abs=1.0)  # 居右空一字


def test_a_document_without_signers_centres_its_number_and_stacks_a_joint_mark(frames):
    page = frames["joint"][0]
    number = next(line for line in page.lines if "〔2026〕32号" in line.text.replace(" ", ""))
    centre = (number.left + number.right) / 2
    assert centre == pytest.approx((TYPE_AREA_LEFT_MM + TYPE_AREA_RIGHT_MM) / 2, abs=1.0)
    texts = [line.text.replace(" ", "") for line in page.lines]
    assert texts[:3] == ["000012", "秘密★1年", "加急"]  # 7.2.1–7.2.3, top-down, flush left
    assert all(abs(line.left - TYPE_AREA_LEFT_MM) < 0.5 for line in page.lines[:3])
    words = read_words(page.pdf, 1)
    second = next(w for w in words if w.text == "清河县人民政府")
    first = [w for w in words if w.text in "中共清河县委" and 5 < second.top - w.top < 20]
    suffix = next(w for w in words if w.text == "文件")
    assert "".join(w.text for w in sorted(first, key=lambda w: w.left)) == "中共清河县委"
    # The names stacked and aligned at both ends; 文件 to their right, centred on them (7.2.4).
    assert min(w.left for w in first) == pytest.approx(second.left, abs=0.5)
    assert max(w.right for w in first) == pytest.approx(second.right, abs=0.5)
    assert suffix.left >= second.right - 0.5
    names_centre = (min(w.top for w in first) + second.bottom) / 2
    assert (suffix.top + suffix.bottom) / 2 == pytest.approx(names_centre, abs=1.5)


# --------------------------------------------------------------------------------------------------
# 版记 (7.4) and the even page


def _imprint_page(pages: list[Page]) -> tuple[int, Page]:
    found = [(n, p) for n, p in enumerate(pages, start=1) if any("印发" in line.text for line in p.lines)]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("variant", ["sample", "joint", "long"])
def test_the_imprint_is_on_the_last_page_an_even_one_its_last_rule_on_the_type_areas_edge(frames, variant):
    pages = frames[variant]
    number, page = _imprint_page(pages)
    assert number == len(pages) and number % 2 == 0
    rules = page.rules[-3:] if len(page.rules) >= 3 else page.rules
    assert len(rules) == 3, page.rules
    assert rules[-1][1] == pytest.approx(TYPE_AREA_BOTTOM_MM, abs=0.6)  # 7.4.1
    for rule in rules:
        assert rule[2] == pytest.approx(TYPE_AREA_LEFT_MM, abs=0.5)
        assert rule[3] == pytest.approx(TYPE_AREA_RIGHT_MM, abs=0.5)
    thick_first, thin, thick_last = (r[1] - r[0] for r in rules)
    assert thin < thick_first and thin < thick_last  # 0.35 mm, 0.25 mm, 0.35 mm (推荐)
    printed = [line for line in page.lines if line.bottom > rules[1][1] and line.bottom < rules[2][0] + 0.5]
    organ, date = sorted(printed, key=lambda line: line.left)
    assert organ.left - TYPE_AREA_LEFT_MM == pytest.approx(SIZE4_CHAR_MM, abs=0.8)  # 7.4.3 左空一字
    assert TYPE_AREA_RIGHT_MM - date.right == pytest.approx(SIZE4_CHAR_MM, abs=0.8)  # 右空一字
    assert date.text.replace(" ", "") == "2026年12月26日印发"


def test_a_long_copy_to_list_wraps_after_its_colon_inside_the_rules(frames):
    """7.4.2: 抄送 one character in from each side; a wrapped line aligns with the first name."""
    _, page = _imprint_page(frames["joint"])
    first_rule, middle_rule = page.rules[-3], page.rules[-2]
    lines = [line for line in page.lines if first_rule[1] < line.top and line.bottom < middle_rule[0] + 0.5]
    assert len(lines) == 2, lines
    assert lines[0].text.replace(" ", "").startswith("抄送：")
    assert lines[0].left - TYPE_AREA_LEFT_MM == pytest.approx(SIZE4_CHAR_MM, abs=0.8)
    assert lines[1].left - TYPE_AREA_LEFT_MM == pytest.approx(4 * SIZE4_CHAR_MM, abs=0.8)
    assert lines[1].text.replace(" ", "").endswith("县人民检察院。")
    assert TYPE_AREA_RIGHT_MM - lines[0].right >= SIZE4_CHAR_MM - 0.8


def test_an_imprint_that_fits_under_the_body_of_an_even_page_shares_it(frames):
    pages = frames["joint"]
    number, page = _imprint_page(pages)
    body = [
        line for line in page.lines if line.bottom < page.rules[-3][0] and line.top > TYPE_AREA_TOP_MM - 1
    ]
    assert body, "the 版记's page holds the attachment's text too"
    assert footer_text(page) == f"—{number}—"  # numbered as usual


def test_a_blank_page_before_the_imprint_and_the_imprints_page_carry_no_number(frames):
    pages = frames["long"]
    number, page = _imprint_page(pages)
    blank = pages[number - 2]
    assert not [line for line in blank.lines if line.text.strip()]  # 7.5: blank, no page number
    assert footer_text(page) == ""
    assert all(footer_text(p) == f"—{n}—" for n, p in enumerate(pages[: number - 2], start=1))


def test_the_imprint_right_after_an_odd_page_keeps_its_number(frames):
    pages = frames["sample"]
    number, page = _imprint_page(pages)
    assert footer_text(pages[number - 2]) == f"—{number - 1}—"
    assert footer_text(page) == f"—{number}—"


def test_attachments_follow_the_body_on_a_page_of_their_own_numbers_continuing(frames):
    pages = frames["joint"]
    start = next(
        n for n, p in enumerate(pages, start=1) if p.lines and p.lines[0].text.replace(" ", "") == "附件"
    )
    first = pages[start - 1].lines
    assert first[0].left == pytest.approx(TYPE_AREA_LEFT_MM, abs=0.5)  # 7.3.7: 顶格, first row
    title = first[1]
    assert title.text.replace(" ", "") == "2026年度巡察工作统计表"
    assert round((title.bottom - first[0].bottom) / ROW_MM) == 2  # on the third row
    assert footer_text(pages[start - 1]) == f"—{start}—"
    notes = [line.text.replace(" ", "") for p in pages[: start - 1] for line in p.lines]
    assert "附件：2026年度巡察工作统计表" in notes  # 7.3.4: 附件说明 under the body


# --------------------------------------------------------------------------------------------------
# drafter's own page count (pagination.py), on which the 版记's even page depends


@pytest.fixture(scope="module")
def counted(tmp_path_factory) -> list[tuple[str, int, int]]:
    """(document, pages drafter counts, pages LibreOffice lays out) for every sample document."""
    from drafter.docx.pagination import paginate
    from drafter.docx.writer import document_xml, write_docx
    from drafter.pipeline.build import render_model

    require_renderer("pdftotext")
    root = tmp_path_factory.mktemp("counted")
    documents, names, counts = [], [], []
    for sample in sorted(SAMPLES.glob("*.yaml")):
        loaded = load_for_build(sample)
        for index, item in enumerate(loaded.items() or [None]):
            model = render_model(loaded, item)
            # The body with its 版头 and 附件, without the 版记 (which may add pages of its own).
            frame = None if loaded.masthead is None else _without_imprint(loaded.masthead)
            counts.append(paginate(document_xml(model, loaded.format, frame).blocks, 22).page)
            path = root / f"{sample.stem}-{index}.docx"
            path.write_bytes(write_docx(model, loaded.format, stamp=dt.date(2026, 12, 25), masthead=frame))
            documents.append(path)
            names.append(path.name)
    pdfs = convert_to_pdf(documents, root / "pdf")
    return [(n, c, len(read_pages(p))) for n, c, p in zip(names, counts, pdfs, strict=True)]


def _without_imprint(head):
    return dataclasses.replace(head, copy_to=(), printed_by=None, printed_on=None)


def test_drafters_page_count_agrees_with_libreoffice_for_every_sample_document(counted):
    assert [(name, mine) for name, mine, _ in counted] == [(name, theirs) for name, _, theirs in counted]
