"""The session and the decision engine: branching, going back, not sure, what-if, explanations."""

from __future__ import annotations

from advisor.engine.decide import decide, prune
from advisor.engine.explain import report
from advisor.engine.session import Answer, Session


def test_first_question_is_budget(pack):
    session = Session(pack)
    assert session.next_question().id == "budget"


def test_follow_up_asked_only_when_it_matters(pack):
    session = Session(pack)
    session.answer("budget", Answer("free"))
    session.answer("hardware", Answer("cpu"))
    session.answer("runtime", Answer("up-to-1"))
    pending = [q.id for q in session.pending()]
    # a short CPU job: nothing runs in the background, no weekly GPU hours, no checkpoints, no GPU type;
    # a free budget: no team question and no question about paying by card
    for skipped in ("background", "weekly-hours", "team", "checkpoint", "gpu", "account"):
        assert skipped not in pending
    assert [q.id for q in session.pending()] == ["memory", "work", "data"]


def test_changing_an_earlier_answer_drops_answers_that_no_longer_apply(pack):
    session = Session(pack)
    session.answer_many({"budget": Answer("free"), "hardware": Answer("gpu"), "runtime": Answer("1-to-9")})
    session.answer("background", Answer("yes"))
    session.answer("weekly-hours", Answer("up-to-20"))
    change = session.answer("hardware", Answer("cpu"))
    assert change.dropped == ["weekly-hours"]
    assert "weekly-hours" not in session.answers
    change = session.answer("runtime", Answer("up-to-1"))
    assert change.dropped == ["background"]


def test_back_undoes_exactly_one_step_and_replay_matches(pack):
    session = Session(pack)
    session.answer("budget", Answer("free"))
    session.answer_many({"hardware": Answer("gpu"), "runtime": Answer("1-to-9")})
    session.answer("background", Answer("yes"))
    session.answer("hardware", Answer("cpu"))  # drops nothing but changes hardware
    assert session.replay() == session.answers
    session.back()
    assert session.answers["hardware"].option == "gpu"
    session.back()
    assert "background" not in session.answers
    assert "background" in [q.id for q in session.pending()]
    session.back()
    assert list(session.answers) == ["budget"]
    assert session.replay() == session.answers
    session.back()
    assert session.answers == {}
    assert session.back() is None


def test_back_restores_dropped_answers(pack):
    session = Session(pack)
    session.answer_many({"budget": Answer("free"), "hardware": Answer("gpu"), "runtime": Answer("1-to-9")})
    session.answer("weekly-hours", Answer("over-30"))
    session.answer("hardware", Answer("cpu"))
    assert "weekly-hours" not in session.answers
    session.back()
    assert session.answers["weekly-hours"].option == "over-30"


def test_not_sure_that_does_not_matter_still_settles(pack):
    # free + multi-GPU: Kaggle is the only service left, whatever the runtime
    result = decide(
        pack,
        {
            "budget": "free",
            "hardware": "multi-gpu",
            "runtime": "not-sure",
            "checkpoint": "yes",
            "memory": "up-to-12",
            "work": "train",
            "data": "local",
            "team": "personal",
            "privacy": "public",
            "background": "no",
            "weekly-hours": "up-to-20",
        },
    )
    assert result.settled
    assert result.recommendation.id == "kaggle"


def test_not_sure_that_matters_names_the_question_that_settles_it(pack):
    answers = {
        "budget": "over-50",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "1-to-9",
        "background": "yes",
        "weekly-hours": "over-30",
        "account": "aws",
        "work": "not-sure",
        "data": "local",
        "team": "personal",
        "privacy": "public",
    }
    result = decide(pack, answers)
    assert not result.settled
    assert result.depends.question == "work"
    outcomes = dict(result.depends.outcomes)
    assert outcomes["deploy"] == "sagemaker"
    assert outcomes["explore"] == "colab-pro-plus"
    rep = report(pack, {q: Answer(o) for q, o in answers.items()}, result)
    assert "What kind of work is it?" in rep.verdict
    # the settling question says what each answer would change, with its chance
    assert rep.settle_by is not None and rep.settle_by.question == "work"
    by_option = {oc.option: oc for oc in rep.settle_by.outcomes}
    assert by_option["deploy"].recommendation[0] == "sagemaker" and by_option["deploy"].probability == 1.0


def test_what_if_names_a_change_that_really_changes_it(pack):
    answers = {
        "budget": "free",
        "hardware": "gpu",
        "runtime": "up-to-1",
        "weekly-hours": "up-to-20",
        "work": "explore",
        "data": "local",
        "privacy": "public",
    }
    result = decide(pack, answers)
    assert result.recommendation.id == "colab"
    assert result.what_if
    for w in result.what_if:
        changed = prune(pack, {**answers, **dict(w.changes)})
        other = decide(pack, changed, what_if=False)
        assert other.recommendation is None or other.recommendation.id != "colab" or not other.settled


def test_report_explains_reasons_with_their_answers_and_cites_the_guide(pack):
    answers = {
        "budget": Answer("free"),
        "hardware": Answer("gpu"),
        "runtime": Answer("1-to-9"),
        "background": Answer("yes"),
        "weekly-hours": Answer("up-to-20"),
        "work": Answer("explore"),
        "data": Answer("local"),
        "privacy": Answer("public"),
    }
    rep = report(pack, answers)
    assert rep.recommendation == ("kaggle", "Kaggle Notebooks")
    background = [r for r in rep.reasons if r.rule == "background-on-kaggle"]
    assert background and background[0].answers == (("running unattended", "Yes, it must run unattended"),)
    assert {w.service for w in rep.why_not} == {"colab", "colab-pro", "colab-pro-plus", "sagemaker"}
    for c in rep.citations:
        assert c.source.startswith("http") and c.checked
        assert pack.sections[c.section].contains(c.quote)
    assert rep.facts and all(f.source.startswith("http") for f in rep.facts)


def test_caveat_for_jobs_longer_than_a_day(pack):
    answers = {
        "budget": "over-50",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "over-24",
        "checkpoint": "no",
        "background": "yes",
        "account": "aws",
        "weekly-hours": "over-30",
        "work": "train",
        "data": "local",
        "team": "personal",
        "privacy": "public",
    }
    rep = report(pack, {q: Answer(o) for q, o in answers.items()})
    assert rep.recommendation[0] == "sagemaker"
    # SageMaker stops a training job after one day unless told otherwise (the stopping condition)
    assert any("stops after one day" in c.text and "28 days" in c.text for c in rep.caveats)


def test_every_fact_has_source_and_date(pack):
    for service in pack.services:
        assert service.facts
        for fact in service.facts:
            assert fact.source.startswith("http")
            assert fact.checked_date.year >= 2019


def test_colab_pro_background_disagreement_is_said(pack):
    answers = {
        "budget": "up-to-50",
        "hardware": "gpu",
        "runtime": "9-to-12",
        "checkpoint": "no",
        "background": "no",
        "weekly-hours": "20-to-30",
        "work": "explore",
        "data": "drive",
        "team": "personal",
        "privacy": "public",
    }
    rep = report(pack, {q: Answer(o) for q, o in answers.items()})
    assert rep.recommendation[0] == "colab-pro"
    disagreements = [c for c in rep.caveats if "disagree" in c.text.lower()]
    assert any("Pro+ only" in c.text for c in disagreements)
    # each disputed fact is raised once, not once per mechanism
    facts = [(f.service, f.fact) for c in disagreements for f in c.facts]
    assert len(facts) == len(set(facts))


def _brute_force(pack, chosen):
    """Every world listed one by one: P(winner), and P(winner | answer) for each open question.

    An answered question counts in every world; an open one (unanswered or "not sure") counts where
    its ask_if holds on the person's answers and, for open questions, on the world's own answers.
    """
    from advisor.engine.worlds import TINY
    from advisor.pack.core import NOT_SURE

    order = [s.id for s in pack.services]
    shares: dict[str, float] = {}
    joint: dict[tuple[str, str], dict[str, float]] = {}

    def go(i, world, p):
        if i == len(pack.questions):
            score = {s: 0 for s in order}
            out = set()
            for rule in pack.rules:
                if rule.effect.value == "caveat" or not all(world.get(q) in o for q, o in rule.when.items()):
                    continue
                for sid in rule.services:
                    if rule.effect.value == "exclude":
                        out.add(sid)
                    else:
                        score[sid] += rule.weight if rule.effect.value == "for" else -rule.weight
            alive = [s for s in order if s not in out]
            winner = max(alive, key=lambda s: (score[s], -order.index(s))) if alive else ""
            shares[winner] = shares.get(winner, 0) + p
            for q, o in world.items():
                if chosen.get(q) in (None, NOT_SURE):
                    row = joint.setdefault((q, o), {})
                    row[winner] = row.get(winner, 0) + p
            return
        q = pack.questions[i]
        reached = not q.conditions or any(all(world.get(c) in o for c, o in cond.items()) for cond in q.conditions)
        if chosen.get(q.id) not in (None, NOT_SURE):
            go(i + 1, {**world, q.id: chosen[q.id]}, p)
        elif not reached:
            go(i + 1, world, p)
        else:
            for o, prior in q.priors.items():
                go(i + 1, {**world, q.id: o}, p * (prior if prior > 0 else TINY))

    go(0, {}, 1.0)
    return shares, joint


def test_walk_agrees_with_listing_every_world(pack):
    """The walk's merging and early finishing are exact: same chances as listing each world."""
    import random

    from advisor.engine.decide import prune
    from advisor.engine.worlds import worlds

    rng = random.Random(5)
    tried = 0
    while tried < 25:
        chosen = {q.id: rng.choice(q.options).id for q in pack.questions if rng.random() < 0.6}
        chosen = prune(pack, chosen)
        open_count = sum(1 for q in pack.questions if chosen.get(q.id) in (None, "not-sure"))
        if open_count > 7:
            continue
        tried += 1
        shares, joint = _brute_force(pack, chosen)
        found = worlds(pack, chosen)
        total = sum(shares.values())
        for winner in set(shares) | set(found.shares):
            assert abs(shares.get(winner, 0) / total - found.shares.get(winner, 0)) < 1e-9, (chosen, winner)
        for qid, options in found.given.items():
            for option, winners in options.items():
                row = joint[(qid, option)]
                mass = sum(row.values())
                for winner, p in winners.items():
                    assert abs(row.get(winner, 0) / mass - p) < 1e-9, (chosen, qid, option, winner)


def test_core_answers_alone_never_send_a_modest_user_to_a_cloud_bill(pack):
    """Issue bar: $1-$50, a CPU or one GPU and a run under 9 hours, nothing else said: not SageMaker.

    Every follow-up stays open and counts by its priors, so rare cases (deploying, a team, S3,
    private data) weigh as rare, not as one reading in four.
    """
    from advisor.verify import _case_option

    budget, runtime = pack.question("budget"), pack.question("runtime")
    for dollars in (1, 5, 9.5, 9.99, 10, 20, 35, 49.5):
        for hardware in ("cpu", "gpu"):
            for hours in (0.25, 1, 3, 6, 8.9):
                chosen = {"budget": _case_option(budget, str(dollars)), "hardware": hardware}
                chosen["runtime"] = _case_option(runtime, str(hours))
                got = decide(pack, chosen, what_if=False).recommendation
                assert got is not None and got.id != "sagemaker", (dollars, hardware, hours)


def test_a_cloud_bill_several_gpus_for_days_or_deploying_do(pack):
    for chosen in (
        {"budget": "pay-per-use", "hardware": "gpu", "runtime": "1-to-9"},
        {"budget": "pay-per-use", "hardware": "cpu", "runtime": "up-to-1"},
        {"budget": "over-50", "hardware": "multi-gpu", "runtime": "over-24"},
        {"budget": "pay-per-use", "hardware": "multi-gpu", "runtime": "over-24"},
        {"budget": "up-to-50", "hardware": "gpu", "runtime": "1-to-9", "work": "deploy"},
    ):
        assert decide(pack, chosen, what_if=False).recommendation.id == "sagemaker", chosen
