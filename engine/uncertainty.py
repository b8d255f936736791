"""Parametric bootstrap draws of benchmark scores, and percentile intervals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .errors import FitError


@dataclass(frozen=True)
class Interval:
    """A confidence interval: ``low`` to ``high`` at ``level`` (0.95 = 95%)."""

    low: float
    high: float
    level: float = 0.95

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def as_list(self) -> list[float | None]:
        return [_num(self.low), _num(self.high)]


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def score_draws(
    score: np.ndarray,
    stderr: np.ndarray,
    n: np.ndarray,
    names: list[str],
    *,
    n_boot: int,
    rng: np.random.Generator,
    assume_n: int | None = None,
) -> tuple[np.ndarray, str]:
    """Draw ``n_boot`` replicate scores (percent) for each point: ``(n_boot, len(score))``.

    A point with a stderr is drawn from Normal(score, stderr); otherwise from
    Binomial(n, score/100)/n with its question count ``n`` (or ``assume_n`` when the user gives
    one). A point with neither raises :class:`FitError` naming it.
    Returns the draws and a short description of the method used.
    """
    score = np.asarray(score, float)
    stderr = np.asarray(stderr, float)
    n = np.asarray(n, float)
    has_se = np.isfinite(stderr) & (stderr > 0)
    n_eff = np.where(np.isfinite(n) & (n > 0), n, assume_n if assume_n else np.nan)
    has_n = ~has_se & np.isfinite(n_eff)
    missing = [name for name, a, b in zip(names, has_se, has_n) if not (a or b)]
    if missing:
        raise FitError(
            "no stderr or question count for " + ", ".join(missing) + " (give --assume-n N to assume N questions)"
        )
    draws = np.empty((n_boot, len(score)))
    if has_se.any():
        draws[:, has_se] = rng.normal(score[has_se], stderr[has_se], size=(n_boot, int(has_se.sum())))
    if has_n.any():
        trials = n_eff[has_n].astype(np.int64)
        p = np.clip(score[has_n] / 100, 0, 1)
        draws[:, has_n] = rng.binomial(trials, p, size=(n_boot, int(has_n.sum()))) / trials * 100
    parts = []
    if has_se.any():
        parts.append("Normal(score, stderr)")
    if has_n.any():
        parts.append("Binomial(n)" + (f" with n={assume_n} assumed where unknown" if assume_n else ""))
    return draws, "parametric bootstrap: " + " and ".join(parts)


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> Interval:
    samples = np.asarray(samples, float)
    samples = samples[np.isfinite(samples)]
    if samples.size == 0:
        return Interval(float("nan"), float("nan"), level)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(samples, [tail, 100 - tail])
    return Interval(float(low), float(high), level)


def percentile_intervals(samples: np.ndarray, level: float = 0.95) -> list[Interval]:
    """Percentile intervals for each row of ``samples`` at once (NaN replicates left out)."""
    samples = np.asarray(samples, float)
    tail = (1 - level) / 2 * 100
    if np.isfinite(samples).all():  # the common case: one partition for every row
        lows, highs = np.percentile(samples, [tail, 100 - tail], axis=1)
        return [Interval(float(lo), float(hi), level) for lo, hi in zip(lows, highs)]
    return [percentile_interval(row, level) for row in samples]


def point_sigma(score, stderr, n, dataset_n: int | None = None) -> tuple[np.ndarray, list[str]]:
    """Each point's standard error in percentage points, from what is known, and how it was had.

    A published stderr is used as it is; otherwise, where the row's ``n`` or the dataset's size
    (``dataset_n``, e.g. ARC-AGI-1 semi-private: 100 tasks) is known, the binomial standard error
    ``100*sqrt(p(1-p)/n)`` (p kept at least ``0.5/n`` from 0 and 1, so a perfect score still has
    an error); NaN where nothing is known. Returns the errors and one phrase per source used.
    """
    score = np.asarray(score, float)
    stderr = np.asarray(stderr, float)
    n = np.asarray(n, float)
    has_se = np.isfinite(stderr) & (stderr > 0)
    n_eff = np.where(np.isfinite(n) & (n > 0), n, float(dataset_n) if dataset_n else np.nan)
    has_n = ~has_se & np.isfinite(n_eff)
    sigma = np.full(score.shape, np.nan)
    sigma[has_se] = stderr[has_se]
    if has_n.any():
        m = n_eff[has_n]
        p = np.clip(score[has_n] / 100, 0.5 / m, 1 - 0.5 / m)
        sigma[has_n] = 100 * np.sqrt(p * (1 - p) / m)
    how = []
    if has_se.any():
        how.append("published stderr")
    if has_n.any():
        sizes = sorted({int(v) for v in n_eff[has_n]})
        where = "the dataset's size" if dataset_n and not np.isfinite(n[has_n]).all() else "the rows' n"
        how.append(f"binomial sqrt(p(1-p)/n) with n = {', '.join(map(str, sizes))} ({where})")
    if not (has_se | has_n).all():
        how.append("nothing known for some points")
    return sigma, how
