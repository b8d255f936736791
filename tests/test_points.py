"""Validation of points tables: every error names file, row and column."""

from __future__ import annotations

import pytest

from scalescope.engine.errors import DataError
from scalescope.engine.io import load

GOOD = "model,compute,score\na,100,10\nb,1000,20\nc,10000,30\n"


def test_good_csv_with_defaults(write):
    ds = load(write("mine.csv", GOOD))
    assert list(ds.points["series"]) == ["a", "b", "c"]
    assert ds.benchmark == "mine.csv" and ds.x.kind == "unknown"


def test_aliases_fraction_accuracy_and_kind(write):
    ds = load(write("m.csv", "model_version,output_tokens,accuracy,stderr\na,100,0.5,0.01\nb,200,0.75,0.02\n"))
    assert list(ds.points["score"]) == [50, 75]
    assert list(ds.points["score_stderr"]) == pytest.approx([1, 2])
    assert ds.x.kind == "tokens"
    ds = load(write("c.csv", "system,cost_per_task_usd,score_pct\na,0.5,5\nb,5,10\n"))
    assert ds.x.kind == "usd"


@pytest.mark.parametrize(
    "content, row, column, words",
    [
        ("model,compute,score\na,100,10\nb,x,20\n", 3, "compute", "'x' is not a number"),
        ("model,compute,score\na,0,10\n", 2, "compute", "must be > 0"),
        ("model,compute,score\na,-5,10\n", 2, "compute", "must be > 0"),
        ("model,compute,score\na,10,101\n", 2, "score", "outside 0-100"),
        ("model,compute,score\na,10,-1\n", 2, "score", "outside 0-100"),
        ("model,compute,score\na,10,nan\n", 2, "score", "NaN"),
        ("model,compute,score\na,inf,10\n", 2, "compute", "infinite"),
        ("model,compute,score\na,10,\n", 2, "score", "missing"),
        ("model,compute,score\na,10,1\na,10,2\n", 3, "model", "appears twice (rows 2 and 3)"),
        ("model,compute,score,role\na,10,1,boss\n", 2, "role", "not one of"),
        ("model,compute,accuracy\na,10,40\n", 2, "accuracy", "0-1 fraction"),
    ],
)
def test_bad_values_name_row_and_column(write, content, row, column, words):
    path = write("bad.csv", content)
    with pytest.raises(DataError) as info:
        load(path)
    err = info.value
    assert err.file == str(path) and err.row == row and err.column == column
    assert words in str(err)
    assert str(path) in str(err) and f"row {row}" in str(err)


def test_missing_columns_lists_what_was_found(write):
    with pytest.raises(DataError, match="missing column.*compute.*found 'model', 'score'"):
        load(write("m.csv", "model,score\na,1\n"))


def test_json_and_parquet(write, tmp_path):
    ds = load(write("p.json", '[{"model": "a", "tokens": 10, "score": 5}, {"model": "b", "tokens": 100, "score": 9}]'))
    assert len(ds.points) == 2
    ds = load(write("p.jsonl", '{"model": "a", "tokens": 10, "score": 5}\n{"model": "b", "tokens": 100, "score": 9}\n'))
    assert len(ds.points) == 2
    ds.points.to_pandas().to_parquet(tmp_path / "p.parquet")
    assert len(load(tmp_path / "p.parquet").points) == 2
    with pytest.raises(DataError, match="row 2, column 'score': value is missing"):
        load(write("q.json", '[{"model": "a", "tokens": 10, "score": 5}, {"model": "b", "tokens": 100}]'))


def test_semicolon_and_tab_delimiters_are_recognised(write):
    assert len(load(write("s.csv", GOOD.replace(",", ";"))).points) == 3
    assert len(load(write("t.tsv", GOOD.replace(",", "\t"))).points) == 3
