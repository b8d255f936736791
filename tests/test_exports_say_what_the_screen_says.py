"""The summary's screen, its exports and the command line say the same thing (newcomer9, s8):

- a compared series too narrow to carry a slope is 'not fitted' in the trend table and the
  exports, in `scalescope fit`'s words (the table gave it a slope and '+10 pp costs' that `fit`
  refuses);
- the exports carry the essays' claims table the summary shows (or say it was left out);
- the Markdown export follows the screen's order, and Ord's three kinds nest as a list.
"""

from __future__ import annotations

import csv
import io
import json

from scalescope.engine.catalog import load_bundled
from scalescope.tui.cli import main
from scalescope.tui.state import analyse
from scalescope.tui.widgets.summary import summary_plain

PAIR = ("o1-mini-2024-09-12", "o3-mini-2025-01-31")


def summary_export(a, kind, **kw) -> str:
    from scalescope.tui.report import summary_export  # here: each test fails on the old code on its own

    return summary_export(a, kind, **kw)


def cli_json(capsys, *argv) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def narrow_analysis():
    return analyse(load_bundled("epoch-math-level-5"), n_boot=0, compare_pair=PAIR, claims=False)


def test_a_narrow_compared_series_is_not_fitted_as_fit_says(capsys):
    a = narrow_analysis()
    fit = cli_json(capsys, "fit", "epoch-math-level-5")
    assert set(PAIR) <= set(fit["unfitted"]) and not set(PAIR) & set(fit["fits"])
    # the app: the same reasons, in the same words; no slope, no '+10 pp costs' for them
    assert {name: why for name, why in a.unfitted if name in PAIR} == {n: fit["unfitted"][n] for n in PAIR}
    assert not set(PAIR) & {name for name, _ in a.trend_intervals}
    text = " ".join(summary_plain(a).split())
    assert "68.75" not in text and "1.4x [1.26x" not in text
    for name in PAIR:
        assert f"not fitted ({fit['unfitted'][name]}): {name}" in text
    # the comparison itself still says why its slope rows cannot tell
    assert "too little to carry a slope" in text and a.comparison.narrow == PAIR
    # the exports: the JSON's fits and unfitted are fit --json's for these series
    data = json.loads(summary_export(a, "json"))
    assert not set(PAIR) & set(data["fits"])
    assert {n: data["unfitted"][n] for n in PAIR} == {n: fit["unfitted"][n] for n in PAIR}
    rows = list(csv.reader(io.StringIO(summary_export(a, "csv"))))
    assert not any(row[0] == f"fit:{name}" for row in rows for name in PAIR)
    assert [row[2] for row in rows if row[0] == f"unfitted:{PAIR[0]}"] == [fit["unfitted"][PAIR[0]]]
    md = summary_export(a, "md").replace("\\", "")
    assert f"| {PAIR[0]} |" not in md.split("## Trend fits", 1)[-1] if "## Trend fits" in md else True
    assert f"not fitted ({fit['unfitted'][PAIR[0]]}): {PAIR[0]}" in md


def test_the_chart_still_draws_the_comparisons_lines():
    """The chart keeps the comparison's line through each series (its gap is read on them): the
    trend table, not the chart, follows fit's rule."""
    a = narrow_analysis()
    assert set(PAIR) <= {name for name, _ in a.trends}


def test_the_charts_lines_through_narrow_series_are_not_called_trends():
    """A series too narrow to carry a slope has no trend (fit, the summary): the chart's line
    through it is the comparison's, and its legend says so (it said 'trend lines')."""
    from scalescope.tui.chart import TREND_GLYPH, ChartSpec, legend_line, legend_parts

    a = narrow_analysis()
    spec = ChartSpec(a.dataset, highlighted=PAIR, trends=a.trends, comparison=a.comparison, size=(200, 40))
    narrow_only = ChartSpec(
        a.dataset, trends=tuple(t for t in a.trends if t[0] in PAIR), comparison=a.comparison, size=(200, 40)
    )
    entry = legend_parts(narrow_only, limit=6)[-1]
    assert "trend" not in entry.replace("no trend", "") and "no trend: too narrow" in entry, entry
    # with other series' trends drawn too, the narrow ones are named as the comparison's
    entry = legend_parts(spec, limit=6)[-1]
    assert "compare's line only: o1-mini" in entry and "o3-mini" in entry, entry
    assert "compare's line only" in legend_line(spec).plain or "compare's" in legend_line(spec, width=400).plain
    plain = analyse(load_bundled("math-level-5"), n_boot=0)  # no comparison: its lines are trends
    plain_spec = ChartSpec(plain.dataset, trends=plain.trends, decomposition=plain.decomposition, size=(200, 40))
    assert f"{TREND_GLYPH} trend lines" in legend_parts(plain_spec, limit=6)


def test_a_wide_compared_series_keeps_its_fit(capsys):
    a = analyse(load_bundled("math-level-5"), n_boot=0, compare_pair=("Claude 3.5 Sonnet", "Claude 3.7 Sonnet"))
    assert "Claude 3.7 Sonnet" not in dict(a.unfitted)


def test_the_exports_carry_the_claims_the_screen_shows(capsys):
    a = analyse(load_bundled("gpqa-diamond"), n_boot=0)
    assert a.claims
    cli = cli_json(capsys, "claims")
    ours = {c["id"]: c for c in cli if c["id"] in {c.id for c in a.claims}}
    screen = " ".join(summary_plain(a).split())
    assert "The essays' claims on this data" in screen
    md = summary_export(a, "md")
    assert "## The essays' claims on this data" in md
    for c in a.claims:
        assert f"| {c.id} | {c.source} |" in md and c.status.replace("_", "\\_") in md
    rows = list(csv.reader(io.StringIO(summary_export(a, "csv"))))
    status = {row[0]: row[2] for row in rows if row[1] == "status"}
    assert status == {f"claim:{i}": c["status"] for i, c in ours.items()}
    assert list(status.values()).count("cannot_tell") == 3
    data = json.loads(summary_export(a, "json"))
    assert [c["id"] for c in data["claims"]] == list(ours) and data["claims_note"] is None
    assert [c["status"] for c in data["claims"]] == [c["status"] for c in ours.values()]


def test_claims_still_being_checked_are_said_to_be_left_out():
    a = analyse(load_bundled("gpqa-diamond"), n_boot=0, claims=False)
    md = summary_export(a, "md", claims_pending=True)
    assert "## The essays' claims" not in md and "still being checked" in md and "left out" in md
    assert "still being checked" in summary_export(a, "csv", claims_pending=True)
    data = json.loads(summary_export(a, "json", claims_pending=True))
    assert data["claims"] is None and "left out" in data["claims_note"]


def test_markdown_follows_the_screens_order_and_nests_ords_kinds():
    a = narrow_analysis()
    md = summary_export(a, "md")
    screen = summary_plain(a)
    assert screen.index("Compare A =") < screen.index("not fitted")
    assert md.index("## Comparison") < md.index("not fitted")
    assert md.index("## Decomposition") < md.index("## Comparison")
    lines = md.splitlines()
    kinds = [line for line in lines if "shift left" in line or "steeper slope" in line or "higher plateau" in line]
    assert len(kinds) == 3 and all(line.startswith("  - ") for line in kinds), kinds
    assert not any(line.startswith("-   ") for line in lines)
    assert "- Ord's three kinds of progress (B vs A):" in lines
    # claims last when the screen shows them last (a decomposition or comparison above them)
    g = analyse(load_bundled("gpqa-diamond"), n_boot=0)
    gmd = summary_export(g, "md")
    assert gmd.index("## Decomposition") < gmd.index("## The essays' claims")


def test_empty_interval_cells_say_why_where_they_are_seen():
    """otis-mock-aime has no stderr or question count: its interval cells were blank, the reason
    9 lines lower (below the fold at 80x24). Each cell now says why, briefly."""
    from scalescope.tui.report import decomposition_rows

    d = analyse(load_bundled("otis-mock-aime"), n_boot=0, claims=False).decomposition
    assert not d.ci and d.ci_method.startswith("no stderr or question count")
    rows = {row[0]: row[2] for row in decomposition_rows(d)}
    for figure in ("RL boost", "inference-scaling boost", "total gain", "inference share", "slope per 10x compute"):
        assert rows[figure] == "none: no stderr or question count (see below)", figure
    assert rows["+10 pp costs"] == "none: no stderr or question count (see below)"
    assert any(w.startswith("no confidence intervals: no stderr or question count") for w in d.warnings)
    # bootstrap off: the share alone has no interval, and its cell says so
    m = analyse(load_bundled("math-level-5"), n_boot=0, claims=False).decomposition
    rows = {row[0]: row[2] for row in decomposition_rows(m)}
    assert rows["inference share"] == "none: bootstrap off (--bootstrap 0)"
    assert rows["RL boost"].startswith("[")


def test_compare_without_two_series_lists_the_series(capsys):
    """`compare` with a series missing gave argparse's usage line alone; decompose names the
    series it could use. Now compare does too: one line, exit 2, {"error"} with --json."""
    assert main(["compare", "arc-agi-1-o1-o3"]) == 2
    err = capsys.readouterr().err
    assert "compare needs two series, A and B (none was given); series: o1, o3 (ARC blog costs" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["compare", "epoch-math-level-5", PAIR[0], "--json"]) == 2
    out = json.loads(capsys.readouterr().out)
    assert f"only A ('{PAIR[0]}') was given" in out["error"] and "... (66 in all)" in out["error"]
    assert main(["compare", "epoch-math-level-5", PAIR[0], "nope"]) == 2
    assert "no series 'nope'; series: claude-2.0" in capsys.readouterr().err


def test_a_table_with_several_bad_values_reports_every_one(tmp_path, capsys):
    """A zero compute at row 12 was reported and a negative one at row 13 not, until row 12 was
    fixed (newcomer9): every bad value is one error now (the first 10 and how many), exit 2."""
    rows = ["model,compute,score,score_stderr"] + [f"m{i},{100 + i},50,1" for i in range(2, 12)]
    rows += ["z,0,50,1", "neg,-50,50,1", "hi,200,150,1", "se,300,40,-2"]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n")
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "row 12, column 'compute': compute must be > 0 (got 0); leave it empty when unknown; also " in err
    assert "row 13, column 'compute': compute must be > 0 (got -50)" in err
    assert "row 14, column 'score': score 150% is outside 0-100" in err
    assert "row 15, column 'score_stderr': stderr must be >= 0" in err
    # bounded: 30 bad rows list the first 10 and say how many
    many = ["model,compute,score"] + [f"m{i},-{i + 1},50" for i in range(30)]
    path.write_text("\n".join(many) + "\n")
    assert main(["show", str(path), "--json"]) == 2
    error = json.loads(capsys.readouterr().out)["error"]
    assert error.count("compute must be > 0") == 10 and "(30 bad values in all, the first 10 shown)" in error
    assert "row 11, column" in error and "row 12, column" not in error


async def test_the_apps_export_key_carries_the_claims(tmp_path):
    """The app's export (e, then m/c/j) is summary_export of what the summary shows: on
    gpqa-diamond, once the claims are checked, the three exports carry them."""
    from scalescope.tui.app import ScalescopeApp

    from .test_app import settle

    app = ScalescopeApp("gpqa-diamond", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for _ in range(200):  # the claims are checked in a worker after the first frame (bounded in rounds)
            if app.analysis.claims:
                break
            await pilot.pause(0.05)
        assert app.analysis.claims
        md = app.export("md").read_text()
        table = app.export("csv").read_text()
        data = json.loads(app.export("json").read_text())
    assert "## The essays' claims on this data" in md and "| 22 | ord |" in md
    assert "claim:22,status,cannot_tell" in table
    assert [c["id"] for c in data["claims"]] == ["3", "6", "20", "21", "22"] and data["claims_note"] is None
