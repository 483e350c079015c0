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
    # a short CPU job: nothing runs in the background, no weekly GPU hours; a free budget: no team question
    assert "background" not in pending and "weekly-hours" not in pending and "team" not in pending
    assert session.next_question().id == "work"


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
    assert session.next_question().id == "background"
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
        "runtime": "1-to-9",
        "background": "yes",
        "weekly-hours": "over-30",
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
    assert background and background[0].answers == (("background", "Yes, it must run unattended"),)
    assert {w.service for w in rep.why_not} == {"colab", "colab-pro", "colab-pro-plus", "sagemaker"}
    for c in rep.citations:
        assert c.source.startswith("http") and c.checked
        assert pack.sections[c.section].contains(c.quote)
    assert rep.facts and all(f.source.startswith("http") for f in rep.facts)


def test_caveat_for_jobs_longer_than_a_day(pack):
    answers = {
        "budget": "over-50",
        "hardware": "gpu",
        "runtime": "over-24",
        "background": "yes",
        "weekly-hours": "over-30",
        "work": "train",
        "data": "local",
        "team": "personal",
        "privacy": "public",
    }
    rep = report(pack, {q: Answer(o) for q, o in answers.items()})
    assert any("more than a day" in c.text for c in rep.caveats)


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
        "background": "yes",
        "weekly-hours": "over-30",
        "work": "explore",
        "data": "drive",
        "team": "personal",
        "privacy": "public",
    }
    rep = report(pack, {q: Answer(o) for q, o in answers.items()})
    assert rep.recommendation[0] == "colab-pro"
    disagreements = [c for c in rep.caveats if "disagree" in c.text.lower()]
    assert any("tab closed" in c.text for c in disagreements)
    # each disputed fact is raised once, not once per mechanism
    facts = [(f.service, f.fact) for c in disagreements for f in c.facts]
    assert len(facts) == len(set(facts))


def _brute_winners(pack, chosen):
    """Winner in every world, by enumerating every option of every open question."""
    from itertools import product

    from advisor.engine.decide import knowledge_from

    known = knowledge_from(pack, chosen)
    order = [s.id for s in pack.services]
    open_qs = list(known.open)
    winners = {}
    for combo in product(*(known.open[q] for q in open_qs)):
        world = {**known.fixed, **dict(zip(open_qs, combo))}
        score = {s: 0 for s in order}
        out = set()
        for rule in pack.rules:
            if rule.effect.value == "caveat" or not all(world.get(q) in opts for q, opts in rule.when.items()):
                continue
            for sid in rule.services:
                if rule.effect.value == "exclude":
                    out.add(sid)
                else:
                    score[sid] += rule.weight if rule.effect.value == "for" else -rule.weight
        alive = [s for s in order if s not in out]
        winners[combo] = max(alive, key=lambda s: (score[s], -order.index(s))) if alive else ""
    return winners


def test_search_agrees_with_enumerating_every_world(pack):
    import random

    from advisor.engine.decide import knowledge_from, search

    rng = random.Random(5)
    for _ in range(40):
        chosen = {}
        for q in pack.questions:
            if rng.random() < 0.5:
                chosen[q.id] = rng.choice(q.options).id
        from advisor.engine.decide import prune

        chosen = prune(pack, chosen)
        brute = _brute_winners(pack, chosen)
        known = knowledge_from(pack, chosen)
        counts = {}
        for leaf in search(pack, known):
            counts[leaf.winner] = counts.get(leaf.winner, 0) + leaf.worlds
        expected = {}
        for w in brute.values():
            expected[w] = expected.get(w, 0) + 1
        assert counts == expected, chosen
