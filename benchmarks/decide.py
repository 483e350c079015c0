"""How long one decision takes, for any answer set, including none.

    python benchmarks/decide.py [--sets 300] [--repeat 5]

Every decision weighs the open answers by their priors (advisor/engine/worlds.py), so the fewer
answers, the more readings to weigh. This times `decide()` on the hardest sets (nothing answered;
the three core questions answered "not sure"), on the three-answer case `advisor recommend` is
usually given, and on random answer sets (each question answered, "not sure" or left open), each
the median of --repeat runs, in one process with the pack loaded as the chat has it. The three-
answer case is the baseline measured in the same run, so a busy machine shows in both. What the
engine remembers between decisions is forgotten before each one, so every figure is a first
decision. Bar: every set under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from advisor.engine.decide import decide, prune
from advisor.engine.worlds import walk_of
from advisor.pack import load

BAR_MS = 50.0
THREE = {"budget": "up-to-50", "hardware": "gpu", "runtime": "1-to-9"}
HARD = {
    "nothing answered": {},
    "budget, hardware and run length 'not sure'": {"budget": "not-sure", "hardware": "not-sure", "runtime": "not-sure"},
}


def timed(pack: object, chosen: dict[str, str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        walk_of(pack).bounds.clear()  # type: ignore[arg-type]  # as cold as a first decision
        start = time.perf_counter()
        decide(pack, chosen)  # type: ignore[arg-type]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pack = load()
    walk_of(pack)  # compiled once per pack, as in the chat
    rng = random.Random(1)
    sets: list[tuple[str, dict[str, str]]] = [(name, chosen) for name, chosen in HARD.items()]
    for i in range(args.sets):
        chosen = {}
        for q in pack.questions:
            roll = rng.random()
            if roll < 0.45:
                chosen[q.id] = rng.choice(q.concrete_options).id
            elif roll < 0.6:
                chosen[q.id] = "not-sure"
        sets.append((f"random set {i + 1}", prune(pack, chosen)))
    base = []
    figures = []
    for name, chosen in sets:  # the baseline alternates with the sets, so both see the same machine
        base.append(timed(pack, THREE, args.repeat))
        figures.append((timed(pack, chosen, args.repeat), name, chosen))
    baseline = statistics.median(base)
    figures.sort(reverse=True)
    print(f"three answers (baseline, same run): median {baseline:.1f} ms")
    for ms, name, _ in figures[:2] + [f for f in figures if f[1] in HARD]:
        print(f"  {name:<50} {ms:6.1f} ms  ({ms / baseline:.1f}x the three-answer case)")
    print(f"median over {len(figures)} answer sets: {statistics.median(f[0] for f in figures):.1f} ms")
    worst = figures[0][0]
    verdict = "PASS" if worst < BAR_MS else "FAIL"
    print(f"slowest set: {worst:.1f} ms ({figures[0][1]}) (bar: under {BAR_MS:.0f} ms) {verdict}")
    return 0 if worst < BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
