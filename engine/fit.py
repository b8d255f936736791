"""Trend fits of score against log10(compute): a straight line, or a bounded logistic.

A straight line on a log-x chart, ``score = a + b*log10(compute)``, means every further ``b``
points of score cost ten times the compute: ``b`` is the slope per decade, and ``+d`` points
cost a compute multiple of ``10**(d/b)``. The logistic ``floor + (ceiling-floor) *
expit(k*(u - u0))`` bends toward chance level and 100%, where a line would overshoot.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

import numpy as np

from ._frozen import frozen
from .errors import FitError


def pow10(u) -> np.ndarray | float:
    """``10 ** u`` that gives inf (or 0) instead of raising OverflowError when ``u`` is beyond the
    float range: a nearly flat trend can need a compute multiple of 10^(10^9)."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        out = np.power(10.0, np.asarray(u, dtype=float))
    return float(out) if out.ndim == 0 else out


Link = Literal["linear", "logistic"]


def expit(x):
    """The logistic function 1 / (1 + exp(-x)), overflow-free, in numpy (scipy.special is slow
    to import, and a logistic prediction should not need it). NaN in, NaN out, silently."""
    with np.errstate(invalid="ignore"):
        return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=float)))


def logit(p):
    """log(p / (1 - p)), in numpy."""
    p = np.asarray(p, dtype=float)
    return np.log(p) - np.log1p(-p)


LINKS: tuple[Link, ...] = ("linear", "logistic")

MIN_DECADES = 0.3  # a trend needs its points to span at least this much of log10 compute (2x)


def _too_narrow(span: float) -> str:
    return (
        f"no trend: the points span only {span:.2g} decades of compute (a {pow10(span):.3g}x range), "
        f"too little to carry a slope (a trend needs {MIN_DECADES:g} decades or more)"
    )


@frozen
class TrendFit:
    """A fitted trend of score (percent) against ``u = log10(compute)``.

    ``params`` is ``(a, b)`` for ``linear`` (intercept at compute 1, points per decade) and
    ``(u0, k)`` for ``logistic`` (midpoint in log10 compute, steepness in logits per decade).
    ``cov`` is the parameters' covariance (absolute when weighted by stderr, scaled by the
    residual variance when not), or None when it cannot be estimated (two points, unweighted).
    """

    link: Link
    params: tuple[float, float]
    cov: tuple[tuple[float, float], tuple[float, float]] | None
    floor: float
    ceiling: float
    weighted: bool
    u: tuple[float, ...]
    score: tuple[float, ...]
    models: tuple[str, ...]
    r_squared: float

    @property
    def n_points(self) -> int:
        return len(self.u)

    @property
    def u_min(self) -> float:
        return min(self.u)

    @property
    def u_max(self) -> float:
        return max(self.u)

    @property
    def compute_range(self) -> tuple[float, float]:
        return pow10(self.u_min), pow10(self.u_max)

    @property
    def residuals(self) -> np.ndarray:
        return np.asarray(self.score) - self.predict_u(np.asarray(self.u))

    def predict_u(self, u: float | np.ndarray) -> np.ndarray:
        u = np.asarray(u, dtype=float)
        p0, p1 = self.params
        if self.link == "linear":
            return p0 + p1 * u
        return self.floor + (self.ceiling - self.floor) * expit(p1 * (u - p0))

    def predict(self, compute: float | np.ndarray) -> np.ndarray:
        """Trend score (percent) at a compute value (in the dataset's own unit)."""
        return self.predict_u(np.log10(np.asarray(compute, dtype=float)))

    def inverse_u(self, score: float | np.ndarray) -> np.ndarray:
        score = np.asarray(score, dtype=float)
        p0, p1 = self.params
        with np.errstate(divide="ignore", invalid="ignore"):
            if self.link == "linear":
                return np.where(p1 != 0, (score - p0) / p1, np.nan)
            q = (score - self.floor) / (self.ceiling - self.floor)
            inside = (q > 0) & (q < 1) & (p1 != 0)
            return np.where(inside, p0 + logit(np.clip(q, 1e-300, 1 - 1e-16)) / p1, np.nan)

    def inverse(self, score: float | np.ndarray) -> np.ndarray:
        """Compute needed to reach a score on the trend (NaN where the trend never gets there)."""
        return pow10(self.inverse_u(score))

    def slope_at_u(self, u: float | np.ndarray) -> np.ndarray:
        """Points gained per 10x compute at ``u``."""
        if self.link == "linear":
            return np.full(np.shape(u), self.params[1], dtype=float)
        span = self.ceiling - self.floor
        q = (self.predict_u(u) - self.floor) / span
        return span * q * (1 - q) * self.params[1]

    @property
    def slope_per_decade(self) -> float:
        """Points per 10x compute: the slope (linear), or the slope at the middle of the
        fitted compute range (logistic, whose slope varies)."""
        return float(self.slope_at_u((self.u_min + self.u_max) / 2))

    @property
    def slope_stderr(self) -> float:
        if self.cov is None or self.link != "linear":
            return float("nan")
        return float(np.sqrt(self.cov[1][1]))

    def multiple_for_gain(self, delta: float = 10.0, from_score: float | None = None) -> float:
        """The compute multiple that ``delta`` more points cost, starting from ``from_score``
        (default: the trend at the largest fitted compute). ``inf`` if never reached."""
        if self.link == "linear":
            b = self.params[1]
            return float(pow10(delta / b)) if b > 0 else float("inf")
        start = float(self.predict_u(self.u_max)) if from_score is None else from_score
        u0, u1 = self.inverse_u(start), self.inverse_u(start + delta)
        if not (np.isfinite(u0) and np.isfinite(u1)) or u1 < u0 or u1 - u0 >= 300:
            return float("inf")
        return float(pow10(u1 - u0))

    def covers(self, compute: float) -> bool:
        """Whether ``compute`` lies inside the fitted range (no extrapolation)."""
        u = np.log10(compute)
        return bool(self.u_min - 1e-12 <= u <= self.u_max + 1e-12)

    def as_dict(self) -> dict:
        lo, hi = self.compute_range
        out = {
            "link": self.link,
            "params": dict(zip(_PARAM_NAMES[self.link], self.params)),
            "slope_per_decade": self.slope_per_decade,
            "slope_stderr": None if np.isnan(self.slope_stderr) else self.slope_stderr,
            "slope_stderr_is": SLOPE_STDERR_IS,
            "multiple_for_10_points": _finite_or_none(self.multiple_for_gain(10.0)),
            # a 2-parameter curve through 2 points: R² is 1 by construction (null), no misfit test
            "r_squared": _finite_or_none(self.r_squared) if self.n_points > 2 else None,
            "exact_fit": self.n_points == 2,
            "n_points": self.n_points,
            "models": list(self.models),
            "compute_range": [lo, hi],
            "weighted": self.weighted,
        }
        if self.link == "logistic":
            out["floor"] = self.floor
            out["ceiling"] = self.ceiling
        return out


SLOPE_STDERR_IS = (
    "the least-squares fit's own standard error (the residual scale when unweighted, the points' errors when "
    "weighted), before the uncertainty model; the interval the output uses, with its se, is slope_ci (fit, "
    "compare) or ci.slope_per_decade (decompose)"
)
_PARAM_NAMES = {"linear": ("intercept", "slope"), "logistic": ("midpoint_log10", "steepness")}


def _finite_or_none(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _prepare(compute, score, stderr, models, weighted, min_decades=None):
    compute = np.asarray(compute, dtype=float)
    score = np.asarray(score, dtype=float)
    stderr = np.full(compute.shape, np.nan) if stderr is None else np.asarray(stderr, dtype=float)
    models = tuple(models) if models is not None else tuple(f"point {i + 1}" for i in range(len(compute)))
    keep = np.isfinite(compute) & (compute > 0) & np.isfinite(score)
    compute, score, stderr = compute[keep], score[keep], stderr[keep]
    models = models if keep.all() else tuple(m for m, k in zip(models, keep) if k)
    if len(compute) < 2:
        raise FitError(f"a trend needs at least 2 points with a known compute; got {len(compute)}")
    u = np.log10(compute)
    if np.ptp(u) == 0:
        raise FitError("all points have the same compute: no trend can be fitted")
    if np.ptp(u) < (MIN_DECADES if min_decades is None else min_decades):
        raise FitError(_too_narrow(float(np.ptp(u))))
    if weighted:
        missing = [m for m, s in zip(models, stderr) if not (np.isfinite(s) and s > 0)]
        if missing:
            raise FitError("a weighted fit needs a stderr > 0 on every point; missing for " + ", ".join(missing))
    return u, score, stderr, models


def fit_linear_arrays(u: np.ndarray, y: np.ndarray, w: np.ndarray | None = None):
    """Closed-form (weighted) least squares of ``y = a + b*u`` along the last axis of ``y``.

    Vectorised: ``y`` may be ``(B, m)``, giving ``B`` fits at once (used by the bootstrap).
    ``w`` are weights ``1/stderr**2`` (or None for ordinary least squares).
    """
    w = np.ones_like(u) if w is None else w
    s, sx, sxx = w.sum(), w @ u, w @ (u * u)
    sy, sxy = y @ w, y @ (w * u)
    b = (s * sxy - sx * sy) / (s * sxx - sx * sx)
    a = (sy - b * sx) / s
    return a, b


def fit_trend(
    compute,
    score,
    *,
    stderr=None,
    models=None,
    link: Link = "linear",
    weighted: bool = False,
    floor: float = 0.0,
    ceiling: float = 100.0,
    min_decades: float | None = None,
) -> TrendFit:
    """Fit score (percent) against log10(compute). Points with unknown compute are skipped.

    ``weighted`` uses each point's stderr (percentage points) as an absolute sigma. Points that
    span less than ``min_decades`` of compute (default :data:`MIN_DECADES`) are refused as no
    trend; ``compare`` passes 0 and grades what rests on such a series itself.
    """
    if link not in LINKS:
        raise FitError(f"link must be one of {', '.join(LINKS)}, not {link!r}")
    u, y, se, models = _prepare(compute, score, stderr, models, weighted, min_decades)
    m = len(u)
    w = 1 / se**2 if weighted else np.ones(m)
    if link == "linear":
        a, b = fit_linear_arrays(u, y, w)
        params = (float(a), float(b))
        design = np.column_stack([np.ones(m), u])
        unscaled = np.linalg.inv(design.T @ (design * w[:, None]))
        if weighted:
            cov = unscaled
        elif m > 2:
            resid = y - (a + b * u)
            cov = unscaled * (resid @ resid) / (m - 2)
        else:
            cov = None
    else:
        params, cov = _fit_logistic(u, y, se if weighted else None, floor, ceiling)
    fit = TrendFit(
        link=link,
        params=params,
        cov=None if cov is None else tuple(tuple(float(v) for v in row) for row in cov),
        floor=float(floor),
        ceiling=float(ceiling),
        weighted=weighted,
        u=tuple(u.tolist()),  # Python floats, as float(v) would give
        score=tuple(y.tolist()),
        models=models,
        r_squared=float("nan"),
    )
    resid = fit.residuals
    ybar = (w @ y) / w.sum()
    total = w @ (y - ybar) ** 2
    r2 = 1 - (w @ resid**2) / total if total > 0 else float("nan")
    return replace(fit, r_squared=float(r2))


CLIP = 1e-3  # logistic fits see scores clipped to [floor + CLIP*span, ceiling - CLIP*span]


def logistic_start(u: np.ndarray, y: np.ndarray, floor: float, ceiling: float) -> tuple[float, float]:
    """A starting point for the logistic fit: a straight line through the clipped logits."""
    q = np.clip((y - floor) / (ceiling - floor), 0.02, 0.98)
    k, c = np.polyfit(u, logit(q), 1)
    if abs(k) < 1e-6:
        k = 1e-3
    return float(np.clip(-c / k, u.min() - 4, u.max() + 4)), float(np.clip(k, -40, 40))


def _fit_logistic(u, y, se, floor, ceiling, p0=None, allow_bound=False):
    """Least squares of the bounded logistic with ``scipy.optimize.least_squares`` (trf, bounded).

    Fitted in ``u - mean(u)``, so the result does not depend on the unit of compute. A fit whose
    steepness or midpoint ends on its bound (points sitting on the floor or the ceiling, a step
    between them) is degenerate and reported as such.
    """
    if not ceiling > floor:
        raise FitError(f"logistic fit needs ceiling > floor (got {floor:g} and {ceiling:g})")
    span = ceiling - floor
    # a score on (or beyond) the floor or ceiling has no finite logistic fit: clip to 0.1% of
    # the span inside them, as Epoch AI does for its sigmoid fits
    y = np.clip(y, floor + CLIP * span, ceiling - CLIP * span)
    sigma = np.ones_like(y) if se is None else se
    centre = float(u.mean())
    z = u - centre
    lower, upper = np.array([z.min() - 5, -50.0]), np.array([z.max() + 5, 50.0])
    if len(u) == 2 and se is None and z[0] != z[1]:
        # two points, two parameters: the least-squares logistic passes through both, in closed
        # form (no optimiser, no scipy.optimize import); its covariance cannot be estimated
        g = logit((y - floor) / span)
        k = (g[1] - g[0]) / (z[1] - z[0])
        if k != 0:
            theta = np.array([z[0] - g[0] / k, k])
            if np.all((theta > lower + 1e-6) & (theta < upper - 1e-6)):
                return (float(theta[0] + centre), float(theta[1])), None

    from scipy.optimize import least_squares  # imported on first use: it is slow to import

    def residuals(theta):
        return (floor + span * expit(theta[1] * (z - theta[0])) - y) / sigma

    first = p0 if p0 is not None else logistic_start(u, y, floor, ceiling)
    start = np.clip([first[0] - centre, first[1]], lower, upper)
    result = least_squares(
        residuals, start, bounds=(lower, upper), method="trf", max_nfev=2000, xtol=1e-12, ftol=1e-12, gtol=1e-12
    )
    if not np.all(np.isfinite(result.x)) or result.status < 0:
        raise FitError(f"logistic fit did not converge: {result.message}")
    if np.any(np.isclose(result.x, lower, rtol=0, atol=1e-6) | np.isclose(result.x, upper, rtol=0, atol=1e-6)):
        if allow_bound:  # a bootstrap refit: the constrained least-squares solution is kept
            raise _OnBound((float(result.x[0] + centre), float(result.x[1])))
        raise FitError(
            "logistic fit is degenerate (points on the floor or ceiling, or a step between them); use the linear fit"
        )
    cov = None
    dof = len(u) - 2
    if dof > 0 or se is not None:
        jac = result.jac
        try:
            unscaled = np.linalg.inv(jac.T @ jac)
        except np.linalg.LinAlgError:
            unscaled = None
        if unscaled is not None and np.all(np.isfinite(unscaled)):
            cov = unscaled if se is not None else unscaled * (2 * result.cost) / dof
    return (float(result.x[0] + centre), float(result.x[1])), cov


class _OnBound(Exception):
    """A logistic refit that ended on a bound of its parameters (carries the bounded solution)."""

    def __init__(self, params: tuple[float, float]):
        super().__init__("on a bound")
        self.params = params


def fit_logistic_params(u, y, floor, ceiling, p0=None) -> tuple[float, float]:
    """Logistic parameters only (used by the bootstrap, warm-started from the full fit)."""
    return _fit_logistic(u, y, None, floor, ceiling, p0=p0)[0]


def replicate_params(
    u: np.ndarray,
    draws: np.ndarray,
    *,
    link: Link,
    weights: np.ndarray | None,
    floor: float = 0.0,
    ceiling: float = 100.0,
    start: tuple[float, float] | None = None,
    counts: dict | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Refit every bootstrap replicate (rows of ``draws``) at once; returns the two parameter
    arrays. The linear case is closed-form and vectorised; the logistic case refits each row,
    warm-started from ``start`` (the full-data fit).

    A logistic refit that ends on a bound of its parameters (a replicate whose points lie flat on
    the floor, or step) is kept as that boundary solution, not dropped: dropping them leaves only
    the replicates that lean one way. A refit that fails outright is NaN. ``counts``, when given,
    receives ``{"bound": ..., "failed": ...}``."""
    if link == "linear":
        if counts is not None:
            counts.update(bound=0, failed=0)
        return fit_linear_arrays(u, draws, weights)
    p0 = np.full(len(draws), np.nan)
    p1 = np.full(len(draws), np.nan)
    bound = failed = 0
    for i, row in enumerate(draws):
        try:
            p0[i], p1[i] = _fit_logistic(u, row, None, floor, ceiling, p0=start, allow_bound=True)[0]
        except _OnBound as hit:
            p0[i], p1[i] = hit.params
            bound += 1
        except FitError:
            failed += 1
    if counts is not None:
        counts.update(bound=bound, failed=failed)
    return p0, p1


def predict_params(link: Link, p0, p1, u, floor: float = 0.0, ceiling: float = 100.0):
    """Trend values for arrays of parameters (one per bootstrap replicate) at ``u``."""
    if link == "linear":
        return p0 + p1 * u
    return floor + (ceiling - floor) * expit(p1 * (u - p0))


def fit_series(ds, series: str, *, link: Link = "linear", weighted: bool = False) -> TrendFit:
    """Fit one series of a :class:`~engine.dataset.Dataset` (its points with a known compute)."""
    from .points import point_names

    pts = ds.series_points(series)
    if not len(pts):
        raise FitError(f"no series {series!r} in {ds.id}")
    try:
        return fit_trend(
            pts["compute"],
            pts["score"],
            stderr=pts["score_stderr"],
            models=point_names(pts),
            link=link,
            weighted=weighted,
            floor=ds.floor,
            ceiling=ds.ceiling,
        )
    except FitError as exc:
        raise FitError(f"series {series!r}: {exc}") from None


ONE_SETTING = "runs of one setting: replicates, not a budget sweep"


NO_PRICE = "no price known: model not in the price table, dollars unknown"


def unfittable_reason(ds, series: str) -> str | None:
    """Why a series cannot have a trend before any fitting (None when it has two computes)."""
    if series in ds.one_setting:
        return ONE_SETTING
    points = ds.series_points(series)
    return _priced(ds, _unfittable(points["compute"]), points["source"])


def _priced(ds, reason: str | None, sources) -> str | None:
    """In dollars, a series with no compute because its model has no price says so, not 'no compute
    known' (its tokens are known: engine.prices tags each such point's source '[no price for ...]')."""
    if reason == "no compute known" and ds.x.kind == "usd" and any("[no price for " in str(s) for s in sources):
        return NO_PRICE
    return reason


def _unfittable(compute: np.ndarray) -> str | None:
    known = compute[~np.isnan(compute)]
    if len(known) == 0:
        return "no compute known" if len(compute) else "no points"
    if len(known) == 1:
        extra = len(compute) - 1
        return "one point with a known compute" + (f" ({extra} without)" if extra else "")
    if known.min() == known.max():
        return "all points at the same compute"
    span = float(np.log10(known.max()) - np.log10(known.min()))
    if span < MIN_DECADES:
        return _too_narrow(span)
    return None


def fit_all_series_report(
    ds, *, link: Link = "linear", weighted: bool = False
) -> tuple[list[tuple[str, TrendFit]], list[tuple[str, str]]]:
    """Every series fitted, and every series that could not be, with the reason (in dataset order).

    The table's columns are taken out once and grouped once with numpy: 1k series of 100k
    points cost one sort, not 1k scans of the table (the same fits as :func:`fit_series`)."""
    from .points import names_of

    pts = ds.points
    groups = ds._series_rows  # series -> its rows, grouped once per dataset
    order = np.concatenate(list(groups.values())) if groups else np.zeros(0, dtype=np.intp)
    compute = pts["compute"][order]
    score = pts["score"][order]
    stderr = pts["score_stderr"][order]
    models = pts["model"][order].tolist()
    labels = pts["label"][order].tolist()
    sources = pts["source"][order]
    fitted: list[tuple[str, TrendFit]] = []
    unfitted: list[tuple[str, str]] = []
    batch: list[tuple[str, int, int]] = []  # linear unweighted fits, done together below
    fine = _fittable_at_once(compute, [len(rows) for rows in groups.values()])
    end = 0
    for (series, rows), ok in zip(groups.items(), fine):
        start, end = end, end + len(rows)
        reason = (
            ONE_SETTING
            if series in ds.one_setting
            else None
            if ok
            else _priced(ds, _unfittable(compute[start:end]), sources[start:end])
        )
        if reason is not None:
            unfitted.append((series, reason))
            continue
        names = names_of(models[start:end], labels[start:end], compute[start:end].tolist())
        if link == "linear" and not weighted:
            batch.append((series, start, end))
            models[start:end] = names
            continue
        try:
            fit = fit_trend(
                compute[start:end],
                score[start:end],
                stderr=stderr[start:end],
                models=names,
                link=link,
                weighted=weighted,
                floor=ds.floor,
                ceiling=ds.ceiling,
            )
            fitted.append((series, fit))
        except FitError as exc:
            unfitted.append((series, str(exc)))
    if batch:
        fitted += _linear_fits(batch, compute, score, models, float(ds.floor), float(ds.ceiling))
        position = {name: i for i, name in enumerate(groups)}
        fitted.sort(key=lambda item: position[item[0]])  # dataset order, as the loop gave them
    return fitted, unfitted


def _fittable_at_once(compute: np.ndarray, sizes: list[int]) -> list[bool]:
    """For consecutive segments of ``compute`` (one per series), whether :func:`_unfittable`
    would find nothing wrong (two or more known computes spanning at least MIN_DECADES), from
    the same comparisons done on every segment at once; False sends a series to
    :func:`_unfittable`, which gives its reason (or finds none)."""
    if not sizes:
        return []
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    known = ~np.isnan(compute)
    count = np.add.reduceat(known.astype(np.intp), starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.minimum.reduceat(np.where(known, compute, np.inf), starts)
        high = np.maximum.reduceat(np.where(known, compute, -np.inf), starts)
        span = np.log10(high) - np.log10(low)
        # a margin: numpy's log10 of an array may differ in the last bit from a scalar's, and a
        # span at the limit must be judged by _unfittable itself
        return ((count >= 2) & (low != high) & (span >= MIN_DECADES + 1e-9)).tolist()


def _linear_fits(batch, compute, score, names, floor: float, ceiling: float) -> list[tuple[str, TrendFit]]:
    """Ordinary least squares of many series at once: the sums of :func:`fit_linear_arrays` and
    the covariance and R² of :func:`fit_trend` per series from segment sums, so that 1k series
    cost a few array passes, not 1k calls. Each series has two or more distinct known computes."""
    spans = [(start, end) for _, start, end in batch]
    take = np.concatenate([np.arange(start, end) for start, end in spans])
    seg = np.repeat(np.arange(len(batch)), [end - start for start, end in spans])
    keep = ~np.isnan(compute[take])  # unknown compute: left out, as fit_trend does
    take, seg = take[keep], seg[keep]
    u, y = np.log10(compute[take]), score[take]
    k = len(batch)
    s = np.bincount(seg, minlength=k).astype(float)
    sx, sxx = np.bincount(seg, u, k), np.bincount(seg, u * u, k)
    sy, sxy = np.bincount(seg, y, k), np.bincount(seg, y * u, k)
    det = s * sxx - sx * sx
    b = (s * sxy - sx * sy) / det
    a = (sy - b * sx) / s
    resid = y - (a[seg] + b[seg] * u)
    rss = np.bincount(seg, resid * resid, k)
    total = np.bincount(seg, (y - (sy / s)[seg]) ** 2, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(total > 0, 1 - rss / total, np.nan)
        scale = np.where(s > 2, rss / (s - 2), np.nan) / det
    bounds = np.r_[0, np.cumsum(np.bincount(seg, minlength=k))]
    u_list, y_list = u.tolist(), y.tolist()
    kept_names = [names[j] for j in take.tolist()]
    out = []
    for i, (series, _, _) in enumerate(batch):
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        cov = None
        if s[i] > 2:
            cov = (
                (float(sxx[i] * scale[i]), float(-sx[i] * scale[i])),
                (float(-sx[i] * scale[i]), float(s[i] * scale[i])),
            )
        fit = TrendFit(
            link="linear",
            params=(float(a[i]), float(b[i])),
            cov=cov,
            floor=floor,
            ceiling=ceiling,
            weighted=False,
            u=tuple(u_list[lo:hi]),
            score=tuple(y_list[lo:hi]),
            models=tuple(kept_names[lo:hi]),
            r_squared=float(r2[i]),
        )
        out.append((series, fit))
    return out


def fit_all_series(ds, *, link: Link = "linear", weighted: bool = False) -> list[tuple[str, TrendFit]]:
    """Every series with at least two points of distinct known compute, fitted (see
    :func:`fit_all_series_report` for the ones left out and why)."""
    return fit_all_series_report(ds, link=link, weighted=weighted)[0]


def slope_intervals(ds, fits: list[tuple[str, TrendFit]], level: float = 0.95) -> dict:
    """Each straight-line fit's slope interval under the one uncertainty model
    (:func:`~engine.uncertainty.slope_interval`: the points' stderr or binomial error from n or
    the dataset's size, scaled up by the residual dispersion; t(m-2) on the residuals where no
    error is known). Logistic fits are left out (their slope varies along the curve)."""
    from .uncertainty import point_sigma, slope_intervals_grouped

    groups = ds._series_rows
    linear = [(name, fit) for name, fit in fits if fit.link == "linear" and name in groups]
    if not linear:
        return {}
    # every series at once (the rows of each, one after another): 1k series cost a few array passes
    rows = np.concatenate([groups[name] for name, _ in linear])
    group = np.repeat(np.arange(len(linear)), [len(groups[name]) for name, _ in linear])
    pts = ds.points
    compute, score = pts["compute"][rows], pts["score"][rows]
    keep = np.isfinite(compute) & (compute > 0) & np.isfinite(score)
    rows, group, compute, score = rows[keep], group[keep], compute[keep], score[keep]
    sigma, _ = point_sigma(score, pts["score_stderr"][rows], pts["n"][rows], ds.n_questions)
    weighted = [fit.weighted for _, fit in linear]
    found = slope_intervals_grouped(np.log10(compute), score, sigma, group, len(linear), weighted, level)
    return {name: interval for (name, _), interval in zip(linear, found)}
