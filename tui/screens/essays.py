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
from ..text import literal
from ..widgets.footer import KeyFooter
from ..widgets.row_table import RowTable

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
                yield RowTable(id="claims-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="claim-detail")
            with TabPane("Boosts side by side", id="tab-boosts"), VerticalScroll(id="boosts-scroll"):
                yield Static(id="boosts")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#claims-table", DataTable)
        # status early: seen at 80 columns
        for label in ("#", "status", "in CI", "source", "essay", "claim", "figure", "scalescope"):
            table.add_column(label, key=label)
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
        table = self.query_one("#claims-table", DataTable)
        for c in claims:
            status = Text(f"{STATUS_MARK[c.status]} {c.status}", style=STATUS_STYLE[c.status])
            cells = (
                literal(c.id),
                status,
                literal(in_ci_mark(c)),
                *(literal(cell) for cell in (c.source, c.essay, c.claim, c.figure_label, c.ours)),
            )
            table.add_row(*cells, key=c.id)
        self._detail(0)
        self.query_one("#boosts", Static).update(render_boosts(boosts, self.bar_width))
        self.query_one("#essay-tabs").loading = False
        self._focus_tab(self.initial)

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
