"""The conversation: what the advisor says in reply to each thing a person does.

Front ends (the chat UI, tests) call ``pick``, ``say``, ``back``, ``edit``, ``why`` and ``restart``
and show the ``Line`` objects that come back, in order. Nothing here knows about the screen.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from ..engine.session import Answer, Session
from ..pack.core import NOT_SURE, Pack, Question, QuestionKind
from ..record import Record
from . import replies

if TYPE_CHECKING:
    from ..engine.explain import Report
    from ..understand.guide_search import Hit
    from ..understand.match import Reading
    from ..understand.message import Interpretation

# Understanding typed text (rapidfuzz, the number parser) and explaining a result are imported
# when first needed: together about 40 ms that the first screen does not need.

# the facts that say which hardware a service gives, by their label in the pack
HARDWARE_FACT = re.compile(r"^(?:GPUs?|TPUs?|Hardware|Default instances)\b(?!.*\bquota\b)", re.I)

Role = Literal["question", "user", "advisor", "notice", "error", "guide", "result"]


class Line(Record):
    role: Role
    text: str
    title: str = ""  # guide: the section title
    source: str = ""  # guide: the source address and checked date
    section: str = ""  # guide: the section's id (F2 opens it)
    code: tuple[str, ...] = ()  # guide: the section's code blocks, shown with the passage


def _code_for(hit: Hit) -> tuple[str, ...]:
    """A how-to answer keeps its code: the section's code blocks, when it has a few short ones."""
    blocks = hit.section.code
    if not blocks or sum(block.count("\n") + 1 for block in blocks) > 12:
        return ()
    return tuple(blocks)


class Choice(Record):
    key: str  # option id
    label: str


def _value_text(question: Question, reading: Reading | Answer) -> str:
    opt = question.option(reading.option)
    label = opt.label if opt else reading.option
    value = reading.value
    if question.kind is QuestionKind.numeric and value is not None and getattr(reading, "via", "") == "number":
        unit = question.unit_label or question.unit
        # a whole-dollar figure from $10 up; "about" where it is the middle of a band ("€20", "for the semester")
        number = f"{value:,.0f}" if value >= 10 else f"{round(value, 2):g}"
        about = "about " if getattr(reading, "rough", False) else ""
        shown = f"{about}${number} a month" if question.unit.startswith("USD") else f"{round(value, 2):g} {unit}"
        return f"{shown} ({label[:1].lower()}{label[1:]})"  # "About 12 to 30 GB" keeps its "GB"
    return label


class Conversation:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.session = Session(pack)
        self.editing: str | None = None
        self.clarifying: tuple[Reading, ...] = ()

    # -- state -----------------------------------------------------------------------------------
    @property
    def current(self) -> Question | None:
        if self.editing is not None:
            return self.pack.question(self.editing)
        return self.session.next_question()

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def choices(self) -> list[Choice]:
        question = self.current
        if question is None:
            return []
        if self.clarifying:
            return [Choice(r.option, self._label(question, r.option)) for r in self.clarifying]
        return [Choice(o.id, o.label) for o in question.options]

    @property
    def current_answer(self) -> str | None:
        """The option already chosen for the question on screen (when changing an answer)."""
        question = self.current
        if question is None or question.id not in self.session.answers:
            return None
        return self.session.answers[question.id].option

    def _label(self, question: Question, option_id: str) -> str:
        opt = question.option(option_id)
        return opt.label if opt else option_id

    def progress(self) -> tuple[int, int]:
        """(answered, how many may still be asked): questions asked now, and follow-ups that an
        answer still to come could bring (so the count only goes down as answers narrow it)."""
        chosen = self.session.chosen
        may = 0
        for question in self.pack.questions:
            if question.id in chosen:
                continue
            if self.session.reached(question) or any(
                any(q not in chosen for q in cond) for cond in question.conditions
            ):
                may += 1
        return len(self.session.answers), may + (1 if self.editing else 0)

    def out(self) -> dict[str, str]:
        """Services ruled out by the answers so far, with the first reason for each."""
        from ..engine.decide import ruled_out

        return ruled_out(self.pack, self.session.chosen)

    def report(self) -> Report:
        from ..engine.explain import report

        return report(self.pack, self.session.answers)

    def opening(self) -> list[Line]:
        return [Line("advisor", replies.GREETING)] + self._ask()

    def _ask(self) -> list[Line]:
        question = self.current
        if question is None:
            return [Line("result", "Here is my recommendation.")]
        return [Line("question", question.prompt)]

    # -- actions ---------------------------------------------------------------------------------
    def pick(self, option_id: str) -> list[Line]:
        """The person chose an option (by click, number or arrows and Enter)."""
        question = self.current
        if question is None:
            return []
        opt = question.option(option_id)
        if opt is None:
            return [Line("error", replies.no_such_option(option_id))]
        lines = [Line("user", opt.label)]
        return lines + self._apply({question.id: Answer(opt.id, opt.value, None, "option")})

    def pick_number(self, number: int) -> list[Line]:
        choices = self.choices
        if not 1 <= number <= len(choices):
            return [Line("error", replies.no_such_number(number, len(choices)))]
        return self.pick(choices[number - 1].key)

    def say(self, text: str) -> list[Line]:
        """The person typed something and pressed Enter."""
        from ..understand.match import Reading, read_answer
        from ..understand.message import interpret
        from ..understand.numbers import money_for

        shown = text if len(text) <= 500 else text[:500] + "…"
        lines = [Line("user", shown)]
        if not text.strip():
            return []
        question = self.current
        if self.clarifying and question is not None:
            reading = read_answer(question, text, money_for(self.pack))
            if isinstance(reading, Reading) and reading.option in {r.option for r in self.clarifying}:
                self.clarifying = ()
                return lines + self._apply({question.id: self._answer(reading)})
        meaning = interpret(self.pack, question, self.session.chosen, text)
        if meaning.kind == "command":
            return lines + self.command(meaning.command)
        if meaning.kind == "smalltalk":
            small_talk = Line("advisor", replies.small_talk(meaning.command, question is not None))
            return lines + [small_talk] + _ask_again(question)
        if meaning.kind == "guide" and meaning.guide is not None:
            return lines + [self._guide_line(meaning.guide)] + self._facts_asked(meaning) + _ask_again(question)
        if meaning.kind == "clarify" and meaning.problem and question is not None:
            return lines + [Line("advisor", replies.bad_number(meaning.problem) + self._examples(question))]
        if meaning.kind == "clarify" and question is not None:
            return lines + [self._ask_which(question, meaning.candidates)]
        if meaning.kind == "answers" and meaning.readings:
            return lines + self._answers(meaning, question)
        if question is not None and question.kind is QuestionKind.numeric:
            from ..understand.match import number_problem
            from ..understand.numbers import find_amounts

            problem = number_problem(question, find_amounts(text, money_for(self.pack)))
            if problem:
                return lines + [Line("advisor", replies.bad_number(problem) + self._examples(question))]
        facts = self._facts_asked(meaning)
        if facts:  # "which is fastest?": the facts that answer it, then the question again
            return lines + facts + _ask_again(question)
        if meaning.unasked:  # understood, but the earlier answers mean it is not asked
            return lines + [self._not_asked(meaning.unasked)] + _ask_again(question)
        examples = self._examples(question)
        return lines + [Line("advisor", replies.NOT_UNDERSTOOD + examples)]

    def _answers(self, meaning: Interpretation, question: Question | None) -> list[Line]:
        """What a message answered, said back in one line, then applied; a situation that ends in a
        question gets the passage that answers it after its answers."""
        answers = {r.question: self._answer(r) for r in meaning.readings}
        if self.editing is not None and self.editing not in answers:
            # while changing one answer, only that question is open to a typed reply
            answers = {q: a for q, a in answers.items() if q == self.editing} or answers
        got = "; ".join(
            f"{self.pack.question(r.question).name}: {_value_text(self.pack.question(r.question), r)}"
            for r in meaning.readings
            if r.question in answers
        )
        notes = [r.note for r in meaning.readings if r.note]
        several = len(answers) > 1 or (question is not None and question.id not in answers)
        summary = replies.got(got, notes, several)
        asked = [self._guide_line(meaning.guide)] if meaning.guide is not None else []
        unread = [Line("notice", replies.left_unread(meaning.problem))] if meaning.problem else []
        unread += [self._not_asked(meaning.unasked)] if meaning.unasked else []
        applied = self._apply(answers, echo=False)
        if meaning.candidates and question is not None and self.current is question and question.id not in answers:
            # "a 10h run, nothing free please": the run is noted, and which budget they meant is asked
            applied = [line for line in applied if line.role != "question"] + [
                self._ask_which(question, meaning.candidates)
            ]
        return [Line("advisor", summary), *unread, *asked] + applied

    def _ask_which(self, question: Question, candidates: tuple[Reading, ...]) -> Line:
        """Which of these options the reply meant: asked, and the choices narrowed to them."""
        self.clarifying = candidates
        names = " or ".join(f"'{self._label(question, r.option)}'" for r in candidates)
        return Line("advisor", replies.unclear(names))

    def _not_asked(self, readings: tuple[Reading, ...]) -> Line:
        """'Our data is confidential' after 'a Kaggle competition': what was read, and which earlier
        answer keeps its question from being asked."""
        from ..engine.reach import ruled_out_by

        chosen = self.session.chosen
        parts = [
            f"{self.pack.question(r.question).name}: {_value_text(self.pack.question(r.question), r)}" for r in readings
        ]
        blocking = dict.fromkeys(q for r in readings for q in ruled_out_by(self.pack.question(r.question), chosen))
        because = [f"{self.pack.question(q).name}: {self._label(self.pack.question(q), chosen[q])}" for q in blocking]
        return Line("notice", replies.not_asked(parts, because))

    def _facts_asked(self, meaning: Interpretation) -> list[Line]:
        """'Which is cheaper?', 'which is faster?': the figures and facts that answer it."""
        costs = self._costs() if "cost" in meaning.compares else []
        return costs + (self._hardware() if "speed" in meaning.compares else [])

    def _costs(self) -> list[Line]:
        """'Which is cheaper?': each service's monthly figure for the use described so far."""
        from ..engine.cost import estimate
        from ..pack.pricing import figure, machine_name

        use, estimates = estimate(self.pack, self.session.answers)
        if not estimates:
            return []
        parts = [
            f"{self.pack.service(sid).name}: {figure(est.low, est.high, est.least, 'no sourced figure')}"
            for sid, est in estimates.items()
        ]
        machine = machine_name(use.machines[0]) if use.machines else "a GPU"
        assumed = f" ({'; '.join(use.assumed)})" if use.assumed else ""
        return [Line("advisor", replies.costs_so_far(use.hours_week, machine, "; ".join(parts), assumed))]

    def _hardware(self) -> list[Line]:
        """'Which is faster?': what each service's facts say about its GPUs, with sources and dates."""
        from ..engine.explain import fact_line

        parts = [
            f"{svc.name}: {fact.value} ({fact.source}, {fact_line(self.pack, svc.id, fact).dates})"
            for svc in self.pack.services
            for fact in svc.facts
            if HARDWARE_FACT.search(fact.label)
        ]
        return [Line("advisor", replies.hardware_facts(parts))] if parts else []

    def _guide_line(self, hit: Hit) -> Line:
        src = hit.section.first_source
        source = f"{src.url} (checked {src.checked})" if src else ""
        return Line(
            "guide", hit.passage, title=hit.section.title, source=source, section=hit.section.id, code=_code_for(hit)
        )

    def _answer(self, reading: Reading) -> Answer:
        via = reading.via if reading.via in {"option", "label", "number", "text"} else "text"
        return Answer(reading.option, reading.value, reading.text, via)

    def _examples(self, question: Question | None) -> str:
        if question is None:
            return replies.ASK_OR_RESTART
        samples = [f"'{i}'" for i in range(1, min(3, len(question.options)) + 1)]
        words = [f"'{o.synonyms[0]}'" for o in question.concrete_options if o.synonyms][:2]
        if question.kind is QuestionKind.numeric:
            words = {"USD/month": ["'20 dollars'", "'free'"], "hours": ["'3 hours'", "'overnight'"]}.get(
                question.unit, ["'10 hours a week'"]
            )
        return replies.examples(samples, words)

    def _apply(self, answers: dict[str, Answer], echo: bool = True) -> list[Line]:
        before = dict(self.session.chosen)
        change = self.session.answer_many(answers)
        self.editing = None
        self.clarifying = ()
        lines: list[Line] = []
        changed = [q for q in answers if q in before and before[q] != answers[q].option]
        if changed and echo:
            lines.append(Line("notice", replies.changed([self.pack.question(q).prompt for q in changed])))
        if change.dropped:
            lines.append(Line("notice", replies.dropped([self.pack.question(q).prompt for q in change.dropped])))
        return lines + self._ask()

    def command(self, name: str) -> list[Line]:
        if name == "back":
            return self.back()
        if name == "restart":
            return self.restart()
        if name == "why":
            return self.why()
        return [Line("advisor", replies.HELP)]

    def back(self) -> list[Line]:
        if self.clarifying:
            self.clarifying = ()
            return [Line("notice", replies.NEVER_MIND)] + self._ask()
        if self.editing is not None:
            self.editing = None
            return [Line("notice", replies.KEPT)] + self._ask()
        last = self.session.steps[-1] if self.session.steps else None
        change = self.session.back()
        if change is None or last is None:
            return [Line("notice", replies.FIRST_QUESTION)]
        lines: list[Line] = []
        if change.set:
            restored = [
                f"{q.name} is '{self._label(q, self.session.answers[q.id].option)}'"
                for q in (self.pack.question(qid) for qid in change.set)
            ]
            lines.append(Line("notice", replies.restored(restored)))
        else:
            undone = [
                self._label(self.pack.question(q), answer.option)
                for q, answer in last.after
                if answer is not None and q in change.dropped
            ]
            lines.append(Line("notice", replies.undid(undone)))
        return lines + self._ask()

    def restart(self) -> list[Line]:
        had = len(self.session.answers)
        self.editing = None
        self.clarifying = ()
        if not had:
            return [Line("notice", replies.NOTHING_TO_FORGET)]
        self.session.restart()
        return [
            Line("notice", replies.starting_over(had)),
            *self._ask(),
        ]

    def edit(self, question_id: str) -> list[Line]:
        """Re-ask an earlier question; the old answer stays until a new one is given."""
        if question_id not in self.session.answers:
            return []
        self.editing = question_id
        self.clarifying = ()
        question = self.pack.question(question_id)
        old = self._label(question, self.session.answers[question_id].option)
        return [
            Line("notice", replies.changing(question.name, old)),
            Line("question", question.prompt),
        ]

    def why(self) -> list[Line]:
        question = self.current
        if question is None:
            return [Line("advisor", replies.ALL_ANSWERED)]
        names = [self.pack.service(s).name for s in self.session.separates(question.id)]
        return [Line("advisor", replies.why(question.why, names, question.option(NOT_SURE) is not None))]


def _ask_again(question: Question | None) -> list[Line]:
    """After a reply that answered nothing, the pending question again (when there is one)."""
    return [Line("question", question.prompt)] if question else []
