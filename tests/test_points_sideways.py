"""→ and ← in the points table move a column a press (one character a press made reaching the
`source` column at 80 columns take dozens: newcomer6); Home and End still go to the first and the
last point."""

from __future__ import annotations

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.points_table import PointsTable

from .screen import screen_lines
from .test_app import press, settle


def header(app) -> str:
    """The line under the table's caption ("row 1 of 6 points ...")."""
    lines = screen_lines(app)
    return next(lines[i + 1] for i, line in enumerate(lines) if line.startswith(" row 1 of "))


async def test_right_and_left_move_a_column_a_press(tmp_path):
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        table = app.query_one("#points", PointsTable)
        assert table.max_scroll_x > 8
        starts = table.column_starts()  # of the columns that scroll: compute, score, ±, series, ...
        assert header(app).split()[:2] == ["model", "compute"]
        await press(app, pilot, "right")
        # the model column stays (newcomer8: four presses left rows with no model id on them)
        assert table.scroll_x == starts[1] and header(app).split()[:2] == ["model", "score"]
        await press(app, pilot, "right")
        assert table.scroll_x == starts[2] and header(app).split()[:2] == ["model", "±"]
        await press(app, pilot, "left")
        assert table.scroll_x == starts[1]
        presses, seen = 1, set()
        while table.scroll_x < table.max_scroll_x:
            await press(app, pilot, "right")
            presses += 1
            assert presses <= len(starts)  # at most one press per column
            seen.update(header(app).split()[1:2])  # the last press may end inside the wide source column
            assert "claude-3-5-sonnet-2024" in "".join(screen_lines(app))  # the rows still say which point
        assert {"label", "source"} <= seen  # each came to the edge of the scrolled cells, its heading whole
        await press(app, pilot, "right")  # at the end: stays
        assert table.scroll_x == table.max_scroll_x
        await press(app, pilot, "left", "left", "left", "left", "left", "left", "left", "left", "left")
        assert table.scroll_x == 0
        await press(app, pilot, "left")  # at the start: stays
        assert table.scroll_x == 0


async def test_home_and_end_still_go_to_the_first_and_last_point(tmp_path):
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p", "right", "end")
        table = app.query_one("#points", PointsTable)
        assert table.cursor_row == table.row_count - 1
        await press(app, pilot, "home")
        assert table.cursor_row == 0
