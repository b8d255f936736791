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


def send_burst(app, keys: str) -> None:
    """Every key handed to the app's driver with no wait between them (a newline is Enter)."""
    for key in keys:
        event = events.Key("enter", "\r") if key == "\n" else events.Key(KEY_NAMES.get(key, key), key)
        event.set_sender(app)
        app._driver.send_message(event)


async def run_with_burst(keys: str, check=None, *, size=(120, 40), source=None) -> ScalescopeApp:
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
