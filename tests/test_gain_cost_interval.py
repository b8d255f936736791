"""'+10 pp costs' carries its interval from the slope's (newcomer7, problem 10): the multiple is
10**(10/slope), which falls as a positive slope grows, so a slope interval above 0 maps to
(10**(10/high), 10**(10/low)); one that reaches 0 allows a trend that never gains 10 pp, and the
figure says 'cannot tell' with an unbounded upper end, never a bare figure that reads as a
finding. The same in fit's text and JSON, the app's trend table (fit_rows) and decompose."""

from __future__ import annotations

import json
import math

import pytest

from scalescope.engine.decompose import DecomposeOptions, decompose
from scalescope.engine.fit import fit_all_series, slope_intervals
from scalescope.engine.io import load
from scalescope.engine.uncertainty import gain_multiple_interval
from scalescope.tui.cli import main
from scalescope.tui.report import decomposition_rows, fit_rows


def test_the_multiple_maps_the_slope_interval_by_hand():
    assert gain_multiple_interval(16.48, 20.42) == pytest.approx((10 ** (10 / 20.42), 10 ** (10 / 16.48), "shown"))
    lo, hi, reads = gain_multiple_interval(-12.19, 26.87)
    assert lo == pytest.approx(10 ** (10 / 26.87)) and hi == math.inf and reads == "cannot_tell"
    assert gain_multiple_interval(-5.0, -1.0)[2] == "never"
    assert gain_multiple_interval(math.nan, math.nan)[2] == "no_interval"


def test_fit_text_says_cannot_tell_where_the_slope_is_not_shown_positive(capsys):
    assert main(["fit", "arc-agi-1-semi-private"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.strip().startswith("o4-mini-2025-04-16"))
    # 37.29 [-43.24, 117.81]: the multiple 1.85x alone read as a finding before
    assert "cannot tell: 1.85x [" in row and "∞)" in row
    lo = 10 ** (10 / 117.81)
    assert f"[{lo:.3g}x, ∞)" in row
    assert "'cannot tell' where that interval reaches 0" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("gpt-5-2025-08-07"))
    assert "1.58x [1.49x, 1.72x]" in row  # 50.22 [42.59, 57.85]: 10^(10/57.85), 10^(10/42.59)


def test_fit_json_carries_the_multiples_interval(capsys):
    assert main(["fit", "arc-agi-1-semi-private", "--json"]) == 0
    fits = json.loads(capsys.readouterr().out)["fits"]
    for name in ("o4-mini-2025-04-16", "gpt-5-2025-08-07"):
        ci = fits[name]["slope_ci"]
        low, high = ci["ci"]
        got = ci["multiple_for_10_points"]
        assert got["ci"][0] == pytest.approx(10 ** (10 / high))
        if low > 0:
            assert got["reads"] == "shown" and got["ci"][1] == pytest.approx(10 ** (10 / low))
        else:
            assert got["reads"] == "cannot_tell" and got["ci"][1] is None


def test_app_trend_table_and_decompose_show_the_same():
    ds = load("arc-agi-1-semi-private")
    fits = fit_all_series(ds)
    intervals = slope_intervals(ds, fits)
    rows = {name: fit_rows(name, fit, ds.x.kind, intervals.get(name)) for name, fit in fits}
    assert rows["o4-mini-2025-04-16"][3].startswith("cannot tell: 1.85x [")
    d = decompose(load("math-level-5"), DecomposeOptions())
    row = next(r for r in decomposition_rows(d) if r[0] == "+10 pp costs")
    iv = d.ci["slope_per_decade"]
    assert row[1] == "3.48x compute"
    assert row[2] == f"[{10 ** (10 / iv.high):.3g}x, {10 ** (10 / iv.low):.3g}x]"
    assert d.as_dict()["multiple_for_10_points"]["reads"] == "shown"


def test_decompose_says_cannot_tell_when_its_slope_includes_0(tmp_path, capsys):
    path = tmp_path / "flat.csv"
    path.write_text(
        "model,series,compute,score,score_stderr\n"
        "m-low,M,1000,40,3\nm-mid,M,4000,47,3\nm-high,M,16000,44,3\nbase-a,B,500,35,3\n"
    )
    assert main(["decompose", str(path), "--base", "base-a", "--reasoning", "M"]) == 0
    out = capsys.readouterr().out
    slope = next(line for line in out.splitlines() if line.strip().startswith("slope per 10x"))
    assert "[-" in slope  # the slope's interval includes 0
    line = next(line for line in out.splitlines() if line.strip().startswith("+10 pp costs"))
    assert "cannot tell" in line and "∞): the slope's interval includes 0" in line
    assert main(["decompose", str(path), "--base", "base-a", "--reasoning", "M", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)["multiple_for_10_points"]
    assert got["reads"] == "cannot_tell" and got["ci"][1] is None
