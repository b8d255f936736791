"""Bootstrap: the decomposition with 10,000 resamples, against a plain Python loop that refits
each resample with numpy.polyfit (same resamples, same answer to 1e-9). Target: >= 50x faster.

The answer compared is the inference share's interval: with the straight line it is the one
figure whose interval comes from the resamples (the others are linear in the scores and get
their exact interval, tests/test_decompose.py); the engine still draws and refits all 10,000."""

from __future__ import annotations

import numpy as np
from _common import QUICK, Report, interleaved, median, ratios

from scalescope.engine import DecomposeOptions, decompose, load_bundled
from scalescope.engine.uncertainty import percentile_interval

B = 10_000


def loop_reference(ds, seed: int):
    """The same parametric draws as the engine, refitted one resample at a time."""
    rng = np.random.default_rng(seed)
    pts = ds.points.to_pandas()
    fitted = pts[(pts["role"] == "reasoning") & pts["compute"].notna()]
    base = pts[pts["role"] == "base"].iloc[0]
    scores = np.r_[fitted["score"].to_numpy(float), base["score"]]
    stderr = np.r_[fitted["score_stderr"].to_numpy(float), base["score_stderr"]]
    draws = rng.normal(scores, stderr, size=(B, len(scores)))
    u = np.log10(fitted["compute"].to_numpy(float))
    u0, utop = np.log10(base["compute"]), u.max()
    share = np.empty(B)
    for i in range(B):
        slope, intercept = np.polyfit(u, draws[i, :-1], 1)
        at_base = intercept + slope * u0
        rl = at_base - draws[i, -1]
        inf = intercept + slope * utop - at_base
        share[i] = 100 * inf / (rl + inf)
    return percentile_interval(share)


def main() -> None:
    report = Report("bootstrap: decomposition with 10,000 resamples (math-level-5)")
    ds = load_bundled("math-level-5")
    opts = DecomposeOptions(n_boot=B, seed=3)
    engine_result = decompose(ds, opts)
    ref = loop_reference(ds, 3)
    share = engine_result.ci["inference_share"]
    diff = max(abs(share.low - ref.low), abs(share.high - ref.high))
    repeats = 3 if QUICK else 5  # the same number of runs of each, interleaved
    t_engine, t_loop = interleaved(lambda: decompose(ds, opts), lambda: loop_reference(ds, 3), repeats)
    med, _, worst = ratios(t_engine, t_loop)
    report.line(
        f"engine (vectorised closed form): median {median(t_engine) * 1e3:.1f} ms, worst {max(t_engine) * 1e3:.1f}"
    )
    report.line(
        f"baseline (Python loop of numpy.polyfit): median {median(t_loop) * 1e3:.1f} ms, worst {max(t_loop) * 1e3:.1f}"
    )
    report.target(diff <= 1e-9, f"same share interval as the loop: max difference {diff:.1e} (<= 1e-9)")
    report.target(
        med >= 50, f"speed-up {med:.0f}x median, {worst:.0f}x worst of {repeats} interleaved pairs (target >= 50x)"
    )
    report.exit()


if __name__ == "__main__":
    main()
