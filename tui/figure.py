"""The chart as a real figure: SVG, PNG or PDF through matplotlib (the optional ``export`` extra).

``scalescope plot --out chart.svg`` and the app's ``e`` draw the same ``ChartSpec`` the terminal
chart draws (points, error bars, trend lines, the decomposition's two boosts, a comparison's
gap, the frontier) with matplotlib's own log axis, and write beside the image what it shows:
``chart.csv`` (one row per plotted point and line vertex) and ``chart.json`` (``chart_data``, the
same as ``plot --json``). Text from a file is data: control characters are made visible and a
``$`` never starts mathtext.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from scalescope.engine.errors import ScalescopeError

from .chart import (
    MAX_LABEL,
    ChartSpec,
    _trend_grid,
    chart_axes,
    chart_data,
    comparison_gap,
    visible_rows,
)
from .text import csv_cell, printable

INSTALL_HINT = "pip install 'scalescope[export]'"
FORMATS = (".svg", ".png", ".pdf")
COLORS = ("#1f77b4", "#17becf", "#9467bd", "#bcbd22", "#2ca02c", "#d62728")  # as PALETTE, by slot
MARKERS = ("o", "^", "s", "P", "*", "v")  # as chart.MARKERS: ● ▲ ■ ✚ ★ ▼
BASE_COLOR, BASE_MARKER = "#ff7f0e", "D"
RL_COLOR, INFERENCE_COLOR = "#00a000", "#e00000"
OTHER_COLOR = "#9a9a9a"
GAP_COLOR = "#ff7f0e"
FRONTIER_COLOR = "#000000"


class ExportUnavailable(ScalescopeError):
    """matplotlib is not installed: the message says how to install it."""


def _text(value: object, limit: int = MAX_LABEL * 2) -> str:
    """A label from data: printable, cut, and ``$`` escaped (matplotlib would read mathtext)."""
    text = printable(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("\\", "\\\\").replace("$", r"\$")


def _wrap(text: str, width: int = 44) -> str:
    """A long legend entry on several lines (the legend sits beside the plot, never over it)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def _pyplot_free_figure(size: tuple[float, float]):
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:  # the optional extra
        raise ExportUnavailable(
            f"a chart image needs matplotlib, which is not installed: {INSTALL_HINT} "
            "(or pip install matplotlib); the summary exports (Markdown, CSV, JSON) need nothing"
        ) from exc
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG (searchable, small)
    matplotlib.rcParams["svg.hashsalt"] = "scalescope"  # the same chart gives the same file
    return Figure(figsize=size, layout="constrained")


def draw_figure(spec: ChartSpec, size: tuple[float, float] = (10.0, 6.0)):
    """A matplotlib ``Figure`` of ``spec`` (no pyplot: no GUI backend, no global state)."""
    fig = _pyplot_free_figure(size)
    ax = fig.add_subplot()
    ds = spec.dataset
    visible = visible_rows(spec)
    pts = {c: np.asarray(ds.points[c][visible]) for c in ("compute", "score", "score_stderr", "model")}
    ax.set_title(_text(spec.title or ds.title, 120))
    if not len(pts["compute"]):
        ax.text(0.5, 0.5, "no points with a known compute", ha="center", va="center", transform=ax.transAxes)
        return fig
    axes = chart_axes(spec, pts)
    d = spec.decomposition
    base_model = d.base_model if d is not None else None
    highlighted = ds.in_series(spec.highlighted)[visible]

    if not highlighted.all():
        others = ~highlighted
        n_models = len(np.unique(ds.series_codes[visible][others]))
        ax.scatter(
            pts["compute"][others],
            pts["score"][others],
            s=10,
            color=OTHER_COLOR,
            label=f"other models ({n_models})",
            zorder=1,
        )

    slot = {series: i for i, series in enumerate(spec.highlighted)}
    extended = False
    for series, fit in spec.trends:
        # the same stretch as the terminal chart draws: the fitted range, reaching back to the base
        # model and to a comparison gap's end; dotted where it leaves the fitted range
        u = _trend_grid(spec, series, fit, n=240)
        y = np.asarray(fit.predict_u(u), dtype=float)
        i = slot.get(series, 0)
        name = "trend" if fit.link == "linear" else "logistic trend"
        inside = (u >= fit.u_min - 1e-12) & (u <= fit.u_max + 1e-12)
        color = COLORS[i % len(COLORS)]
        ax.plot(10 ** u[inside], y[inside], color=color, linewidth=1.6, label=f"{name}: {_text(series)}", zorder=2)
        for part in (u < fit.u_min - 1e-12, u > fit.u_max + 1e-12):
            if part.sum() >= 1:
                edge = np.flatnonzero(part)
                # join the dotted stretch to the solid line at the fitted range's end
                joined = np.union1d(edge, [max(0, edge[0] - 1), min(len(u) - 1, edge[-1] + 1)])
                ax.plot(10 ** u[joined], y[joined], color=color, linewidth=1.2, linestyle=":", zorder=2)
        extended = extended or not inside.all()

    if d is not None:
        top = d.trend_at_top if d.top == "fit" else d.top_score
        ax.plot(
            [d.base_compute] * 2,
            [d.base_score, d.trend_at_base],
            color=RL_COLOR,
            linewidth=4,
            solid_capstyle="butt",
            label=f"RL boost {d.rl_boost:+.1f} pp",
            zorder=3,
        )
        ax.plot(
            [d.base_compute] * 2,
            [d.trend_at_base, top],
            color=INFERENCE_COLOR,
            linewidth=2.5,
            linestyle=(0, (3, 2)),
            label=f"inference-scaling boost {d.inference_boost:+.1f} pp",
            zorder=3,
        )

    gap = comparison_gap(spec)
    if gap is not None:
        ax.annotate(
            "",
            xy=(gap.compute_b, gap.score),
            xytext=(gap.compute_a, gap.score),
            arrowprops={"arrowstyle": "<->", "color": GAP_COLOR, "linewidth": 1.8},
            zorder=3,
        )
        ax.plot([], [], color=GAP_COLOR, linewidth=1.8, label=_wrap(_text(gap.label, 200)))  # its legend entry

    f = spec.frontier
    if f is not None and f.points:
        xs, ys = f.steps
        ax.plot(xs, ys, color=FRONTIER_COLOR, linewidth=1.2, linestyle=":", label=f"frontier ({len(f.points)} points)")

    any_errors = False
    for i, series in enumerate(spec.highlighted):
        rows = np.flatnonzero(ds.in_series([series])[visible])
        if base_model is not None:
            rows = rows[pts["model"][rows] != base_model]
        if not len(rows):
            continue
        se = pts["score_stderr"][rows]
        has = np.isfinite(se)
        any_errors |= bool(has.any())
        ax.errorbar(
            pts["compute"][rows],
            pts["score"][rows],
            yerr=np.where(has, se, 0.0) if has.any() else None,
            fmt=MARKERS[i % len(MARKERS)],
            color=COLORS[i % len(COLORS)],
            markersize=7,
            capsize=3,
            elinewidth=1,
            label=_text(series),
            zorder=4,
        )

    if d is not None:
        ax.scatter(
            [d.base_compute],
            [d.base_score],
            marker=BASE_MARKER,
            s=60,
            color=BASE_COLOR,
            edgecolor="black",
            label=f"base: {_text(d.base_model)}",
            zorder=5,
        )

    if spec.log_x:
        ax.set_xscale("log")
    unlog = (lambda v: 10**v) if spec.log_x else (lambda v: v)
    ax.set_xlim(unlog(axes.x_range[0]), unlog(axes.x_range[1]))
    ax.set_xticks([unlog(t) for t in axes.x_ticks], list(axes.x_labels))
    ax.minorticks_off()
    ax.set_xlabel(_text(axes.x_label, 200))
    ax.set_ylim(*axes.y_range)
    ax.set_yticks(list(axes.y_ticks), list(axes.y_labels))
    ax.set_ylabel(_text(ds.y_name, 80))
    ax.grid(True, alpha=0.25)
    if extended:
        ax.plot([], [], color="#555555", linestyle=":", label="trend beyond its fitted range")
    if any_errors:
        ax.plot([], [], " ", label="error bars: ±1 standard error")
    fig.legend(loc="outside right upper", fontsize="small", frameon=False)  # never over the data
    return fig


def figure_csv(spec: ChartSpec) -> str:
    """What the figure shows, one row per plotted point or line vertex: element, series, model,
    label, compute (its own unit), score (%), stderr (pp); then a ``note`` row (text in ``label``)
    per note of the file's reader."""
    data = chart_data(spec)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["element", "series", "model", "label", "compute", "score", "stderr"])
    ds = spec.dataset
    visible = visible_rows(spec)
    pts = ds.points[visible]
    for series, model, label, compute, score, se in zip(
        pts["series"], pts["model"], pts["label"], pts["compute"], pts["score"], pts["score_stderr"]
    ):
        element = "point" if series in spec.highlighted else "other point"
        writer.writerow([element, csv_cell(series), csv_cell(model), csv_cell(label), compute, score, _num(se)])
    for trend in data["trends"]:
        for compute, score in zip(trend["compute"], trend["score"]):
            writer.writerow([f"trend ({trend['link']})", csv_cell(trend["series"]), "", "", compute, score, ""])
    d = data["decomposition"]
    if d is not None:
        for name in ("rl_boost", "inference_boost"):
            for end in ("from", "to"):
                writer.writerow(
                    [f"{name} {end}", "", csv_cell(d["base_model"]), "", d["base_compute"], d[name][end], ""]
                )
    gap = comparison_gap(spec)
    if gap is not None:
        writer.writerow(["gap from (A)", csv_cell(gap.series_a), "", "", gap.compute_a, gap.score, ""])
        writer.writerow(["gap to (B)", csv_cell(gap.series_b), "", "", gap.compute_b, gap.score, ""])
    if "frontier" in data:
        for compute, score in zip(data["frontier"]["steps"]["compute"], data["frontier"]["steps"]["score"]):
            writer.writerow(["frontier step", "", "", "", compute, score, ""])
    for note in data["input_notes"]:  # what the reader left out of the file, and why (report.input_notes)
        writer.writerow(["note", "", "", csv_cell(note), "", "", ""])
    return out.getvalue()


def _num(value: float) -> object:
    return "" if value is None or not math.isfinite(float(value)) else float(value)


def figure_json(spec: ChartSpec, messages: tuple[str, ...] | list[str] = ()) -> str:
    from .report import to_json

    data = chart_data(spec)
    gap = comparison_gap(spec)
    if gap is not None:
        data["comparison_gap"] = {
            "series_a": gap.series_a,
            "series_b": gap.series_b,
            "score": gap.score,
            "compute_a": gap.compute_a,
            "compute_b": gap.compute_b,
            "label": gap.label,
        }
    return to_json({**data, "messages": list(messages)})


def beside(path: Path) -> tuple[Path, Path]:
    """The CSV and JSON written next to an image: chart.svg -> chart.csv, chart.json."""
    return path.with_suffix(".csv"), path.with_suffix(".json")


def write_figure(
    spec: ChartSpec, path: Path, messages: tuple[str, ...] | list[str] = (), *, exclusive: bool = False
) -> list[Path]:
    """Write the figure to ``path`` (.svg, .png or .pdf) and its CSV and JSON beside it; returns
    the three paths. ``exclusive``: fail with FileExistsError rather than overwrite any of them."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ScalescopeError(f"{printable(path)}: a chart is written as {', '.join(FORMATS)} (by its file name)")
    csv_path, json_path = beside(path)
    if exclusive:
        for target in (path, csv_path, json_path):
            if target.exists():
                raise FileExistsError(str(target))
    fig = draw_figure(spec)
    mode = "xb" if exclusive else "wb"
    image = io.BytesIO()
    fig.savefig(image, format=suffix[1:], dpi=150, metadata=_metadata(suffix))
    written = []
    for target, payload in (
        (path, image.getvalue()),
        (csv_path, figure_csv(spec).encode("utf-8")),
        (json_path, figure_json(spec, messages).encode("utf-8")),
    ):
        with target.open(mode) as handle:
            handle.write(payload)
        written.append(target)
    return written


def _metadata(suffix: str) -> dict:
    if suffix == ".svg":
        return {"Date": None, "Creator": "scalescope"}
    if suffix == ".pdf":
        return {"CreationDate": None, "Creator": "scalescope"}
    return {"Software": "scalescope"}


__all__ = ["ExportUnavailable", "INSTALL_HINT", "draw_figure", "figure_csv", "figure_json", "write_figure"]
