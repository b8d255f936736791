"""Show or hide series on the chart."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from ..text import literal

LISTED = 500  # series listed (50,000 took 15 s of CPU to build); the others keep their state


class SeriesScreen(ModalScreen[frozenset[str] | None]):
    """Dismisses with the set of hidden series (space toggles, enter or escape closes)."""

    BINDINGS = [Binding("escape", "done", "Done"), Binding("enter", "done", "Done", priority=True)]

    def __init__(self, series: list[str], hidden: frozenset[str]) -> None:
        super().__init__()
        self.series = series
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Series shown on the chart (space toggles, enter closes)", classes="dialog-title")
            if len(self.series) > LISTED:
                more = len(self.series) - LISTED
                yield Label(f"{more:,} more series not listed: shown or hidden as before")
            yield SelectionList[str](*[(literal(s), s, s not in self.hidden) for s in self.series[:LISTED]])

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_done(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        listed = self.series[:LISTED]
        self.dismiss(frozenset(s for s in listed if s not in shown) | (self.hidden - set(listed)))
