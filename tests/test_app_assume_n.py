"""Where a point has no stderr or question count, the app says what its user can do to assume
one, not the command line's --assume-n (newcomer6: the summary and the boosts screen told the app
user to 'give --assume-n N'): the column dialog (m) for an opened table; for a bundled dataset,
the command that can."""

from __future__ import annotations

from scalescope.engine.catalog import load_bundled
from scalescope.engine.decompose import DecomposeOptions, decompose
from scalescope.engine.errors import ScalescopeError
from scalescope.tui.app import ScalescopeApp
from scalescope.tui.state import assume_n_hint

from .test_app import settle
from .test_app_essays import settle as settle_essays

NO_ERRORS = "model,series,role,compute,score\nb,B,base,500,30\nr1,R,reasoning,1000,40\nr2,R,reasoning,16000,61\n"


def summary(app) -> str:
    return " ".join(app.query_one("#summary").plain.split())


async def test_the_summary_of_a_bundled_dataset_names_the_command(tmp_path):
    app = ScalescopeApp("otis-mock-aime", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        text = summary(app)
        assert "give --assume-n" not in text
        assert "(the command line assumes N questions: scalescope decompose otis-mock-aime --assume-n N)" in text


async def test_the_summary_of_an_opened_table_names_the_column_dialog(tmp_path):
    path = tmp_path / "noerr.csv"
    path.write_text(NO_ERRORS)
    app = ScalescopeApp(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        text = summary(app)
        assert "give --assume-n" not in text
        assert "press m and fill 'assume questions per point' to assume N questions" in text


async def test_the_boosts_screen_names_the_command(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await settle_essays(app, pilot)
        screen = app.screen
        boosts = dict(screen.boosts)
        warnings = " ".join(boosts["otis-mock-aime"].warnings)
        assert "give --assume-n" not in warnings and "scalescope decompose otis-mock-aime --assume-n N" in warnings


def test_the_command_line_keeps_its_flag():
    ds = load_bundled("otis-mock-aime")
    assert assume_n_hint(ds).endswith("--assume-n N")
    try:
        d = decompose(ds, DecomposeOptions(n_boot=0))
    except ScalescopeError as exc:  # pragma: no cover - the dataset decomposes, without intervals
        raise AssertionError(exc) from None
    assert "(give --assume-n N to assume N questions)" in d.ci_method
