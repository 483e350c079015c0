"""Numbers as people write them: "$9.99/mo", "20 bucks", "90 min", "2.5h", "half an hour", "5-6 hours".

``find_amounts`` scans a text and returns every amount it can read with what kind of quantity it
is (money, a duration, a weekly rate), so one sentence can answer several numeric questions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..record import Record
from .memo import remembered

if TYPE_CHECKING:
    from ..pack.core import Currency, Pack

Kind = Literal["money", "duration", "weekly", "plain", "size", "count"]

WORDS = {
    "zero": 0,
    "nil": 0,
    "nothing": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "couple": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
    "a quarter of an": 0.25,
    "quarter of an": 0.25,
    "a quarter": 0.25,
    "quarter": 0.25,
    "half an": 0.5,
    "half a": 0.5,
    "a half": 0.5,
    "half": 0.5,
    "a dozen": 12,
    "dozen": 12,
    "one and a half": 1.5,
    "a tenner": 10,  # British money words: pounds
    "tenner": 10,
    "a fiver": 5,
    "fiver": 5,
}
# "twenty-five", "thirty two": tens and units written out
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
for _tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"):
    for _i, _unit in enumerate(_UNITS, start=1):
        WORDS[f"{_tens}-{_unit}"] = WORDS[f"{_tens} {_unit}"] = WORDS[_tens] + _i
POUND_WORDS = {"a tenner", "tenner", "a fiver", "fiver"}

# number words that mean a number even with no unit ("ten"), unlike "a" or "a few"
_VAGUE_WORDS = {"a", "an", "few", "a few", "several", "half", "half a", "half an", "a half", "dozen", "nothing", "nil"}
# ("one" alone is a pronoun as often as a number: "a faster one", "I don't have one", "we haven't set one")
_VAGUE_WORDS |= {"quarter", "a quarter", "quarter of an", "a quarter of an", "one"}
_PLAIN_WORDS = {w for w in WORDS if w not in _VAGUE_WORDS and "couple" not in w}

# hours per unit
DURATION_UNITS = {
    "s": 1 / 3600,
    "sec": 1 / 3600,
    "secs": 1 / 3600,
    "second": 1 / 3600,
    "seconds": 1 / 3600,
    "m": 1 / 60,
    "min": 1 / 60,
    "mins": 1 / 60,
    "minute": 1 / 60,
    "minutes": 1 / 60,
    "h": 1,
    "hr": 1,
    "hrs": 1,
    "hour": 1,
    "hours": 1,
    "hs": 1,
    "d": 24,
    "day": 24,
    "days": 24,
    "wk": 168,
    "week": 168,
    "weeks": 168,
    "fortnight": 336,
    "fortnights": 336,
    "month": 730,
    "months": 730,
}

# gigabytes per unit: memory and disk sizes ("25 GB of RAM")
SIZE_UNITS = {
    "mb": 0.001,
    "megabytes": 0.001,
    "gb": 1,
    "gib": 1,
    "gig": 1,
    "gigs": 1,
    "gigabyte": 1,
    "gigabytes": 1,
    "tb": 1000,
    "terabytes": 1000,
}

WEEKS_PER_MONTH = 4.35
# words before "a day", "a week", "a month" that make it a length ("takes a week", "for a month");
# after any other word it is a rate ("5 runs a week", "a coffee a month")
LENGTH_LEAD = {
    "for",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "over",
    "than",
    "least",
    "takes",
    "take",
    "took",
    "taking",
    "lasts",
    "last",
    "lasting",
    "run",
    "runs",
    "running",
    "needs",
    "need",
    "like",
    "maybe",
    "is",
    "be",
    "was",
    "within",
    "under",
    "in",
    "half",
    "only",
    "just",
    "probably",
    "approximately",
    "to",
    "of",
    "or",
    "and",
    "up",
    "train",
    "trains",
    "training",
    "whole",
}
PER_MONTH = (
    r"(?:\s*(?:/\s*|(?:per|a|an|each|every)\s+)(?:mo|mon|month|mth)\b|\s*/\s*m\b|\s*monthly"
    r"|(?:\s+(?:in\s+)?total)?\s+(?:this|next|per|a|each)\s+month\b)"
)
PER_WEEK = (
    r"(?:\s*(?:/\s*|(?:per|a|an|each|every)\s+)(?:wk|week)\b|\s*weekly"
    r"|(?:\s+(?:in\s+)?total)?\s+(?:this|next)\s+week\b"
    r"|(?:\s+(?:in\s+)?total)?\s+(?:across|throughout|during|within|in|over)\s+(?:a|the|one|each|every)\s+week\b)"
)
PER_YEAR = r"(?:\s*(?:/\s*|(?:per|a|an|each|every)\s+)(?:yr|year|annum)\b|\s*(?:yearly|annually))"
_YEARLY = re.compile(r"y(ea)?r|annum|annually")  # a rate said per year
PER_DAY = (
    r"(?:\s*(?:/\s*|(?:per|a|an|each|every)\s+)(?:day|night|weekday)\b|\s*/\s*d\b|\s*(?:daily|nightly)"
    r"|\s+on\s+weekdays\b)"
)

_word_alt = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
# "1,200" and "1,200,000" are thousands; "1,5" is a decimal comma
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+|(?:{_word_alt})\b)"
_unit_alt = "|".join(sorted((re.escape(u) for u in DURATION_UNITS), key=len, reverse=True))
_size_alt = "|".join(sorted(SIZE_UNITS, key=len, reverse=True))


def _amount_pattern(rated_before: str, rated_after: str, unrated_before: str, unrated_after: str) -> str:
    """The pattern of one amount, with the pack's currencies: those it reads (``rated``) and those
    it asks about (``unrated``), each as what may stand before the number and what may follow it."""
    return rf"""
    (?<![\w./])(?<!\w-)
    (?:(?P<cmp>less\s+than|fewer\s+than|shorter\s+than|under|below|more\s+than|longer\s+than|greater\s+than|over|above|beyond|at\s+least)\s+(?:the\s+)?)?
    (?P<foreign_pre>(?:{unrated_before})(?=\s*\d))?
    (?P<pre>{rated_before})?\s*
    (?P<a>{NUMBER})(?!\d)(?!\s*/\s*\d)(?!\s*%)(?P<plus>\+(?!\d))?(?:-?ish\b)?
    (?:\s*(?P<sep>-|–|to|or)\s*(?P<pre2>{rated_before})?\s*(?P<b>{NUMBER}))?
    (?P<half1>\s+and\s+a\s+half\b)?
    (?P<k>\s*(?:k|hundred|thousand|grand)\b)?
    \s*(?P<post>{rated_after})?
    (?P<foreign>\s*(?:{unrated_after}))?
    \s*(?P<size>(?:{_size_alt})\b)?
    \s*(?:(?:of\s+)?an?\s+(?!(?:weeks?|wk|months?|mo|days?)\b)(?=(?:{_unit_alt})\b)|-(?=(?:{_unit_alt})\b)|(?:gpu|tpu|cpu|compute)[\s-]+(?=(?:{_unit_alt})\b))?
    (?:(?:whole|full|entire|solid)\s+(?=(?:{_unit_alt})\b))?
    (?P<unit>(?:{_unit_alt})\b|h(?=[0-5]\d(?:m|min|mins)?\b))?
    (?P<mins>(?<=h)[0-5]\d(?:m|min|mins)?\b)?
    (?P<half>\s+and\s+a\s+half\b)?
    (?:\s+of\s+(?:(?:gpu|tpu|cpu|compute)\s+)?(?:gpu|tpu|cpu|compute|work|training|usage|use|time)(?:\s+time)?(?=\s*(?:/\s*|(?:per|a|an|each|every)\s|(?:weekly|daily|nightly|monthly)\b))
    |\s+(?:gpu|tpu|cpu|compute)(?:\s+time)?(?=\s*(?:/\s*|(?:per|a|an|each|every)\s|(?:weekly|daily|nightly|monthly)\b)))?
    (?:\s+(?:in\s+)?total(?=\s*(?:/|(?:per|a|an|each|every)\s)))?
    (?P<rate>{PER_MONTH}|{PER_WEEK}|{PER_DAY}|{PER_YEAR})?
    """


def _alternatives(said: list[str], symbols_follow: bool = False) -> str:
    """One regular-expression alternation: words end at a word boundary, symbols need none (and,
    after a number, must not start another: '$5-$10')."""
    out = []
    for s in sorted(set(said), key=len, reverse=True):
        if s[-1].isalnum():
            out.append(re.escape(s) + r"\b")
        else:
            out.append(re.escape(s) + (r"(?!\s*\d)" if symbols_follow else ""))
    return "|".join(out) or "(?!)"


class Money:
    """How a pack's currencies are read: one compiled amount pattern, each word's currency, and the
    band of each currency's worth in US dollars (None: no rate, ask)."""

    def __init__(self, currencies: Sequence[Currency]) -> None:
        self.code_of: dict[str, str] = {}
        self.band: dict[str, tuple[float, float] | None] = {}
        rated: tuple[list[str], list[str]] = ([], [])
        unrated: tuple[list[str], list[str]] = ([], [])
        for currency in currencies:
            usd = currency.usd
            self.band[currency.code] = (usd[0], usd[1]) if usd is not None and len(usd) == 2 else None
            before, after = rated if usd else unrated
            for said in currency.says:
                self.code_of[said] = currency.code
                after.append(said)
                # before a number: symbols, codes and short marks ('$5', 'EUR 20', 'rs 500'), not words ('won 3')
                if not said.isalpha() or said == currency.code.lower() or len(said) <= 2:
                    before.append(said)
        self.pattern = re.compile(
            _amount_pattern(
                _alternatives(rated[0]),
                _alternatives(rated[1], symbols_follow=True),
                _alternatives(unrated[0]),
                _alternatives(unrated[1]),
            ),
            re.VERBOSE | re.IGNORECASE,
        )

    def currency(self, said: str) -> tuple[str, tuple[float, float] | None]:
        """The code and band of a currency word or symbol ('€' -> EUR); ('', None) for dollars (a band of
        exactly one dollar) or an unknown word."""
        code = self.code_of.get(said.strip().lower(), "")
        band = self.band.get(code)
        return ("", None) if band == (1.0, 1.0) else (code, band)  # worth one dollar: dollars


def money_for(pack: Pack) -> Money:
    """The pack's currencies, compiled once per pack (about 10 ms, which `advisor recommend -a
    budget=free` never needs)."""
    return pack.derived.once("money", lambda: Money(pack.info.currencies))


class Amount(Record):
    value: float  # dollars for money, hours for durations, hours a week for weekly rates
    kind: Kind
    start: int
    end: int
    text: str
    note: str = ""  # how a range or unusual phrasing was read
    problem: str = ""  # why this number cannot be read as an amount (negative, a power, ...)
    aside: str = ""  # why, in its context, this amount answers no question ("a few days ago")
    counted: str = ""  # for a count: the word after it ("gpus", "people")
    scale: float = 0.0  # for a duration: hours per unit of the number as written (a day: 24)
    currency: str = ""  # money in another currency with a known band (its code); '' for dollars
    band: tuple[float, float] | None = None  # that currency's worth in US dollars, lowest and highest
    low: float | None = None  # a range ("1 to 30 hours"): its lower end, in the same unit as value
    per: str = ""  # money for a longer period ("for the semester"): the period, and band spreads it over its months
    either: bool = False  # "10 or 100 dollars": two figures far apart, not a rough range like "an hour or two"


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# what makes a number unreadable as an amount, looked for right around it
# a minus sign touches its number ("-5"); "- 4-5h" at the start of a line is a list's bullet
_NEGATIVE = re.compile(r"(?:^|[^\d\s.,-])\s*[-−]$|^\s*[-−]$")
_POWER = re.compile(r"^\s*(?:\^|\*\*|e[+-]?\d|x\s*10)")
_UNDERSCORE = re.compile(r"^_\d")


# "one" standing for a thing already named in a longer message, not a number
def far_apart(low: float, high: float) -> bool:
    """Two figures offered with "or" that are far apart ("10 or 100 dollars", "30 minutes or 2 hours")
    are two answers to choose between, not a rough range read as its upper end ("an hour or two")."""
    return high >= 3 * low


def _number(token: str) -> float | None:
    token = token.strip().lower()
    if token in WORDS:
        return float(WORDS[token])
    try:
        if _THOUSANDS.fullmatch(token):
            return float(token.replace(",", ""))
        return float(token.replace(",", "."))
    except ValueError:
        return None


def _problem(lowered: str, start: int, end: int) -> str:
    """Why the number at start..end cannot be an amount, or ''."""
    while start < end and lowered[start].isspace():  # a match may begin with the space before it
        start += 1
    before, after = lowered[max(0, start - 12) : start], lowered[end : end + 6]
    if re.search(r"(?:\^|\*\*)\s*$|\de[-+]?$", before):  # "2^10", "3e-4": the exponent of another number
        return "write the number out in full, not as a power or with an exponent"
    if _NEGATIVE.search(before) and not re.search(r"[a-z]-$", before):  # "gpt-4" is a name, not -4
        return "an amount cannot be negative"
    if _POWER.match(after):
        return "write the number out in full, not as a power or with an exponent"
    if _UNDERSCORE.match(after):
        return "write the number without underscores (e.g. 1000 or 1,000)"
    return ""


_BETWEEN = re.compile(r"(\bbetween\s+[$€£]?\d[\d.,]*)\s+and\s+(?=[$€£]?\d)")
# "between free and $100", "from nothing to $50": a range from zero
_FROM_ZERO = re.compile(r"\b(?:between|from)\s+(free|nothing|zero|nil)(?=\s+(?:and|to)\s+[$€£]?\d)")


_FOUND: dict[tuple[int, str], tuple[Money, list[Amount]]] = {}


def find_amounts(text: str, money: Money) -> list[Amount]:
    """Every amount in ``text`` with its kind, in order of appearance; ``money``: the pack's currencies.
    Remembered until ``forget_amounts``: reading one message scans the same text several times.
    Callers only read the amounts."""
    return remembered(_FOUND, money, (id(money), text), lambda: _find_amounts(text, money), 256)


def forget_amounts() -> None:
    """Called before each message is read, so nothing is remembered from one message to the next."""
    _FOUND.clear()


def _find_amounts(text: str, money: Money) -> list[Amount]:
    found: list[Amount] = []
    # "between 1 and 30 hours" is the range "1 to 30 hours" (same length: positions still match the text)
    lowered = _FROM_ZERO.sub(lambda m: m[0][: m.start(1) - m.start()] + "$0".ljust(len(m[1])), text.lower())
    lowered = _BETWEEN.sub(lambda m: m[1] + " to".ljust(len(m[0]) - len(m[1])), lowered)
    for m in money.pattern.finditer(lowered):
        a = _number(m["a"])
        if a is None:
            continue
        word_number = not re.match(r"[\d.]", m["a"])
        if word_number and m["unit"] and len(m["unit"]) < 3:
            continue  # "a m" in "I am" is not a minute
        marked = m["pre"] or m["pre2"] or m["post"] or m["unit"] or m["k"] or m["rate"] or m["a"] in POUND_WORDS
        if word_number and not marked and m["a"].strip() not in _PLAIN_WORDS:
            continue  # "a" or "a few" on its own is not an amount
        if m["a"].strip() in ("a", "an") and not (m["pre"] or m["post"] or m["unit"] or m["k"]):
            continue  # "a monthly budget of $400": 'a monthly' is no amount
        value, note = _value(m, text, a)
        upper = value
        kind, value, note, scale = _kind(m, lowered, value, note)
        low = a * value / upper if m["b"] and upper else None  # the lower end, converted like the upper
        problem = _problem(lowered, m.start(), m.end())
        foreign = (m["foreign_pre"] or m["foreign"] or "").strip()
        if foreign:
            kind = "money"
            code = money.code_of.get(foreign.lower(), "")
            shown = code if not code or foreign.lower() == code.lower() else f"{code} ({foreign})"
            problem = f"I have no exchange rate for {shown}; say the amount in US dollars"
        if not math.isfinite(value):
            problem = "that number is too large to read"
        kind, counted = _counted(lowered, m, kind)
        said = (m["pre"] or m["pre2"] or m["post"] or "").strip()
        if m["a"].strip() in POUND_WORDS and "£" in money.code_of:
            kind, said = "money", "£"
        currency, band = money.currency(said) if kind == "money" else ("", None)
        amount = Amount(
            value,
            kind,
            m.start(),
            m.end(),
            text[m.start() : m.end()].strip(),
            note,
            problem,
            "",
            counted,
            scale,
            currency,
            band,
            low,
        )
        amount.either = bool(m["sep"] == "or" and low and far_apart(low, value))
        amount.aside = aside(lowered, amount)
        found.append(amount)
    found = _clock_span(lowered, text, _compound(lowered, text, found))
    found = _days_a_week(_weekdays(lowered, _times_a_week(lowered, _per_part(lowered, _borrow_units(lowered, found)))))
    found = _per_head(lowered, _daily(lowered, _weekly_lead(lowered, _runs_a_week(lowered, found))))
    return _corrected(lowered, _over_period(lowered, _spread(lowered, _ranges(lowered, found))))


# "from 9am to 5pm", "10pm-6am": the hours between two times of day
_CLOCK_SPAN = re.compile(
    r"\b(?:from\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:to|until|till|-|–)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b"
)


def _clock_span(lowered: str, text: str, found: list[Amount]) -> list[Amount]:
    """'from 9am to 5pm' is a run of 8 hours (across midnight, '10pm to 6am', also 8), in place of the
    numbers read inside it."""
    for m in _CLOCK_SPAN.finditer(lowered):
        first, last = int(m[1]), int(m[4])
        if not (1 <= first <= 12 and 1 <= last <= 12):
            continue
        end = last % 12 + (12 if m[6] == "pm" else 0) + int(m[5] or 0) / 60
        # (the first time without am or pm: whichever makes the shorter span, "9 to 5pm" is 8 hours)
        starts = [
            first % 12 + half + int(m[2] or 0) / 60 for half in ((12,) if m[3] == "pm" else (0,) if m[3] else (0, 12))
        ]
        hours = min((end - start) % 24 or 24 for start in starts)
        said = text[m.start() : m.end()].strip()
        span = Amount(hours, "duration", m.start(), m.end(), said, f"read {said} as {_fmt(hours)} hours", scale=1.0)
        found = [a for a in found if a.end <= m.start() or a.start >= m.end()] + [span]
    return sorted(found, key=lambda a: a.start)


# "25h, no, 23h", "2 hours, er, 2 days actually", "$20, sorry, I meant $40": the person corrects
# the figure just said
# words that correct the figure said just before ("sorry", "I meant", "make it")
_CORRECTING = r"sorry|oops|actually|correction|i\s+meant?|make\s+(?:it|that)"
_CORRECTION = re.compile(
    rf"\s*[,;.]?\s*(?:(?:no|nope|er|erm|um|uh|wait|or\s+rather|rather|{_CORRECTING}|more\s+like|scratch\s+that)\b"
    r"[\s,;.!-]*)+"
)


# a correction said after other words of the same sentence: "2 hours on CPU, sorry, I meant 20"
_CORRECTION_LAST = re.compile(rf"^[^.;!?]*,\s*(?:{_CORRECTING}|scratch\s+that)\b[\s,:]*(?:i\s+meant?\s+)?$")


def _corrected(lowered: str, found: list[Amount]) -> list[Amount]:
    """An amount corrected by the next one of its kind is set aside."""
    for first, second in zip(found, found[1:]):
        between = lowered[first.end : second.start]
        said = (_CORRECTION.fullmatch(between) and between.strip()) or _CORRECTION_LAST.match(between)
        if first.kind == second.kind and not first.aside and said:
            first.aside = "corrected by the figure after it"
    return found


# "$60 for the next 3 months", "100 euros for the whole semester", "$300 in total": money that has
# to last longer than the month the budget question asks about
_FOR_PERIOD = re.compile(
    r"^\s*(?:(?:in\s+)?total\s+)?(?:(?:that\s+)?(?:has\s+to\s+|must\s+|should\s+)?last(?:s|ing)?(?:\s+(?:me|us))?\s+)?"
    r"(?:for|over|across|during|through)?\s*(?:the\s+|this\s+|a\s+|one\s+|my\s+|our\s+)?"
    r"(?:whole\s+|entire\s+|full\s+|next\s+|coming\s+|rest\s+of\s+the\s+)?"
    r"(?:(?P<n>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?"
    r"(?P<period>(?:academic\s+|school\s+)?years?|yrs?|semesters?|terms?|quarters?|months?|weeks?|"
    r"project|thesis|course|competition|internship|program|programme)\b"
)
_TOTAL_AFTER = re.compile(r"^\s*(?:in\s+total|total|all\s+told|overall|altogether)\b")
_TOTAL_BEFORE = re.compile(r"\b(?:a\s+)?total\s+(?:budget\s+)?(?:of\s+)?(?:about\s+|around\s+)?$")
_RATED = re.compile(r"month|week|year|\bday|annum|annually|daily|monthly|weekly|yearly|/\s*m\b|/\s*mo\b|/\s*yr\b")
# how many months a period lasts, fewest to most ("a semester" is four to six months)
_MONTHS = {"month": (1.0, 1.0), "quarter": (3.0, 3.0), "semester": (4.0, 6.0), "term": (3.0, 5.0), "year": (12.0, 12.0)}
_MONTHS |= {"yr": _MONTHS["year"], "week": (1 / WEEKS_PER_MONTH, 1 / WEEKS_PER_MONTH)}


def _over_period(lowered: str, found: list[Amount]) -> list[Amount]:
    """Money said for a longer period ("$60 for 3 months", "100 euros for the semester", "$300 in
    total"): read as a month's share, a band when the period's length is not known exactly (the
    advisor asks when the band straddles two answers). The period's own length is not a run."""
    for amount in found:
        if amount.kind != "money" or amount.aside or amount.problem:
            continue
        after = lowered[amount.end : amount.end + 80]
        period = _FOR_PERIOD.match(after)
        for other in found:  # "3 months" in "$60 for 3 months" is how long the money lasts
            if period and other.kind == "duration" and amount.end <= other.start < amount.end + period.end():
                other.aside = "how long the money has to last, not one run"
        if _RATED.search(amount.text.lower()):
            continue  # "$10 a month for 3 months": already a month's amount
        months = _months(period) if period else None
        said = " ".join(period[0].split()) if period else ""
        if months is None:  # "$300 in total", "$200 for the project": a month's share is not known
            total = _TOTAL_AFTER.match(after) or _TOTAL_BEFORE.search(lowered[max(0, amount.start - 30) : amount.start])
            if not total and not period:
                continue
            months, amount.per = (1.0, 12.0), said or "in total"
        else:
            span = f"{_fmt(months[0])} to {_fmt(months[1])} months"
            amount.per = said if months[0] == months[1] else f"{said} ({span})"
        _spread_money(amount, months)
    return found


def _months(period: re.Match[str]) -> tuple[float, float] | None:
    """How many months a period said after an amount lasts: None for a project or a course, whose
    length is not said."""
    word = period["period"].split()[-1].rstrip("s")
    if word not in _MONTHS:
        return None
    n = _number(period["n"]) if period["n"] else 1.0
    low, high = _MONTHS[word]
    return (low * (n or 1.0), high * (n or 1.0))


def _spread_money(amount: Amount, months: tuple[float, float]) -> None:
    if months[0] == months[1] and not amount.currency:  # dollars over a known number of months
        total = amount.value
        amount.value = total / months[0]
        amount.low = amount.low / months[0] if amount.low is not None else None
        amount.note = f"read {amount.text} {amount.per} as about ${_fmt(round(amount.value, 2))} a month"
        return
    worth = amount.band or (1.0, 1.0)
    amount.currency = amount.currency or "USD"
    amount.band = (worth[0] / months[1], worth[1] / months[0])


_WEEKLY_LEAD = re.compile(
    r"(?:^|[,.;:!?]\s*)(?:weekly|per\s+week|each\s+week|every\s+week|in\s+a\s+(?:typical\s+|normal\s+)?week)\b\s*[,:]?([^,.;:!?]*)$"
)
_RUN_NOUNS = r"(?:runs?(?!\s+out\b)|jobs?|sessions?|experiments?)\b"  # ("the 30 hours run out": used up)
_ONE_RUN = re.compile(rf"\b{_RUN_NOUNS}")
# "a nightly 2 hour batch job": the run named right after its length, a word or two between
_RUN_AFTER = re.compile(rf"(?:(?!(?:and|or|but|then)\b)[\w-]+\s+){{0,2}}?{_RUN_NOUNS}")


def _weekly_lead(lowered: str, found: list[Amount]) -> list[Amount]:
    """'weekly I'd use it maybe 35-40 hours', 'in a typical week, 12 hours': hours a week, said
    before the hours (a run's length in the same clause, 'each week I do a 3 hour run', stays one)."""
    for amount in found:
        if amount.kind != "duration" or amount.aside or amount.value > 168:
            continue
        lead = _WEEKLY_LEAD.search(lowered[: amount.start])
        if lead and not _ONE_RUN.search(lead[1]) and not _RUN_AFTER.match(lowered[amount.end :].lstrip(" -")):
            amount.kind, amount.scale = "weekly", 0.0
            amount.note = f"read {amount.text} as hours a week"
    return found


_RUN_SAID = re.compile(r"\b(?:runs?|running|trains?|training|jobs?|experiments?|sessions?|inference|batch)\b")
_DAILY_BEFORE = re.compile(
    r"\b(?:(?:every|each)\s+(?:single\s+)?(weekday|day|evening|night|morning|afternoon)|(daily|nightly))\b([^,.;:!?]*)$"
)


def _daily(lowered: str, found: list[Amount]) -> list[Amount]:
    """'every weekday evening for around 2 hours', 'daily, 3 hours': hours a week (five days for
    weekdays, seven otherwise); a run said between them ('every day I do a 3 hour run') stays one."""
    for amount in found:
        if amount.kind != "duration" or amount.aside or amount.scale > 1 or amount.value > 24:
            continue
        said = _DAILY_BEFORE.search(lowered[: amount.start])
        clause = re.split(r"[,.;:!?]", lowered[: amount.start])[-1]
        if said is None or _RUN_SAID.search(clause) or _RUN_AFTER.match(lowered[amount.end :].lstrip(" -")):
            continue  # "training every day for 5h", "run a scraper every night": each run's own length
        days = 5 if said[1] == "weekday" else 7
        amount.kind, amount.scale, amount.value = "weekly", 0.0, amount.value * days
        amount.note = f"read {amount.text} {days} days a week as about {amount.value:g} hours a week"
    return found


_EACH_PERSON = re.compile(r"^\s*(?:each|apiece|per\s+(?:person|head|user|seat|member)|a\s+head)\b")


def _per_head(lowered: str, found: list[Amount]) -> list[Amount]:
    """'3 people, $25 each': the whole budget is the amount times the people counted."""
    people = [a for a in found if a.kind == "count" and a.counted in (*PEOPLE, "people") and a.value >= 2]
    for amount in found:
        if amount.kind == "money" and people and _EACH_PERSON.match(lowered[amount.end :]):
            amount.value *= people[0].value
            amount.note = f"read {amount.text} for each of {people[0].value:g} people as {amount.value:g} in all"
    return found


def _compound(lowered: str, text: str, found: list[Amount]) -> list[Amount]:
    """'11h 50m', '2 hours and 30 minutes', '1h30': one duration said in two units."""
    out: list[Amount] = []
    for amount in found:
        first = out[-1] if out else None
        gap = lowered[first.end : amount.start] if first is not None else ""
        if (
            first is not None
            and first.kind == "duration"
            and first.scale
            and first.low is None
            and amount.low is None
            and re.fullmatch(r"\s*(?:and\s+)?", gap)
            and (
                (amount.kind == "duration" and 0 < amount.scale < first.scale)
                or (amount.kind == "plain" and not gap and first.scale == 1 and amount.value < 60)
            )
        ):
            first.value += amount.value if amount.kind == "duration" else amount.value / 60
            first.end, first.text = amount.end, text[first.start : amount.end].strip()
            first.aside = aside(lowered, first)
            continue
        out.append(amount)
    return out


def _ranges(lowered: str, found: list[Amount]) -> list[Amount]:
    """'between 30 minutes and 3 days', 'from 2 hours to 2 days', '30 min to 30 hours': one range in
    two units, the second amount with the first as its lower end."""
    for first, second in zip(found, found[1:]):
        between = lowered[first.end : second.start]
        if (
            first.kind == "duration"
            and first.scale
            and second.kind in ("plain", "count")
            and not (second.aside or second.counted)
        ):
            # "a minute or two", "an hour or so to 3": the bare number takes the unit said before it
            if re.fullmatch(r"\s*(?:or|to|-|–)\s*", between) and second.value * first.scale > first.value:
                second.kind, second.scale, second.low = "duration", first.scale, first.value
                second.value *= first.scale
                first.aside = "the lower end of a range"
            continue
        if first.kind != "duration" or second.kind != "duration" or second.low is not None:
            continue
        ranged = re.fullmatch(r"\s*(?:to|-|–|or)\s*", between) or (
            re.fullmatch(r"\s*and\s*", between) and re.search(r"\b(?:between|from)\s*$", lowered[: first.start])
        )
        if ranged and second.value > first.value:
            second.low = first.value
            second.either = between.strip() == "or" and far_apart(first.value, second.value)
            first.aside = "the lower end of a range"
    return found


_OVER = re.compile(
    r"^\s*(?:of\s+(?:gpu|tpu|cpu|compute)\s+(?:time\s+)?)?(?:over|across|during|within|spread\s+over|in)\s+"
    rf"(?:the\s+)?(?:next\s+|coming\s+|following\s+|whole\s+|a\s+)?(?:(?P<n>\d+(?:\.\d+)?|{_word_alt})\s+)?"
    r"(?P<unit>weeks?|fortnights?|months?)\b"
)


def _spread(lowered: str, found: list[Amount]) -> list[Amount]:
    """'200 GPU hours over the next two months': hours a week (about 23), not a two-month run."""
    for hours in found:
        said = _OVER.match(lowered[hours.end :]) if hours.kind == "duration" and not hours.aside else None
        if said is None:
            continue
        weeks = (_number(said["n"]) if said["n"] else 1) or 1
        weeks *= DURATION_UNITS[said["unit"]] / 168
        if hours.value >= weeks * 168:
            continue
        hours.kind, hours.value, hours.scale = "weekly", hours.value / weeks, 0.0
        hours.note = f"read {hours.text}{said.group(0).rstrip()} as about {hours.value:.0f} hours a week"
        for span in found:
            if hours.end < span.end <= hours.end + said.end():
                span.aside = "the time those hours are spread over, not one run"
    return found


_DAYS_A_WEEK = re.compile(r"\bdays?\s*(?:/|a|per|each|every)\s*(?:wk|week)\b")


_WEEKDAYS_AFTER = re.compile(
    r"^\s*,?\s*(?:on|during|every|each)?\s*(?:weekdays|week\s*days|work\s*days|workdays|the\s+work\s*week"
    r"|monday\s+to\s+friday|mon\s*-\s*fri)\b"
)


def _weekdays(lowered: str, found: list[Amount]) -> list[Amount]:
    """'5 hours a day on weekdays': five days a week, 25 hours, not 35."""
    for amount in found:
        if amount.kind == "weekly" and re.search(PER_DAY + "$", amount.text.lower()):
            rest = re.split(r"[.;!?\n]", lowered[amount.end :])[0]
            # "5 hours a day on weekdays", "four hours a day on a GPU, weekdays only"
            if _WEEKDAYS_AFTER.match(rest) or re.search(r"\bweekdays\s+only\b|\bonly\s+(?:on\s+)?weekdays\b", rest):
                amount.value = amount.value / 7 * 5
                amount.note = f"read {amount.text} on weekdays as {_fmt(amount.value)} hours a week"
    return found


def _days_a_week(found: list[Amount]) -> list[Amount]:
    """'5 hours a day, five days a week': 25 hours a week, not 35, and not 120 hours of days."""
    daily = [a for a in found if a.kind == "weekly" and re.search(PER_DAY + "$", a.text.lower())]
    days = [a for a in found if a.kind == "weekly" and _DAYS_A_WEEK.search(a.text.lower())]
    if daily and days and 0 < days[0].value / 24 <= 7:
        n = days[0].value / 24
        daily[0].value = daily[0].value / 7 * n
        daily[0].note = f"read {daily[0].text} on {_fmt(n)} days a week as {_fmt(daily[0].value)} hours a week"
        days[0].aside = "how many days a week, counted into the hours a week"
    return found


# parts of one run: a count of them times each one's time is the run's length
_PARTS = r"(epoch|step|iteration|batch|fold|trial|round|sweep|config|configuration)"
# things done again and again: a count of them is how often, never a longer run
_REPEATS = r"(run|session|job|notebook|training run|experiment|pass|time|evening|night|morning|afternoon)"
_ANY_PART = rf"(?:{_PARTS}|{_REPEATS})"
_PART_BEFORE = re.compile(
    rf"\b(?:each|every|per|one|an?|the)\s+(?:[\w-]+\s+)?({_ANY_PART})s?(?:\s+(?:takes?|took|is|lasts?|runs?|needs?))?"
    r"(?:\s+(?:about|around|roughly|approximately|maybe))?\s*~?\s*$"
)
_PART_AFTER = re.compile(
    rf"^\s*(?:max(?:imum)?\s+|at\s+most\s+|tops\s+)?(?:per|each|an?|every|for\s+(?:each|every|one))\s+({_ANY_PART})\b"
)
_EACH_AFTER = re.compile(r"^\s*(?:each|apiece)\b")  # "5 runs a week of 2 hours each"
_EACH_BEFORE = (
    r"\beach\s+(?:(?:run|job|session|experiment)\s+)?(?:(?:takes?|is|lasts?)\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$"
)


def _per_part(lowered: str, found: list[Amount]) -> list[Amount]:
    """'each epoch takes 20 min and I need 30 epochs': a run of 30 parts of 20 minutes, 10 hours.
    Parts counted per week or day ('10 experiments a week', '5 runs a week of 2 hours each') are
    how often a run is made: hours a week, and the time stays one run's. A part's time with no
    count of parts is set aside: it is not the run's length."""
    for amount in found:
        if amount.aside.startswith("when something is due or how often") and re.search(
            _EACH_BEFORE, lowered[: amount.start]
        ):
            amount.aside = ""  # "50 configs, each 20 min": each part's time, counted below
        if amount.kind != "duration" or amount.aside:
            continue
        part = _PART_BEFORE.search(lowered[: amount.start]) or _PART_AFTER.match(lowered[amount.end :])
        noun = part.group(1) if part else ""
        counts = [a for a in found if a.kind in ("count", "plain") and a.value > 1 and _part_noun(a.counted)]
        if part is None:
            # "5 runs a week of 2 hours each", "50 configs, each 20 min": the parts counted before
            each = _EACH_AFTER.match(lowered[amount.end :]) or re.search(_EACH_BEFORE, lowered[: amount.start])
            if not each or not counts:
                continue
            noun = _part_noun(counts[0].counted)
        # "each training run ... 10 of them": the same part, however it is named
        counts = [a for a in counts if _part_noun(a.counted).split()[-1] == _part_noun(noun).split()[-1]]
        rate = _rate_said(lowered, counts[0]) if counts else ""
        if rate:
            _as_weekly(amount, counts[0], rate)
        elif re.fullmatch(_REPEATS, noun) or (noun == "batch" and not counts and amount.value >= 0.5):
            continue  # "each run takes 2 hours", "2h per batch" (a batch job, no training step): the run's own length
        elif not counts:
            amount.aside = f"the time of one {noun}, not of the whole run"
        else:
            n = counts[0]
            amount.value *= n.value
            amount.note = f"read {_fmt(n.value)} {n.counted} of {amount.text} as {_fmt(amount.value)} hours"
            n.aside = f"counted into the run's length ({amount.note})"
    return found


# "twice a week", "a few times a week", "3 times a day": how often a run is made
_OFTEN = re.compile(
    r"\b(?:(?P<word>once|twice|thrice|a\s+couple\s+(?:of\s+)?times|a\s+few\s+times|several\s+times|every|each)"
    r"|(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s*(?:times|x|runs|jobs|sessions|evenings|mornings|nights|afternoons))"
    r"\s+(?:(?:a|an|per|each|every)\s+)?(?P<per>weekend|week|day|night|evening|morning|weekday|workday)\b"
    # "a weekly retraining job", "our nightly run": once a week, once a day
    r"|\b(?P<rate>weekly|daily|nightly)\s+(?:[\w-]+\s+){0,2}?(?:job|run|training|retraining|batch|pipeline)s?\b"
    # "we retrain our forecasting model weekly": the same, said after the work
    r"|\b(?:re)?(?:train|run|score|refresh|update)(?:s|ed|ing)?\s+(?:[\w'-]+\s+){0,4}?(?P<late>weekly|daily|nightly)\b"
)
_TIMES = {
    "once": 1,
    "twice": 2,
    "thrice": 3,
    "couple": 2,
    "few": 3,
    "several": 4,
    "every": 1,
    "each": 1,
}  # 'a few': about three
_PER_WEEK = {"week": 1, "weekend": 1, "weekday": 5, "workday": 5}  # how many of each a week ('day', 'evening': 7)


def _times_a_week(lowered: str, found: list[Amount]) -> list[Amount]:
    """'2 hours, a few times a week', 'I run it 3 times a week for 2 hours': runs of that length,
    that often: hours a week (the time stays one run's). Only where the sentence says one time and
    no hours a week of its own."""
    if any(a.kind == "weekly" and not a.aside for a in found):
        return found
    for often in _OFTEN.finditer(lowered):
        sentence = _sentence_around(lowered, often.start(), often.end())
        runs = [
            a
            for a in found
            if a.kind == "duration"
            and not a.aside
            and sentence[0] <= a.start < sentence[1]
            and a.value <= 24
            and not (often.start() <= a.start < often.end())
        ]
        rate = often["rate"] or often["late"]
        said = often["word"] or ("once" if rate else "")
        per = "week" if rate == "weekly" else "day" if rate else often["per"]
        if said in ("every", "each"):  # "a 14 hour job every week", "every day for 5h": said beside the time
            runs = [a for a in runs if often.start() - 30 <= a.end <= often.start() or 0 <= a.start - often.end() <= 12]
        if len(runs) != 1 or re.search(r"\b(?:few|couple|several)\b", runs[0].text.lower()):
            continue  # "every night for a few hours": too vague to multiply
        if said in ("every", "each") and re.match(
            r"\s+(?:a|an|per|each|every)\s", lowered[often.start() + len(said) :]
        ):
            continue  # "each a week" is no phrase
        n = (
            (_number(often["n"]) or 1.0)
            if often["n"]
            else float(_TIMES[said.split()[-2] if said.endswith("times") else said])
        )
        weekly = runs[0].value * n * _PER_WEEK.get(per, 7)
        # the amount is the words that say how often ('weekly', not 'weekly retraining job')
        start, end = (
            (often.start(), often.end("rate")) if often["rate"] else often.span("late") if rate else often.span()
        )
        text = lowered[start:end]
        guess = f" (about {_fmt(n)} times)" if re.search(r"few|several|couple", said) else ""
        note = f"read {runs[0].text} {text}{guess} as {_fmt(round(weekly, 1))} hours a week"
        found.append(Amount(weekly, "weekly", start, end, text, note))
        if per == "weekend" and said in ("every", "each") and not _RUN_SAID.search(lowered[sentence[0] : sentence[1]]):
            runs[0].aside = "time used each weekend, counted into the hours a week"  # "10 hours each weekend"
        for a in found:  # the 'a week' inside 'twice a week' says how often, as read above
            if a.kind == "duration" and often.start() <= a.start < often.end() and not a.aside:
                a.aside = "how often, counted into the hours a week"
        return found
    return found


def _sentence_around(lowered: str, start: int, end: int) -> tuple[int, int]:
    left = max(lowered.rfind(c, 0, start) for c in ".;!?\n") + 1
    ends = [i for i in (lowered.find(c, end) for c in ".;!?\n") if i >= 0]
    return left, min(ends, default=len(lowered))


_BARE_WEEKLY = re.compile(r"[\d.,]+\s*(?:(?:/\s*|(?:per|a|an|each|every)\s+)(?:wk|week)|weekly)")


def _runs_a_week(lowered: str, found: list[Amount]) -> list[Amount]:
    """'~12h each, about 3 per week': three runs of 12 hours a week (36 hours), not 3 hours a week."""
    for i, rate in enumerate(found):
        if rate.kind != "weekly" or not _BARE_WEEKLY.fullmatch(rate.text.lower()):
            continue
        runs = [
            a
            for a in found[:i]
            if a.kind == "duration"
            and not a.aside
            and (_EACH_AFTER.match(lowered[a.end :]) or re.search(_EACH_BEFORE, lowered[: a.start]))
        ]
        if runs:
            rate.value *= runs[-1].value
            rate.note = f"read {rate.text} of {runs[-1].text} each as {_fmt(rate.value)} hours a week"
    return found


def _part_noun(counted: str) -> str:
    """'epochs' -> 'epoch', 'runs' -> 'run'; '' when the word counts no part of the work."""
    for noun in (counted, counted[:-1], counted[:-2]):
        if noun and re.fullmatch(_ANY_PART, noun):
            return noun
    return ""


_RATE_AFTER = re.compile(rf"^\s*(?:{PER_WEEK}|{PER_DAY}|{PER_MONTH})")
_RATE_LATER = re.compile(rf"^[^,.;]*?\b(?:each|apiece)({PER_WEEK}|{PER_DAY}|{PER_MONTH})")
# "10 experiments a week", "every week I run 4 experiments"
_RATE_BEFORE = re.compile(
    r"\b(?:every|each|per|a)\s+(?:week|day|month)\b(?:\s+(?:i|we|they|run|do|have|make|start)){0,3}\s*$"
)


def _rate_said(lowered: str, count: Amount) -> str:
    """The words that say a count of parts is per week, day or month ('10 experiments a week', 'every
    week I do 5 runs', '4 runs of 3 hours each every week': 'a week', 'every week'), or ''."""
    after = _after_count(lowered, count)
    if rate := _RATE_AFTER.match(after):
        return rate.group(0)
    if later := _RATE_LATER.match(after):
        return later.group(1)  # "... 3 hours each every week": the rate is "every week"
    if before := _RATE_BEFORE.search(lowered[: count.start]):
        return " ".join(before.group(0).split()[:2])  # "every week I run 4 ...": the rate is "every week"
    return ""


def _after_count(lowered: str, count: Amount) -> str:
    """The text after a count and the word for what it counts ('20 runs', '20 of them')."""
    after = lowered[count.end :]
    said = re.match(rf"\s*(?:of\s+them\b|{re.escape(count.counted)}\b)", after) if count.counted else None
    return after[said.end() :] if said else after


def _as_weekly(amount: Amount, count: Amount, said: str) -> None:
    """The count becomes hours a week (runs times each one's hours, by the week, as ``said``); the
    time stays one run's."""
    times = count.value * (7 if re.search(r"day|night", said) else 1 / WEEKS_PER_MONTH if "mo" in said else 1)
    count.kind, count.value = "weekly", amount.value * times
    count.note = (
        f"read {count.text} {count.counted} {said.strip()} of {amount.text} as {_fmt(count.value)} hours a week"
    )
    count.aside = ""


def _value(m: re.Match[str], text: str, a: float) -> tuple[float, str]:
    """The number a match stands for (a range's upper end, 'under 10' just below 10, '2k' 2000),
    with a note when it is not the number as written."""
    b = _number(m["b"]) if m["b"] else None
    value = b if b is not None else a
    note = ""
    if b is not None:
        note = f"read the range {_fmt(a)}-{_fmt(b)} as its upper end, {_fmt(b)}"
    if m["cmp"]:
        below = m["cmp"].split()[0] in {"less", "fewer", "shorter", "under", "below"}
        if not m["cmp"].startswith("at least"):
            value *= 0.99 if below else 1.01
            said = text[m.start() : m.end()].strip()
            note = f"read '{said}' as just {'below' if below else 'above'} that amount"
    if m["plus"] and not m["cmp"]:
        note = note or f"read '{m['a']}+' as just above {m['a']}"
        value *= 1.01
    if m["half"] or m["half1"]:
        value += 0.5
    if m["mins"]:  # "1h30": an hour and thirty minutes
        value += int(m["mins"][:2]) / 60
    if m["k"]:
        value *= 100 if "hundred" in m["k"] else 1000
    return value, note


def _kind(m: re.Match[str], lowered: str, value: float, note: str) -> tuple[Kind, float, str, float]:
    """What the amount measures, by its unit, currency or rate: (kind, value in that kind's unit,
    note, the duration unit's size in hours or 0)."""
    pre, post, unit, rate = m["pre"] or m["pre2"], m["post"], m["unit"], m["rate"]
    if m["size"]:
        return "size", value * SIZE_UNITS[m["size"].lower()], note, 0.0
    if pre or post:
        if rate and re.search(r"w(ee)?k(?!day)", rate):  # "$40 a week" is about $174 a month
            monthly = value * WEEKS_PER_MONTH
            return "money", monthly, note or f"read {_fmt(value)} a week as about {monthly:.0f} a month", 0.0
        if rate and _YEARLY.search(rate):  # "$120 a year" is $10 a month
            monthly = value / 12
            return (
                "money",
                monthly,
                note or f"read {_fmt(value)} a year as about {_fmt(round(monthly, 2))} a month",
                0.0,
            )
        if rate and re.search(r"day|daily", rate):
            monthly = value * 30
            return "money", monthly, note or f"read {_fmt(value)} a day as about {monthly:.0f} a month", 0.0
        return "money", value, note, 0.0
    if unit and unit.lower() == "s" and re.fullmatch(r"\d{4}", m["a"]):
        return "plain", value, note, 0.0  # "two 3090s", "the 1990s": a card or a decade, not seconds
    if unit:
        hours = value * DURATION_UNITS[unit.lower()]
        if rate and re.search(r"w(ee)?k(?!day)", rate):
            return "weekly", hours, note, 0.0
        if rate and _YEARLY.search(rate):
            weekly = hours / 52
            return "weekly", weekly, note or f"read {_fmt(hours)} hours a year as about {weekly:.0f} hours a week", 0.0
        if rate and re.search(r"mo|month", rate):
            weekly = hours / WEEKS_PER_MONTH
            return "weekly", weekly, note or f"read {_fmt(hours)} hours a month as about {weekly:.0f} hours a week", 0.0
        if rate and re.search(r"weekday", rate):  # "5 hours every weekday": five days a week
            return (
                "weekly",
                hours * 5,
                note or f"read {_fmt(hours)} hours every weekday as {_fmt(hours * 5)} hours a week",
                0.0,
            )
        if rate and re.search(r"day|daily|night|\bd\b", rate):
            return "weekly", hours * 7, note or f"read {_fmt(hours)} hours a day as {_fmt(hours * 7)} hours a week", 0.0
        return "duration", hours, note, DURATION_UNITS[unit.lower()]
    if rate and re.search(r"mo|month", rate):
        return "money", value, note, 0.0
    if rate and _YEARLY.search(rate):
        return (
            "money",
            value / 12,
            note or f"read {_fmt(value)} a year as about {_fmt(round(value / 12, 2))} a month",
            0.0,
        )
    if rate and re.search(r"w(ee)?k(?!day)", rate):  # "maybe 40 a week": hours a week, not money
        return "weekly", value, note or f"read {_fmt(value)} a week as hours a week", 0.0
    rest = lowered[m.end() :]
    if re.match(r"\s*(?:[^\W\d_]|\d{4}s\b)", rest) and not _NOT_COUNTED.match(rest):
        return "count", value, note, 0.0  # "2 gpus", "3 models": a number of things, not an amount
    return "plain", value, note, 0.0


# words after a number that make it no count ("2 or 3", "5 to 10"), but "three or more GPUs" is one
# ("40 or more a week" is not)
_NOT_COUNTED = re.compile(r"\s*(?:or(?!\s+more\s+(?!(?:a|an|per|each|every)\b)[^\W\d_])|to|and|at|max|tops)\b")


# words after a number that are no thing counted ("2 of my models", "an hour or two on a GPU", "a day
# or two max")
_NO_THING = {"of", "on", "in", "at", "for", "with", "to", "per", "and", "but", "so", "max", "tops", "maybe", "or"}


def _counted(lowered: str, m: re.Match[str], kind: Kind) -> tuple[Kind, str]:
    """For a count or a bare number: the word for what is counted ('gpus', 'people')."""
    if kind not in ("count", "plain"):
        return kind, ""
    counted = ""
    # ("three or more GPUs": what is counted comes after the bound)
    after = re.match(
        r"\s*(?:x\s*|-(?=person|people|man|member))?(?:or\s+more\s+)?([^\W\d_][\w+-]*|\d{4}s\b|(?<=x)\s*\d{4}\b)"
        r"(?:\s+(of\s+us|of\s+them))?",
        lowered[m.end() :],
    )
    if after:
        counted = after.group(2) or after.group(1)
        if counted.strip().isdigit():  # "4x 4090": four of the card, as "four 4090s"
            counted = counted.strip() + "s"
        if re.match(r"\s*of\s+us\b", lowered[m.end() :]):  # "five of us", not "2 of my model"
            counted = "of us"
        elif re.match(r"\s*of\s+them\b", lowered[m.end() :]):  # "20 of them": the things named before it
            named = [x.group(0) for x in re.finditer(rf"\b{_ANY_PART}(?=s?\b)", lowered[: m.start()])]
            counted = named[-1] + "s" if named else ""
        elif counted in _NO_THING:
            counted = ""
        # "three data scientists", "5 ML engineers": one word of what kind before the people counted
        kind_of = re.match(r"\s*[^\W\d_][\w+-]*\s+([^\W\d_][\w+-]*)", lowered[m.end() :])
        if counted not in PEOPLE and kind_of and kind_of.group(1) in PEOPLE:
            counted = kind_of.group(1)
    if _PEOPLE_BEFORE.search(lowered[: m.start()]) or counted in PEOPLE:
        return "count", counted if counted in PEOPLE else "people"
    return kind, counted


_BORROWS = re.compile(
    r"\b(?:needs?|takes?|lasts?|runs? for|more like|closer to|not|but|maybe|perhaps|possibly|probably|"
    r"(?:could|might|may)\s+(?:even\s+)?be|or\s+even|"
    # a figure corrected at once ("8 hours, no wait, 10", "3 hours, sorry, I meant 5")
    rf"wait|{_CORRECTING}|or\s+rather|"
    r"(?:in\s+)?total)[\s,:]+"
    r"(?:about\s+|around\s+|like\s+|roughly\s+)?$"
)


def _said_unit(amount: Amount) -> float:
    """Hours per unit of the time unit an hours-a-week amount was said in ('4 hours of GPU per day': 1)."""
    if amount.kind != "weekly":
        return 0.0
    return next((DURATION_UNITS[w] for w in re.findall(r"[a-z]+", amount.text.lower()) if w in DURATION_UNITS), 0.0)


def _borrow_units(lowered: str, found: list[Amount]) -> list[Amount]:
    """'kicked out after 12 hours and my run needs 20': a bare number after a duration, said of the
    job, takes that duration's unit."""
    for i, amount in enumerate(found):
        bare = amount.kind == "plain" or (amount.kind == "count" and not amount.counted)  # ("10 on a GPU")
        if not bare or not _BORROWS.search(lowered[max(0, amount.start - 20) : amount.start]):
            continue
        earlier = [a for a in found[:i] if (a.kind == "duration" and a.scale) or a.kind == "size" or _said_unit(a)]
        if earlier and earlier[-1].kind == "size":  # "it dies at 12.7 GB, I need around 25"
            unit = re.search(r"([a-z]+)\s*$", earlier[-1].text.lower())
            amount.kind, amount.value = "size", amount.value * SIZE_UNITS.get(unit[1] if unit else "gb", 1.0)
            amount.note = f"read {amount.text} in the unit said before it"
            amount.aside = aside(lowered, amount)
        elif (
            earlier
            and earlier[-1].kind == "weekly"
            and not _RUN_SAID.search(re.split(r"[,.;:!?]", lowered[: amount.start])[-1])
        ):  # "30 hours a week isn't enough, I need 40" (but "my run needs 6" is a run)
            amount.kind, amount.scale = "weekly", 0.0
            amount.note = f"read {amount.text} as hours a week, like the amount said before it"
        elif earlier:
            amount.kind, amount.scale = "duration", earlier[-1].scale or _said_unit(earlier[-1])
            amount.value *= amount.scale
            amount.note = f"read {amount.text} in the unit said before it"
            said = amount.text.lower()
            if re.search(PER_WEEK + "$", said):  # "about 50 a week": hours a week, not a run
                amount.kind, amount.scale = "weekly", 0.0
            elif re.search(PER_DAY + "$", said):
                amount.kind, amount.scale, amount.value = "weekly", 0.0, amount.value * 7
            elif re.search(PER_MONTH + "$", said):
                amount.kind, amount.scale, amount.value = "weekly", 0.0, amount.value / WEEKS_PER_MONTH
            else:
                _hedged_again(lowered, earlier[-1], amount)
    return found


_HEDGE_BEFORE = re.compile(
    r"(?:\bbut\s+|,\s*)(?:it\s+)?(?:(?:could|might|may)\s+(?:even\s+)?be|maybe|perhaps|possibly|or\s+even)\s+"
    r"(?:about\s+|around\s+|like\s+)?$|\bor\s+even\s+$"
)


def _hedged_again(lowered: str, first: Amount, again: Amount) -> None:
    """'8 hours but could be 10', '3 hours or even 4': one run's length said twice, read as the longer."""
    between = lowered[first.end : again.start]
    if (
        first.kind != "duration"
        or not first.scale
        or re.search(r"[.;!?]", between)
        or not _HEDGE_BEFORE.search(between)
    ):
        return
    low, high = sorted((first.value, again.value))
    first.value, first.low = high, low
    first.note = f"read {_fmt(low)} to {_fmt(high)} hours as the longer, {_fmt(high)}"
    again.aside = "the same run's length said again"


PEOPLE = {
    "people",
    "persons",
    "person",
    "members",
    "member",
    "users",
    "students",
    "colleagues",
    "engineers",
    "researchers",
    "devs",
    "developers",
    "scientists",
    "analysts",
    "of us",
    "folks",
    "teammates",
    "kids",
    "children",
    "pupils",
    "learners",
    "participants",
    "attendees",
}
_PEOPLE_BEFORE = re.compile(
    r"\b(?:team|group|class|lab|club|cohort|course|camp|workshop|bootcamp)\s+of\s*$|\bwe\s+are\s*$|\bthere\s+are\s*$"
)
# what around a time or an amount says it is not the answer to a question
_FAILURE = re.compile(
    r"\b(?:disconnect\w*|die[sd]?|dying|crash\w*|kick\w*|kill\w*|cut\w* (?:me )?off|times? out|timed out|"
    r"timing out|stop\w*|shuts? (?:me )?down|lose|lost|drop\w*|end(?:s|ed)?|boot\w*|disconnection|reset\w*|gone|"
    r"ran out|run out|runs out|out of|exhausted|used up|burned through|capped|cap|exceeded|hit|reached)\b"
)
_AGO = re.compile(r"^\s*(?:ago|back|earlier|before|later|from now)\b")
_LIMIT_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:[a-z0-9]+\s+)?(?:mark|limit|cap|ceiling|timeout|time limit|max\b|maximum|session limit)"
)
# what has a time limit of its own: a service, its session or plan
_HOLDS_LIMIT = re.compile(
    r"\b(?:colab|kaggle|sagemaker|studio\s+lab|sessions?|runtimes?|tier|plan|quota|kernel|notebooks?\s+(?:can|are|is))\b"
)
# "30 hours a week isn't enough": less than the need
_NOT_ENOUGH_AFTER = re.compile(
    r"^\s*(?:is|are|was|were)?\s*(?:n't|not|isn'?t|wasn'?t|aren'?t|is\s+not)\s+(?:nearly\s+)?enough\b"
)
# "used 28 of my 30 hours": what is used of a quota, and the quota
# "12 of 30 hours used" (but "4 experiments of 3 hours each" counts parts of the work)
_QUOTA_OF_AFTER = re.compile(
    rf"^\s*(?!{_ANY_PART}s?\b)(?:[\w-]+\s+)?(?:hours?\s+)?of\s+(?:(?:my|our|the|your|their)\s+(?:\w+\s+)?)?\d"
)
_QUOTA_OF_BEFORE = re.compile(
    rf"\b\d[\d.]*\s+(?!{_ANY_PART}s?\b)(?:[\w-]+\s+)?(?:hours?\s+)?of\s+(?:(?:my|our|the|your|their)\s+(?:\w+\s+)?)?$"
)
_LEFT_AFTER = re.compile(r"^(?:\s+[\w-]+){0,3}\s+(?:left|remaining)\b")
# a clause about the past: its times are history, not the job ("last year I used it for a week")
_PAST = re.compile(r"\b(?:yesterday|last\s+(?:year|month|week|night|time|semester|term|quarter)|ago)\b")
# "100 units in 2 days": how fast something was used, not a run
_USED_IN_BEFORE = re.compile(
    r"\b\d[\d.,]*\s+(?:compute\s+)?(?:units?|credits?|hours?|dollars?)\s+in\s+(?:just\s+|only\s+|about\s+)?$"
)
# "the bill was $400", "charged me $80": what was paid, not the budget
_BILLED_BEFORE = re.compile(
    r"\b(?:bill\s+(?:was|came\s+to|of)|billed\s+(?:me|us)?|charged\s+(?:me|us)?|surprised\s+(?:me|us)\s+(?:with|at)(?:\s+an?)?|paid|spent|"
    r"cost\s+(?:me|us)|got\s+an?|had\s+an?|received\s+an?)\s*(?:about\s+|around\s+|over\s+|almost\s+|like\s+)?$"
)
_BILL_AFTER = re.compile(r"^\s*(?:aws\s+|cloud\s+|sagemaker\s+|surprise\s+)?(?:bill|invoice|charge)\b")  # "a $300 bill"
_USED_BEFORE = re.compile(r"\b(?:used|burned|burnt|spent|wasted|ran\s+through)(?:\s+(?:up|all|my|our|the|of))*\s*$")
_IDLE_AFTER = re.compile(r"^\s*(?:of\s+)?(?:idle|idling|inactivity|inactive|no activity)")
_WHEN_BEFORE = re.compile(
    r"(?:^|[,.;:!?]\s*)(?:in|within)\s+(?:the\s+next\s+)?$"
    # a deadline: "I need it in 2 weeks", "due in 3 days", "my demo is in 5 days"
    r"|\b(?:need\s+(?:it|this|them|the\s+results?|results?)|results?|(?:it|this|them)\s+(?:done|ready|finished)|due|"
    r"deadline\s+is|deadline|present(?:ing)?|submit"
    r"|submitting|defen[cs]e\s+is|demo\s+is|launch(?:ing)?|ship(?:ping)?)\s+(?:is\s+)?in\s+(?:about\s+)?$|\b(?:every|each|per|once|twice|thrice|times)\s+$"
    r"|(?<!runs )(?<!run )(?<!jobs )(?<!job )(?<!it )(?<!they )(?<!usually )(?<!training )"
    # "a run can last 15 hours", "it has to last 2 days": how long, not "the last 15 hours"
    r"(?<!can )(?<!could )(?<!will )(?<!would )(?<!should )(?<!must )(?<!may )(?<!might )(?<!to )\b(?:last|past)\s+$"
)
# "a demo for investors in 2 weeks": days, weeks or months after 'in' say when, unless said of
# the run ("it finishes in 3 days")
_IN_DAYS = re.compile(r"\bin\s+(?:about\s+|around\s+|roughly\s+|just\s+|only\s+)?$")
_RUN_IN = re.compile(
    r"\b(?:finish\w*|complete\w*|done|runs?|takes?|converge\w*|ends?|trains?|training|train\s+it|run\s+it)"
    r"\s+(?:\w+\s+)?in\s+(?:about\s+|around\s+|roughly\s+|just\s+|only\s+)?$"
)
# "the course ends in 6 weeks", "the competition closes in 10 days": when something else ends
_ENDS_IN = re.compile(
    r"\b(?:course|semester|term|competition|contest|hackathon|class|program|programme|trial|subscription|offer|"
    r"challenge|internship|contract|grant|project|quarter)\s+(?:ends?|finish\w*|closes?|is\s+over)\s+in\s+"
    r"(?:about\s+|around\s+|roughly\s+|just\s+|only\s+)?$"
)
_AFTER_BEFORE = re.compile(
    r"\b(?:after|at)\s+(?:about\s+|around\s+|roughly\s+|only\s+|just\s+|like\s+|exactly\s+|approx\.?\s+|"
    r"approximately\s+|maybe\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|less\s+than\s+|under\s+|"
    r"barely\s+|a\s+(?:little|bit)\s+(?:over|more\s+than)\s+)?(?:the\s+)?$"
)
_CREDITS_AFTER = re.compile(r"^[^,.;:!?]{0,24}?\b(?:credits?|vouchers?|coupons?|grants?|gift cards?)\b")
_DATA_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:[\w.-]+\s+)?(?:csv|files?|datasets?|data\b|parquet|zip|downloads?|uploads?|disk|storage|images?|"
    r"videos?|checkpoints?|weights|pickle|pkl|models?\b|to\s+download|download|archive|tarball|of\s+csvs?|dataframes?|df\b|"
    r"to\s+(?:google\s+)?drive|to\s+s3|to\s+the\s+cloud|to\s+a\s+bucket"
    # "200 GB of it in S3": what is stored where
    r"|(?:in|on)\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?:s3|google\s+drive|gdrive|buckets?|dropbox|onedrive|hdd|ssd)\b)"
)
# "12M rows", "2 million documents", "500k images": things counted, not time or money
_THINGS_AFTER = re.compile(
    r"^\s*(?:rows|records|samples|images|pictures|photos|docs|documents|params|parameters|tokens|users|examples|"
    r"lines|points|pages|words|sentences|entries|items|molecules|compounds|reviews|tweets|comments|requests|"
    r"queries|vectors|embeddings|files|observations|customers|transactions|events|frames|clips|songs|texts)\b"
)
# "a month of light use", "a 2-week course": a period of use or of study, not one run
_PERIOD_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:long\s+)?(?:course|class|program|programme|bootcamp|workshop|project|internship|hackathon|"
    r"sprint|semester|term|trip|vacation|holiday|contract|trial|challenge|flight|commute|shift|journey|meeting)s?\b"
    r"|of\s+(?:\w+\s+)?(?:use|usage|access|subscription|colab|pro|audio|video|footage|recordings?|speech)\b)"
)
# "a hackathon (48h)", "the course: 3 days": the period said after its name
_PERIOD_BEFORE = re.compile(
    r"\b(?:course|class|bootcamp|workshop|hackathon|sprint|semester|term|trip|vacation|holiday|internship|"
    r"conference|event|challenge)s?\s*(?:\(|:|-|–|of|lasting|lasts|that\s+lasts|is)\s*(?:about\s+|around\s+|~\s*)?$"
)
# "I need a GPU for 3 months", "I'll be using it for the next 2 months": how long someone needs the
# service (many runs), unless the clause says it of one run ("training takes 2 months")
_ACCESS_FOR_BEFORE = re.compile(
    r"\b(?:need|needs|needed|use|using|access|have|rent|renting|want|wants|keep|subscribe|subscribed)\b"
    r"(?:\s+[\w'+-]+){0,4}?\s+for\s+(?:the\s+)?(?:next\s+|coming\s+|following\s+)?(?:about\s+|around\s+|roughly\s+)?$"
)
# "it has to stay online for a week", "the endpoint must be up for 3 days": a service's uptime
_UP_FOR_BEFORE = re.compile(
    r"\b(?:stay|stays|be|remain|remains|kept|keep\s+it|is)\s+(?:online|up|live|available|reachable|deployed)\s+"
    r"(?:for\s+)?(?:about\s+|around\s+|at\s+least\s+)?$"
)
_ONE_RUN_SAID = re.compile(r"\b(?:runs?|jobs?|train\w*|fine-?tun\w*|experiments?|takes?|lasts?|pipeline)\b")
_CREDITS_BEFORE = re.compile(r"\b(?:credits?|vouchers?|coupons?)\s+(?:of|worth)\s+$")
# "$7 an hour", "$1.20/hr": a price per hour
_PER_HOUR = r"(?:an|a|per|each|/)\s*(?:hour|hr|h)\b"
_HOURLY_AFTER = re.compile(rf"^\s*{_PER_HOUR}")
_HOURLY_SAID = re.compile(rf"{_PER_HOUR}$")
# "I can't justify $50" (but "can't spend more than $50" is the budget); "bought 100 units for $9.99"
_REFUSED_BEFORE = re.compile(
    r"\b(?:can'?t|cannot|won'?t|couldn'?t)\s+(?:justify|afford|pay|spend|do)\s+(?:about\s+|like\s+)?$"
)
_BOUGHT_BEFORE = re.compile(r"\b(?:bought|purchased|paid)\b[^,.;!?]*\bfor\s+(?:about\s+|around\s+)?$")
# "Pro+ costs $50", "priced at $9.99": what something costs, not what the person can spend
_PRICE_BEFORE = re.compile(
    r"\b(?:costs|priced\s+at|price\s+is|price\s+of|sells\s+for|retails\s+for)\s+(?:about\s+|around\s+|like\s+)?$"
    r"|\b(?:pro\+?|plus|subscription|plan|tier|membership)\s+at\s+(?:about\s+|around\s+)?$"  # "Pro+ at $50"
    # "Colab Pro+ is $50": what a plan is said to cost
    r"|\b(?:pro\+?|plus|subscription|membership)(?:'s)?\s+(?:is|are|was|costs?)\s+(?:about\s+|around\s+|like\s+)?$"
)


_ACCEPTED_AFTER = re.compile(
    r"^\s*(?:a\s+month|/\s*mo\w*|per\s+month|monthly)?\s*[,;.]?\s*(?:and\s+|which\s+)?"
    r"(?:i\s+can\s+(?:afford|do|pay|manage)|that'?s\s+(?:fine|ok|okay|affordable)|is\s+fine|i'?m\s+(?:fine|ok|okay)\s+with)"
)


# a number right after one of these names is a model, a version or a product, not an amount
_NAME_BEFORE = re.compile(
    r"\b(?:llama|gpt|python|resnet|yolo|yolov|bert|version|ver|v|mistral|qwen|phi|gemma|claude|gemini|sd|"
    r"stable\s+diffusion|cuda|pytorch|tensorflow|keras|ubuntu|windows|macos|ios|android|iphone|gen|generation|"
    r"vgg|efficientnet|t5|whisper|falcon|vit|clip|opus|sonnet|haiku|deepseek|mixtral|sdxl|flux|o|tpu\s+v|gtx|rtx|"
    r"quadro|radeon|rx|titan|tesla|geforce|m|apple\s+m)"
    r"\s*-?\s*$"
)


# a consumer graphics card's model number said alone ("a 4090", "my 3060")
_GPU_MODEL = re.compile(r"[1-5][0-6][5-9]0(?:\s*ti)?")
# "batch size 32", "lr 3e-4", "top 5", "4-bit", "7B params": settings and sizes of a model
_SETTING_BEFORE = re.compile(
    r"\b(?:batch(?:\s+size)?|bs|lr|learning\s+rate|seed|rank|dims?|dimensions?|layers?|heads?|top|topk|top-k|epochs?|"
    r"steps?|warmup|resolution|res|context|ctx|max_len|seq_len|sequence\s+length|folds?|n_estimators|estimators|"
    r"depth|max_depth|workers|num_workers|threads|version|accuracy|score|f1|auc|loss)\s*[=:]?\s*$"
)
_SETTING_AFTER = re.compile(
    r"^\s*-?\s*(?:bits?|bit\b|x\d|b\s+(?:params?|parameters?|models?)|tokens?|px|pixels?|dims?|layers?|%)"
)
# "in 2024", "since 2019": a year
_YEAR = re.compile(r"(?:19[89]\d|20[0-3]\d)")
_MONTH_NAMES = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)"
)
_LABEL_BEFORE = re.compile(r"\b(?:priority|step|option|point|part|phase|stage|round|question|item|chapter|lesson)\s+$")
_MONTH_NAME_BEFORE = re.compile(rf"\b{_MONTH_NAMES}\.?\s+(?:the\s+)?$")
_MONTH_NAME_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES}\b")
# "I'm 16", "aged 15", "17 years old"
_AGE_BEFORE = re.compile(r"(?:^|[,.;:!?]\s*|\band\s+)(?:i'?m|i\s+am|im|aged?)\s+(?:only\s+|just\s+)?$")
_AGE_AFTER = re.compile(r"^\s*-?\s*(?:years?[\s-]+old|yrs?[\s-]+old|y/?o)\b")  # "my 13-year-old"


# "my laptop has 8GB of RAM", "on a 16 GB MacBook": the machine the person has, not the job's need
_OWN_MACHINE_BEFORE = re.compile(
    r"\b(?:laptop|machine|computer|pc|mac|macbook|desktop|workstation|chromebook|card|gpu|[1-5][0-6][5-9]0(?:\s*ti)?)"
    r"(?:\s+(?:air|pro|mini|max|m[1-4]))?\s*(?:only\s+)?"
    r"(?:has|have|had|with|'s\s+got|s\s+got|comes\s+with)\s+(?:only\s+|just\s+|about\s+|like\s+)?$"
)
_SHOWN_BEFORE = re.compile(r"\b(?:shows?|showing|says|reports?|displays?)\s+(?:only\s+|just\s+|about\s+|like\s+)?$")
# "the free tier has 12GB of RAM", "Kaggle's machines have 30GB": what a service's machine has
_HAS_BEFORE = re.compile(
    r"\b(?:tier|plan|version|runtime|instance|colab|kaggle|sagemaker|it|they|machines?|vms?|sessions?)\s+"
    r"(?:only\s+)?(?:has|have|had|gives?|offers?|comes\s+with|come\s+with)\s+(?:only\s+|just\s+|about\s+|like\s+)?$"
)
_MY_BEFORE = re.compile(r"\b(?:my|our|i\s+have\s+an?|i've\s+got\s+an?|i\s+own\s+an?|on\s+an?)\s+(?:old\s+)?$")
_LOCALLY_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:ram|memory)?\s*(?:locally|at\s+home|on\s+(?:my|our)\s+(?:own\s+)?"
    r"(?:laptop|machine|computer|pc|mac|macbook|desktop|workstation|chromebook))\b"
)
_MACHINE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:ram\s+|memory\s+)?(?:laptop|machine|computer|pc|mac|macbook|desktop|workstation|chromebook)\b"
)
# "my 12GB GPU": the person's own card (but "on a 24GB GPU" is the one the job runs on)
_MY_CARD = re.compile(r"\b(?:my|our)\s+(?:old\s+)?$")
_CARD_AFTER = re.compile(r"^\s*(?:of\s+)?(?:vram\s+)?(?:gpu|card|graphics\s+card)\b")


# "Kaggle gives me 30 hours": what a service hands out (a quota), not the job's own length
_GIVEN_BEFORE = re.compile(
    r"\b(?:gives?|giving|gave|offers?|offering|allows?|provides?|hands?\s+out|includes?|comes\s+with)"
    r"(?:\s+(?:me|us|you|everyone|users))?(?:\s+(?:about|around|only|just|up\s+to|roughly))?\s*$"
)


_QUOTA_AFTER = re.compile(r"^\s*(?:gpu\s+|tpu\s+|free\s+)?(?:quota|allowance|allotment)\b")


_WAITED_BEFORE = re.compile(
    r"\b(?:wait\w*|queued|queuing|queueing|stuck(?:\s+\w+ing)?|in\s+(?:the\s+)?queue)"
    r"(?:\s+(?:for|about|around|over|almost|nearly|more\s+than))*"
    r"(?:\s+(?:a|an|the|my|our)\s+[\w-]+\s+for(?:\s+(?:about|around|over|almost|nearly))?)?\s*$"
)


# "1 hour of A100 costs 13 units", "an hour is $1.20": the time a price is quoted for
_PRICED_AFTER = re.compile(r"^\s*(?:of\s+[\w+-]+(?:\s+[\w+-]+)?\s+)?(?:costs?|is\s+\$|=|burns|uses\s+\d|eats)")
# "for 2 days now", "for a week so far": how long something has been going on
_SO_FAR_AFTER = re.compile(r"^\s*(?:now|so\s+far|already|straight\s+now|and\s+counting)\b")
# "haven't logged in for 2 days", "it's been down for an hour", "I used it for 7 hours", "we ran it for
# a day": something that has happened, not what the job needs
_HAPPENED_BEFORE = re.compile(
    r"\b(?:haven'?t|hasn'?t|have\s+not|has\s+not|hadn'?t|been|used|had|kept|was|were|tried|played|sat|"
    r"(?:i\s+|we\s+|^)ran)\b(?:\s+[\w'-]+){0,4}?\s+for\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|"
    r"more\s+than\s+|like\s+|roughly\s+)?$"
)
# "10 minutes to get a GPU": how long getting started takes, a wait
_TO_START_AFTER = re.compile(
    r"^\s*(?:just\s+)?to\s+(?:get|connect|start|load|spin|boot|allocate|find|obtain|launch|be\s+assigned|reconnect|"
    r"install|set\s+up|setup|download|upload|build|compile|mount|copy|unzip)\b"
)
# "6 hours of connectivity", "12 hours of session time": what a service allows
_ALLOWED_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:connectivity|connection|uptime|session\s+time|runtime\s+(?:per|a|each)|free\s+(?:gpu|tpu))"
    r"|^\s*of\s+(?:a\s+)?session\b"
)
_CAPPED_BEFORE = re.compile(
    r"\b(?:capped|limited|restricted|cut\s+off|quota\s+(?:resets?|is|of)|resets?\s+to|allowance\s+(?:is|of))"
    r"\s+(?:at\s+|to\s+)?(?:about\s+|around\s+|only\s+|just\s+)?$"
)
# "colab only lasts 3 hours", "the session lasted 5 hours": how long a service keeps one
_LASTS_BEFORE = re.compile(
    r"\b(?:colab|kaggle|sessions?|runtimes?|notebooks?|gpu|tier|it)\s+(?:only\s+|just\s+)?(?:lasts?|lasted)\s+"
    r"(?:for\s+)?(?:about\s+|around\s+|only\s+)?$"
)
_RESET_IN_BEFORE = re.compile(
    r"(?:\b(?:resets?|renews?|refresh\w*|refills?|expires?|comes?\s+back)"
    r"|\b(?:grant|credits?|trial|semester|term|contract|subscription|funding)\s+(?:ends?|runs\s+out)"
    # "my units run out in a week", "the hours ran out within 3 days": a quota used up
    r"|\b(?:run|runs|ran|running)\s+out)\b[^,.;:!?]*\b(?:in|within)\s+(?:about\s+|around\s+|just\s+|only\s+)?$"
    r"|\btook\s+(?:me|us)\s+(?:about\s+|around\s+|almost\s+|over\s+)?$"
)


GPU_MEMORY = "the GPU's own memory, not the machine's RAM"
_NEAR = 240  # characters either side of an amount that decide what it is
_NEED_BEFORE = re.compile(r"\b(?:need|needs|want|wants|require|requires|looking\s+for|rent|renting)\b")
_NEEDS_BEFORE = re.compile(
    r"\b(?:needs?|requires?|would\s+need|will\s+need|takes?\s+up)\s+(?:about\s+|around\s+|roughly\s+|at\s+least\s+)?$"
)
_RAM_AFTER = re.compile(r"^\s*(?:of\s+)?(?:system\s+|cpu\s+)?ram\b")
_RAM_BEFORE = re.compile(r"\b(?<!v)(?<!gpu\s)ram\s*[:=]?\s*(?:of\s+|is\s+)?(?:about\s+|around\s+|~\s*)?$")
# "a GPU with ...", "a graphics card with ...": what is said next describes the card
CARD_WITH = r"\b(?:gpu|card)\s+with\s+(?:about\s+|around\s+|at\s+least\s+)?$"
_GPU_MEMORY_SAID = re.compile(
    r"\b(?:gpu\s+memory|vram|video\s+memory|gpu\s+ram|cuda\s+out\s+of\s+memory|(?:on|of|in)\s+(?:my|the|a|our)\s+(?:gpu|card))\b"
    # "my 12GB GPU isn't enough; looking for 40GB+": a card's size said before
    r"|\b\d+\s*gb\s+(?:gpu|card|graphics\s+card)\b"
    # "a GPU with 48GB of memory": the memory is the GPU's
    rf"|{CARD_WITH}"
)
_GPU_MEMORY_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:gpu\s+(?:memory|ram)|vram|video\s+memory|(?:gpus?|graphics\s+cards?|cards?)\b)"
    r"|^\s*(?:(?:of\s+)?(?:memory|ram)\s+)?(?:on|in)\s+(?:my|the|our|a|its)\s+(?:gpu|card|graphics\s+card)\b"
)
# "an A100 80GB", "RTX 3090 24 GB": the size of a named GPU's memory
_GPU_NAME_BEFORE = re.compile(
    r"\b(?:a100|h100|h200|l4|l40s?|t4|v100|a10g?|p100|k80|rtx\s*\d{4}|[1-5][0-6][5-9]0)s?\s*\(?\s*$"
)


def aside(lowered: str, amount: Amount) -> str:
    """Why, in its sentence, this amount is not the answer to any question, or ''."""
    # what decides lies within a sentence or two of the amount: looking no further keeps a long
    # message (a paste of 2,000 characters) from costing the square of its length
    start = amount.start - _NEAR
    before = lowered[: amount.start] if start <= 0 else " " + lowered[start : amount.start]
    after = lowered[amount.end : amount.end + _NEAR]
    if re.fullmatch(r"\d{4}s", amount.text):
        return "a card's model or a decade ('two 3090s', 'the 1990s'), not an amount"
    if not amount.currency and amount.kind in ("duration", "plain", "money") and _THINGS_AFTER.match(after):
        return "a count of things ('12M rows', '500k images'), not an amount"
    clause = re.split(r"[,.;:!?]|\b(?:but|and)\b", before)[-1] + " " + re.split(r"[,.;:!?]|\bbut\b", after)[0]
    if amount.kind == "money":
        return _money_aside(before, after, clause, amount.text)
    if amount.kind == "size":
        return _size_aside(before, after, clause, amount.text.lower())
    said = _number_aside(before, after, clause, amount)
    if said or amount.kind not in ("duration", "plain"):
        return said
    return _time_aside(before, after, clause, amount)


def _money_aside(before: str, after: str, clause: str, said: str) -> str:
    # "$200 in AWS credits" (but "$10 a month in gift cards" is money to spend each month)
    monthly = re.search(r"month|/\s*mo\b", said.lower())
    if (_CREDITS_AFTER.match(after) and not monthly) or _CREDITS_BEFORE.search(before):
        return "credits that run out are not a monthly budget"
    if _HOURLY_AFTER.match(after) or _HOURLY_SAID.search(said.lower()):
        return "a price per hour, not what there is to spend in a month"
    refused = _REFUSED_BEFORE.search(before) and not re.match(r"(?:more|over|above|up)\b", said.lower())
    if refused or _BOUGHT_BEFORE.search(before):
        return "what the person paid or will not pay, not what there is to spend"
    if _PAST.search(clause) or _BILLED_BEFORE.search(before) or _BILL_AFTER.match(after):
        return "what was spent before, not what there is to spend"
    if _PRICE_BEFORE.search(before) and not _ACCEPTED_AFTER.match(after):
        return "what something costs, not what there is to spend"  # (but "..., I can afford that" is)
    return ""


_NOT_FIT_BEFORE = re.compile(
    r"\b(?:won'?t|will\s+not|doesn'?t|does\s+not|don'?t|do\s+not|can'?t|cannot|never)\s+fits?\s+"
    r"(?:in|into|on)\s+(?:the\s+|my\s+|a\s+|an\s+|their\s+|its\s+)?(?:only\s+|just\s+)?$"
)


_CARD_WITH = re.compile(CARD_WITH)
_MY_CARD_WITH = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}(?:gpu|card)\s+with\s+(?:about\s+|around\s+)?$")
_THAN_BEFORE = re.compile(r"\bthan\s+(?:the\s+|my\s+|our\s+)?(?:[\w-]+'?s\s+)?(?:only\s+|just\s+)?$")


_RAN_OUT_BEFORE = re.compile(r"\bout[\s-]+of[\s-]+memory\s+(?:on|at|with|in|after)\s+(?:the\s+|my\s+|a\s+|an?\s+)?$")


_CARD_HAS_AFTER = re.compile(
    r"^\s*(?:that\s+|which\s+)?(?:a|an|the|my|one|each)?\s*(?:t4|l4|p100|v100|a100|h100|a10g?|gpu|card|tpu)s?\s+"
    r"(?:has|have|had|gives?|offers?|comes\s+with)\b"
)
_FITS_BEFORE = re.compile(r"\b(?:fits?|fitting)\s+(?:in|into|within)\s+(?:about\s+|around\s+|under\s+|~\s*)?$")


def _size_aside(before: str, after: str, clause: str, said: str) -> str:
    if _RAN_OUT_BEFORE.search(before):
        return "where it ran out, not what the job needs"  # "it crashes with out-of-memory on 12GB"
    if _THAN_BEFORE.search(before):
        return "what the need is compared with, not the need itself"  # "more memory than Colab's 12GB"
    if _AFTER_BEFORE.search(before) and _FAILURE.search(clause):
        return "where it ran out, not what the job needs"
    if _NOT_FIT_BEFORE.search(before):
        return "what is too small, so not what the job needs"  # "it won't fit in 12GB of RAM"
    if _SHOWN_BEFORE.search(before):
        return "what is in use now, not what the job needs"
    if _GIVEN_BEFORE.search(before) or _HAS_BEFORE.search(before):
        return "what a service gives (a quota), not what the job needs"
    if _CARD_HAS_AFTER.match(after):
        return "what a card has, not what the job needs"  # "more than the 16GB a T4 has"
    sentence = re.split(r"[.!?]", before)[-1]  # "my GPU isn't enough; looking for 40GB+": one sentence
    # "I need a machine with 64GB", "a GPU with at least 24GB": what is wanted
    wanted = _NEED_BEFORE.search(re.split(r"[,:]", sentence)[-1]) or re.match(r"(?:at\s+least|more\s+than)\b", said)
    # "a GPU with 24GB" describes the card wanted; "my GPU with 8GB", "my laptop with 16GB" one's own
    described = _CARD_WITH.search(before) and not _MY_CARD_WITH.search(before)
    if not wanted and (
        (_OWN_MACHINE_BEFORE.search(before) and not described)
        or (_MY_BEFORE.search(before) and _MACHINE_AFTER.match(after))
        or (_MY_CARD.search(before) and _CARD_AFTER.match(after))
        or _LOCALLY_AFTER.match(after)  # "I have 12 GB of RAM locally"
    ):
        return "what the person's own machine has, not what the job needs"
    if _RAM_AFTER.match(after) or _RAM_BEFORE.search(before):
        return ""  # "24GB of GPU memory and 50GB of RAM", "VRAM 16GB, RAM 12GB": the RAM is said
    if _GPU_MEMORY_AFTER.match(after) or _GPU_NAME_BEFORE.search(before) or _GPU_MEMORY_SAID.search(sentence):
        return GPU_MEMORY
    if _DATA_AFTER.match(after) or (
        re.search(r"\b(?:data|dataset|file|files|csv|parquet|images|model|weights)\b", before[-60:])
        and not re.match(r"^\s*(?:of\s+)?(?:ram|memory)", after)
        and not _NEEDS_BEFORE.search(before)  # "my data needs about 20GB": what the job needs
        and not _FITS_BEFORE.search(before)  # "my data fits in 8GB": the memory it takes
    ):
        return "the size of a file or dataset, not the memory the job needs"
    return ""


_OWNED_BEFORE = re.compile(
    r"\b(?:i|we)\s+(?:already\s+)?(?:have|own|'?ve\s+got|got)\s+$"
    r"|\b(?:pc|laptop|machine|rig|desktop|workstation|computer|server)\s+(?:has|have)\s+$"
)


def _number_aside(before: str, after: str, clause: str, amount: Amount) -> str:
    """Names, ages, years, waits and quotas: what a bare number or a time may be instead."""
    kind = amount.kind
    if kind in ("duration", "weekly", "size") and _NOT_ENOUGH_AFTER.match(after):
        return "what is not enough, so not what the job needs"
    if kind in ("plain", "count") and (_NAME_BEFORE.search(before) or _GPU_MODEL.fullmatch(amount.text)):
        return "part of a name or version ('Llama 3', 'GPT-4', 'a 4090'), not an amount"
    if kind == "plain" and re.search(r"\(\s*(?:around|about|roughly|approx\.?|~)?\s*$", before) and after[:1] == ")":
        return "a figure said in passing, in brackets ('my photos (around 50k)'), not an answer"
    if kind == "count" and amount.counted not in PEOPLE and _OWNED_BEFORE.search(before):
        return "what the person already has ('I have two 3090s'), not what the job needs"
    if kind == "plain" and (_AGE_BEFORE.search(before) or _AGE_AFTER.match(after)):
        return "the person's age, not an amount"
    if kind == "plain" and _YEAR.fullmatch(amount.text):
        return "a year, not an amount"
    if kind == "plain" and re.fullmatch(r"(?:.*\n)?[ \t]*", before, re.S) and re.match(r"[.)]\s", after):
        return "the number of a list's line ('1. free'), not an amount"
    if kind == "plain" and (_MONTH_NAME_BEFORE.search(before) or _MONTH_NAME_AFTER.match(after)):
        return "a date ('December 15'), not an amount"
    if kind in ("plain", "count") and _LABEL_BEFORE.search(before):
        return "a label ('priority two', 'step 3'), not an amount"
    if kind in ("plain", "count") and (_SETTING_BEFORE.search(before) or _SETTING_AFTER.match(after)):
        return "a setting of the model or its training ('batch size 32', '4-bit'), not an amount"
    if kind in ("duration", "plain") and _WAITED_BEFORE.search(before):
        return "how long the person waited, not how long the job runs"
    if kind in ("duration", "plain", "weekly") and (_GIVEN_BEFORE.search(before) or _QUOTA_AFTER.match(after)):
        return "what a service gives (a quota), not what the job needs"  # ("the 30-hour weekly quota")
    if kind == "weekly" and _AFTER_BEFORE.search(before) and _FAILURE.search(clause):
        return "when a service stopped: a limit hit, not how long the job runs"
    if kind in ("duration", "plain", "weekly", "count") and (
        _QUOTA_OF_AFTER.match(after) or _QUOTA_OF_BEFORE.search(before)
    ):
        return "how much of a quota is used, not how long the job runs"
    return ""


# "Kaggle's 30 hours run out by Wednesday": what a service gives, not the job
_SERVICE_OWN = re.compile(r"\b(?:colab|kaggle|sagemaker|studio\s+lab)(?:'s|’s)\s+(?:free\s+|weekly\s+|gpu\s+|tpu\s+)*$")


def _time_aside(before: str, after: str, clause: str, amount: Amount) -> str:
    """What a time said in its sentence is, when it is not how long the job runs."""
    if _SERVICE_OWN.search(before):
        return "what a service gives, not how long the job runs"
    if _rate_not_length(before, after, amount):
        return "how often ('5 runs a week'), not how long the job runs"
    if re.match(r"\s*in\s+a\s+row\b", after):
        return "how often it happened ('three days in a row'), not how long the job runs"
    if _USED_IN_BEFORE.search(before):
        return "the time something was used up in, not how long the job runs"
    if _AGO.match(after) or _PAST.search(clause):
        return "when something happened, not how long the job runs"
    if _LEFT_AFTER.match(after):
        return "what is left of a quota, not how long the job runs"
    if _USED_BEFORE.search(before):
        return "what was used up already, not how long the job runs"
    limit = _LIMIT_AFTER.match(after)
    # "10 minutes max" of one's own job is its longest run; "the 12 hour max on colab" is a service's
    own_max = limit is not None and limit[0].rstrip().endswith(("max", "maximum")) and not _HOLDS_LIMIT.search(clause)
    if (limit and not own_max) or _CAPPED_BEFORE.search(before) or _ALLOWED_AFTER.match(after):
        return "a limit the person hit, not how long the job runs"
    if _LASTS_BEFORE.search(before):
        return "a limit the person hit, not how long the job runs"
    if _PRICED_AFTER.match(after):
        return "the unit a price is quoted in, not how long the job runs"
    if _PERIOD_AFTER.match(after) or _PERIOD_BEFORE.search(before):
        return "a period of use or study, not how long the job runs"
    if _UP_FOR_BEFORE.search(before):
        return "how long a service stays up, not how long a job runs"
    if (
        amount.scale >= DURATION_UNITS["month"]
        and _ACCESS_FOR_BEFORE.search(before)
        and not _ONE_RUN_SAID.search(clause)
    ):
        return "how long the service is needed for, not one run"
    if (amount.kind == "duration" or re.search(r"\bfor\s+$", before)) and (
        _SO_FAR_AFTER.match(after) or _HAPPENED_BEFORE.search(before)
    ):
        return "how long something has gone on, not how long the job runs"
    if _TO_START_AFTER.match(after):
        return "how long getting started takes, not how long the job runs"
    if _RESET_IN_BEFORE.search(before):
        return "when a quota comes back, not how long the job runs"
    if _IDLE_AFTER.match(after):
        return "an idle time-out, not how long the job runs"
    if _WHEN_BEFORE.search(before) or (
        _IN_DAYS.search(before) and amount.scale >= 24 and (not _RUN_IN.search(before) or _ENDS_IN.search(before))
    ):
        return "when something is due or how often, not how long the job runs"
    if _AFTER_BEFORE.search(before) and _FAILURE.search(clause):
        return "when a service stopped: a limit hit, not how long the job runs"
    return ""


def _rate_not_length(before: str, after: str, amount: Amount) -> bool:
    """'a week' after a word that does not lead to a length: '5 runs a week', 'a coffee a month'."""
    if amount.kind != "duration" or after.startswith("-") or not _CALENDAR.fullmatch(amount.text.lower()):
        return False
    if _AT_A_TIME.match(after):
        return False  # "an hour at a time": each session's length
    return is_rate(re.findall(r"[\w']+", re.split(r"[,.;:!?()]", before)[-1]))


_AT_A_TIME = re.compile(r"\s*(?:at\s+a\s+time|in\s+one\s+go|per\s+(?:run|session|go))\b")
_CALENDAR = re.compile(r"an?\s+(?:hour|day|night|week|fortnight|month|year)")


def is_rate(previous: list[str]) -> bool:
    """Whether 'a week' (or 'a day', 'a month') after these words says how often: after a word that
    leads to no length ('a coffee a month', 'twice a week') or after a counted thing ('5 runs a week')."""
    if not previous:
        return False
    if previous[-1] not in LENGTH_LEAD:
        return True
    # (a count before it: "5 for a week"; not a card's model number, "a 4090 for a week")
    counted = previous[-2].replace(".", "") if len(previous) >= 2 else ""
    return len(previous) >= 2 and (previous[-2] in WORDS or (counted.isdigit() and len(counted) <= 3))


def _fmt(x: float) -> str:
    return f"{x:g}"
