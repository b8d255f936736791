"""The command line on good and bad input: tables, stable JSON, one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scalescope.tui.cli import main

from .conftest import ROOT


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_decompose_table_shows_the_figures(capsys):
    code, out, err = run(capsys, "decompose", "math-level-5", "--bootstrap", "200")
    assert code == 0 and err == ""
    for text in ("+6.27 pp", "+27.34 pp", "81.3 %", "30.3x", "extrapolated"):
        assert text in out


def test_decompose_json_has_documented_keys(capsys):
    code, out, _ = run(
        capsys,
        "decompose",
        "math-level-5",
        "--json",
        "--bootstrap",
        "300",
        "--fit",
        "claude-3-7-sonnet-20250219,claude-3-7-sonnet-20250219_64K",
    )
    assert code == 0
    data = json.loads(out)
    for key in ("rl_boost", "inference_boost", "total_gain", "inference_share", "compute_multiple", "fit", "ci"):
        assert key in data
    assert round(data["rl_boost"], 2) == 6.30 and round(data["inference_share"], 1) == 81.6
    assert "slope_per_decade" in data["fit"]
    low, high = data["ci"]["rl_boost"]
    assert low < data["rl_boost"] < high


def test_otis_json_is_strict_json_without_intervals(capsys):
    code, out, _ = run(capsys, "decompose", "otis-mock-aime", "--json")
    data = json.loads(out)  # no NaN tokens
    assert data["ci"] == {} and "--assume-n" in data["ci_method"]


def test_list_show_fit_compare_plot(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0 and "math-level-5" in out and "llm-monkeys-coverage" in out
    code, out, _ = run(capsys, "show", "otis-mock-aime")
    assert code == 0 and "no known compute" in out and "claude-3-7-sonnet-20250219_16K" in out
    code, out, _ = run(capsys, "fit", "math-level-5", "--series", "Claude 3.7 Sonnet", "--json")
    assert json.loads(out)["fits"]["Claude 3.7 Sonnet"]["slope_per_decade"] == pytest.approx(18.4517, abs=1e-4)
    code, out, _ = run(capsys, "compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31")
    assert code == 0 and "compute-efficiency multiplier" in out
    code, out, _ = run(capsys, "plot", "math-level-5", "--width", "100", "--height", "30")
    assert code == 0
    assert "1K" in out and "10K" in out and "1681" not in out and "\x1b[" not in out
    assert "RL boost +6.3" in out
    code, out, _ = run(capsys, "plot", "arc-agi-1-semi-private", "--width", "100", "--height", "30")
    assert "$1" in out and "$100" in out
    code, out, _ = run(capsys, "plot", "math-level-5", "--linear-x", "--width", "90", "--height", "25")
    assert "linear scale" in out and "10K" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["decompose", "no-such-dataset"], "no such file"),
        (["decompose", "math-level-5", "--base", "nope"], "base model 'nope'"),
        (["fit", "math-level-5", "--series", "nope"], "no series 'nope'"),
        (["compare", "math-level-5", "Claude 3.7 Sonnet", "nope"], "no series 'nope'"),
        (["decompose", "arc-agi-1-semi-private"], "choose a base model"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert words in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_file_from_a_real_process(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("model,compute,score\na,10,50\nb,abc,60\n", encoding="utf-8")
    before = bad.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "scalescope", "decompose", str(bad)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"scalescope: {bad}, row 3, column 'compute': 'abc' is not a number"
    assert bad.read_bytes() == before


def test_good_file_decomposes(tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_text(
        "model,series,role,tokens,score,stderr\nbase,B,base,400,50,1\nr1,R,reasoning,800,60,1\n"
        "r2,R,reasoning,8000,80,1\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "decompose", str(path), "--json")
    data = json.loads(out)
    assert code == 0
    # trend through (log 800, 60) and (log 8000, 80): 20 pp per decade
    assert data["fit"]["slope_per_decade"] == pytest.approx(20)
    assert data["rl_boost"] == pytest.approx(60 - 20 * 0.30103 - 50, abs=1e-3)


def test_years_and_compare_json(capsys):
    import math

    assert main(["years", "1000"]) == 0
    out = capsys.readouterr().out
    assert f"{math.log(1000) / math.log(4):.1f} years" in out
    for bad, words in [("0", "must be a positive number"), ("-3", "must be a positive number")]:
        assert main(["years", bad]) == 2
        err = capsys.readouterr().err
        assert err.startswith("scalescope: ") and words in err and "Error" not in err and err.count("\n") == 1
    assert main(["years", "1000", "--decline", "1"]) == 2
    assert "no decline" in capsys.readouterr().err
    assert (
        main(
            ["compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31", "--json", "--at-score", "80"]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["at_score"] == 80 and data["efficiency_multiplier"] > 1
    low, high = data["efficiency_multiplier_ci"]
    assert low < data["efficiency_multiplier"] < high


def test_plot_honours_width_and_height_when_piped(capsys):
    assert main(["plot", "math-level-5", "--width", "110", "--height", "26"]) == 0
    lines = capsys.readouterr().out.rstrip("\n").split("\n")
    assert max(len(line) for line in lines) == 110
    assert len(lines) == 26


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (["--x", "dollars", "--width", "80"], "dollars per task: mean output tokens per question, priced (log scale)"),
        (["--x", "dollars", "--width", "52"], "dollars per task: mean output tokens per quest…"),
        (["--width", "52"], "mean output tokens per question (log scale)"),
        (["--x", "dollars", "--width", "140"], "(thinking included), priced (log scale)"),  # fits: whole
    ],
)
def test_plot_x_label_is_shortened_to_the_width_not_dropped(capsys, argv, label):
    """plotext leaves the label row blank when the label is wider than the plot: at 80 columns in
    dollars the axis had no name."""
    code, out, _ = run(capsys, "plot", "math-level-5", "--height", "24", *argv)
    assert code == 0
    lines = out.split("\n")
    ticks = next(i for i, line in enumerate(lines) if "└" in line) + 1
    assert label in lines[ticks + 1]
