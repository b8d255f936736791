"""Names from a file are shown as written in the app, never run as markup; a crash exits non-zero;
q ends the process even while a read never returns."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from textual.widgets import OptionList, Select, SelectionList
from textual.widgets._toast import Toast

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.screens.column_map import ColumnMapScreen
from scalescope.tui.widgets.points_table import PointsTable

from .screen import find, live_links, screen_text
from .test_app import press, settle

CLICK = "[@click=app.quit]Q0[/]"
LINK = "[link=https://x.example]S0[/link]"
FILE_NAME = "e08_[bold red]file[@click=app.quit]x.csv"
HEADLESS = {"TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}


class Recording(ScalescopeApp):
    """Keeps every notification's message, and keeps its Toast on screen for the whole test (a
    Toast expires after a few seconds, which a loaded machine can spend before the check)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []

    def notify(self, message, **kwargs) -> None:
        self.said.append(message)
        super().notify(message, **{**kwargs, "timeout": 3600})


def _hostile_csv(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_text(
        "model,series,compute,score,label\n"
        f"x[/bold],{CLICK},10,20,[/]\n"
        f"[b]m2[/b],{CLICK},100,30,ok\n"
        f"m3,{LINK},10,25,\n"
        f"m4,{LINK},100,35,\n",
        encoding="utf-8",
    )
    return path


def test_the_link_detector_sees_a_live_link():
    """Control: the same check on a widget that does parse markup finds the click and the link."""
    import asyncio

    from textual.app import App
    from textual.widgets import Static

    class Markup(App):
        def compose(self):
            yield Static('[@click=app.quit]Q0[/] and [link="https://x.example"]S0[/link]')

    async def run():
        app = Markup()
        async with app.run_test(size=(60, 5)) as pilot:
            await pilot.pause()
            found = live_links(app)
            await pilot.click(offset=(0, 0))
            await pilot.pause()
            return found, app.is_running

    found, running = asyncio.run(run())
    assert ("click", "app.quit", "Q0") in found and ("link", "https://x.example", "S0") in found
    assert not running  # and clicking it quits: what must never happen with data


async def test_hostile_names_and_file_name_are_literal_everywhere(tmp_path):
    path = _hostile_csv(tmp_path)
    before = path.read_bytes()
    app = Recording(str(path), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await settle(app, pilot)
        assert app.view.dataset_id == FILE_NAME
        text = screen_text(app)
        assert FILE_NAME in text  # the chart's border title
        assert CLICK in text  # the legend on the chart's border, and the summary's fit table
        assert not live_links(app)
        assert any(FILE_NAME in m for m in app.said)  # "opened ...", sent as plain text

        # clicking where the link would be does nothing
        x, y = find(app, CLICK)
        await pilot.click(offset=(x + len(CLICK) // 2, y))
        await settle(app, pilot)
        assert app.is_running and app.return_code is None

        await press(app, pilot, "v")  # the series dialog
        prompts = [str(o.prompt) for o in app.screen.query_one(SelectionList)._options]
        assert CLICK in prompts and LINK in prompts
        assert CLICK in screen_text(app) and LINK in screen_text(app) and not live_links(app)
        await press(app, pilot, "escape", "b")  # the base picker: model names
        prompts = [str(app.screen.query_one(OptionList).get_option_at_index(i).prompt) for i in range(4)]
        assert any(p.strip().startswith("x[/bold]") for p in prompts)
        assert "[b]m2[/b]" in screen_text(app) and not live_links(app)
        await press(app, pilot, "escape", "p")  # the points table
        table = app.query_one("#points", PointsTable)
        cells = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert cells[0][:2] == ["x[/bold]", CLICK] and "[/]" in cells[0]
        assert "x[/bold]" in screen_text(app) and not live_links(app)

        await press(app, pilot, "ctrl+p")  # the palette lists the dataset by its file name
        for key in "e08":
            await pilot.press(key)
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert "e08_[bold red]file" in screen_text(app) and not live_links(app)
        await press(app, pilot, "escape", "question_mark")
        assert not live_links(app)
        await press(app, pilot, "escape")
        assert app.is_running and app.return_code is None
    assert path.read_bytes() == before


async def test_hostile_header_and_bad_cell_show_in_notices_and_dialogs(tmp_path):
    header = tmp_path / "header.csv"
    header.write_text("model,compute,[@click=app.quit]Pct[/]\na,10,20\nb,100,30\n", encoding="utf-8")
    cell = tmp_path / "cell.csv"
    cell.write_text("model,compute,score\na,10,20\nb,[/],30\n", encoding="utf-8")
    app = Recording(str(header), export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ColumnMapScreen) and "Pct" in screen_text(app))
        assert isinstance(app.screen, ColumnMapScreen)
        # the reader's message is in the dialog (a notice would cover its selects at 80x24)
        assert "[@click=app.quit]Pct[/]" in str(app.screen.query_one("#map-problem").content)
        options = app.screen.query_one("#map-score", Select)._options
        assert any(str(prompt) == "[@click=app.quit]Pct[/]" for prompt, _ in options)
        assert "[@click=app.quit]Pct" in screen_text(app)  # the notice, as written
        assert not live_links(app)
        await press(app, pilot, "escape")
        await app.open_path(str(cell)).wait()
        await settle(app, pilot)
        await until(pilot, lambda: "'[/]'" in screen_text(app))
        assert "'[/]'" in screen_text(app)
        toasts = [str(t.render()) for t in app.screen.query(Toast)]
        assert any("'[/]'" in t for t in toasts), toasts  # the Toast renders it; no MarkupError
        assert not live_links(app) and app.is_running


async def until(pilot, condition, tries: int = 200) -> None:
    """Let the app work until ``condition()`` holds (a bounded number of short pauses)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)


def _run(script: str, args: list[str], press: str, tmp_path) -> subprocess.CompletedProcess:
    """The real entry point (cli.main -> run_app -> App.run) with Textual's headless driver."""
    env = {**os.environ, **HEADLESS, "TEXTUAL_PRESS": press}
    code = textwrap.dedent(script) + "\nfrom scalescope.tui.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    # the timeout only stops a hung test run; a working app ends within seconds
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300
    )


def test_a_crash_exits_non_zero(tmp_path):
    script = """
        import sys
        from scalescope.tui.app import ScalescopeApp
        def crash(self):
            raise RuntimeError("forced crash")
        ScalescopeApp.action_toggle_log = crash
    """
    result = _run(script, ["math-level-5"], "l", tmp_path)
    assert result.returncode == 1
    assert "RuntimeError: forced crash" in result.stderr
    quit_ = _run("import sys", ["math-level-5"], "q", tmp_path)
    assert quit_.returncode == 0, quit_.stderr


def test_q_ends_the_process_while_a_read_never_returns(tmp_path):
    script = """
        import sys, threading
        from scalescope.tui.app import ScalescopeApp
        ScalescopeApp._read = lambda self, *args, **kwargs: threading.Event().wait()  # never returns
    """
    (tmp_path / "slow.csv").write_text("model,compute,score\na,10,20\n")
    result = _run(script, ["slow.csv"], "q", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_q_ends_the_process_with_a_fifo(tmp_path):
    """A FIFO: refused by the reader, or a read that blocks; either way q ends the app."""
    os.mkfifo(tmp_path / "x.csv")
    result = _run("import sys", ["x.csv"], "q", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
