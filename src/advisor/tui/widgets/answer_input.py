"""The input line: typed answers, plus number keys and arrows for the option list when empty."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input


class AnswerInput(Input):
    @dataclass
    class Number(Message):
        """A number key pressed while the input is empty: choose that option."""

        number: int

    @dataclass
    class Move(Message):
        """Up or down pressed: move the highlight in the option list."""

        delta: int

    @dataclass
    class Why(Message):
        """'?' pressed while the input is empty."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.value:
            if event.character is not None and event.character in "123456789" and len(event.character) == 1:
                event.prevent_default()
                event.stop()
                self.post_message(self.Number(int(event.character)))
                return
            if event.character == "?":
                event.prevent_default()
                event.stop()
                self.post_message(self.Why())
                return
        if event.key in ("up", "down"):
            event.prevent_default()
            event.stop()
            self.post_message(self.Move(-1 if event.key == "up" else 1))
            return
        await super()._on_key(event)
