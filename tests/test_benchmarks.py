"""The benchmark keeps running and keeps comparing like with like (its timings are read, not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT


def test_the_quick_benchmark_runs_and_measures_everything(tmp_path):
    results = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json", str(results)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # run.py stops with an error when docxtpl's document does not say what drafter's says.
    assert run.returncode == 0, run.stdout + run.stderr
    found = json.loads(results.read_text(encoding="utf-8"))
    assert set(found["figures"]) == {
        "cold_build_ms",
        "warm_feedback_ms_per_document",
        "start_up_ms",
        "check_ms",
        "check_30_pages_ms",
        "round_50_units",
        "round_100_units",
        "ledger_ms_per_unit",
        "build_loads",
    }
    # The annual sample reads its rounds' ledgers, so its build loads openpyxl (and the lxml it parses
    # with where installed), never langdetect or python-docx.
    loads = found["figures"]["build_loads"]
    assert loads["openpyxl"] and not loads["langdetect"] and not loads["docx"]
    assert found["figures"]["ledger_ms_per_unit"]["rows_per_unit"] == 4.5
    assert len(found["targets"]) == 12 and all(t["value"] > 0 or t["limit"] == 0 for t in found["targets"])
    assert "| warm feedback opinion ÷ docxtpl |" in run.stdout


@pytest.mark.render
def test_the_preview_benchmark_runs_and_measures_time_per_unit(tmp_path):
    from .helpers import require_renderer

    require_renderer()
    results = tmp_path / "preview.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "preview.py"),
            "--units",
            "2",
            "--repeats",
            "1",
            "--json",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    figures = json.loads(results.read_text(encoding="utf-8"))["figures"]
    assert figures["round_units"] == 2
    assert figures["one_run_seconds_per_unit"] > 0 and figures["separate_runs_seconds_per_unit"] > 0
