"""compare's table follows its verdict: a row reading slopes that a series' compute cannot carry
(under 0.3 decades) says "cannot tell" and why, never "rejected"; and "one line through both" is
said once (newcomer6: README's own example printed "rejected ... p = 2.78e-05" and a slope
difference as findings, above a footer saying neither series can carry a slope)."""

from __future__ import annotations

import json

import pytest

from scalescope.engine.compare import compare
from scalescope.engine.io import load
from scalescope.tui.cli import main
from scalescope.tui.report import comparison_lines, comparison_rows

# the rows that read a slope: the shared-slope multiplier is the offset between parallel lines
SLOPE_ROWS = (
    "one shared slope",
    "slope B - A",
    "one line through both",
    "compute-efficiency multiplier (shared slope)",
)
EXAMPLE = ["compare", "epoch-math-level-5", "o1-mini-2024-09-12", "o3-mini-2025-01-31"]


def slope_rows(rows):
    return [row for row in rows if row[0].startswith(SLOPE_ROWS)]


def test_readmes_example_rows_say_cannot_tell_not_rejected():
    c = compare(load("epoch-math-level-5"), "o1-mini-2024-09-12", "o3-mini-2025-01-31")
    assert c.narrow == ("o1-mini-2024-09-12", "o3-mini-2025-01-31") and c.grade == "inconclusive"
    rows = slope_rows(comparison_rows(c, "tokens"))
    assert len(rows) == 4
    for figure, value, detail in rows:
        assert value == "cannot tell", figure
        assert "too little compute to carry a slope" in detail and "not a finding" in detail
        assert "rejected" not in value + detail
    # the figures are still shown, as data, in the bracket
    assert "p = 2.78e-05" in rows[0][2] and "estimate 6.06x 95% [2.95x, 49.3x] (Fieller)" in rows[1][2]
    assert "-63.44 [-93.11, -33.77]" in rows[2][2]


def test_readmes_example_says_one_line_through_both_once(capsys):
    assert main(EXAMPLE) == 0
    out = capsys.readouterr().out
    assert out.count("one line through both") == 1, out
    assert "rejected" not in out.replace("not rejected", "")
    assert main([*EXAMPLE, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["narrow"] == ["o1-mini-2024-09-12", "o3-mini-2025-01-31"]
    # the tests' p-values are unchanged; what the rows say is the table's "cannot tell", not "rejected"
    assert data["shared_slope_p"] < 0.05 and data["on_trend_p"] < 0.05
    assert data["shared_slope_reads"] == data["on_trend_reads"] == data["slope_figures_read"] == "cannot_tell"
    assert "too little compute to carry a slope" in data["shared_slope_reads_text"]
    one_line = next(line for line in data["verdict_text"].splitlines() if line.startswith("one line through both"))
    assert "cannot tell" in one_line and "rejected" not in one_line and "not a finding" in one_line


def test_series_wide_enough_keep_their_tests(tmp_path):
    """Two series over 2 decades each: the rows are the tests' own words, and the one-line row is
    the only one (the verdict's line is not repeated)."""
    rows = ["model,series,compute,score,score_stderr"]
    for series, scores in (("A", (20, 30, 40)), ("B", (40, 60, 80))):
        rows += [f"{series}{i},{series},{10 ** (i + 2)},{s},1" for i, s in enumerate(scores)]
    path = tmp_path / "two.csv"
    path.write_text("\n".join(rows) + "\n")
    c = compare(load(path), "A", "B")
    assert c.narrow == ()
    got = {figure.split(" (")[0]: value for figure, value, _ in slope_rows(comparison_rows(c, "tokens"))}
    assert got["compute-efficiency multiplier"].endswith("x")  # a figure, not 'cannot tell'
    del got["compute-efficiency multiplier"]
    assert got == {"one shared slope": "rejected", "slope B - A": "+10.00", "one line through both": "rejected"}
    assert not any(line.startswith("one line through both") for line in comparison_lines(c))


def _two_series(tmp_path, a_scores, b_scores, name="two.csv"):
    rows = ["model,series,compute,score,score_stderr"]
    for series, scores in (("A", a_scores), ("B", b_scores)):
        rows += [f"{series}{i},{series},{10 ** (i + 2)},{s},1" for i, s in enumerate(scores)]
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n")
    return path


def _exports(c, ds):
    """The app's three exports of a comparison, and compare --json's object."""
    import csv
    import io

    from scalescope.tui.report import csv_report, json_report, markdown_report

    rows = list(csv.reader(io.StringIO(csv_report(None, [], c))))
    csv_rows = {r[1]: r[2] for r in rows if r[0] == "comparison"}
    data = json.loads(json_report(ds, None, [], c))["comparison"]
    md = markdown_report(ds, None, [], c)
    return csv_rows, data, md


@pytest.mark.parametrize(
    ("b_scores", "shared", "code"),
    [
        ((30, 40, 50), "cannot tell (not rejected)", "cannot_tell"),  # parallel: not rejected, not shown equal
        ((40, 60, 80), "rejected", "rejected"),
    ],
)
def test_exports_say_what_the_screen_says_of_the_slope_tests(tmp_path, b_scores, shared, code):
    """newcomer8/hexport: the CSV said shared_slope_ok=True where the screen says "cannot tell (not
    rejected)". Every export now carries the screen's words for each test, never a bare True."""
    path = _two_series(tmp_path, (20, 30, 40), b_scores)
    ds = load(path)
    c = compare(ds, "A", "B")
    screen = {figure.split(" (")[0]: value for figure, value, _ in slope_rows(comparison_rows(c, "tokens"))}
    assert screen["one shared slope"] == shared
    csv_rows, data, md = _exports(c, ds)
    assert csv_rows["shared_slope_reads"] == shared and data["shared_slope_reads_text"] == shared
    assert data["shared_slope_reads"] == code
    assert csv_rows["on_trend_reads"] == screen["one line through both"] == data["on_trend_reads_text"]
    assert csv_rows["efficiency_multiplier_reads"] == csv_rows["slope_difference_reads"] == "shown"
    for name in ("shared_slope_ok", "on_trend"):  # the bare booleans are gone from every export
        assert name not in csv_rows and name not in data
    assert f"| one shared slope | {shared} |" in md


def test_exports_of_a_narrow_series_say_cannot_tell(tmp_path):
    """A series spanning under 0.3 decades: the screen's slope rows say "cannot tell"; so does every
    export, for the tests and for the figures read from a slope (the CSV said shared_slope_ok=True)."""
    rows = ["model,series,compute,score,score_stderr"]
    rows += [f"A{i},A,{10 ** (i + 2)},{s},1" for i, s in enumerate((20, 30, 40))]
    rows += [f"B{i},B,{c},{s},1" for i, (c, s) in enumerate(((1000, 35), (1300, 36), (1600, 37)))]
    path = tmp_path / "narrow.csv"
    path.write_text("\n".join(rows) + "\n")
    ds = load(path)
    c = compare(ds, "A", "B")
    assert c.narrow == ("B",) and c.shared_slope_ok is True  # the test alone would say 'not rejected'
    csv_rows, data, md = _exports(c, ds)
    for key in ("shared_slope_reads", "on_trend_reads", "efficiency_multiplier_reads", "slope_difference_reads"):
        assert csv_rows[key] == "cannot tell (B spans too little compute to carry a slope)", key
    assert data["shared_slope_reads"] == data["on_trend_reads"] == data["slope_figures_read"] == "cannot_tell"
    assert "| one shared slope | cannot tell |" in md


def test_one_narrow_series_the_verdict_reads_no_row_that_says_cannot_tell(tmp_path):
    """hhonest/hcompare (s7): with one series too narrow, the verdict still read the shared-slope
    multiplier ('b_cheaper 10x' from Fieller's interval) while its row said "cannot tell". Now the
    verdict reads the multiplier at one score from the separate fits, the row the table shows as a
    figure with its interval (calibration.py: the three 'B narrow' rows)."""
    rows = ["model,series,compute,score,score_stderr"]
    rows += [f"A{i},A,{10**u:.6g},{-10 + 15 * u:.4f},1" for i, u in enumerate((2.0, 2.5, 3.0, 3.5))]
    rows += [f"B{i},B,{10**u:.6g},{5 + 15 * u:.4f},1" for i, u in enumerate((2.1, 2.1667, 2.2333, 2.3))]
    path = tmp_path / "one-narrow.csv"
    path.write_text("\n".join(rows) + "\n")
    c = compare(load(path), "A", "B")
    assert c.narrow == ("B",) and c.shared_slope_ok  # the test alone would let the shared slope be read
    assert c.headline == "at_score"
    m, lo, hi = c.headline_multiplier
    assert (m, lo, hi) == (c.multiplier_at_score, *c.multiplier_at_score_ci)
    table = {figure: (value, detail) for figure, value, detail in comparison_rows(c, "tokens")}
    shared_value, shared_detail = table["compute-efficiency multiplier (shared slope)"]
    assert shared_value == "cannot tell" and "used for the verdict" not in shared_detail
    at_score = next(detail for figure, (_, detail) in table.items() if figure.startswith("multiplier at "))
    assert "(used for the verdict)" in at_score
    assert f" at {c.at_score:.1f}%" in c.verdict_lines()[0]
    # Ord's "shift left" is the shared-slope multiplier: it said "B is shifted left: 10x" under the
    # table's "cannot tell"; now it says cannot tell, and why
    assert c.progress.shift.finding == "cannot_tell" and "carry a slope" in c.progress.shift.note


def test_the_csv_carries_the_lines_the_screen_prints_under_the_tables(tmp_path):
    """The screen prints the verdict in words, Ord's three kinds of progress (each 'cannot tell'
    with why) and ⚠ notes under the comparison table, and ⚠ warnings under the decomposition's
    (an interval including 0, an extrapolation): the CSV had none of them, only bare codes."""
    import csv
    import io

    from scalescope.engine.decompose import DecomposeOptions, decompose
    from scalescope.tui.report import csv_report

    ds = load("epoch-math-level-5")
    c = compare(ds, "o1-mini-2024-09-12", "o3-mini-2025-01-31")
    rows = list(csv.reader(io.StringIO(csv_report(None, [], c))))
    said = [r[2] for r in rows if r[:2] == ["comparison", "says"]]
    assert said == comparison_lines(c) and any("cannot tell" in line for line in said)
    d = decompose(load("otis-mock-aime"), DecomposeOptions(assume_n=45, n_boot=0))
    assert d.warnings
    rows = list(csv.reader(io.StringIO(csv_report(d, [], None))))
    assert [r[2] for r in rows if r[:2] == ["decomposition", "warning"]] == list(d.warnings)
