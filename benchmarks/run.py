"""drafter's benchmarks: what a clerk waits for, against docxtpl and the packaging floor, in one run.

    python benchmarks/run.py [--quick] [--json benchmarks/results.json]

Measures (a) a cold ``drafter build`` of the annual sample against a cold docxtpl process rendering the
same document, (b) the warm time per feedback opinion over a batch of 200 units against docxtpl and
against zipping a finished document (the floor: no engine can package faster), (c) start-up of
``drafter --help`` and ``drafter templates list`` against ``import click``, (d) ``drafter check`` on
a 10- and a 30-page report, (e) time and peak memory of rounds of 1 000 and 2 000 units, (f) writing and
reading back one unit's 整改台账 (.xlsx), and which modules the build loads. It prints a table with the
ratios and targets and writes every figure as JSON.

Needs docxtpl (``pip install -e '.[bench]'``). Times are medians; compare ratios, not absolute times,
between machines. ``--quick`` makes fewer and smaller runs (a smoke test, not a measurement).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, long_report, round_file
from docxtpl_peer import make_template, paragraph_summary, render
from timing import Run, child_environment, median_runs, run_once

ANNUAL = ROOT / "samples" / "annual-report.yaml"
ANNUAL_AS_OF = dt.date(2026, 12, 15)  # the annual sample's as_of: its ledgers are read as of it
PY = sys.executable
DRAFTER = [PY, "-m", "drafter"]


class Bench:
    """One benchmark run: its working folder, the children's environment and everything measured."""

    def __init__(self, work: Path, quick: bool) -> None:
        self.work = work
        self.quick = quick
        self.env = child_environment(work / "cache")
        self.figures: dict[str, dict[str, float | str | bool]] = {}
        self.targets: list[dict[str, object]] = []

    def repeats(self, full: int) -> int:
        return 1 if self.quick else full

    def record(self, key: str, **values: float | str | bool) -> None:
        self.figures[key] = values
        shown = ", ".join(f"{k} {_fmt(v)}" for k, v in values.items())
        print(f"  {key}: {shown}", flush=True)

    def target(self, name: str, value: float, limit: float, unit: str = "×") -> None:
        self.targets.append(
            {"target": name, "value": round(value, 3), "limit": limit, "unit": unit, "holds": value <= limit}
        )


def _fmt(value: float | str | bool) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def cold_build(bench: Bench) -> None:
    """(a) One annual report, whole process, drafter against docxtpl."""
    out = bench.work / "annual.docx"
    command = [*DRAFTER, "build", str(ANNUAL), "-o", str(out), "--force"]
    run_once(command, bench.env)
    template = bench.work / "annual-docxtpl-template.docx"
    (context,) = make_template([out], template)
    context_file = bench.work / "annual-context.json"
    context_file.write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    peer_out = bench.work / "annual-docxtpl.docx"
    peer = [
        PY,
        str(Path(__file__).parent / "docxtpl_peer.py"),
        str(template),
        str(context_file),
        str(peer_out),
    ]
    typed_out = bench.work / "typed.docx"
    typed = [*DRAFTER, "build", str(_typed_figures(bench.work)), "-o", str(typed_out), "--force"]
    commands = {"drafter": command, "docxtpl": peer, "typed": typed}
    runs = median_runs(commands, bench.env, bench.repeats(9))
    _same_document(out, peer_out)
    # The first run on a machine (or after an upgrade) parses drafter's own data files: shown apart.
    first = []
    for number in range(bench.repeats(5)):
        env = {**bench.env, "DRAFTER_CACHE": str(bench.work / f"first-run-cache-{number}")}
        first.append(run_once(command, env).seconds)
    drafter, docxtpl = runs["drafter"].seconds, runs["docxtpl"].seconds
    bench.record(
        "cold_build_ms",
        drafter=drafter * 1000,
        drafter_first_run=statistics.median(first) * 1000,
        docxtpl=docxtpl * 1000,
        # The same report with its rectification figures typed instead of read from the rounds' 8
        # returned ledgers: the difference is openpyxl's import (~200 ms) and ~18 ms per ledger.
        drafter_figures_typed=runs["typed"].seconds * 1000,
    )
    bench.target("cold build of the annual sample ÷ docxtpl cold", drafter / docxtpl, 1.0)


def _typed_figures(work: Path) -> Path:
    """The annual sample and its rounds without ledgers, the figures the ledgers give typed instead."""
    folder = work / "typed-figures"
    folder.mkdir(exist_ok=True)
    for name in ("round-2026-1.yaml", "round-2026-2.yaml"):
        text = (ANNUAL.parent / name).read_text(encoding="utf-8")
        kept = [line for line in text.splitlines(True) if not line.startswith(("ledgers:", "  folder:"))]
        (folder / name).write_text("".join(kept), encoding="utf-8")
    figures = (
        "  completed: 15\n  ongoing: 2\n  long_term: 1\n  rules_made: 12\n  funds_recovered: 21\n"
        "  accountability: 5\n"
    )
    text = ANNUAL.read_text(encoding="utf-8")
    # Into the rectification: block (other blocks have an as_of too).
    text = text.replace("  follow_up_units: 6\n", f"  follow_up_units: 6\n{figures}", 1)
    path = folder / ANNUAL.name
    path.write_text(text, "utf-8")
    return path


def _same_document(ours: Path, theirs: Path) -> None:
    if paragraph_summary(ours) != paragraph_summary(theirs):
        msg = f"{theirs} does not say what {ours} says: the comparison would be unfair"
        raise RuntimeError(msg)


def warm_batch(bench: Bench, units: int) -> None:
    """(b) Feedback opinions in a warm process: time per document over a batch of ``units``."""
    from drafter.pipeline.build import build_each, load_for_build

    source = round_file(units, bench.work)
    loaded = load_for_build(source)
    batches = iter(range(1_000_000))

    def folder() -> Path:
        path = bench.work / f"batch-{next(batches)}"
        path.mkdir()
        return path

    def drafter_batch() -> list[Path]:
        built = [result.path for _, _, result in build_each(source, folder(), loaded=loaded)]
        if None in built:
            msg = "a unit of the benchmark round failed to build"
            raise RuntimeError(msg)
        return [p for p in built if p is not None]

    documents = drafter_batch()
    template = bench.work / "feedback-docxtpl-template.docx"
    contexts = make_template(documents, template)
    packages = []
    for docx in documents:
        with zipfile.ZipFile(docx) as package:
            packages.append([(info, package.read(info)) for info in package.infolist()])

    def docxtpl_batch() -> list[Path]:
        out = folder()
        paths = [out / f"{number}.docx" for number in range(len(contexts))]
        for context, path in zip(contexts, paths, strict=True):
            render(template, context, path)
        return paths

    def zip_floor_batch() -> list[Path]:
        out = folder()
        paths = [out / f"{number}.docx" for number in range(len(packages))]
        for parts, path in zip(packages, paths, strict=True):
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
                for info, data in parts:
                    package.writestr(info, data)
        return paths

    # Every document docxtpl makes says what drafter's says, or the comparison would be unfair.
    for ours, theirs in zip(documents, docxtpl_batch(), strict=True):
        _same_document(ours, theirs)
    methods: dict[str, Callable[[], list[Path]]] = {
        "drafter": drafter_batch,
        "docxtpl": docxtpl_batch,
        "zip_floor": zip_floor_batch,
    }
    medians = _median_ms_per_document(methods, bench.repeats(5), units)
    bench.record("warm_feedback_ms_per_document", units=units, **medians)
    bench.target("warm feedback opinion ÷ docxtpl", medians["drafter"] / medians["docxtpl"], 0.3)
    bench.target("warm feedback opinion ÷ zip floor", medians["drafter"] / medians["zip_floor"], 4.0)


def _median_ms_per_document(
    methods: dict[str, Callable[[], list[Path]]], repeats: int, units: int
) -> dict[str, float]:
    """Each method's median milliseconds per document over ``repeats`` batches of ``units``."""
    per_document: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(repeats):  # interleaved, so that a noisy moment hits every method alike
        for name, batch in methods.items():
            start = time.perf_counter()
            batch()
            per_document[name].append((time.perf_counter() - start) / units)
    return {name: statistics.median(times) * 1000 for name, times in per_document.items()}


def start_up(bench: Bench) -> None:
    """(c) Commands that answer at once, against importing click alone."""
    commands = {
        "python": [PY, "-c", "pass"],
        "import_click": [PY, "-c", "import click"],
        "drafter_help": [*DRAFTER, "--help"],
        "drafter_templates_list": [*DRAFTER, "templates", "list"],
    }
    runs = median_runs(commands, bench.env, bench.repeats(15))
    bench.record("start_up_ms", **{name: run.seconds * 1000 for name, run in runs.items()})
    click = runs["import_click"].seconds
    bench.target("drafter --help ÷ import click", runs["drafter_help"].seconds / click, 2.0)
    bench.target("drafter templates list ÷ import click", runs["drafter_templates_list"].seconds / click, 2.0)


def check_report(bench: Bench, sizes: tuple[int, int]) -> None:
    """(d) drafter check on reports of ``sizes`` pages, as .txt and as .docx (exit 3: it found errors).

    The long one is the size of a long annual report with its annexes (30 pages): a check of it must
    stay a short wait, and grow with the text, not faster."""
    import docx

    runs = {}
    for pages in sizes:
        text, characters = long_report(pages, bench.work)
        document = docx.Document()
        for line in text.read_text(encoding="utf-8").splitlines():
            document.add_paragraph(line)
        word = text.with_suffix(".docx")
        document.save(str(word))
        commands = {
            path.suffix.lstrip("."): [*DRAFTER, "check", str(path), "--org-level", "县"]
            for path in (text, word)
        }
        runs[pages] = median_runs(commands, bench.env, bench.repeats(5), ok=(0, 3))
        key = "check_ms" if pages == sizes[0] else f"check_{pages}_pages_ms"
        bench.record(
            key, pages=pages, characters=characters, **{k: r.seconds * 1000 for k, r in runs[pages].items()}
        )
    short, long = sizes
    bench.target(f"check of a {long}-page .docx", runs[long]["docx"].seconds * 1000, 1500, " ms")
    bench.target(
        f"check {long} pages ÷ {short} pages (.docx)",
        runs[long]["docx"].seconds / runs[short]["docx"].seconds,
        long / short,  # start-up is shared: linear growth would stay well under the page ratio
    )


def big_rounds(bench: Bench, sizes: tuple[int, int]) -> None:
    """(e) Whole rounds built by one command: time and peak memory, and how time grows with size.

    The sizes take turns, so that a machine that speeds up or slows down during the run (a 2-core
    machine shared with others does) changes both alike instead of the ratio."""
    sources = {size: round_file(size, bench.work) for size in sizes}
    runs: dict[int, list[Run]] = {size: [] for size in sizes}
    for number in range(bench.repeats(5)):
        for size, source in sources.items():
            out = bench.work / f"round-{size}-{number}"
            runs[size].append(run_once([*DRAFTER, "build", str(source), "-o", str(out)], bench.env))
            shutil.rmtree(out)
    found = {
        size: Run(statistics.median(r.seconds for r in done), max(r.peak_kb for r in done))
        for size, done in runs.items()
    }
    for size, run in found.items():
        bench.record(f"round_{size}_units", seconds=run.seconds, peak_mb=run.peak_kb / 1024)
    small, large = sizes
    bench.target(
        f"{large} units ÷ {small} units (time)",
        found[large].seconds / found[small].seconds,
        1.1 * large / small,  # at most 10 % worse than linear
    )
    if found[large].peak_kb:
        bench.target(f"peak memory, {large} units", found[large].peak_kb / 1024, 150, "MB")


def ledgers(bench: Bench) -> None:
    """(f) One unit's 整改台账: written (drafter ledger's work for a unit) and a returned one read back and
    checked cell by cell (what an annual report does for every unit of its rounds), in one process."""
    from drafter.kinds.ledgers import ledger_spec
    from drafter.pipeline.loading import load_facts
    from drafter.workbook.reading import read_ledger
    from drafter.workbook.writing import ledger_bytes

    round_file = ROOT / "samples" / "round-2026-1.yaml"
    loaded = load_facts(round_file)
    units = loaded.items()
    specs = [ledger_spec(loaded.values, unit) for unit in units]
    folder = round_file.parent / "第一轮整改台账"
    returned = [folder / f"第一轮巡察反馈问题整改台账-{u['name']}.xlsx" for u in units]
    today = ANNUAL_AS_OF
    repeats = bench.repeats(15)
    write_ms, read_ms = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        for spec in specs:
            ledger_bytes(spec)
        write_ms.append((time.perf_counter() - start) * 1000 / len(specs))
        start = time.perf_counter()
        for spec, path in zip(specs, returned, strict=True):
            read_ledger(path, spec, today)
        read_ms.append((time.perf_counter() - start) * 1000 / len(specs))
    rows = sum(len(spec.problems) for spec in specs) / len(specs)
    write, read = statistics.median(write_ms), statistics.median(read_ms)
    bench.record("ledger_ms_per_unit", write=write, read=read, rows_per_unit=rows)
    # A round of 30 units is written or read in a few seconds at these limits.
    bench.target("ledger written, per unit", write, 100, " ms")
    bench.target("returned ledger read and checked, per unit", read, 100, " ms")


def modules_loaded(bench: Bench) -> None:
    """Which heavy modules a build loads (python -X importtime lists every import)."""
    out = bench.work / "imports.docx"
    command = [PY, "-X", "importtime", "-m", "drafter", "build", str(ANNUAL), "-o", str(out), "--force"]
    listing = subprocess.run(command, capture_output=True, text=True, env=bench.env, check=True).stderr
    imported = {line.split("|")[-1].strip().split(".")[0] for line in listing.splitlines() if "|" in line}
    heavy = {name: name in imported for name in ("langdetect", "docx", "lxml", "openpyxl")}
    bench.record("build_loads", **heavy)
    bench.target("build loads langdetect (1 = yes)", float(heavy["langdetect"]), 0.0, "")


def print_table(bench: Bench) -> None:
    print("\n| target | measured | limit | holds |\n|---|---|---|---|")
    for t in bench.targets:
        print(
            f"| {t['target']} | {t['value']}{t['unit']} | ≤ {t['limit']}{t['unit']} | "
            f"{'yes' if t['holds'] else 'NO'} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, smaller runs (a smoke test)")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as folder:
        bench = Bench(Path(folder), args.quick)
        print(f"drafter benchmarks{' (quick)' if args.quick else ''}, working in {folder}", flush=True)
        cold_build(bench)
        warm_batch(bench, 20 if args.quick else 200)
        start_up(bench)
        check_report(bench, (10, 30))
        big_rounds(bench, (50, 100) if args.quick else (1000, 2000))
        ledgers(bench)
        modules_loaded(bench)
        print_table(bench)
        result = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "quick": args.quick,
            "machine": {
                "python": platform.python_version(),
                "system": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "figures": bench.figures,
            "targets": bench.targets,
        }
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwritten: {args.json}")
    return 0  # a target that does not hold is a finding to read in the table, not a failed run


if __name__ == "__main__":
    sys.exit(main())
