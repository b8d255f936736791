"""compare reads each series' scatter as fit does (newcomer7, problem 5): two 3-point series on
ARC-AGI-1 (100 tasks, binomial errors) have one residual dof each, which fit reads with t(1);
compare read their slope difference, its Wald test, Fieller's multiplier and the verdict with the
normal (z) from the pooled 2 dof, and printed 'b_cheaper'. Checked against independent sums:
numpy least squares by hand, scipy.stats.t quantiles, the Welch-Satterthwaite dof."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import stats

from scalescope.engine.compare import compare, reference_df
from scalescope.engine.fit import slope_intervals
from scalescope.engine.io import load
from scalescope.tui.cli import main

DS, A, B = "arc-agi-1-semi-private", "o3-mini-2025-01-31", "o4-mini-2025-04-16"


def _series(ds, name):
    pts = ds.series_points(name)
    pts = pts[pts["compute"] > 0]
    u, y = np.log10(pts["compute"]), np.asarray(pts["score"], float)
    p = np.clip(y / 100, 0.005, 0.995)
    sigma = 100 * np.sqrt(p * (1 - p) / 100)  # 100 tasks, binomial
    return u, y, sigma


def _by_hand(u, y, sigma):
    """OLS slope, its sandwich variance on the binomial errors, and fit's dispersion rule."""
    uc = u - u.mean()
    slope = float(uc @ y / (uc @ uc))
    resid = y - y.mean() - slope * uc
    dof = len(u) - 2
    chi2 = float(np.sum((resid / sigma) ** 2))
    phi = max(1.0, chi2 / dof)
    df = dof if (chi2 / dof > 1 or dof == 1) else math.inf
    var = float(np.sum(uc**2 * sigma**2) * phi / (uc @ uc) ** 2)
    return slope, var, df


def test_three_point_series_are_read_with_fits_t1_not_z():
    ds = load(DS)
    (sa, va, dfa), (sb, vb, dfb) = (_by_hand(*_series(ds, n)) for n in (A, B))
    assert dfa == dfb == 1  # one residual dof each, within sampling error: fit keeps t(1)
    c = compare(ds, A, B)
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / dfa + vb**2 / dfb)  # Welch-Satterthwaite
    q = stats.t.ppf(0.975, df)
    assert c.slope_difference == pytest.approx(sb - sa, rel=1e-9)
    lo, hi = c.slope_difference_ci
    assert hi - lo > 2 * 4.0 * se  # t(~2), never the normal's 1.96 (the old [-1.98, +33.39])
    assert lo == pytest.approx(sb - sa - q * se, rel=1e-7) and hi == pytest.approx(sb - sa + q * se, rel=1e-7)
    assert c.shared_slope_p == pytest.approx(2 * stats.t.sf(abs(sb - sa) / se, df), rel=1e-7)
    assert c.slope_difference_se == pytest.approx(se, rel=1e-9)
    assert c.slope_difference_df == pytest.approx(df, rel=1e-9)
    # each slope's own interval is fit's, to the digit
    fits = slope_intervals(ds, [(A, c.fit_a), (B, c.fit_b)])
    for mine, theirs in zip(c.slope_cis, (fits[A], fits[B])):
        assert (mine.low, mine.high, mine.se) == pytest.approx((theirs.low, theirs.high, theirs.se), rel=1e-9)
        assert "t with 1 dof" in mine.method


def test_fieller_uses_the_same_reading_and_the_verdict_follows_it():
    ds = load(DS)
    c = compare(ds, A, B)
    (ua, ya, ga), (ub, yb, gb) = (_series(ds, n) for n in (A, B))
    u, y, sigma = np.r_[ua, ub], np.r_[ya, yb], np.r_[ga, gb]
    isb = np.r_[np.zeros(len(ua)), np.ones(len(ub))]
    x = np.column_stack([np.ones(len(u)), isb, u])
    xinv = np.linalg.inv(x.T @ x)
    _, d, b = xinv @ x.T @ y
    # each series' share of the shared-slope fit's covariance (phi 1 here: within sampling error)
    shares = [xinv @ (x.T * np.where(isb == k, sigma**2, 0.0)) @ x @ xinv for k in (0, 1)]
    cov = sum(shares)
    theta = d / b
    contrast = np.array([0.0, 1.0, -theta])
    v = [float(contrast @ s @ contrast) for s in shares]
    df = sum(v) ** 2 / sum(vi**2 / 1 for vi in v)
    q = stats.t.ppf(0.975, df)
    # the old z reading gave [2.35x, 9.57x] and 'b_cheaper'; one line through both is not rejected now
    lo, hi = c.multiplier_interval
    assert lo < 2.0 and hi > 20
    assert c.grade == "inconclusive"
    for bound in c.multiplier_ci:  # Fieller's bounds solve (d - t b)^2 = q^2 var(d - t b)
        lhs = (d - bound * b) ** 2
        rhs = q**2 * (cov[1, 1] - 2 * bound * cov[1, 2] + bound**2 * cov[2, 2])
        assert lhs == pytest.approx(rhs, rel=1e-6)
    assert c.multiplier_df == pytest.approx(df, rel=1e-9)


def test_reference_df_is_welch_satterthwaite():
    assert reference_df([(4.0, 1.0), (4.0, 1.0)]) == pytest.approx(2.0)
    assert reference_df([(4.0, 3.0), (0.0, 1.0)]) == pytest.approx(3.0)  # one part alone keeps its dof
    assert reference_df([(1.0, math.inf), (1.0, math.inf)]) == math.inf  # errors known: normal
    assert reference_df([(1.0, math.inf), (1.0, 2.0)]) == pytest.approx(8.0)


def test_json_carries_the_interval_the_verdict_used(capsys):
    assert main(["compare", DS, A, B, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert main(["fit", DS, "--json"]) == 0
    fit = json.loads(capsys.readouterr().out)["fits"]
    for key, name in (("fit_a", A), ("fit_b", B)):
        mine, theirs = out[key]["slope_ci"], fit[name]["slope_ci"]
        assert mine["method"] == theirs["method"]
        assert [*mine["ci"], mine["se"]] == pytest.approx([*theirs["ci"], theirs["se"]], rel=1e-9)
        assert "slope_ci" in out[key]["slope_stderr_is"]  # the residual-only SE says what it is
    se_a, se_b = out["fit_a"]["slope_ci"]["se"], out["fit_b"]["slope_ci"]["se"]
    assert out["slope_difference_se"] == pytest.approx(math.hypot(se_a, se_b), rel=1e-9)
    df = out["slope_difference_df"]
    q = stats.t.ppf(0.975, df)
    diff = out["slope_difference"]
    assert out["slope_difference_ci"] == pytest.approx(
        [diff - q * out["slope_difference_se"], diff + q * out["slope_difference_se"]]
    )
    assert out["verdict"] == "inconclusive"


def _two_series(ya, yb, n=1000):
    from scalescope.engine.dataset import Dataset

    u = np.array([2.0, 2.5, 3.0, 3.5])
    return Dataset(
        id="sim",
        title="sim",
        benchmark="sim",
        points={
            "model": np.array([f"{s}{i}" for s in "AB" for i in range(4)], dtype=object),
            "series": np.array(["A"] * 4 + ["B"] * 4, dtype=object),
            "role": np.array([""] * 8, dtype=object),
            "compute": np.r_[10**u, 10**u],
            "score": np.r_[ya, yb],
            "n": np.full(8, float(n)),
        },
    )


def test_known_errors_with_spare_dof_stay_normal():
    """Four budgets within sampling error: fit reads each slope with the normal, and so does compare."""
    ds = _two_series([20.0, 27.5, 35.0, 42.5], [30.0, 37.6, 45.0, 52.4])
    c = compare(ds, "A", "B")
    assert all("(normal)" in si.method for si in c.slope_cis)
    assert c.slope_difference_df == math.inf
    se = math.hypot(*(si.se for si in c.slope_cis))
    lo, hi = c.slope_difference_ci
    assert hi - lo == pytest.approx(2 * stats.norm.ppf(0.975) * se, rel=1e-9)


def test_one_series_scattering_more_gives_its_t_alone():
    """A scatters beyond its binomial errors (t with 2 dof, phi > 1), B does not (normal): the
    difference's dof is Satterthwaite's, between 2 and inf, and A's variance is scaled by its phi."""
    ds = _two_series([20.0, 31.0, 31.0, 42.5], [30.0, 37.6, 45.0, 52.4])
    c = compare(ds, "A", "B")
    sa, sb = c.slope_cis
    assert "t with 2 dof" in sa.method and "(normal)" in sb.method
    va, vb = sa.se**2, sb.se**2
    assert c.slope_difference_se == pytest.approx(math.sqrt(va + vb), rel=1e-9)
    assert c.slope_difference_df == pytest.approx((va + vb) ** 2 / (va**2 / 2), rel=1e-9)


def test_the_multiplier_draws_are_drawn_once_with_the_same_numbers():
    """compare reads the multiplier at three scores (the verdict's, both ends of the shared
    scores) from one set of seeded draws: the same intervals as drawing them for each score."""
    from scalescope.engine.compare import _simulated_ci

    beta = np.array([-10.0, 5.0, 15.0, 3.0])
    shares = (np.diag([4.0, 0.0, 1.0, 0.0]), np.diag([0.0, 4.0, 0.0, 1.0]))
    for sim in (((shares[0], shares[1]), (1.0, math.inf)), (shares[0] + shares[1], 3.0)):
        cache: dict = {}
        for score in (20.0, 30.0, 45.0):
            assert _simulated_ci(beta, sim, score, 0.95, 0, cache) == _simulated_ci(beta, sim, score, 0.95, 0)
