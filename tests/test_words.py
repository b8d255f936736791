"""Sentences the app and the CLI produce read as English for every input."""

from __future__ import annotations

import io
import math

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from scalescope.engine import load_bundled
from scalescope.tui.report import gain_cost_text
from scalescope.tui.state import analyse
from scalescope.tui.widgets.summary import render_summary


def test_ten_more_points_phrase():
    assert gain_cost_text(10 ** (10 / 18.45)) == f"{10 ** (10 / 18.45):,.3g}x compute"
    never = gain_cost_text(math.inf)
    assert "compute" not in never and "never" in never
    assert not never.endswith(" ")


def test_slow_intervals_say_so_in_the_first_line():
    a = analyse(load_bundled("math-level-5"), link="logistic", n_boot=0)
    console = Console(width=80, no_color=True, record=True, file=io.StringIO())
    console.print(render_summary(a, busy=True))
    first = console.export_text().splitlines()[0]
    assert first.startswith("computing the 95% intervals")
    console = Console(width=80, no_color=True, record=True, file=io.StringIO())
    console.print(render_summary(a, busy=False))
    assert "computing" not in console.export_text()


@given(
    st.lists(st.text(alphabet="abcxyz0123456789", min_size=1, max_size=14), min_size=1, max_size=6),
    st.sampled_from("-_/ "),
    st.integers(min_value=8, max_value=40),
)
def test_names_wrap_after_separators_and_never_overflow(words, sep, width):
    from rich.cells import cell_len

    from scalescope.tui.text import wrap_name

    name = sep.join(words)
    lines = wrap_name(name, width).plain.split("\n")
    assert all(cell_len(line) <= width for line in lines)
    if all(len(w) + 3 <= width for w in words):  # every piece fits: nothing is cut, nothing lost
        rejoined = "".join(line.removeprefix("  ") if i else line for i, line in enumerate(lines))
        assert rejoined.replace(" ", "") == name.replace(" ", "")
        for line in lines[:-1]:  # a break comes after a separator, never inside a word
            assert sep == " " or line.endswith(sep)
    elif any(len(w) + 1 > width - 2 for w in words[:-1]) and len(name) > width:
        assert any("…" in line for line in lines)  # a piece too long for a line keeps its end
