"""The summary pane: decomposition, fit and comparison figures with their intervals."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from ..report import (
    comparison_lines,
    comparison_rows,
    compute_text,
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


class Summary(Widget):
    """Renders an :class:`~tui.state.Analysis`; computes nothing.

    One line-rendered view: the summary (rich tables and lines) is rendered to lines once per
    analysis and width, then Textual asks for those lines (``render_line``); layout, scrolling
    and repaints never render the tables again (a tree of Statics, or one Static of tables,
    re-rendered them for every height measurement and repaint)."""

    DEFAULT_CSS = """
    Summary { height: auto; }
    """

    analysis: Analysis | None = None
    show_frontier: bool = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._renderable: RenderableType = Text("")
        self._lines: tuple[int, list[Strip]] | None = None  # (width, lines) of the last rendering

    def show(
        self, analysis: Analysis, *, busy: bool = False, frontier: bool = False, claims_pending: bool = False
    ) -> None:
        self.analysis = analysis
        self.show_frontier = frontier
        self._renderable = render_summary(analysis, busy=busy, frontier=frontier, claims_pending=claims_pending)
        self._lines = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Strip]:
        """The summary rendered at ``width`` cells (cached until the next ``show`` or width)."""
        if self._lines is None or self._lines[0] != width:
            console = self.app.console
            options = console.options.update(width=max(1, width), height=None, highlight=False, markup=False)
            rendered = console.render_lines(self._renderable, options, pad=False)
            self._lines = (width, [Strip(line) for line in rendered])
        return self._lines[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style.rich_style
        lines = self.lines(width)
        if y >= len(lines):
            return Strip.blank(width, base)
        return lines[y].apply_style(base).crop_extend(0, width, base)

    @property
    def plain(self) -> str:
        """What the summary says, as plain text (for tests and copying); rendered on demand."""
        return "" if self.analysis is None else summary_plain(self.analysis, frontier=self.show_frontier)


def claims_parts(a: Analysis, pending: bool = False) -> list:
    """The essays' claims this dataset tests: Ord's figure, ours, the status (`a` shows all)."""
    if pending:  # the app checks them in a worker after its first frame
        return [literal("checking the essays' claims on this data…", "italic dim")]
    if not a.claims:
        return []
    table = Table(
        "#", "source", "claim", "figure", "scalescope", "status", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False
    )
    for c in a.claims:
        table.add_row(*(literal(cell) for cell in (c.id, c.source, c.claim, c.figure_label, c.ours, c.status)))
    return [literal("The essays' claims on this data (press a for all, with notes)", "bold"), table]


def frontier_parts(a: Analysis) -> list:
    f = a.frontier
    if f is None:
        return []
    kind = a.dataset.x.kind
    parts: list = [
        literal(
            f"Frontier: {len(f.points)} of {f.considered} points, none dominated (no other point at most as "
            "costly and at least as good, strictly better in one; exact duplicates kept)",
            "bold",
        )
    ]
    table = Table("model", "series", "compute", "score %", box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for p in f.points:
        table.add_row(*(literal(cell) for cell in (p.model, p.series, compute_text(p.compute, kind), f"{p.score:.2f}")))
    parts.append(table)
    if f.unknown_compute:
        parts.append(
            literal(f"left out, compute unknown ({len(f.unknown_compute)}): " + ", ".join(f.unknown_compute), "dim")
        )
    return parts


def render_summary(a: Analysis, *, busy: bool = False, frontier: bool = False, claims_pending: bool = False) -> Group:
    ds = a.dataset
    kind = ds.x.kind
    parts: list = []
    d = a.decomposition
    claims_first = d is None and a.comparison is None  # e.g. the ARC essay chart: the reading comes first
    if frontier:  # switched on just now: what the user asked for comes first
        parts += frontier_parts(a)
    if claims_first:
        parts += claims_parts(a, claims_pending)
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
        for line in comparison_lines(c):
            parts.append(literal(line))
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
    if not claims_first:
        parts += claims_parts(a, claims_pending)
    for message in a.messages:
        parts.append(literal("⚠ " + message, "yellow"))
    if ds.group == "Opened files":  # what the reader said about the file (bundled notes: `show`)
        for note in ds.notes:
            parts.append(literal("note: " + note, "dim"))
    else:  # `$`: where the dollars come from, and what has no price (engine.prices)
        for note in ds.notes:
            if note.startswith("dollars:") or "have no price" in note:
                parts.append(literal(note, "dim"))
    if d is None and not shown and not a.messages:
        parts.append(
            literal(
                "No trend: the fit is off (press f), or no series has two points with a known compute "
                "(each model is its own series unless a series column groups them)."
            )
        )
    if busy:  # first, where it is seen: the logistic bootstrap takes seconds
        parts.insert(0, Text("computing the 95% intervals (logistic bootstrap, a few seconds)…", style="italic"))
    return Group(*parts)


def summary_plain(a: Analysis, *, frontier: bool = False) -> str:
    """The summary as plain text, for tests and for copying."""
    import io

    from rich.console import Console

    console = Console(width=120, no_color=True, record=True, file=io.StringIO())
    console.print(render_summary(a, frontier=frontier))
    return console.export_text()
