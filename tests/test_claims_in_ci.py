"""`claims --json` carries the "in CI" words the text and the app print (newcomer8's problem C:
rows 20-21 read 'inside 2 of 3' in the text but only `within_interval: null` in JSON), and per
figure which lies inside or outside our interval (row 22's 'outside' is GPQA's figure only)."""

from __future__ import annotations

import json

import pytest

from scalescope.tui.cli import main


@pytest.fixture(scope="module")
def claims_json():
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["claims", "--json"]) == 0
    return {c["id"]: c for c in json.loads(out.getvalue())}


@pytest.mark.parametrize("claim_id", ["1", "4", "20", "21", "22"])
def test_the_json_says_in_ci_as_the_text_does(claim_id, claims_json, capsys):
    assert main(["claims", "--claim", claim_id]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("status: "))
    words = line.split("; in CI: ", 1)[1]
    assert claims_json[claim_id]["in_ci"] == words


def test_the_words_newcomer8_found(claims_json):
    assert claims_json["20"]["in_ci"] == "inside 2 of 3"
    assert claims_json["21"]["in_ci"] == "inside 2 of 3"
    assert claims_json["22"]["in_ci"] == "outside"


def test_each_figures_mark_follows_its_interval(claims_json):
    """By hand from the JSON's own intervals and Ord's figures: a bound '>' holds inside when the
    whole interval lies above it; an estimate with no interval is 'no interval'."""
    for c in claims_json.values():
        marks = c["in_ci_figures"]
        assert len(marks) == len(c["ord_values"])
        intervals = c["intervals"] or [None] * len(marks)
        for mark, figure, interval, kind in zip(marks, c["ord_values"], intervals, c["kinds"]):
            if interval is None or None in interval:
                assert mark == ("no interval" if kind == "estimate" else None), c["id"]
                continue
            low, high = interval
            v = figure["value"]
            inside = {">": low > v, "<": high < v}.get(figure["bound"], low <= v <= high)
            assert mark == ("inside" if inside else "outside"), c["id"]
    # row 22: MATH's [72.1, 91.1] lies above 50, GPQA's [27.5, 96.5] reaches it, OTIS has none
    row = claims_json["22"]
    estimates = [m for m, k in zip(row["in_ci_figures"], row["kinds"]) if k == "estimate"]
    assert estimates == ["inside", "outside", "no interval"]
    assert row["datasets"] == ["math-level-5", "gpqa-diamond", "otis-mock-aime"]
