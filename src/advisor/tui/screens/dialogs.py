"""Modal dialogs: where to save the decision (or, in a browser, its format), and whether to replace a file."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...export.files import ExportError, check_target
from ...text import inert

T = TypeVar("T")


class _Dialog(ModalScreen[T]):
    """A modal that closes once: keys typed faster than it closes do not close it twice."""

    AUTO_FOCUS = "*"  # the app's own is its input line, which a dialog does not have
    SCOPED_CSS = False
    # here rather than in app.tcss: parsed when a dialog first opens, not at start-up
    DEFAULT_CSS = """
    ExportScreen, ConfirmScreen, DownloadScreen {
        align: center middle;
        background: $background 60%;
    }
    .dialog {
        width: 70;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    .dialog .title {
        text-style: bold;
        margin-bottom: 1;
    }
    .dialog #problem {
        color: $text-error;
        height: auto;
    }
    .dialog .buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    .dialog Button {
        margin-left: 1;
    }
    """

    def close(self, value: T) -> None:
        if self.is_attached and self.app.screen is self:
            self.dismiss(value)


class ConfirmScreen(_Dialog[bool]):
    """Yes or no."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, question: str, yes: str = "Replace", no: str = "Cancel") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(inert(self.question)), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="warning", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        # the safe answer has the focus: Ctrl+S, Enter, Enter never replaces a file by accident
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.close(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.close(False)

    def action_cancel(self) -> None:
        self.close(False)


class ExportScreen(_Dialog[Path | None]):
    """Ask where to save the decision record (Markdown)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, default: str, base: Path | None = None) -> None:
        super().__init__()
        self.default = default
        self.base = base  # relative names are taken from here (default: the current folder)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Save the decision", classes="title", markup=False)
            yield Static(
                Text(
                    "File, relative to the current folder; .md for a Markdown record, .json for the "
                    "same object as 'advisor recommend --json':"
                ),
                markup=False,
            )
            yield Input(self.default, id="path", select_on_focus=False)
            yield Static("", id="problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        field = self.query_one("#path", Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        try:
            path = check_target(self.query_one("#path", Input).value, self.base)
        except ExportError as exc:
            self.query_one("#problem", Static).update(Text(inert(str(exc))))
            return
        self.close(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)


class DownloadScreen(_Dialog[str | None]):
    """Web mode: the decision goes to the visitor's browser as a download, in the format they pick."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("left", "app.focus_previous", "Previous", show=False),
        Binding("right", "app.focus_next", "Next", show=False),
    ]
    NAMES = {"markdown": "advisor-decision.md", "json": "advisor-decision.json"}

    def __init__(self, last: str) -> None:
        super().__init__()
        self.first = "json" if last.lower().endswith(".json") else "markdown"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Download the decision", classes="title", markup=False)
            yield Static(
                "Your browser downloads the file; nothing is saved on the server. Markdown is a record to "
                "read or share; JSON is the same object as 'advisor recommend --json'.",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Markdown (.md)", variant="primary", id="markdown")
                yield Button("JSON (.json)", id="json")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{self.first}", Button).focus()  # the format saved last time

    @on(Button.Pressed, "#markdown, #json")
    def _chosen(self, event: Button.Pressed) -> None:
        self.close(self.NAMES[event.button.id or "markdown"])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.close(None)
