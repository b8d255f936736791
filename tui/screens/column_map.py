"""Map a file's columns onto the points table when their names are not recognised."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from ..text import literal

FIELDS = (
    ("model", "model (required)"),
    ("compute", "compute: tokens / cost / samples (required)"),
    ("score", "score in percent (required)"),
    ("series", "series (optional)"),
    ("score_stderr", "stderr in points (optional)"),
)


class ColumnMapScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, file: str, headers: list[str]) -> None:
        super().__init__()
        self.file = file
        self.headers = headers

    def compose(self) -> ComposeResult:
        options = [(literal(h), h) for h in self.headers]
        with Vertical(classes="dialog"):
            yield Label(literal(f"Which column is which in {self.file}?"), classes="dialog-title")
            for key, text in FIELDS:
                with Horizontal(classes="map-row"):
                    yield Label(text, classes="map-label")
                    yield Select(options, id=f"map-{key}", prompt="(none)")
            yield Label("", id="map-error")
            yield Button("Open with this mapping", id="map-ok", variant="primary")

    @on(Button.Pressed, "#map-ok")
    def _ok(self) -> None:
        mapping = {}
        for key, _ in FIELDS:
            value = self.query_one(f"#map-{key}", Select).value
            if value is not Select.NULL and value is not None:
                mapping[key] = str(value)
        missing = [k for k in ("model", "compute", "score") if k not in mapping]
        if missing:
            self.query_one("#map-error", Label).update(f"still needed: {', '.join(missing)}")
            return
        self.dismiss(mapping)

    def action_cancel(self) -> None:
        self.dismiss(None)
