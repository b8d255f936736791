"""The app driven through Textual's pilot at 80x24 and 200x50: press keys, read the screen."""

from __future__ import annotations

import json

import numpy as np
import pytest
from textual.widgets import OptionList, SelectionList

from scalescope.engine import DecomposeOptions, decompose, load_bundled
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.chart_view import ScalingChart
from scalescope.tui.widgets.dataset_list import DatasetPane
from scalescope.tui.widgets.summary import Summary
from scalescope.tui.widgets.tab_bar import TabBar

SIZES = [(80, 24), (200, 50)]


async def settle(app, pilot, rounds: int = 50):
    """Wait for the app's own workers (not DirectoryTree's loader, which runs while it lives).

    A finished read starts the analysis from a message, so one pass is not enough on a loaded
    machine: repeat until a pause finds none of our workers still running (bounded in rounds,
    not in time)."""
    await pilot.pause()
    for _ in range(rounds):
        ours = [w for w in app.workers if w.group in ("analysis", "open") and not w.is_finished]
        if not ours:
            await pilot.pause()
            if not [w for w in app.workers if w.group in ("analysis", "open") and not w.is_finished]:
                break
            continue
        await app.workers.wait_for_complete(ours)
        await pilot.pause()


def chart_text(app) -> str:
    return app.query_one(ScalingChart).plain_text()


def summary_text(app) -> str:
    return app.query_one(Summary).plain


async def press(app, pilot, *keys):
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_starts_on_math_with_engine_numbers_and_decade_ticks(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=300)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        expected = decompose(load_bundled("math-level-5"), DecomposeOptions(n_boot=300))
        text = summary_text(app)
        assert f"{expected.rl_boost:+.2f} pp" in text and f"{expected.inference_boost:+.2f} pp" in text
        assert f"{expected.inference_share:.1f} %" in text and "30.3x" in text
        lo, hi = expected.ci["rl_boost"].low, expected.ci["rl_boost"].high
        assert f"[{lo:.2f}, {hi:.2f}]" in text
        assert "extrapolated" in text
        chart = chart_text(app)
        assert "1K" in chart and "10K" in chart and "log scale" in chart
        assert "▲" in chart and "◆" in chart  # reasoning points and the base model
        assert "1681" not in chart


@pytest.mark.parametrize("size", SIZES)
async def test_toggle_log_linear_and_cycle_fits(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "l")
        assert "linear scale" in chart_text(app) and "0" in chart_text(app)
        assert app.query_one(ScalingChart).border_title.startswith("linear-x")
        await press(app, pilot, "l")
        assert "log scale" in chart_text(app)
        await press(app, pilot, "f")  # logistic
        logistic = decompose(load_bundled("math-level-5"), DecomposeOptions(link="logistic", n_boot=0))
        assert f"{logistic.rl_boost:+.2f} pp" in summary_text(app)
        assert "logistic" in summary_text(app)
        await press(app, pilot, "f")  # none
        # no decomposition (the claims listed below it may name the RL boost)
        assert "RL boost" not in summary_text(app).split("The essays' claims")[0]
        assert "no fit" in app.query_one(ScalingChart).border_title
        await press(app, pilot, "f")  # back to linear
        assert "+6.27 pp" in summary_text(app)


async def test_switch_dataset_from_the_list(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        option_list = app.query_one("#datasets", DatasetPane)
        index = next(
            i for i in range(option_list.option_count) if option_list.get_option_at_index(i).id == "gpqa-diamond"
        )
        await press(app, pilot, "enter")  # the focus starts on the summary: enter opens nothing
        assert app.view.dataset_id == "math-level-5"
        await press(app, pilot, "d")  # d goes to the (visible) list
        assert app.focused is option_list
        option_list.highlighted = index
        await press(app, pilot, "enter")
        assert app.view.dataset_id == "gpqa-diamond"
        assert "+8.97 pp" in summary_text(app) and "59.6 %" in summary_text(app)
        # the filter box narrows the list
        await press(app, pilot, "slash", "a", "r", "c")
        ids = [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]
        assert "arc-agi-1-semi-private" in ids and "math-level-5" not in ids


async def test_usd_dataset_ticks_and_no_decomposition(tmp_path):
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        chart = chart_text(app)
        assert "$1" in chart and "$100" in chart
        assert "Trend fits" in summary_text(app)


async def test_change_base_model_and_reasoning_series(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "b")
        # type to filter the picker, enter takes the first match
        for ch in "20240620":
            await pilot.press(ch)
        await pilot.pause()
        app.screen.query_one("#pick-filter").focus()
        await press(app, pilot, "enter")
        assert app.view.options.base == "claude-3-5-sonnet-20240620"
        expected = decompose(
            load_bundled("math-level-5"), DecomposeOptions(base="claude-3-5-sonnet-20240620", n_boot=0)
        )
        assert f"{expected.rl_boost:+.2f} pp" in summary_text(app)
        assert "claude-3-5-sonnet-20240620" in summary_text(app)


async def test_compare_two_series(tmp_path):
    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "c")
        app.screen.query_one("#pick-filter").value = "o1-mini"
        await settle(app, pilot)
        app.screen.query_one("#pick-filter").focus()
        await press(app, pilot, "enter")
        app.screen.query_one("#pick-filter").value = "o3-mini"
        await settle(app, pilot)
        app.screen.query_one("#pick-filter").focus()
        await press(app, pilot, "enter")
        assert app.view.compare_pair == ("o1-mini-2024-09-12", "o3-mini-2025-01-31")
        text = summary_text(app)
        assert "compute-efficiency multiplier" in text and "less compute" in text
        # the verdict grade, the extrapolation flag and Ord's three kinds of progress, in the summary
        assert "verdict [" in text and "extrapolated" in text
        assert "shift left" in text and "steeper slope" in text and "higher plateau" in text
        from scalescope.engine.compare import compare

        c = compare(load_bundled("epoch-math-level-5"), "o1-mini-2024-09-12", "o3-mini-2025-01-31")
        assert f"{c.efficiency_multiplier:.3g}x" in text
        gap = 10 ** (c.fit_a.inverse_u(c.at_score) - c.fit_b.inverse_u(c.at_score))
        assert f"{gap:.3g}x compute" in chart_text(app)  # the horizontal gap drawn on the chart
        await press(app, pilot, "c")  # clears
        assert app.view.compare_pair is None


async def test_hide_a_series(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "v")
        selection = app.screen.query_one(SelectionList)
        selection.deselect("Claude 3.5 Sonnet")
        await press(app, pilot, "enter")
        assert app.view.hidden == frozenset({"Claude 3.5 Sonnet"})
        assert "●" not in chart_text(app)


async def test_open_good_and_bad_files(tmp_path):
    good = tmp_path / "mine.csv"
    good.write_text(
        "model,series,role,tokens,score\nb,B,base,400,50\nr1,R,reasoning,800,60\nr2,R,reasoning,8000,80\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("model,tokens,score\nx,10,500\n", encoding="utf-8")
    bad_before = bad.read_bytes()
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "o")
        app.screen.query_one("#open-path").value = str(bad)
        await press(app, pilot, "enter")
        assert app.view.dataset_id == "math-level-5"  # unchanged
        messages = [n.message for n in app._notifications]
        assert any("row 2" in m and "'score'" in m and "outside 0-100" in m for m in messages)
        assert bad.read_bytes() == bad_before
        await press(app, pilot, "o")
        app.screen.query_one("#open-path").value = str(good)
        await press(app, pilot, "enter")
        assert app.view.dataset_id == "mine.csv"
        assert "RL boost" in summary_text(app)


async def test_markup_and_escapes_in_names_are_shown_literally(tmp_path):
    path = tmp_path / "evil.csv"
    path.write_text('model,tokens,score\n"[bold]x[/bold]",10,5\n"bell\x07\x1b[31mred",100,9\n', encoding="utf-8")
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        assert app.query_one(TabBar).active == "tab-points"
        table = app.query_one("#points")
        cells = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert "[bold]x[/bold]" in cells
        assert any("\\x1b" in c and "\x1b" not in c for c in cells)


async def test_export_never_overwrites(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=200)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        paths = []
        for key in ("m", "m", "c", "j", "t"):  # t: the screen as SVG (s and g: the chart, tested elsewhere)
            await press(app, pilot, "e", key)
        paths = sorted(tmp_path.iterdir())
        suffixes = sorted(p.suffix for p in paths)
        assert suffixes == [".csv", ".json", ".md", ".md", ".svg"]
        md = [p for p in paths if p.suffix == ".md"]
        assert md[0].read_text() == md[1].read_text() and md[0] != md[1]
        assert "+6.27 pp" in md[0].read_text()
        data = json.loads(next(p for p in paths if p.suffix == ".json").read_text())
        assert round(data["decomposition"]["rl_boost"], 2) == 6.27
        assert "<svg" in next(p for p in paths if p.suffix == ".svg").read_text()


async def test_help_and_palette(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        import io

        from rich.console import Console

        console = Console(file=io.StringIO(), width=100, record=True)
        for widget in app.screen.query("Static"):
            console.print(widget.content)
        text = console.export_text()
        assert "Log/linear x" in text and "Export" in text
        assert "square_bracket" not in text and "question_mark" not in text
        rows = {line.split()[0] for line in text.splitlines() if line.strip()}
        assert {"[", "]", "/", "?", "PgUp", "Home", "Esc", "Tab"} <= rows
        from scalescope.tui.commands import ScalescopeCommands

        hints = [hint for _, _, hint in ScalescopeCommands._commands(type("P", (), {"app": app})())]
        assert "key: l" in hints and not any("action:" in hint for hint in hints)
        await press(app, pilot, "escape")
        await press(app, pilot, "ctrl+p")
        assert "CommandPalette" in type(app.screen).__name__


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "ansi-light", "nord"])
async def test_every_theme_keeps_the_chart_readable(theme, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.theme = theme
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        rendered = chart.render()
        # no span draws text in the same colour as its background (the ANSI-theme trap)
        for span in rendered.spans:
            style = span.style if not isinstance(span.style, str) else None
            if style and style.color and style.bgcolor:
                assert style.color != style.bgcolor, (theme, style)
        assert "10K" in rendered.plain


async def test_unrecognised_columns_open_a_mapping_dialog(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Name,Toks,Pct\na,10,5\nb,100,9\nc,1000,14\n", encoding="utf-8")
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await (app.open_path(str(path))).wait()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ColumnMapScreen"
        from textual.widgets import Select

        await press(app, pilot, "escape")  # cancel: nothing changes
        assert app.view.dataset_id == "math-level-5"
        await (app.open_path(str(path))).wait()
        await settle(app, pilot)
        for key, header in (("model", "Name"), ("compute", "Toks"), ("score", "Pct")):
            app.screen.query_one(f"#map-{key}", Select).value = header
        app.screen.query_one("#map-ok").press()
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.view.dataset_id == "odd.csv"
        assert list(app.current.points["score"]) == [5, 9, 14]
        assert "series column" in summary_text(app)  # three models, no series: says why there is no trend


async def test_epoch_export_with_tokens_from_the_open_dialog(tmp_path):
    from pathlib import Path

    fix = Path(__file__).resolve().parent / "fixtures" / "epoch"
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "o")
        app.screen.query_one("#open-path").value = str(fix / "gpqa_diamond.csv")
        app.screen.query_one("#open-tokens").value = str(fix / "gpqa_tokens.csv")
        app.screen.query_one("#open-path").focus()
        await press(app, pilot, "enter")
        assert app.view.dataset_id == "gpqa_diamond.csv"
        assert (~np.isnan(app.current.points["compute"])).all()
        # without tokens: it opens, and the summary says why nothing can be fitted
        await (app.open_path(str(fix / "benchmarks_runs.csv"))).wait()
        await settle(app, pilot)
        assert "no token counts" in summary_text(app)


async def test_resizing_keeps_points_and_decade_ticks(tmp_path):
    """plotext's own log scale loses points on redraw (bug #209); ours is drawn by hand."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        for size in [(80, 24), (120, 40), (200, 50), (90, 30)]:
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            chart = chart_text(app)
            assert "▲" in chart and "1K" in chart and "10K" in chart, size
            assert app.screen.has_class("-narrow") == (size[0] < 110)


async def test_opening_a_file_shows_a_loading_indicator_until_done(tmp_path):
    good = tmp_path / "mine.csv"
    good.write_text("model,tokens,score\na,10,5\nb,100,9\n", encoding="utf-8")
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        worker = app.open_path(str(good))
        assert app.query_one("#right").loading
        await worker.wait()
        await settle(app, pilot)
        assert not app.query_one("#right").loading and app.view.dataset_id == "mine.csv"


@pytest.mark.parametrize("content", ["model,tokens,score\na,10,5\nb,100,9\n", "model,tokens,score\nx,10,500\n"])
async def test_after_opening_a_file_letters_still_reach_the_app(tmp_path, content):
    """The loading indicator takes the focus; it comes back to the summary when the read ends
    (opened or refused), so a dialog closed later does not hand it to the filter box."""
    path = tmp_path / "mine.csv"
    path.write_text(content, encoding="utf-8")
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "o")
        app.screen.query_one("#open-path").value = str(path)
        await press(app, pilot, "enter")
        assert app.focused is app.query_one("#summary-scroll")
        await press(app, pilot, "b", "escape", "v")
        assert type(app.screen).__name__ == "SeriesScreen"  # v opened the series dialog
        assert app.query_one(DatasetPane).filter_text == ""  # nothing was typed into the filter


async def test_footer_keeps_its_keys_through_a_dialog_and_follows_a_change(tmp_path):
    """The footer is rebuilt only when the keys it shows change (tui/widgets/footer.py)."""
    from scalescope.tui.widgets.footer import KeyFooter

    from .screen import screen_lines

    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        footer = app.query_one(KeyFooter)
        keys, updates = footer.keys, footer.updates
        assert "Quit" in screen_lines(app)[-1] and "Base" in screen_lines(app)[-1]
        await press(app, pilot, "b", "escape", "question_mark", "escape")
        assert footer.keys is keys and footer.updates == updates  # not worked out again
        assert "Quit" in screen_lines(app)[-1] and "Base" in screen_lines(app)[-1]
        await press(app, pilot, "slash")  # the filter box: letters type, the app's keys step aside
        assert app.focused is app.query_one("#dataset-filter")
        assert footer.keys != keys and footer.updates > updates and "Base" not in screen_lines(app)[-1]
        await press(app, pilot, "escape")
        assert "Base" in screen_lines(app)[-1]


async def test_the_footer_is_one_widget_and_a_click_on_a_key_runs_it(tmp_path):
    """The footer draws its keys itself (no widget per key); a click on a key presses it, and
    the pointer over a key shows its tooltip and highlights it."""
    from scalescope.tui.widgets.footer import KeyFooter

    from .screen import find

    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        footer = app.query_one(KeyFooter)
        assert not footer.children
        x, y = find(app, "p Points")
        assert y == 39
        plain = list(footer.render_line(0))
        await pilot.hover(None, offset=(x + 2, y))
        await pilot.pause()
        assert footer.tooltip == "Points"
        lit = list(footer.render_line(0))
        assert [s.text for s in lit] == [s.text for s in plain]
        changed = [s.text for s, t in zip(lit, plain) if s.style != t.style]
        assert changed == ["p", " Points"]  # the key under the pointer is highlighted
        await pilot.click(None, offset=(x + 2, y))
        await settle(app, pilot)
        assert app.query_one(TabBar).active == "tab-points"


async def test_dialogs_list_at_most_500_and_say_how_many_more(tmp_path):
    """A file with 1,200 models and series: the pickers list 500 and a line for the rest (typing
    narrows to any of them); the series dialog lists 500 and leaves the others as they were."""
    from dataclasses import replace

    from scalescope.tui.screens.picker import LISTED

    from .screen import screen_text

    path = tmp_path / "many.csv"
    rows = "".join(f"m{i},S{i},{10 + i},{i % 100}\n" for i in range(1200))
    path.write_text("model,series,compute,score\n" + rows, encoding="utf-8")
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await (app.open_path(str(path))).wait()
        await settle(app, pilot)
        assert len(app.current.series) == 1200
        await press(app, pilot, "b")
        options = app.screen.query_one(OptionList)
        assert options.option_count == LISTED + 1
        last = options.get_option_at_index(LISTED)
        assert last.disabled and "700 more: type to narrow the list" in str(last.prompt)
        app.screen.query_one("#pick-filter").value = "m1199"
        await settle(app, pilot)
        assert options.option_count == 1
        await press(app, pilot, "enter")
        assert app.view.options.base == "m1199"
        unlisted = app.current.series[-1]
        app.set_view(replace(app.view, hidden=frozenset({unlisted})))
        await press(app, pilot, "v")
        assert app.screen.query_one(SelectionList).option_count == LISTED
        assert "700 more series not listed" in screen_text(app)
        await press(app, pilot, "space", "escape")  # hide the first listed series
        assert app.view.hidden == frozenset({unlisted, app.current.series[0]})


async def test_bracket_keys_step_the_base_model(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        frame = app.current.points.to_pandas().dropna(subset=["compute"])
        known = list(frame[frame["series"] != app.current.reasoning]["model"])  # reasoning points: skipped
        start = known.index("claude-3-5-sonnet-20241022")
        await press(app, pilot, "right_square_bracket")
        assert app.view.options.base == known[(start + 1) % len(known)]
        reasoning = set(frame[frame["series"] == app.current.reasoning]["model"])
        for _ in range(len(frame)):  # a full turn never lands on a point of the reasoning series
            await press(app, pilot, "right_square_bracket")
            assert app.view.options.base not in reasoning
        await press(app, pilot, *["right_square_bracket"] * (len(known) - len(frame) % len(known)))
        assert app.view.options.base == known[(start + 1) % len(known)]
        expected = decompose(load_bundled("math-level-5"), DecomposeOptions(base=app.view.options.base, n_boot=0))
        assert f"{expected.rl_boost:+.2f} pp" in summary_text(app)
        await press(app, pilot, "left_square_bracket")
        assert app.view.options.base == "claude-3-5-sonnet-20241022"


async def test_base_dialog_leaves_out_the_reasoning_points_and_a_refusal_is_a_notice(tmp_path):
    """The `b` dialog offered the reasoning series' own points (decompose refuses them) and the
    refusal showed only at the foot of the summary; the dialog now lists what `[` `]` step through,
    and a choice that leaves no decomposition says why in a notice."""
    from scalescope.tui.screens.picker import PickScreen

    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pts = app.current.points
        reasoning = set(pts["model"][pts["series"] == app.current.reasoning])
        assert reasoning  # MATH: the four Claude 3.7 Sonnet budgets
        await press(app, pilot, "b")
        assert isinstance(app.screen, PickScreen)
        offered = {value for value, _ in app.screen.choices}
        assert offered and not offered & reasoning
        assert "claude-3-5-sonnet-20241022" in offered
        await press(app, pilot, "escape")
        # a two-point series of 0.009 decades as the reasoning series: no trend, said in a notice
        app._notifications.clear()
        await press(app, pilot, "r")
        app.screen.dismiss("Claude 3.5 Sonnet")
        await settle(app, pilot)
        notes = [n for n in app._notifications if n.title == "No decomposition"]
        assert notes and notes[0].message.startswith("decomposition:")
        assert app.analysis.decomposition is None
