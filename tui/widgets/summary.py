"""The summary pane: decomposition, fit and comparison figures with their intervals."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..report import (
    comparison_rows,
    decomposition_heading,
    decomposition_method,
    decomposition_rows,
    fit_rows,
    unfitted_lines,
)
from ..state import Analysis
from ..text import literal


def _rows_table(rows, headers=("figure", "value", "95% CI / detail")) -> Table:
    table = Table(*headers, box=box.SIMPLE_HEAD, pad_edge=False, expand=False, show_edge=False)
    for row in rows:
        table.add_row(*(literal(cell) for cell in row))
    return table


class Summary(Static):
    """Renders an :class:`~tui.state.Analysis`; computes nothing."""

    analysis: Analysis | None = None

    def show(self, analysis: Analysis, *, busy: bool = False) -> None:
        self.analysis = analysis
        self.update(render_summary(analysis, busy=busy))

    @property
    def plain(self) -> str:
        """What the summary says, as plain text (for tests and copying); rendered on demand."""
        return "" if self.analysis is None else summary_plain(self.analysis)


def render_summary(a: Analysis, *, busy: bool = False) -> Group:
    ds = a.dataset
    kind = ds.x.kind
    parts: list = []
    d = a.decomposition
    if d is not None:
        parts.append(literal(decomposition_heading(d), "bold"))
        parts.append(_rows_table(decomposition_rows(d, kind)))
        parts.append(literal(decomposition_method(d), "dim"))
        for warning in d.warnings:
            parts.append(literal("⚠ " + warning, "yellow"))
        if d.ci:
            parts.append(literal("intervals: " + d.ci_method, "dim"))
    if a.comparison is not None:
        c = a.comparison
        parts.append(literal(f"Compare A = {c.series_a}  vs  B = {c.series_b}", "bold"))
        parts.append(_rows_table(comparison_rows(c, kind), ("figure", "value", "detail")))
        parts.append(literal(c.verdict()))
    shown = [(name, fit) for name, fit in a.trends if d is None or name != d.reasoning_series]
    if shown:
        table = Table(
            "series",
            "pts",
            "pp/10x",
            "+10 pp costs",
            "R²",
            "range",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            show_edge=False,
        )
        for name, fit in shown:
            table.add_row(*(literal(cell) for cell in fit_rows(name, fit, kind)))
        parts.append(literal("Trend fits (score vs log10 compute)", "bold"))
        parts.append(table)
    for line in unfitted_lines(list(getattr(a, "unfitted", ()))):
        parts.append(literal("⚠ " + line, "yellow"))
    for message in a.messages:
        parts.append(literal("⚠ " + message, "yellow"))
    if ds.group == "Opened files":  # what the reader said about the file (bundled notes: `show`)
        for note in ds.notes:
            parts.append(literal("note: " + note, "dim"))
    if d is None and not shown and not a.messages:
        parts.append(
            literal(
                "No trend: the fit is off (press f), or no series has two points with a known compute "
                "(each model is its own series unless a series column groups them)."
            )
        )
    if busy:
        parts.append(Text("computing intervals…", style="italic dim"))
    return Group(*parts)


def summary_plain(a: Analysis) -> str:
    """The summary as plain text, for tests and for copying."""
    import io

    from rich.console import Console

    console = Console(width=120, no_color=True, record=True, file=io.StringIO())
    console.print(render_summary(a))
    return console.export_text()
