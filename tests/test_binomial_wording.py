"""Where a score's error is the binomial from a number of problems, every place that says so also
says p is kept 0.5/n from 0 and 1 (engine.uncertainty.point_sigma, the one rule for every point):
`budget` printed ±5.8 for 12 problems all at 0 % under a footer that stated only
`sqrt(p(1-p)/n)`, which is 0 there (newcomer8's problem D)."""

from __future__ import annotations

import math
import re
from pathlib import Path

from scalescope.tui.cli import main

LOGS = Path(__file__).parent / "fixtures" / "inspect-samples"
RULE = "p kept 0.5/n from 0 and 1"


def test_budgets_zero_rows_follow_the_footers_rule(capsys):
    assert main(["budget", str(LOGS), "--task", "arith"]) == 0
    text = capsys.readouterr().out
    footers = [line for line in text.splitlines() if line.startswith("± stderr:")]
    assert footers and all(RULE in line for line in footers), footers
    checked = 0
    # each curve's table, then its footer with the number of problems: the rule applied by hand
    for block in text.split("± stderr:")[:-1]:
        n = int(re.search(r"over the (\d+) problems", text[text.index(block) + len(block) :]).group(1))
        for score, se in re.findall(r"^ *[\d,]+ +(0\.0|100\.0) +±([\d.]+)", block, re.M):
            p = 0.5 / n
            assert float(se) == round(100 * math.sqrt(p * (1 - p) / n), 1), (score, se, n)
            checked += 1
    assert checked  # the fixture has curves at 0 %


def test_follow_says_what_its_error_is(capsys, monkeypatch):
    import watchfiles

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(watchfiles, "watch", stop)
    assert main(["show", str(LOGS), "--follow"]) == 0
    lines = capsys.readouterr().out.splitlines()
    watching = next(line for line in lines if line.startswith("watching "))
    assert "binomial" in watching and RULE in watching


def test_compares_method_line_says_it(capsys):
    """compare's (and decompose's) uncertainty line: engine.uncertainty.point_sigma's phrase."""
    import json

    assert main(["compare", "arc-agi-1-semi-private", "o3-mini-2025-01-31", "o4-mini-2025-04-16", "--json"]) == 0
    uncertainty = json.loads(capsys.readouterr().out)["uncertainty"]
    assert "binomial sqrt(p(1-p)/n)" in uncertainty and RULE in uncertainty, uncertainty
