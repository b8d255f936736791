"""A dataset: a validated points table plus what its x axis is and where its numbers come from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from .errors import DataError

if TYPE_CHECKING:
    import pandas as pd

X_KINDS = ("tokens", "usd", "samples", "unknown")


@dataclass(frozen=True)
class XAxis:
    """What ``compute`` means in a dataset."""

    kind: str = "unknown"  # one of X_KINDS: decides tick labels (1K / $1 / 10 samples)
    name: str = "compute"  # e.g. "mean output tokens per question"

    def __post_init__(self) -> None:
        if self.kind not in X_KINDS:
            raise ValueError(f"x kind must be one of {X_KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class Dataset:
    """Points with their provenance. ``points`` has the columns of :data:`engine.points.COLUMNS`."""

    id: str
    title: str
    benchmark: str
    points: pd.DataFrame = field(repr=False, compare=False)
    x: XAxis = XAxis()
    y_name: str = "score (%)"
    provenance: str = ""
    exactness: str = ""  # "exact", "read off a chart", "mixed: ..."
    base: str | None = None  # default base model for the decomposition
    reasoning: str | None = None  # default reasoning series
    floor: float = 0.0  # chance level in percent (25 on 4-way multiple choice)
    ceiling: float = 100.0
    notes: tuple[str, ...] = ()
    group: str = ""  # how the app groups datasets (by benchmark family)
    n_questions: int | None = None  # questions / tasks per run where the dataset states it (ARC-AGI-1: 100)
    origin: str = ""  # "bundled", "fetched 2026-11-26", or "" for a file opened by path

    @cached_property
    def _series_frames(self) -> dict[str, pd.DataFrame]:
        """Each series' points, in first-seen order: the table is grouped once (one stable sort,
        then a slice per series), not compared against every series name in turn (1k series x
        100k points would be 100M string compares)."""
        import pandas as pd

        codes, names = pd.factorize(self.points["series"], sort=False)
        order = np.argsort(codes, kind="stable")
        counts = np.bincount(codes[codes >= 0], minlength=len(names))
        skip = int((codes < 0).sum())  # rows without a series sort first; they belong to none
        grouped = self.points.take(order[skip:])
        ends = np.cumsum(counts)
        return {str(name): grouped.iloc[end - n : end] for name, n, end in zip(names, counts, ends)}

    @property
    def series(self) -> list[str]:
        """Series names in first-seen order."""
        return list(self._series_frames)

    def series_points(self, name: str) -> pd.DataFrame:
        found = self._series_frames.get(name)
        return found if found is not None else self.points.iloc[:0]

    def with_scores(self, scores: dict[str, float], why: str = "score replaced") -> Dataset:
        """A copy with some models' scores replaced (a what-if, e.g. a later re-run's score).
        The replaced rows say so in their ``source``; the stderr is kept."""
        points = self.points.copy()
        for model, value in scores.items():
            rows = points["model"] == model
            if not rows.any():
                raise DataError(f"{self.id}: no model {model!r} to set the score of")
            if not 0 <= value <= 100:
                raise DataError(f"score {value:g}% for {model!r} is outside 0-100")
            points.loc[rows, "score"] = float(value)
            points.loc[rows, "source"] = points.loc[rows, "source"] + f" [{why}: {value:g}%]"
        return replace(self, points=points)
