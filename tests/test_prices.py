"""Dollars per task: genai-prices at each model's date, a user's price file over it, and --x dollars.

The expected dollars are computed by hand from the providers' published list prices (Claude 3.5 and
3.7 Sonnet: $3 input, $0.30 cached input, $15 output per million tokens), not read back from the
code under test.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from scalescope.engine.catalog import load_bundled
from scalescope.engine.decompose import DecomposeOptions, decompose
from scalescope.engine.errors import DataError
from scalescope.engine.prices import PriceTable, base_model, model_date, read_price_file, to_dollars
from scalescope.tui.cli import main


@pytest.fixture(autouse=True)
def _empty_cache(tmp_path, monkeypatch):
    """No fetched price data: the wheel's copy of genai-prices is what prices."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def test_model_dates_and_sweep_settings():
    assert model_date("claude-3-7-sonnet-20250219_64K") == date(2025, 2, 19)
    assert model_date("o1-2024-12-17_high") == date(2024, 12, 17)
    assert model_date("gpt-4o") is None
    assert model_date("model-20251399") is None  # not a date
    assert base_model("claude-3-7-sonnet-20250219_16K") == "claude-3-7-sonnet-20250219"
    assert base_model("o3-mini-2025-01-31_high") == "o3-mini-2025-01-31"
    assert base_model("o3 (high)") == "o3"
    assert base_model("gpt-4o") == "gpt-4o"


def test_math_level_5_in_dollars_is_output_tokens_times_15_per_million():
    ds = load_bundled("math-level-5")
    out, info = to_dollars(ds)
    tokens = ds.points["compute"]
    np.testing.assert_allclose(out.points["compute"], tokens * 15 / 1e6, rtol=1e-12)
    assert out.x.kind == "usd" and len(out.points) == len(ds.points)
    assert "genai-prices" in info.source_line and "2025-02-19" in info.source_line
    assert "output tokens only" in info.source_line
    assert info.unpriced == ()
    assert all("$15 out" in s for s in out.points["source"])  # each row says which price it used


def test_decomposition_in_dollars_keeps_the_points_when_one_price_scales_all():
    """Every MATH point is a Sonnet at $15/MTok output: dollars are tokens x a constant, so the
    log-x trend shifts and the boosts (percentage points) are unchanged."""
    opts = DecomposeOptions(n_boot=0)
    tokens = decompose(load_bundled("math-level-5"), opts)
    dollars = decompose(to_dollars(load_bundled("math-level-5"))[0], opts)
    assert dollars.rl_boost == pytest.approx(tokens.rl_boost, abs=1e-9)
    assert dollars.inference_boost == pytest.approx(tokens.inference_boost, abs=1e-9)
    assert dollars.compute_multiple == pytest.approx(tokens.compute_multiple, rel=1e-9)
    assert dollars.base_compute == pytest.approx(450.567220544 * 15e-6)


def test_unpriced_points_are_kept_listed_and_unknown():
    ds = load_bundled("epoch-math-level-5")
    out, info = to_dollars(ds)
    assert len(out.points) == len(ds.points)
    unknown = np.isnan(out.points["compute"]) & ~np.isnan(ds.points["compute"])
    assert "dbrx-instruct" in info.unpriced and "Yi-34B-Chat" in info.unpriced
    assert set(out.points["model"][unknown]) <= set(info.unpriced)
    assert any("have no price" in n and "dbrx-instruct" in n for n in out.notes)
    row = list(out.points["model"]).index("dbrx-instruct")
    assert "no price for dbrx-instruct" in out.points["source"][row]
    # a budget setting is priced as its model: o1's effort sweep at o1's price on 2024-12-17
    row = list(out.points["model"]).index("o1-2024-12-17_high")
    assert out.points["compute"][row] == pytest.approx(ds.points["compute"][row] * 60 / 1e6)


def test_price_follows_the_date(tmp_path):
    """A user's price history: the latest price started by a point's date applies."""
    path = tmp_path / "prices.csv"
    path.write_text(
        "model,input,output,from,source\nacme-1,1,10,2024-01-01,acme list\nacme-1,1,2,2025-06-01,acme cut\n"
    )
    table = PriceTable.load(path)
    assert table.lookup("acme-1", date(2025, 1, 1)).output == 10
    assert table.lookup("acme-1", date(2025, 7, 1)).output == 2
    assert table.lookup("acme-1", date(2023, 1, 1)) is None  # before any price, and not in genai-prices
    assert table.lookup("acme-1_32K", date(2025, 7, 1)).source == "acme cut"


def test_library_prices_change_with_the_date():
    """o3's output price was $40/MTok at launch and $8 after the June 2025 cut (the ARC mix-up)."""
    table = PriceTable()
    assert table.lookup("o3", date(2025, 4, 20)).output == pytest.approx(40)
    assert table.lookup("o3", date(2025, 7, 1)).output == pytest.approx(8)


def test_user_file_overrides_the_library(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("model,input,output\nclaude-3-7-sonnet-20250219,3,30\n")
    out, info = to_dollars(load_bundled("math-level-5"), PriceTable.load(path))
    ds = load_bundled("math-level-5")
    models = list(ds.points["model"])
    for i, m in enumerate(models):
        rate = 30 if m.startswith("claude-3-7") else 15  # the file names 3.7 (and its budgets); 3.5 from genai-prices
        assert out.points["compute"][i] == pytest.approx(ds.points["compute"][i] * rate / 1e6)
    assert "price file prices.csv" in info.source_line and "genai-prices" in info.source_line


def test_input_and_cached_tokens_are_priced_separately():
    ds = load_bundled("math-level-5")
    model = "claude-3-7-sonnet-20250219_64K"
    out, info = to_dollars(ds, input_tokens={model: 1000.0}, cached_tokens={model: 4000.0})
    i = list(ds.points["model"]).index(model)
    by_hand = (1000 * 3 + 4000 * 0.30 + ds.points["compute"][i] * 15) / 1e6
    assert out.points["compute"][i] == pytest.approx(by_hand)
    assert "priced separately" in info.source_line


def test_data_with_its_own_cost_keeps_it_and_samples_cannot_be_priced():
    arc = load_bundled("arc-agi-1-o1-o3")
    out, info = to_dollars(arc)
    np.testing.assert_array_equal(out.points["compute"], arc.points["compute"])
    assert info.used_own_cost and "own cost" in info.source_line
    with pytest.raises(DataError, match="not tokens"):
        to_dollars(load_bundled("o1-aime-samples"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model,output\nx,1\n", "missing input"),
        ("model,input,output\nx,1,abc\n", "not a number"),
        ("model,input,output\nx,1,-2\n", ">= 0"),
        ("model,input,output,from\nx,1,2,last year\n", "not a date"),
        ("model,input,output\n,1,2\n", "model is empty"),
    ],
)
def test_bad_price_files_name_the_problem(tmp_path, text, message):
    path = tmp_path / "p.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=message) as err:
        read_price_file(path)
    assert "p.csv" in str(err.value)


def test_cli_x_dollars_names_the_price_source(capsys):
    assert main(["decompose", "math-level-5", "--x", "dollars", "--bootstrap", "0"]) == 0
    out, err = capsys.readouterr()
    first = out.splitlines()[0]
    assert first.startswith("dollars: genai-prices") and "2024-06-20 to 2025-02-19" in first
    assert "$0.006759 -> $0.205" in out  # 450.57 and 13,667 tokens x $15 per million, by hand
    assert math.isclose(450.567220544 * 15e-6, 0.006758508, rel_tol=1e-6)
    assert main(["frontier", "epoch-gpqa-diamond", "--x", "dollars"]) == 0
    out, _ = capsys.readouterr()
    assert "have no price" in out and "left out, compute unknown" in out


def test_cli_x_dollars_on_samples_is_one_line_error(capsys):
    assert main(["show", "o1-aime-samples", "--x", "dollars"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "not tokens" in err


def _inspect_log(
    folder, name, *, budget, usage, created="2025-03-01T10:00:00+00:00", model="anthropic/claude-3-7-sonnet-20250219"
):
    """An Inspect .eval log (zip with header.json), the evaluated model's usage as given."""
    import json
    import zipfile

    header = {
        "version": 2,
        "status": "success",
        "eval": {"run_id": name, "created": created, "task": "gpqa", "model": model, "dataset": {"samples": 100}},
        "plan": {"config": {"reasoning_tokens": budget}},
        "results": {
            "total_samples": 100,
            "completed_samples": 100,
            "scores": [{"name": "choice", "metrics": {"accuracy": {"value": 0.7}, "stderr": {"value": 0.04}}}],
        },
        "stats": {"model_usage": {model: usage, "openai/grader": {"input_tokens": 9, "output_tokens": 9}}},
    }
    with zipfile.ZipFile(folder / f"{name}.eval", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("header.json", json.dumps(header))


def test_inspect_logs_price_input_cache_and_output_separately_or_use_their_own_cost(tmp_path):
    from scalescope.engine.io import load

    # 100 questions; Inspect's input_tokens excludes cache reads and writes (ModelUsage docs)
    _inspect_log(
        tmp_path,
        "a",
        budget=16384,
        usage={
            "input_tokens": 200_000,
            "input_tokens_cache_read": 50_000,
            "input_tokens_cache_write": 10_000,
            "output_tokens": 900_000,
            "total_tokens": 1_160_000,
        },
    )
    _inspect_log(
        tmp_path,
        "b",
        budget=65536,
        usage={"input_tokens": 200_000, "output_tokens": 1_400_000, "total_tokens": 1_600_000, "total_cost": 21.6},
    )
    ds = load(tmp_path)
    out, info = to_dollars(ds)
    by_model = dict(zip(out.points["model"], out.points["compute"]))
    a = next(v for k, v in by_model.items() if k.endswith("_16K"))
    b = next(v for k, v in by_model.items() if k.endswith("_64K"))
    # Claude 3.7 Sonnet on 2025-03-01: $3 input, $0.30 cache read, $3.75 cache write, $15 output per MTok
    assert a == pytest.approx((2000 * 3 + 500 * 0.30 + 100 * 3.75 + 9000 * 15) / 1e6)
    assert b == pytest.approx(21.6 / 100)  # the log's own total_cost, per question
    assert "priced separately for 1 point(s)" in info.source_line
    assert "1 point(s) use their log's own total_cost" in info.source_line
    assert "1 on their run's date" in info.source_line and "2025-03-01" in info.source_line


def test_a_dataset_with_no_priced_model_keeps_every_row():
    from scalescope.engine.dataset import Dataset, XAxis

    ds = Dataset(
        id="x",
        title="x",
        benchmark="b",
        points={"model": ["acme-zz-1", "acme-zz-2"], "compute": [100.0, 1000.0], "score": [10.0, 20.0]},
        x=XAxis("tokens", "tokens per question"),
    )
    out, info = to_dollars(ds)
    assert len(out.points) == 2 and np.isnan(out.points["compute"]).all()
    assert info.unpriced == ("acme-zz-1", "acme-zz-2")
    assert info.source_line.startswith("dollars: genai-prices")


def test_price_file_with_a_field_over_the_csv_limit_is_one_line(tmp_path, capsys):
    """A 20 MB price cell was _csv.Error (field larger than field limit) and a traceback."""
    path = tmp_path / "long.csv"
    path.write_text("model,input,output\nm," + "1" * 200_000 + ",3\n")
    with pytest.raises(DataError, match="not a readable CSV price file") as err:
        read_price_file(path)
    assert "long.csv" in str(err.value)
    assert main(["show", "math-level-5", "--x", "dollars", "--prices", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_price_beyond_a_float_leaves_dollars_unknown_without_a_warning(tmp_path, recwarn):
    """$1e308 per MTok x 450 tokens overflowed to inf (a numpy RuntimeWarning on stderr, then inf
    on the log-x axis); it is unknown and said so."""
    path = tmp_path / "p.csv"
    path.write_text("model,input,output\nclaude-3-7-sonnet-20250219,1e308,1e308\n")
    out, _ = to_dollars(load_bundled("math-level-5"), PriceTable(read_price_file(path)))
    mine = np.array(["beyond the largest number" in str(s) for s in out.points["source"]])
    assert mine.any()
    assert np.isnan(np.asarray(out.points["compute"], dtype=float)[mine]).all()
    assert np.isfinite(np.asarray(out.points["compute"], dtype=float)[~mine]).all()
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_show_in_dollars_says_the_price_source_once(capsys):
    """`show` lists every note of the dataset; the price source and the unpriced points were
    also printed before it, so each read twice."""
    from scalescope.tui.cli import main

    assert main(["show", "epoch-math-level-5", "--x", "dollars"]) == 0
    out = capsys.readouterr().out
    assert out.count("have no price") == 1 and out.count("note: dollars: genai-prices") == 1
    assert not out.startswith("dollars:")  # not printed before the dataset as well


def test_a_series_priced_across_a_price_change_is_said_and_dates_count_only_priced_points(tmp_path):
    """o3's runs before and after its June 2025 price cut: each priced at its run's date, and a
    line says the series straddles the change (10x the tokens read as 1.6x the dollars: newcomer7).
    The date counts in the dollars line count priced points only (it said '-2 on <today>' when two
    logs had no price)."""
    from scalescope.engine.io import load

    def log(name, model, tokens, created, budget):  # 100 questions, `tokens` output tokens each
        usage = {"input_tokens": 0, "output_tokens": tokens * 100}
        _inspect_log(tmp_path, name, budget=budget, usage=usage, created=created, model=model)

    log("o3-low", "openai/o3-2025-04-16", 1000, "2025-05-01T10:00:00+00:00", 1024)
    log("o3-high", "openai/o3-2025-04-16", 10000, "2025-07-01T10:00:00+00:00", 8192)
    log("x-low", "acme/mystery-model", 1000, "2025-05-01T10:00:00+00:00", 1024)
    log("x-high", "acme/mystery-model", 5000, "2025-05-01T10:00:00+00:00", 8192)
    out, info = to_dollars(load(tmp_path))
    assert "2 on their run's date" in info.source_line, info.source_line
    assert " on 20" not in info.source_line.split("(", 1)[1].split(")")[0].replace("their run's date", "")
    straddle = [n for n in out.notes if "different rates" in n]
    assert len(straddle) == 1 and "o3-2025-04-16" in straddle[0], out.notes
    assert "2025-05-01" in straddle[0] and "2025-07-01" in straddle[0] and "price change" in straddle[0]
    assert not any("mystery" in n for n in straddle)
    # the same model priced on one date: no such line
    single, _ = to_dollars(load_bundled("math-level-5"))
    assert not any("different rates" in n for n in single.notes)


def test_in_dollars_an_unpriced_series_is_not_fitted_for_want_of_a_price(tmp_path, capsys):
    """Its tokens are known; its price is not: the reason said 'no compute known' (newcomer8 F)."""
    from scalescope.engine.fit import NO_PRICE, fit_all_series_report, unfittable_reason
    from scalescope.engine.io import load
    from scalescope.tui.cli import main

    for name, model, tokens, budget in (
        ("o3-low", "openai/o3-2025-04-16", 1000, 1024),
        ("o3-high", "openai/o3-2025-04-16", 10000, 8192),
        ("x-low", "acme/mystery-model", 1000, 1024),
        ("x-high", "acme/mystery-model", 5000, 8192),
    ):
        usage = {"input_tokens": 0, "output_tokens": tokens * 100}
        _inspect_log(tmp_path, name, budget=budget, usage=usage, created="2025-05-01T10:00:00+00:00", model=model)
    tokens = load(tmp_path)
    dollars, _ = to_dollars(tokens)
    _, unfitted = fit_all_series_report(dollars)
    assert unfitted == [("acme/mystery-model", NO_PRICE)]
    assert unfittable_reason(dollars, "acme/mystery-model") == NO_PRICE
    assert unfittable_reason(tokens, "acme/mystery-model") is None  # in tokens it is fitted
    assert main(["fit", str(tmp_path), "--x", "dollars"]) == 0
    seen = capsys.readouterr()
    assert f"not fitted ({NO_PRICE}): acme/mystery-model" in seen.out + seen.err
    assert "no compute known" not in seen.out + seen.err
