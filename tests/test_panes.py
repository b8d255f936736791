"""The main screen's containers and the screen itself paint nothing (tui/widgets/panes.py): their
children cover them. The screen must then be the same, cell for cell (character and style), as
with Textual's own painting of them, in every layout the app has: wide with the dataset pane,
narrow without it, the pane shown on a narrow screen, the points tab, a dialog over it."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widget import Widget

from scalescope.tui.app import MainScreen, ScalescopeApp
from scalescope.tui.widgets.panes import Covered

from .screen import settle


def cells(screen) -> list[list[tuple[str, object]]]:
    rows = []
    for strip in screen._compositor.render_strips():
        rows.append([(ch, seg.style) for seg in strip for ch in seg.text])
    return rows


def painted_by_textual(screen, monkeypatch) -> list[list[tuple[str, object]]]:
    """The same screen with the containers and the screen painting their own lines again."""
    with monkeypatch.context() as patch:
        patch.setattr(Covered, "render_lines", Widget.render_lines)
        patch.setattr(MainScreen, "render_lines", Screen.render_lines)
        return cells(screen)


@pytest.mark.parametrize("size", [(200, 50), (120, 40), (80, 24)])
@pytest.mark.parametrize("keys", ["", "d", "p", "dp", "?"])
async def test_the_screen_is_the_same_as_with_the_containers_painted(size, keys, monkeypatch):
    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        ours = cells(main)
        assert len(ours) == size[1] and all(len(row) == size[0] for row in ours)
        assert ours == painted_by_textual(main, monkeypatch)
        # and the containers did paint something of their own there, which is what is skipped
        assert any(isinstance(w, Covered) for w in main.query("*"))
