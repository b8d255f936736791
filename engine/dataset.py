"""A dataset: a validated points table plus what its x axis is and where its numbers come from."""

from __future__ import annotations

from dataclasses import field, replace
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ._frozen import frozen
from .errors import DataError

if TYPE_CHECKING:
    from .points import Points

X_KINDS = ("tokens", "usd", "samples", "unknown")


@frozen
class XAxis:
    """What ``compute`` means in a dataset."""

    kind: str = "unknown"  # one of X_KINDS: decides tick labels (1K / $1 / 10 samples)
    name: str = "compute"  # e.g. "mean output tokens per question"

    def __post_init__(self) -> None:
        if self.kind not in X_KINDS:
            raise ValueError(f"x kind must be one of {X_KINDS}, not {self.kind!r}")


@frozen
class Dataset:
    """Points with their provenance: a :class:`~scalescope.engine.points.Points` table (the columns of
    :data:`~scalescope.engine.points.COLUMNS`)."""

    id: str
    title: str
    benchmark: str
    points: Points = field(repr=False, compare=False)
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
    # series whose points are runs of one model and setting (replicates, not a budget sweep): no
    # trend is fitted across them (engine.fit says why)
    one_setting: tuple[str, ...] = ()
    # the Inspect logs behind the points, read down to their samples (readers.inspect_logs.InspectLog):
    # for pass@k over epochs, budget curves and paired comparisons; () for other sources
    logs: tuple = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        from .points import COLUMNS, Points

        if not isinstance(self.points, Points):  # a DataFrame or a mapping of the COLUMNS
            table = self.points
            missing = [c for c in ("model", "compute", "score") if c not in table]
            if missing:
                raise DataError(f"{self.id}: points need the columns {', '.join(missing)}")
            columns = {c: np.asarray(table[c]) for c in COLUMNS if c in table}
            n = len(columns["model"])
            columns.setdefault("series", columns["model"])
            for c in COLUMNS:  # the optional columns: empty text, unknown numbers
                columns.setdefault(c, np.full(n, np.nan) if c in ("score_stderr", "n") else [""] * n)
            object.__setattr__(self, "points", Points(columns))

    @cached_property
    def _series_rows(self) -> dict[str, np.ndarray]:
        """Each series' row positions, series in first-seen order: the table is grouped once,
        not compared against every series name in turn (1k series x 100k points would be 100M
        string compares)."""
        return self.points.groups("series")

    @cached_property
    def series_codes(self) -> np.ndarray:
        """Each row's series as an integer (its position in :attr:`series`): masks of series
        are integer comparisons, not string ones (100k rows)."""
        codes = np.empty(len(self.points), dtype=np.intp)
        for code, rows in enumerate(self._series_rows.values()):
            codes[rows] = code
        codes.flags.writeable = False
        return codes

    def in_series(self, names) -> np.ndarray:
        """Boolean mask of the rows whose series is one of ``names`` (unknown names match none)."""
        index = {name: code for code, name in enumerate(self._series_rows)}
        wanted = [index[name] for name in names if name in index]
        return np.isin(self.series_codes, wanted) if wanted else np.zeros(len(self.points), dtype=bool)

    @cached_property
    def _series_points(self) -> dict[str, Points]:
        return {name: self.points.take(rows) for name, rows in self._series_rows.items()}

    @property
    def series(self) -> list[str]:
        """Series names in first-seen order."""
        return list(self._series_rows)

    def series_points(self, name: str) -> Points:
        found = self._series_points.get(name)
        return found if found is not None else self.points.take(np.zeros(0, dtype=np.intp))

    def with_scores(self, scores: dict[str, float], why: str = "score replaced") -> Dataset:
        """A copy with some models' scores replaced (a what-if, e.g. a later re-run's score).
        The replaced rows say so in their ``source``; the stderr is kept."""
        score = self.points["score"].copy()
        source = self.points["source"].copy()
        model = self.points["model"]
        for name, value in scores.items():
            rows = model == name
            if not rows.any():
                raise DataError(f"{self.id}: no model {name!r} to set the score of")
            if not 0 <= value <= 100:
                raise DataError(f"score {value:g}% for {name!r} is outside 0-100")
            score[rows] = float(value)
            source[rows] = [text + f" [{why}: {value:g}%]" for text in source[rows]]
        return replace(self, points=self.points.with_column("score", score).with_column("source", source))
