"""The chat transcript: one widget per line the advisor or the person says."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...chat.conversation import Line
from ...text import inert

ROLE_PREFIX = {"user": "You", "notice": "·", "error": "!"}


class Bubble(Static):
    """One line of the conversation. Text is always shown literally, never as markup."""

    DEFAULT_CSS = """
    Bubble { width: 1fr; height: auto; margin: 0 0 1 0; padding: 0 1; }
    Bubble.question { color: $text; text-style: bold; border-left: thick $primary; }
    Bubble.advisor { color: $text; border-left: thick $secondary; }
    Bubble.user { color: $text; background: $boost; margin: 0 0 1 8; border-right: thick $accent;
                  text-align: right; }
    Bubble.notice { color: $text-muted; text-style: italic; }
    Bubble.error { color: $text-error; }
    Bubble.guide { border-left: thick $success; background: $boost; }
    """

    def __init__(self, line: Line) -> None:
        super().__init__(self.content_for(line), classes=line.role, markup=False)
        self.line = line

    @staticmethod
    def content_for(line: Line) -> RenderableType:
        if line.role == "guide":
            text = Text()
            text.append(f"From the guide: {inert(line.title)}\n", style="bold")
            text.append(f"“{inert(line.text)}”\n", style="italic")
            for block in line.code:
                text.append("\n" + inert(block) + "\n\n", style="bold")
            text.append(f"Source: {inert(line.source)}\n", style="dim")
            text.append("F2 opens this section in the guide", style="dim")
            return text
        if line.role == "user":
            return Text(inert(line.text))
        return Text(inert(line.text))


class Transcript(VerticalScroll):
    """Scrolls to stay at the newest line."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    def on_mount(self) -> None:
        self.anchor()

    def add(self, lines: list[Line]) -> None:
        if lines:
            self.mount_all([Bubble(line) for line in lines])
            # new lines are always shown, even after the person scrolled up or a result was
            # opened at its top: stay at the newest line again
            self.anchor()

    def add_at_top(self, widget: Widget) -> None:
        """Add a long widget (the result) and show it from its first line, not its last."""
        self.mount(widget)
        self.anchor(False)
        self.call_after_refresh(self.scroll_to_widget, widget, top=True, animate=False)
