"""Open a file or folder the engine reads (points table, Epoch export, Inspect logs, per-sample)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label


class OpenScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Open a file or a folder of Inspect logs (enter opens, escape cancels)", classes="dialog-title")
            yield Input(placeholder="path, e.g. results.csv or logs/", id="open-path")
            yield DirectoryTree(Path.cwd(), id="open-tree")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#open-path")
    def _submit(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(str(event.path))

    @on(DirectoryTree.DirectorySelected)
    def _dir(self, event: DirectoryTree.DirectorySelected) -> None:
        self.query_one(Input).value = str(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
