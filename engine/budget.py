"""The budget curve of one run: its score had each sample been allowed at most L tokens.

From per-sample token counts and scores (Inspect logs): a sample counts at budget L only if it
finished within L output tokens; beside each L, the share of samples that used more (would be
cut off at L). This is Inspect Viz's ``scores_by_limit``. It is read off a single run by
truncation, which is not the same as running the model with a budget of L: a model told its
budget plans its answer for it. The caveat travels with every curve.
"""

from __future__ import annotations

import numpy as np

from ._frozen import frozen
from .uncertainty import point_sigma

CAVEAT = (
    "truncation, not a real budget: a sample counts at L only if this run finished it within L output tokens; "
    "a model run with a budget of L plans for it and may score differently"
)


@frozen
class BudgetCurve:
    """Score (percent) within each budget L, and the share (percent) of samples that used more."""

    label: str
    budgets: np.ndarray
    success: np.ndarray  # mean score counting only samples finished within L
    cut: np.ndarray  # samples that used more than L tokens
    full_score: float  # the run's score, no truncation (the curve's last value)
    limit_hit: float  # percent of samples the run's own limit cut off (limit "token", ...)
    token_limit: int | None
    n_samples: int  # samples (id x epoch) on the curve
    unknown_tokens: int  # scored samples left out: no token count
    caveat: str = CAVEAT
    # each score's standard error (percentage points): over the problems (a problem's epochs are
    # one draw) where the sample ids are known, else over the samples; where every problem agrees
    # (0 or 100 %), the binomial error from their number, as every point's (engine.uncertainty)
    stderr: np.ndarray | None = None
    n_problems: int | None = None  # problems on the curve (None: the sample ids were not given)

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "budgets": self.budgets.tolist(),
            "success": self.success.tolist(),
            "cut": self.cut.tolist(),
            "full_score": self.full_score,
            "limit_hit": self.limit_hit,
            "token_limit": self.token_limit,
            "n_samples": self.n_samples,
            "unknown_tokens": self.unknown_tokens,
            "caveat": self.caveat,
            "success_stderr": None if self.stderr is None else self.stderr.tolist(),
            "n_problems": self.n_problems,
            "stderr_method": self.stderr_method,
        }

    @property
    def stderr_method(self) -> str:
        over = f"the {self.n_problems} problems (epochs averaged first)" if self.n_problems else "the samples"
        return f"standard error over {over}; binomial from their number where all agree, p kept 0.5/n from 0 and 1"


def budget_grid(tokens: np.ndarray, points: int = 12) -> np.ndarray:
    """About ``points`` budgets, evenly spaced in log10 from the fewest tokens a sample used to
    the most (both included)."""
    positive = tokens[tokens > 0]
    if not len(positive):
        return np.array([])
    low, high = float(positive.min()), float(positive.max())
    if low == high:
        return np.array([high])
    return np.unique(np.round(np.logspace(np.log10(low), np.log10(high), points)))


def budget_curve(
    tokens,
    values,
    limit,
    *,
    label: str = "",
    token_limit: int | None = None,
    points: int = 12,
    budgets=None,
    ids=None,
) -> BudgetCurve:
    """The curve for one run. ``tokens``: output tokens per sample (NaN unknown); ``values``: the
    sample's score (1 correct, 0 wrong, partial credit in between; NaN unscored: left out);
    ``limit``: the limit each sample hit ("" none); ``ids``: each sample's problem id (its
    epochs are one draw: the errors are over problems), or None (over samples)."""
    tokens = np.asarray(tokens, float)
    values = np.asarray(values, float)
    limit = np.asarray(limit, dtype=object)
    scored = np.isfinite(values)
    known = scored & np.isfinite(tokens)
    t, v = tokens[known], values[known]
    grid = budget_grid(t, points) if budgets is None else np.asarray(budgets, float)
    n_problems = None
    if len(t) and len(grid):
        within = t[None, :] <= grid[:, None]
        counted = v[None, :] * within
        success = 100 * counted.mean(axis=1)
        cut = 100 * (~within).mean(axis=1)
        if ids is not None:  # each problem's mean over its epochs, then the spread over problems
            _, code = np.unique(np.asarray(ids, dtype=object)[known].astype(str), return_inverse=True)
            order = np.argsort(code, kind="stable")
            sizes = np.bincount(code)
            starts = np.r_[0, np.cumsum(sizes)[:-1]]
            draws = np.add.reduceat(counted[:, order], starts, axis=1) / sizes
            n_problems = len(sizes)
        else:
            draws = counted
        m = draws.shape[1]
        spread = draws.std(axis=1, ddof=1) / np.sqrt(m) if m > 1 else np.full(len(grid), np.nan)
        stderr, _ = point_sigma(success, 100 * spread, np.full(len(grid), float(m)))
    else:
        success = cut = stderr = np.full(len(grid), np.nan)
    hit = np.array([bool(x) for x in limit[known]], dtype=bool)
    return BudgetCurve(
        label=label,
        budgets=grid,
        success=success,
        cut=cut,
        full_score=100 * float(v.mean()) if len(v) else float("nan"),
        limit_hit=100 * float(hit.mean()) if len(hit) else float("nan"),
        token_limit=token_limit,
        n_samples=int(known.sum()),
        unknown_tokens=int((scored & ~np.isfinite(tokens)).sum()),
        stderr=stderr,
        n_problems=n_problems,
    )
