"""A running Inspect eval, written by inspect_ai's own recorder (EvalRecorder) step by step.

    python tests/live_writer.py LOG.eval [TASK]

It starts the log (``_journal/start.json``), then reads commands from stdin, one a line:
``sample`` logs the next sample (id x epoch, alternately right and wrong, tokens growing) and
flushes it to the file as Inspect does while an eval runs (``_journal/summaries/N.json``);
``finish`` writes the header and summaries as a finished run does. It prints ``ok N`` after
each command (N samples written). Used by the live tests (slow tier).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from inspect_ai.log import EvalConfig, EvalDataset, EvalPlan, EvalResults, EvalSample, EvalSpec, EvalStats
from inspect_ai.log._recorders.eval import EvalRecorder
from inspect_ai.model import GenerateConfig, ModelOutput, ModelUsage
from inspect_ai.scorer import Score

MODEL = "openai/o3-mini"
SAMPLES = 10


def sample(i: int) -> EvalSample:
    tokens = 500 + 200 * i
    return EvalSample(
        id=i // 2 + 1,
        epoch=i % 2 + 1,
        input="q",
        target="42",
        output=ModelOutput.from_content(model=MODEL, content="42"),
        scores={"match": Score(value="C" if i % 3 else "I")},
        model_usage={MODEL: ModelUsage(input_tokens=20, output_tokens=tokens, total_tokens=20 + tokens)},
        total_time=1.0,
    )


async def run(path: Path, task: str) -> None:
    spec = EvalSpec(
        created="2026-12-06T12:00:00+00:00",
        task=task,
        dataset=EvalDataset(name=task, samples=SAMPLES // 2),
        model=MODEL,
        model_generate_config=GenerateConfig(reasoning_effort="high"),
        config=EvalConfig(epochs=2),
    )
    plan = EvalPlan(config=GenerateConfig(reasoning_effort="high"))
    recorder = EvalRecorder(str(path.parent))
    await recorder.log_init(spec, str(path))
    await recorder.log_start(spec, plan)
    await recorder.flush(spec)
    print("ok 0", flush=True)
    written = 0
    for line in sys.stdin:
        command = line.strip()
        if command == "sample":
            await recorder.log_sample(spec, sample(written))
            written += 1
            await recorder.flush(spec)
        elif command == "finish":
            await recorder.log_finish(
                spec, "success", EvalStats(), EvalResults(total_samples=SAMPLES, completed_samples=written), None
            )
        print(f"ok {written}", flush=True)
        if command == "finish":
            return


if __name__ == "__main__":
    asyncio.run(run(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "live_task"))
