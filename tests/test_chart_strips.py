"""The chart's strips (plotext's cell matrix taken straight into Segments, tui/widgets/chart_view.py)
are what plotext's own ANSI text shows, cell for cell: the same characters and the same colours
(decoded by rich's Text.from_ansi, the path they replace). A key redraws the chart once; a
repaint that changes nothing (focus, a toast) lays nothing out again."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.chart_view import ScalingChart

from .screen import settle


def cells_of_ansi(chart: ScalingChart) -> list[list[tuple[str, object]]]:
    """Each row's (character, style) from plotext's build() decoded by Text.from_ansi."""
    console = Console(width=1000, color_system="truecolor")
    base = chart.visual_style.rich_style  # the widget's own style lies under every cell
    rows = []
    for line in Text.from_ansi(chart.plt.build()).split("\n", allow_blank=True)[: chart.size.height]:
        cells = []
        for seg in line.render(console):
            cells += [(ch, base + (seg.style or Style())) for ch in seg.text]
        rows.append(cells)
    return rows


def cells_of_strips(chart: ScalingChart) -> list[list[tuple[str, object]]]:
    rows = []
    for strip in chart._current_strips():
        cells = []
        for seg in strip:
            cells += [(ch, seg.style) for ch in seg.text]
        rows.append(cells)
    return rows


@pytest.mark.parametrize(
    ("dataset", "size", "keys"),
    [
        ("math-level-5", (200, 50), ""),
        ("math-level-5", (80, 24), "l"),
        ("arc-agi-1-o1-o3", (120, 40), "w"),
        ("gpqa-diamond", (100, 30), "f"),
    ],
)
async def test_strips_equal_plotext_text_cell_for_cell(dataset, size, keys):
    app = ScalescopeApp(dataset, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        strips = cells_of_strips(chart)
        ansi = cells_of_ansi(chart)
        assert len(strips) == chart.size.height
        for y, (got, want) in enumerate(zip(strips, ansi)):
            want = want + [(" ", chart.visual_style.rich_style)] * (len(got) - len(want))
            assert "".join(c for c, _ in got) == "".join(c for c, _ in want), y
            assert [s for _, s in got] == [s for _, s in want], y
        assert len({s for row in strips for _, s in row}) > 3  # colours came through


async def test_a_key_lays_the_chart_out_once_and_a_repaint_not_at_all():
    app = ScalescopeApp("math-level-5", n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        before = chart.builds
        await pilot.press("l")
        await settle(app, pilot)
        assert chart.builds == before + 1
        first = [strip.text for strip in chart._current_strips()]
        chart.refresh()  # a repaint with nothing changed
        app.notify("hello")
        await settle(app, pilot)
        assert chart.builds == before + 1
        assert [strip.text for strip in chart._current_strips()] == first
        assert "linear scale" in "\n".join(first)


@pytest.mark.parametrize("size", [(200, 50), (80, 24)])
async def test_the_first_frame_lays_the_chart_out_once_at_its_size(size):
    """The app shows its first dataset before the chart has a size; the chart is drawn when first
    painted, at the size it is painted at (legend included), not once at no size and again when
    the Resize event comes."""
    app = ScalescopeApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        chart = app.query_one(ScalingChart)
        assert chart.builds == 1
        assert chart.spec.size == (chart.size.width, chart.size.height)
        assert chart.spec.legend == chart._wants_legend()
        assert chart.border_subtitle  # the border's legend, fitted to the border
        await settle(app, pilot)
        assert chart.builds == 1  # the claims worker and its summary redraw leave the chart alone


def test_segments_are_runs_of_one_style():
    from scalescope.tui.widgets.chart_view import matrix_strips

    class M:
        rows = 1
        marker = [list("ab cd")]
        fullground = [["red", "red", "default", "blue", "blue"]]
        style = [["default"] * 5]
        background = [["default"] * 5]

    (strip,) = matrix_strips(M, 7, Style())
    segments = list(strip)
    assert [s.text for s in segments[:3]] == ["ab", " ", "cd"] and strip.cell_length == 7
    assert isinstance(segments[0], Segment) and segments[0].style.color.number == 1  # plotext red: ANSI colour 1
    assert segments[2].style.color.number == 4 and segments[1].style.color is None


def test_cell_coordinates_are_plotexts_own():
    """The chart maps points to cells in numpy (chart_view.cell_coordinates) while it lays its
    figure out; the integers are plotext's get_matrix_data's, point for point: random axes, values
    on and a hair either side of cell boundaries and of plotext's rounding (8 decimals), outside
    the range, and what plotext handles its own way (None, NaN, infinity, short lists)."""
    import math

    import numpy as np
    from plotext._utility import get_matrix_data

    from scalescope.tui.widgets.chart_view import cell_coordinates

    rng = np.random.default_rng(22)
    for _ in range(2000):
        bins = int(rng.integers(1, 900))
        lo = float(rng.uniform(-8, 8))
        hi = lo + float(rng.choice([rng.uniform(1e-7, 1e-3), rng.uniform(1e-3, 1), rng.uniform(1, 1e4)]))
        x = list(rng.uniform(lo - (hi - lo), hi + (hi - lo), int(rng.integers(16, 300))))
        step = (hi - lo) / max(bins - 1, 1)
        for k in rng.integers(0, bins, 6):  # cell boundaries (k + 0.5 before the floor) and near them
            edge = lo + (int(k) - 0.5) * step
            x += [edge + e for e in (0.0, 1e-13, -1e-13, 4e-9 * step, -4e-9 * step, 6e-9 * step, -6e-9 * step)]
        got = cell_coordinates(x, [lo, hi], bins)
        want = get_matrix_data(x, [lo, hi], bins)
        assert got == want and all(type(v) is int for v in got)

    def outcome(function, data):
        try:
            return function(data, [0, 1], 50)
        except Exception as exc:  # plotext fails on some inputs (infinity, text): so must the chart
            return type(exc)

    for odd in ([1.0, None] * 10, [1.0, math.nan] * 10, [1.0, math.inf] * 10, ["2024-01-01"] * 20, [0.5] * 3):
        assert outcome(cell_coordinates, odd) == outcome(get_matrix_data, odd)
    assert outcome(get_matrix_data, [1.0, math.inf] * 10) is OverflowError  # the test sees a failure


def test_cell_styles_are_what_rich_decodes_from_plotexts_codes():
    """A cell's style is built from the SGR codes plotext writes for its colours (without rich's
    ANSI decoder, which the first frame no longer imports) and is the very Style rich's
    Text.from_ansi gives: every named and 256-colour foreground and background, RGB colours,
    every plotext style and combinations of them; a code plotext does not write (a reset, a
    colour cut short) goes through rich itself."""
    import plotext._utility as plotext_utility

    from scalescope.tui.widgets.chart_view import sgr_style

    def decoded_by_rich(ansi: str) -> Style:
        text = Text.from_ansi(ansi + "x" + plotext_utility.ansi_end)
        found = text.spans[0].style if text.spans else Style.null()
        return Style.parse(found) if isinstance(found, str) else found

    names = list(plotext_utility.colors)
    styles = [*plotext_utility.styles, "bold italic", "dim underline", "bold dim strike inverted flash"]
    cases = [(fg, style, bg) for fg in names for style in styles for bg in names]
    cases += [(fg, style, bg) for fg in range(256) for style in ("default", "bold") for bg in ("default", 17)]
    cases += [("default", "default", bg) for bg in range(256)]
    cases += [(rgb, "italic", (1, 2, 3)) for rgb in ((0, 0, 0), (255, 255, 255), (10, 200, 30))]
    seen = set()
    for fg, style, bg in cases:
        ansi = plotext_utility.colors_to_ansi(fg, style, bg)
        assert sgr_style(ansi) == decoded_by_rich(ansi), (fg, style, bg, ansi)
        seen.add(ansi)
    assert len(seen) > 1000
    for odd in ("", "\x1b[0m", "\x1b[38;5m", "\x1b[38;5;9;1m", "\x1b[39;49m", "\x1b[48;2;1;2m"):
        assert sgr_style(odd) == decoded_by_rich(odd), repr(odd)


@pytest.mark.parametrize("size", [(200, 50), (80, 24)])
async def test_the_first_chart_is_laid_out_after_the_first_paint_and_shown_by_the_next_refresh(size, monkeypatch):
    """The first paint leaves the chart's place blank (plotext's layout is not part of it); the
    chart is laid out right after and painted by the next refresh, before anything waiting for
    that refresh runs (the benchmark's first frame, a test's `call_after_refresh`). Every later
    paint draws the chart: none is blank."""
    painted_blank, painted_drawn = [], []
    render_line = ScalingChart.render_line

    def recorded(self, y):
        strip = render_line(self, y)
        (painted_drawn if self.painted is not None else painted_blank).append(y)
        return strip

    monkeypatch.setattr(ScalingChart, "render_line", recorded)
    seen = []

    class Recording(ScalescopeApp):
        def on_mount(self, event):
            super().on_mount()
            event.prevent_default()  # ScalescopeApp's on_mount once (Textual calls each class's)
            self.call_after_refresh(lambda: seen.append(self.query_one(ScalingChart).painted))

    app = Recording(n_boot=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        chart = app.query_one(ScalingChart)
        assert seen and seen[0] is not None and seen[0] == chart._strips_key
        assert chart.builds == 1
        # the blank paint was the first one, of the chart's rows only once
        assert painted_blank and len(painted_blank) == len(set(painted_blank)) <= chart.size.height
        blank_paints = len(painted_blank)
        await pilot.resize_terminal(size[0] - 10, size[1] - 2)
        await settle(app, pilot)
        assert len(painted_blank) == blank_paints  # a resize lays out and paints, never blank
        assert chart.builds == 2 and chart.painted == chart._strips_key
        assert any(strip.text.strip() for strip in chart._current_strips())
