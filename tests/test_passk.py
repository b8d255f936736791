"""pass@k against the Codex paper's product form and exact binomials."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.errors import ScalescopeError
from scalescope.engine.passk import coverage, fit_power_law, k_grid, pass_at_k, years_until_affordable


def reference(n, c, k):
    """openai/human-eval's estimator, verbatim in form."""
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


def test_known_value():
    assert pass_at_k(10, 3, 5) == pytest.approx(1 - comb(7, 5) / comb(10, 5))
    assert pass_at_k(10, 3, 5) == pytest.approx(0.9166666666666666)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 300).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n), st.integers(1, n))))
def test_matches_exact_binomials(nck):
    n, c, k = nck
    exact = 1 - comb(n - c, k) / comb(n, k)
    assert pass_at_k(n, c, k) == pytest.approx(exact, abs=1e-12)


def test_stable_at_large_n():
    n = 100_000
    for c, k in [(1, 1), (3, 10), (50, 1000), (99_000, 500), (17, 99_000)]:
        assert pass_at_k(n, c, k) == pytest.approx(reference(n, c, k), abs=1e-12)


def test_coverage_is_the_mean_over_problems_and_skips_short_problems():
    n = np.array([10, 10, 5])
    c = np.array([0, 10, 1])
    ks = np.array([1, 5, 10])
    cov = coverage(n, c, ks)
    expected1 = np.mean([0, 1, 0.2])
    expected5 = np.mean([0, 1, 1.0])
    assert cov[0] == pytest.approx(expected1)
    assert cov[1] == pytest.approx(expected5)
    assert cov[2] == pytest.approx(0.5)  # the 5-sample problem cannot give pass@10


def test_power_law_recovers_parameters():
    ks = k_grid(10_000)
    cov = np.exp(-2.5 * ks**-0.4)
    fit = fit_power_law(ks, cov)
    assert fit.a == pytest.approx(2.5) and fit.beta == pytest.approx(0.4)
    np.testing.assert_allclose(fit.predict(ks), cov)


def test_k_grid_and_years():
    grid = k_grid(10_000, 30)
    assert grid[0] == 1 and grid[-1] == 10_000 and np.all(np.diff(grid) > 0)
    assert years_until_affordable(1000, 4) == pytest.approx(np.log(1000) / np.log(4))
    assert years_until_affordable(4, 4) == pytest.approx(1)
    assert years_until_affordable(0.5, 4) == 0.0  # already affordable
    for ratio, decline in [(0, 4), (-3, 4), (float("nan"), 4), (10, 1), (10, 0.5)]:
        with pytest.raises(ScalescopeError):
            years_until_affordable(ratio, decline)


def test_misfit_line_names_the_largest_finite_miss_and_the_exact_ones_apart():
    """A coverage with no spread across problems has standard error 0 and an infinite z: it was
    named as the worst miss ('inf standard errors') while a real 4.8 SE miss went unnamed."""
    from scalescope.engine.passk import MISFIT_Z, misfit_line

    ks = [1, 2, 15, 16]
    line = misfit_line(ks, [18.4, 1.0, 1.67, 2.10], [3.3, 0.4, -4.8, float("inf")])
    assert "by up to 4.8 standard errors (+1.67 pp at k=15)" in line
    assert "exact (no spread across problems): +2.10 pp at k=16" in line
    assert "inf" not in line
    assert misfit_line(ks, [0.1, 0.2, 0.1, 0.0], [0.5, -1.0, MISFIT_Z, 0.0]) is None  # within 3 SE everywhere
    only_exact = misfit_line(ks, [0.1, 0.2, 0.1, 0.5], [0.5, -1.0, 1.0, float("-inf")])
    assert "by up to" not in only_exact and "+0.50 pp at k=16" in only_exact


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 40), st.floats(0, 1)), min_size=1, max_size=60),
    st.lists(st.integers(1, 45), min_size=1, max_size=6, unique=True),
    st.booleans(),
)
def test_coverage_se_over_distinct_pairs_is_the_per_problem_standard_deviation(problems, ks, extremes):
    """coverage_se groups identical (n, c) pairs; it must equal the standard deviation of every
    problem's own pass@k by hand (math.comb), NaN where fewer than two problems have k samples,
    and exactly 0 where every such problem has the same pass@k (all solved, or none)."""
    from scalescope.engine.passk import coverage_se

    n = np.array([a for a, _ in problems])
    c = np.array([0 if extremes and f < 0.5 else a if extremes else round(f * a) for a, f in problems])
    se = coverage_se(n, c, ks)
    for k, got in zip(ks, se):
        values = [1 - comb(int(a) - int(b), k) / comb(int(a), k) for a, b in zip(n, c) if a >= k]
        if len(values) < 2:
            assert np.isnan(got)
        elif len(set(values)) == 1:
            assert got == 0.0
        else:
            assert got == pytest.approx(np.std(values, ddof=1) / np.sqrt(len(values)), rel=1e-9, abs=1e-15)
