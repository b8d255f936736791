"""Sweeps in a plain table (issue #20 item 6): effort and budget suffixes of model ids, and
reasoning_effort / budget / thinking_tokens columns, are settings of one model (one series, the
setting as the label), and the command says so."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.settings import EFFORTS, setting_label, setting_rank, split_setting

from .conftest import ROOT


@pytest.mark.parametrize(
    ("model", "base", "label"),
    [
        ("claude-3-7-sonnet-20250219_64K", "claude-3-7-sonnet-20250219", "64K budget"),
        ("o3-mini-2025-01-31_high", "o3-mini-2025-01-31", "high effort"),
        ("o3-mini-high", "o3-mini", "high effort"),
        ("claude-3-7-sonnet-thinking-16k", "claude-3-7-sonnet", "16K budget"),
        ("gpt-5_minimal", "gpt-5", "minimal effort"),
        ("gpt-3.5-turbo-16k", "gpt-3.5-turbo-16k", ""),  # a context window, not a budget
        ("qwen-max", "qwen-max", ""),  # a model, not an effort
        ("_high", "_high", ""),  # nothing would be left
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022", ""),
    ],
)
def test_split_setting(model, base, label):
    assert split_setting(model) == (base, label)


_BASE = st.from_regex(r"[a-z][a-z0-9.]{0,12}", fullmatch=True).filter(lambda s: split_setting(s)[1] == "")


@settings(max_examples=40)
@given(_BASE, st.sampled_from(["_low", "-medium", "_high", "-xhigh", "_none", "_max"]))
def test_an_effort_suffix_comes_off_whole(base, suffix):
    assert split_setting(base + suffix) == (base, f"{suffix[1:]} effort")


@settings(max_examples=40)
@given(_BASE, st.integers(1, 10**6))
def test_a_budget_suffix_comes_off_whole(base, kilo):
    assert split_setting(f"{base}_{kilo}K") == (base, f"{kilo}K budget")


@given(st.permutations(["", *[f"{e} effort" for e in EFFORTS], "1K budget", "16K budget", "64K budget"]))
def test_settings_order_efforts_then_budgets_by_size(labels):
    expected = ["", *[f"{e} effort" for e in EFFORTS], "1K budget", "16K budget", "64K budget"]
    assert sorted(labels, key=setting_rank) == expected


def test_setting_labels():
    assert setting_label(effort="High") == "high effort"
    assert setting_label(budget=16384) == "16K budget"
    assert setting_label(budget=64000) == "64K budget"
    assert setting_label(budget=1500) == "1,500-token budget"
    assert setting_label(effort="low", budget=2048) == "low effort, 2K budget"
    assert setting_label() == ""


def cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scalescope", *argv], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _math_level_5_without_series(path):
    """The bundled MATH level 5 points (real numbers) as a user would paste them: model, tokens,
    score, no series column."""
    with open(ROOT / "data" / "points" / "math-level-5.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["compute"]]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["model", "tokens", "score"])
        for r in rows:
            writer.writerow([r["model"], r["compute"], r["score"]])
    return rows


def test_budget_suffixes_in_a_plain_csv_are_one_series(tmp_path):
    path = tmp_path / "sweep.csv"
    rows = _math_level_5_without_series(path)
    out = cli("fit", str(path), "--json")
    assert out.returncode == 0, out.stderr
    fits = json.loads(out.stdout)["fits"]
    sweep = [r for r in rows if r["model"].startswith("claude-3-7-sonnet-20250219")]
    assert len(sweep) >= 3
    assert list(fits) == ["claude-3-7-sonnet-20250219"]
    x = np.log10([float(r["compute"]) for r in sweep])
    y = np.array([float(r["score"]) for r in sweep])
    slope = np.polyfit(x, y, 1)[0]  # independent: numpy's least squares
    assert fits["claude-3-7-sonnet-20250219"]["slope_per_decade"] == pytest.approx(slope, rel=1e-9)
    assert fits["claude-3-7-sonnet-20250219"]["n_points"] == len(sweep)
    text = cli("fit", str(path))
    assert "read as settings of one model" in text.stderr  # said so
    shown = cli("show", str(path)).stdout
    assert "64K budget" in shown


def test_effort_and_budget_columns_are_labels_of_one_series(tmp_path):
    path = tmp_path / "effort.csv"
    path.write_text(
        "model,reasoning_effort,tokens,score\no3-mini,low,1000,60\no3-mini,medium,3000,70\no3-mini,high,9000,80\n"
    )
    out = cli("show", str(path), "--json")
    assert out.returncode == 0, out.stderr
    points = json.loads(out.stdout)["points"]
    assert [p["label"] for p in points] == ["low effort", "medium effort", "high effort"]
    assert {p["series"] for p in points} == {"o3-mini"}
    path = tmp_path / "budget.csv"
    path.write_text("model,thinking_tokens,tokens,score\nclaude,,800,60\nclaude,16384,6000,80\nclaude,65536,13000,90\n")
    out = cli("fit", str(path), "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["fits"]["claude"]["n_points"] == 3
    assert "thinking_tokens" in cli("fit", str(path)).stderr  # the note names the column
    path.write_text("model,budget,tokens,score\nclaude,-5,800,60\nclaude,16384,6000,80\n")
    out = cli("fit", str(path))
    assert out.returncode == 2 and "row 2" in out.stderr and "budget" in out.stderr


def test_a_series_column_is_kept_as_given(tmp_path):
    path = tmp_path / "given.csv"
    path.write_text("model,series,tokens,score\nm_16K,A,100,50\nm_64K,B,1000,60\nm,A,10,40\n")
    points = json.loads(cli("show", str(path), "--json").stdout)["points"]
    assert [p["series"] for p in points] == ["A", "B", "A"]


def test_one_point_per_series_says_how_to_group(tmp_path):
    path = tmp_path / "single.csv"
    path.write_text("model,tokens,score\na,10,20\nb,100,30\nc,1000,40\n")
    out = cli("fit", str(path))
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    assert "series column" in out.stderr and "_16K" in out.stderr
