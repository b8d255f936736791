"""Student's t quantile in plain Python (the standard library's ``math`` only).

``scipy.special.stdtrit`` gives the same numbers, but importing scipy.special costs more than a
whole ``scalescope fit`` on bundled data (its array-API layer walks numpy's lazy submodules), and
every slope interval whose scatter is estimated from the residuals needs a t quantile.

How: the upper tail of t(df) is ``Q(t) = I_x(df/2, 1/2) / 2`` with ``x = df / (df + t**2)``, the
regularized incomplete beta function, evaluated by its continued fraction (modified Lentz) on
the side where it converges; ``Q(t) = q`` is then solved by Newton's method inside a bracket that
bisection keeps (so a poor start or a flat density cannot send it astray). The beta function's
logarithm is ``lgamma`` for small ``df`` and, for large ``df`` where ``lgamma(a) - lgamma(a + 1/2)``
would lose digits to cancellation, Stirling's series of that difference. From ``df`` 3000 on the
Cornish-Fisher expansion of the quantile in ``1/df`` (Abramowitz & Stegun 26.7.5, as in Hill's
1970 algorithm 396) is used instead: there its first omitted term is below 1e-14 of the quantile,
where the continued fraction converges slowly and loses digits. ``tests/test_student_t.py``
checks every path against scipy's ``stdtrit`` and ``scipy.stats.t.ppf``.
"""

from __future__ import annotations

import math
from statistics import NormalDist

_LGAMMA_HALF = math.lgamma(0.5)  # log(sqrt(pi))
_EPS = 1e-16
_TINY = 1e-300
# df from which the Cornish-Fisher expansion is used, for quantiles up to 8 (q down to ~6e-16): its
# first omitted term grows like z**11 / df**5, below 1e-14 of the quantile there; the continued
# fraction below converges slowly for large df, and loses digits (~1e-13 at df 1e4, 1e-11 at 1e6)
_EXPANSION_FROM = 3000.0
_EXPANSION_Z = 8.0


def _stirling_tail(z: float) -> float:
    """Stirling's series of lgamma(z) beyond (z - 1/2) log z - z + log(2 pi)/2, for z >= 10."""
    w = 1.0 / (z * z)
    return (1 / 12 + w * (-1 / 360 + w * (1 / 1260 + w * (-1 / 1680 + w / 1188)))) / z


def _log_beta_half(a: float) -> float:
    """log B(a, 1/2), without the cancellation of ``lgamma(a) - lgamma(a + 1/2)`` for large ``a``."""
    if a < 30:
        return math.lgamma(a) + _LGAMMA_HALF - math.lgamma(a + 0.5)
    # lgamma(a + 1/2) - lgamma(a) = log(a)/2 + a*log1p(1/(2a)) - 1/2 + s(a + 1/2) - s(a)
    diff = 0.5 * math.log(a) + (a * math.log1p(0.5 / a) - 0.5) + (_stirling_tail(a + 0.5) - _stirling_tail(a))
    return _LGAMMA_HALF - diff


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x})")


def t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for T ~ t(df), t >= 0."""
    if t == 0:
        return 0.5
    t2 = t * t
    x = df / (df + t2)  # both sides formed directly: neither is 1 minus the other
    y = t2 / (df + t2)
    if y == 0:  # t*t underflowed: 1/2 to double precision
        return 0.5
    a, b = df / 2, 0.5
    # log of x**a * y**b / B(a, b); a*log(x) = -a*log1p(t2/df) keeps its digits when x is near 1
    front = math.exp(-a * math.log1p(t2 / df) + b * math.log(y) - _log_beta_half(a))
    if x < (a + 1) / (a + b + 2):  # the fraction converges fast on this side
        return 0.5 * front * _beta_fraction(a, b, x) / a
    return 0.5 * (1.0 - front * _beta_fraction(b, a, y) / b)


def _t_density(t: float, df: float) -> float:
    return math.exp(-(df + 1) / 2 * math.log1p(t * t / df) - 0.5 * math.log(df) - _log_beta_half(df / 2))


def _cornish_fisher(z: float, df: float) -> float:
    """The t quantile from the normal one, to order 1/df**4 (Abramowitz & Stegun 26.7.5)."""
    z2 = z * z
    g1 = (z2 + 1) * z / 4
    g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
    g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
    g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
    v = 1.0 / df
    return z + v * (g1 + v * (g2 + v * (g3 + v * g4)))


def t_isf(q: float, df: float) -> float:
    """The t(df) value with upper tail probability ``q`` (0 < q <= 1/2): ``stdtrit(df, 1 - q)``."""
    if not 0 < q <= 0.5:
        raise ValueError(f"upper tail probability must be in (0, 0.5], got {q!r}")
    if not df > 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df!r}")
    if q == 0.5:
        return 0.0
    z = NormalDist().inv_cdf(1.0 - q) if q > 1e-300 else math.inf
    if math.isinf(df):
        return z
    if df == 1:  # Cauchy
        return 1.0 / math.tan(math.pi * q)
    if df == 2:
        return (1 - 2 * q) / math.sqrt(2 * q * (1 - q))
    if df >= _EXPANSION_FROM and z <= _EXPANSION_Z:
        return _cornish_fisher(z, df)
    # Newton's method on Q(t) = q, kept inside a bracket [lo, hi] by bisection
    lo, hi = 0.0, max(2.0 * z, 1.0)
    while t_upper_tail(hi, df) > q:
        lo, hi = hi, hi * 2
        if hi > 1e300:
            return math.inf
    t = _cornish_fisher(z, df) if df >= 3 else (lo + hi) / 2
    if not lo < t < hi:
        t = (lo + hi) / 2
    for _ in range(200):
        tail = t_upper_tail(t, df)
        if tail > q:
            lo = t
        elif tail < q:
            hi = t
        else:
            return t
        step = (tail - q) / _t_density(t, df)
        new = t + step
        if not lo < new < hi:
            new = (lo + hi) / 2
        if abs(new - t) <= 2e-16 * abs(new) or hi - lo <= 2e-16 * hi:
            return new
        t = new
    return t
