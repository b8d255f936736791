"""Every point of the dataset, including those without a known compute, with its source."""

from __future__ import annotations

import math

from textual.widgets import DataTable

from scalescope.engine.dataset import Dataset

from ..report import compute_text
from ..text import literal


class PointsTable(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    def show(self, ds: Dataset) -> None:
        self.clear(columns=True)
        self.add_columns("model", "series", "role", "compute", "score %", "±", "label", "source")
        for row in ds.points.itertuples(index=False):
            se = "" if not math.isfinite(row.score_stderr) else f"{row.score_stderr:.2f}"
            self.add_row(
                literal(row.model),
                literal(row.series),
                literal(row.role),
                literal(compute_text(row.compute, ds.x.kind) if math.isfinite(row.compute) else "unknown"),
                literal(f"{row.score:.2f}"),
                literal(se),
                literal(row.label[:60]),
                literal(row.source[:80]),
            )
