"""A real ``inspect eval`` on inspect_ai's mockllm model, offline (the mock's outputs carry their
token usage, so no tokenizer is downloaded), read back down to its samples. Slow tier: imports
inspect_ai and runs an eval."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_eval(log_dir: Path, fmt: str, epochs: int, correct: list[bool], tokens: list[int], effort: str):
    from inspect_ai import Task, eval
    from inspect_ai.dataset import Sample
    from inspect_ai.model import ModelOutput, ModelUsage, get_model
    from inspect_ai.scorer import match
    from inspect_ai.solver import generate

    outputs = []
    for ok, spent in zip(correct, tokens):
        out = ModelOutput.from_content(model="model", content="42" if ok else "17")
        out.usage = ModelUsage(input_tokens=10, output_tokens=spent, total_tokens=10 + spent)
        outputs.append(out)
    task = Task(
        dataset=[Sample(input=f"q{i}", target="42", id=i) for i in range(1, len(correct) // epochs + 1)],
        solver=generate(),
        scorer=match(),
        name="mock_task",
        epochs=epochs,
    )
    model = get_model("mockllm/model", custom_outputs=outputs)
    (log,) = eval(task, model=model, log_dir=str(log_dir), log_format=fmt, display="none", reasoning_effort=effort)
    assert log.status == "success", log.error
    return log


@pytest.mark.parametrize("fmt", ["eval", "json"])
def test_a_real_mockllm_eval_is_read_sample_by_sample(tmp_path, fmt, capsys):
    from scalescope.engine.readers.inspect_logs import read_log_folder
    from scalescope.tui.cli import main

    correct = [True, False, True, True, False, False, True, False, True, True, True, False]
    tokens = [100 + 37 * i for i in range(12)]
    log = run_eval(tmp_path, fmt, 3, correct, tokens, "high")
    (read,), _ = read_log_folder(tmp_path)
    assert read.task == "mock_task" and read.model_setting == "mockllm/model_high" and read.complete
    assert read.samples_from == ("summaries.json" if fmt == "eval" else "samples")
    # inspect_ai's own record of each sample, read with its own API
    from inspect_ai.log import read_eval_log

    full = read_eval_log(log.location)
    truth = {
        (str(s.id), s.epoch): (s.scores["match"].value, s.model_usage["mockllm/model"].output_tokens)
        for s in full.samples
    }
    got = {
        (i, int(e)): (v, t)
        for i, e, v, t in zip(
            read.samples["id"], read.samples["epoch"], read.samples["value"], read.samples["output_tokens"]
        )
    }
    assert {k: (1.0 if v == "C" else 0.0, float(t)) for k, (v, t) in truth.items()} == got
    assert main(["passk", str(tmp_path), "--json"]) == 0
    (model,) = json.loads(capsys.readouterr().out)["models"].values()
    assert model["problems"] == 4 and model["samples"] == [3, 3]
    if fmt == "eval":
        with zipfile.ZipFile(log.location.removeprefix("file://")) as z:
            assert "summaries.json" in z.namelist()
