"""The rule pack as the engine uses it: plain, immutable objects with no validation library.

``models.py`` validates rule files with pydantic and reports problems; once a pack is valid it
is turned into these classes, which are cheap to build (also from the cache, see ``cache.py``).
Keeping pydantic out of this module keeps `advisor recommend` fast: building pydantic model
classes costs tens of milliseconds at start-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..record import Record, field

NOT_SURE = "not-sure"

Condition = dict[str, list[str]]
"""Question id -> the option ids that satisfy it. All entries must hold (AND)."""


_SPACE = re.compile(r"\s+")
_CODE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)


def squash(text: str) -> str:
    """Collapse white space so quotes match across line breaks."""
    return _SPACE.sub(" ", text).strip()


class Source(Record):
    url: str
    checked: str


class Section(Record):
    id: str
    title: str
    file: str
    line: int
    body: str
    sources: list[Source] = field(default_factory=list)
    group: str = ""  # the guide file's "# heading": a service or a topic

    @property
    def code(self) -> list[str]:
        """The section's code blocks, without their fences."""
        return [m.group(1).strip("\n") for m in _CODE.finditer(self.body)]

    @property
    def flat(self) -> str:
        return squash(self.body)

    def contains(self, quote: str) -> bool:
        return squash(quote) in self.flat

    @property
    def first_source(self) -> Source | None:
        return self.sources[0] if self.sources else None


class QuestionKind(str, Enum):
    choice = "choice"
    numeric = "numeric"


class Confidence(str, Enum):
    primary = "P"
    secondary = "S"
    common = "C"


class Effect(str, Enum):
    exclude = "exclude"
    for_ = "for"
    against = "against"
    caveat = "caveat"


class Problem(Record):
    """One thing wrong with a rule file, located for a person to fix."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class PackError(Exception):
    """The pack cannot be used; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))


def suggest(word: str, choices: list[str]) -> str:
    """A ' (did you mean …?)' hint for an unknown id, or ''."""
    from rapidfuzz import fuzz, process, utils

    if not choices:
        return ""
    best = process.extractOne(word, choices, scorer=fuzz.ratio, processor=utils.default_process)
    if best and best[1] >= 60:
        return f" (did you mean '{best[0]}'?)"
    return f" (known: {', '.join(choices[:8])}{', …' if len(choices) > 8 else ''})"


# -- behaviour shared by the pydantic models and the plain classes ---------------------------


class OptionMethods:
    if TYPE_CHECKING:  # provided by the class that mixes this in (not pydantic fields here)
        ge: float | None
        gt: float | None
        le: float | None
        lt: float | None

    @property
    def has_range(self) -> bool:
        return any(v is not None for v in (self.ge, self.gt, self.le, self.lt))

    def contains(self, number: float) -> bool:
        if self.ge is not None and not number >= self.ge:
            return False
        if self.gt is not None and not number > self.gt:
            return False
        if self.le is not None and not number <= self.le:
            return False
        if self.lt is not None and not number < self.lt:
            return False
        return self.has_range

    def range_text(self, unit: str) -> str:
        """The range in words, e.g. "1 to 9 hours"; empty for options without one."""
        low = self.ge if self.ge is not None else self.gt
        high = self.le if self.le is not None else self.lt
        if low is None and high is None:
            return ""
        if low is not None and high is not None and low == high:
            return f"{low:g} {unit}"
        if low is None:
            return f"up to {high:g} {unit}"
        if high is None:
            return f"{'from' if self.ge is not None else 'over'} {low:g} {unit}"
        return f"{low:g} to {high:g} {unit}"


class QuestionMethods:
    if TYPE_CHECKING:
        ask_if: Any
        options: Any

    @property
    def conditions(self) -> list[Condition]:
        if self.ask_if is None:
            return []
        return list(self.ask_if) if isinstance(self.ask_if, (list, tuple)) else [self.ask_if]

    def option(self, option_id: str) -> Any:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    @property
    def name(self) -> str:
        """What the question asks, in a few words a person reads ('run length'), for replies."""
        short: str = getattr(self, "short", "") or ""
        ident: str = getattr(self, "id", "")
        return short or ident.replace("-", " ")

    @property
    def concrete_options(self) -> list[Any]:
        """Every option except "not sure": what a person might mean."""
        return [o for o in self.options if o.id != NOT_SURE]

    @property
    def priors(self) -> dict[str, float]:
        """How likely each concrete option is for someone not sure (uniform where none is given)."""
        options = self.concrete_options
        if not options:
            return {}
        if any(o.prior is None for o in options):
            return {o.id: 1 / len(options) for o in options}
        total = sum(o.prior for o in options) or 1.0
        return {o.id: o.prior / total for o in options}


class FactMethods:
    if TYPE_CHECKING:
        checked: str

    @property
    def checked_date(self) -> dt.date:
        parts = [int(p) for p in self.checked.split("-")]
        return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


class ServiceMethods:
    if TYPE_CHECKING:
        facts: Any

    def fact(self, fact_id: str) -> Any:
        for f in self.facts:
            if f.id == fact_id:
                return f
        return None


# -- the plain classes --------------------------------------------------------------------------


class Credit(Record, eq=False):
    title: str
    url: str
    note: str = ""


class Usage(Record, eq=False):
    run_hours: str | None = None
    hardware: str | None = None
    resume: str | None = None
    weekly_hours: str | None = None
    budget: str | None = None


class Costs(Record, eq=False):
    weeks_per_month: float = 4.35
    machines: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    default_machines: tuple[str, ...] = ()


class Pricing(Record, eq=False):
    facts: tuple[str, ...] = ()
    monthly_usd: float | None = None
    units_per_month: float | None = None
    pack_units: float | None = None
    pack_usd: float | None = None
    units_per_hour: dict[str, float] = field(default_factory=dict)
    usd_per_hour: dict[str, float] = field(default_factory=dict)
    spot_discount: float | None = None
    free_hours_per_week: dict[str, float] = field(default_factory=dict)


class PackInfo(Record, eq=False):
    name: str
    version: str
    description: str = ""
    extends: str | None = None
    credits: tuple[Credit, ...] = ()
    usage: Usage = field(default_factory=Usage)
    costs: Costs = field(default_factory=Costs)


class Option(OptionMethods, Record, eq=False):
    id: str
    label: str
    synonyms: tuple[str, ...] = ()
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    value: float | None = None
    prior: float | None = None
    at_least: int | None = None


class Question(QuestionMethods, Record, eq=False):
    id: str
    prompt: str
    why: str
    options: tuple[Option, ...]
    kind: QuestionKind = QuestionKind.choice
    unit: str = ""
    unit_label: str = ""
    ask_if: Condition | tuple[Condition, ...] | None = None
    prior_reason: str = ""
    max: float | None = None
    short: str = ""
    counts: tuple[str, ...] = ()
    measures: str = ""


class Fact(FactMethods, Record, eq=False):
    id: str
    label: str
    value: str
    source: str
    checked: str
    confidence: Confidence = Confidence.primary
    disagreement: str = ""
    as_of: str = ""


class Service(ServiceMethods, Record, eq=False):
    id: str
    name: str
    summary: str
    guide: str
    facts: tuple[Fact, ...]
    session_hours: dict[str, float] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    pricing: Pricing | None = None


class Citation(Record, eq=False):
    section: str
    quote: str


class FactRef(Record, eq=False):
    service: str
    fact: str


class Rule(Record, eq=False):
    id: str
    effect: Effect
    reason: str
    when: Condition = field(default_factory=dict)
    services: tuple[str, ...] = ()
    weight: int = 1
    cite: tuple[Citation, ...] = ()
    facts: tuple[FactRef, ...] = ()
    explains_no_fit: bool = False


T = TypeVar("T")


class Derived:
    """Indexes worked out from a pack, each built once on first use and never replaced.

    The pack is read-only; what is derived from it (compiled rules, the probability walk, the
    guide index, the words that name services) is kept here by name, so every part of the advisor
    builds it once however many decisions or messages it handles.
    """

    def __init__(self) -> None:
        self._made: dict[str, object] = {}

    def once(self, name: str, build: Callable[[], T]) -> T:
        if name not in self._made:
            self._made[name] = build()
        return cast(T, self._made[name])


class Pack(Record):
    root: Path
    info: PackInfo
    questions: list[Question]
    services: list[Service]
    rules: list[Rule]
    sections: dict[str, Section]
    # where each rule, question, service and fact was written, for messages: key -> (file, line)
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._questions = {q.id: q for q in self.questions}
        self._services = {s.id: s for s in self.services}
        self.order = {q.id: i for i, q in enumerate(self.questions)}
        # what the engine and the guide search work out from the pack, once each (see Derived)
        self.derived = Derived()

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def service(self, service_id: str) -> Service:
        return self._services[service_id]


def plain(model: Any) -> Any:
    """Turn a validated pydantic object (or list of them) into the plain class of the same name."""
    kinds: dict[str, type[Record]] = {
        "Credit": Credit,
        "PackInfo": PackInfo,
        "Option": Option,
        "Question": Question,
        "Fact": Fact,
        "Service": Service,
        "Citation": Citation,
        "FactRef": FactRef,
        "Rule": Rule,
        "Usage": Usage,
        "Costs": Costs,
        "Pricing": Pricing,
    }
    if isinstance(model, list):
        return tuple(plain(m) for m in model)
    cls = kinds.get(type(model).__name__)
    if cls is None:
        return model
    values = {name: plain(getattr(model, name)) for name in cls._fields}
    return cls(**values)
