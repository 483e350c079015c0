"""Pictures of the chat UI in each state a person meets (SVGs in tests/__snapshots__/)."""

from __future__ import annotations

import pytest

from .ui_helpers import FOR_SERVICE, answer_by_number, new_app, show_result_top, type_text

WIDE = (100, 32)
SMALL = (60, 20)


def test_first_question(snap_compare):
    assert snap_compare(new_app(), terminal_size=WIDE)


def test_first_question_small(snap_compare):
    assert snap_compare(new_app(), terminal_size=SMALL)


def test_side_panel_over_a_small_screen(snap_compare):
    """Ctrl+O shows the folded side panel between the header and the footer, scrolling if long."""
    assert snap_compare(new_app(), press=["1", "ctrl+o"], terminal_size=SMALL)


def test_answered_by_number(snap_compare):
    assert snap_compare(new_app(), press=["1"], terminal_size=WIDE)


def test_typed_answer_read(snap_compare):
    async def run_before(pilot):
        await type_text(pilot, "I'm a student with no money who needs a GPU for 3 hours")

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


def test_typed_answer_not_understood(snap_compare):
    async def run_before(pilot):
        await type_text(pilot, "purple elephants")

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


def test_why(snap_compare):
    assert snap_compare(new_app(), press=["1", "f1"], terminal_size=WIDE)


def test_going_back(snap_compare):
    assert snap_compare(new_app(), press=["1", "2", "escape"], terminal_size=WIDE)


def test_change_answer_from_side_panel(snap_compare):
    async def run_before(pilot):
        for key in ["1", "2", "1", "1", "2", "ctrl+o"]:  # at 100 columns the panel is folded: Ctrl+O shows it
            await pilot.press(key)
        await pilot.click("#answers", offset=(2, 0))  # the first answer: budget
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("service", list(FOR_SERVICE))
def test_result(snap_compare, service):
    async def run_before(pilot):
        await answer_by_number(pilot, FOR_SERVICE[service])
        await show_result_top(pilot)

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


def test_result_small(snap_compare):
    async def run_before(pilot):
        await answer_by_number(pilot, FOR_SERVICE["kaggle"])
        await show_result_top(pilot)

    assert snap_compare(new_app(), terminal_size=SMALL, run_before=run_before)


def test_export_dialog(snap_compare):
    async def run_before(pilot):
        await answer_by_number(pilot, FOR_SERVICE["colab"])
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


def test_command_palette(snap_compare):
    async def run_before(pilot):
        from textual.widgets import Input

        await pilot.press("ctrl+p")
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture differ run to run
        await pilot.pause(0.3)

    assert snap_compare(new_app(), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, (80, 24)], ids=["100x32", "80x24"])
def test_guide_screen_at_a_section_with_code(snap_compare, size):
    """The guide: table of contents on the left, the Drive section with its code on the right."""

    async def run_before(pilot):
        await type_text(pilot, "how do I mount google drive")
        await pilot.press("f2")
        await pilot.pause(0.3)

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)


def test_result_at_80x24(snap_compare):
    """The result's first screen at 80x24: the side panel folded, the full width for the result."""

    async def run_before(pilot):
        await answer_by_number(pilot, FOR_SERVICE["colab-pro"])
        await show_result_top(pilot)

    assert snap_compare(new_app(), terminal_size=(80, 24), run_before=run_before)


def test_compact_fit_view_at_80x24(snap_compare):
    """At 80 columns the fit table does not fit: one line of marks per service, with a legend."""

    async def run_before(pilot):
        await answer_by_number(pilot, FOR_SERVICE["colab-pro-plus"])
        await pilot.press("f3")  # open every folded section
        await pilot.pause()
        view = pilot.app.query_one("ResultView")
        fit = next(c for c in view.query("Collapsible") if "fits" in str(c.title))
        pilot.app.query_one("#transcript").scroll_to_widget(fit, animate=False, top=True)
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=(80, 24), run_before=run_before)


HEAVY_A100 = dict(FOR_SERVICE["colab-pro-plus"], gpu="faster", **{"weekly-hours": "over-30"})


@pytest.mark.parametrize("size", [(100, 32), (60, 24)], ids=["100-columns", "60-columns"])
def test_cost_chart(snap_compare, size):
    """What it would cost: a bar per service (figures only where the bars have no room)."""

    async def run_before(pilot):
        await answer_by_number(pilot, HEAVY_A100)
        await pilot.press("f3")
        await pilot.pause()
        view = pilot.app.query_one("ResultView")
        chart = next(c for c in view.query("Collapsible") if "cost" in str(c.title))
        pilot.app.query_one("#transcript").scroll_to_widget(chart, animate=False, top=True)
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)
