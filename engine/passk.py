"""Unbiased pass@k (Chen et al. 2021), coverage curves, and the exponentiated power law.

For one problem with ``n`` samples of which ``c`` are correct::

    pass@k = 1 - C(n-c, k) / C(n, k)      (1 when n - c < k)

computed in log space with ``gammaln`` so that it is exact to ~1e-15 for n up to 10^5 and
beyond, vectorised over problems and k. Coverage is its mean over problems.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln

from .errors import FitError

_EPS = np.finfo(float).eps
_EXACT_CHUNK = 4_000_000  # cells of the padded matrix summed at once in the exact path


def pass_at_k(n, c, k) -> np.ndarray:
    """Unbiased pass@k, broadcast over arrays ``n``, ``c``, ``k`` (k <= n).

    ``log(C(n-c,k)/C(n,k))`` is taken from ``gammaln`` (O(1) per value). Where that difference
    of large numbers could be off by more than ~1e-15 in the result, it is summed exactly
    instead: ``sum_t log1p(-x/(n-t))`` over the ``min(c, k)`` factors of the product form, with
    ``x = k`` when ``c <= k`` and ``x = c`` otherwise. That is never more than about
    ``sqrt(13 n)`` factors, since beyond it the ratio is too small to matter.
    """
    n, c, k = np.broadcast_arrays(np.asarray(n, float), np.asarray(c, float), np.asarray(k, float))
    if np.any(k > n):
        raise ValueError("pass@k needs k <= n")
    if np.any((c < 0) | (c > n)):
        raise ValueError("pass@k needs 0 <= c <= n")
    out = np.ones(n.shape)
    ok = (n - c) >= k
    out[ok & (c == 0)] = 0.0
    live = ok & (c > 0)
    nn, cc, kk = n[live], c[live], k[live]
    terms = (gammaln(nn - cc + 1), gammaln(nn - cc - kk + 1), gammaln(nn + 1), gammaln(nn - kk + 1))
    log_ratio = terms[0] - terms[1] - terms[2] + terms[3]
    bound = 8 * _EPS * sum(np.abs(t) for t in terms)
    inexact = np.exp(log_ratio) * bound > 1e-15
    if inexact.any():
        log_ratio[inexact] = _exact_log_ratio(nn[inexact], cc[inexact], kk[inexact])
    out[live] = -np.expm1(log_ratio)
    return out


def _exact_log_ratio(n: np.ndarray, c: np.ndarray, k: np.ndarray) -> np.ndarray:
    """log(C(n-c,k)/C(n,k)) as a sum of min(c, k) log1p terms, in padded chunks."""
    m = np.minimum(c, k).astype(np.int64)
    x = np.where(c <= k, k, c)
    out = np.empty(len(n))
    order = np.argsort(m)  # similar lengths together: less padding
    rows = max(1, _EXACT_CHUNK // max(int(m.max()), 1))
    for start in range(0, len(order), rows):
        idx = order[start : start + rows]
        t = np.arange(int(m[idx].max()))[None, :]
        mask = t < m[idx][:, None]
        ratio = x[idx][:, None] / np.where(mask, n[idx][:, None] - t, 1.0)
        out[idx] = np.log1p(-ratio, where=mask, out=np.zeros(mask.shape)).sum(axis=1)
    return out


def k_grid(n_max: int, points: int = 30) -> np.ndarray:
    """About ``points`` values of k from 1 to ``n_max``, evenly spaced on a log scale."""
    return np.unique(np.round(np.logspace(0, np.log10(n_max), points)).astype(np.int64))


def coverage(n, c, ks) -> np.ndarray:
    """Coverage at each k: the mean over problems of pass@k. ``n``, ``c`` per problem.

    Problems with fewer than k samples are left out of that k's mean (NaN if none are left).
    """
    n = np.asarray(n, float)
    c = np.asarray(c, float)
    ks = np.asarray(ks, float)
    # group identical (n, c) pairs: real data has few distinct pairs, so this is fast
    pairs, counts = np.unique(np.column_stack([n, c]), axis=0, return_counts=True)
    pn, pc = pairs[:, 0][None, :], pairs[:, 1][None, :]
    kk = ks[:, None]
    valid = kk <= pn
    values = pass_at_k(np.where(valid, pn, kk), np.where(valid, pc, 0), np.broadcast_to(kk, valid.shape))
    weights = np.where(valid, counts[None, :], 0)
    total = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (values * weights).sum(axis=1) / total, np.nan)


@dataclass(frozen=True)
class PowerLawFit:
    """Coverage ``c(k) = exp(-A * k**(-beta))`` (Brown et al. 2024), fitted as a line in
    ``log(-log c)`` against ``log k``."""

    a: float
    beta: float
    r_squared: float

    def predict(self, k) -> np.ndarray:
        return np.exp(-self.a * np.asarray(k, float) ** (-self.beta))


def fit_power_law(ks, cov) -> PowerLawFit:
    ks = np.asarray(ks, float)
    cov = np.asarray(cov, float)
    keep = np.isfinite(cov) & (cov > 0) & (cov < 1)
    if keep.sum() < 2:
        raise FitError("a power-law fit needs at least 2 coverage values strictly between 0 and 1")
    x = np.log(ks[keep])
    y = np.log(-np.log(cov[keep]))
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    total = ((y - y.mean()) ** 2).sum()
    r2 = 1 - (resid**2).sum() / total if total > 0 else float("nan")
    return PowerLawFit(a=float(np.exp(intercept)), beta=float(-slope), r_squared=float(r2))


def years_until_affordable(cost_ratio: float, yearly_decline: float = 4.0) -> float:
    """Years until something ``cost_ratio`` times too expensive becomes affordable, if the cost
    of a fixed capability falls ``yearly_decline``-fold a year (Epoch: ~3x algorithms x ~1.4x
    hardware, about 4x): ``ln R / ln d``."""
    if cost_ratio <= 0 or yearly_decline <= 1:
        raise ValueError("cost ratio must be > 0 and the yearly decline > 1")
    return float(np.log(cost_ratio) / np.log(yearly_decline))
