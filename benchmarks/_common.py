"""Shared helpers: timing with repeats, and a report line per figure."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Measure what a user runs: an installed package has its bytecode compiled (pip does it at
# install time; a checkout writes __pycache__ on first import). With PYTHONDONTWRITEBYTECODE set
# (some containers set it), every fresh process would compile scalescope's ~35 modules from
# source again, ~60 ms that no user pays. The benchmarks' child processes inherit this.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False


def best_of(fn, repeats: int = 5) -> float:
    """Minimum wall time of ``fn()`` over ``repeats`` runs (the least disturbed by noise)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


QUICK = "--quick" in sys.argv


def interleaved(fn_a, fn_b, repeats: int) -> tuple[list[float], list[float]]:
    """Wall times of ``fn_a()`` and ``fn_b()``, run alternately the same number of times, so
    both see the same machine load."""
    a, b = [], []
    for _ in range(repeats):
        for fn, times in ((fn_a, a), (fn_b, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return a, b


def ratios(a, b) -> tuple[float, float, float]:
    """Per-pair ratios b / a of two interleaved series: (median, best, worst) — worst = smallest
    speed-up (or largest slow-down when used as ours / baseline, see ``slowdowns``)."""
    r = [y / x for x, y in zip(a, b)]
    return statistics.median(r), max(r), min(r)


def slowdowns(ours, base) -> tuple[float, float]:
    """Per-pair ours / baseline: (median, worst)."""
    r = [o / b for o, b in zip(ours, base)]
    return statistics.median(r), max(r)


def median(values) -> float:
    return statistics.median(values)


class Report:
    def __init__(self, title: str) -> None:
        self.title = title
        self.failed: list[str] = []
        print(f"== {title}", flush=True)

    def line(self, text: str) -> None:
        print(f"   {text}", flush=True)

    def target(self, ok: bool, text: str) -> None:
        print(f"   {'PASS' if ok else 'MISS'}  {text}", flush=True)
        if not ok:
            self.failed.append(text)

    def exit(self) -> None:
        sys.exit(1 if self.failed else 0)
