"""A real layout engine for previews and render checks: LibreOffice (.docx → PDF) and poppler (PDF → PNG).

Both are outside programs, run with subprocess and a time limit; nothing here waits forever. Each
conversion uses a throw-away LibreOffice profile, so it works while the user has LibreOffice open and
never touches their settings.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..core.errors import RendererError
from .autospace import turn_autospace_off, turns_autospace_off
from .fontmap import Substitution, document_fonts, fontconfig_rules, mappings, registry_modifications
from .fonts import installed_families

SOFFICE_NAMES = ("soffice", "libreoffice")

INSTALL_LIBREOFFICE = (
    "请先安装 LibreOffice（免费）：Windows 从 https://zh-cn.libreoffice.org/download/ 下载安装；"
    "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer-nogui "
    "fonts-arphic-uming fonts-arphic-ukai fonts-noto-cjk"
)
INSTALL_POPPLER = (
    "请先安装 poppler：Windows 可从 https://github.com/oschwartz10612/poppler-windows/releases 下载，"
    "解压后把其中的 Library\\bin 文件夹加入 PATH；Debian/Ubuntu 运行 sudo apt-get install poppler-utils"
)

# A first start of LibreOffice with a fresh profile takes a few seconds; a slow office PC, more.
CONVERT_TIMEOUT_S = 180.0
PER_EXTRA_FILE_S = 30.0
POPPLER_TIMEOUT_S = 120.0


def find_soffice() -> Path | None:
    """LibreOffice's program: on PATH, else where its installers put it (Windows, macOS)."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _installed_locations():
        if candidate.is_file():
            return candidate
    return None


def _installed_locations() -> list[Path]:
    if sys.platform == "win32":
        roots = [os.environ.get(v) for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
        roots += ["C:\\Program Files", "C:\\Program Files (x86)"]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in dict.fromkeys(roots) if r]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return []


def find_poppler(tool: str = "pdftoppm") -> Path | None:
    """A poppler program (pdftoppm, pdftotext, pdffonts) on PATH."""
    found = shutil.which(tool)
    return Path(found) if found else None


def require_soffice() -> Path:
    """LibreOffice's program, or a RendererError that says how to install it."""
    found = find_soffice()
    if found is None:
        msg = f"没有找到 LibreOffice，无法生成 PDF 预览。{INSTALL_LIBREOFFICE}"
        raise RendererError(msg)
    return found


def require_poppler(tool: str = "pdftoppm") -> Path:
    """A poppler program, or a RendererError that says how to install it."""
    found = find_poppler(tool)
    if found is None:
        msg = f"没有找到 {tool}（poppler 的一部分），无法生成图片。{INSTALL_POPPLER}"
        raise RendererError(msg)
    return found


def preview_substitutions(documents: Sequence[Path]) -> list[Substitution]:
    """The faces the preview draws the documents' missing fonts with (fontmap.py)."""
    fonts: dict[str, str] = {}
    for doc in documents:
        for font, role in document_fonts(doc).items():
            fonts.setdefault(font, role)
    return mappings(fonts, installed_families())


def _uses_fontconfig() -> bool:
    return sys.platform.startswith("linux") and shutil.which("fc-match") is not None


def _seed_profile(profile: Path, chosen: list[Substitution]) -> dict[str, str]:
    """Write the preview's font mapping into a fresh profile; returns the environment LibreOffice needs."""
    fontconfig = _uses_fontconfig()
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        registry_modifications(chosen, fontconfig=fontconfig), encoding="utf-8"
    )
    env = dict(os.environ)
    rules = fontconfig_rules(chosen, os.environ.get("FONTCONFIG_FILE", "/etc/fonts/fonts.conf"))
    if fontconfig and rules is not None:
        conf = profile / "fonts.conf"
        conf.write_text(rules, encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    return env


def convert_to_pdf(
    documents: Sequence[Path],
    outdir: Path,
    *,
    timeout: float | None = None,
    progress: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Convert documents to PDF in one LibreOffice run; returns the PDFs, in the order given.

    Each PDF is named after its document (a.docx → outdir/a.pdf), so two documents with the same
    name in different folders cannot share a run. The run's own profile maps missing fonts to the
    closest faces of this machine (fontmap.py). ``progress`` is called with each PDF as it appears.
    """
    stems = [doc.stem for doc in documents]
    if len(set(stems)) != len(stems):
        msg = f"convert_to_pdf: two documents share a name: {stems}"
        raise ValueError(msg)
    for doc in documents:
        if not doc.is_file():
            msg = f"{doc}: 文件不存在"
            raise RendererError(msg)
    soffice = require_soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    pdfs = [outdir / f"{doc.stem}.pdf" for doc in documents]
    for stale in pdfs:  # an old PDF must not pass for a new one when a conversion fails
        stale.unlink(missing_ok=True)
    limit = timeout if timeout is not None else CONVERT_TIMEOUT_S + PER_EXTRA_FILE_S * (len(documents) - 1)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        env = _seed_profile(Path(profile), preview_substitutions(documents))
        sources = _without_autospace(soffice, Path(profile), env, documents, limit)
        seen: set[Path] = set()

        def poll() -> None:
            # LibreOffice writes the PDFs in the order given; one that the next has followed is complete.
            for index, pdf in enumerate(pdfs):
                done = index + 1 < len(pdfs) and pdfs[index + 1].exists()
                if pdf not in seen and pdf.exists() and done and progress is not None:
                    seen.add(pdf)
                    progress(pdf)

        args = soffice_args(soffice, Path(profile), "pdf:writer_pdf_Export", outdir, sources)
        result = run_tool(args, limit, what="LibreOffice", env=env, poll=poll if progress else None)
    missing = [doc.name for doc, pdf in zip(documents, pdfs, strict=True) if not pdf.is_file()]
    if missing:
        detail = _tail(result.stderr) or _tail(result.stdout)
        msg = f"{'、'.join(missing)}: LibreOffice 没能转换成 PDF（文件可能已损坏或不是 Word 文档）"
        raise RendererError(msg + (f"：{detail}" if detail else ""))
    if progress is not None:
        for pdf in pdfs:
            if pdf not in seen:
                progress(pdf)
    return pdfs


def soffice_args(
    soffice: Path, profile: Path, target: str, outdir: Path, sources: Sequence[Path]
) -> list[str]:
    """A headless LibreOffice run with its own profile that converts ``sources`` to ``target``."""
    return [
        str(soffice),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *(str(source) for source in sources),
    ]


def _without_autospace(
    soffice: Path, profile: Path, env: dict[str, str], documents: Sequence[Path], limit: float
) -> list[Path]:
    """What to convert to PDF: each document, or for one that turns the automatic space between Chinese
    and figures off, its flat-XML copy with the space off (autospace.py; LibreOffice would add it)."""
    sources = list(documents)
    wanted = [index for index, doc in enumerate(documents) if turns_autospace_off(doc)]
    if not wanted:
        return sources
    flat_dir = profile / "flat"
    args = soffice_args(soffice, profile, "fodt", flat_dir, [documents[i] for i in wanted])
    run_tool(args, limit, what="LibreOffice", env=env)
    for index in wanted:
        flat = flat_dir / f"{documents[index].stem}.fodt"
        if flat.is_file():  # one LibreOffice could not read stays as it is; the PDF run names it
            turn_autospace_off(flat)
            sources[index] = flat
    return sources


def pdf_to_png(pdf: Path, outdir: Path, *, dpi: int = 100) -> list[Path]:
    """One PNG per page (outdir/<pdf name>-1.png, …), in page order."""
    pdftoppm = require_poppler("pdftoppm")
    outdir.mkdir(parents=True, exist_ok=True)
    prefix = outdir / pdf.stem
    run_tool(
        [str(pdftoppm), "-png", "-r", str(dpi), str(pdf), str(prefix)], POPPLER_TIMEOUT_S, what="pdftoppm"
    )
    # pdftoppm pads page numbers to the width of the last one (a-01.png when there are 10+ pages).
    pages = [p for p in outdir.glob(f"{pdf.stem}-*.png") if p.stem[len(pdf.stem) + 1 :].isdigit()]
    if not pages:
        msg = f"{pdf.name}: pdftoppm 没有生成任何图片"
        raise RendererError(msg)
    return sorted(pages, key=lambda p: int(p.stem[len(pdf.stem) + 1 :]))


def run_tool(
    args: list[str],
    timeout: float,
    *,
    what: str,
    env: dict[str, str] | None = None,
    poll: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run an outside program; on a timeout kill it with everything it started, then raise.

    ``poll`` is called about twice a second while it runs (to report progress)."""
    # LibreOffice's launcher starts soffice.bin as a child: a new process group lets a timeout end both.
    # A statement, not a conditional expression: type checkers read only the branch of their platform.
    extra: dict[str, object]
    if sys.platform == "win32":
        extra = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        extra = {"start_new_session": True}
    try:
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            **extra,  # type: ignore[call-overload]
        )
    except OSError as err:
        msg = f"无法运行 {what}（{args[0]}）：{err.strerror or err}"
        raise RendererError(msg) from err
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                stdout, stderr = process.communicate(timeout=0.5 if poll else timeout)
                break
            except subprocess.TimeoutExpired:
                # Retrying communicate loses no output (subprocess docs).
                if poll is None or time.monotonic() > deadline:
                    raise
                poll()
    except subprocess.TimeoutExpired as err:
        _kill_tree(process)
        # A grandchild that left the group may still hold the pipes open: do not wait for it.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.communicate(timeout=10)
        msg = f"{what} 在 {timeout:.0f} 秒内没有完成，已停止；请关闭其他占用它的程序后重试"
        raise RendererError(msg) from err
    if process.returncode != 0:
        detail = _tail(stderr) or _tail(stdout)
        msg = f"{what} 运行失败（退出码 {process.returncode}）" + (f"：{detail}" if detail else "")
        raise RendererError(msg)
    return subprocess.CompletedProcess(args, process.returncode, stdout, stderr)


def _kill_tree(process: subprocess.Popen[str]) -> None:
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False, timeout=30
        )
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()


def _tail(text: str | None, lines: int = 3) -> str:
    """The last lines of a program's output, minus LibreOffice's harmless Java warning."""
    kept = [
        line.strip()
        for line in (text or "").splitlines()
        if line.strip() and "javaldx" not in line and not line.startswith("convert ")
    ]
    return " ".join(kept[-lines:])
