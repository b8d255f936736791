"""Shared helpers: timing with repeats, and a report line per figure."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def best_of(fn, repeats: int = 5) -> float:
    """Minimum wall time of ``fn()`` over ``repeats`` runs (the least disturbed by noise)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median(values) -> float:
    return statistics.median(values)


class Report:
    def __init__(self, title: str) -> None:
        self.title = title
        self.failed: list[str] = []
        print(f"== {title}")

    def line(self, text: str) -> None:
        print(f"   {text}")

    def target(self, ok: bool, text: str) -> None:
        print(f"   {'PASS' if ok else 'MISS'}  {text}")
        if not ok:
            self.failed.append(text)

    def exit(self) -> None:
        sys.exit(1 if self.failed else 0)
