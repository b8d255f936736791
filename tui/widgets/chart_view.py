"""The log-x / linear-x chart: a PlotextPlot that draws a ChartSpec.

Rendering: plotext lays out its figure as a matrix of cells (marker, colour, style, background);
the chart takes that matrix straight into Textual ``Strip``s, one run of equal colours per
``Segment`` (no ANSI text built by plotext and parsed back by ``Text.from_ansi``), once per
change: a spec, a size or a theme. Any other repaint (focus, a toast, a dialog closing) reuses the
strips. ``plain_text`` (tests, screen readers) still goes through plotext's own ``build``.

The strips of the last few charts are kept (``KEPT``), keyed by what the chart draws (``spec_key``:
the very result objects of the analysis and every switch), its size and theme: a chart shown again
(log/linear back, a dataset shown before) is neither drawn on plotext nor laid out again. Plotext's
figure is drawn for the current spec when it is needed (``plt``): a build, a plain-text copy.

The app's very first paint leaves the chart's place blank and lays the chart out right after it,
in the ~16 ms Textual waits before its next refresh, which paints it (``render_line``); the
app's own work left for then (``after_first_paint``: the first view's intervals) runs just before.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import fields, replace

import plotext._utility as plotext_utility
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual_plotext import PlotextPlot

from ..chart import LEGEND_MIN, ChartSpec, draw_chart, legend_line

# plotext's own themes used when the app theme is an ANSI one: the auto theme renders axes
# black on black there (see DESIGN.md)
ANSI_PLOT_THEMES = {"ansi-dark": "dark", "ansi-light": "clear"}


class ScalingChart(PlotextPlot):
    """Draws the current dataset, trend and decomposition; redraws on resize by itself."""

    DEFAULT_CSS = """
    ScalingChart { min-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec: ChartSpec | None = None
        self._drawn: ChartSpec | None = None  # the spec plotext's figure holds
        self._version = 0  # bumped when the theme changes
        self._strips_key: tuple | None = None
        self._strips: list[Strip] = []
        # strips and border legends of the last charts, newest last: (spec, what was made of it)
        self._kept: OrderedDict[tuple, tuple[ChartSpec, object]] = OrderedDict()
        self.builds = 0  # how many times the figure was laid out (tests: a key redraws once)
        self._first_paint = True  # see render_line
        self._first_scheduled = False
        self.painted: tuple | None = None  # the strips' key of the last chart painted

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda theme: self._follow_theme(theme.name))
        self._follow_theme(self.app.theme)

    def _follow_theme(self, name: str) -> None:
        self.theme = ANSI_PLOT_THEMES.get(name, "auto")
        if self.theme == "auto":
            self._register_theme(name)
        self._version += 1
        self.refresh()

    LEGEND_MIN = LEGEND_MIN  # below this size the legend box would hide the points

    def _wants_legend(self) -> bool:
        return self.size.width >= self.LEGEND_MIN[0] and self.size.height >= self.LEGEND_MIN[1]

    def show(self, spec: ChartSpec) -> None:
        self.spec = replace(
            spec,
            legend=self._wants_legend(),
            monochrome=bool(getattr(self.app, "no_color", False)),  # NO_COLOR (Textual reads it)
            size=(self.size.width, self.size.height),
        )
        # the figure is drawn on plotext when it is built (a chart kept from before is not)
        # the border's legend: what is drawn, fitted to the border (cut entries read as noise)
        width = max(0, self.size.width - 6) or None
        key = ("legend", spec_key(self.spec), width)
        legend = self._kept_for(key)
        if legend is None:
            legend = self._keep(key, legend_line(self.spec, width=width))
        self.border_subtitle = legend
        self.refresh()

    def _follow_size(self) -> None:
        if self.spec is None or not self.size.area:
            return
        if self.spec.size != (self.size.width, self.size.height):
            # the legend, the room kept above the data for it, which error bars reach past their
            # marker's row and where the decomposition's segments sit all follow the size
            self.show(self.spec)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The app shows its first dataset before the chart has a size: the figure (its legend, the
        # border's legend) follows the size as the layout gives it, before the first paint, so
        # that paint is the chart's only one (following it while painting, the border's legend
        # changed mid-paint and the chart was painted again).
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._follow_size()
        return resized

    def render_line(self, y: int) -> Strip:
        if self._first_paint:
            # The app's first frame: the screen is painted with the chart's place blank, and the
            # chart is laid out in the time the app then waits for its next refresh (Textual
            # repaints at most 60 times a second), so it is on screen by that refresh. Plotext's
            # layout was ~5-7 ms of that first paint. Only the first paint: later ones lay the
            # chart out as they paint it, so no other paint shows a blank chart.
            if not self._first_scheduled:
                self._first_scheduled = True
                self.call_later(self._after_first_paint)
            if self.spec is not None and self._strips_key is None:
                return Strip.blank(self.size.width, self.visual_style.rich_style)
        strips = self._current_strips()
        self.painted = self._strips_key
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    KEPT = 16  # strips and legends kept (8 charts)

    @property
    def plt(self):
        """Plotext's figure, drawn for the current spec (use it to build or read the chart)."""
        if self.spec is not None and self._drawn is not self.spec:
            draw_chart(self._plot, self.spec)
            self._drawn = self.spec
        return self._plot

    def _current_strips(self) -> list[Strip]:
        width, height = self.size
        base = self.visual_style.rich_style
        spec = self.spec
        key = (spec_key(spec), self._version, width, height, self.app.theme, self.theme, base)
        if key != self._strips_key:
            strips = self._kept_for(key)
            if strips is None:
                strips = self._keep(key, self._build_strips(width, height, base))
            self._strips = strips
            self._strips_key = key
        return self._strips

    def _after_first_paint(self) -> None:
        """First thing after the first paint, and after Textual's refresh timer has started (the
        wait before the next refresh runs from then: work done here is not added to it). The
        app's work left for this moment runs first (its intervals: they change the spec)."""
        self._first_paint = False
        after = getattr(self.app, "after_first_paint", None)
        if callable(after):
            after()
        if self.spec is not None:
            self._current_strips()  # laid out now, painted by the next refresh
            self.refresh()

    def _kept_for(self, key: tuple):
        kept = self._kept.get(key)
        if kept is None:
            return None
        self._kept.move_to_end(key)
        return kept[1]

    def _keep(self, key: tuple, value):
        self._kept[key] = (self.spec, value)  # the spec keeps the objects its key names alive
        while len(self._kept) > self.KEPT:
            self._kept.popitem(last=False)
        return value

    def _build_strips(self, width: int, height: int, base: Style) -> list[Strip]:
        """Lay the figure out (plotext) and turn its cell matrix into one strip per row. Never
        crash: a plotext failure shows as a message in the chart's place."""
        if width <= 0 or height <= 0:
            return []
        try:
            plot = self.plt  # drawn for the current spec
            plot.plotsize(width, height)
            plot._set_size(width, height)
            plot.theme(self._get_plotext_theme_name(self.app.theme))
            plot._set_sizes()
            with _cell_coordinates_in_numpy():
                plot._build_matrix()  # what plotext's build() does before writing ANSI text
            self.builds += 1
            return matrix_strips(plot.monitor.matrix, width, base)
        except Exception as exc:  # plotext has index errors on some degenerate inputs
            message = f"(chart could not be drawn: {type(exc).__name__}; the summary is still valid)"
            style = base + Style(dim=True)
            return [Strip([Segment(message, style)]).crop_extend(0, width, style)]

    def render(self):
        """Whole-widget render (Textual's default path); the chart draws through render_line."""
        return Text("\n".join(strip.text for strip in self._current_strips()))

    def plain_text(self) -> str:
        """The chart as plain text (what a test or a screen reader sees)."""
        from rich.text import Text

        self._follow_size()
        return Text.from_ansi(self.plt.build()).plain


_SCALE, _UNSCALE = 10**8, 10 ** (-8)  # plotext's round(x, 8), as it computes them
_PLOTEXT_CELLS = plotext_utility.get_matrix_data  # plotext's own (the function it is swapped for)


def cell_coordinates(data, lim, bins) -> list:
    """plotext's ``get_matrix_data`` (each value's cell on an axis of ``bins`` cells spanning
    ``lim``: ``floor(round(0.5 + (bins - 1) * (x - lim[0]) / (lim[1] - lim[0]), 8))`` with
    plotext's own ``round``), in numpy: the same IEEE operations in the same order, so the same
    integers, for a whole axis of points at once instead of one Python call per point (3,000
    points: ~2 ms -> 0.1 ms). Anything else than finite numbers (None, NaN, infinity, text, an
    empty range) goes to plotext's own function, as do short lists."""
    import numpy as np

    get_matrix_data = _PLOTEXT_CELLS
    if len(data) < 16:
        return get_matrix_data(data, lim, bins)
    try:
        x = np.asarray(data, dtype=float)
        lo, hi = float(lim[0]), float(lim[1])
    except (TypeError, ValueError):
        return get_matrix_data(data, lim, bins)
    span = hi - lo
    if x.ndim != 1 or span == 0 or not (np.isfinite(x).all() and np.isfinite(span)):
        return get_matrix_data(data, lim, bins)
    v = 0.5 + float(bins - 1) * (x - lo) / span
    n = v * float(_SCALE)
    f = np.floor(n)
    r = np.where(n - f < 0.5, f, np.ceil(n))
    return np.floor(r * _UNSCALE).astype(np.int64).tolist()


class _cell_coordinates_in_numpy:
    """While the chart lays its figure out, plotext maps points to cells with ``cell_coordinates``
    (plotext's own ``build()``, which ``plain_text`` and the tests use, keeps its function)."""

    def __enter__(self):
        plotext_utility.get_matrix_data = cell_coordinates

    def __exit__(self, *exc):
        plotext_utility.get_matrix_data = _PLOTEXT_CELLS


def spec_key(spec: ChartSpec | None) -> tuple | None:
    """What a chart draws, as a key: every switch by value, every engine result (the dataset, the
    fits, the decomposition, the comparison, the frontier) by identity. A kept chart holds its spec,
    so the objects its key names stay alive and no other object can take their ids."""
    if spec is None:
        return None
    key = []
    for f in fields(spec):
        value = getattr(spec, f.name)
        if f.name == "trends":
            key.append(tuple((name, id(fit)) for name, fit in value))
        elif f.name in ("dataset", "decomposition", "comparison", "frontier"):
            key.append(id(value))
        else:
            key.append(value)
    return tuple(key)


_STYLES: dict[object, Style] = {}

# The SGR codes plotext writes for its styles, as rich's AnsiDecoder reads them (rich.ansi's
# SGR_STYLE_MAP); a code outside these goes through Text.from_ansi itself
_SGR_STYLES = {
    1: "bold",
    2: "dim",
    3: "italic",
    4: "underline",
    5: "blink",
    7: "reverse",
    9: "strike",
    21: "underline2",
}


def cell_style(fullground, style, background) -> Style:
    """The rich Style of a plotext cell's colours, decoded once per distinct combination from the
    very ANSI codes plotext would write (so the strips look exactly like its text output)."""
    try:
        key: object = (fullground, style, background)
        found = _STYLES.get(key)
    except TypeError:  # a colour given as a list
        key = repr((fullground, style, background))
        found = _STYLES.get(key)
    if found is None:
        from plotext._utility import colors_to_ansi

        found = _STYLES[key] = sgr_style(colors_to_ansi(fullground, style, background))
    return found


def sgr_style(ansi: str) -> Style:
    """The style rich's ``Text.from_ansi`` gives text after these SGR escapes (plotext writes
    ``ESC[48;5;Nm``/``ESC[48;2;R;G;Bm``, the same with 38, and ``ESC[1;3m``), built by the same
    steps as rich's AnsiDecoder, without importing rich.ansi (its import and regex parse were
    ~1 ms of the first frame). Anything else is decoded by rich itself."""
    style = Style.null()
    for escape in ansi.split("\x1b[")[1:]:
        body = escape[:-1] if escape.endswith("m") else None
        if not body or not all(code.isdigit() for code in body.split(";")):
            return _rich_sgr_style(ansi)
        codes = iter(min(255, int(code)) for code in body.split(";"))
        for code in codes:
            if code in _SGR_STYLES:
                style += Style.parse(_SGR_STYLES[code])
            elif code in (38, 48):
                try:
                    kind = next(codes)
                    if kind == 5:
                        color = Color.from_ansi(next(codes))
                    elif kind == 2:
                        color = Color.from_rgb(next(codes), next(codes), next(codes))
                    else:
                        return _rich_sgr_style(ansi)
                except StopIteration:  # a colour cut short
                    return _rich_sgr_style(ansi)
                style += Style.from_color(color) if code == 38 else Style.from_color(bgcolor=color)
            else:
                return _rich_sgr_style(ansi)
    return style


def _rich_sgr_style(ansi: str) -> Style:
    text = Text.from_ansi(ansi + "x\x1b[0m")
    found = text.spans[0].style if text.spans else Style.null()
    return Style.parse(found) if isinstance(found, str) else found


def matrix_strips(matrix, width: int, base: Style) -> list[Strip]:
    """plotext's cell matrix (rows bottom-up) as Strips top-down, one Segment per run of cells
    with the same colours."""
    strips = []
    for row in range(matrix.rows - 1, -1, -1):
        markers, fg, st, bg = matrix.marker[row], matrix.fullground[row], matrix.style[row], matrix.background[row]
        cols = len(markers)
        segments = []
        start = 0
        for col in range(1, cols + 1):
            if col == cols or fg[col] != fg[start] or st[col] != st[start] or bg[col] != bg[start]:
                segments.append(
                    Segment("".join(markers[start:col]), base + cell_style(fg[start], st[start], bg[start]))
                )
                start = col
        strips.append(Strip(segments).crop_extend(0, width, base))
    return strips
