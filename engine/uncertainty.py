"""Parametric bootstrap draws of benchmark scores, and percentile intervals."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ._frozen import frozen
from .errors import FitError


@frozen
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
    if samples.ndim == 2 and samples.shape[1] and np.isfinite(samples).all():  # the common case: every row at once
        lows, highs = row_percentiles(samples, [tail, 100 - tail])
        return [Interval(float(lo), float(hi), level) for lo, hi in zip(lows, highs)]
    return [percentile_interval(row, level) for row in samples]


def row_percentiles(samples: np.ndarray, q: list[float]) -> np.ndarray:
    """``np.percentile(samples, q, axis=1)`` (its default 'linear' method) for finite rows: the
    same arithmetic, step by step as numpy does it, so the same numbers to the last bit (tested).
    numpy's own path calls ``np.unique``, whose check for masked arrays imports ``numpy.ma``
    (~7 ms of the app's first frame); a sort of the rows stands in for its partition."""
    n = samples.shape[1]
    quantiles = np.true_divide(np.asarray(q, float), 100)
    virtual = (n - 1) * quantiles
    previous = np.floor(virtual)
    following = previous + 1
    above = virtual >= n - 1
    previous[above] = -1
    following[above] = -1
    below = virtual < 0
    previous[below] = 0
    following[below] = 0
    previous = previous.astype(np.intp)
    following = following.astype(np.intp)
    ordered = np.sort(samples, axis=1).T  # numpy moves the axis first, then takes the order statistics
    a, b = ordered[previous], ordered[following]
    gamma = np.asarray(virtual - previous, dtype=virtual.dtype).reshape(-1, 1)
    diff = b - a
    result = np.add(a, diff * gamma)
    np.subtract(b, diff * (1 - gamma), out=result, where=gamma >= 0.5, casting="unsafe", dtype=result.dtype)
    return result


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
        how.append(
            f"binomial sqrt(p(1-p)/n) with n = {', '.join(map(str, sizes))} ({where}; p kept 0.5/n from 0 and 1)"
        )
    if not (has_se | has_n).all():
        how.append("nothing known for some points")
    return sigma, how


def shown_errors(score, stderr, n, dataset_n: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each point's error as a table shows it: the published stderr, else the binomial from n
    that every fit uses (:func:`point_sigma`), else NaN; and where it is that binomial (a table
    marks it, so that it is not read as published)."""
    published = np.asarray(stderr, dtype=float)
    sigma, _ = point_sigma(score, published, n, dataset_n)
    binomial = ~(np.isfinite(published) & (published > 0)) & np.isfinite(sigma)
    return np.where(binomial, sigma, published), binomial


@frozen
class Dispersion:
    """How much the points scatter beyond their known errors, and the reference distribution.

    ``phi`` multiplies every point's variance (1: sampling error alone); ``df`` is the degrees of
    freedom of the t distribution the intervals use (inf: normal, the errors are taken as known);
    ``text`` says which case applies. ``phi`` is NaN when nothing can be estimated."""

    phi: float
    df: float
    text: str

    @property
    def testable(self) -> bool:
        return bool(np.isfinite(self.phi) and self.phi > 0)


def dispersion(resid: np.ndarray, sigma: np.ndarray, dof: int) -> Dispersion:
    """The one scatter rule every command uses (quasi-binomial).

    With every point's error known, ``phi = max(1, chi-square / dof)`` (Pearson): when the points
    scatter more than their errors allow, every variance is scaled up by it and the intervals use
    t with ``dof`` degrees of freedom; otherwise the errors are taken as they are (normal). With
    some error unknown, the residuals are the only scale: ``phi`` = residual variance, t(dof).
    With no spare points and no known errors, nothing can be estimated (NaN)."""
    resid = np.asarray(resid, float)
    sigma = np.asarray(sigma, float)
    known = bool(np.all(np.isfinite(sigma) & (sigma > 0)))
    if known:
        return _dispersion_of(True, dof, float(np.sum((resid / sigma) ** 2)) if dof > 0 else math.nan)
    return _dispersion_of(False, dof, float(resid @ resid) if dof > 0 else math.nan)


def _dispersion_of(known: bool, dof: int, chi2: float) -> Dispersion:
    """:func:`dispersion` from its sums: ``chi2`` is the sum of squared standardised residuals
    (``known``: every point's error known) or of squared residuals (not known)."""
    if known:
        if dof <= 0:
            return Dispersion(1.0, math.inf, "no residual dof: assumes the points scatter only by sampling error")
        phi_hat = chi2 / dof
        if phi_hat > 1:
            return Dispersion(
                phi_hat,
                float(dof),
                f"scatter beyond it estimated from the residuals (x{math.sqrt(phi_hat):.3g} on the errors, "
                f"t with {dof} dof)",
            )
        if dof == 1:
            # one spare point cannot tell scatter beyond sampling error from none: a chi-square of
            # one dof is below 1 almost half the time even when the true scatter is 2.6x the
            # sampling variance (calibration.py, 3 budgets + 2 pp: normal intervals covered 90 %),
            # so the t(1) quantile is kept, on the sampling error alone
            return Dispersion(
                1.0, 1.0, "residual scatter within sampling error, but one residual dof cannot show it (t with 1 dof)"
            )
        return Dispersion(1.0, math.inf, "residual scatter within sampling error")
    if dof > 0:
        return Dispersion(
            chi2 / dof,
            float(dof),
            f"no stderr or question count on every point: scatter estimated from the residuals (t with {dof} dof)",
        )
    return Dispersion(math.nan, math.nan, "no stderr or question count known, and no spare points: no interval")


@lru_cache(maxsize=256)  # one per (level, dof): a fit of 1,000 series asks for a handful
def quantile(level: float, df: float) -> float:
    """The two-sided ``level`` quantile of the normal (``df`` inf) or of t(``df``)."""
    p = 0.5 + level / 2
    if not np.isfinite(df):
        # the standard library's normal quantile (exact to double precision): the common case, known
        # errors and no excess scatter, then never imports scipy (its import is most of `fit`'s time)
        from statistics import NormalDist

        return NormalDist().inv_cdf(p)
    # t in plain Python (scipy.special's stdtrit to ~1e-13; importing scipy.special costs more than
    # a whole `fit`): see engine/student_t.py
    from .student_t import t_isf

    return -t_isf(p, df) if p < 0.5 else t_isf(1.0 - p, df)


@frozen
class SlopeInterval:
    """A trend's slope (pp per 10x) with its interval and what the interval is."""

    slope: float
    low: float
    high: float
    se: float
    level: float
    method: str

    def as_dict(self) -> dict:
        return {
            "ci": [_num(self.low), _num(self.high)],
            "se": _num(self.se),
            "level": self.level,
            "method": self.method,
            "multiple_for_10_points": gain_multiple_dict(self.low, self.high),
        }


def gain_multiple_interval(low: float, high: float, delta: float = 10.0) -> tuple[float, float, str]:
    """The interval of the compute multiple ``10**(delta/slope)`` that ``delta`` more points cost,
    from the slope's interval ``[low, high]`` (pp per 10x), and what it shows.

    The multiple falls as a positive slope grows, so a slope interval above 0 gives
    ``(10**(delta/high), 10**(delta/low))`` ("shown"). One that reaches 0 or below allows a trend
    that never gains ``delta``: the upper end is unbounded (inf) and the multiple is "cannot_tell"
    (its lower end ``10**(delta/high)`` is all the data show); wholly at or below 0, "never"
    (inf, inf). No interval: NaN, "no_interval"."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return math.nan, math.nan, "no_interval"
    if high <= 0:
        return math.inf, math.inf, "never"
    with np.errstate(over="ignore"):
        lo = float(np.power(10.0, delta / high))
        hi = float(np.power(10.0, delta / low)) if low > 0 else math.inf
    return lo, hi, "shown" if low > 0 else "cannot_tell"


def gain_multiple_dict(low: float, high: float, delta: float = 10.0) -> dict:
    """:func:`gain_multiple_interval` for JSON: ``ci`` (null for an unbounded end) and ``reads``."""
    lo, hi, reads = gain_multiple_interval(low, high, delta)
    return {"ci": [_num(lo), _num(hi)], "reads": reads}


def slope_interval(u, y, sigma, level: float = 0.95, weighted: bool = False) -> SlopeInterval:
    """The straight-line slope's interval under the one uncertainty model: least squares (weighted
    by ``1/sigma**2`` when ``weighted``), the sandwich covariance from the points' known errors
    scaled by :func:`dispersion`, or the residual scale with t(m-2) where an error is unknown.
    NaN bounds (and a ``method`` saying why) when nothing can be estimated."""
    u = np.asarray(u, float)
    y = np.asarray(y, float)
    sigma = np.asarray(sigma, float)
    m = len(u)
    x = np.column_stack([np.ones(m), u])
    known = bool(np.all(np.isfinite(sigma) & (sigma > 0)))
    w = 1 / sigma**2 if (weighted and known) else np.ones(m)
    xtwx_inv = np.linalg.inv(x.T @ (x * w[:, None]))
    beta = xtwx_inv @ x.T @ (w * y)
    resid = y - x @ beta
    disp = dispersion(resid, sigma, m - 2)
    if not disp.testable:
        return SlopeInterval(float(beta[1]), math.nan, math.nan, math.nan, level, disp.text)
    var = (sigma**2 if known else np.ones(m)) * disp.phi
    cov = xtwx_inv @ (x.T * (w * w * var)) @ x @ xtwx_inv
    se = float(np.sqrt(cov[1, 1]))
    q = quantile(level, disp.df)
    where = "t" if np.isfinite(disp.df) else "normal"
    errors = _error_words(known)
    method = f"{level:.0%} interval ({where}): {errors}; {disp.text}"
    return SlopeInterval(float(beta[1]), float(beta[1] - q * se), float(beta[1] + q * se), se, level, method)


def slope_intervals_grouped(u, y, sigma, group, k: int, weighted, level: float = 0.95) -> list[SlopeInterval]:
    """:func:`slope_interval` of ``k`` series at once: point ``i`` belongs to series
    ``group[i]`` (0 to k-1, each series with two or more distinct ``u``), ``weighted[j]`` says
    whether series ``j`` is weighted. Every series' sums come from one ``bincount`` each, with
    ``u`` centred on the series' (weighted) mean, so 1,000 series cost a few array passes and a
    short loop of scalar arithmetic, not 1,000 small matrix inversions; the numbers are the
    per-series ones (tests/test_fit_vectorised.py checks them against :func:`slope_interval`)."""
    u = np.asarray(u, float)
    y = np.asarray(y, float)
    sigma = np.asarray(sigma, float)
    group = np.asarray(group, dtype=np.intp)
    weighted = np.asarray(weighted, dtype=bool)
    ok = np.isfinite(sigma) & (sigma > 0)
    m = np.bincount(group, minlength=k)
    known = np.bincount(group, ~ok, minlength=k) == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.where(known[group], sigma * sigma, 1.0)  # each point's variance before phi
        w = np.where((weighted & known)[group], 1.0 / v, 1.0)
        s0 = np.bincount(group, w, k)
        u_mean = np.bincount(group, w * u, k) / s0
        y_mean = np.bincount(group, w * y, k) / s0
        uc = u - u_mean[group]
        suu = np.bincount(group, w * uc * uc, k)
        slope = np.bincount(group, w * uc * y, k) / suu
        resid = y - y_mean[group] - slope[group] * uc
        chi2 = np.bincount(group, resid * resid / v, k)  # v is 1 where an error is unknown
        spread = np.bincount(group, w * w * v * uc * uc, k)  # slope variance = spread * phi / suu**2
    out = []
    for b, sj, ss, cj, kn, mj in zip(
        slope.tolist(), spread.tolist(), suu.tolist(), chi2.tolist(), known.tolist(), m.tolist()
    ):
        disp = _dispersion_of(kn, mj - 2, cj if mj > 2 else math.nan)
        if not disp.testable:
            out.append(SlopeInterval(b, math.nan, math.nan, math.nan, level, disp.text))
            continue
        se = math.sqrt(sj * disp.phi) / ss
        q = quantile(level, disp.df)
        where = "t" if np.isfinite(disp.df) else "normal"
        method = f"{level:.0%} interval ({where}): {_error_words(kn)}; {disp.text}"
        out.append(SlopeInterval(b, b - q * se, b + q * se, se, level, method))
    return out


def _error_words(known: bool) -> str:
    return "each point's stderr or binomial error" if known else "errors unknown"


def error_draws(
    score: np.ndarray,
    sigma: np.ndarray,
    n_eff: np.ndarray,
    *,
    n_boot: int,
    rng: np.random.Generator,
    disp: Dispersion,
) -> np.ndarray:
    """Parametric bootstrap draws ``(n_boot, len(score))`` under the one uncertainty model.

    A point with a question count ``n_eff`` (and no stderr) gets a binomial deviation from
    ``p`` kept at least ``0.5/n`` from 0 and 1 (as :func:`point_sigma` does: a 0 % or 100 % point
    still varies); a point with a stderr a normal one; a point with neither the residual scale
    (``disp.phi`` is then the residual variance). Every deviation is scaled by ``sqrt(phi)``, and
    when ``phi`` was estimated (``disp.df`` finite) by ``sqrt(phi * df / chi2(df))`` per replicate,
    so the percentile intervals have t-like tails."""
    score = np.asarray(score, float)
    sigma = np.asarray(sigma, float)
    n_eff = np.asarray(n_eff, float)
    k = len(score)
    dev = np.empty((n_boot, k))
    binom = np.isfinite(n_eff) & (n_eff > 0)
    if binom.any():
        trials = n_eff[binom].astype(np.int64)
        p = np.clip(score[binom] / 100, 0.5 / trials, 1 - 0.5 / trials)
        dev[:, binom] = (rng.binomial(trials, p, size=(n_boot, int(binom.sum()))) / trials - p) * 100
    normal = ~binom
    if normal.any():
        scale = np.where(np.isfinite(sigma[normal]) & (sigma[normal] > 0), sigma[normal], 1.0)
        dev[:, normal] = rng.normal(0.0, 1.0, size=(n_boot, int(normal.sum()))) * scale
    if np.isfinite(disp.df):
        factor = np.sqrt(disp.phi * disp.df / rng.chisquare(disp.df, size=n_boot))[:, None]
    else:
        factor = math.sqrt(disp.phi)
    return score + dev * factor


def sigma_and_n(score, stderr, n, dataset_n: int | None = None, assume_n: int | None = None):
    """Each point's error (pp) and the question count used for it (NaN where a stderr is used or
    nothing is known): ``point_sigma`` with ``assume_n`` as the last resort."""
    stderr = np.asarray(stderr, float)
    n = np.asarray(n, float)
    fallback = dataset_n or assume_n
    sigma, how = point_sigma(score, stderr, n, fallback)
    has_se = np.isfinite(stderr) & (stderr > 0)
    n_eff = np.where(np.isfinite(n) & (n > 0), n, float(fallback) if fallback else np.nan)
    n_eff = np.where(has_se, np.nan, n_eff)
    if assume_n and not dataset_n:
        how = [h.replace("the dataset's size", f"n={assume_n} assumed where unknown (--assume-n)") for h in how]
    return sigma, n_eff, how
