"""Boosts side by side: `decompose ID ID ...` (table, plain-text stacked bars, --json list)."""

from __future__ import annotations

import json

from scalescope.engine import DecomposeOptions, decompose, load_bundled
from scalescope.engine.uncertainty import Interval
from scalescope.tui.cli import main
from scalescope.tui.report import INFERENCE_GLYPH, RL_GLYPH, boost_bars

IDS = ["math-level-5", "gpqa-diamond", "otis-mock-aime"]


def test_several_sources_json_is_a_list_of_the_single_source_objects(capsys):
    assert main(["decompose", *IDS, "--json", "--bootstrap", "200"]) == 0
    several = json.loads(capsys.readouterr().out)
    assert [item["dataset"] for item in several] == IDS
    for item, dataset_id in zip(several, IDS):
        assert main(["decompose", dataset_id, "--json", "--bootstrap", "200"]) == 0
        single = json.loads(capsys.readouterr().out)
        assert "dataset" not in single  # one source: the output is unchanged
        assert {k: v for k, v in item.items() if k != "dataset"} == single


def test_several_sources_text_has_a_row_and_a_bar_per_dataset(capsys):
    assert main(["decompose", *IDS, "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    bars = [line for line in out.splitlines() if RL_GLYPH in line and "RL +" in line]
    assert [line.split()[0] for line in bars] == IDS
    results = [decompose(load_bundled(i), DecomposeOptions(n_boot=0)) for i in IDS]
    top = max(d.total_gain for d in results)
    for line, d in zip(bars, results):
        assert line.count(RL_GLYPH) == round(d.rl_boost * 60 / top)
        assert line.count(RL_GLYPH) + line.count(INFERENCE_GLYPH) == round(d.total_gain * 60 / top)
        assert f"RL {d.rl_boost:+.1f} + inference {d.inference_boost:+.1f}" in line
    assert f"{results[0].rl_boost:+.2f} pp" in out


def test_bars_whiskers_sit_at_the_interval_and_negative_boosts_are_said():
    d = decompose(load_bundled("math-level-5"), DecomposeOptions(n_boot=0))
    from dataclasses import replace

    d = replace(d, ci={"rl_boost": Interval(2.0, 10.0, 0.95), "total_gain": Interval(30.0, 40.0, 0.95)})
    lines = boost_bars([("m", d)], width=40)
    whisker = next(line for line in lines if "RL boost [" in line)
    scale = 40 / 40.0  # the widest figure, the total's upper bound, fills the width
    assert whisker[3 + round(2.0 * scale)] == "├" and whisker[3 + round(10.0 * scale)] == "┤"
    negative = replace(d, rl_boost=-3.0, ci={})
    text = "\n".join(boost_bars([("m", negative)]))
    assert "RL negative: not drawn" in text and "no intervals" in text


def test_several_sources_bad_id_is_one_line(capsys):
    assert main(["decompose", "math-level-5", "no-such-dataset"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scalescope: ") and err.count("\n") == 1
