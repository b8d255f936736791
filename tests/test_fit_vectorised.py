"""Every series' slope interval computed at once (``slope_intervals`` through
``uncertainty.slope_intervals_grouped``) against the one-series-at-a-time path it replaced
(``slope_interval`` on each series' own points), and the grouped OLS against numpy.polyfit:
the same numbers (to rounding), the same method words, on bundled data and on random tables."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.catalog import dataset_ids, load_bundled
from scalescope.engine.errors import FitError
from scalescope.engine.fit import fit_all_series_report, slope_intervals
from scalescope.engine.points import Points
from scalescope.engine.uncertainty import point_sigma, slope_interval, slope_intervals_grouped

REL = 1e-9


def one_at_a_time(ds, fits, level=0.95):
    """The per-series loop as it was: each series' points taken out, one small fit each."""
    out = {}
    for name, fit in fits:
        if fit.link != "linear":
            continue
        pts = ds.series_points(name)
        keep = np.isfinite(pts["compute"]) & (pts["compute"] > 0) & np.isfinite(pts["score"])
        sigma, _ = point_sigma(pts["score"][keep], pts["score_stderr"][keep], pts["n"][keep], ds.n_questions)
        out[name] = slope_interval(np.log10(pts["compute"][keep]), pts["score"][keep], sigma, level, fit.weighted)
    return out


def _same(a, b):
    assert a.method == b.method
    assert a.level == b.level
    for x, y in ((a.slope, b.slope), (a.low, b.low), (a.high, b.high), (a.se, b.se)):
        if math.isnan(y):
            assert math.isnan(x)
        else:
            assert x == pytest.approx(
                y, rel=REL, abs=1e-9 * (abs(b.slope) + (abs(b.se) if b.se == b.se else 0)) + 1e-12
            )


def _check(ds, weighted):
    fits, _ = fit_all_series_report(ds, weighted=weighted)
    fast, slow = slope_intervals(ds, fits), one_at_a_time(ds, fits)
    assert fast.keys() == slow.keys()
    for name in slow:
        _same(fast[name], slow[name])
    return len(slow)


@pytest.mark.parametrize("dataset", dataset_ids())
def test_bundled_data_same_intervals(dataset):
    ds = load_bundled(dataset)
    checked = 0
    for weighted in (False, True):
        try:
            checked += _check(ds, weighted)
        except FitError:  # a weighted fit needs every error known
            assert weighted
    assert checked > 0 or not fit_all_series_report(ds)[0]


def _dataset(series, compute, score, stderr, n, dataset_n=None):
    from scalescope.engine.dataset import Dataset, XAxis

    k = len(series)
    points = Points(
        {
            "benchmark": ["b"] * k,
            "model": [f"m{i}" for i in range(k)],
            "series": series,
            "role": [""] * k,
            "compute": compute,
            "score": score,
            "score_stderr": stderr,
            "n": n,
            "label": [""] * k,
            "source": [""] * k,
        }
    )
    return Dataset(
        id="t",
        title="t",
        benchmark="b",
        points=points,
        x=XAxis("tokens", "tokens"),
        y_name="score (%)",
        provenance="test",
        exactness="test",
        n_questions=dataset_n,
    )


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(2, 9), min_size=1, max_size=8),
    errors=st.sampled_from(["stderr", "n", "none", "mixed", "dataset_n"]),
    scatter=st.floats(0.01, 20.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_tables_same_intervals(sizes, errors, scatter, seed):
    rng = np.random.default_rng(seed)
    series, compute, score, stderr, n = [], [], [], [], []
    for j, size in enumerate(sizes):
        u = np.sort(rng.uniform(0, 6, size))
        u[-1] = u[0] + 0.5 + rng.uniform(0, 4)  # two distinct computes at least 0.3 decades apart
        y = np.clip(30 + rng.normal(0, 8) * u + rng.normal(0, scatter, size), 0, 100)
        series += [f"s{j}"] * size
        compute += (10**u).tolist()
        score += y.tolist()
        se = rng.uniform(0.2, 5, size)
        nn = rng.integers(20, 2000, size).astype(float)
        if errors == "stderr":
            nn[:] = np.nan
        elif errors == "n":
            se[:] = np.nan
        elif errors in ("none", "dataset_n"):
            se[:], nn[:] = np.nan, np.nan
        else:
            se[rng.random(size) < 0.5] = np.nan
            nn[rng.random(size) < 0.5] = np.nan
        stderr += se.tolist()
        n += nn.tolist()
    order = rng.permutation(len(series))  # series interleaved, as in a real file
    pick = lambda values: [values[i] for i in order]  # noqa: E731
    ds = _dataset(
        pick(series), pick(compute), pick(score), pick(stderr), pick(n), 100 if errors == "dataset_n" else None
    )
    for weighted in (False, True):
        try:
            _check(ds, weighted)
        except FitError:  # a weighted fit needs every error known
            assert weighted


def test_grouped_ols_against_polyfit():
    rng = np.random.default_rng(3)
    k = 300
    group = rng.integers(0, k, 20_000)
    u = rng.uniform(1, 6, group.size)
    y = 20 + (group % 11) * u + rng.normal(0, 3, group.size)
    sigma = np.full(group.size, np.nan)
    got = slope_intervals_grouped(u, y, sigma, group, k, [False] * k)
    for j in range(k):
        rows = group == j
        slope = np.polyfit(u[rows], y[rows], 1)[0]
        assert got[j].slope == pytest.approx(slope, rel=1e-10)
        assert got[j].method.startswith("95% interval (t): errors unknown")


def test_no_spare_points_no_interval():
    got = slope_intervals_grouped([1.0, 2.0], [10.0, 20.0], [np.nan, np.nan], [0, 0], 1, [False])
    assert math.isnan(got[0].low) and math.isnan(got[0].high)
    assert got[0].method == slope_interval([1.0, 2.0], [10.0, 20.0], [np.nan, np.nan]).method


@settings(max_examples=200, deadline=None)
@given(
    segments=st.lists(
        st.lists(st.one_of(st.just(math.nan), st.sampled_from([1.0, 2.0, 1.995, 1.996, 10.0]), st.floats(1e-3, 1e6))),
        min_size=1,
        max_size=6,
    ).filter(lambda segs: all(segs))
)
def test_fittable_at_once_agrees_with_unfittable(segments):
    """The quick check over every series at once never passes a series _unfittable would refuse
    (it may defer one to _unfittable, which then decides)."""
    from scalescope.engine.fit import _fittable_at_once, _unfittable

    compute = np.array([v for seg in segments for v in seg], dtype=float)
    fine = _fittable_at_once(compute, [len(seg) for seg in segments])
    for ok, seg in zip(fine, segments):
        if ok:
            assert _unfittable(np.array(seg, dtype=float)) is None, seg
