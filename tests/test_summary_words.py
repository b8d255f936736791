"""A summary table that must narrow keeps every word whole where the width allows: a label wraps
at its spaces, never cut with an ellipsis *and* wrapped (hbugs: at 80 columns with the dataset
pane open, "inference-scaling boost" read "inference-scal…" over "boost")."""

from __future__ import annotations

import pytest
from rich.console import Console

from scalescope.engine.catalog import load_bundled
from scalescope.engine.decompose import DecomposeOptions
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.state import analyse
from scalescope.tui.widgets.summary import summary_parts

from .screen import screen_lines
from .test_app import press, settle


def rendered(make, width: int) -> list[str]:
    console = Console(width=width, color_system=None, legacy_windows=False)
    with console.capture() as out:
        console.print(make())
    return out.get().splitlines()


@pytest.mark.parametrize("width", [50, 51, 53, 56, 60, 66, 72, 78, 80])
def test_every_word_of_the_figure_tables_is_whole(width):
    math = analyse(load_bundled("math-level-5"), link="linear", n_boot=0)
    epoch = analyse(
        load_bundled("epoch-math-level-5"),
        link="linear",
        n_boot=0,
        compare_pair=("o1-mini-2024-09-12", "o3-mini-2025-01-31"),
        options=DecomposeOptions(n_boot=0),
    )
    tables = [(key, make) for a in (math, epoch) for key, make in summary_parts(a) if key[0] == "table"]
    assert any(key[1] == "rows" for key, _ in tables)
    for key, make in tables:
        if key[1] != "rows":
            continue
        lines = rendered(make, width)
        assert all(len(line) <= width for line in lines)
        assert not any("…" in line for line in lines), (width, lines)
        words = {word for line in lines for word in line.split()}
        for row in key[3]:
            for cell in row:
                for word in cell.split():
                    assert word in words, (width, word, lines)


async def test_at_80_columns_with_the_dataset_pane_the_label_is_whole(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d")
        assert app._datasets_visible()
        lines = screen_lines(app)
        assert any("inference-scaling " in line for line in lines), lines
        assert not any("inference-scal…" in line for line in lines)
