"""The chat UI. It shows what the conversation (and through it, the engine) decides; no rules here."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from ..chat import replies
from ..chat.conversation import Conversation, Line
from ..chat.state import Saved, SessionStore, restore
from ..pack.core import Pack, QuestionKind
from ..text import inert
from .widgets.answer_input import AnswerInput
from .widgets.side import SidePanel
from .widgets.transcript import Bubble, Transcript

if TYPE_CHECKING:
    from ..export.terminal import Palette

NARROW = 80  # below this width bubbles and the footer get compact
FOLD = 110  # below this width the side panel folds away so the chat and the result's tables have room
DEFAULT_EXPORT = "advisor-decision.md"


class AdvisorApp(App[None]):
    TITLE = "advisor"
    SUB_TITLE = "where to run your ML and data work"
    CSS_PATH = "app.tcss"
    AUTO_FOCUS = "#say"  # focused as the screen starts: one focus change, one footer update

    BINDINGS = [
        Binding("escape", "step_back", "Back", id="back"),
        Binding("f1", "why", "Why?", id="why"),
        Binding("f2", "open_guide", "Guide", id="guide"),
        Binding("ctrl+r", "restart", "Restart", id="restart"),
        Binding("ctrl+s", "export", "Save", id="export"),
        Binding("ctrl+o", "toggle_side", "Side", id="side"),
        Binding("f3", "toggle_sections", "Details", id="sections", show=False),
        Binding("ctrl+t", "next_theme", "Theme", id="theme", show=False),
        # the chat scrolls from the input line, as chat apps do (the transcript's own keys when it has focus)
        Binding("pageup", "scroll_chat('page_up')", "Scroll up", id="scroll-up", show=False),
        Binding("pagedown", "scroll_chat('page_down')", "Scroll down", id="scroll-down", show=False),
        Binding("ctrl+home", "scroll_chat('home')", "Top", id="scroll-top", show=False),
        Binding("ctrl+end", "scroll_chat('end')", "Newest", id="scroll-end", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        pack: Pack,
        *,
        number_delay: float = 0.35,
        cursor_blink: bool = True,
        export_dir: Path | None = None,
        store: SessionStore | None = None,
        resume: Saved | None = None,
        waiting: Path | None = None,
        web: bool = False,
        debug: bool = False,
    ) -> None:
        super().__init__()
        self.show_tracebacks = debug  # a crash shows Textual's full traceback, not one line
        self.crash: BaseException | None = None
        self.web = web  # a browser tab of 'advisor serve': no paths, no settings, nothing to quit
        self.pack = pack
        self.conversation = Conversation(pack)
        self.cursor_blink = cursor_blink
        self.number_delay = number_delay  # 0: digits pick at once (tests); see AnswerInput
        self.export_dir = export_dir
        self.store = store  # None: nothing is saved (tests, demos)
        self.resume = resume
        self.waiting = waiting
        self.lines: list[Line] = []  # the transcript as data, for saving
        self.last_export = DEFAULT_EXPORT  # the file name (and so the format) last saved to
        self._result_for: tuple[tuple[str, str], ...] | None = None

    # -- layout ----------------------------------------------------------------------------------
    def _first_lines(self) -> list[Line]:
        """What the transcript opens with: the first question, or a resumed conversation."""
        if self.resume is not None:
            notes = restore(self.conversation, self.resume)
            earlier = [line for line in self.resume.transcript if line.role != "result"]
            if self.store is not None and self.resume.answers:
                self.store.follow(self.resume)  # go on writing the same session
            ask = self.conversation.opening()[1:] if not self.conversation.done else []
            if ask and earlier and earlier[-1] == ask[0]:
                earlier = earlier[:-1]  # asked once, after the welcome, not twice
            lines = earlier + [Line("notice", note) for note in notes]
            lines.append(
                Line(
                    "notice",
                    replies.welcome_back(len(self.conversation.session.answers))
                    if self.resume.answers
                    else replies.NOTHING_RESTORED,
                )
            )
            return lines + ask
        opening = self.conversation.opening()
        if self.waiting is not None:
            opening.insert(
                1,
                Line("notice", replies.WAITING_SESSION),
            )
        return opening

    def compose(self) -> ComposeResult:
        # the opening lines are part of the first frame, not mounted after it
        first = [line for line in self._first_lines() if line.role != "result"]
        self.lines.extend(first)
        # a flat screen: the side panel docks right, the chat fills the rest (fewer containers,
        # less layout and compositing before the first frame; benchmarks/startup.py)
        yield Header()
        yield SidePanel(self.conversation, id="side")
        yield Transcript(*[Bubble(line) for line in first], id="transcript")
        yield self._fill_options(OptionList(id="options"))
        say = AnswerInput(id="say", max_length=4000, select_on_focus=False)
        say.cursor_blink = self.cursor_blink
        say.number_delay = self.number_delay
        yield self._fit_input(say)
        yield Footer()

    def on_mount(self) -> None:
        # Everything the first question needs was composed above: mounting more widgets here
        # would cost a second layout pass before the first frame (benchmarks/startup.py).
        if self.conversation.done:
            self._show([])  # a finished session, resumed: its result
        if self.store is not None:  # a real session (tests and demos leave the signals alone)
            import signal

            loop = asyncio.get_running_loop()
            # asked to stop (kill, a closed terminal, Ctrl+C from outside): every answer is already
            # on disk, so exit cleanly, which gives the terminal back, with the usual exit code
            for sig, code in ((signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)):
                loop.add_signal_handler(sig, self.exit, None, code)

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error  # the command line reports it in one line and exits 70
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.show_tracebacks or self.crash is None:
            super()._print_error_renderables()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme a person picks (Ctrl+T, the palette or --theme) for next time."""
        if self.is_running:  # a result on screen takes the new theme's colours too
            for view in self.query("ResultView"):
                from .widgets.result import ResultView

                if isinstance(view, ResultView):
                    view.repaint(self._palette())
        if self.store is None or self.web:
            return  # tests and demos leave the person's settings alone; a browser tab keeps its own
        from .. import settings

        try:
            settings.save(theme=theme)
        except OSError:
            pass  # not remembering a theme is no reason to interrupt anyone

    def on_resize(self, event: events.Resize) -> None:
        self.screen.set_class(event.size.width < NARROW, "-narrow")
        self.screen.set_class(event.size.width < FOLD, "-fold-side")
        for footer in self.screen.query(Footer):
            # on a small screen the keys sit closer together, so Save and Answers still fit
            footer.compact = event.size.width < NARROW
            footer.show_command_palette = event.size.width >= NARROW  # Ctrl+P still works

    # -- showing what the conversation says --------------------------------------------------------
    def _show(self, lines: list[Line]) -> None:
        transcript = self.query_one("#transcript", Transcript)
        shown = [line for line in lines if line.role != "result"]
        transcript.add(shown)
        self.lines.extend(shown)
        self._fill_options(self.query_one("#options", OptionList))
        self.query_one("#side", SidePanel).refresh_from()
        if not self.conversation.done and self._result_for is not None:
            # went back from a result: the old one no longer answers the answers on screen
            self._result_for = None
            for old in transcript.query("ResultView"):
                old.remove()
        if self.conversation.done:
            key = tuple(sorted(self.conversation.session.chosen.items()))
            if key != self._result_for:
                self._result_for = key
                transcript.add([Line("advisor", replies.RESULT_INTRO)])
                from .widgets.result import ResultView  # with Rich tables: only once there is a result

                view = ResultView(self.conversation.report(), self._palette())
                transcript.add_at_top(view)  # the recommendation first, not the last citation
        self._fit_input(self.query_one("#say", AnswerInput))
        self._save()

    def _fit_input(self, say: AnswerInput) -> AnswerInput:
        """The input line's hint, and whether a digit may begin typed text, for the question shown."""
        question = self.conversation.current
        # any question may get a typed description that starts with a digit ("2 GPUs for 10 hours")
        say.digit_may_begin_text = question is not None
        if self.conversation.done:
            say.placeholder = "Ask about the services, or type 'restart'…"
        elif question is not None and question.kind is QuestionKind.numeric:
            example = "$20" if "usd" in question.unit.lower() else f"3 {question.unit_label or question.unit}"
            say.placeholder = f"Press a number, or type an amount ('{example}')…"
        else:
            say.placeholder = "Type an answer, or press an option's number…"
        return say

    def _save(self) -> None:
        """Every change is on disk before the person's next key press."""
        if self.store is None:
            return
        try:
            notice = self.store.save(self.conversation, self.lines, finished=self.conversation.done)
        except OSError as exc:
            self.store = None  # keep working; say once that saving stopped
            self.notify(
                f"Could not save the session ({exc.strerror or exc}); it will not be resumable.",
                severity="warning",
                markup=False,
            )
            return
        if notice:
            self.notify(notice, severity="warning", markup=False, timeout=8)

    def _fill_options(self, options: OptionList) -> OptionList:
        """The current question's options, numbered, with the question as the list's title."""
        choices = self.conversation.choices
        options.clear_options()
        options.add_options(
            Option(Text(f"{i}. ", style="bold").append(inert(c.label)), id=c.key)
            for i, c in enumerate(choices, start=1)
        )
        options.display = bool(choices)
        # the question is the bubble just above the options: no second copy as the box's title
        options.border_title = None
        if choices:
            keys = [c.key for c in choices]
            current = self.conversation.current_answer
            options.highlighted = keys.index(current) if current in keys else 0
        return options

    def _palette(self) -> Palette:
        from ..export.terminal import Palette

        theme = self.current_theme
        return Palette(
            good=theme.success or "green",
            bad=theme.error or "red",
            warn=theme.warning or "yellow",
            quiet="dim",
            frame=theme.success or "green",
        )

    # -- input -----------------------------------------------------------------------------------
    @on(AnswerInput.Submitted, "#say")
    def _submitted(self, event: AnswerInput.Submitted) -> None:
        text = event.value
        event.input.clear()
        if text.strip():
            self._show(self.conversation.say(text))
            return
        options = self.query_one("#options", OptionList)
        option = options.highlighted_option
        if option is not None and option.id is not None:
            self._show(self.conversation.pick(option.id))

    @on(AnswerInput.Number)
    def _number(self, event: AnswerInput.Number) -> None:
        if self.conversation.choices:
            self._show(self.conversation.pick_number(event.number))

    @on(AnswerInput.Move)
    def _move(self, event: AnswerInput.Move) -> None:
        options = self.query_one("#options", OptionList)
        if options.option_count:
            if event.delta < 0:
                options.action_cursor_up()
            else:
                options.action_cursor_down()

    @on(AnswerInput.Why)
    def _why(self) -> None:
        self.action_why()

    @on(OptionList.OptionSelected, "#options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._show(self.conversation.pick(event.option.id))
        self.query_one("#say", AnswerInput).focus()

    @on(SidePanel.Edit)
    def _edit(self, event: SidePanel.Edit) -> None:
        self._show(self.conversation.edit(event.question_id))
        self.query_one("#say", AnswerInput).focus()

    # -- actions ---------------------------------------------------------------------------------
    def action_step_back(self) -> None:
        """Escape: clear a half-typed answer first; from an empty line, undo the last answer.

        (App's own "back" action is about screens, not answers.)
        """
        say = self.query_one("#say", AnswerInput)
        if say.value:
            say.clear()
            return
        self._show(self.conversation.back())

    def action_toggle_sections(self) -> None:
        """Open or close every folded section of the newest result."""
        from .widgets.result import ResultView

        views = list(self.query(ResultView))
        if views:
            views[-1].toggle_all()

    def on_button_pressed(self, event: Any) -> None:
        """The result's "Settle it" button: change the answer that would tell most, in place.

        (Handled by name, so the Button class is not imported at start-up: it comes with a result.)
        """
        if event.button.id != "settle":
            return
        from .widgets.result import ResultView

        views = list(self.query(ResultView))
        settle = views[-1].report.settle_by if views else None
        if settle is not None and settle.question in self.conversation.session.answers:
            self._show(self.conversation.edit(settle.question))
            self.query_one("#say", AnswerInput).focus()

    def action_scroll_chat(self, where: str) -> None:
        transcript = self.query_one("#transcript", Transcript)
        if where == "page_up":
            transcript.scroll_page_up(animate=False)
        elif where == "page_down":
            transcript.scroll_page_down(animate=False)
        elif where == "home":
            transcript.scroll_home(animate=False)
        else:
            transcript.scroll_end(animate=False)

    def on_key(self, event: events.Key) -> None:
        """A letter typed while another pane of the chat has the focus goes to the input line."""
        if self.screen is not self.screen_stack[0] or event.character is None or not event.is_printable:
            return
        focused = self.focused
        if focused is None or focused.id == "say":
            return
        from textual.widgets import Input

        if isinstance(focused, Input):
            return
        say = self.query_one("#say", AnswerInput)
        say.focus()
        if event.character.isdecimal() and not say.value:  # ("²" is a digit int() cannot read)
            say.post_message(AnswerInput.Number(int(event.character)))
        else:
            say.insert_text_at_cursor(event.character)
        event.stop()

    def action_why(self) -> None:
        self._show(self.conversation.why())

    def action_restart(self) -> None:
        self._result_for = None
        self._show(self.conversation.restart())

    def action_next_theme(self) -> None:
        """Cycle through the built-in themes (the palette's "Theme" command picks one by name)."""
        names = sorted(self.available_themes)
        self.theme = names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    def pop_screen(self) -> AwaitComplete:
        # Keys typed faster than a dialog or the command palette closes can ask it to close twice
        # (found by tests/test_ui_fuzz.py); closing a screen that is already gone is not an error.
        if len(self.screen_stack) <= 1:
            return AwaitComplete(asyncio.sleep(0))
        return super().pop_screen()

    def action_toggle_side(self) -> None:
        """Ctrl+O at any width: show the folded side panel over the chat, or hide the docked one."""
        if self.screen.has_class("-fold-side"):
            self.screen.toggle_class("-show-side")
        else:
            self.screen.toggle_class("-hide-side")

    async def action_quit(self) -> None:
        if not self.web:
            await super().action_quit()
            return
        # a browser tab has nothing to quit to: a dead page helps nobody, a fresh start might
        self._result_for = None
        self._show([Line("notice", replies.WEB_NO_QUIT), *self.conversation.restart()])

    def action_export(self) -> None:
        from .screens.dialogs import DownloadScreen, ExportScreen  # loaded when first opened, not at start-up

        if not self.conversation.session.answers:
            self._show([Line("notice", replies.NOTHING_TO_SAVE)])
            return
        if self.web:  # the file goes to the visitor's browser; nothing is written on the server
            self.push_screen(DownloadScreen(self.last_export), callback=self._deliver)
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.last_export = path.name  # offered again next time, with its format
                self._export_to(path)

        self.push_screen(ExportScreen(self.last_export, self.export_dir), callback=chosen)

    def _decision_text(self, name: str) -> str:
        from ..export.decision import to_json, to_markdown

        decision = self.conversation.report()
        return to_json(decision) + "\n" if name.lower().endswith(".json") else to_markdown(decision)

    def _deliver(self, name: str | None) -> None:
        """Send the decision to the browser as a download (web mode)."""
        if name is None:
            return
        import io

        self.last_export = name
        mime = "application/json" if name.endswith(".json") else "text/markdown"
        self.deliver_text(io.StringIO(self._decision_text(name)), save_filename=name, mime_type=mime, encoding="utf-8")
        self._show([Line("notice", replies.sent(name))])

    def _export_to(self, path: Path, overwrite: bool = False) -> None:
        from ..export.files import ExportError, write_export
        from .screens.dialogs import ConfirmScreen

        text = self._decision_text(path.name)
        try:
            write_export(path, text, overwrite=overwrite)
        except FileExistsError:

            def confirmed(replace: bool | None) -> None:
                if replace:
                    self._export_to(path, overwrite=True)
                else:
                    self.notify("Not saved; the existing file was left as it was.")

            self.push_screen(ConfirmScreen(f"{path} already exists. Replace it?"), callback=confirmed)
            return
        except ExportError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"Saved the decision to {path}", markup=False)
        self._show([Line("notice", replies.saved(path))])

    def action_open_guide(self, section_id: str | None = None) -> None:
        """Open the guide: at ``section_id``, or at the section of the last guide answer."""
        from .screens.guide import GuideScreen  # Markdown machinery: only once the guide opens

        if isinstance(self.screen, GuideScreen):
            if section_id:
                self.screen.show(section_id)
            return
        if section_id is None:
            shown = [line.section for line in self.lines if line.role == "guide" and line.section]
            section_id = shown[-1] if shown else None
        self.push_screen(GuideScreen(self.pack, section_id))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Back", "Go back one question (Escape)", self.action_step_back)
        yield SystemCommand("Restart", "Forget every answer and start again (Ctrl+R)", self.action_restart)
        yield SystemCommand("Explain this question", "Why the advisor asks it (F1)", self.action_why)
        yield SystemCommand("Save the decision", "Export a Markdown decision record (Ctrl+S)", self.action_export)
        yield SystemCommand("Guide", "Browse and search the guide, with code and sources (F2)", self.action_open_guide)
        for command in super().get_system_commands(screen):
            if not (self.web and command.title == "Quit"):  # a browser tab starts over instead (Ctrl+Q)
                yield command


class WebAdvisorApp(AdvisorApp):
    """A browser tab of 'advisor serve': Ctrl+Q starts over, since a tab has nothing to quit to."""

    BINDINGS = [
        Binding("ctrl+q", "quit", "New", id="quit", priority=True) if b.id == "quit" else b
        for b in AdvisorApp.BINDINGS
        if isinstance(b, Binding)
    ]


def make_app(pack: Pack, **kwargs: object) -> AdvisorApp:
    """The one place the app is built, for the command line and the tests."""
    if kwargs.get("web"):
        return WebAdvisorApp(pack, **kwargs)  # type: ignore[arg-type]
    return AdvisorApp(pack, **kwargs)  # type: ignore[arg-type]


__all__ = ["AdvisorApp", "Bubble", "make_app"]
