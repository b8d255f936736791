"""Numbers that read as something they are not (issue #20 item 13, "Numbers"): digits of other
scripts, 1_000, a score that underflows to 0, Epoch runs whose times mix UTC offsets, and `show`
of a 99,999-row table."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scalescope.engine.errors import DataError
from scalescope.engine.io import load

from .conftest import ROOT


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("\u0661\u0660", "only the digits 0-9"),  # Arabic-Indic 10: float() reads it as 10.0
        ("\uff11\uff10", "only the digits 0-9"),  # full-width 10
        ("1\u0660", "only the digits 0-9"),
        ("1_000", "is not a number"),
    ],
)
def test_only_ascii_digits_are_numbers(tmp_path, cell, words):
    assert float(cell.replace("_", "")) > 0  # what Python alone would silently do
    path = tmp_path / "t.csv"
    path.write_text(f"model,compute,score\na,{cell},30\na,100,40\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path)
    message = str(info.value)
    assert words in message and "row 2" in message and "'compute'" in message


@pytest.mark.parametrize("cell", ["1e-400", "5e-324000", "-2.5E-999", ".1e-999"])
def test_a_score_that_underflows_is_refused_not_zero(tmp_path, cell):
    assert float(cell) == 0.0
    path = tmp_path / "t.csv"
    path.write_text(f"model,compute,score\na,10,{cell}\na,100,40\n")
    with pytest.raises(DataError, match="too small to represent"):
        load(path)


@pytest.mark.parametrize("cell", ["0", "0.0", "0e-400", "-0", "0.000e5"])
def test_zero_written_as_zero_is_zero(tmp_path, cell):
    path = tmp_path / "t.csv"
    path.write_text(f"model,compute,score\na,10,{cell}\na,100,40\n")
    assert load(path).points["score"][0] == 0.0


def test_epoch_runs_with_mixed_utc_offsets_keep_the_latest(tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text(
        "id,task,model,Best score (across scorers),Status,started_at\n"
        "r1,GPQA diamond,m_low,0.5,Success,2025-01-01T10:00:00+01:00\n"
        "r2,GPQA diamond,m_high,0.6,Success,2025-07-02T10:00:00+02:00\n"
        "r3,GPQA diamond,m_high,0.7,Success,2025-07-02T09:30:00+01:00\n"  # 08:30 UTC: later than r2 (08:00 UTC)
        "r4,GPQA diamond,m_low,0.9,Success,not a time\n"  # unreadable: never taken for the latest
    )
    ds = load(path)
    scores = dict(zip(ds.points["model"], ds.points["score"]))
    assert scores == {"m_low": pytest.approx(50.0), "m_high": pytest.approx(70.0)}


def _big(path, n=99_999):
    with open(path, "w") as handle:
        handle.write("model,series,compute,score\n")
        handle.writelines(f"m{i},s{i % 100},{10 + i},{(i % 100) * 0.5}\n" for i in range(n))


def test_show_of_a_long_table_is_laid_out_without_rich(tmp_path, capsys, monkeypatch):
    """rich measures every cell (about a millisecond a row: 99,999 rows took 38 s and more); long
    tables are laid out in one pass. Checked by what is drawn, not by a clock: rich's Table is
    not used at all for this table, and every row is there, aligned."""
    import rich.table

    from scalescope.tui.cli import main

    path = tmp_path / "big.csv"
    _big(path, 20_000)  # the slow tier runs 99,999 rows in a process

    def refuse(*args, **kwargs):
        raise AssertionError("rich Table used for a 99,999-row table")

    monkeypatch.setattr(rich.table.Table, "add_row", refuse)
    assert main(["show", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["model", "series"])
    body = lines[header + 2 :]
    assert len(body) == 20_000
    assert body[0].split() == ["m0", "s0", "10", "0.00"]
    assert body[-1].split() == ["m19999", "s99", "20,009", "49.50"]
    column = lines[header].index("compute")
    assert all(line[column - 1] == " " for line in body[:100])  # aligned under its header


@pytest.mark.slow
def test_show_of_a_99999_row_table_in_a_process(tmp_path):
    path = tmp_path / "big.csv"
    _big(path)
    proc = subprocess.run(
        [sys.executable, "-m", "scalescope", "show", str(path)], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert proc.returncode == 0 and proc.stdout.count("\n") > 99_999
    assert proc.stdout.splitlines()[-1].split() == ["m99998", "s98", "100,008", "49.00"]
