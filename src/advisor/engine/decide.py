"""The decision: which service wins for a set of answers, and why.

Hit policy (also in docs): every rule whose conditions hold fires. ``exclude`` removes a service
whatever else fires; ``for`` and ``against`` add or subtract their weight; services left in are
ranked by score, and a tie goes to the service listed first in ``services.yaml``.

"Not sure" is handled honestly. A question answered "not sure" (or reached and left unanswered)
stands for every option the person might mean. The engine searches those possible worlds with
branch and bound: it splits on one uncertain question at a time and stops splitting as soon as
one service wins whatever the remaining uncertain answers are. If one service wins in every world
the recommendation holds regardless; otherwise the result says which answer would settle it.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product

from ..pack.core import NOT_SURE, Effect, Pack, Rule, Service
from ..record import Record, field
from .reach import is_reached

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
    cached = pack.derived.get("compiled-rules")
    if not isinstance(cached, list):
        cached = [CompiledRule(r, tuple((q, frozenset(opts)) for q, opts in r.when.items())) for r in pack.rules]
        pack.derived["compiled-rules"] = cached
    return cached


class Leaf(Record):
    """A region of possible worlds with one winner ('' when every service is ruled out)."""

    assumed: tuple[tuple[str, str], ...]
    winner: str
    worlds: int


class _Search:
    """Branch and bound over the uncertain answers, on bit masks.

    Each question's knowledge is a bit mask over its options: one bit when answered, several when
    the person is not sure, zero when the question is not asked. A rule's condition holds surely
    when the mask lies inside the allowed options, surely not when they do not meet.
    """

    def __init__(self, pack: Pack):
        self.pack = pack
        self.qids = [q.id for q in pack.questions]
        self.qpos = {qid: i for i, qid in enumerate(self.qids)}
        self.bits = [{o.id: 1 << j for j, o in enumerate(q.options)} for q in pack.questions]
        self.sids = [s.id for s in pack.services]
        spos = {sid: i for i, sid in enumerate(self.sids)}
        self.rules: list[tuple[tuple[tuple[int, int], ...], Effect, tuple[int, ...], int]] = []
        for compiled in compile_rules(pack):
            rule = compiled.rule
            if rule.effect is Effect.caveat:
                continue
            conds = tuple(
                (self.qpos[q], sum(self.bits[self.qpos[q]][o] for o in allowed)) for q, allowed in compiled.conditions
            )
            self.rules.append((conds, rule.effect, tuple(spos[s] for s in rule.services), rule.weight))
        self.memo: dict[tuple[object, ...], list[tuple[tuple[tuple[int, int], ...], int, int]]] = {}
        self.by_question: list[list[int]] = [[] for _ in self.qids]
        for ri, (conds, _, _, _) in enumerate(self.rules):
            for qi, _ in conds:
                self.by_question[qi].append(ri)

    def masks(self, known: Knowledge) -> list[int]:
        masks = [0] * len(self.qids)
        for qid, option in known.fixed.items():
            i = self.qpos[qid]
            masks[i] = self.bits[i][option]
        for qid, options in known.open.items():
            i = self.qpos[qid]
            masks[i] = sum(self.bits[i][o] for o in options)
        return masks

    def winner(self, statuses: list[Tri]) -> int | None:
        """Index of the sure winner, -1 when every service is out, None when it depends.

        ``low[s][t]`` is the least that s can lead t by, over every answer still possible: the
        sure rules count fully, an unsure rule counts only when it hurts s against t.
        """
        n = len(self.sids)
        base = [0] * n
        surely_out = [False] * n
        maybe_out = [False] * n
        low = [[0] * n for _ in range(n)]
        for (_, effect, services, weight), status in zip(self.rules, statuses):
            if status is False:
                continue
            if effect is Effect.exclude:
                for i in services:
                    maybe_out[i] = True
                    if status:
                        surely_out[i] = True
                continue
            sign = weight if effect is Effect.for_ else -weight
            if status:
                for i in services:
                    base[i] += sign
            elif sign > 0:  # may lift the services it names above the others
                for t in services:
                    for s in range(n):
                        if s not in services:
                            low[s][t] -= sign
            else:  # may pull the services it names down
                for s in services:
                    for t in range(n):
                        if t not in services:
                            low[s][t] += sign
        alive = [i for i in range(n) if not surely_out[i]]
        if not alive:
            return -1
        for s in alive:
            if maybe_out[s]:
                continue
            row = low[s]
            for t in alive:
                if t == s:
                    continue
                lead = base[s] - base[t] + row[t]
                if lead < 0 or (lead == 0 and t < s):
                    break
            else:
                return s
        return None

    def status_of(self, conds: tuple[tuple[int, int], ...], masks: list[int]) -> Tri:
        status: Tri = True
        for qi, allowed in conds:
            m = masks[qi]
            if not m & allowed:
                return False
            if m & ~allowed:
                status = None
        return status

    def statuses(self, masks: list[int]) -> list[Tri]:
        return [self.status_of(conds, masks) for conds, _, _, _ in self.rules]

    def run(
        self, masks: list[int], statuses: list[Tri] | None = None, changed: int | None = None
    ) -> list[tuple[tuple[tuple[int, int], ...], int, int]]:
        """Leaves as (assumed (question, option bit) pairs, winner index, worlds)."""
        if statuses is None or changed is None:
            statuses = self.statuses(masks)
        else:  # only the rules that test the question just narrowed can change
            statuses = list(statuses)
            for ri in self.by_question[changed]:
                statuses[ri] = self.status_of(self.rules[ri][0], masks)
        open_qs = tuple(i for i, m in enumerate(masks) if m & (m - 1))
        key = (tuple(statuses), tuple(masks[i] for i in open_qs))
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        worlds = 1
        for i in open_qs:
            worlds *= bin(masks[i]).count("1")
        winner = self.winner(statuses)
        result: list[tuple[tuple[tuple[int, int], ...], int, int]]
        if winner is not None:
            result = [((), winner, worlds)]
        else:
            counts: dict[int, int] = {}
            for (conds, _, _, _), status in zip(self.rules, statuses):
                if status is None:
                    for qi, _ in conds:
                        if masks[qi] & (masks[qi] - 1):
                            counts[qi] = counts.get(qi, 0) + 1
            split = max(counts, key=lambda q: (counts[q], -q))
            result = []
            m = masks[split]
            while m:
                bit = m & -m
                m ^= bit
                narrowed = list(masks)
                narrowed[split] = bit
                for assumed, w, n in self.run(narrowed, statuses, split):
                    result.append((((split, bit),) + assumed, w, n))
        self.memo[key] = result
        return result


def search(pack: Pack, known: Knowledge) -> list[Leaf]:
    """Split on uncertain answers until each region has one winner (branch and bound)."""
    engine = pack.derived.get("search")
    if not isinstance(engine, _Search):
        engine = _Search(pack)
        pack.derived["search"] = engine
    if len(engine.memo) > 50_000:
        engine.memo.clear()
    leaves = []
    for assumed, winner, worlds in engine.run(engine.masks(known)):
        named = tuple((engine.qids[qi], next(o for o, b in engine.bits[qi].items() if b == bit)) for qi, bit in assumed)
        leaves.append(Leaf(named, engine.sids[winner] if winner >= 0 else "", worlds))
    return leaves


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

    def standing(self, service_id: str) -> Standing:
        for s in self.ranking:
            if s.service.id == service_id:
                return s
        raise KeyError(service_id)


def _shares(leaves: list[Leaf]) -> dict[str, float]:
    total = sum(leaf.worlds for leaf in leaves) or 1
    shares: dict[str, float] = {}
    for leaf in leaves:
        shares[leaf.winner] = shares.get(leaf.winner, 0) + leaf.worlds / total
    return shares


def _depends(pack: Pack, leaves: list[Leaf], known: Knowledge) -> Depends:
    involved = tuple(q.id for q in pack.questions if q.id in known.open)
    for qid in involved:
        outcomes: list[tuple[str, str]] = []
        for option_id in known.open[qid]:
            winners = {leaf.winner for leaf in leaves if dict(leaf.assumed).get(qid, option_id) == option_id}
            if len(winners) != 1:
                break
            outcomes.append((option_id, winners.pop()))
        else:
            return Depends(qid, tuple(outcomes), involved)
    split = tuple(q for q in involved if any(q in dict(leaf.assumed) for leaf in leaves))
    return Depends(None, (), split or involved)


def winner_of(pack: Pack, chosen: Mapping[str, str]) -> str:
    """The service that wins in most possible worlds ('' if none is left)."""
    leaves = search(pack, knowledge_from(pack, chosen))
    shares = _shares(leaves)
    order = [s.id for s in pack.services]
    return max(shares, key=lambda sid: (shares[sid], sid != "", -order.index(sid) if sid in order else 0))


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
    rules = compile_rules(pack)
    leaves = search(pack, known)
    shares = _shares(leaves)
    order = [s.id for s in pack.services]

    standings = {s.id: Standing(s, 0, False, shares.get(s.id, 0.0)) for s in pack.services}
    caveat_firings: list[Firing] = []
    for compiled in rules:
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

    ranking = sorted(
        standings.values(),
        key=lambda st: (st.excluded, -st.share, -st.score, order.index(st.service.id)),
    )
    winners = {leaf.winner for leaf in leaves}
    top = ranking[0] if ranking and not ranking[0].excluded and ranking[0].share > 0 else None
    recommendation = top.service if top else None
    runner = next((st.service for st in ranking[1:] if not st.excluded), None) if top else None
    settled = len(winners) == 1 and "" not in winners
    depends = None if settled else _depends(pack, leaves, known)

    caveats = [
        f
        for f in caveat_firings
        if not f.rule.services or (recommendation is not None and recommendation.id in f.rule.services)
    ]
    result = Result(
        chosen=dict(chosen),
        ranking=ranking,
        recommendation=recommendation,
        runner_up=runner,
        settled=settled,
        depends=depends,
        caveats=caveats,
        what_if=[],
        unsure=list(known.open),
    )
    # what-ifs re-run the search for every other answer; while many answers are open the
    # honest advice is "settle those first" (see Result.depends), so they wait until then
    if what_if and recommendation is not None and (settled or known.worlds <= WHAT_IF_WORLDS):
        result.what_if = what_ifs(pack, chosen, recommendation.id)
    elif what_if and recommendation is not None:
        result.what_if_waiting = True
    return result


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
    for qa, qb in ((a, b) for i, a in enumerate(answered) for b in answered[i + 1 :]):
        for oa, ob in product(qa.concrete_options, qb.concrete_options):
            if oa.id == chosen[qa.id] or ob.id == chosen[qb.id]:
                continue
            changed = dict(chosen)
            changed[qa.id], changed[qb.id] = oa.id, ob.id
            winner = winner_of(pack, prune(pack, changed))
            if winner and winner != current:
                found.append(WhatIf(((qa.id, oa.id), (qb.id, ob.id)), winner))
        if len(found) >= limit:
            break
    return _spread(found, limit)


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
