"""Partials: per (model, setting, task, problem) the counts and sums that pass@k, coverage and the
budget curves need, a table a million times smaller than the per-sample rows it comes from.

The format (Parquet; one row per key; rows with the same key are summed when read, so partials
of separate shards can simply be concatenated):

==============  =======  ===================================================================
column          type     meaning
==============  =======  ===================================================================
model           string   the model (the file's name when the samples had no model column)
setting         string   a setting of the model (effort, budget); "" for none
task            string   the task or benchmark the problem belongs to; "" for none
problem         string   the problem id
n               int64    samples drawn for the problem (>= 1)
c               int64    of them correct (0 <= c <= n)
tokens          float64  sum of the tokens of the samples whose tokens are known (null: none)
tokens_known    int64    how many samples had their tokens known
cost            float64  sum of the cost (dollars) of the samples whose cost is known (null: none)
cost_known      int64    how many samples had their cost known
==============  =======  ===================================================================

Only ``problem``, ``n`` and ``c`` are required when reading; the others default as above.
Series are one per (model, setting): ``model`` alone, or ``model (setting)``.

:func:`reduce_source` streams per-sample rows (or partials) from a file, a folder of shards,
local or remote, in batches, and sums them per key in chunks: memory is a chunk of rows plus
one row per key. :func:`reduce_part` does one shard; :func:`combine` merges partials. The Dask
engine (engine/distributed.py) runs the same two functions on a cluster's workers.
"""

from __future__ import annotations

import time
from dataclasses import field
from pathlib import Path

import numpy as np

from ._frozen import frozen
from ._lazy import pandas as pd
from .errors import DataError
from .files import MAX_COLUMNS, MAX_STREAM_BYTES, check_regular, folder_files, header_line, open_regular
from .points import normalise_header
from .remote import is_remote, list_files, open_input, open_output, open_stream, parse, stat

KEYS = ("model", "setting", "task", "problem")
SUMS = ("n", "c", "tokens", "tokens_known", "cost", "cost_known")
COLUMNS = KEYS + SUMS
FORMAT_VERSION = "1"
SETTING = ("setting", "effort", "reasoning_effort")
TASK = ("task", "task_name")
TOKENS = ("tokens", "output_tokens", "completion_tokens")
COST = ("cost", "cost_usd")
CHUNK_ROWS = 1 << 20  # sample rows summed at a time
COMBINE_ROWS = 1 << 20  # partial rows held before they are combined again (memory: ~100 bytes each)
SUFFIXES = (".parquet", ".pq", ".csv", ".tsv")


def schema():
    import pyarrow as pa

    text, whole, real = pa.string(), pa.int64(), pa.float64()
    kinds = (text, text, text, text, whole, whole, real, whole, real, whole)
    return pa.schema([pa.field(name, kind) for name, kind in zip(COLUMNS, kinds)])


# ---------------------------------------------------------------------------------------- parts


@frozen
class Part:
    """One file to reduce: a local path or a remote URI (as text, so a cluster's worker can open
    it itself), its format and its row-number offset (1: Parquet records, 2: CSV lines)."""

    location: str
    fmt: str  # "parquet", "csv" or "tsv"

    @property
    def remote(self) -> bool:
        return is_remote(self.location)

    @property
    def stem(self) -> str:
        return parse(self.location).stem if self.remote else Path(self.location).stem


def _fmt(name: str) -> str | None:
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    return {"parquet": "parquet", "pq": "parquet", "csv": "csv", "tsv": "tsv"}.get(suffix)


@frozen
class Source:
    """A source's parts in order, the name its model defaults to, and notes on what was skipped."""

    name: str
    stem: str
    parts: tuple[Part, ...]
    notes: tuple[str, ...] = ()


def find_parts(source: str | Path) -> Source:
    """A file (Parquet, CSV, TSV) or a folder of Parquet shards, local or remote, as parts."""
    text = str(source)
    if is_remote(text):
        path = parse(text)
        kind, _size = stat(path)
        if kind == "dir":
            entries, notes = list_files(path, (".parquet", ".pq"))
            parts = tuple(Part(str(e.path), "parquet") for e in entries)
            if not parts:
                raise DataError("folder has no Parquet files", file=str(path))
            return Source(str(path), path.stem or path.name, parts, tuple(notes))
        fmt = _fmt(path.name)
        if fmt is None:
            raise DataError("remote files are read as Parquet, CSV or TSV (by the name's suffix)", file=str(path))
        return Source(str(path), path.stem, (Part(str(path), fmt),))
    path = Path(text)
    check_regular(path, allow_dir=True, max_bytes=MAX_STREAM_BYTES)
    if path.is_dir():
        found, notes = folder_files(path, (".parquet", ".pq"))
        files = sorted(str(p) for p in found if not p.name.startswith((".", "_")))
        if not files:
            raise DataError("folder has no Parquet files", file=text)
        return Source(text, path.stem, tuple(Part(f, "parquet") for f in files), tuple(notes))
    fmt = _fmt(path.name)
    if fmt is None:
        raise DataError("reduce reads Parquet, CSV or TSV files (by the name's suffix)", file=text)
    return Source(text, path.stem, (Part(text, fmt),))


# ---------------------------------------------------------------------------------------- layout


@frozen
class Layout:
    """Which column gives each field (None: absent) and whether the rows are samples or partials."""

    kind: str  # "samples" or "partials"
    columns: dict = field(default_factory=dict)  # field -> the file's column name (or None)

    @property
    def wanted(self) -> list[str]:
        return [c for c in self.columns.values() if c]


def layout_of(names: list[str], file: str) -> Layout:
    """The layout of a file from its column names; neither samples nor partials is a DataError."""
    from .readers.persample import CORRECT, MODEL, PROBLEM, _one_of

    norm = {normalise_header(n) for n in names}
    common = {
        "model": _one_of(names, MODEL, file),
        "setting": _one_of(names, SETTING, file),
        "task": _one_of(names, TASK, file),
        "problem": _one_of(names, PROBLEM, file),
    }
    if common["problem"] and {"n", "c"} <= norm:
        sums = {name: _one_of(names, (name,), file) for name in SUMS}
        return Layout("partials", {**common, **sums})
    correct = _one_of(names, CORRECT, file)
    if common["problem"] and correct:
        extra = {"correct": correct, "tokens": _one_of(names, TOKENS, file), "cost": _one_of(names, COST, file)}
        return Layout("samples", {**common, **extra})
    raise DataError(
        "not per-sample rows (problem + correct columns) or partials (problem + n + c); found "
        + ", ".join(map(repr, names[:20])),
        file=file,
    )


# ---------------------------------------------------------------------------------------- reading


def _open_batches(part: Part, layout: Layout | None, batch_rows: int = 1 << 16):
    """(column names, batches of the wanted columns) of one part, streamed; ``layout`` None reads
    only the names (the batches are then empty)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    location = part.location
    if part.fmt == "parquet":
        handle = open_input(parse(location)) if part.remote else open_regular(Path(location))
        try:
            parquet = pq.ParquetFile(handle, pre_buffer=False, buffer_size=1 << 20)
        except Exception as exc:
            detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise DataError(f"not a readable Parquet file ({detail[:200]})", file=location) from None
        names = parquet.schema_arrow.names
        if len(names) > MAX_COLUMNS:
            handle.close()
            raise DataError(
                f"table has {len(names):,} columns; the limit is {MAX_COLUMNS:,} (MAX_COLUMNS)", file=location
            )
        if layout is None:
            handle.close()
            return names, iter(())
        missing = [c for c in layout.wanted if c not in names]
        if missing:
            raise DataError(f"has no column {missing[0]!r}, which the first file has", file=location)
        return names, parquet.iter_batches(batch_rows, columns=layout.wanted)

    def stream():
        if part.remote:
            return open_stream(parse(location))
        check_regular(Path(location), max_bytes=MAX_STREAM_BYTES)
        return location

    sep = "\t" if part.fmt == "tsv" else ","
    if not part.remote:  # the header line first, bounded (MAX_HEADER_BYTES, MAX_COLUMNS)
        header_line(Path(location), sep)
    options = {
        "read_options": pacsv.ReadOptions(block_size=1 << 22),
        "parse_options": pacsv.ParseOptions(delimiter=sep),
    }
    try:
        reader = pacsv.open_csv(stream(), **options)
    except DataError:
        raise
    except Exception as exc:
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DataError(f"not a readable CSV file ({detail[:200]})", file=location) from None
    names = reader.schema.names
    if len(names) > MAX_COLUMNS:
        reader.close()
        raise DataError(f"table has {len(names):,} columns; the limit is {MAX_COLUMNS:,} (MAX_COLUMNS)", file=location)
    if layout is None:
        reader.close()
        return names, iter(())
    reader.close()
    missing = [c for c in layout.wanted if c not in names]
    if missing:
        raise DataError(f"has no column {missing[0]!r}, which the first file has", file=location)
    text = {layout.columns[k]: __import__("pyarrow").string() for k in KEYS if layout.columns.get(k)}
    reader = pacsv.open_csv(
        stream(),
        convert_options=pacsv.ConvertOptions(include_columns=layout.wanted, column_types=text),
        **options,
    )
    return names, reader


def plan(source: Source) -> Layout:
    """The layout of a source, from its first part's columns."""
    names, _ = _open_batches(source.parts[0], None)
    return layout_of(names, source.parts[0].location)


def _text(array, n: int, default: str):
    import pyarrow as pa

    if array is None:
        return pa.array(np.full(n, default, dtype=object), type=pa.string())
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if not pa.types.is_string(array.type):
        array = array.cast(pa.string())
    return array.fill_null("") if array.null_count else array


def _numbers(array, *, file: str, column: str, offset: int, whole: bool):
    """A column of non-negative numbers as float64 (null: unknown); anything else names its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    if pa.types.is_null(array.type):
        return pa.nulls(len(array), pa.float64())
    try:
        values = array.cast(pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        values = None
    if values is None and pa.types.is_integer(array.type):  # whole numbers a float cannot hold exactly
        too_big = np.flatnonzero(np.abs(array.to_numpy(zero_copy_only=False).astype(object)) > 2**53)
        i = int(too_big[0]) if too_big.size else 0
        raise DataError(
            f"{array[i].as_py()} is too large to be counted exactly (above 2**53)",
            file=file,
            row=i + offset,
            column=column,
        )
    if values is None:  # find the first cell that is not a number
        for i, cell in enumerate(array.to_pylist()):
            try:
                float(cell) if cell not in (None, "") else None
            except (TypeError, ValueError):
                raise DataError(
                    f"{str(cell)[:40]!r} is not a number", file=file, row=i + offset, column=column
                ) from None
        values = pc.cast(pc.if_else(pc.equal(array, ""), None, array), pa.float64())
    arr = values.to_numpy(zero_copy_only=False)
    known = ~np.isnan(arr)
    bad = known & ~(np.isfinite(arr) & (arr >= 0))
    if whole:
        bad |= known & (arr != np.round(arr))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        what = "a whole number >= 0" if whole else "a finite number >= 0"
        raise DataError(f"{float(arr[i])!r} is not {what}", file=file, row=i + offset, column=column)
    return values


def _unit_table(batch, layout: Layout, *, file: str, offset: int, first: int):
    """One batch as a table of the key columns the source has (plain text), ``first`` (the row's
    number across the source: keys keep the order of first appearance) and either ``ok`` (int8,
    per-sample rows) or the checked sums (partials)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .readers.persample import MAX_SAMPLES_PER_PROBLEM, _ok_array

    cols = layout.columns
    rows = len(batch)

    def get(key):
        name = cols.get(key)
        return batch.column(name) if name else None

    out = {key: _text(get(key), rows, "") for key in KEYS if cols.get(key)}
    if layout.kind == "samples":
        out["ok"] = _ok_array(get("correct"), file=file, column=cols["correct"], offset=offset)
        for name in ("tokens", "cost"):
            if cols.get(name):
                out[name] = _numbers(get(name), file=file, column=cols[name], offset=offset, whole=False)
    else:
        n = _numbers(get("n"), file=file, column=cols["n"], offset=offset, whole=True)
        c = _numbers(get("c"), file=file, column=cols["c"], offset=offset, whole=True)
        nn, cc = n.to_numpy(zero_copy_only=False), c.to_numpy(zero_copy_only=False)
        bad = np.isnan(nn) | np.isnan(cc) | (nn < 1) | (cc > nn) | (nn > MAX_SAMPLES_PER_PROBLEM)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            why = (
                "n and c must both be given"
                if np.isnan(nn[i]) or np.isnan(cc[i])
                else f"n = {nn[i]:g} samples for one problem is more than the {MAX_SAMPLES_PER_PROBLEM:,} limit "
                "(MAX_SAMPLES_PER_PROBLEM)"
                if nn[i] > MAX_SAMPLES_PER_PROBLEM
                else f"c = {cc[i]:g} correct of n = {nn[i]:g} samples is impossible"
            )
            raise DataError(why, file=file, row=i + offset, column=cols["c"])
        out["n"], out["c"] = n.cast(pa.int64()), c.cast(pa.int64())
        for name in ("tokens", "cost"):
            column, known = get(name), get(f"{name}_known")
            values = (
                pa.nulls(rows, pa.float64())
                if column is None
                else _numbers(column, file=file, column=cols[name], offset=offset, whole=False)
            )
            if known is None:  # a sum without a count: every sample of the row is taken as known
                counted = pc.if_else(pc.is_valid(values), out["n"], 0)
            else:
                counted = pc.fill_null(
                    _numbers(known, file=file, column=cols[f"{name}_known"], offset=offset, whole=True), 0
                ).cast(pa.int64())
            out[name], out[f"{name}_known"] = values, counted
    out["first"] = pa.array(np.arange(first, first + rows, dtype=np.int64))
    return pa.table(out)


PART_ROWS = 1 << 40  # row numbers of part i start at i * PART_ROWS (the order of first appearance)


def _keys(table) -> list[str]:
    return [k for k in KEYS if k in table.column_names]


def _sum_samples(tables):
    """Per-sample unit tables summed per key into partials (``n``, ``c``, the sums and counts of
    tokens and cost, ``first``), one aggregation over the chunk."""
    import pyarrow as pa

    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    spend = [name for name in ("tokens", "cost") if name in table.column_names]
    aggregations = [("ok", "sum"), ("ok", "count")]
    for name in spend:
        aggregations += [(name, "sum"), (name, "count")]
    aggregations.append(("first", "min"))
    grouped = table.group_by(_keys(table), use_threads=False).aggregate(aggregations)
    names = {"ok_sum": "c", "ok_count": "n", "tokens_count": "tokens_known", "cost_count": "cost_known"}
    grouped = grouped.rename_columns([names.get(c, c.rsplit("_", 1)[0]) for c in grouped.column_names])
    for name in ("tokens", "cost"):
        if name not in spend:
            grouped = grouped.append_column(name, pa.nulls(len(grouped), pa.float64()))
            grouped = grouped.append_column(f"{name}_known", pa.array(np.zeros(len(grouped), np.int64)))
    return grouped.select([*_keys(grouped), *SUMS, "first"])


def combine(tables):
    """Partials with the same key summed, each key with the number of the first row that had it
    (``first``). Summing is associative and commutative: any grouping of parts gives the same."""
    import pyarrow as pa

    tables = [t for t in tables if t is not None and len(t)]
    if not tables:
        return None
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    aggregations = [(name, "sum") for name in SUMS] + [("first", "min")]
    grouped = table.group_by(_keys(table), use_threads=False).aggregate(aggregations)
    grouped = grouped.rename_columns([name.rsplit("_", 1)[0] for name in grouped.column_names])
    return grouped.select([*_keys(grouped), *SUMS, "first"])


def finish(table, stem: str):
    """Combined partials in the order their keys first appeared, in the partials schema; a key
    the source did not have is filled in (the model: ``stem``, the source's name)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table is None or len(table) == 0:
        return schema().empty_table()
    table = table.take(pc.sort_indices(table, [("first", "ascending")])).drop_columns(["first"])
    for key in KEYS:
        if key not in table.column_names:
            table = table.append_column(key, pa.array([stem if key == "model" else ""] * len(table), pa.string()))
    return table.select(list(COLUMNS)).cast(schema())


def reduce_part(part: Part, layout: Layout, stem: str = "", index: int = 0):
    """One part's rows summed per key (partials with ``first``, or None for no rows), streamed
    in batches, and the number of rows read. ``index`` is the part's place in its source."""
    offset = 1 if part.fmt == "parquet" else 2
    names, batches = _open_batches(part, layout)
    found = layout_of(names, part.location)
    if found != layout:
        raise DataError(
            f"columns differ from the first file's ({', '.join(map(repr, layout.wanted))})", file=part.location
        )
    summed = _sum_samples if layout.kind == "samples" else combine
    pending, pending_rows, chunk, chunk_rows = [], 0, [], 0
    row = offset
    try:
        for batch in batches:
            if len(batch) == 0:
                continue
            first = index * PART_ROWS + row - offset
            chunk.append(_unit_table(batch, layout, file=part.location, offset=row, first=first))
            row += len(batch)
            chunk_rows += len(batch)
            if chunk_rows >= CHUNK_ROWS:
                pending.append(summed(chunk))
                chunk, chunk_rows = [], 0
                pending_rows += len(pending[-1])
                if pending_rows >= COMBINE_ROWS:
                    pending = [combine(pending)]
                    pending_rows = len(pending[0])
        if chunk:
            pending.append(summed(chunk))
    except DataError:
        raise
    except Exception as exc:
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise DataError(f"cannot read: {detail[:300]}", file=part.location) from None
    return combine(pending), row - offset


@frozen
class Reduced:
    """Partials of a source, how many rows they came from, and how it was done."""

    table: object  # pyarrow.Table in the partials schema
    rows: int  # rows read (samples, or partial rows)
    parts: int
    kind: str  # "samples" or "partials"
    engine: str
    seconds: float
    notes: tuple[str, ...] = ()


def reduce_source(source: str | Path) -> Reduced:
    """The partials of a source (per-sample rows or partials; a file or a folder of shards, local
    or remote), reduced in this process one part at a time."""
    start = time.perf_counter()
    found = find_parts(source)
    layout = plan(found)
    tables, rows = [], 0
    for index, part in enumerate(found.parts):
        table, count = reduce_part(part, layout, found.stem, index)
        if table is not None:
            tables.append(table)
        rows += count
        if sum(len(t) for t in tables) >= COMBINE_ROWS:
            tables = [combine(tables)]
    table = finish(combine(tables), found.stem)
    if rows == 0 or len(table) == 0:
        raise DataError("no data rows", file=found.name)
    return Reduced(table, rows, len(found.parts), layout.kind, "in-process", time.perf_counter() - start, found.notes)


# ---------------------------------------------------------------------------------------- output


def write_partials(table, out: str | Path, *, overwrite: bool = False) -> str:
    """Write partials as Parquet to a local path or s3:// / gs://; an existing file is kept
    unless ``overwrite``. Returns where it was written."""
    import pyarrow.parquet as pq

    from .remote import exists

    table = table.replace_schema_metadata({"scalescope.partials": FORMAT_VERSION})
    text = str(out)
    if is_remote(text):
        path = parse(text)
        if not overwrite and exists(path):
            raise DataError("already exists; pass --overwrite to replace it", file=str(path))
        with open_output(path) as sink:
            pq.write_table(table, sink)
        return str(path)
    path = Path(text)
    if path.exists() and not overwrite:
        raise DataError("already exists; pass --overwrite to replace it", file=text)
    if path.is_dir():
        raise DataError("is a directory; give a file name for the partials", file=text)
    pq.write_table(table, path)
    return text


def series_name(model: str, setting: str) -> str:
    return f"{model} ({setting})" if setting else model


def to_problems(table) -> pd.DataFrame:
    """Partials as the per-problem frame every command reads (``model, problem, n, c`` and the
    token and cost sums): the model is the series (``model (setting)`` with a setting), the
    problem carries its task (``task/problem``)."""
    import pyarrow as pa

    def text(name):
        return table.column(name).cast(pa.string()).to_pandas().astype(str)

    model, setting, task, problem = (text(k) for k in KEYS)
    has_setting, has_task = setting != "", task != ""
    series = model.where(~has_setting, model + " (" + setting + ")")
    problems = problem.where(~has_task, task + "/" + problem)

    def numbers(name):
        return table.column(name).cast(pa.float64()).to_numpy(zero_copy_only=False)

    return pd.DataFrame(
        {
            "model": series.to_numpy(),
            "problem": problems.to_numpy(),
            "n": numbers("n"),
            "c": numbers("c"),
            "tokens": numbers("tokens"),
            "tokens_known": numbers("tokens_known"),
            "cost": numbers("cost"),
            "cost_known": numbers("cost_known"),
        }
    )


def wants_partials(source: str | Path) -> bool:
    """True when a source is Parquet partials, or per-sample rows with a setting, task, tokens or
    cost column: the readers then go through :func:`reduce_source` (the plain per-sample layout
    keeps its own streamed reader)."""
    try:
        found = find_parts(source)
        first = found.parts[0]
        if first.remote:
            names = _open_batches(first, None)[0]
        elif first.fmt == "parquet":
            names = _parquet_names(Path(first.location))
        else:  # the header line only, under MAX_HEADER_BYTES and MAX_COLUMNS
            names = header_line(Path(first.location), "\t" if first.fmt == "tsv" else ",")[0]
        layout = layout_of(names, first.location)
    except DataError:
        return False
    extra = any(layout.columns.get(k) for k in ("setting", "task", "tokens", "cost"))
    if layout.kind == "partials":  # Parquet partials; a plain CSV of problem, n, c keeps its reader
        return first.fmt == "parquet" or extra
    return extra


def _parquet_names(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    try:
        with open_regular(path) as handle:
            return pq.read_schema(handle).names
    except DataError:
        raise
    except Exception:
        return []


def read_problems(source: str | Path) -> pd.DataFrame:
    """The per-problem frame of a source, through the partials."""
    return to_problems(reduce_source(source).table)
