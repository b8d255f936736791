"""Save the README screenshot: the app on math-level-5, as the app itself renders it (SVG).

python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from scalescope.tui.app import ScalescopeApp

HERE = Path(__file__).resolve().parent


async def main() -> None:
    app = ScalescopeApp(n_boot=2000)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "analysis"] or None)
        await pilot.pause()
        app.save_screenshot("screenshot.svg", str(HERE))
    print(HERE / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
