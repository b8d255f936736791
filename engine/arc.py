"""ARC Prize leaderboard data: one points table per ARC set, series grouped by model id.

One code path for both the bundled ARC datasets (``data/build.py`` reads the verbatim copy in
``data/raw/arc_agi_score_vs_cost.csv``) and ``scalescope fetch arc`` (which downloads ARC Prize's
``evaluations.json`` and ``models.json``): :func:`leaderboard_rows` turns the two JSON files into
rows of that CSV's layout, and :func:`arc_points` turns such rows into one set's points table.
"""

from __future__ import annotations

import re

import pandas as pd

from .errors import DataError

ARC_SETS = {
    "arc-agi-1-semi-private": "v1_Semi_Private",
    "arc-agi-1-public-eval": "v1_Public_Eval",
    "arc-agi-2-semi-private": "v2_Semi_Private",
    "arc-agi-2-public-eval": "v2_Public_Eval",
    "arc-agi-2-private-eval": "v2_Private_Eval",
}
RAW_COLUMNS = [
    "dataset",
    "model",
    "score_pct",
    "cost_per_task_usd",
    "source",
    "note",
    "display_name",
    "provider",
    "model_type",
    "snapshot",
]
POINT_COLUMNS = ["benchmark", "model", "series", "role", "compute", "score", "score_stderr", "n", "label", "source"]
HIDDEN_NOTE = "display=false (hidden on ARC leaderboard chart)"
NO_COST_NOTE = 'costPerTask given as "-" (no cost)'
ARC_EFFORT = re.compile(
    r"(?i)("
    r"\s+(high|low)-efficiency\b.*"  # o3-preview (tuned) high-efficiency (6 samples)
    r"|[-_ ]+thinking[-_ ]\d+k[-_](none|minimal|low|medium|high|xhigh|max)"
    r"|[-_ ]+thinking[-_ ]?(\d+k|none|minimal|low|medium|high|xhigh|max)([-_]bedrock)?"
    r"|\s+-\s+(low|medium|high)"  # "o1 - high"
    r"|[-_](none|minimal|low|medium|high|xhigh|max)"
    r")$"
)
_SET_ID = re.compile(r"^v(\d+)_([A-Za-z0-9_]+)$")


def arc_series(model: str) -> str:
    """The model id without its effort or thinking-budget suffix: one series per model."""
    series = ARC_EFFORT.sub("", model)
    return series or model


def set_key(arc_set: str) -> str | None:
    """``v2_Semi_Private`` -> ``arc-agi-2-semi-private`` (the bundled ids follow this rule)."""
    match = _SET_ID.match(arc_set)
    if not match:
        return None
    return f"arc-agi-{match.group(1)}-" + match.group(2).lower().replace("_", "-")


ARC_SET_TASKS = {  # tasks per ARC set where its size is stated (data/catalog.json's n_questions; a test checks)
    "v1_Semi_Private": 100,
    "v1_Public_Eval": 400,
}


def set_tasks(arc_set: str) -> int | None:
    """The ARC set's number of tasks (a score's binomial n), where it is stated; else None."""
    return ARC_SET_TASKS.get(arc_set)


def set_title(arc_set: str) -> str:
    """``v1_Semi_Private`` -> ``ARC-AGI-1 semi-private (100 tasks)``; ``v2_Semi_Private`` ->
    ``ARC-AGI-2 semi-private`` (no size stated). The bundled titles read the same."""
    match = _SET_ID.match(arc_set)
    if not match:
        return arc_set
    rest = match.group(2).lower().replace("_", " ").replace("semi private", "semi-private")
    tasks = set_tasks(arc_set)
    return f"ARC-AGI-{match.group(1)} {rest}" + (f" ({tasks} tasks)" if tasks else "")


def arc_points(raw: pd.DataFrame, arc_set: str) -> pd.DataFrame:
    """Rows of the ``arc_agi_score_vs_cost.csv`` layout for one ARC set, as a points table."""
    raw = raw[raw["dataset"].str.split(" ").str[0] == arc_set].drop_duplicates()
    label = raw["display_name"].fillna("")
    assumed = raw["dataset"] != arc_set
    label = label.where(~assumed, label + " (ARC set assumed: the source does not name it)")
    note = raw["note"].fillna("")
    label = (label + " " + note.where(note == "", "[" + note + "]")).str.strip()
    return pd.DataFrame(
        {
            "benchmark": "ARC-AGI " + arc_set,
            "model": raw["model"],
            "series": raw["model"].map(arc_series),
            "role": "",
            "compute": raw["cost_per_task_usd"],
            "score": raw["score_pct"],
            "score_stderr": float("nan"),
            "n": float("nan"),
            "label": label,
            "source": raw["source"],
        }
    )


def finish_points(frame: pd.DataFrame) -> pd.DataFrame:
    """Column order and dtypes exactly as the bundled points files are written."""
    frame = frame[POINT_COLUMNS].reset_index(drop=True)
    return frame.assign(n=frame["n"].astype("Int64"))


def parse_json_list(data: bytes, name: str) -> list[dict]:
    """A JSON file that must hold a list of objects (both ARC files do)."""
    from .files import parse_json  # bounded: nesting depth, digits of an integer, duplicate keys

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", file=name) from None
    value = parse_json(text, name)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DataError("expected a JSON list of objects (ARC Prize layout)", file=name)
    return value


def _cost(value: object) -> tuple[float, str]:
    """A costPerTask cell: its number, or NaN with why it is unknown (a note for the point's label)."""
    if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
        return float("nan"), NO_COST_NOTE
    if not isinstance(value, bool) and isinstance(value, (int, float, str)):
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if number == number:  # NaN (JSON's NaN, the text 'nan') is no number either
            return number, ""
    return float("nan"), f"costPerTask {_shown(value)} is not a number (read as unknown)"


def _shown(value: object, width: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _rows_named(found: list[tuple[int, object, object]]) -> str:
    """``row 5 'o3-high' (1.7), row 9 'x' ('abc') and 3 more``: the rows a note is about."""
    shown = [f"row {number} {_shown(model, 60)} ({_shown(value)})" for number, model, value in found[:3]]
    more = len(found) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def leaderboard_rows(
    evaluations: list[dict], models: list[dict], *, source: str, snapshot: str
) -> tuple[pd.DataFrame, tuple[tuple[str | None, str], ...]]:
    """ARC Prize ``evaluations.json`` and ``models.json`` as rows of ``arc_agi_score_vs_cost.csv``.

    Returns the rows and one note per ARC set and kind of row left out or changed, as (the set's
    datasetId, or None when a row names none; the note). No row is dropped silently, and one bad
    cell never fails the rest (a fetched public sweep; README "Fresh data"): a row without a set,
    a model id or a score that is a fraction in [0, 1] is left out, naming its row number, model and
    value; a cost that is not a number is read as unknown (the point is kept, left out of fits) and
    said in a note and in its label. Rows (numbered from 1) are the objects of evaluations.json.
    """
    names = {}
    for model in models:
        if isinstance(model.get("id"), str):
            names[model["id"]] = model
    rows = []
    total_cost: dict[str, int] = {}
    no_ids: dict[str | None, list] = {}
    bad_score: dict[str, list] = {}
    bad_cost: dict[str, list] = {}
    for number, item in enumerate(evaluations, start=1):
        arc_set, model_id, score = item.get("datasetId"), item.get("modelId"), item.get("score")
        if not isinstance(arc_set, str) or not isinstance(model_id, str) or not arc_set or not model_id:
            key = arc_set if isinstance(arc_set, str) and arc_set else None
            no_ids.setdefault(key, []).append((number, model_id, arc_set if key is None else model_id))
            continue
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1:
            bad_score.setdefault(arc_set, []).append((number, model_id, score))
            continue
        if "costPerTask" not in item and "cost" in item:  # v3 rows: a total cost, not per task
            total_cost[arc_set] = total_cost.get(arc_set, 0) + 1
            continue
        cost, cost_note = _cost(item.get("costPerTask"))
        if cost_note and cost_note != NO_COST_NOTE:
            bad_cost.setdefault(arc_set, []).append((number, model_id, item.get("costPerTask")))
        notes = [HIDDEN_NOTE] if item.get("display") is False else []
        if cost_note:
            notes.append(cost_note)
        meta = names.get(model_id, {})
        rows.append(
            {
                "dataset": arc_set,
                "model": model_id,
                "score_pct": round(float(score) * 100, 10),  # ARC stores a fraction
                "cost_per_task_usd": cost,
                "source": source,
                "note": "; ".join(notes) or None,
                "display_name": meta.get("displayName") or None,
                "provider": meta.get("providerId") or None,
                "model_type": meta.get("modelType") or None,
                "snapshot": snapshot,
            }
        )
    said: list[tuple[str | None, str]] = []
    for arc_set, found in no_ids.items():
        what = "no datasetId (the ARC set) as text" if arc_set is None else "no modelId as text"
        said.append((arc_set, f"{len(found)} row(s) of evaluations.json left out, {what}: {_rows_named(found)}"))
    for arc_set, found in bad_score.items():
        said.append((arc_set, f"{len(found)} row(s) left out, score not a fraction in [0, 1]: {_rows_named(found)}"))
    for arc_set, found in bad_cost.items():
        said.append(
            (
                arc_set,
                f"{len(found)} costPerTask value(s) not a number read as unknown (kept, left out of fits): "
                + _rows_named(found),
            )
        )
    said += [
        (arc_set, f"{count} row(s) give a total cost, not costPerTask: left out (not comparable per task)")
        for arc_set, count in sorted(total_cost.items())
    ]
    return pd.DataFrame(rows, columns=RAW_COLUMNS), tuple(said)


# ---- one run listed more than once; costs from different pricing periods ----------------------


def merge_same_runs(points: pd.DataFrame, same_run: dict[str, str], describe) -> pd.DataFrame:
    """One point per run: rows whose model is an alias in ``same_run`` (alias -> the model it
    duplicates) are dropped and listed in the kept row's label, with ``describe(row)`` saying where
    each alias came from (its cost and score). An alias whose target is absent is kept as it was."""
    present = set(points["model"])
    aliases: dict[str, list[str]] = {}
    drop = []
    for i, row in points.iterrows():
        target = same_run.get(row["model"])
        if target is not None and target in present:
            aliases.setdefault(target, []).append(describe(row))
            drop.append(i)
    out = points.drop(index=drop).copy()
    for target, described in aliases.items():
        at = out["model"] == target
        out.loc[at, "label"] = out.loc[at, "label"] + " [one run, also listed as: " + "; ".join(described) + "]"
    return out
