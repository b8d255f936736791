"""The tab bar (tui/widgets/tab_bar.py) draws what Textual's TabbedContent drew, cell by cell, and
behaves as it did: clicks on a label or the underline, left/right when focused, ``active`` set
from code; the pane shown follows the active tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.containers import Vertical
from textual.renderables.bar import Bar
from textual.widgets import Static, TabbedContent, TabPane

from scalescope.tui.widgets.tab_bar import BAR_FOCUS_MARKS, TabBar, underline

APP_CSS = Path(__file__).resolve().parents[1] / "tui" / "app.tcss"


@pytest.mark.parametrize("width", [1, 2, 9, 17, 18, 40])
def test_the_underline_is_textuals_bar(width):
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    high, low = console.get_style("red"), console.get_style("blue")
    for start in range(width + 1):
        for end in range(start, width + 1):
            theirs = list(console.render(Bar((start, end), high, low), console.options.update_width(width)))
            ours = underline(width, start, end, high, low)
            cells = lambda segments: [(ch, s.style) for s in segments if s.text != "\n" for ch in s.text]  # noqa: E731
            assert cells(ours) == cells(theirs), (width, start, end)


class Old(App):
    def compose(self):
        with TabbedContent(id="tabs"):
            with TabPane("Summary", id="tab-summary"):
                yield Static("the summary")
            with TabPane("Points", id="tab-points"):
                yield Static("the points")
        yield Static("below", id="below")


class New(App):
    CSS_PATH = APP_CSS

    def compose(self):
        with Vertical(id="tabs"):
            yield TabBar(("tab-summary", "Summary", "first"), ("tab-points", "Points", "second"))
            yield Static("the summary", id="first")
            yield Static("the points", id="second")
        yield Static("below", id="below")

    def on_tab_bar_activated(self, event: TabBar.Activated) -> None:
        self.activated.append(event.tab)


def cells(app, rows: int = 3):
    """(character, colour, background, bold, dim, italic, reverse, underline) of the top rows."""
    out = []
    for strip in app.screen._compositor.render_strips()[:rows]:
        for seg in strip:
            s = seg.style
            for ch in seg.text:
                out.append((ch, s.color, s.bgcolor, bool(s.bold), bool(s.dim), bool(s.italic), bool(s.reverse)))
    return out


async def states(app_class, theme: str) -> list:
    app = app_class()
    app.activated = []
    shots = []
    async with app.run_test(size=(40, 6)) as pilot:
        app.theme = theme
        await pilot.pause()
        shots.append(cells(app))
        await pilot.hover(offset=(11, 0))  # over "Points"
        await pilot.pause()
        shots.append(cells(app))
        await pilot.hover(offset=(30, 5))
        await pilot.press("tab")  # the tabs are first in the focus chain
        await pilot.pause(0.4)
        shots.append(cells(app))
        await pilot.press("right")
        await pilot.pause(0.6)  # Textual's underline animates
        shots.append(cells(app))
        await pilot.press("right")  # wraps round
        await pilot.pause(0.6)
        shots.append(cells(app))
        await pilot.press("left")
        await pilot.pause(0.6)
        shots.append(cells(app))
        await pilot.click(offset=(3, 1))  # the underline under "Summary"
        await pilot.pause(0.6)
        shots.append(cells(app))
        app.set_focus(None)
        await pilot.pause(0.4)
        shots.append(cells(app))
        app.query_one("#tabs" if app_class is Old else TabBar).active = "tab-points"
        await pilot.pause(0.6)
        shots.append(cells(app))
        await pilot.click(offset=(2, 0))  # the label "Summary"
        await pilot.pause(0.6)
        shots.append((cells(app), app.focused is not None))
    return shots


def without_bar_focus_marks(shot):
    """The cells as Textual's tabs drew them: the bar marks the active tab `[Points]` while it has
    the focus (Textual shows that by colour alone, unseen under NO_COLOR), in its padding."""
    cells, *rest = shot if isinstance(shot, tuple) else (shot,)
    marks = [i for i, cell in enumerate(cells) if cell[0] in BAR_FOCUS_MARKS]
    plain = [(" ", None, c[2], False, False, False, False) if c[0] in BAR_FOCUS_MARKS else c for c in cells]
    return (plain, *rest) if rest else plain, len(marks)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark"])
async def test_the_bar_draws_what_tabbed_content_drew(theme):
    old, new = await states(Old, theme), await states(New, theme)
    assert len(old) == len(new)
    marked = []
    for index, (a, b) in enumerate(zip(old, new)):
        b, marks = without_bar_focus_marks(b)
        assert a == b, index
        marked.append(marks)
    # the bar has the focus from the start to the click on the underline, then none, then the click on a label
    assert marked == [2, 2, 2, 2, 2, 2, 2, 0, 0, 2], marked


async def test_clicks_keys_and_code_switch_the_tab_and_its_pane():
    app = New()
    app.activated = []
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        bar = app.query_one(TabBar)
        summary, points = app.query_one("#first"), app.query_one("#second")
        assert bar.active == "tab-summary" and summary.display and not points.display
        assert app.activated == ["tab-summary"]
        await pilot.click(offset=(12, 0))  # "Points"
        await pilot.pause()
        assert bar.active == "tab-points" and points.display and not summary.display
        assert app.focused is bar and app.activated[-1] == "tab-points"
        await pilot.click(offset=(20, 0))  # right of the labels: focus only
        await pilot.pause()
        assert bar.active == "tab-points"
        await pilot.click(offset=(8, 1))  # the underline under "Summary"
        await pilot.pause()
        assert bar.active == "tab-summary" and summary.display
        await pilot.press("left")
        await pilot.pause()
        assert bar.active == "tab-points"
        await pilot.press("right")
        await pilot.pause()
        assert bar.active == "tab-summary"
        bar.active = "tab-points"
        await pilot.pause()
        assert points.display and not summary.display and app.activated[-1] == "tab-points"
        app.set_focus(None)
        await pilot.press("left")  # not focused: the keys are not the bar's
        await pilot.pause()
        assert bar.active == "tab-points"
