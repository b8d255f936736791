"""The bundled Aider polyglot sweeps: every number traced to the copied leaderboard records."""

from __future__ import annotations

import csv

import pytest

from scalescope.engine.catalog import load_bundled
from scalescope.engine.fit import fit_series
from scalescope.engine.frontier import frontier

from .conftest import RAW


def _raw() -> list[dict]:
    with open(RAW / "aider_polyglot_sweeps.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_every_point_is_a_leaderboard_record_in_dollars_per_case():
    rows = {r["model"]: r for r in _raw()}
    pts = load_bundled("aider-polyglot").points
    assert sorted(pts["model"]) == sorted(rows)
    for p in pts.rows():
        r = rows[p.model]
        assert p.compute == pytest.approx(float(r["total_cost"]) / int(r["test_cases"]), rel=1e-12)
        assert p.score == float(r["pass_rate_2"])
        assert p.n == int(r["total_tests"])
        assert r["dirname"] in p.source


def test_published_pass_rate_is_passes_over_total_tests():
    for r in _raw():
        assert round(100 * int(r["pass_num_2"]) / int(r["total_tests"]), 1) == pytest.approx(float(r["pass_rate_2"]))


def test_sweeps_are_series_of_two_or_more_settings():
    ds = load_bundled("aider-polyglot")
    assert len(ds.series) == 10
    for name in ds.series:
        assert len(ds.series_points(name)) >= 2, name
    gpt5 = ds.series_points("gpt-5")
    assert list(gpt5["label"]) == ["high", "medium", "low"]
    # GPT-5's effort sweep as a line in log10 dollars, checked against numpy's own least squares
    import numpy as np

    fit = fit_series(ds, "gpt-5")
    slope, _ = np.polyfit(np.log10(gpt5["compute"]), gpt5["score"], 1)
    assert fit.slope_per_decade == pytest.approx(slope)


def test_frontier_is_the_undominated_runs():
    ds = load_bundled("aider-polyglot")
    on = {p.model for p in frontier(ds).points}
    pts = list(ds.points.rows())
    by_hand = {
        p.model
        for p in pts
        if not any(
            q.compute <= p.compute and q.score >= p.score and (q.compute < p.compute or q.score > p.score) for q in pts
        )
    }
    assert on == by_hand
    assert "gpt-5 (high)" in on and "claude-opus-4-20250514 (no think)" not in on
