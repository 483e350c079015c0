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
