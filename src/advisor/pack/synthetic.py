"""Rule packs built in code: random packs for property tests and the verification benchmark."""

from __future__ import annotations

import random
from pathlib import Path

from . import core
from .core import NOT_SURE, Pack
from .guide import Section, Source
from .models import Fact, Option, PackInfo, Question, Rule, Service


def make_pack(
    rng: random.Random,
    questions: int,
    options: int,
    services: int,
    rules: int,
    follow_ups: bool = True,
    max_conditions: int = 3,
    effects: tuple[tuple[str, float], ...] = (("exclude", 0.15), ("for", 0.45), ("against", 0.4)),
) -> Pack:
    """A random, structurally valid pack (ids q0.., o0.., s0.., r0..)."""
    qs: list[Question] = []
    for i in range(questions):
        opts = [Option(id=f"o{j}", label=f"option {j}") for j in range(options)]
        opts.append(Option(id=NOT_SURE, label="Not sure"))
        ask_if = None
        if follow_ups and i > 0 and rng.random() < 0.3:
            earlier = rng.randrange(i)
            chosen = rng.sample(range(options), rng.randint(1, options - 1)) if options > 1 else [0]
            ask_if = {f"q{earlier}": [f"o{j}" for j in sorted(chosen)]}
        qs.append(Question(id=f"q{i}", prompt=f"Question {i}?", why="generated", options=opts, ask_if=ask_if))
    fact = Fact(id="price", label="Price", value="0", source="https://example.org/", checked="2026-01")
    svcs = [
        Service(id=f"s{k}", name=f"Service {k}", summary="generated", guide="g", facts=[fact]) for k in range(services)
    ]
    names, weights = zip(*effects)
    rs: list[Rule] = []
    for r in range(rules):
        effect = rng.choices(names, weights=weights)[0]
        picked = rng.sample(range(questions), rng.randint(1, min(max_conditions, questions)))
        # like real rules: a condition names one to a few options of a question, rarely most of them
        sizes = [1, 1, 2, 2, 3] if options > 3 else [1, max(1, options - 1)]
        when = {
            f"q{i}": [f"o{j}" for j in sorted(rng.sample(range(options), min(options, rng.choice(sizes))))]
            for i in sorted(picked)
        }
        targets = [f"s{k}" for k in sorted(rng.sample(range(services), rng.randint(1, min(2, services))))]
        rs.append(
            Rule(id=f"r{r}", when=when, effect=effect, services=targets, weight=rng.randint(1, 3), reason="generated")
        )
    section = Section("g", "Generated", "guide/g.md", 1, "generated text", [Source("https://example.org/", "2026-01")])
    origins = {f"rule:{rule.id}": ("decisions.yaml", n + 1) for n, rule in enumerate(rs)}
    return Pack(
        Path("."),
        core.plain(PackInfo(name="generated", version="0")),
        list(core.plain(qs)),
        list(core.plain(svcs)),
        list(core.plain(rs)),
        {"g": section},
        origins,
    )
