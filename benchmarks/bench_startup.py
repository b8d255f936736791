"""Time to first full frame: from process start until the app has drawn the chart and the
summary (with its intervals) for the default dataset, against a minimal Textual app showing one
static widget, both started the same way (a fresh process, headless, exiting right after that
frame) in the same run. Target: at most 1.5x the minimal app."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import Report, median

ROOT = Path(__file__).resolve().parents[1]

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True, size=(200, 50))
"""

SCALESCOPE = """
import sys
sys.path.insert(0, {root!r})
from scalescope.tui.app import ScalescopeApp

class FirstFrame(ScalescopeApp):
    def on_mount(self):
        super().on_mount()
        # the default (linear) view renders chart and summary with intervals in on_mount;
        # exit once that frame is on screen
        assert self.analysis is not None and self.analysis.decomposition.ci
        self.call_after_refresh(self.exit)

FirstFrame().run(headless=True, size=(200, 50))
"""


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    report = Report("time to first full frame (fresh process, headless, 200x50)")
    ours_code = SCALESCOPE.format(root=str(ROOT))
    run(MINIMAL), run(ours_code)  # warm the OS file cache for both
    minimal, ours = [], []
    for _ in range(7):  # interleaved, so both see the same machine load
        minimal.append(run(MINIMAL))
        ours.append(run(ours_code))
    m, o = median(minimal), median(ours)
    report.line(f"minimal Textual app: median {m * 1e3:.0f} ms (min {min(minimal) * 1e3:.0f})")
    report.line(
        f"scalescope on math-level-5, chart + summary with intervals: median {o * 1e3:.0f} ms "
        f"(min {min(ours) * 1e3:.0f})"
    )
    report.target(o / m <= 1.5, f"ratio {o / m:.2f}x (target <= 1.5x)")
    report.exit()


if __name__ == "__main__":
    main()
