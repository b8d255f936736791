"""Map a file's columns onto the points table when their names are not recognised.

Everything the command line can say about a table, the dialog can say too: which column is
which (``--columns``), a score given as a 0-1 fraction (``--columns score_fraction=...``), what
compute is (``--x-kind``: the x axis is labelled by it) and how many questions stand behind each
point where the file has no stderr or n (``--assume-n``, for the intervals). Columns the engine
recognises are chosen already; so are likely ones (``model_name`` for the model).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from scalescope.engine._frozen import frozen
from scalescope.engine.points import ALIASES, SCORE_FRACTION, normalise_header

from ..text import literal, wrap_name

FIELDS = (
    ("model", "model (required)"),
    ("compute", "compute (required)"),
    ("score", "score (required)"),
    ("series", "series (optional)"),
    ("score_stderr", "stderr, in points (optional)"),
    ("n", "questions per point (optional)"),
)
KINDS = (
    ("tokens", "tokens per question"),
    ("usd", "dollars per task"),
    ("samples", "samples per problem"),
    ("unknown", "something else"),
)
SCALES = (("percent", "percent (0-100)"), ("fraction", "fraction (0-1)"))
MAX_ASSUMED_N = 10**9

# words in a header that make a column a likely choice, when no alias matches it exactly
HINTS = {
    "model": ("model", "system", "name"),
    "compute": ("token", "cost", "usd", "dollar", "compute", "sample", "budget"),
    "score": ("score", "acc", "pct", "percent", "pass", "correct", "solve", "success"),
    "series": ("series", "family"),
    "score_stderr": ("stderr", "std_err", "sem"),
    "n": ("n_questions", "questions", "n_problems", "num_samples"),
}
KIND_HINTS = (("token", "tokens"), ("cost", "usd"), ("usd", "usd"), ("dollar", "usd"), ("sample", "samples"))
FRACTION_HINTS = ("acc", "rate", "fraction", "frac", "prob", "mean")


@frozen
class ColumnChoice:
    """What the dialog chose: ``columns`` as ``--columns`` takes them (``score_fraction`` for a 0-1
    score), the compute kind (``--x-kind``) and the questions per point (``--assume-n``)."""

    columns: dict[str, str]
    x_kind: str | None = None
    assume_n: int | None = None


def guess_columns(headers: list[str]) -> dict[str, str]:
    """Each field's likely column: an exact alias first (as the engine reads it), then a header
    containing one of the field's words; a header is used once."""
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        alias = ALIASES.get(normalise_header(header))
        if alias and alias[0] in dict(FIELDS) and alias[0] not in chosen:
            chosen[alias[0]] = header
            used.add(header)
    for field, words in HINTS.items():
        if field in chosen:
            continue
        for header in headers:
            norm = normalise_header(header)
            if header not in used and any(word in norm for word in words):
                chosen[field] = header
                used.add(header)
                break
    return chosen


def guess_kind(header: str | None) -> str:
    """The compute kind a column's name implies (``tokens`` -> tokens), else "unknown"."""
    if not header:
        return "unknown"
    norm = normalise_header(header)
    alias = ALIASES.get(norm)
    if alias and alias[0] == "compute" and alias[2]:
        return alias[2]
    return next((kind for word, kind in KIND_HINTS if word in norm), "unknown")


def guess_scale(header: str | None) -> str:
    """ "fraction" when the column's name says 0-1 (``accuracy``, ``pass_rate``), else "percent"."""
    if not header:
        return "percent"
    norm = normalise_header(header)
    alias = ALIASES.get(norm)
    if alias and alias[0] == "score":
        return "fraction" if alias[1] == 100 else "percent"
    if "pct" in norm or "percent" in norm:
        return "percent"
    return "fraction" if any(word in norm for word in FRACTION_HINTS) else "percent"


class ColumnMapScreen(ModalScreen[ColumnChoice | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, file: str, headers: list[str], problem: str = "") -> None:
        super().__init__()
        self.file = file
        self.headers = headers
        self.problem = problem  # what the reader said; shown in the dialog, not over it
        self.guess = guess_columns(headers)

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
                    yield Select(
                        options, id=f"map-{key}", prompt="(none)", compact=True, value=self.guess.get(key, Select.NULL)
                    )
                if key == "compute":
                    with Horizontal(classes="map-row"):
                        yield Label("  compute is", classes="map-label")
                        yield Select(
                            [(text, kind) for kind, text in KINDS],
                            id="map-kind",
                            compact=True,
                            allow_blank=False,
                            value=guess_kind(self.guess.get("compute")),
                        )
                if key == "score":
                    with Horizontal(classes="map-row"):
                        yield Label("  score given as", classes="map-label")
                        yield Select(
                            [(text, scale) for scale, text in SCALES],
                            id="map-scale",
                            compact=True,
                            allow_blank=False,
                            value=guess_scale(self.guess.get("score")),
                        )
            with Horizontal(classes="map-row"):
                yield Label("assume questions per point", classes="map-label")
                yield Input(
                    placeholder="N, if no stderr or n (optional)", id="map-assume-n", compact=True, type="integer"
                )
            yield Label("", id="map-error")
            yield Button("Open with this mapping", id="map-ok", variant="primary", compact=True)

    @on(Select.Changed, "#map-compute")
    def _compute_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#map-kind", Select).value = guess_kind(str(event.value))

    @on(Select.Changed, "#map-score")
    def _score_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.query_one("#map-scale", Select).value = guess_scale(str(event.value))

    def choice(self) -> ColumnChoice | str:
        """The choice as the dialog shows it, or what is still wrong (a line for the user)."""
        mapping: dict[str, str] = {}
        for key, _ in FIELDS:
            value = self.query_one(f"#map-{key}", Select).value
            if value is not Select.NULL and value is not None:
                mapping[key] = str(value)
        missing = [k for k in ("model", "compute", "score") if k not in mapping]
        if missing:
            return f"still needed: {', '.join(missing)}"
        chosen = [h for h in mapping.values()]
        twice = sorted({h for h in chosen if chosen.count(h) > 1})
        if twice:
            return f"one column for two fields: {', '.join(twice)}"
        if self.query_one("#map-scale", Select).value == "fraction":
            mapping[SCORE_FRACTION] = mapping.pop("score")
        text = self.query_one("#map-assume-n", Input).value.strip()
        assume_n = None
        if text:
            try:
                assume_n = int(text)
            except ValueError:
                return "questions per point: a whole number, e.g. 500"
            if not 1 <= assume_n <= MAX_ASSUMED_N:
                return f"questions per point: between 1 and {MAX_ASSUMED_N:,}"
        kind = str(self.query_one("#map-kind", Select).value)
        return ColumnChoice(mapping, x_kind=kind, assume_n=assume_n)

    @on(Button.Pressed, "#map-ok")
    def _ok(self) -> None:
        choice = self.choice()
        if isinstance(choice, str):
            error = self.query_one("#map-error", Label)
            error.update(Text(choice))
            error.scroll_visible(animate=False)  # below a long reader's message at 80x24
            return
        self.dismiss(choice)

    @on(Input.Submitted, "#map-assume-n")
    def _submitted(self) -> None:
        self._ok()

    def action_cancel(self) -> None:
        self.dismiss(None)
