"""Inspect logs of one model and setting run more than once are replicates, not a budget sweep:
a series made only of them gets no trend (their tokens differ by run-to-run noise), and a note
names the logs. Two runs of o3-mini at high effort were fitted as -49.83 pp per 10x (newcomer7)."""

from __future__ import annotations

from scalescope.engine.fit import ONE_SETTING, fit_all_series_report, unfittable_reason
from scalescope.engine.io import load
from scalescope.tui.cli import main

from .inspect_headers import header_log

MODEL = "openai/o3-mini-2025-01-31"


def _log(folder, name, *, budget, tokens, accuracy):
    header_log(folder, name, model=MODEL, budget=budget, tokens=tokens, accuracy=accuracy)


def test_runs_of_one_setting_are_not_a_trend(tmp_path, capsys):
    _log(tmp_path, "run1", budget=16384, tokens=700, accuracy=0.75)
    _log(tmp_path, "run2", budget=16384, tokens=1400, accuracy=0.60)
    ds = load(tmp_path)
    (series,) = set(ds.points["series"])
    assert ds.one_setting == (series,)
    assert unfittable_reason(ds, series) == ONE_SETTING
    fitted, unfitted = fit_all_series_report(ds)
    assert fitted == [] and unfitted == [(series, ONE_SETTING)]
    note = next(n for n in ds.notes if "replicates" in n)
    assert "run1.eval" in note and "run2.eval" in note and "2 logs are runs of one setting" in note
    assert main(["fit", str(tmp_path)]) == 2  # nothing could be fitted: said in one line, with why
    assert ONE_SETTING in capsys.readouterr().err


def test_a_sweep_with_a_repeated_setting_is_still_fitted(tmp_path):
    _log(tmp_path, "low", budget=1024, tokens=300, accuracy=0.40)
    _log(tmp_path, "high1", budget=16384, tokens=3000, accuracy=0.70)
    _log(tmp_path, "high2", budget=16384, tokens=3300, accuracy=0.72)
    ds = load(tmp_path)
    assert ds.one_setting == () and not any("replicates" in n for n in ds.notes)
    fitted, unfitted = fit_all_series_report(ds)
    assert [name for name, _ in fitted] == [MODEL] and fitted[0][1].n_points == 3 and unfitted == []
