"""Paired comparison of two runs on the same questions: numbers by hand, McNemar by the binomial
sum, the interval's coverage in a seeded simulation, and the CLI on logs written by inspect_ai."""

from __future__ import annotations

import json
from math import comb
from pathlib import Path

import numpy as np
import pytest

from scalescope.engine.paired import mcnemar_exact, paired_bootstrap, paired_compare
from scalescope.tui.cli import main

LOGS = Path(__file__).parent / "fixtures" / "inspect-samples"
TRUTH = json.loads((Path(__file__).parent / "fixtures" / "inspect-samples-truth.json").read_text())


def test_mcnemar_is_the_exact_binomial_sum():
    for b, c in [(3, 9), (0, 5), (7, 7), (1, 12)]:
        n, k = b + c, min(b, c)
        want = min(1.0, 2 * sum(comb(n, i) for i in range(k + 1)) / 2**n)
        assert mcnemar_exact(b, c) == pytest.approx(want)


def test_difference_and_bootstrap_by_hand():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2, 40).astype(float)
    b = np.clip(a + (rng.uniform(size=40) < 0.2), 0, 1)
    p = paired_compare(range(40), a, range(40), b, binary_single=True, n_boot=500, seed=3)
    diffs = 100 * (b - a)
    assert p.difference == pytest.approx(diffs.mean())
    picks = np.random.default_rng(3).integers(0, 40, size=(500, 40))
    # Hesterberg's expanded percentile interval: the tail at Phi(-sqrt(n/(n-1)) * t_{n-1, 0.975})
    from scipy import stats

    tail = stats.norm.cdf(-np.sqrt(40 / 39) * stats.t.ppf(0.975, 39))
    low, high = np.quantile(diffs[picks].mean(axis=1), [tail, 1 - tail])
    assert 0.02 < tail < 0.021  # narrower than 0.025: wider than the plain percentile interval
    assert (p.ci.low, p.ci.high) == pytest.approx((low, high))
    assert p.discordant == (int(((a == 1) & (b == 0)).sum()), int(((a == 0) & (b == 1)).sum()))
    assert p.verdict == ("b_better" if p.ci.low > 0 else "inconclusive")


def test_only_shared_questions_are_paired():
    p = paired_compare(["x", "y", "z"], [1, 0, 1], ["y", "z", "w", "v"], [1, 1, 0, 0], n_boot=200)
    assert (p.n_pairs, p.only_a, p.only_b) == (2, 1, 2)
    assert p.difference == pytest.approx(50.0)


def test_paired_interval_covers_the_true_difference_and_is_narrower_than_unpaired():
    """400 seeded replications of 60 questions with question difficulty shared by both runs."""
    rng = np.random.default_rng(2026)
    hits, widths, unpaired_widths = 0, [], []
    for _ in range(400):
        difficulty = rng.uniform(0, 1, 60)
        pa, pb = np.clip(1 - difficulty, 0, 1), np.clip(1.1 - difficulty, 0, 1)
        truth = 100 * (pb - pa).mean()  # the expected difference on these questions
        luck = rng.uniform(size=60)  # shared: a question one run finds easy the other does too
        a = (luck < pa).astype(float)
        b = (np.where(rng.uniform(size=60) < 0.5, luck, rng.uniform(size=60)) < pb).astype(float)
        ci = paired_bootstrap(100 * (b - a), n_boot=600, seed=int(rng.integers(1 << 30)))
        hits += ci.low <= truth <= ci.high
        widths.append(ci.high - ci.low)
        se = 100 * np.sqrt(a.var(ddof=1) / 60 + b.var(ddof=1) / 60)
        unpaired_widths.append(2 * 1.96 * se)
    coverage = hits / 400
    assert 0.91 <= coverage <= 0.98, coverage  # percentile bootstrap, n=60: a little under 95%
    assert np.mean(widths) < 0.8 * np.mean(unpaired_widths)


def test_compare_two_runs_of_inspect_logs_is_paired(capsys):
    a, b = "openai/o3-mini_high", "anthropic/claude-3-7-sonnet_16K"
    assert main(["compare", str(LOGS), a, b, "--task", "trivia", "--json"]) == 0
    (p,) = json.loads(capsys.readouterr().out)["paired"]
    rows_a = {r["id"]: r["correct"] for r in TRUTH if r["file"] == "trivia_o3-mini_high.eval"}
    rows_b = {r["id"]: r["correct"] for r in TRUTH if r["file"] == "trivia_claude-3-7-sonnet_16384.json"}
    diffs = [100 * (rows_b[k] - rows_a[k]) for k in rows_a]
    assert p["n_pairs"] == 8 and p["difference"] == pytest.approx(np.mean(diffs))
    disc = [sum(rows_a[k] and not rows_b[k] for k in rows_a), sum(rows_b[k] and not rows_a[k] for k in rows_a)]
    assert p["discordant"] == disc and p["mcnemar_p"] == pytest.approx(mcnemar_exact(*disc))
    assert "paired bootstrap" in p["method"] and "McNemar" in p["method"]


def test_compare_two_series_adds_the_paired_section(capsys):
    assert main(["compare", str(LOGS), "openai/o3-mini", "anthropic/claude-3-7-sonnet", "--task", "arith"]) == 0
    out = capsys.readouterr().out
    assert "paired on the same questions" in out and "top settings are paired" in out
    assert "openai/o3-mini_high -> anthropic/claude-3-7-sonnet_16K" in out
