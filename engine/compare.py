"""Compare two series on the log-x chart: real progress, or further along the same line?

* compute-efficiency multiplier: the horizontal offset between the two trends. With a shared
  slope ``b`` fitted jointly (``score = a + d*[B] + b*u``), ``log10 M = d / b``: B reaches any
  score with ``M`` times less compute than A. Also reported at a stated score from the two
  separate fits.
* vertical gap at a stated compute, and the ratio of the slopes (a steeper slope is a real gain,
  a pure left shift a constant-factor saving).
* on-trend test: are B's points consistent with A's trend? Chi-square of B's residuals against
  A's line, each scaled by A's prediction error and B's own stderr.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import Dataset
from .errors import DataError, FitError
from .fit import Link, TrendFit, fit_trend


@dataclass(frozen=True)
class Comparison:
    series_a: str
    series_b: str
    fit_a: TrendFit
    fit_b: TrendFit
    shared_slope: float
    log10_multiplier: float  # shared-slope offset: B needs 10**x times less compute than A
    log10_multiplier_se: float  # delta method; NaN when it cannot be estimated
    at_score: float
    multiplier_at_score: float  # from the separate fits, at at_score
    at_compute: float
    vertical_gap: float  # fit_b - fit_a at at_compute, percentage points
    slope_ratio: float  # slope_b / slope_a
    on_trend_chi2: float
    on_trend_dof: int
    on_trend_p: float  # NaN when no variance is known for the test
    level: float = 0.95

    @property
    def efficiency_multiplier(self) -> float:
        return float(10**self.log10_multiplier)

    @property
    def multiplier_interval(self) -> tuple[float, float]:
        from scipy.special import ndtri  # the normal quantile, without importing scipy.stats

        z = ndtri(0.5 + self.level / 2)
        se = self.log10_multiplier_se
        return float(10 ** (self.log10_multiplier - z * se)), float(10 ** (self.log10_multiplier + z * se))

    @property
    def on_trend(self) -> bool | None:
        """True when B's points are consistent with A's trend at the 5% level; None if untestable."""
        if not np.isfinite(self.on_trend_p):
            return None
        return bool(self.on_trend_p >= 0.05)

    def verdict(self) -> str:
        m = self.efficiency_multiplier
        shift = (
            f"{self.series_b} reaches the same score with {m:.3g}x less compute"
            if m >= 1
            else (f"{self.series_b} needs {1 / m:.3g}x more compute for the same score")
        )
        if self.on_trend is None:
            trend = "on-trend test not possible (no stderr or n on the points)"
        elif self.on_trend:
            trend = f"its points lie on {self.series_a}'s trend (p={self.on_trend_p:.2g}): further along the same line"
        else:
            trend = f"its points lie off {self.series_a}'s trend (p={self.on_trend_p:.2g})"
        return f"{shift}; {trend}; slope ratio {self.slope_ratio:.2f}"

    def as_dict(self) -> dict:
        lo, hi = self.multiplier_interval
        return {
            "series_a": self.series_a,
            "series_b": self.series_b,
            "fit_a": self.fit_a.as_dict(),
            "fit_b": self.fit_b.as_dict(),
            "shared_slope": self.shared_slope,
            "efficiency_multiplier": self.efficiency_multiplier,
            "efficiency_multiplier_ci": [_num(lo), _num(hi)],
            "at_score": self.at_score,
            "multiplier_at_score": _num(self.multiplier_at_score),
            "at_compute": self.at_compute,
            "vertical_gap": _num(self.vertical_gap),
            "slope_ratio": _num(self.slope_ratio),
            "on_trend": self.on_trend,
            "on_trend_p": _num(self.on_trend_p),
            "on_trend_chi2": _num(self.on_trend_chi2),
            "verdict": self.verdict(),
        }


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def compare(
    ds: Dataset,
    series_a: str,
    series_b: str,
    *,
    at_score: float | None = None,
    at_compute: float | None = None,
    link: Link = "linear",
) -> Comparison:
    names = set(ds.points["series"])
    for name in (series_a, series_b):
        if name not in names:
            raise DataError(
                f"{ds.id}: no series {name!r}; series: " + ", ".join(list(dict.fromkeys(ds.points["series"]))[:12])
            )
    if series_a == series_b:
        raise FitError("choose two different series to compare")
    a = ds.series_points(series_a).dropna(subset=["compute"])
    b = ds.series_points(series_b).dropna(subset=["compute"])
    fits = []
    for name, pts in ((series_a, a), (series_b, b)):
        try:
            fits.append(
                fit_trend(
                    pts["compute"],
                    pts["score"],
                    stderr=pts["score_stderr"],
                    models=pts["model"],
                    link=link,
                    floor=ds.floor,
                    ceiling=ds.ceiling,
                )
            )
        except FitError as exc:
            raise FitError(f"series {name!r}: {exc}") from None
    fit_a, fit_b = fits

    # joint fit with a shared slope: y = a + d*[B] + b*u
    u = np.log10(np.concatenate([a["compute"], b["compute"]]).astype(float))
    y = np.concatenate([a["score"], b["score"]]).astype(float)
    is_b = np.r_[np.zeros(len(a)), np.ones(len(b))]
    design = np.column_stack([np.ones_like(u), is_b, u])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    _, delta, slope = coef
    dof = len(y) - 3
    if dof > 0:
        resid = y - design @ coef
        cov = np.linalg.inv(design.T @ design) * (resid @ resid) / dof
        grad = np.array([0.0, 1 / slope, -delta / slope**2])
        log_m_se = float(np.sqrt(grad @ cov @ grad))
    else:
        log_m_se = float("nan")

    if at_score is None:
        at_score = float(np.mean([fit_a.predict_u(fit_a.u_max), fit_b.predict_u(fit_b.u_min)]))
    if at_compute is None:
        at_compute = float(10 ** np.median(u))
    mult_at = float(10 ** (fit_a.inverse_u(at_score) - fit_b.inverse_u(at_score)))
    gap = float(fit_b.predict(at_compute) - fit_a.predict(at_compute))

    reference = fit_a
    if fit_a.cov is None and link == "linear" and bool(np.all(a["score_stderr"] > 0)):
        # two points and no residual variance: take A's uncertainty from its stderrs instead
        reference = fit_trend(a["compute"], a["score"], stderr=a["score_stderr"], models=a["model"], weighted=True)
    chi2, p = _on_trend(reference, b)
    return Comparison(
        series_a=series_a,
        series_b=series_b,
        fit_a=fit_a,
        fit_b=fit_b,
        shared_slope=float(slope),
        log10_multiplier=float(delta / slope) if slope != 0 else float("nan"),
        log10_multiplier_se=log_m_se,
        at_score=float(at_score),
        multiplier_at_score=mult_at,
        at_compute=float(at_compute),
        vertical_gap=gap,
        slope_ratio=fit_b.slope_per_decade / fit_a.slope_per_decade if fit_a.slope_per_decade else float("nan"),
        on_trend_chi2=chi2,
        on_trend_dof=len(b),
        on_trend_p=p,
    )


def _on_trend(fit_a: TrendFit, b) -> tuple[float, float]:
    u_b = np.log10(b["compute"].to_numpy(float))
    resid = b["score"].to_numpy(float) - fit_a.predict_u(u_b)
    var = np.where(np.isfinite(b["score_stderr"]), b["score_stderr"].to_numpy(float) ** 2, 0.0)
    if fit_a.cov is not None and fit_a.link == "linear":
        cov = np.asarray(fit_a.cov)
        x = np.column_stack([np.ones_like(u_b), u_b])
        var = var + np.einsum("ij,jk,ik->i", x, cov, x)
    if np.any(var <= 0):
        return float("nan"), float("nan")
    from scipy.special import chdtrc  # chi-square survival function, without importing scipy.stats

    chi2 = float(np.sum(resid**2 / var))
    return chi2, float(chdtrc(len(u_b), chi2))
