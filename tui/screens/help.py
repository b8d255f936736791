"""Help: what the chart means, and every key."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.footer import KeyFooter

ABOUT = (
    "A straight line on a log-x chart means every fixed gain in score costs a constant multiple of compute: "
    "brute-force scaling. The slope is points per 10x compute; '+10 pp costs' is the compute multiple of ten more "
    "points. Press l to see the same data on a linear axis, where the diminishing returns show.\n\n"
    "Decomposition (Ord, 2025): fit the reasoning model's trend. The RL boost lifts the base model to that trend at "
    "the base model's own compute (the solid ┃ segment, green); the inference-scaling boost climbs the trend "
    "from there to the top compute (the dashed ┆ segment, red). Intervals are exact for the straight line's "
    "figures; the share's and the logistic's come from a seeded parametric bootstrap."
)


KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}


def key_name(key: str) -> str:
    """A key as printed on the keyboard: ``[`` for ``left_square_bracket``, ``F1`` for ``f1``."""
    key = key.strip()
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_name(key[5:]).upper()
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    if len(key) == 1:
        return key
    from textual.keys import format_key

    return format_key(key)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
        # shown in the help's footer: the text scrolls (↑ ↓ PgUp PgDn are the scroll's own keys,
        # hidden from footers; Space pages down too, as in a pager)
        Binding("space", "page", "Scroll", key_display="↑↓ PgUp PgDn"),
    ]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = bindings

    def compose(self) -> ComposeResult:
        table = Table("key", "action", box=None, pad_edge=False)
        for key, description in self.keys:
            table.add_row(Text(key, style="bold"), Text(description))
        with VerticalScroll(classes="dialog"):
            yield Static(Text("scalescope: inference scaling on the log-x chart", style="bold"))
            yield Static(Text(ABOUT))
            yield Static(table)
            yield Static(Text("Esc closes. Ctrl+P opens the command palette.", style="dim"))
        # the help's own keys: the main screen's footer (behind this dialog) showed keys that do
        # nothing here
        yield KeyFooter()

    def action_page(self) -> None:
        self.query_one(VerticalScroll).scroll_page_down()

    def action_close(self) -> None:
        self.dismiss(None)
