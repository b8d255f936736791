"""While the help is open, the footer shows the help's own keys (hhonest, s7: it still showed the
main screen's keys, none of which acts behind the dialog)."""

from __future__ import annotations

import pytest

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.screens.help import HelpScreen
from scalescope.tui.widgets.footer import KeyFooter

from .test_app import press, settle


def footer_line(app) -> str:
    footers = [f for f in app.screen.query(KeyFooter)] or list(app.query(KeyFooter))
    return " ".join(f"{k.display} {k.label}" for k in footers[0].keys)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_help_screens_footer_shows_its_own_keys(size, tmp_path):
    app = ScalescopeApp(export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        assert "Log/lin" in footer_line(app)
        await press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        line = footer_line(app)
        assert "Close" in line and "Scroll" in line, line
        for main in ("Log/lin", "Fit", "Compare", "Export", "Points", "Quit"):
            assert main not in line, line
        scroll = app.screen.query_one("VerticalScroll")
        await press(app, pilot, "space")  # the key the footer names pages the help down
        assert scroll.scroll_y > 0 or scroll.max_scroll_y == 0
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
        assert "Log/lin" in footer_line(app)
