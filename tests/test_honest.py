"""Issue 11: sweeps of one model, nothing dropped without a word, compare that says what the data
carries. Numbers are checked against independent numpy/scipy computations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

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
    u = np.log10(ds.points["compute"])
    slope, intercept = np.polyfit(u, ds.points["score"], 1)
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
    assert "no trend" in reasons["o1-2024-12-17"]  # 0.12 decades of compute: too narrow to carry a slope
    # every series is either fitted or named with a reason
    assert {name for name, _ in fits} | set(reasons) == set(ds.series)
    one_point = [s for s in ds.series if (~np.isnan(ds.series_points(s)["compute"])).sum() == 1]
    assert one_point and all(reasons[s].startswith("one point") for s in one_point)
    code, out, _ = run(capsys, "fit", "epoch-math-level-5", "--link", "logistic")
    assert code == 0 and "o1-2024-12-17" in out and "no trend" in out
    code, out, _ = run(capsys, "fit", "epoch-math-level-5", "--link", "logistic", "--json")
    assert "too little to carry a slope" in json.loads(out)["unfitted"]["o1-2024-12-17"]


def test_no_compute_is_a_reason(write, capsys):
    path = write("e.csv", "model,series,compute,score\na,s,10,1\nb,s,20,2\nc,t,,3\n")
    code, out, _ = run(capsys, "fit", str(path), "--json")
    assert json.loads(out)["unfitted"] == {"t": "no compute known"}


# --- compare: what the data can carry ---------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from scalescope.engine.compare import compare, fieller  # noqa: E402
from scalescope.engine.dataset import Dataset  # noqa: E402
from scalescope.engine.points import validate_points  # noqa: E402


def make_ds(rows, n_questions=None, floor=0.0):
    import pandas as pd

    frame = pd.DataFrame(rows)
    points, _ = validate_points(frame, file="test")
    return Dataset(id="t", title="t", benchmark="t", points=points, n_questions=n_questions, floor=floor)


def rows_of(series, computes, scores, stderr=None, n=None):
    out = []
    for i, (c, s) in enumerate(zip(computes, scores)):
        row = {"model": f"{series}-{i}", "series": series, "compute": c, "score": s}
        if stderr is not None:
            row["score_stderr"] = stderr[i]
        if n is not None:
            row["n"] = n
        out.append(row)
    return out


def test_no_stderr_slope_test_is_the_nested_f_test():
    ca, ya = [10, 30, 100, 300, 1000], [20, 26, 31, 35, 41]
    cb, yb = [20, 60, 200, 600], [30, 40, 47, 58]
    c = compare(make_ds(rows_of("A", ca, ya) + rows_of("B", cb, yb)), "A", "B")
    u = np.log10(np.r_[ca, cb])
    y = np.r_[ya, yb].astype(float)
    isb = np.r_[np.zeros(5), np.ones(4)]

    def rss(x):
        beta, *_ = np.linalg.lstsq(x, y, rcond=None)
        return float(np.sum((y - x @ beta) ** 2))

    full = rss(np.column_stack([np.ones(9), isb, u, isb * u]))
    shared = rss(np.column_stack([np.ones(9), isb, u]))
    one = rss(np.column_stack([np.ones(9), u]))
    f1 = (shared - full) / (full / 5)
    f2 = ((one - full) / 2) / (full / 5)
    assert c.shared_slope_p == pytest.approx(stats.f.sf(f1, 1, 5), rel=1e-6)
    assert c.on_trend_p == pytest.approx(stats.f.sf(f2, 2, 5), rel=1e-6)
    slope_a = np.polyfit(np.log10(ca), ya, 1)[0]
    slope_b = np.polyfit(np.log10(cb), yb, 1)[0]
    assert c.slope_difference == pytest.approx(slope_b - slope_a)
    assert "residuals" in c.uncertainty


def test_known_stderr_two_points_each_by_hand():
    # two points per series: each line passes through its points; slope variance (s1²+s2²)/du²
    ca, ya, sa = [100, 1000], [40.0, 60.0], [2.0, 2.0]
    cb, yb, sb = [100, 1000], [50.0, 56.0], [1.0, 1.5]
    c = compare(make_ds(rows_of("A", ca, ya, sa) + rows_of("B", cb, yb, sb)), "A", "B")
    var_a, var_b = (2**2 + 2**2) / 1.0, (1**2 + 1.5**2) / 1.0
    z = (6 - 20) / np.sqrt(var_a + var_b)
    assert c.shared_slope_p == pytest.approx(2 * stats.norm.sf(abs(z)))
    assert c.shared_slope_ok is False and c.headline == "at_score"
    # vertical gap at compute 316 (u = 2.5): each 2-point line's prediction is the mean of its ends
    c2 = compare(make_ds(rows_of("A", ca, ya, sa) + rows_of("B", cb, yb, sb)), "A", "B", at_compute=10**2.5)
    gap = (53 - 50) * 1.0
    se = np.sqrt((4 + 4) / 4 + (1 + 2.25) / 4)
    assert c2.vertical_gap == pytest.approx(gap)
    assert c2.vertical_gap_ci == pytest.approx((gap - 1.959964 * se, gap + 1.959964 * se), rel=1e-5)
    assert c2.extrapolated_compute is False


def test_fieller_interval_is_the_set_of_ratios_not_rejected():
    d, b, vdd, vbb, vdb, q = 3.0, 1.2, 0.4, 0.09, 0.05, 1.96
    lo, hi = fieller(d, b, vdd, vbb, vdb, q)
    grid = np.linspace(-20, 20, 400001)
    accepted = grid[(d - grid * b) ** 2 <= q**2 * (vdd - 2 * grid * vdb + grid**2 * vbb)]
    assert lo == pytest.approx(accepted.min(), abs=1e-3) and hi == pytest.approx(accepted.max(), abs=1e-3)
    assert fieller(1.0, 0.1, 0.1, 0.09, 0.0, 1.96) == (-np.inf, np.inf)  # slope not away from 0


def test_binomial_uncertainty_from_the_dataset_size_and_no_contradiction():
    ds = load_bundled("arc-agi-1-semi-private")
    assert ds.n_questions == 100
    c = compare(ds, "o1", "o3-preview")  # the o3-preview low and high runs, one point each
    assert "binomial" in c.uncertainty and "n = 100" in c.uncertainty
    assert any("mixes pricing periods" in note for note in c.notes)  # $200 later, $3,474 at Dec-2024 rates
    # the o3 slope's standard error from binomial errors alone, by hand (two points)
    from scalescope.engine.uncertainty import point_sigma

    sig, _ = point_sigma([75.7, 87.5], [np.nan, np.nan], [np.nan, np.nan], 100)
    assert sig == pytest.approx([100 * np.sqrt(0.757 * 0.243 / 100), 100 * np.sqrt(0.875 * 0.125 / 100)])
    # never both "B needs less compute" and "B lies on A's line"
    assert not (c.grade != "inconclusive" and c.on_trend)
    assert c.extrapolated and not c.score_overlap and not c.compute_overlap
    assert c.progress.shift.finding == "cannot_tell" and c.progress.slope.finding == "cannot_tell"


def test_nothing_known_means_no_test(capsys, write):
    path = write("x.csv", "model,series,compute,score\na1,A,10,20\na2,A,100,30\nb1,B,10,40\nb2,B,100,45\n")
    code, out, _ = run(capsys, "compare", str(path), "A", "B", "--json")
    data = json.loads(out)
    assert data["verdict"] == "inconclusive" and data["shared_slope_reads"] == data["on_trend_reads"] == "no_test"
    assert "no test is possible" in data["uncertainty"]
    code, out, _ = run(capsys, "compare", str(path), "A", "B")
    assert "no test possible" in out and "not rejected" not in out


def test_math_example_json_keys_and_extrapolation(capsys):
    args = ["compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31", "--json"]
    _, out, _ = run(capsys, *args)
    data = json.loads(out)
    assert data["shared_slope_p"] < 0.05  # 68.8 vs 5.3 pp per decade (too narrow to read: 'cannot tell')
    assert data["shared_slope_reads"] == "cannot_tell"
    assert data["verdict"] in ("b_cheaper", "b_dearer", "inconclusive")
    assert set(data["progress"]) == {"shift", "slope", "plateau"}
    _, out, _ = run(capsys, *args, "--at-score", "70")
    data = json.loads(out)
    assert data["extrapolated"] is True and data["extrapolated_score"] is True
    # read at 70%, a score neither series reached: never a finding, whatever the interval
    assert data["reading_extrapolated"] is True and data["verdict"] == "inconclusive"
    assert data["multiplier"]["value"] is not None  # the extrapolated estimate is still shown
    _, out, _ = run(capsys, *args[:-1], "--at-score", "70")
    assert "extrapolated" in out


def test_plateau_found_when_both_series_bend():
    from scipy.optimize import curve_fit
    from scipy.special import expit

    u = np.linspace(1, 4, 8)
    rng = np.random.default_rng(3)
    ya = 80 * expit(2.0 * (u - 2.0)) + rng.normal(0, 0.5, 8)
    yb = 92 * expit(2.0 * (u - 2.2)) + rng.normal(0, 0.5, 8)
    se = np.full(8, 0.5)
    c = compare(make_ds(rows_of("A", 10**u, ya, se) + rows_of("B", 10**u, yb, se)), "A", "B")
    p = c.progress.plateau
    assert p.finding == "b_better" and p.low < 12 < p.high

    def f(x, u0, k, top):
        return top * expit(k * (x - u0))

    ca = curve_fit(f, u, ya, p0=[2, 2, 80], sigma=se)[0][2]
    cb = curve_fit(f, u, yb, p0=[2, 2, 90], sigma=se)[0][2]
    assert p.estimate == pytest.approx(cb - ca, abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(5, 95), min_size=3, max_size=5),
    st.lists(st.floats(5, 95), min_size=3, max_size=5),
    st.floats(-1.5, 1.5),
    st.booleans(),
)
def test_property_interval_containing_one_is_inconclusive(ya, yb, shift, with_n):
    ua = np.arange(len(ya)) * 0.5 + 1
    ub = np.arange(len(yb)) * 0.5 + 1 + shift
    n = 200 if with_n else None
    c = compare(make_ds(rows_of("A", 10**ua, ya, n=n) + rows_of("B", 10**ub, yb, n=n)), "A", "B")
    _, lo, hi = c.headline_multiplier
    if not (lo > 1 or hi < 1):
        assert c.grade == "inconclusive"
    if c.grade == "b_cheaper":
        assert lo > 1
    if c.grade == "b_dearer":
        assert hi < 1
    assert c.as_dict()["verdict"] == c.grade


# --- passk per model --------------------------------------------------------------------------


def test_passk_reports_each_model_separately(write, capsys):
    from scipy.special import comb

    rng = np.random.default_rng(7)
    lines = ["model,problem_id,sample,correct"]
    truth = {}
    for model, rate in (("alpha", 0.15), ("beta", 0.55)):
        n, c = [], []
        for p in range(30):
            hits = rng.random(10) < rate * (p % 3 + 1) / 2
            lines += [f"{model},q{p},{s},{int(h)}" for s, h in enumerate(hits)]
            n.append(10)
            c.append(int(hits.sum()))
        truth[model] = (np.array(n), np.array(c))
    path = write("two.csv", "\n".join(lines) + "\n")
    code, out, _ = run(capsys, "passk", str(path), "--json")
    data = json.loads(out)["models"]
    assert set(data) == {"alpha", "beta"}
    for model, (n, c) in truth.items():
        assert data[model]["problems"] == 30
        for row in data[model]["coverage"]:
            k = int(row["k"])
            expected = 100 * np.mean(1 - comb(n - c, k) / comb(n, k))
            assert row["coverage"] == pytest.approx(expected, abs=1e-9)
    code, out, _ = run(capsys, "passk", str(path))
    assert "alpha: 30 problems" in out and "beta: 30 problems" in out and "60 problems" not in out


# --- other sentences that must not overstate --------------------------------------------------


def test_decompose_warns_when_a_boost_interval_includes_zero():
    from scalescope.engine.decompose import DecomposeOptions, decompose

    d = decompose(load_bundled("otis-mock-aime"), DecomposeOptions(assume_n=45))
    lo, hi = d.ci["rl_boost"].low, d.ci["rl_boost"].high
    assert (lo <= 0 <= hi) == any("RL boost's interval includes 0" in w for w in d.warnings)
    assert lo <= 0 <= hi  # 2.68 pp from two 45-question runs: not told apart from none


def test_years_below_one_is_already_affordable_and_two_point_fit_has_no_r2(capsys):
    code, out, _ = run(capsys, "years", "0.5")
    assert code == 0 and "already" in out and "-" not in out.split("already")[0].split("x")[0]
    code, out, _ = run(capsys, "years", "1000", "--json")
    assert json.loads(out)["years"] == pytest.approx(np.log(1000) / np.log(4))
    code, out, _ = run(capsys, "fit", "epoch-math-level-5", "--series", "o1-mini-2024-09-12")
    assert "1.000" not in out  # a line through two points fits them exactly: no R² is reported


def test_a_multiplier_interval_without_a_bound_says_so():
    import math

    from scalescope.tui.report import _mult_ci

    assert _mult_ci(0.0, math.inf).startswith("unbounded") and "inf x" not in _mult_ci(0.0, math.inf)
    assert _mult_ci(2.0, math.inf).endswith("∞)") and _mult_ci(2.0, math.inf).startswith("[2")
    assert _mult_ci(0.0, 3.0).startswith("[0x, ") and _mult_ci(0.0, 3.0).endswith("]")
    assert _mult_ci(math.nan, 3.0).startswith("no interval")
