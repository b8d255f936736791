"""Ord's decomposition on the bundled data, checked against independent scipy fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from scalescope.engine import DecomposeOptions, decompose, load_bundled
from scalescope.engine.dataset import Dataset
from scalescope.engine.errors import DataError, FitError

from .conftest import RAW

BENCH = {"math-level-5": "MATH level 5", "gpqa-diamond": "GPQA Diamond", "otis-mock-aime": "OTIS Mock AIME 2024-2025"}


def independent(benchmark: str, keep=None):
    """Ord's split computed straight from the raw source file with scipy.stats.linregress."""
    raw = pd.read_csv(RAW / "ord_decomposition_points.csv")
    raw = raw[raw["benchmark"] == benchmark]
    base = raw[raw["role"] == "base"].iloc[0]
    r = raw[(raw["role"] == "reasoning") & raw["compute_output_tokens_per_question"].notna()]
    top_u = np.log10(r["compute_output_tokens_per_question"].max())
    if keep:
        r = r[r["model"].isin(keep)]
    lr = stats.linregress(np.log10(r["compute_output_tokens_per_question"]), r["score_pct"])
    u0 = np.log10(base["compute_output_tokens_per_question"])
    rl = lr.intercept + lr.slope * u0 - base["score_pct"]
    inf = lr.slope * (top_u - u0)
    return rl, inf, 100 * inf / (rl + inf), 10 ** (top_u - u0)


@pytest.mark.parametrize(
    "dataset, rl, inf, share, multiple",
    [
        ("math-level-5", 6.27, 27.34, 81.3, 30.3),
        ("gpqa-diamond", 8.97, 13.24, 59.6, 36.8),
        ("otis-mock-aime", 2.68, 46.63, 94.6, 45.5),
    ],
)
def test_default_split_matches_issue_figures_and_scipy(dataset, rl, inf, share, multiple):
    d = decompose(load_bundled(dataset), DecomposeOptions(n_boot=0))
    assert round(d.rl_boost, 2) == rl
    assert round(d.inference_boost, 2) == inf
    assert round(d.inference_share, 1) == share
    assert round(d.compute_multiple, 1) == multiple
    ref = independent(BENCH[dataset])
    np.testing.assert_allclose([d.rl_boost, d.inference_boost, d.inference_share, d.compute_multiple], ref, rtol=1e-12)


def test_math_off_and_64k_reproduces_ord_exactly():
    keep = ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219_64K")
    d = decompose(load_bundled("math-level-5"), DecomposeOptions(fit_models=keep, n_boot=0))
    assert (round(d.rl_boost, 2), round(d.inference_boost, 2), round(d.inference_share, 1)) == (6.30, 27.91, 81.6)
    # Ord's published figures: 6 / 28 / 82%
    reported = pd.read_csv(RAW / "ord_reported_decomposition.csv").iloc[0]
    assert round(d.rl_boost) == reported["rl_boost_pp"]
    assert round(d.inference_boost) == reported["inference_scaling_boost_pp"]
    assert round(d.inference_share) == reported["inference_share_pct"]
    np.testing.assert_allclose(
        [d.rl_boost, d.inference_boost, d.inference_share], independent("MATH level 5", keep)[:3], rtol=1e-12
    )


def test_weighted_fit_matches_numpy_polyfit():
    d = decompose(load_bundled("math-level-5"), DecomposeOptions(weighted=True, n_boot=0))
    assert (round(d.rl_boost, 2), round(d.inference_boost, 2), round(d.inference_share, 1)) == (6.19, 27.53, 81.6)
    raw = load_bundled("math-level-5").points.to_pandas()
    r = raw[raw["role"] == "reasoning"]
    b, a = np.polyfit(np.log10(r["compute"]), r["score"], 1, w=1 / r["score_stderr"])
    assert d.fit.params == pytest.approx((a, b), rel=1e-12)


def test_extrapolation_and_skipped_points_are_flagged():
    d = decompose(load_bundled("otis-mock-aime"), DecomposeOptions(n_boot=0))
    assert d.extrapolated_base and not d.extrapolated_top
    assert d.skipped == ("claude-3-7-sonnet-20250219_16K", "claude-3-7-sonnet-20250219_32K")
    text = " ".join(d.warnings)
    assert "extrapolated" in text and "_16K" in text


def test_top_observed_uses_the_observed_score():
    d = decompose(load_bundled("math-level-5"), DecomposeOptions(top="observed", n_boot=0))
    assert d.inference_boost == pytest.approx(d.top_score - d.trend_at_base)
    assert d.total_gain == pytest.approx(d.top_score - d.base_score)


def test_bootstrap_is_seeded_contains_estimate_and_matches_a_polyfit_loop():
    """The share (not linear in the scores) comes from the resamples: the same draws, refitted
    one by one with numpy.polyfit, give the same interval."""
    ds = load_bundled("math-level-5")
    opts = DecomposeOptions(n_boot=500, seed=7)
    a, b = decompose(ds, opts), decompose(ds, opts)
    assert a.ci == b.ci
    for key in ("rl_boost", "inference_boost", "inference_share"):
        assert getattr(a, key) in a.ci[key]
    from scalescope.engine.uncertainty import percentile_interval

    rng = np.random.default_rng(7)
    pts = ds.points.to_pandas()
    r = pts[pts["role"] == "reasoning"]
    base = pts[pts["role"] == "base"].iloc[0]
    rows = pd.concat([r, base.to_frame().T])
    draws = rng.normal(rows["score"].astype(float), rows["score_stderr"].astype(float), size=(500, len(rows)))
    u = np.log10(r["compute"].to_numpy(float))
    u0, utop = np.log10(base["compute"]), u.max()
    share = []
    for row in draws:
        slope, icpt = np.polyfit(u, row[:-1], 1)
        at_base, at_top = icpt + slope * u0, icpt + slope * utop
        share.append(100 * (at_top - at_base) / (at_top - row[-1]))
    ref = percentile_interval(np.array(share))
    assert a.top == "fit" and utop > u0
    assert a.ci["inference_share"].low == pytest.approx(ref.low, abs=1e-9)
    assert a.ci["inference_share"].high == pytest.approx(ref.high, abs=1e-9)


def _by_hand(u, y, s, u0, y0, s0, phi, q):
    """The straight line's figures and their intervals written out from the textbook formulas
    (ordinary least squares, each score's variance phi * s**2), in plain Python."""
    m = len(u)
    ub = sum(u) / m
    sxx = sum((ui - ub) ** 2 for ui in u)
    slope = sum((ui - ub) * yi for ui, yi in zip(u, y)) / sxx
    icpt = sum(y) / m - slope * ub
    utop = max(u)

    def line(at):  # the fitted value at `at` as weights on the fitted scores
        return [1 / m + (at - ub) * (ui - ub) / sxx for ui in u]

    def half(weights, extra=0.0):
        return q * (phi * (sum(w * w * si * si for w, si in zip(weights, s)) + extra)) ** 0.5

    wb, wt = line(u0), line(utop)
    figures = {
        "slope_per_decade": (slope, half([(ui - ub) / sxx for ui in u])),
        "trend_at_base": (icpt + slope * u0, half(wb)),
        "rl_boost": (icpt + slope * u0 - y0, half(wb, s0 * s0)),
        "inference_boost": (slope * (utop - u0), half([b - a for a, b in zip(wb, wt)])),
        "total_gain": (icpt + slope * utop - y0, half(wt, s0 * s0)),
    }
    return {k: (c - h, c + h) for k, (c, h) in figures.items()}


@pytest.mark.parametrize("dataset_id", ["math-level-5", "gpqa-diamond", "epoch-math-level-5"])
def test_straight_line_intervals_are_the_textbook_ones_and_fit_s(dataset_id):
    """With a straight line every figure but the share is linear in the scores: its interval is
    the exact one under the one model (no Monte Carlo noise: any seed, any number of resamples),
    equal to the textbook formulas written out by hand, and the slope's equals `fit`'s."""
    from scipy import stats

    from scalescope.engine.uncertainty import point_sigma, slope_interval

    ds = load_bundled(dataset_id)
    d = decompose(ds, DecomposeOptions(n_boot=300, seed=1))
    other = decompose(ds, DecomposeOptions(n_boot=5000, seed=99))
    pts = ds.points.to_pandas()
    r = pts[pts["series"] == d.reasoning_series]
    r = r[np.isfinite(r["compute"].astype(float))]
    base = pts[pts["model"] == d.base_model].iloc[0]
    u = np.log10(r["compute"].to_numpy(float))
    y = r["score"].to_numpy(float)
    s, _ = point_sigma(y, r["score_stderr"].to_numpy(float), r["n"].to_numpy(float), ds.n_questions)
    s0, _ = point_sigma([base["score"]], [base["score_stderr"]], [base["n"]], ds.n_questions)
    fitted = np.polyval(np.polyfit(u, y, 1), u)
    dof = len(u) - 2
    phi = max(1.0, float(np.sum(((y - fitted) / s) ** 2)) / dof)
    # t with the residual dof when the scatter is estimated, or when one dof cannot show it
    q = stats.t.ppf(0.975, dof) if (phi > 1 or dof == 1) else stats.norm.ppf(0.975)
    expected = _by_hand(
        list(u), list(y), list(s), float(np.log10(base["compute"])), float(base["score"]), float(s0[0]), phi, q
    )
    for key, (lo, hi) in expected.items():
        assert d.ci[key].low == pytest.approx(lo, abs=1e-9), key
        assert d.ci[key].high == pytest.approx(hi, abs=1e-9), key
        assert other.ci[key] == d.ci[key], key  # no seed or resample count moves it
    fit_slope = slope_interval(u, y, s)
    assert (d.ci["slope_per_decade"].low, d.ci["slope_per_decade"].high) == pytest.approx(
        (fit_slope.low, fit_slope.high), abs=1e-9
    )


def test_exact_straight_line_intervals_are_what_many_resamples_approach():
    """The exact intervals are the limit of the same model's percentile bootstrap: 200,000 draws
    of the scores (error_draws, the model's own), refitted in closed form, land within Monte Carlo
    error of them, here where scatter is estimated (t with 2 dof) and where it is not (normal)."""
    from scalescope.engine.uncertainty import dispersion, error_draws, percentile_intervals

    for scale in (0.3, 3.0):
        u = np.array([2.0, 2.6, 3.1, 3.7])
        y = 10 + 18 * u + np.array([0.0, 1.0, -1.0, 0.0]) * scale
        frame = pd.DataFrame(
            {
                "model": ["b", "r0", "r1", "r2", "r3"],
                "series": ["B", "R", "R", "R", "R"],
                "role": ["base", "reasoning", "reasoning", "reasoning", "reasoning"],
                "compute": 10.0 ** np.r_[1.8, u],
                "score": np.r_[20.0, y],
                "score_stderr": 1.0,
            }
        )
        ds = Dataset(id="t", title="t", benchmark="b", points=frame)
        d = decompose(ds, DecomposeOptions(n_boot=200, seed=3))
        resid = y - np.polyval(np.polyfit(u, y, 1), u)
        disp = dispersion(resid, np.ones(4), 2)
        assert (disp.df == 2.0) == (scale == 3.0)
        scores = np.r_[y, 20.0]
        draws = error_draws(
            scores, np.ones(5), np.full(5, np.nan), n_boot=200_000, rng=np.random.default_rng(5), disp=disp
        )
        uc = u - u.mean()
        slope = (draws[:, :4] - draws[:, :4].mean(1, keepdims=True)) @ uc / (uc @ uc)
        at_base = draws[:, :4].mean(1) + slope * (1.8 - u.mean())
        at_top = draws[:, :4].mean(1) + slope * (u.max() - u.mean())
        rows = {"slope_per_decade": slope, "rl_boost": at_base - draws[:, 4], "total_gain": at_top - draws[:, 4]}
        for key, iv in zip(rows, percentile_intervals(np.vstack(list(rows.values())))):
            width = d.ci[key].high - d.ci[key].low
            assert iv.low == pytest.approx(d.ci[key].low, abs=0.02 * width), (scale, key)
            assert iv.high == pytest.approx(d.ci[key].high, abs=0.02 * width), (scale, key)


def test_no_uncertainty_known_says_why_and_assume_n_gives_intervals():
    ds = load_bundled("otis-mock-aime")
    d = decompose(ds, DecomposeOptions(n_boot=200))
    assert d.ci == {} and "--assume-n" in d.ci_method
    d = decompose(ds, DecomposeOptions(n_boot=200, assume_n=45))
    assert set(d.ci) >= {"rl_boost", "inference_boost", "inference_share"}
    assert "n=45 assumed" in d.ci_method


def test_bad_choices_name_the_problem():
    ds = load_bundled("math-level-5")
    with pytest.raises(DataError, match="base model 'nope'"):
        decompose(ds, DecomposeOptions(base="nope"))
    with pytest.raises(DataError, match="reasoning series 'nope'"):
        decompose(ds, DecomposeOptions(reasoning="nope"))
    with pytest.raises(DataError, match="--fit names 'x'"):
        decompose(ds, DecomposeOptions(fit_models=("x",)))
    with pytest.raises(FitError, match="unknown compute"):
        decompose(load_bundled("otis-mock-aime"), DecomposeOptions(fit_models=("claude-3-7-sonnet-20250219_16K",)))


def test_logistic_link_bounded_by_floor_and_ceiling():
    d = decompose(load_bundled("gpqa-diamond"), DecomposeOptions(link="logistic", n_boot=50))
    assert d.fit.link == "logistic" and d.fit.floor == 25
    assert 25 < d.trend_at_base < d.trend_at_top < 100
    assert d.rl_boost + d.inference_boost == pytest.approx(d.total_gain)


# ---- properties -------------------------------------------------------------------------------


def make_dataset(u_points, scores, base_u, base_score) -> Dataset:
    rows = [
        {
            "benchmark": "b",
            "model": f"r{i}",
            "series": "R",
            "role": "reasoning",
            "compute": 10**u,
            "score": s,
            "score_stderr": 1.0,
            "n": np.nan,
            "label": "",
            "source": "",
        }
        for i, (u, s) in enumerate(zip(u_points, scores))
    ]
    rows.append(
        {
            "benchmark": "b",
            "model": "base",
            "series": "B",
            "role": "base",
            "compute": 10**base_u,
            "score": base_score,
            "score_stderr": 1.0,
            "n": np.nan,
            "label": "",
            "source": "",
        }
    )
    return Dataset(id="t", title="t", benchmark="b", points=pd.DataFrame(rows))


points = st.lists(
    st.tuples(st.floats(1, 6), st.floats(0, 100)), min_size=2, max_size=7, unique_by=lambda p: round(p[0], 3)
)


@settings(max_examples=60, deadline=None)
@given(points, st.floats(0.5, 6), st.floats(0, 100), st.sampled_from(["fit", "observed"]))
def test_parts_sum_to_total(pts, base_u, base_score, top):
    assume(np.ptp([p[0] for p in pts]) >= 0.3)  # narrower is refused as no trend (test_guards)
    ds = make_dataset([p[0] for p in pts], [p[1] for p in pts], base_u, base_score)
    d = decompose(ds, DecomposeOptions(n_boot=20, top=top))
    assert d.rl_boost + d.inference_boost == pytest.approx(d.total_gain, abs=1e-9)
    for key in ("rl_boost", "inference_boost", "total_gain"):
        assert d.ci[key].low <= d.ci[key].high


@settings(max_examples=40, deadline=None)
@given(points, st.floats(0.5, 6), st.floats(0, 100), st.floats(-6, 6), st.sampled_from(["linear", "logistic"]))
def test_invariant_to_the_unit_of_compute(pts, base_u, base_score, log_factor, link):
    us, ys = [p[0] for p in pts], [p[1] for p in pts]
    try:
        a = decompose(make_dataset(us, ys, base_u, base_score), DecomposeOptions(n_boot=0, link=link))
    except FitError:
        assume(False)  # a degenerate logistic (a step from floor to ceiling) is reported, not fitted
    b = decompose(
        make_dataset([u + log_factor for u in us], ys, base_u + log_factor, base_score),
        DecomposeOptions(n_boot=0, link=link),
    )
    tol = 1e-6 if link == "linear" else 1e-3
    assert b.rl_boost == pytest.approx(a.rl_boost, abs=tol)
    assert b.inference_boost == pytest.approx(a.inference_boost, abs=tol)
    assert b.compute_multiple == pytest.approx(a.compute_multiple, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(-20, 120), st.floats(-30, 30), points, st.floats(0.5, 6))
def test_base_on_the_trend_has_zero_rl_boost(a, b, pts, base_u):
    us = [p[0] for p in pts]
    assume(np.ptp(us) >= 0.3)
    ys = [a + b * u for u in us]
    ds = make_dataset(us, ys, base_u, 0.0)
    ds = Dataset(
        id="t",
        title="t",
        benchmark="b",
        points=ds.points.to_pandas()
        .assign(score=np.r_[ys, a + b * base_u])
        .assign(score=lambda f: f["score"].clip(-1e9, 1e9)),
    )
    # scores outside 0-100 are allowed in hand-made frames; the engine's validation guards files
    d = decompose(ds, DecomposeOptions(n_boot=0))
    assert d.rl_boost == pytest.approx(0, abs=1e-7)


def test_gpqa_rerun_score_gives_ords_63_percent():
    """README: with the May 2025 re-run's 78.5% (mean of scorers) for 64K and off + 64K fitted,
    the split rounds to Ord's 9 / 15 / 63%."""
    ds = load_bundled("gpqa-diamond")
    pts = ds.points.to_pandas()
    pts.loc[pts["model"] == "claude-3-7-sonnet-20250219_64K", "score"] = 78.5
    from dataclasses import replace

    keep = ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet-20250219_64K")
    d = decompose(replace(ds, points=pts), DecomposeOptions(fit_models=keep, n_boot=0))
    assert (round(d.rl_boost), round(d.inference_boost), round(d.inference_share)) == (9, 15, 63)
    reported = pd.read_csv(RAW / "ord_reported_decomposition.csv").iloc[1]
    assert round(d.inference_share) == reported["inference_share_pct"]


def test_a_share_interval_past_0_100_is_warned_even_when_the_share_is_inside():
    """epoch-math-level-5: share 81.1 % with an interval reaching 159.9 %; the warning fired only
    for a point estimate outside 0-100 %."""
    from scalescope.engine.decompose import DecomposeOptions, decompose
    from scalescope.engine.io import load

    d = decompose(load("epoch-math-level-5"), DecomposeOptions(n_boot=300, seed=0))
    share = d.ci["inference_share"]
    assert 0 <= d.inference_share <= 100
    assert share.high > 100 or share.low < 0
    assert any("reaches past 0-100%" in w for w in d.warnings)
    inside = decompose(load("math-level-5"), DecomposeOptions(n_boot=300, seed=0))
    assert inside.ci["inference_share"].low >= 0 and inside.ci["inference_share"].high <= 100
    assert not any("reaches past 0-100%" in w for w in inside.warnings)


@pytest.mark.parametrize("n_boot", [0, 1, 39])
def test_too_few_resamples_withhold_only_what_needs_them(n_boot):
    """The straight line's exact intervals need no resamples: --bootstrap 0 took them away with
    the share's. The share's percentile interval needs 40 resamples (one beyond each end of a
    95% interval); with 1 it was [79.8, 79.8] around an estimate of 81.3. The logistic's intervals
    all come from resamples."""
    ds = load_bundled("math-level-5")
    exact = decompose(ds, DecomposeOptions(n_boot=2000)).ci
    d = decompose(ds, DecomposeOptions(n_boot=n_boot))
    assert "inference_share" not in d.ci
    assert {k: d.ci[k] for k in d.ci} == {k: v for k, v in exact.items() if k != "inference_share"}
    why = "bootstrap off (--bootstrap 0)" if n_boot == 0 else f"{n_boot} resamples, fewer than the 40"
    assert f"no interval for the inference share: {why}" in d.ci_method
    logistic = decompose(load_bundled("gpqa-diamond"), DecomposeOptions(link="logistic", n_boot=n_boot))
    assert logistic.ci == {} and why in logistic.ci_method
    assert "inference_share" in decompose(ds, DecomposeOptions(n_boot=40)).ci
