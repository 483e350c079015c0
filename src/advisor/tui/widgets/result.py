"""The result: the same report `advisor recommend` prints, coloured with the current theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:
    from ...engine.explain import Report
    from ...export.terminal import Palette


class ResultView(Static):
    DEFAULT_CSS = """
    ResultView { height: auto; margin: 0 0 1 0; padding: 0 1; border: round $success; }
    """

    def __init__(self, report: Report, palette: Palette) -> None:
        from ...export.terminal import render  # Rich tables: only once there is a result

        super().__init__(render(report, palette=palette, show_answers=False), markup=False)
        self.report = report
