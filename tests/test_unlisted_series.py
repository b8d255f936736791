"""The app's trend table fits the coloured series only (six at most): the series it leaves out
are said, with how many could carry a trend and the command that fits them all, in the summary
and in every export (arc-agi-1-semi-private showed 6 fits of 30 and said nothing: newcomer7)."""

from __future__ import annotations

import csv
import io
import json

import numpy as np

from scalescope.engine.catalog import load_bundled
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.report import unlisted_line

from .test_app import press, settle, summary_text


def _expected(ds, listed):
    """The counts by hand: series not listed, and of them those with 2+ points of known compute."""
    rest = {s for s in ds.points["series"].tolist() if s not in set(listed)}
    known = ds.points[~np.isnan(ds.points["compute"].astype(float))]
    sizes = {}
    for s in known["series"].tolist():
        sizes[s] = sizes.get(s, 0) + 1
    return len(rest), sum(1 for s in rest if sizes.get(s, 0) >= 2)


def test_unlisted_line_counts_by_hand():
    ds = load_bundled("arc-agi-1-semi-private")
    listed = ds.series[:6]
    line = unlisted_line(ds, listed)
    rest, two = _expected(ds, listed)
    assert rest > 40 and two > 10  # the dataset this was found on
    assert line.startswith(f"{rest} more series are not fitted here")
    assert f"{two} of them have two or more points" in line
    assert "scalescope fit arc-agi-1-semi-private fits every series" in line
    assert unlisted_line(ds, ds.series) is None


async def test_summary_and_exports_say_which_series_are_left_out(tmp_path):
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "end")
        text = " ".join(summary_text(app).split())
        a = app.analysis
        listed = [name for name, _ in a.trends] + [name for name, _ in a.unfitted]
        rest, two = _expected(a.dataset, listed)
        assert len(a.trends) <= 6 and rest > 0
        assert f"{rest} more series are not fitted here" in text, text
        assert f"{two} of them have two or more points with a known compute" in text
        md = app.export("md").read_text()
        assert f"- note: {rest} more series are not fitted here" in md
        data = json.loads(app.export("json").read_text())
        assert data["fits_note"].startswith(f"{rest} more series")
        rows = list(csv.reader(io.StringIO(app.export("csv").read_text())))
        assert any(row[0] == "note" and f"{rest} more series" in " ".join(row) for row in rows), rows


async def test_nothing_is_said_when_every_series_is_listed(tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        "model,series,compute,score,n\na1,M,100,20,500\na2,M,1000,41,500\nb1,N,200,30,500\nb2,N,2000,45,500\n"
    )
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        assert "more series are not fitted here" not in summary_text(app)
        assert json.loads(app.export("json").read_text())["fits_note"] is None
