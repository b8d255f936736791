"""Inspect logs read down to their samples: logs written by inspect_ai's own writer
(tests/fixtures/make_inspect_samples.py) and inspect_ai's own test logs, checked against the
generator's record of every sample (computed independently of the reader)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from scipy.special import comb

from scalescope.engine.io import load
from scalescope.engine.readers import inspect_datasets
from scalescope.engine.readers.inspect_logs import log_problems, read_log, read_log_folder, score_value
from scalescope.engine.settings import setting_rank
from scalescope.tui.cli import main

FIX = Path(__file__).parent / "fixtures"
LOGS = FIX / "inspect-samples"
UPSTREAM = FIX / "inspect-upstream"
TRUTH = json.loads((FIX / "inspect-samples-truth.json").read_text())


def truth_of(file: str) -> list[dict]:
    return [r for r in TRUTH if r["file"] == file]


@pytest.mark.parametrize("name", sorted({r["file"] for r in TRUTH}))
def test_every_sample_as_written(name):
    log = read_log(LOGS / name)
    rows = truth_of(name)
    s = log.samples
    assert s is not None and len(s["id"]) == len(rows)
    got = {(i, int(e)): k for k, (i, e) in enumerate(zip(s["id"], s["epoch"]))}
    for r in rows:
        k = got[(str(r["id"]), r["epoch"])]
        assert s["output_tokens"][k] == r["output_tokens"]  # the evaluated model's, not the grader's 99999
        assert s["reasoning_tokens"][k] == r["reasoning_tokens"]
        assert s["input_tokens"][k] == r["input_tokens"]
        assert s["limit"][k] == (r["limit"] or "")
        assert s["error"][k] == r["error"]
        if r["error"]:
            assert np.isnan(s["value"][k])
        else:
            assert s["value"][k] == float(r["correct"])
    assert log.status == rows[0]["status"]
    assert log.samples_from == ("summaries.json" if name.endswith(".eval") else "samples")


def test_points_are_means_over_problems_of_the_generated_samples():
    ds = load(LOGS, task="arith", include_incomplete=True)
    for row in ds.points.rows():
        rows = [r for r in truth_of(Path(row.source).name) if not r["error"]]
        by_problem = defaultdict(list)
        for r in rows:
            by_problem[r["id"]].append(r["correct"])
        means = [np.mean(v) for v in by_problem.values()]
        assert row.score == pytest.approx(100 * np.mean(means))
        assert row.n == len(by_problem)
        se = np.std(means, ddof=1) / np.sqrt(len(means))  # clustered over epochs
        assert row.score_stderr == pytest.approx(100 * se)
        assert row.compute == pytest.approx(np.mean([r["output_tokens"] for r in truth_of(Path(row.source).name)]))


def test_pass_at_k_over_epochs_matches_the_combinatorial_formula(capsys):
    assert main(["passk", str(LOGS), "--task", "arith", "--json"]) == 0
    models = json.loads(capsys.readouterr().out)["models"]
    assert set(models) == {
        "openai/o3-mini_low",
        "openai/o3-mini_medium",
        "openai/o3-mini_high",
        "anthropic/claude-3-7-sonnet_1K",
        "anthropic/claude-3-7-sonnet_4K",
        "anthropic/claude-3-7-sonnet_16K",
    }  # the cancelled and the errored run are left out unless asked
    files = {
        "openai/o3-mini_high": "arith_o3-mini_high.eval",
        "anthropic/claude-3-7-sonnet_4K": "arith_claude-3-7-sonnet_4096.eval",
    }
    for model, file in files.items():
        counts = defaultdict(lambda: [0, 0])
        for r in truth_of(file):
            counts[r["id"]][0] += 1
            counts[r["id"]][1] += r["correct"]
        for entry in models[model]["coverage"]:
            k = entry["k"]
            want = np.mean([1 - comb(n - c, k) / comb(n, k) for n, c in counts.values()])
            assert entry["coverage"] == pytest.approx(100 * want, abs=1e-9)
        assert models[model]["samples"] == [4, 4] and models[model]["problems"] == 12


def test_pass_at_k_takes_errored_samples_out_of_n():
    logs, _ = read_log_folder(LOGS / "arith_o3-mini_medium.json")
    problems, notes = log_problems(logs)
    assert problems["n"].sum() == 47 and problems["n"].min() == 3
    assert any("3-4 scored epochs" in n for n in notes)


def test_one_dataset_per_task_and_the_same_run_read_once():
    sets = inspect_datasets(LOGS)
    assert [d.benchmark for d in sets] == ["arith", "trivia"]
    assert [d.id for d in sets] == ["inspect-samples:arith", "inspect-samples:trivia"]
    trivia = sets[1]
    assert len(trivia.points) == 6  # seven files, one run twice
    assert any("trivia_o3-mini_low.json is the same run as trivia_o3-mini_low.eval" in n for n in trivia.notes)
    assert not any("logs.json" in str(s) for s in trivia.points["source"])
    assert set(trivia.points["benchmark"]) == {"trivia"}


def test_incomplete_logs_are_points_of_their_own_left_out_of_fits(capsys):
    ds = load(LOGS, task="arith")
    incomplete = ds.points[
        np.isin(ds.points["series"], ["openai/o3-mini_minimal [error]", "openai/o3-mini_xhigh [cancelled]"])
    ]
    assert len(incomplete) == 2 and list(incomplete["series"]) == list(incomplete["model"])
    assert sorted(incomplete["model"]) == ["openai/o3-mini_minimal [error]", "openai/o3-mini_xhigh [cancelled]"]
    assert all(label.startswith("incomplete (") and "24 of 48 samples" in label for label in incomplete["label"])
    assert main(["fit", str(LOGS), "--task", "arith", "--json"]) == 0
    fits = json.loads(capsys.readouterr().out)
    assert fits["fits"]["openai/o3-mini"]["n_points"] == 3
    assert main(["fit", str(LOGS), "--task", "arith", "--include-incomplete", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fits"]["openai/o3-mini"]["n_points"] == 5


def test_task_flag_and_unknown_task(capsys):
    assert main(["show", str(LOGS), "--task", "trivia", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert {p["benchmark"] for p in shown["points"]} == {"trivia"}
    assert main(["show", str(LOGS), "--task", "nope"]) == 2
    assert "no task 'nope'" in capsys.readouterr().err


def test_settings_are_ordered_as_settings():
    labels = ["high", "", "16K", "low", "xhigh", "2K", "minimal", "max", "none", "medium"]
    assert sorted(labels, key=setting_rank) == [
        "",
        "none",
        "minimal",
        "low",
        "medium",
        "high",
        "xhigh",
        "max",
        "2K",
        "16K",
    ]
    ds = load(LOGS, task="arith")
    sonnet = [m for m in ds.points["model"] if m.startswith("anthropic")]
    assert sonnet == [
        "anthropic/claude-3-7-sonnet_1K",
        "anthropic/claude-3-7-sonnet_4K",
        "anthropic/claude-3-7-sonnet_16K",
    ]


@pytest.mark.parametrize(
    ("value", "want"),
    [("C", 1), ("I", 0), ("P", 0.5), ("N", 0), ("yes", 1), ("false", 0), ("0.25", 0.25), (True, 1), (3, 3)],
)
def test_score_values_as_inspect_maps_them(value, want):
    assert score_value(value) == want


def test_unscored_values_are_nan():
    assert np.isnan(score_value([1, 2])) and np.isnan(score_value({"a": 1})) and np.isnan(score_value("maybe"))


def test_inspect_ais_own_test_logs_open_one_dataset_per_task():
    sets = inspect_datasets(UPSTREAM)
    tasks = [d.benchmark for d in sets]
    assert "popularity" in tasks and "inspect_evals/mmlu_0_shot" in tasks and "security_guide" in tasks
    assert len(tasks) == len(set(tasks))
    for d in sets:
        assert len(set(d.points["benchmark"])) == 1
    twice = "log_formats.json is the same run as log__test_eval_log__log_formats.eval"
    holding = [d.benchmark for d in sets if any(twice in n for n in d.notes)]
    assert len(holding) == 1  # said once, in the dataset of the task that run belongs to
    (formats,) = [d for d in sets if d.benchmark == holding[0]]
    assert any("log_formats.eval" in s for s in formats.points["source"])
    # the cancelled log is a point, not a refusal
    popularity = next(d for d in sets if d.benchmark == "popularity")
    assert any("[cancelled]" in m for m in popularity.points["model"])
    # one sample: the log's stderr of 0 is not shown as the uncertainty; n is
    single = [r for d in sets for r in d.points.rows() if r.n == 1]
    assert single and all(np.isnan(r.score_stderr) for r in single)
    # an unscored log (no score in results nor samples) is named, not silently dropped
    assert any("dPiJifoWeEQBrfWsAopzWr" in n and "no scored sample" in n for n in popularity.notes)


def test_budget_curve_counts_only_samples_finished_within_each_budget(capsys):
    assert main(["budget", str(LOGS), "--task", "arith", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "not a real budget" in out["caveat"]
    curves = {c["label"]: c for c in out["curves"]}
    assert len(curves) == 6
    rows = [r for r in truth_of("arith_o3-mini_high.eval") if not r["error"]]
    curve = curves["openai/o3-mini_high"]
    tokens = [r["output_tokens"] for r in rows]
    assert curve["budgets"][0] == pytest.approx(
        min(
            t for r in TRUTH if r["file"].startswith("arith") and r["status"] == "success" for t in [r["output_tokens"]]
        ),
        abs=0.5,
    )
    for budget, success, cut in zip(curve["budgets"], curve["success"], curve["cut"]):
        assert success == pytest.approx(100 * np.mean([r["correct"] and r["output_tokens"] <= budget for r in rows]))
        assert cut == pytest.approx(100 * np.mean([t > budget for t in tokens]))
    assert curve["success"][-1] == pytest.approx(curve["full_score"])
    assert curve["limit_hit"] == pytest.approx(100 * np.mean([r["limit"] == "token" for r in rows]))
    assert curve["token_limit"] == 6000
    assert all(np.diff(curve["success"]) >= 0) and all(np.diff(curve["cut"]) <= 0)


def test_budget_needs_a_task_when_there_are_several(capsys):
    assert main(["budget", str(LOGS)]) == 2
    assert "--task picks one" in capsys.readouterr().err


def test_budget_curves_sit_on_the_chart_beside_the_runs(capsys):
    from scalescope.engine.readers.inspect_logs import with_budget_curves

    ds = load(LOGS, task="arith")
    plus, curves = with_budget_curves(ds)
    assert len(curves) == 6 and "≤L o3-mini_high" in curves
    rows = plus.points[plus.points["series"] == "≤L o3-mini_high"]
    truth = [r for r in truth_of("arith_o3-mini_high.eval")]
    for budget, score in zip(rows["compute"], rows["score"]):
        assert score == pytest.approx(100 * np.mean([r["correct"] and r["output_tokens"] <= budget for r in truth]))
    assert any(n.startswith("budget curves: truncation, not a real budget") for n in plus.notes)
    assert main(["plot", str(LOGS), "--task", "arith", "--budget", "--json"]) == 0
    drawn = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    assert "≤L o3-mini_high" in drawn


def test_budget_curve_errors_are_over_problems_by_hand(capsys):
    """Each score within L has its standard error over the problems (a problem's epochs averaged
    first), computed here from the generator's record; at the largest L it is the run's own
    point's stderr (`show`), and where every problem agrees the binomial error from their number
    (newcomer7: the budget table gave scores with no uncertainty)."""
    assert main(["budget", str(LOGS), "--task", "arith", "--json"]) == 0
    curve = {c["label"]: c for c in json.loads(capsys.readouterr().out)["curves"]}["openai/o3-mini_high"]
    rows = [r for r in truth_of("arith_o3-mini_high.eval") if not r["error"]]
    ids = sorted({str(r["id"]) for r in rows})
    assert curve["n_problems"] == len(ids) and "over the" in curve["stderr_method"]
    for budget, success, se in zip(curve["budgets"], curve["success"], curve["success_stderr"]):
        per = [np.mean([r["correct"] and r["output_tokens"] <= budget for r in rows if str(r["id"]) == i]) for i in ids]
        spread = 100 * np.std(per, ddof=1) / np.sqrt(len(ids))
        if spread > 0:
            assert se == pytest.approx(spread)
        else:  # all problems agree: p kept 0.5/m from 0 and 1, as every point's binomial error
            p = min(max(success / 100, 0.5 / len(ids)), 1 - 0.5 / len(ids))
            assert se == pytest.approx(100 * np.sqrt(p * (1 - p) / len(ids)))
    ds = load(LOGS, task="arith")
    point = ds.points[ds.points["model"] == "openai/o3-mini_high"]
    assert curve["success_stderr"][-1] == pytest.approx(float(point["score_stderr"][0]))
    assert main(["budget", str(LOGS), "--task", "arith"]) == 0
    text = capsys.readouterr().out
    assert "± stderr" in text and f"standard error over the {len(ids)} problems" in text
