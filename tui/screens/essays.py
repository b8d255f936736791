"""The essays, checked: every numeric claim (a), and Ord's boosts side by side (s).

Renders engine results only: the claims from ``engine.claims``, the boosts from ``decompose`` on
the three bundled decompositions, computed in a worker so that the screen opens at once.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from ..report import BOOST_HEADERS, boost_bars, boost_row, claim_source_line, in_ci_mark, status_meaning
from ..text import clipped, literal
from ..widgets.footer import KeyFooter
from ..widgets.row_table import RowTable

CLAIM_COLUMNS = ("#", "status", "in CI", "source", "essay", "claim", "figure", "scalescope")
FIXED = 2  # '#' and status stay on screen while the table scrolls sideways
TEXT_COLUMNS = 3  # claim, figure, scalescope: the long ones, sized to the screen and cut with '…'
PAD = 2  # DataTable's cell padding, both sides
SCROLLBAR = 2


def claim_cells(c) -> tuple[Text, ...]:
    """One claim's cells, uncut, in CLAIM_COLUMNS order."""
    status = Text(f"{STATUS_MARK[c.status]} {c.status}", style=STATUS_STYLE[c.status])
    return (
        literal(c.id),
        status,
        literal(in_ci_mark(c)),
        *(literal(cell) for cell in (c.source, c.essay, c.claim, c.figure_label, c.ours)),
    )


def claim_widths(rows: list[tuple[Text, ...]], screen: int) -> list[int]:
    """Column widths for a screen ``screen`` cells wide. The short columns keep their text whole.
    Where the screen has room for the three long ones side by side (a share each), the table fits
    it and nothing is cut by its edge. Where it has not (80 columns), the claim fills the screen to
    its edge, and figure and scalescope are each as wide as the room beside '#' and status, so
    that → (one screenful of whole columns, ClaimsTable) shows each of them whole."""
    natural = [
        max([len(label)] + [c.cell_len for c in (row[i] for row in rows)]) for i, label in enumerate(CLAIM_COLUMNS)
    ]
    short = natural[:-TEXT_COLUMNS]
    claim, figure, ours = natural[-TEXT_COLUMNS:]
    room = screen - SCROLLBAR - sum(w + PAD for w in short) - TEXT_COLUMNS * PAD
    if room >= 64:  # side by side, each up to its share (what one leaves goes to the others)
        figure = min(figure, max(16, room * 20 // 100))
        ours = min(ours, max(24, room * 35 // 100))
        claim = min(claim, room - figure - ours)
        spare = room - claim - figure - ours
        ours = min(natural[-1], ours + spare)
        figure = min(natural[-2], figure + max(0, room - claim - figure - ours))
        return [*short, claim, figure, ours]
    beside = max(16, screen - SCROLLBAR - sum(w + PAD for w in natural[:FIXED]) - PAD)
    claim = min(claim, max(12, room + (TEXT_COLUMNS - 1) * PAD))
    return [*short, claim, min(figure, beside), min(ours, beside)]


class ClaimsTable(RowTable):
    """The claims: → and ← move a screenful of whole columns ('#' and status stay), so no column
    is left cut by the screen's edge; DataTable's own moved a few cells a press."""

    BINDINGS = [
        Binding("right", "columns(1)", "More columns", show=False),
        Binding("left", "columns(-1)", "Back a screenful of columns", show=False),
    ]

    def _stops(self) -> list[int]:
        """The scroll positions → steps through: each puts the first column not wholly in view
        at the left, beside the fixed ones."""
        widths = [c.get_render_width(self) for c in self.ordered_columns]
        fixed = sum(widths[: self.fixed_columns])
        view = self.scrollable_content_region.width - fixed
        starts = [sum(widths[:i]) for i in range(len(widths))]
        stops = [0]
        while True:
            right = fixed + stops[-1] + view
            after = [
                s - fixed
                for i, s in enumerate(starts)
                if i >= self.fixed_columns and s + widths[i] > right and s - fixed > stops[-1]
            ]
            if not after or stops[-1] >= self.max_scroll_x:
                return stops
            stops.append(min(after[0], int(self.max_scroll_x)))

    def action_columns(self, step: int) -> None:
        stops = self._stops()
        x = round(self.scroll_x)
        if step > 0:
            later = [s for s in stops if s > x]
            target = later[0] if later else x
        else:
            earlier = [s for s in stops if s < x]
            target = earlier[-1] if earlier else 0
        self.scroll_to(x=target, animate=False)


BOOST_DATASETS = ("math-level-5", "gpqa-diamond", "otis-mock-aime")
STATUS_MARK = {  # one per engine.claims.STATUSES (a test checks), read without colour
    "reproduced": "=",
    "rounds_to": "≈",
    "within_interval": "∈",
    "cannot_tell": "?",
    "differs": "≠",
    "no_data": "∅",
}
STATUS_STYLE = {
    "reproduced": "green",
    "rounds_to": "green",
    "within_interval": "green",
    "cannot_tell": "yellow",
    "differs": "bold yellow",
    "no_data": "dim",
}  # the marks read without colour


class EssaysScreen(Screen[None]):
    """Two tabs: the claims table with the highlighted claim's note, and the boosts as bars."""

    DEFAULT_CSS = """
    EssaysScreen #claims-table { height: 1fr; }
    EssaysScreen #claim-detail { height: auto; max-height: 12; padding: 0 1; border-top: solid $primary 50%; }
    EssaysScreen #boosts { padding: 0 1; }
    EssaysScreen TabPane { padding: 0; }
    """
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("a", "tab('tab-claims')", "Claims"),
        Binding("s", "tab('tab-boosts')", "Boosts"),
    ]

    def __init__(self, tab: str = "claims", *, n_boot: int = 2000) -> None:
        super().__init__()
        self.initial = f"tab-{tab}"
        self.n_boot = n_boot
        self.claims: tuple = ()
        self.boosts: list = []
        self.shown = None  # the claim whose detail is shown

    def compose(self) -> ComposeResult:
        with TabbedContent(initial=self.initial, id="essay-tabs"):
            with TabPane("Claims", id="tab-claims"), Vertical():
                yield ClaimsTable(id="claims-table", cursor_type="row", zebra_stripes=True, fixed_columns=FIXED)
                yield Static(id="claim-detail")
            with TabPane("Boosts side by side", id="tab-boosts"), VerticalScroll(id="boosts-scroll"):
                yield Static(id="boosts")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#essay-tabs").loading = True
        self._compute()

    @work(thread=True, exclusive=True, group="essays")
    def _compute(self) -> None:
        from scalescope.engine.catalog import load_bundled
        from scalescope.engine.claims import all_claims
        from scalescope.engine.decompose import DecomposeOptions, decompose

        claims = all_claims()
        from ..state import assume_n_hint

        boosts = []
        for i in BOOST_DATASETS:
            ds = load_bundled(i)
            boosts.append((i, decompose(ds, DecomposeOptions(n_boot=self.n_boot, assume_n_hint=assume_n_hint(ds)))))
        self.app.call_from_thread(self._show, claims, boosts)

    def _show(self, claims, boosts) -> None:
        self.claims, self.boosts = claims, boosts
        self._fill_table()
        self._detail(0)
        self.query_one("#boosts", Static).update(render_boosts(boosts, self.bar_width))
        self.query_one("#essay-tabs").loading = False
        self._focus_tab(self.initial)

    _filled_at: int | None = None  # the screen width the table's columns were sized for

    def _fill_table(self) -> None:
        """The claims, each cell cut to its column's width with '…' (claim_widths); the status
        early: seen at 80 columns. Filled again when the screen's width changes."""
        table = self.query_one("#claims-table", DataTable)
        rows = [claim_cells(c) for c in self.claims]
        widths = claim_widths(rows, self.size.width or self.app.size.width)
        row = table.cursor_row
        table.clear(columns=True)
        for label, width in zip(CLAIM_COLUMNS, widths, strict=True):
            table.add_column(label, key=label, width=width)
        for c, cells in zip(self.claims, rows, strict=True):
            table.add_row(
                *(clipped(cell.plain, w, cell.style) for cell, w in zip(cells, widths, strict=True)), key=c.id
            )
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))
        self._filled_at = self.size.width

    def on_resize(self) -> None:
        if self.claims and self.size.width != self._filled_at:
            self._fill_table()

    @on(DataTable.RowHighlighted, "#claims-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, row: int) -> None:
        if not self.claims or not 0 <= row < len(self.claims):
            return
        self.shown = self.claims[row]
        self.query_one("#claim-detail", Static).update(claim_detail(self.shown))

    def action_tab(self, tab: str) -> None:
        self.query_one("#essay-tabs", TabbedContent).active = tab
        self._focus_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        """The tab's own view takes the focus, so PgUp/PgDn/Home/End and the arrows move it (the
        boosts kept the focus on the tab strip: at 80x24 the last bars stayed below the fold)."""
        self.query_one("#claims-table" if tab == "tab-claims" else "#boosts-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def detail_plain(self) -> str:
        """The shown claim's detail as plain text (for tests)."""
        return "" if self.shown is None else _plain(claim_detail(self.shown))

    @property
    def bar_width(self) -> int:
        """Bars fit the screen: the name column and the whisker labels beside them."""
        return max(20, min(60, self.size.width - 40))

    @property
    def boosts_plain(self) -> str:
        """The boosts tab as plain text (for tests)."""
        return _plain(render_boosts(self.boosts, self.bar_width))


def _plain(renderable) -> str:
    import io

    from rich.console import Console

    console = Console(width=160, no_color=True, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def claim_detail(c) -> Group:
    lines = [
        literal(f"#{c.id} ({c.essay}) {c.claim}", "bold"),
        literal(claim_source_line(c)),
        literal(f"{'Ord' if c.source == 'ord' else 'figure'}: {c.figure_label}   scalescope: {c.ours}"),
        literal(f"status: {STATUS_MARK[c.status]} {c.status} ({status_meaning(c.status)})   in CI: {in_ci_mark(c)}"),
        literal(f"reproduce: {c.command}"),
    ]
    if c.switch is not None:  # before the note: the note is the longest part, and the pane may cut it
        lines.append(literal(f"switch: {c.switch.command}  ->  {c.switch.ours} ({c.switch.status})"))
    lines.append(literal(c.note, "dim"))
    return Group(*lines)


def render_boosts(boosts, width: int = 40) -> Group:
    """The three decompositions: a table with intervals, then the stacked bars (plain glyphs)."""
    if not boosts:
        return Group()
    table = Table(*BOOST_HEADERS, box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    # the names are short (14 cells at most): whole at 80 columns, where they were cut to 'math-level…'
    table.columns[0].min_width = max(len(name) for name, _ in boosts)
    table.columns[0].no_wrap = True
    for name, d in boosts:
        table.add_row(*(literal(cell) for cell in boost_row(name, d)))
    bars = [literal(line) for line in boost_bars(boosts, width=width, compact=True)]
    notes = [literal(f"{name}: {w}", "dim") for name, d in boosts for w in d.warnings]
    return Group(
        literal("Ord's boosts side by side: Claude 3.5 Sonnet (base) -> Claude 3.7 Sonnet", "bold"),
        table,
        *bars,
        *notes,
    )
