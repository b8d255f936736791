"""Inspect AI evaluation logs (``.eval`` zip, Zstandard or deflate members, and ``.json``).

Each log is read down to its samples (:func:`read_log`): ``summaries.json`` of a finished
``.eval``, the journal's ``_journal/summaries/*.json`` of a run in progress, the ``samples`` of a
``.json`` log. One point per log (:func:`logs_frame`): the evaluated model and its reasoning
setting, the task, the headline scorer's mean over problems, n, and the mean output tokens per
sample of the evaluated model only (a grader model's usage, which Inspect also records, is left
out). Older logs without summaries fall back to the header's figures, and a note says so.
"""

from __future__ import annotations

import math
from dataclasses import field
from pathlib import Path

import numpy as np

from .._frozen import frozen
from .._lazy import pandas as pd
from ..errors import DataError
from ..files import (
    MAX_MEMBER_BYTES,
    MAX_READ_BYTES,
    decode_utf8,
    folder_files,
    parse_json,
    path_text,
    read_bytes,
    read_head,
    zip_member,
    zip_members,
    zip_names,
)
from ..settings import EFFORTS, setting_label, setting_rank


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


# ------------------------------------------------------------------------------- per-sample reading

SAMPLE_FIELDS = ("value", "output_tokens", "reasoning_tokens", "input_tokens", "total_time")
EXCLUDED_NAMES = ("logs.json", "eval-set.json")  # Inspect's manifests beside the logs, not logs
_CORRECT, _PARTIAL, _WRONG = ("c",), ("p",), ("i", "n")


def score_value(value: object) -> float:
    """A sample's score as a number, as Inspect's ``value_to_float`` maps it: C 1, P 0.5, I and N 0,
    yes/true 1, no/false 0, numbers and numeric strings as they are; NaN for anything else (a
    list, a dict, an unscored sample)."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else math.nan
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _CORRECT or text in ("yes", "true"):
            return 1.0
        if text in _PARTIAL:
            return 0.5
        if text in _WRONG or text in ("no", "false"):
            return 0.0
        try:
            number = float(text)
        except ValueError:
            return math.nan
        return number if math.isfinite(number) else math.nan
    return math.nan


@frozen
class InspectLog:
    """One Inspect log read down to its samples.

    ``samples`` holds one numpy array per field, one entry per (sample id, epoch): ``id`` (text),
    ``epoch``, ``value`` (the headline scorer, NaN when unscored), ``output_tokens``,
    ``reasoning_tokens``, ``input_tokens`` (the evaluated model's usage only, NaN when unknown),
    ``total_time`` (seconds), ``limit`` (the limit the sample hit: "token", "time", ... or ""),
    ``error`` (bool). It is None when the log has no per-sample summaries (older logs): then
    the header's figures are used, and ``notes`` says so.
    """

    path: str
    task: str
    model: str
    setting: str  # effort word or token budget label ("high", "16K"), "" when none was set
    status: str  # success, started (running), cancelled, error
    key: tuple  # identity of the run: the same run written twice has the same key
    scorer: str
    samples: dict[str, np.ndarray] | None = field(repr=False, compare=False)
    samples_from: str = ""  # summaries.json, _journal/summaries, samples, or "" (header only)
    header_score: float | None = None  # fraction, from results
    header_stderr: float | None = None
    header_tokens: float | None = None  # output tokens of the evaluated model per completed sample
    dataset_samples: int | None = None  # questions in the dataset
    epochs: int = 1
    total_samples: int | None = None  # dataset samples x epochs
    header_completed: int | None = None  # results.completed_samples (the header's count of scored samples)
    token_limit: int | None = None
    scorers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.status == "success"

    @property
    def scored(self) -> int | None:
        """Samples (id x epoch) scored: counted in its samples where it has them, else the header's."""
        return self.completed if self.samples is not None else self.header_completed

    @property
    def partial(self) -> bool:
        """Finished ('success') with fewer scored samples than it planned (results.total_samples):
        Inspect's fail_on_error lets a run finish past errored samples, and a run stopped early
        can still be written as a success (newcomer7: 3 of 10)."""
        scored = self.scored
        return self.complete and bool(self.total_samples) and scored is not None and scored < self.total_samples

    @property
    def model_setting(self) -> str:
        return f"{self.model}_{self.setting}" if self.setting else self.model

    @property
    def completed(self) -> int:
        """Samples (id x epoch) with a score and no error."""
        if self.samples is None:
            return 0
        return int((np.isfinite(self.samples["value"]) & ~self.samples["error"]).sum())


def _setting(config: dict, name: str) -> str:
    effort = config.get("reasoning_effort")
    if effort:
        return str(effort)
    tokens = config.get("reasoning_tokens")
    if tokens:
        if isinstance(tokens, bool) or not isinstance(tokens, int) or tokens < 0:
            raise DataError(f"reasoning_tokens should be a whole number, got {_kind(tokens)}", file=name)
        return f"{tokens // 1024}K" if tokens % 1024 == 0 else str(tokens)
    return ""


def _start_header(path: Path, members: dict[str, bytes]) -> dict | None:
    raw = members.get("_journal/start.json") or members.get("start.json")
    if raw is None:
        return None
    data = parse_json(decode_utf8(raw, f"{path}: start.json"), str(path), what="_journal/start.json")
    if not isinstance(data, dict) or not isinstance(data.get("eval"), dict):
        return None
    return {**data, "status": "started"}


def _summary_lists(path: Path, members: dict[str, bytes]) -> tuple[list | None, str]:
    """The sample summaries of an .eval: summaries.json when the run finished, else the journal's
    batches (a run in progress), else the older layout's summaries/ or summary.json."""
    name = str(path)

    def parsed(member: str) -> list:
        data = parse_json(decode_utf8(members[member], f"{name}: {member}"), name, what=member)
        if not isinstance(data, list):
            raise DataError(f"{member} should be a list of sample summaries, got {_kind(data)}", file=name)
        return data

    if "summaries.json" in members:
        return parsed("summaries.json"), "summaries.json"
    for folder in ("_journal/summaries/", "summaries/"):
        batches = sorted(
            (m for m in members if m.startswith(folder) and m.endswith(".json")),
            key=lambda m: (len(m), m),  # 2.json before 10.json
        )
        if batches:
            out: list = []
            for member in batches:
                out.extend(parsed(member))
            return out, folder.rstrip("/")
    if "summary.json" in members:
        return parsed("summary.json"), "summary.json"
    return None, ""


def _wanted_member(member: str) -> bool:
    return member in ("header.json", "summaries.json", "summary.json", "_journal/start.json", "start.json") or (
        member.endswith(".json") and (member.startswith("_journal/summaries/") or member.startswith("summaries/"))
    )


def _raw_log(path: Path) -> tuple[dict, list | None, str]:
    """The header (or the journal's start record for a run without one) and the per-sample
    records, with where they came from."""
    name = str(path)
    if path.suffix.lower() == ".json":
        header = _read_header(path)
        samples = header.get("samples")
        if samples is not None and not isinstance(samples, list):
            raise DataError(f"samples should be a list, got {_kind(samples)}", file=name)
        return header, samples, "samples" if samples else ""
    members = zip_members(path, _wanted_member, max_bytes=MAX_MEMBER_BYTES, max_total=MAX_MEMBER_BYTES)
    raw = members.get("header.json")
    if raw is None:
        header = _start_header(path, members)
        if header is None:
            if not members and "_journal/start.json" not in zip_names(path):
                raise DataError("zip file is not an Inspect log (no header.json)", file=name)
            raise DataError("log has no results: the run did not finish (no header.json)", file=name)
    else:
        header = parse_json(decode_utf8(raw, name + ": header.json"), name, what="header.json")
        if not isinstance(header, dict):
            raise DataError(f"header.json should be a JSON object, got {_kind(header)}", file=name)
    summaries, where = _summary_lists(path, members)
    return header, summaries, where


def _usage_of(record: dict, model: str) -> dict:
    usage = record.get("model_usage")
    if not isinstance(usage, dict):
        return {}
    entry = usage.get(model)
    return entry if isinstance(entry, dict) else {}


def _float_or_nan(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else math.nan


def _samples_table(
    records: list, model: str, scorer: str | None, name: str
) -> tuple[dict[str, np.ndarray], str, tuple]:
    """One array per field from summary or sample records (both shapes: a summary's error and
    limit are text, a full sample's are objects)."""
    ids, epochs, values, out_tok, reas_tok, in_tok, times, limits, errors = ([] for _ in range(9))
    scorers: dict[str, None] = {}
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise DataError(f"sample record {i} should be an object, got {_kind(record)}", file=name)
        scores = record.get("scores") if isinstance(record.get("scores"), dict) else {}
        scorers.update(dict.fromkeys(str(k) for k in scores))
    if scorer is None or scorer not in scorers:
        scorer = next(iter(scorers), scorer)
    for record in records:
        sid = record.get("id")
        ids.append(str(sid)[:200] if sid is not None else "?")
        epoch = record.get("epoch")
        epochs.append(int(epoch) if isinstance(epoch, int) and not isinstance(epoch, bool) else 1)
        scores = record.get("scores") if isinstance(record.get("scores"), dict) else {}
        entry = scores.get(scorer) if scorer else None
        values.append(score_value(entry.get("value")) if isinstance(entry, dict) else math.nan)
        usage = _usage_of(record, model)
        out_tok.append(_float_or_nan(usage.get("output_tokens")))
        reas_tok.append(_float_or_nan(usage.get("reasoning_tokens")))
        in_tok.append(_float_or_nan(usage.get("input_tokens")))
        times.append(_float_or_nan(record.get("total_time")))
        limit = record.get("limit")
        if isinstance(limit, dict):
            limit = limit.get("type")
        limits.append(str(limit)[:40] if limit else "")
        errors.append(bool(record.get("error")))
    table = {
        "id": np.array(ids, dtype=object),
        "epoch": np.array(epochs, dtype=np.int64),
        "value": np.array(values, dtype=float),
        "output_tokens": np.array(out_tok, dtype=float),
        "reasoning_tokens": np.array(reas_tok, dtype=float),
        "input_tokens": np.array(in_tok, dtype=float),
        "total_time": np.array(times, dtype=float),
        "limit": np.array(limits, dtype=object),
        "error": np.array(errors, dtype=bool),
    }
    return table, scorer or "", tuple(scorers)


def status_word(status: str) -> str:
    """Inspect's status of a log as shown: 'started' is a run still being written."""
    return "running" if status == "started" else status


_CACHE: dict[str, tuple[tuple, InspectLog]] = {}
_CACHE_SIZE = 2_000


def read_log(path: Path) -> InspectLog:
    """One Inspect log, down to its samples where it records them (a DataError naming the file
    and the JSON path when it is not a readable log). A log whose size and modification time
    have not changed since it was last read is not read again (a folder watched live)."""
    import os

    try:
        st = os.stat(path)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
    except OSError:
        stamp = None
    cached = _CACHE.get(str(path))
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    log = _read_log(path)
    if stamp is not None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[str(path)] = (stamp, log)
    return log


def _read_log(path: Path) -> InspectLog:
    name = str(path)
    header, records, where = _raw_log(path)
    status = header.get("status")
    if status is None:
        status = "started"
    if not isinstance(status, str):
        raise DataError(f"log status should be a string, got {_kind(status)}", file=name)
    ev = _get(header, "eval", dict, name)
    model = _get(header, "eval.model", str, name)
    task = _get(header, "eval.task", str, name)
    if not model or not task:
        raise DataError("Inspect log without model or task", file=name)
    results = _get(header, "results", dict, name, required=False) or {}
    scores = _get(header, "results.scores", list, name, required=False) or []
    for i, entry in enumerate(scores):
        if not isinstance(entry, dict):
            raise DataError(f"results.scores[{i}] should be an object, got {_kind(entry)}", file=name)
    headline = None
    if results:
        headline = (
            _get(header, "results.headline.scorer", str, name, required=False)
            if isinstance(results.get("headline"), dict)
            else _get(header, "results.headline", dict, name, required=False)
        )
    index = next((i for i, s in enumerate(scores) if s.get("name") == headline), 0)
    header_score = header_stderr = None
    scorer = None
    if scores:
        score = scores[index]
        scorer = str(score.get("name"))[:80] if score.get("name") is not None else None
        metrics = score.get("metrics") or {}
        if not isinstance(metrics, dict):
            raise DataError(f"results.scores[{index}].metrics should be an object, got {_kind(metrics)}", file=name)
        metric = "accuracy" if metrics.get("accuracy") is not None else "mean"
        shown = f"results.scores[{index}].metrics"
        if metrics.get(metric) is not None:
            header_score = _number({"m": metrics}, f"m.{metric}.value", name, shown=shown)
            header_stderr = _number({"m": metrics}, "m.stderr.value", name, required=False, shown=shown)
    usage = (
        _get(header, "stats.model_usage", dict, name, required=False)
        if isinstance(header.get("stats"), dict)
        else _get(header, "stats", dict, name, required=False)
    )
    entry = (usage or {}).get(model)
    if entry is not None and not isinstance(entry, dict):
        raise DataError(f"stats.model_usage[{model[:80]!r}] should be an object, got {_kind(entry)}", file=name)
    run_tokens = (
        _number({"u": entry}, "u.output_tokens", name, required=False, shown=f"stats.model_usage[{model[:80]!r}]")
        if entry
        else None
    )
    completed = _number(header, "results.completed_samples", name, required=False, positive=True) if results else None
    total = _number(header, "results.total_samples", name, required=False, positive=True) if results else None
    config_a = _get(header, "eval.model_generate_config", dict, name, required=False) or {}
    plan = _get(header, "plan", dict, name, required=False) or {}
    config_b = _get({"plan": plan}, "plan.config", dict, name, required=False) or {}
    config = ev.get("config") if isinstance(ev.get("config"), dict) else {}
    epochs = _number(header, "eval.config.epochs", name, required=False, positive=True) if config else None
    token_limit = _number(header, "eval.config.token_limit", name, required=False, positive=True) if config else None
    dataset_samples = (
        _number(header, "eval.dataset.samples", name, required=False, positive=True)
        if isinstance(ev.get("dataset"), dict)
        else None
    )
    notes: list[str] = []
    samples, scorers = None, ()
    if records:
        samples, scorer, scorers = _samples_table(records, model, scorer, name)
        if not np.isfinite(samples["value"]).any():
            notes.append(f"{name}: its {where} carry no scores; the header's figures are used")
            samples, where = None, ""
    else:
        where = ""
        notes.append(f"{name}: no per-sample summaries (an older log); the header's figures are used")
    per_sample = completed or total
    key = (str(ev.get("eval_id") or ""), str(ev.get("run_id") or ""), str(ev.get("task_id") or ""), task, model)
    return InspectLog(
        path=name,
        task=task,
        model=model,
        setting=_setting({**config_a, **config_b}, name),
        status=status,
        key=key if any(key[:3]) else (name,),
        scorer=scorer or "",
        samples=samples,
        samples_from=where,
        header_score=header_score,
        header_stderr=header_stderr,
        header_tokens=run_tokens / per_sample if run_tokens and per_sample else None,
        dataset_samples=int(dataset_samples) if dataset_samples else None,
        epochs=int(epochs or 1),
        total_samples=int(total) if total else None,
        header_completed=int(completed) if completed else None,
        token_limit=int(token_limit) if token_limit else None,
        scorers=scorers,
        notes=tuple(notes),
    )


# ------------------------------------------------------------------------------- from logs to points


@frozen
class LogPoint:
    """What one log contributes to the points table."""

    score: float  # percent
    stderr: float  # percent, NaN: binomial from n
    n: float  # distinct samples (problems) behind the score
    compute: float  # mean output tokens per sample of the evaluated model
    completed: int  # samples x epochs scored


def problem_means(samples: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct sample id (a problem): its id, the mean score over its scored epochs, the
    number of scored epochs n and of correct ones c (a score of 1). Errored and unscored samples
    are left out."""
    ok = np.isfinite(samples["value"]) & ~samples["error"]
    ids = samples["id"][ok]
    values = samples["value"][ok]
    if not len(ids):
        return np.array([], dtype=object), np.array([]), np.array([]), np.array([])
    uniq, inverse = np.unique(ids.astype(str), return_inverse=True)
    n = np.bincount(inverse, minlength=len(uniq)).astype(float)
    total = np.bincount(inverse, weights=values, minlength=len(uniq))
    c = np.bincount(inverse, weights=(values >= 1).astype(float), minlength=len(uniq))
    return uniq.astype(object), total / n, n, c


def log_point(path: Path) -> dict:
    """The points-table row of one finished log (a DataError when it did not finish or records no
    score or no token usage for the evaluated model): what ``fetch epoch --tokens`` reads from a
    log's header."""
    log = read_log(Path(path))
    if not log.complete:
        raise DataError(f"log status is {log.status!r}, not 'success': its scores are incomplete", file=log.path)
    point = point_of(log)
    if not math.isfinite(point.compute) or point.compute <= 0:
        raise DataError(f"no token usage recorded for the evaluated model {log.model[:80]!r}", file=log.path)
    return {
        "benchmark": log.task,
        "model": log.model_setting,
        "series": log.model,
        "role": "",
        "compute": point.compute,
        "score": point.score,
        "score_stderr": None if math.isnan(point.stderr) else point.stderr,
        "n": point.n,
        "label": f"scorer {log.scorer}, {log.epochs} epoch(s)",
        "source": log.path,
    }


def point_of(log: InspectLog) -> LogPoint:
    """The score, its uncertainty, n and tokens of one log: from its samples where it has them
    (the mean over problems of each problem's mean over epochs; the stderr over problems when
    epochs or partial scores make a binomial wrong, else left to the binomial from n), otherwise
    from its header. A DataError when neither holds a score."""
    if log.samples is not None:
        ids, means, n, _ = problem_means(log.samples)
        if len(ids):
            score = 100 * float(means.mean())
            binary = bool(np.isin(log.samples["value"][np.isfinite(log.samples["value"])], (0.0, 1.0)).all())
            stderr = math.nan
            if len(ids) >= 2 and (not binary or n.max() > 1):
                se = float(means.std(ddof=1) / math.sqrt(len(ids)))
                stderr = 100 * se if se > 0 else math.nan
            tokens = log.samples["output_tokens"]
            known = np.isfinite(tokens)
            compute = float(tokens[known].mean()) if known.any() else (log.header_tokens or math.nan)
            return LogPoint(score, stderr, float(len(ids)), compute, log.completed)
    if log.header_score is None:
        raise DataError(f"log status is {log.status!r} and it holds no scored sample and no results", file=log.path)
    n = float(log.dataset_samples) if log.dataset_samples else math.nan
    if log.partial and log.header_completed:  # the problems it scored, not the dataset's (3 of 10: not n 5)
        n = min(n, log.header_completed / log.epochs) if math.isfinite(n) else log.header_completed / log.epochs
    stderr = 100 * log.header_stderr if log.header_stderr else math.nan  # 0 at n = 1 is not an uncertainty
    compute = log.header_tokens if log.header_tokens else math.nan
    return LogPoint(100 * log.header_score, stderr, n, compute, 0)


def log_files(folder: Path) -> tuple[list[Path], list[str]]:
    """Inspect logs in a folder (.eval, and .json that open like a log), and notes on the entries
    skipped (FIFOs, devices, folders named like logs, ...). Inspect's manifests (``logs.json``,
    ``eval-set.json``) are not logs; where a ``logs.json`` manifest lists the logs, its list is
    used, and a log it does not list is still read."""
    files, notes = folder_files(folder, (".eval", ".json"))
    manifest = folder / "logs.json"
    listed: set[str] = set()
    if manifest in files:
        try:
            data = parse_json(decode_utf8(read_bytes(manifest, max_bytes=MAX_READ_BYTES), str(manifest)), str(manifest))
            if isinstance(data, dict):
                listed = {str(k) for k in data}
                notes.append(f"logs.json lists {len(listed)} log(s)")
        except DataError as exc:
            notes.append(f"logs.json not used: {exc}")
    keep = []
    for p in files:
        if p.name in EXCLUDED_NAMES:
            continue
        relative = str(p.relative_to(folder))
        if p.suffix.lower() == ".eval" or relative in listed or is_inspect_json(p):
            keep.append(p)
    return keep, notes


def read_log_folder(path: Path) -> tuple[list[InspectLog], list[str]]:
    """Every readable log of a folder (or the one log), the same run written twice read once;
    notes name what was skipped and why."""
    notes: list[str] = []
    if path.is_dir():
        files, notes = log_files(path)
        if not files:
            skipped = f" ({'; '.join(notes[:3])})" if notes else ""
            raise DataError(f"folder has no Inspect logs (.eval or .json){skipped}", file=str(path))
    else:
        files = [path]
    logs: list[InspectLog] = []
    seen: dict[tuple, InspectLog] = {}
    for file in files:
        try:
            log = read_log(file)
        except DataError as exc:
            if not path.is_dir():
                raise
            notes.append(f"skipped: {exc}")
            continue
        twin = seen.get(log.key)
        if twin is not None:
            keep = (
                twin
                if (twin.completed, twin.path.endswith(".eval")) >= (log.completed, file.suffix == ".eval")
                else log
            )
            drop = log if keep is twin else twin
            notes.append(f"{Path(drop.path).name} is the same run as {Path(keep.path).name} (read once)")
            if keep is log:
                logs[logs.index(twin)] = log
                seen[log.key] = log
            continue
        seen[log.key] = log
        logs.append(log)
        notes.extend(log.notes)
    if not logs:
        raise DataError("no readable Inspect log: " + "; ".join(notes), file=str(path))
    return logs, notes


def tasks_of(logs: list[InspectLog]) -> list[str]:
    return sorted({log.task for log in logs})


def logs_frame(logs: list[InspectLog], *, include_incomplete: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """The points table of some logs (one row per log). A log that did not finish (running,
    cancelled, error) is an incomplete point: a series of its own, "model_setting [status]", so
    that fits leave it out, unless ``include_incomplete``."""
    rows, notes = [], []
    order = sorted(logs, key=lambda g: (g.task, g.model, setting_rank(g.setting), g.path))
    for log in order:
        try:
            point = point_of(log)
        except DataError as exc:
            notes.append(f"skipped: {exc}")
            continue
        if not math.isfinite(point.compute):
            notes.append(f"{log.path}: no token usage recorded for the evaluated model {log.model[:80]!r}")
        parts = []
        if log.setting:
            effort = log.setting.lower() in EFFORTS
            parts.append(setting_label(effort=log.setting) if effort else f"{log.setting} budget")
        parts.append(f"{log.epochs} epoch(s)")
        if log.scorer:
            parts.append(f"scorer {log.scorer}")
        series = log.model
        if not log.complete:
            expected = log.total_samples or (log.dataset_samples or 0) * log.epochs
            of = f" of {expected}" if expected else ""
            word = status_word(log.status)
            parts.insert(0, f"incomplete ({word}): {point.completed}{of} samples")
            if not include_incomplete:
                series = f"{log.model_setting} [{status_word(log.status)}]"  # one point: never a fit
        elif log.partial:  # finished, with fewer samples than planned: said, and kept in the fit (logs_frame)
            parts.insert(0, f"partial: {log.scored} of {log.total_samples} samples")
        rows.append(
            {
                "benchmark": log.task,
                "model": log.model_setting + ("" if log.complete else f" [{status_word(log.status)}]"),
                "series": series,
                "role": "",
                "compute": point.compute,
                "score": point.score,
                "score_stderr": point.stderr,
                "n": point.n,
                "label": ", ".join(parts),
                "source": path_text(log.path),
                "_setting": log.model_setting if log.complete or include_incomplete else None,
            }
        )
    if not rows:
        raise DataError("no Inspect log with a score: " + "; ".join(notes))
    frame = pd.DataFrame(rows)
    # a series whose logs are all runs of one model and setting: replicates, not a budget sweep (their
    # tokens differ by run-to-run noise); the fits leave it out, saying why (Dataset.one_setting)
    one_setting = []
    for (_task, series), group in frame[frame["_setting"].notna()].groupby(["benchmark", "series"], sort=False):
        if len(group) >= 2 and group["_setting"].nunique() == 1:
            one_setting.append(series)
            notes.append(
                f"{series}: its {len(group)} logs are runs of one setting ({group['_setting'].iloc[0]}): "
                "replicates, not a budget sweep, so no trend is fitted across them (their tokens differ by "
                f"run-to-run noise): {', '.join(Path(s).name for s in group['source'])}"
            )
    frame = frame.drop(columns="_setting")
    frame.attrs["one_setting"] = tuple(dict.fromkeys(one_setting))
    dup = frame.duplicated(subset=["benchmark", "model"], keep=False)
    if dup.any():  # the same model and setting run twice (different runs): both kept, told apart by file
        frame.loc[dup, "model"] = (
            frame.loc[dup, "model"] + " (" + frame.loc[dup, "source"].map(lambda s: Path(s).name[-48:]) + ")"
        )
    partial = [log for log in order if log.partial]
    if partial:
        listed = ", ".join(f"{Path(log.path).name} ({log.scored} of {log.total_samples})" for log in partial[:5])
        more = f" and {len(partial) - 5} more" if len(partial) > 5 else ""
        notes.append(
            f"{len(partial)} log(s) finished ('success') with fewer scored samples than planned: {listed}{more}. "
            "Kept in the model's fit, labelled 'partial': its score, tokens, n and stderr are those of the samples "
            "it has, so its weight shrinks with them; the samples it lacks (errored, unscored or never run) may "
            "not be a random subset, so read such a point with care"
        )
    incomplete = [log for log in logs if not log.complete]
    if incomplete and not include_incomplete:
        notes.append(
            f"{len(incomplete)} log(s) did not finish (running, cancelled or error): shown as incomplete points, "
            "each its own series ('model_setting [status]'), left out of the model's fit (--include-incomplete adds them)"
        )
    return frame, notes


TOKENS_NOTE = (
    "tokens: output tokens of the evaluated model per sample (graders excluded; reasoning tokens are "
    "part of output tokens for most providers)"
)


def read_logs(
    path: Path, *, task: str | None = None, include_incomplete: bool = False
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One log, or every log in a folder, as a points table for one task: ``task``, or the only
    one, or (several and none chosen) the first by name, with a note naming the others."""
    logs, notes = read_log_folder(path)
    tasks = tasks_of(logs)
    if task is not None:
        if task not in tasks:
            raise DataError(f"no task {task!r} in these logs (tasks: {', '.join(tasks)})", file=str(path))
        chosen = task
    else:
        chosen = tasks[0]
        if len(tasks) > 1:
            notes.append(
                f"{len(tasks)} tasks in these logs ({', '.join(tasks)}): showing {chosen!r}; --task picks another"
            )
    frame, more = logs_frame([g for g in logs if g.task == chosen], include_incomplete=include_incomplete)
    return frame, (TOKENS_NOTE, *notes, *more)


def log_problems(logs: list[InspectLog], *, include_incomplete: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """Per-sample counts for pass@k: one row per (model and setting, task, sample id) with n, the
    scored epochs, and c, the correct ones (a score of 1). The model column is "model_setting",
    prefixed by "task / " when the logs hold several tasks; logs that did not finish are left
    out unless ``include_incomplete`` (then marked " [status]"); logs without per-sample
    summaries are left out with a note."""
    several = len(tasks_of(logs)) > 1
    frames, notes, names = [], [], {}
    for log in sorted(logs, key=lambda g: (g.task, g.model, setting_rank(g.setting), g.path)):
        if not log.complete and not include_incomplete:
            notes.append(f"{log.path}: did not finish ({log.status}); left out (--include-incomplete adds it)")
            continue
        if log.samples is None:
            notes.append(f"{log.path}: no per-sample scores; left out of pass@k")
            continue
        ids, _, n, c = problem_means(log.samples)
        if not len(ids):
            notes.append(f"{log.path}: no scored sample; left out of pass@k")
            continue
        model = (
            (f"{log.task} / " if several else "")
            + log.model_setting
            + ("" if log.complete else f" [{status_word(log.status)}]")
        )
        if model in names:
            model = f"{model} ({Path(log.path).name[-48:]})"
        names[model] = log.path
        frames.append(pd.DataFrame({"model": model, "problem": ids, "n": n.astype(np.int64), "c": c.astype(np.int64)}))
        unequal = n.min() != n.max()
        if unequal:
            notes.append(f"{model}: {int(n.min())}-{int(n.max())} scored epochs per sample (errors or a run cut short)")
    if not frames:
        raise DataError("no log with per-sample scores for pass@k: " + "; ".join(notes))
    return pd.concat(frames, ignore_index=True), notes


def log_budget_curves(logs, *, points: int = 12, include_incomplete: bool = False) -> tuple[list, list[str]]:
    """A budget curve (engine.budget) per log with per-sample tokens, on one grid of budgets
    shared by all of them (so curves read side by side); notes for the logs left out."""
    from ..budget import budget_curve, budget_grid

    chosen, notes = [], []
    for log in sorted(logs, key=lambda g: (g.task, g.model, setting_rank(g.setting), g.path)):
        if not log.complete and not include_incomplete:
            notes.append(f"{log.path}: did not finish ({log.status}); left out (--include-incomplete adds it)")
        elif log.samples is None or not np.isfinite(log.samples["output_tokens"]).any():
            notes.append(f"{log.path}: no per-sample token counts; no budget curve")
        else:
            chosen.append(log)
    if not chosen:
        raise DataError("no log with per-sample scores and token counts for a budget curve: " + "; ".join(notes))
    everything = np.concatenate([g.samples["output_tokens"] for g in chosen])
    grid = budget_grid(everything[np.isfinite(everything)], points)
    curves = []
    for log in chosen:
        s = log.samples
        values = np.where(s["error"], np.nan, s["value"])
        label = log.model_setting + ("" if log.complete else f" [{status_word(log.status)}]")
        curves.append(
            budget_curve(
                s["output_tokens"],
                values,
                s["limit"],
                label=label,
                token_limit=log.token_limit,
                budgets=grid,
                ids=s["id"],
            )
        )
    return curves, notes


def with_budget_curves(ds, *, points: int = 12):
    """The dataset with each finished run's budget curve (engine.budget) added as a series of its
    own, "<run> within L": score counting only samples finished within L output tokens, at L
    across the observed range, on the same x (output tokens per sample) as the runs themselves.
    Its points carry the share cut off at L in their label; the truncation caveat is a note.
    Returns (dataset, the curves' series names)."""
    from dataclasses import replace

    from ..budget import CAVEAT
    from ..points import COLUMNS, Points

    if not ds.logs:
        raise DataError(f"{ds.id}: budget curves need Inspect logs with per-sample tokens")
    curves, notes = log_budget_curves(list(ds.logs), points=points)
    columns = {c: list(ds.points[c]) for c in COLUMNS}
    names = []
    for curve in curves:
        series = f"≤L {curve.label.split('/', 1)[-1]}"
        names.append(series)
        for budget, success, cut, se in zip(curve.budgets, curve.success, curve.cut, curve.stderr):
            if not np.isfinite(success):
                continue
            row = {
                "benchmark": ds.benchmark,
                "model": f"{curve.label} @{budget:,.0f}",
                "series": series,
                "role": "",
                "compute": float(budget),
                "score": float(success),
                "score_stderr": float(se),  # over problems (engine.budget), as the run's own point
                "n": float(curve.n_problems or curve.n_samples),
                "label": f"budget curve: within {budget:,.0f} tokens, {cut:.0f}% cut off",
                "source": "truncated from " + next((g.path for g in ds.logs if g.model_setting == curve.label), ""),
            }
            for c in COLUMNS:
                columns[c].append(row[c])
    table = Points(columns)
    return replace(ds, points=table, notes=(*ds.notes, f"budget curves: {CAVEAT}", *notes)), names
