"""The key footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds every key (a widget each, styled one by one) whenever the screen's
bindings are refreshed, and they are refreshed on every focus change: six times for one dialog
opened and closed. Measured in the app sweep (cProfile), that was two thirds of the CPU of a key
that opens a dialog (``b`` then Escape: 0.64 s, 0.19 s with this footer). The keys shown change
only when the bindings, their state or the footer's options do; then it rebuilds as before.
Behind a dialog the footer keeps the keys it showed (dimmed) instead of emptying, and does not
rebuild when the dialog closes.
"""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: tuple | None = None

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
