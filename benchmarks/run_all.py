"""Run every benchmark; exit non-zero if any target is missed.

python benchmarks/run_all.py            # ~10 minutes on 2 cores
python benchmarks/run_all.py --quick    # fewer repetitions, per-sample files at 1M rows only
python benchmarks/run_all.py --huge     # adds 50M-row per-sample files
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_startup.py",
    "bench_cli.py",
    "bench_interaction.py",
    "bench_table.py",
    "bench_fit.py",
    "bench_bootstrap.py",
    "bench_passk.py",
    "bench_loading.py",
    "bench_persample.py",
]


def main() -> int:
    flags = [f for f in sys.argv[1:] if f in ("--quick", "--huge")]
    missed = []
    for script in SCRIPTS:
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(HERE / script), *flags], cwd=HERE).returncode
        print(f"   ({script}: {time.perf_counter() - start:.0f} s)", flush=True)
        if code:
            missed.append(script)
    print(
        f"\n{len(SCRIPTS) - len(missed)} of {len(SCRIPTS)} benchmarks met every target"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
