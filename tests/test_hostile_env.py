"""Output and environment (issue #20 item 13): a full or closed stdout, an ASCII-only locale, a
deleted working folder, an address-space limit, and numeric arguments out of range. Each case is
a real ``python -m scalescope`` process: one line and exit 2 where it cannot answer, never a
traceback."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from .conftest import ROOT

HANG_GUARD = 120
HEADLESS = {"TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}


def run(argv, *, env=None, cwd=ROOT, stdout=subprocess.PIPE, limit=None, shell_redirect=None):
    environ = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"} | (env or {})

    def limited():
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    if shell_redirect:  # e.g. ">&-" (closed stdout) or ">/dev/full"
        command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "scalescope", *argv]) + " " + shell_redirect
        return subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, cwd=cwd, env=environ, timeout=HANG_GUARD
        )
    return subprocess.run(
        [sys.executable, "-m", "scalescope", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=environ,
        timeout=HANG_GUARD,
        preexec_fn=limited,
    )


def one_line(proc, words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("scalescope"), proc.stderr
    assert words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


@pytest.mark.parametrize("argv", [["list"], ["list", "--json"], ["fit", "math-level-5"], ["claims"]])
def test_stdout_on_dev_full_is_one_line(argv):
    one_line(run(argv, shell_redirect=">/dev/full"), "cannot write the output: No space left on device")


@pytest.mark.parametrize("argv", [["list"], ["show", "math-level-5", "--json"]])
def test_closed_stdout_is_one_line(argv):
    one_line(run(argv, shell_redirect=">&-"), "standard output is closed")


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}])
@pytest.mark.parametrize(
    "argv",
    [
        ["fit", "math-level-5"],
        ["decompose", "math-level-5", "--bootstrap", "50"],
        ["plot", "math-level-5", "--width", "80", "--height", "20"],
        ["claims"],
        ["passk", "llm-monkeys-coverage"],
    ],
)
def test_an_ascii_only_terminal_gets_the_whole_answer(env, argv):
    proc = run(argv, env={**env, "PYTHONIOENCODING": env.get("PYTHONIOENCODING", "")})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    proc.stdout.encode("ascii")  # nothing but ASCII reached the stream
    if argv[0] == "fit":
        # R² spelled in ASCII, the table complete through its last column (fit prints a 95% interval, no ±)
        assert "R2" in proc.stdout and "[95% CI]" in proc.stdout and "compute range" in proc.stdout
        assert "Claude 3.7 Sonnet" in proc.stdout


@pytest.mark.slow
def test_a_deleted_working_folder(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    code = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "from scalescope.tui.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    for argv, env in (
        (["fit", "math-level-5"], {}),
        (["math-level-5"], {**HEADLESS, "TEXTUAL_PRESS": "o,escape,e,escape,q"}),
    ):
        environ = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
        gone.mkdir(exist_ok=True)
        proc = subprocess.run(
            [sys.executable, "-c", code, str(gone), *argv],
            capture_output=True,
            text=True,
            env={**environ, **env},
            timeout=HANG_GUARD,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_scipy_after_pyarrow_under_an_address_space_limit(tmp_path):
    """ulimit -v 1.5 GiB: pyarrow's allocator used to reserve 1.2 GiB on the first read, and the
    BLAS scipy loads then failed to map ('failed to map segment from shared object')."""
    import pandas as pd

    path = tmp_path / "sweep.parquet"
    pd.DataFrame({"model": ["a", "a", "a"], "tokens": [10.0, 100.0, 1000.0], "score": [20.0, 30.0, 45.0]}).to_parquet(
        path
    )
    for argv in (["fit", str(path), "--link", "logistic"], ["plot", str(path), "--link", "logistic"]):
        proc = run(argv, limit=1536 * 1024**2)
        assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["decompose", "math-level-5", "--bootstrap", "100000000"], "--bootstrap: '100000000': must be a whole number"),
        (["decompose", "math-level-5", "--seed", "-1"], "--seed"),
        (["decompose", "otis-mock-aime", "--assume-n", "1" + "0" * 30], "--assume-n"),
        (["plot", "math-level-5", "--width", str(2**40)], "--width"),
        (["plot", "math-level-5", "--height", "100000"], "--height"),
        (["fetch", "arc", "--max-mb", "inf"], "--max-mb: 'inf'"),
        (["fetch", "arc", "--timeout", "inf"], "--timeout: 'inf'"),
        (["fetch", "arc", "--timeout", "nan"], "--timeout: 'nan'"),
        (["passk", "llm-monkeys-coverage", "--points", "1e9"], "--points"),
        (["passk", "llm-monkeys-coverage", "--points", "1000000000"], "--points"),
        (["compare", "math-level-5", "a", "b", "--at-score", "nan"], "--at-score"),
        (["compare", "math-level-5", "a", "b", "--at-compute", "-1"], "--at-compute"),
        (["years", "1e400"], "must be a positive number"),
    ],
)
def test_every_numeric_argument_is_bounded(argv, words):
    one_line(run(argv), words)
