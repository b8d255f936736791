"""Readers for the files evaluators produce: Inspect AI logs, Epoch AI exports, per-sample results,
and plain points tables.

Each maps its format onto the points table; :func:`read_path` picks one by the file's extension
and headers. Readers open files only through :mod:`scalescope.engine.files` (regular files,
bounded reads); they never import :mod:`scalescope.engine.io`, which calls them.
"""

from __future__ import annotations

from pathlib import Path

from .._lazy import pandas as pd
from ..dataset import Dataset
from ..errors import DataError
from ..files import MAX_STREAM_BYTES, check_regular, header_line, open_regular
from .epoch import epoch_points, is_epoch_export, read_tokens
from .inspect_logs import TOKENS_NOTE, is_inspect_json, logs_frame, read_log_folder, read_logs, tasks_of
from .persample import classify, coverage_points, parquet_shards, problems_from_frame, read_per_sample
from .sweeps import is_arc_harness_folder, is_matharena, matharena_points, read_arc_harness
from .table import JSON, PARQUET, dataset_from_frame, read_csv_columns, read_table


def detect_format(path: Path) -> str:
    """'inspect', 'epoch', 'per-sample', 'arc-harness', 'matharena' or 'table'."""
    suffix = path.suffix.lower()
    if path.is_dir() and _is_sample_shards(path):
        return "per-sample"
    if path.is_dir() and is_arc_harness_folder(path):
        return "arc-harness"
    if path.is_dir() or suffix == ".eval" or (suffix == ".json" and is_inspect_json(path)):
        return "inspect"
    if suffix in (".csv", ".tsv", ".txt"):
        headers = header_line(path)[0]
    elif suffix in PARQUET:
        headers = _parquet_columns(path)
    else:
        return "table"
    if is_matharena(headers):
        return "matharena"
    if classify(headers):
        return "per-sample"
    if is_epoch_export(headers):
        return "epoch"
    return "table"


def _is_sample_shards(folder: Path) -> bool:
    """A folder of Parquet shards with per-sample columns (and no Inspect logs beside them)."""
    shards = parquet_shards(folder)
    if not shards or any(p.suffix.lower() in (".eval", ".json") for p in folder.iterdir()):
        return False
    return classify(_parquet_columns(Path(shards[0]))) is not None


def _parquet_columns(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    try:
        with open_regular(path) as handle:
            return pq.read_schema(handle).names
    except Exception:  # not Parquet after all: the table reader names the problem
        return []


def _coverage_dataset(problems: pd.DataFrame, path: Path) -> Dataset:
    frame, notes = coverage_points(problems, path)
    return dataset_from_frame(
        frame, path, offset=1, x_kind="samples", notes=notes, x_name="samples per problem (k)", y_name="coverage (%)"
    )


def remote_is_inspect(path) -> bool:
    """A remote folder holding Inspect logs (.eval, or .json that opens like a log), or one log
    (``path`` from engine.remote.parse; read through engine/files.py like a local one)."""
    from ..remote import list_files

    if path.is_dir():
        logs = list_files(path, (".eval", ".json"))[0]
        return any(e.path.suffix.lower() == ".eval" or is_inspect_json(e.path) for e in logs)
    suffix = path.suffix.lower()
    return suffix == ".eval" or (suffix == ".json" and is_inspect_json(path))


def read_remote(source: str) -> Dataset:
    """A Dataset from a remote folder of Inspect logs or one log, or a remote per-sample file,
    folder of shards or partials (engine/remote.py; engine/files.py reads remote paths under the
    same limits as local ones)."""
    from ..partials import read_problems
    from ..remote import parse

    path = parse(source)
    if remote_is_inspect(path):
        frame, notes = read_logs(path)
        return dataset_from_frame(
            frame, path, offset=1, x_kind="tokens", notes=notes, x_name="mean output tokens per sample (Inspect logs)"
        )
    return _coverage_dataset(read_problems(source), path)


def read_path(
    path: Path,
    *,
    columns: dict[str, str] | None = None,
    x_kind: str | None = None,
    tokens: Path | None = None,
    task: str | None = None,
    include_incomplete: bool = False,
) -> Dataset:
    """A Dataset from a file or a folder of Inspect logs. ``columns`` (points-table column ->
    the file's header) reads the file as a plain points table with that mapping. ``task`` picks
    one task of a folder of Inspect logs; ``include_incomplete`` puts logs that did not finish
    into their model's series (by default they are a series of their own, left out of fits)."""
    st_dir = check_regular(path, allow_dir=True, max_bytes=MAX_STREAM_BYTES).st_mode
    if task is not None and detect_format(path) != "inspect":
        raise DataError("--task applies to Inspect logs only", file=str(path))
    if not columns:
        special = detect_and_read(path, tokens=tokens, task=task, include_incomplete=include_incomplete)
        if special is not None:
            return special
    elif set(columns) == {"model"} and detect_format(path) == "epoch":  # which column names the model
        frame, offset = read_table(path)
        return _epoch(frame, path, tokens, offset, model=columns["model"])
    import stat

    if stat.S_ISDIR(st_dir):
        raise DataError("is a directory with no Inspect logs (.eval/.json); expected a file", file=str(path))
    if path.suffix.lower() in (*JSON, *PARQUET):
        frame, offset = read_table(path)
    else:  # delimited text: the csv module (no pandas)
        frame, offset = read_csv_columns(path)
    return dataset_from_frame(frame, path, offset=offset, columns=columns, x_kind=x_kind, check_units=True)


def detect_and_read(
    path: Path, *, tokens: Path | None = None, task: str | None = None, include_incomplete: bool = False
) -> Dataset | None:
    """A Dataset for the special formats, or None for a plain points table."""
    kind = detect_format(path)
    if kind == "inspect":
        logs, notes = read_log_folder(path)
        tasks = tasks_of(logs)
        if task is not None and task not in tasks:
            raise DataError(f"no task {task!r} in these logs (tasks: {', '.join(tasks)})", file=str(path))
        chosen = task or max(tasks, key=lambda t: (sum(g.task == t for g in logs), [-ord(ch) for ch in t]))
        if task is None and len(tasks) > 1:
            notes.append(
                f"{len(tasks)} tasks in these logs ({', '.join(tasks)}): showing {chosen!r} (the most logs); "
                "--task picks another"
            )
        return _task_dataset(path, logs, chosen, notes, include_incomplete=include_incomplete, several=len(tasks) > 1)
    if kind == "per-sample":
        return _coverage_dataset(read_per_sample(path), path)
    if kind == "arc-harness":
        frame, notes = read_arc_harness(path)
        return _sweep_dataset(frame, path, notes, "ARC harness")
    if kind == "table" and path.suffix.lower() not in (*JSON, *PARQUET):
        return None
    # JSON, Parquet, or an Epoch CSV: look at the columns once read
    frame, offset = read_table(path)
    headers = [str(c) for c in frame.columns]
    if is_matharena(headers):
        points, notes = matharena_points(frame, path, offset)
        return _sweep_dataset(points, path, notes, "MathArena")
    if classify(headers):
        return _coverage_dataset(problems_from_frame(frame, path, offset), path)
    if is_epoch_export(headers):
        return _epoch(frame, path, tokens, offset)
    return dataset_from_frame(frame, path, offset=offset, check_units=True)


def _sweep_dataset(frame: pd.DataFrame, path: Path, notes: tuple[str, ...], what: str) -> Dataset:
    return dataset_from_frame(
        frame,
        path,
        offset=1,
        x_kind="usd",
        notes=notes,
        x_name=f"dollars per task for k attempts ({what}'s own cost)",
        y_name="pass@k (%)",
    )


def _task_dataset(
    path: Path, logs: list, task: str, notes: list[str], *, include_incomplete: bool, several: bool
) -> Dataset:
    from dataclasses import replace

    mine = [g for g in logs if g.task == task]
    frame, more = logs_frame(mine, include_incomplete=include_incomplete)
    # a note about another task's logs only (a run read once, a log without summaries) stays there
    theirs = {Path(g.path).name for g in logs if g.task != task}
    ours = {Path(g.path).name for g in mine}
    notes = [n for n in notes if not (any(x in n for x in theirs) and not any(x in n for x in ours))]
    ds = dataset_from_frame(
        frame,
        path,
        offset=1,
        x_kind="tokens",
        notes=(TOKENS_NOTE, *notes, *more),
        x_name="mean output tokens per sample (Inspect logs)",
    )
    running = sum(not g.complete for g in mine)
    suffix = f", {running} incomplete" if running else ""
    if several:
        return replace(
            ds,
            id=f"{path.name}:{task}",
            title=f"{task} ({len(ds.points)} logs{suffix}) in {path.name}",
            logs=tuple(mine),
        )
    return replace(ds, title=f"{path.name}: {task} ({len(ds.points)} logs{suffix})", logs=tuple(mine))


def inspect_datasets(path: Path, *, include_incomplete: bool = False) -> list[Dataset]:
    """One Dataset per task of a folder of Inspect logs (or of one log), in task order."""
    logs, notes = read_log_folder(path)
    tasks = tasks_of(logs)
    out = []
    for task in tasks:
        try:
            out.append(
                _task_dataset(
                    path, logs, task, list(notes), include_incomplete=include_incomplete, several=len(tasks) > 1
                )
            )
        except DataError as exc:  # a task whose every log lacks a score: said, the others still open
            notes.append(f"task {task!r} not shown: {exc}")
    if not out:
        raise DataError("no Inspect log with a score: " + "; ".join(notes), file=str(path))
    return out


def _epoch(frame: pd.DataFrame, path: Path, tokens: Path | None, offset: int, *, model: str | None = None) -> Dataset:
    token_table = read_tokens(tokens) if tokens else None
    points, notes = epoch_points(frame, path, token_table, model=model)
    return dataset_from_frame(
        points, path, offset=offset, x_kind="tokens", notes=notes, x_name="tokens per question (joined)"
    )


__all__ = [
    "dataset_from_frame",
    "detect_and_read",
    "detect_format",
    "inspect_datasets",
    "read_logs",
    "read_path",
    "read_per_sample",
    "read_remote",
    "read_table",
]
