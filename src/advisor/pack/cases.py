"""Test cases of a pack's decisions, written as data (``cases.yaml``), as decision-table tools keep them.

Each case is a person: the answers they give (option ids, or a number for a numeric question;
questions left out stay open and count by their priors), the service a knowledgeable person would
recommend (``expect``) or the services any of which would do (``accept``), and why. ``advisor check``
runs every case; a failing case is a finding at its file and line. The engine is not imported here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..record import Record
from .core import PackError, Problem

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="lower-case letters, digits and dashes")]

NOTHING = "none"  # expect: none -> no service fits these answers


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    answers: dict[Id, str | int | float] = Field(
        default_factory=dict,
        description="question id -> option id, or a number for a numeric question; a question left out stays open",
    )
    expect: Id | None = Field(default=None, description=f"the service to recommend, or '{NOTHING}' when nothing fits")
    accept: list[Id] = Field(default_factory=list, description="any of these services would do")
    settled: bool | None = Field(default=None, description="true: must hold whatever the open answers are")
    why: str = Field(description="one line: why a knowledgeable person would sign this")

    @model_validator(mode="after")
    def _one_expectation(self) -> CaseModel:
        if (self.expect is None) == (not self.accept):
            raise ValueError("give either 'expect' (one service) or 'accept' (a list), not both and not neither")
        return self


class CasesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cases: list[CaseModel]


class Case(Record, eq=False):
    id: str
    answers: dict[str, str]
    accept: tuple[str, ...]  # '' stands for "nothing fits"
    settled: bool | None
    why: str
    file: str
    line: int


def load_cases(root: Path | str) -> list[Case]:
    """The cases in ``root/cases.yaml`` (none if the file is absent), or PackError with file and line."""
    from .loader import _display, _validate
    from .yamlsafe import YamlError, parse_yaml, read_text

    root = Path(root)
    path = root / "cases.yaml"
    if not path.is_file():
        return []
    shown = _display(root, path)
    problems: list[Problem] = []
    try:
        doc = parse_yaml(read_text(path, shown), shown)
    except YamlError as exc:
        raise PackError(exc.problems) from None
    model = _validate(doc, CasesFile, problems)
    if problems or model is None:
        raise PackError(problems)
    out: list[Case] = []
    seen: set[str] = set()
    for i, case in enumerate(model.cases):
        line = doc.where(("cases", i))[0]
        if case.id in seen:
            problems.append(doc.problem(("cases", i, "id"), f"case id '{case.id}' is used twice"))
        seen.add(case.id)
        wanted = [case.expect] if case.expect is not None else list(case.accept)
        out.append(
            Case(
                case.id,
                {q: _text(v) for q, v in case.answers.items()},
                tuple("" if s == NOTHING else s for s in wanted),
                case.settled,
                case.why,
                shown,
                line,
            )
        )
    if problems:
        raise PackError(problems)
    return out


def _text(value: str | int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
