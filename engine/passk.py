"""Unbiased pass@k (Chen et al. 2021), coverage curves, and the exponentiated power law.

For one problem with ``n`` samples of which ``c`` are correct::

    pass@k = 1 - C(n-c, k) / C(n, k)      (1 when n - c < k)

computed in log space with ``gammaln`` so that it is exact to ~1e-15 for n up to 10^5 and
beyond, vectorised over problems and k. Coverage is its mean over problems.
"""

from __future__ import annotations

import numpy as np

from ._frozen import frozen
from .affordable import years_until_affordable  # noqa: F401  (re-exported)
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
    n, c, k = np.asarray(n, float), np.asarray(c, float), np.asarray(k, float)
    if np.any(k > n):
        raise ValueError("pass@k needs k <= n")
    if np.any((c < 0) | (c > n)):
        raise ValueError("pass@k needs 0 <= c <= n")
    return _pass_at_k(n, c, k)


def _pass_at_k(n: np.ndarray, c: np.ndarray, k: np.ndarray) -> np.ndarray:
    """pass@k without argument checks; NaN where k > n. Each gammaln term is evaluated at its
    own broadcast shape (per problem, per k, or both), so a (k x problem) table costs two
    full-size gammaln calls, not four."""
    from scipy.special import gammaln  # imported on first use: slow to import, not needed at start-up

    shape = np.broadcast_shapes(n.shape, c.shape, k.shape)
    g_nc = gammaln(n - c + 1)  # per problem
    g_n = gammaln(n + 1)  # per problem
    g_nk = gammaln(np.maximum(n - k, 0) + 1)  # per (problem, k)
    g_nck = gammaln(np.maximum(n - c - k, 0) + 1)  # per (problem, k)
    log_ratio = np.broadcast_to(g_nc - g_n + g_nk - g_nck, shape)
    bound = 8 * _EPS * (np.abs(g_nc) + np.abs(g_n) + np.abs(g_nk) + np.abs(g_nck))
    nb, cb, kb = (np.broadcast_to(a, shape) for a in (n, c, k))
    out = np.ones(shape)
    out[kb > nb] = np.nan
    ok = (nb - cb) >= kb
    out[ok & (cb == 0)] = 0.0
    live = ok & (cb > 0)
    lr = log_ratio[live]
    inexact = np.exp(lr) * np.broadcast_to(bound, shape)[live] > 1e-14
    if inexact.any():
        lr[inexact] = _exact_log_ratio(nb[live][inexact], cb[live][inexact], kb[live][inexact])
    out[live] = -np.expm1(lr)
    return out


def _exact_log_ratio(n: np.ndarray, c: np.ndarray, k: np.ndarray) -> np.ndarray:
    """log(C(n-c,k)/C(n,k)) as a sum of min(c, k) log1p terms.

    The sum is ``S(n, x, m) = sum_{t<m} log1p(-x/(n-t))`` with ``x = k, m = c`` when ``c <= k``
    and ``x = c, m = k`` otherwise. Entries sharing ``(n, x)`` share one running sum, so the work
    is one cumulative sum per distinct ``(n, x)``, not one sum per entry.
    """
    m = np.minimum(c, k).astype(np.int64)
    x = np.where(c <= k, k, c)
    key = n * (x.max() + 1) + x  # exact: integers far below 2**53
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    un, ux = n[first], x[first]
    width = np.zeros(len(first), dtype=np.int64)
    np.maximum.at(width, inverse, m)
    prefix_end = np.empty(len(n))
    # groups sorted by width, cut into chunks whose widths differ by at most 1.5x: little padding
    order = np.argsort(width, kind="stable")
    sorted_width = width[order]
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    entry_rank = rank[inverse]
    by_rank = np.argsort(entry_rank, kind="stable")  # entries of a chunk are one slice of this
    sorted_rank = entry_rank[by_rank]
    start = 0
    while start < len(order):
        stop = int(np.searchsorted(sorted_width, sorted_width[start] * 1.5 + 1, side="right"))
        stop = min(stop, start + max(1, _EXACT_CHUNK // max(int(sorted_width[stop - 1]), 1)))
        group = order[start:stop]
        t = np.arange(int(sorted_width[stop - 1]))[None, :]
        mask = t < width[group][:, None]
        ratio = ux[group][:, None] / np.where(mask, un[group][:, None] - t, 1.0)
        sums = np.cumsum(np.log1p(-ratio, where=mask, out=np.zeros(mask.shape)), axis=1)
        lo, hi = np.searchsorted(sorted_rank, [start, stop])
        members = by_rank[lo:hi]
        prefix_end[members] = sums[entry_rank[members] - start, m[members] - 1]
        start = stop
    return prefix_end


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
    values = np.where(valid, _pass_at_k(pn, pc, kk), 0.0)
    weights = np.where(valid, counts[None, :], 0)
    total = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (values * weights).sum(axis=1) / total, np.nan)


@frozen
class PowerLawFit:
    """Coverage ``c(k) = exp(-A * k**(-beta))`` (Brown et al. 2024), fitted as a line in
    ``log(-log c)`` against ``log k``."""

    a: float
    beta: float
    r_squared: float
    n_points: int = 0  # values of k it was fitted on (coverage strictly between 0 and 100 %)

    def predict(self, k) -> np.ndarray:
        return np.exp(-self.a * np.asarray(k, float) ** (-self.beta))

    @property
    def exact(self) -> bool:
        """Two parameters through two values of k: the curve passes through both, so its R² is 1
        by construction and there is no misfit to test."""
        return self.n_points == 2

    def r2_text(self) -> str:
        """The fit's R² in words, as every command prints it."""
        if self.exact:
            return EXACT_FIT
        if self.r_squared != self.r_squared:  # NaN: log(-log coverage) is the same at every k
            return "R² - (coverage is flat in k: nothing for a curve to explain)"
        return f"R² {self.r_squared:.3f} (fitted on log(-log coverage))"

    def as_dict(self) -> dict:
        """JSON: ``r_squared`` null where the fit is exact (``exact`` true: 2 values of k)."""
        return {
            "a": self.a,
            "beta": self.beta,
            "r_squared": None if self.exact or self.r_squared != self.r_squared else self.r_squared,
            "fitted_points": self.n_points,
            "exact": self.exact,
        }


EXACT_FIT = "through 2 points: exact, no misfit test (R² is 1 by construction)"


TOO_FEW_INSIDE = "fewer than two values of k with coverage strictly between 0% and 100%"  # said one way


def fit_power_law(ks, cov) -> PowerLawFit:
    ks = np.asarray(ks, float)
    cov = np.asarray(cov, float)
    keep = np.isfinite(cov) & (cov > 0) & (cov < 1)
    if keep.sum() < 2:
        raise FitError(TOO_FEW_INSIDE)  # ``cov`` is a fraction here; users read coverage in percent
    x = np.log(ks[keep])
    y = np.log(-np.log(cov[keep]))
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    total = ((y - y.mean()) ** 2).sum()
    r2 = 1 - (resid**2).sum() / total if total > 0 else float("nan")
    return PowerLawFit(a=float(np.exp(intercept)), beta=float(-slope), r_squared=float(r2), n_points=int(keep.sum()))


def fixed_set_k_max(n) -> tuple[int, str]:
    """The largest k at which every problem still counts: the fewest samples of any problem.

    pass@k needs ``n >= k``; a curve that let problems with fewer samples drop out as k grows
    would change its problem set along the way (100 hard problems at n=10 and 100 easy ones at
    n=1000 jump from 57 % at k=9 to 100 % at k=11). Every point of a curve uses the same problems:
    all of them, up to the smallest ``n``. Returns that k and a note when it cuts the curve short."""
    n = np.asarray(n, float)
    k_max = int(n.min())
    longer = int((n > k_max).sum())
    note = ""
    if longer:
        note = (
            f"k runs to {k_max}, the fewest samples of any problem, so that every point uses the same "
            f"{len(n)} problems ({longer} have more samples, up to {int(n.max())})"
        )
    return k_max, note


def coverage_se(n, c, ks) -> np.ndarray:
    """Standard error of coverage at each k, over problems: the standard deviation of the
    problems' pass@k estimates over sqrt(problems) (problems drawn from a population; each
    problem's own sampling error is part of the spread). NaN where fewer than 2 problems.

    Computed over the distinct ``(n, c)`` pairs weighted by how many problems share each (as
    :func:`coverage` is): a million problems cost a (k x pairs) table, not (k x problems)."""
    n = np.asarray(n, float)
    c = np.asarray(c, float)
    ks = np.asarray(ks, float)
    if n.size == 0:
        return np.full(len(ks), np.nan)
    pairs, counts = np.unique(np.column_stack([n, c]), axis=0, return_counts=True)
    kk = ks[:, None]
    valid = kk <= pairs[:, 0][None, :]
    values = np.where(valid, _pass_at_k(pairs[:, 0][None, :], pairs[:, 1][None, :], kk), 0.0)
    weights = np.where(valid, counts[None, :], 0).astype(float)
    m = weights.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (values * weights).sum(axis=1) / m
        spread = (weights * (values - mean[:, None]) ** 2).sum(axis=1) / (m - 1)
        # one distinct value among the problems at this k (every problem solved, or none): the
        # spread is exactly 0, not the rounding left by the mean
        lo = np.where(valid, values, np.inf).min(axis=1)
        hi = np.where(valid, values, -np.inf).max(axis=1)
        spread = np.where(lo == hi, 0.0, spread)
        return np.where(m > 1, np.sqrt(spread) / np.sqrt(m), np.nan)


MISFIT_Z = 3.0  # a power law that misses an observed coverage by more than 3 standard errors


@frozen
class PowerLawCheck:
    """How far the power law lies from the observed coverage, in standard errors."""

    residuals: tuple[float, ...]  # observed - fitted, percentage points, per k
    z: tuple[float, ...]  # residual / standard error of the coverage, per k
    max_z: float
    flagged: bool

    def text(self, ks) -> str:
        if not self.flagged:
            return f"the power law lies within {MISFIT_Z:g} standard errors of every observed coverage"
        return misfit_line(ks, self.residuals, self.z) or ""


def misfit_line(ks, residuals, z) -> str | None:
    """The power law's misfit in words, or None when it lies within :data:`MISFIT_Z` standard
    errors of every observed coverage: the largest finite miss, and apart from it the misses
    where coverage is exact (no spread across problems: every problem solved, or none), whose
    standard error is 0 and whose z is infinite. ``residuals`` in percentage points; NaN z (no
    coverage) is left out."""
    ks = np.asarray(ks)
    residuals = np.asarray(residuals, float)
    z = np.abs(np.asarray(z, float))
    finite = np.isfinite(z)
    parts = []
    if (z[finite] > MISFIT_Z).any():
        worst = int(np.flatnonzero(finite)[np.argmax(z[finite])])
        parts.append(f"by up to {z[worst]:.1f} standard errors ({residuals[worst]:+.2f} pp at k={int(ks[worst])})")
    exact = np.flatnonzero(np.isinf(z))
    if exact.size:
        where = ", ".join(f"{residuals[i]:+.2f} pp at k={int(ks[i])}" for i in exact[:3])
        more = f" and {exact.size - 3} more" if exact.size > 3 else ""
        parts.append(f"where coverage is exact (no spread across problems): {where}{more}")
    if not parts:
        return None
    return (
        f"the power law misses the observed coverage {'; and '.join(parts)}: a misfit, not a finding "
        "(exp(-a k^-b) cannot follow, e.g., coverage that levels off below 100 %, or that climbs faster than it allows)"
    )


def check_power_law(fit: PowerLawFit, ks, cov, se) -> PowerLawCheck:
    """Residuals of the fitted power law against the observed coverage (fractions), flagged when
    any lies more than :data:`MISFIT_Z` standard errors away."""
    ks = np.asarray(ks, float)
    cov = np.asarray(cov, float)
    se = np.asarray(se, float)
    resid = cov - fit.predict(ks)
    with np.errstate(invalid="ignore", divide="ignore"):
        # a coverage with no spread across problems (all 0 or all 1) is exact: any miss counts
        z = np.where(se > 0, resid / se, np.where(np.abs(resid) > 1e-9, np.inf * np.sign(resid), 0.0))
    finite = np.isfinite(cov)
    max_z = float(np.max(np.abs(z[finite]))) if finite.any() else float("nan")
    return PowerLawCheck(
        residuals=tuple((100 * resid).tolist()),
        z=tuple(z.tolist()),
        max_z=max_z,
        flagged=bool(max_z > MISFIT_Z),
    )
