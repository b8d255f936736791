"""Control characters in file names, model and series names never reach the terminal raw: every
command shows them as visible escapes (tui/text.py), in tables, plain lines, plot legends, titles
and error lines; --json keeps the data exact."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scalescope.tui.cli import main

from .test_text import FORBIDDEN

ESC, BEL = "\x1b", "\x07"
OSC_TITLE = f"{ESC}]0;pwned{BEL}"
CLEAR = f"{ESC}[2J"
NAME = f"e07_{OSC_TITLE}{CLEAR}.csv"
SHOWN_NAME = "e07_\\x1b]0;pwned\\x07\\x1b[2J.csv"
BASE = f"base{ESC}[31m\u202e"
SERIES_A = "good\rEVIL"
SERIES_B = f"c1\x9b31m{BEL}"


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / NAME
    path.write_text(
        "model,series,role,tokens,score,stderr\n"
        f'"{BASE}","{BASE}",base,400,50,1\n'
        f'"r1{OSC_TITLE}","{SERIES_A}",reasoning,800,60,1\n'
        f'r2,"{SERIES_A}",reasoning,8000,80,1\n'
        f'r3,"{SERIES_B}",,1000,55,1\n'
        f'r4,"{SERIES_B}",,10000,70,1\n',
        encoding="utf-8",
    )
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def raw_controls(text: str) -> set[str]:
    return set(text) & FORBIDDEN


@pytest.mark.parametrize(
    "argv",
    [
        ["show"],
        ["fit"],
        ["decompose", "--bootstrap", "50"],
        ["compare", SERIES_A, SERIES_B],
        ["plot", "--width", "100", "--height", "30"],
        ["plot", "--linear-x", "--no-decompose", "--width", "100", "--height", "30"],
    ],
    ids=lambda argv: " ".join(a.encode("unicode_escape").decode() for a in argv),
)
def test_every_command_escapes_control_characters(hostile, capsys, argv):
    code, out, err = run(capsys, argv[0], str(hostile), *argv[1:])
    assert code == 0, err
    assert not raw_controls(out) and not raw_controls(err)
    if argv[0] in ("show", "fit", "decompose"):
        assert SHOWN_NAME in out or "good\\x0dEVIL" in out or "base\\x1b[31m\\u202e" in out


def test_names_are_shown_escaped_not_dropped(hostile, capsys):
    _, out, _ = run(capsys, "show", str(hostile))
    assert SHOWN_NAME in out  # the title carries the file name
    assert "base\\x1b[31m\\u202e" in out and "good\\x0dEVIL" in out and "c1\\x9b31m\\x07" in out
    _, out, _ = run(capsys, "decompose", str(hostile), "--bootstrap", "0")
    assert "base\\x1b[31m\\u202e" in out  # the "decomposition:" heading names the base
    _, out, _ = run(capsys, "plot", str(hostile), "--width", "120", "--height", "30")
    assert "good\\x0dEVIL" in out  # the plot legend
    _, out, _ = run(capsys, "fit", str(hostile))
    assert SHOWN_NAME in out


def test_json_keeps_the_data_exact(hostile, capsys):
    code, out, _ = run(capsys, "show", str(hostile), "--json")
    assert code == 0 and not raw_controls(out)
    data = json.loads(out)
    assert {p["series"] for p in data["points"]} == {BASE, SERIES_A, SERIES_B}


def test_passk_first_line_escapes_the_file_name(tmp_path, capsys):
    path = tmp_path / f"pk_{OSC_TITLE}.csv"
    path.write_text(f"model,problem,correct\nm{CLEAR},q1,1\nm{CLEAR},q1,0\nm{CLEAR},q2,1\nm{CLEAR},q2,1\n")
    code, out, err = run(capsys, "passk", str(path))
    assert code == 0, err
    assert not raw_controls(out) and not raw_controls(err)
    assert "pk_\\x1b]0;pwned\\x07.csv" in out.splitlines()[0]


@pytest.mark.parametrize("content", ["model,compute,score\na,ten,20\n", "", "x"])
def test_error_lines_escape_the_file_name(tmp_path, capsys, content):
    path = tmp_path / f"bad_{OSC_TITLE}\nsecond line.csv"
    path.write_text(content)
    code, out, err = run(capsys, "fit", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("scalescope: ")  # one line, even with \n in the name
    assert not raw_controls(err)
    assert "bad_\\x1b]0;pwned\\x07\\nsecond line.csv" in err


def test_missing_file_with_control_characters(tmp_path, capsys):
    code, _, err = run(capsys, "show", str(tmp_path / f"nothing{CLEAR}.csv"))
    assert code == 2 and err.count("\n") == 1 and not raw_controls(err)


def test_real_process_writes_no_raw_control_byte(hostile):
    """The bytes a terminal would get, from a real process (stdout a pipe)."""
    for argv in (["fit", str(hostile)], ["plot", str(hostile)], ["show", str(hostile)]):
        result = subprocess.run(
            [sys.executable, "-m", "scalescope", *argv], capture_output=True, timeout=300, cwd=hostile.parent
        )
        assert result.returncode == 0, result.stderr
        for stream in (result.stdout, result.stderr):
            text = stream.decode("utf-8")
            assert not raw_controls(text), (argv, sorted(raw_controls(text)))
