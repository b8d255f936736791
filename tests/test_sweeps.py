"""Readers for sweeps with per-attempt cost: ARC Prize's harness output and MathArena's Parquet.

The files are built from the documented layouts (arcprize/arc-agi-benchmarking schemas.py and its
data/sample/submissions/example_model/66e6c45b.json; eth-sri/matharena
scripts/curation/upload_outputs.py). pass@k and dollars are checked against sums done by hand
or by a brute-force average over every k-subset of attempts (itertools), not the code's formula.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scalescope.engine.errors import DataError
from scalescope.engine.io import load
from scalescope.tui.cli import main


def attempt(correct, cost, *, model="o3-2025-04-16", config="o3-high", task="t1", pair=0, out=100, reasoning=60):
    """One attempt as the harness writes it (schemas.Attempt)."""
    return {
        "answer": [[1, 2], [3, 4]],
        "metadata": {
            "model": model,
            "provider": "openai",
            "start_timestamp": "2025-04-20T00:00:00Z",
            "end_timestamp": "2025-04-20T00:01:00Z",
            "choices": [{"index": 0, "message": {"role": "user", "content": "ARC task prompt"}}],
            "reasoning_summary": None,
            "kwargs": {"reasoning": {"effort": "high"}},
            "usage": {
                "prompt_tokens": 1000,
                "completion_tokens": out,
                "total_tokens": 1000 + out,
                "completion_tokens_details": {
                    "reasoning_tokens": reasoning,
                    "accepted_prediction_tokens": out - reasoning,
                    "rejected_prediction_tokens": 0,
                },
            },
            "cost": {"prompt_cost": cost / 2, "completion_cost": cost / 2, "reasoning_cost": None, "total_cost": cost},
            "task_id": task,
            "pair_index": pair,
            "test_id": config,
        },
        "correct": correct,
    }


def write_task(folder: Path, task: str, pairs: list[list[tuple[bool, float]]], **kw) -> None:
    data = [
        {f"attempt_{j + 1}": attempt(c, cost, task=task, pair=i, **kw) for j, (c, cost) in enumerate(pair)}
        for i, pair in enumerate(pairs)
    ]
    (folder / f"{task}.json").write_text(json.dumps(data, indent=4))


def test_arc_harness_folder_pass_at_1_and_2_against_hand_sums(tmp_path):
    run = tmp_path / "submissions" / "o3-high" / "v1" / "public_eval"
    run.mkdir(parents=True)
    write_task(run, "aaa", [[(True, 1.0), (False, 1.5)]])  # one pair: pass@1 1/2, pass@2 1; $2.50
    write_task(run, "bbb", [[(False, 0.5), (False, 0.5)], [(True, 0.25), (True, 0.75)]])  # 2 pairs; $2.00
    write_task(run, "ccc", [[(False, 2.0), (False, 1.0)]])  # $3.00
    (run / "results.json").write_text(json.dumps({"score": 1.5, "total_tasks": 3}))  # the scorer's summary: skipped
    ds = load(run)
    assert ds.x.kind == "usd"
    rows = {r.label: r for r in ds.points.rows()}
    one, two = rows["pass@1 of 2 attempts"], rows["pass@2 of 2 attempts"]
    # pass@2: task scores 1, (0 + 1)/2, 0 -> mean 0.5 (the harness's own score: any attempt right per pair)
    assert two.score == pytest.approx(50.0)
    # pass@1: task scores 1/2, (0 + 1)/2, 0 -> mean 1/3
    assert one.score == pytest.approx(100 / 3)
    # dollars per task: all attempts (2.5 + 2 + 3) / 3; one of two attempts: half of that
    assert two.compute == pytest.approx(7.5 / 3)
    assert one.compute == pytest.approx(7.5 / 6)
    assert two.n == 3
    assert two.score_stderr == pytest.approx(np.std([100, 50, 0], ddof=1) / np.sqrt(3))
    assert any("reasoning" in note and "o3-high" in note for note in ds.notes)


def test_arc_harness_configs_are_series_and_unscored_attempts_are_said(tmp_path):
    write_task(tmp_path, "aaa", [[(True, 1.0), (None, 1.0)]], config="o3-low")
    write_task(tmp_path, "bbb", [[(False, 1.0), (False, 1.0)]], config="o3-low")
    ds = load(tmp_path)
    assert ds.series == ["o3-low"]
    assert any("no 'correct'" in note for note in ds.notes)


def test_arc_harness_bad_file_is_one_error_naming_it(tmp_path):
    write_task(tmp_path, "aaa", [[(True, 1.0), (False, 1.0)]])
    data = json.loads((tmp_path / "aaa.json").read_text())
    data[0]["attempt_2"]["metadata"]["cost"]["total_cost"] = "lots"
    (tmp_path / "aaa.json").write_text(json.dumps(data))
    with pytest.raises(DataError, match="total_cost") as err:
        load(tmp_path)
    assert "aaa.json" in str(err.value)


def matharena_frame(results: dict[str, dict[str, list[tuple[bool, float]]]]) -> pd.DataFrame:
    rows = []
    for config, problems in results.items():
        for problem, attempts in problems.items():
            for i, (ok, cost) in enumerate(attempts):
                rows.append(
                    {
                        "problem_idx": problem,
                        "problem": f"Problem {problem} text",
                        "model_name": config.split("/")[-1],
                        "model_config": config,
                        "idx_answer": i,
                        "user_message": "Solve.",
                        "answer": "\\boxed{1}",
                        "input_tokens": 200,
                        "output_tokens": 5000 + i,
                        "cost": cost,
                        "input_cost_per_tokens": 1.1,
                        "output_cost_per_tokens": 4.4,
                        "gold_answer": "1",
                        "parsed_answer": "1",
                        "correct": ok,
                    }
                )
    return pd.DataFrame(rows)


def brute_pass_at_k(flags: list[bool], k: int) -> float:
    """The share of k-subsets of the attempts with a correct one: what unbiased pass@k estimates."""
    subsets = list(itertools.combinations(flags, k))
    return sum(any(s) for s in subsets) / len(subsets)


def test_matharena_parquet_pass_at_k_and_cost(tmp_path):
    results = {
        "openai/o4-mini--high": {
            "1": [(True, 0.02), (False, 0.03), (True, 0.01), (False, 0.02)],
            "2": [(False, 0.05), (False, 0.05), (False, 0.04), (True, 0.06)],
            "3": [(False, 0.01), (False, 0.01), (False, 0.01), (False, 0.01)],
        },
        "openai/o4-mini--low": {
            "1": [(True, 0.01), (True, 0.01), (False, 0.01), (True, 0.01)],
            "2": [(False, 0.01), (False, 0.02), (False, 0.01), (False, 0.02)],
            "3": [(False, 0.01), (True, 0.01), (False, 0.01), (False, 0.01)],
        },
    }
    path = tmp_path / "aime_2025.parquet"
    matharena_frame(results).to_parquet(path)
    ds = load(path)
    assert ds.series == list(results)
    for config, problems in results.items():
        pts = ds.series_points(config)
        assert list(pts["label"]) == [f"pass@{k} of 4 attempts" for k in range(1, 5)]
        for k in range(1, 5):
            flags = [[ok for ok, _ in a] for a in problems.values()]
            want = 100 * np.mean([brute_pass_at_k(f, k) for f in flags])
            assert pts["score"][k - 1] == pytest.approx(want)
            cost = np.mean([k * np.mean([c for _, c in a]) for a in problems.values()])
            assert pts["compute"][k - 1] == pytest.approx(cost)


def test_matharena_csv_with_unjudged_rows_says_so(tmp_path):
    frame = matharena_frame({"m/x": {"1": [(True, 0.1), (False, 0.1)], "2": [(False, 0.1), (False, 0.1)]}})
    frame["correct"] = frame["correct"].astype(object)
    frame.loc[3, "correct"] = None
    path = tmp_path / "hmmt.csv"
    frame.to_csv(path, index=False)
    ds = load(path)
    assert any("no 'correct'" in n for n in ds.notes)
    assert any("1 to 2 attempts" in n for n in ds.notes)
    assert list(ds.points["label"]) == ["pass@1 of 1 attempts"]


def test_matharena_attempts_with_no_config_or_problem_are_said(tmp_path):
    """A row with an empty model_config or problem_idx was dropped by the grouping, silently."""
    frame = matharena_frame({"m/x": {"1": [(True, 0.1), (True, 0.1)], "2": [(False, 0.1), (True, 0.1)]}})
    extra = frame.iloc[[0, 1]].copy()
    extra["model_config"] = extra["model_config"].astype(object)
    extra["problem_idx"] = extra["problem_idx"].astype(object)
    extra.iloc[0, extra.columns.get_loc("model_config")] = None
    extra.iloc[1, extra.columns.get_loc("problem_idx")] = None
    path = tmp_path / "aime.csv"
    pd.concat([frame, extra]).to_csv(path, index=False)
    ds = load(path)
    assert any("2 attempt(s) have no 'model_config' or 'problem_idx': left out" in n for n in ds.notes), ds.notes
    assert list(ds.points["label"]) == ["pass@1 of 2 attempts", "pass@2 of 2 attempts"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.booleans(), min_size=3, max_size=3),
        min_size=1,
        max_size=6,
    )
)
def test_matharena_pass_at_k_is_the_subset_average(problems):
    results = {"cfg": {str(i): [(ok, 0.01) for ok in flags] for i, flags in enumerate(problems)}}
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.parquet"
        matharena_frame(results).to_parquet(path)
        ds = load(path)
    for k in (1, 2, 3):
        want = 100 * np.mean([brute_pass_at_k(f, k) for f in problems])
        assert ds.points["score"][k - 1] == pytest.approx(want, abs=1e-9)


def test_cli_frontier_on_a_harness_folder(tmp_path, capsys):
    write_task(tmp_path, "aaa", [[(True, 1.0), (False, 1.0)]])
    assert main(["frontier", str(tmp_path), "--x", "dollars"]) == 0
    out, _ = capsys.readouterr()
    assert "own cost" in out and "pass@2 of 2 attempts" in out


def test_matharena_costs_whose_sum_overflows_are_one_line_without_a_warning(tmp_path, capsys):
    """Two costs of 1e308 each: the per-problem mean overflowed inside pandas (a RuntimeWarning
    on stderr before the error line)."""
    path = tmp_path / "ma.csv"
    head = "problem_idx,model_name,model_config,idx_answer,input_tokens,output_tokens,cost,correct\n"
    path.write_text(head + "1,m,c,0,10,100,1e308,True\n1,m,c,1,10,100,1e308,False\n")
    with pytest.raises(DataError, match="beyond the largest number"):
        load(path)
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("scalescope: ")


def test_matharena_more_attempts_than_the_limit_is_one_line(tmp_path, capsys):
    """50,000 attempts of one problem made a point per k (50,000 pass@k rows): a hang."""
    from scalescope.engine.readers import sweeps

    path = tmp_path / "ma.csv"
    head = "problem_idx,model_name,model_config,idx_answer,input_tokens,output_tokens,cost,correct\n"
    n = sweeps.MAX_ATTEMPTS + 1
    path.write_text(head + "".join(f"1,m,c,{i},10,100,0.001,{i % 2 == 0}\n" for i in range(n)))
    with pytest.raises(DataError, match="more than 10,000 attempts"):
        load(path)


def test_matharena_parquet_with_every_model_config_null_is_one_line(tmp_path):
    """groupby dropped every row (a null key): IndexError in building the frame."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "problem_idx": [1, 2],
            "model_name": ["m", "m"],
            "model_config": pa.array([None, None], pa.string()),
            "idx_answer": [0, 0],
            "cost": [0.1, 0.1],
            "correct": [True, False],
        }
    )
    pq.write_table(table, tmp_path / "ma.parquet")
    with pytest.raises(DataError, match="no attempt has both a model_config"):
        load(tmp_path / "ma.parquet")
