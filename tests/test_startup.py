"""Start-up (issue #22, first frame): what tui/app.py does to the process when it is imported."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .first_frame import first_frame
from .screen import screen_lines


def test_importing_the_app_leaves_the_gc_on_with_the_imports_frozen():
    """The cyclic GC is paused while the app's imports run, then they are frozen (gc.freeze) and
    the GC is on again: the app's own objects are still collected."""
    code = (
        "import gc\n"
        "import scalescope.tui.app\n"
        "assert gc.isenabled()\n"
        "assert gc.get_freeze_count() > 20_000, gc.get_freeze_count()\n"
        "class Cycle: pass\n"
        "a = Cycle(); a.me = a; del a\n"
        "assert gc.collect() >= 1  # a cycle made after the imports is collected\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_gc_stays_off_if_it_was_off():
    code = "import gc\ngc.disable()\nimport scalescope.tui.app\nassert not gc.isenabled()\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_gc_is_paused_while_the_first_frame_is_built_and_on_after_it():
    """From the app's Load (before the screen is built) to its first full frame the cyclic GC is
    paused; it is on again by the first callback after that frame, and after an app that ends."""
    out = first_frame(
        "import gc\nprint('at the first frame', gc.isenabled())\n",
        setup="""\
        import gc
        from textual.screen import Screen
        painted = []
        refresh_layout = Screen._refresh_layout
        def record(self, *args, **kwargs):
            if not painted:
                painted.append(gc.isenabled())
                print('at the first paint', painted[0])
            return refresh_layout(self, *args, **kwargs)
        Screen._refresh_layout = record
        """,
        after="import gc\nprint('after the app', gc.isenabled())\n",
        n_boot=2000,
    )
    assert "at the first paint False" in out and "at the first frame True" in out, out
    assert "after the app True" in out, out


async def test_an_app_that_ends_before_its_first_frame_leaves_the_gc_on():
    import gc

    from scalescope.tui.app import ScalescopeApp

    class Quits(ScalescopeApp):
        def on_load(self):
            self.exit()  # before the screen is built

    assert gc.isenabled()
    app = Quits(n_boot=0)
    async with app.run_test(size=(80, 24)):
        pass
    assert gc.isenabled()


async def test_the_dataset_list_is_filled_once_at_the_width_it_is_painted_at(monkeypatch):
    """Before its first layout the pane has no size: it is filled at the width its CSS gives it,
    which is the width it is painted at, not at a guess and again when the Resize event comes."""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.dataset_list import DatasetPane

    widths = []
    fill = DatasetPane._fill

    def counted(self, text):
        widths.append(self._name_width())
        return fill(self, text)

    monkeypatch.setattr(DatasetPane, "_fill", counted)
    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.pause()
        pane = app.query_one(DatasetPane)
        assert widths == [pane.size.width - 4]  # its content width, less the scrollbar's room and 2


async def test_the_dataset_list_lays_its_lines_out_once_and_asks_for_no_second_layout(monkeypatch):
    """The list's lines (and so its virtual size) are made as the layout gives it its size: once
    at start, at the width they are painted at, and no second layout of the screen asked for.
    (Textual's OptionList, the list before, learnt its size only while it painted: another layout
    of the screen, and its lines made and painted again.)"""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.dataset_list import DatasetList, DatasetPane

    builds, relayouts = [], []
    make, refresh = DatasetList._make_lines, DatasetList.refresh

    def counted_make(self, size):
        make(self, size)
        builds.append(self._lines_width)

    def counted_refresh(self, *regions, layout=False, **kwargs):
        if layout and self.size:  # once laid out (the pane shown or not before that is the first layout)
            relayouts.append(self.virtual_size)
        return refresh(self, *regions, layout=layout, **kwargs)

    monkeypatch.setattr(DatasetList, "_make_lines", counted_make)
    monkeypatch.setattr(DatasetList, "refresh", counted_refresh)
    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.pause()
        dataset_list = app.query_one("#datasets", DatasetPane)
        width = dataset_list.scrollable_content_region.width
        assert builds == [width]
        assert relayouts == []
        assert dataset_list.virtual_size.height == len(dataset_list._lines) + 1  # and the filter's hint
        assert not dataset_list.show_vertical_scrollbar  # every dataset fits at 200x50


async def test_the_header_is_one_widget_drawn_as_textuals():
    """The header draws Textual's Header cells itself: the icon, the title and sub-title centred
    between the icon's 8 cells and the clock's 10, an ellipsis when they do not fit, a new
    sub-title drawn at once; a click on the icon opens the command palette, elsewhere it makes the
    header three lines tall and back."""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.header import AppHeader

    from .screen import screen_lines

    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = app.query_one(AppHeader)
        assert not header.children
        title = "scalescope — inference scaling on the log-x chart"
        line = screen_lines(app)[0]
        assert line[1] == "⭘"
        start = line.index("scalescope")
        assert start == 8 + (80 - 18 - len(title)) // 2
        app.sub_title = "live 12:00:00: 2 running (40 samples done), 1 cancelled or stopped on an error"
        await pilot.pause()
        line = screen_lines(app)[0]
        assert line.rstrip().endswith("…") and len(line.rstrip()) == 80 - 10
        await pilot.click(AppHeader, offset=(40, 0))
        await pilot.pause()
        assert header.size.height == 3 and "scalescope" in screen_lines(app)[0] and "⭘" in screen_lines(app)[1]
        await pilot.click(AppHeader, offset=(40, 0))
        await pilot.pause()
        assert header.size.height == 1
        await pilot.click(AppHeader, offset=(2, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


def test_the_first_frame_imports_only_what_it_draws():
    """Nothing the first frame does not draw is imported for it: no comparison, claims, dialogs,
    export, readers, scipy, pandas, pyarrow, watchfiles, matplotlib, numpy.ma, rich's ANSI decoder."""
    out = first_frame(
        """\
        assert self.analysis.decomposition.ci
        print(' '.join(sorted(sys.modules)))
        """,
        n_boot=2000,  # the app's own: the intervals are on the first frame
    )
    loaded = set(out.split())
    assert "scalescope.tui.widgets.summary" in loaded  # the listing is of the app's process
    for name in (
        "numpy.ma",
        "scipy",
        "pandas",
        "pyarrow",
        "watchfiles",
        "matplotlib",
        "httpx",
        "scalescope.engine.compare",
        "scalescope.engine.claims",
        "scalescope.engine.readers",
        "scalescope.tui.figure",
        "scalescope.tui.screens",
        "scalescope.tui.widgets.points_table",  # built when the Points tab is first shown
        "rich.ansi",
    ):
        assert name not in loaded, name


def test_the_first_full_frame_is_the_refresh_after_the_first_paint():
    """The first paint draws the frame with the chart's place blank and the figures without their
    intervals; the chart and the intervals (the bootstrap, numpy.random's import) are made in the
    1/60 s Textual then waits, and the refresh after it shows them: by the first callback after a
    refresh (what the benchmark times), the screen has the chart and the interval of the RL boost,
    equal to the engine's. A real start, headless, at the app's own n_boot."""
    out = first_frame(
        """\
        from scalescope.engine.catalog import load_bundled
        from scalescope.engine.decompose import DecomposeOptions, decompose
        from tests.screen import screen_text
        expected = decompose(load_bundled("math-level-5"), DecomposeOptions(n_boot=2000))
        lo, hi = expected.ci["rl_boost"].low, expected.ci["rl_boost"].high
        text = screen_text(self)
        chart = self.query_one("#chart")
        print("painted", chart.painted is not None and chart.painted == chart._strips_key)
        print("interval", f"[{lo:.2f}, {hi:.2f}]" in text, "intervals:" in text)
        print("chart", "10K" in text and "◆" in text)
        """,
        n_boot=2000,
    )
    assert "painted True" in out and "interval True True" in out and "chart True" in out, out


def test_numpy_random_is_imported_after_the_first_paint():
    """The bootstrap's generator (numpy.random, ~7 ms to import) is made when the bootstrap runs,
    after the first paint, not by the figures painted first (their exact intervals need none)."""
    out = first_frame(
        "print('at the first frame', 'numpy.random' in sys.modules)\n",
        setup="""\
        from textual.screen import Screen
        painted = []
        refresh_layout = Screen._refresh_layout
        def record(self, *args, **kwargs):
            if not painted:
                painted.append('numpy.random' in sys.modules)
                print('at the first paint', painted[0])
            return refresh_layout(self, *args, **kwargs)
        Screen._refresh_layout = record
        """,
        n_boot=2000,
    )
    assert "at the first paint False" in out and "at the first frame True" in out, out


def test_the_first_focus_goes_to_the_summary_and_never_to_the_filter_box():
    """Textual's default screen gives the first focus to the first focusable widget (the filter
    box), which the app then moved to the summary: the box's focus and blur restyled the dataset
    pane before the first frame. The first focus is the summary's; later, Textual's rule again.
    A real start (headless, not the test pilot, whose app has no focus while composing)."""
    out = first_frame(
        "self.seen = [w.id for w in focused if w is not None]\n"
        "self.own_rule = 'AUTO_FOCUS' not in vars(self.default_screen)\n",
        setup="""\
        from textual.screen import Screen
        focused = []
        set_focus = Screen.set_focus
        def record(self, widget, *args, **kwargs):
            focused.append(widget)
            return set_focus(self, widget, *args, **kwargs)
        Screen.set_focus = record
        """,
        after="print(app.seen, app.own_rule)\n",
    )
    assert out.split("\n")[-2] == "['summary-scroll', 'summary-scroll'] True", out


async def test_the_chart_is_sized_as_it_is_laid_out_and_painted_at_that_size(monkeypatch):
    """The app shows its first dataset before the chart has a size. The figure and the border's
    legend follow the size as the layout gives it: every paint finds the chart drawn for the size
    it is painted at (following the size while painting changed the border's legend mid-paint,
    which asked for the chart to be painted again), and the figure is laid out once."""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.chart_view import ScalingChart

    painted, refreshed_while_painting = [], []
    painting = [False]
    render_lines, refresh = ScalingChart.render_lines, ScalingChart.refresh

    def recorded_render_lines(self, crop):
        painted.append((self.spec.size, (self.size.width, self.size.height), self.border_subtitle))
        painting[0] = True
        try:
            return render_lines(self, crop)
        finally:
            painting[0] = False

    def recorded_refresh(self, *args, **kwargs):
        if painting[0]:
            refreshed_while_painting.append(args)
        return refresh(self, *args, **kwargs)

    monkeypatch.setattr(ScalingChart, "render_lines", recorded_render_lines)
    monkeypatch.setattr(ScalingChart, "refresh", recorded_refresh)
    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.pause()
        chart = app.query_one(ScalingChart)
        size = (chart.size.width, chart.size.height)
        assert painted and all(p == (size, size, chart.border_subtitle) for p in painted), painted
        assert "math-level-5" not in (chart.border_subtitle or "")  # a legend of series, not a title
        assert chart.border_subtitle and refreshed_while_painting == []
        assert chart.builds == 1


def test_the_screen_is_laid_out_twice_before_the_first_frame():
    """The terminal's size reaches the screen as several Resize events at start (Textual merges
    them only when nothing else is queued between them): each laid the whole screen out again at
    the size it was laid out at already. Two layouts come before the first frame: the screen's
    first, and Textual's update that places the notification rack and the scroll sizes found in
    the first. A real start (headless, as the benchmark), at 200x50 and 80x24."""
    setup = """\
    from textual.screen import Screen
    layouts = []
    refresh_layout = Screen._refresh_layout
    def record(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return refresh_layout(self, *args, **kwargs)
    Screen._refresh_layout = record
    """
    for size in (200, 50), (80, 24):
        out = first_frame("self.seen = list(layouts)\n", setup=setup, after="print(app.seen)\n", size=size)
        assert out.split("\n")[-2] == "['MainScreen', 'MainScreen']", (size, out)


@pytest.mark.parametrize("key", ["b", "e", "o", "question_mark", "ctrl+p"])
async def test_dialogs_read_their_rules_as_they_open_and_look_as_with_them_read_at_start(key, tmp_path):
    """The dialogs' rules (tui/dialogs.tcss) are not parsed for the first frame, which draws no
    dialog: they are read as the first dialog is installed or pushed (the base picker is kept
    installed; the command palette is Textual's). Every dialog is laid out and drawn as with the
    rules read at start, as they were from app.tcss."""
    from scalescope.tui.app import DIALOG_CSS, ScalescopeApp

    from .test_app import press, settle

    class ReadAtStart(ScalescopeApp):
        CSS_PATH = [ScalescopeApp.CSS_PATH, DIALOG_CSS]

    seen = []
    for cls in (ScalescopeApp, ReadAtStart):
        app = cls(export_dir=tmp_path, n_boot=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)  # the start's analysis and claims done (a busy machine: not yet)
            assert app.stylesheet.has_source(str(DIALOG_CSS)) == (cls is ReadAtStart)
            await press(app, pilot, key)
            assert app.screen is not app.default_screen and app.stylesheet.has_source(str(DIALOG_CSS))
            shown = None
            for _ in range(50):  # until two looks agree (bounded in rounds, not in time)
                await pilot.pause()
                regions = [(type(w).__name__, w.id, tuple(w.region)) for w in app.screen.walk_children()]
                if (screen_lines(app), regions) == shown:
                    break
                shown = (screen_lines(app), regions)
            seen.append(shown)
    assert seen[0] == seen[1]


def test_the_first_frame_styles_each_widget_once_and_a_full_restyle_changes_nothing():
    """Textual restyles every widget of a screen as it is resumed; at start each was styled as
    it was mounted a moment before. The first resume leaves that out: a widget is styled again
    only for what changed it (the summary pane's focus; below 110 columns the screen's -narrow
    class, which restyles it all once), and restyling every widget at the first frame would
    change no style of any. A real start (headless), at 200x50 and 80x24."""
    setup = """\
    from collections import Counter
    from textual.css.stylesheet import Stylesheet
    from textual.widget import Widget
    styled = Counter()
    apply = Stylesheet.apply
    def record(self, node, *args, **kwargs):
        if isinstance(node, Widget):
            styled[f'{type(node).__name__}#{node.id}'] += 1
        return apply(self, node, *args, **kwargs)
    Stylesheet.apply = record
    def rules(screen):
        return [(n, dict(n.styles.base._rules), {k: dict(v.base._rules) for k, v in n._component_styles.items()})
                for n in screen.walk_children(with_self=True)]
    """
    on_frame = """\
    self.styled = dict(styled)
    before = rules(self.screen)
    self.update_styles(self.screen, animate=False)
    self.same = before == rules(self.screen)
    """
    # the summary pane takes the focus (its :focus rules; the summary inside it), and a scrollbar
    # is styled as it is shown; at 80 columns the dataset pane is hidden and disabled, which
    # restyles it (the filter box is not mounted until `/`)
    focus = {"SummaryScroll#summary-scroll", "Summary#summary", "ScrollBar#None"}
    pane = {"DatasetPane#datasets"}
    for size, times, again in ((200, 50), 1, focus), ((80, 24), 2, focus | pane):
        out = first_frame(on_frame, setup=setup, after="print(app.styled, app.same)\n", size=size)
        styled, same = out.split("\n")[-2].rsplit(" ", 1)
        styled = eval(styled)
        assert "MainScreen#_default" in styled and same == "True", out
        assert {name: n for name, n in styled.items() if n > times and name not in again} == {}, (size, out)


async def test_the_dataset_list_is_filled_in_one_go(monkeypatch):
    """The list's options are added at once (at start and on every key typed in the filter box):
    added one at a time, the list refreshed and re-measured its lines for each (~20 at start)."""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.widgets.dataset_list import DatasetList, DatasetPane

    app = ScalescopeApp(n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        pane = app.query_one(DatasetPane)
        option_list = app.query_one("#datasets", DatasetPane)
        before = [(o.id, str(o.prompt), o.disabled) for o in option_list.options]
        refreshes = []
        refresh = DatasetList.refresh

        def counted(self, *args, **kwargs):
            refreshes.append(kwargs)
            return refresh(self, *args, **kwargs)

        monkeypatch.setattr(DatasetList, "refresh", counted)
        pane._fill("")
        assert len(before) > 15 and [(o.id, str(o.prompt), o.disabled) for o in option_list.options] == before
        assert len(refreshes) <= 3, refreshes  # the rows, the highlight (one per option: 42, in OptionList 6)
        refreshes.clear()
        pane._fill("math")
        assert 0 < option_list.option_count < len(before) and len(refreshes) <= 3
