"""The human output of `advisor recommend`: a Rich rendering of the report.

All text is passed to Rich as ``Text`` objects, never as markup, so brackets typed by a person or
written in a rule file show as they are.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..engine.explain import Reason, Report
from ..record import Record
from ..text import inert


class Palette(Record):
    """Styles for good, bad, warning and quiet text (the UI passes its theme's colours)."""

    good: str = "green"
    bad: str = "red"
    warn: str = "yellow"
    quiet: str = "dim"
    frame: str = "green"


def group_why_not(report: Report) -> list[tuple[str, bool, tuple[str, ...]]]:
    """Services that lost for the same reasons, named together: 'Colab Pro and Colab Pro+'."""
    groups: dict[tuple[bool, tuple[str, ...]], list[str]] = {}
    for w in report.why_not:
        groups.setdefault((w.excluded, w.lines), []).append(w.name)
    out = []
    for (excluded, lines), names in groups.items():
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        out.append((joined, excluded, lines))
    return out


def t(text: str, style: str = "") -> Text:
    return Text(inert(text), style=style)


EFFECT_MARKS = {"for": "+ ", "against": "- ", "exclude": "x "}


def reason_line(reason: Reason, p: Palette, text: Text | None = None) -> Text:
    """One reason: '+', '-' or 'x' in the palette's colour, then its text (or the ``text`` given)."""
    line = Text()
    line.append(EFFECT_MARKS.get(reason.effect, "  "), style=p.good if reason.effect == "for" else p.bad)
    line.append_text(text if text is not None else t(reason.text))
    return line


def render(
    report: Report,
    ignored: list[str] | None = None,
    palette: Palette | None = None,
    show_answers: bool = True,
    summary: bool = False,
    said: list[str] | None = None,
    settle_flags: list[tuple[str, str]] | None = None,
) -> Group:
    """The whole report; the UI leaves out the answers (its side panel lists them)."""
    p = palette or Palette()
    parts: list[RenderableType] = []
    for text in said or []:  # what the person wrote, once, rather than after every answer it gave
        parts.append(t(f"You said: “{text}”", p.quiet))
    rec = report.recommendation
    headline = Text("Recommendation: ", style="bold")
    headline.append_text(t(rec[1] if rec else "none fits every answer", f"bold {p.good}" if rec else f"bold {p.bad}"))
    parts += [headline, t(report.verdict_short if settle_flags else report.verdict)]
    if report.runner_up:
        parts.append(t(f"Runner-up: {report.runner_up[1]}", p.quiet))
    for prompt in ignored or []:
        parts.append(t(f"Not used: your answer to '{prompt}' does not apply with your other answers.", p.warn))

    answers = Table(title=t("Your answers", "bold"), title_justify="left", show_header=False, box=None)
    answers.add_column(style=p.quiet)
    answers.add_column()
    for a in report.answers:
        from_say = a.text is not None and a.text in (said or [])
        shown = a.label + (" (from what you said)" if from_say else f" — you said “{a.text}”" if a.text else "")
        answers.add_row(t(a.prompt), t(shown))
    if report.answers and show_answers:
        parts += [Text(""), answers]

    if settle_flags:
        parts.append(t("The answer that would tell most (add one to the command):", "bold"))
        for flag, outcome in settle_flags:
            parts.append(t(f"  {flag}  → {outcome}"))
    if summary:
        return _summary(report, parts, p)

    if report.reasons:
        parts += [Text(""), Rule(t("Why", "bold"), align="left")]
        for r in report.reasons:
            line = reason_line(r, p)
            if r.answers:
                line.append_text(t("  (" + "; ".join(f"{q}: {label}" for q, label in r.answers) + ")", p.quiet))
            parts.append(line)

    if report.why_not:
        parts += [Text(""), Rule(t("Why not the others", "bold"), align="left")]
        for names, excluded, lines in group_why_not(report):
            line = Text()
            line.append_text(t(names + (" (ruled out)" if excluded else ""), "bold"))
            line.append_text(t(": " + " ".join(lines)))
            parts.append(line)

    if report.fit_rows:
        fit = Table(title=t("Fit", "bold"), title_justify="left")
        fit.add_column(t("Criterion"))
        for c in report.fit_columns:
            fit.add_column(t(c))
        styles = {"fits well": p.good, "fits": "", "partly": p.warn, "does not fit": p.bad}
        for crit, marks in report.fit_rows:
            fit.add_row(t(crit), *(t(m, styles.get(m, "")) for m in marks))
        parts += [Text(""), fit]

    parts += [Text(""), Rule(t("What would change it", "bold"), align="left")]
    parts += [t("• " + w) for w in report.what_if]

    if report.caveats:
        parts += [Text(""), Rule(t("Caveats", "bold"), align="left")]
        for caveat in report.caveats:
            parts.append(t("! " + caveat.text, p.warn))
            for f in caveat.facts:
                parts.append(t(f"    {f.label}: {f.value} — {f.source} (checked {f.checked})", p.quiet))

    if report.citations:
        parts += [Text(""), Rule(t("From the guide", "bold"), align="left")]
        for cited in report.citations:
            parts.append(t(f"“{cited.quote}”", "italic"))
            parts.append(t(f"    — {cited.title}, {cited.source} (checked {cited.checked})", p.quiet))
    return Group(*parts)


SUMMARY_ITEMS = 3  # reasons, what-ifs and caveats shown in the summary; --long shows them all


def _summary(report: Report, parts: list[RenderableType], p: Palette) -> Group:
    """The short form: the main reasons, one line per other service, what would change it, the
    main caveats, where it comes from; about 30 lines for a typical case."""
    if report.reasons:
        parts += [Text(""), t("Why", "bold")]
        parts += [reason_line(r, p) for r in report.reasons[:SUMMARY_ITEMS]]
    if report.why_not:
        parts += [Text(""), t("Why not the others", "bold")]
        firsts: dict[tuple[bool, str], list[str]] = {}
        for w in report.why_not:  # services that lost for the same main reason, named together
            firsts.setdefault((w.excluded, w.lines[0] if w.lines else ""), []).append(w.name)
        for (excluded, first), names in firsts.items():
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            parts.append(t(f"{joined}{' (ruled out)' if excluded else ''}: {first}"))
    if report.what_if:
        parts += [Text(""), t("What would change it", "bold")]
        parts += [t("• " + w) for w in report.what_if[:SUMMARY_ITEMS]]
    if report.caveats:
        parts += [Text(""), t("Caveats", "bold")]
        parts += [t("! " + c.text, p.warn) for c in report.caveats[:SUMMARY_ITEMS]]
    sources = {c.source for c in report.citations} | {f.source for c in report.caveats for f in c.facts}
    parts += [
        Text(""),
        t(
            f"Based on {len(report.citations)} guide passage(s) and {len(sources)} source(s); "
            "--long shows every reason, the fit table, the facts with their sources and dates.",
            p.quiet,
        ),
    ]
    return Group(*parts)


def print_report(
    report: Report,
    ignored: list[str] | None = None,
    *,
    long: bool = True,
    said: list[str] | None = None,
    settle_flags: list[tuple[str, str]] | None = None,
) -> None:
    console = Console(highlight=False, markup=False, emoji=False)
    console.print(render(report, ignored, summary=not long, said=said, settle_flags=settle_flags))
