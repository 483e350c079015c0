"""A conversation with the advisor: answers given, questions reached, going back and changing.

The session only records answers; :func:`advisor.engine.decide.decide` turns them into a result.
Every change is a step, so ``back()`` undoes exactly what the last step did, and replaying the
steps from the start always gives the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

from ..pack.core import Pack, Question
from ..record import Record, field
from .reach import is_reached

if TYPE_CHECKING:
    from .decide import Result

Via = Literal["option", "label", "number", "text", "default"]


class Answer(Record):
    """One answer: the option chosen, and what the person actually said."""

    option: str
    value: float | None = None  # numeric questions: the number given or the option's representative
    text: str | None = None  # the words the answer was read from, if it was typed
    via: Via = "option"


class Step(Record):
    """One change to the answers: for each question touched, what it held before (None: nothing)."""

    before: tuple[tuple[str, Answer | None], ...]
    after: tuple[tuple[str, Answer | None], ...]


class Change(Record):
    """What a step did, for the person to be told."""

    set: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


class Session:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.answers: dict[str, Answer] = {}
        self.steps: list[Step] = []

    # -- reading ---------------------------------------------------------------------------------
    @property
    def chosen(self) -> dict[str, str]:
        return {qid: a.option for qid, a in self.answers.items()}

    def reached(self, question: Question) -> bool:
        return is_reached(question, self.chosen)

    def pending(self) -> list[Question]:
        """Questions reached and not yet answered, in the order they are asked."""
        chosen = self.chosen
        return [q for q in self.pack.questions if q.id not in chosen and is_reached(q, chosen)]

    def next_question(self) -> Question | None:
        pending = self.pending()
        return pending[0] if pending else None

    @property
    def done(self) -> bool:
        return self.next_question() is None

    def answered(self) -> list[tuple[Question, Answer]]:
        return [(q, self.answers[q.id]) for q in self.pack.questions if q.id in self.answers]

    def result(self) -> Result:
        from .decide import decide

        return decide(self.pack, self.chosen)

    def separates(self, question_id: str) -> list[str]:
        from .decide import separates

        return separates(self.pack, question_id, self.chosen)

    # -- changing --------------------------------------------------------------------------------
    def answer(self, question_id: str, answer: Answer) -> Change:
        return self.answer_many({question_id: answer})

    def answer_many(self, answers: Mapping[str, Answer]) -> Change:
        """Set several answers as one step; drop answers that no longer apply."""
        for qid, ans in answers.items():
            question = self.pack.question(qid)
            if question.option(ans.option) is None:
                raise ValueError(f"question '{qid}' has no option '{ans.option}'")
        new = dict(self.answers)
        new.update(answers)
        return self._apply(new, changed=list(answers))

    def clear(self, question_id: str) -> Change:
        """Forget one answer (so the question is asked again), as one step."""
        new = {k: v for k, v in self.answers.items() if k != question_id}
        return self._apply(new, changed=[question_id])

    def back(self) -> Change | None:
        """Undo the last step; return what it changed, or None at the start."""
        if not self.steps:
            return None
        step = self.steps.pop()
        for qid, before in step.before:
            if before is None:
                self.answers.pop(qid, None)
            else:
                self.answers[qid] = before
        self._reorder()
        # set: answers restored to what they were; dropped: questions left open again
        return Change(
            set=[qid for qid, before in step.before if before is not None],
            dropped=[qid for qid, before in step.before if before is None],
        )

    def restart(self) -> Change:
        """Forget every answer, as one step: going back brings them all back."""
        if not self.answers:
            return Change()
        return self._apply({}, changed=[])

    def reset(self) -> None:
        """Forget every answer and the history too (a fresh session, for restoring a saved one)."""
        self.answers.clear()
        self.steps.clear()

    def replay(self) -> dict[str, Answer]:
        """The answers obtained by replaying every step from an empty session."""
        return replay(self.pack, self.steps)

    def _apply(self, new: dict[str, Answer], changed: list[str]) -> Change:
        # keep only answers still reached, walking the questions in order
        kept: dict[str, Answer] = {}
        for question in self.pack.questions:
            if question.id in new and is_reached(question, {k: v.option for k, v in kept.items()}):
                kept[question.id] = new[question.id]
        touched = [q.id for q in self.pack.questions if self.answers.get(q.id) != kept.get(q.id) or q.id in changed]
        dropped = [qid for qid in self.answers if qid not in kept and qid not in changed]
        step = Step(
            before=tuple((qid, self.answers.get(qid)) for qid in touched),
            after=tuple((qid, kept.get(qid)) for qid in touched),
        )
        self.steps.append(step)
        self.answers = kept
        return Change(set=[qid for qid in changed if qid in kept], dropped=dropped)

    def _reorder(self) -> None:
        self.answers = {q.id: self.answers[q.id] for q in self.pack.questions if q.id in self.answers}


def replay(pack: Pack, steps: list[Step]) -> dict[str, Answer]:
    """The answers that replaying ``steps`` from nothing gives, in question order."""
    answers: dict[str, Answer] = {}
    for step in steps:
        for qid, after in step.after:
            if after is None:
                answers.pop(qid, None)
            else:
                answers[qid] = after
    return {q.id: answers[q.id] for q in pack.questions if q.id in answers}
