"""The log-x / linear-x chart: a PlotextPlot that draws a ChartSpec."""

from __future__ import annotations

from dataclasses import replace

from textual_plotext import PlotextPlot

from ..chart import LEGEND_MIN, ChartSpec, draw_chart, legend_line

# plotext's own themes used when the app theme is an ANSI one: the auto theme renders axes
# black on black there (see DESIGN.md)
ANSI_PLOT_THEMES = {"ansi-dark": "dark", "ansi-light": "clear"}


class ScalingChart(PlotextPlot):
    """Draws the current dataset, trend and decomposition; redraws on resize by itself."""

    DEFAULT_CSS = """
    ScalingChart { min-height: 10; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec: ChartSpec | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda theme: self._follow_theme(theme.name))
        self._follow_theme(self.app.theme)

    def _follow_theme(self, name: str) -> None:
        self.theme = ANSI_PLOT_THEMES.get(name, "auto")
        if self.theme == "auto":
            self._register_theme(name)
        self.refresh()

    LEGEND_MIN = LEGEND_MIN  # below this size the legend box would hide the points

    def _wants_legend(self) -> bool:
        return self.size.width >= self.LEGEND_MIN[0] and self.size.height >= self.LEGEND_MIN[1]

    def show(self, spec: ChartSpec) -> None:
        self.spec = replace(
            spec,
            legend=self._wants_legend(),
            monochrome=bool(getattr(self.app, "no_color", False)),  # NO_COLOR (Textual reads it)
            size=(self.size.width, self.size.height),
        )
        draw_chart(self.plt, self.spec)
        # the border's legend: what is drawn, fitted to the border (cut entries read as noise)
        self.border_subtitle = legend_line(self.spec, width=max(0, self.size.width - 6) or None)
        self.refresh()

    def on_resize(self) -> None:
        if self.spec is None:
            return
        if self.spec.size != (self.size.width, self.size.height):
            # the legend, the room kept above the data for it, which error bars reach past their
            # marker's row and where the decomposition's segments sit all follow the size
            self.show(self.spec)

    def render(self):
        """Never crash on render: a plotext failure shows as a message in the chart's place."""
        try:
            return super().render()
        except Exception as exc:  # plotext has index errors on some degenerate inputs
            from rich.text import Text

            return Text(f"(chart could not be drawn: {type(exc).__name__}; the summary is still valid)", style="dim")

    def plain_text(self) -> str:
        """The chart as plain text (what a test or a screen reader sees)."""
        from rich.text import Text

        return Text.from_ansi(self.plt.build()).plain
