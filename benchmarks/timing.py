"""Timing and peak memory of whole processes, the way a user meets them."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kb: int  # the child's peak resident memory (Linux and macOS; 0 where unknown)


def child_environment(cache: Path) -> dict[str, str]:
    """The environment of a measured process: Python writes bytecode as after ``pip install`` (this
    machine's PYTHONDONTWRITEBYTECODE would make every start compile drafter afresh), and drafter keeps
    its cache in ``cache``."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["DRAFTER_CACHE"] = str(cache)
    return env


def run_once(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Run:
    """Run a process to its end; its wall time and peak memory. Fails loudly on an unexpected exit."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
            peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
        else:
            process.wait()
            seconds, peak = time.perf_counter() - start, 0
        if process.returncode not in ok:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
            msg = f"{' '.join(command)} exited {process.returncode}:\n{text}"
            raise RuntimeError(msg)
    return Run(seconds, peak)


def median_runs(
    commands: dict[str, list[str]], env: dict[str, str], repeats: int, ok: tuple[int, ...] = (0,)
) -> dict[str, Run]:
    """The median time (and the largest peak memory) of ``repeats`` runs of each command.

    Each command runs once unmeasured first, which writes the bytecode and fills the cache as a user's
    first run does. The commands then take turns, so that a machine that speeds up or slows down during
    the run (a small machine shared with others does) changes every command alike, not their ratio.
    """
    for command in commands.values():
        run_once(command, env, ok)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, command in commands.items():
            runs[name].append(run_once(command, env, ok))
    return {
        name: Run(statistics.median(r.seconds for r in done), max(r.peak_kb for r in done))
        for name, done in runs.items()
    }
