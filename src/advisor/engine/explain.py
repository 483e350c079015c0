"""Turn a decision into words: the report every front end shows (terminal, JSON, Markdown, UI).

Everything here is plain data and plain text. Front ends decide how it looks, never what it says.
"""

from __future__ import annotations

import datetime as dt

from .. import clock
from ..pack.core import NOT_SURE, Effect, Fact, Pack, QuestionKind
from ..pack.pricing import figure, money
from ..record import Record, field
from .decide import Firing, Result, Standing, decide
from .session import Answer

STALE_AFTER_DAYS = 365


class AnswerLine(Record):
    question: str
    prompt: str
    option: str
    label: str
    value: float | None
    unit: str | None
    source: str  # option | label | number | text | default
    text: str | None


class FactLine(Record):
    service: str
    fact: str
    label: str
    value: str
    source: str
    checked: str
    confidence: str
    disagreement: str
    stale: bool
    as_of: str = ""

    @property
    def standing(self) -> str:
        """How sure the source is, in words, for anything but a vendor's own page."""
        return {"S": "secondary source", "C": "unconfirmed"}.get(self.confidence, "")

    @property
    def dates(self) -> str:
        """The source's own date, the day the project read it, and how sure the source is:
        "as of 2026-03, checked 2026-11-26, secondary source"."""
        parts = [f"as of {self.as_of}" if self.as_of else "", f"checked {self.checked}", self.standing]
        return ", ".join(p for p in parts if p)


class Reason(Record):
    rule: str
    effect: str
    services: tuple[str, ...]
    weight: int
    text: str
    answers: tuple[tuple[str, str], ...]  # (question prompt short, option label)
    certain: bool
    unsure: tuple[str, ...]
    notes: tuple[int, ...] = ()  # footnotes: 1-based positions in the report's citations


class WhyNot(Record):
    service: str
    name: str
    excluded: bool
    lines: tuple[str, ...]


class CitationLine(Record):
    section: str
    title: str
    quote: str
    source: str
    checked: str


class Caveat(Record):
    text: str
    facts: tuple[FactLine, ...]


class AssumedLine(Record):
    """An answer the recommendation takes for granted, where the person left the question open."""

    question: str
    name: str  # the question in a few words
    prompt: str
    options: tuple[str, ...]
    labels: tuple[str, ...]
    probability: float  # how common these answers are (the pack's priors)
    other_labels: tuple[str, ...] = ()  # the answers it does not count on


class OutcomeLine(Record):
    option: str
    label: str
    recommendation: tuple[str, str] | None  # (id, name), None when nothing fits
    probability: float


class SettleLine(Record):
    """The one question whose answer would help most, and what each answer would change."""

    question: str
    prompt: str
    outcomes: tuple[OutcomeLine, ...]


class CostLine(Record):
    """One service's monthly estimate, as every front end shows it (USD; None where unknown)."""

    service: str
    name: str
    low: float | None
    high: float | None
    fits: bool | None
    runs_out: str
    working: str
    over_budget: bool
    facts: tuple[FactLine, ...]
    least: float | None = None  # what the use costs for certain (on demand): what the budget is weighed against


class CostSection(Record):
    """What the person's use would cost on each service: the usage it assumes, one line per service."""

    hours_week: float
    hours_month: float
    machines: tuple[str, ...]
    assumed: list[str]
    budget: float | None
    lines: list[CostLine]


class Report(Record):
    pack_name: str
    pack_version: str
    recommendation: tuple[str, str] | None  # (id, name)
    runner_up: tuple[str, str] | None
    verdict: str
    settled: bool
    depends: str
    answers: list[AnswerLine]
    ranking: list[dict[str, object]]
    reasons: list[Reason]
    why_not: list[WhyNot]
    fit_columns: list[str]  # service names
    fit_rows: list[tuple[str, list[str]]]  # (criterion, marks per service)
    what_if: list[str]
    caveats: list[Caveat]
    citations: list[CitationLine]
    facts: list[FactLine] = field(default_factory=list)
    confidence: float = 1.0
    confidence_words: str = "settled"
    assumed: list[AssumedLine] = field(default_factory=list)
    settle_by: SettleLine | None = None
    verdict_short: str = ""  # the verdict without the settling question (shown apart, e.g. as flags)
    cost: CostSection | None = None


def confidence_words(probability: float, settled: bool) -> str:
    """The chance that the recommendation is right, in words every front end uses."""
    if settled:
        return "settled"
    if probability >= 0.9:
        return "very likely"
    if probability >= 0.7:
        return "likely"
    if probability >= 0.5:
        return "more likely than not"
    return "a toss-up"


def _label(pack: Pack, qid: str, oid: str) -> str:
    opt = pack.question(qid).option(oid)
    return opt.label if opt else oid


def short(pack: Pack, qid: str) -> str:
    """A short name for a question ('run length'): its `short` in the pack, else its id in words."""
    return pack.question(qid).name if pack.has_question(qid) else qid.replace("-", " ")


def fact_line(pack: Pack, service_id: str, fact: Fact, today: dt.date | None = None) -> FactLine:
    today = today or clock.today()
    return FactLine(
        service=service_id,
        fact=fact.id,
        label=fact.label,
        value=fact.value,
        source=fact.source,
        checked=fact.checked,
        confidence=fact.confidence.value,
        disagreement=fact.disagreement,
        stale=(today - fact.checked_date).days > STALE_AFTER_DAYS,
        as_of=fact.as_of,
    )


def _reason(pack: Pack, firing: Firing, services: tuple[str, ...]) -> Reason:
    return Reason(
        rule=firing.rule.id,
        effect=firing.rule.effect.value,
        services=services,
        weight=firing.rule.weight,
        text=firing.rule.reason,
        answers=tuple((short(pack, q), _label(pack, q, o)) for q, o in firing.answers),
        certain=firing.certain,
        unsure=firing.unsure,
    )


def answer_lines(pack: Pack, answers: dict[str, Answer]) -> list[AnswerLine]:
    lines = []
    for question in pack.questions:
        ans = answers.get(question.id)
        if ans is None:
            continue
        opt = question.option(ans.option)
        numeric = question.kind is QuestionKind.numeric
        value = ans.value if ans.value is not None else (opt.value if opt else None)
        lines.append(
            AnswerLine(
                question=question.id,
                prompt=question.prompt,
                option=ans.option,
                label=opt.label if opt else ans.option,
                value=value if numeric and ans.option != NOT_SURE else None,
                unit=question.unit if numeric else None,
                source=ans.via,
                text=ans.text,
            )
        )
    return lines


def _why_not(pack: Pack, st: Standing, winner: Standing | None) -> WhyNot:
    lines: list[str] = []
    if st.excluded:
        lines += [f.rule.reason for f in st.excluded_by if f.certain]
    else:
        lines += [f.rule.reason for f in sorted(st.against, key=lambda f: -f.rule.weight) if f.certain]
        if winner is not None and winner.share >= 1:
            own = {f.rule.id for f in st.for_ if f.certain}
            edge = [f.rule.reason for f in winner.for_ if f.certain and f.rule.id not in own]
            if edge:
                lines.append(f"{winner.service.name} has more going for it: " + " ".join(edge))
            elif st.score == winner.score:
                lines.append(f"Ties with {winner.service.name}, which is listed first (simpler or cheaper).")
            else:
                lines.append(f"Less in its favour overall ({st.score:+d} against {winner.score:+d}).")
        elif winner is not None:
            lines.append(
                f"Wins in {st.share:.0%} of the likely readings of your open answers, "
                f"against {winner.share:.0%} for {winner.service.name}."
            )
    unsure = list(dict.fromkeys(f.rule.reason for f in st.excluded_by + st.against if not f.certain))
    if unsure:
        shown = " ".join(unsure[:3]) + (f" (and {len(unsure) - 3} more)" if len(unsure) > 3 else "")
        lines.append(f"Depending on answers you left open: {shown}")
    return WhyNot(st.service.id, st.service.name, st.excluded, tuple(dict.fromkeys(lines)))


def _fit(pack: Pack, result: Result) -> tuple[list[str], list[tuple[str, list[str]]]]:
    columns = [st.service.name for st in result.ranking]
    rows: list[tuple[str, list[str]]] = []
    for question in pack.questions:
        oid = result.chosen.get(question.id)
        if oid is None:
            continue
        marks = []
        for st in result.ranking:
            about = [f for f in st.for_ + st.against + st.excluded_by if question.id in dict(f.rule.when) and f.certain]
            if any(f.rule.effect is Effect.exclude for f in about):
                marks.append("does not fit")
            elif any(f.rule.effect is Effect.against for f in about):
                has_for = any(f.rule.effect is Effect.for_ for f in about)
                heavy = sum(f.rule.weight for f in about if f.rule.effect is Effect.against) >= 3
                marks.append("partly" if has_for or not heavy else "does not fit")
            elif any(f.rule.effect is Effect.for_ for f in about):
                marks.append("fits well")
            else:
                marks.append("fits")
        rows.append((f"{short(pack, question.id)}: {_label(pack, question.id, oid)}", marks))
    return columns, rows


def _cost_row(result: Result, cost: CostSection) -> tuple[str, list[str]]:
    """The fit table's last row: each service's monthly figure for this use, and whether it holds."""
    lines = {line.service: line for line in cost.lines}
    marks = []
    for st in result.ranking:
        line = lines.get(st.service.id)
        if line is None:
            marks.append("")
            continue
        mark = figure(line.low, line.high, line.least, short=True)
        if line.over_budget:
            mark += " (over budget)"
        elif line.fits is False:  # the plan alone does not cover it: a free quota ends, or units are bought
            mark += " (quota runs out)" if not line.low else " (with extra units)"
        marks.append(mark)
    return (f"cost a month: {cost.hours_week:g} h a week", marks)


def _what_if_text(pack: Pack, result: Result) -> list[str]:
    lines = []
    for w in result.what_if:
        changes = " and ".join(f"'{_label(pack, q, o)}' for {short(pack, q)}" for q, o in w.changes)
        lines.append(f"If you answered {changes}: {pack.service(w.recommendation).name}.")
    if result.what_if_waiting:
        lines.append(
            "Answer the questions you were not sure of first; then I can say which single answer "
            "would change the recommendation."
        )
    elif not lines and result.recommendation is not None:
        lines.append("No single change of one answer would change the recommendation.")
    return lines


def _sessions(pack: Pack, answers: dict[str, Answer], service_id: str | None) -> str:
    """How many sessions a resumable run takes on the recommended service, from the pack's usage roles."""
    usage = pack.info.usage
    if service_id is None or not usage.run_hours or not usage.resume:
        return ""
    resume = answers.get(usage.resume)
    run = answers.get(usage.run_hours)
    if resume is None or resume.option != "yes" or run is None or run.option == NOT_SURE:
        return ""
    question = pack.question(usage.run_hours)
    option = question.option(run.option)
    hours = run.value if run.value is not None else (option.value if option else None)
    service = pack.service(service_id)
    given = answers.get(usage.hardware) if usage.hardware else None
    hardware = given.option if given is not None else None
    limit = service.session_hours.get(hardware or "", service.session_hours.get("default"))
    if not hours or not limit or hours <= limit:
        return ""
    count = -(-hours // limit)
    return (
        f"A {hours:g}-hour run takes about {count:g} sessions of up to {limit:g} hours on {service.name}; "
        "save a checkpoint before each session ends and start the next one from it."
    )


def _notes(pack: Pack, rule_id: str, order: dict[tuple[str, str], int]) -> tuple[int, ...]:
    rule = next((r for r in pack.rules if r.id == rule_id), None)
    if rule is None:
        return ()
    return tuple(order[(c.section, c.quote)] for c in rule.cite if (c.section, c.quote) in order)


def _assumed(pack: Pack, result: Result) -> list[AssumedLine]:
    return [
        AssumedLine(
            a.question,
            short(pack, a.question),
            pack.question(a.question).prompt,
            a.options,
            tuple(_label(pack, a.question, o) for o in a.options),
            a.probability,
            tuple(o.label for o in pack.question(a.question).concrete_options if o.id not in a.options),
        )
        for a in result.assumed
    ]


def _settle_line(pack: Pack, result: Result) -> SettleLine | None:
    s = result.settle_by
    if s is None:
        return None
    return SettleLine(
        s.question,
        pack.question(s.question).prompt,
        tuple(
            OutcomeLine(
                oc.option,
                _label(pack, s.question, oc.option),
                (oc.winner, pack.service(oc.winner).name) if oc.winner else None,
                oc.probability,
            )
            for oc in s.outcomes
        ),
    )


def assumed_text(assumed: list[AssumedLine], limit: int = 3) -> str:
    """'team: Just me (as most people answer); background: Yes (about 40% of people)', most decisive first."""
    parts = []
    for a in assumed[:limit]:
        how = "as most people answer" if a.probability >= 0.5 else f"about {a.probability:.0%} of people"
        if a.other_labels and len(a.other_labels) < len(a.labels):
            answer = "not " + " or ".join(f"'{label}'" for label in a.other_labels)
        else:
            answer = " or ".join(f"'{label}'" for label in a.labels)
        parts.append(f"{a.name}: {answer} ({how})")
    return "; ".join(parts)


def settle_text(settle: SettleLine) -> str:
    """'Answering "…?" would settle it: 'Yes' → Kaggle Notebooks (very likely); …'."""
    parts = []
    for oc in settle.outcomes:
        name = oc.recommendation[1] if oc.recommendation else "nothing fits"
        parts.append(f"'{oc.label}' → {name} ({oc.probability:.0%})")
    return f"The answer that would help most: '{settle.prompt}' " + "; ".join(parts) + "."


def _depends_text(pack: Pack, result: Result) -> str:
    d = result.depends
    if d is None:
        return ""
    if d.question is not None:
        parts = "; ".join(
            f"'{_label(pack, d.question, o)}' → {pack.service(s).name if s else 'nothing fits'}" for o, s in d.outcomes
        )
        return f"It depends on your answer to '{pack.question(d.question).prompt}': {parts}."
    names = ", ".join(f"'{short(pack, q)}'" for q in d.questions)
    return f"It depends on answers you were not sure of ({names}); answering them would settle it."


def report(
    pack: Pack, answers: dict[str, Answer], result: Result | None = None, today: dt.date | None = None
) -> Report:
    """The whole explanation of a decision for ``answers``: reasons, citations, caveats, verdict."""
    if result is None:
        result = decide(pack, {q: a.option for q, a in answers.items()})
    rec = result.recommendation
    winner = result.standing(rec.id) if rec else None
    cited = _citations(pack, result, winner)
    reasons = _reasons(pack, result, winner, {key: i + 1 for i, key in enumerate(cited)})
    facts = [fact_line(pack, rec.id, f, today) for f in rec.facts] if rec else []
    cost = cost_section(pack, answers, today)
    caveats = _caveats(pack, result, answers, facts, cost, today)
    verdict, short_verdict = _verdict(pack, result, reasons)
    columns, rows = _fit(pack, result)
    if cost is not None:
        rows.append(_cost_row(result, cost))
    ranking = [
        {
            "id": st.service.id,
            "name": st.service.name,
            "score": st.score,
            "excluded": st.excluded,
            "share": round(st.share, 4),
        }
        for st in result.ranking
    ]
    return Report(
        pack_name=pack.info.name,
        pack_version=pack.info.version,
        recommendation=(rec.id, rec.name) if rec else None,
        runner_up=(result.runner_up.id, result.runner_up.name) if result.runner_up else None,
        verdict=verdict,
        settled=result.settled,
        depends=_depends_text(pack, result),
        answers=answer_lines(pack, answers),
        ranking=ranking,
        reasons=reasons,
        why_not=[_why_not(pack, st, winner) for st in result.ranking if st is not winner],
        fit_columns=columns,
        fit_rows=rows,
        what_if=_what_if_text(pack, result),
        caveats=caveats,
        citations=list(cited.values()),
        facts=facts,
        confidence=result.confidence if rec else 0.0,
        confidence_words=confidence_words(result.confidence, result.settled) if rec else "nothing fits",
        assumed=_assumed(pack, result),
        settle_by=_settle_line(pack, result),
        verdict_short=short_verdict,
        cost=cost,
    )


def _reasons(
    pack: Pack, result: Result, winner: Standing | None, footnotes: dict[tuple[str, str], int]
) -> list[Reason]:
    """What counted for and against the winner, then what ruled each other service out (one line
    per rule), each pointing at the guide passages it rests on (footnote numbers)."""
    firings: list[tuple[Firing, tuple[str, ...]]] = []
    if winner is not None:
        firings += [(f, (winner.service.id,)) for f in winner.for_ + winner.against if f.certain]
    out_by_rule: dict[str, tuple[Firing, list[str]]] = {}
    for st in result.ranking:
        if st is winner:
            continue
        for f in st.excluded_by:
            if f.certain:
                out_by_rule.setdefault(f.rule.id, (f, []))[1].append(st.service.id)
    firings += [(f, tuple(sids)) for f, sids in out_by_rule.values()]
    reasons = [_reason(pack, f, sids) for f, sids in firings]
    return [
        Reason(**{**{k: getattr(r, k) for k in r._fields}, "notes": _notes(pack, r.rule, footnotes)}) for r in reasons
    ]


def _citations(pack: Pack, result: Result, winner: Standing | None) -> dict[tuple[str, str], CitationLine]:
    """The guide passages the certain reasons and caveats cite, once each, in the order met."""
    cited: dict[tuple[str, str], CitationLine] = {}
    used_firings = (
        (winner.for_ + winner.against if winner else [])
        + [f for st in result.ranking for f in st.excluded_by]
        + result.caveats
    )
    for firing in used_firings:
        if not firing.certain:
            continue
        for c in firing.rule.cite:
            section = pack.sections[c.section]
            src = section.first_source
            cited.setdefault(
                (c.section, c.quote),
                CitationLine(c.section, section.title, c.quote, src.url if src else "", src.checked if src else ""),
            )
    return cited


def _caveats(
    pack: Pack,
    result: Result,
    answers: dict[str, Answer],
    facts: list[FactLine],
    cost: CostSection | None,
    today: dt.date | None,
) -> list[Caveat]:
    """What to keep in mind: cost over budget or running out first, sessions, the rules' caveats,
    then sources that disagree and figures nobody has checked for a year."""
    rec = result.recommendation
    caveats: list[Caveat] = []
    for firing in result.caveats:
        if not firing.certain:
            continue
        caveat_facts = tuple(
            fact_line(pack, ref.service, f, today)
            for ref in firing.rule.facts
            if (f := pack.service(ref.service).fact(ref.fact)) is not None
        )
        caveats.append(Caveat(firing.rule.reason, caveat_facts))
    sessions = _sessions(pack, answers, rec.id if rec else None)
    if sessions:
        caveats.insert(0, Caveat(sessions, ()))
    if rec is None:
        return caveats
    shown = {(f.service, f.fact) for c in caveats for f in c.facts}
    for fl in facts:
        if fl.disagreement and (fl.service, fl.fact) not in shown:
            caveats.append(
                Caveat(f"Sources disagree about the {fl.label.lower()} of {rec.name}: {fl.disagreement}", (fl,))
            )
    stale = [fl for fl in facts if fl.stale]
    if stale:
        caveats.append(
            Caveat(
                f"Some figures for {rec.name} were last checked more than a year ago; confirm them before paying.",
                tuple(stale),
            )
        )
    mine = next((line for line in cost.lines if line.service == rec.id), None) if cost else None
    if cost is not None and mine is not None and mine.over_budget and mine.low is not None:
        caveats.insert(
            0,
            Caveat(
                f"At about {cost.hours_week:g} hours a week, {rec.name} would cost about "
                f"{money(mine.low)} a month, more than your budget of {money(cost.budget or 0)}: {mine.working}.",
                mine.facts,
            ),
        )
    elif mine is not None and mine.runs_out:
        caveats.insert(0, Caveat(f"At your use {mine.runs_out}: {mine.working}.", mine.facts))
    return caveats


def _verdict(pack: Pack, result: Result, reasons: list[Reason]) -> tuple[str, str]:
    """The verdict in full, and without the line on what would settle it (for narrow places)."""
    rec = result.recommendation
    if rec is None:
        verdict = "No service fits every answer; see what would change that below."
        return verdict, verdict
    if result.settled:
        verdict = rec.summary
        top = max(
            (r for r in reasons if r.effect == "for" and rec.id in r.services), key=lambda r: r.weight, default=None
        )
        if top is not None:
            verdict += f" Above all: {top.text}"
        return verdict, verdict
    words = confidence_words(result.confidence, False)
    short = f"{rec.name}: {words} ({result.confidence:.0%}), not settled by your answers."
    assumed = _assumed(pack, result)
    if assumed:
        short += f" It counts on {assumed_text(assumed)}."
    settle = _settle_line(pack, result)
    return (short + " " + settle_text(settle) if settle is not None else short), short


def cost_section(pack: Pack, answers: dict[str, Answer], today: dt.date | None = None) -> CostSection | None:
    """The monthly estimates for the answers, or None when the pack prices nothing."""
    from .cost import budget_cap, estimate

    use, estimates = estimate(pack, answers)
    if not estimates:
        return None
    cap = budget_cap(pack, answers)
    lines = []
    for sid, est in estimates.items():
        service = pack.service(sid)
        cited = service.pricing.facts if service.pricing is not None else ()
        facts = tuple(fact_line(pack, sid, f, today) for ref in cited if (f := service.fact(ref)) is not None)
        least = est.least
        over = cap is not None and least is not None and least > cap + 0.005
        lines.append(
            CostLine(sid, service.name, est.low, est.high, est.fits, est.runs_out, est.working, over, facts, least)
        )
    return CostSection(use.hours_week, use.hours_month, use.machines, use.assumed, cap, lines)
