"""Verifying a rule pack's decisions, as decision-table tools do (gaps, shadowed rules, conflicts).

Every question is either answered with one of its concrete options or not asked. A rule's
conditions describe a *box*: for each question it names, the set of options that make it fire.
Verification works on these boxes (intersections and coverage) instead of enumerating
every combination of answers, and turns each finding into a concrete example answer set.

A combination is *reachable* when each follow-up question is asked exactly when its ``ask_if``
holds for the earlier answers (read literally; "not sure" answers are covered because the engine
then tries every concrete option).

Findings:

* ``gap`` - some reachable answers rule out every service, so there is no recommendation;
* ``unreachable-rule`` - no reachable answers make the rule fire;
* ``shadowed`` - an ``exclude`` that other excludes of the same service always make redundant, or a
  ``for``/``against`` rule whose service is always ruled out whenever it fires (it never counts);
* ``conflict`` - two rules judge the same answers in opposite directions on the same service
  (``for`` against ``against``, or ``exclude`` against ``for``) under overlapping conditions on the
  same questions;
* ``unreachable-question``, ``unused-question``, ``numeric-range`` and ``stale-fact`` (a warning);
* ``no-priors`` (a warning: "not sure" weighs the options alike), ``unsourced-fact`` (a fact that cites
  a site's home page rather than the page that states it);
* ``case`` - a test case in ``cases.yaml`` whose recommendation differs from what it expects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import combinations

from . import clock
from .pack.cases import Case
from .pack.core import NOT_SURE, Effect, Pack, Question, QuestionKind, suggest
from .record import Record

NOT_ASKED = "(not asked)"


class Finding(Record):
    kind: str
    severity: str  # "error" | "warning"
    message: str
    file: str
    line: int
    example: tuple[tuple[str, str], ...] = ()
    # what it is about, by id, for scripts and tests: rule, question, case or "service.fact" ids,
    # and for a shadowed rule or a conflict the service last
    subjects: tuple[str, ...] = ()

    def __str__(self) -> str:
        example = ""
        if self.example:
            example = " e.g. " + ", ".join(f"{q}={o}" for q, o in self.example)
        return f"{self.file}:{self.line}:1: {self.severity}: {self.message}{example}"


Box = tuple[int, ...]


class Space:
    """Bit masks over each question's concrete options plus one bit for 'not asked'."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.qids = [q.id for q in pack.questions]
        self.pos = {q: i for i, q in enumerate(self.qids)}
        self.values: list[list[str]] = []
        self.bit: list[dict[str, int]] = []
        for q in pack.questions:
            names = [o.id for o in q.concrete_options] + [NOT_ASKED]
            self.values.append(names)
            self.bit.append({n: 1 << j for j, n in enumerate(names)})
        self.full: Box = tuple((1 << len(v)) - 1 for v in self.values)
        self.asked: Box = tuple(f & ~self.bit[i][NOT_ASKED] for i, f in enumerate(self.full))
        # ask_if as boxes (one per alternative condition); NOT_SURE in a list is ignored here
        self.ask_if: list[list[dict[int, int]]] = []
        for q in pack.questions:
            alts = []
            for cond in q.conditions:
                alts.append({self.pos[k]: self.mask(self.pos[k], v) for k, v in cond.items() if k in self.pos})
            self.ask_if.append(alts)
        self.drives = {i for alts in self.ask_if for cond in alts for i in cond}
        # packed form: every question's mask in a field of one integer, so intersections and
        # containment are single integer operations
        self.width = max(len(v) for v in self.values) + 1
        self.offsets = [i * self.width for i in range(len(self.values))]
        self.field = [((1 << self.width) - 1) << o for o in self.offsets]
        self.low = sum(1 << o for o in self.offsets)
        self.high = self.low << (self.width - 1)

    def packed(self, box: Box) -> int:
        return sum(m << o for m, o in zip(box, self.offsets))

    def unpacked(self, value: int) -> Box:
        mask = (1 << self.width) - 1
        return tuple((value >> o) & mask for o in self.offsets)

    def empty(self, value: int) -> bool:
        """Whether some question's field is zero (no answer fits): the classic has-zero trick."""
        return bool((value - self.low) & ~value & self.high)

    def mask(self, i: int, option_ids: list[str]) -> int:
        return sum(self.bit[i].get(o, 0) for o in option_ids if o != NOT_SURE)

    def box(self, when: dict[str, list[str]]) -> Box:
        b = list(self.full)
        for qid, opts in when.items():
            i = self.pos[qid]
            b[i] = self.mask(i, opts)
        # a condition on a follow-up needs it asked: fold in its ask_if when there is one way to
        # ask it (this removes unreachable corners before any search)
        changed = True
        while changed:
            changed = False
            for i, alts in enumerate(self.ask_if):
                if len(alts) == 1 and not b[i] & self.bit[i][NOT_ASKED]:
                    for k, m in alts[0].items():
                        if b[k] & ~m:
                            b[k] &= m
                            changed = True
        return tuple(b)

    def reached(self, i: int, assigned: list[int]) -> bool:
        alts = self.ask_if[i]
        if not alts:
            return True
        return any(all(assigned[k] & m for k, m in cond.items()) for cond in alts)

    def witness(self, box: Box) -> list[int] | None:
        """A reachable combination inside ``box`` (one bit per question), or None.

        A depth-first search over the questions in order, with its own stack (a pack of thousands
        of questions must not exhaust Python's recursion limit).
        """
        n = len(self.qids)
        assigned = [0] * n
        na = [self.bit[i][NOT_ASKED] for i in range(n)]

        def choices(i: int) -> list[int]:
            allowed = box[i] & (self.asked[i] if self.reached(i, assigned) else na[i])
            if not allowed:
                return []
            return _bits(allowed) if i in self.drives else [allowed & -allowed]

        levels: list[list[int]] = []  # the choices open at each question entered so far
        tried: list[int] = []
        i = 0
        while i < n:
            if len(levels) == i:
                levels.append(choices(i))
                tried.append(0)
            if tried[i] < len(levels[i]):
                assigned[i] = levels[i][tried[i]]
                tried[i] += 1
                i += 1
                continue
            levels.pop()
            tried.pop()
            assigned[i] = 0
            if i == 0:
                return None
            i -= 1
        return list(assigned)

    def describe(self, combo: list[int], only: set[int] | None = None) -> tuple[tuple[str, str], ...]:
        out = []
        for i, bit in enumerate(combo):
            name = self.values[i][bit.bit_length() - 1]
            if name == NOT_ASKED or (only is not None and i not in only):
                continue
            out.append((self.qids[i], name))
        return tuple(out)


def _bits(mask: int) -> list[int]:
    out = []
    while mask:
        low = mask & -mask
        out.append(low)
        mask ^= low
    return out


def intersect(a: Box, b: Box) -> Box | None:
    out = tuple(x & y for x, y in zip(a, b))
    return None if 0 in out else out


def uncovered(space: Space, box: Box, cover: list[Box]) -> list[int] | None:
    """A reachable combination in ``box`` that no box of ``cover`` contains, or None.

    Splits the box one question at a time (on a question where a covering box is narrower)
    until each piece is inside some covering box or meets none of them.
    """
    return _uncovered(space, space.packed(box), [space.packed(c) for c in cover])


def _uncovered(space: Space, box: int, cover: list[int]) -> list[int] | None:
    live = [c for c in cover if not space.empty(c & box)]
    if not live:
        return space.witness(space.unpacked(box))
    for c in live:
        if not box & ~c:
            return None  # the whole piece is inside c
    # split on the question where the most covering boxes are narrower than this piece; options
    # that every covering box treats alike stay together in one part
    best, best_count = -1, 0
    for d, f in enumerate(space.field):
        part = box & f
        count = sum(1 for c in live if part & ~c)
        if count > best_count:
            best, best_count = d, count
    f = space.field[best]
    part, rest = box & f, box & ~f
    groups: dict[tuple[bool, ...], int] = {}
    bits = part
    while bits:
        low = bits & -bits
        bits ^= low
        signature = tuple(bool(c & low) for c in live)
        groups[signature] = groups.get(signature, 0) | low
    for value in groups.values():
        found = _uncovered(space, rest | value, live)
        if found is not None:
            return found
    return None


class RuleBox(Record):
    index: int
    id: str
    effect: Effect
    services: tuple[str, ...]
    questions: frozenset[str]
    box: Box
    file: str
    line: int


def _compile(pack: Pack, space: Space) -> list[RuleBox]:
    out = []
    for i, rule in enumerate(pack.rules):
        file, line = pack.origins.get(f"rule:{rule.id}", ("decisions.yaml", 1))
        out.append(
            RuleBox(
                i, rule.id, rule.effect, tuple(rule.services), frozenset(rule.when), space.box(rule.when), file, line
            )
        )
    return out


def _tested(space: Space, boxes: list[Box]) -> set[int]:
    """The questions some of these boxes narrow (the others allow every answer there)."""
    return {i for b in boxes for i in range(len(space.qids)) if b[i] != space.full[i]}


def find_gap(
    space: Space, excludes: dict[str, list[Box]], services: list[str], explained: list[Box] | None = None
) -> list[int] | None:
    """A reachable combination where every service is ruled out, by depth-first search with pruning.

    Combinations inside an ``explained`` box (a caveat that says why nothing fits there) are not gaps.
    """
    if any(not excludes.get(s) for s in services):
        return None
    n = len(space.qids)
    explained = explained or []
    relevant = _tested(space, [b for boxes in excludes.values() for b in boxes] + explained) | space.drives
    assigned = [0] * n
    na = [space.bit[i][NOT_ASKED] for i in range(n)]

    def alive(live: dict[str, list[Box]]) -> bool:
        return all(live[s] for s in services)

    def choices(i: int, unexplained: list[Box]) -> list[int]:
        allowed = space.asked[i] if space.reached(i, assigned) else na[i]
        found = _bits(allowed) if i in relevant else [allowed & -allowed]
        # answers that leave an explaining caveat first: they are where an unexplained gap hides
        found.sort(key=lambda bit: sum(1 for b in unexplained if b[i] & bit))
        return found

    # only questions that matter are searched: those the rules or the caveats test, those that
    # drive a follow-up, and those a follow-up depends on; every other one takes any allowed answer
    refs = {k for alts in space.ask_if for cond in alts for k in cond}
    order = [i for i in range(n) if i in relevant or i in refs]
    # depth-first, with its own stack: one frame per question entered (the boxes still alive for
    # each service, the explaining boxes still around, the answers left to try)
    start = {s: list(excludes[s]) for s in services}
    first = choices(order[0], explained) if order else []
    frames: list[tuple[dict[str, list[Box]], list[Box], list[int]]] = [(start, list(explained), first)]
    while frames:
        depth = len(frames) - 1
        live, unexplained, left = frames[-1]
        if depth == len(order):
            if not unexplained:
                for i in range(n):  # the questions that do not matter: any answer they allow
                    if i not in order:
                        allowed = space.asked[i] if space.reached(i, assigned) else na[i]
                        assigned[i] = allowed & -allowed
                return list(assigned)
            frames.pop()
            continue
        i = order[depth]
        if not left:
            assigned[i] = 0
            frames.pop()
            continue
        bit = left.pop(0)
        nxt = {s: [b for b in boxes if b[i] & bit] for s, boxes in live.items()}
        if not alive(nxt):
            continue
        assigned[i] = bit
        still = [b for b in unexplained if b[i] & bit]
        frames.append((nxt, still, choices(order[depth + 1], still) if depth + 1 < len(order) else []))
    return None


def verify(pack: Pack, today: dt.date | None = None, stale_days: int = 365) -> list[Finding]:
    """Every finding about a valid pack: one check per kind, in the order a rule author fixes them."""
    space = Space(pack)
    qfile = {q.id: pack.origins.get(f"question:{q.id}", ("questions.yaml", 1)) for q in pack.questions}
    findings = [*_unreachable_questions(pack, space, qfile), *_unused_questions(pack, qfile)]
    live: list[RuleBox] = []
    for r in _compile(pack, space):
        if space.witness(r.box) is None:
            message = f"rule '{r.id}' can never fire: no reachable answers meet its conditions"
            findings.append(Finding("unreachable-rule", "error", message, r.file, r.line, subjects=(r.id,)))
        else:
            live.append(r)
    excludes: dict[str, list[RuleBox]] = {s.id: [] for s in pack.services}
    for r in live:
        if r.effect is Effect.exclude:
            for s in r.services:
                excludes[s].append(r)
    findings += _shadowed(space, live, excludes)
    findings += _conflicts(space, live)
    findings += _gaps(pack, space, live, excludes)
    findings += _stale_facts(pack, today or clock.today(), stale_days)
    findings.extend(_priors_and_sources(pack))
    return findings


Places = dict[str, tuple[str, int]]  # question id -> (file, line) where it is written


def _unreachable_questions(pack: Pack, space: Space, qfile: Places) -> Iterator[Finding]:
    """Questions whose ask_if no reachable answers satisfy."""
    for i, q in enumerate(pack.questions):
        if not space.ask_if[i]:
            continue
        # asked when some alternative holds: look for a reachable combination that reaches it
        reachable = False
        for cond in space.ask_if[i]:
            b = list(space.full)
            for k, m in cond.items():
                b[k] = m & space.asked[k]
            b[i] = space.asked[i]
            if space.witness(tuple(b)) is not None:
                reachable = True
                break
        if not reachable and not any(NOT_SURE in opts for cond in q.conditions for opts in cond.values()):
            message = f"question '{q.id}' can never be asked: no answers satisfy its ask_if"
            yield Finding("unreachable-question", "error", message, *qfile[q.id], subjects=(q.id,))


def _unused_questions(pack: Pack, qfile: Places) -> Iterator[Finding]:
    """Questions no rule and no ask_if reads, and numeric questions' ranges."""
    used = {qid for r in pack.rules for qid in r.when} | {k for q in pack.questions for c in q.conditions for k in c}
    for q in pack.questions:
        if q.id not in used:
            message = f"question '{q.id}' is used by no rule and no ask_if; its answer changes nothing"
            yield Finding("unused-question", "warning", message, *qfile[q.id], subjects=(q.id,))
        if q.kind is QuestionKind.numeric:
            yield from _numeric_ranges(q, *qfile[q.id])


def _shadowed(space: Space, live: list[RuleBox], excludes: dict[str, list[RuleBox]]) -> Iterator[Finding]:
    """Redundant excludes, and for/against rules that never count (their service is always out)."""
    for r in live:
        if r.effect is Effect.caveat:
            continue
        for s in r.services:
            candidates = [e.box for e in excludes[s] if e is not r and intersect(e.box, r.box) is not None]
            if not candidates or uncovered(space, r.box, candidates) is not None:
                continue
            what = (
                "is redundant: other exclude rules already rule out"
                if r.effect is Effect.exclude
                else "never counts: whenever it fires, other rules have already ruled out"
            )
            yield Finding("shadowed", "warning", f"rule '{r.id}' {what} '{s}'", r.file, r.line, subjects=(r.id, s))


_OPPOSITE = {frozenset({Effect.for_, Effect.against}), frozenset({Effect.exclude, Effect.for_})}


def _conflicts(space: Space, live: list[RuleBox]) -> Iterator[Finding]:
    """Same service, opposite directions, same questions, answers that meet both."""
    groups: dict[tuple[str, frozenset[str]], list[RuleBox]] = {}
    for r in live:
        if r.effect is Effect.caveat:
            continue
        for s in r.services:
            groups.setdefault((s, r.questions), []).append(r)
    for (service, _), members in groups.items():
        for one, other in combinations(members, 2):
            if frozenset({one.effect, other.effect}) not in _OPPOSITE:
                continue
            both = intersect(one.box, other.box)
            combo = space.witness(both) if both is not None else None
            if combo is None:
                continue
            example = space.describe(combo, {space.pos[q] for q in one.questions})
            message = (
                f"rules '{one.id}' ({one.effect.value}) and '{other.id}' ({other.effect.value}) contradict "
                f"each other on '{service}' (see line {other.line})"
            )
            yield Finding("conflict", "error", message, one.file, one.line, example, (one.id, other.id, service))


def _gaps(pack: Pack, space: Space, live: list[RuleBox], excludes: dict[str, list[RuleBox]]) -> Iterator[Finding]:
    """Answers that rule out every service (unless a caveat explains why nothing fits)."""
    services = [s.id for s in pack.services]
    explained = [space.box(r.when) for r in pack.rules if r.explains_no_fit]
    gap = find_gap(space, {s: [r.box for r in excludes[s]] for s in services}, services, explained)
    if gap is None:
        return
    firing = [r for r in live if r.effect is Effect.exclude and all(r.box[i] & bit for i, bit in enumerate(gap))]
    widest = max(firing, key=lambda r: (len(r.services), r.index))
    message = (
        "these answers rule out every service, so there is no recommendation (ruled out by "
        + ", ".join(f"'{r.id}'" for r in firing)
        + "); add a rule or narrow an exclude"
    )
    yield Finding("gap", "error", message, widest.file, widest.line, space.describe(gap), tuple(r.id for r in firing))


def _stale_facts(pack: Pack, today: dt.date, stale_days: int) -> Iterator[Finding]:
    """Facts (prices among them) nobody has checked for more than ``stale_days``."""
    for svc in pack.services:
        priced = set(svc.pricing.facts) if svc.pricing else set()
        for f in svc.facts:
            if (today - f.checked_date).days > stale_days:
                file, line = pack.origins.get(f"fact:{svc.id}.{f.id}", ("services.yaml", 1))
                kind = "a price the cost estimates use" if f.id in priced else "fact"
                message = (
                    f"{kind} '{svc.id}.{f.id}' was checked {f.checked}, more than "
                    f"{stale_days // 30} months ago; check {f.source} again"
                )
                yield Finding("stale-fact", "warning", message, file, line, subjects=(f"{svc.id}.{f.id}",))


def _priors_and_sources(pack: Pack) -> Iterator[Finding]:
    """Questions whose 'not sure' weighs options alike; facts that cite a site's home page."""
    from urllib.parse import urlsplit

    for q in pack.questions:
        if len(q.concrete_options) > 1 and any(o.prior is None for o in q.concrete_options):
            file, line = pack.origins.get(f"question:{q.id}", ("questions.yaml", 1))
            yield Finding(
                "no-priors",
                "warning",
                f"question '{q.id}' gives its options no 'prior', so 'not sure' counts every option as equally "
                "likely; add how common each answer is",
                file,
                line,
                subjects=(q.id,),
            )
    for svc in pack.services:
        for f in svc.facts:
            if urlsplit(f.source).path.strip("/") == "":
                file, line = pack.origins.get(f"fact:{svc.id}.{f.id}", ("services.yaml", 1))
                yield Finding(
                    "unsourced-fact",
                    "warning",
                    f"fact '{svc.id}.{f.id}' cites {f.source}, a site's home page; cite the page that states the value",
                    file,
                    line,
                    subjects=(f"{svc.id}.{f.id}",),
                )


def _numeric_ranges(q: Question, file: str, line: int) -> Iterator[Finding]:
    """Numeric options should cover every number from 0 up exactly once."""
    probes = sorted({v for o in q.concrete_options for v in (o.ge, o.gt, o.le, o.lt) if v is not None} | {0.0})
    points = set(probes)
    for a, b in zip(probes, probes[1:]):
        points.add((a + b) / 2)
    if probes:
        points.add(probes[-1] + 1)
    for x in sorted(points):
        owners = [o.id for o in q.concrete_options if o.contains(x)]
        if len(owners) > 1:
            yield Finding(
                "numeric-range",
                "error",
                f"question '{q.id}': {x:g} {q.unit} falls in several options ({', '.join(owners)})",
                file,
                line,
                subjects=(q.id, *owners),
            )
            return
        if not owners:
            yield Finding(
                "numeric-range",
                "warning",
                f"question '{q.id}': {x:g} {q.unit} falls in no option; typed numbers there are not understood",
                file,
                line,
                subjects=(q.id,),
            )
            return


def run_cases(pack: Pack, cases: list[Case]) -> list[Finding]:
    """Each case decided as written; a case whose recommendation a person would not sign is an error."""
    from .engine.decide import decide, prune

    findings: list[Finding] = []
    for case in cases:
        chosen: dict[str, str] = {}
        bad: list[str] = []
        for qid, text in case.answers.items():
            if not pack.has_question(qid):
                bad.append(f"unknown question '{qid}'{suggest(qid, [q.id for q in pack.questions])}")
                continue
            option = _case_option(pack.question(qid), text)
            if option is None:
                known = [o.id for o in pack.question(qid).options]
                bad.append(f"question '{qid}' has no option '{text}'{suggest(text, known)}")
                continue
            chosen[qid] = option
        unreached = [q for q in chosen if q not in prune(pack, chosen)]
        bad += [f"answer to '{q}' is never asked with the case's other answers" for q in unreached]
        if bad:
            message = f"case '{case.id}': {'; '.join(bad)}"
            findings.append(Finding("case", "error", message, case.file, case.line, subjects=(case.id,)))
            continue
        result = decide(pack, chosen, what_if=False)
        got = result.recommendation.id if result.recommendation else ""
        wanted = " or ".join(f"'{s or 'none'}'" for s in case.accept)
        if got not in case.accept:
            shares = ", ".join(f"{st.service.id} {st.share:.0%}" for st in result.ranking if st.share >= 0.005)
            findings.append(
                Finding(
                    "case",
                    "error",
                    f"case '{case.id}' expects {wanted} but the pack recommends '{got or 'none'}' ({shares}); "
                    f"why the case expects it: {case.why}",
                    case.file,
                    case.line,
                    tuple(chosen.items()),
                    (case.id,),
                )
            )
        elif case.settled is not None and case.settled != result.settled:
            state = "settled" if result.settled else "not settled"
            findings.append(
                Finding(
                    "case",
                    "error",
                    f"case '{case.id}' expects the result {'' if case.settled else 'not '}settled, but it is {state}",
                    case.file,
                    case.line,
                    tuple(chosen.items()),
                    (case.id,),
                )
            )
    return findings


def _case_option(question: Question, text: str) -> str | None:
    """An option id, or for a numeric question a number inside one option's range."""
    if question.option(text) is not None:
        return text
    if question.kind is QuestionKind.numeric:
        try:
            number = float(text)
        except ValueError:
            return None
        for option in question.concrete_options:
            if option.contains(number):
                return str(option.id)
    return None
