"""The chance that each service wins, over every reading of the answers a person left open.

A question answered "not sure", or reached and not answered yet, stands for each of its options
weighted by the option's ``prior``. A *world* gives every open question one option; the service
that wins there (by the hit policy in ``decide.py``) wins with the world's probability, the product
of its priors. Follow-up questions count only in the worlds that reach them.

There are far too many worlds to list (about 10^8 with nothing answered), so the engine walks the
questions one at a time and keeps, for each partial world, only what can still matter:

* the answers that later rules or later ``ask_if`` conditions still test (the *frontier*),
* each service's score so far (shifted so the first service still in is 0: only differences count),
* which services are out.

A service is dropped as soon as one that can no longer be ruled out leads it by more than the
remaining rules can change, and a partial world whose winner is certain is finished early. Partial
worlds that agree on all three are merged, adding their probabilities. The walk is exact.

A second, backward walk gives for every partial world the chance of each final winner, so one
forward and one backward pass also give, for every open question and each of its options, the
chance of each winner *given* that answer: what answering that question would change.

Options with prior 0 are kept with a negligible weight so that "settled" still means "wins in every
reading", as the old exhaustive search did.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..pack.core import NOT_SURE, Effect, Pack, Question
from ..record import Record

TINY = 1e-12  # the weight of an option whose prior is 0: possible, but negligible
BITS, BIAS = 20, 1 << 19  # packed scores: each service's score fits in +-2^19 (weights are at most 100 a rule)
MASK = (1 << BITS) - 1

# the answers a partial world still needs: (step, option class) pairs
Front = tuple[tuple[int, str], ...]
# a partial world: (frontier id, packed scores, services-out bit mask), or once its winner is
# certain (frontier id, -1, winner index; the number of services for "nothing fits")
State = tuple[int, int, int]
# one answer a step can take: (option, weight, score change or None, services ruled out, new frontier)
Move = tuple[str | None, float, tuple[int, ...] | None, int, tuple[tuple[int, str], ...]]


class _Step(Record, eq=False):
    """One question in the walk, with the rules whose last question it is."""

    question: Question
    rules: list[tuple[tuple[tuple[int, frozenset[str]], ...], int, tuple[int, ...], int]]
    # ^ (conditions as (step, allowed options), effect code, service indexes, signed weight)
    keep: tuple[int, ...]  # steps whose answers are still needed after this one
    classes: dict[int, dict[str, str]]  # for each kept step: option -> the first option later conditions treat alike
    asks: tuple[tuple[tuple[int, frozenset[str]], ...], ...]  # ask_if as (step, options), any of them


_EXCLUDE, _SCORE = 0, 1


class Walk:
    """The pack compiled for the walk: question order, rules per step, what to remember. Built once per pack."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.sids = [s.id for s in pack.services]
        spos = {s: i for i, s in enumerate(self.sids)}
        rules = [r for r in pack.rules if r.effect is not Effect.caveat and r.when]
        self.always = [r for r in pack.rules if r.effect is not Effect.caveat and not r.when]
        order = _order(pack)
        self.order = order
        pos = {q.id: i for i, q in enumerate(order)}
        self.pos = pos
        last = {id(r): max(pos[q] for q in r.when) for r in rules}
        steps: list[_Step] = []
        for i, question in enumerate(order):
            mine = []
            for r in rules:
                if last[id(r)] != i:
                    continue
                conds = tuple((pos[q], frozenset(opts)) for q, opts in r.when.items())
                code = _EXCLUDE if r.effect is Effect.exclude else _SCORE
                signed = r.weight if r.effect is Effect.for_ else -r.weight
                mine.append((conds, code, tuple(spos[s] for s in r.services), signed))
            needed: set[int] = set()
            tests: dict[int, list[frozenset[str]]] = {}
            for r in rules:
                if last[id(r)] > i:
                    for q, opts in r.when.items():
                        if pos[q] <= i:
                            needed.add(pos[q])
                            tests.setdefault(pos[q], []).append(frozenset(opts))
            for later in order[i + 1 :]:
                for cond in later.conditions:
                    for q, opts in cond.items():
                        if pos[q] <= i:
                            needed.add(pos[q])
                            tests.setdefault(pos[q], []).append(frozenset(opts))
            classes = {j: _classes(order[j], tests.get(j, [])) for j in needed}
            asks = tuple(tuple((pos[q], frozenset(opts)) for q, opts in cond.items()) for cond in question.conditions)
            steps.append(_Step(question, mine, tuple(sorted(needed)), classes, asks))
        self.steps = steps
        # bounds of partial worlds, kept across decisions: (step, frontier, later answers) -> bounds
        self.bounds: dict[tuple[int, Front, tuple[str | None, ...]], tuple[tuple[int, ...], tuple[int, ...], int]] = {}


def _classes(question: Question, tests: list[frozenset[str]]) -> dict[str, str]:
    """Options that every later condition treats alike map to the first of them."""
    first: dict[tuple[bool, ...], str] = {}
    out: dict[str, str] = {}
    for option in question.options:
        signature = tuple(option.id in t for t in tests)
        out[option.id] = first.setdefault(signature, option.id)
    return out


def _order(pack: Pack) -> list[Question]:
    """The order of the walk: questions that can rule services out first (the bounds bite sooner),
    each after the questions its ``ask_if`` reads, and a follow-up as soon as it can be asked (so
    the walk can forget what it depends on sooner)."""
    excludes = {q.id: 0 for q in pack.questions}
    weight = {q.id: 0.0 for q in pack.questions}
    for r in pack.rules:
        if r.effect is Effect.caveat:
            continue
        for qid in r.when:
            if r.effect is Effect.exclude:
                excludes[qid] += 1
            else:
                weight[qid] += r.weight / len(r.when)
    deps = {q.id: {c for cond in q.conditions for c in cond} for q in pack.questions}
    done: list[str] = []
    left = [q.id for q in pack.questions]
    while left:
        ready = [q for q in left if deps[q] <= set(done)] or left[:1]
        follow = [q for q in ready if deps[q]]
        pool = follow or ready
        best = max(pool, key=lambda q: (excludes[q] > 0, excludes[q], weight[q], -left.index(q)))
        done.append(best)
        left.remove(best)
    return [pack.question(q) for q in done]


class Worlds(Record):
    """What the walk found: how likely each winner is, overall and given each open answer."""

    shares: dict[str, float]  # service id ('' for "nothing fits") -> probability of winning
    given: dict[str, dict[str, dict[str, float]]]  # open question -> option -> winner -> probability
    reach: dict[str, dict[str, float]]  # open question -> option -> probability it is asked and so answered


def walk_of(pack: Pack) -> Walk:
    return pack.derived.once("walk", lambda: Walk(pack))


Bounds = tuple[tuple[int, ...], tuple[int, ...], int]  # most each service can gain, lose; who can go
Settle = Callable[[int, int, int, int], tuple[int, int, int]]
Moves = list[dict[State, list[tuple[str | None, float, State]]]]


def worlds(pack: Pack, chosen: Mapping[str, str], *, conditionals: bool = True) -> Worlds:
    """Walk every reading of the open answers (``chosen``: question id -> option id or not-sure).

    ``conditionals=False`` skips the backward walk: only the overall chances, about half the work.
    """
    w = walk_of(pack)
    n = len(w.sids)
    said = {q: o for q, o in chosen.items() if o != NOT_SURE}  # "not sure" is open, like unanswered
    fronts = _Fronts()
    settle = _settler(n, _bounder(w, said), fronts)
    start, layers, moves = _forward(w, chosen, settle, fronts)
    winner_of = _final_winners(layers[-1], n)
    possible = set(winner_of.values())
    names = [*w.sids, ""]
    if len(possible) == 1:  # settled: every reading has the same winner, nothing to condition on
        return Worlds({names[possible.pop()]: 1.0}, {}, {})
    if not conditionals:
        chance = [0.0] * (n + 1)
        for state, p in layers[-1].items():
            chance[winner_of[state]] += p
        return Worlds({names[k]: chance[k] for k in range(n + 1) if chance[k] > 0}, {}, {})
    values, joint = _backward(w, chosen, layers, moves, winner_of)
    total = values[start] if start in values else _one_hot(start[2], n)
    return _summary(total, joint, names)


class _Fronts:
    """The frontiers one walk has met, numbered, so a partial world carries a small int."""

    def __init__(self) -> None:
        self.items: list[Front] = [()]
        self._ids: dict[Front, int] = {(): 0}

    def id(self, front: Front) -> int:
        got = self._ids.get(front)
        if got is None:
            got = self._ids[front] = len(self.items)
            self.items.append(front)
        return got


# Scores travel packed into one integer, BITS bits per service, each offset by BIAS: adding a
# rule's score changes is then one integer addition, and a partial world hashes as three ints.


def _packed(scores: list[int] | tuple[int, ...]) -> int:
    return sum((v + BIAS) << (BITS * k) for k, v in enumerate(scores))


def _unpacked(packed: int, n: int) -> list[int]:
    return [((packed >> (BITS * k)) & MASK) - BIAS for k in range(n)]


def _may_be_asked(w: Walk, step: _Step, known: dict[int, str], said: Mapping[str, str]) -> bool:
    """A follow-up is asked only when its ask_if holds: false once every condition is decided against."""
    if not step.asks or step.question.id in said:
        return True
    for cond in step.asks:
        if not all(k in known or w.order[k].id in said for k, _ in cond):
            return True
        if all((said[w.order[k].id] if w.order[k].id in said else known[k]) in opts for k, opts in cond):
            return True
    return False


def _step_bounds(step: _Step, j: int, options: list[str], known: dict[int, str], n: int) -> Bounds:
    """At step j, choosing the best (or the worst) option: the most each service gains and loses."""
    gain, loss, ex = [0] * n, [0] * n, 0
    for option in options:
        plus, minus = [0] * n, [0] * n
        for conds, code, services, signed in step.rules:
            if not all(
                (option in allowed) if k == j else (known[k] in allowed) if k in known else True for k, allowed in conds
            ):
                continue
            if code == _EXCLUDE:
                for s in services:
                    ex |= 1 << s
            elif signed > 0:
                for s in services:
                    plus[s] += signed
            else:
                for s in services:
                    minus[s] -= signed
        gain = [max(a, b) for a, b in zip(gain, plus)]
        loss = [max(a, b) for a, b in zip(loss, minus)]
    return tuple(gain), tuple(loss), ex


def _bounder(w: Walk, said: Mapping[str, str]) -> Callable[[int, Front], Bounds]:
    """``bounds(i, front)``: after step i, with these answers remembered, the most each service can
    still gain and lose, and which services a later rule can still rule out. Only rules that can
    still fire count, and at each later question only one option (the best or the worst) is chosen."""
    n = len(w.sids)
    fixed = {w.pos[q]: o for q, o in said.items() if q in w.pos}
    # bounds depend on the step, the frontier and what the person said to the later questions only,
    # so they are remembered across decisions (what-ifs re-decide many nearby answer sets)
    later_said = [tuple(said.get(q.id) for q in w.order[i + 1 :]) for i in range(len(w.steps))]
    memo = w.bounds
    if len(memo) > 100_000:
        memo.clear()

    def bounds(i: int, front: Front) -> Bounds:
        key = (i, front, later_said[i])
        hit = memo.get(key)
        if hit is not None:
            return hit
        known = dict(front)
        up, down, ex = [0] * n, [0] * n, 0
        for j in range(i + 1, len(w.steps)):
            step = w.steps[j]
            if not _may_be_asked(w, step, known, said):
                continue
            options = [fixed[j]] if j in fixed else [o.id for o in step.question.concrete_options]
            gain, loss, out = _step_bounds(step, j, options, known, n)
            up = [a + b for a, b in zip(up, gain)]
            down = [a + b for a, b in zip(down, loss)]
            ex |= out
        result = memo[key] = (tuple(up), tuple(down), ex)
        return result

    return bounds


def _settler(n: int, bounds: Callable[[int, Front], Bounds], fronts: _Fronts) -> Settle:
    """``settle(i, fid, packed, out)`` -> (winner or -1, packed scores, out): drop the services that
    cannot win any more; finish the partial world when one must win."""
    shifts = [BITS * k for k in range(n)]
    everyone = (1 << n) - 1
    base_packed = _packed([0] * n)
    by_id: dict[tuple[int, int], tuple[tuple[int, ...], tuple[int, ...], int, list[int], bool]] = {}

    def settle(i: int, fid: int, packed: int, out: int) -> tuple[int, int, int]:
        if out == everyone:
            return (n, 0, out)
        got = by_id.get((i, fid))
        if got is None:
            up_, down_, ex_ = bounds(i, fronts.items[fid])
            # services no later rule can rule out: only they can be sure to keep a lead
            safe_ = [b for b in range(n) if not ex_ >> b & 1]
            still = not ex_ and not any(up_) and not any(down_)
            got = by_id[(i, fid)] = (up_, down_, ex_, safe_, still)
        up, down, ex, safe, still = got
        scores = [((packed >> sh) & MASK) - BIAS for sh in shifts]
        alive = [k for k in range(n) if not out >> k & 1]
        if still:  # nothing can change any more: the top score wins, ties to the first service
            return (max(alive, key=lambda k: (scores[k], -k)), 0, out)
        # the best score a service that can no longer be ruled out is sure to keep
        floor, first = None, n
        for b in safe:
            if not out >> b & 1:
                f = scores[b] - down[b]
                if floor is None or f > floor:
                    floor, first = f, b
        if floor is not None:
            kept = []
            for a in alive:
                ceiling = scores[a] + up[a]
                # ties go to the service listed first
                if a != first and (ceiling < floor or (ceiling == floor and first < a)):
                    out |= 1 << a
                else:
                    kept.append(a)
            alive = kept
            if len(alive) == 1 and not ex >> alive[0] & 1:
                return (alive[0], 0, out)
        shift = scores[alive[0]]
        kept_packed = base_packed
        for k in alive:
            kept_packed += (scores[k] - shift) << shifts[k]
        return (-1, kept_packed, out)

    return settle


def _start(w: Walk) -> State:
    """Before any question: the rules with no conditions, which fire in every world."""
    base = [0] * len(w.sids)
    out = 0
    for r in w.always:
        for s in r.services:
            k = w.sids.index(s)
            if r.effect is Effect.exclude:
                out |= 1 << k
            else:
                base[k] += r.weight if r.effect is Effect.for_ else -r.weight
    return (0, _packed(base), out)


def _forward(
    w: Walk, chosen: Mapping[str, str], settle: Settle, fronts: _Fronts
) -> tuple[State, list[dict[State, float]], Moves]:
    """The probability of each partial world after each step, and where each one leads.

    A partial world is (frontier id, packed scores, services out); once its winner is certain it
    is (frontier id, -1, winner) and keeps walking: its later answers still count towards "what
    would this answer change", and such worlds merge into very few."""
    zero = _packed([0] * len(w.sids))
    start = _start(w)
    layers: list[dict[State, float]] = [{start: 1.0}]
    moves: Moves = []
    for i, step in enumerate(w.steps):
        nxt: dict[State, float] = {}
        step_moves: dict[State, list[tuple[str | None, float, State]]] = {}
        per_front: dict[int, list[tuple[str | None, float, int, int, int]]] = {}
        memo: dict[State, State] = {}
        for state, p in layers[-1].items():
            fid, packed, out = state
            options = per_front.get(fid)
            if options is None:
                options = per_front[fid] = [
                    (option, weight, _packed(delta) - zero if delta else 0, excl, fronts.id(new_front))
                    for option, weight, delta, excl, new_front in _options(w, i, step, fronts.items[fid], chosen)
                ]
            mv: list[tuple[str | None, float, State]] = []
            for option, weight, delta, excl, new_fid in options:
                if packed < 0:  # decided already: carry the winner along
                    target = (new_fid, -1, out)
                else:
                    key = (new_fid, packed + delta, out | excl)
                    hit = memo.get(key)
                    if hit is None:
                        winner, kept, new_out = settle(i, new_fid, key[1], key[2])
                        hit = memo[key] = (new_fid, -1, winner) if winner >= 0 else (new_fid, kept, new_out)
                    target = hit
                nxt[target] = nxt.get(target, 0.0) + p * weight
                mv.append((option, weight, target))
            step_moves[state] = mv
        layers.append(nxt)
        moves.append(step_moves)
    return start, layers, moves


def _final_winners(last: dict[State, float], n: int) -> dict[State, int]:
    """What is left after the last question: the highest score wins, ties to the first service."""
    winner_of: dict[State, int] = {}
    for state in last:
        _, packed, out = state
        if packed < 0:
            winner_of[state] = out
        else:
            scores = _unpacked(packed, n)
            alive = [k for k in range(n) if not out >> k & 1]
            winner_of[state] = max(alive, key=lambda k: (scores[k], -k)) if alive else n
    return winner_of


def _add_row(table: dict[str, list[float]], option: str, vector: list[float], weight: float) -> None:
    row = table.get(option)
    table[option] = [a + weight * b for a, b in zip(row, vector)] if row is not None else [weight * b for b in vector]


def _add_one(table: dict[str, list[float]], option: str, winner: int, amount: float, n: int) -> None:
    row = table.get(option)
    if row is None:
        row = table[option] = [0.0] * (n + 1)
    row[winner] += amount


def _backward(
    w: Walk, chosen: Mapping[str, str], layers: list[dict[State, float]], moves: Moves, winner_of: dict[State, int]
) -> tuple[dict[State, list[float]], dict[str, dict[str, list[float]]]]:
    """For each undecided partial world, the chance of each final winner (a decided one's is its
    winner), and per open question the joint chance of (answer, winner)."""
    n = len(w.sids)
    values = {state: _one_hot(k, n) for state, k in winner_of.items() if state[1] >= 0}
    joint: dict[str, dict[str, list[float]]] = {}
    for i in range(len(w.steps) - 1, -1, -1):
        qid = w.steps[i].question.id
        table = joint.setdefault(qid, {}) if chosen.get(qid) in (None, NOT_SURE) else None
        before: dict[State, list[float]] = {}
        layer = layers[i]
        for state, mv in moves[i].items():
            p = layer[state]
            if state[1] < 0:  # decided: only its answers count, towards its own winner
                if table is not None:
                    for option, weight, _ in mv:
                        if option is not None:
                            _add_one(table, option, state[2], p * weight, n)
                continue
            vec = [0.0] * (n + 1)
            for option, weight, target in mv:
                if target[1] < 0:  # decided there: all its chance goes to that winner
                    vec[target[2]] += weight
                    if table is not None and option is not None:
                        _add_one(table, option, target[2], p * weight, n)
                    continue
                tv = values[target]
                vec = [a + weight * b for a, b in zip(vec, tv)]
                if table is not None and option is not None:
                    _add_row(table, option, tv, p * weight)
            before[state] = vec
        values = before
    return values, joint


def _summary(total: list[float], joint: dict[str, dict[str, list[float]]], names: list[str]) -> Worlds:
    shares = {names[k]: v for k, v in enumerate(total) if v > 0}
    given: dict[str, dict[str, dict[str, float]]] = {}
    reach: dict[str, dict[str, float]] = {}
    for qid, table in joint.items():
        if not table:
            continue
        given[qid] = {}
        reach[qid] = {}
        for option, row in table.items():
            mass = sum(row)
            reach[qid][option] = mass
            if mass > 0:
                given[qid][option] = {names[k]: v / mass for k, v in enumerate(row) if v > 0}
    return Worlds(shares, given, reach)


def _one_hot(k: int, n: int) -> list[float]:
    vec = [0.0] * (n + 1)
    vec[k] = 1.0
    return vec


def _options(w: Walk, i: int, step: _Step, front: Front, chosen: Mapping[str, str]) -> list[Move]:
    """The answers this step can take from a frontier: (option, weight, score change, out, frontier)."""
    q = step.question
    values = dict(front)
    n = len(w.sids)
    # An answered question counts in every world (the person was asked and answered it). An open
    # one counts only in the worlds where its ask_if holds, read on the answers the person gave
    # and, for open questions, on the world's answers: a follow-up to a "not sure" applies only
    # where the world's answer calls for it.
    said = {qid: o for qid, o in chosen.items() if o != NOT_SURE}

    def reach_value(qid: str) -> str | None:
        if qid in said:
            return said[qid]
        j = w.pos[qid]
        return values.get(j)

    reached = not q.conditions or any(all(reach_value(c) in opts for c, opts in cond.items()) for cond in q.conditions)
    picks: list[tuple[str | None, float]]
    if q.id in said:
        picks = [(said[q.id], 1.0)]
    elif not reached:
        picks = [(None, 1.0)]
    else:
        picks = [(o, p if p > 0 else TINY) for o, p in q.priors.items()]
    out = []
    for option, weight in picks:
        if option is not None:
            values[i] = option
        else:
            values.pop(i, None)
        delta = [0] * n
        excl = 0
        for conds, code, services, signed in step.rules:
            if all(values.get(j) in allowed for j, allowed in conds):
                if code == _EXCLUDE:
                    for k in services:
                        excl |= 1 << k
                else:
                    for k in services:
                        delta[k] += signed
        new_front = tuple((j, step.classes[j][values[j]]) for j in step.keep if j in values)
        out.append((option, weight, tuple(delta) if any(delta) else None, excl, new_front))
    return out
