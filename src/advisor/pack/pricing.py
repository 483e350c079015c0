"""A month of use priced from the pack's own figures, and the rules that make cost count.

Pure arithmetic over the plain pack (``pricing`` per service, ``costs`` in pack.yaml): which
machines the answers mean, and what a month of hours on them costs on each service, with the
working in words. ``cost_rules`` turns it into decision rules at load time: where the cheapest way
a service covers a typical use of that kind is above a stated budget, the service counts against,
with that reason, like any rule a person writes (they are listed by ``advisor check`` and ``graph``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ..record import Record
from .core import NOT_SURE, Effect, FactRef, Option, Pricing, Question, Rule, Service

MACHINE_NAMES = {
    "cpu": "a CPU",
    "t4": "a T4",
    "l4": "an L4",
    "a100": "an A100",
    "h100": "an H100",
    "tpu": "a TPU",
    "multi-gpu": "several GPUs",
}


def machine_name(machine: str) -> str:
    return MACHINE_NAMES.get(machine, machine)


def machines_text(machines: tuple[str, ...] | list[str]) -> str:
    """'an L4 or an A100'."""
    return " or ".join(map(machine_name, machines))


def money(x: float) -> str:
    """Dollars as people read them: $9.99, $32, $1,283."""
    if x >= 100:
        return f"${x:,.0f}"
    return f"${x:,.2f}".replace(".00", "")


def money_range(low: float | None, high: float | None, unknown: str = "unknown") -> str:
    """'$0', '$9.99', '$130 to $200', 'from $9.99' (no upper figure), or ``unknown``."""
    if low is None:
        return unknown
    if high is None:
        return f"from {money(low)}"
    if abs(high - low) < 0.005:
        return money(low)
    return f"{money(low)} to {money(high)}"


def figure(
    low: float | None,
    high: float | None,
    least: float | None,
    unknown: str = "unknown",
    per: str = "",
    short: bool = False,
) -> str:
    """The figure a person reads first: what the use costs for certain (on demand), with the spot
    price after it where spot capacity is cheaper ('$80.47 a month on demand (from $8.05 with spot
    capacity)'; ``short``: '$80.47 (spot $8.05)', for a chart or a table cell), else the range as it is."""
    if least is not None and low is not None and least - low > 0.005:
        if short:
            return f"{money_range(least, high)}{per} (spot {money(low)})"
        return f"{money_range(least, high)}{per} on demand (from {money(low)} with spot capacity)"
    return f"{money_range(low, high, unknown)}{per}"


class Price(Record):
    """One service's monthly cost for some hours on some machines (USD; None where unknown)."""

    low: float | None
    high: float | None
    fits: bool | None  # covers the use without more than the plan (None: the pack cannot tell)
    runs_out: str  # when a quota or the plan's units run out, in words ('' when they do not)
    working: str  # the arithmetic, in one line
    sure: float | None = None  # the least it costs without spot capacity (which needs checkpoints)

    @property
    def least(self) -> float | None:
        """What the use costs at least, for certain: what a budget is weighed against."""
        return self.sure if self.sure is not None else self.low


def price(pricing: Pricing, machines: tuple[str, ...], hours_week: float, weeks_per_month: float) -> Price:
    """What ``hours_week`` on ``machines`` (cheapest first) costs a month under ``pricing``."""
    hours_month = hours_week * weeks_per_month
    if pricing.usd_per_hour:
        return _hourly(pricing, machines, hours_month)
    if pricing.monthly_usd is not None:
        return _units(pricing, machines, hours_month, weeks_per_month)
    return _free(pricing, machines, hours_week)


def _free(pricing: Pricing, machines: tuple[str, ...], hours_week: float) -> Price:
    quota = pricing.free_hours_per_week
    if not quota:
        return Price(0.0, 0.0, None, "", "free; no published quota: heavy use is slowed or refused")
    covered = [m for m in machines if m in quota or m == "cpu"]
    if not covered:
        return Price(None, None, False, "", f"free, but it does not offer {machines_text(machines)}")
    machine = covered[0]
    if machine == "cpu":
        return Price(0.0, 0.0, True, "", "free; CPU sessions have no weekly quota")
    limit = quota[machine]
    if hours_week <= limit:
        return Price(0.0, 0.0, True, "", f"free; {hours_week:g} h a week is within its {limit:g} h weekly quota")
    days = 7 * limit / hours_week
    return Price(
        0.0,
        0.0,
        False,
        f"the {limit:g} free hours run out after about {days:.0f} days each week",
        f"free; {hours_week:g} h a week is more than its {limit:g} h weekly quota",
    )


def _units(pricing: Pricing, machines: tuple[str, ...], hours_month: float, weeks_per_month: float) -> Price:
    base, included = pricing.monthly_usd or 0.0, pricing.units_per_month or 0.0
    rates = [(m, pricing.units_per_hour[m]) for m in machines if m in pricing.units_per_hour]
    if not rates:
        return Price(
            base, None, None, "", f"{money(base)} a month; no published unit rate for {machines_text(machines)}"
        )
    costs, lines, runs_out = [], [], ""
    for machine, rate in dict.fromkeys((rates[0], rates[-1])):
        need = hours_month * rate
        extra = max(0.0, need - included)
        packs = math.ceil(extra / pricing.pack_units) if extra and pricing.pack_units else 0
        costs.append(base + packs * (pricing.pack_usd or 0.0))
        line = f"{hours_month:.0f} h of {machine_name(machine)} at {rate:g} units/h is about {need:,.0f} units"
        if packs:
            line += f": {included:g} included + {packs} × {pricing.pack_units:g} more ≈ {money(costs[-1])}"
            days = 30 * included / need
            runs_out = runs_out or f"the {included:g} monthly units last about {days:.0f} days"
        else:
            line += f", within the {included:g} included"
        lines.append(line)
    fits = costs[0] == base
    if not fits and included:
        # what would change it: the use the plan's own units cover
        covers = included / rates[0][1] / weeks_per_month
        lines.append(f"the included units cover about {covers:.0f} h a week of {machine_name(rates[0][0])}")
    return Price(min(costs), max(costs), fits, runs_out, "; ".join(lines))


def _hourly(pricing: Pricing, machines: tuple[str, ...], hours_month: float) -> Price:
    priced = [(m, pricing.usd_per_hour[m]) for m in machines if m in pricing.usd_per_hour]
    floors = [pricing.floor[m] for m in machines if pricing.floor.get(m) in pricing.usd_per_hour]
    if not priced and floors:
        return _floor(pricing, floors[0], machines, hours_month)
    if not priced:
        return Price(
            None, None, None, "", f"billed by the hour; the pack has no sourced price for {machines_text(machines)}"
        )
    machine, rate = priced[0]
    on_demand = hours_month * rate
    unknown = [m for m in machines if m not in pricing.usd_per_hour]
    low = _spot(pricing, on_demand)
    working = f"{hours_month:.0f} h of {machine_name(machine)} at {money(rate)}/h ≈ {money(on_demand)} on demand"
    if pricing.spot_discount:
        working += f" (training jobs on spot capacity: up to {pricing.spot_discount:.0%} less, ≈ {money(low)})"
    if unknown:
        working += f"; no sourced price for {machines_text(unknown)}, which costs more"
    return Price(low, on_demand if not unknown else None, True, "", working, on_demand)


def _spot(pricing: Pricing, on_demand: float) -> float:
    """The least a use costs on spot capacity (training jobs that checkpoint), or on demand without it."""
    return on_demand * (1 - pricing.spot_discount) if pricing.spot_discount else on_demand


def _floor(pricing: Pricing, floor: str, machines: tuple[str, ...], hours_month: float) -> Price:
    """No price for these machines, but none costs less than the ``floor`` machine: a lower bound."""
    rate = pricing.usd_per_hour[floor]
    on_demand = hours_month * rate
    low = _spot(pricing, on_demand)
    working = (
        f"no sourced price for {machines_text(machines)}; at least the {machine_name(floor)} machine's "
        f"{money(rate)}/h: {hours_month:.0f} h ≈ {money(on_demand)} or more on demand"
    )
    if pricing.spot_discount:
        working += f" (training jobs on spot capacity: up to {pricing.spot_discount:.0%} less)"
    return Price(low, None, True, "", working, on_demand)


def machines_for(
    machines: Mapping[str, Mapping[str, list[str]]],
    default: tuple[str, ...],
    questions: list[Question],
    chosen: Mapping[str, str],
) -> tuple[tuple[str, ...], bool]:
    """The machines the answers mean (cheapest first), and whether an answer said so."""
    found, said = default, False
    for question in questions:  # a later question (which GPU) refines an earlier one (hardware)
        mapping = machines.get(question.id)
        option = chosen.get(question.id)
        if mapping and option is not None and option in mapping:
            found, said = tuple(mapping[option]), True
    return found, said


def budget_cap(question: Question | None, option_id: str | None) -> float | None:
    """The most a budget option allows a month (None: no upper bound, such as a cloud bill)."""
    if question is None or option_id is None:
        return None
    opt = question.option(option_id)
    upper = None if opt is None else (opt.le if opt.le is not None else opt.lt)
    return None if upper is None else float(upper)


def cost_rules(
    questions: list[Question], services: list[Service], budget: str | None, weekly: str | None, costs: object
) -> list[Rule]:
    """'against' rules where a priced service costs more than a budget allows, at a typical use.

    One rule per service, budget option with a limit above $0 (a free budget already rules paid
    services out), kind of machine (the options ``costs.machines`` maps, a follow-up refining its
    parent) and weekly-hours option (at its representative hours).
    """
    by_id = {q.id: q for q in questions}
    if budget not in by_id or weekly not in by_id:
        return []
    machines: Mapping[str, Mapping[str, list[str]]] = getattr(costs, "machines", {})
    weeks = float(getattr(costs, "weeks_per_month", 4.35))
    kinds: list[tuple[str, str, tuple[str, ...]]] = []
    for qid, mapping in machines.items():
        if qid not in by_id:
            continue
        refined = {o for q in questions for cond in q.conditions for o in cond.get(qid, []) if q.id in machines}
        kinds += [(qid, o, tuple(m)) for o, m in mapping.items() if o != NOT_SURE and o not in refined]
    rules: list[Rule] = []
    for service in services:
        if service.pricing is None:
            continue
        for b in by_id[budget].concrete_options:
            cap = budget_cap(by_id[budget], b.id)
            if cap is None or cap <= 0 or (service.pricing.monthly_usd or 0.0) >= cap:
                continue  # no limit; or the subscription alone reaches it, which a budget rule says
            rules += _over_budget(service, budget, b.id, cap, weekly, by_id[weekly].concrete_options, kinds, weeks)
    return rules


def _over_budget(
    service: Service,
    budget: str,
    option: str,
    cap: float,
    weekly: str,
    hours: list[Option],
    kinds: list[tuple[str, str, tuple[str, ...]]],
    weeks: float,
) -> list[Rule]:
    """For one service and budget option: a rule per set of machine answers that go over the budget
    at the same weekly hours (merged, so the walk weighs few rules), told at the fewest of those hours."""
    assert service.pricing is not None
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, Price, float, tuple[str, ...]]]] = {}
    for qid, answer, kind in kinds:
        over: list[tuple[str, Price, float]] = []
        for w in hours:
            if w.value is None:
                continue
            cost = price(service.pricing, kind, w.value, weeks)
            if cost.least is not None and cost.least > cap + 0.005:
                over.append((w.id, cost, w.value))
        if over:
            key = (qid, tuple(w for w, _, _ in over))
            groups.setdefault(key, []).append((answer, over[0][1], over[0][2], kind))
    refs = tuple(FactRef(service.id, fact) for fact in service.pricing.facts)
    rules = []
    for (qid, over_hours), answers in groups.items():
        first, cost, at, kind = answers[0]
        least = cost.least or 0.0
        more = " or more" if len(over_hours) > 1 else ""
        rules.append(
            Rule(
                id=f"cost-{service.id}-{option}-{qid}-{first}",
                effect=Effect.against,
                reason=(
                    f"At about {at:g} hours a week{more} on {machine_name(kind[0])}, {service.name} would cost "
                    f"about {money(least)} a month{more}, more than this budget ({cost.working})."
                ),
                when={budget: [option], weekly: list(over_hours), qid: [a for a, _, _, _ in answers]},
                services=(service.id,),
                weight=3,
                facts=refs,
            )
        )
    return rules
