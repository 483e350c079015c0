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

        self.body = render(report, palette=palette, show_answers=False, open_section=self._action)
        super().__init__(self.body, markup=False)
        self.report = report

    def repaint(self, palette: Palette) -> None:
        """Draw the same report in another theme's colours."""
        from ...export.terminal import render

        self.body = render(self.report, palette=palette, show_answers=False, open_section=self._action)
        self.update(self.body)

    @staticmethod
    def _action(section_id: str) -> str:
        """The action a click on a citation runs: open its section in the guide (ids are [a-z0-9-])."""
        return f"app.open_guide({section_id!r})"
