"""The cost/score frontier against a brute-force O(n^2) check, on random and bundled data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.catalog import dataset_ids, load_bundled
from scalescope.engine.dataset import Dataset
from scalescope.engine.frontier import frontier, frontier_mask
from scalescope.tui.cli import main


def dominates(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Pareto: a is at most as costly and at least as good as b, and strictly better in one."""
    return a[0] <= b[0] and a[1] >= b[1] and (a[0] < b[0] or a[1] > b[1])


def brute_force(compute, score) -> list[bool]:
    """A point stays unless some other point dominates it (exact duplicates never dominate each other)."""
    pts = list(zip(compute, score))
    return [not any(dominates(q, p) for q in pts) for p in pts]


# few distinct values, so that ties on cost and on score are common
values = st.sampled_from([0.5, 1.0, 2.0, 3.0, 10.0, 100.0])
scores = st.sampled_from([0.0, 10.0, 25.0, 50.0, 77.0, 100.0])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(values, scores), max_size=30))
def test_mask_equals_brute_force_with_ties(pairs):
    compute = [c for c, _ in pairs]
    score = [s for _, s in pairs]
    assert list(frontier_mask(compute, score)) == brute_force(compute, score)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(1e-4, 1e6, allow_nan=False, allow_infinity=False),
            st.floats(0, 100, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_mask_equals_brute_force_and_frontier_rises(pairs):
    compute = np.array([c for c, _ in pairs])
    score = np.array([s for _, s in pairs])
    mask = frontier_mask(compute, score)
    assert list(mask) == brute_force(compute, score)
    assert mask.any()  # the cheapest best-scoring point is never dominated
    on = np.argsort(compute[mask], kind="stable")
    # sorted by compute, the frontier's score strictly rises; equal compute only for exact duplicates
    kept_c, kept_s = compute[mask][on], score[mask][on]
    for i in range(1, len(kept_c)):
        if kept_c[i] > kept_c[i - 1]:
            assert kept_s[i] > kept_s[kept_c < kept_c[i]].max()
        else:
            assert kept_s[i] == kept_s[i - 1]


def test_the_issue_examples_same_score_dearer_and_same_cost_worse_are_dominated():
    # Gemini 3.1 Pro preview ($0.52, 98 %) dominates Stem Grad ($10, 98 %) and Human Panel ($17, 98 %);
    # GPT-5.4 low ($0.15, 68.17 %) dominates Kimi K2.5 ($0.15, 65.33 %); exact duplicates both stay
    compute = [0.5223, 10.0, 17.0, 0.15, 0.15, 0.29, 0.29]
    score = [98.0, 98.0, 98.0, 65.33, 68.17, 10.3, 10.3]
    assert list(frontier_mask(compute, score)) == [True, False, False, False, True, False, False]
    assert list(frontier_mask([0.29, 0.29], [10.3, 10.3])) == [True, True]


def test_every_bundled_dataset_matches_brute_force_and_counts_unknown_compute():
    for dataset_id in dataset_ids():
        ds = load_bundled(dataset_id)
        f = frontier(ds)
        known = ds.points[~np.isnan(ds.points["compute"])]
        expected = known[brute_force(list(known["compute"]), list(known["score"]))]
        assert sorted(p.model for p in f.points) == sorted(expected["model"])
        assert f.considered == len(known)
        assert set(f.unknown_compute) == set(ds.points.to_pandas().loc[np.isnan(ds.points["compute"]), "model"])


def test_steps_go_along_then_up():
    points = pd.DataFrame(
        {
            "benchmark": "b",
            "model": ["a", "b", "c", "d"],
            "series": ["a", "b", "c", "d"],
            "role": "",
            "compute": [1.0, 10.0, 5.0, np.nan],
            "score": [20.0, 60.0, 10.0, 99.0],
            "score_stderr": np.nan,
            "n": np.nan,
            "label": "",
            "source": "",
        }
    )
    f = frontier(Dataset("t", "t", "b", points))
    assert [p.model for p in f.points] == ["a", "b"]  # c is beaten by a; d has no compute
    assert f.unknown_compute == ("d",) and f.considered == 3
    assert f.steps == ([1.0, 10.0, 10.0], [20.0, 20.0, 60.0])


def test_cli_frontier_text_and_json(capsys):
    assert main(["frontier", "arc-agi-1-o1-o3"]) == 0
    out = capsys.readouterr().out
    assert "4 of 10 points are on the frontier" in out and "mturker" in out and "stem_grad" in out
    assert "2025_human_panel" not in out  # Stem Grad scores the same 98 % for $10, not $17
    assert "o3-high" not in out  # dominated by the $10 Stem Grad row (98 %)
    assert main(["frontier", "arc-agi-1-semi-private", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"dataset", "frontier", "considered", "left_out_unknown_compute"} <= set(data)
    assert "o1-preview-2024-09-12" in data["left_out_unknown_compute"]
    scores = [p["score"] for p in data["frontier"]]
    assert scores == sorted(scores)


def test_plot_draws_the_frontier_when_asked(capsys):
    f = frontier(load_bundled("arc-agi-1-o1-o3"))
    assert main(["plot", "arc-agi-1-o1-o3", "--frontier", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["frontier"]["models"] == [p.model for p in f.points]
    assert data["frontier"]["steps"] == {"compute": f.steps[0], "score": f.steps[1]}
    assert main(["plot", "arc-agi-1-o1-o3", "--json"]) == 0
    assert "frontier" not in json.loads(capsys.readouterr().out)
    assert main(["plot", "arc-agi-1-o1-o3", "--frontier", "--width", "100", "--height", "30"]) == 0
    assert "frontier (4 points)" in capsys.readouterr().out


def test_semi_private_frontier_drops_what_the_issue_names(capsys):
    assert main(["frontier", "arc-agi-1-semi-private", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    models = [p["model"] for p in data["frontier"]]
    assert "gemini-3-1-pro-preview" in models and "gpt-5-4-low" in models
    assert not {"stem_grad", "2025_human_panel", "kimi-k2.5"} & set(models)
    assert "strictly better in one" in data["rule"]


def test_frontier_says_how_many_steps_lie_within_the_score_errors(capsys):
    """Membership is read on the scores as measured; the frontier says how many of its steps gain
    less than the two points' 95% sampling error (newcomer8: neighbours 1.8 pp apart on 100 tasks,
    ±4-5 pp each, with nothing said). Counted here by hand with the binomial from 100 tasks."""
    import json
    import math

    from scalescope.engine.catalog import load_bundled
    from scalescope.engine.frontier import frontier
    from scalescope.tui.cli import main

    ds = load_bundled("arc-agi-1-semi-private")
    f = frontier(ds)
    by_model = {m: i for i, m in enumerate(ds.points["model"])}

    def sigma(p):
        se = float(ds.points["score_stderr"][by_model[p.model]])
        if se > 0:
            return se
        q = min(max(p.score / 100, 0.005), 0.995)
        return 100 * math.sqrt(q * (1 - q) / 100)

    within = sum(
        b.score - a.score < 1.959963984540054 * math.hypot(sigma(a), sigma(b)) for a, b in zip(f.points, f.points[1:])
    )
    assert f.steps_judged == len(f.points) - 1 and f.steps_within_error == within > 0
    assert main(["frontier", "arc-agi-1-semi-private"]) == 0
    assert f"{within} of the {len(f.points) - 1} steps up the frontier gain less than" in capsys.readouterr().out
    assert main(["frontier", "arc-agi-1-semi-private", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps_within_error"] == within
