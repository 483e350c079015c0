"""Load a rule pack from a folder, validate it, and report every problem with file and line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..record import Record, field
from . import core
from .core import NOT_SURE, Pack, PackError, Problem, QuestionKind, suggest
from .guide import Section, parse_guide
from .models import FILE_MODELS, Condition, PackInfo, Question, Rule, Service
from .paths import default_rules_dir
from .pricing import cost_rules
from .yamlsafe import Located, YamlError, parse_yaml, read_text


def _display(root: Path, path: Path) -> str:
    """A file's name as a person would type it: relative to the current folder when inside it."""
    # the folder resolved, the file's own name kept: a link is named as the link, not its target
    resolved = path.parent.resolve() / path.name
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def _validate(located: Located, model: type[BaseModel], problems: list[Problem]) -> Any:
    if not isinstance(located.data, dict):
        key = next(iter(model.model_fields))
        what = "empty" if located.data is None else f"a {type(located.data).__name__}, not a mapping"
        problems.append(located.problem((), f"the file is {what}; it needs a top-level '{key}:' key"))
        return None
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


class _Layer(Record):
    """One pack folder's files: the shipped pack, or a pack that extends another."""

    root: Path
    info: PackInfo | None = None
    docs: dict[str, Located] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)


class _Item(Record):
    """Where a merged item came from, to point problems at the right file and line."""

    doc: Located
    path: tuple[Any, ...]

    def problem(self, rest: tuple[Any, ...], message: str) -> Problem:
        return self.doc.problem(self.path + rest, message)


MAX_EXTENDS = 5


def _read_layer(root: Path, problems: list[Problem]) -> _Layer:
    """Read one pack folder. A pack that extends another needs only pack.yaml and its additions."""
    layer = _Layer(root)
    overlay = False
    for name, model in FILE_MODELS.items():  # pack.yaml first: it says whether this extends another
        path = root / name
        shown = _display(root, path)
        if not os.path.lexists(path):
            if not overlay or name == "pack.yaml":
                problems.append(Problem(shown, 1, 1, f"missing file; a pack needs {', '.join(FILE_MODELS)}"))
            continue
        try:
            doc = parse_yaml(read_text(path, shown), shown)
        except YamlError as exc:
            problems.extend(exc.problems)
            continue
        layer.docs[name] = doc
        layer.models[name] = _validate(doc, model, problems)
        if name == "pack.yaml" and layer.models[name] is not None:
            layer.info = layer.models[name].pack
            overlay = layer.info.extends is not None
    guide_dir = root / "guide"
    guide_files = sorted(guide_dir.glob("*.md")) if guide_dir.is_dir() else []
    if not guide_files and not overlay:
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
        layer.sections.extend(found)
    return layer


def _layers(root: Path, problems: list[Problem]) -> list[_Layer]:
    """The pack in ``root`` and every pack it extends, base first."""
    layers: list[_Layer] = []
    current: Path | None = root
    seen: set[Path] = set()
    while current is not None:
        if current.resolve() in seen or len(layers) >= MAX_EXTENDS:
            problems.append(
                Problem(_display(current, current / "pack.yaml"), 1, 1, "'extends' goes round in a circle or too deep")
            )
            break
        seen.add(current.resolve())
        if not current.is_dir():
            problems.append(Problem(str(current), 1, 1, "rules folder not found"))
            break
        layer = _read_layer(current, problems)
        layers.append(layer)
        extends = layer.info.extends if layer.info is not None else None
        if not extends:
            break
        current = (current / extends) if extends != "default" else default_rules_dir()
    layers.reverse()  # the base first: its questions are asked first, its services win ties
    return layers


def read_pack(root: Path | str | None = None) -> Pack:
    """Load and validate the pack in ``root`` (default: the shipped one), or raise PackError.

    A pack may extend another (``extends: ../rules`` or ``extends: default`` in pack.yaml): its
    questions, services, rules and guide sections are added to the base pack's.
    """
    root = Path(root) if root is not None else default_rules_dir()
    if not root.is_dir():
        raise PackError([Problem(str(root), 1, 1, "rules folder not found")])
    problems: list[Problem] = []
    layers = _layers(root, problems)
    if problems or any(m is None for layer in layers for m in layer.models.values()):
        raise PackError(problems)
    merged = _merge(layers, problems)
    problems += _check_questions(merged) + _check_services(merged) + _check_rules(merged)
    if problems:
        raise PackError(problems)
    info = _info(layers)
    said = [(word, c.code) for c in info.currencies for word in c.says]
    clashes = sorted({f"'{w}' ({code})" for w, code in said if [x for x, _ in said].count(w) > 1})
    if clashes:
        where = _display(root, root / "pack.yaml")
        raise PackError([Problem(where, 1, 1, f"a currency word names two currencies: {', '.join(clashes)}")])
    return _plain_pack(root, core.plain(info), merged)


def _info(layers: list[_Layer]) -> PackInfo:
    """The pack's own description, over what it extends: a field its pack.yaml sets replaces the
    base's (name, version, usage, costs), one it leaves out is the base's, and guide words and
    currencies add up (a currency with the same code replaces the base's)."""
    infos = [layer.info for layer in layers if layer.info is not None]
    info = infos[0]
    for over in infos[1:]:
        given = {
            name: getattr(over, name) for name in over.model_fields_set if name not in ("guide_words", "currencies")
        }
        mine = {c.code for c in over.currencies}
        given["currencies"] = [c for c in info.currencies if c.code not in mine] + list(over.currencies)
        words = info.guide_words.model_copy(
            update={
                name: _added(getattr(info.guide_words, name), getattr(over.guide_words, name))
                for name in over.guide_words.model_fields_set
            }
        )
        info = info.model_copy(update={**given, "guide_words": words})
    return info


def _added(base: list[str] | dict[str, str], more: list[str] | dict[str, str]) -> list[str] | dict[str, str]:
    if isinstance(base, dict) and isinstance(more, dict):
        return {**base, **more}
    return list(dict.fromkeys([*base, *more]))


class _Merged(Record):
    """Every layer's items in order, each with where it was written."""

    questions: list[tuple[Question, _Item]] = field(default_factory=list)
    services: list[tuple[Service, _Item]] = field(default_factory=list)
    rules: list[tuple[Rule, _Item]] = field(default_factory=list)
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def question_ids(self) -> dict[str, int]:
        """Question id -> the position it is first asked at."""
        position: dict[str, int] = {}
        for i, (q, _) in enumerate(self.questions):
            position.setdefault(q.id, i)
        return position


def _merge(layers: list[_Layer], problems: list[Problem]) -> _Merged:
    """The base pack's items, then each extension's; a guide section id may be used once."""
    merged = _Merged()
    for layer in layers:
        if "questions.yaml" in layer.models:
            doc = layer.docs["questions.yaml"]
            merged.questions += [
                (q, _Item(doc, ("questions", i))) for i, q in enumerate(layer.models["questions.yaml"].questions)
            ]
        if "services.yaml" in layer.models:
            doc = layer.docs["services.yaml"]
            merged.services += [
                (v, _Item(doc, ("services", i))) for i, v in enumerate(layer.models["services.yaml"].services)
            ]
        if "decisions.yaml" in layer.models:
            doc = layer.docs["decisions.yaml"]
            merged.rules += [(r, _Item(doc, ("rules", i))) for i, r in enumerate(layer.models["decisions.yaml"].rules)]
        for section in layer.sections:
            other = merged.sections.setdefault(section.id, section)
            if other is not section:
                message = f"section id '{section.id}' is already used at {other.file}:{other.line}"
                problems.append(Problem(section.file, section.line, 1, message))
    return merged


def _plain_pack(root: Path, info: core.PackInfo, merged: _Merged) -> Pack:
    """The valid pack as the engine's plain objects, with where each item was written and the
    rules the services' pricing adds (cost counts in the decision: pack/pricing.py)."""
    origins: dict[str, tuple[str, int]] = {}
    for q, item in merged.questions:
        origins[f"question:{q.id}"] = (item.doc.file, item.doc.where(item.path)[0])
    for svc, item in merged.services:
        origins[f"service:{svc.id}"] = (item.doc.file, item.doc.where(item.path)[0])
        for j, fact in enumerate(svc.facts):
            origins[f"fact:{svc.id}.{fact.id}"] = (item.doc.file, item.doc.where(item.path + ("facts", j))[0])
    for r, item in merged.rules:
        origins[f"rule:{r.id}"] = (item.doc.file, item.doc.where(item.path)[0])
    questions = list(core.plain([q for q, _ in merged.questions]))
    services = list(core.plain([v for v, _ in merged.services]))
    priced = cost_rules(questions, services, info.usage.budget, info.usage.weekly_hours, info.costs)
    for rule in priced:
        origins[f"rule:{rule.id}"] = origins[f"service:{rule.services[0]}"]
    rules = list(core.plain([r for r, _ in merged.rules])) + priced
    return Pack(root, info, questions, services, rules, merged.sections, origins)


def _check_questions(merged: _Merged) -> list[Problem]:
    """Question ids used once; numeric options with a range; ask_if on questions asked before."""
    problems: list[Problem] = []
    seen: set[str] = set()
    by_id = {q.id: q for q, _ in reversed(merged.questions)}
    position = merged.question_ids
    keyed: dict[str, str] = {}
    for i, (q, item) in enumerate(merged.questions):
        if q.id in seen:
            problems.append(item.problem(("id",), f"question id '{q.id}' is used twice"))
        seen.add(q.id)
        for k, key in enumerate(q.keys):
            other = keyed.setdefault(key.lower(), q.id)
            if other != q.id:
                problems.append(item.problem(("keys", k), f"key '{key}' already answers question '{other}'"))
        if q.kind is QuestionKind.numeric:
            for j, opt in enumerate(q.options):
                if opt.id != NOT_SURE and not opt.has_range and opt.value is None and not opt.synonyms:
                    message = f"option '{opt.id}' of numeric question '{q.id}' needs a range (ge/gt/le/lt)"
                    problems.append(item.problem(("options", j), message))
        for c, cond in enumerate(q.conditions):
            path: tuple[Any, ...] = ("ask_if",) + ((c,) if isinstance(q.ask_if, list) else ())
            problems += _check_condition(by_id, position, item, path, cond, position.get(q.id, i), allow_not_sure=True)
    return problems


def _check_services(merged: _Merged) -> list[Problem]:
    """Service ids used once, each with facts and a guide section that exists."""
    problems: list[Problem] = []
    service_ids = [s.id for s, _ in merged.services]
    sections = merged.sections
    for i, (svc, item) in enumerate(merged.services):
        if service_ids.index(svc.id) != i:
            problems.append(item.problem(("id",), f"service id '{svc.id}' is used twice"))
        if svc.guide not in sections:
            message = f"unknown guide section '{svc.guide}'{suggest(svc.guide, list(sections))}"
            problems.append(item.problem(("guide",), message))
        if not svc.facts:
            problems.append(item.problem((), f"service '{svc.id}' has no facts"))
    return problems


def _check_condition(
    by_id: dict[str, Question],
    position: dict[str, int],
    item: _Item,
    path: tuple[Any, ...],
    cond: Condition,
    before: int | None,
    allow_not_sure: bool,
) -> list[Problem]:
    """A condition names questions asked earlier (``before``) and options they have."""
    problems: list[Problem] = []
    for qid, option_ids in cond.items():
        if qid not in by_id:
            problems.append(item.problem(path + (qid,), f"unknown question '{qid}'{suggest(qid, list(by_id))}"))
            continue
        if before is not None and position[qid] >= before:
            message = (
                f"condition on '{qid}', which is not asked before this question (a cycle or a forward "
                "reference); move the question earlier or drop the condition"
            )
            problems.append(item.problem(path + (qid,), message))
        known = [o.id for o in by_id[qid].options]
        for k, oid in enumerate(option_ids):
            if oid not in known:
                message = f"question '{qid}' has no option '{oid}'{suggest(oid, known)}"
                problems.append(item.problem(path + (qid, k), message))
            elif oid == NOT_SURE and not allow_not_sure:
                message = (
                    f"rules cannot test '{NOT_SURE}': the engine already tries every option a person who is "
                    "not sure might mean; remove it"
                )
                problems.append(item.problem(path + (qid, k), message))
    return problems


def _check_rules(merged: _Merged) -> list[Problem]:
    """Rule ids used once; conditions, services, guide quotes and facts that exist."""
    problems: list[Problem] = []
    by_id = {q.id: q for q, _ in reversed(merged.questions)}
    position = merged.question_ids
    services = {s.id: s for s, _ in reversed(merged.services)}
    rule_ids: set[str] = set()
    for rule, item in merged.rules:
        if rule.id in rule_ids:
            problems.append(item.problem(("id",), f"rule id '{rule.id}' is used twice"))
        rule_ids.add(rule.id)
        problems += _check_condition(by_id, position, item, ("when",), rule.when, None, allow_not_sure=False)
        for k, sid in enumerate(rule.services):
            if sid not in services:
                problems.append(item.problem(("services", k), f"unknown service '{sid}'{suggest(sid, list(services))}"))
        problems += _check_citations(rule, item, merged.sections)
        problems += _check_fact_refs(rule, item, services)
    return problems


def _check_citations(rule: Rule, item: _Item, sections: dict[str, Section]) -> list[Problem]:
    """Each quote is in its guide section, word for word."""
    problems: list[Problem] = []
    for k, cite in enumerate(rule.cite):
        section = sections.get(cite.section)
        if section is None:
            message = f"unknown guide section '{cite.section}'{suggest(cite.section, list(sections))}"
            problems.append(item.problem(("cite", k, "section"), message))
        elif not section.contains(cite.quote):
            message = (
                f"quote is not in section '{cite.section}' ({section.file}:{section.line}) word for word: "
                f"{cite.quote[:60]!r}"
            )
            problems.append(item.problem(("cite", k, "quote"), message))
    return problems


def _check_fact_refs(rule: Rule, item: _Item, services: dict[str, Service]) -> list[Problem]:
    """Each fact a rule rests on belongs to a service that has it."""
    problems: list[Problem] = []
    for k, ref in enumerate(rule.facts):
        service = services.get(ref.service)
        if service is None:
            message = f"unknown service '{ref.service}'{suggest(ref.service, list(services))}"
            problems.append(item.problem(("facts", k, "service"), message))
        elif service.fact(ref.fact) is None:
            fact_ids = [f.id for f in service.facts]
            message = f"service '{ref.service}' has no fact '{ref.fact}'{suggest(ref.fact, fact_ids)}"
            problems.append(item.problem(("facts", k, "fact"), message))
    return problems
