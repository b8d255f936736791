"""Large CSV points tables are parsed by pyarrow (engine/readers/table.py, ARROW_CSV_ABOVE): the
columns must be exactly the csv module's, cell for cell, or the arrow path must step aside (None)
and leave the file to the csv module. Checked on random tables full of quotes, spaces, empty
cells, blank lines, CRLF, short and long rows, and on a 100k-row file."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.errors import DataError
from scalescope.engine.points import NUMERIC, validate_points
from scalescope.engine.readers.table import (
    ARROW_CSV_ABOVE,
    PY_WHITESPACE,
    _arrow_columns,
    _csv_module_columns,
    read_csv_columns,
)

cells = st.lists(st.sampled_from([*'ab1.5e-" ,;\t\n\r', "x y", "é", '""']), max_size=6).map("".join)


def _both(text: str, sep: str = ","):
    try:
        want = _csv_module_columns(text, sep, name="t.csv", max_rows=1000)
    except DataError as exc:
        want = exc
    got = _arrow_columns(text, sep, name="t.csv", max_rows=1000)
    return want, _cells(got)


def _cells(columns):
    """The arrow path's columns as the csv module gives them (lists of cells)."""
    return None if columns is None else {header: column.cells() for header, column in columns.items()}


@settings(max_examples=300, deadline=None)
@given(
    header=st.lists(st.text(alphabet="abc xy_", min_size=1, max_size=6), min_size=1, max_size=4),
    rows=st.lists(st.lists(cells, min_size=0, max_size=5), max_size=12),
    newline=st.sampled_from(["\n", "\r\n"]),
    quote_all=st.booleans(),
    sep=st.sampled_from([",", ";", "\t"]),
)
def test_arrow_reads_every_table_as_the_csv_module_or_steps_aside(header, rows, newline, quote_all, sep):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else 0)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    text = out.getvalue()
    want, got = _both(text, sep)
    if got is not None:
        assert not isinstance(want, DataError), (text, want)
        assert got == want, text


def test_a_quote_after_spaces_steps_aside():
    """` ""` after a delimiter: the csv module skips the space and reads an empty quoted cell,
    pyarrow a two-character text (found by hypothesis below): the arrow path steps aside."""
    text = 'model,compute,score\n,, ""\n'
    want, got = _both(text)
    assert got is None and want["score"] == [None]


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=10),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_raw_text_with_stray_quotes_and_spaces(lines, newline):
    """Cells joined as they are (no quoting): stray quotes, quotes after spaces, ragged rows."""
    text = "model,compute,score" + newline + newline.join(",".join(row) for row in lines) + newline
    want, got = _both(text)
    if got is not None:
        assert not isinstance(want, DataError), (text, want)
        assert got == want, text


@pytest.mark.parametrize(
    "text",
    [
        "model, compute ,score\na, 10 ,20\n b,100,  30\n",  # spaces after the delimiter
        'model,compute,score\n"a, b",10,20\n"c\nd",100,30\n',  # delimiter and newline in quotes
        "model,compute,score\n\na,10,20\n\n\nb,100,30\n",  # blank lines
        "model,compute,score\r\na,10,20\r\nb,,30\r\n",  # CRLF, an empty cell
        'model,compute,score\na,10,""\nb,100,30\n',  # a quoted empty cell
        "model,compute,score\na,1e-400,nan\nb,1_000,٣\n",  # numbers stay text: validated later
        "model,compute,score\na,10\nb,100,30\n",  # a short row: padded by the csv module
        "model,compute,score\na,10,20,40\n",  # a long row: an error naming it
        'model,compute,score\na, "q, r",20\n',  # a quote after spaces
        "\ufeffmodel,compute,score\na,10,20\n",  # a second BOM
    ],
)
def test_known_cases(text):
    want, got = _both(text)
    assert got is None or got == want


def _big(tmp_path, rows: int = 100_000):
    rng = np.random.default_rng(0)
    path = tmp_path / "big.csv"
    with path.open("w") as handle:
        handle.write("model,series,tokens,score\n")
        for i in range(rows):
            handle.write(f"m{i},s{rng.integers(0, 1000):04d},{10 ** rng.uniform(2, 5)!r},{rng.uniform(0, 100)!r}\n")
    return path


def test_a_large_file_takes_the_arrow_path_and_reads_the_same(tmp_path):
    path = _big(tmp_path)
    text = path.read_text()
    assert len(text) >= ARROW_CSV_ABOVE
    arrow = _arrow_columns(text, ",", name=str(path), max_rows=10**6)
    assert arrow is not None  # the fast path was taken
    slow = _csv_module_columns(text, ",", name=str(path), max_rows=10**6)
    assert _cells(arrow) == slow
    columns, offset = read_csv_columns(path)
    assert _cells(columns) == slow and offset == 2
    # the numbers and texts Arrow makes are the ones validation makes of the cells
    assert columns["tokens"].numbers() is not None and columns["model"].texts() is not None
    fast_points, _ = validate_points(columns, file="f")
    slow_points, _ = validate_points(slow, file="f")
    _same_points(fast_points, slow_points)
    with pytest.raises(DataError, match="more than 99,999 rows"):
        _arrow_columns(text, ",", name=str(path), max_rows=99_999)


def test_a_small_file_never_imports_pyarrow(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("model,compute,score\na,10,20\nb,100,30\n")
    code = (
        "import sys; from pathlib import Path\n"
        "from scalescope.engine.readers.table import read_csv_columns\n"
        f"cols, _ = read_csv_columns(Path({str(path)!r}))\n"
        "assert cols['model'] == ['a', 'b'], cols\n"
        "assert 'pyarrow' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _same_points(a, b):
    assert len(a) == len(b)
    for name in a.columns:
        if name in NUMERIC:
            np.testing.assert_array_equal(a[name], b[name])  # NaN where NaN, every bit else
            assert (np.signbit(a[name]) == np.signbit(b[name])).all()
        else:
            assert a[name].tolist() == b[name].tolist(), name


def _validate(columns, **kwargs):
    try:
        points, kind = validate_points(columns, file="t.csv", **kwargs)
    except DataError as exc:
        return str(exc), None
    return points, kind


def _fast_and_slow_agree(text, **kwargs):
    """Validation of the arrow path's columns (Arrow's numbers and texts where it vouches for
    them) and of the csv module's cells: the same table, or the same message and row."""
    fast = _arrow_columns(text, ",", name="t.csv", max_rows=1000)
    if fast is None:
        return False
    slow = _csv_module_columns(text, ",", name="t.csv", max_rows=1000)
    got, want = _validate(fast, **kwargs), _validate(slow, **kwargs)
    if isinstance(want[0], str) or isinstance(got[0], str):
        assert got == want, text
    else:
        _same_points(got[0], want[0])
        assert got[1] == want[1]
    return True


# cells a hostile numbers column holds: numbers of every spelling, and what only one of the
# two parsers might read (NaN, infinities, underflows, separators, other scripts' digits, spaces)
number_cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "  ",
            "0",
            "-0",
            "0.0",
            "0e5",
            "1",
            "+1",
            "-1",
            ".5",
            "5.",
            "1e5",
            "1E+05",
            "-.5e-3",
            "12.5",
            "00012",
            "1e-400",
            "1e400",
            "-1e400",
            "4.9e-324",
            "2.2250738585072011e-308",
            "9007199254740993",
            "nan",
            "NaN",
            "-nan",
            "inf",
            "-inf",
            "Infinity",
            "1_000",
            "1,5",
            "0x10",
            "1d5",
            "١",
            "٣.٥",
            "１",
            " 1",
            "1 ",
            "1\t",
            "\xa01",
            "1\u3000",
            "abc",
            "1e",
            "e1",
            "--1",
            "1.5.5",
            ".",
            "-",
            "101",
            "100",
            "150",
            "1" * 400,
            "0." + "0" * 400 + "1",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(0, 100).map(lambda v: f"{v:.17g}"),
    st.floats(1e-6, 1e12).map(lambda v: f"{v:.6e}"),
)
# text cells: white space of every kind str.strip() strips (and two it does not) at either end
spaces = st.sampled_from([*PY_WHITESPACE, "\u200b", "\ufeff", ""])
text_cells = st.tuples(
    spaces, st.sampled_from(["a", "m 1", "é", "Ω", "x\u3000y", "", "base", "Reasoning"]), spaces
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(text_cells, text_cells, number_cells, number_cells, number_cells, text_cells),
        min_size=1,
        max_size=8,
    ),
    header=st.sampled_from(
        [
            "model,series,compute,score,score_stderr,label",
            "model,series,tokens,accuracy,stderr,role",
            "model,label,cost,score,n,source",
            "model,series,compute,score,budget,reasoning_effort",
        ]
    ),
)
def test_fast_and_slow_validation_agree_on_hostile_cells(rows, header):
    lines = [header] + [",".join(_quote(cell) for cell in row) for row in rows]
    _fast_and_slow_agree("\n".join(lines) + "\n")


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell


@pytest.mark.parametrize(
    "text",
    [
        "model,compute,score\na,10,20\nb,1e-400,30\n",  # an underflow: the message names it
        "model,compute,score\na,10,20\nb,0,30\n",  # a zero: compute must be > 0
        "model,compute,score\na,10,nan\n",  # NaN: leave the cell empty
        "model,compute,score\na,10,20\nb,inf,30\n",  # infinite
        "model,compute,score\na,10,20\nb,1_000,30\n",  # a separator
        "model,compute,score\na,10,20\nb,١٠,30\n",  # other digits
        "model,compute,score\na,10,20\nb,100,\n",  # a missing score
        "model,compute,score\na,10,20\nb,100,101\n",  # out of range
        "model,compute,score\na,10,20\n\u3000,100,30\n",  # a model of white space only
        "model,compute,score\n" + "x" * 1001 + ",10,20\n",  # a cell over MAX_CELL
        "model,compute,score\na,10,20\na,10,30\n",  # the same point twice
        "model,compute,score,role\na,10,20,judge\n",  # a role
        "model,series,compute,score,label,role\na,,10,20,,\nb,s,100,30,x,BASE\n",  # empty text cells
        "model,compute,score\na,10,20\n,100,30\n",  # an empty model
    ],
)
def test_fast_and_slow_validation_agree_on_known_errors(text):
    assert _fast_and_slow_agree(text)


def test_py_whitespace_is_what_str_strip_strips():
    assert "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()) == PY_WHITESPACE


def test_float64_numpy_reads_chunks_offsets_and_nulls():
    import pyarrow as pa

    from scalescope.engine.readers.table import _float64_numpy

    whole = pa.array([1.5, None, -0.0, 4.0, None, 6.25, 7.0, 8.0, 9.0, None], pa.float64())
    chunked = pa.chunked_array([whole.slice(1, 6), whole.slice(0, 1), whole.slice(7, 3), whole.slice(0, 0)])
    want = [None if v is None else v for chunk in chunked.chunks for v in chunk.to_pylist()]
    got = _float64_numpy(chunked)
    assert [None if np.isnan(v) else v for v in got.tolist()] == want
    assert np.signbit(got[1]) and got.flags.writeable


def test_a_large_file_is_validated_without_pandas(tmp_path):
    """pyarrow imports pandas when a Python object becomes an Arrow one or an array becomes
    numpy through its converters (~0.2 s): the arrow path uses neither."""
    path = _big(tmp_path)
    code = (
        "import sys; from pathlib import Path\n"
        "from scalescope.engine.io import load\n"
        f"ds = load(Path({str(path)!r}))\n"
        "assert len(ds.points) == 100_000 and 'pyarrow' in sys.modules\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
