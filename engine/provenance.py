"""Where points come from, as far as a comparison must say: costs priced in different periods,
runs tuned for the benchmark. Read from tags in the points' labels (``data/build.py`` writes
them for the bundled ARC data: ``[priced: Dec 2024]``); plain functions, no pandas."""

from __future__ import annotations

import re

PRICED_TAG = re.compile(r"\[priced: ([^\]]+)\]")
TUNED_WORD = re.compile(r"(?i)\btuned\b")


def priced_tag(period: str) -> str:
    """The label tag that says when a cost was priced (read back by :func:`pricing_period`)."""
    return f"[priced: {period}]"


def pricing_period(label: str) -> str | None:
    """The pricing period a point's label gives (``[priced: Dec 2024]``), or None."""
    match = PRICED_TAG.search(label)
    return match.group(1).strip() if match else None


def source_notes(points, series_a: str, series_b: str) -> tuple[str, ...]:
    """What a comparison of two series must say about where their points come from: a series whose
    costs were priced in different periods (its cost ratios are not compute ratios), two series
    priced in different periods, and series whose runs were tuned for the benchmark."""
    notes: list[str] = []
    periods: dict[str, set[str]] = {}
    for name in (series_a, series_b):
        sel = points[points["series"] == name]
        rows = [(str(m), float(c), str(label)) for m, c, label in zip(sel["model"], sel["compute"], sel["label"])]
        tagged = [(m, c, pricing_period(label)) for m, c, label in rows if pricing_period(label)]
        periods[name] = {p for _, _, p in tagged}
        if len(periods[name]) > 1:
            costs = [c for _, c, _ in tagged if c == c]
            ratio = f" ({max(costs) / min(costs):.1f}x cost between them)" if costs and min(costs) > 0 else ""
            notes.append(
                f"{name} mixes pricing periods: "
                + ", ".join(f"{m} {_usd(c)} priced {p}" for m, c, p in tagged)
                + f"{ratio}: its cost ratios are not compute ratios, and a slope or multiplier read from it mixes "
                "price changes with compute"
            )
        if any(TUNED_WORD.search(label) for _, _, label in rows):
            notes.append(
                f"{name}: its runs were tuned for this benchmark (the source says 'tuned'): part of a gain over an "
                "untuned series is the tuning, not the model"
            )
    pa, pb = periods[series_a], periods[series_b]
    if len(pa) == 1 and len(pb) == 1 and pa != pb:
        notes.append(
            f"{series_a} is priced {next(iter(pa))}, {series_b} {next(iter(pb))}: a cost gap between them mixes "
            "price changes with compute"
        )
    return tuple(notes)


def _usd(value: float) -> str:
    return f"${value:,.0f}" if value >= 100 else f"${value:,.2f}"
