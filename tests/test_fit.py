"""Trend fits against scipy and hand calculation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.special import expit

from scalescope.engine.errors import FitError
from scalescope.engine.fit import MIN_DECADES, fit_trend


def test_linear_fit_matches_scipy_linregress():
    x = np.array([800, 2_000, 9_000, 12_500, 13_700.0])
    y = np.array([68.2, 75.0, 86.3, 90.0, 91.2])
    fit = fit_trend(x, y)
    ref = stats.linregress(np.log10(x), y)
    assert fit.params == pytest.approx((ref.intercept, ref.slope), rel=1e-12)
    assert fit.slope_per_decade == pytest.approx(ref.slope)
    assert fit.slope_stderr == pytest.approx(ref.stderr, rel=1e-10)
    assert fit.r_squared == pytest.approx(ref.rvalue**2, rel=1e-12)
    np.testing.assert_allclose(fit.residuals, y - (ref.intercept + ref.slope * np.log10(x)), atol=1e-12)


def test_weighted_fit_matches_polyfit_with_unscaled_covariance():
    x = np.array([10, 100, 1000, 10000.0])
    y = np.array([20.0, 35.0, 48.0, 66.0])
    se = np.array([1.0, 2.0, 1.5, 3.0])
    fit = fit_trend(x, y, stderr=se, weighted=True)
    (b, a), cov = np.polyfit(np.log10(x), y, 1, w=1 / se, cov="unscaled")
    assert fit.params == pytest.approx((a, b), rel=1e-12)
    assert fit.slope_stderr == pytest.approx(np.sqrt(cov[0, 0]), rel=1e-9)


def test_compute_multiple_for_a_gain_is_ten_to_the_delta_over_slope():
    fit = fit_trend([100, 1000, 10000], [40, 50, 60])  # exactly 10 points per decade
    assert fit.slope_per_decade == pytest.approx(10)
    assert fit.multiple_for_gain(10) == pytest.approx(10)
    assert fit.multiple_for_gain(5) == pytest.approx(10**0.5)
    assert fit.inverse(55) == pytest.approx(10**3.5)
    assert fit.predict(10**3.5) == pytest.approx(55)


def test_logistic_recovers_known_parameters():
    u = np.linspace(1, 5, 9)
    y = 25 + 75 * expit(1.7 * (u - 3.2))
    fit = fit_trend(10**u, y, link="logistic", floor=25, ceiling=100)
    assert fit.params == pytest.approx((3.2, 1.7), rel=1e-6)
    # slope at the midpoint: span * k / 4
    mid = fit.slope_at_u(3.2)
    assert mid == pytest.approx(75 * 1.7 / 4, rel=1e-6)
    assert fit.inverse(fit.predict(5000.0)) == pytest.approx(5000.0, rel=1e-9)
    assert np.isnan(fit.inverse(100.0))  # never reached
    assert fit.multiple_for_gain(200.0) == float("inf")


def test_too_few_points_and_no_spread_are_errors():
    with pytest.raises(FitError, match="at least 2 points"):
        fit_trend([100, np.nan], [1, 2])
    with pytest.raises(FitError, match="same compute"):
        fit_trend([100, 100], [1, 2])
    with pytest.raises(FitError, match="stderr"):
        fit_trend([1, 10], [1, 2], stderr=[1, np.nan], weighted=True, models=["a", "b"])


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0, 7), min_size=3, max_size=10, unique_by=lambda v: round(v, 4)),
    st.floats(-50, 50),
    st.floats(-20, 20),
    st.floats(-5, 5),
)
def test_slope_is_invariant_to_the_unit_of_compute(us, a, b, shift):
    us = np.array(us)
    # a trend needs its compute to span MIN_DECADES (fit_trend refuses a narrower one, said)
    assume(us.max() - us.min() >= MIN_DECADES + 1e-9)
    y = a + b * us + np.sin(us * 7)  # some scatter
    f1 = fit_trend(10**us, y)
    f2 = fit_trend(10 ** (us + shift), y)
    assert f2.slope_per_decade == pytest.approx(f1.slope_per_decade, abs=1e-6)
    assert f2.r_squared == pytest.approx(f1.r_squared, abs=1e-6)


def test_two_point_logistic_closed_form_equals_scipy_least_squares():
    """Two points, two parameters: the closed form must be the least-squares optimum scipy finds."""
    from scipy.optimize import least_squares
    from scipy.special import expit

    from scalescope.engine.fit import fit_trend

    rng = np.random.default_rng(7)
    compared = 0
    for _ in range(50):
        compute = 10 ** np.array([rng.uniform(1, 2.5), rng.uniform(3, 5)])  # at least half a decade apart
        score = rng.uniform(5, 95, 2)
        u = np.log10(compute)
        try:
            fit = fit_trend(compute, score, link="logistic")
        except FitError:  # the midpoint lies over 5 decades outside the points: refused, as before
            g = np.log(score / (100 - score))
            assert (
                abs(g[0] - (g[1] - g[0]) / (u[1] - u[0]) * (u[0] - u.mean())) / abs((g[1] - g[0]) / (u[1] - u[0])) > 5
            )
            continue
        compared += 1
        ref = least_squares(
            lambda t, u=u, score=score: 100 * expit(t[1] * (u - t[0])) - score,
            [u.mean(), np.sign(score[1] - score[0])],
            xtol=1e-15,
            ftol=1e-15,
            gtol=1e-15,
        )
        np.testing.assert_allclose(fit.predict_u(u), score, atol=1e-8)
        np.testing.assert_allclose(fit.params, ref.x, rtol=1e-6, atol=1e-6)
        assert fit.cov is None
    assert compared >= 30


def test_all_series_grouped_once_equal_each_series_fitted_alone():
    """fit_all_series_report groups the table once with numpy; each fit must equal fit_series on
    that series alone, and the unfittable series keep their reasons (random table, 60 series,
    some with one point, one compute, or no compute)."""
    import pandas as pd

    from scalescope.engine.dataset import Dataset
    from scalescope.engine.fit import fit_all_series_report, fit_series, unfittable_reason

    rng = np.random.default_rng(5)
    n = 900
    series = rng.integers(0, 60, n)
    compute = 10 ** rng.uniform(1, 4, n)
    compute[series == 7] = 100.0  # all at one compute
    compute[(series == 8) & (rng.random(n) < 0.5)] = np.nan
    points = pd.DataFrame(
        {
            "model": [f"m{i % 50}" for i in range(n)],
            "series": [f"s{s}" for s in series],
            "compute": compute,
            "score": rng.uniform(5, 95, n),
            "score_stderr": rng.uniform(0.5, 3, n),
            "label": [f"l{i}" for i in range(n)],
        }
    )
    pair = points.iloc[:2].assign(series="pair", compute=[10.0, 1000.0])  # 2 points: no covariance
    points = pd.concat([points, points.iloc[:1].assign(series="lonely"), pair], ignore_index=True)
    ds = Dataset("t", "t", "t", points)
    for link in ("linear", "logistic"):
        fitted, unfitted = fit_all_series_report(ds, link=link)
        assert [s for s, _ in fitted] == [s for s in ds.series if s not in dict(unfitted)]
        assert len(fitted) + len(unfitted) == len(ds.series)
        for name, fit in fitted:
            alone = fit_series(ds, name, link=link)
            if link == "logistic":
                assert repr(fit) == repr(alone)
                continue
            # linear fits are done together from segment sums: the same numbers to rounding
            assert (fit.u, fit.score, fit.models, fit.link, fit.weighted) == (
                alone.u,
                alone.score,
                tuple(alone.models),
                alone.link,
                alone.weighted,
            )
            assert fit.params == pytest.approx(alone.params, rel=1e-9, abs=1e-9)
            if alone.cov is None:
                assert fit.cov is None and name == "pair"
            else:
                assert np.ravel(fit.cov) == pytest.approx(np.ravel(alone.cov), rel=1e-9, abs=1e-12)
            assert fit.r_squared == pytest.approx(alone.r_squared, rel=1e-9, abs=1e-12)
            slope, intercept = np.polyfit(fit.u, fit.score, 1)  # and against numpy's own fit
            assert fit.params == pytest.approx((intercept, slope), rel=1e-9, abs=1e-9)
        for name, reason in unfitted:
            expected = unfittable_reason(ds, name)
            if expected is None:  # fittable in principle; the fit itself failed and says why
                with pytest.raises(FitError) as info:
                    fit_series(ds, name, link=link)
                expected = str(info.value).removeprefix(f"series {name!r}: ")
            assert reason == expected
        assert dict(unfitted)["lonely"] == "one point with a known compute"
        assert "pair" in dict(fitted)
        assert dict(unfitted)["s7"] == "all points at the same compute"
