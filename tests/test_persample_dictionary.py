"""The dictionary path of the per-sample Parquet reader (ids read as the file's own dictionaries,
counted with numpy) against the hash aggregation it stands in for and against a pandas groupby:
random files in every row order, with missing values, ids of several types, the same problem
under several models, empty files, dictionaries that change or grow between batches, and the
path's own limits hit part-way through a file (it then hands the file to the hash aggregation)."""

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
from scalescope.engine.readers import persample as ps

# the grouping itself, before read_per_sample refuses empty problem ids (the random files have some)
from scalescope.engine.readers.persample import _read_per_sample as grouped

from .test_persample_stream import ORDERS, problem_ids


def hash_path(path: Path) -> pd.DataFrame:
    """The file through the hash aggregation only (what read_per_sample did before the
    dictionary path): plain batches, Arrow's streaming group-by."""
    parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=ps.PARQUET_BUFFER)
    columns = ps._sample_columns(parquet.schema_arrow.names, str(path))
    batches = parquet.iter_batches(ps.BATCH_ROWS, columns=[c for c in columns if c], use_threads=False)
    return ps._count_batches(batches, path, columns, 1, parquet.metadata.num_rows)


def dictionary_path(path: Path) -> pd.DataFrame | None:
    parquet = pq.ParquetFile(path)
    columns = ps._sample_columns(parquet.schema_arrow.names, str(path))
    return ps._parquet_dictionary(path, parquet.schema_arrow, columns)


def outcome(read, path: Path):
    """A reader's frame, or its error as (message, row, column)."""
    try:
        return read(path)
    except DataError as exc:
        return (str(exc), exc.row, exc.column)


def reference(table: pa.Table, model: str | None, problem: str, correct: str) -> pd.DataFrame:
    """n and c per (model, problem) by pandas, in first-appearance order, ids as the reader
    writes them (missing ids are one group)."""
    frame = table.to_pandas()
    keys = [model, problem] if model else [problem]
    values = frame[correct]
    text = pa.types.is_string(table.schema.field(correct).type)
    ok = (values == "C").astype(int) if text else values.fillna(False).astype(int)
    grouped = ok.groupby([frame[k] for k in keys], sort=False, dropna=False)
    out = grouped.agg(["size", "sum"]).reset_index()
    return out.rename(columns={"size": "n", "sum": "c"})


def write(table: pa.Table, folder: Path, *, row_group: int, dictionary_page: int | None, name="rows.parquet") -> Path:
    path = folder / name
    options = {} if dictionary_page is None else {"dictionary_pagesize_limit": dictionary_page}
    pq.write_table(table, path, row_group_size=row_group, **options)
    return path


def id_values(kind: str, ids: np.ndarray, prefix: str):
    if kind == "int":
        return pa.array(ids.astype(np.int64) * 7 - 3)
    text = [f"{prefix}{i:03d}" for i in ids]
    if kind == "large":
        return pa.array(text, pa.large_string())
    if kind == "dict":
        return pa.array(text).dictionary_encode()
    if kind == "binary":
        return pa.array([t.encode() for t in text], pa.binary())
    return pa.array(text)


def random_table(rng, *, problems, samples, models, order, problem_kind, model_kind, nulls, correct_kind):
    pid = problem_ids(rng, problems, samples, order)
    rows = len(pid)
    p = rng.random(problems)
    ok = rng.random(rows) < p[pid]
    columns = {}
    if models:  # every model answers the same problems: the same problem name under each model
        columns["model"] = id_values(model_kind, rng.integers(0, models, rows), "m")
    columns["problem_id"] = id_values(problem_kind, pid, "q")
    if correct_kind == "int":
        columns["correct"] = pa.array(ok.astype(np.int8))
    elif correct_kind == "bool":
        columns["correct"] = pa.array(ok)
    else:
        columns["correct"] = pa.array(np.where(ok, "C", "I"))
    if nulls:  # missing ids (one group of their own) and missing booleans (counted as wrong)
        for name in ("model", "problem_id") if models else ("problem_id",):
            hole = rng.random(rows) < nulls
            columns[name] = pa.array(
                [None if h else v for h, v in zip(hole, columns[name].to_pylist())], columns[name].type
            )
        if correct_kind == "bool":
            hole = rng.random(rows) < nulls
            columns["correct"] = pa.array([None if h else bool(v) for h, v in zip(hole, ok)])
    return pa.table(columns)


def written_case(tmp_path_factory, monkeypatch, case: dict) -> tuple[pa.Table, Path]:
    """A random table of ``case``'s shape written as Parquet, read ``case["batch"]`` rows at a time
    (batches cut through row groups and problems)."""
    shape = {k: v for k, v in case.items() if k not in ("row_group", "batch", "dictionary_page", "seed")}
    table = random_table(np.random.default_rng(case["seed"]), **shape)
    folder = tmp_path_factory.mktemp("case")
    path = write(table, folder, row_group=case["row_group"], dictionary_page=case["dictionary_page"])
    monkeypatch.setattr(ps, "BATCH_ROWS", case["batch"])
    return table, path


def assert_same_as_hash_and_pandas(got: pd.DataFrame | None, table: pa.Table, path: Path, model: str | None):
    assert got is not None  # the path under test itself, not the one behind it
    want = hash_path(path)
    pd.testing.assert_frame_equal(got, want)  # same problems, same first-seen order, same counts
    pd.testing.assert_frame_equal(grouped(path), want)
    ref = reference(table, model, "problem_id", "correct")
    assert list(got["n"]) == list(ref["n"].astype(float)) and list(got["c"]) == list(ref["c"].astype(float))
    return ref


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case=st.fixed_dictionaries(
        {
            "problems": st.integers(1, 40),
            "samples": st.integers(1, 9),
            "models": st.integers(0, 3),
            "order": st.sampled_from(ORDERS),
            "problem_kind": st.sampled_from(["str", "int", "large", "dict", "binary"]),
            "model_kind": st.sampled_from(["str", "dict", "int"]),
            "nulls": st.sampled_from([0.0, 0.0, 0.1, 0.5]),
            "correct_kind": st.sampled_from(["int", "bool", "text"]),
            "row_group": st.sampled_from([7, 50, 10_000]),
            "batch": st.sampled_from([5, 64, 1 << 16]),
            "dictionary_page": st.sampled_from([None, 40]),  # 40 bytes: most pages fall back to plain
            "seed": st.integers(0, 2**31),
        }
    )
)
def test_the_dictionary_path_equals_the_hash_aggregation_and_pandas(tmp_path_factory, monkeypatch, case):
    table, path = written_case(tmp_path_factory, monkeypatch, case)
    got = dictionary_path(path)
    ref = assert_same_as_hash_and_pandas(got, table, path, "model" if case["models"] else None)
    if not case["nulls"] and case["problem_kind"] != "binary":  # the ids themselves, where none is missing
        assert list(got["problem"]) == [str(v) for v in ref["problem_id"]]
        if case["models"]:
            assert list(got["model"]) == [str(v) for v in ref["model"]]


@pytest.mark.parametrize("limit", ["SMALL_DICTIONARY", "MAX_DICTIONARY_CELLS", "cost"])
@pytest.mark.parametrize("order", ORDERS)
def test_a_limit_hit_part_way_hands_the_whole_file_over(tmp_path, monkeypatch, limit, order):
    """More ids than the dictionary path takes, met after some batches were counted: the file
    is read again by the hash aggregation, and the result is exactly its result."""
    rng = np.random.default_rng(5)
    table = random_table(
        rng,
        problems=300,
        samples=4,
        models=2,
        order=order,
        problem_kind="str",
        model_kind="str",
        nulls=0.05,
        correct_kind="int",
    )
    # dictionaries that grow batch by batch (pages past the first fall back to plain)
    path = write(table, tmp_path, row_group=600, dictionary_page=40)
    monkeypatch.setattr(ps, "BATCH_ROWS", 50)
    if limit == "SMALL_DICTIONARY":
        monkeypatch.setattr(ps, "SMALL_DICTIONARY", 120)
    elif limit == "MAX_DICTIONARY_CELLS":
        monkeypatch.setattr(ps, "MAX_DICTIONARY_CELLS", 256)
    else:
        original = ps._Ids._new

        def costly(self, values):  # every lookup counted as a million values hashed
            self.cost += 10**6
            return original(self, values)

        monkeypatch.setattr(ps._Ids, "_new", costly)
    counted = []
    original_count = ps._count_dictionary

    def spy(batches, *args):
        def seen():
            for b in batches:
                counted.append(len(b))
                yield b

        return original_count(seen(), *args)

    monkeypatch.setattr(ps, "_count_dictionary", spy)
    assert dictionary_path(path) is None  # handed over ...
    assert 0 < sum(counted) < len(table)  # ... part-way through the file
    monkeypatch.setattr(ps, "_few_ids", lambda *a: True)
    pd.testing.assert_frame_equal(grouped(path), hash_path(path))


def test_an_empty_file_is_the_same_error_either_way(tmp_path):
    table = pa.table(
        {
            "model": pa.array([], pa.string()),
            "problem_id": pa.array([], pa.string()),
            "correct": pa.array([], pa.int8()),
        }
    )
    for row_group in (None, 10):
        path = tmp_path / f"empty-{row_group}.parquet"
        pq.write_table(table, path, row_group_size=row_group)
        assert outcome(dictionary_path, path) == outcome(hash_path, path)
        assert outcome(grouped, path) == outcome(hash_path, path)
        assert "no data rows" in outcome(grouped, path)[0]


@pytest.mark.parametrize("bad", ["maybe", 2, None])
@pytest.mark.parametrize("where", [0, 123, 399])
def test_a_bad_correctness_value_is_the_same_error_either_way(tmp_path, monkeypatch, bad, where):
    values = [1, 0] * 200
    values[where] = bad
    correct = pa.array([str(v) if isinstance(bad, str) else v for v in values])
    if bad is None:
        correct = pa.array(values, pa.int64())
    table = pa.table({"problem_id": [f"q{i % 30}" for i in range(400)], "correct": correct})
    path = tmp_path / "bad.parquet"
    pq.write_table(table, path, row_group_size=64)
    monkeypatch.setattr(ps, "BATCH_ROWS", 50)
    got = outcome(dictionary_path, path)
    assert isinstance(got, tuple) and got == outcome(hash_path, path)
    assert got[1] == where + 1 and got == outcome(grouped, path)


def test_floats_as_ids_are_left_to_the_hash_aggregation(tmp_path):
    table = pa.table({"problem_id": [0.0, -0.0, float("nan"), float("nan"), 1.5], "correct": [1, 0, 1, 1, 0]})
    path = tmp_path / "floats.parquet"
    pq.write_table(table, path)
    assert not ps._dictionary_key(pq.read_schema(path).field("problem_id").type)
    pd.testing.assert_frame_equal(grouped(path), hash_path(path))


def test_a_big_dictionary_page_goes_straight_to_the_hash_aggregation(tmp_path, monkeypatch):
    table = pa.table({"problem_id": [f"q{i}" for i in range(5000)] * 2, "correct": [1, 0] * 5000})
    path = tmp_path / "many.parquet"
    pq.write_table(table, path)
    assert ps._few_ids(pq.ParquetFile(path), (None, "problem_id", "correct"))
    monkeypatch.setattr(ps, "DICTIONARY_PAGE_BYTES", 1000)
    assert not ps._few_ids(pq.ParquetFile(path), (None, "problem_id", "correct"))
    pq.write_table(table, tmp_path / "plain.parquet", use_dictionary=False)
    assert not ps._few_ids(pq.ParquetFile(tmp_path / "plain.parquet"), (None, "problem_id", "correct"))


# The model-id path: the hash aggregation with the model column grouped as int ids (read as the
# file's own dictionary) instead of text. Same groups, order, counts, errors as the text keys.


def model_id_path(path: Path) -> pd.DataFrame | None:
    parquet = pq.ParquetFile(path)
    columns = ps._sample_columns(parquet.schema_arrow.names, str(path))
    return ps._parquet_model_ids(path, parquet.schema_arrow, columns)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case=st.fixed_dictionaries(
        {
            "problems": st.sampled_from([1, 7, 40, 3000]),
            "samples": st.integers(1, 4),
            "models": st.integers(1, 4),
            "order": st.sampled_from(ORDERS),
            "problem_kind": st.sampled_from(["str", "int", "large", "dict"]),
            "model_kind": st.sampled_from(["str", "dict", "int", "large", "binary"]),
            "nulls": st.sampled_from([0.0, 0.0, 0.1, 0.5]),
            "correct_kind": st.sampled_from(["int", "bool", "text"]),
            "row_group": st.sampled_from([7, 500, 100_000]),
            "batch": st.sampled_from([5, 333, 1 << 16]),
            "dictionary_page": st.sampled_from([None, 40]),
            "seed": st.integers(0, 2**31),
        }
    )
)
def test_the_model_id_path_equals_the_text_keys_and_pandas(tmp_path_factory, monkeypatch, case):
    table, path = written_case(tmp_path_factory, monkeypatch, case)
    got = model_id_path(path)
    ref = assert_same_as_hash_and_pandas(got, table, path, "model")
    if not case["nulls"] and case["model_kind"] != "binary":  # the ids themselves, in first-seen order
        assert list(got["problem"]) == [str(v) for v in ref["problem_id"]]
        assert list(got["model"]) == [str(v) for v in ref["model"]]


def test_many_problems_keep_their_first_seen_order(tmp_path):
    """Tens of thousands of problems in shuffled order: Arrow's hash aggregation gives its groups
    nearly, not exactly, in first-row order, so the reader sorts them; the order is pandas'
    first appearance, on both paths."""
    table = random_table(
        np.random.default_rng(11),
        problems=30_000,
        samples=2,
        models=2,
        order="shuffled",
        problem_kind="str",
        model_kind="str",
        nulls=0.0,
        correct_kind="int",
    )
    path = write(table, tmp_path, row_group=100_000, dictionary_page=None)
    ref = reference(table, "model", "problem_id", "correct")
    for got in (model_id_path(path), hash_path(path), grouped(path)):
        assert list(got["problem"]) == list(ref["problem_id"]) and list(got["model"]) == list(ref["model"])
        assert list(got["n"]) == list(ref["n"].astype(float)) and list(got["c"]) == list(ref["c"].astype(float))


@pytest.mark.parametrize("limit", ["SMALL_DICTIONARY", "cost"])
def test_many_models_hand_the_file_to_the_text_keys(tmp_path, monkeypatch, limit):
    """More models than the model-id path takes, met part-way: it hands over (None), and the
    reader's result is exactly the text keys' result."""
    table = random_table(
        np.random.default_rng(3),
        problems=200,
        samples=3,
        models=150,
        order="sample-major",
        problem_kind="str",
        model_kind="str",
        nulls=0.05,
        correct_kind="int",
    )
    path = write(table, tmp_path, row_group=300, dictionary_page=200)
    monkeypatch.setattr(ps, "BATCH_ROWS", 50)
    if limit == "SMALL_DICTIONARY":
        monkeypatch.setattr(ps, "SMALL_DICTIONARY", 40)
    else:
        original = ps._Ids._new
        calls = []

        def costly(self, values):  # the third lookup counted as a million values hashed each
            calls.append(1)
            if len(calls) >= 3:
                self.cost += 10**7
            return original(self, values)

        monkeypatch.setattr(ps._Ids, "_new", costly)
    counted = []
    original_count = ps._count_batches

    def spy(batches, *args, **kwargs):
        def seen():
            for b in batches:
                if kwargs.get("models") is not None:
                    counted.append(len(b))
                yield b

        return original_count(seen(), *args, **kwargs)

    monkeypatch.setattr(ps, "_count_batches", spy)
    assert model_id_path(path) is None  # handed over ...
    assert 0 < sum(counted) < len(table)  # ... part-way through the file
    monkeypatch.setattr(ps, "_few_ids", lambda parquet, columns: len(columns) == 1)  # model ids only
    pd.testing.assert_frame_equal(grouped(path), hash_path(path))
    ref = reference(table, "model", "problem_id", "correct")
    assert list(grouped(path)["n"]) == list(ref["n"].astype(float))


@pytest.mark.parametrize("bad", ["maybe", 2, None])
@pytest.mark.parametrize("where", [0, 123, 399])
def test_a_bad_correctness_value_is_the_same_error_on_the_model_id_path(tmp_path, monkeypatch, bad, where):
    values = [1, 0] * 200
    values[where] = bad
    correct = pa.array([str(v) if isinstance(bad, str) else v for v in values])
    if bad is None:
        correct = pa.array(values, pa.int64())
    table = pa.table(
        {"model": [f"m{i % 3}" for i in range(400)], "problem_id": [f"q{i}" for i in range(400)], "correct": correct}
    )
    path = tmp_path / "bad.parquet"
    pq.write_table(table, path, row_group_size=64)
    monkeypatch.setattr(ps, "BATCH_ROWS", 50)
    got = outcome(model_id_path, path)
    assert isinstance(got, tuple) and got == outcome(hash_path, path)
    assert got[1] == where + 1 and got == outcome(grouped, path)


def test_empty_batches_and_no_rows_on_the_model_id_path(tmp_path):
    """Empty record batches are skipped the same way; only empty batches is 'no data rows'."""
    table = random_table(
        np.random.default_rng(8),
        problems=50,
        samples=3,
        models=2,
        order="shuffled",
        problem_kind="str",
        model_kind="dict",
        nulls=0.1,
        correct_kind="bool",
    )
    empty = table.slice(0, 0).to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]
    parts = [empty[0], *table.slice(0, 70).to_batches(), empty[0], *table.slice(70).to_batches(max_chunksize=9)]
    columns = ("model", "problem_id", "correct")
    path = tmp_path / "x.parquet"
    got = ps._count_batches(iter(parts), path, columns, 1, len(table), models=ps._Ids())
    pd.testing.assert_frame_equal(got, ps._count_batches(iter(parts), path, columns, 1, len(table)))
    for models in (ps._Ids(), None):
        with pytest.raises(DataError, match="no data rows"):
            ps._count_batches(iter([empty[0], empty[0]]), path, columns, 1, 0, models=models)


def test_a_million_problem_file_takes_the_model_id_path(tmp_path, monkeypatch):
    """Few models and more problems than the dictionary path takes: the model-id path is the one
    read_per_sample uses (the benchmark's 1M-problem case, smaller)."""
    table = random_table(
        np.random.default_rng(2),
        problems=40_000,
        samples=1,
        models=1,
        order="shuffled",
        problem_kind="str",
        model_kind="str",
        nulls=0.0,
        correct_kind="int",
    )
    path = write(table, tmp_path, row_group=1_000_000, dictionary_page=None)
    assert not ps._few_ids(pq.ParquetFile(path), ("model", "problem_id", "correct"))
    used = []
    original = ps._parquet_model_ids
    monkeypatch.setattr(ps, "_parquet_model_ids", lambda *a: used.append(original(*a)) or used[-1])
    got = grouped(path)
    assert len(used) == 1 and used[0] is got
    pd.testing.assert_frame_equal(got, hash_path(path))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    problems=st.sampled_from([1, 7, 40, 3000]),
    samples=st.integers(1, 4),
    order=st.sampled_from(ORDERS),
    problem_kind=st.sampled_from(["str", "int", "large", "dict"]),
    model_kind=st.sampled_from(["str", "dict", "int", "large"]),
    nulls=st.sampled_from([0.0, 0.0, 0.1]),
    correct_kind=st.sampled_from(["int", "bool", "text"]),
    row_group=st.sampled_from([7, 500, 100_000]),
    batch=st.sampled_from([5, 333, 1 << 16]),
    seed=st.integers(0, 2**31),
)
def test_a_one_model_file_counted_by_problem_alone_equals_the_text_keys(
    tmp_path_factory,
    monkeypatch,
    problems,
    samples,
    order,
    problem_kind,
    model_kind,
    nulls,
    correct_kind,
    row_group,
    batch,
    seed,
):
    """One model (the footer says so): problems alone are the keys and the model column is the
    name repeated; the same frame as the text keys and pandas."""
    table = random_table(
        np.random.default_rng(seed),
        problems=problems,
        samples=samples,
        models=1,
        order=order,
        problem_kind=problem_kind,
        model_kind=model_kind,
        nulls=0.0,
        correct_kind=correct_kind,
    )
    if nulls:  # missing problem ids only: the model column must stay whole for the footer's guess
        hole = np.random.default_rng(seed + 1).random(len(table)) < nulls
        ids = table.column("problem_id").to_pylist()
        table = table.set_column(
            1, "problem_id", pa.array([None if h else v for h, v in zip(hole, ids)], table.schema.field(1).type)
        )
    path = write(table, tmp_path_factory.mktemp("o"), row_group=row_group, dictionary_page=None)
    monkeypatch.setattr(ps, "BATCH_ROWS", batch)
    parquet = pq.ParquetFile(path)
    assert ps._one_model(parquet, "model")
    got = ps._parquet_model_ids(path, parquet.schema_arrow, ("model", "problem_id", "correct"), True)
    assert got is not None
    want = hash_path(path)
    pd.testing.assert_frame_equal(got, want)
    pd.testing.assert_frame_equal(grouped(path), want)
    ref = reference(table, "model", "problem_id", "correct")
    assert list(got["n"]) == list(ref["n"].astype(float)) and list(got["c"]) == list(ref["c"].astype(float))
    assert list(got["model"]) == [str(v) for v in ref["model"]]


@pytest.mark.parametrize("second", ["other", None])
@pytest.mark.parametrize("at", [0, 57, 320])
def test_a_footer_that_says_one_model_wrongly_hands_over(tmp_path, monkeypatch, second, at):
    """A second model (or a missing one) where the footer said one: the one-model count hands
    over and the file is read again; the result is the text keys' result."""
    models = ["m"] * 400
    models[at] = second
    table = pa.table(
        {"model": models, "problem_id": [f"q{i % 70}" for i in range(400)], "correct": [i % 3 == 0 for i in range(400)]}
    )
    path = tmp_path / "two.parquet"
    pq.write_table(table, path, row_group_size=100)
    parquet = pq.ParquetFile(path)
    assert not ps._one_model(parquet, "model")  # the footer itself is right ...
    monkeypatch.setattr(ps, "_one_model", lambda *a: True)  # ... made to say one model
    monkeypatch.setattr(ps, "BATCH_ROWS", 50)
    columns = ("model", "problem_id", "correct")
    counted = []
    original_count = ps._count_batches

    def spy(batches, *args, **kwargs):
        def seen():
            for b in batches:
                if kwargs.get("one_model"):
                    counted.append(len(b))
                yield b

        return original_count(seen(), *args, **kwargs)

    monkeypatch.setattr(ps, "_count_batches", spy)
    assert ps._parquet_model_ids(path, parquet.schema_arrow, columns, True) is None
    # handed over part-way: at the batch holding the other model, or earlier (its row group's
    # dictionary names it)
    assert 0 < sum(counted) <= (at // 50 + 1) * 50 and sum(counted) < len(table)
    got = grouped(path)
    pd.testing.assert_frame_equal(got, hash_path(path))
    ref = reference(table, "model", "problem_id", "correct")
    assert list(got["n"]) == list(ref["n"].astype(float)) and list(got["c"]) == list(ref["c"].astype(float))


def test_the_one_model_guess_reads_the_footer(tmp_path):
    one = pa.table({"model": ["m"] * 10, "problem_id": list("abcdeabcde"), "correct": [1] * 10})
    pq.write_table(one, tmp_path / "one.parquet", row_group_size=3)
    assert ps._one_model(pq.ParquetFile(tmp_path / "one.parquet"), "model")
    pq.write_table(one, tmp_path / "nostats.parquet", write_statistics=False)
    assert not ps._one_model(pq.ParquetFile(tmp_path / "nostats.parquet"), "model")
    groups = pa.table({"model": ["m"] * 5 + ["n"] * 5, "problem_id": list("abcdeabcde"), "correct": [1] * 10})
    pq.write_table(groups, tmp_path / "groups.parquet", row_group_size=5)  # each group one model, not the same
    assert not ps._one_model(pq.ParquetFile(tmp_path / "groups.parquet"), "model")
    missing = pa.table({"model": ["m"] * 9 + [None], "problem_id": list("abcdeabcde"), "correct": [1] * 10})
    pq.write_table(missing, tmp_path / "missing.parquet")
    assert not ps._one_model(pq.ParquetFile(tmp_path / "missing.parquet"), "model")
    assert not ps._one_model(pq.ParquetFile(tmp_path / "one.parquet"), "no_such_column")


def shard_paths(folder: Path):
    """A folder of shards counted with text keys and with model ids (None: the ids handed over)."""
    dataset, columns, rows = ps._shard_dataset(folder)
    wanted = [c for c in columns if c]
    text = ps._count_batches(ps._shard_batches(dataset, wanted), folder, columns, 1, rows)
    try:
        ids = ps._count_batches(ps._shard_batches(dataset, wanted, "model"), folder, columns, 1, rows, models=ps._Ids())
    except ps._Handover:
        ids = None
    return text, ids


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    problems=st.sampled_from([1, 7, 40, 3000]),
    samples=st.integers(1, 4),
    models=st.integers(1, 4),
    order=st.sampled_from(ORDERS),
    kinds=st.lists(st.sampled_from(["str", "large", "dict"]), min_size=1, max_size=4),
    nulls=st.sampled_from([0.0, 0.1]),
    batch=st.sampled_from([5, 333, 1 << 16]),
    seed=st.integers(0, 2**31),
)
def test_shards_counted_with_model_ids_equal_the_text_keys(
    tmp_path_factory, monkeypatch, problems, samples, models, order, kinds, nulls, batch, seed
):
    """A folder of shards whose model columns are text, large text or dictionaries (one table to
    the reader): model ids give the text keys' frame, and pandas' counts in first-seen order."""
    rng = np.random.default_rng(seed)
    table = random_table(
        rng,
        problems=problems,
        samples=samples,
        models=models,
        order=order,
        problem_kind="str",
        model_kind="str",
        nulls=nulls,
        correct_kind="int",
    )
    folder = tmp_path_factory.mktemp("s")
    cuts = np.linspace(0, len(table), len(kinds) + 1).astype(int)
    for i, kind in enumerate(kinds):
        part = table.slice(cuts[i], cuts[i + 1] - cuts[i])
        values = part.column("model").combine_chunks()
        if kind == "large":
            values = values.cast(pa.large_string())
        elif kind == "dict":
            values = values.dictionary_encode()
        pq.write_table(part.set_column(0, "model", values), folder / f"part-{i:03d}.parquet", row_group_size=97)
    monkeypatch.setattr(ps, "BATCH_ROWS", batch)
    text, ids = shard_paths(folder)
    assert ids is not None
    pd.testing.assert_frame_equal(ids, text)
    read = []
    original = ps._shard_batches
    monkeypatch.setattr(ps, "_shard_batches", lambda *a: read.append(a[2:]) or original(*a))
    pd.testing.assert_frame_equal(grouped(folder), text)
    assert read == [("model",)]  # read_per_sample itself took the model ids
    ref = reference(table, "model", "problem_id", "correct")
    assert list(ids["n"]) == list(ref["n"].astype(float)) and list(ids["c"]) == list(ref["c"].astype(float))
    if not nulls:
        assert list(ids["model"]) == list(ref["model"]) and list(ids["problem"]) == list(ref["problem_id"])


def test_shards_with_many_models_hand_over_to_the_text_keys(tmp_path, monkeypatch):
    table = random_table(
        np.random.default_rng(4),
        problems=100,
        samples=4,
        models=120,
        order="shuffled",
        problem_kind="str",
        model_kind="str",
        nulls=0.0,
        correct_kind="int",
    )
    for i in range(4):
        pq.write_table(table.slice(i * 100, 100), tmp_path / f"part-{i}.parquet")
    monkeypatch.setattr(ps, "SMALL_DICTIONARY", 40)  # more models in a batch than the ids take
    text, ids = shard_paths(tmp_path)
    assert ids is None
    read = []
    original = ps._shard_batches
    monkeypatch.setattr(ps, "_shard_batches", lambda *a: read.append(a[2:]) or original(*a))
    pd.testing.assert_frame_equal(grouped(tmp_path), text)
    assert read == [("model",), ()]  # the model ids handed over, then the text keys
