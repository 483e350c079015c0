"""Understanding one typed message in the chat: answers, corrections, commands and guide questions.

``interpret`` never raises and never guesses silently. It returns one of:

* ``answers`` - one or more readings (the pending question and any others the text answers);
* ``clarify`` - close candidates for the pending question, to ask which was meant;
* ``command`` - back, restart, why, help (also said politely: "restart please");
* ``guide`` - a guide section that answers a question about the services (with ``answers``
  too, when the message states a situation and asks about it);
* ``smalltalk`` - thanks, hello, ok (``command`` says which);
* ``unknown`` - nothing understood (the UI replies with example answers).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from ..engine.reach import may_be_asked
from ..pack.core import NOT_SURE, Option, Pack, Question, QuestionKind
from ..record import Record
from .guide_search import Hit, index_for
from .match import (
    NEGATIONS,
    RATE_UNITS,
    Reading,
    Unclear,
    after_but,
    forget_matches,
    is_weak,
    negated_other,
    normalize,
    number_problem,
    number_source,
    phrase_hits,
    phrase_matches,
    read_answer,
    read_count,
    read_number,
    specific_kind,
    synonym_sets,
    untaken,
    words_of,
)
from .numbers import CARD_WITH, GPU_MEMORY, Amount, find_amounts, money_for

Kind = Literal["answers", "clarify", "command", "guide", "smalltalk", "unknown"]

COMMANDS = {
    "back": "back",
    "go back": "back",
    "undo": "back",
    "previous": "back",
    "previous question": "back",
    "restart": "restart",
    "start over": "restart",
    "start again": "restart",
    "start from scratch": "restart",
    "start from beginning": "restart",
    "from the beginning": "restart",
    "start all over": "restart",
    "start all over again": "restart",
    "reset": "restart",
    "why": "why",
    "why?": "why",
    "why do you ask": "why",
    "why this question": "why",
    "why ask that": "why",
    "why is that relevant": "why",
    "why is this relevant": "why",
    "how is that relevant": "why",
    "how is this relevant": "why",
    # (in text-message spelling)
    "why u ask": "why",
    "why u ask this": "why",
    "why u ask that": "why",
    "why do u ask": "why",
    "why u asking": "why",
    "why ask this": "why",
    "why that question": "why",
    "why ask": "why",
    "why does it matter": "why",
    "why is that needed": "why",
    "why is this needed": "why",
    "why is that necessary": "why",
    "why that one": "why",
    "why this one": "why",
    "why that": "why",
    "why this": "why",
    "how come": "why",
    "what for": "why",
    "what s this for": "why",
    "what is this for": "why",
    "what s that for": "why",
    "what is that for": "why",
    "what s it for": "why",
    "help": "help",
    "help me": "help",
    "what can you do": "help",
    "what do you do": "help",
    "what is this": "help",
    "?": "help",
    "what can i say": "help",
    "how does this work": "help",
    "who are you": "help",
    "what are you": "help",
    "are you a bot": "help",
    "are you a human": "help",
    "how do i use this": "help",
    "restart the questions": "restart",
    "start the questions again": "restart",
    "what do i do here": "help",
    "what do i do": "help",
    "undo that": "back",
    "undo last answer": "back",
    "undo my last answer": "back",
    "go back a step": "back",
    "step back": "back",
    "last question": "back",
    "reset everything": "restart",
    "start fresh": "restart",
    "start from the beginning": "restart",
    "begin again": "restart",
    "from the top": "restart",
    "clear my answers": "restart",
    "clear everything": "restart",
    "new session": "restart",
    # not following the question: explain it (its reason, and the question again)
    "what do you mean": "why",
    "what does that mean": "why",
    "what does this mean": "why",
    "explain": "why",
    "explain that": "why",
    "explain the question": "why",
    "explain this question": "why",
    "what are my options": "why",
    "what are the options": "why",
    "explain the options": "why",
    "i don't understand": "why",
    "i dont understand": "why",
    "i do not understand": "why",
    "i'm confused": "why",
    "im confused": "why",
    "huh": "why",
    "what": "why",
    "sorry what": "why",
}
# a wish to leave a question open: the answer 'not sure', which weighs every option by how common it is
SKIP = {
    "skip",
    "skip it",
    "skip this",
    "skip this one",
    "skip that",
    "skip this question",
    "pass",
    "next",
    "next question",
    "rather not say",
    "i'd rather not say",
    "i d rather not say",
    "prefer not to say",
    "i prefer not to say",
    "no comment",
    "no answer",
    "leave it open",
    "leave it blank",
}
CORRECTION = re.compile(r"^(no|nope|actually|sorry|wait|correction|i meant|make that|change)\b[,:!. ]*\s*(.+)$")
MAX_CHARS = 2000


class Interpretation(Record):
    kind: Kind
    readings: tuple[Reading, ...] = ()
    candidates: tuple[Reading, ...] = ()
    command: str = ""
    guide: Hit | None = None  # with answers too: the passage that answers what the message asked
    corrected: tuple[str, ...] = ()  # question ids whose earlier answer this message changes
    # clarify: why the number given cannot be used ("no exchange rate for ₹"); answers: why an amount
    # said beside them was left unread
    problem: str = ""
    # what a question compares the services by ("which is cheaper?": "cost"; "which is faster?": "speed")
    compares: tuple[str, ...] = ()
    # answers read but not used: their question is not asked after the earlier answers ("our data is
    # confidential" after "a Kaggle competition"), so the chat can say so instead of "not understood"
    unasked: tuple[Reading, ...] = ()


COST_WORDS = re.compile(r"\b(?:cheap\w*|cost\w*|price\w*|pricing|expensive|afford\w*|how much)\b")
SPEED_WORDS = re.compile(
    r"\b(?:faster|fastest|quicker|quickest|speed|more gpus?|better gpus?|best gpus?|most powerful|"
    r"(?:which|what) (?:gpus?|hardware|cards?))\b"
)
_ASKS_WHICH = re.compile(r"\s*(?:which|what|who|where)\b")


def _compares(text: str, guide: bool) -> tuple[str, ...]:
    """What a question compares services by: a question about the guide always, any other message
    only when it asks ('which is cheaper?', 'what GPUs...')."""
    lowered = text.lower()
    if not guide and not (lowered.strip().endswith("?") or _ASKS_WHICH.match(lowered)):
        return ()
    return tuple(name for name, words in (("cost", COST_WORDS), ("speed", SPEED_WORDS)) if words.search(lowered))


def service_words(pack: Pack) -> frozenset[str]:
    """Words that name something the guide is about: the pack's services and the other names in its guide words."""
    return pack.derived.once("service-words", lambda: _service_words(pack))


def topic_words(pack: Pack) -> frozenset[str]:
    """Words that ask about the services rather than answer a question (the pack's guide words)."""
    return pack.derived.once("topic-words", lambda: frozenset(pack.info.guide_words.topics))


def guide_topics(pack: Pack) -> frozenset[str]:
    """The topic words and the sections' heading words: what a question about the guide names."""
    return pack.derived.once("guide-topics", lambda: topic_words(pack) | frozenset(pack.info.guide_words.headings))


def _service_words(pack: Pack) -> frozenset[str]:
    found = set(pack.info.guide_words.names)
    for service in pack.services:
        found.update(service.id.split("-"))
        for alias in service.aliases:
            found.update(normalize(alias).split())
    found -= {"google", "amazon", "notebooks", "free", "plus"}  # too common to name a service alone
    return frozenset(found)


def _guide(pack: Pack, text: str, strong: float) -> Hit | None:
    hits = index_for(pack).search(text)
    if hits and hits[0].score >= strong:
        return hits[0]
    return None


def _sure_phrase(question: Question, rest: str) -> tuple[str, str] | None:
    """The one option a description names for a question that is not being asked, with the words
    that name it: an exact phrase of some length, never a weak word; or the other of two options
    said with a negation. None when it names none, or several."""
    hits = phrase_hits(question, rest)
    flipped = negated_other(question, rest, hits)
    if flipped is not None and len(rest.split()) >= 2:
        return (flipped.option, flipped.text)
    sure = {oid: words for oid, (score, words) in hits.items() if score >= 100 and _tells(question, oid, words, rest)}
    # "no budget constraints" is not also "no budget": words inside a longer phrase of another option
    # (unless the shorter is also said on its own: "no GPU ... free GPU time" says both)
    # (any phrase the other option says counts: "data parallel training across GPUs" says 'across gpus')
    if len(sure) > 1:
        said = {o: {w for oid, _, w, exact in phrase_matches(question, rest) if exact and oid == o} for o in sure}
        said = {o: {sure[o], *words} for o, words in said.items()}
        sure = {
            o: w for o, w in sure.items() if not any(_within(w, w2, rest) for o2 in sure if o2 != o for w2 in said[o2])
        }
    # "GPUs, several of them": a word that made another option's near words count is part of that option
    sure = {o: w for o, w in sure.items() if not any(_lends(question, o2, w2, w, rest) for o2, w2 in sure.items())}
    sure = untaken(question, sure)
    if len(sure) == 2:
        sure = after_but(sure, normalize(rest))
    return next(iter(sure.items())) if len(sure) == 1 else None


def _lends(question: Question, oid: str, words: str, other: str, rest: str) -> bool:
    """Whether ``other`` is one of the near words that make this option's ``words`` count here."""
    option = question.option(oid)
    return option is not None and other in {normalize(w) for w in option.near} and _near(question, oid, words, rest)


def _tells(question: Question, oid: str, words: str, rest: str) -> bool:
    """Whether an option's words, said exactly, name it in a description: words of some length,
    never a weak word (unless beside one of its near words)."""
    return (
        (len(words) >= 3 or any(c.isdigit() for c in words))
        and (oid != NOT_SURE or len(words.split()) >= 3)  # "not sure how long", never a bare "not sure"
        and words not in WEAK
        and not (is_weak(question, oid, words) and not _near(question, oid, words, rest))
    )


def _near(question: Question, option_id: str, words: str, text: str) -> bool:
    """Whether a sentence that says one of the option's ``near_words`` also says one of its ``near``
    words ('images on my laptop': where the data is)."""
    option = question.option(option_id)
    if option is None or words not in {normalize(w) for w in option.near_words}:
        return False
    near = {normalize(w) for w in option.near}
    for sentence in re.split(r"[.;!?\n]|\bbut\b", normalize(text)):
        said = set(sentence.split())
        if words in sentence and (said - set(words.split())) & near:  # a near word besides its own
            return True
    return False


# words inside an amount that still count ("2 hours of GPU a day", "3 hours of training per day")
_DEVICE_IN_AMOUNT = re.compile(r"\b(gpu|tpu|cpu|training)\b|.", re.I | re.S)


# "need 40GB", and "a GPU with 48GB" (the card wanted)
_NEEDED = re.compile(rf"\b(?:need|needs|require|requires)\s+(?:about\s+|around\s+|at\s+least\s+)?$|{CARD_WITH}")


# "40GB of RAM", "40GB of memory": the machine's memory, not the size of the GPU asked about (numbers
# reads 'of memory' more narrowly, as either kind)
_MACHINE_MEMORY_AFTER = re.compile(r"\s*(?:of\s+)?(?:system\s+|main\s+)?(?:ram|memory)\b", re.I)


def _sized(question: Question, text: str, amounts: list[Amount], asked: bool = False) -> Reading | None:
    """'24 GB of GPU memory' at a question sized by GPU memory: the smallest option that holds it
    (``asked``: the question is the one asked, so a bare '40GB or more' is its size too)."""
    if not question.sized_by:
        return None
    words = "|".join(re.escape(normalize(w)) for w in question.sized_by)
    said = re.compile(rf"\s*(?:of\s+)?(?:the\s+)?(?:{words})\b", re.I)
    for amount in amounts:
        named = said.match(text[amount.end :])
        # "I have 16GB on my GPU, need 40GB for this model": a GPU's memory, said as the need
        needed = amount.aside == GPU_MEMORY and _NEEDED.search(text[: amount.start].lower())
        bare = asked and not _MACHINE_MEMORY_AFTER.match(text[amount.end :])
        if amount.kind != "size" or amount.aside not in ("", GPU_MEMORY) or not (named or needed or bare):
            continue
        fits = [o for o in question.options if o.holds is not None and o.holds >= amount.value]
        if fits:
            best = min(fits, key=lambda o: o.holds or 0)
            note = f"read {amount.text} as the smallest choice that holds it"
            return Reading(question.id, best.id, None, 100.0, "text", text, note)
    return None


def _devices_only(said: str) -> str:
    """The amount blanked out but for a device named in it ('2 hours of GPU' -> '           GPU')."""
    return _DEVICE_IN_AMOUNT.sub(lambda m: m[0] if m[1] else " " * len(m[0]), said)


# what a service handed out, not what the person wants: "the free tier gave me a T4", "I still get a
# K80 sometimes", "it assigned me an L4"
# (only a device: a model name with a digit, or CPU; "gave me an AWS account" is had, not handed out)
_GIVEN = re.compile(
    r"\b(?:gave|gives|give|assigned|assigns|allocated|allocates)\s+(?:me|us)\s+(?:a\s+|an\s+|the\s+)?"
    r"((?:[a-z]+\d+[a-z]*|cpu|cpus)\b)"
    r"|\b(?:stuck\s+with|(?:still|only|always|usually|sometimes|then|just|and|but)\s+(?:get|got)|i\s+got|got\s+assigned)"
    r"\s+(?:a\s+|an\s+|the\s+)?"
    r"((?:[a-z]+\d+[a-z]*|cpu|cpus)\b)",
    re.I,
)


def _others(pack: Pack, text: str, skip: str | None, unsure: list[tuple[str, int, int]] | None = None) -> list[Reading]:
    """Readings for questions other than the pending one, only where the text is unambiguous
    (``unsure``: what _unsure_about found in the text, when the caller has it already)."""
    amounts = find_amounts(text, money_for(pack))
    # words inside an amount ("5 hours a week") must not also count as phrases ("a week")
    rest = text
    for a in amounts:
        if a.kind == "count":
            continue
        # ... but "2 hours of GPU a week", "10 GPU hours" still say a GPU is wanted
        # (unless the amount is a quota or a limit: "12 GPU hours left" wants nothing)
        kept = _devices_only(rest[a.start : a.end]) if not a.aside else " " * (a.end - a.start)
        if re.match(r"\s+(?:each|every)\b", rest[a.end :]):  # "4 hours each time": keep the unit said
            unit = a.text.split()[-1] if " " in a.text else ""
            kept = kept[: len(kept) - len(unit)] + unit if unit and kept.endswith(" " * len(unit)) else kept
        rest = rest[: a.start] + kept + rest[a.end :]
    rest = _GIVEN.sub(lambda m: m[0][: m.start(m.lastindex or 0) - m.start()] + " " * len(m[m.lastindex or 0]), rest)
    out: list[Reading] = []
    strong: dict[str, tuple[str, str]] = {}  # question -> (option, words)
    unsure = _unsure_about(pack, text) if unsure is None else unsure
    for question in pack.questions:
        if question.id == skip:
            continue
        counted = read_count(question, text, amounts) or _sized(question, text, amounts)
        if counted is not None:
            out.append(counted)
            continue
        if question.kind is QuestionKind.numeric:
            kind = specific_kind(question)
            specific = [a for a in amounts if a.kind == kind]
            if specific:
                reading = read_number(question, text, specific)
                if reading is not None:
                    out.append(reading)
                    continue
        found = _sure_phrase(question, _without_unsure(rest, unsure, question.id))
        if found is not None:
            strong[question.id] = found
    # a phrase that another question also matched ("kaggle" in "kaggle competition") proves nothing
    all_hits = {q.id: _said(q, rest) for q in pack.questions if q.id in strong or q.id == skip}
    for qid, (oid, words) in strong.items():
        # the option counts if one of its phrases is not another question's words ("homework with
        # scikit-learn": 'learn' is inside scikit-learn, 'homework' is not)
        own = [words] + sorted(_exact_words(pack.question(qid), oid, rest) - {words}, key=len, reverse=True)
        if all(_claimed(pack, qid, said, rest, all_hits) for said in own):
            continue
        opt = pack.question(qid).option(oid)
        out.append(Reading(qid, oid, opt.value if opt else None, 100.0, "text", text))
    for qid in dict.fromkeys(q for q, _, _ in unsure):  # "no idea how much RAM I need", and no figure said
        if qid != skip and qid not in {r.question for r in out}:
            out.append(Reading(qid, NOT_SURE, None, 100.0, "text", text))
    return out


def _claimed(pack: Pack, qid: str, words: str, rest: str, all_hits: dict[str, set[str]]) -> bool:
    """Whether another question's phrase also takes these words ('kaggle' in 'kaggle competition')."""
    return any(
        _overlaps(words, other)
        # ("learning deep learning": 'learning' also said on its own is not only inside the other)
        and (words == other or _within(words, other, rest) or not set(words.split()) <= set(other.split()))
        and not _two_facts(pack, qid, words, q2, other)
        for q2, found in all_hits.items()
        if q2 != qid
        for other in found
        # "an A100", "an L4": one GPU, and (its follow-up) which GPU, said by the same words;
        # "the company pays": the budget, and (its follow-up) whose account, likewise
        if not (_follows(pack, q2, qid) or (_follows(pack, qid, q2) and (other in words or words in other)))
    )


def _two_facts(pack: Pack, qid: str, words: str, q2: str, other: str) -> bool:
    """Whether a phrase is these words and words that answer a third question: 'training overnight'
    (unattended) says training, and overnight (a run's length) too, while 'kaggle competition' (the
    work) is one thing, whatever 'kaggle' says alone."""
    left = f" {other} ".replace(f" {words} ", " ", 1).strip()
    return (
        bool(left) and left != other and any(_strong_words(q3, left) for q3 in pack.questions if q3.id not in (qid, q2))
    )


def _exact_words(question: Question, option_id: str, text: str) -> set[str]:
    """Every phrase of one option said exactly in the text that counts in a description."""
    return {
        w
        for oid, _, w, exact in phrase_matches(question, text)
        if oid == option_id and exact and _tells(question, oid, w, text)
    }


def _said(question: Question, text: str) -> set[str]:
    """Every phrase of the question said in the text (near misses only where they are an option's best)."""
    said = {w for oid, _, w, exact in phrase_matches(question, text) if exact and not is_weak(question, oid, w)}
    return said | {w for oid, (_, w) in phrase_hits(question, text).items() if not is_weak(question, oid, w)}


# single words that answer the question being asked ("plenty" of budget, "always" for the GPU) but
# in a description usually say something else ("8 GB is plenty", "it always stops")
WEAK = {
    "plenty",
    "always",
    "cheap",
    "small",
    "little",
    "a lot",
    "normal",
    "standard",
    "usual",
    "default",
    "whatever",
    "any",
    "fine",
    "huge",
    "massive",
    "reliable",
    "reliably",
    "generous",
    "moderate",
}


def _weak(question: Question, text: str, reading: Reading) -> bool:
    """A reading of a longer message that rests on one weak word ("8 GB is plenty" is no budget)."""
    if reading.via != "text" or len(normalize(text).split()) <= 3:
        return False
    hit = phrase_hits(question, text).get(reading.option)
    return hit is not None and hit[1] in WEAK


_CLAUSE_END = re.compile(r"[,.;:!?()]|\b(?:but|and|so|because)\b")


def _stray(pack: Pack, question: Question, text: str, reading: Reading) -> bool:
    """A bare number in a longer description, with none of the question's words beside it ("runs
    take a minute or two", "I have a 4090 at home"): not this question's answer. A short reply
    ("maybe thirty") or one that names the question ("my budget is 30") is."""
    if reading.via != "number" or len(normalize(text).split()) <= 6:
        return False
    source = number_source(question, find_amounts(text, money_for(pack)), text)
    if source is None or source.kind != "plain":
        return False
    lowered = text.lower()
    clause = _CLAUSE_END.split(lowered[: source.start])[-1] + " " + _CLAUSE_END.split(lowered[source.end :])[0]
    return not any(re.search(rf"\b{re.escape(key.lower())}", clause) for key in question.keys)


def _follows(pack: Pack, follow_up: str, question: str) -> bool:
    """Whether ``follow_up`` is asked depending on the answer to ``question``."""
    return any(question in cond for cond in pack.question(follow_up).conditions)


def _reachable(pack: Pack, readings: list[Reading], answered: Mapping[str, str], pending: str | None) -> list[Reading]:
    """Only answers to questions that may still be asked: a follow-up whose condition the answers so
    far or this message already rule out is not filled ('no money, no card': the card question is
    only asked of people with a budget)."""
    kept = list(readings)
    while True:
        chosen = {**answered, **{r.question: r.option for r in kept}}
        still = [r for r in kept if r.question == pending or may_be_asked(pack.question(r.question), chosen)]
        if len(still) == len(kept):
            return still
        kept = still


def _within(short: str, long: str, text: str) -> bool:
    """Whether every time ``short`` is said in the text it is part of ``long``."""
    if short == long or not _overlaps(short, long):
        return False
    words = " " + " ".join(re.findall(r"[\w'$+.-]+", normalize(text))) + " "
    return words.count(f" {short} ") <= words.count(f" {long} ")


def _overlaps(a: str, b: str) -> bool:
    """Whether phrase ``a`` lies inside phrase ``b`` (or is the same)."""
    return f" {a} " in f" {b} "


SMALL_TALK = {
    "thanks": "thanks",
    "thank you": "thanks",
    "thank you so much": "thanks",
    "thanks a lot": "thanks",
    "thanks so much": "thanks",
    "thank you very much": "thanks",
    "many thanks": "thanks",
    "thx": "thanks",
    "ty": "thanks",
    "cheers": "thanks",
    "great thanks": "thanks",
    "ok thanks": "thanks",
    "hi": "hello",
    "hiya": "hello",
    "hii": "hello",
    "hiii": "hello",
    "helo": "hello",
    "hello": "hello",
    "hey": "hello",
    "hi there": "hello",
    "hello there": "hello",
    "hey there": "hello",
    "good morning": "hello",
    "good evening": "hello",
    "ok": "ok",
    "sure thing": "ok",
    "sure": "ok",
    "fine": "ok",
    "fine then": "ok",
    "that's fine": "ok",
    "thats fine": "ok",
    "okay": "ok",
    "okay then": "ok",
    "ok then": "ok",
    "alright then": "ok",
    "all right": "ok",
    "cool": "ok",
    "great": "ok",
    "nice": "ok",
    "awesome": "ok",
    "got it": "ok",
    "i see": "ok",
    "alright": "ok",
    "bye": "bye",
    "ok cool": "ok",
    "cool thanks": "thanks",
    "goodbye": "bye",
    "see you": "bye",
    "cya": "bye",
    "bye bye": "bye",
    "see ya": "bye",
    "see you later": "bye",
    "later": "bye",
    "quit": "bye",
    "exit": "bye",
    "sounds good": "ok",
    "k": "ok",
    "kk": "ok",
    "fine by me": "ok",
    "fine with me": "ok",
    "works for me": "ok",
    "perfect": "ok",
    "makes sense": "ok",
    "that makes sense": "ok",
    "much appreciated": "thanks",
    "appreciate it": "thanks",
    "i appreciate it": "thanks",
    "tysm": "thanks",
    "ta": "thanks",
    "bye for now": "bye",
    "that s all": "bye",
    "thats all": "bye",
    "that is all": "bye",
    "good night": "bye",
    "goodnight": "bye",
    "thank u": "thanks",
    "that helps": "thanks",
    "that's helpful": "thanks",
    "that s helpful": "thanks",
    "good afternoon": "hello",
    "yo": "hello",
    "howdy": "hello",
}
POLITE = re.compile(
    r"^(?:please|pls|plz|can you|could you|would you|can we|could we|shall we|let me|let's|let s|lets"
    r"|i want to|i'd like to|id like to|just|ok|okay)\s+"
    r"|\s+(?:please|pls|plz|now|thanks|thank you|one|one step|a step|one question|a question|here)$"
)
# a sentence asks when it ends with '?', or opens with a question word (a modal only with a subject
# after it: "can I..." asks, "can spend $10 a month" describes)
WH_START = re.compile(r"^(what|whats|what's|how|which|where|when|who|why|tell me|explain|difference|compare)\b")
# a modal opens a question only with a subject after it ("can I ...?", "is kaggle ...?"); the pack's
# service names count as subjects too
MODAL_START = re.compile(r"^(?:is|are|does|do|can|could|should|would|will|did|was|were|has|have)\s+([\w'+-]+)")
SUBJECTS = {
    *("i you we they it he she this that there the a an my your our its any anyone someone these those".split()),
    *("pro google free paid".split()),
}
_SENTENCE = re.compile(r"((?<=[.?!;])\s+|\n+)")  # (kept: what came between two sentences)
NAMES_ONLY = {"vs", "versus", "or", "and", "compared", "to", "with", "between", "the", "free", "paid"}
SITUATION = set("i im i'm my me we our us need needs have has want using afford got".split())


def _opens_question(part: str, names: frozenset[str]) -> bool:
    norm = normalize(part)
    modal = MODAL_START.match(norm)
    # ("have aws" is a reply, "has kaggle changed its limits" a question: after have/has, a name asks
    # only with more words after it)
    words = norm.split()
    named = modal is not None and modal[1] in names and (words[0] not in {"has", "have"} or len(words) > 3)
    return bool(WH_START.match(norm) or (modal and (modal[1] in SUBJECTS or named)))


# "I guess 4 hours?", "maybe 20?": an answer said with a rising voice, not a question
_HEDGED = re.compile(
    r"^\s*(?:i\s+guess|i\s+think|i'?d\s+say|maybe|probably|perhaps|like|around|about|roughly|idk)\b", re.I
)


def _asks(sentence: str, names: frozenset[str]) -> bool:
    if _opens_question(sentence, names):
        return True
    return sentence.rstrip().endswith("?") and not _HEDGED.match(sentence)


# "can it run while I sleep? yes": a question about the job answered at once
_YES_NO = re.compile(r"^\s*(?:(yes|yeah|yep|yup|sure)|no|nope)\b[\s.!,]*$", re.I)
_OF_ITSELF = re.compile(
    r"^\s*(can|could|will|would|does|do|is|are|should|must)\s+(it|i|we|they|this|that|(?:the|my|our)\s+\w+)\s+(.+)$",
    re.I,
)
_NOT = {"can": "cannot", "will": "won't", "do": "don't", "does": "doesn't", "is": "isn't", "are": "aren't"}


def _answered_in_place(sentence: str, reply: str, names: frozenset[str]) -> str:
    """A question about the job itself that the next words answer, said as a statement: 'can it resume?
    no' is 'it cannot resume', 'a T4 is fine, and it runs while I sleep? yes' is said. '' otherwise."""
    answer = _YES_NO.match(reply)
    body = sentence.rstrip().rstrip("?").rstrip()
    if answer is None or set(normalize(body).split()) & names:
        return ""
    # (the question may follow a statement: "I'd have to check, and can it run while I sleep? yes")
    head, _, last = body.rpartition(", ")
    turned = _OF_ITSELF.match(re.sub(r"^(?:and|but|so|also)\s+", "", last, flags=re.I))
    if turned is not None:
        modal, subject, rest = turned[1].lower(), turned[2], turned[3]
        said = f"{subject} {modal if answer[1] else _NOT.get(modal, modal + ' not')} {rest}"
        return f"{head}, {said}" if head else said
    return body if answer[1] and not _opens_question(body, names) else ""


def split_question(raw: str, names: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(what the message states, what it asks): '... my runs need ten hours; would Pro help?'.
    ``names``: the pack's service words ("is kaggle ..." opens a question)."""
    stated: list[tuple[bool, str]] = []  # each with whether a line break came before it (a list stays a list)
    asked: list[str] = []
    pieces = _SENTENCE.split(raw)
    sentences = [(i > 0 and "\n" in pieces[i - 1], s) for i, s in enumerate(pieces) if i % 2 == 0 and s.strip()]
    replied = -1  # the sentence that answered the question before it
    for i, (line, sentence) in enumerate(sentences):
        if i == replied:
            continue
        if not _asks(sentence, names):
            stated.append((line, sentence))
            continue
        # "my 9-hour jobs keep dying, would Pro help?": the question starts at its question word
        parts = re.split(r",\s*|;\s*", sentence)
        cut = next((i for i, part in enumerate(parts) if i and _opens_question(part, names)), None)
        question = sentence
        if cut is not None and not _opens_question(parts[0], names):
            stated.append((line, ", ".join(parts[:cut])))
            question = ", ".join(parts[cut:])
        said = _answered_in_place(question, sentences[i + 1][1] if i + 1 < len(sentences) else "", names)
        if said:
            stated.append((line, said))
            replied = i + 1
        else:
            asked.append(question)
    text = "".join(("\n" if line else " ") + said for line, said in stated)
    return text[1:], " ".join(asked)


WHY = re.compile(
    r"^why (?:do|does|would|should|are|is) (?:you|it|that|this) (?:need|want|ask|asking|matter|care|important)\b"
)


# "what should I use if my data is confidential?": a question that says something of the person's own
# situation ("if my ...", "since we ...", "given that I ...")
_OWN_SITUATION = re.compile(
    r"\b(?:if|since|when|given\s+that|as|because)\s+(?:my|our|i|i'm|im|we|we're|i've|we've)\b"
    # "what would you recommend for a lab with 10 people ...?", "can I use colab for my company?"
    r"|\b(?:recommend\w*|suggest\w*|advise|best|right|ideal|worth\s+it)\s+(?:\w+\s+){0,2}?"
    r"for\s+(?:a|an|my|our|me|us|\d+)\b"
    r"|\bfor\s+(?:my|our)\s+(?:company|team|employer|lab|startup|business|class|students|clients?|job|work)\b"
    r"|\b(?:move|get|load|put|upload|copy|bring|read|access|transfer|mount)\s+(?:my|our)\s+(?:data|dataset|datasets|files)\b",
    re.I,
)


# a question that names what the person looks for ("free gpu that doesn't disconnect after 1h?",
# "is there anything with 2 GPUs?", "do u know a free service with 24GB?")
_WISH = re.compile(
    r"^(?:(?:quick\s+)?q(?:uestion)?\s+|so\s+|hi\s+|hey\s+|hello\s+)*"
    r"(?:is\s+there|are\s+there|do\s+(?:you|u)\s+know|know\s+(?:of|any)|any|anything|something|somewhere|anywhere|"
    r"looking\s+for|need|want|free|cheap|an?|some)\b"  # ("a GPU that's free and always there?")
)


def _wish(pack: Pack, asked: str) -> bool:
    """A question that names what the person looks for and no service ("is there a free GPU with 24GB?")."""
    said = normalize(asked)
    return bool(_WISH.match(said)) and not set(said.split()) & service_words(pack)


def _own_situation(pack: Pack, asked: str) -> bool:
    # ... or asks which service gives what they want ("which service gives a GPU for free?"), or
    # names what they look for
    return bool(_OWN_SITUATION.search(asked) or _WHICH_GIVES.match(asked) or _wish(pack, asked))


def _measured(pack: Pack, text: str) -> bool:
    """Whether the text measures the person's own job with a unit: '36h' alone, '$20/mo', a question
    that carries it ("... for a 10 hour gpu job?", "... under $50?", "... with 2 GPUs?")."""
    measures = ("money", "duration", "weekly", "size")
    counted = pack.derived.once("counted-words", lambda: frozenset(c for q in pack.questions for c in q.counts))
    return any(
        (a.kind in measures or (a.kind == "count" and a.counted in counted)) and not a.aside and not a.problem
        for a in find_amounts(text, money_for(pack))
    )


def _command(norm: str, raw: str) -> str:
    found = COMMANDS.get(norm) or COMMANDS.get(raw.strip().lower())
    if found:
        return found
    if WHY.match(norm):  # "why do you need to know that?"
        return "why"
    polite = _polite(norm)
    return COMMANDS.get(polite, "") or COMMANDS.get(polite.rstrip("!.? "), "")


def _polite(norm: str) -> str:
    """The message without the polite words around a command ("please restart now", "can you go back please")."""
    polite = norm
    for _ in range(3):
        polite = POLITE.sub("", polite).strip()
    return polite


def _small_talk(norm: str, pending: Question | None = None) -> str:
    # "sure" is small talk, unless it answers the question asked ("sure" to "can it resume?")
    if pending is not None and any(norm in said for _, said in synonym_sets(pending)):
        return ""
    words = re.sub(r"[!.?]+", " ", norm).split()
    found = SMALL_TALK.get(" ".join(words), "")
    if found:
        return found
    if words and set(words) <= _GREETING_WORDS and set(words) - {"there"}:
        return "hello"  # "hey hey", "hi hi there"
    # "great, thank you", "perfect thanks a lot": thanks with only warm words around it
    if words and set(words) <= _THANKS_WORDS and set(words) & {"thanks", "thank", "cheers", "thx", "ty"}:
        return "thanks"
    # "that's all, bye", "ok bye then": goodbye with only warm words around it
    if words and set(words) <= _THANKS_WORDS | _BYE_WORDS and set(words) & {"bye", "goodbye", "cya"}:
        return "bye"
    return SMALL_TALK.get(_polite(" ".join(words)), "")  # "exit please"


_BYE_WORDS = {
    "bye",
    "goodbye",
    "cya",
    "all",
    "for",
    "now",
    "then",
    "see",
    "later",
    "is",
    "i",
    "m",
    "im",
    "done",
    "ok",
    "okay",
}


_GREETING_WORDS = {"hi", "hey", "hello", "hiya", "heya", "yo", "howdy", "there"}
_THANKS_WORDS = {
    "thanks",
    "thank",
    "you",
    "so",
    "much",
    "a",
    "lot",
    "very",
    "great",
    "ok",
    "okay",
    "cool",
    "nice",
    "awesome",
    "perfect",
    "cheers",
    "many",
    "ty",
    "thx",
    "that's",
    "thats",
    "helpful",
    "brilliant",
    "super",
    "that",
    "ton",
    "bunch",
    "mate",
    "heaps",
    "buddy",
    "helps",
    "helped",
    "that s",
    "s",
    "really",
}


def _with_listed(
    pack: Pack, pending: Question | None, text: str, readings: list[Reading], unclear: Unclear | None
) -> tuple[list[Reading], Unclear | None]:
    """The answers a list gives ('Budget: zero. GPU: yes.'), put before the others: what each key
    says wins over what the words around it suggest."""
    listed = _form(pack, text)
    if not listed:
        return readings, unclear
    keyed = {r.question for r in listed}
    # in a list, the question being asked is answered by its own key only ("gpu: none" is no budget)
    # ... unless the text names it too ("Budget $0. Hardware: CPU."), or only one key is said
    # ("checkpointing yes, $20": a description with one key in it)
    own = pending is not None and (_named(pending, normalize(text)) or len(listed) < 2)
    # (a number a key took is not also read loose: "weekly: 25h" is no 25-hour run)
    taken = {r.value for r in listed if r.via == "number"}
    readings = listed + [
        r
        for r in readings
        if r.question not in keyed
        and (pending is None or r.question != pending.id or own)
        and not (r.via == "number" and r.value in taken)
    ]
    return readings, None if pending is not None and pending.id in keyed else unclear


def _read_statement(
    pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str
) -> tuple[list[Reading], Unclear | None]:
    """Every answer a statement gives: the pending question's first, then the others it settles."""
    readings: list[Reading] = []
    unclear: Unclear | None = None
    said, text = text, _without_history(_without_free_names(pack, _INTERJECTION.sub(_as_sorry, text)))
    sized: Reading | None = None
    unsure = _unsure_about(pack, text)
    if pending is not None:
        first = read_answer(pending, _without_unsure(text, unsure, pending.id), money_for(pack))
        if isinstance(first, Reading):
            first.text = text  # the words as said, not as blanked for this question
        if not isinstance(first, Reading) and pending.sized_by:  # "a GPU with 24GB of VRAM" when asked which GPU
            sized = _sized(pending, text, find_amounts(text, money_for(pack)), asked=True)
            first = sized or first
        if isinstance(first, Reading) and not _weak(pending, text, first) and not _stray(pack, pending, text, first):
            readings.append(first)
        elif isinstance(first, Unclear):
            unclear = first
    # only fill other questions when the text carries more than a bare word; an answer given earlier
    # changes only when the person says so ("no, 5 hours"), never as a side effect of another answer
    if len(normalize(text).split()) >= 2 or _measured(pack, text):
        for r in _others(pack, text, pending.id if pending else None, unsure):
            if r.question not in {x.question for x in readings} and r.question not in answered:
                # (the size that answered the GPU asked about is not also the RAM)
                if not (sized is not None and r.via == "number" and specific_kind(pack.question(r.question)) == "size"):
                    readings.append(r)
        if (
            pending
            and readings
            and readings[0].question == pending.id
            and readings[0].option == NOT_SURE
            and len(readings) > 1
            and (any(r.option == NOT_SURE for r in readings[1:]) or _unsure_of_another(pending, text))
            and pending.id not in {q for q, _, _ in unsure}  # ("I don't know my budget" at the budget)
        ):
            # "not sure how long it runs", "not sure how much RAM I need, maybe 8 gigs": unsure of
            # something else, not of the budget asked
            readings.pop(0)
    readings, unclear = _with_listed(pack, pending, text, readings, unclear)
    if not readings and (unclear is None or not (unclear.candidates or unclear.problem)):
        unclear = _amount_problem(pack, pending, answered, text) or unclear
    readings += _implied(pack, readings, answered)
    for r in readings:  # each answer keeps the words as they were said, history and all
        r.text = said if r.text == text else r.text
    if unclear is not None and unclear.text == text:
        unclear.text = said
    return readings, unclear


# "no idea about hardware", "I don't know where the data will live": what the person is unsure of,
# named by one question's keys in the rest of the clause
_UNSURE = r"not\s+sure|unsure|don['’]?t\s+know|do\s+not\s+know|no\s+idea|dunno"  # said raw or normalized
_UNSURE_ABOUT = re.compile(
    rf"\b(?:{_UNSURE}|hard\s+to\s+say|can['’]?t\s+say|"
    r"cannot\s+say|no\s+clue|not\s+certain|haven['’]?t\s+(?:figured\s+out|decided|measured|checked)|"
    r"(?:i['’]?d|i\s+would|i['’]?ll|i\s+will)\s+(?:have|need)\s+to\s+(?:ask|check)(?:\s+(?:my|our|the)\s+\w+)?)\s+(?:yet\s+)?"
    r"(?:(?:how|what|which|where|about|of)\b(?:(?!\b(?:and|but|so)\s+(?:i|we|it|the|my|our)\b)[^,.;:!?])*"
    # ("I don't know the hardware", "not sure of my budget": a short clause of its own)
    r"|(?:the|my|our)\s+[\w-]+(?:\s+[\w-]+)?(?=\s*(?:[,.;:!?]|$)|\s+(?:and|but|so)\b))",
    re.I,
)


def _unsure_about(pack: Pack, text: str) -> list[tuple[str, int, int]]:
    """Each 'not sure how much RAM' in the text: the one question it names, and where it is said."""
    found = []
    for match in _UNSURE_ABOUT.finditer(text):
        said = normalize(match[0])
        named = [q for q in pack.questions if q.option(NOT_SURE) is not None and _named(q, said)]
        if len(named) == 1:
            found.append((named[0].id, match.start(), match.end()))
    return found


def _without_unsure(text: str, spans: list[tuple[str, int, int]], qid: str | None) -> str:
    """The text as another question sees it: 'no idea about hardware' says nothing of the budget."""
    for other, start, end in spans:
        if other != qid:
            text = text[:start] + " " * (end - start) + text[end:]
    return text


_UNSURE_OF = re.compile(
    rf"\b(?:{_UNSURE})\s+"
    r"(?:yet\s+)?((?:for\s+how|how|what|which|whether|if|about|of)\b[^,.;:!?]*)"
)


def _unsure_of_another(question: Question, text: str) -> bool:
    """'not sure how much RAM I need': the words after 'not sure' name what the person is unsure
    of, and none of them is the question's own (its keys, its short name)."""
    found = _UNSURE_OF.search(normalize(text))
    if found is None:
        return False
    return not _named(question, found[1])


def _named(question: Question, words: str) -> bool:
    """Whether normalized ``words`` name the question (one of its keys, its short name, its id)."""
    names = {normalize(k) for k in (*question.keys, question.short, question.id.replace("-", " "))} - {""}
    return any(f" {n} " in f" {words} " for n in names)


# a message's parts: split at punctuation, "but" and "now" ("we started in 2024 and now have 12 engineers")
# ... and at "and" before a new clause's subject ("I started it an hour ago and it needs 8 more hours")
_NEW_CLAUSE = r"\band\s+(?=(?:it|i|we|they|my|our)\b)"
_PART = re.compile(rf"(?:(?!\bbut\b|\bnow\b|{_NEW_CLAUSE})[^,.;!?])+|[,.;!?]+|\bbut\b|\bnow\b|{_NEW_CLAUSE}")
_HISTORY = re.compile(
    r"\b(?:yesterday|last\s+(?:year|month|week|night|time|semester|term|quarter|summer|winter|spring|autumn|fall)|"
    r"ago|in\s+(?:19[89]\d|20[0-3]\d)|(?:burned|burnt)\s+through|(?:previous|prior)\s+(?:jobs?|runs?|projects?|models?)|"
    # what someone else did or said ("a friend ran a 48 hour job")
    r"(?:a\s+friend|my\s+friend|friends|someone|somebody|a\s+colleague|my\s+colleague|people)\s+(?:on\s+[\w.]+\s+)?"
    r"(?:ran|did|had|used|trained|got|said|told|says|paid|recommended|recommends|suggested|suggests)|(?:support|they|he|she|google|amazon|aws)\s+(?:said|says|told)|"
    # hearsay: what the person heard or read of a service ("I heard Pro+ has background execution")
    r"i\s+(?:heard|read|was\s+told)|i'?ve\s+(?:heard|read)|apparently|rumou?r\s+has\s+it|"
    # what they did before ("we used to run everything on our own servers")
    r"(?:i|we)\s+used\s+to|"
    r"sat\s+idle|(?:got|received|had)\s+an?\s+(?:\$\s*)?[\d,.]+k?\s*(?:dollar\s+)?bill|(?:was|were|got)\s+charged|"
    r"(?:ran|run)\s+out\s+after|"
    r"spent\s+(?:the\s+|my\s+)?(?:whole\s+|entire\s+|all\s+)?(?:day|weekend|week|night|morning|evening|afternoon))\b",
    re.I,
)


# "I only get a T4 on free colab": where they are, not what they can pay
_ON_FREE_NAME = re.compile(
    r"(?<!stay\s)(?<!stick\s)(?<!staying\s)(?<!sticking\s)(?<!remain\s)"
    r"\b(?:on|in|with|using|from|my)\s+(?:the\s+)?(free)(?=\s+(?:colab|kaggle|tier|version|account)\b)"
    # "I have Kaggle data and a free account": the kind of account they have
    r"|\b(?:have|got|has|made|created|opened)\s+an?\s+(free)(?=\s+(?:account|plan|version)\b)"
    # "I'm on kaggle because it's free": why they use it, not their budget
    r"|(?<!long )\b(?:because|since|as)\s+(?:it'?s|it\s+is|they'?re|that'?s)\s+(free)\b",
    re.I,
)
_FREE_BEFORE_NAME = re.compile(r"\bfree(?=\s+(?:colab|kaggle|tier|gpus?|runtime|session|version|account)\b)", re.I)
# "free colab is too slow": what the free tier is like, said of the service, not a budget
_IS = r"\s+(?:is|was|are|were|feels|seems|has\s+been|keeps)\b"
_FINE = r"(?:fine|enough|ok|okay|good\s+enough|all\s+i\s+need|plenty)\b"
_FREE_NAME_IS = re.compile(
    rf"\bfree(?=\s+(?:colab|kaggle)(?:'s)?(?:\s+(?:gpus?|t4s?|tpus?|sessions?|notebooks?|runtimes?))?{_IS}"
    # ("free Kaggle GPU is what I'm after", "free Colab is okay": what they want)
    rf"(?!\s+what\s+(?:i'?m|i\s+am|i)\b)(?!(?<!was)(?<!were)\s+{_FINE}(?![^,.;]*\bbut\b)))"
    # a free tier said to be fine ("the free tier is fine for me") is the budget
    rf"|\bfree(?=\s+(?:tier|version|plan){_IS}(?!\s+{_FINE}))",
    re.I,
)
_TROUBLE = re.compile(
    r"\b(?:disconnect\w*|kick\w*|kill\w*|crash\w*|died|dies|stopp?\w*|lasted|timed?\s*out|times\s+out|"
    r"cut\s+me\s+off|gave\s+me|gives\s+me|ran\s+out|runs?\s+out|running\s+out|shut\w*|is\s+gone|unavailable|"
    r"(?:got|gets|getting)\s+no)\b",
    re.I,
)


# "colab free is fine", "kaggle free will do": the free tier is what is wanted
_WILL_DO = (
    rf"(?:(?:is|'s|would\s+be|will\s+be|should\s+be)\s+{_FINE}"
    r"|works\b|will\s+do\b|would\s+do\b|does\s+it\b|is\s+what\s+i\s+want\b)"
)


def _without_free_names(pack: Pack, text: str) -> str:
    """'Colab free gave me a T4': 'free' after a service's name names its free tier, not a budget."""
    pattern = pack.derived.once(
        "free-after-names",
        lambda: re.compile(
            r"\b(?:"
            + "|".join(re.escape(w) for w in sorted(service_words(pack), key=len, reverse=True))
            + r")(?:'s)?\s+(free)\b(?!\s+(?:tier\s+|version\s+|plan\s+)?"
            + _WILL_DO
            + ")",
            re.I,
        ),
    )
    text = pattern.sub(lambda m: m[0][: m.start(1) - m.start()] + " " * len(m[1]), text)
    text = _ON_FREE_NAME.sub(
        lambda m: m[0][: m.start(m.lastindex or 0) - m.start()] + " " * len(m[m.lastindex or 0]), text
    )
    text = _FREE_NAME_IS.sub(_blank, text)
    # "free colab disconnected me", "the free GPU lasted 3 hours": the free tier, said of trouble
    return "".join(
        _FREE_BEFORE_NAME.sub(_blank, part) if _TROUBLE.search(part) else part for part in _PART.findall(text)
    )


# "5 hours, no wait, more like 7": a word said while thinking, not 'no waiting for a GPU'
_INTERJECTION = re.compile(r"\b(?:(?:no|oh|er|um|hmm)\s+)?wait\b(?=\s*[,;-])", re.I)


def _as_sorry(match: re.Match[str]) -> str:
    """'no wait' as 'sorry' (as long): still a correction of the figure before it ("8 hours, no
    wait, 10"), no longer 'no waiting'."""
    return ("sorry" if len(match[0]) >= 5 else "oops").ljust(len(match[0]))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


def _without_history(text: str) -> str:
    """The text with its clauses about the past blanked out ("two years ago I used colab for a
    course, now I need it for my job"): what happened then answers nothing about the job now.
    Blanked, not cut, so positions in the text stay where they were."""
    if not _HISTORY.search(text):
        return text
    parts = _PART.findall(text)
    return "".join(" " * len(part) if _HISTORY.search(part) else part for part in parts)


def _implied(pack: Pack, readings: list[Reading], answered: Mapping[str, str]) -> list[Reading]:
    """The answer a follow-up's own answer implies: the GPU question is asked only of people who
    need one GPU, so "something faster than a T4" also says one GPU. Only where the follow-up is
    asked after a single concrete answer to a single earlier question."""
    have = {r.question for r in readings} | set(answered)
    out: list[Reading] = []
    for r in readings:
        conditions = pack.question(r.question).conditions
        if r.option == NOT_SURE or len(conditions) != 1 or len(conditions[0]) != 1:
            continue
        ((parent, options),) = conditions[0].items()
        concrete = [o for o in options if o != NOT_SURE]
        # "we rent A100s": several of what the earlier question counts, so not the one it implies
        plural = {normalize(w) for w in pack.question(parent).counts if w.endswith("s")}
        if len(concrete) == 1 and parent not in have and not plural & set(normalize(r.text).split()):
            have.add(parent)
            note = f"read from the answer to '{pack.question(r.question).short}'"
            out.append(Reading(parent, concrete[0], None, 100.0, "text", r.text, note))
    return out


_KEY = re.compile(
    r"(?:^|(?<=[\n;,.!?])|(?<=\s))([a-z][a-z0-9 /+]{0,24}?)\s*(?:[:=]|\s[-–])\s+"
    r"|(?:^|\n)\s*([a-z][a-z0-9 /+-]{0,24}?)\s*[:=]",
    re.I,
)
_BULLET = re.compile(r"(?m)^[ \t]*[-*•][ \t]+")  # "- budget: 20" on a line of a list
# "checkpoints no, background yes": a key and its value with no colon, a clause of its own
# ("budget 20, runtime 3": a key and a bare number)
_BARE_KEY = re.compile(
    r"(?:(?<=^)|(?<=[,;.]\s))(?:but\s+|and\s+)?([a-z][a-z0-9 /+-]{0,24}?)\s+(yes|no|none|not|\$?\d+(?:\.\d+)?)"
    r"(?=\s*(?:[,;.]|$))",
    re.I,
)
NO_VALUES = {"not", "no", "none", "nope", "nah", "n", "0", "zero", "not needed"}
YES = {"yes", "y", "yep", "yeah", "needed", "required", "please", "sure", "true"}


def _form(pack: Pack, text: str) -> list[Reading]:
    """A list of answers ('Budget: zero. GPU: yes. Time: 3-4 hours.'): each value read as an answer
    to the question its key names (the questions' ``keys`` and ids), or, after an option's name
    ('GPU: yes'), that option."""
    text = _BARE_KEY.sub(r"\1: \2", _BULLET.sub("", text))
    if ":" not in text and "=" not in text and " - " not in text and " – " not in text:
        return []
    found = [m for m in _KEY.finditer(text)]
    out: dict[str, Reading] = {}
    torn: set[str] = set()
    for i, m in enumerate(found):
        key = normalize(m[1] or m[2] or "")
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = text[m.end() : end].strip(" .,;\n")
        if not key or not value:
            continue
        reading = _keyed(pack, key, value)
        if reading is None:
            continue
        if reading.question in out and out[reading.question].option != reading.option:
            torn.add(reading.question)  # "card: yes, AWS: no": two keys of one question that disagree
        out.setdefault(reading.question, reading)
    return [r for q, r in out.items() if q not in torn]


def _keyed(pack: Pack, key: str, value: str) -> Reading | None:
    said = normalize(value).strip("!. ")
    # "GPU: yes": the option the key names; "gpu: none": the option that says there is none of it
    named = _option_named(pack, key if said in YES else f"no {key}" if said in NO_VALUES else "")
    if named is not None:
        question, option = named
        return Reading(question.id, option.id, option.value, 100.0, "text", f"{key}: {value}")
    keyed = _keys(pack).get(key)
    if keyed is None:
        return None  # "TPU: no" says what is not wanted, not what is
    got = read_answer(keyed, value, money_for(pack))
    return got if isinstance(got, Reading) else None


def _option_named(pack: Pack, words: str) -> tuple[Question, Option] | None:
    """The option these words name exactly, of any question (a reply-only word names none)."""
    for question in pack.questions:
        for oid, (score, said) in phrase_hits(question, words).items() if words else ():
            option = question.option(oid)
            if score >= 100 and said == words and oid != NOT_SURE and not is_weak(question, oid, said) and option:
                return question, option
    return None


def _keys(pack: Pack) -> dict[str, Question]:
    """Each key a list may use -> its question (the questions' keys and ids), made once per pack."""

    def build() -> dict[str, Question]:
        keys: dict[str, Question] = {}
        for q in pack.questions:
            for key in (*q.keys, q.id, q.id.replace("-", " ")):
                keys.setdefault(normalize(key), q)
        return keys

    return pack.derived.once("form-keys", build)


def _amount_problem(pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str) -> Unclear | None:
    """A description whose only answer is an amount that cannot be read ('I can spend £8 a month',
    '20 CHF'): why, for the question it would answer, so the reply asks instead of shrugging."""
    amounts = find_amounts(text, money_for(pack))
    for question in pack.questions:
        if question.kind is not QuestionKind.numeric or question.id in answered or question is pending:
            continue
        kind = specific_kind(question)
        if any(a.kind == kind and not a.aside for a in amounts):
            problem = number_problem(question, amounts)
            if problem:
                return Unclear(question.id, text, problem=problem)
    return None


def interpret(pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str) -> Interpretation:
    """Understand ``text`` typed while ``pending`` is asked (None: all questions answered).

    A message is read for answers first: what it states fills the questions it answers, and what it
    asks ("... would Pro help?") finds the guide passage that answers it, so a situation that ends in
    a question is both. Only a message with no answer in it is a pure guide question.
    """
    meaning = _interpret(pack, pending, answered, text)
    meaning.compares = _compares(text, meaning.kind == "guide")
    return meaning


# chat shorthand read as the words it stands for ("a GPU w/ 24GB", "w/o a card")
_SHORTHAND_WORDS = {
    "req'd": "required",
    "reqd": "required",
    "w/o": "without",
    "w/": "with ",
    "b/c": "because",
    "bc": "because",
    ">=": "at least ",
    "<=": "at most ",
    ">": "more than ",
    "<": "less than ",
}
# ... and comparison signs before an amount ("a GPU w/ >16GB", "<30min"); "not really sure" is "not sure"
# (never a negated "sure", the 'yes' of a yes-or-no question)
_SHORTHAND = re.compile(
    r"\breq'?d\b|\bw/o\b|\bw/(?!\w*/)|\bb/c\b|\bbc\b|(?<![\w<>])(?:>=|<=|>|<)\s*(?=[$€£~]?\s*\d)"
    r"|\bnot\s+(?:really|quite|entirely|totally|too|so|very|all\s+that|100%)\s+sure\b",
    re.I,
)


def _spelled(said: re.Match[str]) -> str:
    key = said[0].lower().strip()
    return "not sure" if key.startswith("not") else _SHORTHAND_WORDS[key]


# "GPU/10h/free": a slash between facts, not a rate ("$10/mo", "hours/week") nor a date ("24/7")
_SLASH = re.compile(
    rf"(?<=[a-z0-9])/(?=[a-z])(?!(?:{RATE_UNITS}|mth|m|w|hrs|person|head|user|seat)\b)"
    r"|(?<=[a-z])/(?=\d)",
    re.I,
)


def _interpret(pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str) -> Interpretation:
    raw = _SLASH.sub(", ", _SHORTHAND.sub(_spelled, text[:MAX_CHARS]))
    norm = normalize(raw)
    forget_matches(pack.derived.once("known-words", lambda: words_of(pack.questions)))
    if not norm:
        return Interpretation("unknown")
    command = _command(norm, raw)
    if command:
        return Interpretation("command", command=command)
    talk = _small_talk(norm, pending)
    if talk:
        return Interpretation("smalltalk", command=talk)
    if pending is not None and _polite(norm).strip("!.? ") in SKIP:
        skipped = Reading(pending.id, NOT_SURE, None, 100.0, "text", raw)
        return Interpretation("answers", readings=(skipped,))
    correction = CORRECTION.match(norm)
    if correction and answered:
        fixes = [r for r in _others(pack, correction.group(2), None) if r.question in answered]
        if fixes:
            return Interpretation("answers", readings=tuple(fixes), corrected=tuple(r.question for r in fixes))
    stated, asked = _statement_and_question(pack, raw, norm, pending)
    guide = _guide(pack, asked, strong=1.0) if asked else None
    read, unclear = _read_statement(pack, pending, answered, stated) if stated else ([], None)
    if asked and (_measured(pack, asked) or _asks_for_free(pack, asked) or _own_situation(pack, asked)):
        read += _asked_situation(pack, asked, read, answered)
        read += _implied(pack, read, answered)  # "... faster than a T4?": one GPU, as in a statement
    readings = _reachable(pack, read, answered, pending.id if pending else None)
    # an answer whose question the earlier answers (not this message) keep from being asked
    unasked = tuple(r for r in read if r not in readings and not may_be_asked(pack.question(r.question), answered))
    if readings:
        if unclear is not None and len(unclear.candidates) >= 2 and not readings and not asked:
            # the text is mostly about the question asked, and could mean several of its options
            return Interpretation("clarify", candidates=unclear.candidates)
        corrected = tuple(r.question for r in readings if r.question in answered)
        order = {q.id: i for i, q in enumerate(pack.questions)}
        readings.sort(key=lambda r: order[r.question])
        # "GPU: yes, 20 CHF a month": the answers, and why the amount could not be read
        unread = _amount_problem(pack, None, {**answered, **{r.question: r.option for r in readings}}, stated or raw)
        problem = unread.problem if unread is not None else ""
        # "a 10h run, nothing free please": the facts, and the options the reply to the question asked
        # could still mean
        maybe = unclear.candidates if unclear is not None and len(unclear.candidates) >= 2 and not asked else ()
        return Interpretation(
            "answers",
            readings=tuple(readings),
            corrected=corrected,
            guide=guide if _wants_passage(pack, asked) else None,
            problem=problem,
            unasked=unasked,
            candidates=maybe,
        )
    if unclear is not None and unclear.problem and (stated or guide is None):
        return Interpretation("clarify", problem=unclear.problem)  # "€10 a month, is that enough?"
    if guide is not None:
        return Interpretation("guide", guide=guide, unasked=unasked)
    if unclear is not None and unclear.candidates:
        return Interpretation("clarify", candidates=unclear.candidates)
    if unasked:
        return Interpretation("unknown", unasked=unasked)
    return _guide_or_unknown(pack, raw, set(norm.split()))


_ASKS_A_FACT = {"is", "are", "does", "do", "did", "was", "were", "has", "have", "isnt", "arent", "doesnt"}


def _wants_passage(pack: Pack, asked: str) -> bool:
    """Whether a question said beside answers wants a guide passage: not one about the job itself
    that names no service nor topic of the guide ("can it pick up where it left off? yes")."""
    norm = normalize(asked)
    words = set(norm.split())
    return bool(words & (service_words(pack) | guide_topics(pack))) or not _OF_THE_JOB.match(norm)


_OF_THE_JOB = re.compile(r"(?:can|could|will|would|does|do|should|is|must)\s+it\b")


def _reply_asked(pack: Pack, pending: Question, asked: str, norm: str) -> bool:
    """Whether a short question names one of the pending question's options and no service: a
    reply, not a question about the guide ('is kaggle free?' asks of Kaggle)."""
    words = norm.split()
    if len(words) > 6 or set(words) & service_words(pack) or words[0] in _ASKS_A_FACT:
        return False  # ("is it free?" asks whether something is, "can it be free?" wants it)
    return bool(_strong_words(pending, asked))


def _strong_words(question: Question, text: str) -> list[str]:
    """The words that name an option of the question in the text, none of them weak."""
    return [
        said
        for oid, (_, said) in phrase_hits(question, text).items()
        if not is_weak(question, oid, said) and said not in WEAK
    ]


def _statement_and_question(pack: Pack, raw: str, norm: str, pending: Question | None = None) -> tuple[str, str]:
    """What the message states, and what it asks ('' for either when it holds none)."""
    stated, asked = split_question(raw, service_words(pack))
    words = set(norm.split())
    # "kaggle gpu limit", "google drive in colab": a service and a topic or a section's heading word,
    # nobody's situation in it, is a question about the guide, unless it answers the question being
    # asked ("google drive or kaggle" when asked where the data is)
    services = service_words(pack)
    topics = guide_topics(pack)
    # ("hardware: TPU, work: kaggle competition" is a list of answers)
    topical = bool(words & services and words & topics) and not words & SITUATION and len(_form(pack, raw)) < 2
    if topical and pending is not None:
        # (words that describe the topic asked about answer nothing: "sagemaker on-demand pricing")
        topical = all(_describes(said, norm, topics) for said in _strong_words(pending, raw))
    if topical and not asked:
        return "", raw
    if not asked and pending is not None and _terse_query(pack, pending, raw, norm):
        return "", raw
    if asked and stated and set(normalize(stated).split()) <= services | NAMES_ONLY:
        return "", raw  # "kaggle vs colab, which is cheaper?": names, then the question
    if asked and not stated and pending is not None and _reply_asked(pack, pending, asked, norm):
        return asked, ""  # "can it be free?", "GPU or TPU?": a reply put as a question
    return stated, asked


# who says a situation ("I", "we need"); a request for how to do something may still name "my drive"
_SPEAKER = SITUATION - {"my", "our", "us", "me"}


def _terse_query(pack: Pack, pending: Question, raw: str, norm: str) -> bool:
    """A few words with no service in them that ask about a topic of the guide ("gpus compared",
    "mount drive", "memory limits of each service") and name nothing the question asked offers."""
    words = norm.split()
    if len(words) > 7 or any(ch.isdigit() for ch in norm) or phrase_hits(pending, raw):
        return False
    said = set(words)
    if words[0] in pack.info.guide_words.how_to:
        return not said & _SPEAKER
    asks = any(f" {query} " in f" {norm} " for query in pack.info.guide_words.queries)
    return asks and not said & SITUATION and len(_form(pack, raw)) < 2


def _describes(said: str, norm: str, topics: frozenset[str]) -> bool:
    """Whether the words said come right before a topic word: 'on demand pricing', 'free tier limits'."""
    return any(f" {said} {topic} " in f" {norm} " for topic in topics)


def _asked_situation(pack: Pack, asked: str, readings: list[Reading], answered: Mapping[str, str]) -> list[Reading]:
    """Answers inside a question that carries a situation ("is kaggle or colab better for a 10 hour
    gpu job?"). The services it asks about are not answers ("... fit on kaggle?" says nothing of the
    data), and a price word in a question ("somewhere cheap?") is no budget."""
    have = {r.question for r in readings}
    # "which service gives a GPU for free ...?": what a service would hand out is what they want
    asked = _WHICH_GIVES.sub("I need ", asked)
    unnamed = " ".join(w for w in asked.split() if normalize(w) not in service_words(pack))
    budget = pack.info.usage.budget
    return [
        r
        for r in _others(pack, unnamed, None)
        if r.question not in have
        and r.question not in answered
        # ("Colab Pro at $9.99 or Kaggle for free?": the price asked about is no budget, "free" is;
        # "... for a $20 budget?" says the budget)
        and (
            r.question != budget
            or ((_says_no_money(pack.question(budget), unnamed) or _wish(pack, asked)) and not r.value)
            or bool(_BUDGET_SAID.search(unnamed))
            # "... for 10 people at a uni, the uni pays?": who pays, an answer with no amount in it
            or (r.value is None and r.option != NOT_SURE)
        )
    ]


_WHICH_GIVES = re.compile(
    r"^\s*(?:which|what)\s+(?:services?|platforms?|ones?|options?|sites?|providers?|notebooks?)\s+"
    r"(?:gives?|offers?|has|have|provides?|lets?\s+(?:me|us)\s+(?:use|have|get))\s+",
    re.I,
)
_BUDGET_SAID = re.compile(
    r"\b(?:budget|can\s+spend|could\s+spend|can\s+afford|afford\s+to\s+spend)\b"
    # "... for one person with $30 a month?"
    r"|\bwith\s+(?:about\s+|around\s+|only\s+|just\s+)?[$€£]?\d[\d,.]*\s*(?:a|per|/)\s*(?:month|mo)\b"
    # "is $10 enough for ...?"
    r"|\bis\s+[$€£]\s*\d[\d,.]*\s+(?:a\s+month\s+|per\s+month\s+|/\s*mo(?:nth)?\s+)?enough\b"
    # "... and I have $12 a month?"
    r"|\b(?:i|we)\s+(?:have|got|can\s+pay|could\s+pay)\s+(?:about\s+|around\s+|only\s+|maybe\s+)?[$€£]?\d"
    r"|\b(?:for|at|with)\s+(?:under|less\s+than|below|max|at\s+most)\s+[$€£]?\d"
    # "can I get something faster than a T4 for about $15 a month?": what they would pay
    r"|\b(?:can|could)\s+(?:i|we)\s+(?:get|find|rent|have)\b.*\bfor\s+(?:about\s+|around\s+|roughly\s+|only\s+)?[$€£]?\d",
    re.I,
)
FREE_ASKS = {
    "for free",
    "for a free",
    "anything free",
    "something free",
    "any free",
    "a free service",
    "free option",
    "free options",
    "a free way",
    "free way",
    "free alternative",
    "free alternatives",
}


def _asks_for_free(pack: Pack, asked: str) -> bool:
    budget = pack.info.usage.budget
    return budget is not None and _says_no_money(pack.question(budget), asked)


def _says_no_money(budget: Question, asked: str) -> bool:
    """'... with no budget?', '... for $0?': a budget a question states, unlike 'somewhere cheap?'."""
    found = _sure_phrase(budget, asked)
    if found is not None and bool(set(found[1].split()) & (NEGATIONS | {"$0", "0"})):
        return True
    # "how do I do it for free?", "the best free option?": free is what they can pay ("is kaggle
    # free?" asks about kaggle)
    # "which service for a free 10 minute CPU job?": a job that must be free
    said = f" {normalize(asked)} "
    asks_free = found[1] in FREE_ASKS or any(f" {a} " in said for a in FREE_ASKS) if found is not None else False
    return found is not None and (asks_free or bool(_FREE_JOB.search(said) or _FREE_LAST.search(asked)))


_FREE_JOB = re.compile(
    r"\bfor\s+(?:a|an|my|our)\s+free\s+(?:[\w-]+\s+){0,3}(?:job|run|training|project|notebook|task)s?\b"
)
# "... 25 hours a week of GPU, free?": free said last, on its own
_FREE_LAST = re.compile(r",\s*(?:and\s+|but\s+)?(?:for\s+)?free\s*[?!.]*\s*$", re.I)


def _guide_or_unknown(pack: Pack, raw: str, words: set[str]) -> Interpretation:
    """No answer in it: a question about the guide when it names a topic or a service, else not understood."""
    if words & topic_words(pack):
        hit = _guide(pack, raw, strong=1.0)
        if hit is not None:
            return Interpretation("guide", guide=hit)
    if words & (service_words(pack) | topic_words(pack)):
        hit = _guide(pack, raw, strong=2.5)
        if hit is not None:
            return Interpretation("guide", guide=hit)
    return Interpretation("unknown")


def picture(pack: Pack, pending: Question | None, answered: Mapping[str, str], text: str) -> dict[str, object]:
    """The whole reading of one message, as plain data: what it states and asks, every amount with
    what it was bound to or why it was set aside, and what the message was taken as."""
    raw = text[:MAX_CHARS]
    stated, asked = split_question(raw, service_words(pack))
    meaning = interpret(pack, pending, answered, text)
    amounts = [
        {
            "text": a.text,
            "kind": a.kind,
            "value": a.value,
            **({"counts": a.counted} if a.counted else {}),
            **({"set aside": a.aside} if a.aside else {}),
            **({"problem": a.problem} if a.problem else {}),
            **({"note": a.note} if a.note else {}),
        }
        for a in find_amounts(stated or raw, money_for(pack))
    ]
    phrases = {q.id: sorted(words for _, words in phrase_hits(q, stated).values()) for q in pack.questions if stated}
    return {
        "states": stated,
        "asks": asked,
        "amounts": amounts,
        "phrases": {q: found for q, found in phrases.items() if found},
        "taken as": meaning.kind,
        "answers": [
            {"question": r.question, "option": r.option, **({"note": r.note} if r.note else {})}
            for r in meaning.readings
        ],
        **({"clarify": [c.option for c in meaning.candidates]} if meaning.candidates else {}),
        **({"not asked": [f"{r.question}={r.option}" for r in meaning.unasked]} if meaning.unasked else {}),
        **({"problem": meaning.problem} if meaning.problem else {}),
        **({"command": meaning.command} if meaning.command else {}),
        **({"guide": meaning.guide.section.id} if meaning.guide is not None else {}),
    }
