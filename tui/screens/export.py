"""Choose what to export: the summary as Markdown, CSV or JSON, the chart as a real figure (SVG
or PNG through matplotlib, with its CSV and JSON beside it), or the screen as SVG."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

FORMATS = (
    ("md", "m Markdown"),
    ("csv", "c CSV"),
    ("json", "j JSON"),
    ("chart-svg", "s chart SVG"),
    ("chart-png", "g chart PNG"),
    ("svg", "t screen SVG"),
)


class ExportScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("m", "pick('md')", "Markdown"),
        Binding("c", "pick('csv')", "CSV"),
        Binding("j", "pick('json')", "JSON"),
        Binding("s", "pick('chart-svg')", "Chart SVG"),
        Binding("g", "pick('chart-png')", "Chart PNG"),
        Binding("t", "pick('svg')", "Screen SVG"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Text(
                    "Export to a new file in the current folder (never overwrites): the summary as Markdown, "
                    "CSV or JSON; the chart as an SVG or PNG figure (matplotlib: pip install "
                    "'scalescope[export]'), with a CSV and a JSON of what it shows beside it; or the screen "
                    "as SVG. Esc cancels."
                ),
                classes="dialog-title",
            )
            for row in (FORMATS[:3], FORMATS[3:]):  # two rows: both fit 80 columns
                with Horizontal(classes="export-buttons"):
                    for key, name in row:
                        yield Button(name, id=f"export-{key}", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id.removeprefix("export-"))

    def action_pick(self, key: str) -> None:
        self.dismiss(key)

    def action_cancel(self) -> None:
        self.dismiss(None)
