"""The app's trend fits show each slope's 95% interval, the one `scalescope fit` prints (the same
one uncertainty model), with what the interval is; it showed the least-squares standard error
of the residuals, up to ~30x smaller than the interval's for a 3-point series."""

from __future__ import annotations

import json

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.cli import main

from .test_app import press, settle, summary_text

CSV = """model,series,compute,score,n
a1,M,100,20,500
a2,M,1000,41,500
a3,M,10000,60,500
b1,N,200,30,500
b2,N,2000,45,500
b3,N,20000,58,500
b4,N,60000,66,500
"""


async def test_trend_fits_show_fits_own_intervals(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text(CSV)
    assert main(["fit", str(path), "--json"]) == 0
    fits = json.loads(capsys.readouterr().out)["fits"]
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "end")
        text = summary_text(app)
    assert "pp/10x [95% CI]" in text and "(SE " not in text
    for series in ("M", "N"):
        low, high = fits[series]["slope_ci"]["ci"]
        slope = fits[series]["slope_per_decade"]
        assert f"{slope:.2f} [{low:.2f}, {high:.2f}]" in text, (series, text)
    # what each interval is, as fit says it: the 3-point series' t(1)
    assert "pp per 10x, M: 95% interval (t)" in text and "t with 1 dof" in text
    assert "pp per 10x, N: 95% interval (normal)" in text


def test_interval_notes_are_one_line_per_kind_naming_its_series():
    """Six series of two kinds of interval: two lines (it was one line per series, twelve lines
    of near-repeats at 80 columns on arc-agi-1-semi-private)."""
    from scalescope.tui.report import slope_interval_notes

    normal, t3 = "95% interval (normal): within sampling error", "95% interval (t): t with 3 dof"
    methods = [("a", normal), ("b", t3), ("c", normal), ("d", normal), ("e", t3), ("f", normal)]
    assert slope_interval_notes(methods) == [f"pp per 10x, a, c, d, f: {normal}", f"pp per 10x, b, e: {t3}"]
    assert slope_interval_notes([("a", normal), ("c", normal)]) == [f"pp per 10x: {normal}"]


async def test_summary_says_what_cannot_tell_means_as_fit_does(tmp_path, capsys):
    """The app's trend table prints the lines `fit` prints under its table, the '+10 pp costs'
    'cannot tell' note among them (hexport: the summary left it out)."""
    from scalescope.tui.report import GAIN_COST_NOTE

    assert main(["fit", "arc-agi-1-semi-private"]) == 0
    assert GAIN_COST_NOTE in " ".join(capsys.readouterr().out.split())
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        text = " ".join(summary_text(app).split())
    assert "cannot tell" in text and GAIN_COST_NOTE in text
