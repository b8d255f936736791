"""The help screen (?) says what README's key table says about Esc, Home/End, PgUp/PgDn and the
arrows, and both say what the app does (newcomer6: help left out that Esc empties the filter and
that Home/End move in the points table)."""

from __future__ import annotations

from scalescope.tui.app import NARROW, ScalescopeApp
from scalescope.tui.screens.help import HelpScreen
from scalescope.tui.widgets.points_table import PointsTable
from scalescope.tui.widgets.tab_bar import TabBar

from .conftest import ROOT
from .test_app import press, settle


def readme_row(key: str) -> str:
    text = (ROOT / "README.md").read_text()
    return next(line for line in text.splitlines() if line.startswith(f"| {key} |"))


async def help_rows(app, pilot) -> dict[str, str]:
    await press(app, pilot, "question_mark")
    assert isinstance(app.screen, HelpScreen)
    rows = dict(app.screen.keys)
    await press(app, pilot, "escape")
    return rows


async def test_help_and_readme_say_the_same_and_the_app_does_it(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        rows = await help_rows(app, pilot)
        esc, readme_esc = rows["Esc"], readme_row("`Esc`")
        for words in (
            "closes a dialog",
            "empties the",
            f"pane below {NARROW} columns",
            "from the points table (or the tabs over it) shows the summary",
        ):
            assert words in esc and words in readme_esc, words
        home, readme_home = rows["Home End"], readme_row("`PgUp`, `PgDn`, `Home`, `End`")
        assert "points table" in home and "first / last point" in home
        assert "points table" in readme_home and "to the first or the last point" in readme_home
        assert "points table" in rows["PgUp PgDn"] and "a page" in rows["PgUp PgDn"]
        assert "a column sideways" in rows["← →"] and "move a column sideways" in readme_row("`p`")

        # what they say is what the app does: Esc leaves and empties the filter
        await press(app, pilot, "slash", *"gpq", "escape")
        assert app.query_one("#dataset-filter").value == "" and app.focused.id != "dataset-filter"
        # below NARROW columns Esc hides the dataset pane
        await press(app, pilot, "d")
        assert app._datasets_visible()
        await press(app, pilot, "escape")
        assert not app._datasets_visible()
        # Home / End in the points table: the first / last point
        await press(app, pilot, "p", "end")
        table = app.query_one("#points", PointsTable)
        assert table.cursor_row == table.row_count - 1
        await press(app, pilot, "home")
        assert table.cursor_row == 0
        # Esc from the points table: the summary again
        await press(app, pilot, "escape")
        assert app.query_one(TabBar).active == "tab-summary"


async def test_the_tabs_show_their_focus_and_one_esc_goes_back_to_the_summary(tmp_path):
    """In the points tab, Tab moves the focus onto the tabs: nothing showed it without colour (no
    `▸`, the colours alone), and Esc from there went to the points table; a second Esc showed
    the summary. README and help say Esc from the points table (or the tabs over it) shows the
    summary, and how the tabs show their focus."""
    from .screen import screen_lines

    def tab_line(app) -> str:
        return next(line for line in screen_lines(app) if "Summary" in line and "Points" in line).strip()

    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        assert tab_line(app) == "Summary ▸Points"
        await press(app, pilot, "tab")
        assert isinstance(app.focused, TabBar) and tab_line(app) == "Summary [Points]"
        await press(app, pilot, "escape")
        assert app.query_one(TabBar).active == "tab-summary" and app.focused.id == "summary-scroll"
        assert tab_line(app) == "▸Summary  Points"
        assert "[Points]" in readme_row("`p`") and "[Points]" in (await help_rows(app, pilot))["Tab Shift+Tab"]


async def test_page_keys_do_what_readme_and_help_say_where_the_focus_is(tmp_path):
    """PgUp/PgDn/Home/End scroll the summary from anywhere, except in the dataset list (its
    cursor) and, for Home/End, the filter box (its text cursor): README and help said "from
    anywhere" while End in the list went to its last dataset (newcomer9)."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        rows = await help_rows(app, pilot)
        readme = readme_row("`PgUp`, `PgDn`, `Home`, `End`")
        assert "except in the dataset list" in readme and "filter box `Home` and `End` move its text cursor" in readme
        assert "but the dataset list (there: its cursor a page)" in rows["PgUp PgDn"]
        assert (
            "in the dataset list: the first / last dataset; in the filter box: the text's start / end"
            in (rows["Home End"])
        )
        summary = app.query_one("#summary-scroll")
        pane = app.query_one("#datasets")
        await press(app, pilot, "d", "end")  # in the list: its last dataset, the summary stays
        assert pane.options[pane.highlighted].id == [r.id for r in pane.options if r.id][-1]
        assert summary.scroll_y == 0
        await press(app, pilot, "pagedown")
        assert summary.scroll_y == 0
        await press(app, pilot, "slash", *"gpq", "home")  # in the box: the text cursor, the summary stays
        box = app.query_one("#dataset-filter")
        assert box.cursor_position == 0 and summary.scroll_y == 0
        await press(app, pilot, "pagedown")  # PgDn from the box: the summary
        assert summary.scroll_y > 0
        await press(app, pilot, "escape", "end")  # from the summary: its end
        assert summary.scroll_y == summary.max_scroll_y > 0
