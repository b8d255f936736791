"""Small files in the real layouts of ARC Prize's and Epoch AI's downloads, for `scalescope fetch` tests.

    python tests/fetch_fixtures.py DIR

writes DIR/good/arc/{evaluations,models}.json, DIR/good/epoch/benchmark_data.zip and
DIR/bad/arc/{evaluations,models}.json (malformed JSON). The ARC rows for o3 (2025-04-16) and the
Avg. Mturker copy the bundled source rows (data/raw/arc_agi_score_vs_cost.csv) number for number, so
a fetched dataset can be compared with the bundled one; ``NEW_MODEL`` is a model the bundled data
lacks, on ARC-AGI-2 only. The layouts follow FORMATS.md (ARC: evaluations.json rows
``datasetId, modelId, score (0..1), costPerTask, resultsUrl, display``; models.json rows ``id,
displayName, providerId, modelType, ...``; Epoch: one CSV per benchmark with ``Model version``,
``Best score (across scorers)``, ``stderr``, ...).
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

NEW_MODEL = "frontier-x-2026-10-01"  # efforts -low / -high; the bundled data has no such model
NEW_SCORES = {  # ARC-AGI-2 sets only
    ("v2_Semi_Private", "low"): (0.312, 1.25),
    ("v2_Semi_Private", "high"): (0.447, 6.8),
    ("v2_Public_Eval", "low"): (0.335, 1.1),
    ("v2_Public_Eval", "high"): (0.46, 6.2),
}
BUNDLED_COPIES = [  # (datasetId, modelId, score, costPerTask, display) as in the bundled source
    ("v1_Semi_Private", "o3-2025-04-16-low", 0.415, 0.1764, True),
    ("v1_Semi_Private", "o3-2025-04-16-medium", 0.5383, 0.2882, True),
    ("v1_Semi_Private", "o3-2025-04-16-high", 0.6083, 0.5002, True),
    ("v2_Semi_Private", "o3-2025-04-16-low", 0.0199, 0.2343, True),
    ("v2_Semi_Private", "o3-2025-04-16-medium", 0.0298, 0.4787, True),
    ("v2_Semi_Private", "o3-2025-04-16-high", 0.0653, 0.8339, True),
    ("v1_Semi_Private", "mturker", 0.77, 3, False),
]


def evaluations() -> list[dict]:
    rows = [
        {"datasetId": d, "modelId": m, "score": s, "costPerTask": c, "resultsUrl": "", "display": shown}
        for d, m, s, c, shown in BUNDLED_COPIES
    ]
    for (arc_set, effort), (score, cost) in NEW_SCORES.items():
        rows.append(
            {
                "datasetId": arc_set,
                "modelId": f"{NEW_MODEL}-{effort}",
                "score": score,
                "costPerTask": cost,
                "resultsUrl": "",
                "display": True,
                "displayLabel": False,
            }
        )
    rows.append(dict(rows[-1]))  # an exact duplicate row: kept once, as in the bundled build
    rows.append(  # no cost: kept, compute unknown
        {"datasetId": "v2_Semi_Private", "modelId": "mystery-system", "score": 0.05, "costPerTask": "-"}
    )
    rows.append(  # ARC-AGI-3 gives a total cost, not per task: left out with a note
        {"datasetId": "v3_Semi_Private", "modelId": f"{NEW_MODEL}-high", "score": 0.12, "cost": 8866.2}
    )
    return rows


def models() -> list[dict]:
    def model(mid, name, provider, kind):
        return {
            "id": mid,
            "displayName": name,
            "modelReleaseDate": "2025-04-16T00:00:00.000Z",
            "providerId": provider,
            "modelType": kind,
            "modelGroup": None,
            "paperUrl": None,
            "codeUrl": None,
            "dataUrl": None,
            "featured": None,
        }

    return [
        model("o3-2025-04-16-low", "o3 (Low)", "OpenAI", "CoT"),
        model("o3-2025-04-16-medium", "o3 (Medium)", "OpenAI", "CoT"),
        model("o3-2025-04-16-high", "o3 (High)", "OpenAI", "CoT"),
        model("mturker", "Avg. Mturker", "Human", None),
        model(f"{NEW_MODEL}-low", "Frontier X (Low)", "Example Lab", "CoT"),
        model(f"{NEW_MODEL}-high", "Frontier X (High)", "Example Lab", "CoT"),
    ]


EPOCH_HEADER = "Model version,Best score (across scorers),stderr,Release date,Organization,Country,Started at\n"
EPOCH_TABLES = {
    "gpqa_diamond.csv": EPOCH_HEADER
    + "claude-3-7-sonnet-20250219_64K,0.7727,0.0298,2025-02-24,Anthropic,United States,2025-03-10\n"
    + "claude-3-7-sonnet-20250219,0.6818,0.0331,2025-02-24,Anthropic,United States,2025-03-10\n"
    + f"{NEW_MODEL}_high,0.881,0.023,2026-10-01,Example Lab,United States,2026-10-20\n",
    "math_level_5.csv": EPOCH_HEADER
    + "claude-3-7-sonnet-20250219_64K,0.9,0.008,2025-02-24,Anthropic,United States,2025-03-12\n"
    + f"{NEW_MODEL}_high,0.97,0.004,2026-10-01,Example Lab,United States,2026-10-20\n",
    "arc_agi_external.csv": "Model version,Score,Source\no3-2025-04-16_high,0.6083,ARC Prize\n",
    "benchmark_metadata.csv": "benchmark,source_file,score_column,scale,random_baseline,score_ceiling\n"
    + "GPQA diamond,gpqa_diamond.csv,Best score (across scorers),1,0.25,1\n"
    + "MATH level 5,math_level_5.csv,Best score (across scorers),1,0,1\n",
    "model_metadata.csv": "model_version,accessibility\nclaude-3-7-sonnet-20250219,API\n",
}


def epoch_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in EPOCH_TABLES.items():
            archive.writestr(name, ("\ufeff" if name == "gpqa_diamond.csv" else "") + text)
    return buffer.getvalue()


def write_fixtures(root: Path) -> Path:
    good = root / "good"
    (good / "arc").mkdir(parents=True, exist_ok=True)
    (good / "epoch").mkdir(parents=True, exist_ok=True)
    (good / "arc" / "evaluations.json").write_text(json.dumps(evaluations(), indent=1), encoding="utf-8")
    (good / "arc" / "models.json").write_text(json.dumps(models(), indent=1), encoding="utf-8")
    (good / "epoch" / "benchmark_data.zip").write_bytes(epoch_zip())
    bad = root / "bad" / "arc"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "evaluations.json").write_text(json.dumps(evaluations())[:-40], encoding="utf-8")  # cut mid-object
    (bad / "models.json").write_text(json.dumps(models()), encoding="utf-8")
    return root


if __name__ == "__main__":
    write_fixtures(Path(sys.argv[1] if len(sys.argv) > 1 else "fetch-fixtures"))
