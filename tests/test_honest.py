"""Issue 11: sweeps of one model, nothing dropped without a word, compare that says what the data
carries. Numbers are checked against independent numpy/scipy computations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from scalescope.engine.catalog import load_bundled
from scalescope.engine.errors import DataError
from scalescope.engine.fit import fit_all_series_report
from scalescope.engine.io import load
from scalescope.engine.points import point_names
from scalescope.tui.cli import main

SWEEP = Path(__file__).parent / "fixtures" / "synthetic_budget_sweep.csv"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


# --- sweeps are first-class ------------------------------------------------------------------


def test_sweep_of_one_model_is_one_series_of_six_points(capsys):
    ds = load(str(SWEEP))
    assert ds.series == ["synthetic-model"] and len(ds.points) == 6
    assert point_names(ds.points)[0] == "synthetic-model (2K budget)"
    code, out, err = run(capsys, "fit", str(SWEEP), "--json")
    assert code == 0, err
    fit = json.loads(out)["fits"]["synthetic-model"]
    u = np.log10(ds.points["compute"].to_numpy(float))
    slope, intercept = np.polyfit(u, ds.points["score"].to_numpy(float), 1)
    assert fit["n_points"] == 6
    assert fit["slope_per_decade"] == pytest.approx(slope)
    assert fit["params"]["intercept"] == pytest.approx(intercept)
    assert fit["models"][-1] == "synthetic-model (64K budget)"


def test_only_same_model_label_and_compute_are_duplicates(write):
    load(write("a.csv", "model,label,compute,score\nm,low,10,1\nm,high,10,2\n"))  # label differs
    load(write("b.csv", "model,compute,score\nm,10,1\nm,20,2\n"))  # compute differs
    with pytest.raises(DataError, match="appears twice"):
        load(write("c.csv", "model,label,compute,score\nm,low,10,1\nm,low,10,2\n"))


def test_sweep_label_shown_in_the_points_names_without_label(write):
    ds = load(write("d.csv", "model,compute,score\nm,10,1\nm,20,2\nz,5,3\n"))
    assert point_names(ds.points) == ["m (compute 10)", "m (compute 20)", "z"]


# --- nothing left out without a word ---------------------------------------------------------


def test_logistic_fit_names_the_series_it_cannot_fit(capsys):
    ds = load_bundled("epoch-math-level-5")
    fits, unfitted = fit_all_series_report(ds, link="logistic")
    reasons = dict(unfitted)
    assert "degenerate" in reasons["o1-2024-12-17"]
    # every series is either fitted or named with a reason
    assert {name for name, _ in fits} | set(reasons) == set(ds.series)
    one_point = [s for s in ds.series if ds.series_points(s)["compute"].notna().sum() == 1]
    assert one_point and all(reasons[s].startswith("one point") for s in one_point)
    code, out, _ = run(capsys, "fit", "epoch-math-level-5", "--link", "logistic")
    assert code == 0 and "o1-2024-12-17" in out and "degenerate" in out
    code, out, _ = run(capsys, "fit", "epoch-math-level-5", "--link", "logistic", "--json")
    assert "degenerate" in json.loads(out)["unfitted"]["o1-2024-12-17"]


def test_no_compute_is_a_reason(write, capsys):
    path = write("e.csv", "model,series,compute,score\na,s,10,1\nb,s,20,2\nc,t,,3\n")
    code, out, _ = run(capsys, "fit", str(path), "--json")
    assert json.loads(out)["unfitted"] == {"t": "no compute known"}
