"""The header: one line-rendered widget that draws what Textual's ``Header`` draws.

Textual's ``Header`` is a container of three widgets (an icon, a title and the clock's space),
each styled, laid out and mounted at start-up. This one draws the same cells itself: the icon
(hover highlight, its tooltip, a click opens the command palette), the title and sub-title
centred between the icon and the clock's space (cut with an ellipsis when they do not fit), and
a click elsewhere makes it three lines tall and back, as Textual's does.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # Textual's HeaderIcon: docked left, 8 cells, padding 0 1
CLOCK_WIDTH = 10  # HeaderClockSpace: docked right, 10 cells


class AppHeader(Widget):
    """The app's title and sub-title (the screen's when it has its own), as Textual's Header."""

    COMPONENT_CLASSES = {"header--icon-hover"}
    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        width: 100%;
        background: $panel;
        color: $foreground;
        height: 1;
        .header--icon-hover { background: $foreground 10%; }
    }
    AppHeader.-tall {
        height: 3;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._icon_hover = False

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._title_changed, init=False)
            self.watch(owner, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def title_content(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    # ---- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        base = self.rich_style
        blank = Style.from_color(bgcolor=base.bgcolor)
        icon_under = blank
        icon_style = base
        if self._icon_hover:
            hover = (
                Color.from_rich_color(base.bgcolor) + self.get_component_styles("header--icon-hover").background
            ).rich_color
            icon_under = Style.from_color(bgcolor=hover)
            icon_style = base + icon_under
        segments: list[Segment] = []
        # the icon: one cell of padding each side, the icon at the left of its 6 cells, on the
        # middle line (content-align: left middle)
        if y == (height - 1) // 2:
            segments += [
                Segment(" ", icon_under),
                Segment(ICON, icon_style),
                Segment(" " * (ICON_WIDTH - 2 - cell_len(ICON)), icon_style),
                Segment(" ", icon_under),
            ]
        else:
            segments.append(Segment(" " * ICON_WIDTH, icon_under))
        # the title: one line at the top, centred between the icon and the clock's space
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        if y == 0 and room:
            title = self.title_content().center(room, ellipsis=True)
            segments += title.render_segments(self.visual_style)
        elif room:
            segments.append(Segment(" " * room, blank))
        segments.append(Segment(" " * CLOCK_WIDTH, blank))
        return Strip(segments).crop_extend(0, width, blank)

    # ---- the pointer ---------------------------------------------------------------------------

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over = event.x < ICON_WIDTH
        if over != self._icon_hover:
            self._icon_hover = over
            self.tooltip = "Open the command palette" if over and self.app.ENABLE_COMMAND_PALETTE else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._icon_hover:
            self._icon_hover = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            if self.app.ENABLE_COMMAND_PALETTE:
                await self.run_action("app.command_palette")
            return
        self.toggle_class("-tall")
