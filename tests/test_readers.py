"""Readers on real-shaped files: Inspect logs written by inspect_ai, Epoch exports, per-sample."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scalescope.engine.errors import ColumnsError
from scalescope.engine.io import load
from scalescope.engine.passk import coverage
from scalescope.engine.readers import detect_format, read_per_sample
from scalescope.tui.cli import main

FIX = Path(__file__).resolve().parent / "fixtures"


def sample_truth(path: Path) -> tuple[float, float, int]:
    """Accuracy and tokens straight from the log's samples, independently of the reader."""
    if path.suffix == ".json":
        log = json.loads(path.read_text())
        samples = log["samples"]
    else:
        import zipfile_zstd  # noqa: F401  (teaches zipfile Inspect's Zstandard members; the engine streams them itself)

        with zipfile.ZipFile(path) as z:
            samples = [json.loads(z.read(n)) for n in z.namelist() if n.startswith("samples/")]
    ok = [s["scores"]["includes"]["value"] == "C" for s in samples]
    tokens = [s["model_usage"]["mockllm/model"]["output_tokens"] for s in samples]
    return 100 * np.mean(ok), float(np.mean(tokens)), len(samples)


@pytest.mark.parametrize(
    "name",
    [
        "inspect/budget-1k.eval",
        "inspect/budget-8k.eval",
        "inspect/budget-32k.json",
        "inspect-deflate/budget-8k-deflate.eval",
    ],
)
def test_inspect_logs_zstd_deflate_json(name):
    import scalescope.engine.readers.inspect_logs  # noqa: F401  (registers zstd with zipfile)

    path = FIX / name
    ds = load(path)
    assert detect_format(path) == "inspect"
    (row,) = ds.points.rows()
    accuracy, tokens, _ = sample_truth(path)
    assert row.score == pytest.approx(accuracy)
    assert row.compute == pytest.approx(tokens)
    assert row.series == "mockllm/model" and row.n == 6
    assert row.model.endswith(("_1K", "_8K", "_32K"))


def test_zstd_members_really_are_zstd():
    with zipfile.ZipFile(FIX / "inspect" / "budget-8k.eval") as z:
        assert {i.compress_type for i in z.infolist()} == {93}
    with zipfile.ZipFile(FIX / "inspect-deflate" / "budget-8k-deflate.eval") as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_folder_of_logs_is_one_series(capsys):
    ds = load(FIX / "inspect")
    assert len(ds.points) == 3 and len(set(ds.points["series"])) == 1
    assert main(["fit", str(FIX / "inspect"), "--json"]) == 0
    fit = json.loads(capsys.readouterr().out)["fits"]["mockllm/model"]
    assert fit["n_points"] == 3 and fit["slope_per_decade"] > 0


def test_a_folder_with_a_bad_log_skips_it_and_says_so(tmp_path):
    for name in ("budget-1k.eval", "budget-8k.eval"):
        (tmp_path / name).write_bytes((FIX / "inspect" / name).read_bytes())
    (tmp_path / "broken.eval").write_bytes((FIX / "inspect-bad" / "truncated.eval").read_bytes())
    ds = load(tmp_path)
    assert len(ds.points) == 2
    assert any("broken.eval" in note and "skipped" in note for note in ds.notes)


def test_epoch_runs_export_without_tokens_says_so(capsys):
    ds = load(FIX / "epoch" / "benchmarks_runs.csv")
    assert np.isnan(ds.points["compute"]).all()
    assert any("no token counts" in n for n in ds.notes)
    assert any("Status 'Success'" in n for n in ds.notes)
    math = ds.points[ds.points["benchmark"] == "MATH level 5"].to_pandas().set_index("model")["series"]
    assert math["claude-3-7-sonnet-20250219_64K"] == "claude-3-7-sonnet-20250219"
    assert set(ds.points["benchmark"]) == {"MATH level 5", "GPQA diamond", "OTIS Mock AIME 2024-2025"}
    assert (
        main(
            [
                "decompose",
                str(FIX / "epoch" / "benchmarks_runs.csv"),
                "--base",
                "claude-3-5-sonnet-20241022",
                "--reasoning",
                "claude-3-7-sonnet-20250219",
            ]
        )
        == 2
    )
    assert "no known compute" in capsys.readouterr().err


def test_epoch_export_with_model_and_model_version_is_an_error_unless_one_is_chosen(tmp_path, capsys):
    """Two columns that name the model: an error naming both (no silent first-one-wins), and
    --columns model=... picks either one, the tokens joining on the one picked."""
    path = tmp_path / "both.csv"
    path.write_text("Model version,model,mean_score,stderr\nclaude-2.0,claude-2,0.34,0.02\ngpt-4_high,gpt-4,0.5,0.02\n")
    tokens = tmp_path / "tokens.csv"
    tokens.write_text("model,tokens\nclaude-2.0,200\ngpt-4_high,900\nclaude-2,100\ngpt-4,300\n")
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "'Model version' and 'model' both give model" in err[0] and "--columns model=" in err[0]
    for column, models, compute in (
        ("Model version", ["claude-2.0", "gpt-4_high"], [200, 900]),
        ("model", ["claude-2", "gpt-4"], [100, 300]),
    ):
        ds = load(path, columns={"model": column}, tokens=tokens)
        assert list(ds.points["model"]) == models
        assert list(ds.points["compute"]) == compute
        assert list(ds.points["score"]) == pytest.approx([34.0, 50.0])
    assert main(["show", str(path), "--columns", "model=nope"]) == 2
    assert "column 'nope' (chosen for model) is not in the file" in capsys.readouterr().err
    for header in ("model,Model,mean_score", "Model version,model_version,mean_score"):  # one field twice
        path.write_text(header + "\na,b,0.5\n")
        assert main(["show", str(path)]) == 2
        assert "both give model" in capsys.readouterr().err


def test_epoch_benchmark_csv_with_tokens_joined():
    ds = load(FIX / "epoch" / "gpqa_diamond.csv", tokens=FIX / "epoch" / "gpqa_tokens.csv")
    raw = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "epoch_accuracy_vs_tokens.csv")
    raw = raw[raw["benchmark"] == "GPQA Diamond"].set_index("model_version")
    pts = ds.points.to_pandas().set_index("model")
    assert pts.loc["o1-2024-12-17_high", "score"] == pytest.approx(100 * raw.loc["o1-2024-12-17_high", "accuracy"])
    assert pts.loc["o1-2024-12-17_high", "compute"] == pytest.approx(
        raw.loc["o1-2024-12-17_high", "output_tokens_per_question"]
    )
    assert pts.loc["o1-2024-12-17_high", "series"] == "o1-2024-12-17"


@pytest.mark.parametrize("name", ["samples.csv", "counts.csv"])
def test_per_sample_rows_and_counts_agree(name):
    problems = read_per_sample(FIX / "persample" / name)
    assert len(problems) == 80 and (problems["n"] == 50).all()
    rows = pd.read_csv(FIX / "persample" / "samples.csv")
    c = rows.groupby(["model", "problem_id"])["correct"].sum().sort_index()
    got = problems.set_index(["model", "problem"])["c"].sort_index()
    np.testing.assert_array_equal(got.to_numpy(), c.to_numpy())


def test_monkeys_lists_give_coverage_matching_the_estimator():
    ds = load(FIX / "persample" / "monkeys.jsonl")
    lines = [json.loads(x) for x in (FIX / "persample" / "monkeys.jsonl").read_text().splitlines()]
    n = np.array([len(x["is_corrects"]) for x in lines])
    c = np.array([sum(x["is_corrects"]) for x in lines])
    pts = ds.points.to_pandas().sort_values("compute")
    expected = 100 * coverage(n, c, pts["compute"].to_numpy())
    np.testing.assert_allclose(pts["score"], expected, atol=1e-9)
    assert ds.x.kind == "samples"
    assert any("exp(-" in note for note in ds.notes)


def test_passk_command(capsys):
    assert main(["passk", str(FIX / "persample" / "counts.csv"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    models = data["models"].values()
    assert sum(m["problems"] for m in models) == 80 and len(models) >= 2  # one entry per model
    assert all(m["coverage"][0]["k"] == 1 and m["power_law"]["beta"] > 0 for m in models)


def test_unmatched_columns_list_what_was_found_and_can_be_mapped(write):
    path = write("odd.csv", "Name,Toks,Pct\na,10,5\nb,100,9\n")
    with pytest.raises(ColumnsError) as info:
        load(path)
    assert info.value.found == ["Name", "Toks", "Pct"]
    ds = load(path, columns={"model": "Name", "compute": "Toks", "score": "Pct"})
    assert list(ds.points["score"]) == [5, 9]


def test_markup_and_escapes_load_literally(write, capsys):
    path = write("evil.csv", 'model,tokens,score\n"[bold]x[/bold]",10,5\n"bell\x07\x1b[31mred",100,9\n')
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[bold]x[/bold]" in out
    assert "\x1b" not in out and "\x07" not in out  # shown as \x1b, never sent raw
    assert "bell\\x07\\x1b[31mred" in out


def test_epoch_scores_of_mixed_units_are_said(tmp_path):
    """The unit of an Epoch score column varies by file (fractions or percent): a column with
    values both between 0 and 1 and above 1 is read as percent, and a note says so, with what
    the small values would be in a file of fractions (one bad 1.7 among fractions turned every
    score into a percent, 77.27 % shown as 0.77, and nothing was said: hfetch). A column of
    fractions, or of percents above 1, gets no such note."""
    head = "Model version,Best score (across scorers),stderr\n"
    (tmp_path / "mixed.csv").write_text(head + "a_low,0.7727,0.02\nb_low,1.7,0.02\nc_low,0.5,0.02\n")
    ds = load(tmp_path / "mixed.csv")
    note = next(n for n in ds.notes if "scores read as percent" in n)
    assert "1 above 1, up to 1.7" in note and "2 lie between 0 and 1" in note and "77.27%" in note
    assert ds.points["score"][0] == pytest.approx(0.7727)  # as read: percent, said
    (tmp_path / "fractions.csv").write_text(head + "a_low,0.7727,0.02\nc_low,0.5,0.02\n")
    (tmp_path / "percents.csv").write_text(head + "a_low,77.27,2\nc_low,50,2\n")
    for name in ("fractions.csv", "percents.csv"):
        assert not any("scores read as percent" in n for n in load(tmp_path / name).notes), name
