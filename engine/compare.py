"""Compare two series on the log-x chart: real progress, or further along the same line?

Everything below is read off one model of the two series' points, ``score = a + b*u``
(``u = log10(compute)``), fitted by ordinary least squares (the same lines as ``fit``):

* **uncertainty**: each point's standard error is its published stderr, or the binomial
  ``sqrt(p(1-p)/n)`` where only the number of questions/tasks is known (the row's ``n`` or the
  dataset's size); scatter beyond that is read from each series' own residuals by the rule
  every command uses (``uncertainty.dispersion``), so each slope's interval is ``fit``'s (a
  3-point series: t(1)). A figure of both series (slope difference, Fieller's multiplier, the
  gap, one line through both) adds the two series' variances and is read with t at their
  Welch-Satterthwaite dof (:func:`reference_df`; normal when both are taken as known). With no
  standard error on some point, the residuals of both series are pooled (one residual variance,
  t with n - 4 dof), which needs five points; with four, no test is possible and it says so.
* **one shared slope?** a Wald test on the slope difference (the t-test of the interaction, equal
  to the F-test of the nested models when no stderr is known). Not rejected (p >= 0.05): the
  compute-efficiency multiplier is the shared-slope offset ``10**(d/b)`` with Fieller's interval
  for the ratio. Rejected or untestable: the multiplier is taken at one score from the separate
  fits (its interval by simulation from the fits' covariance, seeded).
* **verdict** in three grades from the multiplier's interval: ``b_cheaper`` (the interval lies
  above 1x), ``b_dearer`` (below 1x), ``inconclusive`` (includes 1x, or cannot be computed).
  ``extrapolated`` when the stated score or compute lies outside either series' observed range.
* **one line through both?** (B on A's trend) a Wald test of equal intercept and slope, 2 dof.
* **Ord's three kinds of progress**: a shift left by a factor (constant saving), a steeper slope
  (better scaling), a higher plateau (the ceiling of a logistic fitted with a free ceiling),
  each with its interval, or "cannot tell" with the reason.
"""

from __future__ import annotations

import math
from dataclasses import field

import numpy as np

from ._frozen import frozen
from .dataset import Dataset
from .errors import DataError, FitError
from .fit import MIN_DECADES, Link, TrendFit, fit_trend
from .provenance import source_notes
from .uncertainty import dispersion, point_sigma, quantile, slope_interval

ALPHA = 0.05
N_SIM = 20000  # simulation draws for the multiplier at a score (seed 0)


@frozen
class ProgressKind:
    """One of Ord's three kinds of progress, B relative to A.

    ``finding``: ``b_better``, ``b_worse``, ``no_difference`` (the interval includes no change) or
    ``cannot_tell`` (``note`` says why)."""

    kind: str  # "shift", "slope" or "plateau"
    estimate: float  # shift: multiplier (x less compute); slope: pp per 10x, B - A; plateau: pp, B - A
    low: float
    high: float
    finding: str
    note: str = ""

    def as_dict(self) -> dict:
        return {
            "estimate": _num(self.estimate),
            "ci": [_num(self.low), _num(self.high)],
            "finding": self.finding,
            "note": self.note,
        }

    def text(self, a: str, b: str) -> str:
        if self.kind == "shift":
            title = "shift left (constant saving)"
            value = f"{_x(self.estimate)} less compute [{_x(self.low)}, {_x(self.high)}]"
            words = {"b_better": f"{b} is shifted left", "b_worse": f"{b} is shifted right"}
        elif self.kind == "slope":
            title = "steeper slope (better scaling)"
            value = f"{self.estimate:+.3g} pp per 10x [{self.low:+.3g}, {self.high:+.3g}]"
            words = {"b_better": f"{b} is steeper", "b_worse": f"{b} is shallower"}
        else:
            title = "higher plateau (logistic ceiling)"
            value = f"{self.estimate:+.3g} pp [{self.low:+.3g}, {self.high:+.3g}]"
            words = {"b_better": f"{b}'s ceiling is higher", "b_worse": f"{b}'s ceiling is lower"}
        if self.finding == "cannot_tell":
            shown = f" (estimate {value})" if math.isfinite(self.estimate) else ""
            return f"{title}: cannot tell: {self.note}{shown}"
        head = words.get(self.finding, "no difference shown (the interval includes none)")
        return f"{title}: {head}: {value}" + (f"; {self.note}" if self.note else "")


@frozen
class Progress:
    shift: ProgressKind
    slope: ProgressKind
    plateau: ProgressKind

    def as_dict(self) -> dict:
        return {"shift": self.shift.as_dict(), "slope": self.slope.as_dict(), "plateau": self.plateau.as_dict()}

    def lines(self, a: str, b: str) -> list[str]:
        return [k.text(a, b) for k in (self.shift, self.slope, self.plateau)]


@frozen
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
    on_trend_chi2: float  # Wald statistic: one line through both series (2 dof)
    on_trend_dof: int
    on_trend_p: float  # NaN when no test is possible
    level: float = 0.95
    multiplier_ci: tuple[float, float] = (math.nan, math.nan)  # Fieller, shared slope (log10 scale: 10**)
    multiplier_at_score_ci: tuple[float, float] = (math.nan, math.nan)
    vertical_gap_ci: tuple[float, float] = (math.nan, math.nan)
    slope_difference: float = math.nan  # slope_b - slope_a, pp per 10x
    slope_difference_ci: tuple[float, float] = (math.nan, math.nan)
    slope_difference_se: float = math.nan  # the standard error the interval and the Wald test use
    slope_difference_df: float = math.nan  # their reference dof (inf: normal)
    multiplier_df: float = math.nan  # the reference dof of Fieller's interval (inf: normal)
    shared_slope_p: float = math.nan
    shared_slope_test: str = ""
    uncertainty: str = ""
    headline: str = "shared"  # which multiplier the verdict reads: "shared" or "at_score"
    extrapolated_score: bool = False
    extrapolated_compute: bool = False
    extrapolation_notes: tuple[str, ...] = ()
    score_overlap: bool = True
    compute_overlap: bool = True
    reading_extrapolated: bool = False  # the verdict's reading lies outside what either series observed
    reading_notes: tuple[str, ...] = ()
    progress: Progress | None = None
    testable: bool = True
    notes: tuple[str, ...] = field(default=())
    narrow: tuple[str, ...] = ()  # the series whose compute spans too little to carry a slope (in notes)
    slope_cis: tuple = ()  # each straight-line fit's SlopeInterval (fit's), A then B; empty for a logistic link

    @property
    def efficiency_multiplier(self) -> float:
        return _pow10(self.log10_multiplier)

    @property
    def multiplier_interval(self) -> tuple[float, float]:
        """The shared-slope multiplier's interval (Fieller); (0, inf) when unbounded."""
        lo, hi = self.multiplier_ci
        return _pow10(lo), _pow10(hi)

    @property
    def shared_slope_ok(self) -> bool | None:
        """True when one shared slope is not rejected at the 5% level; None if untestable."""
        if not np.isfinite(self.shared_slope_p):
            return None
        return bool(self.shared_slope_p >= ALPHA)

    @property
    def on_trend(self) -> bool | None:
        """True when one line through both series is not rejected at the 5% level; None if untestable."""
        if not np.isfinite(self.on_trend_p):
            return None
        return bool(self.on_trend_p >= ALPHA)

    def _narrow_reading(self) -> str:
        names = " and ".join(self.narrow)
        return f"cannot tell ({names} span{'s' if len(self.narrow) == 1 else ''} too little compute to carry a slope)"

    @property
    def shared_slope_reads(self) -> tuple[str, str]:
        """What the 'one shared slope' row says, as (code, words): ``rejected``; ``cannot_tell``
        (not rejected, which does not show one slope; or a series too narrow to carry a slope);
        ``no_test``. The exports carry this, never a bare True (the screen's words)."""
        if self.narrow:
            return "cannot_tell", self._narrow_reading()
        if self.shared_slope_ok is None:
            return "no_test", "no test possible"
        return ("cannot_tell", "cannot tell (not rejected)") if self.shared_slope_ok else ("rejected", "rejected")

    @property
    def on_trend_reads(self) -> tuple[str, str]:
        """What the 'one line through both' row says, as (code, words): ``rejected``,
        ``not_rejected``, ``cannot_tell`` (a series too narrow to carry a slope) or ``no_test``."""
        if self.narrow:
            return "cannot_tell", self._narrow_reading()
        if self.on_trend is None:
            return "no_test", "no test possible"
        return ("not_rejected", "not rejected") if self.on_trend else ("rejected", "rejected")

    @property
    def slope_rows_read(self) -> tuple[str, str]:
        """What the figures read from a slope (the shared-slope multiplier, slope B - A) say, as
        (code, words): ``shown``, or ``cannot_tell`` where a series is too narrow to carry a slope."""
        return ("cannot_tell", self._narrow_reading()) if self.narrow else ("shown", "shown")

    @property
    def extrapolated(self) -> bool:
        return self.extrapolated_score or self.extrapolated_compute

    @property
    def headline_multiplier(self) -> tuple[float, float, float]:
        """The multiplier the verdict reads, with its interval: (value, low, high)."""
        if self.headline == "shared":
            return (self.efficiency_multiplier, *self.multiplier_interval)
        lo, hi = self.multiplier_at_score_ci
        return self.multiplier_at_score, lo, hi

    @property
    def interval_grade(self) -> str:
        """The grade the multiplier's interval alone supports."""
        return verdict_grade(*self.headline_multiplier[1:])

    @property
    def grade(self) -> str:
        """``b_cheaper``, ``b_dearer`` or ``inconclusive``: inconclusive when the multiplier's
        interval includes 1x or is unknown, when one line through both series (which means no
        saving at all) is not rejected, and whenever the multiplier is read at a score outside
        either series' observed scores, or where either trend reaches it outside that series'
        observed compute (an extrapolation is never a finding)."""
        if self.on_trend or self.reading_extrapolated:
            return "inconclusive"
        return self.interval_grade

    def verdict_lines(self) -> list[str]:
        a, b = self.series_a, self.series_b
        m, lo, hi = self.headline_multiplier
        where = "" if self.headline == "shared" else f" at {self.at_score:.1f}%"
        interval = f"[{_x(lo)}, {_x(hi)}]"
        if self.reading_extrapolated:
            more = "less" if m >= 1 else "more"
            value = _x(m) if m >= 1 or not np.isfinite(m) else (_x(1 / m) if m > 0 else "∞")
            head = (
                "inconclusive: extrapolated: read where the data are not ("
                + "; ".join(self.reading_notes)
                + f"); the extrapolated estimate: {b} would need {value} {more} compute{where} {interval}, "
                "not a finding"
            )
            lines = [head]
            lines.append(
                self._narrow_line()
                or f"one line through both (is {b} on {a}'s trend?): "
                + (
                    "no test possible"
                    if self.on_trend is None
                    else f"{'not rejected' if self.on_trend else 'rejected'} (p={self.on_trend_p:.2g})"
                )
            )
            return lines
        if self.interval_grade != "inconclusive" and self.grade == "inconclusive":
            more = "less" if self.interval_grade == "b_cheaper" else "more"
            value = _x(m) if more == "less" else _x(1 / m)
            head = (
                f"inconclusive: {b} would need {value} {more} compute{where} {interval} with "
                f"{'one shared slope' if self.headline == 'shared' else 'the separate fits'}, but one line through "
                f"both series, which needs no saving at all, is not rejected (p={self.on_trend_p:.2g})"
            )
        elif self.grade == "b_cheaper":
            head = f"{b} reaches the same score{where} with {_x(m)} less compute {interval}"
        elif self.grade == "b_dearer":
            head = f"{b} needs {_x(1 / m)} more compute for the same score{where} {interval} (multiplier {_x(m)})"
        elif not self.testable or not (np.isfinite(lo) and np.isfinite(hi)):
            head = f"inconclusive: multiplier{where} {_x(m)}, but no interval can be computed" + (
                "" if self.testable else " (no stderr or question count known, and too few points)"
            )
        else:
            head = f"inconclusive: multiplier{where} {_x(m)} {interval}, an interval that includes 1x"
        if self.extrapolation_notes:
            head += "; extrapolated: " + "; ".join(self.extrapolation_notes)
        lines = [head]
        if self.on_trend is not None and self.narrow:
            lines.append(self._narrow_line())
        elif self.on_trend is None:
            lines.append(f"one line through both (is {b} on {a}'s trend?): no test possible")
        elif self.on_trend:
            line = f"one line through both (is {b} on {a}'s trend?): not rejected (p={self.on_trend_p:.2g})"
            if self.interval_grade != "inconclusive":
                line += f": the data cannot tell a shift from {b} being further along one line"
            lines.append(line)
        else:
            lines.append(f"one line through both (is {b} on {a}'s trend?): rejected (p={self.on_trend_p:.2g})")
        return lines

    def _narrow_line(self) -> str:
        """The one-line test where a series cannot carry a slope: not a finding (as the table says)."""
        if not self.narrow or self.on_trend is None:
            return ""
        names = " and ".join(self.narrow)
        return (
            f"one line through both (is {self.series_b} on {self.series_a}'s trend?): cannot tell: {names} "
            f"span{'s' if len(self.narrow) == 1 else ''} too little compute to carry a slope "
            f"(p={self.on_trend_p:.2g}, not a finding)"
        )

    def verdict(self) -> str:
        return "\n".join(self.verdict_lines())

    def as_dict(self) -> dict:
        lo, hi = self.multiplier_interval
        m, mlo, mhi = self.headline_multiplier
        return {
            "series_a": self.series_a,
            "series_b": self.series_b,
            "fit_a": {**self.fit_a.as_dict(), **({"slope_ci": self.slope_cis[0].as_dict()} if self.slope_cis else {})},
            "fit_b": {**self.fit_b.as_dict(), **({"slope_ci": self.slope_cis[1].as_dict()} if self.slope_cis else {})},
            "shared_slope": self.shared_slope,
            "efficiency_multiplier": _num(self.efficiency_multiplier),
            "efficiency_multiplier_ci": [_num(lo), _num(hi)],
            "at_score": self.at_score,
            "multiplier_at_score": _num(self.multiplier_at_score),
            "multiplier_at_score_ci": [_num(v) for v in self.multiplier_at_score_ci],
            "at_compute": self.at_compute,
            "vertical_gap": _num(self.vertical_gap),
            "vertical_gap_ci": [_num(v) for v in self.vertical_gap_ci],
            "slope_ratio": _num(self.slope_ratio),
            "slope_difference": _num(self.slope_difference),
            "slope_difference_ci": [_num(v) for v in self.slope_difference_ci],
            "slope_difference_se": _num(self.slope_difference_se),
            "slope_difference_df": _df_json(self.slope_difference_df),
            "slope_figures_read": self.slope_rows_read[0],
            "efficiency_multiplier_df": _df_json(self.multiplier_df),
            "shared_slope_reads": self.shared_slope_reads[0],
            "shared_slope_reads_text": self.shared_slope_reads[1],
            "shared_slope_p": _num(self.shared_slope_p),
            "shared_slope_test": self.shared_slope_test,
            "uncertainty": self.uncertainty,
            "multiplier": {"used": self.headline, "value": _num(m), "ci": [_num(mlo), _num(mhi)]},
            "verdict": self.grade,
            "verdict_text": self.verdict(),
            "extrapolated": self.extrapolated,
            "extrapolated_score": self.extrapolated_score,
            "extrapolated_compute": self.extrapolated_compute,
            "extrapolation_notes": list(self.extrapolation_notes),
            "reading_extrapolated": self.reading_extrapolated,
            "reading_notes": list(self.reading_notes),
            "on_trend_reads": self.on_trend_reads[0],
            "on_trend_reads_text": self.on_trend_reads[1],
            "on_trend_p": _num(self.on_trend_p),
            "on_trend_chi2": _num(self.on_trend_chi2),
            "progress": None if self.progress is None else self.progress.as_dict(),
            "notes": list(self.notes),
            "narrow": list(self.narrow),
        }


def verdict_grade(low: float, high: float) -> str:
    """The three grades from a multiplier's interval (B needs ``m`` times less compute than A):
    ``inconclusive`` whenever the interval includes 1x or is unknown (NaN)."""
    if low > 1:
        return "b_cheaper"
    if high < 1:
        return "b_dearer"
    return "inconclusive"


def _pow10(value: float) -> float:
    """``10**value`` that gives inf (or 0) instead of overflowing; NaN stays NaN."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        return float(np.power(10.0, float(value)))


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _df_json(df: float) -> float | str | None:
    """A reference dof for JSON: a number (t), "normal" (inf) or null (no interval)."""
    if df == math.inf:
        return "normal"
    return _num(df)


def _x(value: float) -> str:
    if value == math.inf:
        return "∞"
    if not np.isfinite(value):
        return "?x"
    from .numbers import multiple

    return multiple(value)


def reference_df(parts: list[tuple[float, float]]) -> float:
    """The Welch-Satterthwaite dof of a sum of independent variance estimates ``(v, df)``:
    ``(sum v)**2 / sum(v**2 / df)``; a variance taken as known (df inf) adds no uncertainty of its
    own, so inf when every part with a variance is known. One part alone keeps its own dof."""
    total = sum(v for v, _ in parts if v > 0)
    spread = sum(v * v / d for v, d in parts if v > 0 and np.isfinite(d))
    if not total > 0 or spread <= 0:
        return math.inf
    return total * total / spread


def _dof(df: float) -> str:
    return f"{df:.0f}" if abs(df - round(df)) < 0.05 else f"{df:.2f}"


def _two_sided_p(z: float, df: float) -> float:
    from scipy.special import ndtr, stdtr

    if not np.isfinite(z):
        return math.nan
    return float(2 * (ndtr(-abs(z)) if not np.isfinite(df) else stdtr(df, -abs(z))))


def _wald_p(stat: float, q: int, df: float) -> float:
    from scipy.special import chdtrc, fdtrc

    if not np.isfinite(stat):
        return math.nan
    return float(chdtrc(q, stat) if not np.isfinite(df) else fdtrc(q, df, stat / q))


def fieller(d: float, b: float, vdd: float, vbb: float, vdb: float, q: float) -> tuple[float, float]:
    """Fieller's interval for the ratio ``d/b`` of two estimates with the given (co)variances:
    every ``t`` with ``(d - t*b)**2 <= q**2 * (vdd - 2*t*vdb + t**2*vbb)``. Unbounded
    ``(-inf, inf)`` when ``b`` is not clearly away from zero."""
    aa = b * b - q * q * vbb
    bb = d * b - q * q * vdb
    cc = d * d - q * q * vdd
    disc = bb * bb - aa * cc
    if aa <= 0 or disc < 0:
        return -math.inf, math.inf
    root = math.sqrt(disc)
    return (bb - root) / aa, (bb + root) / aa


def _ols(x: np.ndarray, y: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least squares coefficients, residuals, and the sandwich covariance for point variances ``var``."""
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    cov = xtx_inv @ (x.T * var) @ x @ xtx_inv
    return beta, y - x @ beta, cov


def series_list(ds: Dataset, limit: int = 12) -> str:
    """The dataset's series, for an error that asks for one: the first ``limit`` and how many in all."""
    names = list(dict.fromkeys(ds.points["series"]))
    return ", ".join(names[:limit]) + (f", ... ({len(names)} in all)" if len(names) > limit else "")


def compare(
    ds: Dataset,
    series_a: str,
    series_b: str,
    *,
    at_score: float | None = None,
    at_compute: float | None = None,
    link: Link = "linear",
    level: float = 0.95,
    seed: int = 0,
) -> Comparison:
    from .points import point_names

    names = set(ds.points["series"])
    for name in (series_a, series_b):
        if name not in names:
            raise DataError(f"{ds.id}: no series {name!r}; series: {series_list(ds)}")
    if series_a == series_b:
        raise FitError("choose two different series to compare")
    a = ds.series_points(series_a)
    b = ds.series_points(series_b)
    a = a[a["compute"] > 0]  # NaN (unknown compute) compares False
    b = b[b["compute"] > 0]
    fits = []
    for name, pts in ((series_a, a), (series_b, b)):
        try:
            fits.append(
                fit_trend(
                    pts["compute"],
                    pts["score"],
                    stderr=pts["score_stderr"],
                    models=point_names(pts),
                    link=link,
                    floor=ds.floor,
                    ceiling=ds.ceiling,
                    min_decades=0.0,
                )
            )
        except FitError as exc:
            raise FitError(f"series {name!r}: {exc}") from None
    fit_a, fit_b = fits
    linear_a = fit_a if link == "linear" else fit_trend(a["compute"], a["score"], min_decades=0.0)
    linear_b = fit_b if link == "linear" else fit_trend(b["compute"], b["score"], min_decades=0.0)
    narrow_names = tuple(
        name for name, f in ((series_a, linear_a), (series_b, linear_b)) if f.u_max - f.u_min < MIN_DECADES
    )
    narrow = [
        f"{name}'s compute spans only {f.u_max - f.u_min:.2g} decades (under {MIN_DECADES:g}): too little to carry a slope"
        for name, f in ((series_a, linear_a), (series_b, linear_b))
        if f.u_max - f.u_min < MIN_DECADES
    ]

    u_a = np.log10(a["compute"])
    u_b = np.log10(b["compute"])
    y_a, y_b = a["score"], b["score"]
    u = np.r_[u_a, u_b]
    y = np.r_[y_a, y_b]
    is_b = np.r_[np.zeros(len(u_a)), np.ones(len(u_b))]
    sigma, how = point_sigma(
        np.r_[a["score"], b["score"]],
        np.r_[a["score_stderr"], b["score_stderr"]],
        np.r_[a["n"], b["n"]],
        ds.n_questions,
    )
    known = bool(np.all(np.isfinite(sigma)))

    # the model with separate lines: y = a_A + da*[B] + b_A*u + db*[B]*u
    n_pts = len(y)
    dof = n_pts - 4
    x4 = np.column_stack([np.ones(n_pts), is_b, u, is_b * u])
    base_var = sigma**2 if known else np.ones(n_pts)
    beta4, resid4, _ = _ols(x4, y, base_var)
    notes: list[str] = []
    in_a = np.r_[np.ones(len(a), bool), np.zeros(len(b), bool)]
    if known:
        # every error known: each series' scatter read as `fit` reads it (its own residuals and
        # dof: engine/uncertainty.dispersion), so each slope has fit's interval; a figure of both
        # series is then read with t at the Welch-Satterthwaite dof of its two variances
        each = [dispersion(resid4[m], sigma[m], int(m.sum()) - 2) for m in (in_a, ~in_a)]
        disp = each[0]
        phi = float(np.where(in_a, each[0].phi, each[1].phi).mean())
        series_df = (each[0].df, each[1].df)
        if each[0].text == each[1].text:
            scatter_text = "each series: " + each[0].text
        else:
            scatter_text = f"{series_a}: {each[0].text}; {series_b}: {each[1].text}"
        if any(np.isfinite(d) for d in series_df):
            scatter_text += "; a figure of both series: t at the Welch-Satterthwaite dof of their two variances"
        uncertainty = "; ".join(how) + "; " + scatter_text
        var = base_var * np.where(in_a, each[0].phi, each[1].phi)
    else:
        # some error unknown: the residuals are the only scale, pooled over both series (the
        # classical interaction t-test: one residual variance, t with n - 4 dof)
        disp = dispersion(resid4, np.full(n_pts, np.nan), dof)
        phi = disp.phi
        series_df = (disp.df, disp.df)
        if disp.testable:
            uncertainty = (
                "; ".join(h for h in how if not h.startswith("nothing")) + "; " if len(how) > 1 else ""
            ) + disp.text
        else:
            uncertainty = (
                "no stderr or question count on every point, and too few points to estimate the scatter "
                f"({n_pts} points, 4 parameters): no test is possible"
            )
        var = base_var * phi if disp.testable else np.full(n_pts, np.nan)
    testable = bool(np.isfinite(phi)) and phi > 0
    if testable:
        _, _, cov4 = _ols(x4, y, var)
        parts4 = (_ols(x4, y, np.where(in_a, var, 0.0))[2], _ols(x4, y, np.where(in_a, 0.0, var))[2])
    else:
        cov4 = np.full((4, 4), np.nan)
        parts4 = (cov4, cov4)
    pooled = not known

    def ref_df(c, parts) -> float:
        """The reference dof of the linear figure ``c @ beta`` (see :func:`reference_df`)."""
        if pooled:
            return disp.df
        return reference_df([(float(c @ p @ c), d) for p, d in zip(parts, series_df)])

    # one shared slope?
    slope_diff = float(beta4[3])
    se_diff = float(np.sqrt(cov4[3, 3])) if testable else math.nan
    df = ref_df(np.array([0.0, 0.0, 0.0, 1.0]), parts4) if testable else math.nan
    q = quantile(level, df) if testable else math.nan
    z = slope_diff / se_diff if testable and se_diff > 0 else math.nan
    shared_p = _two_sided_p(z, df)
    stat_name = "z" if not np.isfinite(df) else f"t({_dof(df)})"
    shared_test = (
        f"Wald test on the slope difference: {stat_name} = {z:.3g}, p = {shared_p:.3g}"
        if np.isfinite(shared_p)
        else "no test possible"
    )
    slope_ci = (slope_diff - q * se_diff, slope_diff + q * se_diff) if testable else (math.nan, math.nan)

    # shared-slope fit: y = a + d*[B] + b*u; B needs 10**(d/b) times less compute
    x3 = np.column_stack([np.ones(n_pts), is_b, u])
    beta3, _, cov3 = _ols(x3, y, var if testable else base_var)
    _, delta, slope = (float(v) for v in beta3)
    log_m = delta / slope if slope != 0 else math.nan
    if testable and slope != 0:
        grad = np.array([0.0, 1 / slope, -delta / slope**2])
        log_m_se = float(np.sqrt(grad @ cov3 @ grad))
        parts3 = (_ols(x3, y, np.where(in_a, var, 0.0))[2], _ols(x3, y, np.where(in_a, 0.0, var))[2])
        # Fieller's q: the dof of d - m*b at the estimate m (the figure whose sign the interval inverts)
        m_df = ref_df(np.array([0.0, 1.0, -log_m]), parts3)
        m_ci = fieller(delta, slope, cov3[1, 1], cov3[2, 2], cov3[1, 2], quantile(level, m_df))
    else:
        log_m_se, m_ci, m_df = math.nan, (math.nan, math.nan), math.nan

    # one line through both (B on A's trend): da = db = 0
    if testable:
        r = beta4[[1, 3]]
        rc = cov4[np.ix_([1, 3], [1, 3])]
        try:
            direction = np.linalg.solve(rc, r)
            chi2 = float(r @ direction)
        except np.linalg.LinAlgError:
            chi2, direction = math.nan, np.zeros(2)
        # the Wald statistic is the squared t of the figure direction @ (da, db): its dof
        on_df = ref_df(np.array([0.0, direction[0], 0.0, direction[1]]), parts4)
        on_p = _wald_p(chi2, 2, on_df)
    else:
        chi2, on_p = math.nan, math.nan

    # where the two series were observed
    score_lo = max(y_a.min(), y_b.min())
    score_hi = min(y_a.max(), y_b.max())
    comp_lo, comp_hi = max(u_a.min(), u_b.min()), min(u_a.max(), u_b.max())
    score_overlap = bool(score_lo <= score_hi)
    compute_overlap = bool(comp_lo <= comp_hi)
    if at_score is None:
        at_score = float((score_lo + score_hi) / 2)  # the middle of the overlap, or of the gap
    if at_compute is None:
        at_compute = float(10 ** ((comp_lo + comp_hi) / 2))
    at_u = math.log10(at_compute) if at_compute > 0 else math.nan
    extrap_notes = []
    for name, ys in ((series_a, y_a), (series_b, y_b)):
        if not (ys.min() - 1e-9 <= at_score <= ys.max() + 1e-9):
            extrap_notes.append(f"{at_score:.1f}% outside {name}'s scores ({ys.min():.1f}-{ys.max():.1f}%)")
    extrap_score = bool(extrap_notes)
    for name, us in ((series_a, u_a), (series_b, u_b)):
        if not (us.min() - 1e-9 <= at_u <= us.max() + 1e-9):
            extrap_notes.append(
                f"compute {at_compute:.4g} outside {name}'s range ({10 ** us.min():.4g}-{10 ** us.max():.4g})"
            )
    extrap_compute = any(n.startswith("compute ") for n in extrap_notes)
    # the verdict's reading: the score it is read at must lie inside both series' observed scores
    # (then each series' own points reached it, at computes it observed). Where a fitted line
    # reaches that score outside its series' computes (a noisy fit), it is said, not graded: the
    # multiplier's interval carries that noise (calibration.py: grading it cost power, no errors)
    reading_notes = [n for n in extrap_notes if not n.startswith("compute ")]
    if not reading_notes:
        for name, us, (ai, bi) in (
            (series_a, u_a, (beta4[0], beta4[2])),
            (series_b, u_b, (beta4[0] + beta4[1], beta4[2] + beta4[3])),
        ):
            u_at = (at_score - ai) / bi if bi != 0 else math.nan
            if not (us.min() - 1e-9 <= u_at <= us.max() + 1e-9):
                where = f"compute {_pow10(u_at):.4g}" if np.isfinite(u_at) else "no compute (flat trend)"
                extrap_notes.append(
                    f"{name}'s fitted trend reaches {at_score:.1f}% at {where}, outside its observed compute "
                    f"({10 ** us.min():.4g}-{10 ** us.max():.4g})"
                )

    # the multiplier at one score, from the separate fits
    a_a, b_a = beta4[0], beta4[2]
    a_b, b_b = beta4[0] + beta4[1], beta4[2] + beta4[3]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_m_at = (at_score - a_a) / b_a - (at_score - a_b) / b_b
    mult_at = _pow10(log_m_at)
    sim = (parts4, series_df) if not pooled else (cov4, disp.df)
    draws: dict = {}
    mult_at_ci = _simulated_ci(beta4, sim, at_score, level, seed, draws) if testable else (math.nan, math.nan)

    gap = float((a_b + b_b * at_u) - (a_a + b_a * at_u))
    if testable:
        xg = np.array([0.0, 1.0, 0.0, at_u])
        se_gap = float(np.sqrt(xg @ cov4 @ xg))
        q_gap = quantile(level, ref_df(xg, parts4))
        gap_ci = (gap - q_gap * se_gap, gap + q_gap * se_gap)
    else:
        gap_ci = (math.nan, math.nan)

    shared_ok = None if not np.isfinite(shared_p) else shared_p >= ALPHA
    # the shared-slope multiplier reads a slope: where a series is too narrow to carry one, the
    # table says "cannot tell" of it, so the verdict reads the separate fits at one score instead
    headline = "shared" if shared_ok and not narrow_names else "at_score"

    comparison = Comparison(
        series_a=series_a,
        series_b=series_b,
        fit_a=fit_a,
        fit_b=fit_b,
        shared_slope=float(slope),
        log10_multiplier=float(log_m),
        log10_multiplier_se=log_m_se,
        at_score=float(at_score),
        multiplier_at_score=mult_at,
        at_compute=float(at_compute),
        vertical_gap=gap,
        slope_ratio=linear_b.slope_per_decade / linear_a.slope_per_decade if linear_a.slope_per_decade else math.nan,
        on_trend_chi2=chi2,
        on_trend_dof=2,
        on_trend_p=on_p,
        level=level,
        multiplier_ci=(float(m_ci[0]), float(m_ci[1])),
        multiplier_at_score_ci=mult_at_ci,
        vertical_gap_ci=(float(gap_ci[0]), float(gap_ci[1])),
        slope_difference=slope_diff,
        slope_difference_ci=(float(slope_ci[0]), float(slope_ci[1])),
        slope_difference_se=se_diff,
        slope_difference_df=df,
        multiplier_df=m_df,
        shared_slope_p=shared_p,
        shared_slope_test=shared_test,
        uncertainty=uncertainty,
        headline=headline,
        extrapolated_score=extrap_score,
        extrapolated_compute=extrap_compute,
        extrapolation_notes=tuple(extrap_notes),
        score_overlap=score_overlap,
        compute_overlap=compute_overlap,
        reading_extrapolated=bool(reading_notes),
        reading_notes=tuple(reading_notes),
        testable=testable,
        notes=tuple(notes + narrow) + source_notes(ds.points, series_a, series_b),
        narrow=narrow_names,
        slope_cis=(
            tuple(slope_interval(uu, yy, ss) for uu, yy, ss in ((u_a, y_a, sigma[in_a]), (u_b, y_b, sigma[~in_a])))
            if link == "linear"
            else ()
        ),
    )
    ends = None
    if testable and score_overlap:
        ends = [_simulated_ci(beta4, sim, s_end, level, seed, draws) for s_end in (score_lo, score_hi)]
    progress = _progress(ds, comparison, a, b, sigma[: len(a)], sigma[len(a) :], level, ends)
    from dataclasses import replace

    return replace(comparison, progress=progress)


def _simulated_ci(beta, sim, score, level, seed, cache: dict | None = None) -> tuple[float, float]:
    """Interval of the multiplier at ``score`` from the separate fits, by simulating the four
    coefficients. ``sim`` is ``(cov, df)`` (one pooled residual scale: multivariate normal, or t
    with ``df``) or ``((cov_a, cov_b), (df_a, df_b))``: each series' own share of the covariance
    with its own dof, drawn independently (each line as ``fit`` reads it). Unbounded ``(0, inf)``
    when either slope's sign is uncertain at this level (the trend may never reach the score).
    The draws depend on ``beta``, ``sim`` and ``seed`` only: ``cache`` keeps them for the next
    score of the same comparison (the same numbers as drawing them again)."""
    draws = None if cache is None else cache.get("draws")
    if draws is None:
        draws = _coefficient_draws(beta, sim, seed)
        if cache is not None:
            cache["draws"] = draws
    if draws is False:
        return math.nan, math.nan
    aa, ba = draws[:, 0], draws[:, 2]
    ab, bb = draws[:, 0] + draws[:, 1], draws[:, 2] + draws[:, 3]
    sign_a, sign_b = np.sign(beta[2]), np.sign(beta[2] + beta[3])
    flipped = (np.sign(ba) != sign_a) | (np.sign(bb) != sign_b)
    tail = (1 - level) / 2
    if sign_a == 0 or sign_b == 0 or flipped.mean() > tail:
        return 0.0, math.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        log_m = (score - aa) / ba - (score - ab) / bb
    log_m = log_m[~flipped & np.isfinite(log_m)]
    if log_m.size == 0:
        return math.nan, math.nan
    lo, hi = np.quantile(log_m, [tail, 1 - tail])
    return _pow10(lo), _pow10(hi)


def _coefficient_draws(beta, sim, seed):
    """The simulated coefficients of :func:`_simulated_ci` (``N_SIM`` x 4), or False when the
    covariance cannot be drawn from."""
    rng = np.random.default_rng(seed)
    cov, df = sim
    try:
        if isinstance(df, tuple):
            return np.array(beta, float) + sum(
                rng.multivariate_normal(np.zeros(4), c, size=N_SIM, method="svd")
                * (np.sqrt(d / rng.chisquare(d, size=N_SIM))[:, None] if np.isfinite(d) else 1.0)
                for c, d in zip(cov, df)
            )
        draws = rng.multivariate_normal(beta, cov, size=N_SIM, method="svd")
    except (np.linalg.LinAlgError, ValueError):
        return False
    if np.isfinite(df):
        scale = np.sqrt(df / rng.chisquare(df, size=N_SIM))
        draws = beta + (draws - beta) * scale[:, None]
    return draws


def _finding(low: float, high: float, none: float) -> str:
    """``b_better`` / ``b_worse`` when the interval lies on one side of ``none``; otherwise
    ``cannot_tell``: an interval that includes no change does not show there is none."""
    if np.isnan(low) or np.isnan(high):
        return "cannot_tell"
    if low > none:
        return "b_better"
    if high < none:
        return "b_worse"
    return "cannot_tell"


INCLUDES_NONE = "the interval includes no change, which does not show there is none"


def _kind(kind: str, est: float, low: float, high: float, none: float, note: str = "") -> ProgressKind:
    finding = _finding(low, high, none)
    if finding == "cannot_tell" and not note:
        note = INCLUDES_NONE if np.isfinite(low) and np.isfinite(high) else "no interval can be computed"
    return ProgressKind(kind, est, low, high, finding, note)


def _progress(ds: Dataset, c: Comparison, a, b, sig_a, sig_b, level, ends=None) -> Progress:
    untestable = "no stderr or question count known, and too few points to estimate the scatter"
    gap = "the two series never overlap in score" + ("" if c.compute_overlap else " or compute")

    # shift left: the shared-slope multiplier, meaningful where both series reached the same scores
    m, lo, hi = c.efficiency_multiplier, *c.multiplier_interval
    if not c.testable:
        shift = ProgressKind("shift", m, lo, hi, "cannot_tell", untestable)
    elif not c.score_overlap:
        shift = ProgressKind(
            "shift",
            m,
            lo,
            hi,
            "cannot_tell",
            gap + ": a shift left cannot be told from a different slope across the gap",
        )
    elif c.narrow:
        # a constant saving is the shared-slope multiplier, which the table says "cannot tell" of
        shift = ProgressKind(
            "shift",
            m,
            lo,
            hi,
            "cannot_tell",
            "; ".join(n for n in c.notes if "carry a slope" in n) + ": a constant saving across scores cannot be told",
        )
    elif c.shared_slope_ok is False:
        shift = ProgressKind(
            "shift",
            m,
            lo,
            hi,
            "cannot_tell",
            f"the slopes differ (p={c.shared_slope_p:.2g}): the saving is not one factor but changes with the score",
        )
    else:
        # a constant saving must hold at every score both series reached: the multiplier from the
        # separate fits at both ends of the shared scores must lie on the same side of 1x
        # (an intersection-union test: each end at the 5% level, the pair at 5% too)
        (lo1, hi1), (lo2, hi2) = ends if ends is not None else ((math.nan, math.nan), (math.nan, math.nan))
        if lo1 > 1 and lo2 > 1:
            finding = "b_better"
        elif hi1 < 1 and hi2 < 1:
            finding = "b_worse"
        else:
            finding = "cannot_tell"
        both = f"at both ends of the shared scores: [{_x(lo1)}, {_x(hi1)}] and [{_x(lo2)}, {_x(hi2)}]"
        note = (
            both
            if finding != "cannot_tell"
            else "the saving is not shown on one side of 1x at every score both series reached (" + both + ")"
        )
        if c.shared_slope_ok:
            note += f"; the slopes cannot be told apart (p={c.shared_slope_p:.2g}), which does not show them equal"
        shift = ProgressKind("shift", m, lo, hi, finding, note)

    # steeper slope: the slope difference, meaningful where both series cover the same scores
    d, (dlo, dhi) = c.slope_difference, c.slope_difference_ci
    if not c.testable:
        slope = ProgressKind("slope", d, dlo, dhi, "cannot_tell", untestable)
    elif not c.score_overlap:
        slope = ProgressKind(
            "slope",
            d,
            dlo,
            dhi,
            "cannot_tell",
            gap + ": on an S-shaped curve the slope changes with the score alone",
        )
    elif c.notes and any("too little to carry a slope" in n for n in c.notes):
        slope = ProgressKind("slope", d, dlo, dhi, "cannot_tell", "; ".join(n for n in c.notes if "carry a slope" in n))
    else:
        slope = _kind("slope", d, dlo, dhi, 0.0)

    plateau = _plateau(ds, c, a, b, sig_a, sig_b, level)
    return Progress(shift, slope, plateau)


def _plateau(ds, c: Comparison, a, b, sig_a, sig_b, level) -> ProgressKind:
    """Difference of the ceilings of logistic fits with a free ceiling (floor = chance level)."""
    from scipy.special import ndtri

    ceilings = []
    for name, pts, sig in ((c.series_a, a, sig_a), (c.series_b, b, sig_b)):
        est, se, why = logistic_ceiling(np.log10(pts["compute"]), pts["score"], sig, ds.floor, ds.ceiling)
        if why:
            return ProgressKind("plateau", math.nan, math.nan, math.nan, "cannot_tell", f"{name}: {why}")
        ceilings.append((est, se))
    (ca, sa), (cb, sb) = ceilings
    diff = cb - ca
    half = float(ndtri(0.5 + level / 2)) * math.sqrt(sa**2 + sb**2)
    return _kind("plateau", diff, diff - half, diff + half, 0.0)


BEND = 0.75  # a ceiling is read only from a series whose points reach 75% of the way up to it


def logistic_ceiling(u, y, sigma, floor: float, ceiling: float) -> tuple[float, float, str]:
    """Fit ``floor + (c - floor)*expit(k*(u - u0))`` with a free ceiling ``c``; return ``c``, its
    standard error and an empty reason, or NaNs and why the ceiling is not identified."""
    n = len(u)
    if n < 4:
        return math.nan, math.nan, f"ceiling not identified: {n} points (a free ceiling needs 4 or more)"
    from scipy.optimize import least_squares  # imported only when a fit is possible (costs ~1 s of CPU)
    from scipy.special import expit

    known = bool(np.all(np.isfinite(sigma)))
    w = 1 / sigma if known else np.ones(n)
    centre = float(np.mean(u))
    z = u - centre

    def resid(theta):
        u0, k, c = theta
        return (floor + (c - floor) * expit(k * (z - u0)) - y) * w

    top = float(np.max(y))
    lower = [z.min() - 5, 1e-6, floor + 1e-6]
    upper = [z.max() + 5, 50.0, ceiling]
    start = [0.0, 1.0, min(ceiling - 1e-3, max(top + 1.0, floor + 1e-3))]
    res = least_squares(resid, start, bounds=(lower, upper), method="trf", max_nfev=4000)
    u0, k, c = res.x
    if not res.success or np.isclose(c, ceiling, atol=1e-3) or np.isclose(k, upper[1], atol=1e-3):
        return math.nan, math.nan, "ceiling not identified: the points do not bend below the top of the scale"
    if np.any(np.isclose(res.x, lower, atol=1e-6)) or np.isclose(u0, upper[0], atol=1e-6):
        return math.nan, math.nan, "ceiling not identified: the fit ends on a bound"
    dof = n - 3
    chi2 = float(np.sum(res.fun**2))
    scale = max(1.0, chi2 / dof) if known else chi2 / dof
    try:
        cov = np.linalg.inv(res.jac.T @ res.jac) * scale
    except np.linalg.LinAlgError:
        return math.nan, math.nan, "ceiling not identified: the fit's curvature is singular"
    if not cov[2, 2] > 0:  # a curvature so flat (or rounding so bad) the inverse is not a covariance
        return math.nan, math.nan, "ceiling not identified: the fit's curvature is singular"
    se = float(np.sqrt(cov[2, 2]))
    reached = (float(np.max(y)) - floor) / (c - floor) if c > floor else math.nan
    if not reached >= BEND:
        return (
            math.nan,
            math.nan,
            f"ceiling not identified: the highest point is {reached:.0%} of the way from the floor to the fitted "
            f"ceiling, short of the bend ({BEND:.0%}); a curve seen below its bend does not show its plateau",
        )
    if not np.isfinite(se) or se > (ceiling - floor):
        return math.nan, math.nan, "ceiling not identified: its uncertainty spans the whole scale"
    return float(c), se, ""
