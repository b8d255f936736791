"""Axis ticks with short labels (1K 10K 100K; $0.01 $1 $100; 1 10 100 samples).

Shared by the command line and the app. Log axes are drawn on log10(x) with these ticks, since
plotext's own log scale re-takes the log on every redraw (upstream bug #209).
"""

from __future__ import annotations

import math

import numpy as np

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def short_number(value: float) -> str:
    """1500 -> '1.5K', 10000 -> '10K', 0.25 -> '0.25', 3 -> '3'."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    v = abs(value)
    for size, suffix in _SUFFIXES:
        if v >= size:
            return f"{sign}{_trim(v / size)}{suffix}"
    return sign + _trim(v)


def _trim(v: float) -> str:
    if v >= 100:
        return f"{v:.0f}"
    text = f"{v:.3g}"
    if "e" in text:
        text = f"{v:.10f}".rstrip("0").rstrip(".")
    return text


def format_value(value: float, kind: str) -> str:
    """A compute value as a tick label of its kind (tokens, usd, samples, unknown)."""
    text = short_number(value)
    return "$" + text if kind == "usd" else text


def decade_ticks(lo: float, hi: float, kind: str = "unknown", max_ticks: int = 8) -> tuple[list[float], list[str]]:
    """Ticks for a log axis from compute ``lo`` to ``hi`` (compute units, > 0).

    Returns positions in log10 units and their labels. Decades (1K, 10K, 100K) when the range
    spans at least one; 1-2-5 steps inside a narrow range; every other decade when there are
    too many to read.
    """
    if not (lo > 0 and hi > 0):
        raise ValueError("log ticks need positive bounds")
    lo, hi = min(lo, hi), max(lo, hi)
    ulo, uhi = math.log10(lo), math.log10(hi)
    first, last = math.floor(ulo + 1e-9), math.ceil(uhi - 1e-9)
    decades = [d for d in range(first, last + 1) if ulo - 1e-9 <= d <= uhi + 1e-9]
    if len(decades) > 2:
        step = max(1, math.ceil(len(decades) / max_ticks))
        chosen = decades[::step]
        values = [10.0**d for d in chosen]
    elif len(decades) == 2 or (len(decades) == 1 and uhi - ulo >= 1):
        # one or two decades: add 2x and 5x (500 1K 2K 5K 10K 20K)
        values = [m * 10.0**d for d in range(first - 1, last + 1) for m in (1, 2, 5)]
        values = [v for v in values if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)]
    else:
        values = []
        for d in range(first - 1, last + 1):
            for m in (1, 2, 5):
                v = m * 10.0**d
                if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9):
                    values.append(v)
        if len(values) < 2:
            values = [lo, hi]
    return [math.log10(v) for v in values], [format_value(v, kind) for v in values]


def nice_ticks(lo: float, hi: float, kind: str = "unknown", target: int = 5) -> tuple[list[float], list[str]]:
    """Ticks for a linear axis: round steps of 1, 2, 2.5 or 5 times a power of ten."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(target, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.ceil(lo / step - 1e-9) * step
    values = list(np.arange(start, hi + step * 1e-9, step))
    return [float(v) for v in values], [format_value(float(v), kind) for v in values]
