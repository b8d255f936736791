"""The points table: one row per model setting, validated with errors that name file, row, column.

Columns (see README "Your own data"):

=============  ==============================================================================
benchmark      e.g. "MATH level 5"
model          model id as its source spells it; a sweep repeats it with a different label or compute
series         the line a point belongs to (a model family at several budgets); default: model
role           ``base``, ``reasoning`` or empty
compute        x: tokens per question, USD per task, samples per problem (> 0, or empty)
score          y, percent 0-100
score_stderr   optional, percentage points
n              optional, number of questions
label, source  free text
=============  ==============================================================================
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

import numpy as np

from ._frozen import frozen
from .errors import ColumnsError, DataError

COLUMNS = (
    "benchmark",
    "model",
    "series",
    "role",
    "compute",
    "score",
    "score_stderr",
    "n",
    "label",
    "source",
)
ROLES = ("base", "reasoning", "")
SCORE_FRACTION = "score_fraction"  # --columns score_fraction=HEADER: a score given as a 0-1 fraction
MAX_CELL = 1000
# compute in any unit (tokens, USD, samples) lies well inside this; outside it, log-scale arithmetic
# (10**u, tick labels, padding) would under- or overflow
MIN_COMPUTE, MAX_COMPUTE = 1e-100, 1e100
MAX_QUESTIONS = (
    10**9
)  # n, questions behind a score  # characters in a text cell; longer cells are almost always a broken file

# Accepted spellings, after normalising headers (lower case, spaces and dashes to "_").
# Value: (canonical column, scale factor applied to the values, x kind implied or None).
ALIASES: dict[str, tuple[str, float, str | None]] = {
    "model": ("model", 1, None),
    "model_version": ("model", 1, None),
    "model_id": ("model", 1, None),
    "modelid": ("model", 1, None),
    "system": ("model", 1, None),
    "identifier": ("model", 1, None),
    "compute": ("compute", 1, None),
    "tokens": ("compute", 1, "tokens"),
    "output_tokens": ("compute", 1, "tokens"),
    "output_tokens_per_question": ("compute", 1, "tokens"),
    "tokens_per_question": ("compute", 1, "tokens"),
    "mean_output_tokens": ("compute", 1, "tokens"),
    "mean_output_tokens_per_question": ("compute", 1, "tokens"),
    "compute_output_tokens_per_question": ("compute", 1, "tokens"),
    "cost": ("compute", 1, "usd"),
    "cost_usd": ("compute", 1, "usd"),
    "cost_per_task": ("compute", 1, "usd"),
    "cost_per_task_usd": ("compute", 1, "usd"),
    "costpertask": ("compute", 1, "usd"),
    "usd_per_task": ("compute", 1, "usd"),
    "samples": ("compute", 1, "samples"),
    "k": ("compute", 1, "samples"),
    "samples_k": ("compute", 1, "samples"),
    "samples_per_problem": ("compute", 1, "samples"),
    "score": ("score", 1, None),
    "score_pct": ("score", 1, None),
    "accuracy_pct": ("score", 1, None),
    "coverage_pct": ("score", 1, None),
    "percent_correct": ("score", 1, None),
    "accuracy": ("score", 100, None),
    "acc": ("score", 100, None),
    "mean_score": ("score", 100, None),
    "pass_rate": ("score", 100, None),
    "score_stderr": ("score_stderr", 1, None),
    "score_stderr_pct": ("score_stderr", 1, None),
    "stderr_pct": ("score_stderr", 1, None),
    "accuracy_stderr": ("score_stderr", 100, None),
    "stderr": ("score_stderr", None, None),  # same scale as the score column it sits beside
    "n": ("n", 1, None),
    "n_questions": ("n", 1, None),
    "questions": ("n", 1, None),
    "benchmark": ("benchmark", 1, None),
    "task": ("benchmark", 1, None),
    "series": ("series", 1, None),
    "family": ("series", 1, None),
    "role": ("role", 1, None),
    "label": ("label", 1, None),
    "setting": ("label", 1, None),
    "source": ("source", 1, None),
}


@frozen
class ColumnMatch:
    """How a file's columns were mapped onto the points table."""

    mapping: dict[str, str]  # canonical column -> the file's header
    scale: dict[str, float]  # canonical column -> factor applied to the values
    x_kind: str | None


def normalise_header(name: object) -> str:
    text = str(name).replace("\ufeff", "").strip().lower()
    text = re.sub(r"\(.*?\)", "", text).strip()  # "Best score (across scorers)" -> "best score"
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def match_columns(
    headers: list[str], *, file: str | None = None, overrides: dict[str, str] | None = None
) -> ColumnMatch:
    """Map a file's headers to points-table columns, or say what was found and what is needed."""
    mapping: dict[str, str] = {}
    scale: dict[str, float] = {}
    x_kind: str | None = None
    overrides = dict(overrides or {})
    for canonical, header in overrides.items():
        if canonical not in COLUMNS and canonical != SCORE_FRACTION:
            raise DataError(
                f"--columns: {canonical!r} is not a points-table column (one of {', '.join(COLUMNS)}, "
                f"or {SCORE_FRACTION} for a score given as a 0-1 fraction)",
                file=file,
            )
        if header not in headers:
            shown = ", ".join(map(repr, headers[:20])) + (", ..." if len(headers) > 20 else "")
            raise DataError(f"column {header!r} (chosen for {canonical}) is not in the file; found: {shown}", file=file)
        if canonical == SCORE_FRACTION:
            canonical = "score"
            scale["score"] = 100.0
        else:
            scale[canonical] = 1.0
        if canonical in mapping:
            raise DataError(f"--columns chooses two columns for {canonical}", file=file)
        mapping[canonical] = header
    chosen = set(mapping.values())
    for header in headers:
        alias = ALIASES.get(normalise_header(header))
        if alias is None or header in chosen:
            continue
        canonical, factor, kind = alias
        if canonical in overrides or (canonical == "score" and SCORE_FRACTION in overrides):
            continue  # --columns picked one of several
        if canonical in mapping:
            raise DataError(
                f"columns {mapping[canonical]!r} and {header!r} both give {canonical}; remove one, "
                f"or choose one with --columns {canonical}={mapping[canonical]}",
                file=file,
            )
        mapping[canonical] = header
        scale[canonical] = factor if factor is not None else math.nan
        if canonical == "compute":
            x_kind = kind
    if "score_stderr" in scale and math.isnan(scale["score_stderr"]):
        scale["score_stderr"] = scale.get("score", 1.0)
    missing = [c for c in ("model", "compute", "score") if c not in mapping]
    if missing:
        found = ", ".join(repr(str(h)) for h in headers) or "no columns"
        raise ColumnsError(
            f"missing column(s) {', '.join(missing)}; found {found}. Needed: model, "
            "compute (or tokens / cost / samples), score (percent; or accuracy as a 0-1 "
            "fraction). Other delimiters than , ; tab | are not recognised.",
            file=file,
            found=[str(h) for h in headers],
            missing=missing,
        )
    return ColumnMatch(mapping, scale, x_kind)


NUMERIC = ("compute", "score", "score_stderr", "n")
TEXT = ("benchmark", "model", "series", "role", "label", "source")


class PointRow(NamedTuple):
    """One point: the row of a :class:`Points` table."""

    benchmark: str
    model: str
    series: str
    role: str
    compute: float
    score: float
    score_stderr: float
    n: float
    label: str
    source: str


class Points:
    """The validated points table: one numpy array per column of :data:`COLUMNS` (float64 for
    compute, score, score_stderr and n, NaN where unknown; object arrays of ``str`` for the text
    columns, "" where empty). Immutable by convention: the arrays are read-only.

    ``points["score"]`` is a column; ``points[mask]`` or ``points[indices]`` is a table of the
    chosen rows; ``len(points)``; ``points.rows()`` iterates :class:`PointRow`.
    ``to_pandas()`` gives a DataFrame for those who want one (it imports pandas).
    """

    __slots__ = ("_columns",)
    columns = COLUMNS

    def __init__(self, columns: Mapping[str, object]) -> None:
        built: dict[str, np.ndarray] = {}
        length = None
        for name in COLUMNS:
            values = columns[name]
            if name in NUMERIC:
                array = np.array(values, dtype=float)
            else:
                array = np.empty(len(values), dtype=object)
                array[:] = values if isinstance(values, np.ndarray) else list(values)
            array.flags.writeable = False
            if length is None:
                length = len(array)
            elif len(array) != length:
                raise ValueError(f"column {name} has {len(array)} values, not {length}")
            built[name] = array
        self._columns = built

    @classmethod
    def _trusted(cls, columns: dict[str, np.ndarray]) -> Points:
        table = cls.__new__(cls)
        table._columns = columns
        return table

    def __len__(self) -> int:
        return len(self._columns["score"])

    def __getitem__(self, key):
        if isinstance(key, str):
            return self._columns[key]
        return self.take(key)

    def __contains__(self, name: object) -> bool:
        return name in self._columns

    def take(self, rows) -> Points:
        """The chosen rows: a boolean mask or integer positions (in that order)."""
        rows = np.asarray(rows)
        if rows.dtype != bool:
            rows = rows.astype(np.intp, copy=False)
        out = {}
        for name, array in self._columns.items():
            chosen = array[rows]
            chosen.flags.writeable = False
            out[name] = chosen
        return Points._trusted(out)

    def with_column(self, name: str, values) -> Points:
        """A copy with one column replaced."""
        out = dict(self._columns)
        out[name] = Points({**self._columns, name: values})._columns[name]
        return Points._trusted(out)

    def row(self, i: int) -> PointRow:
        return PointRow(*(self._columns[c][i].item() if c in NUMERIC else self._columns[c][i] for c in COLUMNS))

    def rows(self) -> Iterator[PointRow]:
        columns = [self._columns[c].tolist() for c in COLUMNS]
        return (PointRow(*values) for values in zip(*columns))

    def records(self) -> list[dict]:
        """One dict per row (NaN where a number is unknown)."""
        return [row._asdict() for row in self.rows()]

    def groups(self, column: str = "series") -> dict[str, np.ndarray]:
        """Row positions of each value of a text column, values in first-seen order."""
        return group_rows(self._columns[column])

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame({c: (a.copy() if c in NUMERIC else a.astype(str)) for c, a in self._columns.items()})

    def __repr__(self) -> str:
        return f"<Points: {len(self)} rows>"


def group_rows(values: np.ndarray) -> dict[str, np.ndarray]:
    """Row positions of each distinct value, values in first-seen order, positions ascending:
    one pass to number the values and one stable sort, whatever the number of groups."""
    cells = values.tolist()
    codes_of = {v: i for i, v in enumerate(dict.fromkeys(cells))}  # first-seen order
    codes = np.fromiter(map(codes_of.__getitem__, cells), dtype=np.intp, count=len(cells))
    order = np.argsort(codes, kind="stable")
    counts = np.bincount(codes, minlength=len(codes_of))
    ends = np.cumsum(counts)
    return {name: order[end - n : end] for name, n, end in zip(codes_of, counts, ends)}


class ReadColumn:
    """A column of text cells as a file reader read it (None where a cell is empty), with what the
    reader can work out at C speed: validation asks only for what it needs, and the cells become
    Python objects only when something asks for them.

    ``cells()`` is the list of cells, exactly what the reader would otherwise hand over.
    ``numbers()`` is every cell read as a number (NaN where empty), exactly what validation would
    make of ``cells()`` on its way to accepting them, or None when the reader cannot vouch for that
    (a cell it could not read, a NaN, an infinity, a zero that may be an underflow): validation then
    reads ``cells()`` one by one as always, so what it says about a bad cell is unchanged.
    ``texts()`` is every cell stripped of white space as ``str.strip()`` does ("" where empty), or
    None (then ``cells()`` is stripped here). The functions are the reader's; this module never
    imports what they use."""

    __slots__ = ("_length", "_cells", "_make_cells", "_make_numbers", "_make_texts")

    def __init__(self, length: int, cells, numbers=None, texts=None) -> None:
        self._length = length
        self._cells: list | None = None
        self._make_cells = cells
        self._make_numbers = numbers
        self._make_texts = texts

    def __len__(self) -> int:
        return self._length

    def cells(self) -> list:
        if self._cells is None:
            self._cells = self._make_cells()
        return self._cells

    def numbers(self) -> np.ndarray | None:
        return None if self._make_numbers is None else self._make_numbers()

    def texts(self) -> list[str] | None:
        return None if self._make_texts is None else self._make_texts()

    def __repr__(self) -> str:
        return f"<ReadColumn: {self._length} cells>"


def _missing(value: object) -> bool:
    """None, NaN, and pandas' NA/NaT (without importing pandas)."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def _as_array(raw: object) -> np.ndarray:
    """A column as numpy: a pandas Series (object dtype keeps None/NA), a list or an array."""
    if isinstance(raw, ReadColumn):
        raw = raw.cells()
    to_numpy = getattr(raw, "to_numpy", None)
    if to_numpy is not None:
        kind = getattr(getattr(raw, "dtype", None), "kind", "O")
        return to_numpy() if kind in "fiub" else to_numpy(dtype=object)
    if isinstance(raw, np.ndarray):
        return raw
    array = np.empty(len(raw), dtype=object)
    array[:] = list(raw)
    return array


_NAN_WORDS = frozenset(("nan", "-nan", "+nan"))


def _numeric(raw: object, column: str, *, file: str | None, rows: np.ndarray, allow_empty: bool) -> np.ndarray:
    read = raw.numbers() if isinstance(raw, ReadColumn) else None
    raw = _as_array(raw) if read is None else None
    if read is not None:  # the reader read every cell as validation would (ReadColumn.numbers)
        values = read
    elif raw.dtype.kind in "fiu":
        values = raw.astype(float)
    elif raw.dtype.kind == "b":
        raise DataError(f"expected numbers, got true/false (first at row {rows[0]})", file=file)
    else:
        cells = raw.tolist()
        values = None
        if set(map(type, cells)) <= {str, float, int, type(None)}:  # the fast paths
            try:  # numpy parses every cell at C speed (None is NaN) ...
                values = np.array(cells, dtype=float)
            except (ValueError, TypeError, OverflowError):
                try:  # ... or cells of spaces are empty, one comprehension
                    values = np.array(
                        [
                            math.nan if v is None else float(v) if v.__class__ is not str or v.strip() else math.nan
                            for v in cells
                        ],
                        dtype=float,
                    )
                except (ValueError, OverflowError):
                    values = None  # the cell-by-cell pass below names the bad cell
            if values is not None:
                for i in np.flatnonzero(np.isnan(values)).tolist():  # a NaN read from text ("nan")
                    if isinstance(cells[i], str) and cells[i].strip():
                        values = None
                        break
            # float() reads 1_000 and digits of every script (Arabic-Indic, full-width); a table
            # does not: no number's repr has a "_" or a digit outside 0-9
            if values is not None:
                joined = "".join(map(str, cells))
                if "_" in joined or not joined.isascii():
                    values = None
            if values is not None and (values == 0).any():  # 1e-400 reads as 0: only when written as zero
                for i in np.flatnonzero(values == 0).tolist():
                    if isinstance(cells[i], str) and _UNDERFLOW.match(cells[i].strip()):
                        values = None
                        break
        if values is None:
            values = _numeric_cells(cells, column, file=file, rows=rows)
    infinite = np.isinf(values)
    if infinite.any():
        i = int(np.flatnonzero(infinite)[0])
        raise DataError("value is infinite", file=file, row=int(rows[i]), column=column)
    if not allow_empty and np.isnan(values).any():
        i = int(np.flatnonzero(np.isnan(values))[0])
        raise DataError("value is missing", file=file, row=int(rows[i]), column=column)
    return values


# a number written with a non-zero digit in its mantissa (one that reads as 0 has underflowed)
_UNDERFLOW = re.compile(r"^[+-]?(?:\d*[1-9]\d*\.?\d*|\d*\.\d*[1-9]\d*)[eE]")


def _numeric_cells(cells: list, column: str, *, file: str | None, rows: np.ndarray) -> np.ndarray:
    """Cell by cell, with a message naming the first cell that is not a number."""
    values = np.empty(len(cells), dtype=float)
    for i, value in enumerate(cells):
        if _missing(value):
            values[i] = np.nan
            continue
        if isinstance(value, bool):
            raise DataError("expected a number, got true/false", file=file, row=int(rows[i]), column=column)
        if isinstance(value, (int, float)):
            try:
                values[i] = value
            except OverflowError:
                raise DataError("number too large", file=file, row=int(rows[i]), column=column) from None
            continue
        text = str(value).strip()
        if not text:
            values[i] = np.nan
            continue
        if text.lower() in _NAN_WORDS:
            raise DataError("value is NaN; leave the cell empty instead", file=file, row=int(rows[i]), column=column)
        shown = text if len(text) <= 40 else text[:37] + "..."
        if not text.isascii():  # float() reads Arabic-Indic and full-width digits; a table does not
            raise DataError(
                f"{shown!r} is not a number (only the digits 0-9 are read)", file=file, row=int(rows[i]), column=column
            )
        try:
            if "_" in text:  # float() reads 1_000; a table does not
                raise ValueError
            values[i] = float(text)
        except (ValueError, OverflowError):
            raise DataError(f"{shown!r} is not a number", file=file, row=int(rows[i]), column=column) from None
        if values[i] == 0 and _UNDERFLOW.match(text):
            raise DataError(
                f"{shown!r} is too small to represent: it would be read as 0 (write 0 if that is meant)",
                file=file,
                row=int(rows[i]),
                column=column,
            )
    return values


def _text(raw: object | None, n: int, *, file: str | None, rows: np.ndarray, column: str) -> list[str]:
    if raw is None:
        return [""] * n
    out = raw.texts() if isinstance(raw, ReadColumn) else None
    if out is not None and out and max(map(len, out)) > MAX_CELL:
        out = None  # the message below measures the cell as it was read
    if out is not None:
        return out
    cells = _as_array(raw).tolist()
    if set(map(type, cells)) <= {str, float, int, type(None)}:  # the fast path: one comprehension
        out = ["" if v is None or v != v else str(v).strip() for v in cells]
    else:
        out = ["" if _missing(v) else str(v).strip() for v in cells]
    if out and max(map(len, out)) > MAX_CELL:
        i = next(i for i, text in enumerate(out) if len(text) > MAX_CELL)
        raise DataError(
            f"cell is {len(str(cells[i])):,} characters long (limit {MAX_CELL:,})",
            file=file,
            row=int(rows[i]),
            column=column,
        )
    return out


MAX_BAD_SHOWN = 10  # bad values a reader's error lists, with how many in all (the app's notice fits 80x24)


def validate_points(
    frame: object,
    *,
    file: str | None = None,
    row_offset: int = 2,
    overrides: dict[str, str] | None = None,
    default_benchmark: str = "",
    notes: list[str] | None = None,
) -> tuple[Points, str | None]:
    """Turn a raw table into a validated :class:`Points` table.

    ``frame`` is a pandas DataFrame or a mapping of header -> column (lists or arrays): anything
    with ``frame[header]`` and, for a mapping, its keys as the headers.
    ``row_offset`` is added to a row's 0-based position to give the row number a user sees:
    2 for CSV (line 1 is the header), 1 for JSON records and Parquet rows.
    Returns the table and the x kind implied by the column names; observations about units (a
    percent column whose values all lie in [0, 1]) are appended to ``notes``.
    """
    keys = list(frame.columns if hasattr(frame, "columns") else frame)
    headers = [str(c) for c in keys]
    n = len(frame[keys[0]]) if keys else 0
    if n == 0:
        raise DataError("no data rows (only a header, or an empty table)", file=file)
    match = match_columns(headers, file=file, overrides=overrides)
    rows = np.arange(n) + row_offset

    def col(canonical: str) -> object | None:
        header = match.mapping.get(canonical)
        return None if header is None else frame[header]

    def label(canonical: str) -> str:
        return match.mapping.get(canonical, canonical)

    model = _text(col("model"), n, file=file, rows=rows, column=label("model"))
    if not all(model):
        i = model.index("")
        raise DataError("model is empty", file=file, row=int(rows[i]), column=label("model"))
    compute = _numeric(col("compute"), label("compute"), file=file, rows=rows, allow_empty=True)
    score = _numeric(col("score"), label("score"), file=file, rows=rows, allow_empty=False)
    if match.scale["score"] == 1 and notes is not None and len(score) and score.max() <= 1 and score.max() > 0:
        header = label("score")
        notes.append(
            f"every value in column {header!r} lies between 0 and 1: read as percent (0.5 means 0.5%); "
            f"if they are fractions (0.5 means 50%), read them with --columns {SCORE_FRACTION}={header}"
        )
    score = score * match.scale["score"]
    stderr = (
        _numeric(col("score_stderr"), label("score_stderr"), file=file, rows=rows, allow_empty=True)
        * match.scale["score_stderr"]
        if "score_stderr" in match.mapping
        else np.full(n, np.nan)
    )
    n_q = (
        _numeric(col("n"), label("n"), file=file, rows=rows, allow_empty=True)
        if "n" in match.mapping
        else np.full(n, np.nan)
    )

    # every bad value is reported, not the first alone (a zero compute at row 12 hid a negative one
    # at row 13 until row 12 was fixed): one error, the first MAX_BAD_SHOWN of them and how many
    problems: list[tuple[int, int, str, str]] = []  # (position, check, column, what is wrong)
    total = [0]  # bad values found, shown or not

    def found(mask: np.ndarray, column: str, what) -> None:
        bad = np.flatnonzero(mask)
        problems.extend((int(i), len(problems), column, what(i)) for i in bad[:MAX_BAD_SHOWN])
        total[0] += bad.size

    found(
        compute <= 0,
        label("compute"),
        lambda i: f"compute must be > 0 (got {compute[i]:g})",
    )
    found(
        (compute > 0) & ((compute < MIN_COMPUTE) | (compute > MAX_COMPUTE)),
        label("compute"),
        lambda i: (
            f"compute {compute[i]:g} is outside the range scalescope works in "
            f"({MIN_COMPUTE:g} to {MAX_COMPUTE:g}, in any unit)"
        ),
    )
    hint = f" (column {label('score')!r} is read as a 0-1 fraction)" if match.scale["score"] == 100 else ""
    found((score < 0) | (score > 100), label("score"), lambda i: f"score {score[i]:g}% is outside 0-100{hint}")
    found(stderr < 0, label("score_stderr"), lambda i: "stderr must be >= 0")
    found(
        stderr > 100,
        label("score_stderr"),
        lambda i: f"stderr {stderr[i]:g} percentage points is more than the whole 0-100 scale",
    )
    found(
        np.isfinite(n_q) & ((n_q <= 0) | (n_q != np.round(n_q)) | (n_q > MAX_QUESTIONS)),
        label("n"),
        lambda i: f"n must be a whole number from 1 to {MAX_QUESTIONS:,}",
    )
    if problems:
        problems.sort()  # in the file's order (a row's cells in the order checked)
        first = next((k for k, p in enumerate(problems) if p[3].startswith("compute must be > 0")), None)
        if first is not None:  # said once, at the first (it holds for every one)
            j, check, c, w = problems[first]
            hint = "; leave it empty when unknown" if first == 0 else " (leave it empty when unknown)"
            problems[first] = (j, check, c, w + hint)
        i, _, column, what = problems[0]
        more = [f"row {rows[j]}, column {c!r}: {w}" for j, _, c, w in problems[1:MAX_BAD_SHOWN]]
        if more:
            shown = len(more) + 1
            what += "; also " + "; ".join(more)
            what += f" ({total[0]:,} bad values in all, the first {shown} shown)" if total[0] > shown else ""
        raise DataError(what, file=file, row=int(rows[i]), column=column)

    # (the shortcuts below skip a pass over every row where a column is absent or has no gap)
    if col("benchmark") is None:
        benchmark = [default_benchmark] * n
    else:
        benchmark = _text(col("benchmark"), n, file=file, rows=rows, column=label("benchmark"))
        benchmark = [b or default_benchmark for b in benchmark]
    series = _text(col("series"), n, file=file, rows=rows, column=label("series"))
    if not all(series):
        series = [s or m for s, m in zip(series, model)]
    if col("role") is None:
        role = [""] * n
    else:
        role = [r.lower() for r in _text(col("role"), n, file=file, rows=rows, column=label("role"))]
    for i, r in enumerate(role if not set(role) <= set(ROLES) else ()):  # names the first bad role
        if r not in ROLES:
            raise DataError(
                f"role {r!r} is not one of base, reasoning or empty",
                file=file,
                row=int(rows[i]),
                column=label("role"),
            )
    label_text = _text(col("label"), n, file=file, rows=rows, column=label("label"))
    if "series" not in match.mapping:
        series, label_text = _settings_from_ids(model, label_text, notes)
    label_text = _settings_from_columns(frame, headers, keys, match, label_text, file=file, rows=rows, notes=notes)
    # a sweep (one model at several budgets or efforts) is several points of one series; only rows
    # that agree on model, label and compute are the same point twice
    if len(set(model)) == n:  # every row a different model: no point can appear twice
        keys = []
    else:
        computes = [None if c != c else c for c in compute.tolist()]  # unknown compute: NaN never equals itself
        keys = list(zip(benchmark, model, label_text, computes))
    seen: dict[tuple, int] = {}
    for i, key in enumerate(keys if len(set(keys)) < len(keys) else ()):  # names the first repeat, if any
        first = seen.setdefault(key, i)
        if first != i:
            setting = f" with label {label_text[i]!r}" if label_text[i] else " with no label"
            raise DataError(
                f"model {model[i]!r}{setting} and the same compute appears twice (rows {rows[first]} and "
                f"{rows[i]}); points of a sweep need a different label or compute",
                file=file,
                row=int(rows[i]),
                column=label("model"),
            )
    out = Points(
        {
            "benchmark": benchmark,
            "model": model,
            "series": series,
            "role": role,
            "compute": compute,
            "score": score,
            "score_stderr": stderr,
            "n": n_q,
            "label": label_text,
            "source": _text(col("source"), n, file=file, rows=rows, column=label("source")),
        }
    )
    return out, match.x_kind


def _settings_from_ids(model: list[str], labels: list[str], notes: list[str] | None) -> tuple[list[str], list[str]]:
    """No series column: model ids that differ only by an effort or budget suffix (``_64K``,
    ``_high``, ``-high``) are settings of one model: one series, the setting as the label where the
    row has none. A suffix alone (no other row of that model) is left as it is."""
    from .settings import split_setting

    split = {m: split_setting(m) for m in dict.fromkeys(model)}
    rows_of: dict[str, int] = {}
    for m in model:
        rows_of[split[m][0]] = rows_of.get(split[m][0], 0) + 1
    grouped = {m for m, (base, setting) in split.items() if setting and rows_of[base] > 1}
    if not grouped:
        return list(model), labels
    series = [split[m][0] if m in grouped else m for m in model]
    labels = [lab or (split[m][1] if m in grouped else "") for m, lab in zip(model, labels)]
    if notes is not None:
        bases = list(dict.fromkeys(split[m][0] for m in model if m in grouped))
        shown = ", ".join(repr(b) for b in bases[:3]) + (f" and {len(bases) - 3} more" if len(bases) > 3 else "")
        notes.append(
            f"model ids with an effort or budget suffix (_64K, _high, ...) read as settings of one model: "
            f"{len(bases)} series ({shown}), each setting shown as its label; a series column groups rows otherwise"
        )
    return series, labels


def _settings_from_columns(frame, headers, keys, match, labels, *, file, rows, notes) -> list[str]:
    """``reasoning_effort`` / ``effort`` and ``budget`` / ``thinking_tokens`` / ... columns: each
    row's setting, shown as its label where the row has none ("high effort", "16K budget"). The
    rows of one model then are points of one series (the model's), told apart by the label."""
    from .settings import BUDGET_COLUMNS, EFFORT_COLUMNS, setting_label

    used = set(match.mapping.values())
    found: dict[str, tuple[str, object]] = {}
    for header, key in zip(headers, keys):
        name = normalise_header(header)
        kind = "effort" if name in EFFORT_COLUMNS else "budget" if name in BUDGET_COLUMNS else None
        if kind and kind not in found and header not in used:
            found[kind] = (header, key)
    if not found:
        return labels
    n = len(labels)
    effort = (
        _text(frame[found["effort"][1]], n, file=file, rows=rows, column=found["effort"][0])
        if "effort" in found
        else [""] * n
    )
    budget = (
        _numeric(frame[found["budget"][1]], found["budget"][0], file=file, rows=rows, allow_empty=True)
        if "budget" in found
        else np.full(n, np.nan)
    )
    bad = np.flatnonzero(np.isfinite(budget) & ((budget < 0) | (budget > MAX_COMPUTE)))
    if bad.size:
        raise DataError(
            f"a thinking budget must be a token count >= 0 (got {budget[bad[0]]:g})",
            file=file,
            row=int(rows[bad[0]]),
            column=found["budget"][0],
        )
    out = [
        lab or setting_label(effort=e or None, budget=None if b != b else float(b))
        for lab, e, b in zip(labels, effort, budget.tolist())
    ]
    if notes is not None:
        names = " and ".join(repr(header) for header, _ in found.values())
        notes.append(
            f"column {names} read as each point's setting (shown as its label): the rows of one model are "
            "points of one series"
        )
    return out


def point_names(points: Points) -> list[str]:
    """How each point is named in tables, fits and charts: its model id, followed by its label
    in parentheses wherever the model id names more than one point (a budget or effort sweep)."""
    return names_of(points["model"].tolist(), points["label"].tolist(), points["compute"].tolist())


def names_of(models: list[str], labels: list[str], computes: list[float]) -> list[str]:
    """:func:`point_names` on plain lists (one series' slice of the whole table's columns)."""
    if len(set(models)) == len(models):  # every model names one point: its id is its name
        return list(models)
    counts: dict[str, int] = {}
    for m in models:
        counts[m] = counts.get(m, 0) + 1
    out = []
    for m, lab, c in zip(models, labels, computes):
        lab = lab if lab and lab != "nan" else ""
        if counts[m] == 1:
            out.append(m)
        elif lab:
            out.append(f"{m} ({lab})")
        else:
            out.append(f"{m} (compute {c:g})" if c == c else f"{m} (compute unknown)")
    return out
