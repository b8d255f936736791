"""The key footer: one line-rendered widget, redrawn only when the keys it shows change.

Textual's ``Footer`` is a container of one ``FooterKey`` widget per key (16 here, each styled,
laid out and mounted at start-up, and rebuilt whenever the screen's bindings are refreshed: on
every focus change). This footer draws the same line itself: the same keys, labels, colours,
hover and dimming (the ``FooterKey`` rules of Textual's CSS, as component classes), a click runs
the key, the pointer shows the key's tooltip. The keys shown are worked out again when the
bindings, their state or the width change, and the line is repainted only when they differ.
Behind a dialog the footer keeps the keys it showed.

The footer fits its line: each key shows a short label (``SHORT``; the help screen keeps the long
description), and when they do not all fit the keys are taken in ``PRIORITY`` order (help, quit,
points, export, open, datasets, ...) and shown in their binding order; the rest are in the help
(``?``) and the command palette. At 80 columns: l f b c o e p d ? q.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

from scalescope.engine._frozen import frozen

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


@frozen
class ShownKey:
    """One key on the footer: what a click sends, what is drawn, where (cells from the left)."""

    key: str
    display: str
    label: str
    enabled: bool
    tooltip: str
    start: int
    end: int
    palette: bool = False


class KeyFooter(Widget, can_focus=False):
    """The key footer as one line (see the module's docstring)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--item",
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-border",
    }
    # Textual's Footer (compact) and FooterKey rules, one component class per part
    DEFAULT_CSS = """
    KeyFooter {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        .footer-key--item { background: $footer-item-background; }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--palette-border { color: $foreground 20%; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple | None = None  # what the keys were worked out from (_keys_shown)
        self.keys: tuple[ShownKey, ...] = ()
        self.updates = 0  # how many times the keys shown changed (tests: not on a dialog's round trip)
        self._hover: int | None = None  # index in keys of the key under the pointer

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._update)

    def on_resize(self) -> None:
        if self._shown is not None and self._shown[-1] != self._width():
            self._update()  # the keys that fit follow the width

    def _width(self) -> int:
        return self.app.size.width

    def _keys_shown(self) -> tuple:
        """Everything the keys are worked out from: the bindings shown (and the command
        palette's), their state, and the width."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            tuple(
                (key, b.key, b.action, b.description, b.key_display, b.group, b.id, b.show, enabled, tooltip)
                for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items()
                if b.show or key == palette
            ),
            self._width(),
        )

    def _update(self) -> None:
        if not self.is_attached:
            return
        if self._shown is not None and self.screen is not self.app.screen:
            return  # behind a dialog: its screen's keys are unchanged and come back as they were
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        self.keys = self._layout()
        self.updates += 1
        self._hover = None
        self.refresh()

    def _layout(self) -> tuple[ShownKey, ...]:
        """The keys, where Textual's compact Footer would put its FooterKeys: each is its key,
        a space and its label, one cell apart; the command palette's key on the right."""
        app = self.app
        width = self._width()
        bindings = [
            (b, enabled, tooltip) for (_, b, enabled, tooltip) in self.screen.active_bindings.values() if b.show
        ]
        chosen, palette = footer_keys(bindings, width)
        keys = []
        x = 0
        for binding, enabled, tooltip, label in chosen:
            display = app.get_key_display(binding)
            end = x + cell_len(display) + (1 + cell_len(label) if label else 0)
            keys.append(ShownKey(binding.key, display, label, enabled, tooltip or binding.description, x, end))
            x = end + 1
        if palette and app.ENABLE_COMMAND_PALETTE:
            found = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                display = app.get_key_display(binding)
                # docked right: a border cell, the key, a space, the label, a cell of padding
                size = 1 + cell_len(display) + 1 + cell_len(binding.description) + 1
                keys.append(
                    ShownKey(
                        binding.key,
                        display,
                        binding.description,
                        enabled,
                        binding.tooltip or binding.description,
                        width - size,
                        width,
                        palette=True,
                    )
                )
        return tuple(keys)

    # ---- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        blank = Style.from_color(bgcolor=base.bgcolor)
        if y != 0:
            return Strip.blank(width, blank)
        item = base + self.get_component_rich_style("footer-key--item", partial=True)
        hover_styles = self.get_component_styles("footer-key--hover")  # a translucent background
        hover = base + Style.from_color(
            hover_styles.color.rich_color,
            (Color.from_rich_color(base.bgcolor) + hover_styles.background).rich_color,
        )
        key_style = self.get_component_rich_style("footer-key--key", partial=True)
        label_style = self.get_component_rich_style("footer-key--description", partial=True)
        segments: list[Segment] = []
        x = 0
        for index, shown in enumerate(self.keys):
            under = hover if index == self._hover else item
            if not shown.enabled:
                under += Style(dim=True)
            if shown.start > x:
                segments.append(Segment(" " * (shown.start - x), blank))
            if shown.palette:  # its border: the colour blended over the background, as Textual draws it
                colour = self.get_component_styles("footer-key--palette-border").color
                border = (Color.from_rich_color(item.bgcolor) + colour).rich_color
                segments.append(Segment("▏", under + Style.from_color(border)))
            segments.append(Segment(shown.display, under + key_style))
            if shown.label:
                segments.append(Segment(" " + shown.label, under + label_style))
            if shown.palette:  # its padding
                segments.append(Segment(" ", Style.from_color(bgcolor=item.bgcolor)))
            x = shown.end
        if x < width:
            segments.append(Segment(" " * (width - x), blank))
        return Strip(segments).crop(0, width)

    # ---- the pointer ----------------------------------------------------------------------------

    def _key_at(self, x: int) -> int | None:
        for index, shown in enumerate(self.keys):
            if shown.start <= x < shown.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._key_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else self.keys[index].tooltip
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._key_at(event.x)
        if index is None:
            return
        shown = self.keys[index]
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
