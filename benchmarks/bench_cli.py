"""Command line, whole process (start, imports, work, exit), against Python doing only the
imports such a command cannot avoid, in the same run: the result commands on a bundled dataset
against ``python -c 'import numpy'`` (target <= 2x; ``decompose --json`` <= 1.5x, issue #22), a logistic fit (needs scipy) against
``python -c 'import numpy, scipy.special'`` (<= 2x), and ``years`` (arithmetic) against
``python -c pass`` (<= 1.5x). Each pair runs interleaved, the same number of times; the ratio
is the median (and worst) of the pairs' ratios."""

from __future__ import annotations

import subprocess
import sys
import time

from _common import QUICK, Report, median, slowdowns

DATASET = "math-level-5"
NUMPY = [sys.executable, "-c", "import numpy"]
SCIPY = [sys.executable, "-c", "import numpy, scipy.special"]
PASS = [sys.executable, "-c", "pass"]
CLI = [sys.executable, "-m", "scalescope"]
CASES = [
    ("list", [*CLI, "list"], NUMPY, 2.0),
    ("show", [*CLI, "show", DATASET], NUMPY, 2.0),
    ("fit", [*CLI, "fit", DATASET], NUMPY, 2.0),
    ("decompose --json", [*CLI, "decompose", DATASET, "--json"], NUMPY, 1.5),  # the issue: <= 1.5x
    ("plot", [*CLI, "plot", DATASET], NUMPY, 2.0),
    ("fit --link logistic (scipy)", [*CLI, "fit", DATASET, "--link", "logistic"], SCIPY, 2.0),
    ("years 1000", [*CLI, "years", "1000"], PASS, 1.5),
]
BASE_NAMES = {id(NUMPY): "import numpy", id(SCIPY): "import numpy, scipy.special", id(PASS): "pass"}


def run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    report = Report("command line, whole process, vs python doing the unavoidable imports (interleaved)")
    repeats = 3 if QUICK else 5
    for name, argv, base, target in CASES:
        run(argv), run(base)  # warm the file cache for both
        ours, baseline = [], []
        for _ in range(repeats):
            ours.append(run(argv))
            baseline.append(run(base))
        med, worst = slowdowns(ours, baseline)
        report.target(
            med <= target,
            f"scalescope {name}: {med:.2f}x median, {worst:.2f}x worst of {repeats} pairs "
            f"({median(ours) * 1e3:.0f} ms vs python -c '{BASE_NAMES[id(base)]}' {median(baseline) * 1e3:.0f} ms; "
            f"target <= {target:g}x)",
        )
    report.exit()


if __name__ == "__main__":
    main()
