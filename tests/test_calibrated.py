"""Issue #18: one uncertainty model, intervals that survive their failures, verdicts that cannot
outrun the data, and the guards. Each checked against an independent computation."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scalescope.engine.catalog import load_bundled
from scalescope.engine.compare import compare
from scalescope.engine.dataset import Dataset
from scalescope.engine.decompose import DecomposeOptions, decompose
from scalescope.engine.errors import DataError, FitError
from scalescope.engine.fit import fit_all_series_report, fit_trend
from scalescope.engine.uncertainty import Dispersion, dispersion, error_draws, slope_interval
from scalescope.tui.cli import main

FLOOR_FILE = """model,series,role,tokens,score,n
r_0,R,reasoning,316.23,4.0404,198
r_1,R,reasoning,1000,1.5152,198
r_2,R,reasoning,3162.28,2.0202,198
r_3,R,reasoning,10000,1.5152,198
base_0,Base,base,158.49,2.5253,198
"""


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def two_series(ua, ya, ub, yb, n=200):
    rows = [("A", u, y) for u, y in zip(ua, ya)] + [("B", u, y) for u, y in zip(ub, yb)]
    frame = pd.DataFrame(
        {
            "model": [f"{s}{i}" for i, (s, _, _) in enumerate(rows)],
            "series": [s for s, _, _ in rows],
            "compute": [10.0**u for _, u, _ in rows],
            "score": [y for _, _, y in rows],
            "n": [float(n)] * len(rows),
        }
    )
    return Dataset(id="t", title="t", benchmark="b", points=frame)


# --- one uncertainty model -------------------------------------------------------------------


def test_slope_interval_with_nothing_known_is_the_t_interval_of_ols():
    from scipy import stats

    rng = np.random.default_rng(3)
    u = np.array([2.0, 2.5, 3.1, 3.6, 4.2, 4.9])
    y = 10 + 12 * u + rng.normal(0, 2, u.size)
    got = slope_interval(u, y, np.full(u.size, np.nan))
    ref = stats.linregress(u, y)
    half = stats.t.ppf(0.975, u.size - 2) * ref.stderr
    assert got.slope == pytest.approx(ref.slope)
    assert (got.low, got.high) == pytest.approx((ref.slope - half, ref.slope + half))
    assert "t with 4 dof" in got.method


def test_slope_interval_inflates_known_errors_by_the_pearson_dispersion():
    from scipy import stats

    u = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    y = np.array([10.0, 25.0, 28.0, 45.0, 50.0])  # scatters far more than sigma = 1
    sigma = np.ones(5)
    got = slope_interval(u, y, sigma)
    x = np.column_stack([np.ones(5), u])
    beta, rss = np.linalg.lstsq(x, y, rcond=None)[:2]
    phi = float(rss[0]) / 3  # chi-square / dof with sigma = 1
    se = np.sqrt(phi * np.linalg.inv(x.T @ x)[1, 1])
    half = stats.t.ppf(0.975, 3) * se
    assert (got.low, got.high) == pytest.approx((beta[1] - half, beta[1] + half))
    # within sampling error: the known errors as they are, normal quantile
    calm = slope_interval(u, 10 + 10 * u + np.array([0.3, -0.2, 0.1, -0.3, 0.1]), sigma)
    se0 = np.sqrt(np.linalg.inv(x.T @ x)[1, 1])
    assert calm.high - calm.slope == pytest.approx(stats.norm.ppf(0.975) * se0)


def test_dispersion_rules():
    assert dispersion(np.array([3.0, -3.0, 3.0]), np.ones(3), 1) == Dispersion(
        27.0, 1.0, dispersion(np.array([3.0, -3.0, 3.0]), np.ones(3), 1).text
    )
    assert dispersion(np.array([0.1, -0.1]), np.ones(2), 0).phi == 1.0
    assert np.isnan(dispersion(np.array([0.1, -0.1]), np.full(2, np.nan), 0).phi)


def test_one_residual_dof_keeps_t1_even_within_sampling_error():
    """Three points: one spare dof cannot show scatter beyond sampling error (its chi-square is
    below 1 almost half the time at 2.6x the sampling variance; normal intervals covered 90 % in
    calibration.py's 3-budget row), so t(1) is kept on the known errors; two dof and more use the
    normal as before."""
    from scipy import stats

    calm = dispersion(np.array([0.3, -0.6, 0.3]), np.ones(3), 1)
    assert (calm.phi, calm.df) == (1.0, 1.0) and "one residual dof" in calm.text
    assert dispersion(np.array([0.3, -0.6, 0.3, 0.0]), np.ones(4), 2).df == np.inf
    u = np.array([2.0, 2.5, 3.0])
    y = 10 + 18 * u + np.array([0.1, -0.2, 0.1])
    si = slope_interval(u, y, np.full(3, 1.5))
    se = 1.5 / np.sqrt(np.sum((u - u.mean()) ** 2))
    assert si.high - si.slope == pytest.approx(stats.t.ppf(0.975, 1) * se)
    assert "t with 1 dof" in si.method


def test_zero_and_full_scores_still_vary_in_the_bootstrap():
    rng = np.random.default_rng(0)
    draws = error_draws(
        np.array([0.0, 100.0]),
        np.full(2, np.nan),
        np.array([50.0, 50.0]),
        n_boot=4000,
        rng=rng,
        disp=dispersion([], [], 0),
    )
    # p kept 0.5/n from the boundary, as compare's binomial error does: sd = 100*sqrt(p(1-p)/n)
    p = 0.5 / 50
    assert draws.std(axis=0) == pytest.approx(100 * np.sqrt(p * (1 - p) / 50), rel=0.1)


def test_decompose_uses_the_dataset_size_like_compare():
    ds = load_bundled("arc-agi-1-public-eval")
    series = [s for s in ds.series if (ds.series_points(s)["compute"] > 0).sum() >= 3][0]
    pts = ds.series_points(series)
    base = [m for m, s in zip(ds.points["model"], ds.points["series"]) if s != series and m][0]
    d = decompose(ds, DecomposeOptions(base=base, reasoning=series, n_boot=200))
    assert d.ci, d.ci_method
    assert "n = 400" in d.ci_method and "dataset's size" in d.ci_method
    assert len(pts)


def test_decompose_inflates_scatter_like_a_t_interval():
    """A line with scatter far beyond binomial n=1000: the slope's bootstrap interval is about as
    wide as the t(m-2) interval on the residuals (the issue: 61.5-68.3 vs t(3) 40.3-89.6)."""
    from scipy import stats

    u = np.array([2.0, 2.5, 3.0, 3.5, 4.0])
    y = np.array([20.0, 38.0, 41.0, 66.0, 70.0])
    frame = pd.DataFrame(
        {
            "model": ["b", *[f"r{i}" for i in range(5)]],
            "series": ["B", *["R"] * 5],
            "role": ["base", *["reasoning"] * 5],
            "compute": 10.0 ** np.r_[1.5, u],
            "score": np.r_[10.0, y],
            "n": 1000.0,
        }
    )
    d = decompose(Dataset(id="t", title="t", benchmark="b", points=frame), DecomposeOptions(n_boot=4000))
    ref = stats.linregress(u, y)
    half = stats.t.ppf(0.975, 3) * ref.stderr
    lo, hi = d.ci["slope_per_decade"].low, d.ci["slope_per_decade"].high
    assert hi - lo == pytest.approx(2 * half, rel=0.25)
    assert "t with 3 dof" in d.ci_method


# --- intervals that survive their failures -----------------------------------------------------


def test_logistic_near_the_floor_withholds_its_intervals(tmp_path, capsys):
    path = tmp_path / "floor.csv"
    path.write_text(FLOOR_FILE)
    code, out, _ = run(capsys, "decompose", str(path), "--link", "logistic", "--json", "--bootstrap", "150")
    data = json.loads(out)
    assert data["boot_bound"] > 0.2 * data["n_boot"]
    assert data["ci_unreliable"] and all(v == [None, None] for v in data["ci"].values())
    assert any("unreliable" in w for w in data["warnings"])
    code, out, _ = run(capsys, "decompose", str(path), "--link", "logistic", "--bootstrap", "150")
    assert "[-20.05, -2.67]" not in out and "ended on a bound" in out and "floor 0%" in out


# --- verdicts that cannot outrun the data ---------------------------------------------------


ranges = st.tuples(st.floats(0.5, 4), st.floats(0.3, 2), st.floats(5, 90), st.floats(-20, 40))


@settings(max_examples=60, deadline=None)
@given(ranges, ranges, st.integers(2, 6), st.floats(0, 100))
def test_a_verdict_read_outside_the_observed_range_is_never_a_finding(ra, rb, m, at):
    (ua0, wa, ya0, sa), (ub0, wb, yb0, sb) = ra, rb
    ua, ub = np.linspace(ua0, ua0 + wa, m), np.linspace(ub0, ub0 + wb, m)
    ya = np.clip(ya0 + sa * (ua - ua0), 1, 99)
    yb = np.clip(yb0 + sb * (ub - ub0), 1, 99)
    inside = min(ya.max(), yb.max()) >= at >= max(ya.min(), yb.min())
    assume(not inside)
    c = compare(two_series(ua, ya, ub, yb), "A", "B", at_score=at)
    assert c.reading_extrapolated
    assert c.grade == "inconclusive"
    assert c.as_dict()["verdict"] == "inconclusive"


def test_epoch_o1_mini_vs_o3_mini_is_inconclusive_and_says_why(capsys):
    code, out, _ = run(capsys, "compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31", "--json")
    data = json.loads(out)
    assert data["verdict"] == "inconclusive" and data["reading_extrapolated"]
    assert data["multiplier"]["value"] == pytest.approx(4.51, rel=0.01)  # still shown, marked
    assert any("too little to carry a slope" in n for n in data["notes"])


def test_arc_o1_vs_blog_o3_is_inconclusive(capsys):
    code, out, _ = run(capsys, "compare", "arc-agi-1-o1-o3", "o1", "o3 (ARC blog costs, Dec 2024)")
    assert code == 0 and "verdict [inconclusive]: extrapolated" in out
    assert "not a finding" in out


def test_untested_difference_is_cannot_tell_never_equality():
    u = np.linspace(2, 4, 4)
    c = compare(two_series(u, 20 + 10 * (u - 2), u + 0.05, 20 + 10.5 * (u - 2)), "A", "B")
    for kind in (c.progress.shift, c.progress.slope, c.progress.plateau):
        assert kind.finding in ("b_better", "b_worse", "cannot_tell")
    assert c.progress.slope.finding == "cannot_tell" and "does not show there is none" in c.progress.slope.note
    assert "no difference" not in "\n".join(c.progress.lines("A", "B"))


def test_shift_needs_the_saving_at_both_ends():
    """Lines that cross in the middle of the shared scores: B is cheaper at one end and dearer at
    the other, so no constant saving is a finding, however precise the points."""
    u = np.linspace(1, 3, 8)
    ya = 20 + 15 * (u - 1)
    yb = 35 + 25 * (u - 1.6)  # crosses A inside the shared scores
    c = compare(two_series(u, ya, u, yb, n=100000), "A", "B")
    assert c.progress.shift.finding == "cannot_tell"


# --- guards --------------------------------------------------------------------------------


def test_base_from_the_reasoning_series_is_refused(capsys):
    with pytest.raises(DataError, match="is a point of the reasoning series"):
        decompose(load_bundled("math-level-5"), DecomposeOptions(base="claude-3-7-sonnet-20250219"))
    code, out, err = run(capsys, "decompose", "math-level-5", "--base", "claude-3-7-sonnet-20250219")
    assert code == 2 and "point of the reasoning series" in err and "139" not in out


def test_less_than_three_tenths_of_a_decade_is_no_trend(capsys):
    with pytest.raises(FitError, match="too little to carry a slope"):
        fit_trend([441, 451], [60, 66])
    fits, unfitted = fit_all_series_report(load_bundled("math-level-5"))
    assert "Claude 3.5 Sonnet" in dict(unfitted) and "Claude 3.5 Sonnet" not in dict(fits)
    code, out, _ = run(capsys, "fit", "math-level-5")
    assert "586" not in out and "no trend" in out
    fit_trend([100, 200], [1, 2])  # 0.30 decades: a trend


def test_shares_outside_0_100_are_explained(tmp_path):
    frame = pd.DataFrame(
        {
            "model": ["b", "r1", "r2", "r3"],
            "series": ["B", "R", "R", "R"],
            "role": ["base", "reasoning", "reasoning", "reasoning"],
            "compute": [100.0, 1000.0, 3000.0, 10000.0],
            "score": [70.0, 40.0, 50.0, 60.0],
            "n": 500.0,
        }
    )
    d = decompose(Dataset(id="t", title="t", benchmark="b", points=frame), DecomposeOptions(n_boot=100))
    assert d.rl_boost < 0 and not 0 <= d.inference_share <= 100
    text = "\n".join(d.warnings)
    assert "RL boost is negative" in text and "outside 0-100%" in text


def test_floor_option_sets_and_shows_the_logistic_floor(tmp_path, capsys):
    path = tmp_path / "g.csv"
    path.write_text(
        "model,series,role,tokens,score,n\nr0,R,reasoning,100,30,198\nr1,R,reasoning,1000,40,198\n"
        "r2,R,reasoning,10000,55,198\nb,B,base,50,28,198\n"
    )
    code, out, _ = run(
        capsys, "decompose", str(path), "--link", "logistic", "--floor", "25", "--json", "--bootstrap", "0"
    )
    data = json.loads(out)
    assert data["floor"] == 25 and data["fit"]["floor"] == 25
    code, out, _ = run(capsys, "decompose", str(path), "--link", "logistic", "--floor", "25", "--bootstrap", "0")
    assert "floor 25%" in out
    code, _, err = run(capsys, "fit", str(path), "--floor", "100")
    assert code == 2 and "--floor" in err


def test_issue_commands_write_no_warnings(tmp_path, capsys):
    path = tmp_path / "floor.csv"
    path.write_text(FLOOR_FILE)
    commands = [
        ["decompose", str(path), "--link", "logistic", "--bootstrap", "100"],
        ["compare", "arc-agi-1-o1-o3", "o1", "o3 (ARC blog costs, Dec 2024)"],
        ["compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31"],
        ["decompose", "math-level-5", "--base", "claude-3-7-sonnet-20250219"],
        ["fit", "math-level-5"],
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for argv in commands:
            run(capsys, *argv)
            _, err = capsys.readouterr()
            assert "Warning" not in err


# --- pass@k on a fixed problem set ------------------------------------------------------------


def _mixed_problems():
    """100 hard problems with 10 samples and 100 easy ones with 1000 (the issue's example)."""
    rng = np.random.default_rng(0)
    n = np.r_[np.full(100, 10), np.full(100, 1000)]
    c = np.r_[rng.binomial(10, 0.03, 100), rng.binomial(1000, 0.5, 100)]
    return n, c


def test_passk_curve_keeps_one_problem_set(tmp_path, capsys):
    from math import comb

    from scalescope.engine.passk import fixed_set_k_max

    n, c = _mixed_problems()
    k_max, note = fixed_set_k_max(n)
    assert k_max == 10 and "same 200 problems" in note
    path = tmp_path / "mixed.csv"
    path.write_text("model,problem,n,c\n" + "".join(f"m,p{i},{a},{b}\n" for i, (a, b) in enumerate(zip(n, c))))
    code, out, _ = run(capsys, "passk", str(path), "--json")
    table = json.loads(out)["models"]["m"]["coverage"]
    assert max(r["k"] for r in table) == 10
    for row in table:  # the mean over all 200 problems, by exact binomials
        k = row["k"]
        exact = np.mean([1 - comb(int(a) - int(b), k) / comb(int(a), k) for a, b in zip(n, c)])
        assert row["coverage"] == pytest.approx(100 * exact, abs=1e-9)
    covs = [r["coverage"] for r in table]
    assert covs == sorted(covs)  # no jump from problems dropping out


def test_power_law_misfit_is_flagged_with_its_residuals(tmp_path, capsys):
    from scalescope.engine.passk import check_power_law, coverage, coverage_se, fit_power_law, k_grid, pass_at_k

    rng = np.random.default_rng(1)
    n = np.full(200, 1000)
    p = np.r_[np.zeros(40), rng.uniform(0.01, 0.6, 160)]  # 20 % never solved
    c = rng.binomial(n, p)
    ks = k_grid(1000)
    cov = coverage(n, c, ks)
    se = coverage_se(n, c, ks)
    per_problem = np.array([[pass_at_k(a, b, k) for a, b in zip(n, c)] for k in ks])
    np.testing.assert_allclose(se, per_problem.std(axis=1, ddof=1) / np.sqrt(200), rtol=1e-9)
    fit = fit_power_law(ks, cov)
    check = check_power_law(fit, ks, cov, se)
    assert check.flagged and check.max_z > 3
    np.testing.assert_allclose(check.residuals, 100 * (cov - fit.predict(ks)))
    path = tmp_path / "u.csv"
    path.write_text("model,problem,n,c\n" + "".join(f"m,p{i},{a},{b}\n" for i, (a, b) in enumerate(zip(n, c))))
    code, out, _ = run(capsys, "passk", str(path))
    assert "misfit, not a finding" in out
    code, out, _ = run(capsys, "passk", str(path), "--json")
    assert "standard errors" in json.loads(out)["models"]["m"]["power_law_misfit"]


def test_power_law_on_its_own_curve_is_not_flagged():
    from scalescope.engine.passk import check_power_law, fit_power_law, k_grid

    ks = k_grid(1000)
    cov = np.exp(-2.0 * ks**-0.5)
    check = check_power_law(fit_power_law(ks, cov), ks, cov, np.full(len(ks), 0.01))
    assert not check.flagged and check.max_z < 1e-6


def test_normal_quantile_without_scipy_equals_scipys():
    """quantile(level, inf) comes from the standard library and t quantiles from
    engine/student_t.py (fit no longer imports scipy for either): the same numbers as scipy's
    ndtri and stdtrit (tests/test_student_t.py checks t over 1 to 10^6 dof)."""
    from scipy.special import ndtri, stdtrit

    from scalescope.engine.uncertainty import quantile

    for level in (0.5, 0.8, 0.9, 0.95, 0.99, 0.9999):
        assert quantile(level, float("inf")) == pytest.approx(float(ndtri(0.5 + level / 2)), abs=1e-12)
        for df in (1, 2, 7, 30):
            assert quantile(level, df) == pytest.approx(float(stdtrit(df, 0.5 + level / 2)), rel=1e-12)


def test_a_ceiling_whose_covariance_is_not_one_is_not_identified():
    """Four scores from calibration.py's compare scenarios (seed 2026, 1,000 runs) where the free
    ceiling's inverted curvature had a negative variance: sqrt warned 'invalid value' on stderr
    and the plateau reading got a NaN error. Now it says the ceiling is not identified, silently."""
    from scalescope.engine.compare import logistic_ceiling

    u = np.array([2.0, 2.5, 3.0, 3.5])
    y = np.array([20 / 3, 40 / 3, 0.0, 30.0])
    sigma = np.array([4.554200340426489, 6.206328908341751, 2.3372982186625144, 8.366600265340756])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c, se, why = logistic_ceiling(u, y, sigma, 0.0, 100.0)
    assert np.isnan(c) and np.isnan(se) and why.startswith("ceiling not identified")
