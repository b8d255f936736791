"""Plain tables (CSV, TSV, Parquet, JSON, JSONL) read whole into a frame, and a points frame
turned into a Dataset.

Reads go through :mod:`scalescope.engine.files` and its limits: at most MAX_READ_BYTES of text,
MAX_COLUMNS columns, MAX_POINT_ROWS rows (one more is read to tell), JSON no deeper than
MAX_JSON_DEPTH. Every failure is a DataError naming the file, and row and column where they apply.
"""

from __future__ import annotations

import csv
import io
from functools import partial
from pathlib import Path

from .._lazy import pandas as pd
from ..dataset import Dataset, XAxis
from ..errors import DataError
from ..files import (
    MAX_COLUMNS,
    MAX_POINT_ROWS,
    MAX_READ_BYTES,
    check_columns,
    decode_utf8,
    open_regular,
    parse_json,
    path_text,
    read_bytes,
    split_header,
)
from ..points import ReadColumn, validate_points

PARQUET = (".parquet", ".pq")
JSON = (".json", ".jsonl", ".ndjson")


def sniff_delimiter(text: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _too_many_rows(name: str, limit: int = MAX_POINT_ROWS) -> DataError:
    return DataError(
        f"more than {limit:,} rows (MAX_POINT_ROWS): a points table has one row per model setting; "
        "per-sample results (problem, correct) are read by `scalescope passk`",
        file=name,
    )


def read_table(path: Path, *, max_rows: int = MAX_POINT_ROWS) -> tuple[pd.DataFrame, int]:
    """Read a tabular file as strings; returns the frame and the row offset of its first record."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in PARQUET:
        return _parquet(path, max_rows), 1
    data = read_bytes(path, max_bytes=MAX_READ_BYTES)
    text = decode_utf8(data, name)
    del data
    if not text.strip():
        raise DataError("file has no content (only whitespace)", file=name)
    if suffix in JSON:
        frame = _json_frame(text, name, lines=suffix != ".json", max_rows=max_rows)
        return frame, 1
    sep = sniff_delimiter(text, suffix)
    end = text.find("\n")
    headers = split_header(text[: end if end >= 0 else len(text)].rstrip("\r"), sep, name)
    check_columns([h.strip() for h in headers], name)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
            nrows=max_rows + 1,
        )
    except pd.errors.EmptyDataError:
        raise DataError("file has no header row", file=name) from None
    except (pd.errors.ParserError, ValueError, OverflowError, MemoryError) as exc:
        raise DataError(f"cannot parse as a table: {_first_line(exc)}", file=name) from None
    if len(frame) > max_rows:
        raise _too_many_rows(name, max_rows)
    return frame, 2


def read_csv_columns(path: Path, *, max_rows: int = MAX_POINT_ROWS) -> tuple[dict[str, list], int]:
    """A delimited text table (CSV, TSV) as columns of strings (None where a cell is empty), read
    with the csv module: a plain points table needs no pandas (whose import is slower than
    reading 100k rows). The same reading as ``read_table``'s: the delimiter sniffed, blank lines
    skipped, spaces after a delimiter dropped, a short row's missing cells empty; a row with more
    cells than the header is an error naming it. Returns the columns and the row offset (2)."""
    name = str(path)
    text = decode_utf8(read_bytes(path, max_bytes=MAX_READ_BYTES), name)
    if not text.strip():
        raise DataError("file has no content (only whitespace)", file=name)
    sep = sniff_delimiter(text, path.suffix.lower())
    end = text.find("\n")
    check_columns(
        [h.strip() for h in split_header(text[: end if end >= 0 else len(text)].rstrip("\r"), sep, name)], name
    )
    if len(text) >= ARROW_CSV_ABOVE:
        columns = _arrow_columns(text, sep, max_rows=max_rows, name=name)
        if columns is not None:
            return columns, 2
    return _csv_module_columns(text, sep, name=name, max_rows=max_rows), 2


# pyarrow's CSV reader (C++, columnar) for text from this size on: ~10x faster than the csv module
# on 100k rows; its import (~0.1 s) is paid only then
ARROW_CSV_ABOVE = 1 << 20


def _arrow_columns(text: str, sep: str, *, max_rows: int, name: str) -> dict[str, ReadColumn] | None:
    """The same columns as the csv module's reading (``_csv_module_columns``), parsed by pyarrow;
    None where pyarrow might read the text differently or cannot read it (the csv module then
    reads it, and names what is wrong): a BOM left after decoding, a header that is not the first
    line or has quotes, a quote next to a space on either side (a quote after a delimiter and
    spaces: the csv module drops the spaces and reads a quoted cell, pyarrow keeps the quotes as
    text, e.g. `` ""``: empty for one, ``""`` for the other; a quoted cell that starts with a space: the
    spaces dropped below are the csv module's skipinitialspace, which keeps those), rows of the
    wrong width. Every cell is read as text (never inferred as a number); each column is a
    :class:`~scalescope.engine.points.ReadColumn` whose cells, numbers and stripped texts are made
    by Arrow only when validation asks, each exactly what the csv module's cells would give."""
    end = text.find("\n")
    first = text[:end].rstrip("\r")
    if text.startswith("\ufeff") or not first.strip() or '"' in first or "\r" in first or '" ' in text or ' "' in text:
        return None
    headers = next(csv.reader([first], delimiter=sep, skipinitialspace=True))
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    names = [f"c{i}" for i in range(len(headers))]
    data = text.encode("utf-8")
    try:
        table = pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(use_threads=False, block_size=16 << 20, skip_rows=1, column_names=names),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
                check_utf8=False,  # decoded above
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    finally:
        del data
    if not table.num_rows:
        return None
    if table.num_rows > max_rows:
        raise _too_many_rows(name, max_rows)
    columns: dict[str, ReadColumn] = {}
    for header, column in zip(headers, table.columns):
        column = pc.utf8_ltrim(column, characters=" ")  # skipinitialspace
        columns[header] = ReadColumn(
            len(column),
            cells=partial(_arrow_cells, column),
            numbers=partial(_arrow_numbers, column),
            texts=partial(_arrow_texts, column),
        )
    return columns


def _arrow_cells(column) -> list:
    """The csv module's cells: text, None where empty."""
    return [cell or None for cell in column.to_pylist()]


def _arrow_numbers(column):
    """Every cell as a float (NaN where empty) when Arrow's parser reads every cell and vouches
    for what ``points._numeric`` would make of it: both parsers round correctly, Arrow reads only
    ASCII digits and no "_" or spaces, and where Arrow reads a NaN, an infinity or a zero that may
    be an underflow (or cannot read a cell, or a cell is only spaces) this gives None and
    validation reads the cells one by one as always (tests/test_csv_arrow.py checks the two agree
    on hostile cells). Nothing here turns a Python object into an Arrow one or an Arrow array into
    numpy through pyarrow's converters: either imports pandas (~0.2 s)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..points import _UNDERFLOW

    try:
        floats = pc.cast(column, pa.float64())
    except (pa.ArrowException, ValueError):  # a cell that is not a number, or "" (only spaces)
        return None
    values = _float64_numpy(floats)
    if np.count_nonzero(np.isnan(values)) != floats.null_count or np.isinf(values).any():
        return None
    zeros = np.flatnonzero(values == 0).tolist()
    if zeros:
        if len(zeros) > 256:
            cells = column.to_pylist()
            texts = [cells[i] for i in zeros]
        else:
            texts = [column.slice(i, 1).to_pylist()[0] for i in zeros]
        if any(_UNDERFLOW.match(text.strip()) for text in texts):
            return None
    return values


def _float64_numpy(chunked):
    """A float64 Arrow column as a new numpy array, NaN where null, read from its buffers."""
    import numpy as np

    parts = []
    for chunk in chunked.chunks:
        start, stop = chunk.offset, chunk.offset + len(chunk)
        validity, data = chunk.buffers()[:2]
        values = np.frombuffer(data, dtype=np.float64)[start:stop] if data is not None else np.zeros(len(chunk))
        if chunk.null_count:
            valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")[start:stop]
            values = np.where(valid.astype(bool), values, np.nan)
        parts.append(values)
    return np.concatenate(parts) if parts else np.zeros(0)


# every character str.strip() strips (str.isspace); tests/test_csv_arrow.py checks the list
PY_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _arrow_texts(column) -> list[str]:
    """Every cell stripped as ``str.strip()`` strips ("" where empty), trimmed by Arrow."""
    import pyarrow.compute as pc

    texts = pc.utf8_trim(column, characters=PY_WHITESPACE).to_pylist()
    return ["" if text is None else text for text in texts] if column.null_count else texts


def _csv_module_columns(text: str, sep: str, *, name: str, max_rows: int) -> dict[str, list]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    records: list[list[str]] = []
    try:
        headers = next((row for row in reader if row), None)
        if headers is None:
            raise DataError("file has no header row", file=name)
        width = len(headers)
        for row in reader:
            if not row:
                continue
            if len(row) != width:
                if len(row) > width:
                    raise DataError(
                        f"cannot parse as a table: expected {width} fields, saw {len(row)}",
                        file=name,
                        row=len(records) + 2,
                    )
                row = row + [""] * (width - len(row))
            records.append(row)
            if len(records) > max_rows:
                raise _too_many_rows(name, max_rows)
    except csv.Error as exc:
        raise DataError(f"cannot parse as a table: {_first_line(exc)}", file=name) from None
    if not records:
        raise DataError("no data rows (only a header, or an empty table)", file=name)
    return {header: [cell or None for cell in cells] for header, cells in zip(headers, zip(*records))}


def _check_cells(table, name: str) -> None:
    """Every text value (each dictionary entry once) of at most MAX_CELL characters, before the
    table is turned into Python objects."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..points import MAX_CELL

    for field, column in zip(table.schema, table.columns):
        for chunk in column.chunks:
            values = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
            if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)) or not len(values):
                continue
            longest = pc.max(pc.utf8_length(values)).as_py()
            if longest is not None and longest > MAX_CELL:
                raise DataError(
                    f"column {field.name!r} holds a value of {longest:,} characters (limit {MAX_CELL:,}, MAX_CELL)",
                    file=name,
                )


def _parquet(path: Path, max_rows: int) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = str(path)
    with open_regular(path) as handle:
        try:
            meta = pq.ParquetFile(handle).metadata
            columns = meta.schema.names
            check_columns(columns, name)
            if meta.num_rows > max_rows:
                raise _too_many_rows(name, max_rows)
            size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
            if size > MAX_READ_BYTES:
                raise DataError(
                    f"Parquet data is {size / 1024**2:.0f} MiB uncompressed; the limit for a table read whole "
                    f"is {MAX_READ_BYTES / 1024**2:.0f} MiB (MAX_READ_BYTES)",
                    file=name,
                )
            handle.seek(0)
            # text read as dictionaries, and each distinct value measured before anything is
            # expanded: a few KB of dictionary-encoded Parquet can stand for 100 GB of text
            schema = meta.schema.to_arrow_schema()
            text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
            table = pq.read_table(handle, read_dictionary=text)
            _check_cells(table, name)
            return table.to_pandas()
        except DataError:
            raise
        except Exception as exc:  # pyarrow raises many types for a bad file
            raise DataError(
                f"not a readable Parquet file ({type(exc).__name__}: {_first_line(exc)})", file=name
            ) from None


def _json_frame(text: str, name: str, *, lines: bool, max_rows: int) -> pd.DataFrame:
    if lines:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            records.append(parse_json(line, name, row=number))
            if len(records) > max_rows:
                raise _too_many_rows(name, max_rows)
    else:
        records = parse_json(text, name)
        if isinstance(records, dict):
            records = records.get("points", records.get("data", records))
        if isinstance(records, dict) and records and all(isinstance(v, list) for v in records.values()):
            lengths = {len(v) for v in records.values()}
            if len(lengths) != 1:
                raise DataError("JSON columns have different lengths", file=name)
            if len(records) > MAX_COLUMNS:
                raise DataError(f"more than {MAX_COLUMNS:,} columns (MAX_COLUMNS)", file=name)
            records = [dict(zip(records, row)) for row in zip(*records.values())]
    if not isinstance(records, list) or not records:
        raise DataError(
            'JSON must be a non-empty list of records like [{"model": ..., "compute": ..., "score": ...}], '
            'or {"points": [...]}, or an object of equal-length columns',
            file=name,
        )
    if len(records) > max_rows:
        raise _too_many_rows(name, max_rows)
    keys: dict[str, None] = {}
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError(f"expected an object, got {_json_type(record)}", file=name, row=number)
        keys.update(dict.fromkeys(record))
        if len(keys) > MAX_COLUMNS:
            raise DataError(f"records have more than {MAX_COLUMNS:,} different keys (MAX_COLUMNS)", file=name)
    return pd.DataFrame.from_records(records)


def _json_type(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def reject_nested(frame: pd.DataFrame, file: str, offset: int) -> None:
    """Lists and objects belong in per-sample files (is_corrects), not in a points table."""
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        nested = frame[column].map(lambda v: isinstance(v, (dict, list))).to_numpy()
        if nested.any():
            row = int(nested.argmax()) + offset
            raise DataError(
                "nested values (lists, objects) are not allowed in a points table",
                file=file,
                row=row,
                column=str(column),
            )


def dataset_from_frame(
    frame: pd.DataFrame,
    path: Path,
    *,
    offset: int = 2,
    columns: dict[str, str] | None = None,
    x_kind: str | None = None,
    notes: tuple[str, ...] = (),
    x_name: str | None = None,
    y_name: str = "score (%)",
    check_units: bool = False,
) -> Dataset:
    """A Dataset from a raw points frame. ``check_units``: a table the user wrote, whose score
    column gets a note if its values look like 0-1 fractions."""
    if isinstance(frame, dict):  # columns of strings (read_csv_columns): nothing can be nested
        check_columns([str(c) for c in frame], str(path))
    else:
        check_columns([str(c) for c in frame.columns], str(path))
        reject_nested(frame, str(path), offset)
    found: list[str] = []
    points, implied_kind = validate_points(
        frame,
        file=str(path),
        row_offset=offset,
        overrides=columns,
        default_benchmark=path_text(path.name),  # the file, named as fit and show name it
        notes=found if check_units else None,
    )
    benchmarks = list(dict.fromkeys(points["benchmark"]))
    kind = x_kind or implied_kind or "unknown"
    names = {"tokens": "tokens per question", "usd": "cost per task (USD)", "samples": "samples per problem"}
    return Dataset(
        id=path.name,
        title=f"{path.name} ({len(points)} points)",
        benchmark=benchmarks[0] if len(benchmarks) == 1 else ", ".join(benchmarks),
        points=points,
        x=XAxis(kind, x_name or names.get(kind, "compute")),
        y_name=y_name,
        provenance=f"user file {path}",
        exactness="as given in the file",
        notes=tuple(notes) + tuple(found),
        group="Opened files",
        one_setting=tuple(getattr(frame, "attrs", {}).get("one_setting", ())),  # a reader's replicates
    )
