"""Pick one item from a list (a base model, a reasoning series, a series to compare)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..text import literal

LISTED = 500  # options built at once (50,000 took 8 s of CPU); typing narrows to the rest


class PickScreen(ModalScreen[str | None]):
    """Dismisses with the chosen value, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, choices: list[tuple[str, str]], current: str | None = None, what: str = "choice"
    ) -> None:
        """``choices`` are (value, description) pairs; ``what`` names them in the line shown when
        a query matches none ("no series of two or more points matches 'x'")."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Input(
                placeholder="type to filter; Enter takes the first, ↓ goes to the list", id="pick-filter", compact=True
            )
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()  # type to filter; down moves into the list

    def reset(
        self, title: str, choices: list[tuple[str, str]], current: str | None = None, what: str = "choice"
    ) -> None:
        """Set this (mounted, closed) dialog for new choices: what a new one shows when it opens,
        an empty filter, the whole list, the focus in the filter. The app keeps one dialog so
        that closing it removes no widgets: Textual lays out and repaints the whole screen again
        after a screen's widgets are removed."""
        self.title_text, self.choices, self.current, self.what = title, choices, current, what
        self.query_one(".dialog-title", Label).update(literal(title))
        field = self.query_one(Input)
        with field.prevent(Input.Changed):
            field.value = ""
        self._fill("")
        self.set_focus(field)

    def key_down(self) -> None:
        if self.query_one(Input).has_focus:
            self.query_one(OptionList).focus()

    _filled_for: str | None = None  # the text the list was last filled for

    def _fill(self, text: str) -> None:
        self._filled_for = text
        needle = text.lower()
        options, more = [], 0
        for index, (value, description) in enumerate(self.choices):
            if needle and needle not in f"{value} {description}".lower():
                continue
            if len(options) == LISTED:
                more += 1
                continue
            mark = "● " if value == self.current else "  "
            label = literal(mark + value)
            if description:
                label.append(literal("  " + description, "dim"))
            options.append(Option(label, id=str(index)))
        if more:
            options.append(Option(literal(f"  … {more:,} more: type to narrow the list", "dim"), disabled=True))
        if not options and needle:  # as the dataset filter says it: an empty list is not left to guess
            options.append(Option(literal(f"no {self.what} matches '{text.strip()}'", "dim"), disabled=True))
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(options)

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        text = self.query_one(Input).value  # the box's text now (as the dataset filter's)
        if text != self._filled_for:  # in a burst, the later keys' Changed find it filled already
            self._fill(text)

    @on(Input.Submitted, "#pick-filter")
    def _first(self) -> None:
        """Enter: the first match of the text in the box now. In a burst (`b 20240620⏎`) Enter is
        handled before the Changed of the keys typed ahead of it, so the list is filled first
        (when it was filled for another text: typed slowly, it is not filled twice)."""
        text = self.query_one(Input).value
        if text != self._filled_for:
            self._fill(text)
        option_list = self.query_one(OptionList)
        first = option_list.get_option_at_index(0) if option_list.option_count else None
        if first is not None and first.id is not None:  # not the "no ... matches" line
            self.dismiss(self.choices[int(first.id)][0])

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:  # not the "... more" line
            self.dismiss(self.choices[int(event.option.id)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
