"""The tab bar over the summary and the points table: one line-rendered widget.

Textual's ``TabbedContent`` is nine widgets here (the tabbed content, its tabs, their scroll
container, the underline, one widget per tab, a content switcher and a pane per tab), each
styled, laid out and mounted before the first frame. This bar draws the same two lines itself:
the labels (``Tab``'s rules: padded by a cell, dimmed unless active, full colour under the
pointer, the block cursor on the active tab when the bar has focus) and the underline (Textual's
``Bar``: the active tab's span highlighted, half bars at its ends). The panes are its siblings;
the bar shows the active one and hides the others, as the content switcher did.

Like ``Tabs``: a click on a label or on the underline below it focuses the bar and activates
that tab; left and right move between the tabs (wrapping) when the bar has focus; ``active``
set from code activates a tab too, and every change posts ``TabBar.Activated``.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget


def underline(width: int, start: int, end: int, high: Style, low: Style) -> list[Segment]:
    """Textual's ``Bar`` for a highlight from cell ``start`` to ``end`` (whole cells): the
    highlight in ``━``, the rest in ``━`` of the background colour, a half bar either side of it."""
    start, end = max(start, 0), min(end, width)
    if start == end == 0 or start > end:
        return [Segment("━" * width, low)]
    out = [Segment("━" * int(start - 0.5), low)]
    if start > 0:
        out.append(Segment("╸", low))
    out.append(Segment("━" * (end - start), high))
    if end != width:
        out.append(Segment("╺", low))
    out.append(Segment("━" * (width - end - 1), low))
    return [s for s in out if s.text]


FOCUS_MARK = "▸"  # in the active tab's left padding while the focus is in its pane
BAR_FOCUS_MARKS = ("[", "]")  # in the active tab's padding while the bar itself has the focus (Tab)


class TabBar(Widget, can_focus=True):
    """Tabs over sibling panes (see the module's docstring)."""

    _pane_focused = False  # the focus is in the active tab's pane (marked on the tab)

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("left", "previous_tab", "Previous tab", show=False),
        Binding("right", "next_tab", "Next tab", show=False),
    ]
    COMPONENT_CLASSES = {"tab-bar--tab", "tab-bar--hover", "tab-bar--active", "tab-bar--cursor", "underline--bar"}

    active: reactive[str] = reactive("", init=False)
    """The id of the active tab."""

    class Activated(Message):
        """A tab became active (a click, a key, or ``active`` set from code)."""

        def __init__(self, tab_bar: TabBar, tab: str) -> None:
            self.tab_bar = tab_bar
            self.tab = tab
            super().__init__()

        @property
        def control(self) -> TabBar:
            return self.tab_bar

    def __init__(
        self, *tabs: tuple[str, str, str], id: str | None = None, make: dict[str, Callable[[], Widget]] | None = None
    ) -> None:
        """``tabs``: (tab id, label, id of the sibling pane it shows), left to right. ``make``: for a
        pane not composed with the bar, what makes it (with its id); it is mounted beside the bar
        the first time its tab is active (the first screen builds no pane it does not show)."""
        super().__init__(id=id)
        self.tabs = tabs
        self._make = dict(make or {})
        self._hover: int | None = None
        x, self._spans = 0, []
        for _tab, label, _pane in tabs:
            self._spans.append((x, x + len(label) + 2))  # " label ": Tab's padding, a cell each side
            x += len(label) + 2
        self.set_reactive(TabBar.active, tabs[0][0])

    def on_mount(self) -> None:
        self._show_pane()
        self.post_message(self.Activated(self, self.active))
        self.watch(self.screen, "focused", self._focus_moved)  # now, and on every move

    def _focus_moved(self, focused: Widget | None) -> None:
        """The active tab's mark follows the focus into (and out of) the pane it shows."""
        pane_focused = self._shows(focused)
        if pane_focused != self._pane_focused:
            self._pane_focused = pane_focused
            self.refresh()

    def _shows(self, widget: Widget | None) -> bool:
        """Whether ``widget`` is the active tab's pane, or inside it."""
        pane = next(pane for tab, _label, pane in self.tabs if tab == self.active)
        return widget is not None and any(node.id == pane for node in widget.ancestors_with_self)

    def watch_active(self, active: str) -> None:
        self._show_pane()
        self._pane_focused = self._shows(self.screen.focused) if self.is_mounted else False
        self.refresh()
        self.post_message(self.Activated(self, active))

    def _show_pane(self) -> None:
        for tab, _label, pane in self.tabs:
            shown = tab == self.active
            found = self.parent.query_children(f"#{pane}")
            if found:
                found.first().display = shown
            elif shown and pane in self._make:
                self.parent.mount(self._make.pop(pane)())  # in the DOM now, shown (its Mount follows)

    # ---- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        blank = Style.from_color(bgcolor=base.bgcolor)
        if y == 0:
            segments = []
            for index, (tab, label, _pane) in enumerate(self.tabs):
                if tab == self.active:
                    part = "tab-bar--cursor" if self.has_focus else "tab-bar--active"
                elif index == self._hover:
                    part = "tab-bar--hover"
                else:
                    part = "tab-bar--tab"
                style = self.get_component_rich_style(part)
                pad = Segment(" ", Style.from_color(bgcolor=style.bgcolor))  # padding: the background only
                # where the focus is, in marks that need no colour (NO_COLOR): in the pane below (the
                # summary, the points) `▸Points`; on the bar itself `[Points]` (← → switch tabs)
                left = right = pad
                if tab == self.active and self.has_focus:
                    left, right = (Segment(mark, style) for mark in BAR_FOCUS_MARKS)
                elif tab == self.active and self._pane_focused:
                    left = Segment(FOCUS_MARK, style)
                segments += [left, Segment(label, style), right]
            used = self._spans[-1][1]
            if used < width:
                segments.append(Segment(" " * (width - used), blank))
            return Strip(segments).crop(0, width)
        if y == 1:
            bar = self.get_component_rich_style("underline--bar")
            start, end = self._spans[self._index()]
            start, end = start + 1, end - 1  # under the label, not its padding (as Tabs does)
            high, low = Style.from_color(bar.color), Style.from_color(bar.bgcolor)
            return Strip([Segment(s.text, base + s.style) for s in underline(width, start, end, high, low)])
        return Strip.blank(width, blank)

    # ---- keys and the pointer ------------------------------------------------------------------

    def _index(self) -> int:
        return next(i for i, (tab, _label, _pane) in enumerate(self.tabs) if tab == self.active)

    def action_next_tab(self) -> None:
        self.active = self.tabs[(self._index() + 1) % len(self.tabs)][0]

    def action_previous_tab(self) -> None:
        self.active = self.tabs[(self._index() - 1) % len(self.tabs)][0]

    def _tab_at(self, x: int) -> int | None:
        return next((i for i, (start, end) in enumerate(self._spans) if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._tab_at(event.x) if event.y == 0 else None  # the underline has no hover
        self.styles.pointer = "default" if index is None else "pointer"
        if index != self._hover:
            self._hover = index
            self.refresh(self.region.__class__(0, 0, self.size.width, 1))

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A label, or the underline below it (a larger target, as in Textual's tabs)."""
        event.stop()
        self.focus()
        index = self._tab_at(event.x) if event.y in (0, 1) else None
        if index is not None:
            self.active = self.tabs[index][0]

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
