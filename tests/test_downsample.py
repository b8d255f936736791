"""Downsampling for the chart keeps each cell's lowest and highest point (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from scalescope.engine.downsample import cell_extremes

coords = arrays(float, st.integers(0, 400), elements=st.floats(-10, 10, allow_nan=False))


def cells(x, y, cols, rows):
    col = np.clip(((x + 10) / 20 * cols).astype(int), 0, cols - 1)
    row = np.clip(((y + 10) / 20 * rows).astype(int), 0, rows - 1)
    return col * rows + row


@settings(max_examples=200, deadline=None)
@given(st.data(), st.integers(1, 30), st.integers(1, 12))
def test_keeps_each_cells_min_and_max_and_at_most_two(data, cols, rows):
    x = data.draw(coords)
    y = data.draw(arrays(float, len(x), elements=st.floats(-10, 10, allow_nan=False)))
    keep = cell_extremes(x, y, (-10, 10), (-10, 10), cols, rows)
    assert np.all(np.diff(keep) > 0)  # ascending, no repeats
    c = cells(x, y, cols, rows)
    kept = np.zeros(len(x), bool)
    kept[keep] = True
    for cell in np.unique(c):  # brute force, cell by cell
        inside = c == cell
        assert kept[inside].sum() <= 2
        assert y[kept & inside].min() == y[inside].min()
        assert y[kept & inside].max() == y[inside].max()
    assert set(np.unique(c[kept])) == set(np.unique(c))  # no cell emptied


def test_100k_points_become_a_few_per_cell_and_non_finite_points_stay():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 1, 100_000), rng.uniform(0, 100, 100_000)
    x[5] = np.nan
    keep = cell_extremes(x, y, (0, 1), (0, 100), 200, 50)
    assert len(keep) <= 2 * 200 * 50 + 1 and 5 in keep
    assert y[keep].max() == np.nanmax(y[np.isfinite(x)]) and y[keep].min() == np.nanmin(y[np.isfinite(x)])
