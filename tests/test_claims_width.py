"""`scalescope claims` at the terminal's width (hclaims, "Still weak"): at 80 columns rich narrowed
the 8-column table by cutting words, statuses among them ('within_…', 'cannot_…'), and the legend's
100-character lines were re-wrapped raggedly. Now the table keeps every word whole (narrowing its
widest column first, never below its longest word) or, where 8 columns cannot fit at all, gives one
block per claim; the legend is wrapped at 80. `--json` is unchanged (tests/test_claims.py)."""

from __future__ import annotations

import re
import sys

import pytest

from scalescope.engine.claims import all_claims
from scalescope.tui.report import claim_rows


def _claims_at(capsys, monkeypatch, width: int) -> str:
    from rich.console import Console

    from scalescope.tui import cli

    def console():  # the terminal's console, as _console makes it on a tty, at this width
        return Console(
            file=sys.stdout, width=width, markup=False, highlight=False, emoji=False, soft_wrap=False, color_system=None
        )

    monkeypatch.setattr(cli, "_console", console)
    assert cli.main(["claims"]) == 0
    return capsys.readouterr().out


def _table_part(out: str) -> str:
    """What lies between the status legend and the notes (which start '1. scalescope ...')."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  no_data:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_the_claims_table_fits_the_width_with_every_word_whole(capsys, monkeypatch, width):
    out = _claims_at(capsys, monkeypatch, width)
    table = _table_part(out)
    assert max(len(line) for line in table.splitlines()) <= width
    assert "…" not in table  # nothing cut
    for row in claim_rows(all_claims()):
        for cell in row:
            for word in cell.split():
                assert re.search(r"(?<!\S)" + re.escape(word), table), (width, word)
    legend = out[: out.index("  no_data:")]
    assert all(len(line) <= max(80, width) for line in legend.splitlines())


def test_at_80_columns_each_claim_is_a_block_and_wider_it_is_a_table(capsys, monkeypatch):
    block = _table_part(_claims_at(capsys, monkeypatch, 80))
    first = all_claims()[0]
    assert re.search(r"^1 +claim +" + re.escape(first.claim), block, re.M)
    assert re.search(r"^ +status +" + re.escape(f"{first.status}; in CI: "), block, re.M)
    wide = _table_part(_claims_at(capsys, monkeypatch, 100))
    assert re.search(r"^ #\s+essay\s+source\s+claim\s+figure\s+scalescope\s+status\s+in CI\s*$", wide, re.M)


def test_the_legend_lines_fit_80_columns_in_a_pipe_too(capsys):
    from scalescope.tui.cli import main

    assert main(["claims"]) == 0
    out = capsys.readouterr().out
    legend = out[: out.index("  no_data:")]
    assert all(len(line) <= 80 for line in legend.splitlines()), legend
