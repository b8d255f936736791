"""Fitting many series: 100,000 points in 1,000 series (a points table as large evaluations
produce), every series fitted (linear). Target: under 1 s for the fits (median of the runs; the
worst is reported). Baseline in the same run, same repetitions: fitting each series from its own
numpy arrays already split out (the floor for a per-series fit: no grouping at all)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _common import QUICK, Report, interleaved, median

from scalescope.engine.fit import fit_all_series_report, fit_trend
from scalescope.engine.io import load

POINTS, SERIES = 100_000, 1_000


def make(folder: Path) -> Path:
    rng = np.random.default_rng(0)
    series = rng.integers(0, SERIES, POINTS)
    compute = 10 ** rng.uniform(2, 5, POINTS)
    score = np.clip(20 + 10 * np.log10(compute) + rng.normal(0, 3, POINTS) + series % 7, 0, 100)
    path = folder / "big.csv"
    pd.DataFrame(
        {
            "model": [f"m{i}" for i in range(POINTS)],
            "series": [f"s{j:04d}" for j in series],
            "tokens": compute,
            "score": score,
        }
    ).to_csv(path, index=False)
    return path


def whole_process(report: Report, path: Path) -> None:
    """``scalescope fit FILE --json``, start to exit: read, validate, fit and write 1k fits."""
    command = [sys.executable, "-m", "scalescope", "fit", str(path), "--json"]
    numpy = [sys.executable, "-c", "import numpy"]

    def run(argv):
        return lambda: subprocess.run(argv, check=True, capture_output=True)

    run(command)(), run(numpy)()  # warm the file cache
    repeats = 3 if QUICK else 5
    t_cmd, t_numpy = interleaved(run(command), run(numpy), repeats)
    report.target(
        median(t_cmd) < 1.0,
        f"scalescope fit FILE --json, whole process: median {median(t_cmd) * 1e3:.0f} ms, worst "
        f"{max(t_cmd) * 1e3:.0f} ms of {repeats} (python -c 'import numpy' {median(t_numpy) * 1e3:.0f} ms "
        "in the same run; target median < 1 s)",
    )


def main() -> None:
    report = Report(f"fit: {POINTS:,} points in {SERIES:,} series, every series")
    with tempfile.TemporaryDirectory() as folder:
        path = make(Path(folder))
        ds = load(path)
        whole_process(report, path)
    split = [
        (g["compute"].to_numpy(float), g["score"].to_numpy(float), g["model"].tolist())
        for _, g in ds.points.to_pandas().groupby("series", sort=False)
    ]

    def floor():
        for compute, score, models in split:
            fit_trend(compute, score, models=models)

    def ours():
        fitted, unfitted = fit_all_series_report(ds)
        assert len(fitted) == SERIES and not unfitted

    repeats = 3 if QUICK else 5
    t_ours, t_floor = interleaved(ours, floor, repeats)
    report.line(
        f"per-series fits from pre-split arrays (floor): median {median(t_floor) * 1e3:.0f} ms, "
        f"worst {max(t_floor) * 1e3:.0f} ms"
    )
    report.target(
        median(t_ours) < 1.0,
        f"fit_all_series_report: median {median(t_ours) * 1e3:.0f} ms, worst {max(t_ours) * 1e3:.0f} ms of "
        f"{repeats} ({median(t_ours) / median(t_floor):.2f}x the floor; target median < 1 s)",
    )
    report.exit()


if __name__ == "__main__":
    main()
