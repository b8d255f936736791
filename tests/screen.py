"""Read what a Textual app shows: the screen's text, and any live link or click action on it."""

from __future__ import annotations


def screen_lines(app) -> list[str]:
    """The current screen as plain text lines (a modal screen includes what shows behind it)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def live_links(app, strips=None) -> set[tuple[str, str, str]]:
    """Every (kind, target, text) on screen that a click would follow: a ``link`` style or an
    ``@click`` action. scalescope itself draws none, so any is data read as markup."""
    found = set()
    for strip in app.screen._compositor.render_strips() if strips is None else strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link:
                found.add(("link", style.link, segment.text))
            if style.meta and "@click" in style.meta:
                found.add(("click", str(style.meta["@click"]), segment.text))
    return found


def find(app, needle: str) -> tuple[int, int] | None:
    """Screen (x, y) of the first cell of ``needle``, or None (single-width characters before it)."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(needle)
        if x >= 0:
            return x, y
    return None


async def settle(app, pilot):
    """Let the app go idle: a pause, the workers that fill the screen (analysis, open, claims)
    finished, and one more pause for what they posted."""
    await pilot.pause()
    ours = [w for w in app.workers if w.group in ("analysis", "open", "claims")]
    if ours:
        await app.workers.wait_for_complete(ours)
    await pilot.pause()
