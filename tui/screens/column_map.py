"""Map a file's columns onto the points table when their names are not recognised."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from ..text import literal, wrap_name

FIELDS = (
    ("model", "model (required)"),
    ("compute", "compute: tokens/cost/samples (required)"),
    ("score", "score in percent (required)"),
    ("series", "series (optional)"),
    ("score_stderr", "stderr in points (optional)"),
)


class ColumnMapScreen(ModalScreen[dict[str, str] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, file: str, headers: list[str], problem: str = "") -> None:
        super().__init__()
        self.file = file
        self.headers = headers
        self.problem = problem  # what the reader said; shown in the dialog, not over it

    def compose(self) -> ComposeResult:
        options = [(literal(h), h) for h in self.headers]
        with VerticalScroll(classes="dialog"):  # scrolls if a long message still does not fit
            title = Text("Which column is which in ", style="bold")
            title.append_text(wrap_name(Path(self.file).name, 60))
            title.append("? (Esc cancels)")
            yield Label(title, classes="dialog-title")
            if self.problem:
                yield Label(literal(self.problem, "italic"), id="map-problem")
            for key, text in FIELDS:
                with Horizontal(classes="map-row"):
                    yield Label(text, classes="map-label")
                    yield Select(options, id=f"map-{key}", prompt="(none)", compact=True)
            yield Label("", id="map-error")
            yield Button("Open with this mapping", id="map-ok", variant="primary", compact=True)

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
