"""The key footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds every key (a widget each, styled one by one) whenever the screen's
bindings are refreshed, and they are refreshed on every focus change: six times for one dialog
opened and closed. Measured in the app sweep (cProfile), that was two thirds of the CPU of a key
that opens a dialog (``b`` then Escape: 0.64 s, 0.19 s with this footer). The keys shown change
only when the bindings, their state or the footer's options do; then it rebuilds as before.
Behind a dialog the footer keeps the keys it showed (dimmed) instead of emptying, and does not
rebuild when the dialog closes.

The footer fits its line: each key shows a short label (``SHORT``; the help screen keeps the long
description), and when they do not all fit the keys are taken in ``PRIORITY`` order (help, quit,
points, export, open, datasets, ...) and shown in their binding order; the rest are in the help
(``?``) and the command palette. At 80 columns: l f b c o e p d ? q.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# binding id -> the footer's label (the binding's description stays whole in the help)
SHORT = {
    "toggle_log": "Log/lin",
    "cycle_fit": "Fit",
    "pick_base": "Base",
    "pick_reasoning": "Reasoning",
    "toggle_series": "Series",
    "compare": "Compare",
    "toggle_frontier": "Frontier",
    "claims": "Claims",
    "boosts": "Boosts",
    "open_file": "Open",
    "export": "Export",
    "toggle_points": "Points",
    "toggle_datasets": "Data",
    "help": "Help",
    "quit": "Quit",
}
# the keys that stay when the line is short, most important first; keys of other screens (a
# dialog's Cancel, the claims view's keys) come after these, in their binding order
PRIORITY = (
    "help",
    "quit",
    "toggle_points",
    "export",
    "open_file",
    "toggle_datasets",
    "toggle_log",
    "cycle_fit",
    "compare",
    "pick_base",
    "pick_reasoning",
    "toggle_series",
    "toggle_frontier",
    "claims",
    "boosts",
)
PALETTE_WIDTH = 12  # "▏^p palette" docked on the right


def footer_keys(bindings: list[tuple], width: int) -> tuple[list[tuple], bool]:
    """The (binding, enabled, tooltip, label) shown on a footer ``width`` cells wide, in binding
    order, and whether the command palette's key fits too. One key per action (the first)."""
    seen: dict[str, tuple] = {}
    for binding, enabled, tooltip in bindings:
        if binding.action not in seen:
            seen[binding.action] = (binding, enabled, tooltip, SHORT.get(binding.id or "", binding.description))
    items = list(seen.values())
    order = {name: i for i, name in enumerate(PRIORITY)}
    ranked = sorted(range(len(items)), key=lambda i: (order.get(items[i][0].id or "", len(order)), i))

    def cost(item) -> int:  # compact FooterKey: key, space, label, one cell of margin
        binding, _, _, label = item
        return cell_len(binding.key_display or binding.key) + 1 + cell_len(label) + 1

    kept, used = set(), 0
    for i in ranked:
        if used + cost(items[i]) > width:
            continue  # a shorter one further down may still fit
        kept.add(i)
        used += cost(items[i])
    palette = len(kept) == len(items) and used + PALETTE_WIDTH <= width
    return [items[i] for i in sorted(kept)], palette


class KeyFooter(Footer):
    _shown: tuple | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.compact = True

    def _width(self) -> int:
        return self.app.size.width

    def _shown_bindings(self) -> list[tuple]:
        return [(b, enabled, tooltip) for (_, b, enabled, tooltip) in self.screen.active_bindings.values() if b.show]

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys, palette = footer_keys(self._shown_bindings(), self._width())
        self.styles.grid_size_columns = len(keys)
        for binding, enabled, tooltip, label in keys:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.description,
            ).data_bind(compact=Footer.compact)
        if palette and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, tooltip = found
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[-1] != self._width():
            self.call_after_refresh(self.recompose)  # the keys that fit follow the width

    def _keys_shown(self) -> tuple:
        """Everything ``Footer.compose`` reads: the bindings it shows (and the command palette's),
        their state, and the footer's options."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self.compact,
            self.show_command_palette,
            tuple(
                (key, b.key, b.action, b.description, b.key_display, b.group, enabled, tooltip)
                for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                if b.show or key == palette
            ),
            self._width(),
        )

    async def recompose(self) -> None:
        if not self.is_attached or not getattr(self, "_bindings_ready", True):
            await super().recompose()
            return
        if self._shown is not None and self.screen is not self.app.screen:
            return  # behind a dialog: its screen's keys are unchanged and come back as they were
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()
