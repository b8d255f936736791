"""A header-only Inspect .eval log (a zip holding header.json), as Inspect writes a finished run's
header: the tests that need a log of a given model, setting, size and score write one here."""

from __future__ import annotations

import json
import zipfile


def header_log(folder, name, *, model, budget, tokens, accuracy, completed=100, planned=100):
    """``name``.eval in ``folder``: ``model`` at a reasoning budget of ``budget`` tokens, ``tokens``
    output tokens per sample over ``completed`` of ``planned`` samples, scoring ``accuracy``."""
    header = {
        "version": 2,
        "status": "success",
        "eval": {
            "run_id": name,
            "created": "2025-03-01T10:00:00+00:00",
            "task": "t",
            "model": model,
            "dataset": {"samples": planned},
        },
        "plan": {"config": {"reasoning_tokens": budget}},
        "results": {
            "total_samples": planned,
            "completed_samples": completed,
            "scores": [{"name": "choice", "metrics": {"accuracy": {"value": accuracy}, "stderr": {"value": 0.04}}}],
        },
        "stats": {"model_usage": {model: {"input_tokens": 100, "output_tokens": tokens * completed}}},
    }
    with zipfile.ZipFile(folder / f"{name}.eval", "w") as archive:
        archive.writestr("header.json", json.dumps(header))
