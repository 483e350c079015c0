"""The rule pack as pydantic models: what each rule file may contain.

A pack is a folder with ``pack.yaml`` (name, version, credits), ``questions.yaml``,
``services.yaml``, ``decisions.yaml`` and a ``guide/`` folder of Markdown files.
The JSON Schema of these models is what ``advisor schema`` prints.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .base import (
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


class Usage(_Strict):
    """Which questions describe how the job is used: the engine's explanations read these."""

    run_hours: str | None = Field(default=None, description="numeric question: hours one run takes")
    hardware: str | None = Field(default=None, description="question: the hardware the job needs")
    resume: str | None = Field(
        default=None, description="question whose 'yes' option means the job can checkpoint and resume"
    )
    weekly_hours: str | None = Field(default=None, description="numeric question: hours of use a week")
    budget: str | None = Field(default=None, description="numeric question: the money a month there is to spend")


class Costs(_Strict):
    """How the answers become a month's usage for the cost estimates."""

    weeks_per_month: float = Field(default=4.35, gt=0, description="weeks in an average month")
    machines: dict[Id, dict[Id, list[Id]]] = Field(
        default_factory=dict,
        description="question -> option -> the machines (pricing keys) that answer means, cheapest first, "
        "e.g. {gpu: {faster: [l4, a100]}}; a later question's answer wins over an earlier one's",
    )
    default_machines: list[Id] = Field(
        default_factory=list, description="the machines assumed when no answer says (e.g. [t4])"
    )


class GuideWords(_Strict):
    """The words that find a guide passage and tell a question about the services from an answer.
    A pack that extends another adds to its base's words."""

    stop: list[str] = Field(default_factory=list, description="words a search of the guide ignores ('the', 'how')")
    synonyms: dict[str, str] = Field(
        default_factory=dict,
        description="a word people type -> the word the guide uses for it ('pricing' -> 'price', 'gpus' -> 'gpu')",
    )
    phrases: dict[str, str] = Field(
        default_factory=dict,
        description="words people type together -> the guide's words for them ('sign up' -> 'signup')",
    )
    topics: list[str] = Field(
        default_factory=list,
        description="words that ask about the services rather than answer a question ('limit', 'price'): a "
        "message with one and a service's name is a question about the guide",
    )
    names: list[str] = Field(
        default_factory=list,
        description="things besides the pack's services that a question about the guide may name ('tensorboard')",
    )
    headings: list[str] = Field(
        default_factory=list,
        description="words that, in both a question and a section's title, favour that section (the services' "
        "ids count too)",
    )
    compare: list[str] = Field(default_factory=list, description="words that ask to compare services ('cheaper', 'vs')")
    queries: list[str] = Field(
        default_factory=list,
        description="words that make a few words with no service in them a question about the guide "
        "('compared', 'types'), unless they name an option of the question asked",
    )
    how_to: list[str] = Field(
        default_factory=list,
        description="verbs that open a request for how to do something ('mount', 'connect'): a short message "
        "that starts with one and names no option of the question asked is a question about the guide",
    )


class Currency(_Strict):
    """Money people may type in: the words and symbols for it, and what one unit is worth in US dollars."""

    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
    says: list[str] = Field(min_length=1, description="symbols and words for it ('€', 'eur', 'euros'), lower case")
    usd: list[float] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="the lowest and highest worth of one unit in US dollars over the years the pack covers: an "
        "amount is read only when both ends give the same answer, else the advisor asks; none: no rate, "
        "the advisor always asks for the amount in US dollars",
    )

    @model_validator(mode="after")
    def _sound(self) -> Currency:
        if self.usd is not None and not 0 < self.usd[0] <= self.usd[1]:
            raise ValueError("usd is [lowest, highest], both above 0")
        if any(said != said.lower() or not said.strip() for said in self.says):
            raise ValueError("write 'says' in lower case, without empty entries")
        return self


class PackInfo(_Strict):
    name: str
    version: str
    description: str = ""
    extends: str | None = Field(
        default=None,
        description="a pack folder this pack adds to, relative to this one, or 'default' for the shipped pack",
    )
    credits: list[Credit] = []
    usage: Usage = Field(default_factory=Usage, description="which questions say how the job is used")
    costs: Costs = Field(default_factory=Costs, description="how answers become usage for cost estimates")
    guide_words: GuideWords = Field(
        default_factory=GuideWords, description="words for searching the guide and recognising questions about it"
    )
    currencies: list[Currency] = Field(
        default_factory=list,
        description="money people may type in; USD (the questions' unit) is one of them; a pack that extends "
        "another adds to its base's",
    )

    @model_validator(mode="after")
    def _currencies_once(self) -> PackInfo:
        codes = [c.code for c in self.currencies]
        said = [s for c in self.currencies for s in c.says]
        for name, items in (("currency codes", codes), ("currency words", said)):
            dupes = sorted({x for x in items if items.count(x) > 1})
            if dupes:
                raise ValueError(f"{name} repeat: {', '.join(dupes)}")
        return self


class Option(OptionMethods, _Strict):
    id: Id
    label: str
    synonyms: list[str] = Field(default_factory=list, description="other words people use for it")
    weak: list[str] = Field(
        default_factory=list,
        description="words that mean this option only as a reply to its own question; in a description they "
        "say something else ('kaggle' names the service, not where the data is)",
    )
    near_words: list[str] = Field(
        default_factory=list,
        description="words that name this option in a description only when one of 'near' is said in the same "
        "sentence ('images on my laptop' says where the data is; 'drivers on my laptop' does not); as a "
        "reply to its own question they always count",
    )
    near: list[str] = Field(default_factory=list, description="single words that make 'near_words' count")
    includes: list[Id] = Field(
        default_factory=list,
        description="options of the same question this one takes in: when both are said, this one is meant "
        "('any GPU, as long as I always get one' is a GPU every time, not any GPU)",
    )
    # numeric questions: the range this option covers (ge/gt lower bound, le/lt upper bound)
    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    value: float | None = Field(
        default=None, description="numeric questions: the representative number for this option"
    )
    at_least: int | None = Field(
        default=None,
        ge=0,
        description="choice questions that count things: a count of at least this many of them (and fewer "
        "than the next option's) means this option, e.g. '4 A100s' -> several GPUs",
    )
    holds: float | None = Field(
        default=None,
        gt=0,
        description="choice questions with 'sized_by': the largest size this option provides, e.g. the GB of "
        "memory its GPUs have; a size said with those words picks the smallest option that holds it",
    )
    prior: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="how common this option is among people who reach the question (0 to 1; the "
        "question's priors sum to 1); 'not sure' stands for the options weighted by these",
    )


class Question(_Strict, QuestionMethods[Option]):
    id: Id
    prompt: str
    short: str = Field(default="", description="a few words naming what the question asks, e.g. 'run length'")
    why: str = Field(description="one line: why the advisor asks this")
    kind: QuestionKind = QuestionKind.choice
    unit: str = Field(default="", description="numeric questions: the unit of the number, e.g. USD/month")
    unit_label: str = Field(default="", description="numeric questions: the unit as people read it")
    max: float | None = Field(
        default=None, gt=0, description="numeric questions: the largest number read as an answer (larger is refused)"
    )
    ask_if: Condition | list[Condition] | None = Field(
        default=None,
        description="ask only when these earlier answers hold; a list means any of the conditions",
    )
    prior_reason: str = Field(default="", description="one line: where the options' priors come from")
    counts: list[str] = Field(
        default_factory=list,
        description="words for the things this question counts ('gpus', 'a100s', 'people'); a number "
        "before one of them is read by the options' at_least",
    )
    sized_by: list[str] = Field(
        default_factory=list,
        description="words that, after a size ('24 GB of GPU memory', '40GB VRAM'), make the size an answer to this "
        "choice question: the option with the smallest 'holds' that is at least that size",
    )
    keys: list[str] = Field(
        default_factory=list,
        description="words a person may put before a colon to answer this question in a list ('budget: $20', "
        "'time: 3 hours'); the question's id counts too",
    )
    measures: str = Field(
        default="",
        pattern=r"^(|money|duration|weekly|size)$",
        description="numeric questions: what the number measures (money, duration, weekly hours or size); "
        "empty: worked out from the unit",
    )
    options: list[Option]
    unconcerned: str = Field(
        default="",
        description="the option meant when a person says this question's subject does not matter to them "
        "('money is no object', 'budget isn't a concern', 'I don't care about the cost'): the subject is named "
        "by one of the question's keys",
    )

    @field_validator("options")
    @classmethod
    def _includes_name_options(cls, options: list[Option]) -> list[Option]:
        ids = [o.id for o in options]
        for option in options:
            for said in option.includes:
                if said not in ids or said == option.id:
                    others = [i for i in ids if i != option.id]
                    close = difflib.get_close_matches(said, others, n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else f" ({', '.join(others)})"
                    raise ValueError(
                        f"'includes' of '{option.id}': '{said}' is not another option of this question{hint}"
                    )
        return options

    @field_validator("unconcerned")
    @classmethod
    def _unconcerned_is_an_option(cls, value: str, info: ValidationInfo) -> str:
        ids = [o.id for o in info.data.get("options", [])]
        if value and ids and value not in ids:
            close = difflib.get_close_matches(value, ids, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" ({', '.join(ids)})"
            raise ValueError(f"'{value}' is not one of this question's options{hint}")
        return value

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
        if self.measures and self.kind is not QuestionKind.numeric:
            raise ValueError("'measures' is for numeric questions; a choice question counts things with 'counts'")
        counting = [o.id for o in self.options if o.at_least is not None]
        if self.counts and not counting:
            raise ValueError("a question with 'counts' needs options with 'at_least' (e.g. 1 for one, 2 for several)")
        if self.sized_by and not any(o.holds is not None for o in self.options):
            raise ValueError("a question with 'sized_by' needs options with 'holds' (the size each provides)")
        if self.unconcerned and not self.keys:
            raise ValueError("a question with 'unconcerned' needs 'keys': the words that name its subject")
        if counting and not self.counts:
            raise ValueError(f"'at_least' on {', '.join(counting)} needs 'counts': the words for the things counted")
        not_sure = self.option(NOT_SURE)
        if not_sure is not None and not_sure.prior is not None:
            raise ValueError(f"'{NOT_SURE}' takes no prior: it stands for the other options weighted by theirs")
        priors = [o.prior for o in self.concrete_options]
        if any(p is not None for p in priors):
            if any(p is None for p in priors):
                missing = [o.id for o in self.concrete_options if o.prior is None]
                raise ValueError(f"give every option a prior or none: {', '.join(missing)} has none")
            total = sum(p for p in priors if p is not None)
            if abs(total - 1) > 0.005:
                raise ValueError(f"the options' priors add up to {total:g}; they must add up to 1")
        return self


class Fact(FactMethods, _Strict):
    id: Id
    label: str
    value: str
    source: str = Field(description="the address where this was read")
    checked: str = Field(description="the day the project read the source and saw the value: YYYY-MM-DD or YYYY-MM")
    as_of: str = Field(default="", description="the source's own date (published or updated): YYYY-MM-DD or YYYY-MM")
    confidence: Confidence = Confidence.primary
    disagreement: str = Field(default="", description="what other sources say, when they differ")

    @field_validator("checked", "as_of", mode="before")
    @classmethod
    def _checked_text(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    @field_validator("checked", "as_of")
    @classmethod
    def _checked_format(cls, value: str, info: ValidationInfo) -> str:
        if info.field_name == "as_of" and value == "":
            return value
        if not _CHECKED.match(value):
            raise ValueError("write the date as YYYY-MM-DD or YYYY-MM")
        return value

    @field_validator("source")
    @classmethod
    def _source_is_address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("a source is a web address starting with https://")
        return value


class Pricing(_Strict):
    """What a service charges, as numbers the cost estimate can use; each figure's fact is cited."""

    facts: list[Id] = Field(description="ids of this service's facts that state these figures")
    monthly_usd: float | None = Field(default=None, ge=0, description="a subscription's price a month")
    units_per_month: float | None = Field(default=None, ge=0, description="compute units the subscription gives")
    pack_units: float | None = Field(default=None, gt=0, description="units in one pay-as-you-go purchase")
    pack_usd: float | None = Field(default=None, ge=0, description="price of one pay-as-you-go purchase")
    units_per_hour: dict[Id, float] = Field(default_factory=dict, description="machine -> compute units an hour")
    usd_per_hour: dict[Id, float] = Field(default_factory=dict, description="machine -> dollars an hour on demand")
    floor: dict[Id, Id] = Field(
        default_factory=dict,
        description="unpriced machine -> a priced machine it costs at least as much as (an A100 machine costs more "
        "than a one-T4 machine): its estimate is then 'at least' that price",
    )
    spot_discount: float | None = Field(
        default=None, ge=0, lt=1, description="the largest discount spot capacity gives (0.9 for 'up to 90%')"
    )
    free_hours_per_week: dict[Id, float] = Field(
        default_factory=dict, description="machine -> free hours a week (a quota); a machine not listed has none"
    )


class Service(_Strict, ServiceMethods[Fact]):
    id: Id
    name: str
    summary: str
    guide: str = Field(description="id of the guide section about this service")
    aliases: list[str] = Field(
        default_factory=list,
        description="other names people type for it ('aws', 'gemini platform'); typed text and the guide "
        "search read them as this service",
    )
    session_hours: dict[Id, float] = Field(
        default_factory=dict,
        description="the longest single session or job, in hours, per option of the usage 'hardware' "
        "question ('default' for the rest); used to say how many sessions a resumable run takes",
    )
    facts: list[Fact]
    pricing: Pricing | None = Field(default=None, description="the figures the cost estimate uses")

    @model_validator(mode="after")
    def _pricing_cites_facts(self) -> Service:
        if self.pricing is not None:
            known = {f.id for f in self.facts}
            missing = [f for f in self.pricing.facts if f not in known]
            if missing:
                raise ValueError(f"pricing cites facts this service does not have: {', '.join(missing)}")
        return self


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
    explains_no_fit: bool = Field(
        default=False,
        description="caveat only: these answers may leave no service, on purpose, and this says why "
        "(advisor check then does not report them as a gap)",
    )

    @model_validator(mode="after")
    def _services_needed(self) -> Rule:
        if self.effect is not Effect.caveat and not self.services:
            raise ValueError(f"a rule with effect '{self.effect.value}' must name its services")
        if self.explains_no_fit and (self.effect is not Effect.caveat or self.services):
            raise ValueError("only a caveat that names no services can explain answers where nothing fits")
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
    "Usage",
]
