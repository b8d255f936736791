"""Command palette (ctrl+p): every action, and every dataset by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .text import literal, markup_literal, printable

ACTIONS = [
    ("Toggle log-x / linear-x", "toggle_log"),
    ("Cycle the fit: linear / logistic / none", "cycle_fit"),
    ("Pick the base model", "pick_base"),
    ("Pick the reasoning series", "pick_reasoning"),
    ("Show or hide series", "toggle_series"),
    ("Compare two series (or clear the comparison)", "compare"),
    ("Show or hide the cost/score frontier", "toggle_frontier"),
    ("The essays' claims, checked", "claims"),
    ("Ord's boosts side by side (three benchmarks)", "boosts"),
    ("Open a file", "open_file"),
    ("Export the summary or the screen", "export"),
    ("Switch between summary and points table", "toggle_points"),
    ("Show or hide the dataset list", "toggle_datasets"),
    ("Filter the datasets by name", "filter"),
    ("Help: what the chart means, and every key", "help"),
]


def _key_hint(app, action: str) -> str:
    """'key: l' for an action bound to a key, so the palette teaches the shortcut."""
    from .screens.help import key_name

    for binding in getattr(app, "BINDINGS", ()):
        if getattr(binding, "action", None) == action:
            return "key: " + " or ".join(key_name(k) for k in binding.key.split(","))
    return ""


class ScalescopeCommands(Provider):
    def _commands(self):
        app = self.app
        for text, action in ACTIONS:
            yield text, partial(app.run_action, action), _key_hint(app, action)
        for dataset_id in getattr(app, "datasets_known", lambda: [])():
            yield f"Dataset: {dataset_id}", partial(app.show_dataset, dataset_id), "open this dataset"

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(literal(text), callback, text=text, help=markup_literal(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text, help=markup_literal(help_text))


def _highlight(matcher, text: str) -> Content:
    """The matched letters highlighted on literal content: Textual's ``Matcher.highlight`` parses
    its argument as markup, and dataset names come from file names (tui/text.py)."""
    shown = printable(text)
    prompt = Content(shown)
    if shown != text:  # control characters were escaped: the offsets no longer line up
        return prompt
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            prompt = prompt.stylize(matcher.match_style, offset, offset + 1)
    return prompt
