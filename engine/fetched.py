"""Datasets brought in by ``scalescope fetch``: where they are cached and how they are read.

No network here (that is :mod:`engine.fetch`): this module only reads the cache, so every command
works offline on the bundled and the cached data.

Layout, one folder per source (``arc``, ``epoch``) under ``<user cache dir>/scalescope/fetched/``::

    arc/current                      the name of the live snapshot (replaced atomically)
    arc/<snapshot>/catalog.json      entries in the bundled catalog's format, plus fetch date and URL
    arc/<snapshot>/points/*.csv      points tables (ARC) or Epoch exports (epoch/*.csv)
    arc/<snapshot>/raw/...           the downloaded files, as downloaded

A snapshot becomes visible only when ``current`` names it, after every file in it is complete, so
a failed or interrupted fetch never leaves anything that is later read. Fetched ids all start with
``fetched-``, which no bundled id does: nothing fetched can stand in for bundled data.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from .catalog import CatalogEntry, dataset_ids, entry_from_json, load_entry
from .dataset import Dataset
from .errors import DataError

PREFIX = "fetched-"
SOURCES = ("arc", "epoch")
POINTER = "current"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/scalescope`` when set (on every platform), else the platform's user cache dir."""
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "scalescope"
    import platformdirs

    return Path(platformdirs.user_cache_dir("scalescope", appauthor=False))


def source_dir(source: str) -> Path:
    return cache_dir() / "fetched" / source


def current_snapshot(source: str) -> Path | None:
    """The live snapshot folder of a source, or None when nothing was fetched."""
    pointer = source_dir(source) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not name or "/" in name or name.startswith("."):
        raise DataError("cache pointer is damaged: run `scalescope fetch` again", file=str(pointer))
    return source_dir(source) / name


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old content or the new, never a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def fetched_catalog() -> tuple[tuple[CatalogEntry, ...], tuple[str, ...]]:
    """Every cached fetched dataset, and one line per cache problem found (never an exception)."""
    entries: list[CatalogEntry] = []
    problems: list[str] = []
    bundled = set(dataset_ids())
    for source in SOURCES:
        try:
            snapshot = current_snapshot(source)
            if snapshot is None:
                continue
            meta = _snapshot_catalog(snapshot)
            extra = {
                "origin": "fetched",
                "fetched_at": str(meta["fetched_at"])[:40],
                "source_url": str(meta["source_url"])[:2000],
            }
            datasets = meta["datasets"]
            if not isinstance(datasets, list):
                raise ValueError("'datasets' is not a list")
        except (OSError, ValueError, KeyError, TypeError, DataError) as exc:
            problems.append(f"cached {source} data unreadable ({_short(exc)}); run `scalescope fetch {source}` again")
            continue
        for number, item in enumerate(datasets):  # one bad entry never hides the others
            try:
                entry = _cached_entry(item, snapshot, extra, bundled)
            except (ValueError, KeyError, TypeError, OverflowError, AttributeError) as exc:
                shown = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else number
                problems.append(
                    f"cached {source} dataset {str(shown)[:80]!r} ignored ({_short(exc)}); "
                    f"`scalescope fetch {source}` replaces it"
                )
                continue
            entries.append(entry)
    return tuple(entries), tuple(problems)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]


def _snapshot_catalog(snapshot: Path) -> dict:
    """A snapshot's catalog.json, read as any input is: bounded size and nesting."""
    from .files import parse_json, read_text

    name = str(snapshot / "catalog.json")
    meta = parse_json(read_text(Path(name)), name)
    if not isinstance(meta, dict):
        raise ValueError("catalog.json is not an object")
    return meta


def _cached_entry(item: object, snapshot: Path, extra: dict, bundled: set[str]) -> CatalogEntry:
    """One cached catalog record, checked field by field (the cache is input like any file)."""
    import math

    if not isinstance(item, dict):
        raise TypeError("not an object")
    for key in ("id", "title", "benchmark", "file"):
        if not isinstance(item.get(key), str):
            raise TypeError(f"{key!r} is not text")
    if not item["id"].startswith(PREFIX) or item["id"] in bundled or len(item["id"]) > 200:
        raise ValueError("not a fetched id")
    file = Path(item["file"])
    if file.is_absolute() or ".." in file.parts:
        raise ValueError(f"file {item['file'][:80]!r} is outside the snapshot")
    for key in ("floor", "ceiling", "n_questions"):
        value = item.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
        ):
            raise ValueError(f"{key!r} is not a finite number")
    if not isinstance(item.get("notes", []), list):
        raise TypeError("'notes' is not a list")
    entry = entry_from_json({**item, "file": str(snapshot / file)}, **extra)
    return replace(entry, reader=str(item.get("reader", "points")))


def fetched_ids() -> list[str]:
    return [entry.id for entry in fetched_catalog()[0]]


def get_fetched_entry(dataset_id: str) -> CatalogEntry:
    entries, problems = fetched_catalog()
    for entry in entries:
        if entry.id == dataset_id:
            return entry
    why = f" ({problems[0]})" if problems else ""
    raise DataError(
        f"no fetched dataset {dataset_id!r}{why}; `scalescope fetch arc` or `scalescope fetch epoch` brings them in, "
        "`scalescope list` shows what is there"
    )


def load_fetched(dataset_id: str, *, tokens: Path | None = None) -> Dataset:
    """A fetched dataset by id. Epoch exports go through the Epoch reader (``tokens`` joins a tokens file)."""
    entry = get_fetched_entry(dataset_id)
    if entry.reader != "epoch":
        return load_entry(entry, Path(entry.file).parent)
    from .readers import read_path

    from_logs = None
    if tokens is None:  # `fetch epoch --tokens` read the runs' log headers: their tokens, beside the table
        beside = Path(entry.file).with_name(Path(entry.file).stem + ".tokens.csv")
        from_logs = beside if beside.is_file() else None
    ds = read_path(Path(entry.file), tokens=tokens or from_logs)
    where = (
        f"; tokens per question from {tokens}"
        if tokens
        else "; output tokens per question from each run's .eval log header (fetch epoch --tokens)"
        if from_logs
        else ""
    )
    return replace(
        ds,
        id=entry.id,
        title=entry.title,
        group=entry.group,
        provenance=entry.provenance + where,
        exactness=entry.exactness,
        notes=entry.notes + ds.notes,
        origin=entry.origin_text,
    )
