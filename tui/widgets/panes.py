"""The main screen's layout containers: panes side by side (``Panes``) and stacked (``Stack``).

Their children cover every cell of them (the layout gives the children all of their room), so a
container's own lines would be painted and then painted over: Textual paints every widget it
places, front to back, and keeps the first cell painted. These paint nothing of their own. The
three containers and the screen were ~160 of the ~330 lines painted in the first frame, about a
third of its paint. ``tests/test_panes.py`` checks the screen is the same cell for cell as with
Textual's own containers, in every layout the app has.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.geometry import Region
from textual.strip import Strip


class Covered:
    """A container whose children cover it: it paints no line of its own."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return []


class Panes(Covered, Horizontal):
    """Children side by side, covering the container."""


class Stack(Covered, Vertical):
    """Children one above the other, covering the container."""
