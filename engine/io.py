"""Load a dataset from a bundled id or from a file (CSV, TSV, Parquet, JSON, JSONL, ...).

Every failure is a :class:`DataError` naming the file, and the row and column where they apply.
Input files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pandas as pd

from .catalog import dataset_ids, load_bundled
from .dataset import Dataset, XAxis
from .errors import DataError
from .points import validate_points

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".parquet", ".pq", ".json", ".jsonl", ".ndjson")
MAX_FILE_BYTES = 2 * 1024**3


def load(
    source: str | os.PathLike,
    *,
    columns: dict[str, str] | None = None,
    x_kind: str | None = None,
    tokens: str | os.PathLike | None = None,
) -> Dataset:
    """A bundled or fetched dataset id (see ``scalescope list``) or a path to a file or folder.

    ``columns`` maps points-table columns to a file's headers where the names are not
    recognised; ``tokens`` is a tokens file to join to an Epoch AI export.
    """
    text = str(source)
    if text in dataset_ids() and not Path(text).exists():
        return load_bundled(text)
    from .fetched import PREFIX, load_fetched

    if text.startswith(PREFIX) and not Path(text).exists():
        return load_fetched(text, tokens=Path(tokens) if tokens else None)
    return load_path(Path(text), columns=columns, x_kind=x_kind, tokens=Path(tokens) if tokens else None)


def check_readable(path: Path, *, allow_dir: bool = False) -> None:
    name = str(path)
    if not path.exists():
        hint = " (not a bundled dataset id either; `scalescope list` shows them)" if os.sep not in name else ""
        raise DataError(f"no such file{hint}", file=name)
    if path.is_dir() and not allow_dir:
        raise DataError("is a directory; expected a file", file=name)
    if not os.access(path, os.R_OK):
        raise DataError("cannot read: permission denied", file=name)
    if path.is_file():
        size = path.stat().st_size
        if size == 0:
            raise DataError("file is empty (0 bytes)", file=name)
        if size > MAX_FILE_BYTES:
            raise DataError(f"file is {size / 1024**3:.1f} GiB; the limit is 2 GiB", file=name)


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is fine). Anything else gets a clear error."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the file as UTF-8",
            file=str(path),
            row=line,
        ) from None


def sniff_delimiter(text: str, suffix: str) -> str:
    if suffix in (".tsv", ".tab"):
        return "\t"
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table(path: Path) -> tuple[pd.DataFrame, int]:
    """Read a tabular file as strings; returns the frame and the row offset of its first record."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        try:
            return pd.read_parquet(path), 1
        except Exception as exc:  # pyarrow raises many types for a bad file
            raise DataError(
                f"not a readable Parquet file ({type(exc).__name__}: {_first_line(exc)})", file=name
            ) from None
    text = read_text(path)
    if not text.strip():
        raise DataError("file has no content (only whitespace)", file=name)
    if suffix in (".json", ".jsonl", ".ndjson"):
        return _json_frame(text, name, lines=suffix != ".json"), 1
    sep = sniff_delimiter(text, suffix)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""], skipinitialspace=True
        )
    except pd.errors.EmptyDataError:
        raise DataError("file has no header row", file=name) from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(f"cannot parse as a table: {_first_line(exc)}", file=name) from None
    return frame, 2


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _json_frame(text: str, name: str, *, lines: bool) -> pd.DataFrame:
    if lines:
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DataError(f"invalid JSON: {exc.msg}", file=name, row=number) from None
    else:
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", file=name) from None
        if isinstance(records, dict):
            records = records.get("points", records.get("data", records))
        if isinstance(records, dict) and all(isinstance(v, list) for v in records.values()):
            lengths = {len(v) for v in records.values()}
            if len(lengths) != 1:
                raise DataError("JSON columns have different lengths", file=name)
            records = [dict(zip(records, row)) for row in zip(*records.values())]
    if not isinstance(records, list) or not records:
        raise DataError(
            'JSON must be a non-empty list of records like [{"model": ..., "compute": ..., "score": ...}], '
            'or {"points": [...]}, or an object of equal-length columns',
            file=name,
        )
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError(f"expected an object, got {type(record).__name__}", file=name, row=number)
    return pd.DataFrame.from_records(records)


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


def load_path(
    path: Path, *, columns: dict[str, str] | None = None, x_kind: str | None = None, tokens: Path | None = None
) -> Dataset:
    from .readers import detect_and_read  # Inspect logs, Epoch exports, per-sample results

    check_readable(path, allow_dir=True)
    if not columns:
        special = detect_and_read(path, tokens=tokens)
        if special is not None:
            return special
    if path.is_dir():
        raise DataError("is a directory with no Inspect logs (.eval/.json); expected a file", file=str(path))
    frame, offset = read_table(path)
    return dataset_from_frame(frame, path, offset=offset, columns=columns, x_kind=x_kind)


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
) -> Dataset:
    reject_nested(frame, str(path), offset)
    points, implied_kind = validate_points(
        frame, file=str(path), row_offset=offset, overrides=columns, default_benchmark=path.stem
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
        notes=notes,
        group="Opened files",
    )
