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


def test_a_grid_of_no_cells_keeps_one_cell_and_the_chart_grid_follows_its_size():
    """Before layout a chart's size is 0 x 0: the grid falls back, and a zero grid is one cell."""
    from scalescope.engine.catalog import load_bundled
    from scalescope.tui.chart import THIN_GRID, ChartSpec, thin_grid

    x, y = np.array([1.0, 2.0, 3.0]), np.array([5.0, 1.0, 9.0])
    assert cell_extremes(x, y, (0, 4), (0, 10), 0, 0).tolist() == [1, 2]  # lowest and highest
    ds = load_bundled("math-level-5")
    assert thin_grid(ChartSpec(ds, size=(0, 0))) == THIN_GRID
    assert thin_grid(ChartSpec(ds, size=(150, 40))) == (150, 40)


def test_100k_points_reach_plotext_as_at_most_two_per_character_cell():
    """The chart hands plotext each cell's extremes, not every point (issue #13: a few points per
    character cell); every point it draws is one of the data's."""
    import pandas as pd

    from scalescope.engine.dataset import Dataset
    from scalescope.tui.chart import ChartSpec, default_highlight, draw_chart

    rng = np.random.default_rng(3)
    n = 100_000
    compute = 10 ** rng.uniform(2, 5, n)
    frame = pd.DataFrame(
        {
            "model": [f"m{i}" for i in range(n)],
            "series": [f"s{i % 1000}" for i in range(n)],
            "compute": compute,
            "score": np.clip(10 * np.log10(compute) + rng.normal(0, 5, n), 0, 100),
        }
    )
    ds = Dataset("big", "big", "big", frame)
    drawn = []

    class Recorder:
        def scatter(self, x, y, **kw):
            drawn.append((np.asarray(x), np.asarray(y)))

        def __getattr__(self, name):
            return lambda *a, **k: None

    size = (150, 40)
    draw_chart(Recorder(), ChartSpec(ds, highlighted=default_highlight(ds), size=size))
    total = sum(len(x) for x, _ in drawn)
    assert 0 < total <= 2 * size[0] * size[1] + 6 * 100  # the cloud thinned; 6 highlighted series of 100
    known = set(zip(np.round(np.log10(compute), 9), np.round(frame["score"], 9)))
    for x, y in drawn:
        assert set(zip(np.round(x, 9), np.round(y, 9))) <= known
