"""Sweeps that publish tokens and cost per attempt: ARC Prize's benchmarking harness and MathArena.

Both give, per model setting, pass@k for k = 1 .. the attempts made, against the dollars per task
those k attempts cost (the data's own cost, never a price table's):

- **ARC Prize harness** (github.com/arcprize/arc-agi-benchmarking, ``schemas.py``): a folder of
  ``<task_id>.json`` files, each a list of test pairs, each ``{"attempt_1": Attempt, ...}``;
  an Attempt has ``answer``, ``correct`` and ``metadata`` (``model``, ``test_id`` = the config,
  ``usage`` with ``prompt_tokens``, ``completion_tokens`` and ``completion_tokens_details
  .reasoning_tokens``, ``cost.total_cost``). As the harness scores it, a task's score is the
  share of its test pairs that some attempt solved (pass@k per pair, unbiased from the n
  attempts for k < n) and its cost is the sum over all its attempts; for k < n, k/n of it.
  ``results.json`` (the scorer's summary) is skipped.
- **MathArena** per-attempt Parquet (github.com/eth-sri/matharena,
  ``scripts/curation/upload_outputs.py``): rows ``problem_idx, model_name, model_config,
  idx_answer, input_tokens, output_tokens, cost, correct``. A problem's pass@k is unbiased from
  its n attempts; k attempts cost k x the mean cost of one.

The score's stderr is the spread of per-task scores over tasks (sd / sqrt(tasks)).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from .._lazy import pandas as pd
from ..errors import DataError
from ..files import folder_files, parse_json, read_bytes, read_head
from ..passk import pass_at_k
from ..points import normalise_header

MATHARENA_COLUMNS = ("problem_idx", "model_config", "idx_answer", "cost", "correct")
MAX_ATTEMPTS = 10_000  # attempts per test pair: a harness run makes 2


def is_matharena(headers: list[str]) -> bool:
    return set(MATHARENA_COLUMNS) <= {normalise_header(h) for h in headers}


def is_arc_harness_folder(folder: Path) -> bool:
    """A folder whose first ``.json`` (other than results.json) opens like a harness task file."""
    if not folder.is_dir():
        return False
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.name != "results.json")
    except OSError:
        return False
    if not files or any(p.suffix.lower() == ".eval" for p in folder.iterdir()):
        return False
    try:
        head = read_head(files[0], 4096).lstrip()
    except (OSError, DataError):
        return False
    text = head.decode("utf-8", "replace")
    return text.startswith("[") and '"attempt_' in text


def _num(value, what: str, file: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
        raise DataError(f"{what} is {value!r}, not a number >= 0", file=file)
    return float(value)


def _get(mapping, *keys):
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def read_arc_harness(folder: Path) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """A harness submission folder as points: one series per config, pass@k vs dollars per task."""
    paths, notes = folder_files(folder, (".json",))
    notes = list(notes)
    paths = [p for p in paths if p.name != "results.json"]
    tasks: dict[str, dict[str, dict]] = {}  # config -> task id -> {"pairs": [(n, c)], "cost": $, tokens}
    models: dict[str, str] = {}
    unscored = 0
    for path in paths:
        data = parse_json(read_bytes(path), str(path), what="ARC harness task file")
        if not isinstance(data, list):
            raise DataError("expected a list of test pairs (ARC harness task file)", file=str(path))
        task_id = path.stem
        for pair_index, pair in enumerate(data):
            attempts = (
                [pair[k] for k in sorted(pair, key=_attempt_order) if str(k).startswith("attempt_")]
                if isinstance(pair, dict)
                else pair
            )
            if not isinstance(attempts, list):
                raise DataError(f"test pair {pair_index}: expected attempt_1, attempt_2, ...", file=str(path))
            if len(attempts) > MAX_ATTEMPTS:
                raise DataError(f"test pair {pair_index}: more than {MAX_ATTEMPTS:,} attempts", file=str(path))
            by_config: dict[str, list] = {}
            for attempt in attempts:
                if attempt is None:
                    continue
                if not isinstance(attempt, dict) or not isinstance(attempt.get("metadata"), dict):
                    raise DataError(f"test pair {pair_index}: an attempt without metadata", file=str(path))
                meta = attempt["metadata"]
                config = str(meta.get("test_id") or meta.get("model") or "unknown")
                models.setdefault(config, str(meta.get("model") or config))
                by_config.setdefault(config, []).append(attempt)
            for config, group in by_config.items():
                entry = tasks.setdefault(config, {}).setdefault(
                    task_id, {"pairs": [], "cost": 0.0, "out": 0.0, "reasoning": 0.0, "prompt": 0.0}
                )
                correct = 0
                for attempt in group:
                    meta = attempt["metadata"]
                    entry["cost"] += _num(_get(meta, "cost", "total_cost") or 0, "cost.total_cost", str(path))
                    entry["out"] += _num(_get(meta, "usage", "completion_tokens") or 0, "completion_tokens", str(path))
                    entry["prompt"] += _num(_get(meta, "usage", "prompt_tokens") or 0, "prompt_tokens", str(path))
                    entry["reasoning"] += _num(
                        _get(meta, "usage", "completion_tokens_details", "reasoning_tokens") or 0,
                        "reasoning_tokens",
                        str(path),
                    )
                    flag = attempt.get("correct")
                    if flag is None:
                        unscored += 1
                    elif not isinstance(flag, bool):
                        raise DataError(f"test pair {pair_index}: correct is {flag!r}, not true/false", file=str(path))
                    correct += flag is True
                entry["pairs"].append((len(group), correct))
    if not tasks:
        raise DataError("no ARC harness task files (<task_id>.json with attempt_1, ...)", file=str(folder))
    if unscored:
        notes.append(
            f"{unscored} attempt(s) carry no 'correct' (not scored yet: run the harness's scoring first): "
            "counted as not correct"
        )
    rows = []
    for config, by_task in tasks.items():
        n_min = min(n for t in by_task.values() for n, _ in t["pairs"])
        n_max = max(n for t in by_task.values() for n, _ in t["pairs"])
        if n_min != n_max:
            notes.append(f"{config}: test pairs have {n_min} to {n_max} attempts; pass@k shown up to k = {n_min}")
        costs = np.array([t["cost"] for t in by_task.values()])
        for k in range(1, n_min + 1):
            scores = np.array(
                [np.mean([pass_at_k(n, c, k) for n, c in t["pairs"]]) if t["pairs"] else 0.0 for t in by_task.values()]
            )
            share = np.array([k / min(n for n, _ in t["pairs"]) for t in by_task.values()])
            rows.append(_row(config, models[config], k, n_min, scores, costs * share, "ARC harness", folder))
        mean_out = np.mean([t["out"] for t in by_task.values()])
        mean_r = np.mean([t["reasoning"] for t in by_task.values()])
        notes.append(
            f"{config}: {len(by_task)} task(s); per task {mean_out:,.0f} output tokens ({mean_r:,.0f} of them "
            f"reasoning) over {n_min} attempt(s) per test pair; cost is the harness's own cost.total_cost"
        )
    return _frame(rows), tuple(notes)


def _attempt_order(key) -> tuple[int, str]:
    text = str(key)
    digits = text.removeprefix("attempt_")
    return (int(digits), text) if digits.isdigit() else (10**9, text)


def _row(config, model, k, n, scores, costs, benchmark, path) -> dict:
    tasks = len(scores)
    stderr = float(np.std(scores * 100, ddof=1) / math.sqrt(tasks)) if tasks > 1 else math.nan
    cost = float(np.mean(costs))
    return {
        "benchmark": benchmark,
        "model": config,
        "series": config,
        "role": "",
        "compute": cost if cost > 0 else math.nan,
        "score": float(np.mean(scores) * 100),
        "score_stderr": stderr,
        "n": float(tasks),
        "label": f"pass@{k} of {n} attempts",
        "source": f"{path.name}: {model}, {tasks} tasks; ${cost:.6g} per task for {k} attempt(s)"
        + ("" if cost > 0 else " (cost 0 or missing: unknown)"),
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(rows[0]))


def matharena_points(frame: pd.DataFrame, path: Path, offset: int = 1) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """MathArena's per-attempt table as points: one series per model_config, pass@k vs dollars
    per problem for k = 1 .. the fewest attempts any problem has."""
    from .persample import _bools

    cols = {normalise_header(c): c for c in frame.columns}
    file = str(path)
    notes: list[str] = []
    correct_raw = frame[cols["correct"]]
    missing = correct_raw.isna().to_numpy()
    if missing.any():
        notes.append(
            f"{int(missing.sum())} attempt(s) have no 'correct' (a judged, not answer-checked, problem): left out"
        )
    frame = frame[~missing]
    # an attempt with no model_config or problem_idx belongs to no series or problem: said and left
    # out (grouping would drop it without a word)
    keyless = (frame[cols["model_config"]].isna() | frame[cols["problem_idx"]].isna()).to_numpy()
    if keyless.any():
        if keyless.all():
            raise DataError("no attempt has both a model_config and a problem_idx", file=file)
        notes.append(f"{int(keyless.sum())} attempt(s) have no 'model_config' or 'problem_idx': left out")
        frame = frame[~keyless]
    correct = _bools(frame[cols["correct"]], file=file, column=cols["correct"], offset=offset)
    cost = pd.to_numeric(frame[cols["cost"]], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(cost) | (cost < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataError("cost is not a number >= 0", file=file, row=i + offset, column=cols["cost"])
    with np.errstate(over="ignore"):
        total = float(np.sum(cost))
    if not math.isfinite(total):  # each finite, their sum not: the means below would overflow (a warning)
        raise DataError("costs so large that their sum is beyond the largest number", file=file, column=cols["cost"])
    work = pd.DataFrame(
        {
            "config": frame[cols["model_config"]].astype(str).to_numpy(),
            "model": frame[cols.get("model_name", cols["model_config"])].astype(str).to_numpy(),
            "problem": frame[cols["problem_idx"]].astype(str).to_numpy(),
            "correct": correct,
            "cost": cost,
            "out": pd.to_numeric(frame[cols["output_tokens"]], errors="coerce").to_numpy(dtype=float)
            if "output_tokens" in cols
            else np.nan,
        }
    )
    if work.empty:
        raise DataError("no attempts with a 'correct' value", file=file)
    rows = []
    for config, group in work.groupby("config", sort=False):
        per = group.groupby("problem", sort=False).agg(
            n=("correct", "size"), c=("correct", "sum"), cost=("cost", "mean"), out=("out", "mean")
        )
        n_min, n_max = int(per["n"].min()), int(per["n"].max())
        if n_min > MAX_ATTEMPTS:  # a point per k: 50,000 attempts were 50,000 points (a hang)
            raise DataError(
                f"{config}: every problem has more than {MAX_ATTEMPTS:,} attempts (MAX_ATTEMPTS)", file=file
            )
        if n_min != n_max:
            notes.append(f"{config}: problems have {n_min} to {n_max} attempts; pass@k shown up to k = {n_min}")
        model = str(group["model"].iloc[0])
        for k in range(1, n_min + 1):
            scores = pass_at_k(per["n"].to_numpy(), per["c"].to_numpy(), k)
            rows.append(_row(config, model, k, n_min, scores, per["cost"].to_numpy() * k, "MathArena", path))
        if per["out"].notna().any():
            notes.append(
                f"{config}: {len(per)} problem(s), {per['out'].mean():,.0f} output tokens per attempt; "
                "cost is MathArena's own per-attempt cost"
            )
    if not rows:  # nothing left to group (keyless attempts are left out above)
        raise DataError("no attempt has both a model_config and a problem_idx", file=file)
    return _frame(rows), tuple(notes)
