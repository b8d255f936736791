"""engine.uncertainty.row_percentiles is np.percentile(..., axis=1) to the last bit (it steps
around numpy's np.unique, whose masked-array check imports numpy.ma at the app's start)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scalescope.engine.uncertainty import percentile_intervals, row_percentiles

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 7), st.integers(1, 300)), elements=finite),
    st.floats(0.0, 1.0),
)
def test_row_percentiles_equal_numpy_bit_for_bit(samples, level):
    tail = (1 - level) / 2 * 100
    q = [tail, 100 - tail]
    ours = row_percentiles(samples, q)
    want = np.percentile(samples, q, axis=1)
    assert ours.shape == want.shape
    assert np.array_equal(ours, want), (ours, want)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 60)), elements=st.sampled_from([0.0, 1.5, -2.0])))
def test_ties_and_every_percentile(samples):
    q = [0.0, 2.5, 25.0, 50.0, 97.5, 100.0, 33.3]
    assert np.array_equal(row_percentiles(samples, q), np.percentile(samples, q, axis=1))


def test_bootstrap_draws_and_intervals():
    rng = np.random.default_rng(7)
    draws = rng.normal(size=(6, 2000)) * [[1], [3], [10], [0.1], [5], [2]]
    for level in (0.95, 0.9, 0.5):
        tail = (1 - level) / 2 * 100
        lows, highs = np.percentile(draws, [tail, 100 - tail], axis=1)
        got = percentile_intervals(draws, level)
        assert [(i.low, i.high) for i in got] == list(zip(lows.tolist(), highs.tolist()))
