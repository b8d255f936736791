"""Blocking work for the app (reading a file, a bootstrap) in daemon threads that quitting abandons.

Textual's thread workers run in the event loop's default executor, and on exit ``asyncio.run``
waits for that executor's threads (then the interpreter joins them once more): one read that
never returns (a FIFO, a stalled network mount) keeps the process alive after ``q``. Here the
app's workers are async workers that await ``in_thread(...)``: cancelling the worker (a newer
request, or quitting) stops waiting at once, and the thread, a daemon, is left to end on its own
or with the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


async def in_thread(function: Callable[..., T], /, *args, **kwargs) -> T:
    """Run ``function(*args, **kwargs)`` in a new daemon thread and await its result or error."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(result, error) -> None:
        if future.done():  # the worker was cancelled meanwhile: nobody wants the result
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def run() -> None:
        try:
            outcome = (function(*args, **kwargs), None)
        except Exception as exc:  # handed to the awaiting worker, which decides what to show
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop is closed: the app ended, the result is dropped
            loop.call_soon_threadsafe(deliver, *outcome)

    name = getattr(function, "__name__", "work")
    threading.Thread(target=run, name=f"scalescope-{name}", daemon=True).start()
    return await future
