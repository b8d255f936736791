"""A query that matches nothing says so, in every picker as in the dataset filter, and Enter on it
leaves the focus where it is seen (newcomer6: the compare picker went blank with no word, and
Enter on "no dataset matches" moved the focus to a list with no mark)."""

from __future__ import annotations

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.screens.picker import PickScreen

from .screen import screen_lines
from .test_app import press, settle


async def test_the_compare_picker_says_no_series_matches(tmp_path):
    app = ScalescopeApp("epoch-math-level-5", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "c", *"qwen")  # Qwen2.5-72B is a series of one point: not listed
        assert isinstance(app.screen, PickScreen)
        assert any("no series of two or more points matches 'qwen'" in line for line in screen_lines(app))
        await press(app, pilot, "enter")  # nothing to take: the dialog stays, nothing chosen
        assert isinstance(app.screen, PickScreen) and app.view.compare_pair is None
        await press(app, pilot, "backspace", "backspace", "backspace", "backspace", "enter")
        assert isinstance(app.screen, PickScreen)  # B's picker: the first A was taken
        assert not any("matches" in line for line in screen_lines(app))


async def test_the_base_picker_says_no_model_matches(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "b", *"zzq")
        assert any("no model with a known compute matches 'zzq'" in line for line in screen_lines(app))
        await press(app, pilot, "escape", "b", *"zzq")  # the kept dialog, set afresh, says it again
        assert any("no model with a known compute matches 'zzq'" in line for line in screen_lines(app))


async def test_enter_on_no_dataset_match_keeps_the_focus_in_the_filter(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "slash", *"zzq", "enter")
        assert app.focused is not None and app.focused.id == "dataset-filter"
        assert app.view.dataset_id == "math-level-5"
        await press(app, pilot, "backspace", "backspace", "backspace", *"gpqa", "enter")  # a match still opens
        assert app.view.dataset_id.startswith(("gpqa", "epoch-gpqa")) and app.focused.id == "datasets"
