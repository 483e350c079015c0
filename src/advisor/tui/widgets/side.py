"""The side panel: answers so far (select one to change it), services in and out, progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Label, ListItem, ListView, Static

from ...engine.conversation import Conversation
from ...text import inert


class AnswerItem(ListItem):
    def __init__(self, question_id: str, text: Text) -> None:
        super().__init__(Label(text, markup=False))
        self.question_id = question_id


class SidePanel(VerticalScroll):
    DEFAULT_CSS = """
    SidePanel { width: 36; border-left: vkey $panel-lighten-2; padding: 0 1; background: $panel; }
    SidePanel .heading { text-style: bold; color: $text-accent; margin-top: 1; }
    SidePanel ListView { height: auto; background: $panel; }
    SidePanel ListItem { padding: 0; background: $panel; }
    SidePanel ListItem Label { width: 1fr; }
    SidePanel #progress { color: $text-muted; }
    """

    @dataclass
    class Edit(Message):
        """The person chose an earlier answer to change it."""

        question_id: str

    def compose(self) -> ComposeResult:
        yield Static("Progress", classes="heading", markup=False)
        yield Static("", id="progress", markup=False)
        yield Static("Your answers", classes="heading", markup=False)
        yield ListView(id="answers")
        yield Static("Services", classes="heading", markup=False)
        yield Static("", id="services", markup=False)

    def refresh_from(self, conversation: Conversation) -> None:
        answered, remaining = conversation.progress()
        progress = f"{answered} answered · about {remaining} to go" if remaining else f"{answered} answered · done"
        self.query_one("#progress", Static).update(Text(progress))
        answers = self.query_one("#answers", ListView)
        shown = tuple((q.id, a.option) for q, a in conversation.session.answered())
        if shown == getattr(self, "_shown", None):
            self._services(conversation)
            return
        self._shown = shown  # rebuilding the list costs a layout pass: only when answers change
        answers.clear()
        items = []
        for question, answer in conversation.session.answered():
            opt = question.option(answer.option)
            label = Text()
            label.append(question.id.replace("-", " ") + ": ", style="dim")
            label.append(inert(opt.label if opt else answer.option))
            items.append(AnswerItem(question.id, label))
        if items:
            answers.extend(items)
        else:
            answers.append(ListItem(Label(Text("(none yet)", style="dim"), markup=False), disabled=True))
        self._services(conversation)

    def _services(self, conversation: Conversation) -> None:
        out = conversation.out()
        services = Text()
        for service in conversation.pack.services:
            if service.id not in out:
                services.append("✓ " + inert(service.name) + "\n")
        # ruled-out services grouped by the reason, so each reason is shown once
        by_reason: dict[str, list[str]] = {}
        for service in conversation.pack.services:
            if service.id in out:
                by_reason.setdefault(out[service.id], []).append(service.name)
        for reason, names in by_reason.items():
            for name in names:
                services.append("✗ " + inert(name) + "\n", style="dim strike")
            services.append("  " + inert(reason) + "\n", style="dim italic")
        self.query_one("#services", Static).update(services)

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, AnswerItem):
            self.post_message(self.Edit(event.item.question_id))
