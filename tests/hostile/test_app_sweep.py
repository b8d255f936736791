"""THE APP SWEEP: every file of the hostile corpus (tests/hostile/make_corpus.py) through the app
with the pilot: open it, press v b r c p e ctrl+p ? (escape between dialogs). Per file: the app
is alive, no exception, no live link, every markup tag of the data's text rendered literally, no
raw control character on screen, the input unchanged (tests/hostile/app_sweep.py records it).

One subprocess per class: one app instance sweeps the class, under a memory limit, so that a
file that exhausts memory fails its class instead of the test run.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections import Counter

import pytest

from tests.conftest import ROOT

from .make_corpus import build

MEMORY_LIMIT = 4 << 30  # address space of the app process (Textual, pandas, numpy, threads)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    dest = tmp_path_factory.mktemp("hostile")
    return dest, build(dest, big=False)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


CLASSES = (
    "markup",
    "control",
    "inspect-shape",
    "deep",
    "bomb",
    "counts",
    "numeric",
    "special",
    "duplicate",
    "fraction",
    "size",
    "encoding",
)


# In the default run: markup in names, headers, cells and file names (27 files, about a second of
# CPU each). The others run with SCALESCOPE_SWEEP_ALL=1: control characters (covered in the default
# run by tests/test_app_hostile.py and tests/test_cli_hostile.py; to join once its sweep has been
# timed on CI), and the classes that wait for the engine's bounds and checks (issue 9:
# regular files only, size and nesting caps, numeric edge cases): today a FIFO read waits out the
# sweep's guard (the app stays responsive and q quits), /dev/zero or a zip bomb fills memory, and
# a nearly flat series raises OverflowError in the fit (numeric/flat_nearly.csv). They run with
# SCALESCOPE_SWEEP_ALL=1, and join the default run as those land.
DEFAULT_CLASSES = {"markup"}


@pytest.mark.parametrize("cls", CLASSES)
def test_app_sweep(corpus, cls, tmp_path):
    if cls not in DEFAULT_CLASSES and os.environ.get("SCALESCOPE_SWEEP_ALL") != "1":
        pytest.skip(f"{cls}: waits for the engine's bounds and checks (SCALESCOPE_SWEEP_ALL=1 runs it)")
    dest, classes = corpus
    names = sorted(name for name, c in classes.items() if c == cls)
    assert names, f"the corpus has no {cls} files"
    listing, out = tmp_path / "names.json", tmp_path / "results.json"
    listing.write_text(json.dumps(names))
    proc = subprocess.run(
        [sys.executable, "-m", "tests.hostile.app_sweep", str(dest), str(listing), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_limit_memory,
        timeout=1800,  # stops a hung run only; a class takes well under a minute of CPU
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )
    assert out.exists(), f"the sweep died (exit {proc.returncode}) at:\n{proc.stderr[-3000:]}"
    results = json.loads(out.read_text())
    problems = {
        r["name"]: {k: v for k, v in r.items() if k != "name" and v}
        for r in results
        if r.get("crash")
        or r.get("hang")
        or r.get("links")
        or r.get("missing")
        or r.get("controls")
        or r.get("changed")
    }
    swept = [r["name"] for r in results]
    counts = Counter(k for p in problems.values() for k in p)
    print(f"{cls}: {len(swept)} files swept; problems: {dict(counts) or 'none'}")
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=True)
    assert swept == names  # every file was opened (no early stop)
