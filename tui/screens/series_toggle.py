"""Show or hide series on the chart."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Label, SelectionList

from ..text import literal

LISTED = 500  # series listed (50,000 took 15 s of CPU to build); the others keep their state


SHOWN_MARK, HIDDEN_MARK = "X", " "  # inside the ▐ ▌ box: the rows differ by glyph, not only by colour


class SeriesList(SelectionList[str]):
    """A SelectionList whose unchecked rows draw an empty box (Textual draws ``X`` in both, told
    apart by colour alone, which NO_COLOR and some terminals lose)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or not 0 <= index < self.option_count:
            return strip
        option = self.get_option_at_index(index)
        mark = SHOWN_MARK if option.value in self._selected else HIDDEN_MARK
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class SeriesScreen(ModalScreen[frozenset[str] | None]):
    """Dismisses with the set of hidden series (space toggles, enter or escape closes)."""

    BINDINGS = [Binding("escape", "done", "Done"), Binding("enter", "done", "Done", priority=True)]

    def __init__(self, series: list[str], hidden: frozenset[str]) -> None:
        super().__init__()
        self.series = series
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Series shown on the chart: ▐X▌ shown, ▐ ▌ hidden (space toggles, enter closes)", classes="dialog-title"
            )
            if len(self.series) > LISTED:
                more = len(self.series) - LISTED
                yield Label(f"{more:,} more series not listed: shown or hidden as before")
            yield SeriesList(*[(literal(s), s, s not in self.hidden) for s in self.series[:LISTED]])

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_done(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        listed = self.series[:LISTED]
        self.dismiss(frozenset(s for s in listed if s not in shown) | (self.hidden - set(listed)))
