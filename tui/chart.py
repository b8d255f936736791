"""Draw a dataset, its trend and its decomposition on a plotext figure.

One drawing function serves the command line (``scalescope plot``: the plotext module) and the
app (each chart widget's own ``.plt``). The log axis is drawn by hand: x is plotted as
log10(compute) on a linear axis with decade ticks, because plotext's own log scale re-takes the
log on every redraw (upstream bug #209) and points vanish after a resize.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING

import numpy as np

from scalescope.engine._frozen import frozen
from scalescope.engine.dataset import Dataset
from scalescope.engine.decompose import Decomposition
from scalescope.engine.downsample import cell_extremes
from scalescope.engine.fit import TrendFit
from scalescope.engine.frontier import Frontier
from scalescope.engine.points import Points
from scalescope.engine.ticks import decade_ticks, nice_ticks

from .text import literal_join, printable

if TYPE_CHECKING:
    from rich.text import Text

    from scalescope.engine.compare import Comparison  # imported when comparing (not in the first frame)


def cell_len(text: str) -> int:
    """The terminal cells ``text`` takes (rich's measure, imported when a legend is measured:
    ``scalescope plot`` draws without rich, ~10 ms of its start)."""
    from rich.cells import cell_len as cells

    return cells(text)


PALETTE = ("blue+", "cyan", "magenta", "yellow", "green+", "red+")
BASE_COLOR = "orange"
MARKERS = ("●", "▲", "■", "✚", "★", "▼")
BASE_MARKER = "◆"
OTHER_COLOR = "gray"
# the decomposition's two segments differ by glyph as well as colour (solid RL, dashed
# inference): the meaning survives NO_COLOR, 16-colour terminals and colour blindness. RGB values
# that a 16-colour terminal maps to red and green (plotext's "red" came out magenta there).
RL_COLOR = (0, 190, 0)
INFERENCE_COLOR = (230, 0, 0)
RL_MARKER = "┃"
INFERENCE_MARKER = "┆"
GAP_MARKER = "─"
OFFSET_COLOR = "orange"
FRONTIER_COLOR = "white"
FRONTIER_MARKER = "•"  # not braille: trend lines are braille, and the legend tells them apart by marker
TREND_GLYPH = "⠤"  # trend lines are braille dots
ERROR_MARKER = "│"  # error bars; the border legend separates its entries with spaces, never with this
MAX_LABEL = 26
LEGEND_MIN = (90, 22)  # below this size (cells) plotext's legend box would hide the points


@frozen
class ChartSpec:
    """What to draw: the engine's results plus the view switches. No computation happens here."""

    dataset: Dataset
    log_x: bool = True
    highlighted: tuple[str, ...] = ()  # series drawn in colour with a legend entry
    hidden: frozenset[str] = field(default_factory=frozenset)  # series not drawn at all
    trends: tuple[tuple[str, TrendFit], ...] = ()  # (series, fit) lines to draw
    decomposition: Decomposition | None = None
    comparison: Comparison | None = None
    frontier: Frontier | None = None  # drawn as a rising step line when given
    title: str | None = None  # None: the dataset's title; "": no title (the app shows it on the border)
    legend: bool = True  # plotext's legend inside the plot; off on small charts (the border has one)
    monochrome: bool = False  # NO_COLOR: every mark in the foreground colour (glyphs carry the meaning)
    size: tuple[int, int] | None = None  # the plot's (width, height) in cells: room is kept for the legend


def _short(text: str, limit: int = MAX_LABEL) -> str:
    """A label from data for the plot: control characters made visible (tui/text.py), then cut."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fit_x_label(label: str, spec: ChartSpec, y_labels) -> str:
    """The x label cut to the plot's width: plotext leaves the row blank for a label wider than
    the plot (x in dollars at 80 columns). Asides in parentheses go first, then the scale, then
    the end of the text ('…')."""
    label = printable(label)
    if spec.size is None:
        return label
    room = max(10, spec.size[0] - 2 - max((len(y) for y in y_labels), default=4))  # y labels, axis
    if len(label) <= room:
        return label
    body, scale = label, ""
    if label.endswith(" scale)") and " (" in label:
        cut = label.rindex(" (")
        body, scale = label[:cut], label[cut:]
    plain = ""
    depth = 0
    for ch in body:  # without its asides: "tokens (thinking included), priced" -> "tokens, priced"
        depth += ch == "("
        if not depth:
            plain += ch
        depth -= ch == ")" and depth > 0
    plain = " ".join(plain.replace(" ,", ",").split())
    for text in (plain + scale, plain):
        if len(text) <= room:
            return text
    return plain[: room - 1] + "…"


def default_highlight(ds: Dataset, limit: int = len(PALETTE)) -> tuple[str, ...]:
    """The series to colour by default: the decomposition's, then the series with most points."""
    chosen: list[str] = []
    for series in ds.points["series"][ds.points["role"] != ""]:
        if series not in chosen:
            chosen.append(series)
    if ds.reasoning and ds.reasoning not in chosen and ds.reasoning in set(ds.points["series"]):
        chosen.append(ds.reasoning)
    known = ds.points[~np.isnan(ds.points["compute"])]
    counted = {series: len(rows) for series, rows in known.groups("series").items()}
    sizes = sorted(counted.items(), key=lambda item: -item[1])  # stable: ties keep first-seen order
    for series, size in sizes:
        if len(chosen) >= limit:
            break
        if series not in chosen and (size >= 2 or len(sizes) <= limit):
            chosen.append(series)
    return tuple(chosen[:limit])


def draw_chart(plt, spec: ChartSpec) -> None:
    """Draw ``spec`` on ``plt`` (the plotext module, or a PlotextPlot widget's ``.plt``)."""
    plt.clear_data()
    plt.title("")  # clear_data keeps the title: an earlier dataset's (or its "no points" note) stayed
    # every label off on a small chart (the legend box would hide the points); every colour off
    # under NO_COLOR (a terminal turns colours into greys that vanish on a dark background)
    plt = _Unlabelled(plt, drop_labels=not spec.legend, monochrome=spec.monochrome)
    ds = spec.dataset
    rows = drawn_rows(spec)
    pts = rows.pts
    if not rows.count:
        plt.title(_short(spec.title or ds.title, 80) + " (no points with a known compute)")
        return
    highlighted = rows.highlighted

    def tx(compute):
        compute = np.asarray(compute, dtype=float)
        return np.log10(compute) if spec.log_x else compute

    # draw order: background points, trend lines, decomposition segments, then the highlighted
    # points on top so that no line hides them
    axes = chart_axes(spec, pts)
    if not highlighted.all():
        ox, oy = _thinned(axes, tx(pts["compute"][~highlighted]), pts["score"][~highlighted], grid=thin_grid(spec))
        plt.scatter(
            list(ox),
            list(oy),
            marker="·",
            color=OTHER_COLOR,
            label=f"other models ({rows.other_series})",
        )

    for series, fit in spec.trends:
        u = _trend_grid(spec, series, fit)
        i = spec.highlighted.index(series) if series in spec.highlighted else 0
        name = "trend" if fit.link == "linear" else "logistic"
        plt.plot(
            list(10**u if not spec.log_x else u),
            list(fit.predict_u(u)),
            marker="braille",
            color=PALETTE[i % len(PALETTE)],
            # one legend entry for all trend lines: each line has its series' colour
            label=trend_label(spec, f"{name} lines") if series == spec.trends[0][0] else None,
        )

    d = spec.decomposition
    if d is not None:
        # one column right of the base model's marker (which would hide the RL segment's lower
        # end, and all of it when the boost is under a row: MATH and GPQA at 80x24); the RL
        # segment is drawn last, so it shows as at least one cell
        xb = float(tx(d.base_compute)) + column_width(spec, axes)
        top = d.trend_at_top if d.top == "fit" else d.top_score
        plt.plot(
            [xb, xb],
            [d.trend_at_base, top],
            marker=INFERENCE_MARKER,
            color=INFERENCE_COLOR,
            label=f"inference {d.inference_boost:+.1f}",
        )
        plt.plot(
            [xb, xb],
            [d.base_score, d.trend_at_base],
            marker=RL_MARKER,
            color=RL_COLOR,
            label=f"RL boost {d.rl_boost:+.1f}",
        )

    gap = comparison_gap(spec)
    if gap is not None:  # Ord's horizontal reading: the compute gap between the two drawn trends
        plt.plot(
            list(tx([gap.compute_b, gap.compute_a])),
            [gap.score, gap.score],
            marker=GAP_MARKER,
            color=OFFSET_COLOR,
            label=f"gap at {gap.score:.0f}%: {gap.multiple:.3g}x compute"
            + (" (extrapolated)" if gap.extrapolated else ""),
        )

    f = spec.frontier
    if f is not None and f.points:  # along at the old score, then up: no point beats it on both
        xs, ys = f.steps
        plt.plot(
            list(tx(xs)),
            ys,
            marker=FRONTIER_MARKER,
            color=FRONTIER_COLOR,
            label=f"frontier ({len(f.points)} points)",
        )

    drew_bars = False
    for i, series in enumerate(spec.highlighted):
        drawn = rows.series_rows[i]
        if not len(drawn):
            continue
        color, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        x, y, se = _thinned(
            axes, tx(pts["compute"][drawn]), pts["score"][drawn], pts["score_stderr"][drawn], grid=thin_grid(spec)
        )
        x, y = list(x), list(y)
        bars = error_bars(spec, axes, se)
        if bars.any():
            plt.error(
                [v for v, keep in zip(x, bars) if keep],
                [v for v, keep in zip(y, bars) if keep],
                yerr=[float(v) for v, keep in zip(se, bars) if keep],
                color=color,
                label=None if drew_bars else f"{ERROR_MARKER} ±1 stderr",
            )
            drew_bars = True
        plt.scatter(x, y, marker=marker, color=color, label=_short(series))

    if d is not None:
        plt.scatter(
            [float(tx(d.base_compute))],
            [d.base_score],
            marker=BASE_MARKER,
            color=BASE_COLOR,
            label=_short("base: " + d.base_model),
        )

    plt.xlim(*axes.x_range)
    plt.xticks(list(axes.x_ticks), list(axes.x_labels))
    plt.xlabel(_fit_x_label(axes.x_label, spec, axes.y_labels))
    plt.ylim(*_legend_headroom(spec, axes.y_range, plt.labels))
    plt.yticks(list(axes.y_ticks), list(axes.y_labels))
    if spec.title != "":  # cut to the chart's width: plotext drops a title wider than the plot
        room = 90 if spec.size is None else max(10, min(90, spec.size[0] - 6))
        plt.title(_short(spec.title or ds.title, room))


@frozen
class DrawnRows:
    """What a chart takes from its dataset for one choice of series (hidden, highlighted) and base
    model: none of it depends on the x axis or the size, so `l` and a resize reuse it."""

    pts: dict  # the columns drawn, of the visible rows (a known compute, series not hidden)
    count: int  # visible rows
    highlighted: np.ndarray  # of the visible rows: in a highlighted series
    other_series: int  # series among the rows not highlighted
    series_rows: tuple  # per highlighted series: its visible rows, the base model's point left out


_DRAWN_ROWS: dict[tuple, tuple[Dataset, DrawnRows]] = {}
_DRAWN_ROWS_KEPT = 4


def drawn_rows(spec: ChartSpec) -> DrawnRows:
    """The rows ``draw_chart`` draws (kept for the last few datasets and choices of series: the
    very dataset object, so a file read again is looked at again)."""
    ds = spec.dataset
    base_model = spec.decomposition.base_model if spec.decomposition else None
    key = (id(ds), spec.hidden, spec.highlighted, base_model)
    kept = _DRAWN_ROWS.get(key)
    if kept is not None and kept[0] is ds:
        return kept[1]
    visible = visible_rows(spec)
    # the columns drawn, not the whole table (100k rows: each column taken once)
    pts = {c: ds.points[c][visible] for c in ("compute", "score", "score_stderr", "model")}
    codes = ds.series_codes[visible]
    highlighted = ds.in_series(spec.highlighted)[visible]  # integer masks: 100k rows, no string compares
    others = codes[~highlighted]
    series_rows = []
    for series in spec.highlighted:
        rows = np.flatnonzero(ds.in_series([series])[visible])
        if base_model is not None:
            rows = rows[pts["model"][rows] != base_model]
        series_rows.append(rows)
    found = DrawnRows(
        pts=pts,
        count=len(codes),
        highlighted=highlighted,
        other_series=int(np.count_nonzero(np.bincount(others))) if len(others) else 0,
        series_rows=tuple(series_rows),
    )
    while len(_DRAWN_ROWS) >= _DRAWN_ROWS_KEPT:
        del _DRAWN_ROWS[next(iter(_DRAWN_ROWS))]
    _DRAWN_ROWS[key] = (ds, found)
    return found


THIN_GRID = (200, 60)  # cells when the chart's size is not known
THIN_ABOVE = 2_000


def thin_grid(spec: ChartSpec) -> tuple[int, int]:
    """One grid cell per character cell of the whole chart (the plot area is smaller, so a grid
    cell is never larger than a character there): keeping each cell's lowest and highest point
    keeps every character that shows a point, at most 2 points per character."""
    if spec.size is None or min(spec.size) < 8:  # not laid out yet (0 x 0), or unknown
        return THIN_GRID
    return spec.size


def _thinned(axes, x, *columns, grid: tuple[int, int] = THIN_GRID):
    """Large point sets cut to each grid cell's lowest and highest point (engine.downsample):
    the chart looks the same, and plotext draws a few points per character cell, not 100k."""
    x = np.asarray(x, dtype=float)
    if len(x) <= THIN_ABOVE:
        return (x, *columns)
    keep = cell_extremes(x, columns[0], axes.x_range, axes.y_range, *grid)
    return (x[keep], *(np.asarray(c)[keep] for c in columns))


def plot_rows(spec: ChartSpec) -> int | None:
    """Character rows of the plot area (inside the frame, above the x ticks and label), or None
    when the chart's size is not known."""
    if spec.size is None or spec.size[1] < 8:
        return None
    return max(1, spec.size[1] - 4 - (1 if spec.title != "" else 0))


def column_width(spec: ChartSpec, axes: ChartAxes) -> float:
    """x (in plot coordinates) one character column spans; 0 when the size is not known."""
    if spec.size is None or spec.size[0] < 20:
        return 0.0
    cols = max(1, spec.size[0] - 7)  # y tick labels and the frame
    lo, hi = axes.x_range
    return (hi - lo) / cols


def row_height(spec: ChartSpec, axes: ChartAxes) -> float:
    """Score (percentage points) one character row spans; 0 when the size is not known."""
    rows = plot_rows(spec)
    if rows is None:
        return 0.0
    lo, hi = axes.y_range
    return (hi - lo) / rows


def error_bars(spec: ChartSpec, axes: ChartAxes, stderr) -> np.ndarray:
    """Which points get an error bar: a known stderr that reaches at least a whole row beyond the
    marker, so that the bar drawn touches its marker (a shorter one would land, rounded, as a
    lone ``│`` a row away, or not at all)."""
    se = np.asarray(stderr, dtype=float)
    return np.isfinite(se) & (se > 0) & (se >= row_height(spec, axes))


def _legend_headroom(spec: ChartSpec, y_range: tuple[float, float], labels: int) -> tuple[float, float]:
    """The y range with empty rows on top for plotext's legend (it sits in the top-left corner),
    so that it never covers a point or the top of the inference bar. The ticks stay as they were."""
    if not spec.legend or not labels or spec.size is None:
        return y_range
    rows = spec.size[1] - 4 - (1 if spec.title != "" else 0)  # frame, x ticks, x label, title
    need = labels + 1
    if rows - need < 6:
        return y_range
    lo, hi = y_range
    return lo, lo + (hi - lo) * rows / (rows - need)


def _trend_grid(spec: ChartSpec, series: str, fit: TrendFit, n: int = 60) -> np.ndarray:
    """log10(compute) values a trend line is drawn at: its fitted range, reaching back to the base
    model when the line is the decomposition's trend, and to the comparison gap's end on it (so
    that the gap line always starts and ends on a drawn trend)."""
    lo, hi = fit.u_min, fit.u_max
    if spec.decomposition and series == spec.decomposition.reasoning_series:
        lo = min(lo, float(np.log10(spec.decomposition.base_compute)))
    gap = comparison_gap(spec)
    if gap is not None and series in (gap.series_a, gap.series_b):
        end = float(np.log10(gap.compute_a if series == gap.series_a else gap.compute_b))
        lo, hi = min(lo, end), max(hi, end)
    return np.linspace(lo, hi, n)


@frozen
class GapLine:
    """Ord's horizontal reading of a comparison, as drawn: at ``score``, series A's trend reaches
    it at ``compute_a`` and B's at ``compute_b``; ``multiple`` = compute_a / compute_b (above 1:
    B needs that many times less compute). Both ends lie on the trend lines the chart draws."""

    series_a: str
    series_b: str
    score: float
    compute_a: float
    compute_b: float
    multiple: float
    extrapolated: bool

    @property
    def label(self) -> str:
        """The gap in words (the summary's "multiplier at X %")."""
        from .report import multiple_text

        at = f"{self.score:.1f}%"
        a, b = _short(self.series_a, 40), _short(self.series_b, 40)
        if self.multiple >= 1:
            words = f"{b} (B) reaches {at} with {multiple_text(self.multiple)} less compute than {a} (A)"
        else:
            words = f"{b} (B) needs {multiple_text(1 / self.multiple)} more compute than {a} (A) to reach {at}"
        return words + (" (extrapolated)" if self.extrapolated else "")


def comparison_gap(spec: ChartSpec) -> GapLine | None:
    """The comparison's gap line, read on the trend lines drawn (``spec.trends``) at the
    comparison's score; None when either series has no drawn trend (no line floats free)."""
    c = spec.comparison
    if c is None:
        return None
    drawn = dict(spec.trends)
    fit_a, fit_b = drawn.get(c.series_a), drawn.get(c.series_b)
    if fit_a is None or fit_b is None or not np.isfinite(c.at_score):
        return None
    ua, ub = float(fit_a.inverse_u(c.at_score)), float(fit_b.inverse_u(c.at_score))
    if not (np.isfinite(ua) and np.isfinite(ub)) or abs(ua) > 100 or abs(ub) > 100:
        return None
    outside = not (fit_a.u_min <= ua <= fit_a.u_max and fit_b.u_min <= ub <= fit_b.u_max)
    return GapLine(
        series_a=c.series_a,
        series_b=c.series_b,
        score=float(c.at_score),
        compute_a=float(10**ua),
        compute_b=float(10**ub),
        multiple=float(10 ** (ua - ub)),
        extrapolated=bool(outside or getattr(c, "extrapolated_score", False)),
    )


@frozen
class ChartAxes:
    """The axes a chart is drawn with, in plot coordinates (log10(compute) on a log-x chart)."""

    x_range: tuple[float, float]
    x_ticks: tuple[float, ...]
    x_labels: tuple[str, ...]
    x_label: str
    y_range: tuple[float, float]
    y_ticks: tuple[float, ...]
    y_labels: tuple[str, ...]


def visible_rows(spec: ChartSpec) -> np.ndarray:
    """Mask of the points the chart draws: a known compute, in a series that is not hidden."""
    ds = spec.dataset
    keep = ~np.isnan(ds.points["compute"])
    if spec.hidden:
        keep &= ~ds.in_series(spec.hidden)
    return keep


def visible_points(spec: ChartSpec) -> Points:
    return spec.dataset.points[visible_rows(spec)]


def chart_axes(spec: ChartSpec, pts) -> ChartAxes:
    """Ranges and ticks for the drawn points ``pts`` (and the decomposition, which always shows)."""
    ds, d = spec.dataset, spec.decomposition
    kind = ds.x.kind
    x_all = pts["compute"]
    y_all = pts["score"]
    if d is not None:  # the decomposition stays on the chart even if the base's series is hidden
        x_all = np.r_[x_all, d.base_compute]
        y_all = np.r_[y_all, d.base_score, d.trend_at_base, d.trend_at_top]
    lo_x, hi_x = float(x_all.min()), float(x_all.max())
    if spec.log_x:
        pad = max(0.08, 0.04 * (np.log10(hi_x) - np.log10(lo_x)))
        x_range = (float(np.log10(lo_x) - pad), float(np.log10(hi_x) + pad))
        ticks, labels = decade_ticks(10 ** x_range[0], 10 ** x_range[1], kind)
        x_label = f"{ds.x.name} (log scale)"
    else:
        x_range = (0.0, hi_x + 0.04 * hi_x)
        ticks, labels = nice_ticks(0, hi_x, kind)
        x_label = f"{ds.x.name} (linear scale)"
    ylo = max(0.0, float(np.nanmin(y_all)) - 5)
    yhi = min(100.0, float(np.nanmax(y_all)) + 5)
    if yhi - ylo < 10:
        ylo, yhi = max(0.0, ylo - 5), min(100.0, yhi + 5)
    yt, _ = nice_ticks(ylo, yhi, "unknown", target=5)
    return ChartAxes(
        x_range=x_range,
        x_ticks=tuple(float(t) for t in ticks),
        x_labels=tuple(labels),
        x_label=x_label,
        y_range=(ylo, yhi),
        y_ticks=tuple(float(t) for t in yt),
        y_labels=tuple(f"{v:g}%" for v in yt),
    )


def chart_data(spec: ChartSpec) -> dict:
    """What ``draw_chart`` plots, as plain data (``scalescope plot --json``): compute in its own
    unit (not log10), scores in percent, and the axes' ticks as drawn."""
    from .report import input_notes

    ds = spec.dataset
    pts = visible_points(spec)
    out: dict = {
        "dataset": ds.id,
        "title": spec.title or ds.title,
        "x": {"kind": ds.x.kind, "name": ds.x.name, "scale": "log" if spec.log_x else "linear"},
        "series": [],
        "trends": [],
        "decomposition": None,
        "axes": None,
        "left_out": int(np.isnan(ds.points["compute"]).sum()),
        "input_notes": input_notes(ds),
    }
    if not len(pts):
        return out
    for series, rows in pts.groups("series").items():
        group = pts[rows]
        out["series"].append(
            {
                "name": series,
                "highlighted": series in spec.highlighted,
                "points": [
                    {"model": m, "label": lab, "compute": float(c), "score": float(y)}
                    for m, lab, c, y in zip(group["model"], group["label"], group["compute"], group["score"])
                ],
            }
        )
    for series, fit in spec.trends:
        u = _trend_grid(spec, series, fit)
        out["trends"].append(
            {"series": series, "link": fit.link, "compute": list(10**u), "score": list(fit.predict_u(u))}
        )
    d = spec.decomposition
    if d is not None:
        out["decomposition"] = {
            "base_model": d.base_model,
            "base_compute": d.base_compute,
            "rl_boost": {"from": d.base_score, "to": d.trend_at_base},
            "inference_boost": {"from": d.trend_at_base, "to": d.trend_at_top if d.top == "fit" else d.top_score},
        }
    if spec.frontier is not None:
        xs, ys = spec.frontier.steps
        out["frontier"] = {"models": [p.model for p in spec.frontier.points], "steps": {"compute": xs, "score": ys}}
    axes = chart_axes(spec, pts)
    unlog = (lambda v: 10**v) if spec.log_x else (lambda v: v)
    out["axes"] = {
        "x_range": [unlog(v) for v in axes.x_range],
        "x_ticks": [{"at": unlog(t), "label": lab} for t, lab in zip(axes.x_ticks, axes.x_labels)],
        "y_range": list(axes.y_range),
        "y_ticks": [{"at": t, "label": lab} for t, lab in zip(axes.y_ticks, axes.y_labels)],
    }
    return out


def legend_parts(spec: ChartSpec, limit: int = 4) -> list[str]:
    """The legend's entries (marker, then what it is), most important first: the decomposition's
    segments, a comparison's gap, the frontier, the highlighted series, error bars (only when
    some are drawn)."""
    parts: list[str] = []
    if spec.decomposition is not None:
        parts += [f"{RL_MARKER} RL boost", f"{INFERENCE_MARKER} inference", f"{BASE_MARKER} base{_base_series(spec)}"]
    gap = comparison_gap(spec)
    if gap is not None:
        parts.append(f"{GAP_MARKER} gap B vs A at {gap.score:.0f}%")
    if spec.frontier is not None:  # switched on by the user: named before the series
        parts.append(f"{FRONTIER_MARKER} frontier ({len(spec.frontier.points)})")
    parts += [f"{MARKERS[i % len(MARKERS)]} {_short(s, 22)}" for i, s in _legend_series(spec)[:limit]]
    if spec.trends:
        parts.append(f"{TREND_GLYPH} {trend_label(spec, 'trend lines')}")
    if _any_error_bars(spec):
        parts.append(f"{ERROR_MARKER} ±1 stderr")
    return parts


def trend_label(spec: ChartSpec, label: str) -> str:
    """The lines' legend entry. A comparison draws its line through each series it compares; a
    series too narrow to carry a slope has no trend (``fit`` and the summary list it as not
    fitted), so its line is named as the comparison's, not as a trend."""
    narrow = set(spec.comparison.narrow) if spec.comparison is not None else set()
    drawn = {series for series, _ in spec.trends}
    if not narrow & drawn:
        return label
    if drawn <= narrow:
        return "compare's lines (no trend: too narrow)"
    return f"{label} (compare's line only: {', '.join(_short(s, 16) for s in sorted(narrow & drawn))})"


def _base_series(spec: ChartSpec) -> str:
    """ " (its series)" when the base model's series (named otherwise than the model) is coloured
    but draws nothing else: its only point is the base's ◆, so the legend names it there (it is
    not listed with a marker it lacks)."""
    d = spec.decomposition
    pts = spec.dataset.points
    rows = np.flatnonzero(pts["model"] == d.base_model)
    if not len(rows):
        return ""
    series = str(pts["series"][rows[0]])
    drawn = dict((s, i) for i, s in _legend_series(spec))
    named = series != d.base_model  # a series named as its one model says nothing more
    if named and series in spec.highlighted and series not in drawn and series not in spec.hidden:
        return f" ({_short(series, 22)})"
    return ""


def _legend_series(spec: ChartSpec) -> list[tuple[int, str]]:
    """The highlighted series the chart draws a marker for, with their slot (marker and colour):
    not a hidden one, nor one with no point on the chart (in dollars, a model with no price)."""
    rows = drawn_rows(spec)
    return [(i, s) for i, s in enumerate(spec.highlighted) if s not in spec.hidden and len(rows.series_rows[i])]


def _any_error_bars(spec: ChartSpec) -> bool:
    rows = drawn_rows(spec)  # the highlighted rows among the visible ones, as draw_chart takes them
    if not rows.highlighted.any():
        return False
    stderr = rows.pts["score_stderr"][rows.highlighted]
    return bool(error_bars(spec, chart_axes(spec, rows.pts), stderr).any())


def legend_rows(spec: ChartSpec, width: int, limit: int = 6) -> list[str]:
    """The legend as plain lines at most ``width`` wide, every entry whole (``plot`` prints them
    under a small chart, which has no room for plotext's legend box)."""
    rows: list[str] = []
    for part in legend_parts(spec, limit):
        part = printable(part)
        if rows and cell_len(rows[-1] + "  " + part) <= width:
            rows[-1] += "  " + part
        else:
            rows.append(part)
    return rows


def legend_line(spec: ChartSpec, limit: int = 4, width: int | None = None) -> Text:
    """A one-line legend (markers, not colours) for the chart's border: readable without colour
    and when the plot is too small for plotext's own legend. Entries are separated by spaces
    (never ``│``, which is the error bars' glyph); with ``width``, entries are taken in order of
    importance while they fit, and "+N more" says how many did not. A ``Text``, never markup:
    series names are data."""
    parts = legend_parts(spec, limit)
    hidden_more = max(0, len(_legend_series(spec)) - limit)
    if width is not None and width > 0:
        kept: list[str] = []
        for i, part in enumerate(parts):
            rest = len(parts) - i - 1 + hidden_more
            more = f"  +{rest} more" if rest else ""
            if cell_len("  ".join([*kept, part]) + more) <= width:
                kept.append(part)
            else:
                hidden_more += len(parts) - i
                break
        parts = kept
    if hidden_more:
        parts.append(f"+{hidden_more} more")
    return literal_join(parts, "  ")


class _Unlabelled:
    """Passes every call through to a plotext figure; drops ``label=`` (no legend box) and/or
    every colour (NO_COLOR), and counts the legend's entries."""

    def __init__(self, plt, *, drop_labels: bool = True, monochrome: bool = False) -> None:
        self._plt = plt
        self._drop_labels = drop_labels
        self._monochrome = monochrome
        self.labels = 0

    def __getattr__(self, name):
        target = getattr(self._plt, name)
        if name not in ("scatter", "plot", "error"):
            return target

        def call(*args, **kwargs):
            if self._drop_labels:
                kwargs.pop("label", None)
            elif kwargs.get("label") is not None:
                self.labels += 1
            if self._monochrome and "color" in kwargs:
                kwargs["color"] = "default"
            return target(*args, **kwargs)

        return call
