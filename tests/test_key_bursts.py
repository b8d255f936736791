"""Keys that arrive in one burst (a fast typist, a paste, an SSH link that delivers several keys in
one packet): each is handled as if typed slowly.

The app runs as the real one does (``run_async``, so it may exit itself on q; ``run_test``'s
context would wait for it), and the keys go to its driver all at once, before the app has
handled the first: the way the terminal's input thread hands over the keys of one read."""

from __future__ import annotations

from textual import events

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.tab_bar import TabBar

KEY_NAMES = {"?": "question_mark", "/": "slash", "$": "dollar_sign", " ": "space"}


def send_burst(app, keys: str | list[events.Key]) -> None:
    """Every key handed to the app's driver with no wait between them: characters (a newline is
    Enter), or Key events (keys that are not characters: arrows)."""
    for key in keys:
        if isinstance(key, events.Key):
            event = key
        else:
            event = events.Key("enter", "\r") if key == "\n" else events.Key(KEY_NAMES.get(key, key), key)
        event.set_sender(app)
        app._driver.send_message(event)


async def run_with_burst(keys: str | list[events.Key], check=None, *, size=(120, 40), source=None) -> ScalescopeApp:
    """Start the app, wait for the first analysis, send ``keys`` in one burst; then, unless the
    app quit, ``await check(app, pilot)`` and exit. Returns the app (its return code and any
    exception it ended on)."""
    app = ScalescopeApp(source, n_boot=200)

    async def pilot_burst(pilot) -> None:
        for _ in range(200):
            await pilot.pause()
            if app.analysis is not None:
                break
        send_burst(app, keys)
        if check is not None:
            await check(app, pilot)
            app.exit()
            return
        for _ in range(200):  # the app quits by itself (bounded in rounds: a test that fails, not one that hangs)
            await pilot.pause()
            if app._exit:
                return
        app.stuck = True
        app.exit()

    await app.run_async(headless=True, size=size, auto_pilot=pilot_burst)
    return app


async def test_keys_after_q_do_nothing_while_the_app_closes():
    """q then a, s, c, v, b or o in one burst: the second key opened a screen while the app closed,
    and its on_mount found no widgets (NoMatches, a traceback and exit status 1)."""
    ended = {}
    for key in "ascvbo?edl$/p":
        app = await run_with_burst("q" + key)
        error = None if app._exception is None else type(app._exception).__name__
        ended[key] = (app.return_code, error or getattr(app, "stuck", None) and "did not quit")
    assert ended == {key: (0, None) for key in ended}


def filter_check(seen: dict):
    async def check(app, pilot) -> None:
        for _ in range(20):
            await pilot.pause()
        seen.update(
            value=app.query_one("#dataset-filter").value,
            screen=type(app.screen).__name__,
            focused=getattr(app.focused, "id", None),
            listed=[o.id for o in app.query_one("#datasets").options if o.id],
            log_x=app.view.log_x,
            tab=app.query_one(TabBar).active,
        )

    return check


async def test_keys_typed_right_after_slash_go_to_the_filter_box():
    """/ and a query in one burst: the query is typed into the filter box. The keys were handled
    before the box had the focus: lost, or run as the app's keys (o opened the Open dialog, q quit).
    The keys before `/` in the burst keep their place (l: linear-x; p: the points tab)."""
    for size in ((80, 24), (200, 50)):
        for before, query in (("", "otis"), ("", "gpqa"), ("l", "gpqa"), ("p", "otis")):
            seen: dict = {}
            app = await run_with_burst(before + "/" + query, filter_check(seen), size=size)
            assert app.return_code == 0 and app._exception is None
            assert seen["value"] == query, (size, before, seen)
            assert seen["screen"] == "MainScreen" and seen["focused"] == "dataset-filter"
            assert seen["listed"] and all(query in i for i in seen["listed"])
            assert seen["log_x"] is (before != "l") and seen["tab"] == (
                "tab-points" if before == "p" else "tab-summary"
            )


def open_check(seen: dict, then: str = ""):
    async def check(app, pilot) -> None:
        for _ in range(30):
            await pilot.pause()
        seen["opened"] = app.view.dataset_id
        seen["value"] = app.query_one("#dataset-filter").value
        seen["title"] = str(app.query_one("#chart").border_title)
        if then:
            app.query_one("#datasets").focus()
            await pilot.pause()
            send_burst(app, then)
            for _ in range(30):
                await pilot.pause()
            seen["then"] = app.view.dataset_id

    return check


async def test_slash_a_query_and_enter_in_one_burst_open_the_first_match():
    """/gpqa-d then Enter in one burst (an SSH packet): Enter opened the first dataset of the
    unfiltered list (math-level-5) while the box showed the query and the list only its match;
    Enter was handled before the Changed of the keys typed ahead of it. A second Enter did not
    open the match either (the list had no highlight)."""
    for size in ((80, 24), (200, 50)):
        for query, expected in (
            ("gpqa-d", "gpqa-diamond"),
            ("epoch-gp", "epoch-gpqa-diamond"),
            ("otis", "otis-mock-aime"),
        ):
            source = "math-level-5" if expected == "otis-mock-aime" else "otis-mock-aime"
            seen: dict = {}
            app = await run_with_burst("/" + query + "\n", open_check(seen), size=size, source=source)
            assert app.return_code == 0 and app._exception is None
            assert seen["opened"] == expected, (size, query, seen)
            assert seen["value"] == query and expected in seen["title"]


async def test_slash_and_a_query_pressed_without_pauses_open_the_first_match():
    """The same through pilot.press: every key of `/gpqa-d⏎` in one call. (pilot.press waits for
    the app to be idle after each key, so this passed on the old code too: the burst test above,
    with the keys handed to the driver at once, is the one that shows the bug.)"""
    app = ScalescopeApp("otis-mock-aime", n_boot=200)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if app.analysis is not None:
                break
        await pilot.press("slash", *"gpqa-d", "enter")
        for _ in range(30):
            await pilot.pause()
        assert app.view.dataset_id == "gpqa-diamond"
        assert app.focused.id == "datasets"


async def test_enter_in_the_list_after_a_filter_opens_its_first_match():
    """After `/gpqa-d` the list holds only the matches; Enter in it opens the highlighted
    (first) match, not nothing: the dataset shown before was filtered out and the list had no
    highlight, so a later Enter did nothing."""
    seen: dict = {}
    app = await run_with_burst("/gpqa-d", open_check(seen, then="\n"), size=(200, 50), source="otis-mock-aime")
    assert app._exception is None
    assert seen["opened"] == "otis-mock-aime" and seen["then"] == "gpqa-diamond", seen


async def test_escape_and_a_new_query_in_one_burst_from_the_filter_box():
    """In the box after `/zzz` (no match): Esc, `/gpqa-d` and Enter in one burst. The box kept the
    focus until the app had handled the Escape, so the keys after it were typed into the box and
    then emptied with it: nothing opened and the query was lost. They are the app's again now."""
    seen: dict = {}

    async def check(app, pilot) -> None:
        for _ in range(10):
            await pilot.pause()
        send_burst(app, "/zzz")
        for _ in range(20):
            await pilot.pause()
        assert app.focused.id == "dataset-filter" and app.query_one("#dataset-filter").value == "zzz"
        event = events.Key("escape", None)
        event.set_sender(app)
        app._driver.send_message(event)
        send_burst(app, "/gpqa-d\n")
        for _ in range(30):
            await pilot.pause()
        seen.update(value=app.query_one("#dataset-filter").value, opened=app.view.dataset_id)

    app = await run_with_burst("", check, size=(80, 24), source="otis-mock-aime")
    assert app._exception is None
    assert seen == {"value": "gpqa-d", "opened": "gpqa-diamond"}, seen


def terminal_keys(data: str) -> list[events.Key]:
    """The keys Textual's terminal driver makes of these characters (its own parser)."""
    from textual._xterm_parser import XTermParser

    return [event for event in XTermParser().feed(data) if isinstance(event, events.Key)]


class StartBurstApp(ScalescopeApp):
    """The app with keys that reach it as it starts: handed to its driver on its Mount, before
    the first frame (the app's own on_mount runs after this one)."""

    burst: list[events.Key] = []

    def on_mount(self) -> None:
        for event in self.burst:
            self._driver.send_message(event)


async def test_slash_a_query_and_enter_typed_while_the_app_starts_open_the_first_match():
    """`/gpqa` Enter typed as the app opens: until Textual sets the terminal to raw mode, the
    terminal turns Enter's carriage return into a line feed (ICRNL), which Textual reads as
    Ctrl+J. The query went into the box, but nothing opened (a second Enter did). The keys are
    handed over before the first frame, as the driver reads them, and the screen is read."""
    from tests.screen import screen_text

    assert [e.key for e in terminal_keys("/gpqa\n")] == ["slash", "g", "p", "q", "a", "ctrl+j"]
    for typed in ("/gpqa\n", "/gpqa\r"):  # Enter as the cooked terminal passed it on, and as typed later
        for size in ((80, 24), (200, 50)):
            app = StartBurstApp(n_boot=200)
            app.burst = keys = terminal_keys(typed)  # new events per app (one is handled once)
            async with app.run_test(size=size) as pilot:
                for _ in range(40):
                    await pilot.pause()
                shown = screen_text(app)
                assert app.view.dataset_id == "gpqa-diamond", (size, [e.key for e in keys])
                assert app.query_one("#dataset-filter").value == "gpqa"
                assert "· gpqa-diamond" in shown and "math-level-5" not in shown.split("\n")[1], shown
                assert app.focused.id == "datasets"  # the list has the focus: a q next quits


def _keys(*names: str) -> list[events.Key]:
    return [events.Key(name, None) for name in names]


async def run_with_keys(keys: list[events.Key], check, *, size, source) -> ScalescopeApp:
    """As run_with_burst, for keys that are not characters (arrows)."""
    return await run_with_burst(keys, check, size=size, source=source)


async def test_keys_typed_with_d_act_on_the_pane_it_shows():
    """`d Down Enter` in one burst (80x24, the pane hidden): the pane opened, but the focus moved
    to its list only after the keys already received, so Down and Enter were lost: the cursor
    stayed and so did the dataset. `d Up Up` at 200x50 (the pane shown, the summary focused)
    likewise. The keys after `d` act on the list, in order; `d` again hides it and the keys
    after that are the summary's."""
    from tests.screen import screen_text

    source = "arc-agi-2-private-eval"
    for size, after, steps in (((80, 24), ("down", "enter"), 1), ((200, 50), ("up", "up", "enter"), -2)):
        seen: dict = {}

        async def check(app, pilot, seen=seen, steps=steps) -> None:
            for _ in range(30):
                await pilot.pause()
            pane = app.query_one("#datasets")
            seen["opened"] = app.view.dataset_id
            seen["highlighted"] = pane.options[pane.highlighted].id
            seen["screen"] = screen_text(app)
            ids = [row.id for row in pane.options if row.id]
            seen["expected"] = ids[(ids.index(source) + steps) % len(ids)]
            seen["focused"] = app.focused.id

        app = await run_with_keys(_keys("d", *after), check, size=size, source=source)
        assert app._exception is None
        assert seen["opened"] == seen["highlighted"] == seen["expected"] != source, (size, seen)
        assert f"· {seen['expected']}" in seen["screen"] and seen["focused"] == "datasets"

    # d (the pane shown and focused) then Down: the pane hides and Down scrolls the summary, not the list
    seen = {}

    async def hide_check(app, pilot) -> None:
        for _ in range(30):
            await pilot.pause()
        pane = app.query_one("#datasets")
        seen.update(
            shown=pane.display,
            focused=app.focused.id,
            highlighted=pane.options[pane.highlighted].id,
            scrolled=app.query_one("#summary-scroll").scroll_y,
        )

    async def open_then_hide(app, pilot) -> None:
        for _ in range(10):
            await pilot.pause()
        await pilot.press("d")
        assert app.focused.id == "datasets"
        for event in _keys("d", "down", "down"):
            event.set_sender(app)
            app._driver.send_message(event)
        await hide_check(app, pilot)

    app = await run_with_keys(
        [], open_then_hide, size=(80, 24), source="math-level-5"
    )  # a summary taller than its pane
    assert app._exception is None
    assert seen["shown"] is False and seen["focused"] == "summary-scroll", seen
    assert seen["highlighted"] == "math-level-5" and seen["scrolled"] > 0, seen


async def test_keys_typed_with_p_act_on_the_points_table():
    """`p Down Down` and `p End` in one burst: the focus moved to the points table after a refresh
    and the table was filled on the tab's message, both after the keys already received, so they
    scrolled the hidden summary and the table's cursor stayed on its first row. The burst ends
    where the same keys pressed one at a time end."""
    for after in (("down", "down"), ("end",), ("end", "up")):
        seen: dict = {}

        async def check(app, pilot, seen=seen) -> None:
            for _ in range(30):
                await pilot.pause()
            seen.update(
                row=app.query_one("#points").cursor_row,
                summary=app.query_one("#summary-scroll").scroll_y,
                focused=app.focused.id,
            )

        app = await run_with_keys(_keys("p", *after), check, size=(80, 24), source="math-level-5")
        assert app._exception is None
        slow = ScalescopeApp("math-level-5", n_boot=200)
        async with slow.run_test(size=(80, 24)) as pilot:
            for _ in range(30):
                await pilot.pause()
            for key in ("p", *after):
                await pilot.press(key)
                await pilot.pause()
            expected = dict(
                row=slow.query_one("#points").cursor_row,
                summary=slow.query_one("#summary-scroll").scroll_y,
                focused=slow.focused.id,
            )
        assert expected["row"] > 0 and expected["focused"] == "points"
        assert seen == expected, (after, seen, expected)


async def test_b_a_model_and_enter_in_one_burst_pick_that_model():
    """`b 20240620 Enter` in one burst: the dialog's filter box had the focus before the typed
    keys reached it, so they were lost (only the dataset filter's were passed on), and Enter
    picked the dialog's first row (claude-2.0) before the list was filtered."""
    from tests.screen import screen_text

    seen: dict = {}

    async def check(app, pilot) -> None:
        for _ in range(40):
            await pilot.pause()
        seen.update(screen=type(app.screen).__name__, base=app.view.options.base, text=screen_text(app))

    app = await run_with_burst("b20240620\n", check, size=(80, 24), source="epoch-math-level-5")
    assert app._exception is None
    assert seen["screen"] == "MainScreen" and seen["base"] == "claude-3-5-sonnet-20240620", seen["base"]
    assert "base claude-3-5-sonnet-20240620" in seen["text"].replace("\n", " ")
