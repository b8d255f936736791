"""The Points table (numpy columns) and the vectorised validation behind it, against independent
computations: pandas for row selection, a dict built by hand for grouping, the cell-by-cell
parser for the fast numeric path."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.errors import DataError
from scalescope.engine.points import (
    COLUMNS,
    Points,
    _numeric,
    _numeric_cells,
    group_rows,
    validate_points,
)

TABLE = {
    "model": ["a", "b", "c", "d"],
    "series": ["s", "t", "s", "u"],
    "compute": ["10", "", "1e3", "100"],
    "score": ["5", "9", "14", "20.5"],
    "label": ["x", "", "y", ""],
}


def test_points_columns_are_read_only_and_typed():
    pts, _ = validate_points(TABLE, file="t.csv")
    assert pts.columns == COLUMNS and len(pts) == 4
    assert pts["compute"].dtype == float and math.isnan(pts["compute"][1])
    assert pts["model"].dtype == object and pts["model"].tolist() == ["a", "b", "c", "d"]
    with pytest.raises(ValueError):
        pts["score"][0] = 99.0  # a Dataset's points cannot be changed behind its back
    assert pts.row(2).compute == 1000.0 and pts.row(2).series == "s"
    assert [r.model for r in pts.rows()] == ["a", "b", "c", "d"]
    assert pts.records()[3]["score"] == 20.5


def test_take_matches_pandas_row_selection():
    pts, _ = validate_points(TABLE, file="t.csv")
    frame = pts.to_pandas()
    mask = pts["score"] > 6
    assert pts[mask].to_pandas().reset_index(drop=True).equals(frame[mask].reset_index(drop=True))
    order = np.array([3, 0, 2])
    assert pts[order].to_pandas().reset_index(drop=True).equals(frame.iloc[order].reset_index(drop=True))
    empty = pts[np.zeros(0, dtype=np.intp)]
    assert len(empty) == 0 and empty["model"].tolist() == []


def test_dict_and_dataframe_input_give_the_same_table():
    from_dict, kind = validate_points(TABLE, file="t.csv")
    from_frame, kind2 = validate_points(pd.DataFrame(TABLE), file="t.csv")
    assert kind == kind2
    for column in COLUMNS:
        assert np.array_equal(from_dict[column], from_frame[column], equal_nan=from_dict[column].dtype == float)


@given(st.lists(st.sampled_from(["a", "b", "c", "dd", "", "é"]), max_size=60))
def test_group_rows_matches_a_dict_built_by_hand(values):
    expected: dict[str, list[int]] = {}
    for i, v in enumerate(values):
        expected.setdefault(v, []).append(i)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    got = group_rows(array)
    assert list(got) == list(expected)  # first-seen order
    assert {k: v.tolist() for k, v in got.items()} == expected


CELL = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**6),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-inf", "1_000", "1e5", " 2.5 ", "abc", "0x10", "1e400"]),
    st.floats(min_value=-1e6, max_value=1e6).map(repr),
)


@settings(max_examples=300)
@given(st.lists(CELL, min_size=1, max_size=20), st.booleans())
def test_fast_numeric_path_agrees_with_the_cell_by_cell_parser(cells, allow_empty):
    """The one-comprehension path and the cell-by-cell one give the same numbers, or the same
    error for the same cell."""
    rows = np.arange(len(cells)) + 2
    array = np.empty(len(cells), dtype=object)
    array[:] = cells

    def outcome(fn):
        try:
            return ("ok", fn())
        except DataError as exc:
            return ("error", str(exc))

    fast = outcome(lambda: _numeric(array, "x", file="f", rows=rows, allow_empty=allow_empty))

    def slow():
        values = _numeric_cells(cells, "x", file="f", rows=rows)
        # the checks _numeric makes after parsing
        if np.isinf(values).any():
            i = int(np.flatnonzero(np.isinf(values))[0])
            raise DataError("value is infinite", file="f", row=int(rows[i]), column="x")
        if not allow_empty and np.isnan(values).any():
            i = int(np.flatnonzero(np.isnan(values))[0])
            raise DataError("value is missing", file="f", row=int(rows[i]), column="x")
        return values

    expected = outcome(slow)
    assert fast[0] == expected[0], (fast, expected)
    if fast[0] == "ok":
        assert np.array_equal(fast[1], expected[1], equal_nan=True)
    else:
        assert fast[1] == expected[1]


def test_the_messages_name_the_cell():
    with pytest.raises(DataError, match=r"row 3.*'abc' is not a number|'abc' is not a number.*row 3"):
        validate_points({**TABLE, "score": ["5", "abc", "1", "2"]}, file="t.csv")
    with pytest.raises(DataError, match="NaN"):
        validate_points({**TABLE, "score": ["5", "nan", "1", "2"]}, file="t.csv")
    with pytest.raises(DataError, match="not a number"):
        validate_points({**TABLE, "score": ["5", "1_0", "1", "2"]}, file="t.csv")
    with pytest.raises(DataError, match="model is empty"):
        validate_points({**TABLE, "model": ["a", " ", "c", "d"]}, file="t.csv")


def test_dataset_accepts_a_dataframe_and_fills_optional_columns():
    from scalescope.engine.dataset import Dataset

    ds = Dataset("t", "t", "t", pd.DataFrame({"model": ["a", "b"], "compute": [1.0, 10.0], "score": [1.0, 2.0]}))
    assert isinstance(ds.points, Points)
    assert ds.points["series"].tolist() == ["a", "b"] and ds.points["role"].tolist() == ["", ""]
    assert np.isnan(ds.points["n"]).all() and ds.series == ["a", "b"]
    with pytest.raises(DataError, match="score"):
        Dataset("t", "t", "t", pd.DataFrame({"model": ["a"], "compute": [1.0]}))
