"""Issue #20, the app half (items 5, 7, 8, 9, 11): what a new user meets on screen at 80x24.

Each test drives the app through the pilot (press keys, read the screen) or checks a drawing
function against numbers computed here, independently.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.footer import PRIORITY, SHORT, footer_keys

from .screen import screen_lines, screen_text
from .test_app import press, settle

# ---- item 9: the points table, the footer and the `v` dialog at 80 columns -----------------


async def test_points_table_at_80_columns_shows_compute_and_score(tmp_path):
    """At 80x24 the table shows model, compute, score and ± without scrolling sideways; the
    caption says how to reach the other columns."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        lines = screen_lines(app)
        header = next(line for line in lines if " model " in line and "compute" in line)
        assert "score %" in header and "±" in header
        # the first point of math-level-5, as the bundled CSV has it
        ds = app.current
        first = ds.points.records()[0]
        row = next(line for line in lines if line.startswith("▶"))
        assert f"{first['score']:.2f}" in row
        assert f"{first['score_stderr']:.2f}" in row
        assert "← → more columns" in screen_text(app)
        # → scrolls to the rest: the source column comes into view
        table = app.query_one("#points")
        for _ in range(60):
            await pilot.press("right")
        await settle(app, pilot)
        assert table.scroll_x > 0
        assert "source" in screen_text(app)


def _app_bindings():
    return [(b, True, "") for b in ScalescopeApp.BINDINGS if b.show]


@given(st.integers(min_value=20, max_value=300))
def test_footer_keys_fit_their_width_and_follow_the_priority(width):
    keys, palette = footer_keys(_app_bindings(), width)
    used = sum(cell_len(b.key_display or b.key) + 1 + cell_len(label) + 1 for b, _, _, label in keys)
    assert used <= width
    ids = [b.id for b, *_ in keys]
    # binding order kept
    order = [b.id for b, *_ in _app_bindings()]
    assert ids == [i for i in order if i in ids]
    # a key is left out only if it did not fit after every key of higher priority that did
    for i, name in enumerate(PRIORITY):
        if name in ids:
            continue
        label = SHORT[name]
        key = next(b.key_display or b.key for b, *_ in _app_bindings() if b.id == name)
        kept_before = [p for p in PRIORITY[:i] if p in ids]
        cost = sum(
            cell_len(next(b.key_display or b.key for b, *_ in _app_bindings() if b.id == p)) + 2 + len(SHORT[p])
            for p in kept_before
        )
        assert cost + cell_len(key) + 2 + len(label) > width
    if palette:
        assert len(ids) == len(order)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_shows_the_important_keys(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        footer = screen_lines(app)[-1]
        for shown in ("? Help", "q Quit", "p Points", "e Export", "o Open", "d Data", "l Log/lin", "c Compare"):
            assert shown in footer, (shown, footer)
        if size[0] >= 120:
            assert "Frontier" in footer and "Claims" in footer
        # a resize narrower drops keys by priority and keeps help and quit
        await pilot.resize_terminal(60, 24)
        await settle(app, pilot)
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "? Help" in footer and "q Quit" in footer and "e Export" in footer


@pytest.mark.parametrize("no_color", [False, True])
async def test_series_dialog_checked_and_unchecked_rows_differ(no_color, tmp_path, monkeypatch):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "v")
        first = app.current.series[0]
        rows = [line for line in screen_lines(app) if first in line and "▐" in line]
        assert rows and "▐X▌" in rows[0]
        await press(app, pilot, "space")  # hide the first series
        rows = [line for line in screen_lines(app) if first in line and "▐" in line]
        assert rows and "▐ ▌" in rows[0] and "▐X▌" not in rows[0]
        others = [line for line in screen_lines(app) if "▐X▌" in line and first not in line]
        assert others, "the other series stay checked"


# ---- item 7: error bars on their marker, the RL segment at 80x24, the legend -----------------

MARKS = set("●▲■✚★▼◆")


def plot_cells(text: str) -> tuple[list[str], int, int]:
    """The chart's lines and the columns of its frame's left and right edges."""
    lines = text.split("\n")
    top = next(i for i, line in enumerate(lines) if "┌" in line and "┐" in line)
    return lines[top:], lines[top].index("┌"), lines[top].index("┐")


def lone_bars(text: str) -> list[tuple[int, int]]:
    """Every error-bar cell (│ inside the frame) whose vertical run of │ touches no marker."""
    lines, left, right = plot_cells(text)
    found = []
    for y, line in enumerate(lines):
        for x, ch in enumerate(line):
            if ch != "│" or not left < x < right:
                continue
            touches = False
            for step in (-1, 1):
                yy = y + step
                while 0 <= yy < len(lines) and x < len(lines[yy]) and lines[yy][x] == "│":
                    yy += step
                if 0 <= yy < len(lines) and x < len(lines[yy]) and lines[yy][x] in MARKS:
                    touches = True
            if not touches:
                found.append((x, y))
    return found


def _bars_csv(tmp_path, stderr: float):
    # two series, three points each: compute 10..1000, scores 20..80 (a made-up test table)
    path = tmp_path / "bars.csv"
    rows = ["model,series,tokens,score,score_stderr"]
    for series, shift in (("A", 0), ("B", 10)):
        for i, tokens in enumerate((10, 100, 1000)):
            rows.append(f"{series}{i},{series},{tokens},{20 + 25 * i + shift},{stderr}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("stderr", [1.0, 9.0])
async def test_error_bars_touch_their_marker_and_are_in_the_legend(size, stderr, tmp_path):
    from scalescope.tui.chart import chart_axes, row_height, visible_points
    from scalescope.tui.widgets.chart_view import ScalingChart

    app = ScalescopeApp(str(_bars_csv(tmp_path, stderr)), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        text = chart.plain_text()
        assert lone_bars(text) == []
        spec = chart.spec
        pts = visible_points(spec)
        rows = row_height(spec, chart_axes(spec, {"compute": pts["compute"], "score": pts["score"]}))
        # by hand: the score a row spans, read off the y tick labels drawn on the screen
        ticks = [(i, float(line.split("%┤")[0])) for i, line in enumerate(text.split("\n")) if "%┤" in line]
        (i0, v0), (i1, v1) = ticks[0], ticks[-1]
        assert rows == pytest.approx((v0 - v1) / (i1 - i0), rel=0.35)
        border = str(chart.border_subtitle)
        drawn = stderr >= rows
        assert ("±1 stderr" in border) == drawn
        inside = [line for line in plot_cells(text)[0]]
        bars = sum(line[plot_cells(text)[1] + 1 : plot_cells(text)[2]].count("│") for line in inside)
        assert (bars > 0) == drawn
        assert "│" not in border.replace("│ ±1 stderr", "")  # the legend's separator is never the bar glyph


@pytest.mark.parametrize("dataset", ["math-level-5", "gpqa-diamond"])
async def test_rl_boost_segment_is_drawn_at_80x24(dataset, tmp_path):
    from scalescope.tui.chart import INFERENCE_MARKER, RL_MARKER
    from scalescope.tui.widgets.chart_view import ScalingChart

    app = ScalescopeApp(dataset, export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        lines, left, right = plot_cells(chart.plain_text())
        inside = "".join(line[left + 1 : right] for line in lines)
        assert RL_MARKER in inside and INFERENCE_MARKER in inside
        border = str(chart.border_subtitle)
        assert "RL boost" in border and "…" not in border.split("+")[0][-3:]
        assert lone_bars(chart.plain_text()) == []


def _plot(*argv) -> list[str]:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "scalescope", "plot", *argv],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": ""},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split("\n")


def test_plot_trend_lines_and_frontier_have_distinct_markers():
    lines = _plot("arc-agi-1-o1-o3", "--frontier", "--width", "100", "--height", "30")
    trend = next(line for line in lines if "trend lines" in line)
    front = next(line for line in lines if "frontier (" in line)
    glyph = lambda line: line.split("│ ", 1)[1][:1]  # noqa: E731
    assert glyph(trend) != glyph(front)


def test_small_plot_keeps_its_title_and_its_legend_covers_no_data():
    lines = _plot("math-level-5", "--width", "50", "--height", "16")
    assert "MATH level 5" in lines[0]
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    frame = "\n".join(lines[top : bottom + 1])
    assert "RL boost" not in frame and "Claude" not in frame  # no legend box inside the plot
    after = "\n".join(lines[bottom + 1 :])
    for entry in ("RL boost", "inference", "base", "Claude 3.5 Sonnet", "Claude 3.7 Sonnet"):
        assert entry in after
    assert max(len(line) for line in lines) <= 50


# ---- item 8: the comparison on the chart ------------------------------------------------------


async def _compare(app, pilot, a: str, b: str):
    await press(app, pilot, "c")
    for name in (a, b):
        app.screen.query_one("#pick-filter").value = name
        await settle(app, pilot)
        app.screen.query_one("#pick-filter").focus()
        await press(app, pilot, "enter")


@pytest.mark.parametrize(
    ("dataset", "a", "b"),
    [
        ("math-level-5", "Claude 3.5 Sonnet", "Claude 3.7 Sonnet"),
        ("epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31"),
    ],
)
async def test_comparison_gap_sits_on_the_drawn_trends_and_markers_stay(dataset, a, b, tmp_path):
    import numpy as np

    from scalescope.engine.catalog import load_bundled
    from scalescope.tui.chart import comparison_gap
    from scalescope.tui.widgets.chart_view import ScalingChart

    app = ScalescopeApp(dataset, export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        before = app.query_one(ScalingChart).spec.highlighted
        await _compare(app, pilot, a, b)
        assert app.view.compare_pair == (a, b)
        spec = app.query_one(ScalingChart).spec
        # every series coloured before keeps its slot (its colour and marker)
        for i, series in enumerate(before):
            if series in spec.highlighted:
                assert spec.highlighted.index(series) == i
        gap = comparison_gap(spec)
        assert gap is not None
        # each end lies on the trend line drawn for its series: an independent least-squares line
        # through the series' points (score on log10 compute), read at the gap's compute
        ds = load_bundled(dataset)
        drawn = dict(spec.trends)
        for series, compute in ((a, gap.compute_a), (b, gap.compute_b)):
            pts = ds.points[ds.points["series"] == series]
            known = np.isfinite(pts["compute"])
            slope, intercept = np.polyfit(np.log10(pts["compute"][known]), pts["score"][known], 1)
            if drawn[series] is app.analysis.comparison.fit_a or drawn[series] is app.analysis.comparison.fit_b:
                assert intercept + slope * np.log10(compute) == pytest.approx(gap.score, abs=1e-6)
            assert float(drawn[series].predict_u(np.log10(compute))) == pytest.approx(gap.score, abs=1e-6)
        assert gap.multiple == pytest.approx(gap.compute_a / gap.compute_b)
        border = str(app.query_one(ScalingChart).border_subtitle)
        assert "gap B vs A" in border and "…" not in border.split("  ")[-1]  # no entry cut short
        text = " ".join(app.query_one("#summary").plain.split())  # wrapped at 80 columns: where is not the point
        assert f"multiplier at {app.analysis.comparison.at_score:.1f}%" in text
        assert "in words: A's compute / B's compute" in text


async def test_no_gap_line_without_trend_lines(tmp_path):
    from scalescope.tui.chart import GAP_MARKER, comparison_gap
    from scalescope.tui.widgets.chart_view import ScalingChart

    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _compare(app, pilot, "o1-mini-2024-09-12", "o3-mini-2025-01-31")
        await press(app, pilot, "f", "f")  # linear -> logistic -> none: no trend drawn
        assert app.view.link is None
        chart = app.query_one(ScalingChart)
        assert comparison_gap(chart.spec) is None
        assert "gap" not in str(chart.border_subtitle)
        lines, left, right = plot_cells(chart.plain_text())
        bottom = next(i for i, line in enumerate(lines) if "└" in line)
        assert GAP_MARKER * 3 not in "".join(line[left + 1 : right] for line in lines[1:bottom])


# ---- item 11: the chart as a real figure (matplotlib), with its CSV and JSON -------------------


def _cli(*argv, cwd=None, block_matplotlib=False):
    import subprocess
    import sys

    code = "import sys\n"
    if block_matplotlib:
        code += "sys.modules['matplotlib'] = None\n"  # as if the export extra were not installed
    code += "from scalescope.tui.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=cwd)


def test_plot_out_svg_has_the_series_trend_decomposition_and_legend(tmp_path):
    import csv
    import json

    import numpy as np

    from scalescope.engine.catalog import load_bundled
    from scalescope.engine.decompose import DecomposeOptions, decompose

    out = tmp_path / "chart.svg"
    proc = _cli("plot", "math-level-5", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    # every file written, by its full path
    printed = proc.stdout.split("\n")
    for path in (out, tmp_path / "chart.csv", tmp_path / "chart.json"):
        assert str(path.resolve()) in printed and path.stat().st_size > 0
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    d = decompose(load_bundled("math-level-5"), DecomposeOptions(n_boot=0))
    for text in (
        f"RL boost {d.rl_boost:+.1f} pp",
        f"inference-scaling boost {d.inference_boost:+.1f} pp",
        "trend: Claude 3.7 Sonnet",
        "Claude 3.5 Sonnet",
        f"base: {d.base_model}",
        "error bars: ±1 standard error",
        "MATH level 5",
        "(log scale)",
    ):
        assert text in svg, text
    assert "┃" not in svg and "⠤" not in svg  # no terminal glyphs: a real figure
    # the CSV beside it: every point as in the dataset, the trend on an independent least-squares line
    rows = list(csv.DictReader((tmp_path / "chart.csv").open(encoding="utf-8")))
    ds = load_bundled("math-level-5")
    points = [r for r in rows if r["element"] == "point"]
    assert sorted(r["model"] for r in points) == sorted(ds.points["model"])
    series = ds.points[ds.points["series"] == "Claude 3.7 Sonnet"]
    slope, intercept = np.polyfit(np.log10(series["compute"]), series["score"], 1)
    trend = [r for r in rows if r["element"].startswith("trend")]
    assert trend
    for r in trend:
        assert float(r["score"]) == pytest.approx(intercept + slope * np.log10(float(r["compute"])), abs=1e-6)
    rl = {r["element"]: float(r["score"]) for r in rows if r["element"].startswith("rl_boost")}
    assert rl["rl_boost to"] - rl["rl_boost from"] == pytest.approx(d.rl_boost, abs=1e-9)
    data = json.loads((tmp_path / "chart.json").read_text(encoding="utf-8"))
    assert data["decomposition"]["base_model"] == d.base_model


def test_plot_out_png_is_a_png_and_other_suffixes_are_refused(tmp_path):
    import struct

    proc = _cli("plot", "gpqa-diamond", "--out", str(tmp_path / "g.png"))
    assert proc.returncode == 0, proc.stderr
    head = (tmp_path / "g.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert (width, height) == (1500, 900)  # 10 x 6 inches at 150 dpi
    bad = _cli("plot", "gpqa-diamond", "--out", str(tmp_path / "g.gif"))
    assert bad.returncode == 2 and ".svg, .png, .pdf" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "g.gif").exists()


def test_plot_out_without_matplotlib_says_how_to_install_it(tmp_path):
    proc = _cli("plot", "math-level-5", "--out", str(tmp_path / "c.svg"), block_matplotlib=True)
    assert proc.returncode == 2
    assert "pip install 'scalescope[export]'" in proc.stderr and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_figure_labels_from_data_are_never_mathtext_or_control(tmp_path):
    from scalescope.engine.io import load
    from scalescope.tui.chart import ChartSpec
    from scalescope.tui.figure import write_figure

    path = tmp_path / "names.csv"
    path.write_text("model,series,tokens,score\nm1,a$x^2$b,10,20\nm2,a$x^2$b,100,40\nm3,c\x1b]0;T\x07,50,30\n")
    ds = load(str(path))
    written = write_figure(ChartSpec(dataset=ds, highlighted=tuple(ds.series)), tmp_path / "n.svg")
    svg = written[0].read_text(encoding="utf-8")
    assert "a$x^2$b" in svg  # shown as written, not typeset
    assert "\x1b" not in svg and "\x07" not in svg and "\\x1b" in svg


async def test_app_e_writes_the_chart_with_its_data_and_shows_the_full_path(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = []
        original = app.notify
        app.notify = lambda message, **kw: (shown.append(message), original(message, **kw))[1]
        await press(app, pilot, "e", "s")
        await press(app, pilot, "e", "g")
        names = sorted(p.name for p in tmp_path.iterdir())
        assert sorted(n.rsplit(".", 1)[1] for n in names) == ["csv", "csv", "json", "json", "png", "svg"]
        svg = next(p for p in tmp_path.iterdir() if p.suffix == ".svg")
        assert "RL boost +6.3 pp" in svg.read_text(encoding="utf-8")
        assert any(str(svg.resolve()) in m for m in shown)  # the full path, not a cut file name
        # again: new files, none overwritten
        await press(app, pilot, "e", "s")
        assert len(list(tmp_path.iterdir())) == 9


async def test_app_export_without_matplotlib_says_how_to_install_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = []
        original = app.notify
        app.notify = lambda message, **kw: (shown.append(message), original(message, **kw))[1]
        await press(app, pilot, "e", "s")
        assert any("pip install 'scalescope[export]'" in m for m in shown)
        assert list(tmp_path.iterdir()) == []


# ---- item 5: the column-mapping dialog --------------------------------------------------------


def _mta(tmp_path, name="mta.csv", header="model_name,tokens,accuracy"):
    # three made-up test rows; the scores are 0-1 fractions
    path = tmp_path / name
    path.write_text(f"{header}\nm1,1000,0.5695\nm2,4000,0.61\nm3,16000,0.66\n", encoding="utf-8")
    return path


async def _open(app, pilot, path):
    from scalescope.tui.screens.column_map import ColumnMapScreen

    await (app.open_path(str(path))).wait()
    await settle(app, pilot)
    assert isinstance(app.screen, ColumnMapScreen)


async def test_mapping_dialog_preselects_recognised_columns_and_reads_fractions(tmp_path):
    from textual.widgets import Select

    from scalescope.tui.widgets.chart_view import ScalingChart

    path = _mta(tmp_path)
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _open(app, pilot, path)
        screen = app.screen
        values = {key: screen.query_one(f"#map-{key}", Select).value for key in ("model", "compute", "score")}
        assert values == {"model": "model_name", "compute": "tokens", "score": "accuracy"}
        assert screen.query_one("#map-kind", Select).value == "tokens"
        assert screen.query_one("#map-scale", Select).value == "fraction"
        text = screen_text(app)
        assert "model_name" in text and "fraction (0-1)" in text and "tokens per question" in text
        assert "Open with this mapping" in text  # the whole dialog fits 80x24
        screen.query_one("#map-ok").press()
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.view.dataset_id == "mta.csv"
        assert [round(v, 6) for v in app.current.points["score"]] == [56.95, 61.0, 66.0]
        assert app.current.x.kind == "tokens"
        assert "tokens per question (log scale)" in app.query_one(ScalingChart).plain_text()
        assert "--columns" not in app.query_one("#summary").plain  # no CLI flag the app lacks


async def test_mapping_dialog_kind_percent_and_assumed_n(tmp_path):
    from textual.widgets import Input, Select

    path = tmp_path / "roles.csv"
    # a base and a reasoning series without stderr: intervals need the questions per point
    path.write_text(
        "name,role,family,cost,pct\nb,base,B,0.01,40\nr1,reasoning,R,0.02,50\nr2,reasoning,R,0.2,60\n"
        "r3,reasoning,R,2,70\n",
        encoding="utf-8",
    )
    app = ScalescopeApp(export_dir=tmp_path, n_boot=200)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _open(app, pilot, path)
        screen = app.screen
        assert screen.query_one("#map-model", Select).value == "name"
        assert screen.query_one("#map-kind", Select).value == "usd"  # "cost" is dollars
        assert screen.query_one("#map-scale", Select).value == "percent"  # "pct"
        screen.query_one("#map-series", Select).value = "family"
        screen.query_one("#map-kind", Select).value = "samples"  # the user's word wins
        screen.query_one("#map-assume-n", Input).value = "0"
        screen.query_one("#map-ok").press()
        await settle(app, pilot)
        assert app.screen is screen and "questions per point: between 1 and" in screen_text(app)
        screen.query_one("#map-assume-n", Input).value = "400"
        screen.query_one("#map-ok").press()
        await settle(app, pilot)
        await settle(app, pilot)
        assert app.view.dataset_id == "roles.csv"
        assert app.current.x.kind == "samples" and app.current.x.name == "samples per problem"
        assert [float(v) for v in app.current.points["score"]] == [40.0, 50.0, 60.0, 70.0]
        assert app.view.options.assume_n == 400
        d = app.analysis.decomposition
        assert d is not None and d.ci  # intervals, from Binomial(400) at each score
        from scalescope.engine.decompose import DecomposeOptions, decompose

        expected = decompose(app.current, DecomposeOptions(assume_n=400, n_boot=200))
        assert d.ci["rl_boost"].low == pytest.approx(expected.ci["rl_boost"].low)


async def test_m_maps_the_columns_of_a_recognised_file_with_fraction_scores(tmp_path):
    from textual.widgets import Select

    from scalescope.tui.screens.column_map import ColumnMapScreen

    path = _mta(tmp_path, "frac.csv", "model,tokens,score")
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.view.dataset_id == "frac.csv"
        assert [float(v) for v in app.current.points["score"]] == [0.5695, 0.61, 0.66]
        summary = app.query_one("#summary").plain
        assert "press m and choose 'score given as: fraction (0-1)'" in summary  # the app's way first
        await press(app, pilot, "m")
        await settle(app, pilot)
        assert isinstance(app.screen, ColumnMapScreen)
        app.screen.query_one("#map-scale", Select).value = "fraction"
        app.screen.query_one("#map-ok").press()
        await settle(app, pilot)
        await settle(app, pilot)
        assert [round(float(v), 6) for v in app.current.points["score"]] == [56.95, 61.0, 66.0]
        # on a bundled dataset, m says what it is for
        app.show_dataset("math-level-5")
        await settle(app, pilot)
        await press(app, pilot, "m")
        assert not isinstance(app.screen, ColumnMapScreen)


def test_figure_of_a_comparison_draws_the_gap_between_the_trend_lines(tmp_path):
    import csv

    import numpy as np

    from scalescope.engine.catalog import load_bundled
    from scalescope.tui.chart import ChartSpec, comparison_gap
    from scalescope.tui.figure import write_figure
    from scalescope.tui.state import analyse

    ds = load_bundled("epoch-math-level-5")
    pair = ("o1-mini-2024-09-12", "o3-mini-2025-01-31")
    a = analyse(ds, n_boot=0, compare_pair=pair, decompose_on=False, claims=False)
    spec = ChartSpec(dataset=ds, highlighted=pair, trends=a.trends, comparison=a.comparison)
    gap = comparison_gap(spec)
    written = write_figure(spec, tmp_path / "cmp.svg")
    svg = written[0].read_text(encoding="utf-8")
    assert "4.51x less compute" in svg.replace("\n", " ") or f"{gap.multiple:.3g}x" in svg
    rows = list(csv.DictReader(written[1].open(encoding="utf-8")))
    for series, end in ((pair[0], gap.compute_a), (pair[1], gap.compute_b)):
        trend = [
            (float(r["compute"]), float(r["score"]))
            for r in rows
            if r["element"].startswith("trend") and r["series"] == series
        ]
        xs = np.array([c for c, _ in trend])
        # the drawn trend reaches the gap's end, and passes through it at the gap's score
        assert xs.min() <= end * (1 + 1e-9) and xs.max() >= end * (1 - 1e-9)
        ys = np.array([s for _, s in trend])
        assert np.interp(np.log10(end), np.log10(xs), ys) == pytest.approx(gap.score, abs=1e-6)
