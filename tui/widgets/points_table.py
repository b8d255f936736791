"""Every point of the dataset, including those without a known compute, with its source.

A Line API widget (Textual's ``ScrollView`` + ``render_line``): only the rows on screen are
formatted and drawn, so 100k points open as fast as six. The data is held as plain columns
(numpy arrays pulled once from ``ds.points[col]``); a cell's text is made when its row is drawn.

Screen lines: a caption ("row 3 of 100,000 points"), the column header (both fixed while the rows
scroll), then one line per point. The cursor row starts with ``▶`` and is reversed, so it shows
without colour too (``NO_COLOR=1``). Every cell is data: it passes through ``printable`` and is
drawn as a plain segment, never parsed as markup.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..report import compute_text
from ..text import literal, printable

# (heading, data column, widest the column is drawn, right-aligned)
COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("model", "model", 32, False),
    ("series", "series", 32, False),
    ("role", "role", 10, False),
    ("compute", "compute", 18, True),
    ("score %", "score", 8, True),
    ("±", "score_stderr", 8, True),
    ("label", "label", 60, False),
    ("source", "source", 80, False),
)
HEADINGS = tuple(heading for heading, *_ in COLUMNS)
DATA_COLUMNS = tuple(column for _, column, *_ in COLUMNS)
# The order the columns are drawn in, by priority: what a point is (model), then its compute and
# score, then the rest. At 80 columns model, compute, score and ± are on screen together; `←` `→`
# scroll sideways to series, role, label and source. (``format_row`` and ``get_row_at`` keep the
# data order of ``COLUMNS``.)
DISPLAY_ORDER: tuple[int, ...] = (0, 3, 4, 5, 1, 2, 6, 7)
MODEL_MIN = 12  # the model column shrinks to this (cut with "…") so that compute and score fit
WIDTH_SAMPLE = 500  # rows read to size the columns (evenly spread over the table)
FIXED_LINES = 2  # caption + header
MARKER = "▶ "
BINOMIAL = "stderr_binomial"  # optional column: the ± shown is the binomial from n (marked "b")
GAP = "  "
_ROW_CACHE = 4096


def point_columns(points, dataset_n: int | None = None) -> dict[str, np.ndarray]:
    """The table's columns as numpy arrays: ``points[col]`` works on a DataFrame and on the
    engine's numpy-backed table alike (no pandas method is used). With the points' ``n`` (or the
    dataset's size), a point with no published stderr shows the binomial error every fit uses for
    it, marked ``b`` (``BINOMIAL``): it showed nothing, which read as "no error known"."""
    columns = {column: np.asarray(points[column]) for column in DATA_COLUMNS}
    try:
        n = np.asarray(points["n"], dtype=float)
    except (KeyError, ValueError, TypeError):
        return columns
    from scalescope.engine.uncertainty import shown_errors

    shown, binomial = shown_errors(columns["score"], columns["score_stderr"], n, dataset_n)
    if binomial.any():
        columns["score_stderr"], columns[BINOMIAL] = shown, binomial
    return columns


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return printable(value)


def format_row(columns: Mapping[str, Sequence], index: int, kind: str) -> tuple[str, ...]:
    """Row ``index`` as the table shows it: one printable string per heading in ``HEADINGS``."""
    compute = _number(columns["compute"][index])
    score = _number(columns["score"][index])
    stderr = _number(columns["score_stderr"][index])
    binomial = BINOMIAL in columns and bool(columns[BINOMIAL][index])
    return (
        _text(columns["model"][index]),
        _text(columns["series"][index]),
        _text(columns["role"][index]),
        compute_text(compute, kind) if math.isfinite(compute) else "unknown",
        f"{score:.2f}" if math.isfinite(score) else "",
        (f"{stderr:.2f}" + ("b" if binomial else "")) if math.isfinite(stderr) else "",
        _text(columns["label"][index]),
        _text(columns["source"][index]),
    )


def fit_cell(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with "…" when longer, padded when shorter."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - length)
    return pad + text if right else text + pad


def column_widths(rows: Sequence[Sequence[str]]) -> tuple[int, ...]:
    """Each column's width: its widest cell among ``rows`` and the heading, capped per column."""
    widths = [cell_len(heading) for heading in HEADINGS]
    for row in rows:
        for i, cell in enumerate(row):
            length = cell_len(cell)
            if length > widths[i]:
                widths[i] = length
    return tuple(min(width, cap) for width, (_, _, cap, _) in zip(widths, COLUMNS))


def sample_indices(n: int, size: int = WIDTH_SAMPLE) -> np.ndarray:
    """At most ``size`` row indices spread evenly from the first row to the last."""
    if n <= size:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, size).astype(np.int64))


class PointsTable(ScrollView, can_focus=True):
    """All points, one per line; only the lines on screen are formatted."""

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "cursor_page_up", "Page up", show=False),
        Binding("pagedown", "cursor_page_down", "Page down", show=False),
        Binding("home", "cursor_home", "First point", show=False),
        Binding("end", "cursor_end", "Last point", show=False),
        Binding("left", "column_left", "Previous column", show=False),
        Binding("right", "column_right", "Next column", show=False),
    ]

    COMPONENT_CLASSES = {
        "points-table--caption",
        "points-table--header",
        "points-table--cursor",
        "points-table--even-row",
    }

    DEFAULT_CSS = """
    PointsTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .points-table--caption { color: $text-muted; }
        & > .points-table--header { text-style: bold; background: $panel; }
        & > .points-table--even-row { background: $surface-lighten-1 50%; }
        & > .points-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: reverse;
        }
        &:focus > .points-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold reverse;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns: dict[str, np.ndarray] = {c: np.asarray([]) for c in DATA_COLUMNS}
        self._kind = "unknown"
        self._n = 0
        self._widths: tuple[int, ...] = column_widths([])
        self._rows: dict[int, tuple[str, ...]] = {}
        self._base_style: Style | None = None

    # ---- data --------------------------------------------------------------------------------

    def show(self, ds) -> None:
        """Show a dataset's points (``ds.points`` and ``ds.x.kind``)."""
        self.show_columns(point_columns(ds.points, ds.n_questions), ds.x.kind)

    def show_columns(self, columns: Mapping[str, Sequence], kind: str = "unknown") -> None:
        """Show plain columns (one sequence per name in ``DATA_COLUMNS``, all the same length)."""
        self._columns = {c: np.asarray(columns[c]) for c in (*DATA_COLUMNS, BINOMIAL) if c in columns}
        self._kind = kind
        self._n = len(self._columns["model"])
        self._rows = {}
        self._widths = column_widths([self.row_strings(int(i)) for i in sample_indices(self._n)])
        self.virtual_size = Size(self._line_width, self._n + FIXED_LINES)
        self.cursor_row = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    @property
    def row_count(self) -> int:
        return self._n

    @property
    def column_widths(self) -> tuple[int, ...]:
        return self._widths

    def row_strings(self, index: int) -> tuple[str, ...]:
        """Row ``index``'s cells, whole (not cut to the column width); formatted once, then cached."""
        row = self._rows.get(index)
        if row is None:
            if len(self._rows) >= _ROW_CACHE:
                self._rows.clear()
            row = self._rows[index] = format_row(self._columns, index, self._kind)
        return row

    def get_row_at(self, index: int) -> list[Text]:
        """Row ``index``'s cells as plain ``Text`` (the same shape as ``DataTable.get_row_at``)."""
        if not 0 <= index < self._n:
            raise IndexError(f"row {index} of {self._n}")
        return [literal(cell) for cell in self.row_strings(index)]

    # ---- drawing -----------------------------------------------------------------------------

    @property
    def _line_width(self) -> int:
        widths = self.display_widths()
        return cell_len(MARKER) + sum(widths) + cell_len(GAP) * (len(widths) - 1)

    def on_resize(self) -> None:
        self.virtual_size = Size(self._line_width, self._n + FIXED_LINES)  # the model column follows the width

    def display_widths(self, room: int | None = None) -> tuple[int, ...]:
        """Column widths as drawn (data order): the model column narrows, down to ``MODEL_MIN``,
        so that model, compute, score and ± fit in ``room`` cells (the table's visible width)."""
        widths = list(self._widths)
        if room is None:
            room = self.scrollable_content_region.width
        if room <= 0:
            return tuple(widths)
        first = DISPLAY_ORDER[:4]  # model, compute, score, ±
        needed = cell_len(MARKER) + sum(widths[i] for i in first) + cell_len(GAP) * (len(first) - 1)
        if needed > room:
            widths[0] = max(MODEL_MIN, widths[0] - (needed - room))
        return tuple(widths)

    def _line(self, cells: Sequence[str], marker: str, widths: Sequence[int] | None = None) -> str:
        widths = self._widths if widths is None else widths
        parts = [fit_cell(cells[i], widths[i], COLUMNS[i][3]) for i in DISPLAY_ORDER]
        return marker + GAP.join(parts)

    def _fixed_cells(self, widths: Sequence[int]) -> int:
        """Cells that stay put while `→` scrolls the rest: the marker, the model column, its gap
        (a row scrolled sideways still says which point it is)."""
        return cell_len(MARKER) + widths[DISPLAY_ORDER[0]] + cell_len(GAP)

    @property
    def page_rows(self) -> int:
        """How many point rows fit on screen under the caption and the header."""
        return max(1, self.scrollable_content_region.height - FIXED_LINES)

    def caption(self) -> str:
        if not self._n:
            return "no points"
        b = " · ±…b: binomial from n" if BINOMIAL in self._columns and self._columns[BINOMIAL].any() else ""
        return f"row {self.cursor_row + 1:,} of {self._n:,} points{b} · ← → more columns (series, label, source)"

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base_style = self.rich_style  # once per frame, not once per line (it walks the DOM)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        widths = self.display_widths(width)
        base = self._base_style or self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("points-table--caption")
            return Strip([Segment(" " + self.caption(), style)]).crop_extend(0, width, style)
        blank = " " * cell_len(MARKER)
        if y == 1:
            style = base + self.get_component_rich_style("points-table--header")
            marker, text = blank, self._line(HEADINGS, "", widths)
        else:
            index = scroll_y + y - FIXED_LINES
            if index >= self._n:
                return Strip.blank(width, base)
            cursor = index == self.cursor_row
            style = base
            if cursor:
                style = base + self.get_component_rich_style("points-table--cursor")
            elif index % 2:
                style = base + self.get_component_rich_style("points-table--even-row")
            marker, text = MARKER if cursor else blank, self._line(self.row_strings(index), "", widths)
        # the marker and the model column stay put: `→` scrolls the cells beside them (it scrolled
        # the ▶ away, then the model: a row of series, role and label said not which point it was)
        keep = self._fixed_cells(widths) - cell_len(MARKER)
        line = Strip([Segment(text, style)])
        fixed = Strip.join([Strip([Segment(marker, style)]), line.crop(0, keep)]).crop_extend(
            0, min(width, len(marker) + keep), style
        )
        cells = line.crop_extend(keep + scroll_x, keep + scroll_x + width - fixed.cell_length, style)
        return Strip.join([fixed, cells])

    # ---- sideways: a column a press ------------------------------------------------------------

    def column_starts(self) -> list[int]:
        """Where each scrolled column starts (display order after the fixed model column, as drawn
        at this width), in the cells that scroll."""
        widths = self.display_widths()
        starts, at = [], 0
        for i in DISPLAY_ORDER[1:]:
            starts.append(at)
            at += widths[i] + cell_len(GAP)
        return starts

    def action_column_right(self) -> None:
        """→: the next column to the left edge (the last ones: as far as the line goes); a cell a
        press made reaching `source` at 80 columns take dozens."""
        x = round(self.scroll_x)
        later = [start for start in self.column_starts() if start > x]
        self.scroll_to(
            x=min(later[0], self.max_scroll_x) if later else self.max_scroll_x, animate=False, immediate=True
        )
        self.refresh()

    def action_column_left(self) -> None:
        """←: the previous column to the left edge."""
        x = round(self.scroll_x)
        earlier = [start for start in self.column_starts() if start < x]
        self.scroll_to(x=earlier[-1] if earlier else 0, animate=False, immediate=True)
        self.refresh()

    # ---- the cursor --------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self._n - 1)) if self._n else 0

    def watch_cursor_row(self) -> None:
        top = round(self.scroll_y)
        page = self.page_rows
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False, immediate=True)
        self.refresh()

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_page_up(self) -> None:
        page = self.page_rows
        self.scroll_to(y=max(0, round(self.scroll_y) - page), animate=False, immediate=True)
        self.cursor_row -= page

    def action_cursor_page_down(self) -> None:
        page = self.page_rows
        self.scroll_to(y=round(self.scroll_y) + page, animate=False, immediate=True)
        self.cursor_row += page

    def action_cursor_home(self) -> None:
        self.cursor_row = 0

    def action_cursor_end(self) -> None:
        self.cursor_row = self._n - 1

    def move(self, how: str) -> None:
        """The app's PgUp/PgDn/Home/End ("page_up", "page_down", "home", "end"), from anywhere."""
        {
            "page_up": self.action_cursor_page_up,
            "page_down": self.action_cursor_page_down,
            "home": self.action_cursor_home,
            "end": self.action_cursor_end,
        }[how]()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y >= FIXED_LINES:
            self.cursor_row = round(self.scroll_y) + offset.y - FIXED_LINES


__all__ = ["PointsTable", "format_row", "fit_cell", "column_widths", "point_columns"]
