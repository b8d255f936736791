"""Paired comparison of two runs on the same samples (Inspect logs read down to their samples).

When two runs answered the same questions, the difference of their scores is far better known
than two independent standard errors suggest: easy questions are easy for both. The comparison
uses per-sample differences: each question's mean score over its epochs in run B minus run A,
over the questions both runs scored. The interval is a seeded paired bootstrap over questions
(percentile); with one epoch each and right/wrong scores, McNemar's exact test on the discordant
questions is given beside it. The unpaired interval (independent standard errors) is reported
too, so the gain from pairing shows.
"""

from __future__ import annotations

import math

import numpy as np

from ._frozen import frozen
from .uncertainty import Interval

LEVEL = 0.95


@frozen
class PairedComparison:
    """B minus A on the questions both scored (percentage points)."""

    label_a: str
    label_b: str
    n_pairs: int  # questions scored by both
    only_a: int  # questions only A scored
    only_b: int
    score_a: float  # percent, on the shared questions
    score_b: float
    difference: float  # B - A, percentage points
    ci: Interval  # paired bootstrap, percentile
    unpaired_ci: Interval  # normal interval from independent standard errors, for comparison
    method: str
    mcnemar_p: float | None  # exact McNemar (one epoch, 0/1 scores), else None
    discordant: tuple[int, int] | None  # (A right B wrong, A wrong B right)
    verdict: str  # b_better, b_worse, inconclusive
    verdict_text: str
    n_boot: int
    seed: int

    def as_dict(self) -> dict:
        return {
            "label_a": self.label_a,
            "label_b": self.label_b,
            "n_pairs": self.n_pairs,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "score_a": self.score_a,
            "score_b": self.score_b,
            "difference": self.difference,
            "ci": self.ci.as_list(),
            "ci_level": self.ci.level,
            "unpaired_ci": self.unpaired_ci.as_list(),
            "method": self.method,
            "mcnemar_p": self.mcnemar_p,
            "discordant": list(self.discordant) if self.discordant else None,
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "n_boot": self.n_boot,
            "seed": self.seed,
        }


def paired_bootstrap(diffs: np.ndarray, *, n_boot: int = 2000, seed: int = 0, level: float = LEVEL) -> Interval:
    """Hesterberg's expanded percentile interval of the mean of ``diffs`` over ``n_boot``
    resamples of the questions: the percentiles taken at the tail ``Phi(-sqrt(n/(n-1)) *
    t(n-1))`` instead of ``(1 - level)/2``, so a small sample's interval is as wide as the t
    interval of its mean (the plain percentile interval is narrower by the bootstrap's own
    shrinkage, sqrt((n-1)/n), and by z against t(n-1): 30 questions x 4 epochs gave 5.3-5.5 %
    false findings under the null in calibration.py) while keeping the resamples' skew. T. C.
    Hesterberg, "What teachers should know about the bootstrap", The American Statistician 69
    (2015)."""
    from statistics import NormalDist

    from .uncertainty import quantile

    diffs = np.asarray(diffs, float)
    n = len(diffs)
    if n < 2:
        return Interval(math.nan, math.nan, level)
    rng = np.random.default_rng(seed)
    means = np.empty(n_boot)
    chunk = max(1, 4_000_000 // n)
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        picks = rng.integers(0, n, size=(stop - start, n))
        means[start:stop] = diffs[picks].mean(axis=1)
    tail = NormalDist().cdf(-math.sqrt(n / (n - 1)) * quantile(level, float(n - 1)))
    low, high = np.quantile(means, [tail, 1 - tail])
    return Interval(float(low), float(high), level)


def mcnemar_exact(a_only: int, b_only: int) -> float:
    """Two-sided exact McNemar p-value from the discordant counts."""
    from scipy.stats import binomtest

    total = a_only + b_only
    if total == 0:
        return 1.0
    return float(binomtest(min(a_only, b_only), total, 0.5).pvalue)


def paired_compare(
    ids_a,
    means_a,
    ids_b,
    means_b,
    *,
    label_a: str = "A",
    label_b: str = "B",
    binary_single: bool = False,
    n_boot: int = 2000,
    seed: int = 0,
) -> PairedComparison:
    """Compare two runs question by question. ``ids_*``: question ids; ``means_*``: each
    question's mean score (0-1) over its epochs; ``binary_single``: both runs have one epoch of
    0/1 scores (McNemar applies)."""
    from scipy.stats import norm

    a = dict(zip(map(str, ids_a), np.asarray(means_a, float)))
    b = dict(zip(map(str, ids_b), np.asarray(means_b, float)))
    shared = sorted(set(a) & set(b))
    va = np.array([a[k] for k in shared])
    vb = np.array([b[k] for k in shared])
    diffs = 100 * (vb - va)
    ci = paired_bootstrap(diffs, n_boot=n_boot, seed=seed)
    n = len(shared)
    difference = float(diffs.mean()) if n else math.nan
    z = norm.ppf(0.5 + LEVEL / 2)
    if n >= 2:
        se = 100 * math.sqrt(va.var(ddof=1) / n + vb.var(ddof=1) / n)
        unpaired = Interval(difference - z * se, difference + z * se, LEVEL)
    else:
        unpaired = Interval(math.nan, math.nan, LEVEL)
    p = discordant = None
    method = (
        f"paired bootstrap over the {n} questions both runs scored ({n_boot} resamples, seed {seed}; expanded "
        "percentile interval)"
    )
    if binary_single and n:
        discordant = (int(((va == 1) & (vb == 0)).sum()), int(((va == 0) & (vb == 1)).sum()))
        p = mcnemar_exact(*discordant)
        method += "; McNemar exact test on the discordant questions"
    if n < 2 or not np.isfinite(ci.low):
        verdict, text = "inconclusive", f"cannot tell: {n} question(s) scored by both runs"
    elif ci.low > 0:
        verdict, text = (
            "b_better",
            f"B scores higher on the same questions: {difference:+.1f} pp [{ci.low:+.1f}, {ci.high:+.1f}]",
        )
    elif ci.high < 0:
        verdict, text = (
            "b_worse",
            f"B scores lower on the same questions: {difference:+.1f} pp [{ci.low:+.1f}, {ci.high:+.1f}]",
        )
    else:
        verdict, text = (
            "inconclusive",
            f"inconclusive: {difference:+.1f} pp, the paired interval [{ci.low:+.1f}, {ci.high:+.1f}] includes 0",
        )
    return PairedComparison(
        label_a=label_a,
        label_b=label_b,
        n_pairs=n,
        only_a=len(set(a) - set(b)),
        only_b=len(set(b) - set(a)),
        score_a=100 * float(va.mean()) if n else math.nan,
        score_b=100 * float(vb.mean()) if n else math.nan,
        difference=difference,
        ci=ci,
        unpaired_ci=unpaired,
        method=method,
        mcnemar_p=p,
        discordant=discordant,
        verdict=verdict,
        verdict_text=text,
        n_boot=n_boot,
        seed=seed,
    )


def paired_from_logs(logs, name_a: str, name_b: str, *, n_boot: int = 2000, seed: int = 0):
    """Paired comparisons between two runs or two series of Inspect logs (``engine.readers.
    inspect_logs.InspectLog`` with samples). A name is a run ("model_setting", as in the points
    table's model column) or a series (the model: its finished runs). Two series are paired
    setting by setting where they share a setting label, else top setting against top setting;
    the notes say which runs were paired, and why a pair is missing. Returns (comparisons, notes)."""
    from .readers.inspect_logs import problem_means
    from .settings import setting_rank

    def runs(name: str) -> list:
        exact = [g for g in logs if g.model_setting == name and g.samples is not None]
        if exact:
            return exact[:1]
        return sorted(
            (g for g in logs if g.model == name and g.complete and g.samples is not None),
            key=lambda g: setting_rank(g.setting),
        )

    ra, rb = runs(name_a), runs(name_b)
    notes: list[str] = []
    if not ra or not rb:
        missing = name_a if not ra else name_b
        return [], [f"no paired comparison: no run with per-sample scores named {missing!r}"]
    pairs = []
    if len(ra) == 1 or len(rb) == 1:
        pairs = [(ra[-1], rb[-1])]
    else:
        by_setting = {g.setting: g for g in rb}
        pairs = [(g, by_setting[g.setting]) for g in ra if g.setting in by_setting]
        if not pairs:
            pairs = [(ra[-1], rb[-1])]
            notes.append("the two series share no setting: their top settings are paired")
    out = []
    for ga, gb in pairs:
        ids_a, means_a, n_a, _ = problem_means(ga.samples)
        ids_b, means_b, n_b, _ = problem_means(gb.samples)
        binary = (
            all(np.isin(g.samples["value"][np.isfinite(g.samples["value"])], (0.0, 1.0)).all() for g in (ga, gb))
            and (len(n_a) and n_a.max() == 1)
            and (len(n_b) and n_b.max() == 1)
        )
        comparison = paired_compare(
            ids_a,
            means_a,
            ids_b,
            means_b,
            label_a=ga.model_setting,
            label_b=gb.model_setting,
            binary_single=bool(binary),
            n_boot=n_boot,
            seed=seed,
        )
        if comparison.only_a or comparison.only_b:
            notes.append(
                f"{ga.model_setting} vs {gb.model_setting}: {comparison.only_a} question(s) only A scored and "
                f"{comparison.only_b} only B scored are left out of the pairing"
            )
        out.append(comparison)
    return out, notes
