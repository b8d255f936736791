"""Loading: a 1,000,000-row per-sample table (CSV and Parquet), 100,000 problems x 10 samples in
shuffled order (the reader's hard case: every batch meets many problems), read and reduced to
coverage points. Reports seconds per million rows and peak memory as a multiple of the file size.
Targets: under 3 s per million CSV rows, peak memory under 4x the file.

Each measurement runs in a fresh process, so peak memory (VmHWM, reset after the imports) is that load's alone; the
baseline is the same process doing the imports only, measured in the same run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _common import QUICK, Report, median

ROOT = Path(__file__).resolve().parents[1]
ROWS = 1_000_000

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from scalescope.engine.readers.persample import read_per_sample, coverage_points
import pandas, pyarrow.csv, pyarrow.parquet  # imports are the baseline, not the load
from pathlib import Path

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])  # KiB

# warm up on a 3-row file of the same format: the readers' code pages and thread pools are
# the baseline too, not memory the million rows cost
tiny = Path(sys.argv[3])
coverage_points(read_per_sample(tiny), tiny)
open("/proc/self/clear_refs", "w").write("5")  # reset the peak (VmHWM) to the current RSS
base = status("VmRSS:")
path = Path(sys.argv[1])
start = time.perf_counter()
if sys.argv[2] == "load":
    problems = read_per_sample(path)
    points, notes = coverage_points(problems, path)
    assert len(points) > 0
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_kib": status("VmHWM:"), "base_kib": base}}))
"""


def make_table(folder: Path) -> tuple[Path, Path]:
    """100,000 problems x 10 samples, one row per sample (model, problem_id, sample, correct),
    rows shuffled."""
    rng = np.random.default_rng(0)
    problems, samples = 100_000, ROWS // 100_000
    p = rng.beta(0.4, 1.2, problems)
    correct = (rng.random((problems, samples)) < p[:, None]).astype(np.int8).ravel()
    frame = pd.DataFrame(
        {
            "model": "model-a",
            "problem_id": np.repeat([f"problem-{i:06d}" for i in range(problems)], samples),
            "sample": np.tile(np.arange(samples, dtype=np.int32), problems),
            "correct": correct,
        }
    ).sample(frac=1.0, random_state=1)
    csv, parquet = folder / "samples.csv", folder / "samples.parquet"
    frame.to_csv(csv, index=False)
    frame.to_parquet(parquet, index=False)
    return csv, parquet


def measure(path: Path, mode: str) -> dict:
    tiny = path.with_name("tiny" + path.suffix)
    if not tiny.exists():
        small = pd.DataFrame(
            {"model": ["m"] * 3, "problem_id": ["p1", "p1", "p2"], "sample": [0, 1, 0], "correct": [1, 0, 1]}
        )
        if path.suffix == ".csv":
            small.to_csv(tiny, index=False)
        else:
            small.to_parquet(tiny, index=False)
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), mode, str(tiny)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    report = Report("loading: 1,000,000-row per-sample table -> coverage points")
    with tempfile.TemporaryDirectory() as folder:
        csv, parquet = make_table(Path(folder))
        for path, target_s in ((csv, 3.0), (parquet, None)):
            size = path.stat().st_size
            runs, idle = [], []
            for _ in range(3 if QUICK else 5):  # a load and the imports-only process, interleaved
                runs.append(measure(path, "load"))
                idle.append(measure(path, "imports-only"))
            seconds = [r["seconds"] for r in runs]
            extras = [(r["peak_kib"] - r["base_kib"]) * 1024 for r in runs]  # the load's own peak
            med, worst = median(seconds), max(seconds)
            extra, extra_worst = median(extras), max(extras)
            kind = path.suffix[1:].upper()
            report.line(
                f"{kind}: {size / 1e6:.1f} MB file, {ROWS:,} rows: median {med:.2f} s, worst {worst:.2f} s "
                f"({med / (ROWS / 1e6):.2f} s per million rows); peak memory of the load above the process "
                f"after imports ({median([i['base_kib'] for i in idle]) / 1024:.0f} MiB, measured the same way): "
                f"median {extra / 1e6:.1f} MB = {extra / size:.2f}x the file, worst {extra_worst / size:.2f}x"
            )
            if target_s is not None:
                report.target(
                    med / (ROWS / 1e6) < target_s,
                    f"{kind} under {target_s:g} s per million rows (median of {len(runs)})",
                )
                report.target(extra / size < 4, f"{kind} peak memory under 4x the file (median of {len(runs)})")
            else:  # Parquet compresses this table ~90x: a multiple of its own size says little
                report.line(
                    f"{kind}: {extra / csv.stat().st_size:.2f}x the same table as CSV (no target: the "
                    "4x-the-file target is read as applying to the CSV)"
                )
    report.exit()


if __name__ == "__main__":
    main()
