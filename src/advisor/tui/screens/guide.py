"""The guide on its own: a table of contents, search as you type, and a section with its code.

Opened with F2, from the command palette, or by clicking a citation in a result; Escape returns to
the conversation where it was. Imported only when opened: Textual's Markdown widget and its
parser cost about 30 ms that the first screen does not need.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList
from textual.widgets.option_list import Option

from ...guide import contents, find, mentioned, section_markdown
from ...pack.core import Pack
from ...pack.guide import Section
from ...text import inert


class GuideScreen(Screen[None]):
    """Browse and search the guide."""

    DEFAULT_CSS = """
    GuideScreen #guide-search { dock: top; margin: 0 1; }
    GuideScreen #guide-body { height: 1fr; }
    GuideScreen #guide-contents { width: 35%; max-width: 40; height: 1fr; border: round $primary; }
    GuideScreen #guide-section { width: 1fr; height: 1fr; padding: 0 1; border: round $success; }
    GuideScreen.-narrow #guide-contents { display: none; }
    """

    BINDINGS = [
        Binding("escape", "close", "Back to the chat", id="guide-close"),
        Binding("ctrl+f", "focus_search", "Search", id="guide-search"),
        Binding("ctrl+l", "focus_contents", "Contents", id="guide-contents"),
    ]

    def __init__(self, pack: Pack, section_id: str | None = None) -> None:
        super().__init__()
        self.pack = pack
        first = next(iter(pack.sections))
        self.section: Section = pack.sections.get(section_id or first, pack.sections[first])

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search the guide (e.g. 'mount google drive')…", id="guide-search")
        with Horizontal(id="guide-body"):
            yield OptionList(*self._contents(), id="guide-contents")
            with Vertical(id="guide-section"):
                yield Markdown(self._markdown(self.section), id="guide-markdown")
        yield Footer()

    def on_mount(self) -> None:
        self._ready = False  # the list highlights its first entry on focus: not a choice of the person's
        self.query_one("#guide-contents", OptionList).focus()
        self.set_class(self.app.size.width < 80, "-narrow")
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._highlight(self.section.id)
        self._ready = True

    def on_resize(self) -> None:
        self.set_class(self.size.width < 80, "-narrow")

    def _contents(self) -> list[Option | None]:
        entries: list[Option | None] = []
        for group, sections in contents(self.pack):
            entries.append(Option(inert(group), disabled=True))
            entries += [Option(f"  {inert(s.title)}", id=s.id) for s in sections]
        return entries

    def _markdown(self, section: Section) -> str:
        text = inert(section_markdown(section))
        related = mentioned(self.pack, section)
        if related:
            text += "\n**See also:** " + " · ".join(f"[{inert(s.title)}](#{s.id})" for s in related) + "\n"
        return text

    def show(self, section_id: str) -> None:
        """Show one section (from the contents, a search or a link)."""
        section = self.pack.sections.get(section_id)
        if section is None:
            return
        self.section = section
        view = self.query_one("#guide-markdown", Markdown)
        view.update(self._markdown(section))
        self.query_one("#guide-section", Vertical).scroll_home(animate=False)
        self._highlight(section_id)

    def _highlight(self, section_id: str) -> None:
        contents_list = self.query_one("#guide-contents", OptionList)
        try:
            contents_list.highlighted = contents_list.get_option_index(section_id)
        except LookupError:
            pass  # the example pack's section ids are all listed; nothing else to highlight

    @on(OptionList.OptionHighlighted, "#guide-contents")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        if getattr(self, "_ready", False) and event.option.id and event.option.id != self.section.id:
            self.show(event.option.id)

    @on(Input.Changed, "#guide-search")
    def _search(self, event: Input.Changed) -> None:
        found = find(self.pack, event.value)
        if found is not None:
            self.show(found.section.id)

    @on(Input.Submitted, "#guide-search")
    def _to_section(self) -> None:
        self.query_one("#guide-contents", OptionList).focus()

    @on(Markdown.LinkClicked)
    def _follow(self, event: Markdown.LinkClicked) -> None:
        href = event.href
        if href.startswith("#"):
            event.prevent_default()
            self.show(href[1:])
        else:
            self.app.open_url(href)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_search(self) -> None:
        self.query_one("#guide-search", Input).focus()

    def action_focus_contents(self) -> None:
        self.query_one("#guide-contents", OptionList).focus()
