"""The hostile corpus (tests/hostile/make_corpus.py) through every command, each run in its own
process with a memory limit and a timeout (tests/hostile/sweep.py), and a sample through real
``python -m scalescope`` processes.

Asserted for every (file, command): exit 0 (a clean load) or exit 2 with exactly one stderr line
``scalescope: ...``; no traceback; no hang; peak memory under 1 GiB; no control character in
stdout or stderr; the input unchanged.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile import sweep as sw
from .hostile.make_corpus import build


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus with its size class kept to a few MB (the default tier)."""
    dest = tmp_path_factory.mktemp("hostile") / "corpus"
    return dest, build(dest, big=False)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    """The whole corpus, tens of MB (the slow tier)."""
    dest = tmp_path_factory.mktemp("hostile-big") / "corpus"
    return dest, build(dest)


def _escaping_landed() -> bool:
    """Whether tui/text.py escapes every control character the sweep looks for (owned by the
    display side of issue 9; until it lands, that one assertion is reported, not enforced)."""
    from scalescope.tui.text import printable

    probe = "\x1b\x07\r\x9b\u202e\x00\x7f"
    return not sw.CONTROL.search(printable(probe))


def test_corpus_has_every_class(corpus):
    _check_corpus(*corpus, big=False)


@pytest.mark.slow
def test_big_corpus_has_every_class(big_corpus):
    _check_corpus(*big_corpus, big=True)


def _check_corpus(dest, classes, *, big: bool) -> None:
    counts = Counter(classes.values())
    assert len(classes) >= 100
    assert set(counts) == {
        "markup", "control", "inspect-shape", "deep", "bomb", "counts", "numeric", "special",
        "duplicate", "fraction", "size", "encoding", "parquet", "folders", "numbers", "names", "arc-harness", "matharena", "partials", "prices",
        "remote", "claim", "out-path",
    }  # fmt: skip
    assert all(n >= 5 for n in counts.values()), counts
    for name in classes:
        assert (dest / name).exists() or (dest / name).is_symlink(), name
    size = (dest / "points_big.csv").stat().st_size
    if big:
        assert 10 * 1024**2 < size < 100 * 1024**2  # tens of MB, made here, never committed
    else:
        assert size < 10 * 1024**2
    for bomb in dest.glob("bomb_*.eval"):
        assert bomb.stat().st_size < 2 * 1024**2  # small files that inflate to GiBs


def sample(classes: dict[str, str]) -> dict[str, str]:
    """One file of every class (the first by name): the default tier's sweep."""
    first: dict[str, str] = {}
    for name in sorted(classes):
        first.setdefault(classes[name], name)
    return {name: cls for cls, name in first.items()}


def test_a_file_of_every_class_through_a_command_each(corpus, capsys):
    """Default tier: the checks of the full sweep below on one file per class, each through one
    command in turn, so that every class and every command is run (two files per command)."""
    dest, classes = corpus
    chosen = sample(classes)
    assert set(chosen.values()) == set(classes.values())
    files = [name for name in chosen if chosen[name] not in sw.ARG_COMMANDS]
    commands = {name: (sw.COMMANDS[i % len(sw.COMMANDS)],) for i, name in enumerate(files)}
    assert set(c for (c,) in commands.values()) == set(sw.COMMANDS)
    commands.update({name: sw.ARG_COMMANDS[cls][:1] for name, cls in chosen.items() if cls in sw.ARG_COMMANDS})
    results, changed = sw.sweep(dest, chosen, commands=commands)
    assert len(results) == len(chosen)
    _check(results, changed, chosen, dest, capsys, full=False)


@pytest.mark.slow
def test_every_file_through_every_command(big_corpus, capsys):
    dest, classes = big_corpus
    results, changed = sw.sweep(dest, classes)
    assert len(results) == sum(len(sw.commands_for(cls, i)) for i, cls in enumerate(classes.values()))
    ran = {(classes[Path(r["path"]).name], r["command"]) for r in results}
    for cls in ("arc-harness", "matharena", "partials"):  # every new command on every file of the new formats
        assert all((cls, command) in ran for command in sw.NEW_COMMANDS), cls
    # a remote URL goes through each way a source is opened (its own list: frontier reads as show does)
    assert all(("remote", command) in ran for command in sw.ARG_COMMANDS["remote"])
    _check(results, changed, classes, dest, capsys, full=True)


def _check(results, changed, classes, dest, capsys, *, full: bool) -> None:
    with capsys.disabled():
        print("\n" + sw.summary(results, classes, changed, dest))
    enforce_control = _escaping_landed()
    failures, control_only = [], []
    for r in results:
        found = sw.problems(r)
        if not enforce_control and "control character in the output" in found:
            control_only.append(r)
            found.remove("control character in the output")
        if found:
            name = Path(r["path"]).name
            last = (r["stderr"].strip().splitlines() or [""])[-1][:200]
            failures.append(f"{classes[name]} {r['command']} {name!r}: {'; '.join(found)} | {last!r}")
    assert not changed, f"input files changed: {sorted(changed)}"
    assert not failures, "\n".join(failures)
    if control_only:
        # display side (tui/text.py) not landed yet: reported here, enforced once it has
        with capsys.disabled():
            print(f"NOT ENFORCED (tui/text.py escaping pending): {len(control_only)} runs printed a control character")
    # clean loads and refusals both happen: the corpus is not all refused for one trivial reason
    codes = Counter(r["code"] for r in results)
    if full:
        assert codes[0] > 100 and codes[2] > 500, codes
    else:
        assert codes[0] and codes[2], codes


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (sw.MEMORY_LIMIT, sw.MEMORY_LIMIT))


REAL_SAMPLE = (
    "fifo.csv",
    "zero_link.csv",
    "bomb_zstd_3g.eval",
    "deep_list.json",
    "counts_n_1e18.csv",
    "flat_nearly.csv",
    "columns_1m.csv",
    "points_big.csv",
    "inspect_header_list.eval",
    "logs_one_bad",
)
REAL_DEFAULT = ("fifo.csv", "bomb_zstd_3g.eval", "columns_1m.csv")  # the default tier: three (small corpus)


@pytest.mark.parametrize("name", REAL_DEFAULT)
def test_real_python_m_scalescope_small(corpus, name):
    """The same checks through real ``python -m scalescope`` processes, for three files."""
    _real(corpus[0] / name)


@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_SAMPLE)
def test_real_python_m_scalescope(big_corpus, name):
    """The same checks through real ``python -m scalescope`` processes, for a sample."""
    _real(big_corpus[0] / name)


def _real(path) -> None:
    before = sw.fingerprint(path)
    for command in ("show", "fit"):
        proc = subprocess.run(
            [sys.executable, "-m", "scalescope", *sw.argv_for(command, str(path))],
            capture_output=True,
            cwd=ROOT,
            preexec_fn=_limit,
            timeout=sw.TIMEOUT,
        )
        err = proc.stderr.decode("utf-8", errors="replace")
        assert proc.returncode in (0, 2), err
        assert "Traceback" not in err
        if proc.returncode == 2:
            assert len(err.splitlines()) == 1 and err.startswith("scalescope: "), err
    assert sw.fingerprint(path) == before
