"""The app on folders of Inspect logs: one dataset per task, incomplete runs shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.dataset_list import DatasetPane
from tests.test_app import chart_text, press, settle, summary_text

LOGS = Path(__file__).parent / "fixtures" / "inspect-samples"


async def test_a_folder_of_two_tasks_is_two_datasets(tmp_path):
    app = ScalescopeApp(str(LOGS), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.view.dataset_id == "inspect-samples:arith"
        ids = [item.id for item in app.query_one(DatasetPane).items]
        assert "inspect-samples:arith" in ids and "inspect-samples:trivia" in ids
        assert "openai/o3-mini" in summary_text(app)
        await press(app, pilot, "p")
        table = app.query_one("#points")
        cells = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("[cancelled]" in c and "24 of 48" in c for c in cells)
        app.query_one(DatasetPane).post_message(DatasetPane.Chosen("inspect-samples:trivia"))
        await settle(app, pilot)
        assert app.view.dataset_id == "inspect-samples:trivia"
        assert "1" in chart_text(app)


async def test_a_log_changing_on_disk_updates_the_open_dataset_and_keeps_the_view(tmp_path):
    import shutil

    folder = tmp_path / "logs"
    folder.mkdir()
    for name in ("arith_o3-mini_low.eval", "arith_o3-mini_high.eval"):
        shutil.copy(LOGS / name, folder / name)
    app = ScalescopeApp(str(folder), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        table = app.query_one("#points")
        assert table.row_count == 2
        table.cursor_row = 1
        shutil.copy(LOGS / "arith_o3-mini_xhigh_cancelled.eval", folder / "new.eval")
        for _ in range(200):  # the watcher reads the folder again (bounded in rounds, not in time)
            await pilot.pause(0.05)
            if table.row_count == 3:
                break
        assert table.row_count == 3
        assert app.view.dataset_id.endswith("logs") or "logs" in app.view.dataset_id
        assert table.cursor_row == 1
        assert "live" in app.sub_title and "1 running" not in app.sub_title  # cancelled, not running
        cells = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("[cancelled]" in c for c in cells)


async def test_compare_in_the_app_is_paired_on_inspect_logs(tmp_path):
    app = ScalescopeApp(str(LOGS), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.set_view(replace(app.view, compare_pair=("openai/o3-mini", "anthropic/claude-3-7-sonnet")))
        await settle(app, pilot)
        text = summary_text(app)
        assert "paired on 12 shared questions" in text
        assert "openai/o3-mini_high -> anthropic/claude-3-7-sonnet_16K" in text


async def test_u_shows_each_runs_budget_curve_without_a_trend_through_it(tmp_path):
    app = ScalescopeApp(str(LOGS), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = len(app.current.points)
        await press(app, pilot, "u")
        assert len(app.current.points) > before
        assert any(s.startswith("≤L ") for s in app.current.series)
        assert not any(name.startswith("≤L ") for name, _ in app.analysis.trends)
        assert "≤L o3-mini_high" in app._highlighted(app.current, app.view)  # drawn in colour, with its marker
        assert any("truncation, not a real budget" in n for n in app.current.notes)
        await press(app, pilot, "u")
        assert len(app.current.points) == before


async def test_a_log_deleted_from_a_watched_folder_is_said(tmp_path):
    """A log that goes away takes its point with it, and a notice names it (the header's count
    changed and nothing else was said: newcomer7)."""
    import shutil

    folder = tmp_path / "logs"
    folder.mkdir()
    for name in ("arith_o3-mini_low.eval", "arith_o3-mini_high.eval", "arith_o3-mini_medium.json"):
        shutil.copy(LOGS / name, folder / name)
    app = ScalescopeApp(str(folder), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "p")
        table = app.query_one("#points")
        assert table.row_count == 3
        (folder / "arith_o3-mini_medium.json").unlink()
        for _ in range(200):  # the watcher reads the folder again (bounded in rounds, not in time)
            await pilot.pause(0.05)
            if table.row_count == 2:
                break
        assert table.row_count == 2
        said = [str(n.message) for n in app._notifications]
        assert any("1 log(s) no longer in the folder" in m and "arith_o3-mini_medium.json" in m for m in said), said
