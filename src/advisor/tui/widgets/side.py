"""The side panel: answers so far (select one to change it), services in and out, progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from ...chat.conversation import Conversation
from ...text import inert

HEADING = "bold $text-accent"


class AnswerItem(ListItem):
    def __init__(self, question_id: str, text: Text) -> None:
        super().__init__(Label(text, markup=False))
        self.question_id = question_id


class SidePanel(VerticalScroll):
    # Few widgets on purpose: headings and text are styled runs in two Statics, and the answer
    # list shows only once there are answers. Each widget more costs style, layout and
    # compositing time in the first frame (about 10 ms for the six this replaced; startup.py).
    DEFAULT_CSS = """
    SidePanel { width: 36; border-left: vkey $panel-lighten-2; padding: 0 1; background: $panel; }
    SidePanel ListView { height: auto; background: $panel; }
    SidePanel ListItem { padding: 0; background: $panel; }
    SidePanel ListItem Label { width: 1fr; }
    SidePanel #progress, SidePanel #services { margin-top: 1; }
    """

    class Edit(Message):
        """The person chose an earlier answer to change it."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    def __init__(self, conversation: Conversation, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.conversation = conversation
        self._shown: tuple[tuple[str, str], ...] | None = None

    def compose(self) -> ComposeResult:
        # composed with its content, so the first frame needs no second mount and layout pass
        self._shown = self._answer_key()
        items = self._answer_items()
        yield Static(self._progress(), id="progress")
        if items:  # the list itself waits for the first answer
            yield ListView(*items, id="answers", initial_index=None)
        yield Static(self._services(), id="services")

    def refresh_from(self) -> None:
        """Show the conversation as it is now."""
        self.query_one("#services", Static).update(self._services())
        shown = self._answer_key()
        if shown != self._shown:
            self._shown = shown  # rebuilding the list costs a layout pass: only when answers change
            items = self._answer_items()
            existing = self.query("#answers")
            if existing:
                answers = existing.first(ListView)
                answers.clear()
                answers.extend(items)
                answers.display = bool(items)
            elif items:
                self.mount(ListView(*items, id="answers", initial_index=None), after="#progress")
        self.query_one("#progress", Static).update(self._progress())

    def _answer_key(self) -> tuple[tuple[str, str], ...]:
        return tuple((q.id, a.option) for q, a in self.conversation.session.answered())

    def _progress(self) -> Content:
        answered, remaining = self.conversation.progress()
        progress = f"{answered} answered · up to {remaining} more" if remaining else f"{answered} answered · done"
        return Content.assemble(
            ("Progress\n", HEADING),
            (progress + "\n\n", "dim"),
            ("Your answers", HEADING),
            "" if answered else ("\n(none yet)", "dim"),
        )

    def _answer_items(self) -> list[ListItem]:
        items: list[ListItem] = []
        for question, answer in self.conversation.session.answered():
            opt = question.option(answer.option)
            label = Text()
            label.append(question.name + ": ", style="dim")
            label.append(inert(opt.label if opt else answer.option))
            items.append(AnswerItem(question.id, label))
        return items

    def _services(self) -> Content:
        conversation = self.conversation
        out = conversation.out()
        services: list[str | tuple[str, str]] = [("Services\n", HEADING)]
        for service in conversation.pack.services:
            if service.id not in out:
                services.append("✓ " + service.name + "\n")
        # ruled-out services grouped by the reason, so each reason is shown once
        by_reason: dict[str, list[str]] = {}
        for service in conversation.pack.services:
            if service.id in out:
                by_reason.setdefault(out[service.id], []).append(service.name)
        for reason, names in by_reason.items():
            services.extend(("✗ " + name + "\n", "dim strike") for name in names)
            services.append(("  " + reason + "\n", "dim italic"))
        return Content.assemble(*services)  # plain text runs: never read as markup

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, AnswerItem):
            self.post_message(self.Edit(event.item.question_id))
