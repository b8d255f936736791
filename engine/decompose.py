"""Toby Ord's split of a reasoning model's gain into an RL boost and an inference-scaling boost.

::

    u = log10(compute)
    trend(u)        fitted to the reasoning series' points only
    RL boost        = trend(u_base) - score_base
    inference boost = top - trend(u_base)   top = trend(u_top) (default) or the observed score
    total           = RL boost + inference boost
    inference share = inference boost / total
    compute multiple = compute_top / compute_base

See "Evidence that Recent AI Gains are Mostly from Inference-Scaling" (Ord, 2025).
"""

from __future__ import annotations

import math
from dataclasses import field, replace
from typing import TYPE_CHECKING, Literal

import numpy as np

from ._frozen import frozen
from .dataset import Dataset
from .errors import DataError, FitError
from .fit import Link, TrendFit, fit_trend, pow10, predict_params, replicate_params
from .uncertainty import (
    Interval,
    dispersion,
    error_draws,
    gain_multiple_interval,
    percentile_intervals,
    quantile,
    sigma_and_n,
)

if TYPE_CHECKING:
    from .points import Points

Top = Literal["fit", "observed"]


@frozen
class DecomposeOptions:
    """The switches of the decomposition (all optional; defaults reproduce Ord's method)."""

    base: str | None = None  # base model id; default: the dataset's, or the row with role "base"
    reasoning: str | None = None  # reasoning series; default: the dataset's, or role "reasoning"
    fit_models: tuple[str, ...] | None = None  # restrict the fitted reasoning points
    weighted: bool = False  # stderr-weighted least squares instead of ordinary
    top: Top = "fit"  # the top of the gain: the trend at the largest compute, or the observed score
    link: Link = "linear"
    n_boot: int = 2000
    seed: int = 0
    level: float = 0.95
    assume_n: int | None = None  # questions per point where neither stderr nor n is known
    assume_n_hint: str = "give --assume-n N to assume N questions"  # how the caller's user gives assume_n
    floor: float | None = None  # the logistic's floor (percent); default: the dataset's chance level


@frozen
class Decomposition:
    """Result of :func:`decompose`. Boosts are percentage points; the share is percent."""

    benchmark: str
    base_model: str
    base_compute: float
    base_score: float
    reasoning_series: str
    top_model: str
    top_compute: float
    top_score: float  # observed score of the top reasoning point
    top: Top
    trend_at_base: float
    trend_at_top: float
    rl_boost: float
    inference_boost: float
    total_gain: float
    inference_share: float
    compute_multiple: float
    fit: TrendFit
    skipped: tuple[str, ...]  # reasoning points left out: compute unknown
    extrapolated_base: bool
    extrapolated_top: bool
    ci: dict[str, Interval] = field(default_factory=dict)
    ci_method: str = ""
    n_boot: int = 0
    seed: int = 0
    boot_bound: int = 0  # logistic refits that ended on a bound (kept as boundary values)
    boot_failed: int = 0  # refits that failed outright (left out)
    unreliable: str = ""  # why the intervals are not to be trusted ("" when they are)

    @property
    def warnings(self) -> list[str]:
        out = []
        if self.extrapolated_base:
            lo, hi = self.fit.compute_range
            out.append(
                f"base compute {_amount(self.base_compute)} lies outside the fitted range "
                f"{_amount(lo)}-{_amount(hi)}: the trend is extrapolated there"
            )
        if self.extrapolated_top:
            out.append(f"top compute {_amount(self.top_compute)} lies outside the fitted range: extrapolated")
        if self.unreliable:
            out.append(f"intervals unreliable: {self.unreliable}")
        if self.rl_boost < 0:
            out.append("the RL boost is negative: the base model scores above the reasoning trend at its own compute")
        if self.inference_boost < 0:
            out.append("the inference-scaling boost is negative: the trend falls with compute")
        if np.isfinite(self.inference_share) and not 0 <= self.inference_share <= 100:
            out.append(
                f"the inference share {self.inference_share:.1f}% lies outside 0-100%: one boost is negative, "
                "so the split is not a share of the gain"
            )
        if self.compute_multiple < 1:
            out.append(
                f"compute multiple {self.compute_multiple:.3g}x is below 1x: the base model used more compute "
                "than the top reasoning point"
            )
        if self.skipped:
            out.append("left out of the fit (compute unknown): " + ", ".join(self.skipped))
        if not self.ci:
            out.append(f"no confidence intervals: {self.ci_method}")
        for key, what in (("rl_boost", "RL boost"), ("inference_boost", "inference-scaling boost")):
            interval = self.ci.get(key)
            if interval is not None and interval.low <= 0 <= interval.high:
                out.append(f"the {what}'s interval includes 0: the data do not show it to differ from none")
        total = self.ci.get("total_gain")
        if total is not None and total.low <= 0 <= total.high:
            out.append("the total gain's interval includes 0: the inference share is not meaningful")
        share = self.ci.get("inference_share")
        if (
            share is not None
            and 0 <= self.inference_share <= 100
            and np.isfinite([share.low, share.high]).all()
            and (share.low < 0 or share.high > 100)
        ):
            # a share is 0-100% by construction only while both boosts are positive; an interval
            # past either end says the data allow one of them to be negative
            out.append(
                f"the inference share's interval [{share.low:.1f}, {share.high:.1f}]% reaches past 0-100%: "
                "the data allow one boost to be negative, so the share is loosely pinned"
            )
        return out

    def gain_multiple(self) -> tuple[float, float, str]:
        """'+10 pp costs' with its interval, from the slope's (straight line only: a logistic's
        slope varies along the curve): see :func:`~engine.uncertainty.gain_multiple_interval`."""
        iv = self.ci.get("slope_per_decade")
        if self.fit.link != "linear" or iv is None:
            return math.nan, math.nan, "no_interval"
        return gain_multiple_interval(iv.low, iv.high)

    def gain_multiple_dict(self) -> dict:
        lo, hi, reads = self.gain_multiple()
        return {"estimate": _num(self.fit.multiple_for_gain(10.0)), "ci": [_num(lo), _num(hi)], "reads": reads}

    def as_dict(self) -> dict:
        return {
            "benchmark": self.benchmark,
            "base": {"model": self.base_model, "compute": self.base_compute, "score": self.base_score},
            "reasoning_series": self.reasoning_series,
            "top_point": {"model": self.top_model, "compute": self.top_compute, "score": self.top_score},
            "top": self.top,
            "trend_at_base": self.trend_at_base,
            "trend_at_top": self.trend_at_top,
            "rl_boost": self.rl_boost,
            "inference_boost": self.inference_boost,
            "total_gain": self.total_gain,
            "inference_share": _num(self.inference_share),
            "compute_multiple": self.compute_multiple,
            "fit": self.fit.as_dict(),
            "skipped": list(self.skipped),
            "extrapolated_base": self.extrapolated_base,
            "extrapolated_top": self.extrapolated_top,
            "ci": {key: interval.as_list() for key, interval in self.ci.items()},
            "multiple_for_10_points": self.gain_multiple_dict(),
            "ci_level": self.ci[next(iter(self.ci))].level if self.ci else None,
            "ci_method": self.ci_method,
            "n_boot": self.n_boot,
            "seed": self.seed,
            "boot_bound": self.boot_bound,
            "boot_failed": self.boot_failed,
            "ci_unreliable": self.unreliable or None,
            "floor": self.fit.floor,
            "warnings": self.warnings,
        }


def _amount(value: float) -> str:
    """A compute in a warning: whole tokens, or three significant figures below 100 ($0.00676)."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


@frozen
class _Columns:
    """The points as plain numpy arrays: the decomposition indexes them by position."""

    benchmark: np.ndarray
    model: np.ndarray
    series: np.ndarray
    role: np.ndarray
    compute: np.ndarray
    score: np.ndarray
    stderr: np.ndarray
    n: np.ndarray

    @classmethod
    def of(cls, points: Points) -> _Columns:
        return cls(
            *(points[c] for c in ("benchmark", "model", "series", "role", "compute", "score", "score_stderr", "n"))
        )


def resolve_base(ds: Dataset, base: str | None, cols: _Columns | None = None) -> int:
    """Position of the base model's row."""
    cols = cols or _Columns.of(ds.points)
    name = base or ds.base
    if name is None:
        rows = np.flatnonzero(cols.role == "base")
        if len(rows) != 1:
            raise DataError(
                f"{ds.id}: choose a base model (--base MODEL); "
                + ("no row has role 'base'" if len(rows) == 0 else "several rows have role 'base'")
            )
        return int(rows[0])
    rows = np.flatnonzero(cols.model == name)
    if len(rows) == 0:
        raise DataError(f"{ds.id}: base model {name!r} is not in the dataset; models: " + _some(cols.model))
    return int(rows[0])


def resolve_reasoning(ds: Dataset, reasoning: str | None, cols: _Columns | None = None) -> str:
    cols = cols or _Columns.of(ds.points)
    name = reasoning or ds.reasoning
    if name is None:
        series = list(dict.fromkeys(cols.series[cols.role == "reasoning"]))
        if len(series) != 1:
            raise DataError(f"{ds.id}: choose a reasoning series (--reasoning SERIES); " + _trend_series(cols))
        return str(series[0])
    if name not in set(cols.series):
        raise DataError(f"{ds.id}: reasoning series {name!r} is not in the dataset; series: " + _some(cols.series))
    return name


def _trend_series(cols: _Columns) -> str:
    """The series a trend can be fitted to (two or more points with a known compute), with their
    sizes: the candidates for --reasoning."""
    known = np.isfinite(cols.compute)
    names, counts = np.unique(cols.series[known].astype(str), return_counts=True)
    order = [i for i in np.argsort(-counts, kind="stable") if counts[i] >= 2]
    if not order:
        return "no series has two points with a known compute"
    listed = [f"{names[i]} ({counts[i]} points)" for i in order[:12]]
    more = f", ... ({len(order)} in all)" if len(order) > 12 else ""
    return "series with a trend: " + ", ".join(listed) + more


def _both_unchosen(ds: Dataset, opt: DecomposeOptions, cols: _Columns) -> None:
    """Neither a base nor a reasoning series given or marked by role: one message asks for both."""
    no_base = (opt.base or ds.base) is None and np.count_nonzero(cols.role == "base") != 1
    no_series = (opt.reasoning or ds.reasoning) is None and len(set(cols.series[cols.role == "reasoning"])) != 1
    if no_base and no_series:
        raise DataError(
            f"{ds.id}: choose a base model and a reasoning series (--base MODEL --reasoning SERIES; or 'role' "
            f"column values 'base' and 'reasoning'); {_trend_series(cols)}; models: {_some(cols.model)}"
        )


def _some(values, limit: int = 12) -> str:
    names = list(dict.fromkeys(values))
    shown = ", ".join(names[:limit])
    return shown + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def decompose(ds: Dataset, options: DecomposeOptions | None = None) -> Decomposition:
    """Split the reasoning series' gain over the base model into RL and inference-scaling boosts."""
    opt = options or DecomposeOptions()
    cols = _Columns.of(ds.points)
    _both_unchosen(ds, opt, cols)
    b = resolve_base(ds, opt.base, cols)
    series = resolve_reasoning(ds, opt.reasoning, cols)
    base_model = str(cols.model[b])
    if not np.isfinite(cols.compute[b]):
        raise FitError(f"base model {base_model!r} has no known compute: it cannot be placed on the trend")
    if cols.series[b] == series or np.any((cols.series == series) & (cols.model == base_model)):
        raise DataError(
            f"base model {base_model!r} is a point of the reasoning series {series!r}: the base is the model "
            "before RL, not one of the trend's own points; choose another --base or --reasoning"
        )
    reasoning = np.flatnonzero((cols.series == series) & (cols.model != base_model))
    has_compute = np.isfinite(cols.compute[reasoning])
    known = reasoning[has_compute]
    skipped = tuple(str(m) for m in cols.model[reasoning[~has_compute]])
    if len(known) == 0:
        raise FitError(f"reasoning series {series!r} has no point with a known compute")
    if opt.fit_models:
        names = set(cols.model[reasoning])
        unknown = [m for m in opt.fit_models if m not in names]
        if unknown:
            raise DataError(
                f"--fit names {', '.join(map(repr, unknown))}, not in reasoning series {series!r}; its points: "
                + _some(cols.model[reasoning])
            )
        no_compute = [m for m in opt.fit_models if m in skipped]
        if no_compute:
            raise FitError("--fit names points with unknown compute: " + ", ".join(no_compute))
        fitted = known[np.isin(cols.model[known], list(opt.fit_models))]
    else:
        fitted = known
    fit = fit_trend(
        cols.compute[fitted],
        cols.score[fitted],
        stderr=cols.stderr[fitted],
        models=[str(m) for m in cols.model[fitted]],
        link=opt.link,
        weighted=opt.weighted,
        floor=ds.floor if opt.floor is None else opt.floor,
        ceiling=ds.ceiling,
    )
    top = int(known[np.argmax(cols.compute[known])])
    u_base = float(np.log10(cols.compute[b]))
    u_top = float(np.log10(cols.compute[top]))
    trend_base = float(fit.predict_u(u_base))
    trend_top = float(fit.predict_u(u_top))
    top_value = trend_top if opt.top == "fit" else float(cols.score[top])
    rl = trend_base - float(cols.score[b])
    inference = top_value - trend_base
    total = rl + inference
    share = 100 * inference / total if total != 0 else float("nan")

    result = Decomposition(
        benchmark=str(cols.benchmark[b]),
        base_model=base_model,
        base_compute=float(cols.compute[b]),
        base_score=float(cols.score[b]),
        reasoning_series=series,
        top_model=str(cols.model[top]),
        top_compute=float(cols.compute[top]),
        top_score=float(cols.score[top]),
        top=opt.top,
        trend_at_base=trend_base,
        trend_at_top=trend_top,
        rl_boost=rl,
        inference_boost=inference,
        total_gain=total,
        inference_share=share,
        compute_multiple=float(pow10(u_top - u_base)),
        fit=fit,
        skipped=skipped,
        extrapolated_base=not fit.covers(cols.compute[b]),
        extrapolated_top=not fit.covers(cols.compute[top]),
        n_boot=opt.n_boot,
        seed=opt.seed,
    )
    try:
        ci, method, counts = _intervals(cols, opt, b, fitted, top, fit, u_base, u_top, ds.n_questions)
    except FitError as exc:
        return _with_ci(result, {}, str(exc))
    bound, failed = counts["bound"], counts["failed"]
    unreliable = ""
    if failed > FAILED_MAX * opt.n_boot:
        unreliable = f"{failed} of {opt.n_boot} refits failed (more than {FAILED_MAX:.0%}); no interval is shown"
    elif bound > BOUND_MAX * opt.n_boot:
        unreliable = (
            f"{bound} of {opt.n_boot} logistic refits ended on a bound of the curve (more than {BOUND_MAX:.0%}): "
            "the logistic is not pinned down by these points; no interval is shown"
        )
    if unreliable:
        ci = {key: Interval(float("nan"), float("nan"), iv.level) for key, iv in ci.items()}
    result = replace(result, boot_bound=bound, boot_failed=failed, unreliable=unreliable)
    return _with_ci(result, ci, method)


FAILED_MAX = 0.01  # above this share of failed refits, the intervals are withheld
BOUND_MAX = 0.2  # above this share of logistic refits on a bound, likewise


def _with_ci(result: Decomposition, ci: dict[str, Interval], method: str) -> Decomposition:
    return replace(result, ci=ci, ci_method=method)


def _linear_intervals(u, weights, score, sigma, disp, top_column: int, opt, u_base, u_top) -> dict[str, Interval]:
    """The straight line's figures as linear combinations ``c @ score`` of the scores involved (the
    fitted points, then the base, then the top point when it is not a fitted one: ``_intervals``'s
    columns), each with its exact interval under the one uncertainty model: variance
    ``phi * sum(c**2 * sigma**2)`` (sigma 1 where no error is known: ``phi`` is then the residual
    variance), t with the dispersion's dof or normal (engine/uncertainty.py; ``slope_interval``'s
    sandwich for the slope itself)."""
    m, k = len(u), len(score)
    x = np.column_stack([np.ones(m), u])
    w = np.ones(m) if weights is None else np.asarray(weights, float)
    coef = np.linalg.inv(x.T @ (x * w[:, None])) @ (x.T * w)  # intercept and slope, per fitted score

    def over_columns(fitted_part=None, column=None) -> np.ndarray:
        c = np.zeros(k)
        if fitted_part is not None:
            c[:m] = fitted_part
        if column is not None:
            c[column] += 1.0
        return c

    trend_base = over_columns(coef[0] + coef[1] * u_base)
    top = over_columns(coef[0] + coef[1] * u_top) if opt.top == "fit" else over_columns(column=top_column)
    base = over_columns(column=m)
    combos = {
        "rl_boost": trend_base - base,
        "inference_boost": top - trend_base,
        "total_gain": top - base,
        "slope_per_decade": over_columns(coef[1]),
        "trend_at_base": trend_base,
    }
    var = np.where(np.isfinite(sigma), sigma, 1.0) ** 2 * disp.phi
    q = quantile(opt.level, disp.df)
    out = {}
    for key, c in combos.items():
        centre, se = float(c @ score), float(np.sqrt((c * c) @ var))
        out[key] = Interval(centre - q * se, centre + q * se, opt.level)
    return out


def min_resamples(level: float) -> int:
    """The fewest resamples whose percentiles put one beyond each end of a ``level`` interval
    (40 for 95 %): with fewer, both bounds are drawn from the few resamples there are (one
    resample gave the share [79.8, 79.8] around an estimate of 81.3)."""
    return math.ceil(2 / (1 - level) - 1e-9)


def _intervals(cols: _Columns, opt, b: int, fitted: np.ndarray, top: int, fit, u_base, u_top, dataset_n=None):
    """The intervals under the one uncertainty model (engine/uncertainty.py). With the straight
    line, every figure but the share is linear in the scores and gets its exact interval
    (``_linear_intervals``); the share, and every figure of the logistic, come from a parametric
    bootstrap: every score involved redrawn (binomial from n, normal from a stderr), scaled up by
    the fitted points' residual dispersion when they scatter more than that (t-like tails),
    refitted, recomputed. Fewer than :func:`min_resamples` resamples give no percentile interval
    (0: the bootstrap is off)."""
    # the fitted points, then the base, then the top point unless it is among the fitted ones
    rows = np.r_[fitted, b, [] if top in fitted else [top]].astype(int)
    sigma, n_eff, how = sigma_and_n(cols.score[rows], cols.stderr[rows], cols.n[rows], dataset_n, opt.assume_n)
    known = np.isfinite(sigma)
    m = len(fitted)
    resid = np.asarray(fit.residuals)  # the scatter about the fitted trend, whichever its link
    if known.all():
        disp = dispersion(resid, sigma[:m], m - 2)
    elif not known.any() and m > 2:
        disp = dispersion(resid, np.full(m, np.nan), m - 2)
        how = ["no stderr or question count: every point's error taken as the fit's residual scale"]
    else:
        missing = [str(cols.model[r]) for r, k in zip(rows, known) if not k]
        raise FitError("no stderr or question count for " + ", ".join(missing) + f" ({opt.assume_n_hint})")
    if not disp.testable:
        raise FitError(disp.text)
    errors = "; ".join(how) + "; " + disp.text
    u = np.log10(cols.compute[fitted])
    weights = 1 / cols.stderr[fitted] ** 2 if opt.weighted else None
    counts: dict = {"bound": 0, "failed": 0}
    ci: dict[str, Interval] = {}
    fewest = min_resamples(opt.level)
    if opt.n_boot <= 0:
        too_few = "bootstrap off (--bootstrap 0)"
    elif opt.n_boot < fewest:
        too_few = f"{opt.n_boot} resamples, fewer than the {fewest} a {opt.level:.0%} percentile interval needs"
    else:
        too_few = ""
        rng = np.random.default_rng(opt.seed)  # numpy.random is imported by the bootstrap only
        ci = _percentile_intervals(
            cols, opt, rows, sigma, n_eff, disp, rng, fitted, top, fit, u, weights, u_base, u_top, counts
        )
    if fit.link != "linear":
        if too_few:
            raise FitError(too_few)
        method = f"parametric bootstrap: {errors}; {opt.n_boot} resamples, seed {opt.seed}, percentile intervals"
        return (
            ci,
            method
            + (
                f"; {counts['bound']} of {opt.n_boot} refits ended on a bound (kept as boundary values), "
                f"{counts['failed']} failed"
            ),
            counts,
        )
    # every figure but the share is a linear combination of the scores: its interval under the
    # same model is exact (t or normal, as fit's slope), where percentiles of the resamples only
    # estimate it (with 1-2 residual dof, t's heavy tails moved a bound by a fifth of the interval
    # from one seed to the next, enough to turn a verdict)
    top_column = m + 1 if top not in fitted else int(np.flatnonzero(fitted == top)[0])
    ci.update(_linear_intervals(u, weights, cols.score[rows], sigma, disp, top_column, opt, u_base, u_top))
    where = "t" if np.isfinite(disp.df) else "normal"
    share = (
        f"no interval for the inference share: {too_few}"
        if too_few
        else f"the inference share's: parametric bootstrap, {opt.n_boot} resamples, seed {opt.seed}, percentile"
    )
    method = f"{errors}; {opt.level:.0%} intervals ({where}) from the straight line's exact covariance (as fit's slope); {share}"
    return ci, method, counts


def _percentile_intervals(
    cols, opt, rows, sigma, n_eff, disp, rng, fitted, top, fit, u, weights, u_base, u_top, counts
):
    """Every figure's percentile interval over ``opt.n_boot`` parametric resamples (``_intervals``)."""
    m = len(fitted)
    draws = error_draws(cols.score[rows], sigma, n_eff, n_boot=opt.n_boot, rng=rng, disp=disp)
    p0, p1 = replicate_params(
        u,
        draws[:, :m],
        link=fit.link,
        weights=weights,
        floor=fit.floor,
        ceiling=fit.ceiling,
        start=fit.params,
        counts=counts,
    )
    base_score = draws[:, m]
    top_draw = draws[:, m + 1] if top not in fitted else draws[:, int(np.flatnonzero(fitted == top)[0])]
    trend_base = predict_params(fit.link, p0, p1, u_base, fit.floor, fit.ceiling)
    trend_top = predict_params(fit.link, p0, p1, u_top, fit.floor, fit.ceiling)
    top_value = trend_top if opt.top == "fit" else top_draw
    rl = trend_base - base_score
    inference = top_value - trend_base
    total = rl + inference
    with np.errstate(divide="ignore", invalid="ignore"):
        share = 100 * inference / total
    if fit.link == "linear":
        slope = p1
    else:
        mid = (fit.u_min + fit.u_max) / 2
        q = (predict_params("logistic", p0, p1, mid, fit.floor, fit.ceiling) - fit.floor) / (fit.ceiling - fit.floor)
        slope = (fit.ceiling - fit.floor) * q * (1 - q) * p1
    names = ("rl_boost", "inference_boost", "total_gain", "inference_share", "slope_per_decade", "trend_at_base")
    return dict(
        zip(names, percentile_intervals(np.vstack([rl, inference, total, share, slope, trend_base]), opt.level))
    )
