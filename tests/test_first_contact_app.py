"""Issue #20, the app half (items 5, 7, 8, 9, 11): what a new user meets on screen at 80x24.

Each test drives the app through the pilot (press keys, read the screen) or checks a drawing
function against numbers computed here, independently.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.footer import PRIORITY, SHORT, footer_keys

from .screen import screen_lines, screen_text
from .test_app import press, settle

# ---- item 9: the points table, the footer and the `v` dialog at 80 columns -----------------


async def test_points_table_at_80_columns_shows_compute_and_score(tmp_path):
    """At 80x24 the table shows model, compute, score and ± without scrolling sideways; the
    caption says how to reach the other columns."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        lines = screen_lines(app)
        header = next(line for line in lines if " model " in line and "compute" in line)
        assert "score %" in header and "±" in header
        # the first point of math-level-5, as the bundled CSV has it
        ds = app.current
        first = ds.points.records()[0]
        row = next(line for line in lines if line.startswith("▶"))
        assert f"{first['score']:.2f}" in row
        assert f"{first['score_stderr']:.2f}" in row
        assert "← → more columns" in screen_text(app)
        # → scrolls to the rest: the source column comes into view
        table = app.query_one("#points")
        for _ in range(60):
            await pilot.press("right")
        await settle(app, pilot)
        assert table.scroll_x > 0
        assert "source" in screen_text(app)


def _app_bindings():
    return [(b, True, "") for b in ScalescopeApp.BINDINGS if b.show]


@given(st.integers(min_value=20, max_value=300))
def test_footer_keys_fit_their_width_and_follow_the_priority(width):
    keys, palette = footer_keys(_app_bindings(), width)
    used = sum(cell_len(b.key_display or b.key) + 1 + cell_len(label) + 1 for b, _, _, label in keys)
    assert used <= width
    ids = [b.id for b, *_ in keys]
    # binding order kept
    order = [b.id for b, *_ in _app_bindings()]
    assert ids == [i for i in order if i in ids]
    # a key is left out only if it did not fit after every key of higher priority that did
    for i, name in enumerate(PRIORITY):
        if name in ids:
            continue
        label = SHORT[name]
        key = next(b.key_display or b.key for b, *_ in _app_bindings() if b.id == name)
        kept_before = [p for p in PRIORITY[:i] if p in ids]
        cost = sum(
            cell_len(next(b.key_display or b.key for b, *_ in _app_bindings() if b.id == p)) + 2 + len(SHORT[p])
            for p in kept_before
        )
        assert cost + cell_len(key) + 2 + len(label) > width
    if palette:
        assert len(ids) == len(order)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_shows_the_important_keys(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        footer = screen_lines(app)[-1]
        for shown in ("? Help", "q Quit", "p Points", "e Export", "o Open", "d Data", "l Log/lin", "c Compare"):
            assert shown in footer, (shown, footer)
        if size[0] >= 120:
            assert "Frontier" in footer and "Claims" in footer
        # a resize narrower drops keys by priority and keeps help and quit
        await pilot.resize_terminal(60, 24)
        await settle(app, pilot)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "? Help" in footer and "q Quit" in footer and "e Export" in footer


@pytest.mark.parametrize("no_color", [False, True])
async def test_series_dialog_checked_and_unchecked_rows_differ(no_color, tmp_path, monkeypatch):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "v")
        first = app.current.series[0]
        rows = [line for line in screen_lines(app) if first in line and "▐" in line]
        assert rows and "▐X▌" in rows[0]
        await press(app, pilot, "space")  # hide the first series
        rows = [line for line in screen_lines(app) if first in line and "▐" in line]
        assert rows and "▐ ▌" in rows[0] and "▐X▌" not in rows[0]
        others = [line for line in screen_lines(app) if "▐X▌" in line and first not in line]
        assert others, "the other series stay checked"
