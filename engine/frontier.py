"""The cost/score frontier (Pareto): the points no other point dominates.

A point is *dominated* when another point is at most as costly **and** at least as good, and
strictly better in one of the two (cheaper, or higher score). The frontier is every point that is
not dominated. Only exact duplicates (the same compute and the same score) are kept together: a
point at the same cost as a better one is dominated by it, and so is a point with the same score
as a cheaper one. Points with unknown compute cannot be placed: they are left out and counted.

Sorted by compute, the frontier's scores strictly rise (a dearer frontier point scores more than
every cheaper point), so it draws as a rising step line.
"""

from __future__ import annotations

import numpy as np

from ._frozen import frozen
from .dataset import Dataset

RULE = (
    "a point is on the frontier unless another point is at most as costly and at least as good, "
    "and strictly better in one (exact duplicates kept together)"
)


def frontier_mask(compute, score) -> np.ndarray:
    """True where no other point dominates: none has compute <= and score >= with one strict.

    ``compute`` and ``score`` are finite arrays of one length. O(n log n): sort by compute; a point
    is dominated iff some strictly cheaper point scores at least as much, or some point of the
    same compute scores strictly more.
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
    # the best score among the points of exactly this compute (one group per distinct compute)
    # ``first`` never decreases (``c`` is sorted): its distinct values are where it steps (what
    # np.unique gives, without the masked-array check that imports numpy.ma at the app's start)
    starts = first[np.concatenate(([True], first[1:] != first[:-1]))]
    best_same = np.maximum.reduceat(s, starts)[np.searchsorted(starts, first)]
    keep_sorted = ~((best_cheaper >= s) | (best_same > s))
    mask = np.empty(n, dtype=bool)
    mask[order] = keep_sorted
    return mask


@frozen
class FrontierPoint:
    model: str
    series: str
    compute: float
    score: float
    label: str


@frozen
class Frontier:
    """Result of :func:`frontier`: the frontier points in increasing compute."""

    dataset: str
    points: tuple[FrontierPoint, ...]
    considered: int  # points with a known compute
    unknown_compute: tuple[str, ...]  # models left out: compute unknown
    # the steps up the frontier (from one point to the next dearer one) whose score gain lies
    # within the two points' sampling errors (95%, the one uncertainty model's errors), and the
    # steps that could be judged (both errors known): membership is read on the scores as measured
    steps_within_error: int = 0
    steps_judged: int = 0

    @property
    def error_note(self) -> str:
        """What the frontier's membership does not account for, in numbers (empty when no step
        could be judged)."""
        if not self.steps_judged:
            return ""
        steps = len(self.points) - 1
        unjudged = f"; {steps - self.steps_judged} step(s) without known errors" if self.steps_judged < steps else ""
        return (
            f"membership is read on the scores as measured: {self.steps_within_error} of the {self.steps_judged} "
            "steps up the frontier gain less than the two points' 95% sampling error (the dearer point may not "
            f"truly score more){unjudged}"
        )

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
            "rule": RULE,
            "frontier": [
                {"model": p.model, "series": p.series, "compute": p.compute, "score": p.score, "label": p.label}
                for p in self.points
            ],
            "considered": self.considered,
            "left_out_unknown_compute": list(self.unknown_compute),
            "steps_within_error": self.steps_within_error,
            "steps_judged": self.steps_judged,
            "error_note": self.error_note or None,
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
    from .uncertainty import point_sigma

    score = np.asarray(on["score"], dtype=float)
    sigma, _ = point_sigma(score, on["score_stderr"], on["n"], ds.n_questions)
    gain = np.diff(score)
    joint = 1.959963984540054 * np.hypot(sigma[1:], sigma[:-1])  # the normal's 97.5% point
    judged = np.isfinite(joint)
    return Frontier(
        dataset=ds.id,
        points=points,
        considered=int(known.sum()),
        unknown_compute=tuple(str(m) for m in pts["model"][~known]),
        steps_within_error=int(np.count_nonzero(gain[judged] < joint[judged])),
        steps_judged=int(np.count_nonzero(judged)),
    )
