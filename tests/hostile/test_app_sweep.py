"""THE APP SWEEP: every file of the hostile corpus (tests/hostile/make_corpus.py), every class,
through the app with the pilot: open it and, when it opened, press v b r c p e ctrl+p ? (escape
between dialogs). Per file: the app is alive, no exception, no hang, no live link, every markup tag
of the data's text rendered literally, no raw control character on screen, the input unchanged
(tests/hostile/app_sweep.py records it and says why a refused file gets no keys).

One subprocess per class: one app instance sweeps the class, its files one after another, under
a memory limit, so that a file that exhausts memory fails its class instead of the test run; two
classes run at a time. The whole corpus takes about 4 minutes of CPU (tui/widgets/footer.py made
a dialog opened and closed three times cheaper; the sweep waits on conditions, never on time), so
it runs in the slow tier (``pytest -m slow``, CI's second run); the default tier sweeps a sample of
one file from every class through one app, with the same checks.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
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


CLASSES = (  # the ones with the most files that open (and so get every key) first
    "control",
    "markup",
    "inspect-shape",
    "numeric",
    "encoding",
    "special",
    "size",
    "fraction",
    "counts",
    "duplicate",
    "bomb",
    "deep",
    "parquet",
    "folders",
    "numbers",
    "names",
)
PARALLEL = max(1, min(2, os.cpu_count() or 1))  # two classes at a time: CI has two cores


def _start(dest, names: list[str], work) -> subprocess.Popen:
    listing = work / "names.json"
    listing.write_text(json.dumps(names))
    with open(work / "stderr.txt", "w") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.app_sweep", str(dest), str(listing), str(work / "results.json")],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_limit_memory,
            env={**os.environ, "TMPDIR": str(work)},
        )


@pytest.fixture(scope="module")
def swept(corpus, tmp_path_factory):
    """Every class of the corpus through the app, each in its own process (one app per class,
    its files opened one after another), PARALLEL processes at a time."""
    dest, classes = corpus
    todo = list(CLASSES)
    running: dict[str, tuple[subprocess.Popen, object, float]] = {}
    done = {}
    started = time.perf_counter()
    while todo or running:
        while todo and len(running) < PARALLEL:
            cls = todo.pop(0)
            work = tmp_path_factory.mktemp(f"app-sweep-{cls}")
            names = sorted(name for name, c in classes.items() if c == cls)
            running[cls] = (_start(dest, names, work), work, time.perf_counter())
        for cls, (proc, work, t0) in list(running.items()):
            if proc.poll() is None and time.perf_counter() - t0 < 1800:  # stops a hung run only
                continue
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            del running[cls]
            out = work / "results.json"
            results = json.loads(out.read_text()) if out.exists() else None
            died = f"the sweep died (exit {proc.returncode}) at:\n{(work / 'stderr.txt').read_text()[-3000:]}"
            names = sorted(name for name, c in classes.items() if c == cls)
            done[cls] = (names, results, died, time.perf_counter() - t0)
        time.sleep(0.2)
    print(f"\napp sweep: {len(classes)} files in {time.perf_counter() - started:.0f} s ({PARALLEL} at a time)")
    return done


PROBLEMS = ("crash", "hang", "links", "missing", "controls", "changed")


def sample(classes: dict[str, str]) -> list[str]:
    """One file of every class (the first by name): the default tier's sweep."""
    return sorted(min(name for name, c in classes.items() if c == cls) for cls in CLASSES)


@pytest.fixture(scope="module")
def swept_sample(corpus, tmp_path_factory):
    dest, classes = corpus
    names = sample(classes)
    work = tmp_path_factory.mktemp("app-sweep-sample")
    t0 = time.perf_counter()
    proc = _start(dest, names, work)
    try:
        proc.wait(timeout=1800)  # stops a hung run only
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    out = work / "results.json"
    results = json.loads(out.read_text()) if out.exists() else None
    died = f"the sweep died (exit {proc.returncode}) at:\n{(work / 'stderr.txt').read_text()[-3000:]}"
    return names, results, died, time.perf_counter() - t0


def test_app_sweep_sample(swept_sample, corpus):
    """Default tier: one file of every class through the app (the whole corpus: the slow tier)."""
    _, classes = corpus
    names = swept_sample[0]
    assert {classes[n] for n in names} == set(CLASSES)
    _check("sample", *swept_sample)


@pytest.mark.slow
@pytest.mark.parametrize("cls", CLASSES)
def test_app_sweep(swept, cls):
    _check(cls, *swept[cls])


def _check(cls: str, names: list[str], results, died: str, wall: float) -> None:
    assert names, f"the corpus has no {cls} files"
    assert results is not None, died
    problems = {
        r["name"]: {k: v for k, v in r.items() if k in PROBLEMS and v}
        for r in results
        if any(r.get(k) for k in PROBLEMS)
    }
    swept_names = [r["name"] for r in results]
    counts = Counter(k for p in problems.values() for k in p)
    keys = sum(1 for r in results if r.get("keys"))
    cpu = sum(r.get("cpu", 0) for r in results)
    print(
        f"{cls}: {len(swept_names)} files ({keys} opened and swept with every key) in {wall:.0f} s "
        f"({cpu:.0f} s CPU); crash {counts['crash']}, hang {counts['hang']}, markup interpreted "
        f"{len([n for n, p in problems.items() if 'links' in p or 'missing' in p])}, control bytes "
        f"{counts['controls']}, changed {counts['changed']}"
    )
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=True)
    assert swept_names == names  # every file was opened (no early stop)
