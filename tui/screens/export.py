"""Choose what to export: the summary as Markdown, CSV or JSON, or the screen as SVG."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

FORMATS = (("md", "m Markdown"), ("csv", "c CSV"), ("json", "j JSON"), ("svg", "s SVG image"))


class ExportScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("m", "pick('md')", "Markdown"),
        Binding("c", "pick('csv')", "CSV"),
        Binding("j", "pick('json')", "JSON"),
        Binding("s", "pick('svg')", "SVG"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "Export to a new file in the current folder (never overwrites): the summary as Markdown, CSV "
                "or JSON, or the screen as an SVG image. Esc cancels.",
                classes="dialog-title",
            )
            with Horizontal(id="export-buttons"):
                for key, name in FORMATS:
                    yield Button(name, id=f"export-{key}", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id.removeprefix("export-"))

    def action_pick(self, key: str) -> None:
        self.dismiss(key)

    def action_cancel(self) -> None:
        self.dismiss(None)
