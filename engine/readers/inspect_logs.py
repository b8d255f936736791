"""Inspect AI evaluation logs (``.eval`` zip, Zstandard or deflate members, and ``.json``).

One point per log: the evaluated model, the task, the headline scorer's accuracy and stderr,
the question count, and the mean output tokens per sample of the evaluated model only (a
grader model's usage, which Inspect also records in ``stats.model_usage``, is left out).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd

from ..errors import DataError

try:  # Python < 3.14: teach zipfile the Zstandard method (93) that Inspect writes
    import zipfile_zstd  # noqa: F401
    from zstandard import ZstdError
except ImportError:  # pragma: no cover - Python 3.14 reads zstd natively

    class ZstdError(Exception):
        pass


# what a damaged member can raise while it is decompressed: zstd frame errors, CRC mismatches
# (BadZipFile), unsupported methods, short reads
DAMAGED = (ZstdError, OSError, RuntimeError, ValueError, EOFError, NotImplementedError)


def is_inspect_json(path: Path) -> bool:
    """A cheap look at the start of a .json file: does it open like an Inspect EvalLog?"""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="ignore")
    except OSError:
        return False
    stripped = head.lstrip("\ufeff \r\n\t")
    return stripped.startswith("{") and '"eval"' in head and ('"version"' in head or '"status"' in head)


def _read_header(path: Path) -> dict:
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"not a readable Inspect log (invalid JSON: {exc})", file=name) from None
        if not isinstance(data, dict) or "eval" not in data:
            raise DataError("JSON is not an Inspect log (no 'eval' section)", file=name)
        return data
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "header.json" in names:
                return json.loads(archive.read("header.json"))
            if "_journal/start.json" in names or "start.json" in names:
                raise DataError("log has no results: the run did not finish (no header.json)", file=name)
            raise DataError("zip file is not an Inspect log (no header.json)", file=name)
    except DataError:
        raise
    except zipfile.BadZipFile as exc:
        raise DataError(f"not a readable .eval file (damaged or truncated zip: {exc})", file=name) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"header.json is not valid JSON ({exc})", file=name) from None
    except DAMAGED as exc:
        raise DataError(f"not a readable .eval file ({type(exc).__name__}: {exc})", file=name) from None


def _budget_suffix(config: dict) -> str:
    effort = config.get("reasoning_effort")
    if effort:
        return f"_{effort}"
    tokens = config.get("reasoning_tokens")
    if tokens:
        tokens = int(tokens)
        return f"_{tokens // 1024}K" if tokens % 1024 == 0 else f"_{tokens}"
    return ""


def log_point(path: Path) -> dict:
    """The points-table row for one log, or a DataError naming the file and what is missing."""
    name = str(path)
    header = _read_header(path)
    status = header.get("status")
    if status != "success":
        raise DataError(f"log status is {status!r}, not 'success': its scores are incomplete", file=name)
    ev = header.get("eval") or {}
    model = ev.get("model")
    task = ev.get("task")
    results = header.get("results") or {}
    scores = results.get("scores") or []
    if not model or not task or not scores:
        raise DataError("Inspect log without model, task or scores", file=name)
    headline = (results.get("headline") or {}).get("scorer")
    score = next((s for s in scores if s.get("name") == headline), scores[0])
    metrics = score.get("metrics") or {}
    accuracy = (metrics.get("accuracy") or metrics.get("mean") or {}).get("value")
    if accuracy is None:
        raise DataError(f"scorer {score.get('name')!r} has no accuracy or mean metric", file=name)
    stderr = (metrics.get("stderr") or {}).get("value")
    usage = ((header.get("stats") or {}).get("model_usage") or {}).get(model)
    if not usage or not usage.get("output_tokens"):
        raise DataError(f"no token usage recorded for the evaluated model {model!r}", file=name)
    total = results.get("completed_samples") or results.get("total_samples")
    if not total:
        raise DataError("log has no completed samples", file=name)
    config = {**(ev.get("model_generate_config") or {}), **((header.get("plan") or {}).get("config") or {})}
    epochs = (ev.get("config") or {}).get("epochs") or 1
    return {
        "benchmark": task,
        "model": model + _budget_suffix(config),
        "series": model,
        "role": "",
        "compute": usage["output_tokens"] / total,
        "score": 100 * float(accuracy),
        "score_stderr": 100 * float(stderr) if stderr is not None else None,
        "n": (ev.get("dataset") or {}).get("samples"),
        "label": f"scorer {score.get('name')}, {epochs} epoch(s), run {ev.get('run_id', '?')}",
        "source": name,
    }


def log_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix == ".eval" or (p.suffix == ".json" and is_inspect_json(p)))
    )


def read_logs(path: Path) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """One log, or every log in a folder (logs that cannot be read are listed in the notes)."""
    if path.is_dir():
        files = log_files(path)
        if not files:
            raise DataError("folder has no Inspect logs (.eval or .json)", file=str(path))
    else:
        files = [path]
    rows, notes = [], []
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
