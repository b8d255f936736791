"""What the chart and the summary show for a dataset and the current switches.

Thin: it calls the engine and collects its results (and its errors, as messages) in one frozen
object that the command line and the app both render.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from scalescope.engine._frozen import frozen
from scalescope.engine.dataset import Dataset
from scalescope.engine.decompose import DecomposeOptions, Decomposition, decompose
from scalescope.engine.errors import ScalescopeError
from scalescope.engine.fit import Link, TrendFit, fit_series, slope_intervals, unfittable_reason
from scalescope.engine.frontier import Frontier, frontier

from .chart import default_highlight
from .report import listed_fits

if TYPE_CHECKING:
    from scalescope.engine.claims import Claim
    from scalescope.engine.compare import Comparison
    from scalescope.engine.uncertainty import SlopeInterval


@frozen
class Analysis:
    dataset: Dataset
    decomposition: Decomposition | None
    trends: tuple[tuple[str, TrendFit], ...]
    comparison: Comparison | None
    messages: tuple[str, ...]
    unfitted: tuple[tuple[str, str], ...] = ()  # shown series that could not be fitted, with the reason
    frontier: Frontier | None = None  # the cost/score frontier (drawn and listed when switched on)
    claims: tuple[Claim, ...] = ()  # the essays' claims this (bundled) dataset tests
    # the 95% slope interval of each straight-line trend shown beside the decomposition (series ->
    # SlopeInterval): the same as `scalescope fit` prints, under the one uncertainty model
    trend_intervals: tuple[tuple[str, SlopeInterval], ...] = ()


def assume_n_hint(ds: Dataset) -> str:
    """How the app's user assumes a question count where a point has no stderr or n: the column
    dialog (m) for a table they opened; for a bundled dataset only the command line can."""
    if ds.group == "Opened files":
        return "press m and fill 'assume questions per point' to assume N questions"
    return f"the command line assumes N questions: scalescope decompose {ds.id} --assume-n N"


def can_decompose(ds: Dataset) -> bool:
    roles = set(ds.points["role"])
    return bool((ds.base or "base" in roles) and (ds.reasoning or "reasoning" in roles))


def analyse(
    ds: Dataset,
    *,
    link: Link | None = "linear",
    decompose_on: bool = True,
    options: DecomposeOptions | None = None,
    n_boot: int | None = None,
    compare_pair: tuple[str, str] | None = None,
    highlighted: tuple[str, ...] | None = None,
    claims: bool = True,
) -> Analysis:
    """``claims=False`` leaves the essays' claims out (the app checks them in a worker after its
    first frame: some refit the logistic, which imports scipy.optimize)."""
    messages: list[str] = []
    decomposition = None
    opts = options or DecomposeOptions()
    if n_boot is not None:
        opts = replace(opts, n_boot=n_boot)
    if link is not None:
        opts = replace(opts, link=link)
    if link is not None and decompose_on and (can_decompose(ds) or opts.base):
        try:
            decomposition = decompose(ds, opts)
        except ScalescopeError as exc:
            messages.append(f"decomposition: {exc}")
    trends: list[tuple[str, TrendFit]] = []
    unfitted: list[tuple[str, str]] = []
    comparison = None
    if link is not None:
        if decomposition is not None:
            trends.append((decomposition.reasoning_series, decomposition.fit))
        if compare_pair is not None:
            try:
                from scalescope.engine.compare import compare  # only when comparing (not in the first frame)

                comparison = compare(ds, *compare_pair, link="linear")
                for name, fit in ((compare_pair[0], comparison.fit_a), (compare_pair[1], comparison.fit_b)):
                    # one rule for a trend, `scalescope fit`'s: a series too narrow to carry a slope
                    # is not fitted (the trend table and the exports say so, in fit's words); the
                    # chart still draws the comparison's own line through it, where its gap is read
                    reason = unfittable_reason(ds, name)
                    if reason is not None and name not in dict(unfitted):
                        unfitted.append((name, reason))
                    if link == "logistic" and reason is None:
                        fit = fit_series(ds, name, link="logistic")
                    if name not in dict(trends):
                        trends.append((name, fit))
            except ScalescopeError as exc:
                messages.append(f"comparison: {exc}")
            if ds.logs:  # Inspect logs with per-sample scores: the same questions, paired
                from scalescope.engine.paired import paired_from_logs

                paired, notes = paired_from_logs(ds.logs, *compare_pair)
                for p in paired:
                    extra = f"; McNemar p {p.mcnemar_p:.3g}" if p.mcnemar_p is not None else ""
                    messages.append(
                        f"paired on {p.n_pairs} shared questions, {p.label_a} -> {p.label_b}: {p.verdict_text} "
                        f"(paired bootstrap; unpaired [{p.unpaired_ci.low:+.1f}, {p.unpaired_ci.high:+.1f}]{extra})"
                    )
                messages.extend(f"paired: {note}" for note in notes)
        if decomposition is None and compare_pair is None:
            for series in highlighted if highlighted is not None else default_highlight(ds):
                reason = unfittable_reason(ds, series)
                if reason is not None:
                    unfitted.append((series, reason))
                    continue
                try:
                    trends.append((series, fit_series(ds, series, link=link)))
                except ScalescopeError as exc:
                    unfitted.append((series, str(exc).removeprefix(f"series {series!r}: ")))
    # the decomposition's own trend has its intervals in the decomposition's rows
    listed = listed_fits(trends, decomposition, unfitted)
    return Analysis(
        ds,
        decomposition,
        tuple(trends),
        comparison,
        tuple(messages),
        tuple(unfitted),
        frontier=frontier(ds),
        claims=dataset_claims(ds) if claims else (),
        trend_intervals=tuple(slope_intervals(ds, listed).items()),
    )


def dataset_claims(ds: Dataset) -> tuple[Claim, ...]:
    """The essays' claims a bundled dataset tests (an opened file tests none)."""
    from scalescope.engine.claims import CLAIM_DATASETS, claims_for

    if ds.group == "Opened files" or not any(ds.id in ids for ids in CLAIM_DATASETS.values()):
        return ()
    return claims_for(ds.id)
