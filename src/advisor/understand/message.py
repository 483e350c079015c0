"""Understanding one typed message in the chat: answers, corrections, commands and guide questions.

``interpret`` never raises and never guesses silently. It returns one of:

* ``answers`` - one or more readings (the pending question and any others the text answers);
* ``clarify`` - close candidates for the pending question, to ask which was meant;
* ``command`` - back, restart, why, help;
* ``guide`` - a guide section that answers a question about the services;
* ``unknown`` - nothing understood (the UI replies with example answers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from ..pack.core import NOT_SURE, Pack, Question, QuestionKind
from ..record import Record
from .guide_search import Hit, index_for
from .match import Reading, Unclear, normalize, phrase_hits, read_answer, read_number, specific_kind
from .numbers import find_amounts

Kind = Literal["answers", "clarify", "command", "guide", "unknown"]

COMMANDS = {
    "back": "back",
    "go back": "back",
    "undo": "back",
    "previous": "back",
    "previous question": "back",
    "restart": "restart",
    "start over": "restart",
    "start again": "restart",
    "reset": "restart",
    "why": "why",
    "why?": "why",
    "why do you ask": "why",
    "why ask": "why",
    "why does it matter": "why",
    "help": "help",
    "?": "help",
    "what can i say": "help",
    "how does this work": "help",
}
QUESTION_START = re.compile(
    r"^(what|whats|what's|how|which|where|when|is|are|does|do|can|could|should|tell me|explain|"
    r"difference|compare|who)\b"
)
CORRECTION = re.compile(r"^(no|nope|actually|sorry|wait|correction|i meant|make that|change)\b[,:!. ]*\s*(.+)$")
MAX_CHARS = 2000
SERVICE_WORDS = {"colab", "kaggle", "kagle", "sagemaker", "aws", "pro", "pro+", "tensorboard", "studio", "lambda"}
# words that ask about the services rather than answer a question
TOPIC_WORDS = {
    "limit",
    "limits",
    "quota",
    "quotas",
    "price",
    "prices",
    "pricing",
    "cost",
    "costs",
    "timeout",
    "mount",
    "snippet",
    "tensorboard",
    "difference",
    "compare",
    "vs",
    "versus",
    "spot",
    "serverless",
    "lambda",
    "idle",
    "signup",
    "sign-up",
    "verification",
    "units",
    "guide",
    "tier",
    "session",
    "sessions",
    "hardware",
}


class Interpretation(Record):
    kind: Kind
    readings: tuple[Reading, ...] = ()
    candidates: tuple[Reading, ...] = ()
    command: str = ""
    guide: Hit | None = None
    corrected: tuple[str, ...] = ()  # question ids whose earlier answer this message changes


def _is_question(norm: str, raw: str) -> bool:
    return raw.rstrip().endswith("?") or bool(QUESTION_START.match(norm))


def _guide(pack: Pack, text: str, strong: float) -> Hit | None:
    hits = index_for(pack).search(text)
    if hits and hits[0].score >= strong:
        return hits[0]
    return None


def _others(pack: Pack, text: str, skip: str | None) -> list[Reading]:
    """Readings for questions other than the pending one, only where the text is unambiguous."""
    amounts = find_amounts(text)
    # words inside an amount ("5 hours a week") must not also count as phrases ("a week")
    rest = text
    for a in amounts:
        if a.kind == "count":
            continue
        rest = rest[: a.start] + " " * (a.end - a.start) + rest[a.end :]
    out: list[Reading] = []
    strong: dict[str, tuple[str, str]] = {}  # question -> (option, words)
    for question in pack.questions:
        if question.id == skip:
            continue
        if question.kind is QuestionKind.numeric:
            kind = specific_kind(question)
            specific = [a for a in amounts if a.kind == kind]
            if specific:
                reading = read_number(question, text, specific)
                if reading is not None:
                    out.append(reading)
                    continue
        hits = phrase_hits(question, rest)
        sure = {
            oid: words
            for oid, (score, words) in hits.items()
            if score >= 100 and (len(words) >= 3 or any(c.isdigit() for c in words)) and oid != NOT_SURE
        }
        if len(sure) == 1:
            [(oid, words)] = sure.items()
            strong[question.id] = (oid, words)
    # a phrase that another question also matched ("kaggle" in "kaggle competition") proves nothing
    all_hits = {
        q.id: {w for _, (_, w) in phrase_hits(q, rest).items()}
        for q in pack.questions
        if q.id in strong or q.id == skip
    }
    for qid, (oid, words) in strong.items():
        if any(_overlaps(words, other) for q2, found in all_hits.items() if q2 != qid for other in found):
            continue
        opt = pack.question(qid).option(oid)
        out.append(Reading(qid, oid, opt.value if opt else None, 100.0, "text", text))
    return out


def _overlaps(a: str, b: str) -> bool:
    """Whether phrase ``a`` lies inside phrase ``b`` (or is the same)."""
    return f" {a} " in f" {b} "


def interpret(pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str) -> Interpretation:
    """Understand ``text`` typed while ``pending`` is asked (None: all questions answered)."""
    raw = text[:MAX_CHARS]
    norm = normalize(raw)
    if not norm:
        return Interpretation("unknown")
    command = COMMANDS.get(norm) or COMMANDS.get(raw.strip().lower())
    if command:
        return Interpretation("command", command=command)

    words = set(norm.split())
    if _is_question(norm, raw) or (words & SERVICE_WORDS and words & TOPIC_WORDS):
        hit = _guide(pack, raw, strong=1.0)
        if hit is not None:
            return Interpretation("guide", guide=hit)

    correction = CORRECTION.match(norm)
    if correction and answered:
        rest = correction.group(2)
        fixes = [r for r in _others(pack, rest, None) if r.question in answered]
        if fixes:
            return Interpretation("answers", readings=tuple(fixes), corrected=tuple(r.question for r in fixes))

    readings: list[Reading] = []
    unclear: Unclear | None = None
    if pending is not None:
        first = read_answer(pending, raw)
        if isinstance(first, Reading):
            readings.append(first)
        else:
            unclear = first
    if not readings and TOPIC_WORDS & words:
        hit = _guide(pack, raw, strong=1.0)
        if hit is not None:
            return Interpretation("guide", guide=hit)
    others = [r for r in _others(pack, raw, pending.id if pending else None)]
    # only fill other questions when the text carries more than a bare word
    # an answer given earlier changes only when the person says so ("no, 5 hours"), never as a
    # side effect of words in another answer
    if len(norm.split()) >= 2:
        for r in others:
            if r.question not in {x.question for x in readings} and r.question not in answered:
                readings.append(r)
    if unclear is not None and len(unclear.candidates) >= 2 and len(readings) <= 1:
        # the text is mostly about the question asked, and could mean several of its options
        return Interpretation("clarify", candidates=unclear.candidates)
    if readings:
        corrected = tuple(r.question for r in readings if r.question in answered)
        order = {q.id: i for i, q in enumerate(pack.questions)}
        readings.sort(key=lambda r: order[r.question])
        return Interpretation("answers", readings=tuple(readings), corrected=corrected)
    if unclear is not None and unclear.candidates:
        return Interpretation("clarify", candidates=unclear.candidates)
    if words & (SERVICE_WORDS | TOPIC_WORDS):
        hit = _guide(pack, raw, strong=2.5)
        if hit is not None:
            return Interpretation("guide", guide=hit)
    return Interpretation("unknown")
