"""A picture of the question tree (``advisor graph``): Mermaid or Graphviz dot text.

Questions are boxes in the order they are asked; a dashed arrow from an earlier question to a
follow-up is labelled with the answers that lead to it; each service is a rounded node with
arrows from the answers that count for it (solid) and that rule it out (dotted, "rules out").
"""

from __future__ import annotations

from .pack.core import Effect, Pack


def _label(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")


def edges(pack: Pack) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """(follow-up edges: from, to, label), (service edges: question, service, label, kind)."""
    follow: list[tuple[str, str, str]] = []
    for q in pack.questions:
        for cond in q.conditions:
            for src, opts in cond.items():
                follow.append((src, q.id, ", ".join(opts)))
    grouped: dict[tuple[str, str, str], set[str]] = {}
    for rule in pack.rules:
        if rule.effect not in (Effect.for_, Effect.exclude):
            continue
        kind = "for" if rule.effect is Effect.for_ else "rules out"
        for qid, opts in rule.when.items():
            for sid in rule.services:
                grouped.setdefault((qid, sid, kind), set()).update(opts)
    service = [(q, s, ", ".join(sorted(opts)), kind) for (q, s, kind), opts in grouped.items()]
    return follow, service


def mermaid(pack: Pack) -> str:
    follow, service = edges(pack)
    lines = ["flowchart LR"]
    for q in pack.questions:
        lines.append(f'    {_node(q.id)}["{_label(q.prompt)}"]')
    for s in pack.services:
        lines.append(f'    {_node(s.id)}(["{_label(s.name)}"])')
    for a, b in zip(pack.questions, pack.questions[1:]):
        lines.append(f"    {_node(a.id)} --> {_node(b.id)}")
    for src, dst, label in follow:
        lines.append(f'    {_node(src)} -. "{_label(label)}" .-> {_node(dst)}')
    for question, target, label, kind in service:
        arrow = "==>" if kind == "for" else "-.-x"
        text = label if kind == "for" else f"rules out: {label}"
        lines.append(f'    {_node(question)} {arrow}|"{_label(text)}"| {_node(target)}')
    return "\n".join(lines) + "\n"


def dot(pack: Pack) -> str:
    follow, service = edges(pack)
    lines = ["digraph advisor {", "  rankdir=LR;", '  node [shape=box, fontname="sans-serif"];']
    for q in pack.questions:
        lines.append(f'  "{q.id}" [label="{_label(q.prompt)}"];')
    for s in pack.services:
        lines.append(f'  "{s.id}" [label="{_label(s.name)}", shape=ellipse, style=filled, fillcolor="#e8f4e8"];')
    for a, b in zip(pack.questions, pack.questions[1:]):
        lines.append(f'  "{a.id}" -> "{b.id}";')
    for src, dst, label in follow:
        lines.append(f'  "{src}" -> "{dst}" [style=dashed, label="{_label(label)}"];')
    for question, target, label, kind in service:
        style = 'color="#2a7a2a"' if kind == "for" else 'color="#b03030", style=dotted'
        text = label if kind == "for" else f"rules out: {label}"
        lines.append(f'  "{question}" -> "{target}" [{style}, label="{_label(text)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(ident: str) -> str:
    return ident.replace("-", "_")
