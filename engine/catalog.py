"""The bundled datasets: data/catalog.json and the points tables it names."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ._frozen import frozen
from .dataset import Dataset, XAxis
from .errors import DataError


def data_dir() -> Path:
    """Where the bundled data lives: inside the installed package, or the source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "data",):  # scalescope/data (wheel) or data/ (checkout)
        if (candidate / "catalog.json").is_file():
            return candidate
    raise FileNotFoundError("bundled data not found (expected data/catalog.json)")


@frozen
class CatalogEntry:
    id: str
    title: str
    group: str
    benchmark: str
    file: str
    x: XAxis
    y_name: str
    provenance: str
    exactness: str
    base: str | None
    reasoning: str | None
    floor: float
    ceiling: float
    notes: tuple[str, ...]
    n_questions: int | None = None  # the benchmark's size, where the catalog states it
    origin: str = "bundled"  # or "fetched" (scalescope fetch; see engine.fetched)
    fetched_at: str = ""  # ISO date and time (UTC) of the fetch
    source_url: str = ""
    reader: str = "points"  # "points": a points table; "epoch": an Epoch AI export read by its reader

    @property
    def origin_text(self) -> str:
        """``bundled`` or ``fetched 2026-11-26``."""
        return f"fetched {self.fetched_at[:10]}" if self.origin == "fetched" else self.origin


def entry_from_json(item: dict, **extra: str) -> CatalogEntry:
    """One catalog.json record (bundled, or a fetched snapshot's) as a :class:`CatalogEntry`."""
    return CatalogEntry(
        id=item["id"],
        title=item["title"],
        group=item.get("group", ""),
        benchmark=item["benchmark"],
        file=item["file"],
        x=XAxis(item.get("x_kind", "unknown"), item.get("x_name", "compute")),
        y_name=item.get("y_name", "score (%)"),
        provenance=item.get("provenance", ""),
        exactness=item.get("exactness", ""),
        base=item.get("base"),
        reasoning=item.get("reasoning"),
        floor=float(item.get("floor", 0)),
        ceiling=float(item.get("ceiling", 100)),
        notes=tuple(item.get("notes", ())),
        n_questions=int(item["n_questions"]) if item.get("n_questions") else None,
        **extra,
    )


@cache
def catalog() -> tuple[CatalogEntry, ...]:
    raw = json.loads((data_dir() / "catalog.json").read_text(encoding="utf-8"))
    return tuple(entry_from_json(item) for item in raw["datasets"])


def dataset_ids() -> list[str]:
    return [entry.id for entry in catalog()]


def get_entry(dataset_id: str) -> CatalogEntry:
    for entry in catalog():
        if entry.id == dataset_id:
            return entry
    raise DataError(f"no bundled dataset {dataset_id!r}; `scalescope list` shows them")


@cache
def load_bundled(dataset_id: str) -> Dataset:
    """Load one bundled dataset (cached: bundled data never changes while running)."""
    return load_entry(get_entry(dataset_id), data_dir())


def load_entry(entry: CatalogEntry, directory: Path) -> Dataset:
    """The points table an entry names (relative to ``directory``) with the entry's provenance."""
    import csv
    import io

    from .files import MAX_POINT_ROWS, check_columns, read_text
    from .points import validate_points

    path = directory / entry.file
    # bundled and fetched tables are plain comma-separated points tables: the csv module reads
    # them (pandas is not imported for them), through the same bounded file access as any file
    records = [record for record in csv.reader(io.StringIO(read_text(path), newline="")) if record]
    if not records:
        raise DataError("file has no header row", file=str(path))
    headers = [h.strip() for h in records[0]]
    check_columns(headers, str(path))
    if len(set(headers)) != len(headers):
        raise DataError("two columns have the same name", file=str(path))
    body = records[1:]
    if len(body) > MAX_POINT_ROWS:
        raise DataError(f"more than {MAX_POINT_ROWS:,} rows (MAX_POINT_ROWS)", file=str(path))
    for number, record in enumerate(body, start=2):
        if len(record) != len(headers):
            raise DataError(f"{len(record)} fields, the header has {len(headers)}", file=str(path), row=number)
    frame = {h: [record[i] for record in body] for i, h in enumerate(headers)}
    points, _ = validate_points(frame, file=str(path), default_benchmark=entry.benchmark)
    return Dataset(
        id=entry.id,
        title=entry.title,
        benchmark=entry.benchmark,
        points=points,
        x=entry.x,
        y_name=entry.y_name,
        provenance=entry.provenance,
        exactness=entry.exactness,
        base=entry.base,
        reasoning=entry.reasoning,
        floor=entry.floor,
        ceiling=entry.ceiling,
        notes=entry.notes,
        group=entry.group,
        n_questions=entry.n_questions,
        origin=entry.origin_text,
    )
