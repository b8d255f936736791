"""The bundled data: rebuilt from its sources, traced to them, loadable, never invented."""

from __future__ import annotations

import filecmp
import runpy

import pandas as pd
import pytest

from scalescope.engine.catalog import catalog, data_dir, load_bundled
from scalescope.engine.provenance import pricing_period

from .conftest import RAW, ROOT


def test_points_tables_are_exactly_what_build_py_makes(tmp_path):
    build = runpy.run_path(str(ROOT / "data" / "build.py"))
    written = build["write_all"](tmp_path)
    assert len(written) == len(catalog())
    for path in written:
        committed = ROOT / "data" / "points" / path.name
        assert filecmp.cmp(path, committed, shallow=False), f"{committed} is stale: run python data/build.py"


def test_every_catalog_entry_loads_with_provenance():
    for entry in catalog():
        ds = load_bundled(entry.id)
        assert len(ds.points) > 0
        assert entry.provenance and entry.exactness
        assert (data_dir() / entry.file).is_file()


def test_every_dataset_is_listed_under_a_heading_of_its_own_benchmark():
    """The dataset pane's headings are the catalog's groups: a heading that names a benchmark
    (ARC-AGI, Aider) lists only that benchmark's datasets (aider-polyglot sat under 'ARC-AGI score
    vs cost': newcomer9)."""
    named = ("ARC-AGI", "Aider")
    for entry in catalog():
        for name in named:
            if name in entry.group:
                assert name in entry.benchmark or name in entry.title, (entry.id, entry.group)


def test_ord_datasets_are_exactly_the_rows_of_the_source():
    raw = pd.read_csv(RAW / "ord_decomposition_points.csv")
    for dataset, benchmark in [
        ("math-level-5", "MATH level 5"),
        ("gpqa-diamond", "GPQA Diamond"),
        ("otis-mock-aime", "OTIS Mock AIME 2024-2025"),
    ]:
        pts = load_bundled(dataset).points.to_pandas()
        src = raw[raw["benchmark"] == benchmark]
        assert list(pts["model"]) == list(src["model"])
        pd.testing.assert_series_equal(
            pts["score"].reset_index(drop=True), src["score_pct"].reset_index(drop=True), check_names=False
        )
        pd.testing.assert_series_equal(
            pts["compute"].reset_index(drop=True),
            src["compute_output_tokens_per_question"].reset_index(drop=True),
            check_names=False,
        )
    otis = load_bundled("otis-mock-aime").points.to_pandas()
    assert otis["compute"].isna().sum() == 3  # 3.5 June, 16K and 32K have no published token count


@pytest.mark.parametrize(
    "dataset, source, model_col, score_col, scale",
    [
        ("epoch-math-level-5", "epoch_accuracy_vs_tokens.csv", "model_version", "accuracy", 100),
        ("arc-agi-1-semi-private", "arc_agi_score_vs_cost.csv", "model", "score_pct", 1),
        ("o1-aime-samples", "o1_aime_samples.csv", None, "aime2024_pct", 1),
    ],
)
def test_every_score_traces_to_a_source_row(dataset, source, model_col, score_col, scale):
    raw = pd.read_csv(RAW / source)
    scores = set((raw[score_col] * scale).round(9))
    pts = load_bundled(dataset).points.to_pandas()
    assert set(pts["score"].round(9)) <= scores
    if model_col:
        assert set(pts["model"]) <= set(raw[model_col])


def test_wide_epoch_tables_group_efforts_into_series():
    ds = load_bundled("epoch-math-level-5")
    series = ds.points.to_pandas().set_index("model")["series"]
    assert series["o1-2024-12-17_high"] == series["o1-2024-12-17_medium"] == "o1-2024-12-17"
    assert series["claude-3-7-sonnet-20250219_64K"] == "claude-3-7-sonnet-20250219"
    assert 60 <= len(ds.points) <= 80


def test_arc_efforts_grouped_and_old_o3_mini_kept_apart():
    series = load_bundled("arc-agi-1-semi-private").points.to_pandas().set_index("model")["series"]
    assert series["o3-2025-04-16-low"] == series["o3-2025-04-16-high"] == "o3-2025-04-16"
    assert series["o3-mini-low"] == "o3-mini"
    assert series["o3-mini-2025-01-31-low"] == "o3-mini-2025-01-31"
    assert series["claude-opus-4-5-20251101-thinking-16k"] == "claude-opus-4-5-20251101"


def test_monkeys_bound_row_is_left_out_not_invented():
    pts = load_bundled("llm-monkeys-coverage").points.to_pandas()
    raw = pd.read_csv(RAW / "llm_monkeys_coverage.csv", dtype=str)
    assert len(pts) == len(raw) - 1
    assert ">95" in set(raw["coverage_pct"])


def test_arc_essay_dataset_traces_every_number_and_marks_the_derived_cost():
    pts = load_bundled("arc-agi-1-o1-o3").points.to_pandas().set_index("model")
    board = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")
    board = board[board["dataset"] == "v1_Semi_Private"].drop_duplicates().set_index("model")
    for model in ("o1 - low", "o1 - medium", "o1 - high", "mturker", "stem_grad", "2025_human_panel"):
        assert pts.loc[model, "compute"] == board.loc[model, "cost_per_task_usd"]
        assert pts.loc[model, "score"] == board.loc[model, "score_pct"]
    for model in ("o3-low", "o3-high"):
        assert pts.loc[f"{model} (leaderboard)", "compute"] == board.loc[model, "cost_per_task_usd"]
    blog = pd.read_csv(RAW / "arc_agi_o3_announcement.csv", dtype=str)
    low = blog.iloc[0]
    assert "low-compute" in low["system"] and low["eval_set"].startswith("Semi-Private")
    assert pts.loc["o3-low (blog)", "compute"] == float(low["cost_per_task_usd"]) == 20
    derived = pts.loc["o3-high (blog, cost derived)"]
    assert "172x compute of low" in blog.iloc[1]["system"]
    assert derived["compute"] == 172 * 20 and "DERIVED" in derived["label"] and "172 x $20" in derived["label"]
    assert set(pts["series"]) == {
        "o1",
        "o3 (ARC blog costs, Dec 2024)",
        "o3 (ARC leaderboard costs, Apr 2025)",
        "human: Avg. Mturker",
        "human: Stem Grad",
        "human: Human Panel (2025)",
    }


def test_one_run_is_one_point_with_its_other_listings_named():
    pts = load_bundled("arc-agi-1-semi-private").points.to_pandas().set_index("model")
    raw = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")
    raw = raw[raw["dataset"] == "v1_Semi_Private"]
    # the o3-preview low run: three listings (2026 copy, 2025 copy, Dec 2024 blog), one point
    low = raw[(raw["score_pct"] == 75.7)]
    assert len(low) == 3 and sum(m in pts.index for m in low["model"]) == 1
    label = pts.loc["o3-preview-low", "label"]
    assert "one run, also listed as: o3-low (2025-04-16 vendored copy: 75.7 %, $200)" in label
    assert "o3-preview (tuned) high-efficiency (6 samples) (2024-12-20 blog: 75.7 %, $20)" in label
    assert "o3-preview (tuned) low-efficiency (1024 samples, ~172x compute)" in pts.loc["o3-high", "label"]
    assert "gpt-4.5-preview-2025-02-27" in pts.loc["gpt-4-5-2025-02-27", "label"]
    assert "gpt-4.5-preview-2025-02-27" not in pts.index and "o3-low" not in pts.index
    every = pd.read_csv(RAW / "arc_agi_score_vs_cost.csv")
    every = every[every["dataset"].str.split(" ").str[0] == "v1_Semi_Private"].drop_duplicates()
    assert len(pts) == len(every) - 4  # the four listings merged, nothing else (o1-preview's set is assumed)
    # one system, one series; its two costs tagged with their pricing periods
    assert pts.loc["o3-high", "series"] == pts.loc["o3-preview-low", "series"] == "o3-preview"
    assert "[priced: Dec 2024]" in pts.loc["o3-high", "label"] and "= $3,475" in pts.loc["o3-high", "label"]
    assert "[priced: after Dec 2024]" in pts.loc["o3-preview-low", "label"]


def test_o3_blog_rates_give_the_leaderboards_high_cost():
    # $2,012 for 100 tasks, 33M tokens; the high run 5.7B tokens: at the blog's rates, $3,475
    blog = pd.read_csv(RAW / "arc_agi_o3_announcement.csv", dtype=str)
    per_task = float(blog.iloc[0]["total_cost_usd"]) / 100
    ratio = 5.7e9 / 33e6
    assert blog.iloc[0]["tokens"] == "33M" and blog.iloc[1]["tokens"] == "5.7B"
    assert per_task == pytest.approx(20.12) and ratio == pytest.approx(172.7, abs=0.05)
    assert round(per_task * ratio) == 3475  # the leaderboard's $3,474, within rounding of 5.7B


def test_every_o3_point_of_the_essay_set_is_marked_tuned_and_priced():
    pts = load_bundled("arc-agi-1-o1-o3").points.to_pandas().set_index("model")
    periods = {m: pricing_period(pts.loc[m, "label"]) for m in pts.index if m.startswith("o3")}
    assert periods == {
        "o3-low (blog)": "Dec 2024",
        "o3-high (blog, cost derived)": "Dec 2024",
        "o3-low (leaderboard)": "after Dec 2024",
        "o3-high (leaderboard)": "Dec 2024",
    }
    assert all("tuned" in pts.loc[m, "label"].lower() for m in periods)
    assert not any(pricing_period(pts.loc[m, "label"]) for m in pts.index if not m.startswith("o3"))
