"""Partials (engine/partials.py): ``scalescope reduce`` writes them, every command reads them as it
reads the per-sample rows they came from, with identical results; checked against the streamed
per-sample reader, an independent pandas groupby, and README's SQL run by DuckDB."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scalescope.engine.errors import DataError
from scalescope.engine.io import load
from scalescope.engine.partials import COLUMNS, reduce_source, to_problems, write_partials
from scalescope.engine.readers import detect_format, read_per_sample
from scalescope.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def samples(rng, rows: int, problems: int = 50, models=("m0", "m1"), extra: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "model": rng.choice(list(models), rows),
            "problem_id": [f"q{i:03d}" for i in rng.integers(0, problems, rows)],
            "correct": rng.random(rows) < 0.3,
        }
    )
    if extra:
        frame["setting"] = rng.choice(["low", "high", None], rows)
        frame["task"] = rng.choice(["math", "code"], rows)
        tokens = rng.integers(1, 5000, rows).astype(float)
        tokens[rng.random(rows) < 0.2] = np.nan
        frame["output_tokens"] = tokens
        cost = rng.random(rows) / 100
        cost[rng.random(rows) < 0.5] = np.nan
        frame["cost"] = cost
    return frame


def shards(frame: pd.DataFrame, folder: Path, count: int = 3) -> Path:
    folder.mkdir()
    bounds = np.linspace(0, len(frame), count + 1).astype(int)
    for i in range(count):
        part = frame.iloc[bounds[i] : bounds[i + 1]]
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), folder / f"part-{i:03d}.parquet")
    return folder


def same_rows(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Row for row: same models, problems, n and c in the same order."""
    assert list(got["model"]) == list(want["model"])
    assert list(got["problem"]) == list(want["problem"])
    np.testing.assert_array_equal(got["n"].to_numpy(float), want["n"].to_numpy(float))
    np.testing.assert_array_equal(got["c"].to_numpy(float), want["c"].to_numpy(float))


def passk_json(source, capsys) -> dict:
    assert main(["passk", str(source), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "shards"])
def test_partials_read_as_the_samples_row_for_row(tmp_path, fmt, capsys):
    rng = np.random.default_rng(3)
    frame = samples(rng, 5000)
    if fmt == "csv":
        source = tmp_path / "runs.csv"
        frame.to_csv(source, index=False)
    elif fmt == "parquet":
        source = tmp_path / "runs.parquet"
        frame.to_parquet(source, index=False)
    else:
        source = shards(frame, tmp_path / "runs")
    out = tmp_path / "partials.parquet"
    assert main(["reduce", str(source), "--out", str(out)]) == 0
    assert "5,000 sample rows" in capsys.readouterr().out
    assert detect_format(out) == "per-sample"
    direct, reduced = read_per_sample(source), read_per_sample(out)
    same_rows(reduced, direct)  # the streamed reader's own output, in its order
    # and both against an independent groupby
    want = frame.groupby(["model", "problem_id"])["correct"].agg(n="size", c="sum")
    got = reduced.set_index(["model", "problem"])[["n", "c"]].sort_index()
    np.testing.assert_array_equal(got.to_numpy(float), want.sort_index().to_numpy(float))
    # every command: pass@k and coverage identical, and the app's dataset the same points
    assert passk_json(out, capsys) == passk_json(source, capsys)
    a, b = load(source), load(out)
    fields = ("model", "series", "compute", "score", "n", "label")
    assert [tuple(r[f] for f in fields) for r in a.points.records()] == [
        tuple(r[f] for f in fields) for r in b.points.records()
    ]


def test_partials_format_columns_and_types(tmp_path):
    rng = np.random.default_rng(4)
    source = tmp_path / "runs.parquet"
    samples(rng, 2000, extra=True).to_parquet(source, index=False)
    out = write_partials(reduce_source(source).table, tmp_path / "p.parquet")
    table = pq.read_table(out)
    assert tuple(table.column_names) == COLUMNS
    assert [str(t) for t in table.schema.types] == [
        "string",
        "string",
        "string",
        "string",
        "int64",
        "int64",
        "double",
        "int64",
        "double",
        "int64",
    ]
    assert table.schema.metadata[b"scalescope.partials"] == b"1"


def test_settings_tasks_tokens_and_cost_against_pandas(tmp_path, capsys):
    rng = np.random.default_rng(5)
    frame = samples(rng, 6000, problems=30, extra=True)
    source = tmp_path / "runs.csv"
    frame.to_csv(source, index=False)
    table = reduce_source(source).table.to_pandas()
    keys = ["model", "setting", "task", "problem_id"]
    frame["setting"] = frame["setting"].fillna("")
    want = (
        frame.groupby(keys)
        .agg(
            n=("correct", "size"),
            c=("correct", "sum"),
            tokens=("output_tokens", lambda s: s.sum(min_count=1)),
            tokens_known=("output_tokens", "count"),
            cost=("cost", lambda s: s.sum(min_count=1)),
            cost_known=("cost", "count"),
        )
        .reset_index()
        .rename(columns={"problem_id": "problem"})
        .sort_values(["model", "setting", "task", "problem"])
        .reset_index(drop=True)
    )
    got = table.sort_values(["model", "setting", "task", "problem"]).reset_index(drop=True)
    assert len(got) == len(want)
    for column in ("model", "setting", "task", "problem"):
        assert list(got[column]) == list(want[column])
    for column in ("n", "c", "tokens_known", "cost_known"):
        np.testing.assert_array_equal(got[column].to_numpy(float), want[column].to_numpy(float))
    for column in ("tokens", "cost"):
        np.testing.assert_allclose(got[column].to_numpy(float), want[column].to_numpy(float), rtol=1e-12)
    # a series per (model, setting), problems per task; pass@k identical from samples and partials
    problems = to_problems(reduce_source(source).table)
    assert set(problems["model"]) == {"m0", "m0 (low)", "m0 (high)", "m1", "m1 (low)", "m1 (high)"}
    out = tmp_path / "p.parquet"
    assert main(["reduce", str(source), "--out", str(out)]) == 0
    capsys.readouterr()
    a, b = passk_json(source, capsys), passk_json(out, capsys)
    assert a == b
    m0 = frame[(frame.model == "m0") & (frame.setting == "")]
    mean = m0["output_tokens"].sum() / m0["output_tokens"].count()
    assert a["models"]["m0"]["tokens_per_sample"]["mean"] == pytest.approx(mean, rel=1e-12)
    assert a["models"]["m0"]["tokens_per_sample"]["known"] == m0["output_tokens"].count()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31), rows=st.integers(1, 400), count=st.integers(1, 4))
def test_partials_of_partials_and_concatenated_partials(tmp_path_factory, seed, rows, count):
    """Summing is associative: partials of shards, concatenated, read as the whole; reducing
    partials again changes nothing."""
    tmp = tmp_path_factory.mktemp("p")
    frame = samples(np.random.default_rng(seed), rows, problems=7, extra=True)
    whole = reduce_source(shards(frame, tmp / "all", 1)).table
    folder = tmp / "partials"
    folder.mkdir()
    bounds = np.linspace(0, rows, count + 1).astype(int)
    for i in range(count):
        part = frame.iloc[bounds[i] : bounds[i + 1]]
        if len(part):
            one = tmp / f"s{i}.parquet"
            part.to_parquet(one, index=False)
            write_partials(reduce_source(one).table, folder / f"p{i}.parquet")
    merged = reduce_source(folder).table.to_pandas()
    want = whole.to_pandas()
    pd.testing.assert_frame_equal(merged, want, check_exact=False, rtol=1e-12)
    again = tmp / "again.parquet"
    write_partials(whole, again)
    assert reduce_source(again).table.equals(whole)


def test_bad_partials_name_the_row(tmp_path):
    path = tmp_path / "p.parquet"
    pq.write_table(pa.table({"model": ["a", "a"], "problem": ["x", "y"], "n": [5, 3], "c": [2, 4]}), path)
    with pytest.raises(DataError, match=r"row 2, column 'c': c = 4 correct of n = 3 samples is impossible"):
        read_per_sample(path)
    pq.write_table(pa.table({"problem": ["x"], "n": [0], "c": [0]}), path)
    with pytest.raises(DataError, match="impossible"):
        read_per_sample(path)
    pq.write_table(pa.table({"problem": ["x"], "n": [2.5], "c": [0]}), path)
    with pytest.raises(DataError, match="2.5 is not a whole number"):
        read_per_sample(path)


def test_reduce_never_overwrites(tmp_path, capsys):
    source = tmp_path / "s.csv"
    source.write_text("problem,correct\nq1,1\nq1,0\n")
    out = tmp_path / "p.parquet"
    out.write_bytes(b"keep")
    assert main(["reduce", str(source), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"keep"
    assert main(["reduce", str(source), "--out", str(out), "--overwrite", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == 2 and report["partials"] == 1 and report["engine"] == "in-process"
    assert pq.read_table(out).to_pydict()["n"] == [2]


def readme_sql() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- partials-sql -->\s*```sql\n(.*?)```", text, re.S)
    assert match, "README has the partials SQL"
    return match.group(1)


def test_readme_sql_in_duckdb_gives_the_same_partials(tmp_path, capsys):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra")
    rng = np.random.default_rng(6)
    frame = samples(rng, 4000, problems=40, extra=True)
    folder = shards(frame, tmp_path / "runs", 4)
    out = tmp_path / "sql.parquet"
    sql = readme_sql().replace("samples", f"read_parquet('{folder}/*.parquet')")
    duckdb.sql(f"COPY ({sql}) TO '{out}' (FORMAT parquet)")
    ours = tmp_path / "ours.parquet"
    write_partials(reduce_source(folder).table, ours)
    keys = ["model", "setting", "task", "problem"]
    a = reduce_source(out).table.to_pandas().sort_values(keys).reset_index(drop=True)
    b = pq.read_table(ours).to_pandas().sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)
    # the SQL's rows come in another order: the same coverage up to the order of a float sum
    a, b = passk_json(out, capsys)["models"], passk_json(folder, capsys)["models"]
    assert sorted(a) == sorted(b)
    for model in a:
        assert a[model]["problems"] == b[model]["problems"] and a[model]["samples"] == b[model]["samples"]
        got = [(r["k"], r["coverage"]) for r in a[model]["coverage"]]
        want = [(r["k"], r["coverage"]) for r in b[model]["coverage"]]
        np.testing.assert_allclose(got, want, rtol=1e-12)
        assert a[model]["tokens_per_sample"]["mean"] == pytest.approx(b[model]["tokens_per_sample"]["mean"], rel=1e-12)


def test_csv_partials_with_settings_keep_their_series(tmp_path, capsys):
    """A CSV of partials with a setting column is read as partials (a series per setting, rows of
    one key summed), not as plain per-problem counts that would pool the settings."""
    path = tmp_path / "p.csv"
    path.write_text("model,setting,problem,n,c\nm,low,q1,4,1\nm,high,q1,4,3\nm,low,q1,4,1\nm,low,q2,2,0\n")
    problems = read_per_sample(path)
    assert list(problems["model"]) == ["m (low)", "m (high)", "m (low)"]
    assert list(problems["n"]) == [8, 4, 2] and list(problems["c"]) == [2, 3, 0]
    report = passk_json(path, capsys)["models"]
    # coverage at k=1 is the mean of c/n: (2/8 + 0/2) / 2 for low, 3/4 for high
    assert report["m (low)"]["coverage"][0]["coverage"] == pytest.approx(100 * (2 / 8 + 0) / 2)
    assert report["m (high)"]["coverage"][0]["coverage"] == pytest.approx(75.0)


@pytest.mark.parametrize(
    "column",
    [pa.array([2**64 - 1, 4], pa.uint64()), pa.array([10**18, 9 * 10**18], pa.int64())],
    ids=["uint64", "1e18"],
)
def test_counts_beyond_exact_floats_are_one_line_naming_the_row(tmp_path, column, capsys):
    """Whole counts above 2**53 cannot be counted exactly as floats: our one line, with the row
    (it was pyarrow's own "Function 'equal' has no kernel matching input types (uint64, string)")."""
    table = {
        "model": pa.array(["m", "m"]),
        "setting": pa.array(["", ""]),
        "task": pa.array(["t", "t"]),
        "problem": pa.array(["q1", "q2"]),
        "n": column,
        "c": pa.array([1, 2], pa.int64()),
        "tokens": pa.array([400.0, 400.0]),
        "tokens_known": pa.array([4, 4], pa.int64()),
        "cost": pa.array([0.4, 0.4]),
        "cost_known": pa.array([4, 4], pa.int64()),
    }
    path = tmp_path / "partials_big.parquet"
    pq.write_table(pa.table(table), path)
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err
    assert "row 1, column 'n'" in err and "too large to be counted exactly" in err and "kernel" not in err
