"""The summary's claims table never cuts a status: a status is a verdict. With the dataset pane
open at 80x24 the summary is ~50 cells wide and the table cannot keep every word whole; rich then
cut the status to `reprod…` and `rounds…` (newcomer8, s7). Now the status and # columns keep
their widest cell and the other columns wrap or are cut first."""

from __future__ import annotations

from scalescope.tui.app import ScalescopeApp
from scalescope.tui.widgets.summary import Summary

from .test_app import press, settle


async def _claims_settled(app, pilot):
    for _ in range(50):
        await settle(app, pilot)
        if not [w for w in app.workers if w.group == "claims" and not w.is_finished]:
            break
    await settle(app, pilot)


async def test_claim_statuses_stay_whole_with_the_dataset_pane_at_80x24(tmp_path):
    app = ScalescopeApp("arc-agi-1-semi-private", export_dir=tmp_path, n_boot=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await _claims_settled(app, pilot)
        summary = app.query_one(Summary)
        if summary.size.width > 60:  # the pane is hidden at this width: show it
            await press(app, pilot, "d")
            await _claims_settled(app, pilot)
        assert summary.size.width <= 60, summary.size
        claims = app.analysis.claims
        assert claims
        # the lines as drawn at the summary's width
        text = "\n".join(summary.render_line(y).text for y in range(summary.size.height))
        table = text[text.index("The essays' claims") :]
        lines = table.splitlines()
        for claim in claims:
            # the claim's row starts with its number; its status is the row's last cell, whole
            row = next(line for line in lines if line.split()[:1] == [str(claim.id)])
            assert row.rstrip().endswith(claim.status), (claim.id, row)
        assert "reprod…" not in table and "rounds…" not in table
