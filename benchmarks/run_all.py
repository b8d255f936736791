"""Run every benchmark; exit non-zero if any target is missed.   python benchmarks/run_all.py"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_startup.py", "bench_interaction.py", "bench_bootstrap.py", "bench_passk.py", "bench_loading.py"]


def main() -> int:
    missed = []
    for script in SCRIPTS:
        code = subprocess.run([sys.executable, str(HERE / script)], cwd=HERE).returncode
        if code:
            missed.append(script)
    print(
        f"\n{len(SCRIPTS) - len(missed)} of {len(SCRIPTS)} benchmarks met every target"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
