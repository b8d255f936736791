"""Sources kept apart: compare says when a series mixes pricing periods, when two series are
priced in different periods, and when runs were tuned for the benchmark."""

from __future__ import annotations

import json

import numpy as np

from scalescope.engine.catalog import load_bundled
from scalescope.engine.compare import compare
from scalescope.engine.provenance import priced_tag, pricing_period, source_notes
from scalescope.tui.cli import main

BLOG = "o3 (ARC blog costs, Dec 2024)"
BOARD = "o3 (ARC leaderboard costs, Apr 2025)"


class Pts(dict):
    """The three columns source_notes reads, as a tiny points table."""

    def __getitem__(self, key):
        if isinstance(key, np.ndarray):
            return Pts({k: np.asarray(v)[key] for k, v in self.items()})
        return super().__getitem__(key)


def table(rows):
    model, series, compute, label = zip(*rows)
    return Pts(model=np.array(model), series=np.array(series), compute=np.array(compute, float), label=np.array(label))


def test_tags_round_trip_and_untagged_says_nothing():
    assert pricing_period("x " + priced_tag("Dec 2024") + " [why]") == "Dec 2024"
    assert pricing_period("no tag here") is None
    pts = table([("a1", "A", 1, "a"), ("a2", "A", 2, "b"), ("b1", "B", 3, "c"), ("b2", "B", 4, "d")])
    assert source_notes(pts, "A", "B") == ()


def test_a_series_mixing_periods_and_two_series_in_different_periods():
    pts = table(
        [
            ("lo", "A", 200, priced_tag("2025")),
            ("hi", "A", 3474, priced_tag("Dec 2024")),
            ("b1", "B", 1, priced_tag("2025")),
            ("b2", "B", 2, priced_tag("2025") + " ARC-tuned"),
        ]
    )
    notes = source_notes(pts, "A", "B")
    assert any("A mixes pricing periods" in n and "17.4x cost" in n for n in notes)
    assert any(n.startswith("B: its runs were tuned") for n in notes)
    assert not any("is priced" in n for n in notes)  # A has two periods: the pair note is the one above
    pts = table([("a", "A", 1, priced_tag("Dec 2024")), ("b", "B", 2, priced_tag("2025"))])
    assert source_notes(pts, "A", "B") == (
        "A is priced Dec 2024, B 2025: a cost gap between them mixes price changes with compute",
    )


def test_compare_o1_o3_says_so_per_cost_source(capsys):
    ds = load_bundled("arc-agi-1-o1-o3")
    board = compare(ds, "o1", BOARD)
    assert any("mixes pricing periods" in n for n in board.notes)
    assert any("tuned" in n for n in board.notes)
    blog = compare(ds, "o1", BLOG)
    assert not any("mixes pricing periods" in n for n in blog.notes)  # both blog points priced Dec 2024
    assert any("tuned" in n for n in blog.notes)
    assert main(["compare", "arc-agi-1-o1-o3", "o1", BOARD]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "⚠ o3 (ARC leaderboard costs, Apr 2025) mixes pricing periods" in out and "17.4x cost" in out
    assert main(["compare", "arc-agi-1-o1-o3", "o1", BOARD, "--json"]) == 0
    assert any("mixes pricing periods" in n for n in json.loads(capsys.readouterr().out)["notes"])
