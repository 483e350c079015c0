"""Reading one typed answer to one question: ids, labels, synonyms, numbers, typos and negation.

The reader never guesses silently: a reading is either confident (returned as a ``Reading``) or
``Unclear`` with the close candidates for a clarifying question.
"""

from __future__ import annotations

import functools
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from rapidfuzz import fuzz

from ..pack.core import NOT_SURE, Option, Question, QuestionKind
from ..record import Record
from .memo import remembered
from .numbers import POUND_WORDS, Amount, Money, far_apart, find_amounts, forget_amounts, is_rate
from .numbers import WORDS as _WORD_NUMBERS

if TYPE_CHECKING:
    from ..engine.session import Via

T = TypeVar("T")

ACCEPT = 86.0  # a fuzzy score at or above this is a confident reading
CONSIDER = 70.0  # between CONSIDER and ACCEPT: ask which was meant
MARGIN = 8.0  # the best reading must beat the next option by this much

NEGATIONS = {
    "avoid",  # "I'd rather avoid AWS"
    "blocks",
    "blocked",
    "bans",
    "banned",
    "forbids",
    "forbidden",
    "prohibits",
    "prohibited",
    "no",
    "not",
    "dont",
    "don't",
    "without",
    "never",
    "nope",
    "doesnt",
    "isnt",
    "wont",
    "cant",
    "cannot",
    "zero",
    "nothing",
}
NOT_SURE_PHRASES = (
    "not sure",
    "dont know",
    "don't know",
    "dunno",
    "no idea",
    "idk",
    "unsure",
    "it depends",
    "depends",
    "it varies",
    "varies",
    "no clue",
    "not certain",
    "i not know",
    "hard to say",
    "who knows",
    "cant say",
    "can't say",
    "havent decided",
    "haven't thought",
    "havent thought",
    "not thought about",
    "haven't figured",
    "not figured out",
    "haven't decided",
    "not decided",
    "undecided",
    "havent figured",
    "havent thought",
    "whatever works",
    # leaving it to the advisor: "whatever you suggest", "you tell me"
    "whatever you suggest",
    "whatever you recommend",
    "whatever you think",
    "you tell me",
    "up to you",
    "you decide",
    "your call",
    "you choose",
)


class Reading(Record):
    question: str
    option: str
    value: float | None
    score: float
    via: Via  # option | label | number | text
    text: str
    note: str = ""
    rough: bool = False  # value is the middle of a band (another currency, money over a semester)


class Unclear(Record):
    question: str
    text: str
    candidates: tuple[Reading, ...] = ()
    problem: str = ""  # a number that cannot be an answer, and why ("an amount cannot be negative")


_SPOKEN_WORDS = {"wanna": "want to", "gonna": "going to", "gotta": "got to", "hafta": "have to", "needa": "need to"}
_SPOKEN = re.compile(rf"\b(?:{'|'.join(_SPOKEN_WORDS)})\b")


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower case, plain quotes, no accents or control characters, single spaces. (Remembered while
    one message is read, whose clauses are normalized again for each question; forget_matches
    forgets.)"""
    text = unicodedata.normalize("NFKC", text)[:2000]
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"n't\b", "nt", text)
    if "nna" in text or "tta" in text or "fta" in text or "eda" in text:
        text = _SPOKEN.sub(lambda m: _SPOKEN_WORDS[m[0]], text)  # "wanna" -> "want to"
    text = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", text)  # fine-tuning -> fine tuning
    text = re.sub(r"[^\w$€£.+/'-]+", " ", text)
    text = re.sub(r"(?<!\d)[.'](?!\d)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


CLAUSE_WORDS = frozenset({"but", "and", "although", "though", "however", "well", "so", "because", "since"})
# ... and a condition ("I don't care which GPU as long as it's free": the negation stops before it)
_CLAUSE = re.compile(
    rf"[,;:!?()]|\.(?!\d)|\s(?:{'|'.join(sorted(CLAUSE_WORDS))})\s|\.\.\.|\s(?=(?:as|so)\s+long\s+as\s)", re.I
)


def clauses(text: str) -> list[list[str]]:
    """Normalized words of each clause; negation does not reach across clauses."""
    return [words for part in _CLAUSE.split(text[:2000]) if (words := normalize(part).split())]


class _Phrase(Record):
    option: str
    words: tuple[str, ...]
    via: str

    def __post_init__(self) -> None:
        self.stems = stem_words(list(self.words))  # compared with the message's stems, made once
        self.text = " ".join(self.words)
        self.spans = bool(CLAUSE_WORDS & set(self.words))  # says a word clauses are split at
        # typos are forgiven only in words of some length, never in numbers (worked out once)
        self.typo_ok = len(self.text) >= 5 and not any(c.isdigit() for c in self.text)
        self.last = self.words[-1][0]  # every word said keeps its first letter, even with a typo


_PHRASES: dict[int, tuple[Question, tuple[_Phrase, ...]]] = {}


def _phrases(question: Question) -> tuple[_Phrase, ...]:
    """Every way of naming each option, normalized once per question object."""
    return remembered(_PHRASES, question, id(question), lambda: _build_phrases(question), 512)


def _build_phrases(question: Question) -> tuple[_Phrase, ...]:
    out: list[_Phrase] = []
    for opt in question.options:
        if not any(c.isdigit() for c in opt.id):  # "over 50 configs" is not the option 'over-50'
            out.append(_Phrase(opt.id, tuple(normalize(opt.id.replace("-", " ")).split()), "option"))
        out.append(_Phrase(opt.id, tuple(normalize(opt.label).split()), "label"))
        for via, said in (("text", opt.synonyms), ("weak", opt.weak), ("near", opt.near_words)):
            for syn in said:
                words = tuple(normalize(syn).split())
                if words:
                    out.append(_Phrase(opt.id, words, via))
    return tuple(p for p in out if p.words)


def is_weak(question: Question, option_id: str, words: str) -> bool:
    """Words that name this option only as a reply to its own question (the option's ``weak`` and
    ``near_words`` lists, and its id; a sentence with one of its ``near`` words makes the second count)."""
    return (option_id, words) in _weak_words(question)


def _weak_words(question: Question) -> frozenset[tuple[str, str]]:
    return remembered(_WEAK, question, id(question), lambda: _build_weak_words(question), 512)


def _build_weak_words(question: Question) -> frozenset[tuple[str, str]]:
    phrases = _phrases(question)
    named = {(p.option, p.words) for p in phrases if p.via in ("text", "label")}
    # an option's id is a word for it only as a reply ('every time' in "every time I close my
    # laptop" is no GPU every time), unless a synonym says the same
    return frozenset(
        (p.option, " ".join(p.words))
        for p in phrases
        if p.via in ("weak", "near") or (p.via == "option" and (p.option, p.words) not in named)
    )


_WEAK: dict[int, tuple[Question, frozenset[tuple[str, str]]]] = {}


@functools.lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    for suffix in ("ment", "ing", "ed"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            # "babysitting", "stopped": the doubled consonant goes too ("babysit", "stop")
            if suffix != "ment" and len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] in "bdgmnprt":
                stem = stem[:-1]
            return stem
    if len(word) >= 5 and word.endswith("e") and not word.endswith("ee"):
        return word[:-1]  # "close" like "closing", "leave" like "leaving"
    return word


def stem_words(words: list[str]) -> tuple[str, ...]:
    """deploying -> deploy, trained -> train, deployment -> deploy, closing and close -> clos (just
    enough, never plurals)."""
    return tuple(_stem(w) for w in words)


# a negated verb ("don't need", "won't have to") reaches the rest of its clause; "no" or "without"
# only the few words after it ("no money, a gpu")
VERB_NEGATIONS = {
    "dont",
    "doesnt",
    "didnt",
    "wont",
    "cant",
    "cannot",
    "never",
    "isnt",
    "arent",
    "wouldnt",
    "shouldnt",
    "lack",
    "lacks",
    "lacking",
}
LIMITS = {"more", "over", "above", "beyond", "past", "much"}
AUXILIARIES = {"do", "does", "did", "will", "would", "should", "could", "must", "need", "is", "are"}


# "a laptop without a GPU": what the person's own machine lacks
MACHINES = {"laptop", "computer", "pc", "machine", "mac", "macbook", "desktop", "chromebook", "workstation"}
PROJECTS = {"project", "projects", "course", "class", "trip", "hackathon", "getaway", "workshop", "camp", "plans"}
AVAILABLE = {"available", "left", "free", "anywhere", "today"}
MADE_THINGS = {"model", "models", "weights", "checkpoint", "checkpoints", "network", "classifier", "llm", "version"}
# words after a phrase that make it the name of a product: "free version", "free trial", "pro plan"
NAMING = {
    "program",
    "programme",
    "version",
    "tier",
    "trial",
    "edition",
    "credits",
    "credit",
    "versions",
    "tiers",
    "plan",
    "plans",
    "hours",
    "quota",
}
_PREFERRED = {"ideally", "preferably", "please", "pls", "plz", "preferred", "if"}
_TIME_UNITS = {"hours", "hour", "hrs", "hr", "h", "minutes", "mins", "min", "days", "day"}
_JOINS = {"for", "of", "in", "on", "to", "at", "by", "with", "and", "or", "a", "an", "the", "per", "each", "every"}
ONLY_AFTER = {"but", "beyond", "except", "besides", "apart", "other", "more"}
# after "can't afford": a priced thing, so the budget is below its price, not nothing
PRICED = {
    "pro",
    "pro+",
    "colab",
    "sagemaker",
    "aws",
    "paid",
    "the",
    "that",
    "those",
    "these",
    "a100",
    "h100",
    "premium",
}
WHEN = {
    "last",
    "past",
    "next",
    "this",
    "every",
    "each",
    "per",
    "previous",
    "that",
    "most",
    "mid",
    "end",
    "start",
}  # "most days": how often; "by mid month": when
_SPREAD = {"across", "during", "throughout", "within"}
TIME_WORDS = {
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "night",
    "hour",
    "hours",
    "year",
    "weekend",
    "weekends",
}
# what a bill is counted in ("pay per second", "billed by the minute")
_RATES = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "gb", "use", "usage"}
GIVEN = {"give", "gives", "giving", "gave", "get", "gets", "getting", "got", "assigned", "assigns"}
PLANS = {"subscription", "plan"}
OWNED = {"have", "has", "had", "got", "my", "our", "already", "ve", "current", "existing"}
HELD = {"cash", "money", "funds", "funding", "budget"}
HANDED = {"give", "gives", "giving", "gave", "assigned", "assigns", "hands", "handed"}
# who else may pay: "my employer won't pay" says nothing of the person's own budget
PAYERS = {"employer", "company", "boss", "uni", "university", "school", "lab", "department", "grant", "client"}
PAYERS |= {"work", "job", "institute", "org", "organisation", "organization", "firm", "parents", "supervisor", "pi"}
ALONE = {"nothing", "none", "zero", "nada", "zilch"}  # an answer when they stand alone
AFTER_ALONE = {
    "at",
    "all",
    "budget",
    "money",
    "dollars",
    "bucks",
    "cash",
    "to",
    "for",
    "please",
    "really",
    "whatsoever",
}
DEVICES = {"laptop", "computer", "pc", "machine", "mac", "macbook", "desktop", "workstation", "it"}


# after "can't", "never": the thing is wanted and not had ("I can't get a GPU", "never gives me one")
OBTAIN = {"get", "find", "obtain", "grab", "snag", "secure", "land", "access", "reach", "connect", "gives", "give"}
# "nothing with patient info", "none that contains PII": what is kept away is said, not denied
QUANTIFIED = {"with", "that", "which", "containing", "involving", "about", "from"}
# ... or the thing is kept from somewhere ("we can't put client data on colab": the data is private)
OBTAIN |= {
    "put",
    "upload",
    "store",
    "share",
    "send",
    "move",
    "copy",
    "expose",
    "leak",
    "leave",
    "let",
    "allow",
    "permit",
}


_PLACE = {"at", "in", "within", "inside"}
_BARRED = {"blocked", "banned", "forbidden", "prohibited"}
_OWNERS = {"my", "our", "the", "a", "an", "this", "that"}


_ANSWER_NO = frozenset({"no", "nope", "nah"})
_SUBJECTS = frozenset(
    {"i", "im", "i'm", "ill", "i'll", "id", "i'd", "we", "we'll", "well", "it", "its", "it's", "they"}
)


def _negated(words: list[str], start: int) -> bool:
    before = words[max(0, start - 8) : start]
    last = max((i for i, w in enumerate(before) if w in NEGATIONS or w in VERB_NEGATIONS), default=-1)
    if last >= 0 and before[last + 1 : last + 2] and before[last + 1] in OBTAIN | QUANTIFIED:
        return False  # "nothing with patient info can go to Google" says the info is private
    if last >= 0 and before[last] in _ANSWER_NO and before[last + 1 : last + 2] and before[last + 1] in _SUBJECTS:
        return False  # "no i watch it": the answer 'no', then what they do
    if any(
        (before[i + 1 : i + 2] == ["mind"] or before[i + 1 : i + 3] == ["care", "if"])
        and w.replace("'", "") in VERB_NEGATIONS
        for i, w in enumerate(before)
    ):
        return False  # "I don't mind keeping the tab open", "I don't care if I have to": fine with it
    near = words[max(0, start - 3) : start]
    if any(w in NEGATIONS and near[i + 1 : i + 2] != [] and near[i + 1] in ONLY_AFTER for i, w in enumerate(near)):
        return False  # "nothing but the free tier", "nothing beyond free": only that
    if last >= 0 and before[last] in _BARRED and _PLACE & set(before[last + 1 :]) and before[-1] in _OWNERS | _PLACE:
        return False  # "aws is blocked at my company", "banned in our lab": where, not what
    if any(w in NEGATIONS for w in near):
        return True
    if any(w in VERB_NEGATIONS for w in before):
        return True
    # "I do not think I need a GPU", "it does not have to be fast": a negated verb written out
    return any(w == "not" and i and before[i - 1] in AUXILIARIES for i, w in enumerate(before))


# "four" is never a typo of "for": no typos in number words
NUMBER_WORDS = frozenset(w for w, n in _WORD_NUMBERS.items() if " " not in w and n >= 2 and n == int(n))


def _same_negations(phrase: tuple[str, ...], said: list[str]) -> bool:
    """A negation is never a typo ("with" is not "without"): where either has one, both have the same
    word ("no mony" may be "no money"; "not free" is never "no free")."""
    return all(a == b for a, b in zip(phrase, said) if a in NEGATIONS or b in NEGATIONS)


def _compared(words: list[str], i: int) -> bool:
    """Whether words[i] follows 'faster than (a)', 'better than the': the thing compared against
    ('more than' and 'less than' are limits, not comparisons)."""
    at = (
        i - 1
        if i and words[i - 1] == "than"
        else i - 2
        if words[max(0, i - 2) : i] in (["than", "a"], ["than", "the"])
        else -1
    )
    if at < 1:
        return False
    # "faster than", "a better GPU than"
    return any(
        w.endswith("er") and w not in {"more", "fewer", "other", "rather", "under", "over", "never"}
        for w in words[max(0, at - 3) : at]
    )


def _word_by_word(phrase: tuple[str, ...], said: list[str]) -> bool:
    """A typo is made in a word, not by swapping one: each word said is close to the phrase's word
    ("my laptop is" is not "my laptop lid")."""
    return len(phrase) < 2 or all(_same_word(a, b) for a, b in zip(phrase, said))


def _forms(a: str, b: str) -> bool:
    """The same word or two forms of it ('leaving', 'leave')."""
    return a == b or _stem(a).rstrip("e") == _stem(b).rstrip("e")


def _endings_apart(a: str, b: str) -> bool:
    """The same word with other endings ('resume', 'resumes'; 'students', "students'")."""
    same = len(os.path.commonprefix([a, b]))
    return same >= 3 and {a[same:].strip("'"), b[same:].strip("'")} <= _ENDINGS


def _same_word(a: str, b: str) -> bool:
    """The same word, another form of it ('leaving', 'leave') or a typo of it ('mony'), not another
    word ('google', 'kaggle')."""
    if _forms(a, b):
        return True
    # a typo keeps the first letter ('vram' is not 'ram'), and a short word is not another short word
    # with one letter changed ('plan with' is not 'play with')
    return a[:1] == b[:1] and len(a) >= 5 and fuzz.ratio(a, b) >= 75


_ENDINGS = {"", "s", "es", "ed", "d", "ing", "ment", "ments", "er", "ers", "ion", "ions", "ly", "able", "ive"}
_OTHER_WORD = {"ed", "d", "ment", "ments", "er", "ers", "ion", "ions", "ly", "able", "ive"}  # not a plural or -ing


def _truncated(window: str, target: str) -> bool:
    """One is the other cut short by two letters or more, or the same stem with another ending
    ('assigned' is not 'assignment'): another word, not a typo."""
    short, long = sorted((window, target), key=len)
    if len(long) - len(short) >= 2 and long.startswith(short):
        return True
    same = len(os.path.commonprefix([window, target]))
    ends = {window[same:], target[same:]}
    return same >= 4 and ends <= _ENDINGS and bool(ends & _OTHER_WORD) and len(ends) == 2


def _how_often(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the time phrase at words[i] is a rate: 'a week' in '5 runs a week', 'month' in 'a coffee a month'."""
    if phrase[0] in {"a", "an"}:
        return is_rate(words[:i])
    return i >= 1 and words[i - 1] in {"a", "an"} and is_rate(words[: i - 1])


def phrase_hits(question: Question, text: str) -> dict[str, tuple[float, str]]:
    """Options whose label or synonyms appear in the text, as whole words, allowing small typos.

    Returns option id -> (score, matched words). Score rises with the length of the phrase; a
    phrase preceded by a negation ("no", "not", "don't", "without") does not count.
    """
    hits: dict[str, tuple[float, str]] = {}
    ranks: dict[str, tuple[bool, bool, float]] = {}
    for option, weight, window, exact in phrase_matches(question, text):
        # an option's exact words that count in a description beat its weak ones ('s3' beats 'aws'),
        # then any words that are not weak ('experiments' beats 'research'), then the heavier (longer,
        # closer) words win
        weak = is_weak(question, option, window)
        rank = (exact and not weak, not weak, weight)
        if option not in ranks or rank > ranks[option]:
            hits[option], ranks[option] = (weight, window), rank
    said = question.unconcerned
    if said in hits and len(hits) > 1:
        pattern = _unconcerned(question)
        if pattern is not None and pattern.fullmatch(hits[said][1]):
            del hits[said]  # "the budget is no problem, the company pays": who pays says more
    return hits


Match = tuple[str, float, str, bool]
_MATCHES: dict[tuple[int, str], tuple[Question, tuple[Match, ...]]] = {}


def phrase_matches(question: Question, text: str) -> tuple[Match, ...]:
    """Every place an option's phrase is said in the text: (option id, weight, the words said,
    whether they are the phrase itself rather than a near miss). Remembered until ``forget_matches``:
    reading one message asks this of the same question and text several times."""
    return remembered(_MATCHES, question, (id(question), text), lambda: tuple(_phrase_matches(question, text)), 2048)


# the words the pack's phrases use, set for each message: a word said that is one of them is that
# word, never a typo of another ("paying about" is not "playing about")
_KNOWN: list[frozenset[str]] = [frozenset()]


def forget_matches(known: frozenset[str] = frozenset()) -> None:
    """Called before each message is read, so nothing is remembered from one message to the next;
    ``known``: the words of the pack's phrases (``words_of``)."""
    _MATCHES.clear()
    normalize.cache_clear()
    forget_amounts()
    _KNOWN[0] = known


def words_of(questions: Iterable[Question]) -> frozenset[str]:
    """Every word the questions' phrases use."""
    return frozenset(w for question in questions for phrase in _phrases(question) for w in phrase.words)


def _another_known_word(phrase: tuple[str, ...], said: list[str]) -> bool:
    """Whether a word said where the phrase has another is itself a word the pack uses."""
    known = _KNOWN[0]
    return any(b in known and not _forms(a, b) and not _endings_apart(a, b) for a, b in zip(phrase, said))


_UNCONCERNED: dict[int, tuple[Question, re.Pattern[str] | None]] = {}
_NO = r"(?:is\s+not|isnt|is\s+no|s\s+not|s\s+no|are\s+not|arent|is\s+never|not|no|never)"
_WORRY = (
    r"(?:really\s+)?(?:an?\s+|the\s+|my\s+|our\s+)?(?:big\s+|real\s+|major\s+|huge\s+|main\s+)?"
    r"(?:concern|issue|problem|object|constraint|worry|factor|limit|big\s+deal|priority)"
)


def _unconcerned(question: Question) -> re.Pattern[str] | None:
    return remembered(_UNCONCERNED, question, id(question), lambda: _unconcerned_pattern(question), 256)


def _unconcerned_pattern(question: Question) -> re.Pattern[str] | None:
    """How a person says the question's subject does not matter to them, for the question's
    ``unconcerned`` option: 'money is no object', 'cost isn't a concern', 'don't care about the
    budget'. The subject is one of the question's keys."""
    if not question.unconcerned:
        return None
    keys = sorted({normalize(k) for k in question.keys if normalize(k)}, key=len, reverse=True)
    # ("tpu or gpu, doesn't matter" says nothing of which GPU)
    key = r"(?<!or )(?:the\s+|my\s+|our\s+)?(?:" + "|".join(re.escape(k) for k in keys) + r")"
    return re.compile(
        rf"\b{key}\s+{_NO}\s+{_WORRY}\b"
        rf"|\b{key}\s+(?:doesnt|does\s+not|dont|do\s+not)\s+(?:really\s+)?matter\b"
        rf"|\b(?:dont|do\s+not|doesnt|wont|wouldnt)\s+(?:really\s+|much\s+)?(?:care|worry)\s+(?:much\s+)?about\s+{key}\b"
        rf"|\bnot\s+(?:worried|concerned|bothered|fussed)\s+about\s+{key}\b"
        rf"|\b{key}\s+whatever(?:\s+it\s+(?:costs|takes))?\b"  # "we can pay whatever it costs"
    )


def _phrase_matches(question: Question, text: str) -> Iterator[Match]:
    unconcerned = _unconcerned(question)
    if unconcerned is not None:
        for m in unconcerned.finditer(normalize(text)):
            yield question.unconcerned, 100.0 * (1 + 0.02 * len(m[0])), m[0], True
    within, spanning = _phrase_groups(question)
    for words in clauses(text):
        yield from _matches_in(within, words)
    # a phrase that says a word clauses are split at ('me and a buddy', 'fire and forget') is looked
    # for in the whole message
    if spanning:
        yield from _matches_in(spanning, normalize(text[:2000]).split())


_GROUPS: dict[int, tuple[Question, tuple[tuple[_Phrase, ...], tuple[_Phrase, ...]]]] = {}


def _phrase_groups(question: Question) -> tuple[tuple[_Phrase, ...], tuple[_Phrase, ...]]:
    """The question's phrases said within a clause, and those that span clauses, split once."""

    def build() -> tuple[tuple[_Phrase, ...], tuple[_Phrase, ...]]:
        phrases = _phrases(question)
        return tuple(p for p in phrases if not p.spans), tuple(p for p in phrases if p.spans)

    return remembered(_GROUPS, question, id(question), build, 512)


def _matches_in(phrases: Sequence[_Phrase], words: list[str]) -> Iterator[Match]:
    """Where each phrase is said in these words."""
    if not words:
        return
    stems = stem_words(words)
    initials = [w[0] for w in words]
    said = set(initials)
    for phrase in phrases:
        first = phrase.words[0][0]
        if first not in said:  # an exact match, a stem or a typo all begin with the same letter
            continue
        n = len(phrase.words)
        last = phrase.last
        for i in range(0, len(words) - n + 1):
            if initials[i] != first or initials[i + n - 1] != last:
                continue
            window = " ".join(words[i : i + n])
            score = _window_score(phrase, window, words[i : i + n], stems[i : i + n])
            if score and phrase.via in ("weak", "near") and window != phrase.text:
                window = phrase.text  # 'weekend' for the weak 'weekends' is as weak as it
            if score and not _said_otherwise(phrase, words, i):
                yield phrase.option, score * (1 + 0.02 * len(phrase.text)), window, score >= 99.0


# after an option's words: the person does not want that one ("an A100 would be overkill"); it rules
# out only that option, not what it is a kind of (they may still want a GPU)
_REFUSED_AFTER = re.compile(
    r"(?:(?:would|will|is|are|s|seems?|feels?|sounds?|looks?|be|probably|definitely|way|just|costs?|cost|seem)\s+)*"
    r"(?:overkill|unnecessary|unneeded|too\s+(?:expensive|pricey|costly|much|weak|slow|small)|(?:not|isnt|isn't|arent|aren't)\s+(?:really\s+)?(?:needed|necessary|required|essential)|"
    r"(?:not|isnt|isn't)\s+(?:enough|fast\s+enough|powerful\s+enough|big\s+enough)|"
    r"out\s+of\s+(?:my|our|the)\s+(?:budget|price\s+range|league))\b"
)


def _window_score(phrase: _Phrase, window: str, said: list[str], stems: tuple[str, ...]) -> float:
    """How well the words said match the phrase: 100 for the phrase or its stems, 99 for a longer
    phrase in the plural, a typo's similarity, or 0."""
    target = phrase.text
    if window == target or stems == phrase.stems:
        return 100.0
    if len(said) >= 2 and window == target + "s":
        return 99.0  # "no credit cards": a longer phrase in the plural
    if (
        phrase.typo_ok
        and target[0] == window[0]
        and not NUMBER_WORDS & set(phrase.words)
        and _same_negations(phrase.words, said)
    ):
        # typos are forgiven, but never in numbers or negations ("with" vs "without"), and a
        # shorter or longer word is no typo ("process" is not "processor")
        score = fuzz.ratio(window, target)
        if (
            score >= ACCEPT
            and not _truncated(window, target)
            and _word_by_word(phrase.words, said)
            and not _another_known_word(phrase.words, said)
        ):
            return score
    return 0.0


def _said_otherwise(phrase: _Phrase, words: list[str], i: int) -> bool:
    """Whether the words around the phrase said at words[i] make it mean something else."""
    n = len(phrase.words)
    after = words[i + n : i + n + 1]
    if _negated(words, i) and not any(w in NEGATIONS for w in phrase.words):
        return True
    if phrase.via == "near" and VERB_NEGATIONS & set(words[:i]):
        return True  # "I don't need it to run when the tab is closed": a negated verb reaches its clause
    if _REFUSED_AFTER.match(" ".join(words[i + n : i + n + 5])):
        return True  # "an A100 would be overkill", "an H100 costs too much": not what they want
    if NEGATIONS & set(phrase.words) and set(after) & LIMITS:
        return True  # "can't spend more than $10": a limit, not "nothing"
    if phrase.words[0] in NEGATIONS and words[i + n : i + n + 2] in (["at", "home"], ["on", "my"], ["in", "my"]):
        return True  # "no GPU at home", "no GPU on my laptop": what their own machine lacks
    if phrase.words[0] in NEGATIONS and set(words[i + n : i + n + 2]) & AVAILABLE:
        return True  # "no GPU available", "no GPUs left": what a service has now, not what the job needs
    if _said_of_time(phrase, words, i, after):
        return True
    if phrase.words[-1] in {"run", "runs", "running"} and after == ["out"]:
        return True  # "keep running out of units" is not "keep running"
    if phrase.words[-1] == "afford" and set(after) & PRICED:
        return True  # "I can't afford Colab Pro": less than that plan costs, not nothing
    named = words[i + n : i + n + (1 if after and after[0] in _JOINS else 2)]
    at = next((k for k, w in enumerate(named) if w in NAMING), None)
    if at is not None and not _PREFERRED & set(words[i + n + at + 1 : i + n + at + 2]) and not _wanted(words, i, n):
        # "the free tier", "free AWS credits": the name of a product, not an answer (but "free tier
        # ideally" and "free Kaggle GPU is what I'm after" are what they want)
        return True
    if (
        phrase.words[0] in NEGATIONS
        and phrase.words[-1] not in AVAILABLE
        and phrase.words[-1] not in HELD  # "I got no cash": what they have, not what was handed out
        and (
            GIVEN & set(words[max(0, i - 2) : i])
            or (i >= 2 and words[i - 1] in {"has", "have", "had"} and words[i - 2] not in {"i", "we"})
            or (i and words[i - 1] in MACHINES)
            or (i >= 2 and words[i - 1] == "with" and words[i - 2] in MACHINES)  # "a laptop with no GPU"
        )
    ):
        return True  # "it gives me no GPU", "my Chromebook has no GPU": what it has, not what the job needs
    if _said_of_another(phrase, words, i):
        return True
    if words[i + n - 1].endswith("ed") and words[i + n - 1] != "deployed" and after and after[0] in MADE_THINGS:
        return True  # "a fine-tuned model", "the trained weights": a thing made, not the work to do (but a
        # deployed model is one in production: the work is keeping it there)
    if _compared(words, i):
        return True  # "a better GPU than a T4": the T4 is what is compared, not what is wanted
    if (_DEVICE.match(phrase.words[-1]) or phrase.words[-1] == "cpu") and _owned(words, i):
        return True  # "a gaming PC with an RTX 4090", "I have a 3060": the person's own card, not the need
    if phrase.words[-1] in PLANS and OWNED & set(words[max(0, i - 2) : i]):
        return True  # "I have a Pro subscription already": a plan they have, not what they can spend
    if phrase.words[0] in {"each", "every"} and i and words[i - 1] in _TIME_UNITS:
        return True  # "4 hours each time": how long each run is, not 'a GPU every time'
    if HANDED & set(words[max(0, i - 3) : i]) and (_HANDED_OUT & set(phrase.words) or _DEVICE.match(phrase.words[-1])):
        # "colab keeps giving me CPU only": what a service hands out, not what is needed (but "the
        # client gave us confidential documents" says what the data is)
        return True
    # "nothing sensitive": a negation of the next word, not the answer "nothing"
    return n == 1 and phrase.words[0] in ALONE and i + 1 < len(words) and words[i + 1] not in AFTER_ALONE


# what a service hands out ("what gpu does colab give for free?" asks of colab, states no budget)
_HANDED_OUT = {"cpu", "cpus", "tpu", "tpus", "ram", "memory", "hour", "hours", "session", "sessions", "quota", "free"}
_DEVICE = re.compile(r"^(?:gpus?|rtx|gtx|nvidia|geforce|[a-z]\d+[a-z]*|\d{4})$")


_PAY = {"pay", "paying", "pays", "cover", "covers", "fund", "funds"}


def _said_of_time(phrase: _Phrase, words: list[str], i: int, after: list[str]) -> bool:
    """Whether a time said at words[i] is when, how often or a rate, not how long a run is."""
    if i and words[i - 1] in WHEN and phrase.words[-1] in TIME_WORDS:
        return True  # "last month", "next week", "every day": when, not how long
    if phrase.words[-1] in TIME_WORDS and not phrase.words[-1].startswith("weekend") and _spread_over(words, i):
        return True  # "60 hours a week across the month", "during the week": over what time, not how long
    if _RATES & set(phrase.words) and i and (words[i - 1] == "per" or words[max(0, i - 2) : i] == ["by", "the"]):
        return True  # "pay per second", "billed by the minute": a rate, not a length
    if phrase.words[-1] in TIME_WORDS and set(after) & PROJECTS:
        return True  # "a weekend project", "a week-long course": when, not how long a run is
    # "5 runs a week", "a coffee a month": how often, not how long
    return phrase.words[-1] in TIME_WORDS and _how_often(words, i, phrase.words)


_WANTING = {"want", "wanted", "need", "prefer", "after", "looking", "seeking"}
_WANTED_AFTER = re.compile(r"\bwhat (?:i'?m|i am) (?:after|looking for)\b|\bwhat i (?:want|need)\b")


def _wanted(words: list[str], i: int, n: int) -> bool:
    """Whether the words around a phrase say it is wanted ('I want the free tier', 'free Kaggle GPU is
    what I'm after')."""
    return bool(_WANTING & set(words[max(0, i - 3) : i])) or bool(
        _WANTED_AFTER.search(" ".join(words[i + n : i + n + 8]))
    )


def _spread_over(words: list[str], i: int) -> bool:
    """Whether the words before words[i] are 'across the', 'during the' (or 'across' before 'the month')."""
    before = words[max(0, i - 2) : i]
    return bool(before) and (before[-1] in _SPREAD or (before[-1] == "the" and before[0] in _SPREAD))


def _said_of_another(phrase: _Phrase, words: list[str], i: int) -> bool:
    """Whether the phrase said at words[i] is about someone or something else: another payer, a
    card insisted on, a kind of card."""
    n = len(phrase.words)
    if NEGATIONS & set(phrase.words) and _PAY & set(phrase.words) and _payer_before(words, i):
        return True  # "my employer won't pay": someone else does not pay, the person may
    if phrase.words[-1] in PAYERS and _refuses_to_pay(words[i + n : i + n + 4]):
        return True  # ... and the employer who does not pay is not the person's team
    if phrase.words[-1] in _PAY and words[i + n : i + n + 1] in (["nothing"], ["zero"], ["nada"], ["0"]):
        return True  # "I pay nothing": nobody pays
    if phrase.words[-1] == "need" and words[i + n : i + n + 1] == ["for"] and words[i + n + 1 : i + n + 2] not in _IT:
        return True  # "no need for TPUs": what is not needed is named after it
    if n == 1 and phrase.words[0] in ALONE and words[max(0, i - 1) : i] == ["or"] and not words[i - 2][:1].isdigit():
        return True  # "H100 or nothing": insisting on the card, not a budget of nothing
    # "an A10 class GPU": a kind of card, not a course
    return phrase.words[0] in {"class", "grade"} and i > 0 and bool(_DEVICE.match(words[i - 1]))


_IT = (["it"], ["that"], ["this"], ["one"], ["them"])


def _payer_before(words: list[str], i: int) -> bool:
    """Whether one of the three words before words[i] names a payer ('my job', not 'a 30-hour job')."""
    return any(
        words[k] in PAYERS and (words[k] not in {"job", "work"} or words[k - 1 : k] in (["my"], ["our"]))
        for k in range(max(0, i - 3), i)
    )


def _refuses_to_pay(after: list[str]) -> bool:
    """Whether the words after a payer say it will not pay: 'won't pay', 'does not cover'."""
    negation = next((k for k, w in enumerate(after) if w in NEGATIONS or w in VERB_NEGATIONS), None)
    return negation is not None and bool(_PAY & set(after[negation + 1 :]))


def _owned(words: list[str], i: int) -> bool:
    """Whether the words before words[i] say the person has it: 'my PC with an', 'I have a'."""
    before = words[max(0, i - 4) : i]
    while before and before[-1] in {"a", "an", "the"}:
        before = before[:-1]
    if before and before[-1] == "with" and MACHINES & set(before[:-1]):
        return True
    if before[-2:-1] and before[-1] == "s" and before[-2] in MACHINES:
        return True  # "on my laptop's CPU": what their own machine has
    return before[-2:] in (["i", "have"], ["i", "own"], ["i", "got"], ["ve", "got"])


def negated_options(question: Question, text: str, min_chars: int = 0) -> set[str]:
    """Options named after a negation ("not free", "no TPU"): what the person rules out.
    ``min_chars``: only phrases at least that long count ("without me" is no "not personal")."""
    out: set[str] = set()
    long = len(normalize(text).split()) > 3
    weak = _weak_words(question) if long else frozenset()
    for words in clauses(text):
        stems = stem_words(words)
        initials = [w[0] for w in words]
        said = set(initials)
        # every phrase said: option, first word, after the last, length (0 for one with its own negation:
        # "no stop, no money" does not negate "no money")
        spans: list[tuple[str, int, int, int]] = []
        for phrase in _phrases(question):
            first = phrase.words[0][0]
            if first not in said or phrase.via == "near":  # words that need company say nothing negated
                continue
            if long and (phrase.option, phrase.text) in weak:
                # a weak word means its option only as a reply: "not handling any personal data" is no team
                continue
            n = len(phrase.words)
            length = 0 if NEGATIONS & set(phrase.words) else len(phrase.text)
            spans += [
                (phrase.option, i, i + n, length)
                for i in range(0, len(words) - n + 1)
                if initials[i] == first and stems[i : i + n] == phrase.stems
            ]
        for option, i, end, length in spans:
            # "doesn't time out" is itself a phrase of the option: its negation is part of the words
            # (also when this phrase runs on past it: "can't wait in line" + "wait in line for one"),
            # and "not sure" is another option's phrase, negation and all: no negated "sure"
            inside = any(
                (o == option and s < i < e) or (o != option and not n and s <= i and e >= end) for o, s, e, n in spans
            )
            if length and length >= min_chars and _negated(words, i) and not inside:
                out.add(option)
    return out


def negated_other(question: Question, text: str, hits: dict[str, tuple[float, str]] | None = None) -> Reading | None:
    """'I don't need it to run in the background', 'nothing sensitive': with two answers to choose
    from, one said with a negation is the other."""
    concrete = [o.id for o in question.concrete_options]
    if len(concrete) != 2 or question.kind is QuestionKind.numeric:
        return None
    hits = phrase_hits(question, text) if hits is None else hits
    negated = negated_options(question, text, min_chars=4) & set(concrete)
    if hits or len(negated) != 1:
        return None
    (said,) = negated
    other = concrete[1 - concrete.index(said)]
    return Reading(question.id, other, None, 100.0, "text", text, f"read 'not {said}' as '{other}'")


def specific_kind(question: Question) -> str:
    """The kind of amount that can only mean this numeric question (money, weekly or duration)."""
    return _numeric_kinds(question)[0]


_MEASURES = {
    "money": ("money", "plain"),
    "weekly": ("weekly", "duration", "plain"),
    "size": ("size", "plain"),
    "duration": ("duration", "plain"),
}


def _numeric_kinds(question: Question) -> tuple[str, ...]:
    if question.measures:
        return _MEASURES[question.measures]
    unit = question.unit.lower()
    if "usd" in unit or "$" in unit or "month" in unit:
        return ("money", "plain")
    if "week" in unit:
        return ("weekly", "duration", "plain")
    if unit in {"gb", "gib", "mb", "tb"} or "byte" in unit:
        return ("size", "plain")
    return ("duration", "plain")


def _set_aside_only(question: Question, amounts: list[Amount]) -> bool:
    """Whether every amount of the question's own kind was set aside (a price, credits, a quota)."""
    kinds = _numeric_kinds(question)
    return not any(a.kind in kinds and not a.aside for a in amounts)


def number_problem(question: Question, amounts: list[Amount]) -> str:
    """Why the amount in a text (``amounts``: what find_amounts found in it) cannot answer a numeric
    question, or '' when it can (or has none)."""
    kinds = _numeric_kinds(question)
    for amount in amounts:
        if amount.aside and amount.kind in kinds[:1] and _set_aside_only(question, amounts):
            return f"'{amount.text}' reads as {amount.aside}"
        if (amount.kind not in kinds and amount.kind != "count") or amount.aside:
            continue
        if amount.problem:
            return amount.problem
        covered = _spans(question, amount) if amount.kind in kinds else []
        if covered:
            return (
                f"That range covers {len(covered)} answers here, from '{covered[0].label}' to "
                f"'{covered[-1].label}'; which is closest?"
            )
        if amount.currency and amount.kind in kinds and _band(question, amount)[0] is None:
            _, low, high = _band(question, amount)
            if amount.per:
                return (
                    f"{amount.text} {amount.per} is ${low:,.0f} to ${high:,.0f} a month, depending on how many "
                    "months it has to last; how much is that a month, in US dollars?"
                )
            return (
                f"{amount.text} is ${low:,.0f} to ${high:,.0f} depending on the exchange rate, which could be "
                "either of two answers here; say it in US dollars"
            )
        if question.max is not None and amount.value > question.max and amount.kind in kinds:
            unit = question.unit_label or question.unit
            return f"{amount.value:,.0f} is more than this question reads (at most {question.max:,.0f} {unit})"
    return ""


def read_count(question: Question, text: str, amounts: list[Amount]) -> Reading | None:
    """'4x A100s', 'a team of 5': a count of the things a question counts, read by the options' at_least."""
    if not question.counts:
        return None
    counts = [
        a
        for a in amounts
        if a.kind in ("count", "plain") and a.counted in question.counts and not a.problem and not a.aside
    ]
    if not counts:
        return None
    n = counts[0].value
    ranked = sorted((o for o in question.options if o.at_least is not None), key=lambda o: o.at_least or 0)
    chosen = [o for o in ranked if n >= (o.at_least or 0)]
    if not chosen or n != int(n):
        return None
    return Reading(question.id, chosen[-1].id, None, 100.0, "text", text)  # the option says what was counted


_BARE_COUNT = re.compile(r"(?:just |only )?(.+?)(?: of them)?")


def _bare_count(question: Question, norm: str, text: str) -> Reading | None:
    """'two of them', 'a couple', 'one' as the reply to a question that counts things (how many GPUs)."""
    said = _BARE_COUNT.fullmatch(norm.strip(" .!"))
    word = said.group(1) if said and question.counts else ""
    n = _WORD_NUMBERS.get(word, 0) if word not in {"a", "an", *POUND_WORDS} else 0
    if n < 1 or n != int(n):
        return None
    chosen = [o for o in question.options if o.at_least is not None and n >= o.at_least]
    if not chosen:
        return None
    best = max(chosen, key=lambda o: o.at_least or 0)
    return Reading(question.id, best.id, None, 100.0, "text", text, f"read '{text.strip()}' as {n:g} of them")


def option_for_number(question: Question, value: float) -> Option | None:
    for opt in question.options:
        if opt.contains(value):
            return opt
    return None


def read_number(question: Question, text: str, amounts: list[Amount]) -> Reading | None:
    if question.kind is not QuestionKind.numeric:
        return None
    best = number_source(question, amounts, text)
    if best is None:
        return None
    if best.currency:
        return _in_dollars(question, best, text)
    if _spans(question, best):
        return None  # number_problem asks which end was meant
    opt = option_for_number(question, best.value)
    if opt is None:
        return None
    return Reading(question.id, opt.id, best.value, 100.0, "number", text, best.note)


def number_source(question: Question, amounts: list[Amount], text: str) -> Amount | None:
    """The amount a numeric question's answer is read from: the one of its most specific kind."""
    kinds = _numeric_kinds(question)
    usable = [a for a in amounts if a.kind in kinds and not a.problem and not a.aside]
    if question.max is not None:
        usable = [a for a in usable if a.value <= question.max]
    if kinds[0] != "duration":
        # "my job takes 11": a bare number said of the job is its length, not money or memory
        usable = [a for a in usable if a.kind != "plain" or not _of_the_job(text.lower(), a)]
    if not usable:
        return None
    best = [a for a in usable if a.kind == min((a.kind for a in usable), key=kinds.index)]
    # several of one kind ("it took 45 minutes to install, the job is 2 hours"): the one said of the job
    return next((a for a in best if _of_the_job(text.lower(), a)), best[0]) if len(best) > 1 else best[0]


_JOB_BEFORE = re.compile(
    r"\b(?:needs?|takes?|runs?\s+for|(?:job|run|training|script|pipeline)\s+(?:is|will\s+be|would\s+be|lasts|takes|needs))"
    r"\s+(?:about\s+|around\s+|roughly\s+|like\s+|maybe\s+|~\s*)?$"
)
_JOB_AFTER = re.compile(r"^\s*(?:-\s*)?(?:long\s+)?(?:runs?|jobs?|training|fine-?tunes?|pipeline)\b")


def _of_the_job(lowered: str, amount: Amount) -> bool:
    return bool(_JOB_BEFORE.search(lowered[: amount.start]) or _JOB_AFTER.match(lowered[amount.end :]))


def _spans(question: Question, amount: Amount) -> list[Option]:
    """A range wider than two neighbouring options ("1 to 30 hours"), or two figures far apart ("10 or
    100 dollars") in different options: the options it covers, else []."""
    if amount.low is None:
        return []
    inside = [o for o in question.concrete_options if o.overlaps(amount.low, amount.value)]
    return inside if len(inside) > (1 if amount.either else 2) else []


def _band(question: Question, amount: Amount) -> tuple[Option | None, float, float]:
    """An amount in another currency: the option every rate in its band gives (None when the band
    straddles two), and the band's dollar figures."""
    assert amount.band is not None  # only money in a currency with a band has a currency code
    low_rate, high_rate = amount.band
    low, high = amount.value * low_rate, amount.value * high_rate
    first, last = option_for_number(question, low), option_for_number(question, high)
    same = first is not None and last is not None and first.id == last.id
    return (first if same else None), low, high


def _in_dollars(question: Question, amount: Amount, text: str) -> Reading | None:
    opt, low, high = _band(question, amount)
    if opt is None:
        return None  # number_problem says why
    if amount.per:
        note = f"read {amount.text} {amount.per} as ${low:,.0f} to ${high:,.0f} a month: either way, '{opt.label}'"
    else:
        note = f"read {amount.text} as ${low:,.0f} to ${high:,.0f}: whatever the exchange rate, that is '{opt.label}'"
    return Reading(question.id, opt.id, round((low + high) / 2, 2), 100.0, "number", text, note, rough=True)


_NUMBER_WORDS = {str(i) for i in range(100)} | {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "a",
    "an",
}
VAGUE = {
    "some",
    "somewhat",
    "moderate",
    "reasonable",
    "bit",
    "little",
    "much",
    "while",
    "modest",
    "decent",
    "plenty",
    "lots",
    "lot",
}
# the units a rate is said in after a slash ("$15/month", "10h/week")
RATE_UNITS = "mo|mon|month|wk|week|day|d|yr|year|hr|hour|h"
# "gpu or tpu", "gpu/tpu"; not the rate in "$15/month" or "10h/week"
_OR = re.compile(
    # ("two or more GPUs", "an A10 or better": one answer with its bound, not two answers)
    r"\s+(?:or|vs|versus|either)\s+(?!(?:more|less|so|above|higher|fewer|better|bigger|larger|newer|faster|"
    r"equivalent|similar|something|thereabouts|a\s+bit|a\s+little|slightly)\b)"
    rf"|(?<!\d)\s*/\s*(?=[^\W\d])(?!(?:{RATE_UNITS})\b)",
    re.I,
)


_VARIES = re.compile(r"\b(?:varies|vary|depends|depending)\b")


def _upper_end(question: Question, parts: list[str], text: str, money: Money) -> Reading | None:
    """'an hour or two', 'one or two days': a range said with 'or', read as its upper end like '1-2 hours'."""
    if len(parts) != 2 or question.kind is not QuestionKind.numeric:
        return None
    said = [find_amounts(p, money) for p in parts]
    if not all(len(a) == 1 for a in said) or said[0][0].kind != said[1][0].kind or said[0][0].value >= said[1][0].value:
        return None
    if far_apart(said[0][0].value, said[1][0].value):
        return None  # "10 or 100 dollars": two answers, not a rough range
    low, got = _read_one(question, parts[0], money), _read_one(question, parts[1], money)
    if not isinstance(got, Reading) or not isinstance(low, Reading):
        return None
    ids = [o.id for o in question.options]
    if ids.index(got.option) - ids.index(low.option) > 1:
        return None  # "3 or 30 hours": wider than two neighbouring answers, so ask which
    note = f"read '{text.strip()}' as its upper end"
    return Reading(got.question, got.option, got.value, got.score, got.via, text, note)


def _bare_number(part: str) -> bool:
    return bool(re.fullmatch(r"\s*(\d+(\.\d+)?|[a-z]+)\s*", part)) and part.strip().lower() in _NUMBER_WORDS


def _candidates(question: Question, option_ids: list[str], text: str, score: float = 50.0) -> Unclear:
    seen: dict[str, Option] = {}
    for oid in option_ids:
        opt = question.option(oid)
        if opt is not None:
            seen.setdefault(oid, opt)
    readings = [Reading(question.id, oid, opt.value, score, "text", text) for oid, opt in seen.items()]
    return Unclear(question.id, text, tuple(readings[:5]))


def read_answer(question: Question, text: str, money: Money) -> Reading | Unclear:
    """Read ``text`` as an answer to ``question``; ask (Unclear) rather than guess. ``money``: the
    pack's currencies (numbers.money_for)."""
    norm = normalize(text)
    if not norm:
        return Unclear(question.id, text)
    # the option's number in the list, for choice questions ("2")
    # (isdecimal, not isdigit: "²" and "𐹠" are digits int() cannot read)
    if question.kind is QuestionKind.choice and norm.isdecimal() and 1 <= int(norm) <= len(question.options):
        opt = question.options[int(norm) - 1]
        return Reading(question.id, opt.id, None, 100.0, "option", text)
    typed = text.strip().lower()
    for opt in question.options:
        if typed == opt.id or norm == opt.id or norm == normalize(opt.id.replace("-", " ")):
            return Reading(question.id, opt.id, opt.value, 100.0, "option", text)
        if norm == normalize(opt.label):
            return Reading(question.id, opt.id, opt.value, 100.0, "label", text)
    # "cpu or gpu", "minutes or hours": two different answers offered -> ask which
    parts = [p for p in _OR.split(text) if p and p.strip()]
    # (in a longer sentence "or" joins other things: "we don't want to pay or give a card")
    if len(parts) > 1 and (len(norm.split()) <= 8 or all(len(p.split()) <= 4 for p in parts)):
        # "one or two gpus": a bare number borrows the words after the next part's number;
        # "a week or two": the last one borrows the unit said before it
        ranged = any(_bare_number(p) for p in parts)  # "$20 or $60", each with its unit: two answers, not a range
        for i in range(len(parts) - 1):
            if _bare_number(parts[i]):
                tail = re.sub(r"^\s*\S+", "", parts[i + 1])
                parts[i] = parts[i] + tail
        if _bare_number(parts[-1]) and not _bare_number(parts[-2]):
            unit = re.search(r"\b(?:\d+(?:\.\d+)?|an?|one|two|three|few)\s+([a-z]+)\s*$", parts[-2].lower())
            parts[-1] = parts[-1] + (" " + unit.group(1) if unit else "")
        upper = _upper_end(question, parts, text, money) if ranged else None
        if upper is not None:
            return upper
        options: list[str] = []
        for part in parts:
            got = _read_one(question, part, money)
            if isinstance(got, Reading):
                options.append(got.option)
            else:
                options.extend(c.option for c in got.candidates)
        options = list(dict.fromkeys(options))
        if len(options) > 1:
            return _candidates(question, options, text, 90.0)
    return _read_one(question, text, money)


def _plain_number(question: Question, norm: str, text: str) -> Reading | Unclear | None:
    """ "0", "10", "$5" at a numeric question: the number the person gave, in the question's unit."""
    if question.kind is not QuestionKind.numeric or norm != text.strip().lower():
        return None
    if not re.fullmatch(r"\$?\d+(\.\d+)?", norm):
        return None  # "€9" or "£40": read with the currency's band (read_number), never at par
    number = float(norm.lstrip("$"))
    if not math.isfinite(number) or (question.max is not None and number > question.max):
        unit = question.unit_label or question.unit
        limit = f"{question.max:,.0f} {unit}" if question.max is not None else "a readable size"
        return Unclear(question.id, text, problem=f"that is more than this question reads (at most {limit})")
    opt = option_for_number(question, number)
    return Reading(question.id, opt.id, number, 100.0, "number", text) if opt is not None else None


def _no_phrase(question: Question, norm: str, text: str, negated: set[str]) -> Reading | Unclear:
    """No option's words in the text: a negation of the other option, the options not ruled out,
    the ranges for a vague amount, or the closest spelling."""
    flipped = negated_other(question, text, {})
    if flipped is not None:
        return flipped
    if negated:
        others = [o.id for o in question.concrete_options if o.id not in negated]
        return _candidates(question, others, text)
    vague = set(norm.split()) & VAGUE
    if vague == {"while"} and not re.search(r"\ba while\b", norm):
        vague = set()  # "while my laptop sleeps" is no amount; "a while" is
    if question.kind is QuestionKind.numeric and vague and (len(norm.split()) <= 3 or _about(question, norm)):
        # "some money but not much": an amount with no number -> offer the ranges ("some public
        # data" says nothing of money)
        ranged = [o.id for o in question.concrete_options if o.has_range and not (o.le is not None and o.le <= 0)]
        return _candidates(question, ranged, text)
    return _fuzzy(question, norm, text)


def _about(question: Question, norm: str) -> bool:
    """Whether normalized text names the question's subject: one of its keys, or a word of its unit."""
    words = f" {norm} "
    unit = {w for w in normalize(question.unit_label or question.unit).split() if len(w) > 2}
    return any(f" {normalize(k)} " in words for k in question.keys) or bool(unit & set(norm.split()))


def _read_one(question: Question, text: str, money: Money) -> Reading | Unclear:
    norm = normalize(text)
    if not norm:
        return Unclear(question.id, text)
    amounts = find_amounts(text, money)
    plain = _plain_number(question, norm, text)
    if plain is not None:
        return plain
    exact = [opt for opt, said in synonym_sets(question) if norm in said]
    if len(exact) == 1:
        return Reading(question.id, exact[0].id, exact[0].value, 100.0, "text", text)
    if any(p in norm for p in NOT_SURE_PHRASES) or norm in {"?", "idk", "dunno", "unsure", "maybe"}:
        # "it varies from 1 to 3 hours", or a long message with an amount in it ("no idea how long it
        # runs, but I have $25"): the amount says more than the hedge
        number = read_number(question, text, amounts) if _VARIES.search(norm) or len(norm.split()) > 6 else None
        # "it varies from 1 to 3 hours": the range says more than 'varies' (one that spans is asked about)
        if number is None and not (_VARIES.search(norm) and number_problem(question, amounts)):
            return Reading(question.id, NOT_SURE, None, 100.0, "text", text)
        if number is not None:
            return number
    counted = read_count(question, text, amounts) or _bare_count(question, norm, text)
    if counted is not None:
        return counted
    number = read_number(question, text, amounts)
    hits = phrase_hits(question, text)
    if number is None and question.kind is QuestionKind.numeric:
        problem = number_problem(question, amounts)
        # ("paying for Pro+ at $50, I'd rather pay per use": an amount set aside, and the answer in words)
        if problem and not (_set_aside_only(question, amounts) and any(s >= 100 for s, _ in hits.values())):
            return Unclear(question.id, text, problem=problem)
    if len(norm.split()) > 3:
        # a weak word is an answer only as a reply: in a longer text it yields to an option said in full
        # ("zero budget but unlimited time")
        strong = {o: hit for o, hit in hits.items() if not is_weak(question, o, hit[1])}
        hits = strong or hits
    hits = untaken(question, hits)
    phrased = {o: w for o, (_, w) in hits.items() if " " in w}  # (not a bare 'yes' or 'no')
    if len(phrased) >= 2 and len(later := after_but(phrased, norm)) == 1:  # "no AWS account yet but fine to open one"
        hits = {o: hits[o] for o in later}
    negated = negated_options(question, text)
    if number is not None:
        # a plain duration ("a few hours") at the weekly question loses to words like "most days"
        bare_duration = "week" in question.unit and not any(a.kind == "weekly" for a in amounts)
        if not (hits and bare_duration):
            return number
    if hits and negated & set(hits):
        # "not a gpu... well maybe a gpu": the text says both ways; offer them and the rest
        others = [o.id for o in question.concrete_options if o.id not in hits]
        return _candidates(question, list(hits) + others, text)
    if not hits:
        return _no_phrase(question, norm, text, negated)
    ranked = sorted(hits.items(), key=lambda kv: -kv[1][0])
    best_id, (best, _) = ranked[0]
    second = ranked[1][1][0] if len(ranked) > 1 else 0.0
    opt = question.option(best_id)
    assert opt is not None
    if best >= ACCEPT and best - second >= MARGIN:
        return Reading(question.id, best_id, opt.value, min(best, 100.0), "text", text)
    return _candidates(question, [oid for oid, (sc, _) in ranked if sc >= best - MARGIN], text)


def after_but(sure: dict[str, str], norm: str) -> dict[str, str]:
    """Of the options said (id -> the words that say it), the one said after the last 'but' when
    the others are said only before it: 'an AWS account through work but this is a personal
    project' is personal; 'no AWS account yet but fine to open one' can open one."""
    padded = f" {norm} "
    cut = padded.rfind(" but ")
    if cut < 0 or any(" but " in f" {w} " for w in sure.values()):
        return sure  # (a phrase that says the 'but' itself: "card but no aws")
    after = {o for o, w in sure.items() if padded.find(f" {w} ", cut) >= 0}
    before = {o for o, w in sure.items() if 0 <= padded.find(f" {w} ") < cut}
    if len(after) == 1 and not after & before and after | before == set(sure):
        return {o: sure[o] for o in after}
    return sure


def untaken(question: Question, said: dict[str, T]) -> dict[str, T]:
    """The options said, less those another option said with them takes in (its ``includes``): 'any
    GPU' beside 'as long as I always get one' is a GPU every time."""
    taken = {i for o in said if (option := question.option(o)) is not None for i in option.includes}
    return {o: found for o, found in said.items() if o not in taken}


_SYNONYMS: dict[int, tuple[Question, tuple[tuple[Option, frozenset[str]], ...]]] = {}


def synonym_sets(question: Question) -> tuple[tuple[Option, frozenset[str]], ...]:
    """Each option with its synonyms normalized, made once per question object."""

    def build() -> tuple[tuple[Option, frozenset[str]], ...]:
        return tuple((opt, frozenset(normalize(s) for s in [*opt.synonyms, *opt.weak])) for opt in question.options)

    return remembered(_SYNONYMS, question, id(question), build, 512)


def _fuzzy(question: Question, norm: str, text: str) -> Reading | Unclear:
    """Whole-text fuzzy match against every label and synonym ("kagle", "colab pr")."""
    from rapidfuzz.distance import OSA

    best_by_option: dict[str, float] = {}
    said_no = bool(NEGATIONS & set(norm.split()))
    several = len(norm.split()) > 1
    for phrase in _phrases(question):
        if several and bool(NEGATIONS & set(phrase.words)) != said_no:
            continue  # "I have a credit card" is never a typo for "no credit card"
        target = " ".join(phrase.words)
        score = fuzz.ratio(norm, target)
        if 3 <= len(norm) <= 5 and len(target) >= 3 and OSA.distance(norm, target) == 1:
            # a short word with one slip ("yse", "fre", "cpuu"): worth asking about, never taken as read
            score = max(score, CONSIDER)
        if score > best_by_option.get(phrase.option, 0.0):
            best_by_option[phrase.option] = score
    ranked = sorted(best_by_option.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < CONSIDER:
        return Unclear(question.id, text)
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    opt = question.option(best_id)
    assert opt is not None
    if best >= ACCEPT and best - second >= MARGIN:
        return Reading(question.id, best_id, opt.value, best, "text", text)
    close = [(oid, s) for oid, s in ranked if s >= CONSIDER and s >= best - MARGIN][:4]
    return Unclear(question.id, text, tuple(Reading(question.id, oid, None, s, "text", text) for oid, s in close))
