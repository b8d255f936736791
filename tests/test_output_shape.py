"""What the command line writes when its output is a file or a pipe, and the footnotes and
export cells that name what each interval is (found by a newcomer run of README)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scalescope.engine.fit import fit_all_series_report, slope_intervals
from scalescope.engine.io import load
from scalescope.tui.report import markdown_report

from .conftest import ROOT

SAMPLES = ROOT / "tests" / "fixtures" / "inspect-samples"


def run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scalescope", *argv], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


@pytest.mark.parametrize(
    "argv", [["list"], ["decompose", "math-level-5", "--bootstrap", "50"], ["fit", "gpqa-diamond"]]
)
def test_piped_output_has_no_padding(argv):
    proc = run(*argv)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) > 3
    assert [line for line in lines if line != line.rstrip(" ")] == []
    assert any(line.strip() for line in lines)  # the table is still there, only its padding went


def test_fit_footnotes_name_their_series_when_the_intervals_differ():
    proc = run("fit", str(SAMPLES), "--task", "arith")
    assert proc.returncode == 0, proc.stderr
    ds = load(SAMPLES, task="arith")
    fits, _ = fit_all_series_report(ds)
    intervals = slope_intervals(ds, fits)
    methods = {name: iv.method for name, iv in intervals.items()}
    footnotes = [line for line in proc.stdout.replace("\n", " ").split("pp per 10x")[1:]]
    if len(set(methods.values())) > 1:
        # one footnote per series, in the table's order, each naming its series
        assert [f.split(":", 1)[0].strip(" ,") for f in footnotes[1:]] == [name for name, _ in fits]
    else:
        assert len(footnotes) == 2  # the header's and one shared footnote


def test_markdown_export_prints_the_interval_its_header_names():
    ds = load("epoch-math-level-5")
    fits, _ = fit_all_series_report(ds)
    intervals = slope_intervals(ds, fits)
    report = markdown_report(ds, None, fits, None)
    assert "pp per 10x \\[95% CI\\]" in report
    for name, iv in intervals.items():
        line = next(line for line in report.splitlines() if line.startswith("| ") and name in line)
        assert f"[{iv.low:.2f}, {iv.high:.2f}]" in line.replace("\\[", "[").replace("\\]", "]")
        assert "SE" not in line


def test_a_chart_drawn_after_one_without_points_drops_its_title():
    """plotext's clear_data keeps the title: a dataset with no points of known compute left
    "(no points with a known compute)" above the next dataset's chart (found in the app after
    `$` on a file whose models have no price)."""
    import plotext as plt

    from scalescope.tui.chart import ChartSpec, draw_chart

    empty = load("math-level-5")
    empty = ChartSpec(empty, hidden=frozenset(empty.points["series"]))  # nothing visible
    plt.limit_size(False, False)
    plt.plotsize(220, 30)  # wide enough for the title (plotext drops one wider than the plot)
    draw_chart(plt, empty)
    assert "no points with a known compute" in plt.uncolorize(plt.build())
    draw_chart(plt, ChartSpec(load("gpqa-diamond"), title=""))
    text = plt.uncolorize(plt.build())
    assert "no points with a known compute" not in text and "MATH" not in text
    assert "log scale" in text  # the second chart is drawn, axes and all


@pytest.mark.parametrize(
    "argv", [["show"], ["passk"], ["budget"], ["fit", "--json"], ["reduce", "--out", "{tmp}/p.parquet"]]
)
def test_a_presigned_url_signature_is_never_printed(argv, tmp_path):
    """A presigned https URL carries its signature in the query: an error naming the URL printed
    it (nothing listens on 127.0.0.1:1, so every command fails to read)."""
    secret = "X-Amz-Signature=5ecre7c0ffee"
    url = f"https://127.0.0.1:1/results.csv?X-Amz-Credential=AKIAEXAMPLE&{secret}"
    command, *rest = argv
    proc = run(command, url, *(a.replace("{tmp}", str(tmp_path)) for a in rest))
    assert proc.returncode == 2
    assert "5ecre7c0ffee" not in proc.stdout + proc.stderr and "AKIAEXAMPLE" not in proc.stdout + proc.stderr
    assert "127.0.0.1:1/results.csv?***" in proc.stderr  # the URL is still named, without its query
