"""Measuring understanding on a labelled set (tests/data/understanding.yaml).

Groups: ``single`` (one answer to the question asked), ``multi`` (a description at the first
question: every answer in it, and nothing else), ``guide`` (a question about the services),
``clarify`` (text that must get a clarifying question) and ``talk`` (small talk and commands in
words, with the reply kind or command expected).

For each item the outcome is one of: ``correct``; ``clarify`` (the advisor asked instead of
answering: safe, but not accurate); ``wrong`` (a confident reading of the wrong option: the
mistake that matters most).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from ..pack.core import Pack
from ..record import Record, field
from .message import interpret


class Tally(Record):
    counts: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rate(self, outcome: str) -> float:
        return self.counts[outcome] / self.total if self.total else 0.0

    def score(self, got: str | None, expected: str, wrong: str, unread: str) -> None:
        """Count one expected answer: read right, read wrong (``wrong`` noted), or not read (``unread``)."""
        if got == expected:
            self.counts["correct"] += 1
        elif got is not None:
            self.counts["wrong"] += 1
            self.misses.append(wrong)
        else:
            self.counts["clarify"] += 1
            self.misses.append(unread)


class Evaluation(Record):
    by_group: dict[str, Tally]

    def overall(self, groups: tuple[str, ...] | None = None) -> Tally:
        total = Tally()
        for name, tally in self.by_group.items():
            if groups is None or name.split(":")[0] in groups:
                total.counts.update(tally.counts)
                total.misses.extend(tally.misses)
        return total

    def table(self) -> str:
        lines = [f"{'group':28} {'items':>5} {'accuracy':>9} {'clarify':>8} {'wrong':>7}"]
        for name, t in sorted(self.by_group.items()):
            lines.append(
                f"{name:28} {t.total:5d} {t.rate('correct'):9.1%} {t.rate('clarify'):8.1%} {t.rate('wrong'):7.1%}"
            )
        t = self.overall()
        lines.append(
            f"{'all':28} {t.total:5d} {t.rate('correct'):9.1%} {t.rate('clarify'):8.1%} {t.rate('wrong'):7.1%}"
        )
        return "\n".join(lines)


def load_set(*paths: Path) -> dict[str, Any]:
    """One labelled set from one or more files (their groups joined)."""
    data: dict[str, Any] = {}
    for path in paths:
        part: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for group, items in part.items():
            if isinstance(items, dict):
                merged = data.setdefault(group, {})
                for key, values in items.items():
                    merged.setdefault(key, []).extend(values)
            else:
                data.setdefault(group, []).extend(items)
    return data


def evaluate(pack: Pack, data: dict[str, Any]) -> Evaluation:
    """Score each kind of item: single answers, several facts in one message, guide questions,
    texts that need a clarifying question, and small talk or commands."""
    groups: dict[str, Tally] = defaultdict(Tally)
    for qid, items in data.get("single", {}).items():
        question = pack.question(qid)
        for text, expected in items:
            meaning = interpret(pack, question, {}, text)
            got = {r.question: r.option for r in meaning.readings}
            groups[f"single:{qid}"].score(
                got.get(qid),
                str(expected),
                f"{qid}: {text!r} -> {got.get(qid)} (expected {expected})",
                f"{qid}: {text!r} -> {meaning.kind} (expected {expected})",
            )
    for item in data.get("multi", []):
        _multi(pack, item, groups["multi"])
    for text, expected in data.get("guide", []):
        _guide_item(pack, text, expected, groups["guide"])
    for qid, text in data.get("clarify", []):
        _clarify(pack, qid, text, groups["clarify"])
    for text, expected in data.get("talk", []):
        # small talk ("thanks") and commands in words ("restart please"): never read as answers
        meaning = interpret(pack, pack.questions[0], {}, text)
        tally = groups["talk"]
        said = meaning.command if meaning.kind in ("command", "smalltalk") else None
        if meaning.readings:
            tally.counts["wrong"] += 1
            tally.misses.append(f"talk {text!r} -> answers {[r.option for r in meaning.readings]}")
        else:
            tally.score(said, str(expected), f"talk {text!r} -> {said}", f"talk {text!r} -> {meaning.kind}")
    return Evaluation(dict(groups))


def _multi(pack: Pack, item: dict[str, Any], tally: Tally) -> None:
    """A description with several facts: each expected answer scored, each extra one is wrong."""
    meaning = interpret(pack, pack.questions[0], {}, item["text"])
    got = {r.question: r.option for r in meaning.readings}
    for qid, expected in item["answers"].items():
        tally.score(
            got.get(qid),
            expected,
            f"multi {item['text']!r}: {qid} -> {got.get(qid)} (expected {expected})",
            f"multi {item['text']!r}: {qid} missing",
        )
    for qid in got.keys() - item["answers"].keys():
        tally.counts["wrong"] += 1
        tally.misses.append(f"multi {item['text']!r}: unexpected {qid} -> {got[qid]}")


def _guide_item(pack: Pack, text: str, expected: str, tally: Tally) -> None:
    """A question about the guide: the expected section, another one (wrong), or nothing."""
    meaning = interpret(pack, pack.questions[0], {}, text)
    if meaning.kind == "guide" and meaning.guide is not None and meaning.guide.section.id == expected:
        tally.counts["correct"] += 1
    elif meaning.kind == "guide" or meaning.readings:
        tally.counts["wrong"] += 1
        found = meaning.guide.section.id if meaning.guide else [r.option for r in meaning.readings]
        tally.misses.append(f"guide {text!r} -> {found} (expected {expected})")
    else:
        tally.counts["clarify"] += 1
        tally.misses.append(f"guide {text!r} -> {meaning.kind} (expected {expected})")


def _clarify(pack: Pack, qid: str, text: str, tally: Tally) -> None:
    """A text a person would be asked about: a clarifying question is right, a guess is wrong."""
    meaning = interpret(pack, pack.question(qid), {}, text)
    got = {r.question: r.option for r in meaning.readings}
    if meaning.kind == "clarify" and (meaning.candidates or meaning.problem):
        tally.counts["correct"] += 1
    elif qid in got:
        tally.counts["wrong"] += 1
        tally.misses.append(f"clarify {qid} {text!r} -> guessed {got[qid]}")
    else:
        tally.counts["clarify"] += 1  # no guess, but no clarifying question either
        tally.misses.append(f"clarify {qid} {text!r} -> {meaning.kind}")


class GuideScore(Record):
    """How often the guide search puts an accepted section first, or in its first three."""

    total: int
    top1: int
    top3: int
    misses: list[str]

    def rate(self, which: str) -> float:
        return (self.top1 if which == "top1" else self.top3) / self.total if self.total else 0.0


def load_guide_questions(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    from ..pack.yamlsafe import parse_yaml, read_text

    doc = parse_yaml(read_text(path, str(path)), str(path)).data
    return [(q["text"], tuple(q["accept"])) for q in doc["questions"]]


def score_guide(pack: Pack, questions: list[tuple[str, tuple[str, ...]]]) -> GuideScore:
    from .guide_search import index_for

    index = index_for(pack)
    top1 = top3 = 0
    misses: list[str] = []
    for text, accept in questions:
        found = [hit.section.id for hit in index.search(text, limit=3)]
        first = bool(found) and found[0] in accept
        top1 += first
        top3 += any(section in accept for section in found)
        if not first:
            misses.append(f"{text!r}: wanted {'/'.join(accept)}, got {', '.join(found) or 'nothing'}")
    return GuideScore(len(questions), top1, top3, misses)
