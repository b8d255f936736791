"""Numbers as people write them: three significant figures without an exponent where one is not
needed (``1,000x``, not ``1e+03x``). Used by every renderer of a multiple."""

from __future__ import annotations

import math


def sig(value: float, digits: int = 3) -> str:
    """``value`` to ``digits`` significant figures: ``1000 -> '1,000'``, ``999.7 -> '1,000'``,
    ``30.33 -> '30.3'``, ``0.01234 -> '0.0123'``, ``0.5 -> '0.5'`` (no trailing
    zeros, as the ``g`` format). Outside 1e-4 .. 1e6, or not finite, the
    ``g`` format (``1.23e+07``, ``inf``)."""
    if not math.isfinite(value) or value == 0:
        return f"{value:g}"
    magnitude = abs(value)
    if not 1e-4 <= magnitude < 1e6:
        return f"{value:.{digits}g}"
    exponent = math.floor(math.log10(magnitude))
    decimals = digits - 1 - exponent
    rounded = round(value, decimals)
    if rounded != 0 and math.floor(math.log10(abs(rounded))) > exponent:  # 999.7 -> 1000: one digit fewer
        decimals -= 1
        rounded = round(value, decimals)
    if rounded != 0 and abs(rounded) >= 1e6:
        return f"{value:.{digits}g}"
    text = f"{rounded:,.{max(decimals, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text  # as the g format: no trailing zeros


def multiple(value: float, digits: int = 3) -> str:
    """A compute multiple: ``sig(value) + 'x'``."""
    return sig(value, digits) + "x"
