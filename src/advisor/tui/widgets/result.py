"""The result in the chat: what matters first, where it comes from right below, the rest folded.

The top says the pick with its confidence, the main reason and what would change it; then each
reason with footnote markers ([1]) and the guide passages and facts they point to, so the first
screen already shows where the advice comes from. The long sections (why not the others, how
each service fits, caveats, the guide's words, the facts) are folded: Tab reaches their titles,
Enter or a click opens them, F3 opens or closes them all. An unsettled result offers to
answer the question that would tell most, in place. `advisor recommend --long` prints the same
report in full (export/terminal.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Collapsible, Static

from ...export.terminal import cost_line, reason_line
from ...text import inert

if TYPE_CHECKING:
    from ...engine.explain import Report
    from ...export.terminal import Palette

MARKS = {"fits well": "✓", "fits": "✓", "partly": "~", "does not fit": "✗"}


def t(text: str, style: str = "") -> Text:
    return Text(inert(text), style=style)


class FitView:
    """The fit table where it has room; one compact line per service where it does not.

    Rows where every service fits say nothing, so they are left out.
    """

    def __init__(self, report: Report, palette: Palette) -> None:
        self.columns = report.fit_columns
        self.rows = [
            (crit, marks) for crit, marks in report.fit_rows if any(m in ("partly", "does not fit") for m in marks)
        ]
        self.p = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.rows:
            yield t("Every service fits every answer you gave; the difference is in the reasons above.")
            return
        styles = {"fits well": self.p.good, "fits": "", "partly": self.p.warn, "does not fit": self.p.bad}
        needed = max(len(c) for c, _ in self.rows) + sum(max(len(c), 12) + 3 for c in self.columns)
        if needed <= options.max_width:
            table = Table(show_header=True, box=None, pad_edge=False)
            table.add_column(t("Your answer"))
            for c in self.columns:
                table.add_column(t(c))
            for crit, marks in self.rows:
                table.add_row(t(crit), *(t(m, styles.get(m, "")) for m in marks))
            yield table
            return
        for i, (crit, _) in enumerate(self.rows, start=1):
            yield t(f"{i}. {crit}", "dim")
        width = max(len(c) for c in self.columns)
        for j, name in enumerate(self.columns):
            line = t(name.ljust(width) + "  ")
            for _, marks in self.rows:
                line.append(MARKS.get(marks[j], "?") + " ", style=styles.get(marks[j], ""))
            yield line
        yield t("✓ fits  ~ partly  ✗ does not fit  (one mark per numbered answer above)", "dim")


class CostView:
    """The monthly estimate per service as bars, drawn to the width there is (figures only when narrow)."""

    def __init__(self, report: Report, palette: Palette) -> None:
        self.report = report
        self.p = palette

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from ...export.terminal import cost_parts

        cost, rec = self.report.cost, self.report.recommendation
        if cost is None:
            return
        yield from cost_parts(cost, self.p, rec[0] if rec else None, long=True, width=options.max_width)


class ResultView(Vertical):
    DEFAULT_CSS = """
    ResultView { height: auto; margin: 0 0 1 0; padding: 0 1; border: round $success; }
    ResultView Collapsible { padding: 0; margin: 0; border: none; background: transparent; }
    ResultView Collapsible > Contents { padding: 0 0 0 2; }
    ResultView #settle { margin: 1 0 0 0; }
    """

    def __init__(self, report: Report, palette: Palette) -> None:
        super().__init__()
        self.report = report
        self.palette = palette
        # footnotes number guide sections (several quotes of one section share its number)
        self.sections: list[int] = []  # citation index -> footnote number
        firsts: dict[str, int] = {}
        for cited in report.citations:
            self.sections.append(firsts.setdefault(cited.section, len(firsts) + 1))
        self.body = self._top()

    def compose(self) -> ComposeResult:
        report, p = self.report, self.palette
        yield Static(self.body, id="result-top", markup=False)
        if report.settle_by is not None:
            yield Button(f"Settle it: {inert(report.settle_by.prompt)}", id="settle", variant="primary")
        for title, body in self._sections(report, p):
            with Collapsible(title=title, collapsed=True):
                yield Static(body, markup=False)

    def repaint(self, palette: Palette) -> None:
        """Draw the same report in another theme's colours."""
        self.palette = palette
        self.body = self._top()
        self.query_one("#result-top", Static).update(self.body)
        for (_, body), static in zip(self._sections(self.report, palette), self.query("Collapsible Static")):
            if isinstance(static, Static):
                static.update(body)

    def toggle_all(self) -> None:
        sections = list(self.query(Collapsible))
        opened = any(not c.collapsed for c in sections)
        for c in sections:
            c.collapsed = opened

    def _top(self) -> Group:
        report, p = self.report, self.palette
        parts: list[RenderableType] = []
        rec = report.recommendation
        head = Text("Recommendation: ", style="bold")
        head.append_text(t(rec[1] if rec else "none fits every answer", f"bold {p.good if rec else p.bad}"))
        if rec:
            words = report.confidence_words
            head.append_text(t(f" · {words}" + ("" if words == "settled" else f" ({report.confidence:.0%})"), p.quiet))
        parts.append(head)
        # the main reason: the strongest one for the pick, else what ruled the others out
        main = next((r for r in report.reasons if r.effect == "for" and rec and rec[0] in r.services), None)
        main = main or next((r for r in report.reasons if r.effect == "exclude"), None)
        if main is not None:
            parts.append(self._reason_text("Because: ", main.text, main.notes))
        elif not rec:
            # nothing fits: say why first (the pack's explanation), then what rules each one out
            parts.append(t(report.caveats[0].text if report.caveats else report.verdict))
        cost = cost_line(report, p)
        if cost is not None:
            parts.append(cost)
        if report.what_if:
            parts.append(t("Would change it: " + report.what_if[0]))
        if report.settle_by is not None and report.assumed:
            from ...engine.explain import assumed_text

            parts.append(t("It counts on " + assumed_text(report.assumed) + ".", p.quiet))
        if report.runner_up:
            parts.append(t(f"Runner-up: {report.runner_up[1]}", p.quiet))
        if report.reasons:
            parts += [Text(""), Rule(t("Why", "bold"), align="left")]
            parts += [reason_line(r, p, self._reason_text("", r.text, r.notes)) for r in report.reasons]
        if report.citations:
            parts += [Text(""), Rule(t("Sources", "bold"), align="left")]
            shown: set[int] = set()
            for number, cited in zip(self.sections, report.citations):
                if number in shown:
                    continue
                shown.add(number)
                line = t(f"[{number}] ", "bold")
                title = t(cited.title)
                # a click opens the section in the guide screen (section ids are [a-z0-9-])
                title.stylize(Style(meta={"@click": self._action(cited.section)}, underline=True))
                line.append_text(title)
                line.append_text(t(f" — {cited.source} (checked {cited.checked})", p.quiet))
                parts.append(line)
        return Group(*parts)

    def _reason_text(self, prefix: str, text: str, notes: tuple[int, ...]) -> Text:
        out = t(prefix + text)
        numbers = sorted({self.sections[n - 1] for n in notes if 0 < n <= len(self.sections)})
        if numbers:
            out.append(" " + "".join(f"[{n}]" for n in numbers), style="bold")
        return out

    def _sections(self, report: Report, p: Palette) -> list[tuple[str, RenderableType]]:
        from ...export.terminal import group_why_not

        sections: list[tuple[str, RenderableType]] = []
        if report.why_not:
            lines = []
            for names, excluded, why in group_why_not(report):
                line = t(names + (" (ruled out)" if excluded else ""), "bold")
                line.append_text(t(": " + " ".join(why)))
                lines.append(line)
            sections.append(("Why not the others", Group(*lines)))
        if report.fit_rows:
            sections.append(("How each service fits your answers", FitView(report, p)))
        if report.cost is not None:
            sections.append(("What it would cost, a month, for your use", CostView(report, p)))
        if report.what_if[1:]:
            sections.append(("What else would change it", Group(*(t("• " + w) for w in report.what_if))))
        if report.caveats:
            lines = []
            for caveat in report.caveats:
                lines.append(t("! " + caveat.text, p.warn))
                for f in caveat.facts:
                    lines.append(t(f"    {f.label}: {f.value} — {f.source} ({f.dates})", p.quiet))
            sections.append((f"Caveats ({len(report.caveats)})", Group(*lines)))
        if report.citations:
            quotes = []
            for number, cited in zip(self.sections, report.citations):
                quotes.append(t(f"[{number}] “{cited.quote}”", "italic"))
            sections.append(("The guide's words", Group(*quotes)))
        if report.facts:
            lines = []
            for f in report.facts:
                lines.append(t(f"{f.label}: {f.value}"))
                lines.append(t(f"    {f.source} ({f.dates})", p.quiet))
            sections.append(("Facts behind it", Group(*lines)))
        return sections

    @staticmethod
    def _action(section_id: str) -> str:
        """The action a click on a citation runs: open its section in the guide (ids are [a-z0-9-])."""
        return f"app.open_guide({section_id!r})"
