"""Meaning never depends on colour: the decomposition's RL and inference segments differ by glyph,
the legends name them by glyph, the in-chart legend covers nothing, and NO_COLOR keeps every mark
in the foreground colour."""

from __future__ import annotations

from rich.text import Text

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.chart import INFERENCE_MARKER, RL_MARKER
from scalescope.tui.widgets.chart_view import ScalingChart


async def settle(app, pilot):
    await pilot.pause()
    ours = [w for w in app.workers if w.group in ("analysis", "open")]
    if ours:
        await app.workers.wait_for_complete(ours)
    await pilot.pause()


async def test_segments_differ_by_glyph_and_the_legend_covers_nothing(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        assert chart.spec.legend
        lines = chart.plain_text().splitlines()
        rl_legend = next(i for i, line in enumerate(lines) if "RL boost" in line)
        inf_legend = next(i for i, line in enumerate(lines) if "inference" in line)
        trend_legend = next(i for i, line in enumerate(lines) if "trend lines" in line)
        glyph = {i: lines[i].split()[1][0] for i in (rl_legend, inf_legend, trend_legend)}
        assert glyph[rl_legend] == RL_MARKER and glyph[inf_legend] == INFERENCE_MARKER
        assert len(set(glyph.values())) == 3  # three different glyphs, not one braille block
        legend_rows = {i for i, line in enumerate(lines) if "│ " in line[:6] and any(c.isalpha() for c in line)}
        last_legend = max(legend_rows)
        # the bar itself (outside the legend) starts below the legend: nothing drawn under it
        bar_rows = [i for i, line in enumerate(lines) if INFERENCE_MARKER in line and i not in legend_rows]
        assert bar_rows and min(bar_rows) > last_legend
        border = str(chart.border_subtitle)
        assert f"{RL_MARKER} RL boost" in border and f"{INFERENCE_MARKER} inference" in border
        assert "green" not in border and "red" not in border


async def test_no_color_draws_every_mark_in_the_foreground(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        assert chart.spec.monochrome
        text = Text.from_ansi(chart.plt.build())
        colours = set()
        for span in text.spans:
            piece = text.plain[span.start : span.end]
            if any(ch in piece for ch in (INFERENCE_MARKER, RL_MARKER, "▲", "●", "◆", "⣀")):
                colours.add(str(span.style.color) if span.style and not isinstance(span.style, str) else span.style)
        # one colour at most (the theme's foreground), never a per-series colour that a
        # monochrome terminal turns into a grey near the background
        assert len(colours) <= 1, colours
        assert INFERENCE_MARKER in text.plain
