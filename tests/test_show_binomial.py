"""`show` and the app's points table give a point with no published stderr the binomial error
every fit uses for it (n from the row or the dataset's size), marked b: they showed nothing for
ARC's 100-task scores, which read as "no error known" while fit and compare used ±4.9
(newcomer8)."""

from __future__ import annotations

import math

from scalescope.engine.catalog import load_bundled
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.cli import main
from scalescope.tui.widgets.points_table import PointsTable

from .test_app import press, settle


def _binomial(score: float, n: int) -> float:
    p = min(max(score / 100, 0.5 / n), 1 - 0.5 / n)
    return 100 * math.sqrt(p * (1 - p) / n)


def test_show_marks_the_binomial_error_it_shows(capsys):
    assert main(["show", "arc-agi-1-semi-private"]) == 0
    out = capsys.readouterr().out
    ds = load_bundled("arc-agi-1-semi-private")
    assert ds.n_questions == 100
    for score in ds.points["score"][:10]:
        assert f"{score:.2f}±{_binomial(score, 100):.2f}b" in out, score
    assert "±…b: no published stderr; the binomial sqrt(p(1-p)/n) from n = 100" in out


def test_show_keeps_a_published_stderr_unmarked(capsys):
    assert main(["show", "math-level-5"]) == 0
    out = capsys.readouterr().out
    assert "91.16±0.78 " in out and "±…b" not in out and "0.78b" not in out


async def test_points_table_shows_the_binomial_error_marked(tmp_path):
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        table = app.query_one(PointsTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        score = float(row[4])
        assert row[5] == f"{_binomial(score, 100):.2f}b", row
        assert "b: binomial from n" in table.caption()
