"""Time to first full frame: from process start until the app has drawn the chart and the
summary (with its intervals) for the default dataset, against a minimal Textual app showing one
static widget, both started the same way (a fresh process, headless, exiting right after that
frame) in the same run. Target: at most 1.5x the minimal app.

The time is taken up to the first frame, not to the end of the process: the parent reads
CLOCK_MONOTONIC (shared by every process on the machine) just before it spawns the child, and the
child reads the same clock in the callback that runs once the first frame is on screen
(``call_after_refresh``) and writes it to its stderr before exiting. How long the process then
takes to exit is not first-frame time; the whole process is still reported, as a line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import QUICK, Report, median, slowdowns

ROOT = Path(__file__).resolve().parents[1]

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.first_frame)
    def first_frame(self):
        import os, time
        os.write(2, f"FIRSTFRAME {time.monotonic_ns()}\\n".encode())
        self.exit()

Minimal().run(headless=True, size=(200, 50))
"""

# The minimal app importing the libraries scalescope's first frame cannot be drawn without (the
# engine's arrays, its seeded bootstrap, the chart's plotting library) before it starts: the floor
# any app drawing this frame with them stands on. Printed beside the target, not a target itself.
LIBRARIES = "import numpy, numpy.random, plotext, textual_plotext\n"

SCALESCOPE = """
import sys
sys.path.insert(0, {root!r})
from scalescope.tui.app import ScalescopeApp

class FirstFrame(ScalescopeApp):
    def on_mount(self, event):
        super().on_mount()
        # Textual calls the on_mount of every class in the MRO: without this, ScalescopeApp's
        # would run a second time (the whole start-up twice, which no user's start does)
        event.prevent_default()
        # exit once the frame with the chart and the summary with its intervals is on screen
        self.call_after_refresh(self.first_frame)

    def first_frame(self):
        import os, time
        chart = self.query_one("#chart")
        if chart.painted is None or not self.analysis.decomposition.ci:  # the full frame is later
            self.call_after_refresh(self.first_frame)
            return
        os.write(2, f"FIRSTFRAME {{time.monotonic_ns()}}\\n".encode())
        self.exit()

FirstFrame().run(headless=True, size=(200, 50))
"""


PEAK = 'import atexit, resource, sys\natexit.register(lambda: sys.stderr.write(f"MAXRSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n"))\n'


def run(code: str, peaks: list | None = None, whole: list | None = None) -> float:
    """Seconds from just before the spawn to the child's first frame (both on CLOCK_MONOTONIC)."""
    start = time.monotonic_ns()
    out = subprocess.run([sys.executable, "-c", PEAK + code], check=True, capture_output=True, text=True)
    end = time.monotonic_ns()
    if whole is not None:
        whole.append((end - start) / 1e9)
    if peaks is not None:
        peaks.append(int(out.stderr.rsplit("MAXRSS ", 1)[1].split()[0]) / 1024)  # MiB
    frame = int(out.stderr.rsplit("FIRSTFRAME ", 1)[1].split()[0])
    return (frame - start) / 1e9


def main() -> None:
    report = Report("time to first full frame (fresh process, headless, 200x50)")
    ours_code = SCALESCOPE.format(root=str(ROOT))
    run(MINIMAL), run(ours_code), run(LIBRARIES + MINIMAL)  # warm the OS file cache for each
    minimal, ours, minimal_mib, ours_mib, minimal_all, ours_all, floor = [], [], [], [], [], [], []
    repeats = 5 if QUICK else 10
    for _ in range(repeats):  # interleaved, so both see the same machine load
        minimal.append(run(MINIMAL, minimal_mib, minimal_all))
        ours.append(run(ours_code, ours_mib, ours_all))
        floor.append(run(LIBRARIES + MINIMAL))
    m, o = median(minimal), median(ours)
    report.line(f"minimal Textual app, start -> first frame: median {m * 1e3:.0f} ms, worst {max(minimal) * 1e3:.0f}")
    report.line(
        f"scalescope on math-level-5, start -> chart + summary with intervals: median {o * 1e3:.0f} ms, "
        f"worst {max(ours) * 1e3:.0f}"
    )
    med, worst = slowdowns(ours, minimal)
    report.target(med <= 1.5, f"time {med:.2f}x median, {worst:.2f}x worst of {repeats} pairs (target <= 1.5x)")
    whole_med, whole_worst = slowdowns(ours_all, minimal_all)
    report.line(
        f"(whole process, start -> exit, no target: {median(ours_all) * 1e3:.0f} ms vs "
        f"{median(minimal_all) * 1e3:.0f} ms, {whole_med:.2f}x median, {whole_worst:.2f}x worst)"
    )
    floor_med, _ = slowdowns(floor, minimal)
    report.line(
        f"(no target: the minimal app importing numpy, numpy.random, plotext and textual_plotext first: "
        f"median {median(floor) * 1e3:.0f} ms, {floor_med:.2f}x; scalescope's own work beyond that floor "
        f"{(o - median(floor)) * 1e3:.0f} ms, where 1.5x leaves {(1.5 * m - median(floor)) * 1e3:.0f} ms)"
    )
    mem_med, mem_worst = slowdowns(ours_mib, minimal_mib)
    report.target(
        mem_med <= 2.0,
        f"peak memory {median(ours_mib):.0f} MiB vs {median(minimal_mib):.0f} MiB: {mem_med:.2f}x median, "
        f"{mem_worst:.2f}x worst (target <= 2x)",
    )
    report.exit()


if __name__ == "__main__":
    main()
