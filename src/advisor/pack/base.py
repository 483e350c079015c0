"""What the rule pack's two forms share: the "not sure" option, conditions, enums and methods.

``models.py`` (pydantic, for validating rule files) and ``records.py`` (plain classes generated from
those models, for the engine) both build on this module, so a method such as
``Question.priors`` is written once and works on either form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

NOT_SURE = "not-sure"

Condition = dict[str, list[str]]
"""Question id -> the option ids that satisfy it. All entries must hold (AND)."""


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


class OptionMethods:
    if TYPE_CHECKING:  # provided by the class that mixes this in (not pydantic fields here)
        id: str
        prior: float | None
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

    def overlaps(self, low: float, high: float) -> bool:
        """Whether some number from ``low`` to ``high`` falls in this option's range."""
        if not self.has_range:
            return False
        below_top = (self.le is None or low <= self.le) and (self.lt is None or low < self.lt)
        above_bottom = (self.ge is None or high >= self.ge) and (self.gt is None or high > self.gt)
        return below_top and above_bottom

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


OptionT = TypeVar("OptionT", bound=OptionMethods)  # the option class: a pydantic model or a plain record


class QuestionMethods(Generic[OptionT]):
    if TYPE_CHECKING:
        ask_if: Any
        options: Sequence[OptionT]

    @property
    def conditions(self) -> list[Condition]:
        if self.ask_if is None:
            return []
        return list(self.ask_if) if isinstance(self.ask_if, (list, tuple)) else [self.ask_if]

    def option(self, option_id: str) -> OptionT | None:
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
    def concrete_options(self) -> list[OptionT]:
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
        total = sum(o.prior or 0.0 for o in options) or 1.0
        return {o.id: (o.prior or 0.0) / total for o in options}


class FactMethods:
    if TYPE_CHECKING:
        id: str
        checked: str

    @property
    def checked_date(self) -> dt.date:
        parts = [int(p) for p in self.checked.split("-")]
        return dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


FactT = TypeVar("FactT", bound=FactMethods)  # the fact class


class ServiceMethods(Generic[FactT]):
    if TYPE_CHECKING:
        facts: Sequence[FactT]

    def fact(self, fact_id: str) -> FactT | None:
        for f in self.facts:
            if f.id == fact_id:
                return f
        return None
