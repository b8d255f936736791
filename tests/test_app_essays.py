"""The app's essay views through the pilot: the ARC chart as the essay drew it with its reading,
the frontier (w), the claims (a) and the boosts side by side (s), at 80x24 and 120x40."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable, TabbedContent

from scalescope.engine.catalog import load_bundled
from scalescope.engine.claims import CLAIMS, claims_for
from scalescope.engine.frontier import frontier
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.screens.essays import EssaysScreen
from scalescope.tui.widgets.chart_view import ScalingChart
from scalescope.tui.widgets.summary import Summary

from .screen import screen_lines

SIZES = [(80, 24), (120, 40)]


async def settle(app, pilot):
    await pilot.pause()
    ours = [w for w in app.workers if w.group in ("analysis", "open", "essays", "claims")]
    if ours:
        await app.workers.wait_for_complete(ours)
    await pilot.pause()


async def press(app, pilot, *keys):
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_arc_essay_chart_reads_as_the_essay_and_the_frontier_toggles(size, tmp_path):
    app = ScalescopeApp("arc-agi-1-o1-o3", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary).plain
        assert summary.startswith("The essays' claims on this data")  # the essay's reading comes first
        rows = [line.split() for line in summary.splitlines()]
        for c in claims_for("arc-agi-1-o1-o3"):
            row = next(r for r in rows if r and r[0] == c.id)  # the row's first line: id, source, claim, ..., status
            assert row[1] == c.source and row[2] == c.claim.split()[0] and row[-1] == c.status
        assert "Frontier:" not in summary
        chart = app.query_one(ScalingChart)
        assert chart.spec.frontier is None
        before = chart.plain_text()
        await press(app, pilot, "w")
        assert chart.plain_text() != before  # the step line is drawn
        f = frontier(load_bundled("arc-agi-1-o1-o3"))
        assert chart.spec.frontier == f
        assert "frontier" in chart.border_subtitle
        summary = app.query_one(Summary).plain
        assert f"Frontier: {len(f.points)} of {f.considered} points" in summary
        for p in f.points:
            assert p.model in summary
        await press(app, pilot, "w")
        assert chart.spec.frontier is None and "Frontier:" not in app.query_one(Summary).plain


async def test_frontier_stays_on_across_datasets_and_counts_unknown_compute(tmp_path):
    app = ScalescopeApp("arc-agi-1-o1-o3", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "w")
        app.show_dataset("arc-agi-1-semi-private")
        await settle(app, pilot)
        text = app.query_one(Summary).plain
        assert "left out, compute unknown (2)" in text and "o1-preview-2024-09-12" in text  # o3 high: one run
        assert app.query_one(ScalingChart).spec.frontier is not None


@pytest.mark.parametrize("size", [SIZES[0], pytest.param(SIZES[1], marks=pytest.mark.slow)])  # 120x40: slow tier
async def test_claims_and_boosts_views(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=200)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "a")
        screen = app.screen
        assert isinstance(screen, EssaysScreen)
        table = screen.query_one("#claims-table", DataTable)
        assert table.row_count == len(CLAIMS)
        detail = screen.detail_plain
        assert "reproduce: scalescope decompose math-level-5" in detail
        assert "source: ord" in detail and "status: ∈ within_interval (not equal, but Ord's figure" in detail
        assert "in CI: inside" in detail
        assert [str(table.get_cell_at((0, i))) for i in (1, 2, 3)] == ["∈ within_interval", "inside", "ord"]
        # newcomer7: OTIS has no interval (row 4 was '≠ differs'); GPQA's share interval reaches below 50
        # (row 22 was '= reproduced'); OTIS has none for rows 20-21 (were '= reproduced', 'inside')
        cells = {str(table.get_cell_at((r, 0))): str(table.get_cell_at((r, 1))) for r in range(table.row_count)}
        in_ci = {str(table.get_cell_at((r, 0))): str(table.get_cell_at((r, 2))) for r in range(table.row_count)}
        assert [cells[i] for i in ("4", "20", "21", "22")] == ["? cannot_tell"] * 4
        assert [in_ci[i] for i in ("4", "20", "21", "22")] == ["-", "inside 2 of 3", "inside 2 of 3", "outside"]
        assert "≠" not in "".join(cells.values())
        await press(app, pilot, "down", "down")  # row 3: GPQA, with its switch
        detail = screen.detail_plain
        assert "#3" in detail and "--score" in detail and "MIXES two runs" in " ".join(detail.split())
        for _ in range(15):  # down to row 18: a cited figure says whose
            await press(app, pilot, "down")
        detail = screen.detail_plain
        assert "#18" in detail and "source: cited: OpenAI" in detail
        await press(app, pilot, "s")
        assert screen.query_one("#essay-tabs", TabbedContent).active == "tab-boosts"
        text = screen.boosts_plain
        for dataset_id in ("math-level-5", "gpqa-diamond", "otis-mock-aime"):
            assert re.search(rf"^{dataset_id} +█+░+$", text, re.M)  # a bar on its own line
        assert "RL boost [" in text and "total gain [" in text  # the intervals, drawn
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, EssaysScreen)
        await press(app, pilot, "s")
        assert app.screen.query_one("#essay-tabs", TabbedContent).active == "tab-boosts"
        await press(app, pilot, "q")
        assert not isinstance(app.screen, EssaysScreen)


def test_every_status_has_a_mark_and_a_style():
    from scalescope.engine.claims import STATUS_MEANING, STATUSES
    from scalescope.tui.screens.essays import STATUS_MARK, STATUS_STYLE

    assert tuple(STATUS_MARK) == tuple(STATUS_STYLE) == tuple(STATUS_MEANING) == STATUSES
    assert len(set(STATUS_MARK.values())) == len(STATUSES)  # told apart without colour


async def test_help_lists_the_new_keys(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        keys = {b.key: b.description for b in app.BINDINGS}
        assert keys["w"] == "Frontier" and keys["a"] == "Claims" and keys["s"] == "Boosts side by side"
        await press(app, pilot, "question_mark")
        shown = dict(app.screen.keys)  # (key as printed, what it does) rows of the help table
        assert shown["w"] == "Frontier" and shown["a"] == "Claims" and shown["s"] == "Boosts side by side"


async def test_claims_table_home_and_end_go_to_the_first_and_last_row(tmp_path):
    """End on the claims table went to its far right (blank cells, header gone); it goes to the
    last row, Home back to the first, and the detail follows."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "a")
        table = app.screen.query_one("#claims-table", DataTable)
        await press(app, pilot, "end")
        assert table.cursor_row == len(CLAIMS) - 1
        assert table.scroll_x == 0
        assert f"#{len(CLAIMS)}" in app.screen.detail_plain
        await press(app, pilot, "home")
        assert table.cursor_row == 0 and "#1 " in app.screen.detail_plain + " "


@pytest.mark.parametrize("keys", [("s",), ("a", "s")])
async def test_boosts_scroll_with_the_navigation_keys_at_80x24(tmp_path, keys):
    """The boosts tab takes the focus when shown, so End reaches its last bar (OTIS and its note)
    and Home comes back: PgDn and End did nothing, the focus stayed on the tab strip (newcomer7)."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=200)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, *keys)
        scroll = app.screen.query_one("#boosts-scroll")
        assert app.screen.focused is scroll
        assert scroll.max_scroll_y > 0  # taller than 80x24 leaves it: the test means something
        await press(app, pilot, "end")
        assert scroll.scroll_y == scroll.max_scroll_y
        await press(app, pilot, "home")
        assert scroll.scroll_y == 0
        await press(app, pilot, "pagedown")
        assert scroll.scroll_y > 0
        await press(app, pilot, "a")  # back to the claims: the table has the keys again
        assert app.screen.focused is app.screen.query_one("#claims-table")


def _table_lines(app) -> list[str]:
    """The claims table's rows as shown: the lines that start with a claim's number."""
    return [line for line in screen_lines(app) if re.match(r"^ \d+ ", line)]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_claims_cells_cut_end_in_an_ellipsis_and_right_shows_whole_columns(size, tmp_path):
    """The claims table ran past the screen's edge: at 200x50 row 26's claim was cut there with no
    '…' ('... a left shift is a constant facto'), at 80x24 every claim ('MATH level 5: RL / infe'),
    and → moved a few cells a press (newcomer8 F). A cell cut to its column ends in '…' and nothing
    reaches the edge; → shows the next screenful of whole columns ('#' and status stay)."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    width = size[0]
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "a")
        table = app.screen.query_one("#claims-table", DataTable)
        assert table.row_count == len(CLAIMS)
        lines = _table_lines(app)
        # none cut by the edge: a space (the cell's padding) before the scrollbar, on every row
        assert lines and all(line[: width - 2].endswith(" ") for line in lines), lines
        claims = {c.id: c for c in app.screen.claims}
        for r in range(table.row_count):
            claim = claims[str(table.get_cell_at((r, 0)))]
            cell = str(table.get_cell_at((r, 5)))
            assert cell == claim.claim or (cell.endswith("…") and claim.claim.startswith(cell[:-1].rstrip())), cell
        if width == 80:
            assert str(table.get_cell_at((0, 5))).endswith("…")
            seen = []
            for _ in range(3):
                await press(app, pilot, "right")
                head = next(line for line in screen_lines(app) if line.startswith(" #"))
                seen.append((head.split(), "\n".join(_table_lines(app))))
            assert seen[0][0] == ["#", "status", "figure"] and "6 / 28 / 34 pp" in seen[0][1], seen[0]
            assert seen[1][0] == ["#", "status", "scalescope"] and "6.27 / 27.34 / 33.62 pp" in seen[1][1], seen[1]
            assert seen[2] == seen[1]  # the last screenful: → stays
            await press(app, pilot, "left")
            assert next(line for line in screen_lines(app) if line.startswith(" #")).split()[2] == "figure"
            await press(app, pilot, "left")
            assert table.scroll_x == 0
        else:
            assert table.max_scroll_x == 0  # it fits: nothing to scroll


async def test_boosts_table_names_the_datasets_whole_at_80x24(tmp_path):
    """The boosts table cut its names to 'math-level…', 'gpqa-diamo…', 'otis-mock-…' at 80x24
    (newcomer8 F); they are 14 cells at most and fit."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=200)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "s")
        lines = screen_lines(app)
        for name in ("math-level-5", "gpqa-diamond", "otis-mock-aime"):
            assert any(re.match(rf"^ {name} +[+-]\d+\.\d\d pp ", line) for line in lines), (name, lines)
        assert not any("…" in line for line in lines if " pp " in line)
