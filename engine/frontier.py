"""The cost/score frontier: the points that no other point beats on both cost and score.

A point is *beaten* when another point has a strictly lower compute **and** a strictly higher
score. The frontier is every point that is not beaten. Ties are kept: a point at the same cost
as a better one, or with the same score as a cheaper one, is not beaten by it. Points with
unknown compute cannot be placed: they are left out and counted.

Sorted by compute, the frontier's scores never fall (a dearer frontier point scores at least as
much as every cheaper point), so it draws as a rising step line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import Dataset


def frontier_mask(compute, score) -> np.ndarray:
    """True where no other point has both a strictly lower compute and a strictly higher score.

    ``compute`` and ``score`` are finite arrays of one length. O(n log n): sort by compute; a point
    is beaten iff the best score among strictly cheaper points exceeds its own.
    """
    compute = np.asarray(compute, dtype=float)
    score = np.asarray(score, dtype=float)
    n = len(compute)
    if n == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(compute, kind="stable")
    c, s = compute[order], score[order]
    best_so_far = np.maximum.accumulate(s)  # best score among points up to and including i
    # first position of each point's compute value: the points before it are strictly cheaper
    first = np.searchsorted(c, c, side="left")
    best_cheaper = np.where(first > 0, best_so_far[np.maximum(first - 1, 0)], -np.inf)
    keep_sorted = ~(best_cheaper > s)
    mask = np.empty(n, dtype=bool)
    mask[order] = keep_sorted
    return mask


@dataclass(frozen=True)
class FrontierPoint:
    model: str
    series: str
    compute: float
    score: float
    label: str


@dataclass(frozen=True)
class Frontier:
    """Result of :func:`frontier`: the frontier points in increasing compute."""

    dataset: str
    points: tuple[FrontierPoint, ...]
    considered: int  # points with a known compute
    unknown_compute: tuple[str, ...]  # models left out: compute unknown

    @property
    def steps(self) -> tuple[list[float], list[float]]:
        """The step line through the frontier (x, y): along at the old score, then up."""
        xs: list[float] = []
        ys: list[float] = []
        for i, p in enumerate(self.points):
            if i:
                xs.append(p.compute)
                ys.append(self.points[i - 1].score)
            xs.append(p.compute)
            ys.append(p.score)
        return xs, ys

    def as_dict(self) -> dict:
        return {
            "dataset": self.dataset,
            "rule": "a point is on the frontier unless another point has both a lower compute and a higher score",
            "frontier": [
                {"model": p.model, "series": p.series, "compute": p.compute, "score": p.score, "label": p.label}
                for p in self.points
            ],
            "considered": self.considered,
            "left_out_unknown_compute": list(self.unknown_compute),
        }


def frontier(ds: Dataset) -> Frontier:
    """The cost/score frontier of a dataset's points (every series together)."""
    pts = ds.points
    known = ~np.isnan(pts["compute"])
    kept = pts[known]
    mask = frontier_mask(kept["compute"], kept["score"])
    on = kept[mask]
    on = on[np.lexsort((on["score"], on["compute"]))]  # by compute, then score (stable)
    points = tuple(
        FrontierPoint(str(r.model), str(r.series), float(r.compute), float(r.score), str(r.label)) for r in on.rows()
    )
    return Frontier(
        dataset=ds.id,
        points=points,
        considered=int(known.sum()),
        unknown_compute=tuple(str(m) for m in pts["model"][~known]),
    )
