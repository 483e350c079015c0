"""The rule pack as the engine uses it: plain objects with no validation library.

``models.py`` declares the rule files' shape once and validates them with pydantic;
``records.py`` holds the plain classes generated from those models (``generate.py``), cheap to
build, also from the cache (``cache.py``). This module gathers them with the guide's sections,
the located problems, and the :class:`Pack` itself, so the engine imports one place. Keeping
pydantic out of it keeps `advisor recommend` fast: building pydantic model classes costs tens of
milliseconds at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from ..record import Record, field
from .base import NOT_SURE, Condition, Confidence, Effect, QuestionKind
from .records import (
    BY_NAME,
    Citation,
    Costs,
    Credit,
    Currency,
    Fact,
    FactRef,
    GuideWords,
    Option,
    PackInfo,
    Pricing,
    Question,
    Rule,
    Service,
    Usage,
)

__all__ = [
    "NOT_SURE",
    "Citation",
    "Condition",
    "Confidence",
    "Costs",
    "Credit",
    "Currency",
    "Effect",
    "Fact",
    "FactRef",
    "GuideWords",
    "Option",
    "Pack",
    "PackError",
    "PackInfo",
    "Pricing",
    "Problem",
    "Question",
    "QuestionKind",
    "Rule",
    "Section",
    "Service",
    "Source",
    "Usage",
    "plain",
    "squash",
    "suggest",
]


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
    """Turn a validated pydantic object (or list of them) into its generated plain class."""
    if isinstance(model, list):
        return tuple(plain(m) for m in model)
    cls = BY_NAME.get(type(model).__name__)
    if cls is None:
        return model
    return cls(**{name: plain(getattr(model, name)) for name in cls._fields})
