"""What a new user meets first (issue #20, items 1-4 and 10): typos and missing paths are an error
line (never the app), the app without a terminal ends at once, every command takes every id
`list` shows, TERM=dumb / NO_COLOR are honoured, argument errors are one plain line, numbers read
as people write them. Every check runs the real command in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from .conftest import ROOT

HANG_GUARD = 120  # seconds: only stops a hung run; every command here ends within a few seconds


def cli(*argv: str, env: dict | None = None, stdin=subprocess.DEVNULL, cache=None) -> subprocess.CompletedProcess:
    environ = {**os.environ, **(env or {})}
    environ.pop("TEXTUAL_DRIVER", None)
    if cache is not None:
        environ["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "scalescope", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        stdin=stdin,
        timeout=HANG_GUARD,
    )


def on_a_terminal(*argv: str, env: dict) -> tuple[int, bytes]:
    """Run with stdin and stdout on a pseudo-terminal (as in a shell); returns status and output."""
    primary, secondary = pty.openpty()
    environ = {**os.environ, **env}
    environ.pop("TEXTUAL_DRIVER", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scalescope", *argv],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env=environ,
        close_fds=True,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    return proc.wait(timeout=HANG_GUARD), b"".join(chunks)


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["lsit"], "scalescope: unknown command 'lsit' (did you mean list?)"),
        (["decompse", "math-level-5"], "scalescope: unknown command 'decompse' (did you mean decompose?)"),
        (["gpqa-diamnd"], "scalescope: no such file or dataset id 'gpqa-diamnd' (did you mean gpqa-diamond?)"),
        (["results.csv"], "scalescope: no such file or dataset id 'results.csv'"),
        (["app", "nowhere/logs"], "scalescope: no such file or dataset id 'nowhere/logs'"),
    ],
)
def test_a_typo_or_a_missing_path_is_one_line_and_exit_2_never_the_app(tmp_path, argv, line):
    out = cli(*argv, cache=tmp_path)
    assert out.returncode == 2, out
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith(line), out.stderr
    assert "\x1b" not in out.stderr  # no terminal escapes: the app never started


@pytest.mark.parametrize("argv", [[], ["math-level-5"], ["app", "gpqa-diamond"]])
def test_the_app_without_a_terminal_says_so_in_one_line_at_once(tmp_path, argv):
    """`scalescope < /dev/null > out.txt`: the app used to write escape codes until killed."""
    target = tmp_path / "out.txt"
    with open(target, "w") as handle:
        proc = subprocess.run(
            [sys.executable, "-m", "scalescope", *argv],
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"},
            timeout=HANG_GUARD,
        )
    assert proc.returncode == 2
    assert target.read_text() == ""
    assert proc.stderr.count("\n") == 1
    assert "needs a terminal" in proc.stderr and "scalescope show" in proc.stderr  # which command prints to a pipe


def test_the_app_on_a_dumb_terminal_says_so(tmp_path):
    code, text = on_a_terminal("math-level-5", env={"TERM": "dumb", "XDG_CACHE_HOME": str(tmp_path)})
    assert code == 2
    assert b"TERM=dumb" in text and b"\x1b[" not in text


def _list_ids(tmp_path) -> list[str]:
    out = cli("list", "--json", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    return [entry["id"] for entry in json.loads(out.stdout)]


def test_list_json_has_the_point_and_series_counts_the_text_shows(tmp_path):
    data = json.loads(cli("list", "--json", cache=tmp_path).stdout)
    text = cli("list", cache=tmp_path).stdout
    for entry in data:
        row = next(line.split() for line in text.splitlines() if line.split()[:1] == [entry["id"]])
        assert (entry["points"], entry["series"]) == (int(row[1]), int(row[2]))
    by_id = {entry["id"]: entry for entry in data}
    import csv

    with open(ROOT / "data" / "points" / "math-level-5.csv", newline="") as handle:  # counted independently
        rows = list(csv.DictReader(handle))
    assert by_id["math-level-5"]["points"] == len(rows)
    assert by_id["math-level-5"]["series"] == len({row["series"] for row in rows})


def test_passk_takes_a_coverage_dataset_id(tmp_path):
    out = cli("passk", "llm-monkeys-coverage", "--json", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    models = json.loads(out.stdout)["models"]
    gemma = models["CodeContests: Gemma-2B"]
    assert [(p["k"], p["coverage"]) for p in gemma["coverage"]] == [(1, 0.02), (10000, 7.1)]  # the bundled CSV
    # two points: exp(-a k^-b) through both, solved by hand
    import math

    b = -math.log(math.log(0.071) / math.log(0.0002)) / math.log(10000)
    a = -math.log(0.0002)
    assert gemma["power_law"]["beta"] == pytest.approx(b, rel=1e-9)
    assert gemma["power_law"]["a"] == pytest.approx(a, rel=1e-9)
    text = cli("passk", "llm-monkeys-coverage", cache=tmp_path).stdout
    assert "as published" in text and "through 2 points: exact, no misfit test" in text and "\\n" not in text


def test_passk_on_accuracy_points_shows_them_without_a_coverage_law(tmp_path):
    out = cli("passk", "o1-aime-samples", "--json", cache=tmp_path)
    assert out.returncode == 0, out.stderr
    o1 = json.loads(out.stdout)["models"]["o1"]
    assert [p["coverage"] for p in o1["coverage"]] == [74.0, 83.0, 93.0]
    assert o1["power_law"] is None and "not coverage" in o1["power_law_not_fitted"]


COMMANDS_ON_AN_ID = ("show", "fit", "decompose", "frontier", "plot", "passk")


def _argv(command: str, dataset: str) -> list[str]:
    return [command, dataset] + (["--bootstrap", "0"] if command == "decompose" else [])


def test_every_command_takes_every_id_list_shows(tmp_path, capsys, monkeypatch):
    """Each command either answers or says in one line why this dataset cannot answer it; never
    'no such file' (in process: quick; the slow tier runs the same in subprocesses)."""
    from scalescope.tui.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for dataset in _list_ids(tmp_path):
        for command in ("passk", "fit", "frontier"):
            code = main(_argv(command, dataset))
            out, err = capsys.readouterr()
            assert code in (0, 2), (command, dataset, err)
            assert "no such file" not in err, (command, dataset, err)
            if code == 2:
                assert err.count("\n") == 1, (command, dataset, err)


@pytest.mark.slow
def test_every_command_takes_every_id_list_shows_in_a_process(tmp_path):
    for dataset in _list_ids(tmp_path):
        for command in COMMANDS_ON_AN_ID:
            out = cli(*_argv(command, dataset), cache=tmp_path)
            assert out.returncode in (0, 2), (command, dataset, out.stderr)
            assert "no such file" not in out.stderr and "Traceback" not in out.stderr
            if out.returncode == 2:
                assert out.stderr.count("\n") == 1, (command, dataset, out.stderr)


def test_term_dumb_and_no_color_print_no_colour_on_a_terminal(tmp_path):
    argv = ("plot", "math-level-5", "--width", "80", "--height", "20")
    code, coloured = on_a_terminal(*argv, env={"TERM": "xterm-256color", "XDG_CACHE_HOME": str(tmp_path)})
    assert code == 0 and b"\x1b[" in coloured  # the check below can fail: colour is there on a real terminal
    for env in ({"TERM": "dumb"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}):
        code, plain = on_a_terminal(*argv, env={**env, "XDG_CACHE_HOME": str(tmp_path)})
        assert code == 0 and b"\x1b[" not in plain, env
        assert b"RL boost" in plain


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["plot", "math-level-5", "--width", "5"], "--width: '5': must be a whole number from 30 to 1,000"),
        (["fit", "math-level-5", "--link", "cubic"], "invalid choice: 'cubic'"),
        (["fit"], "required: source"),
        (["fetch", "gopher"], "invalid choice: 'gopher'"),
    ],
)
def test_argument_errors_are_one_plain_line(tmp_path, argv, words):
    out = cli(*argv, cache=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("scalescope"), out.stderr
    assert words in out.stderr
    assert "Error" not in out.stderr and "usage:" not in out.stderr  # no exception names, no usage block


def test_fetch_with_no_argument_says_what_it_can_fetch(tmp_path):
    out = cli("fetch", cache=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "scalescope fetch arc" in out.stderr and "scalescope fetch epoch" in out.stderr


def test_fetch_json_offline_prints_json(tmp_path):
    import socket

    with socket.socket() as sock:  # a port nobody listens on: connection refused, as offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = cli("fetch", "arc", "--json", "--from", f"http://127.0.0.1:{port}/", cache=tmp_path)
    assert out.returncode == 2
    assert "cannot reach 127.0.0.1" in json.loads(out.stdout)["error"]
    assert out.stderr.count("\n") == 1


def test_numbers_read_as_people_write_them(tmp_path):
    from scalescope.engine.numbers import multiple, sig

    assert [multiple(v) for v in (1000, 999.7, 30.33, 1234.5, 0.5, 1)] == [
        "1,000x",
        "1,000x",
        "30.3x",
        "1,230x",
        "0.5x",
        "1x",
    ]
    assert sig(0.01234) == "0.0123" and sig(2e7) == "2e+07"
    samples = tmp_path / "samples.csv"
    samples.write_text("problem,n,c\n" + "".join(f"p{i},50,{i % 7}\n" for i in range(20)))
    text = cli("passk", str(samples), cache=tmp_path).stdout
    assert "20 problems, 50 samples each" in text and "50-50" not in text
    assert "\\n" not in text  # the blank line between models used to print as a literal \n


def test_a_thousandfold_multiple_is_not_written_1e03(tmp_path):
    """A points file whose +10 pp costs exactly 1,000x: 10/3 pp per 10x compute, so +10 pp takes three
    decades (by hand)."""
    path = tmp_path / "flat.csv"
    path.write_text("model,series,compute,score\na,S,10,50\nb,S,100,53.3333333333\nc,S,1000,56.6666666667\n")
    out = cli("fit", str(path), cache=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "1,000x" in out.stdout and "1e+03" not in out.stdout, out.stdout


def test_a_flat_coverage_prints_no_double_minus_or_nan(tmp_path, capsys):
    """Every problem all right or all wrong: coverage is 50 % at every k (by hand), the fitted
    exponent is ~0 with either sign: never 'k^--4.7e-18' or 'R² nan'."""
    from scalescope.tui.cli import main

    path = tmp_path / "flat.csv"
    path.write_text("problem,n,c\np0,10,10\np1,10,0\n")
    assert main(["passk", str(path)]) == 0
    out = capsys.readouterr().out
    assert "k^--" not in out and "nan" not in out.lower()
    assert "coverage is flat in k" in out
