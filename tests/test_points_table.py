"""The points table: a Line API widget that formats only the rows it draws.

Row formatting is checked against the data (hypothesis: any text, any number); the widget through
the app at 200x50 with 100,000 points: `p` shows it, the first rows and the row count are on
screen, End reaches the last point, PageDown moves the cursor by a page."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.report import compute_text
from scalescope.tui.text import CONTROL, printable
from scalescope.tui.widgets.points_table import (
    COLUMNS,
    HEADINGS,
    MARKER,
    PointsTable,
    column_widths,
    fit_cell,
    format_row,
)
from scalescope.tui.widgets.tab_bar import TabBar

from .screen import screen_lines, screen_text
from .test_app import press, settle

texts = st.text(max_size=30)
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(1e-6, 1e9))


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(texts, texts, texts, numbers, numbers, numbers, texts, texts),
        min_size=1,
        max_size=20,
    ),
    kind=st.sampled_from(["tokens", "usd", "samples", "unknown"]),
)
def test_format_row_shows_each_value_as_the_data_has_it(rows, kind):
    names = ("model", "series", "role", "compute", "score", "score_stderr", "label", "source")
    columns = {name: np.array([row[i] for row in rows], dtype=object) for i, name in enumerate(names)}
    columns.update(
        {name: np.array([row[i] for row in rows], dtype=float) for i, name in enumerate(names) if i in (3, 4, 5)}
    )
    for index, row in enumerate(rows):
        model, series, role, compute, score, stderr, label, source = row
        cells = format_row(columns, index, kind)
        assert len(cells) == len(HEADINGS)
        # text: the value itself, control characters as visible escapes, never a raw one
        assert cells[0] == printable(model) and cells[1] == printable(series) and cells[2] == printable(role)
        assert cells[6] == printable(label) and cells[7] == printable(source)
        # numbers: independently formatted here
        assert cells[3] == (compute_text(compute, kind) if math.isfinite(compute) else "unknown")
        assert cells[4] == ("" if not math.isfinite(score) else format(score, ".2f"))
        assert cells[5] == ("" if not math.isfinite(stderr) else format(stderr, ".2f"))
        if math.isfinite(score):
            assert abs(float(cells[4]) - score) <= 0.005 + 1e-9 * abs(score)
        for cell in cells:
            assert not CONTROL.search(cell) and "\n" not in cell and "\t" not in cell


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), width=st.integers(1, 30), right=st.booleans())
def test_fit_cell_is_exactly_the_width_and_cuts_with_an_ellipsis(text, width, right):
    text = printable(text)
    fitted = fit_cell(text, width, right)
    assert cell_len(fitted) == width
    if cell_len(text) <= width:
        assert (fitted.lstrip(" ") if right else fitted.rstrip(" ")) == text.strip(
            " "
        ) or fitted.strip() == text.strip()
    else:
        assert fitted.endswith("…")
        kept = fitted[:-1].rstrip(" ")  # a wide character that does not fit leaves a space
        assert text.startswith(kept)


def test_column_widths_fit_the_widest_cell_up_to_each_cap():
    rows = [("m" * 5, "s" * 100, "base", "1,000", "12.50", "", "l" * 3, "x" * 200)]
    widths = column_widths(rows)
    caps = [cap for _, _, cap, _ in COLUMNS]
    assert widths[0] == 5  # the data ("model" is as wide)
    assert widths[1] == caps[1]  # capped
    assert widths[2] == len("base")
    assert widths[3] == len("compute")  # the heading is wider than the data
    assert widths[5] == 1  # "±"
    assert widths[6] == len("label")
    assert widths[7] == caps[7]
    assert column_widths([]) == tuple(cell_len(h) for h in HEADINGS)


POINTS, SERIES = 100_000, 1_000


def write_big(path) -> None:
    rng = np.random.default_rng(1)
    series = rng.integers(0, SERIES, POINTS)
    compute = np.round(10 ** rng.uniform(2, 5, POINTS))
    score = np.round(np.clip(20 + 10 * np.log10(compute) + rng.normal(0, 3, POINTS), 0, 100), 3)
    lines = ["model,series,tokens,score"]
    lines += [f"m{i},s{s:04d},{c:.0f},{v}" for i, (s, c, v) in enumerate(zip(series, compute, score))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def cursor_line(app) -> str:
    marked = [line for line in screen_lines(app) if MARKER.strip() in line]
    assert len(marked) == 1, marked
    return marked[0]


async def test_100k_points_table_shows_rows_count_and_moves_by_page_and_to_the_end(tmp_path):
    path = tmp_path / "big.csv"
    write_big(path)
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        assert app.view.dataset_id == "big.csv" and len(app.current.points) == POINTS
        await press(app, pilot, "p")
        assert app.query_one(TabBar).active == "tab-points"
        table = app.query_one("#points", PointsTable)
        assert app.focused is table and table.row_count == POINTS
        text = screen_text(app)
        assert "row 1 of 100,000 points" in text
        assert all(h in text for h in ("model", "series", "compute", "score %", "label", "source"))
        points = app.current.points
        first_rows = [line for line in screen_lines(app) if " m0 " in line or " m1 " in line or " m2 " in line]
        assert len(first_rows) == 3
        assert " m0 " in cursor_line(app)
        score0 = float(np.asarray(points["score"])[0])
        assert f"{score0:.2f}" in cursor_line(app)

        # PageDown: the cursor moves by a page (the rows under the caption and the header)
        page = table.page_rows
        assert page > 5
        await press(app, pilot, "pagedown")
        assert table.cursor_row == page
        assert f" m{page} " in cursor_line(app)
        assert f"row {page + 1:,} of 100,000 points" in screen_text(app)
        await press(app, pilot, "down", "down", "up")
        assert table.cursor_row == page + 1 and f" m{page + 1} " in cursor_line(app)
        await press(app, pilot, "pageup")
        assert table.cursor_row == 1

        # End: the last point, on screen; the header stays on top
        await press(app, pilot, "end")
        last = POINTS - 1
        assert table.cursor_row == last
        assert f" m{last} " in cursor_line(app)
        assert "row 100,000 of 100,000 points" in screen_text(app)
        header = [line for line in screen_lines(app) if "score %" in line and "source" in line]
        assert header, "the header row stays on screen while scrolled"
        await press(app, pilot, "down")  # past the end: stays on the last point
        assert table.cursor_row == last
        await press(app, pilot, "home")
        assert table.cursor_row == 0 and " m0 " in cursor_line(app)

        # PgDn/End also reach the table when nothing holds the focus (the app's own bindings)
        app.set_focus(None)
        await press(app, pilot, "end")
        assert table.cursor_row == last


async def test_long_cells_are_cut_with_an_ellipsis_and_kept_whole_in_the_row(tmp_path):
    label = "L" * 150
    path = tmp_path / "long.csv"
    path.write_text(f"model,tokens,score,label\na,10,20,{label}\nb,100,30,short\n", encoding="utf-8")
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        table = app.query_one("#points", PointsTable)
        assert str(table.get_row_at(0)[6]) == label
        cap = COLUMNS[6][2]
        assert "L" * (cap - 1) + "…" in screen_text(app)
        assert "L" * cap not in screen_text(app)


async def test_the_cursor_marker_stays_when_the_columns_scroll_sideways(tmp_path):
    """→ scrolled the whole line, the ▶ of the cursor row with it (off screen at 80 columns)."""
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p", "down", "down")
        table = app.query_one("#points", PointsTable)
        assert cursor_line(app).startswith("▶ claude-3-7-sonnet-20250219 ")
        aligned = False
        for _ in range(table.max_scroll_x + 5):  # to the last column, a cell a press
            await pilot.press("right")
            line = cursor_line(app)
            assert line.startswith("▶ "), table.scroll_x
            header = screen_lines(app)[screen_lines(app).index(line) - 3]
            if not aligned and " thinking off" in line and " label" in header:  # the header scrolls with the cells
                assert header.index(" label") == line.index(" thinking off")
                aligned = True
        await settle(app, pilot)
        assert aligned and table.scroll_x == table.max_scroll_x > 0
        assert cursor_line(app).rstrip().endswith("epoch_output_length_sonnet.csv")


@given(st.floats(min_value=1e-6, max_value=999_999, allow_nan=False))
def test_dollars_read_in_plain_decimals_to_four_digits(value):
    """Dollars per task from a millionth to a million: no exponent (a frontier table read
    $6.065e-05 beside $0.000134), the four significant digits of '.4g', separators from $1,000."""
    text = compute_text(value, "usd")
    assert text.startswith("$") and "e" not in text
    assert float(text[1:].replace(",", "")) == float(f"{value:.4g}")
    assert ("," in text) == (float(f"{value:.4g}") >= 1000)


async def test_escape_in_the_points_table_goes_back_to_the_summary(tmp_path):
    """Esc is 'back to the chart and summary': from the points table it shows the summary again
    (it stayed in the table: newcomer7); from elsewhere with the points tab shown it only gives the
    main view the focus, as before."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        tabs = app.query_one(TabBar)
        assert tabs.active == "tab-points" and isinstance(app.focused, PointsTable)
        await press(app, pilot, "escape")
        assert tabs.active == "tab-summary" and app.focused is app.query_one("#summary-scroll")
        await press(app, pilot, "escape")  # Esc again: stays on the summary
        assert tabs.active == "tab-summary"
        await press(app, pilot, "p", "d", "escape")  # the dataset pane open over the points tab
        assert tabs.active == "tab-points" and isinstance(app.focused, PointsTable)
