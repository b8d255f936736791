"""Open a file or folder the engine reads (points table, Epoch export, Inspect logs, per-sample)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label


class OpenScreen(ModalScreen[tuple[str, str | None] | None]):
    """Dismisses with (path, tokens file or None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Open a file or a folder of Inspect logs (Enter opens, Esc cancels)", classes="dialog-title")
            yield Input(placeholder="path, e.g. results.csv or logs/", id="open-path", compact=True)
            yield Input(
                placeholder="tokens file to join (Epoch exports only; optional)", id="open-tokens", compact=True
            )
            from ..app import working_folder

            yield DirectoryTree(working_folder(), id="open-tree")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _tokens(self) -> str | None:
        return self.query_one("#open-tokens", Input).value.strip() or None

    @on(Input.Submitted)
    def _submit(self) -> None:
        path = self.query_one("#open-path", Input).value.strip()
        if path:
            self.dismiss((path, self._tokens()))

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss((str(event.path), self._tokens()))

    @on(DirectoryTree.DirectorySelected)
    def _dir(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one(Input).value = str(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
