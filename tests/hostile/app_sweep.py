"""The app sweep: every hostile file through the app with Textual's pilot.

One app instance opens the files one after another; after each it presses ``v b r c p e ctrl+p ?``
(with escape closing each dialog) and records, per file, what the issue asks to be zero:

- ``crash``: the app died (an exception escaped) or is no longer running;
- ``hang``: the read did not end within the guard (a read that never returns);
- ``links``: a live link or ``@click`` action on screen (markup from the data run as markup);
- ``missing``: a markup-like tag in the text from the data (the file name, the names, labels and
  title read from it, the messages about it) that appears nowhere in what the app rendered for
  the file (screen text, Toasts, dialogs, the points table): the tag was eaten as markup;
- ``controls``: a raw control character on screen or in a notification;
- ``changed``: the file (or folder) differs afterwards.

Run by tests/hostile/test_app_sweep.py in a subprocess per class (a memory limit, and one bad
class cannot take the test process down): ``python -m tests.hostile.app_sweep DEST LIST OUT``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import stat
import sys
import time
from pathlib import Path

KEYS = ("v", "b", "r", "c", "p", "e", "ctrl+p", "question_mark")
TAG = re.compile(r"\[[^\[\]\n]{0,80}\]")
READ_GUARD_S = 120.0  # a read still running after this is reported as a hang (not a speed limit)


def fingerprint(path: Path) -> object:
    """What must not change: bytes of regular files, the listing and bytes of folders, the kind
    and target of anything else (never opened: it may be a FIFO or a device)."""
    st = os.lstat(path)
    if stat.S_ISREG(st.st_mode):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return ("file", st.st_size, digest.hexdigest())
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):  # hashed without recursion: the corpus holds a folder 900 levels deep
        from tests.hostile.sweep import fingerprint as tree

        return ("dir", tree(path))
    return ("special", stat.S_IFMT(st.st_mode))


def data_strings(app, path: Path, before) -> list[str]:
    """The text from the data that the app has to show for this file: its name, the strings of
    the dataset read from it (names, labels, title, notes), and the messages about it."""
    strings = [path.name]
    ds = app.datasets.get(app.view.dataset_id)
    if ds is not None and ds is not before:  # read from this file
        strings += [ds.id, ds.title, ds.x.name, *ds.notes]
        for column in ("model", "series", "role", "label", "source"):
            strings += [str(v)[:60] for v in dict.fromkeys(ds.points[column].tolist())]
    strings += [n.message for n in app._notifications]
    return strings


def capture(app) -> tuple[str, set]:
    """What the app shows now, as rendered (the screen, every notification's Toast, the points
    table's first 200 rows), and the live links on the screen."""
    from textual.widgets import DataTable
    from textual.widgets._toast import Toast

    from scalescope.tui.widgets.points_table import PointsTable
    from tests.screen import live_links

    strips = app.screen._compositor.render_strips()
    parts = ["\n".join(strip.text for strip in strips)]
    parts += [toast.render().plain for toast in app.screen.query(Toast)]
    for table in [*app.query(DataTable), *app.query(PointsTable)]:
        for index in range(min(table.row_count, 200)):
            parts.append(" ".join(str(cell) for cell in table.get_row_at(index)))
    return "\n".join(parts), live_links(app, strips)


async def _settle(app, pilot) -> bool:
    """Wait on conditions, not on time: the screen has handled its messages, the app's read and
    analysis workers have finished, and the layout is up to date. False: a worker still runs
    after READ_GUARD_S (a read that never returns)."""
    deadline = time.monotonic() + READ_GUARD_S
    while True:
        await pilot._wait_for_screen()
        busy = [w for w in app.workers if w.group in ("analysis", "open") and not w.is_finished]
        if not busy:
            break
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    app.screen._on_timer_update()  # lay out and paint what the messages changed
    await pilot._wait_for_screen()  # e.g. call_after_refresh callbacks
    return True


async def _to_main_screen(app, pilot) -> None:
    """Close any dialog; letters then go to the app's keys, not to a text box (this sweep is about
    data, not focus: tests/test_app.py covers where focus goes)."""
    from textual.widgets import Input

    for _ in range(5):
        if len(app.screen_stack) <= 1:
            break
        await pilot.press("escape")
        await _settle(app, pilot)
    if app.focused is None or isinstance(app.focused, Input):
        app.focus_main()  # where the app puts it at start and on Escape
        await _settle(app, pilot)


async def _look(app, pilot, seen: list[str], links: set) -> bool:
    """Wait for the app to settle, then record what it shows; False: a worker outlived the guard."""
    settled = await _settle(app, pilot)
    text, found = capture(app)
    seen.append(text)
    links |= found
    return settled


async def sweep(paths: list[Path], results: list[dict], size: tuple[int, int] = (120, 36)) -> None:
    """Append one result per file to ``results`` (kept when the app dies half-way)."""
    from scalescope.tui.app import ScalescopeApp
    from scalescope.tui.text import CONTROL, printable
    from scalescope.tui.widgets.tab_bar import TabBar

    app = ScalescopeApp(n_boot=0, export_dir=Path(os.environ.get("TMPDIR", "/tmp")))
    async with app.run_test(size=size, notifications=True) as pilot:
        await _settle(app, pilot)
        for path in paths:
            print(f"sweep: {path.name!r}", file=sys.stderr, flush=True)
            started, cpu = time.perf_counter(), time.process_time()
            before = fingerprint(path)
            result = {"name": path.name, "crash": None, "hang": False, "links": [], "missing": [], "controls": []}
            results.append(result)
            seen: list[str] = []
            links: set = set()
            app.clear_notifications()
            app.query_one(TabBar).active = "tab-summary"  # so that p shows this file's points
            current = app.datasets.get(app.view.dataset_id)
            app.open_path(str(path))
            if not await _look(app, pilot, seen, links):
                result["hang"] = True
                app.query_one("#right").loading = False
            expected = {tag for text in data_strings(app, path, current) for tag in TAG.findall(printable(text))}
            # The keys show the dataset in view. A file refused with a notice (or a column-mapping
            # dialog, captured above and then cancelled) leaves the previous file's dataset there,
            # already swept with every key: the keys run for each file that was opened.
            result["keys"] = app.datasets.get(app.view.dataset_id) is not current
            await _to_main_screen(app, pilot)
            for key in KEYS if result["keys"] else ():
                if not app.is_running:
                    break
                await pilot.press(key)
                if not await _look(app, pilot, seen, links):
                    result["hang"] = True
                await _to_main_screen(app, pilot)
            if app._exception is not None or not app.is_running:
                result["crash"] = repr(app._exception)
                break  # the app is gone: the rest of the class cannot be swept in it
            text = "\n".join(seen)
            result["links"] = sorted(map(list, links))
            result["missing"] = sorted(tag for tag in expected if tag not in text)
            result["controls"] = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})
            result["changed"] = fingerprint(path) != before
            result["seconds"] = round(time.perf_counter() - started, 2)
            result["cpu"] = round(time.process_time() - cpu, 2)


def main(argv: list[str]) -> int:
    dest, listing, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    names = json.loads(listing.read_text())
    results: list[dict] = []
    while len(results) < len(names):  # after a crash, a new app sweeps the rest
        done = len(results)
        try:
            asyncio.run(sweep([dest / name for name in names[done:]], results))
        except Exception as exc:  # the pilot re-raises the app's exception on exit
            crash = f"{type(exc).__name__}: {exc}"
            if len(results) > done:
                results[-1]["crash"] = results[-1]["crash"] or crash
            else:
                results.append({"name": names[done], "crash": crash})
    out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
