"""Per-sample correctness: coverage (pass@k) curves from the samples an evaluator drew.

Three layouts are read:

* one row per problem x sample: ``problem`` (or ``problem_id``, ``id``, ``question``) and
  ``correct`` (or ``is_correct``, ``score``: 1/0, true/false, C/I), optionally ``model``;
* one row per problem with ``n`` samples of which ``c`` were correct;
* Large Language Monkeys: one row per problem with an ``is_corrects`` (or ``is_correct``) list.

Each becomes per-problem ``(n, c)``, then coverage at k on a log grid with the unbiased
estimator, and the exponentiated power law fitted to it.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

from .._lazy import pandas as pd
from ..errors import DataError, FitError
from ..files import MAX_STREAM_BYTES, check_regular, folder_files, header_line, path_text
from ..passk import (
    TOO_FEW_INSIDE,
    PowerLawFit,
    check_power_law,
    coverage,
    coverage_se,
    fit_power_law,
    fixed_set_k_max,
    k_grid,
)
from ..points import normalise_header
from .table import read_table

BATCH_ROWS = 1 << 16  # rows per record batch streamed into the aggregation
PARQUET_BUFFER = 1 << 20  # bytes read at a time from a Parquet column chunk
MAX_SAMPLES_PER_PROBLEM = 10**9  # n for one problem (pass@k sums up to sqrt(13 n) terms per k)
MODEL = ("model", "model_id", "model_version")
PROBLEM = ("problem", "problem_id", "id", "question", "task_id", "doc_id", "sample_id")
CORRECT = ("correct", "is_correct", "passed", "success")
LISTS = ("is_corrects", "is_correct")
TRUE_WORDS = {"1", "true", "t", "yes", "y", "c", "correct", "1.0"}
FALSE_WORDS = {"0", "false", "f", "no", "n", "i", "incorrect", "0.0", ""}


def classify(headers: list[str]) -> str | None:
    """'samples', 'counts', 'lists', or None (not a per-sample file)."""
    norm = {normalise_header(h) for h in headers}
    if "is_corrects" in norm:
        return "lists"
    if {"n", "c"} <= norm and norm & set(PROBLEM):
        return "counts"
    if norm & set(CORRECT) and norm & set(PROBLEM):
        return "samples"
    return None


_FIELD = {"problem": "problem id", "correct": "correctness", "is_corrects": "list of results"}


def _one_of(headers, names, file: str | None = None) -> str | None:
    """The one header among ``names`` (normalised), None if none; two are an error naming both."""
    found = [h for h in headers if normalise_header(h) in names]
    if len(found) > 1:
        raise DataError(
            f"columns {str(found[0])!r} and {str(found[1])!r} both give the {_FIELD.get(names[0], names[0])}; "
            "remove or rename one",
            file=file,
        )
    return found[0] if found else None


def _col(frame: pd.DataFrame, names, file: str | None = None) -> str | None:
    return _one_of(list(frame.columns), tuple(names), file)


def _bools(values: pd.Series, *, file: str, column: str, offset: int) -> np.ndarray:
    if isinstance(values.dtype, pd.CategoricalDtype):  # check each distinct value once
        codes = values.cat.codes.to_numpy()
        try:
            truth = _bools(pd.Series(values.cat.categories), file=file, column=column, offset=0)
        except DataError as exc:
            bad = values.cat.categories[exc.row]
            row = int(np.flatnonzero(values.to_numpy() == bad)[0]) + offset
            raise DataError(exc.detail, file=file, row=row, column=column) from None
        return np.where(codes >= 0, truth[np.maximum(codes, 0)], False)
    if values.dtype == bool:
        return values.to_numpy()
    if values.dtype.kind in "iuf":
        arr = values.to_numpy(dtype=float)
        bad = ~np.isin(arr, (0.0, 1.0))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            shown = "an empty cell" if np.isnan(arr[i]) else repr(arr[i])
            raise DataError(f"{shown} is not 0 or 1", file=file, row=i + offset, column=column)
        return arr == 1
    text = values.astype("string").str.strip().str.lower().fillna("")
    truth = text.isin(TRUE_WORDS).to_numpy()
    known = truth | text.isin(FALSE_WORDS).to_numpy()
    if not known.all():
        i = int(np.flatnonzero(~known)[0])
        shown = str(values.iloc[i])[:40]
        raise DataError(
            f"{shown!r} is not a correctness value (1/0, true/false, C/I)", file=file, row=i + offset, column=column
        )
    return truth


def problems_from_frame(frame: pd.DataFrame, path: Path, offset: int) -> pd.DataFrame:
    """Per-problem ``model, problem, n, c`` from any of the three layouts."""
    name = str(path)
    kind = classify([str(c) for c in frame.columns])
    if kind is None:
        raise DataError(
            "not a per-sample file: needs problem + correct columns, problem + n + c, or an is_corrects list; "
            "found " + ", ".join(map(repr, map(str, frame.columns))),
            file=name,
        )
    if frame.empty:
        raise DataError("no data rows", file=name)
    model_col = _col(frame, MODEL, name)
    problem_col = _col(frame, PROBLEM, name)
    # keep the columns' own dtypes (Arrow strings, categories): a million rows of Python str
    # objects would cost ~60 bytes each
    for col in (model_col, problem_col):  # ids are text or numbers: a struct or a list is not an id
        if col is not None and frame[col].dtype == object:
            kinds = set(frame[col].head(1000).map(type)) | set(frame[col].dropna().map(type).unique())
            nested = kinds & {dict, list, tuple, np.ndarray}
            if nested:
                raise DataError(
                    f"column {col!r} holds {sorted(t.__name__ for t in nested)[0]} values; an id must be text or "
                    "a number",
                    file=name,
                )
    models = frame[model_col] if model_col else pd.Series(path_text(path.stem), index=frame.index)
    problems = frame[problem_col] if problem_col else pd.Series(np.arange(len(frame)), index=frame.index)
    if kind == "samples":
        col = _col(frame, CORRECT, name)
        ok = _bools(frame[col], file=name, column=col, offset=offset)
        grouped = pd.DataFrame({"model": models, "problem": problems, "ok": ok}).groupby(
            ["model", "problem"], sort=False, observed=True
        )["ok"]
        out = grouped.agg(n="size", c="sum").reset_index()
        out["model"] = out["model"].astype(str)
        out["problem"] = out["problem"].astype(str)
    elif kind == "counts":
        ncol, ccol = _col(frame, ("n",)), _col(frame, ("c",))
        n = pd.to_numeric(frame[ncol], errors="coerce").to_numpy(float)
        c = pd.to_numeric(frame[ccol], errors="coerce").to_numpy(float)
        for label, arr in ((ncol, n), (ccol, c)):
            bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.round(arr))
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise DataError("must be a whole number >= 0", file=name, row=i + offset, column=label)
        too_many = n > MAX_SAMPLES_PER_PROBLEM
        if too_many.any():
            i = int(np.flatnonzero(too_many)[0])
            raise DataError(
                f"n = {n[i]:g} samples for one problem is more than the {MAX_SAMPLES_PER_PROBLEM:,} "
                "limit (MAX_SAMPLES_PER_PROBLEM)",
                file=name,
                row=i + offset,
                column=ncol,
            )
        bad = (c > n) | (n < 1)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise DataError(
                f"c = {c[i]:g} correct of n = {n[i]:g} samples is impossible", file=name, row=i + offset, column=ccol
            )
        out = pd.DataFrame(
            {"model": models.astype(str).to_numpy(), "problem": problems.astype(str).to_numpy(), "n": n, "c": c}
        )
    else:
        col = _col(frame, LISTS, name)
        n, c = [], []
        for i, value in enumerate(frame[col].tolist()):
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except json.JSONDecodeError:
                    raise DataError("is_corrects is not a list", file=name, row=i + offset, column=col) from None
            if not hasattr(value, "__len__") or isinstance(value, (str, dict)) or len(value) == 0:
                raise DataError(
                    "is_corrects must be a non-empty list of true/false", file=name, row=i + offset, column=col
                )
            arr = _bools(pd.Series(list(value)), file=name, column=col, offset=i + offset)
            n.append(len(arr))
            c.append(int(arr.sum()))
        out = pd.DataFrame(
            {"model": models.astype(str).to_numpy(), "problem": problems.astype(str).to_numpy(), "n": n, "c": c}
        )
    return out.astype({"n": float, "c": float})


def read_per_sample(path: str | Path) -> pd.DataFrame:
    """Read a per-sample file (CSV, TSV, Parquet, JSON, JSONL), or a folder of Parquet shards
    read as one table, into per-problem ``(n, c)``. Remote sources (``s3://``, ``gs://``,
    ``https://``), Parquet partials and per-sample rows with a setting, task, tokens or cost
    column are read through the partials (engine/partials.py). Samples with an empty problem id
    are an error: counted together they were one more problem, silently."""
    problems = _read_per_sample(path)
    blank = _blank(problems["problem"])
    if blank.any():
        models = ", ".join(sorted({str(m) for m in problems["model"][blank]})[:5])
        raise DataError(
            f"{int(problems['n'][blank].sum()):,} sample(s) have an empty problem id (model {models}): each sample "
            "needs the problem it answers",
            file=str(path),
        )
    return problems


def _blank(ids: pd.Series) -> np.ndarray:
    """Which ids are missing or only whitespace (``str.strip()`` leaves them empty). Arrow-backed
    text is checked in Arrow without making the stripped copy: a value strips to empty exactly
    when it is empty or every character is whitespace (``utf8_is_space``, the same characters
    ``utf8_trim_whitespace``, pandas' strip, removes)."""
    dtype = ids.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        import pyarrow.compute as pc

        values = ids.array.__arrow_array__()  # the Arrow array itself, no copy
        empty = pc.or_kleene(pc.equal(pc.binary_length(values), 0), pc.utf8_is_space(values))
        return np.asarray(pc.fill_null(empty, True).to_numpy(), dtype=bool)  # a missing id too
    return ids.isna().to_numpy() | (ids.astype(str).str.strip() == "").to_numpy()


def _read_per_sample(path: str | Path) -> pd.DataFrame:
    from ..partials import read_problems, wants_partials
    from ..remote import is_remote

    if is_remote(path):
        return read_problems(str(path))
    path = Path(path)
    check_regular(path, allow_dir=True, max_bytes=MAX_STREAM_BYTES)
    if wants_partials(path):
        return read_problems(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        streamed = _stream_samples(path) if parquet_shards(path) else None
        if streamed is None:
            raise DataError("folder has no per-sample Parquet files (problem + correct columns)", file=str(path))
        return streamed
    if suffix in (".csv", ".tsv", ".txt"):
        streamed = _stream_samples(path)
        if streamed is not None:
            return streamed
        frame, offset = _fast_csv(path)
    elif suffix in (".parquet", ".pq"):
        streamed = _stream_samples(path)
        if streamed is not None:
            return streamed
        frame, offset = _fast_parquet(path)
    else:
        frame, offset = read_table(path)
    return problems_from_frame(frame, path, offset)


def read_header(path: Path, sep: str | None = None) -> tuple[list[str], str]:
    """The first line of a delimited text file as column names, and the delimiter (guessed from
    that line when not given). An unreadable file gives no names; an over-long header line or
    more than MAX_COLUMNS columns is a DataError (engine/files.py)."""
    return header_line(path, sep)


def _text_sep(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _wanted(headers: list[str]) -> list[str]:
    wanted = {"model", "model_id", "model_version", *PROBLEM, *CORRECT, "n", "c", *LISTS}
    return [h for h in headers if normalise_header(h) in wanted]


def _fast_csv(path: Path) -> tuple[pd.DataFrame, int]:
    """Large per-sample CSVs: pyarrow's reader, only the needed columns, text dictionary-encoded
    (a million rows of problem ids cost a few MB, not a million Python strings). Anything it
    cannot parse goes to the careful reader, which names the problem."""
    import pandas  # noqa: F401  before pyarrow's reader reserves its memory: imported after it, a
    import pyarrow.csv as pacsv  # tight address-space limit left no room for pandas itself

    headers, sep = read_header(path, _text_sep(path))
    try:
        table = pacsv.read_csv(
            path,
            # threads only for a large file: each one reserves address space for its stack and heap
            read_options=pacsv.ReadOptions(use_threads=path.stat().st_size > 16 * 1024**2),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(include_columns=_wanted(headers) or None, auto_dict_encode=True),
        )
        return table.to_pandas(), 2
    except Exception:  # let the careful reader name the problem
        return read_table(path)


def _sample_columns(headers: list[str], file: str | None = None) -> tuple[str | None, str, str] | None:
    if classify(headers) != "samples":
        return None
    return _one_of(headers, MODEL, file), _one_of(headers, PROBLEM, file), _one_of(headers, CORRECT, file)


def _ok_array(values, *, file: str, column: str, offset: int):
    """A batch's correctness column as int8 0/1 (Arrow), each distinct text value checked once.
    A value that is not a correctness value is a DataError naming its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(values.type):
        values = values.dictionary_decode()
    kind = values.type
    if pa.types.is_boolean(kind):
        return pc.fill_null(values, False).cast(pa.int8())
    if pa.types.is_integer(kind) and values.null_count == 0:  # one pass when every value is 0 or 1
        bounds = pc.min_max(values)
        if len(values) == 0 or (bounds["min"].as_py() >= 0 and bounds["max"].as_py() <= 1):
            return values.cast(pa.int8())
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        good = pc.fill_null(pc.is_in(values, value_set=pa.array([0, 1], type=kind)), False)
        if not pc.all(good).as_py():
            i = int(np.flatnonzero(~good.to_numpy(zero_copy_only=False))[0])
            cell = values[i].as_py()
            shown = "an empty cell" if cell is None or cell != cell else repr(float(cell))
            raise DataError(f"{shown} is not 0 or 1", file=file, row=i + offset, column=column)
        return pc.fill_null(values, 0).cast(pa.int8())
    if pa.types.is_null(kind):
        return pa.array(np.zeros(len(values), np.int8))
    encoded = pc.dictionary_encode(values.cast(pa.large_string()) if not pa.types.is_string(kind) else values)
    words = encoded.dictionary.to_pylist()
    truth = []
    for j, word in enumerate(words):
        key = word.strip().lower()
        if key in TRUE_WORDS or key in FALSE_WORDS:
            truth.append(key in TRUE_WORDS)
            continue
        i = int(np.flatnonzero(encoded.indices.to_numpy(zero_copy_only=False) == j)[0])
        raise DataError(
            f"{word[:40]!r} is not a correctness value (1/0, true/false, C/I)", file=file, row=i + offset, column=column
        )
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
    table = np.array(truth + [False], dtype=np.int8)  # code -1 (a missing value) is False
    return pa.array(table[codes])


def _plain(array):
    """Dictionary-encoded keys decoded (each batch may carry its own dictionary)."""
    import pyarrow as pa

    return array.dictionary_decode() if pa.types.is_dictionary(array.type) else array


class _Throttle:
    """Keeps the file reader at most ``limit`` rows ahead of the aggregation. Arrow's source node
    would otherwise read the whole file into its queue while a large hash table is filled (a
    million problems), and memory would grow with the file, not with the number of problems."""

    _next = 0
    active: dict[int, _Throttle] = {}
    lock = threading.Lock()

    def __init__(self, limit: int) -> None:
        self.limit, self.consumed = limit, 0
        self.cond = threading.Condition()
        with _Throttle.lock:
            _Throttle._next += 1
            self.token = _Throttle._next
            _Throttle.active[self.token] = self

    def wait(self, produced: int) -> None:
        with self.cond:
            last, idle = self.consumed, 0
            # never blocks for good: with no progress for ~2 s it lets the reader go on
            while produced - self.consumed > self.limit and idle < 40:
                self.cond.wait(0.05)
                idle = 0 if self.consumed != last else idle + 1
                last = self.consumed

    def done(self, rows: int) -> None:
        with self.cond:
            self.consumed += rows
            self.cond.notify_all()

    def close(self) -> None:
        with _Throttle.lock:
            _Throttle.active.pop(self.token, None)


_UDF = "scalescope_rows_consumed_i64"


def _register_udf() -> None:
    """An identity function on the ``ok`` column, evaluated as each batch enters the
    aggregation: it tells the batch's throttle how far the aggregation has got."""
    import pyarrow as pa
    import pyarrow.compute as pc

    with _Throttle.lock:
        try:
            pc.get_function(_UDF)
            return
        except KeyError:
            pass

        def consumed(ctx, ok, token):
            key = token.as_py() if isinstance(token, pa.Scalar) else token[0].as_py()
            throttle = _Throttle.active.get(key)
            if throttle is not None:
                throttle.done(len(ok))
            return ok

        pc.register_scalar_function(
            consumed,
            _UDF,
            {"summary": "rows consumed", "description": "identity; counts rows for the reader's throttle"},
            {"ok": pa.int64(), "token": pa.int64()},
            pa.int64(),
        )


def _count_batches(
    batches,
    path: Path,
    columns: tuple[str | None, str, str],
    first_row: int,
    max_rows: int | None = None,
    models: _Ids | None = None,
    one_model: bool = False,
) -> pd.DataFrame:
    """Per-problem (n, c) from record batches, counted as they stream past with Arrow's streaming
    hash aggregation (one thread, fed by the reader on another): memory stays at a few batches
    plus one row per problem, whatever the row order or the number of problems. Problems keep
    the order in which they first appear.

    ``max_rows`` bounds the rows the batches hold (None: unknown). Below 2**31 rows, each
    problem's n and c are summed as one 64-bit number (``c * 2**32 + n``) and its first row is
    kept as 32 bits: a third less hash-table memory than separate sum, count and 64-bit row.

    ``models`` (an empty ``_Ids``): the model column is grouped as dense int32 ids, not as text
    (a file's few models, read as its own dictionary): hashing an int and one string per row
    instead of two strings. Raises _Handover when the models cost more than eight lookups per
    row read, as the dictionary path does: the caller then reads the file with text keys.
    ``one_model`` (with ``models``): the file is expected to hold one model (its footer says so),
    and problems alone are the keys; a batch with any other model value (or a missing one)
    raises _Handover."""
    import pyarrow as pa
    import pyarrow.acero as acero
    import pyarrow.compute as pc

    model_col, problem_col, correct_col = columns
    keys = ["model", "problem"] if model_col and not one_model else ["problem"]
    failure: list[BaseException] = []
    throttle = _Throttle(1 << 18)
    _register_udf()
    packed = max_rows is not None and max_rows + first_row < 2**31
    row_type = np.uint32 if packed else np.int64

    def counted():
        row = first_row
        try:
            for batch in batches:
                if len(batch) == 0:
                    continue
                throttle.wait(row - first_row)
                ok = _ok_array(batch.column(correct_col), file=str(path), column=correct_col, offset=row)
                value = ok.to_numpy(zero_copy_only=False).astype(np.int64)
                if packed:  # c in the high 32 bits, n in the low
                    value = (value << 32) | 1
                rows = np.arange(row, row + len(batch), dtype=row_type)
                arrays = [_plain(batch.column(problem_col)), pa.array(value), pa.array(rows)]
                if models is not None:
                    model = models.ids(batch.column(model_col))
                    if models.cost > 8 * (row + len(batch) - first_row) + (1 << 20):
                        raise _Handover  # many models, or dictionaries that keep changing
                    if one_model:
                        if not isinstance(model, int) or models.count != 1:
                            raise _Handover  # a second model after all: the footer was only a guess
                    else:
                        if isinstance(model, int):
                            model = np.full(len(batch), model, np.int32)
                        arrays.insert(0, pa.array(model.astype(np.int32, copy=False)))
                elif model_col:
                    arrays.insert(0, _plain(batch.column(model_col)).cast(pa.string()))
                yield pa.record_batch(arrays, names=[*keys, "ok", "row"])
                row += len(batch)
        except BaseException as exc:  # raised again below, once Arrow has stopped the plan
            failure.append(exc)

    stream = counted()
    first = next(stream, None)
    try:
        if failure:
            raise failure[0]
        if first is None:
            raise DataError("no data rows", file=str(path))

        def chained():
            yield first
            yield from stream

        reader = pa.RecordBatchReader.from_batches(first.schema, chained())
        fields = [pc.field(k) for k in keys]
        plan = acero.Declaration.from_sequence(
            [
                acero.Declaration("record_batch_reader_source", acero.RecordBatchReaderSourceNodeOptions(reader)),
                acero.Declaration(
                    "project",
                    acero.ProjectNodeOptions(
                        [
                            *fields,
                            pc.Expression._call(_UDF, [pc.field("ok"), pc.scalar(throttle.token)]),
                            pc.field("row"),
                        ],
                        [*keys, "ok", "row"],
                    ),
                ),
                acero.Declaration(
                    "aggregate",
                    acero.AggregateNodeOptions(
                        [
                            *([("ok", "hash_sum", None, "packed")] if packed else []),
                            *([] if packed else [("ok", "hash_sum", None, "c"), ("ok", "hash_count", None, "n")]),
                            ("row", "hash_min", None, "first"),
                        ],
                        keys=keys,
                    ),
                ),
            ]
        )
        try:
            # one aggregation thread: a hash table per thread would double the memory
            table = plan.to_table(use_threads=False)
        except Exception:
            if failure:
                raise failure[0] from None
            raise
        if failure:
            raise failure[0]
    finally:
        throttle.close()
    # everything below allocates from Arrow's pool, which reuses what the hash table freed:
    # a million problems then cost no more peak memory than the aggregation itself
    table = table.combine_chunks()
    first_rows = table.column("first").chunk(0).to_numpy()  # a view, no copy
    table = table.drop_columns(["first"])
    if not bool(np.all(first_rows[1:] > first_rows[:-1])):
        # the groups come out nearly in first-row order (a few short runs out of place): numpy's
        # stable sort (timsort) finds the runs, ~20x faster than Arrow's sort here. First rows
        # are distinct, so every sort gives this one order
        order = np.argsort(first_rows, kind="stable")
        del first_rows
        table = table.take(pa.array(order))
        del order
    else:
        del first_rows
    if packed:
        both = table.column("packed")
        table = table.drop_columns(["packed"])
        table = table.append_column("n", pc.bit_wise_and(both, 2**32 - 1)).append_column("c", pc.shift_right(both, 32))
        del both
    if models is not None:  # the ids back to the model names, as text as the text keys were
        names = models._all()
        # one model (the common file): every id is 0, so the column is that name repeated
        named = pa.repeat(names[0], len(table)) if len(names) == 1 else names.take(table.column("model"))
        if one_model:
            table = table.add_column(0, "model", named.cast(pa.string()))
        else:
            table = table.set_column(0, "model", named.cast(pa.string()))
        del named

    return _problems_frame(table, path, model_col is not None)


SMALL_DICTIONARY = 1 << 15  # distinct ids in one batch's dictionary the dictionary path takes
MAX_DICTIONARY_CELLS = 1 << 20  # (model, problem) cells it counts in (17 bytes each: 17 MiB)
# a column chunk's dictionary page (compressed) above which a file goes straight to the hash
# aggregation: 128 KiB holds ~26k ids like "problem-12345" (20k: 101 KB, 30k: 151 KB, snappy);
# reading a larger one only to hand it over cost ~5 ms at 1M rows
DICTIONARY_PAGE_BYTES = 1 << 17


class _Handover(Exception):
    """The dictionary path stops (too many distinct ids, or something it does not take): the
    file is read again by the hash aggregation, from the start."""


def _dictionary_key(kind) -> bool:
    """An id column the dictionary path groups: text, bytes or integers (as Arrow's hash
    aggregation would: equal values are equal ids). Floats (NaN, -0.0) and anything else are
    left to the hash aggregation."""
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_binary(kind)
        or pa.types.is_large_binary(kind)
        or pa.types.is_integer(kind)
    )


class _Ids:
    """Dense ids 0, 1, 2, ... for one id column's values across batches, in the order they are
    first given. A batch's dictionary is looked up in the values seen so far (Arrow's hashing,
    as the hash aggregation groups) only when it is new: a Parquet column chunk hands the same
    dictionary to every batch, or a longer one that starts with it, and only the longer tail is
    looked up. ``cost`` counts values hashed, to stop a file whose dictionaries keep changing."""

    def __init__(self) -> None:
        self.parts: list = []  # Arrow arrays of distinct values, in id order
        self.values = None  # the parts as one array (rebuilt when a part is added)
        self.count = 0
        self.cost = 0
        self.last = None  # the last dictionary and its ids
        self.last_ids = np.zeros(0, np.int32)
        self.null_id: int | None = None

    def _all(self):
        import pyarrow as pa

        if self.values is None or len(self.values) != self.count:
            self.values = pa.concat_arrays(self.parts) if len(self.parts) != 1 else self.parts[0]
            self.parts = [self.values]
        return self.values

    def _new(self, values) -> np.ndarray:
        """Ids of ``values`` (an Arrow array), giving each value not seen before the next id."""
        import pyarrow.compute as pc

        if self.count:
            known = self._all()
            self.cost += len(known) + len(values)
            found = pc.index_in(values, value_set=known, skip_nulls=False)
            if found.null_count == 0:
                return found.to_numpy(zero_copy_only=False)
            fresh = pc.unique(values.filter(pc.is_null(found)))
        else:
            fresh = pc.unique(values)
        self.parts.append(fresh)
        self.count += len(fresh)
        known = self._all()
        self.cost += len(known) + len(values)
        found = pc.index_in(values, value_set=known, skip_nulls=False)
        return found.to_numpy(zero_copy_only=False)

    def ids(self, array) -> np.ndarray | int:
        """The id of every value of a batch's column (int32, one per row), or one id when they
        all have the same."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        if not pa.types.is_dictionary(array.type):
            array = pc.dictionary_encode(array)
        dictionary, indices = array.dictionary, array.indices
        if len(dictionary) > SMALL_DICTIONARY:
            raise _Handover
        last = self.last
        if last is not None and len(dictionary) >= len(last) and dictionary.slice(0, len(last)).equals(last):
            if len(dictionary) > len(last):
                tail = self._new(dictionary.slice(len(last)))
                self.last_ids = np.concatenate([self.last_ids, tail])
        else:
            self.last_ids = self._new(dictionary)
        self.last = dictionary
        table = self.last_ids
        if indices.null_count:  # a missing id is one more value (null), as the hash aggregation groups it
            if self.null_id is None:
                self.null_id = int(self._new(pa.nulls(1, dictionary.type))[0])
            table = np.append(table, np.int32(self.null_id))
            indices = pc.fill_null(indices, len(dictionary))
        if len(table) == 1 or (len(table) <= 16 and (table == table[0]).all()):
            return int(table[0])
        return table.take(indices.to_numpy(zero_copy_only=False))


def _count_dictionary(batches, path: Path, columns: tuple[str | None, str, str], first_row: int) -> pd.DataFrame:
    """Per-problem (n, c) from record batches whose id columns are dictionary-encoded (Parquet's
    own dictionary pages, read with ``read_dictionary``), counted with numpy: each batch's
    dictionary is mapped to dense ids once, and n and c are ``bincount`` over the (model, problem)
    cell of every row. Problems keep the order in which they first appear. Memory: a batch and
    17 bytes per cell (at most MAX_DICTIONARY_CELLS). Raises _Handover when a dictionary holds
    more than SMALL_DICTIONARY values, the cells would pass MAX_DICTIONARY_CELLS, or the work
    beyond reading (values hashed to look dictionaries up, cells swept per batch) passes eight
    per row read: the hash aggregation is then the faster way (and its memory is one row per
    problem). Time is linear in rows either way."""
    import pyarrow as pa

    model_col, problem_col, correct_col = columns
    models, problems = _Ids(), _Ids()
    width, height = 0, 0  # cells: model id * width + problem id
    n = np.zeros(0, np.int64)
    c = np.zeros(0, np.int64)
    seen = np.zeros(0, bool)
    order: list[tuple[np.ndarray, np.ndarray]] = []
    row, swept = first_row, 0
    for batch in batches:
        if len(batch) == 0:
            continue
        ok = _ok_array(batch.column(correct_col), file=str(path), column=correct_col, offset=row)
        ok = ok.to_numpy(zero_copy_only=False).view(np.uint8)
        problem = problems.ids(batch.column(problem_col))
        model = models.ids(batch.column(model_col)) if model_col else None
        rows_m = models.count if model_col else 1
        if problems.count > width or rows_m > height:  # grow (doubling), keeping each cell's counts
            new_width = max(width, 1)
            while new_width < problems.count:
                new_width *= 2
            new_height = max(height, rows_m)
            if new_width * new_height > MAX_DICTIONARY_CELLS:
                raise _Handover
            grown = []
            for old in (n, c, seen):
                cells = np.zeros((new_height, new_width), old.dtype)
                cells[:height, :width] = old.reshape(height, width)
                grown.append(cells.ravel())
            n, c, seen = grown
            width, height = new_width, new_height
        if isinstance(problem, int):
            problem = np.full(len(batch), problem, np.int32)
        one = model is None or (isinstance(model, int) and model == 0)  # no model column, or model 0 only
        cell = problem if one else model * width + problem
        # one bincount for both: cell * 2 + ok counts each cell's wrong and right samples
        both = np.bincount(cell * 2 + ok, minlength=2 * len(n))
        right = both[1::2]
        counted = both[0::2] + right
        n += counted
        c += right
        fresh = (counted > 0) & ~seen
        if fresh.any():  # cells seen for the first time, in the order of their first rows
            # a cell's first row starts a run of equal cells: only run starts are looked at
            starts = np.flatnonzero(cell[1:] != cell[:-1]) + 1
            candidates = np.concatenate([cell[:1], cell[starts]])
            first = pd.unique(candidates[fresh[candidates]])
            seen[first] = True
            order.append((first // width, first % width))
        row += len(batch)
        swept += len(n)  # each batch's bincount and first-seen check sweep every cell
        if models.cost + problems.cost + swept > 8 * (row - first_row) + (1 << 20):
            raise _Handover  # many small batches over many cells, or dictionaries that keep changing
    if not order:
        raise DataError("no data rows", file=str(path))
    model, problem = (np.concatenate(part) for part in zip(*order))
    cells = model * width + problem
    table = {}
    if model_col:
        table["model"] = models._all().take(pa.array(model)).cast(pa.string())
    table["problem"] = problems._all().take(pa.array(problem))
    table["n"] = pa.array(n[cells])
    table["c"] = pa.array(c[cells])
    return _problems_frame(pa.table(table), path, model_col is not None)


def _few_ids(parquet, columns: tuple[str | None, str, str]) -> bool:
    """Whether a Parquet file's id columns look few enough for the dictionary path, from its footer
    alone: every column chunk of them has a dictionary page, and none over DICTIONARY_PAGE_BYTES
    (compressed). Only a guess (it saves reading a large dictionary twice): the dictionary path
    still hands over when it meets more ids than it takes."""
    meta = parquet.metadata
    if meta.num_row_groups == 0:
        return False
    names = [meta.schema.column(i).path for i in range(meta.num_columns)]
    wanted = [names.index(c) for c in columns[:2] if c and c in names]
    if len(wanted) != sum(1 for c in columns[:2] if c):
        return False
    for group in range(min(meta.num_row_groups, 1000)):  # a guess: the first thousand row groups
        chunks = meta.row_group(group)
        for i in wanted:
            chunk = chunks.column(i)
            if not chunk.has_dictionary_page:
                return False
            if chunk.data_page_offset - chunk.dictionary_page_offset > DICTIONARY_PAGE_BYTES:
                return False
    return True


def _parquet_dictionary(path: Path, schema, columns: tuple[str | None, str, str]) -> pd.DataFrame | None:
    """A Parquet file counted by the dictionary path: its text ids read as the file's own
    dictionaries (no string per row is made or hashed), one decoding thread, the same 1 MiB read
    buffer and batches as the hash aggregation. None when the dictionary path hands over (the
    file has too many distinct ids for it) or cannot read the file: the hash aggregation then
    reads it from the start, so every result, error and message is the one it gives."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    wanted = [c for c in columns if c]
    try:
        text = [
            c
            for c in columns[:2]
            if c and not pa.types.is_integer(schema.field(c).type) and not pa.types.is_dictionary(schema.field(c).type)
        ]
        parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=PARQUET_BUFFER, read_dictionary=text)
        batches = parquet.iter_batches(BATCH_ROWS, columns=wanted, use_threads=False)
        return _count_dictionary(batches, path, columns, 1)
    except DataError:
        raise
    except Exception:  # _Handover, or anything the hash aggregation should meet and name
        return None


def _parquet_model_ids(
    path: Path, schema, columns: tuple[str | None, str, str], one_model: bool = False
) -> pd.DataFrame | None:
    """A Parquet file with a model column of few values counted by the hash aggregation with the
    models as int ids (the column read as the file's own dictionary: no model string per row is
    made or hashed), or with ``one_model`` by problem alone. None when that hands over (more
    models than it takes, or a second model) or cannot read the file: the caller then reads it
    from the start another way (at the end, with text keys), so every result, error and message
    is the one the text keys give."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    model_col = columns[0]
    kind = schema.field(model_col).type
    text = [] if pa.types.is_integer(kind) or pa.types.is_dictionary(kind) else [model_col]
    try:
        parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=PARQUET_BUFFER, read_dictionary=text)
        batches = parquet.iter_batches(BATCH_ROWS, columns=[c for c in columns if c], use_threads=False)
        rows = parquet.metadata.num_rows
        return _count_batches(batches, path, columns, 1, rows, models=_Ids(), one_model=one_model)
    except DataError:
        raise
    except Exception:  # _Handover, or anything the text keys should meet and name
        return None


def _one_model(parquet, model_col: str) -> bool:
    """Whether a Parquet file's footer says its model column holds one value and no missing one
    (every row group's statistics: min == max, the same in each, no nulls). Only a guess (a
    footer may be truncated or wrong): the one-model count checks every batch and hands over."""
    meta = parquet.metadata
    try:
        names = [meta.schema.column(i).path for i in range(meta.num_columns)]
        if meta.num_row_groups == 0 or model_col not in names:
            return False
        column, value = names.index(model_col), None
        for group in range(min(meta.num_row_groups, 1000)):  # a guess: the first thousand row groups
            stats = meta.row_group(group).column(column).statistics
            if stats is None or not stats.has_min_max or not stats.has_null_count or stats.null_count:
                return False
            if stats.min != stats.max or (value is not None and stats.min != value):
                return False
            value = stats.min
        return True
    except Exception:  # statistics it cannot read: no guess
        return False


def _problems_frame(table, path: Path, has_model: bool) -> pd.DataFrame:
    """The per-problem frame from an Arrow table of ``model`` (when the file has one), ``problem``,
    ``n`` and ``c``, in that row order: ids as text, counts as floats."""
    import pyarrow as pa

    def text(name: str) -> pd.Series:
        column = table.column(name)
        if not pa.types.is_string(column.type):
            column = column.cast(pa.string())
        return column.to_pandas().astype(str)  # Arrow-backed text, no Python objects

    def counts(name: str) -> np.ndarray:
        return table.column(name).cast(pa.float64()).to_numpy()

    rows = len(table)
    return pd.DataFrame(
        {
            "model": text("model")
            if has_model
            else pd.Series(path_text(path.stem), index=pd.RangeIndex(rows), dtype=str),
            "problem": text("problem"),
            "n": counts("n"),
            "c": counts("c"),
        },
        copy=False,
    )


def _stream_samples(path: Path) -> pd.DataFrame | None:
    """One row per sample (CSV, Parquet, or a folder of Parquet shards), streamed in batches.
    None for other layouts, or when pyarrow cannot stream the file (the careful reader then
    names the problem)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    try:
        if path.is_dir():
            found = _shard_dataset(path)
            if found is None:
                return None
            dataset, columns, rows = found
            wanted = [c for c in columns if c]
            model_col = columns[0]
            if model_col and pa.types.is_string(dataset.schema.field(model_col).type):
                import pyarrow.parquet as pq

                # the first shard's footer as the guess (the count hands over if it is wrong)
                if _few_ids(pq.ParquetFile(dataset.files[0]), (model_col,)):
                    try:
                        batches = _shard_batches(dataset, wanted, model_col)
                        return _count_batches(batches, path, columns, 1, rows, models=_Ids())
                    except DataError:
                        raise
                    except Exception:  # _Handover, or anything the text keys should meet and name
                        pass
            batches = _shard_batches(dataset, wanted)
            return _count_batches(batches, path, columns, 1, rows)
        if path.suffix.lower() in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            # no pre-buffering: it keeps every row group's column chunks read so far (memory grew
            # with the file); pages are read through a 1 MiB buffer instead
            parquet = pq.ParquetFile(path, pre_buffer=False, buffer_size=PARQUET_BUFFER)
            columns = _sample_columns(parquet.schema_arrow.names, str(path))
            if columns is None:
                return None
            wanted = [c for c in columns if c]
            schema = parquet.schema_arrow
            if _few_ids(parquet, columns) and all(_dictionary_key(schema.field(c).type) for c in columns[:2] if c):
                counted = _parquet_dictionary(path, schema, columns)
                if counted is not None:
                    return counted
            if columns[0] and _dictionary_key(schema.field(columns[0]).type) and _few_ids(parquet, columns[:1]):
                for one_model in (True, False) if _one_model(parquet, columns[0]) else (False,):
                    counted = _parquet_model_ids(path, schema, columns, one_model)
                    if counted is not None:
                        return counted
            # one decoding thread: a thread per column gave each its own allocator heap, ~30 MiB
            # more peak at 1M rows, and no faster with the aggregation waiting on one thread anyway
            batches = parquet.iter_batches(BATCH_ROWS, columns=wanted, use_threads=False)
            return _count_batches(batches, path, columns, 1, parquet.metadata.num_rows)
        headers, sep = read_header(path, _text_sep(path))
        columns = _sample_columns(headers, str(path))
        if columns is None:
            return None
        text_types = {c: "string" for c in columns[:2] if c}
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=1 << 19),  # 512 KiB: 4 MiB blocks peaked ~35 MB higher at 1M rows
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(include_columns=[c for c in columns if c], column_types=text_types),
        )
        # every row takes at least two bytes (a separator and a line end)
        return _count_batches(reader, path, columns, 2, path.stat().st_size // 2 + 1)
    except DataError:
        raise
    except Exception:
        return None


def _plain_type(kind):
    """A column's type as a reader sees its values: dictionary-encoded text is text, large
    strings are strings."""
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return pa.string()
    return kind


def _shard_batches(dataset, wanted: list[str], dictionary: str | None = None):
    """The dataset's shards streamed one after another exactly as a single file is (no
    pre-buffering, a 1 MiB read buffer), each batch cast to the dataset's schema. Not the
    dataset's own scanner: it decodes whole row groups ahead (Arrow's pool peaked at 54 MiB
    against 10 MiB for these reads, 10M rows in 8 shards), so memory grew with the shards.
    ``dictionary``: a text column read as each shard's own dictionary, kept dictionary-encoded
    (the model-id count)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = dataset.schema
    types = {c: schema.field(c).type for c in wanted}
    if dictionary:
        types[dictionary] = pa.dictionary(pa.int32(), types[dictionary])
    for file in dataset.files:
        shard = pq.ParquetFile(
            file, pre_buffer=False, buffer_size=PARQUET_BUFFER, read_dictionary=[dictionary] if dictionary else None
        )
        for batch in shard.iter_batches(BATCH_ROWS, columns=wanted):
            yield pa.record_batch([batch.column(c).cast(types[c]) for c in wanted], names=wanted)


def _shard_dataset(folder: Path):
    """A folder's Parquet shards as one ``pyarrow.dataset`` (schema: the first shard's columns
    the reader needs), those columns and the number of rows; None when the first shard is not per-sample. Every
    shard must name the same columns with the same types (read from each footer, no data): a
    shard that differs is a DataError naming it."""
    import pyarrow as pa
    import pyarrow.dataset as pads
    import pyarrow.parquet as pq

    files = parquet_shards(folder)
    if not files:
        return None

    rows = 0

    def schema_of(file: str):
        nonlocal rows
        try:
            meta = pq.read_metadata(file)
            rows += meta.num_rows
            return meta.schema.to_arrow_schema()
        except Exception as exc:
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise DataError(f"not a readable Parquet shard ({detail[:200]})", file=file) from None

    first = schema_of(files[0])
    columns = _sample_columns(first.names, files[0])
    if columns is None:
        return None
    wanted = [c for c in columns if c]
    types = {c: _plain_type(first.field(c).type) for c in wanted}
    for file in files[1:]:
        schema = schema_of(file)
        got = _sample_columns(schema.names, file)
        if got != columns:
            what = "no problem + correct columns" if got is None else "columns " + ", ".join(repr(c) for c in got if c)
            raise DataError(
                f"shard has {what}, but the first shard ({Path(files[0]).name}) has {', '.join(map(repr, wanted))}",
                file=file,
            )
        for c in wanted:
            kind = _plain_type(schema.field(c).type)
            if kind != types[c]:
                raise DataError(
                    f"column {c!r} is {kind}, but {types[c]} in the first shard ({Path(files[0]).name})", file=file
                )
    schema = pa.schema([pa.field(c, types[c]) for c in wanted])
    return pads.dataset(files, schema=schema, format="parquet"), columns, rows


def parquet_shards(folder: Path) -> list[str]:
    """The Parquet files in a folder and its subfolders (how large evaluations store per-sample
    results), in name order; hidden files are skipped."""
    found, _skipped = folder_files(folder, (".parquet", ".pq"))  # regular files only, bounded walk
    return sorted(str(p) for p in found if not p.name.startswith((".", "_")))


def _fast_parquet(path: Path) -> tuple[pd.DataFrame, int]:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        columns = _wanted(schema.names) or None
        text = [c for c in (columns or schema.names) if str(schema.field(c).type) in ("string", "large_string")]
        return pq.read_table(path, columns=columns, read_dictionary=text).to_pandas(), 1
    except Exception:
        return read_table(path)


def coverage_table(problems: pd.DataFrame, points: int = 30) -> tuple[pd.DataFrame, PowerLawFit | None]:
    """Coverage (percent) at k on a log grid, pooled over models, and its power-law fit."""
    n = problems["n"].to_numpy(float)
    c = problems["c"].to_numpy(float)
    if len(n) and n.max() > MAX_SAMPLES_PER_PROBLEM:
        raise DataError(
            f"a problem has {n.max():g} samples, more than the {MAX_SAMPLES_PER_PROBLEM:,} limit (MAX_SAMPLES_PER_PROBLEM)"
        )
    k_max, _ = fixed_set_k_max(n)  # one problem set along the whole curve (engine/passk.py)
    ks = k_grid(k_max, points)
    cov = coverage(n, c, ks)
    se = coverage_se(n, c, ks)
    z = np.full(len(ks), np.nan)
    try:
        power = fit_power_law(ks, cov)
        fitted = 100 * power.predict(ks)
        z = np.asarray(check_power_law(power, ks, cov, se).z)
    except FitError:
        power, fitted = None, np.full(len(ks), np.nan)
    table = pd.DataFrame({"k": ks, "coverage": 100 * cov, "coverage_se": 100 * se, "power_law": fitted, "misfit_z": z})
    return table, power


def coverage_by_model(
    problems: pd.DataFrame, points: int = 30
) -> list[tuple[str, pd.DataFrame, PowerLawFit | None, str]]:
    """Coverage per model (never pooled across models): ``(model, table, power law, why no
    power law)`` in the file's order; the reason is empty when the power law was fitted."""
    out = []
    for model, group in problems.groupby("model", sort=False):
        table, power = coverage_table(group, points)
        why = "" if power is not None else _power_law_reason(table)
        out.append((str(model), group, table, power, why))
    return [(m, t, p, w) for m, _, t, p, w in out]


def _power_law_reason(table: pd.DataFrame) -> str:
    cov = table["coverage"].to_numpy(float)
    inside = np.isfinite(cov) & (cov > 0) & (cov < 100)
    if inside.sum() < 2:
        return TOO_FEW_INSIDE
    return "the fit failed"


def coverage_points(problems: pd.DataFrame, path: Path, points: int = 30) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """A points table: one coverage-vs-samples series per model."""
    rows, notes = [], []
    for model, group in problems.groupby("model", sort=False):
        table, power = coverage_table(group, points)
        for k, cov in zip(table["k"], table["coverage"]):
            if np.isfinite(cov):
                rows.append(
                    {
                        "benchmark": path_text(path.name),
                        "model": f"{model} @{k}",
                        "series": str(model),
                        "compute": k,
                        "score": cov,
                        "n": len(group),
                        "label": f"coverage at k={k}",
                        "source": path_text(path),
                    }
                )
        if power is not None:
            notes.append(
                f"{model}: coverage = exp(-{power.a:.3g} k^{-power.beta:.3g}) "
                + (f"({power.r2_text()}), " if power.exact else f"(R² {power.r_squared:.3f}), ")
                + f"{len(group)} problems, {int(group['n'].min())}-{int(group['n'].max())} samples each"
            )
    return pd.DataFrame(rows), tuple(notes)
