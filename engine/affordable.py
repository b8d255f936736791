"""How long until something too expensive becomes affordable: plain arithmetic (no numpy, so
``scalescope years`` starts as fast as Python itself)."""

from __future__ import annotations

import math


def years_until_affordable(cost_ratio: float, yearly_decline: float = 4.0) -> float:
    """Years until something ``cost_ratio`` times too expensive becomes affordable, if the cost
    of a fixed capability falls ``yearly_decline``-fold a year (Epoch: ~3x algorithms x ~1.4x
    hardware, about 4x): ``ln R / ln d``."""
    if not cost_ratio > 0 or not yearly_decline > 1:
        raise ValueError("cost ratio must be > 0 and the yearly decline > 1")
    return max(0.0, math.log(cost_ratio) / math.log(yearly_decline))  # at or below 1x: already affordable
