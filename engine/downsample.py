"""Fewer points for a chart without changing what it shows: of the points that fall in one cell
of a grid laid over the plot, keep the lowest and the highest (each cell's extremes), drop the
rest. 100k points on a 200-column chart draw as a few per character cell, and every cell that
had a point still has its minimum and maximum."""

from __future__ import annotations

import numpy as np


def cell_extremes(x, y, x_range: tuple[float, float], y_range: tuple[float, float], cols: int, rows: int) -> np.ndarray:
    """Indices (ascending) of the points to keep: in each of ``cols`` x ``rows`` cells spanning
    the ranges, the point with the smallest and the one with the largest ``y`` (ties: the first
    in input order). Points outside the ranges are clamped to the edge cells; points with a
    non-finite coordinate are kept as they are (the chart decides what to do with them)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    finite = np.isfinite(x) & np.isfinite(y)
    idx = np.flatnonzero(finite)
    if len(idx) == 0:
        return np.flatnonzero(~finite)
    (x0, x1), (y0, y1) = x_range, y_range
    cols, rows = max(int(cols), 1), max(int(rows), 1)  # a grid of at least one cell
    col = np.clip(((x[idx] - x0) / ((x1 - x0) or 1.0) * cols).astype(np.int64), 0, cols - 1)
    row = np.clip(((y[idx] - y0) / ((y1 - y0) or 1.0) * rows).astype(np.int64), 0, rows - 1)
    cell = col * rows + row
    yi = y[idx]
    # each cell's lowest and highest y in one pass (ufunc.at), no sort of the points; then, of
    # the points equal to their cell's extreme, the first in input order (a sort of those few)
    lowest = np.full(cols * rows, np.inf)
    highest = np.full(cols * rows, -np.inf)
    np.minimum.at(lowest, cell, yi)
    np.maximum.at(highest, cell, yi)
    chosen = []
    for is_extreme in (yi == lowest[cell], yi == highest[cell]):
        candidates = np.flatnonzero(is_extreme)  # ascending: input order
        _, first = np.unique(cell[candidates], return_index=True)
        chosen.append(candidates[first])
    keep = idx[np.union1d(*chosen)]
    return np.union1d(keep, np.flatnonzero(~finite))
