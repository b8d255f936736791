"""How long until something too expensive becomes affordable: plain arithmetic (no numpy, so
``scalescope years`` starts as fast as Python itself)."""

from __future__ import annotations

import math


def years_until_affordable(cost_ratio: float, yearly_decline: float = 4.0) -> float:
    """Years until something ``cost_ratio`` times too expensive becomes affordable, if the cost
    of a fixed capability falls ``yearly_decline``-fold a year (Epoch: ~3x algorithms x ~1.4x
    hardware, about 4x): ``ln R / ln d``; 0 at or below 1x. A ratio that is not a positive number, or a
    decline at or below 1, is an :class:`InputError` with one sentence that says why."""
    from .errors import InputError

    if 0 < cost_ratio <= 1:
        return 0.0  # affordable already (the CLI says so in words)
    if not math.isfinite(cost_ratio) or not cost_ratio > 0:
        raise InputError(
            f"the cost ratio must be a positive number (how many times too expensive, e.g. 1000), not {cost_ratio:g}"
        )
    if not math.isfinite(yearly_decline) or not yearly_decline > 1:
        raise InputError(
            f"a yearly decline of {yearly_decline:g}x is no decline: it must be above 1 (costs falling 4x a year: 4)"
        )
    return math.log(cost_ratio) / math.log(yearly_decline)
