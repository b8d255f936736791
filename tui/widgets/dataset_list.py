"""The dataset pane: bundled datasets grouped by benchmark family, fetched ones in their own groups,
opened files, a filter box. Each group's heading says where its datasets come from and when."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.scalar import Unit
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from scalescope.engine._frozen import frozen

from ..text import literal, wrap_name


@frozen
class DatasetItem:
    id: str
    title: str
    group: str
    origin: str = ""  # "bundled", "fetched 2026-11-26", or "" (opened files)


class DatasetList(OptionList):
    """Textual's OptionList, sized when it is laid out rather than when it is first painted.

    OptionList works out its lines (and so its virtual size) only while it paints; the new virtual
    size then asks for another layout of the whole screen, and the Resize that follows throws its
    lines away and paints them again (~10 ms before the first frame). Here the virtual size is set
    as the layout gives the list its size (the same sum OptionList's own get_content_height makes),
    and a Resize that leaves the width its lines were made at keeps them. If the guess is ever
    wrong (a scrollbar appears and narrows it), the paint corrects it as before."""

    _lines_width: int | None = None  # the content width the line cache was built at

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        region = self.scrollable_content_region
        if region and self.options:
            width = region.width - self._get_left_gutter_width()
            height = self.get_content_height(region.size, region.size, width)
            if self.virtual_size != (known := Size(width, height)):
                self.set_reactive(OptionList.virtual_size, known)  # this is the layout: no other one
                self._scroll_update(known)
        return resized

    def _update_lines(self) -> None:
        fresh = not self._line_cache.lines
        super()._update_lines()
        if fresh and self._line_cache.lines:
            self._lines_width = self.scrollable_content_region.width

    def _on_resize(self, event: events.Resize) -> None:
        if self._line_cache.lines and self._lines_width == self.scrollable_content_region.width:
            event.prevent_default()  # same width, same lines: OptionList's own handler would redo them


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


class DatasetPane(Vertical):
    """A filter box above a list of datasets. Posts :class:`DatasetPane.Chosen`."""

    BORDER_TITLE = "Datasets"

    class Chosen(Message):
        def __init__(self, dataset_id: str) -> None:
            super().__init__()
            self.dataset_id = dataset_id

    def __init__(self, items: list[DatasetItem], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = list(items)
        self.current: str | None = None

    def compose(self) -> ComposeResult:
        yield FilterBox(placeholder="filter datasets  (/)", id="dataset-filter", compact=True)
        yield DatasetList(id="dataset-list")

    def on_mount(self) -> None:
        self._fill("")

    def add(self, item: DatasetItem) -> None:
        self.items = [i for i in self.items if i.id != item.id] + [item]
        self._fill(self.query_one(Input).value)

    def select(self, dataset_id: str) -> None:
        self.current = dataset_id
        option_list = self.query_one(OptionList)
        for index in range(option_list.option_count):
            if option_list.get_option_at_index(index).id == dataset_id:
                option_list.highlighted = index
                break

    def _name_width(self) -> int:
        """Cells a name may take on one line (long ids wrap after a '-', never mid-word)."""
        content = self.size.width
        styled = self.styles.width
        if not content and styled is not None and styled.unit == Unit.CELLS:
            # not laid out yet (the app's first frame): the width its CSS gives it, so the list
            # is filled once, at the width it is first painted at
            content = int(styled.value) - self.styles.gutter.width
        width = content - 6  # border, padding and room for the scrollbar
        return width if width > 8 else 20

    def on_resize(self) -> None:
        width = self._name_width()
        if width != getattr(self, "_filled_width", width):
            self._fill(self.query_one(Input).value)

    def _fill(self, text: str) -> None:
        self._filled_width = self._name_width()
        needle = text.strip().lower()
        option_list = self.query_one(OptionList)
        options = []
        group = None
        width = self._name_width()
        for item in self.items:
            if needle and needle not in f"{item.id} {item.title} {item.group} {item.origin}".lower():
                continue
            if item.group != group:
                group = item.group
                heading = f"{group} · {item.origin}" if item.origin else group
                options.append(Option(literal(heading, "bold dim"), disabled=True))  # wraps at its spaces
            options.append(Option(wrap_name(item.id, width), id=item.id))
        if needle and not options:  # said, not a blank pane
            options.append(Option(literal(f"no dataset matches '{text.strip()}'", "dim"), disabled=True))
        option_list.clear_options()
        option_list.add_options(options)  # at once: one added at a time refreshed the list each time
        if self.current:
            self.select(self.current)
        if (
            needle and option_list.highlighted is None
        ):  # the one shown is filtered out: Enter in the list opens the first match
            first = next((i for i, o in enumerate(options) if o.id), None)
            if first is not None:
                option_list.highlighted = first

    @on(Input.Changed, "#dataset-filter")
    def _filter(self, event: Input.Changed) -> None:
        # the box's text now, not the event's: in a burst, the Changed of each key arrives after
        # the box already holds the next ones (and after an Enter that read the list)
        self._fill(self.query_one(Input).value)

    @on(Input.Submitted, "#dataset-filter")
    def _open_first(self) -> None:
        """Enter in the filter box opens the first match of the text in the box now; the list takes
        the focus. With no match, nothing opens and the focus stays in the box.

        In a burst (`/gpqa-d⏎` in one read), Enter is handled before the Changed of the keys typed
        ahead of it: the list still showed every dataset, and the first of them (math-level-5)
        opened while the box showed the query. The list is filled from the box's text first."""
        self._fill(self.query_one(Input).value)
        option_list = self.query_one(OptionList)
        first = next(
            (
                option_list.get_option_at_index(i)
                for i in range(option_list.option_count)
                if option_list.get_option_at_index(i).id
            ),
            None,
        )
        if first is None:  # nothing to open: the focus stays in the box, where it is seen (the list has no mark)
            return
        self.current = first.id
        self.select(first.id)
        self.post_message(self.Chosen(first.id))
        option_list.focus()

    @on(OptionList.OptionSelected, "#dataset-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.current = event.option.id
            self.post_message(self.Chosen(event.option.id))
