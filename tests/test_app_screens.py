"""The dataset filter and the screens over the main view: what a key acts on is what is shown."""

from __future__ import annotations

from scalescope.tui.app import ScalescopeApp

from .screen import screen_lines
from .test_app import press, settle


def listed(app) -> list[str]:
    return [o.id for o in app.query_one("#datasets").options if o.id]


async def test_the_filter_is_emptied_on_escape_and_when_d_opens_the_list(tmp_path):
    """A query typed earlier narrowed the list the next time it was opened, even minutes later."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        every = listed(app)
        await press(app, pilot, "slash", *"gpqa")
        assert listed(app) == [i for i in every if "gpqa" in i] != every
        await press(app, pilot, "escape")
        assert app.query_one("#dataset-filter").value == "" and listed(app) == every
        await press(app, pilot, "slash", *"otis", "enter")  # opens the first match; the list has the focus
        assert app.view.dataset_id == "otis-mock-aime" and listed(app) == ["otis-mock-aime"]
        await press(app, pilot, "d")  # hides the pane
        await press(app, pilot, "d")  # shows it again: every dataset
        assert app.query_one("#dataset-filter").value == "" and listed(app) == every


async def test_a_query_matching_nothing_says_so(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "slash", *"zzq")
        assert listed(app) == []
        assert any("no dataset matches 'zzq'" in line for line in screen_lines(app))
        await press(app, pilot, "enter")  # nothing to open: the dataset stays
        assert app.view.dataset_id == "math-level-5"


async def test_keys_on_the_claims_screen_do_not_act_on_the_main_view_behind_it(tmp_path):
    """The claims screen's footer listed the main view's keys, and l, d, b acted on the hidden
    view (the chart was linear-x after closing it)."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        view, shown = app.view, app.datasets_open
        await press(app, pilot, "a")
        assert type(app.screen).__name__ == "EssaysScreen"
        footer = screen_lines(app)[-1]
        assert " Log/lin" not in footer and " Base" not in footer and "Help" in footer
        for key in ("l", "f", "d", "w", "dollar_sign", "left_square_bracket", "p", "slash"):
            await press(app, pilot, key)
            assert type(app.screen).__name__ == "EssaysScreen", key  # b, c, o, e, v, r open nothing either
        for key in ("b", "c", "o", "e", "v", "r"):
            await press(app, pilot, key)
            assert type(app.screen).__name__ == "EssaysScreen", key
        await press(app, pilot, "escape")
        assert len(app.screen_stack) == 1
        assert app.view == view and app.datasets_open == shown and not app.in_dollars
        await press(app, pilot, "l")  # the main view's keys work again
        assert app.view.log_x is not view.log_x


async def test_the_tab_bar_marks_the_pane_that_has_the_focus(tmp_path):
    """With the focus in the summary nothing showed it (one Tab looked like it did nothing): the
    active tab carries a mark (no colour needed) while the focus is in its pane."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)

        def tabs() -> str:
            return next(line for line in screen_lines(app) if "Summary" in line and "Points" in line).rstrip()

        assert app.focused.id == "summary-scroll" and tabs() == "▸Summary  Points"
        await press(app, pilot, "tab")  # the tab bar: the active tab in brackets (its cursor is colour alone)
        assert app.focused.id != "summary-scroll" and tabs() == "[Summary] Points"
        await press(app, pilot, "tab")
        assert app.focused.id == "summary-scroll" and tabs() == "▸Summary  Points"
        await press(app, pilot, "p")  # the points table takes the focus: the mark follows
        assert app.focused.id == "points" and tabs() == " Summary ▸Points"
        await press(app, pilot, "d")  # the dataset list
        assert "▸" not in tabs()
