"""The decision: which service wins for a set of answers, and why.

Hit policy (also in docs): every rule whose conditions hold fires. ``exclude`` removes a service
whatever else fires; ``for`` and ``against`` add or subtract their weight; services left in are
ranked by score, and a tie goes to the service listed first in ``services.yaml``.

"Not sure" is handled honestly. A question answered "not sure" (or reached and left unanswered)
stands for every option the person might mean, each weighted by its ``prior`` in the pack (how
common it is among people who reach that question). ``worlds.py`` weighs every reading of the
open answers exactly, without listing them: the chance that each service wins, and the chance of
each winner given each open answer. If one service wins in every reading the recommendation is
*settled*; otherwise the recommendation is the service most likely to
win, its probability is the *confidence*, and the result names the assumptions that carried it
and the one question whose answer would help most.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product

from ..pack.core import NOT_SURE, Effect, Pack, Rule, Service
from ..record import Record, field
from .reach import is_reached
from .worlds import Worlds, worlds

# A condition is False, True, or None for "depends on an answer the person is not sure of".
Tri = bool | None


class Knowledge(Record):
    """What is known of each question: a fixed option, a set of possible options, or not asked."""

    fixed: Mapping[str, str]
    open: Mapping[str, tuple[str, ...]]

    def holds(self, question_id: str, allowed: frozenset[str]) -> Tri:
        if question_id in self.fixed:
            return self.fixed[question_id] in allowed
        possible = self.open.get(question_id)
        if possible is None:
            return False
        inside = sum(1 for o in possible if o in allowed)
        if inside == len(possible):
            return True
        if inside == 0:
            return False
        return None

    @property
    def worlds(self) -> int:
        count = 1
        for opts in self.open.values():
            count *= len(opts)
        return count


class CompiledRule(Record):
    rule: Rule
    conditions: tuple[tuple[str, frozenset[str]], ...]

    def status(self, known: Knowledge) -> Tri:
        result: Tri = True
        for question_id, allowed in self.conditions:
            holds = known.holds(question_id, allowed)
            if holds is False:
                return False
            if holds is None:
                result = None
        return result


def compile_rules(pack: Pack) -> list[CompiledRule]:
    return pack.derived.once(
        "compiled-rules",
        lambda: [CompiledRule(r, tuple((q, frozenset(opts)) for q, opts in r.when.items())) for r in pack.rules],
    )


# --------------------------------------------------------------------------------------------
# Reachability of questions


def knowledge_from(pack: Pack, chosen: Mapping[str, str]) -> Knowledge:
    """Fixed answers, plus every reached question without a concrete answer as 'not sure'."""
    fixed: dict[str, str] = {}
    open_: dict[str, tuple[str, ...]] = {}
    effective: dict[str, str] = {}  # unanswered questions count as "not sure" for reachability
    for question in pack.questions:
        if not is_reached(question, effective):
            continue
        option = chosen.get(question.id)
        effective[question.id] = option or NOT_SURE
        if option is None or option == NOT_SURE:
            open_[question.id] = tuple(o.id for o in question.concrete_options)
        else:
            fixed[question.id] = option
    return Knowledge(fixed, open_)


# --------------------------------------------------------------------------------------------
# The result


class Firing(Record):
    """A rule that fires (``certain``) or may fire depending on answers the person is not sure of."""

    rule: Rule
    certain: bool
    answers: tuple[tuple[str, str], ...]  # (question id, option id) of the answers it rests on
    unsure: tuple[str, ...]  # question ids it depends on that the person was not sure of


class Standing(Record):
    service: Service
    score: int
    excluded: bool
    share: float
    for_: list[Firing] = field(default_factory=list)
    against: list[Firing] = field(default_factory=list)
    excluded_by: list[Firing] = field(default_factory=list)


class Depends(Record):
    """The recommendation depends on an answer the person was not sure of."""

    question: str | None  # the one question that settles it, if there is one
    outcomes: tuple[tuple[str, str], ...]  # option id -> winning service id
    questions: tuple[str, ...]  # every uncertain question involved


class WhatIf(Record):
    changes: tuple[tuple[str, str], ...]
    recommendation: str


class Result(Record):
    chosen: dict[str, str]
    ranking: list[Standing]
    recommendation: Service | None
    runner_up: Service | None
    settled: bool
    depends: Depends | None
    caveats: list[Firing]
    what_if: list[WhatIf]
    unsure: list[str]
    what_if_waiting: bool = False  # not worked out: too many answers still open
    confidence: float = 1.0  # the probability that the recommendation wins, over the open answers
    settle_by: Settle | None = None  # the open question whose answer would help most
    assumed: list[Assumption] = field(default_factory=list)  # what the recommendation takes for granted

    def standing(self, service_id: str) -> Standing:
        for s in self.ranking:
            if s.service.id == service_id:
                return s
        raise KeyError(service_id)


class Outcome(Record):
    """What one answer to an open question would make of the recommendation."""

    option: str
    prior: float  # how likely this answer is, from the pack's priors
    winner: str  # the service most likely to win then ('' if nothing fits)
    probability: float  # how likely that service wins, given this answer


class Settle(Record):
    """The open question whose answer would help most, and what each answer would change."""

    question: str
    outcomes: tuple[Outcome, ...]


class Assumption(Record):
    """An open question, and the answers to it under which the recommendation holds."""

    question: str
    options: tuple[str, ...]
    probability: float  # how likely one of these answers is (the pack's priors)


def _best(winners: Mapping[str, float], order: list[str]) -> tuple[str, float]:
    if not winners:
        return "", 0.0
    best = max(winners, key=lambda w: (round(winners[w], 9), w != "", -order.index(w) if w in order else 0))
    return best, winners[best]


def _settle_and_assume(pack: Pack, found: Worlds, recommendation: str) -> tuple[Settle | None, list[Assumption]]:
    """The open question whose answer helps most, and what the recommendation takes for granted.

    The settling question is the one whose answer leaves the best expected chance of being right.
    An assumption is an open question whose likely answers favour the recommendation: the answers
    under which its chance is at least what it is overall, when most people give one of them.
    Assumptions come most decisive first (the biggest fall in its chance if one is wrong).
    """
    order = [s.id for s in pack.services]
    best: tuple[float, Settle] | None = None
    ranked: list[tuple[float, Assumption]] = []
    overall = found.shares.get(recommendation, 0.0)
    for question in pack.questions:
        given = found.given.get(question.id)
        if not given:
            continue
        reach = found.reach[question.id]
        mass = sum(reach.values()) or 1.0
        outcomes = tuple(Outcome(o, reach[o] / mass, *_best(given[o], order)) for o in given)
        if len({oc.winner for oc in outcomes}) < 2 and all(oc.probability > 0.999 for oc in outcomes):
            continue  # this answer changes nothing
        # a question whose answers lead to different services settles more than one that only
        # makes the same service surer
        expected = sum(oc.prior * oc.probability for oc in outcomes)
        expected += 1.0 if len({oc.winner for oc in outcomes if oc.prior > 0.01 and oc.winner}) > 1 else 0.0
        if best is None or expected > best[0] + 1e-9:
            best = (expected, Settle(question.id, outcomes))
        chance = {o: given[o].get(recommendation, 0.0) for o in given}
        holds = tuple(o for o in given if chance[o] >= overall - 1e-9)
        if not holds or len(holds) == len(given):
            continue
        p_holds = sum(reach[o] for o in holds) / mass
        p_not = 1 - p_holds
        if p_not <= 0 or p_holds <= 0.5:
            continue  # an assumption is what most people would answer; rarer answers are for settle_by
        chance_not = sum(reach[o] * chance[o] for o in given if o not in holds) / mass / p_not
        ranked.append((overall - chance_not, Assumption(question.id, holds, p_holds)))
    ranked.sort(key=lambda pair: (-pair[0], pack.order[pair[1].question]))
    return (best[1] if best else None), [a for drop, a in ranked if drop > 0.01]


def _depends(pack: Pack, found: Worlds, known: Knowledge) -> Depends:
    """The one open question whose every answer settles the result, if there is one."""
    involved = tuple(q.id for q in pack.questions if q.id in known.open)
    for qid in involved:
        given = found.given.get(qid)
        if not given:
            continue
        outcomes: list[tuple[str, str]] = []
        for option_id, winners in given.items():
            possible = [w for w, p in winners.items() if p > 0]
            if len(possible) != 1:
                break
            outcomes.append((option_id, possible[0]))
        else:
            if len({w for _, w in outcomes}) > 1:
                return Depends(qid, tuple(outcomes), involved)
    split = tuple(q for q in involved if q in found.given)
    return Depends(None, (), split or involved)


def winner_of(pack: Pack, chosen: Mapping[str, str]) -> str:
    """The service most likely to win ('' if nothing fits in most readings)."""
    shares = worlds(pack, chosen, conditionals=False).shares
    return _best(shares, [s.id for s in pack.services])[0]


def prune(pack: Pack, chosen: Mapping[str, str]) -> dict[str, str]:
    """Drop answers to questions that earlier answers no longer reach (in question order)."""
    kept: dict[str, str] = {}
    for question in pack.questions:
        if question.id in chosen and is_reached(question, kept):
            kept[question.id] = chosen[question.id]
    return kept


def decide(pack: Pack, chosen: Mapping[str, str], *, what_if: bool = True) -> Result:
    """Rank the services for the options ``chosen`` (question id -> option id)."""
    chosen = prune(pack, chosen)
    known = knowledge_from(pack, chosen)
    found = worlds(pack, chosen)
    shares = found.shares
    order = [s.id for s in pack.services]
    standings, caveat_firings = _standings(pack, known, shares)
    ranking = sorted(
        standings.values(),
        key=lambda st: (st.excluded, -st.share, -st.score, order.index(st.service.id)),
    )
    winners = {w for w, p in shares.items() if p > 0}
    top = ranking[0] if ranking and not ranking[0].excluded and ranking[0].share > 0 else None
    recommendation = top.service if top else None
    runner = next((st.service for st in ranking[1:] if not st.excluded), None) if top else None
    settled = len(winners) == 1 and "" not in winners
    settle_by, assumed = (
        (None, []) if settled else _settle_and_assume(pack, found, recommendation.id if recommendation else "")
    )
    result = Result(
        chosen=dict(chosen),
        ranking=ranking,
        recommendation=recommendation,
        runner_up=runner,
        settled=settled,
        depends=None if settled else _depends(pack, found, known),
        caveats=_caveats_for(caveat_firings, recommendation),
        what_if=[],
        unsure=list(known.open),
        confidence=shares.get(recommendation.id, 0.0) if recommendation else 0.0,
        settle_by=settle_by,
        assumed=assumed,
    )
    # what-ifs re-run the search for every other answer; while many answers are open the
    # honest advice is "settle those first" (see Result.depends), so they wait until then
    if what_if and recommendation is not None and (settled or known.worlds <= WHAT_IF_WORLDS):
        result.what_if = what_ifs(pack, chosen, recommendation.id)
    elif what_if and recommendation is not None:
        result.what_if_waiting = True
    return result


def _standings(pack: Pack, known: Knowledge, shares: dict[str, float]) -> tuple[dict[str, Standing], list[Firing]]:
    """Each service's standing from the rules that fire (certainly or in some readings), and the
    caveats that fire."""
    standings = {s.id: Standing(s, 0, False, shares.get(s.id, 0.0)) for s in pack.services}
    caveat_firings: list[Firing] = []
    for compiled in compile_rules(pack):
        status = compiled.status(known)
        if status is False:
            continue
        firing = Firing(
            compiled.rule,
            bool(status),
            tuple((q, known.fixed[q]) for q, _ in compiled.conditions if q in known.fixed),
            tuple(q for q, _ in compiled.conditions if q in known.open),
        )
        effect = compiled.rule.effect
        if effect is Effect.caveat:
            caveat_firings.append(firing)
            continue
        for sid in compiled.rule.services:
            st = standings[sid]
            if effect is Effect.exclude:
                st.excluded_by.append(firing)
                st.excluded = st.excluded or firing.certain
            elif effect is Effect.for_:
                st.for_.append(firing)
                st.score += compiled.rule.weight if firing.certain else 0
            else:
                st.against.append(firing)
                st.score -= compiled.rule.weight if firing.certain else 0
    return standings, caveat_firings


def _caveats_for(firings: list[Firing], recommendation: Service | None) -> list[Firing]:
    """The caveats that name no service or the recommendation; those that explain why nothing fits
    only when nothing does."""

    def about(f: Firing) -> bool:
        if f.rule.explains_no_fit:
            return recommendation is None
        return not f.rule.services or (recommendation is not None and recommendation.id in f.rule.services)

    return [f for f in firings if about(f)]


WHAT_IF_WORLDS = 24


def what_ifs(pack: Pack, chosen: Mapping[str, str], current: str, limit: int = 8) -> list[WhatIf]:
    """The smallest changes of answers that would change the recommendation.

    Single changes first (each other option of each answered question); only when no single
    change makes a difference, pairs of changes.
    """
    answered = [q for q in pack.questions if chosen.get(q.id) not in (None, NOT_SURE)]
    found: list[WhatIf] = []
    for question in answered:
        for option in question.concrete_options:
            if option.id == chosen[question.id]:
                continue
            changed = dict(chosen)
            changed[question.id] = option.id
            winner = winner_of(pack, prune(pack, changed))
            if winner and winner != current:
                found.append(WhatIf(((question.id, option.id),), winner))
    if found:
        return _spread(found, limit)
    # pairs: the most promising first (answers whose rules favour another service most), and only
    # so many tries, so a result that no small change can move is still explained in time
    pull = _pull(pack, current)
    pairs = [
        (pull.get((qa.id, oa.id), 0) + pull.get((qb.id, ob.id), 0), (qa.id, oa.id), (qb.id, ob.id))
        for i, qa in enumerate(answered)
        for qb in answered[i + 1 :]
        for oa, ob in product(qa.concrete_options, qb.concrete_options)
        if oa.id != chosen[qa.id] and ob.id != chosen[qb.id]
    ]
    pairs.sort(key=lambda t: -t[0])
    for _, (qa_id, oa_id), (qb_id, ob_id) in pairs[:PAIR_TRIES]:
        changed = dict(chosen)
        changed[qa_id], changed[qb_id] = oa_id, ob_id
        winner = winner_of(pack, prune(pack, changed))
        if winner and winner != current:
            found.append(WhatIf(((qa_id, oa_id), (qb_id, ob_id)), winner))
            if len(found) >= limit:
                break
    return _spread(found, limit)


PAIR_TRIES = 24  # pairs of changes re-decided at most, most promising first


def _pull(pack: Pack, current: str) -> dict[tuple[str, str], int]:
    """How much choosing each option could move the result away from ``current``: the weight of
    the rules it takes part in that favour another service or count against, or rule out, this one."""
    pull: dict[tuple[str, str], int] = {}
    for rule in pack.rules:
        if rule.effect is Effect.caveat:
            continue
        if rule.effect is Effect.for_:
            moves = any(s != current for s in rule.services)
        else:
            moves = current in rule.services
        if not moves:
            continue
        weight = 10 if rule.effect is Effect.exclude else rule.weight
        for qid, options in rule.when.items():
            for option in options:
                pull[(qid, option)] = pull.get((qid, option), 0) + weight
    return pull


def _spread(found: list[WhatIf], limit: int) -> list[WhatIf]:
    """Keep the list short but varied: first one change per resulting service, then the rest."""
    chosen: list[WhatIf] = []
    seen: set[str] = set()
    for w in found:
        if w.recommendation not in seen:
            chosen.append(w)
            seen.add(w.recommendation)
    for w in found:
        if len(chosen) >= limit:
            break
        if w not in chosen:
            chosen.append(w)
    return chosen[:limit]


def separates(pack: Pack, question_id: str, chosen: Mapping[str, str]) -> list[str]:
    """Services whose standing the answer to ``question_id`` can still change, in pack order."""
    affected: set[str] = set()
    for compiled in compile_rules(pack):
        if compiled.rule.effect is Effect.caveat:
            continue
        if not any(q == question_id for q, _ in compiled.conditions):
            continue
        # a rule still matters unless another of its conditions is already answered otherwise
        if all(
            q == question_id or chosen.get(q) in (None, NOT_SURE) or chosen[q] in allowed
            for q, allowed in compiled.conditions
        ):
            affected.update(compiled.rule.services)
    # a service ruled out already cannot be separated any more
    out = ruled_out(pack, chosen)  # surely ruled out already: nothing left to separate
    return [s.id for s in pack.services if s.id in affected and s.id not in out]


def ruled_out(pack: Pack, chosen: Mapping[str, str]) -> dict[str, str]:
    """Services surely ruled out by the answers so far -> the first reason (cheap: no search)."""
    known = knowledge_from(pack, prune(pack, chosen))
    out: dict[str, str] = {}
    for compiled in compile_rules(pack):
        if compiled.rule.effect is not Effect.exclude or compiled.status(known) is not True:
            continue
        for sid in compiled.rule.services:
            out.setdefault(sid, compiled.rule.reason)
    return {s.id: out[s.id] for s in pack.services if s.id in out}
