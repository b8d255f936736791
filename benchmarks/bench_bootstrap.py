"""Bootstrap: the decomposition with 10,000 resamples, against a plain Python loop that refits
each resample with numpy.polyfit (same resamples, same answer to 1e-9). Target: >= 50x faster."""

from __future__ import annotations

import numpy as np
from _common import Report, best_of

from scalescope.engine import DecomposeOptions, decompose, load_bundled
from scalescope.engine.uncertainty import percentile_interval

B = 10_000


def loop_reference(ds, seed: int):
    """The same parametric draws as the engine, refitted one resample at a time."""
    rng = np.random.default_rng(seed)
    pts = ds.points
    fitted = pts[(pts["role"] == "reasoning") & pts["compute"].notna()]
    base = pts[pts["role"] == "base"].iloc[0]
    scores = np.r_[fitted["score"].to_numpy(float), base["score"]]
    stderr = np.r_[fitted["score_stderr"].to_numpy(float), base["score_stderr"]]
    draws = rng.normal(scores, stderr, size=(B, len(scores)))
    u = np.log10(fitted["compute"].to_numpy(float))
    u0, utop = np.log10(base["compute"]), u.max()
    rl, inf = np.empty(B), np.empty(B)
    for i in range(B):
        slope, intercept = np.polyfit(u, draws[i, :-1], 1)
        at_base = intercept + slope * u0
        rl[i] = at_base - draws[i, -1]
        inf[i] = intercept + slope * utop - at_base
    return percentile_interval(rl), percentile_interval(inf)


def main() -> None:
    report = Report("bootstrap: decomposition with 10,000 resamples (math-level-5)")
    ds = load_bundled("math-level-5")
    opts = DecomposeOptions(n_boot=B, seed=3)
    engine_result = decompose(ds, opts)
    ref_rl, ref_inf = loop_reference(ds, 3)
    diff = max(
        abs(engine_result.ci["rl_boost"].low - ref_rl.low),
        abs(engine_result.ci["rl_boost"].high - ref_rl.high),
        abs(engine_result.ci["inference_boost"].low - ref_inf.low),
        abs(engine_result.ci["inference_boost"].high - ref_inf.high),
    )
    t_engine = best_of(lambda: decompose(ds, opts), 30)
    t_loop = best_of(lambda: loop_reference(ds, 3), 2)
    report.line(f"engine (vectorised closed form): {t_engine * 1e3:.1f} ms")
    report.line(f"baseline (Python loop of numpy.polyfit): {t_loop * 1e3:.1f} ms")
    report.target(diff <= 1e-9, f"same intervals as the loop: max difference {diff:.1e} (<= 1e-9)")
    report.target(t_loop / t_engine >= 50, f"speed-up {t_loop / t_engine:.0f}x (target >= 50x)")
    report.exit()


if __name__ == "__main__":
    main()
