"""Exports of a decision: the JSON object of `advisor recommend --json`, and a Markdown record.

Text from people, rule files and guide files is never interpreted here: control characters are
made visible (so a pasted terminal escape cannot act on a terminal that shows the file), and
Markdown special characters in user text are escaped.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..engine.explain import Reason, Report
from ..record import asdict
from ..text import inert

JSON_VERSION = 1


def to_data(report: Report) -> dict[str, Any]:
    """The stable scripting interface (see README, "Scripting")."""
    return {
        "status": "ok",
        "version": JSON_VERSION,
        "pack": {"name": report.pack_name, "version": report.pack_version},
        "recommendation": _named(report.recommendation),
        "runner_up": _named(report.runner_up),
        "settled": report.settled,
        "confidence": round(report.confidence, 4),
        "confidence_words": report.confidence_words,
        "assumed": [
            {
                "question": a.question,
                "prompt": a.prompt,
                "options": list(a.options),
                "labels": list(a.labels),
                "probability": round(a.probability, 4),
            }
            for a in report.assumed
        ],
        "settle_by": _settle_data(report),
        "verdict": report.verdict,
        "depends": report.depends or None,
        "ranking": report.ranking,
        "answers": {
            a.question: {
                "option": a.option,
                "label": a.label,
                "value": a.value,
                "unit": a.unit,
                "source": a.source,
                "text": a.text,
            }
            for a in report.answers
        },
        "reasons": [_reason_data(r) for r in report.reasons],
        "why_not": [asdict(w) for w in report.why_not],
        "caveats": [{"text": c.text, "facts": [asdict(f) for f in c.facts]} for c in report.caveats],
        "what_if": report.what_if,
        "citations": [asdict(c) for c in report.citations],
        "facts": [asdict(f) for f in report.facts],
        **_cost_data(report),
    }


def _named(pair: tuple[str, str] | None) -> dict[str, str] | None:
    return {"id": pair[0], "name": pair[1]} if pair else None


def _settle_data(report: Report) -> dict[str, Any] | None:
    settle = report.settle_by
    if settle is None:
        return None
    outcomes = [
        {
            "option": oc.option,
            "label": oc.label,
            "recommendation": _named(oc.recommendation),
            "probability": round(oc.probability, 4),
        }
        for oc in settle.outcomes
    ]
    return {"question": settle.question, "prompt": settle.prompt, "outcomes": outcomes}


def _reason_data(r: Reason) -> dict[str, Any]:
    return {
        "rule": r.rule,
        "effect": r.effect,
        "services": list(r.services),
        "weight": r.weight,
        "text": r.text,
        "answers": [{"question": q, "answer": label} for q, label in r.answers],
        "certain": r.certain,
    }


def _cost_data(report: Report) -> dict[str, Any]:
    """``cost`` (per service, USD a month) and ``usage`` (what the figures assume), or both null."""
    cost = report.cost
    if cost is None:
        return {"cost": None, "usage": None}
    per_service = {
        line.service: {
            "low": None if line.low is None else round(line.low, 2),
            "high": None if line.high is None else round(line.high, 2),
            "least": None if line.least is None else round(line.least, 2),
            "currency": "USD",
            "fits": line.fits,
            "runs_out": line.runs_out or None,
            "over_budget": line.over_budget,
            "working": line.working,
            "facts": [asdict(f) for f in line.facts],
        }
        for line in cost.lines
    }
    usage = {
        "hours_week": cost.hours_week,
        "hours_month": round(cost.hours_month, 1),
        "machines": list(cost.machines),
        "assumed": cost.assumed,
        "budget": cost.budget,
    }
    return {"cost": per_service, "usage": usage}


def finite(value: Any) -> Any:
    """The same data with every infinite or not-a-number float as null: JSON has no such numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def _sources_markdown(report: Report) -> list[str]:
    """Caveats with their facts, the guide's words cited, and the recommendation's facts, dated."""
    lines: list[str] = []
    if report.caveats:
        lines += ["## Caveats", ""]
        for c in report.caveats:
            lines.append(f"- {_md(c.text)}")
            for f in c.facts:
                lines.append(f"  - {_md(f.label)}: {_md(f.value)} — <{f.source}> ({f.dates})")
        lines.append("")
    if report.citations:
        lines += ["## From the guide", ""]
        for cited in report.citations:
            lines += [
                f"> {_md(cited.quote)}",
                ">",
                f"> — {_md(cited.title)}, <{cited.source}> (checked {cited.checked})",
                "",
            ]
    if report.facts:
        lines += ["## Facts", "", "| Fact | Value | Source | Dated |", "|---|---|---|---|"]
        for f in report.facts:
            note = f" (sources disagree: {_md(f.disagreement)})" if f.disagreement else ""
            old = " (old)" if f.stale else ""
            lines.append(f"| {_md(f.label)} | {_md(f.value)}{note} | <{f.source}> | {f.dates}{old} |")
        lines.append("")
    return lines


def _cost_markdown(report: Report) -> list[str]:
    from ..pack.pricing import figure, machines_text, money

    cost = report.cost
    assert cost is not None
    machines = machines_text(cost.machines)
    lines = [
        "## What it would cost",
        "",
        f"About {cost.hours_week:g} hours a week on {_md(machines)}, in US dollars a month.",
    ]
    lines += [f"_{_md(a)}._" for a in cost.assumed]
    if cost.budget is not None:
        lines.append(f"Your budget: {money(cost.budget)} a month.")
    lines += ["", "| Service | A month | Covers your use | Working | Sources |", "|---|---|---|---|---|"]
    for line in cost.lines:
        shown = figure(line.low, line.high, line.least)
        covers = {True: "yes", False: "no", None: "cannot tell"}[line.fits] + (
            " (over budget)" if line.over_budget else ""
        )
        working = _md(line.working) + (f"; {_md(line.runs_out)}" if line.runs_out else "")
        sources = ", ".join(f"<{f.source}> ({f.dates})" for f in line.facts)
        lines.append(f"| {_md(line.name)} | {shown} | {covers} | {working} | {sources} |")
    return lines + [""]


def to_json(report: Report) -> str:
    # ensure_ascii keeps every control or odd character escaped in the output; allow_nan=False
    # makes sure no Infinity or NaN (which JavaScript's JSON.parse rejects) ever gets out
    return json.dumps(finite(to_data(report)), indent=2, ensure_ascii=True, allow_nan=False)


def _md(text: str) -> str:
    """User or rule text, safe inside Markdown: inert controls, escaped markup characters."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", inert(text))


def to_markdown(report: Report, title: str = "Where to run the work: decision record") -> str:
    lines = [f"# {title}", ""]
    rec = report.recommendation
    lines += ["## Decision", "", f"**{_md(rec[1])}**" if rec else "**No recommendation**", "", _md(report.verdict), ""]
    if report.runner_up:
        lines += [f"Runner-up: {_md(report.runner_up[1])}.", ""]
    lines += ["## Situation", "", "| Question | Answer | Said as |", "|---|---|---|"]
    for a in report.answers:
        said = _md(a.text) if a.text else a.source
        value = f" ({a.value:g} {a.unit})" if a.value is not None and a.unit else ""
        lines.append(f"| {_md(a.prompt)} | {_md(a.label)}{_md(value)} | {said} |")
    lines.append("")
    if report.reasons:
        lines += ["## Why", ""]
        for r in report.reasons:
            sign = {"for": "+", "against": "−", "exclude": "✗"}.get(r.effect, "")
            based = "; ".join(f"{q}: {label}" for q, label in r.answers)
            lines.append(f"- {sign} {_md(r.text)}" + (f" _(from {_md(based)})_" if based else ""))
        lines.append("")
    lines += ["## Alternatives", ""]
    for w in report.why_not:
        lines.append(f"- **{_md(w.name)}**{' (ruled out)' if w.excluded else ''}: " + " ".join(_md(x) for x in w.lines))
    lines.append("")
    if report.fit_rows:
        lines += [
            "## Fit",
            "",
            "| Criterion | " + " | ".join(_md(c) for c in report.fit_columns) + " |",
            "|---|" + "---|" * len(report.fit_columns),
        ]
        for crit, marks in report.fit_rows:
            lines.append(f"| {_md(crit)} | " + " | ".join(marks) + " |")
        lines.append("")
    if report.cost is not None:
        lines += _cost_markdown(report)
    lines += ["## What would change it", ""] + [f"- {_md(w)}" for w in report.what_if] + [""]
    lines += _sources_markdown(report)
    lines += [f"_Rule pack: {_md(report.pack_name)} {_md(report.pack_version)}._", ""]
    return "\n".join(lines)
