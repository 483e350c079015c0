"""Verification of decisions: box analysis equals brute force on small packs; located findings."""

from __future__ import annotations

import random
import shutil
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.cli import main
from advisor.engine.decide import is_reached
from advisor.pack import load
from advisor.pack.models import Effect
from advisor.pack.synthetic import make_pack
from advisor.verify import verify

from .conftest import RULES


def reachable_combinations(pack):
    """Every combination of concrete answers, with follow-ups asked exactly when their ask_if holds."""

    def go(i, chosen):
        if i == len(pack.questions):
            yield dict(chosen)
            return
        q = pack.questions[i]
        if not is_reached(q, chosen):
            yield from go(i + 1, chosen)
            return
        for opt in q.concrete_options:
            chosen[q.id] = opt.id
            yield from go(i + 1, chosen)
            del chosen[q.id]

    yield from go(0, {})


def fires(rule, combo):
    return all(combo.get(q) in opts for q, opts in rule.when.items())


def brute_force(pack):
    combos = list(reachable_combinations(pack))
    services = [s.id for s in pack.services]
    unreachable = {r.id for r in pack.rules if not any(fires(r, c) for c in combos)}
    gap = any(
        all(any(r.effect is Effect.exclude and s in r.services and fires(r, c) for r in pack.rules) for s in services)
        for c in combos
    )
    shadowed = set()
    for r in pack.rules:
        if r.id in unreachable or r.effect is Effect.caveat:
            continue
        for s in r.services:
            if all(
                any(o is not r and o.effect is Effect.exclude and s in o.services and fires(o, c) for o in pack.rules)
                for c in combos
                if fires(r, c)
            ):
                shadowed.add((r.id, s))
    conflicts = set()
    opposite = [{Effect.for_, Effect.against}, {Effect.exclude, Effect.for_}]
    live = [r for r in pack.rules if r.id not in unreachable and r.effect is not Effect.caveat]
    for i, a in enumerate(live):
        for b in live[i + 1 :]:
            if {a.effect, b.effect} not in opposite or set(a.when) != set(b.when):
                continue
            for s in set(a.services) & set(b.services):
                if any(fires(a, c) and fires(b, c) for c in combos):
                    conflicts.add((a.id, b.id, s))
    return unreachable, gap, shadowed, conflicts


def by_boxes(pack):
    findings = verify(pack)
    unreachable = {f.subjects[0] for f in findings if f.kind == "unreachable-rule"}
    gap = any(f.kind == "gap" for f in findings)
    shadowed = {f.subjects for f in findings if f.kind == "shadowed"}
    conflicts = {f.subjects for f in findings if f.kind == "conflict"}
    return unreachable, gap, shadowed, conflicts


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    questions=st.integers(1, 4),
    options=st.integers(1, 3),
    services=st.integers(1, 3),
    rules=st.integers(1, 12),
)
def test_box_verification_equals_brute_force(seed, questions, options, services, rules):
    pack = make_pack(
        random.Random(seed),
        questions,
        options,
        services,
        rules,
        effects=(("exclude", 0.4), ("for", 0.3), ("against", 0.3)),
    )
    assert by_boxes(pack) == brute_force(pack)


def test_gap_example_really_rules_out_everything():
    checked = 0
    for seed in range(40):
        pack = make_pack(random.Random(seed), 3, 3, 2, 10, effects=(("exclude", 0.7), ("for", 0.3)))
        for f in verify(pack):
            if f.kind == "gap":
                checked += 1
                combo = dict(f.example)
                for s in pack.services:
                    assert any(
                        r.effect is Effect.exclude and s.id in r.services and fires(r, combo) for r in pack.rules
                    )
    assert checked >= 10  # the packs are built to have gaps: the check above really ran


def test_shipped_pack_has_no_errors(pack):
    assert [str(f) for f in verify(pack) if f.severity == "error"] == []


def test_scale_pack_is_verified_without_enumeration():
    # 6^12 combinations would take weeks; the box analysis finishes (no time asserted here:
    # benchmarks/verify_scale.py measures it against its bar)
    pack = make_pack(random.Random(7), 12, 6, 10, 600, effects=(("exclude", 0.05), ("for", 0.5), ("against", 0.45)))
    kinds = {f.kind for f in verify(pack)}
    assert {"conflict", "unreachable-rule"} <= kinds  # 600 random rules: the analysis finds these
    assert kinds <= {
        "unreachable-rule",
        "shadowed",
        "conflict",
        "gap",
        "unused-question",
        "stale-fact",
        "no-priors",
        "unsourced-fact",
    }


def test_broken_pack_one_clear_line_per_problem(tmp_path, capsys):
    broken = tmp_path / "rules"
    shutil.copytree(RULES, broken)
    decisions = broken / "decisions.yaml"
    decisions.write_text(
        decisions.read_text()
        + """
  - id: kaggle-bad-for-competitions
    when: {work: [competition, train]}
    effect: against
    services: [kaggle]
    reason: Made up, to contradict competition-on-kaggle.
"""
    )
    code = main(["check", "--rules", str(broken)])
    out = capsys.readouterr().out
    assert code == 1
    [line] = [x for x in out.splitlines() if "contradict" in x]
    assert "decisions.yaml:" in line and "'competition-on-kaggle' (for)" in line and "work=competition" in line
    load(broken, cache=False)  # still a valid pack: only verification complains


def test_check_json_lists_findings(capsys):
    code = main(["check", "--json"])
    import json

    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["status"] == "ok"
    assert all(f["severity"] == "warning" for f in data["findings"])


@pytest.mark.parametrize(
    "edit,needle",
    [
        (
            ("questions.yaml", "    why: Only some services", "    why: Only some services\n    why: twice"),
            "duplicate key 'why'",
        ),
        (
            (
                "decisions.yaml",
                "services: [colab-pro, colab-pro-plus, sagemaker]",
                "services: [colab-pro, colab-pro-plus, sagemakr]",
            ),
            "unknown service 'sagemakr' (did you mean 'sagemaker'?)",
        ),
    ],
)
def test_check_reports_invalid_packs_with_exit_2(tmp_path, capsys, edit, needle):
    broken = tmp_path / "rules"
    shutil.copytree(RULES, broken)
    name, old, new = edit
    path = broken / name
    path.write_text(path.read_text().replace(old, new, 1))
    code = main(["check", "--rules", str(broken)])
    out = capsys.readouterr().out
    assert code == 2 and needle in out


def test_product_helper_is_exhaustive():
    pack = make_pack(random.Random(3), 2, 2, 1, 1, follow_ups=False)
    assert len(list(reachable_combinations(pack))) == len(list(product(range(2), range(2))))


def test_example_pack_passes_check(capsys):
    code = main(["check", "--rules", str(RULES.parent / "examples" / "vertex-ai")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "6 services" in out.splitlines()[-1]


def test_example_pack_recommends_its_service_for_tpus_at_scale():
    pack = load(RULES.parent / "examples" / "vertex-ai", cache=False)
    from advisor.engine.decide import decide

    result = decide(
        pack,
        {
            "budget": "pay-per-use",
            "hardware": "tpu",
            "runtime": "over-24",
            "background": "yes",
            "weekly-hours": "over-30",
            "work": "train",
            "data": "local",
            "team": "team",
            "privacy": "public",
        },
    )
    assert result.recommendation.id == "vertex-ai"


def test_extends_in_a_circle_is_an_error(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for here, there in ((a, "../b"), (b, "../a")):
        here.mkdir()
        (here / "pack.yaml").write_text(f"pack:\n  name: x\n  version: '1'\n  extends: {there}\n")
    from advisor.pack.loader import PackError

    with pytest.raises(PackError) as err:
        load(a, cache=False)
    assert "circle" in str(err.value)


def test_shipped_schemas_are_current():
    from advisor.pack.schema import schema_text

    for name in ("pack", "questions", "services", "decisions", "cases"):
        assert (RULES / "schema" / f"{name}.json").read_text() == schema_text(name), (
            f"run: advisor schema {name} > rules/schema/{name}.json"
        )
    for name in ("pack", "questions", "services", "decisions", "cases"):
        first = (RULES / f"{name}.yaml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{name}.json"


def test_graph_draws_every_question_and_service(capsys, pack):
    for fmt in ("mermaid", "dot"):
        assert main(["graph", "--format", fmt]) == 0
        out = capsys.readouterr().out
        for q in pack.questions:
            assert q.prompt in out
        for s in pack.services:
            assert s.name in out
        assert "rules out" in out


def test_a_stale_price_is_named_as_one_the_cost_estimates_use(pack):
    import datetime as dt

    later = dt.date(2028, 6, 1)  # every fact read in 2026 is stale by then
    stale = {f.subjects[0]: f.message for f in verify(pack, today=later) if f.kind == "stale-fact"}
    pro = pack.service("colab-pro")
    assert pro.pricing is not None
    priced = f"colab-pro.{pro.pricing.facts[0]}"
    assert stale[priced].startswith("a price the cost estimates use")
    unpriced = next(f"colab-pro.{f.id}" for f in pro.facts if f.id not in pro.pricing.facts)
    assert stale[unpriced].startswith("fact ")
