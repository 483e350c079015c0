"""The chat UI driven with the pilot: what it holds and shows after each thing a person does."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.widgets import OptionList

from advisor.tui.app import make_app
from advisor.tui.screens.dialogs import ConfirmScreen, ExportScreen
from advisor.tui.widgets.answer_input import AnswerInput
from advisor.tui.widgets.side import AnswerItem
from advisor.tui.widgets.transcript import Bubble

from .ui_helpers import FOR_SERVICE, PACK, answer_by_number, new_app, save_as, type_text


def bubbles(app, role=None):
    return [b.line.text for b in app.query(Bubble) if role is None or b.line.role == role]


async def test_first_question_is_on_screen_at_launch():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert bubbles(app, "question")[-1] == "How much can you spend on compute each month?"
        options = app.query_one("#options", OptionList)
        assert options.option_count == 6 and options.highlighted == 0


async def test_number_click_arrows_and_typing_all_answer():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1")  # number key: budget free
        assert app.conversation.session.chosen == {"budget": "free"}
        await pilot.press("down", "enter")  # arrows and Enter: hardware, second option
        assert app.conversation.session.chosen["hardware"] == "gpu"
        await pilot.press("1", "1")  # any GPU, up to 12 GB of memory
        await type_text(pilot, "about 3 hours")
        assert app.conversation.session.answers["runtime"].value == 3
        assert app.conversation.current.id == "background"
        await pilot.click("#options", offset=(4, 1))  # click the first option
        await pilot.pause()
        assert app.conversation.session.chosen["background"] == "yes"


async def test_a_digit_that_is_no_number_key_is_typed_not_a_crash():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.query_one("#options", OptionList).focus()
        await pilot.pause()
        await pilot.press("²")  # a digit on some keyboards (AltGr+2), but no option's number
        assert app.conversation.session.chosen == {}
        assert app.query_one("#say", AnswerInput).value == "²"


async def test_student_sentence_fills_three_answers_and_confirms():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "I'm a student with no money who needs a GPU for 3 hours")
        chosen = app.conversation.session.chosen
        assert chosen == {"budget": "free", "hardware": "gpu", "runtime": "1-to-9"}
        assert any(text.startswith("Got it. ") for text in bubbles(app, "advisor"))
        assert app.conversation.current.id == "gpu"  # the first question the sentence left open


async def test_unreadable_answer_gets_a_reply_and_the_question_again():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "purple elephants")
        assert app.conversation.session.chosen == {}
        assert "did not understand" in bubbles(app, "advisor")[-1]
        assert app.conversation.current.id == "budget"


async def test_guide_question_is_answered_and_the_question_returns():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "kagle gpu limit")
        guide = [b.line for b in app.query(Bubble) if b.line.role == "guide"]
        assert guide and guide[0].title == "Kaggle's limits" and "kaggle.com" in guide[0].source
        assert bubbles(app)[-1] == "How much can you spend on compute each month?"
        assert app.conversation.session.chosen == {}


async def test_markup_typed_by_a_person_is_shown_literally():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "[b]hi[/b] [@click=app.quit]x[/]")
        user = [b for b in app.query(Bubble) if b.line.role == "user"][-1]
        assert "[b]hi[/b]" in str(user.render())
        assert app.is_running


async def test_escape_goes_back_and_side_panel_changes_an_answer():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1", "2", "1", "1", "2")  # free, one GPU, any GPU, up to 12 GB, 1 to 9 hours
        await pilot.press("escape")
        assert "runtime" not in app.conversation.session.chosen
        assert app.conversation.current.id == "runtime"
        await pilot.press("2", "1", "1")  # runtime 1-to-9, background yes, weekly up to 20 h
        assert app.conversation.session.chosen["weekly-hours"] == "up-to-20"
        await pilot.press("ctrl+o")  # at 100 columns the side panel is folded: show it
        hardware = next(item for item in app.query(AnswerItem) if item.question_id == "hardware")
        await pilot.click(hardware)
        await pilot.pause()
        assert app.conversation.editing == "hardware"
        assert bubbles(app, "question")[-1] == "What hardware does the job need?"
        # change hardware to CPU: the weekly GPU hours question no longer applies
        await pilot.press("1")
        assert app.conversation.session.chosen["hardware"] == "cpu"
        assert "weekly-hours" not in app.conversation.session.chosen
        assert any("no longer apply" in text for text in bubbles(app, "notice"))


async def test_dropped_answers_are_announced():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["kaggle"])
        app._show(app.conversation.edit("runtime"))
        await pilot.pause()
        await pilot.press("1")  # an hour or less: background no longer asked
        assert "background" not in app.conversation.session.chosen
        assert any("no longer apply" in text for text in bubbles(app, "notice"))


async def test_each_service_can_be_the_result():
    for service, answers in FOR_SERVICE.items():
        app = new_app()
        async with app.run_test(size=(100, 32)) as pilot:
            await answer_by_number(pilot, answers)
            assert app.conversation.done
            view = app.query_one("ResultView")
            assert view.report.recommendation[0] == service


async def test_export_writes_markdown_and_never_overwrites_without_asking(tmp_path):
    app = new_app()
    app.export_dir = tmp_path
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["colab"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await pilot.pause()
        target = tmp_path / "advisor-decision.md"
        text = target.read_text()
        assert text.startswith("# ") and "**Google Colab (free)**" in text and "## From the guide" in text
        target.write_text("keep me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "keep me"


async def test_resizing_and_tiny_terminals_never_break():
    # every size from roomy to absurd, with the side panel toggled each time, answering as we go
    sizes = [(100, 32), (40, 12), (79, 20), (80, 24), (41, 13), (20, 8), (10, 5), (60, 20), (120, 40)]
    app = new_app()
    async with app.run_test(size=(40, 12)) as pilot:
        for size in sizes:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("ctrl+o", "1", "ctrl+o")
            await pilot.pause()
            assert app.is_running
        # always option 1: free, CPU, up to 12 GB, under an hour, exploring, Drive, public: seven answers
        assert app.conversation.done and len(app.conversation.session.answers) == 7
        assert app.query_one("#side").display  # wide again: the panel is back


def test_core_does_not_import_textual():
    code = (
        "import sys\n"
        "import advisor.pack.loader, advisor.engine.decide, advisor.chat.conversation, advisor.engine.explain\n"
        "import advisor.understand.message, advisor.export.decision, advisor.export.terminal, advisor.cli\n"
        "print('textual' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


async def test_export_as_json_is_the_scripting_object(tmp_path):
    import json

    app = new_app()
    app.export_dir = tmp_path
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["kaggle"])
        await save_as(pilot, "decision.json")
    data = json.loads((tmp_path / "decision.json").read_text())
    assert data["status"] == "ok" and data["recommendation"]["id"] == "kaggle"


async def test_theme_is_remembered(tmp_path, monkeypatch):
    from advisor import settings
    from advisor.chat.state import SessionStore

    monkeypatch.setenv("ADVISOR_CONFIG_DIR", str(tmp_path / "config"))
    app = new_app()
    app.store = SessionStore(tmp_path / "state")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        chosen = app.theme
    assert settings.load()["theme"] == chosen


def test_unknown_theme_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_STATE_DIR", str(tmp_path))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    from advisor.cli import main

    assert main(["--theme", "nrod"]) == 2


async def test_typing_an_amount_that_starts_with_a_digit():
    from advisor.tui.app import make_app

    from .ui_helpers import PACK

    # A digit waits for the next key. The wait is long here so a slow, loaded machine between two
    # simulated key presses cannot make "20" read as option 2 (this failed once in CI at 0.35 s).
    app = make_app(PACK, cursor_blink=False, number_delay=30)
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "20 bucks a month")
        assert app.conversation.session.answers["budget"].value == 20
        await pilot.press("1", "enter")  # a digit and Enter pick at once
        assert app.conversation.session.chosen["hardware"] == "cpu"
        await type_text(pilot, "8 GB")
        assert app.conversation.session.answers["memory"].value == 8
        await type_text(pilot, "2.5h")
        assert app.conversation.session.answers["runtime"].value == 2.5
        await pilot.press("1", "enter")  # must it run unattended? yes
        await pilot.pause()
        app.conversation.restart()
        app._show([])
        app.query_one("#say").number_delay = 0.05
        await pilot.press("3")  # alone, it picks after a moment
        for _ in range(100):  # however long the machine takes to run the timer
            await pilot.pause(0.05)
            if app.conversation.session.chosen:
                break
        assert app.conversation.session.chosen == {"budget": "up-to-50"}


async def test_a_description_that_starts_with_a_digit_is_typed_not_picked_on_a_choice_question():
    from advisor.tui.app import make_app

    from .ui_helpers import PACK

    app = make_app(PACK, cursor_blink=False, number_delay=30)  # long: see the test above
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1", "enter")  # free
        await pilot.pause()
        assert app.conversation.current.id == "hardware"
        await type_text(pilot, "2 GPUs for 10 hours")  # not option 2, 'One GPU'
        assert app.conversation.session.chosen["hardware"] == "multi-gpu"
        assert app.conversation.session.chosen["runtime"] == "9-to-12"


async def test_a_guide_answer_keeps_its_code_and_f2_opens_its_section():
    from advisor.tui.screens.guide import GuideScreen

    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "how do I mount google drive")
        guide = [b.line for b in app.query(Bubble) if b.line.role == "guide"][-1]
        assert guide.section == "colab-drive" and "drive.mount('/content/drive')" in guide.code[0]
        assert "drive.mount('/content/drive')" in str(app.query(Bubble).last(Bubble).render()) or any(
            "drive.mount" in str(b.render()) for b in app.query(Bubble)
        )
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen) and app.screen.section.id == "colab-drive"
        await pilot.press("ctrl+f", *"kaggle limits")
        await pilot.pause()
        assert app.screen.section.id == "kaggle-limits"  # search as you type
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GuideScreen)
        assert app.conversation.current.id == "budget"  # the chat is where it was


async def test_a_citation_in_a_result_opens_its_section():
    from rich.console import Console

    from advisor.tui.screens.guide import GuideScreen

    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["kaggle"])
        view = app.query_one("ResultView")
        cited = {c.section for c in view.report.citations}
        assert cited
        # every cited section's title in the Sources list carries a click action that opens it
        actions = set()
        for line in Console(width=96).render_lines(view.body):
            for segment in line:
                click = (segment.style.meta or {}).get("@click") if segment.style else None
                if click:
                    actions.add(click)
        assert actions == {f"app.open_guide({section!r})" for section in cited}
        section = sorted(cited)[0]
        await app.run_action(f"app.open_guide({section!r})")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen) and app.screen.section.id == section


async def test_a_digit_then_enter_picks_the_option_even_where_amounts_are_typed():
    from advisor.tui.app import make_app

    from .ui_helpers import PACK

    # A digit waits for the next key. The wait is long here so a slow, loaded machine between two
    # simulated key presses cannot make "20" read as option 2 (this failed once in CI at 0.35 s).
    app = make_app(PACK, cursor_blink=False, number_delay=30)
    async with app.run_test(size=(100, 32)) as pilot:
        assert "'$20'" in app.query_one("#say", AnswerInput).placeholder  # the hint says how to type an amount
        await pilot.press("1", "enter")  # fast: option 1, not a budget of $1
        await pilot.pause()
        assert app.conversation.session.chosen == {"budget": "free"}
        assert app.query_one("#say", AnswerInput).value == ""


async def test_escape_clears_a_draft_first_then_undoes_and_says_what():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1", "2")  # free, one GPU
        await pilot.press(*"a faster")
        await pilot.press("escape")
        assert app.query_one("#say", AnswerInput).value == ""
        assert app.conversation.session.chosen == {"budget": "free", "hardware": "gpu"}  # nothing undone
        await pilot.press("escape")
        await pilot.pause()
        assert app.conversation.session.chosen == {"budget": "free"}
        assert bubbles(app, "notice")[-1] == "Undid: One GPU."


async def test_saving_never_replaces_by_accident_and_needs_an_answer(tmp_path):
    app = new_app()
    app.export_dir = tmp_path
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert "nothing to record yet" in bubbles(app, "notice")[-1]
        await answer_by_number(pilot, FOR_SERVICE["colab"])
        await save_as(pilot, "mine.json")
        saved = (tmp_path / "mine.json").read_text()
        (tmp_path / "mine.json").write_text("keep me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#path").value == "mine.json"  # the last name and format, offered again
        await pilot.press("enter")  # save: the file exists, so the dialog asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Enter on the focused button: Cancel
        await pilot.pause()
        assert (tmp_path / "mine.json").read_text() == "keep me" and saved.startswith("{")


async def test_the_result_scrolls_from_the_input_and_letters_reach_it_from_any_pane():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["sagemaker"])
        transcript = app.query_one("#transcript")
        await pilot.pause()
        assert app.focused.id == "say"
        start = transcript.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert transcript.scroll_y > start  # read the long result without leaving the input
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert transcript.scroll_y == 0
        transcript.focus()
        await pilot.press(*"why")
        assert app.focused.id == "say" and app.query_one("#say", AnswerInput).value == "why"


async def test_ctrl_o_shows_or_hides_the_side_panel_at_every_width():
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        side = app.query_one("#side")
        assert side.display  # wide: docked beside the chat
        await pilot.press("ctrl+o")
        assert not side.display  # hidden for room
        await pilot.press("ctrl+o")
        assert side.display
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert not side.display  # below about 110 columns it folds, so the result's tables have room
        await pilot.press("ctrl+o")
        assert side.display


async def test_nothing_is_said_twice():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("escape", "escape")  # at the first question: a notice, not the question again
        await pilot.pause()
        assert bubbles(app, "question").count("How much can you spend on compute each month?") == 1
        assert app.query_one("#options", OptionList).border_title is None  # the bubble says it once
        await answer_by_number(pilot, FOR_SERVICE["colab"])
        assert len(app.query("ResultView")) == 1
        await pilot.press("escape")  # back from the result: the old result no longer applies
        await pilot.pause()
        assert len(app.query("ResultView")) == 0


async def test_restart_can_be_undone_and_progress_only_counts_down():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        counts = [app.conversation.progress()[1]]
        for key in ("1", "2", "1", "1", "2"):  # free, one GPU, any GPU, up to 12 GB, 1 to 9 hours
            await pilot.press(key)
            counts.append(app.conversation.progress()[1])
        assert counts == sorted(counts, reverse=True)  # never more to go after an answer
        before = dict(app.conversation.session.chosen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.conversation.session.chosen == {}
        assert "Escape brings your 5 answer(s) back" in bubbles(app, "notice")[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert app.conversation.session.chosen == before


async def test_replies_name_questions_in_words_not_ids():
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await type_text(pilot, "20 bucks, one gpu, 3 hours")
        got = [text for text in bubbles(app, "advisor") if text.startswith("Got it")][-1]
        assert "run length: 3 hours" in got and "runtime" not in got
        side = " ".join(str(item.query_one("Label").render()) for item in app.query(AnswerItem))
        assert "run length:" in side and "runtime" not in side


async def test_a_result_takes_the_new_themes_colours():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["colab"])
        view = app.query_one("ResultView")
        before = view.body
        app.theme = "textual-light"
        await pilot.pause()
        assert view.body is not before


async def test_the_result_opens_with_what_matters_and_folds_the_rest():
    from textual.widgets import Collapsible

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["kaggle"])
        view = app.query_one("ResultView")
        from rich.text import Text

        top = [line.plain for line in view.body.renderables if isinstance(line, Text)][:4]
        assert top[0].startswith("Recommendation: Kaggle Notebooks · settled")
        assert top[1].startswith("Because: ") and "[1]" in top[1]  # the main reason, with its source
        assert top[2].startswith("Cost for your use (about 10 h a week): $0 a month")  # what it costs
        assert top[3].startswith("Would change it: ")
        sections = list(view.query(Collapsible))
        assert sections and all(c.collapsed for c in sections)  # the long sections start folded
        await pilot.press("f3")
        assert not any(c.collapsed for c in sections)
        await pilot.press("f3")
        assert all(c.collapsed for c in sections)


async def test_an_unsettled_result_offers_to_settle_it_in_place():
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        answers = dict(FOR_SERVICE["colab-pro"], background="not-sure")
        await answer_by_number(pilot, answers)
        view = app.query_one("ResultView")
        if view.report.settle_by is None:
            return  # settled whatever the open answer: nothing to offer (the engine decides)
        from textual.widgets import Button

        view.query_one("#settle", Button).press()  # as a click or Enter on it would
        await pilot.pause()
        assert app.conversation.editing == view.report.settle_by.question


def test_the_compact_fit_view_fits_a_narrow_screen(pack):
    from rich.console import Console

    from advisor.engine.explain import report
    from advisor.engine.session import Answer
    from advisor.export.terminal import Palette
    from advisor.tui.widgets.result import FitView

    answers = {q: Answer(o) for q, o in FOR_SERVICE["colab-pro-plus"].items()}
    fit = FitView(report(pack, answers), Palette())
    console = Console(width=56, record=True)
    console.print(fit)
    text = console.export_text()
    assert all(len(line) <= 56 for line in text.splitlines())
    assert "✓ fits  ~ partly  ✗ does not fit" in text and "Colab Pro+" in text
    wide = Console(width=200, record=True)
    wide.print(fit)
    assert "✓ fits" not in wide.export_text()  # room for the table: the table


async def test_web_mode_saves_as_a_download_with_no_path_and_quit_starts_over(tmp_path, monkeypatch):
    from advisor.tui.screens.dialogs import DownloadScreen

    app = make_app(PACK, cursor_blink=False, number_delay=0, web=True)
    delivered: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "deliver_text", lambda f, **kw: delivered.append((kw["save_filename"], f.read())))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1")  # budget: free
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DownloadScreen)
        assert not app.screen.query("Input"), "a visitor must not name a path on the server"
        await pilot.press("right", "enter")  # JSON
        await pilot.pause()
        ((name, text),) = delivered
        assert name == "advisor-decision.json" and json.loads(text)["answers"]["budget"]["option"] == "free"
        assert "nothing was saved on the server" in app.lines[-1].text
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and not app.conversation.session.answers  # a fresh start, not a dead page
        assert "nothing to quit" in " ".join(line.text for line in app.lines[-4:])
        assert "Quit" not in [command.title for command in app.get_system_commands(app.screen)]
    assert list(tmp_path.iterdir()) == []


def test_web_sessions_expire_a_day_after_their_last_change(tmp_path, monkeypatch):
    import os
    import time

    from advisor.chat.state import expire_web_sessions, web_store

    monkeypatch.setenv("ADVISOR_STATE_DIR", str(tmp_path))
    old, new = "a" * 32, "b" * 32
    for sid in (old, new):
        store = web_store(sid)
        store.folder.mkdir(parents=True)
        (store.folder / "session-1.json").write_text("{}")
    os.utime(tmp_path / "web" / old / "session-1.json", (0, 0))
    now = time.time()  # the new one changed just now, by this process's clock (not the file system's)
    os.utime(tmp_path / "web" / new / "session-1.json", (now, now))
    (tmp_path / "web" / "not-ours").mkdir()
    assert web_store("../../x") is None and web_store(None) is None
    assert expire_web_sessions() == 1
    assert sorted(p.name for p in (tmp_path / "web").iterdir()) == [new, "not-ours"]


async def test_a_long_or_multi_line_paste_is_kept_and_a_cut_is_said():
    from textual import events

    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        say = app.query_one(AnswerInput)
        say.post_message(events.Paste("I'm a student with no money\nwho needs a GPU\n\nfor 3 hours"))
        await pilot.pause()
        assert say.value == "I'm a student with no money who needs a GPU for 3 hours"
        say.value = ""
        say.post_message(events.Paste("x" * 5000))
        await pilot.pause()
        assert len(say.value) == 4000
        assert any("5,000 characters" in str(n.message) for n in app._notifications)


async def test_the_save_dialog_turns_os_errors_into_words(tmp_path):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    app = new_app()
    app.export_dir = tmp_path
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("1")
            await pilot.pause()
            cases = [("x" * 300 + ".md", "longer than 255 bytes"), ("notes.txt/d.md", "does not exist")]
            (tmp_path / "notes.txt").write_text("a file, not a folder")
            if os.geteuid() != 0:  # root may write anywhere: the permission case needs a normal user
                cases.append(("locked/d.md", "cannot write"))
            for name, words in cases:
                await pilot.press("ctrl+s")
                await pilot.pause()
                pilot.app.screen.query_one("#path").value = name
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, ExportScreen) and app.is_running  # still open, no crash
                problem = str(app.screen.query_one("#problem").render())
                assert words in problem, problem
                await pilot.press("escape")
                await pilot.pause()
    finally:
        os.chmod(locked, 0o700)


async def test_an_export_gets_the_users_umask_and_the_session_stays_private(tmp_path):
    import os
    import stat

    from advisor.chat.state import SessionStore

    old = os.umask(0o022)
    try:
        app = new_app()
        app.export_dir = tmp_path
        app.store = SessionStore(tmp_path / "state")
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press("1")
            await pilot.pause()
            await save_as(pilot, "shared.md")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "shared.md").stat().st_mode) == 0o644
    (session,) = (tmp_path / "state").glob("session-*.json")
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
