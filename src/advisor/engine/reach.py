"""Which questions are asked, given the answers so far."""

from __future__ import annotations

from collections.abc import Mapping

from ..pack.core import Question


def is_reached(question: Question, chosen: Mapping[str, str]) -> bool:
    """Whether ``question`` is asked, given the options chosen so far (by question id)."""
    conditions = question.conditions
    if not conditions:
        return True
    return any(all(chosen.get(q) in opts for q, opts in cond.items()) for cond in conditions)


def may_be_asked(question: Question, chosen: Mapping[str, str]) -> bool:
    """Whether ``question`` may still be asked: one of its conditions holds or waits on a question not
    answered yet (unlike ``is_reached``, which needs every condition's answers given)."""
    conditions = question.conditions
    return not conditions or any(
        all(q not in chosen or chosen[q] in opts for q, opts in cond.items()) for cond in conditions
    )


def ruled_out_by(question: Question, chosen: Mapping[str, str]) -> list[str]:
    """The questions whose answers keep ``question`` from being asked (none when it may still be)."""
    if may_be_asked(question, chosen):
        return []
    blocking = (q for cond in question.conditions for q, opts in cond.items() if q in chosen and chosen[q] not in opts)
    return list(dict.fromkeys(blocking))
