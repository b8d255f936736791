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


def problem_ids(rng, problems: int, samples: int, order: str) -> np.ndarray:
    """Each problem ``samples`` times, in one of ORDERS."""
    pid = np.arange(problems)
    if order == "problem-major":
        return np.repeat(pid, samples)
    if order == "sample-major":
        return np.tile(pid, samples)
    return rng.permutation(np.repeat(pid, samples))


def make_rows(rng, problems: int, samples: int, models: int, order: str) -> pd.DataFrame:
    pid = problem_ids(rng, problems, samples, order)
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


@pytest.mark.parametrize("max_rows", [None, 10_000, 2**31])
@pytest.mark.parametrize("order", ORDERS)
def test_many_batches_in_every_order(order, max_rows):
    """Record batches fed one by one (batch boundaries cut through every problem): the same counts,
    with n and c summed as one packed number (a known row count below 2**31) or separately."""
    rows = make_rows(np.random.default_rng(1), 500, 20, 2, order)
    table = pa.Table.from_pandas(rows, preserve_index=False)
    batches = table.to_batches(max_chunksize=37)
    got = _count_batches(batches, Path("x.parquet"), ("model", "problem_id", "correct"), 1, max_rows)
    compare(got, naive(rows))
    first_seen = list(dict.fromkeys(zip(rows["model"], rows["problem_id"])))
    assert list(zip(got["model"], got["problem"])) == first_seen


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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    samples=st.lists(
        st.tuples(st.sampled_from(["m0", "m1"]), st.integers(0, 30), st.booleans()), min_size=1, max_size=300
    ),
    fmt=st.sampled_from(["csv", "parquet", "shards"]),
    data=st.data(),
)
def test_any_row_order_gives_the_same_counts_and_pass_at_k(tmp_path_factory, samples, fmt, data):
    """The same samples in two row orders: identical per-problem n and c, and identical
    coverage (pass@k) at every k, whatever the order the problems first appear in."""
    order = data.draw(st.permutations(range(len(samples))))
    results = []
    for rows in (samples, [samples[i] for i in order]):
        frame = pd.DataFrame(
            {
                "model": [m for m, _, _ in rows],
                "problem_id": [f"q{p:02d}" for _, p, _ in rows],
                "correct": [int(ok) for _, _, ok in rows],
            }
        )
        path = write(frame, tmp_path_factory.mktemp("o"), fmt)
        got = read_per_sample(path)
        counts = {(m, p): (n, c) for m, p, n, c in zip(got["model"], got["problem"], got["n"], got["c"])}
        covered = [(m, table["coverage"].to_numpy()) for m, _, table, _, _ in _by_model(got)]
        results.append((counts, covered))
    (counts_a, cov_a), (counts_b, cov_b) = results
    assert counts_a == counts_b
    assert sum(n for n, _ in counts_a.values()) == len(samples)
    assert dict(cov_a).keys() == dict(cov_b).keys()
    for model, values in cov_a:
        np.testing.assert_array_equal(values, dict(cov_b)[model])  # bit for bit, NaN equal to NaN


def _by_model(problems: pd.DataFrame):
    """coverage_by_model with the model's problems kept, models in name order."""
    from scalescope.engine.readers.persample import coverage_by_model

    return sorted((m, None, t, p, w) for m, t, p, w in coverage_by_model(problems))


def test_shards_give_the_same_result_as_the_single_file(tmp_path):
    rows = make_rows(np.random.default_rng(4), 300, 17, 2, "shuffled")
    single = write(rows, tmp_path, "parquet")
    folder = write(rows, tmp_path, "shards", shards=5)
    got, want = read_per_sample(folder), read_per_sample(single)
    pd.testing.assert_frame_equal(got, want)  # the same problems in the same first-seen order
    compare(got, naive(rows))


def test_shards_with_dictionary_and_plain_text_read_as_one_table(tmp_path):
    """Shards written by different tools: one with dictionary-encoded text, one plain."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    a = pa.table({"problem_id": ["p1", "p2", "p1"], "correct": [1, 0, 1]})
    b = pa.table({"problem_id": pa.array(["p2", "p3"]).dictionary_encode(), "correct": [1, 1]})
    pq.write_table(a, folder / "part-0.parquet")
    pq.write_table(b, folder / "part-1.parquet")
    got = read_per_sample(folder)
    assert list(got["problem"]) == ["p1", "p2", "p3"]
    assert list(got["n"]) == [2, 2, 1] and list(got["c"]) == [2, 1, 1]


@pytest.mark.parametrize(
    ("other", "says"),
    [
        (pa.table({"problem_id": ["x"], "correct": ["yes"]}), "column 'correct' is string, but int64 in the first"),
        (pa.table({"problem_id": ["x"], "score": [1]}), "shard has no problem + correct columns"),
        (pa.table({"problem_id": ["x"], "passed": [1]}), "shard has columns 'problem_id', 'passed'"),
        (pa.table({"problem_id": [7], "correct": [1]}), "column 'problem_id' is int64, but string"),
    ],
)
def test_a_shard_with_a_different_schema_is_one_line_naming_it(tmp_path, other, says):
    folder = tmp_path / "shards"
    folder.mkdir()
    pq.write_table(pa.table({"problem_id": ["a", "b"], "correct": [1, 0]}), folder / "part-0.parquet")
    pq.write_table(other, folder / "part-1.parquet")
    with pytest.raises(DataError) as info:
        read_per_sample(folder)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(folder / "part-1.parquet")), message
    assert says in message, message


def test_an_unreadable_shard_is_named(tmp_path):
    folder = tmp_path / "shards"
    folder.mkdir()
    pq.write_table(pa.table({"problem_id": ["a"], "correct": [1]}), folder / "part-0.parquet")
    (folder / "part-1.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(DataError) as info:
        read_per_sample(folder)
    assert "\n" not in str(info.value) and str(folder / "part-1.parquet") in str(info.value)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_an_empty_problem_id_is_one_line_not_one_more_problem(tmp_path, suffix):
    """A blank problem id (an empty CSV cell, a null in Parquet) was counted as one more problem,
    silently ('alpha: 3 problems' for two): now one line saying how many samples and whose."""
    frame = pd.DataFrame(
        {"model": ["alpha"] * 5, "problem_id": ["p1", "p1", None, "p2", "p2"], "correct": [1, 0, 1, 1, 0]}
    )
    path = tmp_path / f"samples{suffix}"
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    with pytest.raises(DataError, match=r"1 sample\(s\) have an empty problem id \(model alpha\)"):
        read_per_sample(path)


# whitespace as Python and as Arrow see it, and characters that look blank but are not
BLANKISH = ["", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000", "\u2028"]
BLANKISH += ["\u202f", "\u3000", "\u200b", "\ufeff", "\x00", "a", "é", "-"]


@settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(st.none() | st.lists(st.sampled_from(BLANKISH), max_size=4).map("".join), max_size=30),
    dtype=st.sampled_from(["str", "string", "object"]),
)
def test_the_blank_id_check_equals_strip_then_empty(ids, dtype):
    """read_per_sample's blank-id check (in Arrow for Arrow-backed text) marks exactly the ids
    that pandas' ``isna() | str.strip() == ''`` marks."""
    from scalescope.engine.readers.persample import _blank

    series = pd.Series(ids, dtype=dtype)
    want = series.isna().to_numpy() | (series.astype(str).str.strip() == "").to_numpy()
    got = _blank(series)
    assert got.dtype == bool and list(got) == list(want)
    plain = [i is None or i.strip() == "" for i in ids]  # Python's own strip
    assert list(got) == plain
