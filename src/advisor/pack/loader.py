"""Load a rule pack from a folder, validate it, and report every problem with file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .guide import Section, parse_guide
from .models import (
    FILE_MODELS,
    NOT_SURE,
    Condition,
    DecisionsFile,
    PackFile,
    PackInfo,
    Question,
    QuestionKind,
    QuestionsFile,
    Rule,
    Service,
    ServicesFile,
)
from .yamlsafe import Located, Problem, YamlError, parse_yaml, read_text


class PackError(Exception):
    """The pack cannot be used; ``problems`` says where and why, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Pack:
    root: Path
    info: PackInfo
    questions: list[Question]
    services: list[Service]
    rules: list[Rule]
    sections: dict[str, Section]
    # where each rule and question was written, for messages: id -> (file, line)
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._questions = {q.id: q for q in self.questions}
        self._services = {s.id: s for s in self.services}
        self.order = {q.id: i for i, q in enumerate(self.questions)}

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    def service(self, service_id: str) -> Service:
        return self._services[service_id]


def default_rules_dir() -> Path:
    """The rule pack shipped with advisor: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"


def suggest(word: str, choices: list[str]) -> str:
    """A ' (did you mean …?)' hint for an unknown id, or ''."""
    from rapidfuzz import fuzz, process, utils

    if not choices:
        return ""
    best = process.extractOne(word, choices, scorer=fuzz.ratio, processor=utils.default_process)
    if best and best[1] >= 60:
        return f" (did you mean '{best[0]}'?)"
    return f" (known: {', '.join(choices[:8])}{', …' if len(choices) > 8 else ''})"


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _validate(located: Located, model: type[BaseModel], problems: list[Problem]) -> Any:
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            # pydantic's union branches add type names to the path; keep the real path
            path = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"list", "dict"})))
            where = ".".join(str(p) for p in path) or "file"
            message = err["msg"].removeprefix("Value error, ")
            value = err.get("input")
            shown = ""
            if err["type"] == "extra_forbidden":
                key = str(path[-1]) if path else ""
                fields = list(_fields_at(model, path[:-1]))
                message = f"unknown key '{key}'{suggest(key, fields)}"
            elif not isinstance(value, (dict, list)) and value is not None:
                shown = f" (got {value!r})"
            problems.append(located.problem(path, f"{where}: {message}{shown}"))
        return None


def _fields_at(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a path inside a model, for 'did you mean' on unknown keys."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def load_pack(root: Path | str | None = None) -> Pack:
    """Load and validate the pack in ``root`` (default: the shipped one), or raise PackError."""
    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise PackError([Problem(str(root), 1, 1, "rules folder not found")])
    problems: list[Problem] = []
    located: dict[str, Located] = {}
    models: dict[str, Any] = {}
    for name, model in FILE_MODELS.items():
        path = root / name
        shown = _display(root, path)
        if not path.is_file():
            problems.append(Problem(shown, 1, 1, f"missing file; a pack needs {', '.join(FILE_MODELS)}"))
            continue
        try:
            doc = parse_yaml(read_text(path, shown), shown)
        except YamlError as exc:
            problems.extend(exc.problems)
            continue
        located[name] = doc
        models[name] = _validate(doc, model, problems)

    sections: dict[str, Section] = {}
    guide_dir = root / "guide"
    guide_files = sorted(guide_dir.glob("*.md")) if guide_dir.is_dir() else []
    if not guide_files:
        problems.append(Problem(_display(root, guide_dir), 1, 1, "no guide: add Markdown files to guide/"))
    for path in guide_files:
        shown = _display(root, path)
        if path.resolve().parent != guide_dir.resolve():
            problems.append(Problem(shown, 1, 1, "guide file points outside the rules folder; refused"))
            continue
        try:
            text = read_text(path, shown)
        except YamlError as exc:
            problems.extend(exc.problems)
            continue
        found, guide_problems = parse_guide(text, shown)
        problems.extend(guide_problems)
        for section in found:
            if section.id in sections:
                other = sections[section.id]
                problems.append(
                    Problem(shown, section.line, 1,
                            f"section id '{section.id}' is already used at {other.file}:{other.line}")
                )
            else:
                sections[section.id] = section

    if any(m is None for m in models.values()) or len(models) < len(FILE_MODELS):
        raise PackError(problems)

    pack_file: PackFile = models["pack.yaml"]
    questions: QuestionsFile = models["questions.yaml"]
    services: ServicesFile = models["services.yaml"]
    decisions: DecisionsFile = models["decisions.yaml"]
    problems.extend(
        _cross_check(questions, services, decisions, sections, located)
    )
    if problems:
        raise PackError(problems)
    origins: dict[str, tuple[str, int]] = {}
    for i, q in enumerate(questions.questions):
        origins[f"question:{q.id}"] = (located["questions.yaml"].file, located["questions.yaml"].where(("questions", i))[0])
    sdoc = located["services.yaml"]
    for i, svc in enumerate(services.services):
        origins[f"service:{svc.id}"] = (sdoc.file, sdoc.where(("services", i))[0])
        for j, fact in enumerate(svc.facts):
            origins[f"fact:{svc.id}.{fact.id}"] = (sdoc.file, sdoc.where(("services", i, "facts", j))[0])
    for i, r in enumerate(decisions.rules):
        origins[f"rule:{r.id}"] = (located["decisions.yaml"].file, located["decisions.yaml"].where(("rules", i))[0])
    return Pack(root, pack_file.pack, questions.questions, services.services, decisions.rules, sections, origins)


def _cross_check(
    questions: QuestionsFile,
    services: ServicesFile,
    decisions: DecisionsFile,
    sections: dict[str, Section],
    located: dict[str, Located],
) -> list[Problem]:
    """References between files: ids that must exist, order of questions, quotes in the guide."""
    problems: list[Problem] = []
    qdoc, sdoc, ddoc = located["questions.yaml"], located["services.yaml"], located["decisions.yaml"]
    by_id: dict[str, Question] = {}
    position: dict[str, int] = {}
    for i, q in enumerate(questions.questions):
        if q.id in by_id:
            problems.append(qdoc.problem(("questions", i, "id"), f"question id '{q.id}' is used twice"))
        by_id[q.id] = q
        position.setdefault(q.id, i)
        if q.kind is QuestionKind.numeric:
            for j, opt in enumerate(q.options):
                if opt.id != NOT_SURE and not opt.has_range and opt.value is None and not opt.synonyms:
                    problems.append(
                        qdoc.problem(("questions", i, "options", j),
                                     f"option '{opt.id}' of numeric question '{q.id}' needs a range (ge/gt/le/lt)")
                    )
    service_ids = [s.id for s in services.services]
    for i, s in enumerate(services.services):
        if service_ids.count(s.id) > 1 and service_ids.index(s.id) != i:
            problems.append(sdoc.problem(("services", i, "id"), f"service id '{s.id}' is used twice"))
        if s.guide not in sections:
            problems.append(
                sdoc.problem(("services", i, "guide"), f"unknown guide section '{s.guide}'{suggest(s.guide, list(sections))}")
            )
        if not s.facts:
            problems.append(sdoc.problem(("services", i), f"service '{s.id}' has no facts"))

    def check_condition(doc: Located, path: tuple[Any, ...], cond: Condition, before: int | None,
                        allow_not_sure: bool) -> None:
        for qid, option_ids in cond.items():
            if qid not in by_id:
                problems.append(doc.problem(path + (qid,), f"unknown question '{qid}'{suggest(qid, list(by_id))}"))
                continue
            if before is not None and position[qid] >= before:
                problems.append(
                    doc.problem(path + (qid,),
                                f"condition on '{qid}', which is not asked before this question; "
                                "move the question earlier or drop the condition")
                )
            known = [o.id for o in by_id[qid].options]
            for k, oid in enumerate(option_ids):
                if oid not in known:
                    problems.append(
                        doc.problem(path + (qid, k), f"question '{qid}' has no option '{oid}'{suggest(oid, known)}")
                    )
                elif oid == NOT_SURE and not allow_not_sure:
                    problems.append(
                        doc.problem(path + (qid, k),
                                    f"rules cannot test '{NOT_SURE}': the engine already tries every option "
                                    "a person who is not sure might mean; remove it")
                    )

    for i, q in enumerate(questions.questions):
        conds = q.conditions
        for c, cond in enumerate(conds):
            path: tuple[Any, ...] = ("questions", i, "ask_if") + ((c,) if isinstance(q.ask_if, list) else ())
            check_condition(qdoc, path, cond, position.get(q.id, i), allow_not_sure=True)

    rule_ids: set[str] = set()
    for i, rule in enumerate(decisions.rules):
        if rule.id in rule_ids:
            problems.append(ddoc.problem(("rules", i, "id"), f"rule id '{rule.id}' is used twice"))
        rule_ids.add(rule.id)
        check_condition(ddoc, ("rules", i, "when"), rule.when, None, allow_not_sure=False)
        for k, sid in enumerate(rule.services):
            if sid not in service_ids:
                problems.append(
                    ddoc.problem(("rules", i, "services", k), f"unknown service '{sid}'{suggest(sid, service_ids)}")
                )
        for k, cite in enumerate(rule.cite):
            section = sections.get(cite.section)
            if section is None:
                problems.append(
                    ddoc.problem(("rules", i, "cite", k, "section"),
                                 f"unknown guide section '{cite.section}'{suggest(cite.section, list(sections))}")
                )
            elif not section.contains(cite.quote):
                problems.append(
                    ddoc.problem(("rules", i, "cite", k, "quote"),
                                 f"quote is not in section '{cite.section}' ({section.file}:{section.line}) "
                                 f"word for word: {cite.quote[:60]!r}")
                )
        for k, ref in enumerate(rule.facts):
            if ref.service not in service_ids:
                problems.append(
                    ddoc.problem(("rules", i, "facts", k, "service"),
                                 f"unknown service '{ref.service}'{suggest(ref.service, service_ids)}")
                )
                continue
            service = services.services[service_ids.index(ref.service)]
            if service.fact(ref.fact) is None:
                fact_ids = [f.id for f in service.facts]
                problems.append(
                    ddoc.problem(("rules", i, "facts", k, "fact"),
                                 f"service '{ref.service}' has no fact '{ref.fact}'{suggest(ref.fact, fact_ids)}")
                )
    return problems
