"""The points table on 100,000 points in 1,000 series, at 200x50: how long the first `p` (the
points table comes into view, filled for this dataset) blocks input.

Two measurements per run, each taken from the summary tab with the table not yet filled for the
dataset, while `p` and a key pressed right after it (`down`, which moves the table's cursor) are
handled and the screen redrawn:

- the table's own time: inside its ``show`` (columns pulled, widths sized) plus every
  ``render_lines`` call (the rows drawn). This is what grows with the points.
- the longest stall of the app's event loop: a heartbeat task on the app's loop sleeps 2 ms at a
  time and records how late it wakes; keys and mouse are read by that same loop, so a late wake is
  input left waiting. It includes the tab switch itself (Textual restyles the panes), which costs
  the same with 6 points: the 6-point file is the baseline, same run, same repetitions, same keys.

Targets: the table's own time under 100 ms in every run, and the longest stall at most 100 ms
beyond the 6-point case (medians). The pilot's round trip of `p` + `down` is printed too (it waits
for the tab's animation and idle, so it is an upper bound, not the blocked time)."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import QUICK, Report, median
from bench_fit import POINTS, SERIES
from bench_fit import make as make_big  # the same 100k-point file as the fit benchmark

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.points_table import PointsTable

REPEATS = 5 if QUICK else 9


def make_small(folder: Path) -> Path:
    path = folder / "small.csv"
    path.write_text(
        "model,series,tokens,score\na1,a,100,20\na2,a,1000,30\na3,a,10000,40\n"
        "b1,b,100,25\nb2,b,1000,35\nb3,b,10000,50\n",
        encoding="utf-8",
    )
    return path


class Heartbeat:
    """The longest stall of the running event loop since ``reset``."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.task: asyncio.Task | None = None

    async def _beat(self) -> None:
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.002)
            self.worst = max(self.worst, time.perf_counter() - start - 0.002)

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._beat())

    def reset(self) -> None:
        self.worst = 0.0

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()


async def first_p(path: Path, repeats: int) -> dict[str, list[float]]:
    """Longest stall, round trip of `p` + `down`, and the table's own time (``show`` and
    ``render_lines``), each from the summary tab with the table not yet filled (the first `p`)."""
    app = ScalescopeApp(str(path), n_boot=0)
    out: dict[str, list[float]] = {"stall": [], "trip": [], "table": []}
    original_show, original_render = PointsTable.show, PointsTable.render_lines
    spent = [0.0]

    def timed_show(self, ds):
        start = time.perf_counter()
        original_show(self, ds)
        spent[0] += time.perf_counter() - start

    def timed_render(self, crop):
        start = time.perf_counter()
        strips = original_render(self, crop)
        spent[0] += time.perf_counter() - start
        return strips

    PointsTable.show, PointsTable.render_lines = timed_show, timed_render
    heartbeat = Heartbeat()
    try:
        async with app.run_test(size=(200, 50)) as pilot:
            for _ in range(400):  # the file is read in a worker
                await pilot.pause(0.05)
                if app.view.dataset_id == path.name and app.analysis is not None:
                    break
            await pilot.pause()
            heartbeat.start()
            for _ in range(repeats):
                app.show_dataset(path.name)  # the table is filled again on the next `p`
                for _ in range(20):  # the chart and summary redrawn: the loop is quiet again
                    heartbeat.reset()
                    await pilot.pause(0.3)
                    if heartbeat.worst < 0.03:
                        break
                heartbeat.reset()
                spent[0] = 0.0
                start = time.perf_counter()
                await pilot.press("p", "down")
                await pilot.pause()
                out["trip"].append(time.perf_counter() - start)
                out["stall"].append(heartbeat.worst)
                out["table"].append(spent[0])
                table = app.query_one(PointsTable)  # built by the first `p` (the first frame has none)
                assert table.row_count == len(app.current.points) and table.cursor_row == 1
                await pilot.press("p")  # back to the summary
                await pilot.pause()
            heartbeat.stop()
    finally:
        PointsTable.show, PointsTable.render_lines = original_show, original_render
    return out


async def measure() -> dict[str, dict[str, list[float]]]:
    with tempfile.TemporaryDirectory() as folder:
        small, big = make_small(Path(folder)), make_big(Path(folder))
        return {"small": await first_p(small, REPEATS), "big": await first_p(big, REPEATS)}


def ms(values: list[float]) -> str:
    return f"median {median(values) * 1e3:.1f} ms, worst {max(values) * 1e3:.1f} ms"


def main() -> None:
    report = Report(f"points table: first `p` on {POINTS:,} points in {SERIES:,} series at 200x50")
    results = asyncio.run(measure())
    small, big = results["small"], results["big"]
    report.line(f"baseline, 6 points: the table's own time {ms(small['table'])}")
    report.line(f"baseline, 6 points: longest stall {ms(small['stall'])}")
    report.line(f"baseline, 6 points: `p`+`down` pilot round trip {ms(small['trip'])}")
    report.line(f"{POINTS:,} points: `p`+`down` pilot round trip {ms(big['trip'])}")
    report.target(
        max(big["table"]) < 0.100,
        f"{POINTS:,} points: the table's own time (show + rows drawn) {ms(big['table'])} of {len(big['table'])} "
        f"runs ({median(big['table']) / median(small['table']):.1f}x the 6-point case; target worst < 100 ms)",
    )
    beyond = median(big["stall"]) - median(small["stall"])
    report.target(
        beyond < 0.100,
        f"{POINTS:,} points: longest stall of input {ms(big['stall'])}; median {beyond * 1e3:.1f} ms beyond "
        f"the 6-point case ({median(big['stall']) / median(small['stall']):.2f}x; target < 100 ms beyond)",
    )
    report.exit()


if __name__ == "__main__":
    main()
