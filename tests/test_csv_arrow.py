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
from scalescope.engine.readers.table import (
    ARROW_CSV_ABOVE,
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
    return want, got


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
    assert arrow == _csv_module_columns(text, ",", name=str(path), max_rows=10**6)
    columns, offset = read_csv_columns(path)
    assert columns == arrow and offset == 2
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
