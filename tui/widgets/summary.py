"""The summary pane: decomposition, fit and comparison figures with their intervals."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
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
    fit_method_lines,
    fit_rows,
    input_notes,
    listed_fits,
    unfitted_lines,
    unlisted_line,
)
from ..state import Analysis
from ..text import printable

# One part of the summary (a line of text, or a table): a key that says everything it shows
# (its text, style, headers and cells, as printed) and a function that builds its renderable.
# Equal keys render to equal lines, so a part's lines are cached by (key, width).
Part = tuple[tuple, Callable[[], RenderableType]]


def _text(value: object, style: str = "") -> Part:
    """A line of text from data (``literal``: shown as written, never markup)."""
    plain = printable(value)
    return ("text", plain, style), lambda: Text(plain, style=style)


def _table(headers: tuple[str, ...], rows, *, kind: str = "", whole: tuple[int, ...] = ()) -> Part:
    """A table with a plain head (every cell from data, shown as written); the cells of the
    columns ``whole`` (a verdict, such as a claim's status) are never cut, at any width."""
    cells = tuple(tuple(printable(cell) for cell in row) for row in rows)

    def table(widths: list[int] | None = None) -> Table:
        out = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for i, header in enumerate(headers):
            out.add_column(header, width=None if widths is None else widths[i])
        for row in cells:
            out.add_row(*(Text(cell) for cell in row))
        return out

    return ("table", kind, headers, cells), lambda: _WordsWhole(table, headers, cells, whole)


class _WordsWhole:
    """A table that, when it must narrow, keeps every word whole where the width allows: each
    column keeps its longest word (up to WORD_MAX cells), and a cell at a time the column narrows
    whose narrowing adds the fewest lines to the table; cells wrap at their spaces. Rich narrowed the widest
    column first, so at 80 columns with the dataset pane "inference-scaling boost" was cut with an
    ellipsis *and* wrapped. A table that fits, or one whose words cannot all fit, is drawn by rich
    as before, except the columns ``whole``: they keep their widest cell and the others share the
    rest (a claim's status was cut to `reprod…` at 80x24 with the dataset pane)."""

    def __init__(self, table: Callable[[list[int] | None], Table], headers, cells, whole=()) -> None:
        self.table = table
        self.whole = tuple(whole)
        columns = [[header, *(row[i] if i < len(row) else "" for row in cells)] for i, header in enumerate(headers)]
        self.sizes = [  # each cell's lines' word sizes, for the line counts of _wrapped_lines
            [[[cell_len(word) for word in line.split()] for line in text.splitlines() or [""]] for text in column]
            for column in columns
        ]
        self.natural = [
            max(cell_len(line) for text in column for line in text.splitlines() or [""]) for column in columns
        ]
        self.words = [
            min(WORD_MAX, max([cell_len(word) for text in column for word in text.split()] or [0]))
            for column in columns
        ]

    def __rich_console__(self, console, options):
        n = len(self.natural)
        between = _BETWEEN.get(n)
        if between is None:  # what rich adds between columns (padding, the box's divider): measured once
            from rich.measure import Measurement

            fixed = self.table([1] * n)  # fixed widths: rich measures no cell
            between = _BETWEEN[n] = Measurement.get(console, options.update_width(10_000), fixed).maximum - n
        room = options.max_width - between
        least = [min(w, n) for w, n in zip(self.words, self.natural)]
        if sum(self.natural) <= room:
            yield self.table(None)
            return
        if sum(least) > room:
            yield self.table(self._keep_whole(room) if self.whole else None)
            return
        widths, excess = list(self.natural), sum(self.natural) - room
        heights: dict[tuple[int, int], list[int]] = {}  # (column, width) -> each row's lines there

        def height(i: int, width: int) -> list[int]:
            found = heights.get((i, width))
            if found is None:
                found = heights[(i, width)] = [_wrapped_lines(cell, width) for cell in self.sizes[i]]
            return found

        def table_height(changed: int, width: int) -> int:
            rows = [height(j, width if j == changed else widths[j]) for j in range(n)]
            return sum(max(row) for row in zip(*rows))

        while excess > 0:  # a cell at a time, from the column whose narrowing adds the fewest lines
            i = min(
                (j for j in range(n) if widths[j] > least[j]),
                key=lambda j: (table_height(j, widths[j] - 1), least[j] - widths[j]),
            )
            widths[i] -= 1
            excess -= 1
        yield self.table(widths)

    def _keep_whole(self, room: int) -> list[int] | None:
        """Widths where the columns ``whole`` keep their widest cell and the widest of the others
        narrows first (rich then wraps or cuts those); None (rich's own) if even that cannot fit."""
        widths = list(self.natural)
        others = [i for i in range(len(widths)) if i not in self.whole]
        excess = sum(widths) - room
        if not others or sum(widths[i] for i in self.whole) + len(others) > room:
            return None
        while excess > 0:
            i = max(others, key=lambda j: widths[j])
            widths[i] -= 1
            excess -= 1
        return widths


def _wrapped_lines(lines: list[list[int]], width: int) -> int:
    """Lines a cell takes wrapped at its spaces in ``width`` cells, from its lines' word sizes (a
    longer word: one line)."""
    count = 0
    for sizes in lines:
        count += 1
        used = -1
        for size in sizes:
            used += size + 1
            if used > width and used != size:
                count += 1
                used = size
    return count


_BETWEEN: dict[int, int] = {}  # columns -> cells rich adds between them (the summary's one table style)

WORD_MAX = 24  # cells: a longer word (a model id) may still be cut, once, with an ellipsis

ROW_HEADERS = ("figure", "value", "95% CI / detail")


class Summary(Widget):
    """Renders an :class:`~tui.state.Analysis`; computes nothing.

    One line-rendered view: the summary is a list of parts (lines and tables, ``summary_parts``),
    each rendered to lines once per content and width and kept (``PART_CACHE`` of them), then
    Textual asks for those lines (``render_line``). A key that changes one section (a base model:
    the decomposition) renders that section again and nothing else; a dataset shown before renders
    nothing; layout, scrolling and repaints never render a table again. When the summary keeps its
    height, a change repaints the summary alone (no layout of the screen)."""

    DEFAULT_CSS = """
    Summary { height: auto; }
    """

    PART_CACHE = 256  # (part, width) renderings kept

    analysis: Analysis | None = None
    show_frontier: bool = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[Part] = [_text("")]
        self._part_lines: OrderedDict[tuple, list[Strip]] = OrderedDict()  # (key, width) -> lines
        self._lines: tuple[int, list[Strip]] | None = None  # (width, lines) of the parts shown
        self._styled: dict[int, Strip] = {}  # y -> the line as drawn (its style and width applied)
        self._styled_key: tuple | None = None
        self.renders = 0  # parts rendered to lines (tests: a key renders only what it changed)

    def show(
        self, analysis: Analysis, *, busy: bool = False, frontier: bool = False, claims_pending: bool = False
    ) -> None:
        self.analysis = analysis
        self.show_frontier = frontier
        parts = summary_parts(analysis, busy=busy, frontier=frontier, claims_pending=claims_pending)
        if [key for key, _ in parts] == [key for key, _ in self._parts]:
            self._parts = parts
            return  # the same lines: nothing to draw
        width = self.size.width
        height = len(self._lines[1]) if self._lines is not None and self._lines[0] == width else None
        self._parts = parts
        self._lines = None
        # the same height: repaint the summary alone; otherwise the pane scrolls differently
        same_height = width > 0 and height is not None and len(self.lines(width)) == height
        self.refresh(layout=not same_height)
        if not same_height and width > 0:
            self._settle_scrollbar(len(self.lines(width)))

    def _settle_scrollbar(self, height: int) -> None:
        """Show or hide the pane's scrollbar in the layout that gives the summary its new height,
        as Textual decides it after that layout (the summary longer than the pane, or not); else
        the scrollbar flips after it and Textual lays the screen out once more. The pane keeps the
        scrollbar's room (``scrollbar-gutter: stable``), so the summary's width, and so this
        height, do not depend on it. Were this ever to differ from Textual's own check, that
        check, made in the layout, shows or hides it as before."""
        pane = self.parent
        if not isinstance(pane, SummaryScroll) or pane.styles.overflow_y != "auto" or not pane.container_size:
            return
        styles = self.styles
        outer = height + styles.padding.top + styles.padding.bottom + styles.margin.top + styles.margin.bottom
        show = outer > pane.container_size.height
        if show != pane.show_vertical_scrollbar:
            pane.show_vertical_scrollbar = show
            pane.vertical_scrollbar.display = show

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # The summary's new height is laid out already (get_content_height): Textual's second
        # layout after a size change (virtual_size is a layout reactive) places nothing new here
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def lines(self, width: int) -> list[Strip]:
        """The summary rendered at ``width`` cells (cached until the next ``show`` or width)."""
        if self._lines is None or self._lines[0] != width:
            lines: list[Strip] = []
            for key, make in self._parts:
                lines += self._render_part(key, make, width)
            self._lines = (width, lines)
            self._styled.clear()
        return self._lines[1]

    def _render_part(self, key: tuple, make: Callable[[], RenderableType], width: int) -> list[Strip]:
        found = self._part_lines.get((key, width))
        if found is not None:
            self._part_lines.move_to_end((key, width))
            return found
        console = self.app.console
        options = console.options.update(width=max(1, width), height=None, highlight=False, markup=False)
        found = [Strip(line) for line in console.render_lines(make(), options, pad=False)]
        self.renders += 1
        self._part_lines[(key, width)] = found
        while len(self._part_lines) > self.PART_CACHE:
            self._part_lines.popitem(last=False)
        return found

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style.rich_style
        lines = self.lines(width)  # a new rendering clears the styled lines
        key = (width, base)
        if key != self._styled_key:
            self._styled.clear()
            self._styled_key = key
        found = self._styled.get(y)
        if found is None:
            found = (
                lines[y].apply_style(base).crop_extend(0, width, base) if y < len(lines) else Strip.blank(width, base)
            )
            self._styled[y] = found
        return found

    @property
    def plain(self) -> str:
        """What the summary says, as plain text (for tests and copying); rendered on demand."""
        return "" if self.analysis is None else summary_plain(self.analysis, frontier=self.show_frontier)


def claims_parts(a: Analysis, pending: bool = False) -> list[Part]:
    """The essays' claims this dataset tests: Ord's figure, ours, the status (`a` shows all)."""
    if pending:  # the app checks them in a worker after its first frame
        return [_text("checking the essays' claims on this data…", "italic dim")]
    if not a.claims:
        return []
    rows = [(c.id, c.source, c.claim, c.figure_label, c.ours, c.status) for c in a.claims]
    return [
        _text("The essays' claims on this data (press a for all, with notes)", "bold"),
        # the status is a verdict: never cut (the others wrap or are cut first)
        _table(("#", "source", "claim", "figure", "scalescope", "status"), rows, kind="claims", whole=(0, 5)),
    ]


def frontier_parts(a: Analysis) -> list[Part]:
    f = a.frontier
    if f is None:
        return []
    kind = a.dataset.x.kind
    parts: list[Part] = [
        _text(
            f"Frontier: {len(f.points)} of {f.considered} points, none dominated (no other point at most as "
            "costly and at least as good, strictly better in one; exact duplicates kept)",
            "bold",
        )
    ]
    rows = [(p.model, p.series, compute_text(p.compute, kind), f"{p.score:.2f}") for p in f.points]
    parts.append(_table(("model", "series", "compute", "score %"), rows, kind="frontier"))
    if f.error_note:
        parts.append(_text(f.error_note, "dim"))
    if f.unknown_compute:
        parts.append(
            _text(f"left out, compute unknown ({len(f.unknown_compute)}): " + ", ".join(f.unknown_compute), "dim")
        )
    return parts


def summary_parts(
    a: Analysis, *, busy: bool = False, frontier: bool = False, claims_pending: bool = False
) -> list[Part]:
    """The summary's lines and tables, in order, each with the key that says what it shows."""
    ds = a.dataset
    kind = ds.x.kind
    parts: list[Part] = []
    d = a.decomposition
    claims_first = d is None and a.comparison is None  # e.g. the ARC essay chart: the reading comes first
    if frontier:  # switched on just now: what the user asked for comes first
        parts += frontier_parts(a)
    if claims_first:
        parts += claims_parts(a, claims_pending)
    if d is not None:
        parts.append(_text(decomposition_heading(d), "bold"))
        parts.append(_table(ROW_HEADERS, decomposition_rows(d, kind), kind="rows"))
        parts.append(_text(decomposition_method(d), "dim"))
        for warning in d.warnings:
            parts.append(_text("⚠ " + warning, "yellow"))
        if d.ci:
            parts.append(_text("intervals: " + d.ci_method, "dim"))
    if a.comparison is not None:
        c = a.comparison
        parts.append(_text(f"Compare A = {c.series_a}  vs  B = {c.series_b}", "bold"))
        parts.append(_table(("figure", "value", "detail"), comparison_rows(c, kind), kind="rows"))
        for line in comparison_lines(c):
            parts.append(_text(line))
    shown = listed_fits(a.trends, d, a.unfitted)
    if shown:
        intervals = dict(a.trend_intervals)  # the slope's 95% interval, as `scalescope fit` prints it
        rows = [fit_rows(name, fit, kind, intervals.get(name)) for name, fit in shown]
        parts.append(_text("Trend fits (score vs log10 compute)", "bold"))
        parts.append(_table(("series", "pts", "pp/10x [95% CI]", "+10 pp costs", "R²", "range"), rows, kind="fits"))
        # the lines `fit` prints under its table: what each interval is, and what 'cannot tell' means
        parts.extend(_text(line, "dim") for line in fit_method_lines(shown, intervals))
    for line in unfitted_lines(list(getattr(a, "unfitted", ()))):
        parts.append(_text("⚠ " + line, "yellow"))
    if d is None and a.comparison is None and (shown or a.unfitted):
        unlisted = unlisted_line(ds, [name for name, _ in a.trends] + [name for name, _ in a.unfitted])
        if unlisted:
            parts.append(_text(unlisted, "dim"))
    if not claims_first:
        parts += claims_parts(a, claims_pending)
    for message in a.messages:
        parts.append(_text("⚠ " + message, "yellow"))
    if input_notes(ds):  # what the reader said about the file, or the fetch about its data (bundled: `show`)
        for note in input_notes(ds):
            parts.append(_text("note: " + note, "dim"))
    else:  # `$`: where the dollars come from, and what has no price (engine.prices)
        for note in ds.notes:
            if note.startswith("dollars:") or "have no price" in note:
                parts.append(_text(note, "dim"))
    if d is None and not shown and not a.messages:
        parts.append(
            _text(
                "No trend: the fit is off (press f), or no series has two points with a known compute "
                "(each model is its own series unless a series column groups them)."
            )
        )
    if busy:  # first, where it is seen: the logistic bootstrap takes seconds
        parts.insert(0, _text("computing the 95% intervals (logistic bootstrap, a few seconds)…", "italic"))
    return parts


def render_summary(a: Analysis, *, busy: bool = False, frontier: bool = False, claims_pending: bool = False) -> Group:
    """The whole summary as one renderable (the command line, tests, copying)."""
    parts = summary_parts(a, busy=busy, frontier=frontier, claims_pending=claims_pending)
    return Group(*(make() for _, make in parts))


def summary_plain(a: Analysis, *, frontier: bool = False) -> str:
    """The summary as plain text, for tests and for copying."""
    import io

    from rich.console import Console

    console = Console(width=120, no_color=True, record=True, file=io.StringIO())
    console.print(render_summary(a, frontier=frontier))
    return console.export_text()


class SummaryScroll(VerticalScroll):
    """The summary's scrolling pane. When the summary's height changes, one layout places it:
    Textual lays the screen out a second time after a container's scrollable size changes, which
    here moves nothing (the summary is its one child, ``height: auto``, laid out in the first
    one; the scrollbar is shown or hidden in it by Summary._settle_scrollbar)."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
