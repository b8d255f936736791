"""A key redraws only what it changes, and what is kept from before is what a fresh drawing gives.

- The summary is a list of parts (tui/widgets/summary.py), each rendered once per content and
  width: its lines are always the whole summary rendered afresh at that width, after any keys;
  `l` renders no part, a base model renders only the parts that changed, a dataset shown before
  renders nothing.
- The app keeps its analyses per (dataset, switches): switching back shows what a fresh analysis
  says, and a dataset replaced by a new object (a file read again) is analysed again.
- The chart keeps its strips per spec: a chart shown again is plotext's own drawing of that spec
  (tests/test_chart_strips.py compares strips with plotext's text cell for cell)."""

from __future__ import annotations

from rich.console import Console

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.state import analyse
from scalescope.tui.widgets.chart_view import ScalingChart
from scalescope.tui.widgets.summary import Summary, render_summary, summary_plain

from .screen import settle


def fresh_lines(app, summary: Summary, width: int) -> list[str]:
    """The whole summary rendered in one go (one Group, no cache) at ``width``, as text per line."""
    a = summary.analysis
    pending = app.view.dataset_id in app._claims_running
    group = render_summary(a, busy=app._busy, frontier=app.view.frontier, claims_pending=pending)
    console = app.console
    options = console.options.update(width=width, height=None, highlight=False, markup=False)
    return [
        "".join(f"{seg.text}\x00{seg.style}" for seg in line)
        for line in console.render_lines(group, options, pad=False)
    ]


def shown_lines(summary: Summary, width: int) -> list[str]:
    return ["".join(f"{seg.text}\x00{seg.style}" for seg in strip) for strip in summary.lines(width)]


def assert_summary_fresh(app, summary: Summary) -> None:
    width = summary.size.width
    assert width > 0
    assert shown_lines(summary, width) == fresh_lines(app, summary, width)
    assert len(summary.lines(width)) == summary.size.height  # laid out at its height


async def test_summary_lines_are_a_fresh_rendering_after_any_keys():
    app = ScalescopeApp("epoch-math-level-5", n_boot=200)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary)
        assert_summary_fresh(app, summary)
        steps = [
            ("key", "right_square_bracket"),
            ("key", "right_square_bracket"),
            ("key", "left_square_bracket"),
            ("key", "w"),  # the frontier, listed first
            ("key", "l"),
            ("key", "w"),
            ("show", "arc-agi-2-semi-private"),  # a summary of another height (claims first)
            ("show", "math-level-5"),
            ("show", "epoch-math-level-5"),  # shown before: its parts are kept
            ("key", "f"),  # no fit
            ("key", "f"),  # logistic... with n_boot: the intervals from a worker
            ("key", "f"),
        ]
        for kind, what in steps:
            if kind == "key":
                await pilot.press(what)
            else:
                app.show_dataset(what)
            await settle(app, pilot)
            assert_summary_fresh(app, summary)
        # the widget's width changes (the dataset pane hides): every part at the new width
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        assert_summary_fresh(app, summary)


async def test_a_key_renders_only_the_summary_parts_it_changes():
    app = ScalescopeApp("math-level-5", n_boot=200)  # a decomposition and the essays' claims
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary)
        width = summary.size.width
        summary.lines(width)

        before = summary.renders
        await pilot.press("l")  # the chart only: nothing in the summary depends on the x axis
        await settle(app, pilot)
        assert summary.renders == before

        keys_before = [key for key, _ in summary._parts]
        before = summary.renders
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        keys_after = [key for key, _ in summary._parts]
        changed = [key for key in keys_after if key not in keys_before]
        assert changed, "a new base model changes the decomposition"
        assert all(key[0] == "text" or key[1] == "rows" for key in changed)  # the decomposition's parts
        assert any(key[0] == "table" and key[1] == "claims" for key in keys_after)  # kept, not rendered
        assert 0 < summary.renders - before <= len(changed) * 2  # at most at two widths (a scrollbar)
        assert_summary_fresh(app, summary)

        before = summary.renders
        await pilot.press("left_square_bracket")  # back to a base shown before: all kept
        await settle(app, pilot)
        assert summary.renders == before
        assert_summary_fresh(app, summary)


async def test_same_height_repaints_the_summary_without_a_layout():
    app = ScalescopeApp("epoch-math-level-5", n_boot=200)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary)
        calls = []
        original = summary.refresh

        def spy(*args, **kwargs):
            calls.append(kwargs.get("layout", False))
            return original(*args, **kwargs)

        summary.refresh = spy
        height = summary.size.height
        for key in ("right_square_bracket", "right_square_bracket", "left_square_bracket"):
            calls.clear()
            await pilot.press(key)
            await settle(app, pilot)
            if summary.size.height == height and calls:
                assert calls[0] is False  # the same height: no layout asked for
            height = summary.size.height
            assert_summary_fresh(app, summary)
        calls.clear()
        app.show_dataset("arc-agi-2-semi-private")  # another height: laid out again
        await settle(app, pilot)
        assert True in calls
        assert_summary_fresh(app, summary)


async def test_a_summary_that_scrolls_and_one_that_fits_have_the_same_width():
    """The summary pane keeps its scrollbar's room (scrollbar-gutter: stable): switching between
    a summary longer than the pane and one that fits does not change the summary's width, so it
    is laid out once at its new height and each new part is rendered at one width, not at two
    (before: the scrollbar appeared or went, the width changed, and the screen was laid out and
    the tables rendered again)."""
    app = ScalescopeApp("math-level-5", n_boot=200)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary)
        pane = app.query_one("#summary-scroll")
        assert pane.show_vertical_scrollbar  # math-level-5's summary is longer than the pane
        width = summary.size.width
        keys_before = {key for key, _ in summary._parts}
        before = summary.renders
        app.show_dataset("arc-agi-2-private-eval")
        await settle(app, pilot)
        assert not pane.show_vertical_scrollbar  # this one fits
        assert summary.size.width == width
        new = {key for key, _ in summary._parts} - keys_before
        assert new and summary.renders - before == len(new)  # each new part at one width
        assert_summary_fresh(app, summary)
        app.show_dataset("math-level-5")
        await settle(app, pilot)
        assert pane.show_vertical_scrollbar and summary.size.width == width
        assert_summary_fresh(app, summary)


async def test_a_switch_to_a_longer_or_shorter_summary_is_laid_out_once_as_textual_would():
    """A summary of another height is placed by one layout of the screen (Textual laid the
    screen out again after the summary's and its pane's scrollable size changed, and again when
    the pane's scrollbar appeared or went). What is on screen is what Textual decides: the
    summary as tall as its lines, the pane's scrollable height that, its scrollbar shown exactly
    when the summary is taller than the pane."""
    app = ScalescopeApp("math-level-5", n_boot=200)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one(Summary)
        pane = app.query_one("#summary-scroll")
        for dataset in ("arc-agi-2-semi-private", "math-level-5"):  # each analysed and drawn once
            app.show_dataset(dataset)
            await settle(app, pilot)
        screen = app.screen
        layouts = []
        original = screen._refresh_layout

        def spy(*args, **kwargs):
            layouts.append(1)
            return original(*args, **kwargs)

        screen._refresh_layout = spy
        for dataset in ("arc-agi-2-semi-private", "math-level-5", "arc-agi-2-semi-private", "math-level-5"):
            layouts.clear()
            app.show_dataset(dataset)
            await settle(app, pilot)
            assert len(layouts) == 1, dataset
            height = len(summary.lines(summary.size.width))
            assert summary.size.height == height
            assert pane.virtual_size.height == max(height, pane.container_size.height)
            taller = height > pane.container_size.height
            assert pane.show_vertical_scrollbar == taller == pane.vertical_scrollbar.display
            assert pane.max_scroll_y == max(0, height - pane.container_size.height)
            assert_summary_fresh(app, summary)
        assert pane.show_vertical_scrollbar  # both cases were seen: math-level-5's is the longer
        pane.scroll_end(animate=False)
        await settle(app, pilot)
        assert pane.scroll_y == pane.max_scroll_y > 0  # scrolls to its last line


async def test_switching_back_shows_what_a_fresh_analysis_says():
    app = ScalescopeApp("math-level-5", n_boot=200)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        first = app.analysis
        app.show_dataset("arc-agi-2-semi-private")
        await settle(app, pilot)
        app.show_dataset("math-level-5")
        await settle(app, pilot)
        # kept: the very objects (so the chart and summary kept for them are reused too)
        assert app.analysis.trends == first.trends and app.analysis.decomposition is first.decomposition
        ds = app.current
        fresh = analyse(ds, link="linear", n_boot=200, highlighted=app._highlighted(ds, app.view), claims=False)
        assert summary_plain(app.analysis) == summary_plain(
            fresh.__class__(**{**fresh.__dict__, "claims": app.analysis.claims})
        )


async def test_a_dataset_read_again_is_analysed_again():
    app = ScalescopeApp("math-level-5", n_boot=0)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        ds = app.datasets["math-level-5"]
        model = str(ds.points["model"][ds.points["series"] == app.analysis.trends[0][0]][0])
        app.datasets["math-level-5"] = ds.with_scores({model: 1.0})  # a new object, other scores
        app.set_view(app.view)
        await settle(app, pilot)
        assert app.analysis.dataset is app.datasets["math-level-5"]
        fresh = analyse(
            app.current, link="linear", n_boot=0, highlighted=app._highlighted(app.current, app.view), claims=False
        )
        assert [(n, f.slope_per_decade) for n, f in app.analysis.trends] == [
            (n, f.slope_per_decade) for n, f in fresh.trends
        ]
        assert app.query_one(ScalingChart).spec.dataset is app.current
        assert all(kept is not ds for kept, _ in app._analyses.values())  # the old one is let go of


async def test_a_chart_shown_again_is_kept_and_is_plotexts_drawing_of_its_spec():
    app = ScalescopeApp("math-level-5", n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        log_strips = [strip.text for strip in chart._current_strips()]
        await pilot.press("l")
        await settle(app, pilot)
        builds = chart.builds
        await pilot.press("l")  # back to log-x: kept
        await settle(app, pilot)
        assert chart.builds == builds
        assert [strip.text for strip in chart._current_strips()] == log_strips
        # plotext's figure is drawn for the spec on screen when it is read
        plain = chart.plain_text().splitlines()
        assert [line.rstrip() for line in plain] == [text.rstrip() for text in log_strips][: len(plain)]
        assert "log scale" in chart.plain_text()


def test_parts_render_as_the_whole_group():
    """Rendering the summary's parts one by one gives the lines of the whole Group."""
    from scalescope.engine.catalog import catalog, load_bundled
    from scalescope.tui.widgets.summary import summary_parts

    console = Console(width=100, color_system="truecolor")
    for entry in catalog()[:12]:
        a = analyse(load_bundled(entry.id), n_boot=0, claims=True)
        for width in (40, 100, 170):
            options = console.options.update(width=width, height=None, highlight=False, markup=False)
            whole = console.render_lines(render_summary(a, frontier=True), options, pad=False)
            parts = []
            for _, make in summary_parts(a, frontier=True):
                parts += console.render_lines(make(), options, pad=False)
            assert [[(s.text, s.style) for s in line] for line in parts] == [
                [(s.text, s.style) for s in line] for line in whole
            ], (entry.id, width)


def test_drawn_rows_kept_draw_what_a_fresh_drawing_draws():
    """The rows a chart takes from its dataset are kept per (dataset, hidden, highlighted, base):
    after other charts (other series hidden, another base, another dataset), a chart drawn with
    kept rows is the same as one drawn from nothing."""
    from dataclasses import replace

    from plotext._figure import _figure_class

    from scalescope.engine.catalog import load_bundled
    from scalescope.engine.decompose import DecomposeOptions
    from scalescope.tui import chart as chart_module
    from scalescope.tui.chart import ChartSpec, default_highlight, draw_chart

    def built(spec) -> str:
        fig = _figure_class()
        draw_chart(fig, spec)
        fig.plotsize(120, 30)
        return fig.build()

    specs = []
    for dataset_id, base in (("math-level-5", None), ("epoch-math-level-5", "claude-3-5-sonnet-20241022")):
        ds = load_bundled(dataset_id)
        hl = default_highlight(ds)
        a = analyse(ds, n_boot=0, options=DecomposeOptions(base=base), highlighted=hl, claims=False)
        spec = ChartSpec(dataset=ds, highlighted=hl, trends=a.trends, decomposition=a.decomposition, size=(120, 30))
        specs += [spec, replace(spec, log_x=False), replace(spec, hidden=frozenset(hl[-1:]))]
    fresh = []
    for spec in specs:
        chart_module._DRAWN_ROWS.clear()
        fresh.append(built(spec))
    for spec, want in zip(specs + specs[::-1], fresh + fresh[::-1]):  # kept rows, in another order
        assert built(spec) == want
    assert len(set(fresh)) == len(fresh)  # the charts differ: the test can tell them apart


async def test_the_kept_pick_dialog_opens_as_a_new_one_would():
    """The app keeps one pick dialog between uses (closing a screen whose widgets are removed
    makes Textual lay out and repaint the whole screen again after the choice is drawn). Opened
    again, it is the same screen, set afresh: the title, an empty filter with the focus, and the
    list a new dialog for these choices shows, the current choice marked."""
    from textual.widgets import Input, Label, OptionList

    from scalescope.tui.screens.picker import PickScreen

    def shown(screen) -> tuple:
        options = screen.query_one(OptionList)
        return (
            str(screen.query_one(".dialog-title", Label).render()),
            screen.query_one(Input).value,
            screen.focused is screen.query_one(Input),
            [(str(o.prompt), o.id, o.disabled) for o in options.options],
            options.highlighted,
            options.scroll_y,
        )

    app = ScalescopeApp("epoch-math-level-5", n_boot=200)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("b")
        await settle(app, pilot)
        first = app.screen
        assert isinstance(first, PickScreen)
        app.screen.query_one("#pick-filter").value = "20240620"  # typed, then taken from the list
        await settle(app, pilot)
        await pilot.press("down")
        await settle(app, pilot)
        assert app.screen.focused is app.screen.query_one("#pick-list")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.view.options.base == "claude-3-5-sonnet-20240620"
        for key in ("b", "r"):  # the same dialog, for the base models, then the reasoning series
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is first
            kept = shown(app.screen)
            fresh = PickScreen(first.title_text, first.choices, first.current)
            await app.push_screen(fresh)
            await settle(app, pilot)
            assert kept == shown(fresh)
            assert kept[1] == "" and kept[2] and kept[3]
            if key == "b":
                assert "● claude-3-5-sonnet-20240620" in "".join(o[0] for o in kept[3])
            fresh.dismiss(None)
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)
        # compare: the second pick opens while the first closes, in a dialog of its own
        await pilot.press("c")
        await settle(app, pilot)
        assert app.screen is first
        app.screen.query_one("#pick-filter").value = "o1-mini"
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickScreen) and app.screen is not first
        app.screen.query_one("#pick-filter").value = "o3-mini"
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.view.compare_pair == ("o1-mini-2024-09-12", "o3-mini-2025-01-31")
