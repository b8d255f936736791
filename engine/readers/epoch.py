"""Epoch AI Benchmarking Hub exports: the per-run table and the per-benchmark CSVs.

Neither carries token counts. A tokens file (columns ``model`` and ``tokens``, tokens per
question) can be joined; without one every point has an unknown compute, and the dataset says
so, because a trend cannot be fitted without x.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from .._lazy import pandas as pd
from ..errors import DataError
from ..files import path_text
from ..points import normalise_header

SUFFIX = re.compile(r"_(low|medium|high|xhigh|minimal|none|\d+K|unknown)$")
NO_TOKENS = (
    "Epoch Hub exports carry no token counts: join a tokens file (columns model, tokens per question) "
    "with --tokens FILE, or read the runs' Inspect logs instead"
)


def is_epoch_export(headers: list[str]) -> bool:
    """Epoch's headers and no compute column (a file with tokens is a plain points table)."""
    from ..points import ALIASES

    norm = {normalise_header(h) for h in headers}
    if any(ALIASES.get(h, ("",))[0] == "compute" for h in norm):
        return False
    return "model_version" in norm or "best_score" in norm or ("mean_score" in norm and "task" in norm)


def _col(frame: pd.DataFrame, *names: str) -> str | None:
    lookup = {normalise_header(c): c for c in frame.columns}
    for name in names:
        if name in lookup:
            return lookup[name]
    return None


def _model_column(frame: pd.DataFrame, name: str, chosen: str | None) -> str | None:
    """The one column that names the model. ``model`` and ``Model version`` both do (the runs
    export has the first, the per-benchmark CSVs the second, no export both): a file with both,
    or with one of them twice, is an error naming them, unless ``--columns model=...`` picks one
    (as for a points table, engine/points.py match_columns)."""
    if chosen is not None:
        if chosen not in frame.columns:
            shown = ", ".join(map(repr, frame.columns[:20]))
            raise DataError(f"column {chosen!r} (chosen for model) is not in the file; found: {shown}", file=name)
        return chosen
    found = [str(c) for c in frame.columns if normalise_header(c) in ("model_version", "model")]
    if len(found) > 1:
        raise DataError(
            f"columns {found[0]!r} and {found[1]!r} both give model; remove one, "
            f"or choose one with --columns model={found[0]}",
            file=name,
        )
    return found[0] if found else None


def epoch_points(
    frame: pd.DataFrame, path: Path, tokens: pd.DataFrame | None, *, model: str | None = None
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Map an Epoch export onto the points-table columns (a raw frame; validation follows).
    ``model``: the file's column that names the model, when the user chose one."""
    name = str(path)
    notes: list[str] = []
    model_col = _model_column(frame, name, model)
    score_col = _col(frame, "best_score", "mean_score")
    if model_col is None or score_col is None:
        raise DataError("Epoch export without a model version or a score column", file=name)
    status_col = _col(frame, "status")
    if status_col is not None:
        ok = frame[status_col].astype(str).str.strip().str.lower() == "success"
        if (~ok).any():
            notes.append(f"{int((~ok).sum())} run(s) without Status 'Success' left out")
        frame = frame[ok]
    task_col = _col(frame, "task", "benchmark")
    started_col = _col(frame, "started_at")
    if task_col is not None and started_col is not None:  # several runs of one model: keep the latest
        # offsets may differ from run to run (+01:00 in winter, +02:00 in summer): compared in UTC;
        # a time that cannot be read sorts first, so it is never taken for the latest
        order = pd.to_datetime(frame[started_col], errors="coerce", format="mixed", utc=True)
        frame = frame.assign(_order=order).sort_values("_order", kind="stable", na_position="first")
        before = len(frame)
        frame = frame.drop_duplicates(subset=[task_col, model_col], keep="last")
        if len(frame) < before:
            notes.append(f"{before - len(frame)} earlier run(s) of the same model and task left out (latest kept)")
    models = frame[model_col].astype(str).str.strip()
    scores = pd.to_numeric(frame[score_col], errors="coerce")
    stderr_col = _col(frame, "stderr")
    stderr = pd.to_numeric(frame[stderr_col], errors="coerce") if stderr_col else pd.Series(np.nan, index=frame.index)
    fraction = scores.dropna().le(1).all()
    scale = 100 if fraction else 1
    small = scores[(scores > 0) & (scores < 1)]
    if not fraction and len(small):  # the unit varies by file (FORMATS.md): a mixed column is said
        big = scores[scores > 1]
        notes.append(
            f"scores read as percent ({len(big)} above 1, up to {big.max():g}), though {len(small)} lie between 0 "
            f"and 1 (e.g. {small.iloc[0]:g}): in a file of fractions those are {100 * small.iloc[0]:g}% and the "
            "values above 1 are errors: check the file's unit (Epoch's benchmark_metadata.csv gives each file's scale)"
        )
    out = pd.DataFrame(
        {
            "benchmark": frame[task_col].astype(str) if task_col else path_text(path.name),
            "model": models,
            "series": models.str.replace(SUFFIX, "", regex=True),
            "compute": np.nan,
            "score": frame[score_col]
            if not fraction
            else (scores * 100).astype(object).where(scores.notna(), frame[score_col]),
            "score_stderr": stderr * scale,
            "source": f"Epoch AI Benchmarking Hub export {path_text(path.name)}",
        }
    )
    if tokens is not None:
        lookup = dict(zip(tokens["model"], tokens["tokens"]))
        out["compute"] = out["model"].map(lookup)
        missing = out["compute"].isna().sum()
        if missing:
            notes.append(f"{missing} model(s) not in the tokens file: compute unknown")
    else:
        notes.append(NO_TOKENS)
    return out.reset_index(drop=True), tuple(notes)


def read_tokens(path: Path) -> pd.DataFrame:
    """A tokens file: model and tokens per question (aliases as in the points table)."""
    from ..points import ALIASES
    from .table import read_table

    frame, offset = read_table(path)
    lookup = {}
    for header in frame.columns:
        alias = ALIASES.get(normalise_header(header))
        if alias and alias[0] in ("model", "compute") and alias[0] not in lookup:
            lookup[alias[0]] = header
    if set(lookup) != {"model", "compute"}:
        raise DataError(
            "tokens file needs columns model and tokens; found " + ", ".join(map(repr, frame.columns)), file=str(path)
        )
    tokens = pd.to_numeric(frame[lookup["compute"]], errors="coerce")
    bad = np.flatnonzero(tokens.isna().to_numpy() | (tokens <= 0).to_numpy())
    if bad.size:
        raise DataError(
            "tokens must be a number > 0", file=str(path), row=int(bad[0]) + offset, column=lookup["compute"]
        )
    return pd.DataFrame({"model": frame[lookup["model"]].astype(str).str.strip(), "tokens": tokens})
