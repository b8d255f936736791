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
    """Every key handed to the app's driver with no wait between them."""
    for key in keys:
        event = events.Key(KEY_NAMES.get(key, key), key)
        event.set_sender(app)
        app._driver.send_message(event)


async def run_with_burst(keys: str, check=None, *, size=(120, 40)) -> ScalescopeApp:
    """Start the app, wait for the first analysis, send ``keys`` in one burst; then, unless the
    app quit, ``await check(app, pilot)`` and exit. Returns the app (its return code and any
    exception it ended on)."""
    app = ScalescopeApp(n_boot=200)

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
            listed=[o.id for o in app.query_one("#dataset-list").options if o.id],
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
