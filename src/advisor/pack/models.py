"""The rule pack as pydantic models: what each rule file may contain.

A pack is a folder with ``pack.yaml`` (name, version, credits), ``questions.yaml``,
``services.yaml``, ``decisions.yaml`` and a ``guide/`` folder of Markdown files.
The JSON Schema of these models is what ``advisor schema`` prints.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .core import (
    NOT_SURE,
    Confidence,
    Effect,
    FactMethods,
    OptionMethods,
    QuestionKind,
    QuestionMethods,
    ServiceMethods,
)

Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="lower-case letters, digits and dashes"),
]

_CHECKED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Condition = dict[Id, list[Id]]
"""Question id -> the option ids that satisfy it. All entries must hold (AND)."""


class Credit(_Strict):
    title: str
    url: str
    note: str = ""


class PackInfo(_Strict):
    name: str
    version: str
    description: str = ""
    extends: str | None = Field(
        default=None,
        description="a pack folder this pack adds to, relative to this one, or 'default' for the shipped pack",
    )
    credits: list[Credit] = []


class Option(OptionMethods, _Strict):
    id: Id
    label: str
    synonyms: list[str] = Field(default_factory=list, description="other words people use for it")
    # numeric questions: the range this option covers (ge/gt lower bound, le/lt upper bound)
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    value: float | None = Field(
        default=None, description="numeric questions: the representative number for this option"
    )


class Question(QuestionMethods, _Strict):
    id: Id
    prompt: str
    why: str = Field(description="one line: why the advisor asks this")
    kind: QuestionKind = QuestionKind.choice
    unit: str = Field(default="", description="numeric questions: the unit of the number, e.g. USD/month")
    unit_label: str = Field(default="", description="numeric questions: the unit as people read it")
    ask_if: Condition | list[Condition] | None = Field(
        default=None,
        description="ask only when these earlier answers hold; a list means any of the conditions",
    )
    options: list[Option]

    @model_validator(mode="after")
    def _options_sound(self) -> Question:
        ids = [o.id for o in self.options]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"option ids repeat: {', '.join(dupes)}")
        if NOT_SURE not in ids:
            raise ValueError(f"every question needs a '{NOT_SURE}' option")
        if self.kind is QuestionKind.numeric and not self.unit:
            raise ValueError("a numeric question needs a unit")
        return self


class Fact(FactMethods, _Strict):
    id: Id
    label: str
    value: str
    source: str = Field(description="the address where this was read")
    checked: str = Field(description="when the source was checked: YYYY-MM-DD or YYYY-MM")
    confidence: Confidence = Confidence.primary
    disagreement: str = Field(default="", description="what other sources say, when they differ")

    @field_validator("checked", mode="before")
    @classmethod
    def _checked_text(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    @field_validator("checked")
    @classmethod
    def _checked_format(cls, value: str) -> str:
        if not _CHECKED.match(value):
            raise ValueError("write the date as YYYY-MM-DD or YYYY-MM")
        return value

    @field_validator("source")
    @classmethod
    def _source_is_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("a source is a web address starting with https://")
        return value


class Service(ServiceMethods, _Strict):
    id: Id
    name: str
    summary: str
    guide: str = Field(description="id of the guide section about this service")
    facts: list[Fact]


class Citation(_Strict):
    section: str = Field(description="id of a guide section")
    quote: str = Field(description="a passage of that section, word for word")


class FactRef(_Strict):
    service: Id
    fact: Id


class Rule(_Strict):
    id: Id
    when: Condition = Field(default_factory=dict, description="all must hold; empty means always")
    effect: Effect
    services: list[Id] = Field(default_factory=list)
    weight: int = Field(default=1, ge=1, le=100, description="for/against only: how much it counts")
    reason: str = Field(description="one sentence a person reads")
    cite: list[Citation] = Field(default_factory=list)
    facts: list[FactRef] = Field(default_factory=list, description="facts this reason rests on")

    @model_validator(mode="after")
    def _services_needed(self) -> Rule:
        if self.effect is not Effect.caveat and not self.services:
            raise ValueError(f"a rule with effect '{self.effect.value}' must name its services")
        return self


class QuestionsFile(_Strict):
    questions: list[Question]


class ServicesFile(_Strict):
    services: list[Service]


class DecisionsFile(_Strict):
    rules: list[Rule]


class PackFile(_Strict):
    pack: PackInfo


FILE_MODELS: dict[str, type[BaseModel]] = {
    "pack.yaml": PackFile,
    "questions.yaml": QuestionsFile,
    "services.yaml": ServicesFile,
    "decisions.yaml": DecisionsFile,
}

__all__ = [
    "Citation",
    "Condition",
    "Credit",
    "DecisionsFile",
    "Effect",
    "FILE_MODELS",
    "Fact",
    "FactRef",
    "NOT_SURE",
    "Option",
    "PackFile",
    "PackInfo",
    "Question",
    "QuestionKind",
    "QuestionsFile",
    "Rule",
    "Service",
    "ServicesFile",
]
