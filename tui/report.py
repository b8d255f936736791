"""Plain-text rows and reports of engine results, shared by the command line and the app."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING

from scalescope.engine.ticks import format_value

if TYPE_CHECKING:  # annotations only: the report module stays free of pandas
    from scalescope.engine.compare import Comparison
    from scalescope.engine.dataset import Dataset
    from scalescope.engine.decompose import Decomposition
    from scalescope.engine.fit import TrendFit
    from scalescope.engine.uncertainty import Interval

Row = tuple[str, str, str]  # figure, value, interval

OPENED = "Opened files"


def input_notes(ds: Dataset) -> list[str]:
    """What the reader said about an opened file, or the fetch about what it fetched (rows it left
    out and why, costs it read as unknown, what it assumed): the lines every output of that data
    carries, in every format (the command line prints them as ``note:`` lines; JSON, Markdown and
    CSV carry them as ``input_notes``; the app's summary shows them). A bundled dataset's own notes
    are ``scalescope show``'s."""
    return list(ds.notes) if ds.group == OPENED or ds.origin.startswith("fetched") else []


def _ci(interval: Interval | None, fmt: str) -> str:
    if interval is None or not (math.isfinite(interval.low) and math.isfinite(interval.high)):
        return ""
    return f"[{interval.low:{fmt}}, {interval.high:{fmt}}]"


def compute_text(value: float, kind: str) -> str:
    if not math.isfinite(value):
        return "-"
    if kind == "usd":
        return "$" + _dollars(value)
    return f"{value:,.0f}" if value >= 100 else f"{value:,.3g}"


def _dollars(value: float) -> str:
    """Four significant digits in plain decimals from a millionth of a dollar to ten million (the
    frontier table read 6.065e-05 beside 0.000134); whole dollars with separators from $1,000 (rounded to four
    digits); scientific only outside that range."""
    value = float(f"{value:.4g}")  # the four digits shown, rounded once
    size = abs(value)
    if 1000 <= size < 1e7:
        return f"{value:,.0f}"
    if size == 0 or not 1e-6 <= size < 1e7:
        return f"{value:.4g}"
    text = f"{value:.{max(0, 3 - math.floor(math.log10(size)))}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def multiple_text(value: float) -> str:
    if not math.isfinite(value):
        return "never (trend does not reach it)"
    from scalescope.engine.numbers import multiple

    return multiple(value) if value < 1e5 else f"{value:.2e}x"


def gain_cost_text(multiple: float) -> str:
    """What ten more points cost, as a phrase that reads after '+10 pp costs'."""
    if not math.isfinite(multiple):
        return "- (the trend never gains 10 more points)"
    return multiple_text(multiple) + " compute"


def gain_cost_cell(multiple: float, lo: float, hi: float, reads: str) -> str:
    """'+10 pp costs' with its interval from the slope's (engine.uncertainty.gain_multiple_interval):
    a figure alone only where no interval is known; 'cannot tell' where the slope's interval
    reaches 0 (the trend may never gain 10 pp: the data show only the lower end)."""
    if reads == "shown":
        return f"{multiple_text(multiple)} [{multiple_text(lo)}, {multiple_text(hi)}]"
    if reads == "cannot_tell":
        est = multiple_text(multiple) + " " if math.isfinite(multiple) else ""
        return f"cannot tell: {est}[{multiple_text(lo)}, ∞)"
    if reads == "never":
        return "never (slope's interval <= 0)"
    return multiple_text(multiple)


GAIN_COST_NOTE = (
    "+10 pp costs: 10^(10/slope) over the slope's 95% interval; 'cannot tell' where that interval "
    "reaches 0: the trend may never gain 10 pp"
)


def _gain_cost_row(d: Decomposition) -> tuple[str, str]:
    """decompose's '+10 pp costs' row: the figure, and its interval from the slope's."""
    lo, hi, reads = d.gain_multiple()
    value = gain_cost_text(d.fit.multiple_for_gain(10.0))
    if reads == "shown":
        return value, f"[{multiple_text(lo)}, {multiple_text(hi)}]"
    if reads == "cannot_tell":
        return (
            "cannot tell" + (f" ({value})" if not value.startswith("-") else ""),
            f"[{multiple_text(lo)}, ∞): the slope's interval includes 0, so the trend may never gain 10 pp",
        )
    if reads == "never":
        return "never", "the slope's interval lies at or below 0"
    return value, _no_ci(d, "slope_per_decade")


SHARE_NO_INTERVAL = "no interval for the inference share: "


def _no_ci(d: Decomposition, key: str) -> str:
    """Why a figure's interval cell is empty, briefly, where the cell is seen (the full reason is a
    line below the table, often below the fold): no interval at all (e.g. no stderr or question
    count), intervals withheld (unreliable refits), or none for the share (bootstrap off)."""
    if not d.ci:
        head = d.ci_method.split(" for ", 1)[0] if d.ci_method.startswith("no stderr or question count") else ""
        return f"none: {head} (see below)" if head else "none (see below)"
    if d.unreliable:
        return "withheld (see below)"
    if key == "inference_share" and SHARE_NO_INTERVAL in d.ci_method:
        return "none: " + d.ci_method.split(SHARE_NO_INTERVAL, 1)[1]
    return ""


def decomposition_rows(d: Decomposition, kind: str = "tokens") -> list[Row]:
    ci = d.ci

    def interval(key: str, fmt: str) -> str:
        return _ci(ci.get(key), fmt) or _no_ci(d, key)

    return [
        ("RL boost", f"{d.rl_boost:+.2f} pp", interval("rl_boost", ".2f")),
        ("inference-scaling boost", f"{d.inference_boost:+.2f} pp", interval("inference_boost", ".2f")),
        ("total gain", f"{d.total_gain:+.2f} pp", interval("total_gain", ".2f")),
        ("inference share", f"{d.inference_share:.1f} %", interval("inference_share", ".1f")),
        (
            "compute multiple",
            multiple_text(d.compute_multiple),
            f"{compute_text(d.base_compute, kind)} -> {compute_text(d.top_compute, kind)}",
        ),
        ("slope per 10x compute", f"{d.fit.slope_per_decade:.2f} pp", interval("slope_per_decade", ".2f")),
        ("+10 pp costs", *_gain_cost_row(d)),
        ("R²", f"{d.fit.r_squared:.3f}" if d.fit.n_points > 2 else "- (through 2 points: exact, no misfit test)", ""),
    ]


def decomposition_heading(d: Decomposition) -> str:
    return f"{d.benchmark}: base {d.base_model} -> reasoning series {d.reasoning_series} (top: {d.top_model})"


def decomposition_method(d: Decomposition) -> str:
    how = "stderr-weighted least squares" if d.fit.weighted else "ordinary least squares"
    link = (
        "straight line" if d.fit.link == "linear" else f"logistic (floor {d.fit.floor:g}%, ceiling {d.fit.ceiling:g}%)"
    )
    top = "the trend at the top compute" if d.top == "fit" else "the observed top score"
    return f"trend: {link} in log10 compute, {how} on {d.fit.n_points} points ({', '.join(d.fit.models)}); top = {top}"


def fit_rows(series: str, fit: TrendFit, kind: str, interval=None) -> list[str]:
    """One fit as a row; ``interval`` (a :class:`~engine.uncertainty.SlopeInterval`) puts the
    slope's 95% interval beside it, else the standard error is shown, labelled as such."""
    lo, hi = fit.compute_range
    r2 = f"{fit.r_squared:.3f}" if math.isfinite(fit.r_squared) and fit.n_points > 2 else "-"
    if fit.n_points == 2:
        r2 = "- (2 pts: exact)"  # a 2-parameter curve through 2 points: R² is 1 by construction, no misfit test
    if interval is not None and math.isfinite(interval.low):
        slope_se = f" [{interval.low:.2f}, {interval.high:.2f}]"
    elif interval is not None:
        slope_se = " (no interval)"
    else:
        slope_se = f" (SE {fit.slope_stderr:.2f})" if math.isfinite(fit.slope_stderr) else ""
    return [
        series,
        str(fit.n_points),
        f"{fit.slope_per_decade:.2f}{slope_se}",
        gain_cost_cell(fit.multiple_for_gain(10.0), *_gain_of(interval)),
        r2,
        f"{format_value(lo, kind)}-{format_value(hi, kind)}",
    ]


def _gain_of(interval) -> tuple[float, float, str]:
    from scalescope.engine.uncertainty import gain_multiple_interval

    if interval is None:
        return math.nan, math.nan, "no_interval"
    return gain_multiple_interval(interval.low, interval.high)


def gain_reads(interval) -> str:
    """What '+10 pp costs' shows for a slope interval: shown, cannot_tell, never or no_interval."""
    return _gain_of(interval)[2]


def slope_interval_notes(methods: list[tuple[str, str]]) -> list[str]:
    """What each slope interval is (``(series, method)`` in the table's order): one line when
    every interval is of one kind, else one per kind naming its series (in the table's order)."""
    by_method: dict[str, list[str]] = {}
    for name, method in methods:
        by_method.setdefault(method, []).append(name)
    if len(by_method) == 1:
        return ["pp per 10x: " + methods[0][1]]
    # one line per kind of interval, naming its series (six series of two kinds: two lines, not six)
    return [f"pp per 10x, {', '.join(names)}: {method}" for method, names in by_method.items()]


def fits_json(ds: Dataset, fits: list[tuple[str, TrendFit]], intervals: dict | None = None) -> dict:
    """Each fit as ``scalescope fit --json`` gives it: the fit, and ``slope_ci`` (the slope's 95%
    interval with its '+10 pp costs' interval and reading) where one is known. One function for
    the command line and the app's JSON export, so the two cannot differ."""
    if intervals is None:
        from scalescope.engine.fit import slope_intervals

        intervals = slope_intervals(ds, fits)
    return {
        name: {**fit.as_dict(), **({"slope_ci": intervals[name].as_dict()} if name in intervals else {})}
        for name, fit in fits
    }


def fit_method_lines(fits: list[tuple[str, TrendFit]], intervals: dict) -> list[str]:
    """The lines `scalescope fit` and the app's summary print under a trend table: what each slope
    interval is (:func:`slope_interval_notes`), and what 'cannot tell' in '+10 pp costs' means."""
    lines = slope_interval_notes([(name, intervals[name].method) for name, _ in fits if name in intervals])
    if any(gain_reads(intervals.get(name)) == "cannot_tell" for name, _ in fits):
        lines.append(GAIN_COST_NOTE)
    return lines


def unfitted_lines(unfitted: list[tuple[str, str]]) -> list[str]:
    """Series left out of the fits, one line per reason: ``not fitted (reason): a, b, c``."""
    by_reason: dict[str, list[str]] = {}
    for series, reason in unfitted:
        by_reason.setdefault(reason, []).append(series)
    return [f"not fitted ({reason}): {', '.join(names)}" for reason, names in by_reason.items()]


def unlisted_line(ds: Dataset, listed) -> str | None:
    """The series a summary's trend table leaves out (it fits the coloured series only): how many,
    how many of them a trend could be drawn through, and the command that fits every one. None
    when every series is listed."""
    import numpy as np

    names = ds.series
    shown = set(listed)
    rest = [code for code, name in enumerate(names) if name not in shown]
    if not rest:
        return None
    known = ~np.isnan(np.asarray(ds.points["compute"], dtype=float))
    counts = np.bincount(ds.series_codes[known], minlength=len(names))
    two = int(np.count_nonzero(counts[rest] >= 2))
    what = f"; {two} of them have two or more points with a known compute" if two else ""
    command = f"scalescope fit {ds.id}" if ds.origin else "scalescope fit on the file"
    return (
        f"{len(rest)} more series are not fitted here (only the coloured ones are; the rest are grey on the "
        f"chart){what}: {command} fits every series"
    )


def listed_fits(trends, decomposition, unfitted=()) -> list[tuple[str, TrendFit]]:
    """The trend fits the summary's "Trend fits" table lists, and its exports with it: the
    decomposition's reasoning series is its own section's slope, so it is not listed twice; a
    series in ``unfitted`` (a compared series too narrow to carry a slope: the chart draws the
    comparison's line through it) is listed as not fitted, as `scalescope fit` lists it."""
    reasoning = decomposition.reasoning_series if decomposition is not None else None
    left_out = {name for name, _ in unfitted}
    return [(name, fit) for name, fit in trends if name != reasoning and name not in left_out]


FIT_HEADERS = ["series", "points", "pp per 10x [95% CI]", "+10 pp costs", "R²", "compute range"]


def _mult_ci(lo: float, hi: float) -> str:
    if math.isnan(lo) or math.isnan(hi):
        return "no interval (nothing known to test with)"
    if not lo > 0 and not math.isfinite(hi):
        return "unbounded: [0x, ∞) (the data pin no multiple down)"
    return f"[{multiple_text(lo) if lo > 0 else '0x'}, {multiple_text(hi) + ']' if math.isfinite(hi) else '∞)'}"


def comparison_rows(c: Comparison, kind: str) -> list[Row]:
    """The comparison's figures, each with its interval and what it rests on."""
    pct = f"{c.level:.0%}"
    lo, hi = c.multiplier_interval
    used = " (used for the verdict)"
    ok = c.shared_slope_reads[1]  # the words the exports carry too (narrow: replaced below, with why)
    on = c.on_trend_reads[1]
    p = f"p = {c.on_trend_p:.3g}" if math.isfinite(c.on_trend_p) else "nothing known to test with"
    gap_lo, gap_hi = c.vertical_gap_ci
    d_lo, d_hi = c.slope_difference_ci
    extrap_s = " (extrapolated)" if c.extrapolated_score else ""
    extrap_c = " (extrapolated)" if c.extrapolated_compute else ""
    why = (
        f"{' and '.join(c.narrow)} span{'s' if len(c.narrow) == 1 else ''} too little compute to carry a slope "
        "(⚠ below): not a finding"
    )

    def reads_slope(figure: str, value: str, detail: str, *, estimate: bool) -> Row:
        """A row that reads a slope (a test of slopes, or an estimate made from one): where a series
        cannot carry a slope, 'cannot tell' and why, with the figures in brackets as data."""
        if not c.narrow:
            return figure, value, detail
        return figure, "cannot tell", f"{why} ({f'estimate {value} {detail}' if estimate else detail})"

    return [
        ("uncertainty", "", c.uncertainty),
        reads_slope("one shared slope", ok, c.shared_slope_test, estimate=False),
        # the shared-slope multiplier is the offset between two parallel lines: it reads the slope too
        reads_slope(
            "compute-efficiency multiplier (shared slope)",
            multiple_text(c.efficiency_multiplier) if math.isfinite(c.efficiency_multiplier) else "-",
            f"{pct} {_mult_ci(lo, hi)} (Fieller)" + (used if c.headline == "shared" else ""),
            estimate=True,
        ),
        (
            f"multiplier at {c.at_score:.1f}%{extrap_s}",
            multiple_text(c.multiplier_at_score),
            f"{pct} {_mult_ci(*c.multiplier_at_score_ci)} from the separate fits"
            + (used if c.headline == "at_score" else "")
            + f"; in words: A's compute / B's compute to reach {c.at_score:.1f}% on their trends (above 1x: "
            "B needs less); the score is the middle of the scores both reach, or of the gap between them",
        ),
        (
            f"vertical gap at {compute_text(c.at_compute, kind)}{extrap_c}",
            f"{c.vertical_gap:+.2f} pp",
            f"[{gap_lo:+.2f}, {gap_hi:+.2f}]" if math.isfinite(gap_lo) else "",
        ),
        reads_slope(
            "slope B - A (pp per 10x)",
            f"{c.slope_difference:+.2f}",
            f"[{d_lo:+.2f}, {d_hi:+.2f}]; ratio B / A {c.slope_ratio:.2f}"
            if math.isfinite(d_lo)
            else f"ratio B / A {c.slope_ratio:.2f}",
            estimate=True,
        ),
        reads_slope(
            f"one line through both ({c.series_b} on {c.series_a}'s trend)",
            on,
            p
            + (
                f": the data cannot tell a shift from {c.series_b} being further along one line"
                if c.on_trend and c.interval_grade != "inconclusive"
                else ""
            ),
            estimate=False,
        ),
    ]


def comparison_lines(c: Comparison) -> list[str]:
    """The verdict, then Ord's three kinds of progress, as sentences."""
    head = c.verdict_lines()[0].removeprefix("inconclusive: ")
    # the verdict's "one line through both" line is the table's row (once, with its p and caveats)
    more = [line for line in c.verdict_lines()[1:] if not line.startswith("one line through both (")]
    lines = [f"verdict [{c.grade}]: " + head, *more]
    if c.progress is not None:
        lines.append("Ord's three kinds of progress (B vs A):")
        lines += ["  " + line for line in c.progress.lines(c.series_a, c.series_b)]
    lines += [f"⚠ {note}" for note in c.notes]  # where the points come from: pricing periods, tuning
    return lines


BOOST_HEADERS = ["dataset", "RL boost", "inference boost", "total", "inference share", "compute multiple"]
RL_GLYPH = "█"
INFERENCE_GLYPH = "░"
BAR_WIDTH = 60


def boost_row(name: str, d: Decomposition) -> list[str]:
    """One dataset's decomposition as a table row, each figure with its interval."""

    def cell(key: str, value: float, unit: str, fmt: str) -> str:
        interval = _ci(d.ci.get(key), fmt)
        return f"{value:+{fmt}} {unit}" + (f" {interval}" if interval else "")

    share = _ci(d.ci.get("inference_share"), ".1f")
    return [
        name,
        cell("rl_boost", d.rl_boost, "pp", ".2f"),
        cell("inference_boost", d.inference_boost, "pp", ".2f"),
        cell("total_gain", d.total_gain, "pp", ".2f"),
        f"{d.inference_share:.1f} %" + (f" {share}" if share else ""),
        multiple_text(d.compute_multiple),
    ]


def _whisker(low: float, high: float, scale: float, width: int) -> str:
    """An interval drawn at the bars' scale: ├───┤ from low to high (clipped to the drawing)."""
    a = max(0, min(width, round(low * scale)))
    b = max(0, min(width, round(high * scale)))
    if b <= a:
        return " " * a + "┼"
    return " " * a + "├" + "─" * max(0, b - a - 1) + "┤"


def boost_bars(items: list[tuple[str, Decomposition]], width: int = BAR_WIDTH, *, compact: bool = False) -> list[str]:
    """Plain-text stacked bars, one per dataset: the RL boost (█) then the inference-scaling boost
    (░), at one scale for all, in percentage points; under each, the 95% intervals of the RL boost
    and of the total gain as whiskers at the same scale. No colour needed. ``compact``: the
    figures go on a line of their own under the bar (narrow screens)."""
    if not items:
        return []
    name_width = max(len(name) for name, _ in items)
    tops = [max(d.total_gain, d.rl_boost, d.inference_boost) for _, d in items]
    tops += [d.ci["total_gain"].high for _, d in items if "total_gain" in d.ci]
    top = max([t for t in tops if math.isfinite(t)] + [1.0])
    scale = width / top
    pad = " " * (name_width + 2)
    lines = [
        f"{pad}{RL_GLYPH} RL boost  {INFERENCE_GLYPH} inference-scaling boost  (├─┤ 95% interval; "
        f"full width = {top:.1f} pp)"
    ]
    for name, d in items:
        rl, inference = max(d.rl_boost, 0.0), max(d.inference_boost, 0.0)
        n_rl = round(rl * scale)
        n_inf = round((rl + inference) * scale) - n_rl
        bar = RL_GLYPH * n_rl + INFERENCE_GLYPH * n_inf
        label = f"  RL {d.rl_boost:+.1f} + inference {d.inference_boost:+.1f} = {d.total_gain:+.1f} pp"
        negative = [what for what, v in (("RL", d.rl_boost), ("inference", d.inference_boost)) if v < 0]
        if negative:
            label += f" ({' and '.join(negative)} negative: not drawn)"
        if compact:
            lines.append(f"{name.ljust(name_width)}  {bar}")
            lines.append(f"{pad}{label.strip()}")
        else:
            lines.append(f"{name.ljust(name_width)}  {bar.ljust(width)}{label}")
        for key, what in (("rl_boost", "RL boost"), ("total_gain", "total gain")):
            interval = d.ci.get(key)
            if interval is not None and math.isfinite(interval.low) and math.isfinite(interval.high):
                whisker = _whisker(interval.low, interval.high, scale, width)
                text = f"{what} [{interval.low:.1f}, {interval.high:.1f}]"
                lines.append(f"{pad}{whisker}  {text}" if compact else f"{pad}{whisker.ljust(width)}  {text}")
        if not d.ci:
            lines.append(f"{pad}{'(no intervals: ' + d.ci_method + ')'}")
    return lines


CLAIM_HEADERS = ["#", "essay", "source", "claim", "figure", "scalescope", "status", "in CI"]


def in_ci_mark(c) -> str:
    """The table's interval mark, readable without colour: ``inside``, ``outside``, ``inside 2 of 3``
    (the other estimates have no interval) or ``-`` (no interval)."""
    return c.in_ci  # one rule (engine.claims.in_ci_words) for the text, the app and claims --json


def claim_rows(claims) -> list[list[str]]:
    """One row per claim: id, essay, source, claim, the figure checked, ours, status, interval mark."""
    return [[c.id, c.essay, c.source, c.claim, c.figure_label, c.ours, c.status, in_ci_mark(c)] for c in claims]


def status_meaning(status: str) -> str:
    from scalescope.engine.claims import STATUS_MEANING

    return STATUS_MEANING[status]


def claim_status_legend() -> list[str]:
    """One line per status (engine.claims.STATUSES), for the table's legend."""
    from scalescope.engine.claims import STATUS_MEANING, STATUSES

    return [f"  {status}: {STATUS_MEANING[status]}" for status in STATUSES]


def claim_source_line(c) -> str:
    if c.source == "ord":
        return "source: ord (his words)"
    if c.source == "cited":
        return f"source: cited: {c.attribution} (a figure the essay shows or cites, not Ord's own)"
    return f"source: derived (our arithmetic, not Ord's): {c.attribution}"


def claim_detail_lines(c) -> list[str]:
    """One claim in full (``scalescope claims --claim N``): the computation from the data, then the verdict."""
    lines = [
        f"#{c.id} ({c.essay}) {c.claim}",
        claim_source_line(c),
        f"figure: {c.figure_label}",
        *(f"  {w}" for w in c.work),
        f"scalescope: {c.ours}",
        f"status: {c.status} ({status_meaning(c.status)}); in CI: {in_ci_mark(c)}",
        f"note: {c.note}",
    ]
    if c.switch is not None:
        lines.append(f"switch: {c.switch.command}  ->  {c.switch.ours} ({c.switch.status})")
    lines.append(f"command: {c.command}")
    return lines


def claim_notes(claims) -> list[str]:
    """For each claim: the command that reproduces it, the note, and the switch when there is one."""
    lines = []
    for c in claims:
        lines.append(f"{c.id}. {c.command}")
        if c.source != "ord":
            lines.append(f"   {claim_source_line(c)}")
        lines.append(f"   {c.note}")
        if c.switch is not None:
            lines.append(f"   switch: {c.switch.command}  ->  {c.switch.ours} ({c.switch.status})")
    lines.append(claim_counts(claims))
    return lines


def claim_counts(claims) -> str:
    """'26 claims: 10 reproduced, ...': each status of engine.claims.STATUSES that occurs, in its order."""
    from scalescope.engine.claims import STATUSES

    counts = [(status, sum(c.status == status for c in claims)) for status in STATUSES]
    return f"{len(claims)} claims: " + ", ".join(f"{n} {status}" for status, n in counts if n)


def markdown_report(
    ds: Dataset,
    decomposition: Decomposition | None,
    fits: list[tuple[str, TrendFit]],
    comparison: Comparison | None,
    unlisted: str | None = None,
    *,
    unfitted=(),
    claims=(),
    claims_pending: bool = False,
    claims_first: bool = False,
) -> str:
    """The summary as Markdown, in the screen's order (``unlisted``: :func:`unlisted_line`, under
    the trend table; ``unfitted``: (series, why) not fitted; ``claims``: the essays' claims on this
    data, first where the screen shows them first). Every piece of text is escaped for Markdown (tui/text.py's
    ``markdown_text``): names come from files, and a name is never markup, HTML or a control
    sequence in the exported file."""
    from .text import markdown_text as md

    def row(cells) -> str:
        return "| " + " | ".join(md(cell) for cell in cells) + " |"

    def claims_section() -> list[str]:
        if claims_pending:
            return [f"- note: {md(CLAIMS_PENDING)}", ""]
        if not claims:
            return []
        out = [f"## {CLAIMS_HEADING}", "", row(CLAIMS_HEADERS), "|" + "---|" * len(CLAIMS_HEADERS)]
        return [*out, *(row(claim_cells(c)) for c in claims), ""]

    kind = ds.x.kind
    lines = [f"# scalescope: {md(ds.title)}", "", f"- x: {md(ds.x.name)}", f"- source: {md(ds.provenance)}"]
    lines += [*(f"- note: {md(note)}" for note in input_notes(ds)), ""]
    if claims_first:
        lines += claims_section()
    if decomposition is not None:
        lines += [
            "## Decomposition",
            "",
            *[f"> {md(line)}" for line in decomposition_heading(decomposition).splitlines()],
            "",
        ]
        lines += ["| figure | value | 95% CI / detail |", "|---|---|---|"]
        lines += [row(cells) for cells in decomposition_rows(decomposition, kind)]
        lines += ["", f"- {md(decomposition_method(decomposition))}"]
        lines += [f"- warning: {md(w)}" for w in decomposition.warnings]
        if decomposition.ci:  # as `scalescope decompose` and the summary say what the intervals are
            lines.append(f"- intervals: {md(decomposition.ci_method)}")
        lines.append("")
    if comparison is not None:  # the screen shows the comparison above the trend fits
        lines += [f"## Comparison: {md(comparison.series_a)} (A) vs {md(comparison.series_b)} (B)", ""]
        lines += ["| figure | value | detail |", "|---|---|---|"]
        lines += [row(cells) for cells in comparison_rows(comparison, kind)]
        # Ord's three kinds of progress (indented on the screen) as a nested list
        lines += ["", *[_md_item(line, md) for line in comparison_lines(comparison)], ""]
    if fits:
        lines += ["## Trend fits", "", row(FIT_HEADERS), "|" + "---|" * len(FIT_HEADERS)]
        from scalescope.engine.fit import slope_intervals

        # the same 95% intervals `scalescope fit` prints (the header names them)
        intervals = slope_intervals(ds, fits)
        lines += [row(fit_rows(name, fit, kind, intervals.get(name))) for name, fit in fits]
        # what each interval is (t with how many dof, the errors' scale), as `fit` and the summary print it
        lines += ["", *[f"- {md(line)}" for line in fit_method_lines(fits, intervals)]]
        lines.append("")
    if unfitted:  # as `scalescope fit` and the summary list them
        lines += [*(f"- warning: {md(line)}" for line in unfitted_lines(list(unfitted))), ""]
    if unlisted:
        lines += [f"- note: {md(unlisted)}", ""]
    if not claims_first:
        lines += claims_section()
    return "\n".join(lines)


def _md_item(line: str, md) -> str:
    """A summary line as a Markdown list item; a line indented on the screen (Ord's three kinds of
    progress, under their heading) as an item of the list above it."""
    text = line.lstrip(" ")
    return ("  - " if text != line else "- ") + md(text)


def _csv_number(value: float | None):
    """A figure in the CSV: infinity as ``inf`` (an interval's open end: float() reads it back),
    unknown as empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def _csv_gain_rows(section: str, estimate: float, lo: float, hi: float, reads: str) -> list[list]:
    """'+10 pp costs' as CSV rows: the multiple with its interval, and what it reads (``shown``,
    ``cannot_tell``: the slope's interval reaches 0, the trend may never gain 10 pp; ``never``;
    ``no_interval``), as the screen and ``fit --json``'s ``slope_ci.multiple_for_10_points`` say."""
    return [
        [section, "multiple_for_10_points", _csv_number(estimate), _csv_number(lo), _csv_number(hi)],
        [section, "multiple_for_10_points_reads", reads, "", ""],
    ]


def csv_report(
    decomposition: Decomposition | None,
    fits: list[tuple[str, TrendFit]],
    comparison: Comparison | None,
    notes: list[str] | tuple[str, ...] = (),
    intervals: dict | None = None,
) -> str:
    """The summary's figures, one per row; ``notes`` (``input_notes``) are rows of section ``note``;
    ``intervals`` (engine.fit.slope_intervals of ``fits``) give each fit's slope its 95% interval,
    its method, and '+10 pp costs' its interval and reading, as the screen shows them."""
    from .text import csv_cell

    intervals = intervals or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "figure", "value", "ci_low", "ci_high"])
    for note in notes:  # text from a file: printable, and never a spreadsheet formula
        writer.writerow(["note", csv_cell(note), "", "", ""])
    if decomposition is not None:
        d = decomposition
        for key in ("rl_boost", "inference_boost", "total_gain", "inference_share"):
            interval = d.ci.get(key)
            writer.writerow(["decomposition", key, getattr(d, key), *(interval.as_list() if interval else ["", ""])])
        writer.writerow(["decomposition", "compute_multiple", d.compute_multiple, "", ""])
        slope = d.ci.get("slope_per_decade")
        writer.writerow(
            ["decomposition", "slope_per_decade", d.fit.slope_per_decade, *(slope.as_list() if slope else ["", ""])]
        )
        writer.writerows(_csv_gain_rows("decomposition", d.fit.multiple_for_gain(10.0), *d.gain_multiple()))
        writer.writerow(["decomposition", "r_squared", d.fit.r_squared if d.fit.n_points > 2 else "", "", ""])
        if d.ci:
            writer.writerow(["decomposition", "ci_method", d.ci_method, "", ""])
        for warning in d.warnings:  # the screen's ⚠ lines (an interval including 0, an extrapolation)
            writer.writerow(["decomposition", "warning", csv_cell(warning), "", ""])
    for name, fit in fits:
        interval = intervals.get(name)
        known = interval is not None and math.isfinite(interval.low)
        bounds = [interval.low, interval.high] if known else ["", ""]
        writer.writerow([f"fit:{name}", "slope_per_decade", fit.slope_per_decade, *bounds])
        if interval is not None:
            writer.writerow([f"fit:{name}", "slope_ci_method", interval.method, "", ""])
        writer.writerows(_csv_gain_rows(f"fit:{name}", fit.multiple_for_gain(10.0), *_gain_of(interval)))
        writer.writerow([f"fit:{name}", "r_squared", fit.r_squared if fit.n_points > 2 else "", "", ""])
    if comparison is not None:
        c = comparison
        lo, hi = c.multiplier_interval
        # the rows the screen shows, each with its interval (compare --json's names)
        writer.writerow(["comparison", "efficiency_multiplier", *map(_csv_number, (c.efficiency_multiplier, lo, hi))])
        # what the screen says of each test, in its words ("cannot tell (not rejected)"), never a bare True
        writer.writerow(["comparison", "efficiency_multiplier_reads", csv_cell(c.slope_rows_read[1]), "", ""])
        writer.writerow(["comparison", "shared_slope_reads", csv_cell(c.shared_slope_reads[1]), "", ""])
        writer.writerow(["comparison", "shared_slope_p", _csv_number(c.shared_slope_p), "", ""])
        writer.writerow(["comparison", "at_score", c.at_score, "", ""])
        at_lo, at_hi = c.multiplier_at_score_ci
        writer.writerow(["comparison", "multiplier_at_score", *map(_csv_number, (c.multiplier_at_score, at_lo, at_hi))])
        writer.writerow(["comparison", "multiplier_used", c.headline, "", ""])
        writer.writerow(["comparison", "at_compute", c.at_compute, "", ""])
        gap = (c.vertical_gap, *c.vertical_gap_ci)
        writer.writerow(["comparison", "vertical_gap", *map(_csv_number, gap)])
        slope = (c.slope_difference, *c.slope_difference_ci)
        writer.writerow(["comparison", "slope_difference", *map(_csv_number, slope)])
        writer.writerow(["comparison", "slope_difference_reads", csv_cell(c.slope_rows_read[1]), "", ""])
        writer.writerow(["comparison", "on_trend_reads", csv_cell(c.on_trend_reads[1]), "", ""])
        writer.writerow(["comparison", "on_trend_p", _csv_number(c.on_trend_p), "", ""])
        if c.narrow:  # the screen's slope rows say 'cannot tell': these series carry no slope
            writer.writerow(["comparison", "narrow", csv_cell("; ".join(c.narrow)), "", ""])
        writer.writerow(["comparison", "verdict", c.grade, "", ""])
        writer.writerow(["comparison", "extrapolated", c.extrapolated, "", ""])
        # the lines the screen prints under the table: the verdict in words, Ord's three kinds of
        # progress (each with its 'cannot tell' and why) and the ⚠ notes
        for line in comparison_lines(c):
            writer.writerow(["comparison", "says", csv_cell(line), "", ""])
    return out.getvalue()


def clean_json(value):
    """NaN and infinity become null, so the output is strict JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if all(type(v) is str for v in value):  # names: nothing to clean (a fit lists every point's)
            return list(value)
        return [clean_json(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return clean_json(value.item())
    return value


INDENT_BELOW = 256 * 1024  # characters: larger documents are written compact


def to_json(value) -> str:
    """Strict JSON: indented for reading when it is small; compact when it is large (a fit of 1k
    series lists 100k model names), where json's C encoder is many times faster than the
    indenting one."""
    compact = json.dumps(clean_json(value), allow_nan=False)
    return compact if len(compact) > INDENT_BELOW else json.dumps(json.loads(compact), indent=2)


def json_report(
    ds: Dataset,
    decomposition,
    fits,
    comparison,
    unlisted: str | None = None,
    *,
    unfitted=(),
    claims=(),
    claims_pending: bool = False,
) -> str:
    """The summary as JSON: ``fits`` and ``unfitted`` as `scalescope fit --json` gives them, and
    ``claims`` as `scalescope claims --json` (null, with ``claims_note``, while still being checked)."""
    return to_json(
        {
            "dataset": ds.id,
            "decomposition": decomposition.as_dict() if decomposition else None,
            "fits": fits_json(ds, fits),
            "unfitted": dict(unfitted),
            "fits_note": unlisted,
            "comparison": comparison.as_dict() if comparison else None,
            "claims": None if claims_pending else [c.as_dict() for c in claims],
            "claims_note": CLAIMS_PENDING if claims_pending else None,
            "input_notes": input_notes(ds),
        }
    )


CLAIMS_HEADERS = ["#", "source", "claim", "figure", "scalescope", "status"]
CLAIMS_HEADING = "The essays' claims on this data"
CLAIMS_PENDING = "the essays' claims on this data were still being checked when this was exported (left out)"


def claim_cells(c) -> list[str]:
    """One claim as the summary's claims table shows it (:data:`CLAIMS_HEADERS`)."""
    return [str(c.id), c.source, c.claim, c.figure_label, c.ours, c.status]


def summary_export(a, kind: str, *, claims_pending: bool = False) -> str:
    """The summary of an :class:`~scalescope.tui.state.Analysis` as ``md``, ``csv`` or ``json``,
    with what the screen shows: the decomposition, the comparison, the trend fits, the series not
    fitted and why, and the essays' claims on this data (or, while the app still checks them, a
    line saying they were left out). One function, so the app's export key and tests agree."""
    fits = listed_fits(a.trends, a.decomposition, a.unfitted)  # as the summary lists them
    unlisted = None  # the series the trend table leaves out, said as the summary says it
    if a.decomposition is None and a.comparison is None and (fits or a.unfitted):
        unlisted = unlisted_line(a.dataset, [name for name, _ in fits] + [name for name, _ in a.unfitted])
    unfitted = list(a.unfitted)
    claims = () if claims_pending else tuple(a.claims)
    claims_first = a.decomposition is None and a.comparison is None  # the screen's order
    messages = list(a.messages)  # the summary's last ⚠ lines (e.g. why there is no decomposition)
    if kind == "md":
        text = markdown_report(
            a.dataset, a.decomposition, fits, a.comparison, unlisted,
            unfitted=unfitted, claims=claims, claims_pending=claims_pending, claims_first=claims_first,
        )  # fmt: skip
        from .text import markdown_text as md

        return text + "".join(f"- warning: {md(m)}\n" for m in messages)
    if kind == "csv":
        from scalescope.engine.fit import slope_intervals

        notes = [*input_notes(a.dataset), *([unlisted] if unlisted else [])]
        text = csv_report(a.decomposition, fits, a.comparison, notes, slope_intervals(a.dataset, fits))
        return text + csv_tail(unfitted, claims, claims_pending, messages)
    if kind == "json":
        data = json.loads(
            json_report(
                a.dataset, a.decomposition, fits, a.comparison, unlisted,
                unfitted=unfitted, claims=claims, claims_pending=claims_pending,
            )
        )  # fmt: skip
        return to_json({**data, "messages": messages})
    raise ValueError(f"unknown export kind {kind!r}")


def csv_tail(unfitted, claims, claims_pending: bool = False, messages=()) -> str:
    """The CSV rows after the figures: each series not fitted with why (``unfitted``, as `fit
    --json`), and the essays' claims (section ``claim:N``: each column of the screen's table)."""
    from .text import csv_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for name, reason in unfitted:
        writer.writerow([f"unfitted:{csv_cell(name)}", "reason", csv_cell(reason), "", ""])
    for c in claims:
        for header, cell in zip(CLAIMS_HEADERS[1:], claim_cells(c)[1:]):
            writer.writerow([f"claim:{c.id}", header, csv_cell(cell), "", ""])
    if claims_pending:
        writer.writerow(["note", CLAIMS_PENDING, "", "", ""])
    for message in messages:
        writer.writerow(["warning", csv_cell(message), "", "", ""])
    return out.getvalue()
