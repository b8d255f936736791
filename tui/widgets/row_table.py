"""A DataTable whose cursor is a row: Home and End go to the first and last row (DataTable's
own Home/End scroll sideways, which on a wide table showed blank cells and no header)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]
