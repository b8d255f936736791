"""Student's t quantile without scipy (engine/student_t.py) against scipy's, which the engine no
longer imports for it: every path (closed forms for 1 and 2 dof, Newton on the incomplete beta,
the Cornish-Fisher expansion from 3000 dof) over 1 to 10^6 degrees of freedom."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.special import stdtr, stdtrit

from scalescope.engine.student_t import t_isf, t_upper_tail
from scalescope.engine.uncertainty import quantile

LEVELS = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)  # 0.95 is what every command uses


def _close(ours: float, theirs: float, rel: float = 1e-10) -> bool:
    return abs(ours - theirs) <= rel * abs(theirs)


@pytest.mark.parametrize("level", LEVELS)
def test_every_path_matches_scipy_on_a_grid(level):
    p = 0.5 + level / 2
    dofs = [*range(1, 200), 255, 511, 999, 1000, 1001, 2999, 3000, 3001, 10**4, 10**5, 999_999, 10**6]
    dofs += [0.5, 1.5, 2.5, 3.7, 2999.5, 123456.7]
    for df in dofs:
        ours, theirs = quantile(level, float(df)), float(stats.t.ppf(p, df))
        assert _close(ours, theirs), (df, level, ours, theirs)


@settings(max_examples=300, deadline=None)
@given(
    df=st.one_of(st.integers(1, 10**6), st.floats(1.0, 1e6)),
    level=st.one_of(st.sampled_from(LEVELS), st.floats(0.01, 0.9999)),
)
def test_quantile_matches_scipy(df, level):
    p = 0.5 + level / 2
    ours, theirs = quantile(level, float(df)), float(stats.t.ppf(p, df))
    assert _close(ours, theirs), (df, level, ours, theirs)
    assert _close(ours, float(stdtrit(df, p)))


@settings(max_examples=200, deadline=None)
@given(df=st.floats(0.5, 3000.0), t=st.floats(0.0, 60.0))
def test_upper_tail_matches_scipy(df, t):
    """The tail the Newton path solves (where it is used: below 3000 dof)."""
    ours, theirs = t_upper_tail(t, df), float(stdtr(df, -t))
    assert abs(ours - theirs) <= 1e-12 * theirs + 1e-300, (df, t, ours, theirs)


def test_edges():
    assert quantile(0.95, math.inf) == pytest.approx(1.959963984540054, abs=1e-15)
    assert t_isf(0.5, 7.0) == 0.0
    assert quantile(0.95, 1.0) == pytest.approx(12.706204736174696, rel=1e-14)  # Cauchy
    assert quantile(0.95, 2.0) == pytest.approx(4.302652729749464, rel=1e-14)
    for bad in (0.0, 0.6, -0.1, math.nan):
        with pytest.raises(ValueError):
            t_isf(bad, 5.0)
    with pytest.raises(ValueError):
        t_isf(0.025, 0.0)
    # far tails stay finite and ordered
    assert t_isf(1e-12, 3.0) > t_isf(1e-6, 3.0) > t_isf(0.025, 3.0) > 0


def test_quantile_does_not_import_scipy():
    code = (
        "import sys; from scalescope.engine.uncertainty import quantile; quantile(0.95, 12.0); "
        "quantile(0.9, 123456.0); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
