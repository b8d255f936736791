"""Load a dataset: a bundled id, or a file or folder (CSV, TSV, Parquet, JSON, JSONL, Inspect logs,
Epoch exports, per-sample results).

This is the entry point. Data flows one way: ``load`` -> :mod:`scalescope.engine.readers` (one
per format) -> :mod:`scalescope.engine.files` (the only module that opens files: regular files
only, every read bounded by a named limit). Every failure is a :class:`DataError` naming the file,
and the row and column where they apply. Input files are only ever opened for reading.
"""

from __future__ import annotations

import os
from pathlib import Path

from .catalog import dataset_ids, load_bundled
from .dataset import Dataset

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".parquet", ".pq", ".json", ".jsonl", ".ndjson")


def load(
    source: str | os.PathLike,
    *,
    columns: dict[str, str] | None = None,
    x_kind: str | None = None,
    tokens: str | os.PathLike | None = None,
    task: str | None = None,
    include_incomplete: bool = False,
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
    from .remote import is_remote

    if is_remote(text):  # s3://, gs://, https://: per-sample rows or partials (engine/remote.py)
        from .readers import read_remote

        return read_remote(text)
    from .readers import read_path  # pandas and pyarrow: imported only when a file is read

    return read_path(
        Path(text),
        columns=columns,
        x_kind=x_kind,
        tokens=Path(tokens) if tokens else None,
        task=task,
        include_incomplete=include_incomplete,
    )


__all__ = ["TABLE_SUFFIXES", "load"]
