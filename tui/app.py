"""The scalescope terminal app: datasets, the log-x chart and the decomposition summary.

The app renders engine results and computes nothing itself: every figure comes from
``tui.state.analyse`` (which calls the engine), run in a worker so that nothing blocks a frame.
"""

# ruff: noqa: E402  (the cyclic GC is paused before the imports below: see _imported)

from __future__ import annotations

import gc

_gc_was_enabled = gc.isenabled()
gc.disable()

import contextlib
import threading
from collections import OrderedDict
from dataclasses import field, replace
from datetime import datetime
from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from scalescope.engine._frozen import frozen
from scalescope.engine.catalog import catalog, load_bundled
from scalescope.engine.dataset import Dataset
from scalescope.engine.decompose import DecomposeOptions
from scalescope.engine.errors import ScalescopeError
from scalescope.engine.fetched import fetched_catalog, load_fetched

from .background import in_thread
from .chart import ChartSpec, default_highlight
from .commands import ScalescopeCommands
from .report import summary_export
from .state import Analysis, analyse, assume_n_hint
from .text import literal, printable
from .widgets.chart_view import ScalingChart
from .widgets.dataset_list import DatasetItem, DatasetPane
from .widgets.footer import KeyFooter
from .widgets.header import AppHeader
from .widgets.panes import Panes, Stack
from .widgets.summary import Summary, SummaryScroll
from .widgets.tab_bar import TabBar


def _imported() -> None:
    """Start-up allocates some 75,000 objects (Textual, numpy, plotext, rich and ours: modules,
    classes, CSS rules) that live as long as the process. The cyclic GC would walk them again and
    again while they are imported and the first frame is built (about 200 collections, one of
    them full), and once more at exit. So it is paused while they are imported, then they are
    moved out of its reach (``gc.freeze``): later collections only walk what the app allocates
    after, and the app's own objects are collected as before. (What the imports left as garbage
    stays: 454 objects of the 83,000 frozen, measured.)"""
    gc.freeze()
    if _gc_was_enabled:
        gc.enable()


_imported()


class MainScreen(Screen):
    """Textual's default screen, laid out again on a Resize only when the size changed.

    At start the terminal's size reaches the screen as several Resize events (Textual merges
    them only when nothing else is queued between them, and mounting the app queues plenty):
    each laid the whole screen out again at the size it was already laid out at, and painted
    what was dirty then, before the first frame. What such a layout would catch (a widget that
    asked for a layout or a repaint) is done by Textual's own update, as for any change."""

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume (the app's start) does not restyle every widget again: each was
        styled as it was mounted, and what changed since (a class, the focus, the dataset pane's
        display) restyled what it touched. Textual's own handler (Screen's) runs after this one."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def render_lines(self, crop: Region) -> list[Strip]:
        """Nothing: the header, the panes and the footer cover the screen (tui/widgets/panes.py)."""
        return []

    def _screen_resized(self, size: Size) -> None:
        if size == self._compositor.size:  # laid out at this size already
            return
        super()._screen_resized(size)


def _points_table() -> Widget:
    """The points table, built (and its module imported) the first time the Points tab is shown:
    the first frame never shows it (~1.6 ms of it: the import, the class, its CSS, its mount)."""
    from .widgets.points_table import PointsTable

    return PointsTable(id="points")


DIALOG_CSS = Path(__file__).parent / "dialogs.tcss"
DEFAULT_DATASET = "math-level-5"
FIT_CYCLE = ("linear", "logistic", None)
NARROW = 110  # below this many columns the dataset pane collapses and the panes stack


SERIES_CHOICES = "series of two or more points"  # what _series_choices lists, in the pickers' no-match line


@frozen
class View:
    """Everything the user switched: the whole state of what is shown."""

    dataset_id: str
    log_x: bool = True
    link: str | None = "linear"
    options: DecomposeOptions = field(default_factory=DecomposeOptions)
    hidden: frozenset[str] = frozenset()
    compare_pair: tuple[str, str] | None = None
    frontier: bool = False  # the cost/score frontier drawn and listed


BUDGET_PREFIX = "≤L "  # series of budget curves (engine.readers.inspect_logs.with_budget_curves)


class ScalescopeApp(App[None]):
    TITLE = "scalescope"
    SUB_TITLE = "inference scaling on the log-x chart"
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses elsewhere find it too
    COMMANDS = App.COMMANDS | {ScalescopeCommands}

    BINDINGS = [
        Binding("l", "toggle_log", "Log/linear x", id="toggle_log"),
        Binding("f", "cycle_fit", "Fit", id="cycle_fit"),
        Binding("b", "pick_base", "Base", id="pick_base"),
        Binding("left_square_bracket", "step_base(-1)", "Previous base model", show=False, id="prev_base"),
        Binding("right_square_bracket", "step_base(1)", "Next base model", show=False, id="next_base"),
        Binding("r", "pick_reasoning", "Reasoning", id="pick_reasoning"),
        Binding("v", "toggle_series", "Series", id="toggle_series"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("w", "toggle_frontier", "Frontier", id="toggle_frontier"),
        Binding("u", "toggle_budget", "Budget curves (Inspect logs)", show=False, id="toggle_budget"),
        Binding("dollar_sign", "toggle_dollars", "x in dollars per task", show=False, id="toggle_dollars"),
        Binding("a", "claims", "Claims", id="claims"),
        Binding("s", "boosts", "Boosts side by side", id="boosts"),
        Binding("o", "open_file", "Open", id="open_file"),
        Binding("e", "export", "Export", id="export"),
        Binding("p", "toggle_points", "Points", id="toggle_points"),
        Binding("d", "toggle_datasets", "Datasets", id="toggle_datasets"),
        Binding("slash", "filter", "Filter datasets", show=False, id="filter"),
        Binding("m", "map_columns", "Map the columns of an opened file", show=False, id="map_columns"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        # navigation: reach the summary (or the points table) wherever the focus is, no Tab needed
        Binding("escape", "main_view", "Back to the chart and summary", show=False, id="main_view"),
        Binding("pageup", "scroll_main('page_up')", "Scroll the summary up a page", show=False),
        Binding("pagedown", "scroll_main('page_down')", "Scroll the summary down a page", show=False),
        Binding("home", "scroll_main('home')", "Scroll the summary to the top", show=False),
        Binding("end", "scroll_main('end')", "Scroll the summary to the end", show=False),
    ]

    def __init__(self, source: str | None = None, *, n_boot: int = 2000, export_dir: Path | None = None) -> None:
        super().__init__()
        self.source = source
        self.n_boot = n_boot
        self.export_dir = export_dir or working_folder()
        self.datasets: dict[str, Dataset] = {}
        self._kept_picker: Screen | None = None  # the pick dialog, kept between uses (_picker)
        self.in_dollars = False  # `$`: every token dataset shown in dollars per task (engine.prices)
        self._in_dollars: dict[str, tuple[Dataset, Dataset]] = {}  # id -> (as loaded, in dollars)
        self.view = View(DEFAULT_DATASET)
        self.analysis: Analysis | None = None
        self._points_shown_for: str | None = None
        self._default_highlight: dict[str, tuple[str, ...]] = {}  # per dataset id; it never changes
        self._claims: dict[str, tuple] = {}  # the essays' claims per dataset id, checked once (a worker)
        self._claims_running: set[str] = set()
        self._busy = False  # the logistic intervals are being computed
        # work for just after the first paint (MainScreen calls after_first_paint): None once painted
        self._after_first_paint: list | None = []
        self.datasets_open: bool | None = None  # None: shown when wide, hidden when narrow
        self.assumed_n: dict[str, int] = {}  # dataset id -> questions per point (the column dialog's)
        self._analyses: OrderedDict[tuple, tuple[Dataset, Analysis]] = OrderedDict()  # _analyse's, newest last
        self._analyses_lock = threading.Lock()
        self.fetched_entries, self.cache_problems = fetched_catalog()  # `scalescope fetch` results, read once

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: messages carry file names, headers and cells, and a
        ``[/]`` or ``[@click=app.quit]`` in them must show as written (tui/text.py)."""
        # line by line: a message's own line breaks stay breaks (printable would show them as \n)
        text = "\n".join(printable(line) for line in str(message).split("\n"))
        super().notify(text, title=printable(title), severity=severity, timeout=timeout, markup=False)

    # ---- quitting: the keys that came with q do nothing ----------------------------------------

    _quitting = False  # not `_closing`: that is Textual's own (MessagePump), and the exit would stall

    async def action_quit(self) -> None:
        """q (and ctrl+q, the palette's Quit): the app closes. Keys received with it (a burst: a
        fast typist, a paste, an SSH packet) are still handled before the exit; one that opened a
        dialog gave a traceback (its widgets were gone by its on_mount). check_action stops them."""
        self._quitting = True
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No app action runs once quitting (False: the key is not handled here, and the footer
        hides it); the main view's keys only act while the main screen is the one shown; a
        screen's or a widget's own bindings are theirs to check."""
        # another screen on top (claims, help): the hidden main view takes no keys
        return not self._quitting and (action not in MAIN_SCREEN_ACTIONS or self.screen is self.default_screen)

    async def on_event(self, event: events.Event) -> None:
        """Ctrl+J from the terminal is Enter. Keys typed while the app starts (before Textual has
        the terminal in raw mode) are read by the terminal's line discipline first, which turns
        Enter's carriage return into a line feed (ICRNL): Textual reads that as Ctrl+J, which
        nothing here is bound to, so `/gpqa` Enter typed as the app opened filtered the list and
        opened nothing. (No key of the app is Ctrl+J.)"""
        if type(event) is events.Key and event.key == "ctrl+j" and not event.is_forwarded:
            event = events.Key("enter", "\r")
        await super().on_event(event)

    def on_key(self, event) -> None:
        """A printable key that reaches the app while a text box has the focus was received
        before the box took it: typed in one burst with the `/` (or the `b`, `r`, `c` that opened
        a dialog) before it (a box itself takes every printable key it gets). It goes to the box,
        in order, after the box's focus (`b 20240620 Enter`: they were lost, and the Enter picked
        the dialog's first row)."""
        box = self.focused
        if event.is_printable and isinstance(box, Input) and not self._quitting:
            event.prevent_default()  # not the app's key (o would open the Open dialog, q quit)
            event.stop()
            box.post_message(type(event)(event.key, event.character))

    # ---- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AppHeader()
        items = [DatasetItem(e.id, e.title, e.group, e.origin_text) for e in catalog() + self.fetched_entries]
        with Panes(id="main"):
            yield DatasetPane(items, id="datasets")
            with Stack(id="right"):
                yield ScalingChart(id="chart")
                with Stack(id="tabs"):
                    yield TabBar(
                        ("tab-summary", "Summary", "summary-scroll"),
                        ("tab-points", "Points", "points"),
                        make={"points": _points_table},  # built the first time it is looked at
                    )
                    with SummaryScroll(id="summary-scroll"):
                        yield Summary(id="summary")
        yield KeyFooter()

    def _read_dialog_css(self) -> None:
        """The dialogs' rules (tui/dialogs.tcss) are read as the first screen other than the main
        one is installed or pushed, not at start: the first frame draws no dialog, and parsing
        them took ~3 ms of it. Read before that screen is mounted, they style it as they did from
        app.tcss (app CSS, after app.tcss's rules); they match nothing on the main screen, so
        nothing there is restyled."""
        if not self.stylesheet.has_source(str(DIALOG_CSS)):
            self.stylesheet.read(DIALOG_CSS)

    def install_screen(self, screen: Screen, name: str) -> None:
        self._read_dialog_css()
        super().install_screen(screen, name)

    def push_screen(self, screen, *args, **kwargs):
        self._read_dialog_css()
        return super().push_screen(screen, *args, **kwargs)

    def get_default_screen(self) -> Screen:
        """Textual's default screen, whose first focus goes to the summary: with its rule (the first
        focusable widget) the filter box would take the focus, then lose it to the summary, and
        its focus and blur restyle the dataset pane before the first frame (~4 ms)."""
        screen = MainScreen(id="_default")
        screen.AUTO_FOCUS = "#summary-scroll"
        return screen

    _gc_paused = False

    def on_load(self) -> None:
        """The cyclic GC stays paused from here (the CSS read, before the screen is built) until the
        first full frame is on screen: building it allocates widgets, styles and strips that live
        as long as the app, and the GC walked them ~30 times before that frame (~3 ms of it)."""
        self._gc_paused = gc.isenabled()
        gc.disable()

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def on_unmount(self) -> None:
        self._resume_gc()  # an app that ends before its first frame leaves the GC as it found it

    def on_mount(self) -> None:
        self.call_after_refresh(self.after_first_paint)  # if the chart has not called it by then
        self.call_after_refresh(self._resume_gc)  # the first full frame is on screen by then
        self.query_one("#chart").border_title = "Chart"
        self._apply_size(self.size.width)
        del self.default_screen.AUTO_FOCUS  # later resumes: Textual's own rule (get_default_screen)
        self.focus_main()  # letters go to the app's keys; PageDown scrolls the summary
        for problem in self.cache_problems:
            self.notify(printable(problem), title="Fetched data", severity="warning", timeout=8)
        if self.source in {e.id for e in catalog() + self.fetched_entries} and not Path(self.source).exists():
            self.show_dataset(self.source)
        elif self.source:
            self.open_path(self.source, initial=True)
        else:
            self.show_dataset(DEFAULT_DATASET)

    def on_resize(self, event) -> None:
        self._apply_size(event.size.width)

    def _apply_size(self, width: int) -> None:
        self.default_screen.set_class(width < NARROW, "-narrow")  # not a dialog's screen
        self._show_datasets_pane(self._datasets_visible(width))

    # ---- focus: only what is visible holds focus or takes keys ------------------------------

    def _datasets_visible(self, width: int | None = None) -> bool:
        if self.datasets_open is not None:
            return self.datasets_open
        return (self.size.width if width is None else width) >= NARROW

    def _show_datasets_pane(self, visible: bool) -> None:
        pane = self.query_one(DatasetPane)
        pane.display = visible
        pane.disabled = not visible  # a hidden list or filter box never holds focus nor takes keys
        if not visible and self.focused is None:
            self.focus_main()

    def main_view(self) -> Widget:
        """The scrollable pane in view under the chart: the summary, or the points table."""
        if self.query_one(TabBar).active == "tab-points":
            return self.query_one("#points")
        return self.query_one("#summary-scroll")

    def focus_main(self) -> None:
        self.main_view().focus()

    def action_main_view(self) -> None:
        """Escape: back to the chart and summary; on a narrow screen the dataset pane closes, and
        the dataset filter is emptied (the next look at the list shows every dataset). From the
        points table itself, or the tabs over it, it goes back to the summary, as `p` does (it
        stayed in the table; from the tabs it went to the table, and a second Esc was needed)."""
        if self.focused is not None and self.focused.id == "points":
            self.action_toggle_points()
            return
        on_tabs = isinstance(self.focused, TabBar)
        self._clear_filter()
        if self.size.width < NARROW and self.datasets_open:
            self.datasets_open = None
            self._show_datasets_pane(False)
        if on_tabs:  # on the tabs (Tab from the points): the summary in one Esc, as from the points table
            self.query_one(TabBar).active = "tab-summary"
            self.screen.set_focus(self.query_one("#summary-scroll"))
            return
        self.focus_main()

    def action_scroll_main(self, how: str) -> None:
        """PgUp/PgDn/Home/End reach the summary (or points) wherever the focus is."""
        view = self.main_view()
        if view.id == "points":
            view.move(how)  # the table's cursor moves with the page, so End lands on the last point
            return
        {
            "page_up": view.scroll_page_up,
            "page_down": view.scroll_page_down,
            "home": view.scroll_home,
            "end": view.scroll_end,
        }[how](animate=False)

    # ---- state -------------------------------------------------------------------------------

    def dataset(self, dataset_id: str) -> Dataset:
        if dataset_id not in self.datasets:
            fetched = dataset_id in {e.id for e in self.fetched_entries}
            self.datasets[dataset_id] = load_fetched(dataset_id) if fetched else load_bundled(dataset_id)
        ds = self.datasets[dataset_id]
        if self.in_dollars and ds.x.kind == "tokens":
            return self.dollars_of(dataset_id, ds)
        return ds

    def dollars_of(self, dataset_id: str, ds: Dataset) -> Dataset:
        """The dataset in dollars per task (priced once per dataset; the source line in its notes)."""
        if self._in_dollars.get(dataset_id, (None, None))[0] is not ds:
            from scalescope.engine.prices import to_dollars

            self._in_dollars[dataset_id] = (ds, to_dollars(ds)[0])
        return self._in_dollars[dataset_id][1]

    @property
    def current(self) -> Dataset:
        return self.dataset(self.view.dataset_id)

    def show_dataset(self, dataset_id: str) -> None:
        try:  # a cached dataset that cannot be read (damaged, or written before validation) is a notice
            self.dataset(dataset_id)
        except (ScalescopeError, OSError, ValueError) as exc:
            self.notify(printable(str(exc)), title=f"Cannot open {printable(dataset_id)}", severity="error", timeout=10)
            if self.analysis is None and dataset_id != DEFAULT_DATASET:  # at start-up: show the default instead
                self.show_dataset(DEFAULT_DATASET)
            return
        options = DecomposeOptions(  # as chosen in the column dialog; the hint says how, in the app
            assume_n=self.assumed_n.get(dataset_id), assume_n_hint=assume_n_hint(self.dataset(dataset_id))
        )
        self._left_by_dollars = None  # what `$` could not keep belongs to the dataset left
        self.set_view(
            View(dataset_id, log_x=self.view.log_x, link=self.view.link, frontier=self.view.frontier, options=options)
        )
        self._points_shown_for = None
        self.query_one("#summary-scroll").scroll_home(animate=False)  # a new dataset reads from its top
        if self.query_one(TabBar).active == "tab-points":
            self._fill_points()
        self.query_one(DatasetPane).select(dataset_id)

    def _fill_points(self) -> None:
        """The points table is filled when it is looked at, not on every dataset switch."""
        if self._points_shown_for != self.view.dataset_id:
            self.query_one("#points").show(self.current)
            self._points_shown_for = self.view.dataset_id

    @on(TabBar.Activated)
    def _tab_activated(self, event: TabBar.Activated) -> None:
        if event.tab == "tab-points":
            self._fill_points()

    def set_view(self, view: View) -> None:
        previous, self.view = self.view, view
        same_analysis = (
            replace(view, log_x=previous.log_x, hidden=previous.hidden, frontier=previous.frontier) == previous
        )
        if same_analysis and self.analysis is not None and self.analysis.dataset is self.current:
            self._draw_chart(self.analysis)  # log/linear, series shown, frontier: nothing to recompute
            if view.frontier != previous.frontier:
                pending = view.dataset_id in self._claims_running
                self.query_one(Summary).show(self.analysis, frontier=view.frontier, claims_pending=pending)
            return
        if view.link != "logistic" or self.n_boot == 0:
            # the linear bootstrap is closed-form (a few ms): everything in one frame
            if self._after_first_paint is not None and self.n_boot:
                # the app's first frame: the figures are painted first and their intervals computed
                # right after, in the 1/60 s Textual waits before its next refresh, which shows
                # them (numpy.random's import and the bootstrap were ~9 ms before the first paint)
                self._render(self._analyse(view, n_boot=0))
                self._after_first_paint.append(lambda: self._finish(view, self._analyse(view, n_boot=self.n_boot)))
                return
            self._render(self._analyse(view, n_boot=self.n_boot))
            return
        # the logistic bootstrap refits every resample: figures first, intervals from a worker
        self._render(self._analyse(view, n_boot=0), busy=True)
        self.query_one("#summary-scroll").scroll_home(animate=False)  # the progress line is seen
        self._analyse_with_intervals(view)

    ANALYSES_KEPT = 16  # analyses kept per (dataset, switches): showing one again recomputes nothing

    def _analyse(self, view: View, n_boot: int) -> Analysis:
        ds = self.dataset(view.dataset_id)
        highlighted = self._highlighted(ds, view)
        # every input of the analysis: the dataset (the very object: a file read again, a budget
        # or dollars switch makes a new one) and the switches it depends on. The engine is
        # deterministic (seeded bootstrap), so a kept analysis is the one a recompute would give.
        key = (id(ds), view.link, view.options, n_boot, view.compare_pair, highlighted)
        with self._analyses_lock:  # the logistic intervals are computed in a thread
            kept = self._analyses.get(key)
        if kept is not None and kept[0] is ds:
            analysis = kept[1]
        else:
            analysis = self._compute_analysis(ds, view, n_boot, highlighted)
            # a dataset the app no longer holds (a file read again, live logs, budget curves
            # hidden) is let go of with its analyses
            # (tuple() copies in one step: this may run in the intervals' thread)
            held = {id(d) for d in tuple(self.datasets.values())}
            held |= {id(pair[1]) for pair in tuple(self._in_dollars.values())}
            with self._analyses_lock:
                for old in [k for k, (d, _) in self._analyses.items() if id(d) not in held]:
                    del self._analyses[old]
                self._analyses[key] = (ds, analysis)
                self._analyses.move_to_end(key)
                while len(self._analyses) > self.ANALYSES_KEPT:
                    self._analyses.popitem(last=False)
        claims = self._claims.get(view.dataset_id)
        return analysis if not claims else replace(analysis, claims=claims)

    def _compute_analysis(self, ds: Dataset, view: View, n_boot: int, highlighted: tuple[str, ...]) -> Analysis:
        analysis = analyse(
            ds,
            link=view.link,
            options=view.options,
            n_boot=n_boot,
            compare_pair=view.compare_pair,
            highlighted=highlighted,
            decompose_on=True,
            claims=False,  # checked once per dataset in a worker (_check_claims): not in the first frame
        )
        if any(name.startswith(BUDGET_PREFIX) for name, _ in analysis.trends + analysis.unfitted):
            analysis = replace(  # a budget curve is a truncation of one run, not a sweep: no trend through it
                analysis,
                trends=tuple(t for t in analysis.trends if not t[0].startswith(BUDGET_PREFIX)),
                unfitted=tuple(u for u in analysis.unfitted if not u[0].startswith(BUDGET_PREFIX)),
            )
        return analysis

    def _claims_pending(self, analysis: Analysis) -> bool:
        """Whether this dataset's claims are still to be checked (and start the check if so)."""
        key = self.view.dataset_id
        if key in self._claims or analysis.dataset is not self.datasets.get(key):
            return False
        if key not in self._claims_running:
            self._claims_running.add(key)
            self.call_after_refresh(self._check_claims, key, analysis.dataset)  # after this frame
        return True

    @work(group="claims")
    async def _check_claims(self, key: str, ds: Dataset) -> None:
        """The essays' claims a bundled dataset tests, once per dataset, off the first frame (some
        claims refit the logistic); the summary shows them when they are ready."""
        from .state import dataset_claims

        try:
            claims = await in_thread(dataset_claims, ds)
        except Exception as exc:  # a claim that cannot be computed never takes the app down
            claims = ()
            self.notify(f"the essays' claims could not be checked: {type(exc).__name__}: {exc}", severity="warning")
        finally:
            self._claims_running.discard(key)
        self._claims[key] = claims
        a = self.analysis
        if a is not None and a.dataset is ds and self.view.dataset_id == key:
            self.analysis = replace(a, claims=claims)
            self.query_one(Summary).show(self.analysis, busy=self._busy, frontier=self.view.frontier)

    @work(exclusive=True, group="analysis")
    async def _analyse_with_intervals(self, view: View) -> None:
        analysis = await in_thread(self._analyse, view, n_boot=self.n_boot)  # quitting never waits for it
        self._finish(view, analysis)

    def after_first_paint(self) -> None:
        """The first paint is on screen: what was left for after it runs now, before the refresh
        that follows it. The chart calls this first thing after that paint (ScalingChart), once
        Textual's refresh timer runs; after that refresh at the latest (on_mount), if it did not."""
        pending, self._after_first_paint = self._after_first_paint, None
        for task in pending or ():
            task()

    def _finish(self, view: View, analysis: Analysis) -> None:
        if view == self.view:  # the user may have moved on meanwhile
            self._render(analysis)

    def _highlighted(self, ds: Dataset, view: View) -> tuple[str, ...]:
        if view.dataset_id not in self._default_highlight:
            self._default_highlight[view.dataset_id] = default_highlight(ds)
        chosen = list(self._default_highlight[view.dataset_id])
        if view.options.reasoning and view.options.reasoning not in chosen:
            chosen.insert(0, view.options.reasoning)
        if view.options.base:
            base_series = ds.points["series"][ds.points["model"] == view.options.base]
            if len(base_series) and base_series[0] not in chosen:
                chosen.insert(0, str(base_series[0]))
        if view.compare_pair:
            # the pair joins the series already coloured without moving them: a series keeps its
            # colour and marker when a comparison starts or ends (an uncoloured one takes a free
            # slot at the end, in place of the last series that is not in the pair)
            for s in view.compare_pair:
                if s not in chosen:
                    chosen.append(s)
            while len(chosen) > 6:
                drop = next(s for s in reversed(chosen) if s not in view.compare_pair)
                chosen.remove(drop)
        return tuple(chosen[:6])  # hidden ones keep their slot: colours and markers stay put

    def _render(self, analysis: Analysis, *, busy: bool = False) -> None:
        self.analysis = analysis
        self._busy = busy
        self._draw_chart(analysis)
        pending = self._claims_pending(analysis)
        self.query_one(Summary).show(analysis, busy=busy, frontier=self.view.frontier, claims_pending=pending)

    def _draw_chart(self, analysis: Analysis) -> None:
        ds = analysis.dataset
        view = self.view
        spec = ChartSpec(
            dataset=ds,
            log_x=view.log_x,
            highlighted=self._highlighted(ds, view),
            hidden=view.hidden,
            trends=analysis.trends,
            decomposition=analysis.decomposition,
            comparison=analysis.comparison,
            frontier=analysis.frontier if view.frontier else None,
            title="",
        )
        chart = self.query_one(ScalingChart)
        chart.show(spec)
        fit = {"linear": "linear fit", "logistic": "logistic fit", None: "no fit"}[view.link]
        dollars = " · $ per task" if self.in_dollars and ds.x.kind == "usd" else ""
        chart.border_title = literal(f"{'log-x' if view.log_x else 'linear-x'} · {fit} · {ds.id}{dollars}")
        # the border's legend is set by the chart itself (it fits it to its width)

    # ---- actions -----------------------------------------------------------------------------

    def action_toggle_budget(self) -> None:
        """`u`: each run's budget curve (score within L tokens, truncated) on the chart, or back."""
        from scalescope.engine.readers.inspect_logs import with_budget_curves

        key = self.view.dataset_id
        saved = getattr(self, "_budget_base", None)
        if saved is None:
            saved = self._budget_base = {}
        if key in saved:
            self.datasets[key] = saved.pop(key)
            self._default_highlight.pop(key, None)
            message = "budget curves hidden"
        else:
            ds = self.current
            try:
                plus, curves = with_budget_curves(ds)
            except ScalescopeError as exc:
                self.notify(f"no budget curves: {exc}", severity="warning", timeout=5)
                return
            runs = [n for n in ds.series if not n.endswith(("[running]", "[cancelled]", "[error]"))][:2]
            saved[key] = ds
            self.datasets[key] = plus
            self._default_highlight[key] = tuple([*runs, *curves[::-1][: 6 - len(runs)]])
            message = "budget curves shown (truncation of each run, not a real budget: see the notes)"
        self._points_shown_for = None
        self.set_view(self.view)
        if self._points_shown_for is None and self.query_one(TabBar).active == "tab-points":
            self._fill_points()
        self.notify(message, timeout=4)

    def action_toggle_frontier(self) -> None:
        self.set_view(replace(self.view, frontier=not self.view.frontier))
        self.notify("frontier shown" if self.view.frontier else "frontier hidden", timeout=2)

    def action_toggle_dollars(self) -> None:
        """`$`: x in dollars per task (tokens priced at each model's date) or back to compute.
        Data with its own cost is already in dollars; samples cannot be priced: said, not done."""
        from scalescope.engine.errors import ScalescopeError

        base = self.datasets.get(self.view.dataset_id) or self.current
        if not self.in_dollars and base.x.kind != "tokens":
            why = (
                "x is already dollars: the data's own cost"
                if base.x.kind == "usd"
                else f"x is {base.x.kind}, not tokens: nothing to price"
            )
            self.notify(why, title="Dollars", timeout=4)
            return
        self.in_dollars = not self.in_dollars
        if self.in_dollars:
            try:
                priced = self.dollars_of(self.view.dataset_id, base)
            except (ScalescopeError, ImportError, OSError) as exc:
                self.in_dollars = False
                self.notify(str(exc), title="Dollars", severity="error", timeout=8)
                return
            # a toast stays small (a list of 30 unpriced models covered the chart): long notes are
            # cut, and the summary keeps them whole
            lines = [
                n if len(n) <= 160 else n[:150] + "… (whole in the summary)" for n in priced.notes[len(base.notes) :]
            ]
        view, said = self._view_across_dollars(self.view)
        if self.in_dollars:
            self.notify("\n".join([*lines, *said]), title="x in dollars per task", timeout=8)
        else:
            self.notify("\n".join(["x back to compute", *said]), timeout=4 if said else 2)
        self._points_shown_for = None
        self.set_view(view)
        if self.query_one(TabBar).active == "tab-points":
            self._fill_points()

    _left_by_dollars: tuple[str, dict] | None = None  # (dataset id, what `$` could not keep)

    def _view_across_dollars(self, view: View) -> tuple[View, list[str]]:
        """`$` shows the same data another way: the base, reasoning series, compare pair and hidden
        series stay as chosen where they still apply (a model whose tokens have no price has no
        cost in dollars: it cannot be the base, nor count in a series). What cannot is said in
        one line, and comes back with the next `$` unless something else was chosen meanwhile."""
        pts = self.current.points  # the dataset as it is shown from now on
        known = pts[pts["compute"] > 0]
        models = set(known["model"].tolist())
        series = {s for s, _ in self._series_choices()}  # two or more points with a known x
        dataset_id, back = self._left_by_dollars or (None, {})
        back = back if dataset_id == view.dataset_id else {}
        options, pair = view.options, view.compare_pair
        if options.base is None and back.get("base") in models:
            options = replace(options, base=back["base"])
        if options.reasoning is None and back.get("reasoning") in series:
            options = replace(options, reasoning=back["reasoning"])
        if pair is None and back.get("compare") and set(back["compare"]) <= series:
            pair = back["compare"]
        left, said = {}, []
        known_x = "with a price" if self.in_dollars else "with a compute"
        if options.base is not None and options.base not in models:
            left["base"] = options.base
            said.append(f"base {options.base} ({'no price' if self.in_dollars else 'no compute'})")
            options = replace(options, base=None)
        if options.reasoning is not None and options.reasoning not in series:
            left["reasoning"] = options.reasoning
            said.append(f"reasoning series {options.reasoning} (under two points {known_x})")
            options = replace(options, reasoning=None)
        if pair is not None and not set(pair) <= series:
            left["compare"] = pair
            said.append(f"comparison {pair[0]} vs {pair[1]} (a series under two points {known_x})")
            pair = None
        self._left_by_dollars = (view.dataset_id, left) if left else None
        if not said:
            return replace(view, options=options, compare_pair=pair), []
        unit = "in dollars" if self.in_dollars else "in compute"
        line = f"not kept {unit}: {'; '.join(said)}" + ("; back with $" if self.in_dollars else "")
        return replace(view, options=options, compare_pair=pair), [printable(line)]

    def action_claims(self) -> None:
        from .screens.essays import EssaysScreen

        self.push_screen(EssaysScreen("claims", n_boot=self.n_boot))

    def action_boosts(self) -> None:
        from .screens.essays import EssaysScreen

        self.push_screen(EssaysScreen("boosts", n_boot=self.n_boot))

    def action_toggle_log(self) -> None:
        self.set_view(replace(self.view, log_x=not self.view.log_x))

    def action_cycle_fit(self) -> None:
        link = FIT_CYCLE[(FIT_CYCLE.index(self.view.link) + 1) % len(FIT_CYCLE)]
        self.set_view(replace(self.view, link=link, options=replace(self.view.options, link=link or "linear")))
        self.notify(f"fit: {link or 'none'}", timeout=2)

    def action_pick_base(self) -> None:
        pts = self.current.points
        known = pts[self._base_candidates()]
        choices = [(m, f"{s}  {r}".strip()) for m, s, r in zip(known["model"], known["series"], known["role"])]
        current = self.analysis.decomposition.base_model if self.analysis and self.analysis.decomposition else None

        def chosen(model: str | None) -> None:
            if model:
                self.set_view(replace(self.view, options=replace(self.view.options, base=model)))
                self._say_if_not_decomposed()

        what = "model with a known compute"
        self.push_screen(self._picker("Base model (the model before RL)", choices, current, what), chosen)

    def _picker(
        self, title: str, choices: list[tuple[str, str]], current: str | None = None, what: str = SERIES_CHOICES
    ) -> Screen:
        """The pick dialog for these choices: the app's own one, kept installed between uses and
        set afresh (closing it then removes no widgets, which makes Textual lay out and repaint
        the whole screen a second time after the choice is drawn; opening it mounts nothing);
        a new one while the kept one is on the screen stack (compare's second pick opens as the
        first one closes)."""
        from .screens.picker import PickScreen

        kept = self._kept_picker
        if kept is None or not kept.is_mounted:
            if kept is None:
                kept = self._kept_picker = PickScreen(title, choices, current, what)
                self.install_screen(kept, name="scalescope-picker")
                return kept
            return PickScreen(title, choices, current, what)  # installed, not mounted yet: not reset-able
        if kept in self.screen_stack:
            return PickScreen(title, choices, current, what)
        kept.reset(title, choices, current, what)
        return kept

    def action_step_base(self, step: int) -> None:
        """[ and ]: the previous / next model (with a known compute) as the base, no dialog."""
        pts = self.current.points
        models = pts["model"][self._base_candidates()].tolist()
        if not models:
            return
        current = self.analysis.decomposition.base_model if self.analysis and self.analysis.decomposition else None
        index = models.index(current) if current in models else -1
        model = models[(index + step) % len(models)]
        self.set_view(replace(self.view, options=replace(self.view.options, base=model)))
        self.notify(f"base: {model}", timeout=2)

    def _base_candidates(self):
        """The points that can be a base: a known compute, and not a point of the reasoning series
        (decompose refuses those); with no reasoning series there is nothing to leave out."""
        import contextlib

        from scalescope.engine.decompose import resolve_reasoning
        from scalescope.engine.errors import ScalescopeError

        pts = self.current.points
        known = pts["compute"] > 0  # NaN (unknown compute) compares False
        with contextlib.suppress(ScalescopeError):
            known &= pts["series"] != resolve_reasoning(self.current, self.view.options.reasoning)
        return known

    def _say_if_not_decomposed(self) -> None:
        """A choice that leaves no decomposition says why in a notice (the reason was only at the
        foot of the summary, under the claims)."""
        why = [m for m in (self.analysis.messages if self.analysis else ()) if m.startswith("decomposition:")]
        if why:
            self.notify(why[0], title="No decomposition", severity="warning", timeout=8)

    def _series_choices(self) -> list[tuple[str, str]]:
        pts = self.current.points
        groups = pts[pts["compute"] > 0].groups("series")  # the points with a known compute
        return [(s, f"{len(rows)} points") for s, rows in groups.items() if len(rows) >= 2]

    def action_pick_reasoning(self) -> None:
        current = (
            self.analysis.decomposition.reasoning_series if self.analysis and self.analysis.decomposition else None
        )

        def chosen(series: str | None) -> None:
            if series:
                self.set_view(replace(self.view, options=replace(self.view.options, reasoning=series)))
                self._say_if_not_decomposed()

        self.push_screen(self._picker("Reasoning series (fitted trend)", self._series_choices(), current), chosen)

    def action_toggle_series(self) -> None:
        from .screens.series_toggle import SeriesScreen

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self.set_view(replace(self.view, hidden=hidden))

        self.push_screen(SeriesScreen(self.current.series, self.view.hidden), chosen)

    def action_compare(self) -> None:
        from .screens.picker import PickScreen

        if self.view.compare_pair:
            self.set_view(replace(self.view, compare_pair=None))
            self.notify("comparison cleared", timeout=2)
            return
        choices = self._series_choices()
        if len(choices) < 2:
            self.notify("comparing needs two series with two or more points each", severity="warning")
            return

        def first(a: str | None) -> None:
            if not a:
                return

            def second(b: str | None) -> None:
                if b and b != a:
                    self.set_view(replace(self.view, compare_pair=(a, b)))
                elif b == a:
                    self.notify("choose two different series", severity="warning")

            self.push_screen(
                PickScreen(
                    f"Compare {a} (A) with series B (the newer one)",
                    [c for c in choices if c[0] != a],
                    what=SERIES_CHOICES,
                ),
                second,
            )

        self.push_screen(self._picker("Compare: series A (the older one)", choices), first)

    def action_open_file(self) -> None:
        from .screens.open_file import OpenScreen

        def chosen(result: tuple[str, str | None] | None) -> None:
            if result:
                self.open_path(result[0], tokens=result[1])

        self.push_screen(OpenScreen(), chosen)

    def open_path(
        self,
        path: str,
        initial: bool = False,
        *,
        tokens: str | None = None,
        columns: dict[str, str] | None = None,
        x_kind: str | None = None,
        assume_n: int | None = None,
    ):
        """Read a file in a worker; the right-hand panes show a loading indicator meanwhile.
        ``columns``, ``x_kind`` and ``assume_n`` are the column dialog's choices (the command
        line's ``--columns``, ``--x-kind`` and ``--assume-n``)."""
        self.query_one("#right").loading = True
        return self._open_worker(path, initial, tokens=tokens, columns=columns, x_kind=x_kind, assume_n=assume_n)

    @work(exclusive=True, group="open")
    async def _open_worker(
        self,
        path: str,
        initial: bool = False,
        *,
        tokens: str | None = None,
        columns: dict[str, str] | None = None,
        x_kind: str | None = None,
        assume_n: int | None = None,
    ) -> None:
        from scalescope.engine.errors import ColumnsError

        try:  # in a daemon thread: a read that never returns cannot keep the app alive after q
            ds = await in_thread(self._read, path, tokens=tokens, columns=columns, x_kind=x_kind)
        except ColumnsError as exc:
            self._ask_columns(path, exc, initial)
            return
        except ScalescopeError as exc:
            self._open_failed(str(exc), initial)
            return
        except (OSError, ValueError) as exc:  # never a traceback in front of the user
            self._open_failed(f"{path}: {type(exc).__name__}: {exc}", initial)
            return
        except Exception as exc:  # a reader bug: still one message, and the app stays up
            self._open_failed(f"{path}: unexpected {type(exc).__name__} while reading: {exc}", initial)
            return
        self._opened(ds)
        if assume_n is not None and not isinstance(ds, list):  # the dialog's questions per point
            self.assumed_n[self.view.dataset_id] = assume_n
            self.set_view(replace(self.view, options=replace(self.view.options, assume_n=assume_n)))

    def _read(
        self, path: str, *, tokens: str | None, columns: dict[str, str] | None, x_kind: str | None = None
    ) -> Dataset | list[Dataset]:
        """Read a file (in a worker's thread). A folder of Inspect logs is one dataset per task."""
        from scalescope.engine.io import load

        if not columns and Path(path).exists():
            from scalescope.engine.readers import detect_format, inspect_datasets

            if detect_format(Path(path)) == "inspect":
                found = inspect_datasets(Path(path))
                return found if len(found) > 1 else found[0]
        return load(path, tokens=tokens, columns=columns, x_kind=x_kind)

    def _done_loading(self) -> None:
        """The loading indicator goes, and the focus it took comes back: with no focus, the next
        dialog closed would hand it to the dataset filter box, and letters would type there."""
        self.query_one("#right").loading = False
        if self.focused is None:
            self.call_after_refresh(self.focus_main)

    def _ask_columns(self, path: str, exc, initial: bool) -> None:
        from .screens.column_map import ColumnMapScreen

        self._done_loading()

        def chosen(choice) -> None:  # a ColumnChoice, or None when cancelled
            if choice:
                self.open_path(path, initial, columns=choice.columns, x_kind=choice.x_kind, assume_n=choice.assume_n)
            elif initial:
                self.show_dataset(DEFAULT_DATASET)

        self.push_screen(ColumnMapScreen(path, exc.found, str(exc)), chosen)

    def action_map_columns(self) -> None:
        """m: the column dialog for the file on screen (its columns were recognised, but a score
        may be a 0-1 fraction, compute of another kind, or questions per point wanted)."""
        ds = self.current
        prefix = "user file "
        path = ds.provenance[len(prefix) :] if ds.provenance.startswith(prefix) else None
        if path is None:
            self.notify("m maps the columns of a table you opened (o); this dataset is not one", timeout=4)
            return
        self._map_worker(path)

    @work(exclusive=True, group="open")
    async def _map_worker(self, path: str) -> None:
        from scalescope.engine.readers.table import read_table

        try:
            frame, _ = await in_thread(read_table, Path(path))
        except (ScalescopeError, OSError, ValueError) as exc:
            self.notify(f"cannot read the columns of {path}: {exc}", severity="error", timeout=8)
            return
        from .screens.column_map import ColumnMapScreen

        def chosen(choice) -> None:
            if choice:
                self.open_path(path, columns=choice.columns, x_kind=choice.x_kind, assume_n=choice.assume_n)

        self.push_screen(ColumnMapScreen(path, [str(c) for c in frame.columns]), chosen)

    def _open_failed(self, message: str, initial: bool) -> None:
        self._done_loading()
        self.notify(message, title="Cannot open", severity="error", timeout=10)
        if initial:
            self.show_dataset(DEFAULT_DATASET)

    @staticmethod
    def _app_notes(ds: Dataset) -> Dataset:
        """A note that names a command-line flag also says how the app does it (the column dialog)."""
        flag = "read them with --columns score_fraction="
        if not any(flag in note for note in ds.notes):
            return ds
        notes = tuple(
            note.replace(
                flag, "press m and choose 'score given as: fraction (0-1)' (command line: --columns score_fraction="
            )
            + (")" if flag in note else "")
            for note in ds.notes
        )
        return replace(ds, notes=notes)

    def _opened(self, ds: Dataset | list[Dataset]) -> None:
        several = ds if isinstance(ds, list) else [ds]
        if several[0].logs:  # Inspect logs: watched while they are open (a run may still be writing them)
            self._live_logs = {g.path for ds in several for g in ds.logs}
            self._watch_logs(several[0].provenance.removeprefix("user file "))
            self._live_status(several)
        if isinstance(ds, list):  # one dataset per task: each in the list, the first shown
            keys = [self._add_opened(one) for one in ds]
            self._done_loading()
            self.show_dataset(keys[0])
            self.notify(f"opened {len(ds)} tasks: {', '.join(one.benchmark for one in ds)}", timeout=3)
            return
        self._done_loading()
        ds = self._app_notes(ds)
        key = ds.id
        if key in self.datasets and not self.datasets[key].provenance.startswith("user file"):
            key = f"file:{key}"  # never shadow a bundled dataset
        self.datasets[key] = ds
        self._default_highlight.pop(key, None)  # a file opened again may have changed
        self.query_one(DatasetPane).add(DatasetItem(key, ds.title, ds.group))
        self.show_dataset(key)
        self.notify(f"opened {ds.title}", timeout=3)

    # ---- live: Inspect logs being written ------------------------------------------------------

    @work(exclusive=True, group="watch")
    async def _watch_logs(self, path: str) -> None:
        """Watch an open folder of Inspect logs (or one log's folder): on each change, the logs are
        read again (a log unchanged since is not) and every dataset from them replaced, keeping
        the view (series shown, base, reasoning, compare pair), the summary's scroll, the points
        table's cursor and any open dialog."""
        import watchfiles

        from scalescope.engine.readers import inspect_datasets

        target = Path(path)
        folder = target if target.is_dir() else target.parent

        def relevant(change, changed: str) -> bool:
            if target.is_dir():
                return changed.lower().endswith((".eval", ".json"))
            return Path(changed) == target

        self.live_source = path
        self.live_updates = 0
        try:
            async for _changes in watchfiles.awatch(
                folder, watch_filter=relevant, debounce=150, step=50, recursive=True
            ):
                try:
                    found = await in_thread(inspect_datasets, target)
                except ScalescopeError as exc:  # a log caught mid-write: kept as it was, said so
                    self.sub_title = printable(f"live: last read failed, kept the previous one: {exc}"[:200])
                    continue
                self._live_update(found)
        except Exception as exc:  # the watcher itself failed (e.g. a file name that is not UTF-8): no live updates
            self.live_source = None
            self.sub_title = printable(f"live updates off: {exc}"[:200])

    def _live_update(self, found: list[Dataset]) -> None:
        now = {g.path for ds in found for g in ds.logs}
        gone = sorted(getattr(self, "_live_logs", now) - now)
        self._live_logs = now
        if gone:  # a log deleted or moved away: its point leaves with it, said (it left silently)
            names = ", ".join(Path(path).name for path in gone[:5]) + (
                f" and {len(gone) - 5} more" if len(gone) > 5 else ""
            )
            self.notify(
                printable(f"{len(gone)} log(s) no longer in the folder, their points no longer shown: {names}"),
                title="Live",
                severity="warning",
                timeout=8,
            )
        keys = []
        for ds in found:
            key = (
                ds.id
                if ds.id not in self.datasets or self.datasets[ds.id].provenance.startswith("user file")
                else f"file:{ds.id}"
            )
            self.datasets[key] = ds
            self._default_highlight.pop(key, None)
            getattr(self, "_budget_base", {}).pop(key, None)  # curves of the old read are dropped with it
            self.query_one(DatasetPane).add(DatasetItem(key, ds.title, ds.group))  # the title holds the counts
            keys.append(key)
        self.query_one(DatasetPane).select(self.view.dataset_id)
        self.live_updates = getattr(self, "live_updates", 0) + 1
        self._live_status(found)
        if self.view.dataset_id in keys:
            table = next(iter(self.query("#points")), None)  # built once the points were looked at
            cursor = table.cursor_row if table is not None else 0
            scroll = self.query_one("#summary-scroll").scroll_y
            self.set_view(self.view)
            self.query_one("#summary-scroll").scroll_to(y=scroll, animate=False)
            if table is not None and self._points_shown_for == self.view.dataset_id:
                self._points_shown_for = None
                self._fill_points()
                table.cursor_row = min(cursor, max(table.row_count - 1, 0))

    def _live_status(self, found: list[Dataset]) -> None:
        """The header says what the watched logs are doing: how many runs are still being written
        and how many samples they hold."""
        logs = [g for ds in found for g in ds.logs]
        running = [g for g in logs if g.status == "started"]
        stopped = sum(g.status in ("cancelled", "error") for g in logs)
        when = datetime.now().strftime("%H:%M:%S")
        parts = [f"{len(running)} running ({sum(g.completed for g in running)} samples done)"] if running else []
        parts += [f"{stopped} cancelled or stopped on an error"] if stopped else []
        state = ", ".join(parts) or f"{len(logs)} logs, all finished"
        self.sub_title = printable(f"live {when}: {state}")

    def _add_opened(self, ds: Dataset) -> str:
        key = ds.id
        if key in self.datasets and not self.datasets[key].provenance.startswith("user file"):
            key = f"file:{key}"  # never shadow a bundled dataset
        self.datasets[key] = ds
        self._default_highlight.pop(key, None)
        self.query_one(DatasetPane).add(DatasetItem(key, ds.title, ds.group))
        return key

    def action_export(self) -> None:
        from .screens.export import ExportScreen

        def chosen(kind: str | None) -> None:
            if kind:
                self.export(kind)

        self.push_screen(ExportScreen(), chosen)

    def export(self, kind: str) -> Path | None:
        """Write the summary (md/csv/json), the chart (chart-svg/chart-png: a matplotlib figure
        with its CSV and JSON beside it) or the screen (svg) to a new file; never overwrite."""
        a = self.analysis
        if a is None:
            return None
        if kind.startswith("chart-"):
            return self.export_chart(kind.removeprefix("chart-"))
        if kind in ("md", "csv", "json"):  # what the summary shows, in its order (tui/report.py)
            text = summary_export(a, kind, claims_pending=not a.claims and self.view.dataset_id in self._claims_running)
        else:
            text = self.export_screenshot()
        stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in a.dataset.id)[:60]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for attempt in range(1000):
            suffix = f"-{attempt}" if attempt else ""
            path = self.export_dir / f"scalescope-{stem}-{stamp}{suffix}.{kind}"
            try:
                # "x": fails if the file exists; backslashreplace: a lone surrogate (a file name's
                # bytes that are not UTF-8) is written as \udcNN, never a half-written file
                with path.open("x", encoding="utf-8", errors="backslashreplace") as handle:
                    handle.write(text)
            except FileExistsError:
                continue
            except (OSError, ValueError) as exc:
                with contextlib.suppress(OSError):
                    if path.exists() and path.stat().st_size == 0:
                        path.unlink()  # nothing half-written is left behind
                self.notify(f"cannot write {printable(path)}: {printable(exc)}", severity="error")
                return None
            self.notify(f"saved {path.resolve()}", title="Exported", timeout=8)  # the full path
            return path
        return None

    def export_chart(self, fmt: str) -> Path | None:
        """The chart as drawn (series, trends, decomposition, comparison, frontier) as a real
        figure, plus its CSV and JSON; the full paths in the notice."""
        from .figure import ExportUnavailable, write_figure

        chart = self.query_one(ScalingChart)
        if chart.spec is None or self.analysis is None:
            return None
        spec = replace(chart.spec, size=None, legend=True, monochrome=False, title=None)
        stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in spec.dataset.id)[:60]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for attempt in range(1000):
            suffix = f"-{attempt}" if attempt else ""
            path = self.export_dir / f"scalescope-{stem}-{stamp}{suffix}-chart.{fmt}"
            try:
                written = write_figure(spec, path, self.analysis.messages, exclusive=True)
            except FileExistsError:
                continue
            except ExportUnavailable as exc:
                self.notify(str(exc), title="Cannot export the chart", severity="error", timeout=12)
                return None
            except (OSError, ScalescopeError) as exc:
                self.notify(f"cannot write {path}: {exc}", severity="error", timeout=12)
                return None
            shown = ", ".join(str(p.resolve()) for p in written)
            self.notify(shown, title="Exported the chart (and what it shows)", timeout=10)
            return path
        return None

    def action_toggle_points(self) -> None:
        tabs = self.query_one(TabBar)
        was_main = self.focused is None or self.focused is self.main_view()
        tabs.active = "tab-summary" if tabs.active == "tab-points" else "tab-points"
        if tabs.active == "tab-points":
            self._fill_points()  # now, not on the tab's Activated message: after the keys typed with `p`
        if was_main:
            # the focus follows into the pane now in view, now: the keys typed with `p` in one burst
            # (`p Down Down`, `p End`) are the points table's, not the hidden summary's (after a
            # refresh, they scrolled the summary and the table's cursor stayed)
            self.screen.set_focus(self.main_view())

    def action_toggle_datasets(self) -> None:
        """d: show the dataset pane and go to its list; d again (in the list) hides it."""
        pane = self.query_one(DatasetPane)
        in_pane = self.focused is not None and pane in self.focused.ancestors_with_self
        if self._datasets_visible() and in_pane:
            self.datasets_open = False if self.size.width >= NARROW else None
            self._show_datasets_pane(False)
            self.screen.set_focus(self.main_view())  # now, as below
            return
        self.datasets_open = True
        self._show_datasets_pane(True)
        self._clear_filter()  # a query typed earlier (and left with Enter) no longer narrows the list
        # the focus moves now, not after the keys already received (Widget.focus waits for them):
        # `d Down Enter` in one burst moves the list's cursor and opens the dataset under it
        self.screen.set_focus(pane)

    def _clear_filter(self) -> None:
        self.query_one(DatasetPane).clear_filter()  # its Changed refills the list

    def action_filter(self) -> None:
        """/: the filter box takes the focus now, not after the keys already received (Widget.focus
        waits for them); those keys, typed right after `/` in one burst, reach the app after
        this and go into the box (on_key)."""
        self.datasets_open = True
        self._show_datasets_pane(True)
        self.screen.set_focus(self.query_one(DatasetPane).filter_box())  # mounted on the first `/`

    def action_help(self) -> None:
        from .screens.help import HelpScreen, key_name

        keys = [
            (" ".join(key_name(k) for k in b.key.split(",")), b.description or b.action)
            for b in self.BINDINGS
            if not b.key.startswith(("escape", "page", "home", "end"))
        ]
        keys += [
            ("↑ ↓", "Move in a list, or scroll the summary (in the points table: the ▶ row)"),
            ("← →", "In the points table: a column sideways (series, role, label, source); ▶ and model stay"),
            (
                "PgUp PgDn",
                "Scroll the summary a page (in the points table: the ▶ row a page), from anywhere "
                "but the dataset list (there: its cursor a page)",
            ),
            (
                "Home End",
                "Scroll the summary to its top / end (in the points table: the first / last point; "
                "in the dataset list: the first / last dataset; in the filter box: the text's start / end)",
            ),
            ("Enter", "Open the highlighted dataset (in the filter box: the first match, and go to the list)"),
            ("Tab Shift+Tab", "Move between the visible panes (on the tabs: [Points], ← → switch tabs)"),
            (
                "Esc",
                "Back to the chart and summary: closes a dialog, leaves and empties the dataset filter, "
                f"hides the dataset pane below {NARROW} columns, from the points table (or the tabs over it) "
                "shows the summary",
            ),
            ("Ctrl+P", "Command palette"),
        ]
        self.push_screen(HelpScreen(keys))

    @on(DatasetPane.Chosen)
    def _dataset_chosen(self, event: DatasetPane.Chosen) -> None:
        if event.dataset_id != self.view.dataset_id:
            self.show_dataset(event.dataset_id)

    def datasets_known(self) -> list[str]:
        bundled = [e.id for e in catalog() + self.fetched_entries]
        known = set(bundled)
        return bundled + [k for k in self.datasets if k not in known]


# the app's keys that act on the main view: none of them while another screen is on top (help and quit still work)
MAIN_SCREEN_ACTIONS = frozenset(b.action.split("(")[0] for b in ScalescopeApp.BINDINGS) - {"help", "quit"}


def working_folder() -> Path:
    """The current folder, or the home folder when it was deleted under us (exports and the open
    dialog start there; ``Path.cwd()`` raises on a deleted folder)."""
    try:
        return Path.cwd()
    except OSError:
        return Path.home()


def run_app(source: str | None = None) -> int:
    """Run the app; its exit status: 0 when the user quits, 1 after a crash (Textual has printed
    the traceback by then). Quitting never waits for a read in progress (tui/background.py)."""
    app = ScalescopeApp(source)
    app.run()
    return app.return_code or 0
