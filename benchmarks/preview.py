"""How long a clerk waits for the preview of a whole round: time per unit, one LibreOffice run for all.

    python benchmarks/preview.py [--units 12] [--repeats 3] [--json benchmarks/preview-results.json]

``drafter preview ROUND.yaml`` (no --unit) converts every unit's document in one LibreOffice start
(issue 17); before, each unit took a ``drafter preview --unit`` of its own, one start each. Both are
measured on a round of ``--units`` units (the sample round's units, renamed) and reported per unit, with
the masthead sample's single preview. Needs LibreOffice; times are medians, compare the ratio between
machines, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, round_file
from timing import child_environment, run_once

DRAFTER = [sys.executable, "-m", "drafter"]
MASTHEAD = ROOT / "samples" / "annual-report-masthead.yaml"


def _median_seconds(command: list[str], env: dict[str, str], repeats: int, clean: Path) -> float:
    times = []
    for _ in range(repeats):
        for old in clean.glob("**/*.pdf"):
            old.unlink()
        times.append(run_once(command, env).seconds)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-bench-preview-") as temp:
        work = Path(temp)
        env = child_environment(work / "cache")
        facts = round_file(args.units, work)
        out = work / "pdf"
        out.mkdir()
        run_once([*DRAFTER, "build", str(facts), "-o", str(work / "warm")], env)  # bytecode, cache
        together = _median_seconds([*DRAFTER, "preview", str(facts), "-o", str(out)], env, args.repeats, out)
        names = sorted(p.stem for p in out.glob("*.pdf"))
        assert len(names) == args.units, names
        # One preview per unit, as before issue 17: a LibreOffice start each (a quarter of the units).
        sample = max(1, args.units // 4)
        single_times = []
        for index in range(sample):
            unit = names[index].rsplit("-", 1)[-1]
            target = str(out / f"one-{index}.pdf")
            command = [*DRAFTER, "preview", str(facts), "--unit", unit, "-o", target, "--force"]
            single_times.append(_median_seconds(command, env, args.repeats, out / "none"))
        command = [*DRAFTER, "preview", str(MASTHEAD), "-o", str(work / "masthead.pdf"), "--force"]
        masthead = _median_seconds(command, env, args.repeats, work)
    per_unit = together / args.units
    single = statistics.median(single_times)
    figures = {
        "round_units": args.units,
        "one_run_seconds": together,
        "one_run_seconds_per_unit": per_unit,
        "separate_runs_seconds_per_unit": single,
        "speed_up": single / per_unit,
        "masthead_sample_seconds": masthead,
    }
    for key, value in figures.items():
        print(f"  {key}: {value:.3f}" if isinstance(value, float) else f"  {key}: {value}")
    if args.json:
        record = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "machine": {"python": platform.python_version(), "system": platform.platform()},
            "figures": figures,
        }
        args.json.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
