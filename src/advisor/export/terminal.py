"""The human output of `advisor recommend`: a Rich rendering of the report.

All text is passed to Rich as ``Text`` objects, never as markup, so brackets typed by a person or
written in a rule file show as they are.
"""

from __future__ import annotations

import math

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..engine.explain import CostLine, CostSection, Reason, Report
from ..pack.pricing import figure, machines_text, money
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
    width: int = 80,
) -> Group:
    """The whole report; the UI leaves out the answers (its side panel lists them)."""
    p = palette or Palette()
    parts = _head(report, p, ignored or [], said or [], settle_flags)
    if report.answers and show_answers:
        parts += [Text(""), _answers_table(report, p, said or [])]
    if settle_flags:
        parts.append(t("The answer that would tell most (add one to the command):", "bold"))
        for flag, outcome in settle_flags:
            parts.append(t(f"  {flag}  → {outcome}"))
    if summary:
        return _summary(report, parts, p, width)
    parts += _why(report, p)
    if report.fit_rows:
        parts += [Text(""), _fit_table(report, p)]
    if report.cost is not None:
        rec = report.recommendation
        parts += [Text(""), Rule(t("What it would cost, a month, for your use", "bold"), align="left")]
        parts += cost_parts(report.cost, p, rec[0] if rec else None, long=True, width=width)
    parts += [Text(""), Rule(t("What would change it", "bold"), align="left")]
    parts += [t("• " + w) for w in report.what_if]
    parts += _sources(report, p)
    return Group(*parts)


def _head(
    report: Report, p: Palette, ignored: list[str], said: list[str], settle_flags: list[tuple[str, str]] | None
) -> list[RenderableType]:
    """What was said, the recommendation and its verdict, the runner-up, answers left unused."""
    parts: list[RenderableType] = []
    for text in said:  # what the person wrote, once, rather than after every answer it gave
        parts.append(t(f"You said: “{text}”", p.quiet))
    rec = report.recommendation
    headline = Text("Recommendation: ", style="bold")
    headline.append_text(t(rec[1] if rec else "none fits every answer", f"bold {p.good}" if rec else f"bold {p.bad}"))
    parts += [headline, t(report.verdict_short if settle_flags else report.verdict)]
    if report.runner_up:
        parts.append(t(f"Runner-up: {report.runner_up[1]}", p.quiet))
    for prompt in ignored:
        parts.append(t(f"Not used: your answer to '{prompt}' does not apply with your other answers.", p.warn))
    return parts


def _answers_table(report: Report, p: Palette, said: list[str]) -> Table:
    answers = Table(title=t("Your answers", "bold"), title_justify="left", show_header=False, box=None)
    answers.add_column(style=p.quiet)
    answers.add_column()
    for a in report.answers:
        from_say = a.text is not None and a.text in said
        shown = a.label + (" (from what you said)" if from_say else f" — you said “{a.text}”" if a.text else "")
        answers.add_row(t(a.prompt), t(shown))
    return answers


def _why(report: Report, p: Palette) -> list[RenderableType]:
    """The reasons, with the answers each rests on, then why each other service lost."""
    parts: list[RenderableType] = []
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
    return parts


def _fit_table(report: Report, p: Palette) -> Table:
    fit = Table(title=t("Fit", "bold"), title_justify="left")
    fit.add_column(t("Criterion"))
    for c in report.fit_columns:
        fit.add_column(t(c))
    styles = {"fits well": p.good, "fits": "", "partly": p.warn, "does not fit": p.bad}
    for crit, marks in report.fit_rows:
        fit.add_row(t(crit), *(t(m, styles.get(m, "")) for m in marks))
    return fit


def _sources(report: Report, p: Palette) -> list[RenderableType]:
    """The caveats with the facts behind them, then the guide's words the reasons cite."""
    parts: list[RenderableType] = []
    if report.caveats:
        parts += [Text(""), Rule(t("Caveats", "bold"), align="left")]
        for caveat in report.caveats:
            parts.append(t("! " + caveat.text, p.warn))
            for f in caveat.facts:
                parts.append(t(f"    {f.label}: {f.value} — {f.source} ({f.dates})", p.quiet))
    if report.citations:
        parts += [Text(""), Rule(t("From the guide", "bold"), align="left")]
        for cited in report.citations:
            parts.append(t(f"“{cited.quote}”", "italic"))
            parts.append(t(f"    — {cited.title}, {cited.source} (checked {cited.checked})", p.quiet))
    return parts


def cost_bars(cost: CostSection, p: Palette, width: int = 80, recommended: str | None = None) -> list[Text]:
    """A bar per service of its monthly estimate, drawn with block characters.

    The bar runs from what the use costs for certain (solid: on demand where spot capacity would be
    cheaper, the spot price said after the figure) to the high estimate (light); an unknown upper
    end is open (»). It fits ``width`` columns: names and figures keep their room, bars shrink, and below
    about 50 columns the bars go and the figures stay.
    """
    name_w = min(max(len(line.name) for line in cost.lines), 24)
    figures = [figure(line.low, line.high, line.least, short=True) for line in cost.lines]
    figure_w = max(len(f) for f in figures)
    bar_w = width - name_w - figure_w - 6
    top = max((line.high or _sure(line) or 0.0) for line in cost.lines) or 1.0
    rows: list[Text] = []
    for line, shown in zip(cost.lines, figures):
        row = Text()
        mark = "▸ " if line.service == recommended else "  "
        row.append(mark, style=p.good)
        row.append_text(t(line.name[:name_w].ljust(name_w), "bold" if line.service == recommended else ""))
        row.append(" ")
        if bar_w >= 8:
            sure = _sure(line)  # the bar starts at what the use costs for certain, not at a spot price
            low = 0 if sure is None else round(bar_w * sure / top)
            high = low if line.high is None else max(low, round(bar_w * line.high / top))
            style = p.bad if line.over_budget else (p.warn if line.fits is False else p.good)
            solid = "█" * low if low else ("▏" if sure is not None else "")
            light = "░" * (high - low)
            open_end = "»" if line.high is None else ""
            row.append(solid, style=style)
            row.append(light, style=style)
            row.append(open_end, style=p.quiet)
            row.append(" " * max(1, bar_w + 1 - len(solid) - len(light) - len(open_end)))
        row.append_text(t(shown, p.bad if line.over_budget else ""))
        rows.append(row)
    return rows


def _sure(line: CostLine) -> float | None:
    """What a service's use costs for certain: on demand where spot capacity would be cheaper."""
    return line.least if line.least is not None else line.low


def cost_parts(cost: CostSection, p: Palette, recommended: str | None, long: bool, width: int = 80) -> list[Text]:
    """The cost section of a report: what it assumes, the bars, and (long) each service's working."""
    machines = machines_text(cost.machines)
    head = f"About {cost.hours_week:g} hours a week ({cost.hours_month:.0f} a month) on {machines}"
    if cost.budget is not None:
        head += f"; your budget: up to {money(math.ceil(cost.budget))} a month"
    out = [t(head + ".", p.quiet)]
    out += [t(f"  ({a})", p.quiet) for a in cost.assumed]
    out += cost_bars(cost, p, width, recommended)
    for line in cost.lines if long else [line for line in cost.lines if line.service == recommended]:
        out.append(t(f"  {line.name}: {line.working}" + (f"; {line.runs_out}" if line.runs_out else "") + ".", p.quiet))
        if long:
            for f in line.facts:
                out.append(t(f"      {f.label}: {f.source} ({f.dates})", p.quiet))
    return out


def cost_line(report: Report, p: Palette) -> Text | None:
    """One line: what the recommendation would cost for this use, and whether that is a problem."""
    cost, rec = report.cost, report.recommendation
    mine = next((c for c in cost.lines if rec and c.service == rec[0]), None) if cost else None
    if cost is None or mine is None:
        return None
    shown = figure(mine.low, mine.high, mine.least, per=" a month")
    line = t(f"Cost for your use (about {cost.hours_week:g} h a week): {shown}")
    if mine.over_budget:
        line.append_text(t(" — over your budget", f"bold {p.bad}"))
    elif mine.runs_out:
        line.append_text(t(f" — {mine.runs_out}", p.warn))
    if cost.assumed:
        line.append_text(t(f" ({'; '.join(cost.assumed)})", p.quiet))
    return line


SUMMARY_ITEMS = 3  # reasons, what-ifs and caveats shown in the summary; --long shows them all


def _summary(report: Report, parts: list[RenderableType], p: Palette, width: int = 80) -> Group:
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
    line = cost_line(report, p)
    if line is not None:
        parts += [Text(""), line]
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
    shown = render(report, ignored, summary=not long, said=said, settle_flags=settle_flags, width=console.width)
    console.print(shown)
