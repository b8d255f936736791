"""Inspect AI evaluation logs (``.eval`` zip, Zstandard or deflate members, and ``.json``).

One point per log: the evaluated model, the task, the headline scorer's accuracy and stderr,
the question count, and the mean output tokens per sample of the evaluated model only (a
grader model's usage, which Inspect also records in ``stats.model_usage``, is left out).
"""

from __future__ import annotations

import math
from pathlib import Path

from .._lazy import pandas as pd
from ..errors import DataError
from ..files import (
    MAX_MEMBER_BYTES,
    MAX_READ_BYTES,
    decode_utf8,
    folder_files,
    parse_json,
    read_bytes,
    read_head,
    zip_member,
    zip_names,
)


def is_inspect_json(path: Path) -> bool:
    """A cheap look at the start of a .json file: does it open like an Inspect EvalLog?"""
    head = read_head(path, 4096).decode("utf-8", errors="ignore")
    stripped = head.lstrip("\ufeff \r\n\t")
    return stripped.startswith("{") and '"eval"' in head and ('"version"' in head or '"status"' in head)


def _read_header(path: Path) -> dict:
    name = str(path)
    if path.suffix.lower() == ".json":
        text = decode_utf8(read_bytes(path, max_bytes=MAX_READ_BYTES), name)
        data = parse_json(text, name, what="Inspect log JSON")
        if not isinstance(data, dict) or "eval" not in data:
            raise DataError("JSON is not an Inspect log (an object with an 'eval' section)", file=name)
        return data
    raw = zip_member(path, "header.json", max_bytes=MAX_MEMBER_BYTES)
    if raw is None:
        names = zip_names(path)
        if "_journal/start.json" in names or "start.json" in names:
            raise DataError("log has no results: the run did not finish (no header.json)", file=name)
        raise DataError("zip file is not an Inspect log (no header.json)", file=name)
    text = decode_utf8(raw, name + ": header.json")
    data = parse_json(text, name, what="header.json")
    if not isinstance(data, dict):
        raise DataError(f"header.json should be a JSON object, got {_kind(data)}", file=name)
    return data


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: f"a string {str(value)[:40]!r}"}.get(type(value), "a number")


def _get(node: dict, path: str, kind: type | tuple[type, ...], name: str, *, required: bool = True, shown: str = ""):
    """The value at a dotted JSON path, checked to be of ``kind``; None when absent and optional.
    Anything else is a DataError naming the file and the path (``shown`` replaces the path's
    first key in messages, for a sub-object passed as ``{"x": sub}``)."""

    def display(walked: str) -> str:
        return shown + walked[walked.find(".") :] if shown and "." in walked else (shown or walked)

    value: object = node
    walked: list[str] = []
    for key in path.split("."):
        if not isinstance(value, dict):
            raise DataError(f"{display('.'.join(walked))} should be an object, got {_kind(value)}", file=name)
        walked.append(key)
        value = value.get(key)
        if value is None:
            if required:
                raise DataError(f"Inspect log has no {display(path)}", file=name)
            return None
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        words = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
        wanted = " or ".join(dict.fromkeys(words[k] for k in kinds))
        raise DataError(f"{display(path)} should be {wanted}, got {_kind(value)}", file=name)
    return value


def _number(
    node: dict, path: str, name: str, *, required: bool = True, positive: bool = False, shown: str = ""
) -> float | None:
    value = _get(node, path, (int, float), name, required=required, shown=shown)
    if value is None:
        return None
    label = shown + path[path.find(".") :] if shown else path
    number = float(value) if abs(value) < 1e308 else math.inf
    if not math.isfinite(number):
        raise DataError(f"{label} is {value!r}: not a finite number", file=name)
    if positive and number <= 0:
        raise DataError(f"{label} is {value!r}: must be > 0", file=name)
    if not positive and number < 0:
        raise DataError(f"{label} is {value!r}: must be >= 0", file=name)
    return number


def _budget_suffix(config: dict, name: str) -> str:
    effort = config.get("reasoning_effort")
    if effort:
        return f"_{effort}"
    tokens = config.get("reasoning_tokens")
    if tokens:
        if isinstance(tokens, bool) or not isinstance(tokens, int) or tokens < 0:
            raise DataError(f"reasoning_tokens should be a whole number, got {_kind(tokens)}", file=name)
        return f"_{tokens // 1024}K" if tokens % 1024 == 0 else f"_{tokens}"
    return ""


def log_point(path: Path) -> dict:
    """The points-table row for one log, or a DataError naming the file and what is missing or
    of the wrong shape (with its JSON path)."""
    name = str(path)
    header = _read_header(path)
    status = header.get("status")
    if status != "success":
        raise DataError(f"log status is {_kind(status)}, not 'success': its scores are incomplete", file=name)
    ev = _get(header, "eval", dict, name)
    model = _get(header, "eval.model", str, name)
    task = _get(header, "eval.task", str, name)
    results = _get(header, "results", dict, name)
    scores = _get(header, "results.scores", list, name)
    if not model or not task or not scores:
        raise DataError("Inspect log without model, task or scores", file=name)
    for i, entry in enumerate(scores):
        if not isinstance(entry, dict):
            raise DataError(f"results.scores[{i}] should be an object, got {_kind(entry)}", file=name)
    headline = (
        _get(header, "results.headline.scorer", str, name, required=False)
        if isinstance(results.get("headline"), dict)
        else _get(header, "results.headline", dict, name, required=False)
    )
    index = next((i for i, s in enumerate(scores) if s.get("name") == headline), 0)
    score = scores[index]
    where = f"results.scores[{index}]"
    metrics = score.get("metrics") or {}
    if not isinstance(metrics, dict):
        raise DataError(f"{where}.metrics should be an object, got {_kind(metrics)}", file=name)
    metric = "accuracy" if metrics.get("accuracy") is not None else "mean"
    if metrics.get(metric) is None:
        raise DataError(f"scorer {str(score.get('name'))[:80]!r} has no accuracy or mean metric", file=name)
    shown = f"{where}.metrics"
    accuracy = _number({"m": metrics}, f"m.{metric}.value", name, shown=shown)
    stderr = _number({"m": metrics}, "m.stderr.value", name, required=False, shown=shown)
    usage = (
        _get(header, "stats.model_usage", dict, name, required=False)
        if isinstance(header.get("stats"), dict)
        else _get(header, "stats", dict, name, required=False)
    )
    entry = (usage or {}).get(model)
    if not entry:
        raise DataError(f"no token usage recorded for the evaluated model {model[:80]!r}", file=name)
    if not isinstance(entry, dict):
        raise DataError(f"stats.model_usage[{model[:80]!r}] should be an object, got {_kind(entry)}", file=name)
    tokens = _number({"u": entry}, "u.output_tokens", name, required=False, shown=f"stats.model_usage[{model[:80]!r}]")
    if not tokens:
        raise DataError(f"no token usage recorded for the evaluated model {model[:80]!r}", file=name)
    total = _number(header, "results.completed_samples", name, required=False, positive=True)
    total = total or _number(header, "results.total_samples", name, required=False, positive=True)
    if not total:
        raise DataError("log has no completed samples", file=name)
    config_a = _get(header, "eval.model_generate_config", dict, name, required=False) or {}
    plan = _get(header, "plan", dict, name, required=False) or {}
    config_b = _get({"plan": plan}, "plan.config", dict, name, required=False) or {}
    epochs = (
        _number(header, "eval.config.epochs", name, required=False, positive=True)
        if isinstance(ev.get("config"), dict)
        else None
    )
    samples = (
        _number(header, "eval.dataset.samples", name, required=False, positive=True)
        if isinstance(ev.get("dataset"), dict)
        else None
    )
    run_id = ev.get("run_id", "?")
    return {
        "benchmark": task,
        "model": model + _budget_suffix({**config_a, **config_b}, name),
        "series": model,
        "role": "",
        "compute": tokens / total,
        "score": 100 * accuracy,
        "score_stderr": 100 * stderr if stderr is not None else None,
        "n": samples,
        "label": f"scorer {str(score.get('name'))[:80]}, {int(epochs or 1)} epoch(s), run {str(run_id)[:40]}",
        "source": name,
    }


def log_files(folder: Path) -> tuple[list[Path], list[str]]:
    """Inspect logs in a folder (.eval, and .json that open like a log), and notes on the entries
    skipped (FIFOs, devices, folders named like logs, ...)."""
    files, notes = folder_files(folder, (".eval", ".json"))
    return [p for p in files if p.suffix.lower() == ".eval" or is_inspect_json(p)], notes


def read_logs(path: Path) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One log, or every log in a folder (logs that cannot be read are listed in the notes)."""
    rows, notes = [], []
    if path.is_dir():
        files, notes = log_files(path)
        if not files:
            skipped = f" ({'; '.join(notes[:3])})" if notes else ""
            raise DataError(f"folder has no Inspect logs (.eval or .json){skipped}", file=str(path))
    else:
        files = [path]
    for file in files:
        try:
            rows.append(log_point(file))
        except DataError as exc:
            if not path.is_dir():
                raise
            notes.append(f"skipped: {exc}")
    if not rows:
        raise DataError("no readable Inspect log: " + "; ".join(notes), file=str(path))
    frame = pd.DataFrame(rows)
    # the same model and setting run twice: keep both, told apart by run
    dup = frame.duplicated(subset=["benchmark", "model"], keep=False)
    if dup.any():
        frame.loc[dup, "model"] = (
            frame.loc[dup, "model"] + " (" + frame.loc[dup, "source"].map(lambda s: Path(s).stem) + ")"
        )
    notes.insert(0, "tokens: output tokens of the evaluated model per sample (graders excluded)")
    return frame, tuple(notes)
