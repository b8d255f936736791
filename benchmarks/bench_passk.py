"""pass@k / coverage: 1,000 problems x 10,000 samples, coverage at 30 values of k on a log grid,
against the Codex paper's per-problem estimator (product form, called per problem and per k).
Target: >= 50x faster and equal to 1e-12. Also: coverage at every k from 1 to 10,000."""

from __future__ import annotations

import numpy as np
from _common import QUICK, Report, best_of, interleaved, median, ratios

from scalescope.engine.passk import coverage, k_grid

N_PROBLEMS, N_SAMPLES = 1_000, 10_000


def reference_pass_at_k(n, c, k):
    """openai/human-eval's estimate_pass_at_k for one problem."""
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


def reference_coverage(n, c, ks):
    return np.array([np.mean([reference_pass_at_k(ni, ci, k) for ni, ci in zip(n, c)]) for k in ks])


def problems(seed=0):
    """Per-problem success rates from a Beta(0.3, 1.5): many hard problems, a long tail."""
    rng = np.random.default_rng(seed)
    p = rng.beta(0.3, 1.5, N_PROBLEMS)
    c = rng.binomial(N_SAMPLES, p)
    return np.full(N_PROBLEMS, N_SAMPLES), c


def main() -> None:
    report = Report("pass@k: 1,000 problems x 10,000 samples, coverage at 30 k")
    n, c = problems()
    ks = k_grid(N_SAMPLES, 30)
    report.line(f"{len(ks)} values of k from 1 to {ks[-1]}; {len(np.unique(c))} distinct c values")
    got = coverage(n, c, ks)
    ref = reference_coverage(n, c, ks)
    diff = float(np.max(np.abs(got - ref)))
    repeats = 3 if QUICK else 5  # the same number of runs of each, interleaved
    t_engine, t_ref = interleaved(lambda: coverage(n, c, ks), lambda: reference_coverage(n, c, ks), repeats)
    med, _, worst = ratios(t_engine, t_ref)
    report.line(f"engine: median {median(t_engine) * 1e3:.2f} ms, worst {max(t_engine) * 1e3:.2f} ms")
    report.line(
        f"baseline (product form per problem and per k): median {median(t_ref) * 1e3:.0f} ms, "
        f"worst {max(t_ref) * 1e3:.0f} ms"
    )
    report.target(diff <= 1e-12, f"equal to the reference: max difference {diff:.1e} (<= 1e-12)")
    report.target(
        med >= 50, f"speed-up {med:.0f}x median, {worst:.0f}x worst of {repeats} interleaved pairs (target >= 50x)"
    )
    t_engine = median(t_engine)
    every_k = np.arange(1, N_SAMPLES + 1)
    t_all = best_of(lambda: coverage(n, c, every_k), 3)
    report.line(f"coverage at every k from 1 to 10,000: {t_all * 1e3:.0f} ms ({t_all / t_engine:.0f}x the 30-k grid)")
    report.exit()


if __name__ == "__main__":
    main()
