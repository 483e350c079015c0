"""What a month of the person's use would cost on each service, with the arithmetic shown.

The usage comes from the answers: hours a week (the pack's ``weekly_hours`` usage question) and
the machines the hardware and GPU answers mean (``costs`` in pack.yaml). Where an answer is
missing or "not sure", the pack's most common answer stands in, and the estimate says so. The
arithmetic itself is the pack's (pack/pricing.py), which also turns it into decision rules.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..pack.core import NOT_SURE, Pack, Question
from ..pack.pricing import Price, machine_name, machines_for, price
from ..pack.pricing import budget_cap as option_cap
from ..record import Record, field
from .session import Answer

__all__ = ["Price", "Usage", "budget_cap", "estimate", "usage"]


class Usage(Record):
    """A month of use: hours, on which machines (cheapest first), and what was assumed."""

    hours_week: float
    hours_month: float
    machines: tuple[str, ...]
    assumed: list[str] = field(default_factory=list)


def _typical(question: Question) -> float:
    concrete = [o for o in question.concrete_options if o.value is not None]
    if not concrete:
        return 10.0
    best = max(concrete, key=lambda o: o.prior if o.prior is not None else 0.0)
    return float(best.value or 0.0)


def _hours(pack: Pack, answers: Mapping[str, Answer]) -> tuple[float, list[str]]:
    qid = pack.info.usage.weekly_hours
    if qid is None or not pack.has_question(qid):
        return 10.0, ["10 hours a week assumed (the pack says nothing of weekly use)"]
    question = pack.question(qid)
    answer = answers.get(qid)
    if answer is not None and answer.option != NOT_SURE:
        opt = question.option(answer.option)
        value = answer.value if answer.value is not None else (opt.value if opt is not None else None)
        if value is not None:
            return float(value), []
    typical = _typical(question)
    why = "you were not sure" if answer is not None else "not answered"
    return typical, [f"about {typical:g} hours a week assumed, the most common answer ({why})"]


def usage(pack: Pack, answers: Mapping[str, Answer]) -> Usage:
    hours, assumed = _hours(pack, answers)
    costs = pack.info.costs
    chosen = {q: a.option for q, a in answers.items()}
    machines, said = machines_for(costs.machines, tuple(costs.default_machines), pack.questions, chosen)
    if machines and not said:
        assumed.append(f"{machine_name(machines[0])} assumed (not answered)")
    return Usage(hours, hours * costs.weeks_per_month, machines, assumed)


def estimate(pack: Pack, answers: Mapping[str, Answer]) -> tuple[Usage, dict[str, Price]]:
    """Each priced service's monthly cost for the usage the answers describe (its figures come from
    the facts its ``pricing`` names)."""
    use = usage(pack, answers)
    weeks = pack.info.costs.weeks_per_month
    return use, {
        s.id: price(s.pricing, use.machines, use.hours_week, weeks)
        for s in pack.services
        if s.pricing is not None and use.machines
    }


def budget_cap(pack: Pack, answers: Mapping[str, Answer]) -> float | None:
    """The most the budget answer allows a month (None: no stated limit, or no budget question)."""
    qid = pack.info.usage.budget
    answer = answers.get(qid) if qid else None
    if qid is None or answer is None or not pack.has_question(qid):
        return None
    if answer.value is not None and answer.via == "number":
        return float(answer.value)
    return option_cap(pack.question(qid), answer.option)
