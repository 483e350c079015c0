"""The input line: typed answers, plus number keys and arrows for the option list when empty.

A digit pressed on an empty line picks that option. A digit might also begin an amount ("20
bucks") or a description ("2 GPUs for 10 hours"), so the pick waits a moment (``number_delay``):
another key in that moment means the person is typing, and the digit goes into the line instead.
Enter is not such a key: a lone digit and Enter pick the option, so an amount is typed with a
unit, a currency sign or a second digit ("3h", "$5", "20"), as the hint says.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input


class AnswerInput(Input):
    # messages are written out rather than made with @dataclass: see advisor/record.py for why
    class Number(Message):
        """A number key pressed while the input is empty: choose that option."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Move(Message):
        """Up or down pressed: move the highlight in the option list."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class Why(Message):
        """'?' pressed while the input is empty."""

    digit_may_begin_text = False
    """Set by the app while a question is on screen: a digit waits, as it may begin typed text."""

    number_delay = 0.35
    """Seconds a digit waits for a following key before it picks an option."""

    _pending: str | None = None
    _timer: Timer | None = None

    def _pick_pending(self) -> None:
        digit, self._pending, self._timer = self._pending, None, None
        if digit is not None:
            self.post_message(self.Number(int(digit)))

    def _type_pending(self) -> None:
        """Another key came quickly: the digit was the start of typed text."""
        if self._timer is not None:
            self._timer.stop()
        digit, self._pending, self._timer = self._pending, None, None
        if digit is not None:
            self.insert_text_at_cursor(digit)

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted description arrives whole: its lines joined, cut to what the line holds, and said so.

        (Textual's own input keeps only the first line, and drops a paste that would not fit.)
        """
        event.prevent_default()  # not Input's own handler as well
        event.stop()
        text = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
        if not text:
            return
        start, end = sorted(self.selection)
        room = (self.max_length or len(text) + len(self.value)) - (len(self.value) - (end - start))
        if len(text) > room:
            self.notify(
                f"The pasted text has {len(text):,} characters; the answer line holds {self.max_length:,}, "
                f"so only the first {max(room, 0):,} were kept.",
                severity="warning",
                markup=False,
            )
            text = text[: max(room, 0)]
        if text:
            self.replace(text, start, end)

    async def _on_key(self, event: events.Key) -> None:
        if self._pending is not None:
            if event.key == "enter":  # a lone digit and Enter: the option, never an amount of 1
                if self._timer is not None:
                    self._timer.stop()
                event.prevent_default()
                event.stop()
                self._pick_pending()
                return
            self._type_pending()
        if not self.value:
            if event.character is not None and len(event.character) == 1 and event.character in "123456789":
                event.prevent_default()
                event.stop()
                if self.digit_may_begin_text and self.number_delay > 0:
                    self._pending = event.character
                    self._timer = self.set_timer(self.number_delay, self._pick_pending)
                else:
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
