"""The app's exports carry what the screen shows, checked against the command line's own output
(one source of truth): the JSON export's fits are `fit --json`'s fits; the CSV gives each slope its
95% interval and '+10 pp costs' its interval and reading; the Markdown carries the method lines
`fit` prints under its table (newcomer8's problem A: the CSV and JSON had bare slopes, and a bare
'+10 pp' multiple where the app said 'cannot tell: 10.4x [1.73x, ∞)')."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.cli import main

from .test_app import settle

ARC = "arc-agi-1-semi-private"


def cli_json(capsys, *argv) -> dict:
    assert main([*argv, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    out.pop("input_notes", None)
    return out


def cli_text(capsys, *argv) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def same(a, b) -> bool:
    """Equal key for key and item for item; numbers to 1e-12 (the app fits one series at a time,
    `fit` every series at once: the last binary digit may differ)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return b == pytest.approx(a, rel=1e-12, abs=1e-12)
    return a == b


def csv_rows(text: str) -> dict[tuple[str, str], list[str]]:
    return {(row[0], row[1]): row[2:] for row in csv.reader(io.StringIO(text)) if row[0] != "note"}


def number(cell: str) -> float | None:
    """A CSV cell as JSON carries it: empty and infinity (an open end) are null."""
    if cell == "":
        return None
    value = float(cell)
    return None if value == float("inf") else value


async def exports(app_args, tmp_path, size=(200, 50)):
    app = ScalescopeApp(*app_args, export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        names = [name for name, _ in app.analysis.trends]
        md = app.export("md").read_text()
        table = csv_rows(app.export("csv").read_text())
        data = json.loads(app.export("json").read_text())
    return names, md, table, data


async def test_the_apps_fit_exports_carry_fit_json(tmp_path, capsys):
    names, md, table, data = await exports((ARC,), tmp_path)
    cli = cli_json(capsys, "fit", ARC)["fits"]
    assert "gemini-2-5-flash-preview-05-20" in names and len(names) > 3
    reads = set()
    for name in names:
        # JSON: the same dictionary, key for key (slope_ci with its '+10 pp costs' interval and reading)
        assert same(data["fits"][name], cli[name]), (name, data["fits"][name], cli[name])
        ci = cli[name]["slope_ci"]
        # CSV: the slope with its interval and method, '+10 pp costs' with its interval and reading
        slope = table[(f"fit:{name}", "slope_per_decade")]
        assert same([float(slope[0]), number(slope[1]), number(slope[2])], [cli[name]["slope_per_decade"], *ci["ci"]])
        assert table[(f"fit:{name}", "slope_ci_method")][0] == ci["method"]
        gain = table[(f"fit:{name}", "multiple_for_10_points")]
        assert same(
            [float(gain[0]), number(gain[1]), number(gain[2])],
            [cli[name]["multiple_for_10_points"], *ci["multiple_for_10_points"]["ci"]],
        )
        assert table[(f"fit:{name}", "multiple_for_10_points_reads")][0] == ci["multiple_for_10_points"]["reads"]
        reads.add(ci["multiple_for_10_points"]["reads"])
        # Markdown: the line `fit` prints under its table says what this series' interval is
        text = cli_text(capsys, "fit", ARC, "--series", name)
        method = next(line for line in text if line.startswith("pp per 10x: ")).removeprefix("pp per 10x: ")
        assert any(line.startswith("- pp per 10x") and name in line and method in line for line in md.splitlines())
    assert reads == {"shown", "cannot_tell"}  # the case newcomer8 found: gemini's 'cannot tell'
    # the gemini row's interval is open at the top: 'inf' in the CSV, as the screen's '∞)'
    assert table[("fit:gemini-2-5-flash-preview-05-20", "multiple_for_10_points")][2] == "inf"
    assert "t with 3 dof" in md
    gain_note = cli_text(capsys, "fit", ARC, "--series", "gemini-2-5-flash-preview-05-20")[-1]
    assert gain_note.startswith("+10 pp costs:") and f"- {gain_note}" in md.replace("\\", "")


async def test_the_decomposition_exports_carry_decompose_json(tmp_path, capsys):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)  # math-level-5: the decomposition
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        ds_id = app.analysis.dataset.id
        md = app.export("md").read_text()
        table = csv_rows(app.export("csv").read_text())
        data = json.loads(app.export("json").read_text())
    cli = cli_json(capsys, "decompose", ds_id, "--bootstrap", "0")
    assert same(data["decomposition"], cli)
    for key in ("rl_boost", "inference_boost", "total_gain", "inference_share"):
        row = table[("decomposition", key)]
        assert same([float(row[0]), number(row[1]), number(row[2])], [cli[key], *cli["ci"].get(key, [None, None])]), key
    slope = table[("decomposition", "slope_per_decade")]
    assert same(
        [float(slope[0]), number(slope[1]), number(slope[2])],
        [cli["fit"]["slope_per_decade"], *cli["ci"]["slope_per_decade"]],
    )
    gain = table[("decomposition", "multiple_for_10_points")]
    want = cli["multiple_for_10_points"]
    assert same([float(gain[0]), number(gain[1]), number(gain[2])], [want["estimate"], *want["ci"]])
    assert table[("decomposition", "multiple_for_10_points_reads")][0] == want["reads"]
    assert table[("decomposition", "ci_method")][0] == cli["ci_method"]
    # Markdown: the lines `decompose` prints under its table (the trend's method, what the intervals are)
    text = cli_text(capsys, "decompose", ds_id, "--bootstrap", "0")
    for line in (line for line in text if line.startswith(("trend: ", "intervals: "))):
        assert f"- {line}" in md.replace("\\", ""), line


async def test_the_comparison_exports_carry_compare_json(tmp_path, capsys):
    a, b = "o1-mini-2024-09-12", "o3-mini-2025-01-31"
    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        for name in (a, b):
            app.screen.query_one("#pick-filter").value = name[:7]
            await settle(app, pilot)
            app.screen.query_one("#pick-filter").focus()
            await pilot.press("enter")
            await settle(app, pilot)
        assert app.view.compare_pair == (a, b)
        md = app.export("md").read_text()
        table = csv_rows(app.export("csv").read_text())
        data = json.loads(app.export("json").read_text())
    cli = cli_json(capsys, "compare", "epoch-math-level-5", a, b)
    cli.pop("paired", None)
    assert same(data["comparison"], cli)
    assert cli["narrow"]  # README's example: a series too narrow to carry a slope
    for key, ci in (
        ("efficiency_multiplier", "efficiency_multiplier_ci"),
        ("multiplier_at_score", "multiplier_at_score_ci"),
        ("vertical_gap", "vertical_gap_ci"),
        ("slope_difference", "slope_difference_ci"),
    ):
        row = table[("comparison", key)]
        assert same([number(row[0]), number(row[1]), number(row[2])], [cli[key], *cli[ci]]), key
    assert table[("comparison", "multiplier_used")][0] == cli["multiplier"]["used"]
    assert table[("comparison", "verdict")][0] == cli["verdict"]
    assert all(name in table[("comparison", "narrow")][0] for name in cli["narrow"])
    # Markdown: compare's own rows (the slope rows' 'cannot tell') and its verdict line
    text = cli_text(capsys, "compare", "epoch-math-level-5", a, b)
    verdict = next(line for line in text if line.startswith("verdict ["))
    assert verdict in md.replace("\\", "")
    assert "| slope B - A (pp per 10x) | cannot tell |" in md


async def test_decomposition_exports_list_the_reasoning_series_once(tmp_path):
    """The summary leaves the decomposition's reasoning series out of "Trend fits" (its slope is the
    decomposition's own row); the exports listed it again there (hexport, s7). Now they list what
    the summary lists: the reasoning series once, in the decomposition section."""
    app = ScalescopeApp("math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        d = app.analysis.decomposition
        assert d is not None and d.reasoning_series in [name for name, _ in app.analysis.trends]
        md = app.export("md").read_text()
        table = csv_rows(app.export("csv").read_text())
        data = json.loads(app.export("json").read_text())
    reasoning = d.reasoning_series
    trend_section = md.split("## Trend fits", 1)[1] if "## Trend fits" in md else ""
    assert f"| {reasoning} |" not in trend_section
    assert not any(section == f"fit:{reasoning}" for section, _ in table)
    assert ("decomposition", "slope_per_decade") in table
    assert reasoning not in data["fits"] and data["decomposition"]["reasoning_series"] == reasoning
