"""drafter preview: PDF and PNG pages through LibreOffice, the build's no-overwrite rule, clear messages."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.cli.main import cli
from drafter.core.errors import RendererError
from drafter.preview.fontmap import document_fonts
from drafter.preview.libreoffice import run_tool

from .conftest import ANNUAL_TYPED, SAMPLES
from .helpers import copy_round, require_renderer, write


def pdf_pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.replace(" ", "").split("\f")[:-1]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def facts(tmp_path) -> Path:
    return Path(shutil.copy(ANNUAL_TYPED, tmp_path / "2026年度.yaml"))


@pytest.fixture
def empty_path(tmp_path, monkeypatch) -> Path:
    """PATH with nothing on it: no LibreOffice, no poppler."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.mark.render
def test_a_facts_file_previews_as_pdf_and_png_pages(runner, facts, tmp_path):
    require_renderer("pdftotext", "pdftoppm")
    result = runner.invoke(
        cli, ["preview", str(facts), "-o", str(tmp_path / "a.pdf"), "--png", str(tmp_path / "pages")]
    )
    assert result.exit_code == 0, result.output
    pages = pdf_pages_text(tmp_path / "a.pdf")
    assert len(pages) == 4
    assert "关于2026年度巡察工作情况的报告" in pages[0]
    assert "2026年12月25日" in pages[-1]
    images = sorted((tmp_path / "pages").iterdir())
    assert [p.name for p in images] == ["a-1.png", "a-2.png", "a-3.png", "a-4.png"]
    assert all(png_size(p) == (827, 1170) for p in images)  # A4 at 100 dpi
    assert not (tmp_path / "2026年度.docx").exists()  # built in memory, no .docx left beside the facts
    assert "已生成" in result.output


@pytest.mark.render
def test_a_round_file_previews_every_unit_in_one_run_or_the_unit_asked_for(runner, tmp_path, monkeypatch):
    require_renderer("pdftotext")
    import drafter.preview.libreoffice as libreoffice

    runs = []
    real_run = libreoffice.run_tool

    def counted(args, *rest, **options):
        if "--convert-to" in args:
            runs.append(args)
        return real_run(args, *rest, **options)

    monkeypatch.setattr(libreoffice, "run_tool", counted)
    round_file = Path(copy_round(SAMPLES / "round-2026-1.yaml", tmp_path, "第一轮.yaml"))
    result = runner.invoke(cli, ["preview", str(round_file), "-o", str(tmp_path / "预览")])
    assert result.exit_code == 0, result.output
    # LibreOffice starts twice for the whole round, whatever its size: once to its flat format (to turn
    # off the space it would add between Chinese and figures, preview/autospace.py), once to PDF.
    assert [args[args.index("--convert-to") + 1] for args in runs] == ["fodt", "pdf:writer_pdf_Export"]
    units = ["县发展和改革局", "县财政局", "城关镇", "城关镇东街村"]
    for number, unit in enumerate(units, start=1):
        pdf = tmp_path / "预览" / f"第一轮巡察反馈意见-{unit}.pdf"
        assert "反馈意见" in "".join(pdf_pages_text(pdf)), unit
        assert f"[{number}/4] 第一轮巡察反馈意见-{unit}.pdf" in result.stderr
    result = runner.invoke(cli, ["preview", str(round_file), "-o", str(tmp_path / "一个.pdf")])
    assert result.exit_code == 1
    assert "这个事实文件有 4 个单位，每个单位一份 PDF，-o 请给出一个文件夹" in result.stderr
    result = runner.invoke(cli, ["preview", str(round_file), "--unit", "县财政局"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "第一轮巡察反馈意见-县财政局.pdf"
    assert "关于巡察县财政局党组的反馈意见" in pdf_pages_text(pdf)[0]


@pytest.mark.render
def test_a_docx_previews_beside_itself_at_the_chosen_resolution(runner, sample_docx, tmp_path):
    require_renderer("pdftotext", "pdftoppm")
    document = Path(shutil.copy(sample_docx, tmp_path / "报告.docx"))
    result = runner.invoke(cli, ["preview", str(document), "--png", str(tmp_path / "img"), "--dpi", "50"])
    assert result.exit_code == 0, result.output
    assert "中共临江市委：" in pdf_pages_text(tmp_path / "报告.pdf")[0]
    first = tmp_path / "img" / "报告-1.png"
    assert png_size(first) == (414, 585)


@pytest.mark.render
def test_an_existing_pdf_is_not_replaced_without_force(runner, facts, tmp_path):
    require_renderer()
    target = write(tmp_path / "a.pdf", "edited by hand")
    result = runner.invoke(cli, ["preview", str(facts), "-o", str(target)])
    assert result.exit_code == 1
    assert "文件已存在" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "edited by hand"
    result = runner.invoke(cli, ["preview", str(facts), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.render
def test_an_existing_page_image_stops_the_preview_before_anything_is_written(runner, facts, tmp_path):
    require_renderer("pdftoppm")
    write(tmp_path / "pages" / "a-2.png", "kept")
    result = runner.invoke(
        cli, ["preview", str(facts), "-o", str(tmp_path / "a.pdf"), "--png", str(tmp_path / "pages")]
    )
    assert result.exit_code == 1
    assert "a-2.png" in result.stderr and "文件已存在" in result.stderr
    assert not (tmp_path / "a.pdf").exists()
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["a-2.png"]


def test_without_libreoffice_the_message_says_how_to_install_it(runner, facts, empty_path, tmp_path):
    result = runner.invoke(cli, ["preview", str(facts)])
    assert result.exit_code == 1
    assert "没有找到 LibreOffice" in result.stderr
    assert "libreoffice.org" in result.stderr and "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "2026年度.pdf").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a symlink stands in for LibreOffice")
def test_without_poppler_png_pages_are_refused_before_any_work(runner, facts, empty_path, tmp_path):
    (empty_path / "soffice").symlink_to(shutil.which("true") or "/bin/true")
    result = runner.invoke(cli, ["preview", str(facts), "--png", str(tmp_path / "pages")])
    assert result.exit_code == 1
    assert "没有找到 pdftoppm" in result.stderr and "poppler-utils" in result.stderr
    assert not (tmp_path / "2026年度.pdf").exists()


def test_a_file_that_is_not_a_word_document_is_refused(runner, tmp_path):
    fake = write(tmp_path / "x.docx", "not a Word file")
    if shutil.which("soffice") is None:
        pytest.skip("the check runs once LibreOffice is found")
    result = runner.invoke(cli, ["preview", str(fake)])
    assert result.exit_code == 1
    assert "x.docx: 不是 Word 文档" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_only_facts_files_and_word_documents_can_be_previewed(runner, tmp_path):
    source = write(tmp_path / "notes.txt", "text")
    result = runner.invoke(cli, ["preview", str(source)])
    assert result.exit_code == 1
    assert "notes.txt: 只能预览事实文件（.yaml）或 Word 文档（.docx）" in result.stderr


def test_the_preview_must_be_a_pdf(runner, facts, tmp_path):
    result = runner.invoke(cli, ["preview", str(facts), "-o", str(tmp_path / "a.png")])
    assert result.exit_code == 1
    assert "a.png: 预览文件应以 .pdf 结尾" in result.stderr


def test_facts_with_mistakes_are_reported_and_nothing_is_written(runner, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("the tools are checked first")
    facts = write(tmp_path / "f.yaml", "template: annual-report\nyear: 二〇二六\n")
    result = runner.invoke(cli, ["preview", str(facts)])
    assert result.exit_code == 1
    assert "f.yaml:2:7" in result.stderr
    assert not (tmp_path / "f.pdf").exists()


def test_a_program_that_hangs_is_stopped_at_the_time_limit():
    with pytest.raises(RendererError, match="LibreOffice 在 1 秒内没有完成"):
        run_tool([sys.executable, "-c", "import time; time.sleep(60)"], 1, what="LibreOffice")


def test_a_program_that_fails_is_reported_with_its_message():
    script = "import sys; print('source file could not be loaded', file=sys.stderr); sys.exit(3)"
    with pytest.raises(
        RendererError, match=r"LibreOffice 运行失败（退出码 3）：source file could not be loaded"
    ):
        run_tool([sys.executable, "-c", script], 30, what="LibreOffice")


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads process states from /proc")
def test_the_process_group_is_gone_after_a_timeout(tmp_path):
    """LibreOffice's launcher starts a child; a timeout must not leave it running."""
    pid_file = tmp_path / "child.pid"
    script = (
        "import subprocess, sys, time;"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid)); time.sleep(60)"
    )
    with pytest.raises(RendererError):
        run_tool([sys.executable, "-c", script], 2, what="LibreOffice")
    assert not _alive(int(pid_file.read_text()))


def _alive(pid: int) -> bool:
    """Whether a process still runs, allowing a moment for the kill to land (a zombie counts as gone)."""
    for _ in range(50):
        stat = Path(f"/proc/{pid}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] in {"Z", "X"}:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.render
def test_forced_png_pages_of_a_shorter_document_leave_no_stale_pages(runner, facts, tmp_path):
    require_renderer("pdftoppm")
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in (1, 9):
        write(pages / f"a-{n}.png", "old")
    write(pages / "a-notes.png", "not a page")
    result = runner.invoke(
        cli, ["preview", str(facts), "-o", str(tmp_path / "a.pdf"), "--png", str(pages), "--force"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in pages.iterdir())
    assert "a-9.png" not in names and "a-notes.png" in names and "a-1.png" in names


def test_a_normal_style_without_an_east_asian_font_lends_none_to_the_body(tmp_path):
    """The Normal style's font is read inside its own element, never from the style after it."""
    made = tmp_path / "made.docx"
    docx.Document().save(str(made))
    with zipfile.ZipFile(made) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8")
    normal = styles.index('w:styleId="Normal"')
    after_normal = styles.index("</w:style>", normal) + len("</w:style>")
    assert "w:eastAsia" not in styles[normal:after_normal]
    heading = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>'
    )
    parts["word/styles.xml"] = (styles[:after_normal] + heading + styles[after_normal:]).encode("utf-8")
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    assert "黑体" not in document_fonts(edited)  # nor does the font table name it


def test_the_fonts_of_drafters_own_styles_are_read_with_their_roles(sample_docx):
    assert document_fonts(sample_docx) == {
        "仿宋_GB2312": "fangsong",
        "方正小标宋简体": "xiaobiaosong",
        "黑体": "heiti",
        "楷体_GB2312": "kaiti",
        "宋体": "songti",
    }


def test_a_failed_conversion_names_the_users_document_not_the_copy(tmp_path, monkeypatch, sample_docx):
    """LibreOffice is given copies named after the PDFs (-o may name them otherwise)."""
    import drafter.preview.pages as pages

    def failing(sources, outdir, **options):
        names = "、".join(source.name for source in sources)
        raise RendererError(f"{names}: LibreOffice 没能转换成 PDF（文件可能已损坏或不是 Word 文档）")

    monkeypatch.setattr(pages, "convert_to_pdf", failing)
    mine = tmp_path / "坏 文件.docx"
    mine.write_bytes(sample_docx.read_bytes())
    with pytest.raises(RendererError) as raised:
        pages.preview_documents([(mine, tmp_path / "输出.pdf")])
    assert "坏 文件.docx: LibreOffice 没能转换成 PDF" in str(raised.value)
    assert "输出.docx" not in str(raised.value)
    assert not (tmp_path / "输出.pdf").exists()
