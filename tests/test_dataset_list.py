"""The dataset pane as a user meets it: real keys and clicks through ``App.run_test``, and what the
screen then shows. The list is one line-rendered view (tui/widgets/dataset_list.py); the filter
box is mounted on the first `/` (until then the list's first line is its hint)."""

from __future__ import annotations

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.dataset_list import DatasetItem, DatasetPane

from .screen import screen_lines
from .test_app import press, settle


def pane_lines(app) -> list[str]:
    """The pane's rows on screen, inside its border and the list's padding (the scrollbar's cells
    cut off)."""
    pane = app.query_one(DatasetPane)
    x, y, width, height = pane.region
    return [line[x + 2 : x + width - 3].rstrip() for line in screen_lines(app)[y + 1 : y + height - 1]]


def highlighted_lines(app) -> list[str]:
    """The pane's screen lines drawn in the list's highlight style (the cursor row, read from the
    screen's cells, not from the widget's state)."""
    dataset_list = app.query_one(DatasetPane)
    cursor = dataset_list.get_component_rich_style("dataset-list--highlighted")
    x, y, width, height = dataset_list.content_region
    found = []
    for strip in app.screen._compositor.render_strips()[y : y + height]:
        cells = strip.crop(x, x + width)
        text = "".join(s.text for s in cells if s.style is not None and s.style.bgcolor == cursor.bgcolor)
        if text.strip():
            found.append(text.strip())
    return found


def highlighted_text(app) -> list[str]:
    """The highlighted row's name as one string (a wrapped name's lines joined: each breaks after
    a separator), in a list: [] when no row on screen is highlighted."""
    lines = highlighted_lines(app)
    return ["".join(lines)] if lines else []


async def test_the_list_starts_with_the_filter_hint_and_no_box(tmp_path):
    """The first screen has no filter box (an Input is costly to mount): the list's first line is
    its hint; `/` mounts the box there, with the focus; what is typed filters the list."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(DatasetPane)
        assert not pane.children and pane.filter_text == ""  # one widget: no box, no list inside
        lines = pane_lines(app)
        assert lines[0] == "filter datasets  (/)" and lines[1].strip() == "Ord's decomposition ·"
        assert "math-level-5" in lines and highlighted_text(app) == ["math-level-5"]
        await press(app, pilot, "slash", *"arc")
        assert app.focused.id == "dataset-filter" and app.query_one(DatasetPane).filter_text == "arc"
        lines = pane_lines(app)
        assert lines[0] == "arc" and "math-level-5" not in lines and "arc-agi-1-o1-o3" in lines
        await press(app, pilot, "escape")  # empties the box; the box stays, showing its placeholder
        assert pane_lines(app)[0] == "filter datasets  (/)" and "math-level-5" in pane_lines(app)
        assert app.focused is app.main_view()


async def test_up_down_home_end_and_the_pages_move_the_highlight_on_screen(tmp_path):
    """At 80x24 the list is taller than the pane: every key keeps the highlighted dataset on
    screen, skips the group headings, and up/down go round the ends (as OptionList did)."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d")
        dataset_list = app.query_one(DatasetPane)
        assert app.focused is dataset_list and dataset_list.show_vertical_scrollbar
        ids = [row.id for row in dataset_list.options if row.id]
        assert highlighted_text(app) == ["math-level-5"]
        await press(app, pilot, "down")
        assert highlighted_text(app) == ["gpqa-diamond"]
        await press(app, pilot, "up", "up")  # round the top, past the heading, to the last dataset
        assert highlighted_text(app) == [ids[-1]] and ids[-1] in pane_lines(app)[-1]
        await press(app, pilot, "down")  # and round the bottom to the first
        assert highlighted_text(app) == [ids[0]]
        await press(app, pilot, "end")
        assert highlighted_text(app) == [ids[-1]]
        await press(app, pilot, "home")
        assert highlighted_text(app) == [ids[0]]
        await press(app, pilot, "pagedown")
        down = highlighted_text(app)
        assert down and ids.index(down[0]) > 5
        await press(app, pilot, "pagedown", "pagedown", "pagedown")
        assert highlighted_text(app) == [ids[-1]]
        await press(app, pilot, "pageup", "pageup", "pageup", "pageup")
        assert highlighted_text(app) == [ids[0]]
        assert app.view.dataset_id == "math-level-5"  # moving opens nothing
        await press(app, pilot, "end", "enter")
        assert app.view.dataset_id == ids[-1] and highlighted_text(app) == [ids[-1]]


async def test_long_names_wrap_after_a_separator_and_stay_one_row(tmp_path):
    """A long id wraps after its '-' pieces, continued lines indented; it is one row to the keys
    and the highlight covers all its lines."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d", "home")
        assert pane_lines(app)[1:3] == ["Ord's decomposition", "· bundled"]  # headings wrap at spaces
        await press(app, pilot, *["down"] * 5)
        assert highlighted_lines(app) == ["arc-agi-1-semi-", "private"]
        lines = pane_lines(app)
        at = lines.index("arc-agi-1-semi-")
        assert lines[at + 1] == "  private"


async def test_names_from_files_are_shown_literally(tmp_path):
    """Markup and control characters in a name or a group are shown as written (tui/text.py),
    never read: no bold, no link, no escape sequence reaches the terminal."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        pane = app.query_one(DatasetPane)
        pane.add(DatasetItem("[bold]x[/bold]\x1b[31m", "t", "[link=http://e.x]g[/link]"))
        await settle(app, pilot)
        lines = pane_lines(app)
        assert "[link=http://e.x]g[/link]" in lines
        assert "[bold]x[/bold]\\x1b[31m" in lines
        for strip in app.screen._compositor.render_strips():
            for segment in strip:
                assert "\x1b" not in segment.text and not (segment.style and segment.style.link)


async def test_clicks_open_a_dataset_and_the_hint_opens_the_filter(tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        dataset_list = app.query_one(DatasetPane)
        lines = pane_lines(app)
        await pilot.click(DatasetPane, offset=(3, 1 + lines.index("gpqa-diamond")))  # 1: the border
        await settle(app, pilot)
        assert app.view.dataset_id == "gpqa-diamond" and highlighted_text(app) == ["gpqa-diamond"]
        await pilot.click(DatasetPane, offset=(3, 2))  # a heading: nothing happens
        await settle(app, pilot)
        assert app.view.dataset_id == "gpqa-diamond"
        await pilot.click(DatasetPane, offset=(3, 1))  # the hint: the filter box, with the focus
        await settle(app, pilot)
        assert app.focused.id == "dataset-filter" and not dataset_list.hint
        await press(app, pilot, *"otis", "enter")
        assert app.view.dataset_id == "otis-mock-aime" and app.focused is dataset_list


async def test_in_the_filter_box_the_page_keys_and_arrows_are_not_the_lists(tmp_path):
    """With the box in the list, the list's own keys act only while the list has the focus: in the
    box, PageDown scrolls the summary (the app's key, as before) and down moves nothing."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        summary = app.query_one("#summary-scroll")
        await press(app, pilot, "slash", *"a")
        before = highlighted_text(app)
        await press(app, pilot, "down", "pagedown")
        assert app.focused.id == "dataset-filter" and highlighted_text(app) == before
        assert summary.scroll_y > 0
        await press(app, pilot, "shift+tab")  # the list (its box comes after it in the focus chain)
        assert app.focused is app.query_one(DatasetPane)
        await press(app, pilot, "down")
        assert highlighted_text(app) != before


async def test_a_moved_highlight_repaints_only_its_two_rows(tmp_path, monkeypatch):
    """Up/down (and a switch of dataset, which moves the highlight) paint the row left and the row
    reached, not the whole pane: a whole repaint of the focused pane (its border and tint with
    it) made switching datasets ~3 ms slower than the OptionList it replaced."""
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d")
        pane = app.query_one(DatasetPane)
        painted = []
        render_line = DatasetPane.render_line

        def counted(self, y):
            painted.append(y)
            return render_line(self, y)

        monkeypatch.setattr(DatasetPane, "render_line", counted)
        await press(app, pilot, "down")
        assert highlighted_text(app) == ["gpqa-diamond"]
        lines = pane_lines(app)
        rows = {lines.index("math-level-5"), lines.index("gpqa-diamond")}
        assert set(painted) == rows, (painted, rows)
        painted.clear()
        await press(app, pilot, "enter")  # opens it: the highlight is where it was, nothing to paint
        assert app.view.dataset_id == "gpqa-diamond" and not painted
        assert pane.highlighted == [row.id for row in pane.options].index("gpqa-diamond")
