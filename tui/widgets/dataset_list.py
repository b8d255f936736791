"""The dataset pane: bundled datasets grouped by benchmark family, fetched ones in their own groups,
opened files, a filter box. Each group's heading says where its datasets come from and when."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.css.scalar import Unit
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

from scalescope.engine._frozen import frozen

from ..text import printable, wrap_name


@frozen
class DatasetItem:
    id: str
    title: str
    group: str
    origin: str = ""  # "bundled", "fetched 2026-11-26", or "" (opened files)


class DatasetRow:
    """One entry of the list: a dataset (``id``), or a group's heading or the no-match line
    (``id`` None: shown, never highlighted by the keys, never opened). ``text`` is printable
    (tui/text.py); a dataset's id comes already broken into lines by ``wrap_name``."""

    __slots__ = ("text", "id", "kind")

    def __init__(self, text: str, id: str | None = None, kind: str = "item") -> None:
        self.text = text
        self.id = id
        self.kind = kind  # "item", "heading" or "note"

    @property
    def disabled(self) -> bool:
        return self.id is None

    @property
    def prompt(self) -> Text:
        """The row's text as a plain ``Text`` (never markup)."""
        return Text(self.text)


def _wrap_words(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` cells, broken at spaces (a word wider than a line is
    folded): a heading laid out as Textual's OptionList wrapped it."""
    if width < 1 or cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while cell_len(word) > width:
            head = set_cell_size(word, width)
            lines.append(head)
            word = word[len(head) :]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


class DatasetList(ScrollView, can_focus=True):
    """A list of rows drawn as one line-rendered view (as the points table is): only the lines on
    screen are drawn, from plain strings, with no widget per row and none of OptionList's
    per-option visuals. (The app's pane, :class:`DatasetPane`, is one.)

    Keys as Textual's OptionList had them: up/down (round the ends, skipping headings),
    PageUp/PageDown, Home/End, Enter (opens the highlighted row); a click opens the row under the
    pointer. The first line stays put while the rows scroll: the filter box's hint, "filter
    datasets  (/)", until the box is mounted there (on `/`; a click on the hint opens it). The
    lines are made at the width the layout gives the list (the scrollbar's room taken when they
    do not fit), so the first frame lays the list out once."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
        Binding("home", "first", "First", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("up", "cursor_up", "Up", show=False),
    ]

    COMPONENT_CLASSES = {
        "dataset-list--heading",
        "dataset-list--note",
        "dataset-list--hint",
        "dataset-list--highlighted",
        "dataset-list--hover",
    }

    # OptionList's look (its colours and cursor), its rules only
    DEFAULT_CSS = """
    DatasetList {
        height: 1fr;
        color: $foreground;
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        & > .dataset-list--heading { color: $text-disabled; text-style: bold; }
        & > .dataset-list--note { color: $text-disabled; }
        & > .dataset-list--hint { color: $text-disabled; }
        & > .dataset-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .dataset-list--hover { background: $block-hover-background; }
        & > FilterBox { dock: top; }
        &:focus {
            background-tint: $foreground 5%;
            & > .dataset-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    HINT = "filter datasets  (/)"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[DatasetRow] = []
        self._highlighted: int | None = None
        self._hover: int | None = None
        self.hint = True  # the first line shows the filter box's hint (no box mounted over it yet)
        self._lines: list[tuple[int, str]] = []  # (row, text) per screen line
        self._first_line: list[int] = []  # the row's first line
        self._lines_width: int | None = None  # the width the lines were made at
        self._lines_size: Size | None = None  # the list's size they were made for
        self._styles: dict[str, Style] = {}  # per frame (component styles walk the DOM)
        self.line_builds = 0  # times the lines were made (tests: once at start)

    # ---- the rows (OptionList's names, for the app, the tests and the benchmarks) -------------

    @property
    def options(self) -> list[DatasetRow]:
        return self._rows

    @property
    def option_count(self) -> int:
        return len(self._rows)

    def get_option_at_index(self, index: int) -> DatasetRow:
        return self._rows[index]

    def set_rows(self, rows: list[DatasetRow]) -> None:
        """Show ``rows``; the highlight is cleared (the pane sets it again)."""
        self._rows = list(rows)
        self._highlighted = self._hover = None
        self._remake()

    def _remake(self) -> None:
        """The lines again (new rows, the hint shown or not), at the list's size."""
        self._lines_size = None
        if self.is_mounted and self.size.width:
            self._make_lines(self.size)
            self.virtual_size = Size(self._lines_width or 0, len(self._lines) + self.fixed_lines)
        self.refresh()

    fixed_lines = 1  # the filter box's line, above the rows

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._rows) - 1)) if self._rows else None
        old, self._highlighted = self._highlighted, index
        if index is not None and not self._rows[index].disabled:
            self.scroll_to_highlight()
        if index != old:
            self._refresh_rows(old, index)

    def _refresh_rows(self, *indices: int | None) -> None:
        """Paint again only these rows' lines (the highlight or the pointer moved): the rest of the
        pane, its border too, stays as painted (a whole repaint, tinted while focused, cost a
        dataset switch ~3 ms)."""
        height = self.scrollable_content_region.height
        if not self._first_line or not height:
            self.refresh()
            return
        width, top, fixed = self.scrollable_content_region.width, round(self.scroll_y), self.fixed_lines
        for index in indices:
            if index is None or index >= len(self._first_line):
                continue
            end = self._first_line[index + 1] if index + 1 < len(self._first_line) else len(self._lines)
            y0, y1 = max(fixed, fixed + self._first_line[index] - top), min(height, fixed + end - top)
            if y1 > y0:
                self.refresh(Region(0, y0, width, y1 - y0))

    # ---- lines --------------------------------------------------------------------------------

    def _row_lines(self, row: DatasetRow, width: int) -> list[str]:
        if row.kind == "item":
            return [line if cell_len(line) <= width else set_cell_size(line, width) for line in row.text.split("\n")]
        return _wrap_words(row.text, width)

    def _lines_at(self, width: int) -> tuple[list[tuple[int, str]], list[int]]:
        lines: list[tuple[int, str]] = []
        first: list[int] = []
        for index, row in enumerate(self._rows):
            first.append(len(lines))
            lines.extend((index, text) for text in self._row_lines(row, width))
        return lines, first

    def _make_lines(self, size: Size) -> None:
        """The lines at the width the list has: its content width, less the scrollbar's room when
        the lines do not fit its height (as OptionList found after it was painted)."""
        width, height = size - self.styles.gutter.totals
        lines, first = self._lines_at(width)
        if len(lines) + self.fixed_lines > height and self.styles.overflow_y == "auto":
            width -= self.styles.scrollbar_size_vertical
            lines, first = self._lines_at(width)
        self._lines, self._first_line, self._lines_width, self._lines_size = lines, first, width, size
        self.line_builds += 1

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        if size.width and size != self._lines_size:
            self._make_lines(size)
            known = Size(self._lines_width or 0, len(self._lines) + self.fixed_lines)
            if self.virtual_size != known:
                self.set_reactive(DatasetList.virtual_size, known)  # this is the layout: no other one
        resized = super()._size_updated(size, self.virtual_size, container_size, layout)
        self._scroll_update(self.virtual_size)
        self.scroll_to_highlight()
        return resized

    @property
    def page_lines(self) -> int:
        return max(1, self.scrollable_content_region.height - self.fixed_lines)

    def scroll_to_highlight(self) -> None:
        index = self._highlighted
        if index is None or not self._first_line or not self.size.height:
            return
        first = self._first_line[index]
        last = (self._first_line[index + 1] if index + 1 < len(self._first_line) else len(self._lines)) - 1
        top, page = round(self.scroll_y), self.page_lines
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + page:
            self.scroll_to(y=min(first, last - page + 1), animate=False, immediate=True)

    # ---- drawing ------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = {}
        return super().render_lines(crop)

    def _style(self, component: str = "") -> Style:
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style = style + self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y < self.fixed_lines:
            text, style = self.HINT if self.hint else "", self._style("dataset-list--hint")
        else:
            number = round(self.scroll_y) + y - self.fixed_lines
            if not 0 <= number < len(self._lines):
                return Strip.blank(width, self._style())
            index, text = self._lines[number]
            row = self._rows[index]
            if row.disabled:
                component = "dataset-list--heading" if row.kind == "heading" else "dataset-list--note"
            elif index == self._highlighted:
                component = "dataset-list--highlighted"
            elif index == self._hover:
                component = "dataset-list--hover"
            else:
                component = ""
            style = self._style(component)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)

    # ---- keys and the mouse ---------------------------------------------------------------------

    def _enabled(self, indices) -> int | None:
        return next((i for i in indices if not self._rows[i].disabled), None)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """The next dataset up or down, round the ends (OptionList's find_next_enabled)."""
        n = len(self._rows)
        if not n:
            return
        anchor = self._highlighted
        if anchor is None:
            self.highlighted = self._enabled(range(n) if direction == 1 else range(n - 1, -1, -1))
            return
        found = self._enabled([(anchor + direction * k) % n for k in range(1, n + 1)])
        self.highlighted = anchor if found is None else found

    def action_first(self) -> None:
        self.highlighted = self._enabled(range(len(self._rows)))

    def action_last(self) -> None:
        self.highlighted = self._enabled(range(len(self._rows) - 1, -1, -1))

    def _move_page(self, direction: int) -> None:
        """A page of lines up or down, then the nearest dataset that way (OptionList's _move_page)."""
        if not self._rows or not self._lines:
            return
        line = self._first_line[self._highlighted or 0] + direction * self.page_lines
        line = max(0, min(line, len(self._lines) - 1))
        anchor = self._lines[line][0]
        ahead = range(anchor, len(self._rows)) if direction == 1 else range(anchor, -1, -1)
        found = self._enabled(ahead)
        if found is None:  # none that way: the nearest the other way
            behind = range(anchor, -1, -1) if direction == 1 else range(anchor, len(self._rows))
            found = self._enabled(behind)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        if self._highlighted is None:
            self.action_last()
        else:
            self._move_page(1)

    def action_page_up(self) -> None:
        if self._highlighted is None:
            self.action_first()
        else:
            self._move_page(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The list's keys act while the list has the focus, not while its filter box has it (the
        box's PageUp/PageDown, up and down are the app's, as before the box was in the list).
        The screen's focus, not ``has_focus``: that is set when the list handles its Focus event,
        after the keys that came in one burst with the `d` that gave it the focus (`d Down Enter`)."""
        if action in LIST_ACTIONS:
            return self.is_attached and self.screen.focused is self
        return super().check_action(action, parameters)

    def action_select(self) -> None:
        index = self._highlighted
        if index is not None and not self._rows[index].disabled:
            self.chosen(self._rows[index].id or "")

    def chosen(self, row_id: str) -> None:
        """Enter or a click on a row that can be opened."""

    def _row_at(self, y: int) -> int | None:
        number = round(self.scroll_y) + y - self.fixed_lines
        if y < self.fixed_lines or not 0 <= number < len(self._lines):
            return None
        return self._lines[number][0]

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or event.widget is not self:  # not a click in the filter box
            return
        if offset.y < self.fixed_lines:  # the hint: the filter box, as `/` opens it
            await self.run_action("app.filter")
            return
        index = self._row_at(offset.y)
        if index is not None and not self._rows[index].disabled:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        hover = None if offset is None else self._row_at(offset.y)
        if hover != self._hover:
            old, self._hover = self._hover, hover
            self._refresh_rows(old, hover)

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            old, self._hover = self._hover, None
            self._refresh_rows(old)


LIST_ACTIONS = frozenset({"cursor_down", "cursor_up", "first", "last", "page_down", "page_up", "select"})


class FilterBox(Input):
    """The filter box. Escape leaves it at once, and the keys that came with the Escape (one burst:
    `/zzz`, Esc, `/gpqa`) are the app's again: they went on into the box (it read 'zzz/gpqa'),
    as the box kept the focus until the app had handled the Escape."""

    _left = False  # Escape was pressed here: the keys still on their way to the box are not for it

    async def _on_key(self, event: events.Key) -> None:
        if self._left or (event.key == "escape" and not getattr(self.app, "_quitting", False)):
            event.prevent_default()  # not typed here (Input's own _on_key)
            event.stop()
            if self._left:  # handed back to the app, in order: it sends each where the focus is now
                self.app.post_message(events.Key(event.key, event.character))
                return
            self._left = True
            await self.app.run_action("main_view")
            view = getattr(self.app, "main_view", None)
            if self.has_focus and view is not None:
                self.screen.set_focus(view())  # now, not after the keys already received

    def _on_focus(self, event: events.Focus) -> None:
        self._left = False


class DatasetPane(DatasetList):
    """The datasets, one widget on the first screen: the list draws its rows itself, and the filter
    box is mounted over its first line when `/` first asks for it (until then that line is the
    box's hint: an Input costs the first frame its rules, its mount and a cursor timer, and a
    widget inside the pane its layout and paint). Posts :class:`DatasetPane.Chosen`."""

    BORDER_TITLE = "Datasets"

    class Chosen(Message):
        def __init__(self, dataset_id: str) -> None:
            super().__init__()
            self.dataset_id = dataset_id

    def __init__(self, items: list[DatasetItem], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = list(items)
        self.current: str | None = None
        self._box: FilterBox | None = None

    @property
    def is_container(self) -> bool:
        """A container once it holds the filter box (laid out, docked over the first line); a
        ScrollView is none, so until then nothing in it is laid out."""
        return bool(self._nodes)

    def on_mount(self) -> None:
        self._fill("")

    @property
    def filter_text(self) -> str:
        """The text in the filter box ("" while there is no box)."""
        return self._box.value if self._box is not None else ""

    def filter_box(self) -> FilterBox:
        """The filter box, mounted above the list the first time it is asked for (`/`). It is
        registered at once, so it can take the focus and the keys that follow in the same burst
        (they queue behind its mount)."""
        if self._box is None:
            self._box = FilterBox(placeholder=self.HINT, id="dataset-filter", compact=True)
            self.mount(self._box)
            self.hint = False
            self.refresh()
        return self._box

    def clear_filter(self) -> None:
        """Empty the filter box (its Changed refills the list)."""
        if self._box is not None and self._box.value:
            self._box.value = ""

    def add(self, item: DatasetItem) -> None:
        self.items = [i for i in self.items if i.id != item.id] + [item]
        self._fill(self.filter_text)

    def select(self, dataset_id: str) -> None:
        self.current = dataset_id
        for index, row in enumerate(self.options):
            if row.id == dataset_id:
                self.highlighted = index
                break

    def _name_width(self) -> int:
        """Cells a name may take on one line (long ids wrap after a '-', never mid-word)."""
        content = self.size.width
        styled = self.styles.width
        if not content and styled is not None and styled.unit == Unit.CELLS:
            # not laid out yet (the app's first frame): the width its CSS gives it, so the list
            # is filled once, at the width it is first painted at
            content = int(styled.value) - self.styles.gutter.width
        width = content - 4  # room for the scrollbar (and 2 cells, as when the pane held an OptionList)
        return width if width > 8 else 20

    def on_resize(self) -> None:
        width = self._name_width()
        if width != getattr(self, "_filled_width", width):
            self._fill(self.filter_text)

    def _fill(self, text: str) -> None:
        self._filled_width = self._name_width()
        needle = text.strip().lower()
        rows = []
        group = None
        width = self._name_width()
        for item in self.items:
            if needle and needle not in f"{item.id} {item.title} {item.group} {item.origin}".lower():
                continue
            if item.group != group:
                group = item.group
                heading = f"{group} · {item.origin}" if item.origin else group
                rows.append(DatasetRow(printable(heading), kind="heading"))  # wraps at its spaces
            rows.append(DatasetRow(wrap_name(item.id, width).plain, id=item.id))
        if needle and not rows:  # said, not a blank pane
            rows.append(DatasetRow(printable(f"no dataset matches '{text.strip()}'"), kind="note"))
        self.set_rows(rows)  # at once, one refresh
        if self.current:
            self.select(self.current)
        if (
            needle and self.highlighted is None
        ):  # the one shown is filtered out: Enter in the list opens the first match
            first = next((i for i, row in enumerate(rows) if row.id), None)
            if first is not None:
                self.highlighted = first

    @on(Input.Changed, "#dataset-filter")
    def _filter(self, event: Input.Changed) -> None:
        # the box's text now, not the event's: in a burst, the Changed of each key arrives after
        # the box already holds the next ones (and after an Enter that read the list)
        self._fill(self.filter_text)

    @on(Input.Submitted, "#dataset-filter")
    def _open_first(self) -> None:
        """Enter in the filter box opens the first match of the text in the box now; the list takes
        the focus. With no match, nothing opens and the focus stays in the box.

        In a burst (`/gpqa-d⏎` in one read), Enter is handled before the Changed of the keys typed
        ahead of it: the list still showed every dataset, and the first of them (math-level-5)
        opened while the box showed the query. The list is filled from the box's text first."""
        self._fill(self.filter_text)
        first = next((row for row in self.options if row.id), None)
        if first is None or first.id is None:  # nothing to open: the focus stays in the box, where it is seen
            return
        self.current = first.id
        self.select(first.id)
        self.post_message(self.Chosen(first.id))
        self.focus()

    def chosen(self, row_id: str) -> None:
        self.current = row_id
        self.post_message(self.Chosen(row_id))
