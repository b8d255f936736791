"""The `$` key: the chart and summary in dollars per task, the price source said, and back."""

from __future__ import annotations

import pytest

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.chart_view import ScalingChart

from .screen import screen_lines
from .test_app import press, settle, summary_text


@pytest.fixture(autouse=True)
def _no_fetched_prices(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_dollar_key_prices_tokens_and_back(size, tmp_path):
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert "1K" in app.query_one(ScalingChart).plain_text()
        await press(app, pilot, "dollar_sign")
        chart = app.query_one(ScalingChart)
        assert "$" in chart.plain_text() and "1K" not in chart.plain_text()
        assert "$ per task" in str(chart.border_title)
        assert "dollars per task: mean output tokens per question" in chart.plain_text()  # cut to fit, not blank
        text = summary_text(app)
        # Sonnet's $15 per million output tokens, by hand: 450.57 -> $0.006759, 13,667 -> $0.205
        assert "$0.006759 -> $0.205" in text
        assert "+6.27 pp" in text  # one price for every point: the split in points is unchanged
        assert "dollars: genai-prices" in text.replace("\n", " ")
        await press(app, pilot, "dollar_sign")
        assert "1K" in app.query_one(ScalingChart).plain_text()
        assert "dollars: genai-prices" not in summary_text(app)


async def test_dollar_key_on_data_with_its_own_cost_or_samples_says_why(tmp_path):
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "dollar_sign")
        assert not app.in_dollars
        assert any("already dollars" in n.message for n in app._notifications)
        app.show_dataset("o1-aime-samples")
        await settle(app, pilot)
        await press(app, pilot, "dollar_sign")
        assert not app.in_dollars
        assert any("nothing to price" in n.message for n in app._notifications)


async def test_in_dollars_switching_dataset_lists_unpriced_models(tmp_path):
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "dollar_sign")
        app.show_dataset("epoch-gpqa-diamond")
        await settle(app, pilot)
        text = summary_text(app).replace("\n", " ")
        assert "have no price" in text and "dbrx-instruct" in text


async def test_dollar_toast_on_many_unpriced_models_stays_small(tmp_path):
    """epoch-math-level-5 has ~30 models without a price: the toast cuts the list (it covered the
    chart at 80x24) and the summary keeps it whole."""
    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "dollar_sign")
        toast = next(n.message for n in app._notifications if n.title == "x in dollars per task")
        assert all(len(line) <= 175 for line in toast.splitlines())
        assert "whole in the summary" in toast
        text = summary_text(app).replace("\n", " ")
        cut = [line for line in toast.splitlines() if "have no price" in line][0]
        listed = cut.split(": ", 1)[1].split(", ")
        joined = "".join(text.split())  # the summary wraps long names across lines
        assert all("".join(name.split()) in joined for name in listed[:-1])  # every name the toast shows is there
        assert "have no price" in text


def chart_and_summary(app) -> tuple[str, str, str]:
    chart = app.query_one(ScalingChart)
    return chart.plain_text(), str(chart.border_title), summary_text(app)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_dollar_key_keeps_the_base_comparison_and_hidden_series(size, tmp_path):
    """`$` shows the same data another way: the chosen base, comparison and hidden series stay
    (they were dropped: `$` rebuilt the view as a fresh dataset's), and `$` twice gives back the
    very chart and summary."""
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        default_base = app.analysis.decomposition.base_model
        await press(app, pilot, "left_square_bracket")  # the previous model as the base
        await press(app, pilot, "c", "enter", "enter")  # compare the two series
        await press(app, pilot, "v", "space", "enter")  # hide the first series
        view = app.view
        base = app.analysis.decomposition.base_model
        assert base != default_base and view.compare_pair and view.hidden
        before = chart_and_summary(app)
        await press(app, pilot, "dollar_sign")
        assert app.in_dollars and app.analysis.dataset.x.kind == "usd"
        assert app.analysis.decomposition.base_model == base
        assert app.analysis.comparison is not None and app.view.compare_pair == view.compare_pair
        assert app.view.hidden == view.hidden
        assert f"base {base}" in " ".join(summary_text(app).split())
        assert not any("not kept" in n.message for n in app._notifications)
        await press(app, pilot, "dollar_sign")
        assert not app.in_dollars
        assert app.view == view
        assert chart_and_summary(app) == before


async def test_dollar_key_says_what_has_no_price_and_brings_it_back(tmp_path):
    """A base model with no price has no cost in dollars: `$` says so in one line and uses the
    dataset's default base; `$` again brings the chosen base back."""
    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        default_base = app.analysis.decomposition.base_model
        await press(app, pilot, "b", *"DeepSeek-V3", "enter")
        assert app.analysis.decomposition.base_model == "DeepSeek-V3" != default_base
        before = chart_and_summary(app)
        await press(app, pilot, "dollar_sign")
        toast = next(n.message for n in app._notifications if n.title == "x in dollars per task")
        said = [line for line in toast.splitlines() if "DeepSeek-V3" in line]
        assert said == ["not kept in dollars: base DeepSeek-V3 (no price); back with $"]
        assert app.view.options.base is None
        await press(app, pilot, "dollar_sign")
        assert app.view.options.base == "DeepSeek-V3"
        assert chart_and_summary(app) == before


async def test_in_dollars_the_legend_names_only_series_it_draws(tmp_path):
    """A series whose every point has no price draws nothing in dollars: the border's legend does
    not name it (it listed '▲ acme/mystery-model' with no ▲ on the chart: newcomer7)."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        "model,series,tokens,score,n\n"
        "claude-3-7-sonnet-20250219,Sonnet,1000,40,500\nclaude-3-7-sonnet-20250219_16K,Sonnet,8000,55,500\n"
        "acme-mystery_low,Mystery,1000,30,500\nacme-mystery_high,Mystery,8000,45,500\n"
    )
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        chart = app.query_one(ScalingChart)
        legend = str(chart.border_subtitle)
        assert "Sonnet" in legend and "Mystery" in legend  # in tokens both are drawn
        await press(app, pilot, "dollar_sign")
        legend = str(chart.border_subtitle)
        assert "Sonnet" in legend and "Mystery" not in legend, legend
        assert "acme-mystery" in summary_text(app)  # said as unpriced instead


async def test_a_base_series_with_no_other_point_is_named_at_the_base_marker(tmp_path):
    """The base model's series, coloured but with no point of its own besides the base (drawn as
    ◆), is named at the base's legend entry, literally, not with a marker the chart lacks."""
    path = tmp_path / "markup.csv"
    path.write_text(
        "model,series,role,compute,score\nb,[@click=app.quit]B[/],base,450,57\n"
        "r1,x[/bold] R,reasoning,800,68\nr2,x[/bold] R,reasoning,4000,80\n"
    )
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        legend = " ".join(line for line in screen_lines(app) if "RL boost" in line and "inference" in line)
        assert "◆ base ([@click=app.quit]B[/])" in legend and "● [@click" not in legend, legend
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        legend = str(app.query_one(ScalingChart).border_subtitle)
        assert "◆ base  " in legend and "● Claude 3.5 Sonnet" in legend, legend  # drawn: named by its ●
