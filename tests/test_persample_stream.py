"""The streamed per-sample reader against a naive pandas groupby, on random files in every row
order (problem-major, sample-major, shuffled), as CSV, Parquet and a folder of Parquet shards."""

from __future__ import annotations

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
from scalescope.engine.readers import detect_format, read_per_sample
from scalescope.engine.readers.persample import _count_batches, _stream_samples

ORDERS = ("problem-major", "sample-major", "shuffled")


def make_rows(rng, problems: int, samples: int, models: int, order: str) -> pd.DataFrame:
    pid = np.arange(problems)
    if order == "problem-major":
        pid = np.repeat(pid, samples)
    elif order == "sample-major":
        pid = np.tile(pid, samples)
    else:
        pid = rng.permutation(np.repeat(pid, samples))
    model = rng.integers(0, models, len(pid))
    p = rng.random(problems)
    return pd.DataFrame(
        {
            "model": [f"m{m}" for m in model],
            "problem_id": [f"q{i:03d}" for i in pid],
            "sample": np.arange(len(pid)),
            "correct": (rng.random(len(pid)) < p[pid]).astype(int),
        }
    )


def naive(rows: pd.DataFrame, keys=("model", "problem_id")) -> pd.DataFrame:
    """Per (model, problem): n and c by pandas groupby, sorted for comparison."""
    out = rows.groupby(list(keys))["correct"].agg(n="size", c="sum").reset_index()
    out = out.rename(columns={"problem_id": "problem"})
    return out.sort_values(list(out.columns[: len(keys)])).reset_index(drop=True)


def compare(got: pd.DataFrame, want: pd.DataFrame, keys=("model", "problem")) -> None:
    got = got.sort_values(list(keys)).reset_index(drop=True)
    assert list(got["problem"].astype(str)) == list(want["problem"].astype(str))
    if "model" in keys:
        assert list(got["model"].astype(str)) == list(want["model"].astype(str))
    np.testing.assert_array_equal(got["n"].to_numpy(), want["n"].to_numpy(float))
    np.testing.assert_array_equal(got["c"].to_numpy(), want["c"].to_numpy(float))


def write(rows: pd.DataFrame, folder, fmt: str, shards: int = 3):
    if fmt == "csv":
        path = folder / "rows.csv"
        rows.to_csv(path, index=False)
    elif fmt == "parquet":
        path = folder / "rows.parquet"
        # small row groups and batches: many batches, each problem spread over several
        pq.write_table(pa.Table.from_pandas(rows, preserve_index=False), path, row_group_size=97)
    else:
        path = folder / "shards"
        path.mkdir()
        for i, part in enumerate(np.array_split(np.arange(len(rows)), shards)):
            pq.write_table(pa.Table.from_pandas(rows.iloc[part], preserve_index=False), path / f"part-{i:03d}.parquet")
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    problems=st.integers(1, 60),
    samples=st.integers(1, 12),
    models=st.integers(1, 3),
    order=st.sampled_from(ORDERS),
    fmt=st.sampled_from(["csv", "parquet", "shards"]),
    seed=st.integers(0, 2**31),
)
def test_streamed_counts_equal_a_naive_groupby(tmp_path_factory, problems, samples, models, order, fmt, seed):
    rows = make_rows(np.random.default_rng(seed), problems, samples, models, order)
    path = write(rows, tmp_path_factory.mktemp("f"), fmt)
    streamed = _stream_samples(path)
    assert streamed is not None  # the streamed path itself, not the careful reader behind it
    compare(streamed, naive(rows))
    compare(read_per_sample(path), naive(rows))


@pytest.mark.parametrize("order", ORDERS)
def test_many_batches_in_every_order(order):
    """Record batches fed one by one (batch boundaries cut through every problem): the same counts."""
    rows = make_rows(np.random.default_rng(1), 500, 20, 2, order)
    table = pa.Table.from_pandas(rows, preserve_index=False)
    got = _count_batches(table.to_batches(max_chunksize=37), Path("x.parquet"), ("model", "problem_id", "correct"), 1)
    compare(got, naive(rows))


def test_problems_keep_their_first_appearance_order(tmp_path):
    rows = pd.DataFrame({"problem": ["b", "a", "c", "a", "b"], "correct": [1, 0, 1, 1, 0]})
    path = tmp_path / "s.parquet"
    pq.write_table(pa.Table.from_pandas(rows, preserve_index=False), path, row_group_size=2)
    got = read_per_sample(path)
    assert list(got["problem"]) == ["b", "a", "c"]
    assert list(got["n"]) == [2, 2, 1] and list(got["c"]) == [1, 1, 1]
    assert set(got["model"]) == {"s"}  # no model column: the file's name


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([True, False, None], [1, 0, 0]),
        (["C", " i ", "TRUE", "no", None, ""], [1, 0, 1, 0, 0, 0]),
        ([1.0, 0.0, 1.0], [1, 0, 1]),
    ],
)
def test_correctness_spellings(tmp_path, values, expected):
    rows = pa.table({"problem_id": [f"p{i}" for i in range(len(values))], "correct": values})
    path = tmp_path / "s.parquet"
    pq.write_table(rows, path)
    got = read_per_sample(path)
    assert list(got["c"]) == expected and list(got["n"]) == [1] * len(values)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_bad_value_names_its_row(tmp_path, fmt):
    rows = make_rows(np.random.default_rng(2), 50, 10, 1, "shuffled")
    rows["correct"] = rows["correct"].astype(str)
    rows.loc[321, "correct"] = "maybe"
    path = write(rows, tmp_path, fmt)
    with pytest.raises(DataError) as info:
        read_per_sample(path)
    assert "'maybe' is not a correctness value" in str(info.value)
    assert info.value.row == 321 + (2 if fmt == "csv" else 1)


def test_a_number_other_than_0_or_1_names_its_row(tmp_path):
    rows = pd.DataFrame({"problem": ["a", "b", "c"], "correct": [1, 2, 0]})
    path = tmp_path / "s.parquet"
    rows.to_parquet(path, index=False)
    with pytest.raises(DataError) as info:
        read_per_sample(path)
    assert "2.0 is not 0 or 1" in str(info.value) and info.value.row == 2


def test_a_folder_of_shards_loads_as_one_dataset(tmp_path):
    rows = make_rows(np.random.default_rng(3), 40, 25, 2, "sample-major")
    path = write(rows, tmp_path, "shards", shards=4)
    assert detect_format(path) == "per-sample"
    ds = load(path)
    assert set(ds.points["series"]) == {"m0", "m1"}
    want = naive(rows)
    assert all(str(len(want[want["model"] == m])) in note for m, note in zip(("m0", "m1"), sorted(ds.notes)))
