"""Every key, in the main screen and in every dialog, at 80x24, 100x30 and 200x50: the app stays
alive, no hidden widget keeps the focus, and the app's own keys still work afterwards."""

from __future__ import annotations

import pytest

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.chart_view import ScalingChart
from scalescope.tui.widgets.dataset_list import DatasetPane
from scalescope.tui.widgets.tab_bar import TabBar

NAVIGATION = (
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "tab",
    "shift+tab",
    "enter",
    "escape",
)
# 80x24 (the tightest) in the default tier; the other sizes in the slow tier (pytest -m slow)
SIZES = [(80, 24), pytest.param((100, 30), marks=pytest.mark.slow), pytest.param((200, 50), marks=pytest.mark.slow)]


async def settle(app, pilot):
    await pilot.pause()
    ours = [w for w in app.workers if w.group in ("analysis", "open")]
    if ours:
        await app.workers.wait_for_complete(ours)
    await pilot.pause()


async def back_to_main(app, pilot):
    """Escape until no dialog is open (a dialog may open another: compare asks twice)."""
    for _ in range(6):
        if len(app.screen_stack) == 1:
            break
        await pilot.press("escape")
        await settle(app, pilot)
    assert len(app.screen_stack) == 1, f"escape did not close {type(app.screen).__name__}"


def assert_focus_visible(app):
    """Whatever holds the focus is on screen: never the hidden dataset pane or its filter box."""
    focused = app.screen.focused
    if focused is None:
        return
    assert focused.display and all(node.display for node in focused.ancestors if hasattr(node, "display"))
    assert not focused.disabled
    pane = app.query_one(DatasetPane)
    if not pane.display:
        assert pane not in focused.ancestors


def binding_keys(app) -> list[str]:
    keys = []
    for binding in app.BINDINGS:
        key = binding.key.split(",")[0].strip()
        if binding.action == "quit" or key in NAVIGATION:
            continue
        keys.append(key)
    return keys


@pytest.mark.parametrize("size", SIZES)
async def test_every_key_everywhere_keeps_the_app_usable(size, tmp_path, monkeypatch):
    # the open dialog lists the current folder: one file it can read, one it cannot map
    (tmp_path / "good.csv").write_text("model,compute,score\na,100,10\nb,1000,30\nc,10000,50\n")
    (tmp_path / "odd.csv").write_text("name,effort,result\na,100,10\nb,1000,30\n")
    monkeypatch.chdir(tmp_path)
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in NAVIGATION:  # the main screen as it starts
            await pilot.press(key)
            await settle(app, pilot)
            assert_focus_visible(app)
        await back_to_main(app, pilot)
        keys = binding_keys(app)
        assert {"l", "f", "b", "r", "v", "c", "o", "e", "p", "d", "slash", "question_mark"} <= set(keys)
        for key in [*keys, "ctrl+p"]:
            focus_before = app.screen.focused
            await pilot.press(key)
            await settle(app, pilot)
            if key == "f":  # linear -> logistic -> none -> linear: every fit drawn, cheap afterwards
                await pilot.press("f", "f")
                await settle(app, pilot)
            if key == "dollar_sign":  # x in dollars per task, and back to tokens
                await pilot.press("dollar_sign")
                await settle(app, pilot)
            if len(app.screen_stack) == 1 and app.screen.focused is focus_before:
                continue  # l, [, ] ...: nothing new can take keys (the start screen was swept above)
            for nav in NAVIGATION:  # inside the dialog, the filter box or the pane it opened
                await pilot.press(nav)
                await settle(app, pilot)
            await back_to_main(app, pilot)
            await pilot.press("escape")  # escape always lands on the main view
            await settle(app, pilot)
            assert app.screen.focused is app.main_view(), f"after {key}: focus on {app.screen.focused}"
            assert_focus_visible(app)
        # the column-mapping dialog (a file whose columns are not recognised)
        app.open_path(str(tmp_path / "odd.csv"))
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ColumnMapScreen"
        for nav in NAVIGATION:
            await pilot.press(nav)
            await settle(app, pilot)
        await back_to_main(app, pilot)

        # still usable: the filter opens math-level-5 with enter, l switches the axis
        await pilot.press("escape", "slash", *"math-level-5", "enter")
        await settle(app, pilot)
        assert app.view.dataset_id == "math-level-5"
        await pilot.press("escape")
        await settle(app, pilot)
        if app.query_one(TabBar).active != "tab-summary":
            await pilot.press("p")
        assert app.view.link == "linear"
        chart = app.query_one(ScalingChart)
        if not app.view.log_x:
            await pilot.press("l")
            await settle(app, pilot)
        assert chart.border_title.startswith("log-x")
        text = chart.plain_text()
        assert "1K" in text and "10K" in text and "log scale" in text
        await pilot.press("l")
        await settle(app, pilot)
        assert chart.border_title.startswith("linear-x") and "linear scale" in chart.plain_text()
        assert app.is_running
