"""Driving the chat UI as a person would, for snapshot and behaviour tests."""

from __future__ import annotations

from advisor.pack import load
from advisor.tui.app import AdvisorApp, make_app

from .conftest import RULES

PACK = load(RULES, cache=False)

# one full answer set per service, as a person answers them in the chat (the reasoning for each is
# in rules/cases.yaml: student-tutorial, competition-free, hobbyist-heavy, pro-plus-long-background,
# company-deploy)
FOR_SERVICE = {
    "colab": {
        "budget": "free",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "up-to-1",
        "weekly-hours": "up-to-20",
        "work": "explore",
        "data": "drive",
        "privacy": "public",
    },
    "kaggle": {
        "budget": "free",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "1-to-9",
        "background": "yes",
        "weekly-hours": "up-to-20",
        "work": "competition",
        "data": "kaggle",
    },
    "colab-pro": {
        "budget": "up-to-50",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "1-to-9",
        "background": "no",
        "weekly-hours": "over-30",
        "work": "explore",
        "data": "drive",
        "team": "personal",
        "privacy": "public",
        "account": "card-only",
    },
    "colab-pro-plus": {
        "budget": "over-50",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "12-to-24",
        "checkpoint": "no",
        "background": "yes",
        "weekly-hours": "20-to-30",
        "work": "train",
        "data": "drive",
        "team": "personal",
        "privacy": "public",
        "account": "card-only",
    },
    "sagemaker": {
        "budget": "pay-per-use",
        "hardware": "gpu",
        "gpu": "any",
        "memory": "up-to-12",
        "runtime": "1-to-9",
        "background": "yes",
        "weekly-hours": "20-to-30",
        "work": "deploy",
        "data": "s3",
        "team": "team",
        "privacy": "sensitive",
    },
}


def new_app() -> AdvisorApp:
    return make_app(PACK, cursor_blink=False, number_delay=0)


async def answer_by_number(pilot, answers: dict[str, str]) -> None:
    """Press each option's number key, question by question, as the app asks them."""
    app: AdvisorApp = pilot.app
    while (question := app.conversation.current) is not None:
        option_ids = [o.id for o in question.options]
        await pilot.press(str(option_ids.index(answers[question.id]) + 1))
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])
    await pilot.press("enter")
    await pilot.pause()


async def show_result_top(pilot) -> None:
    app: AdvisorApp = pilot.app
    transcript = app.query_one("#transcript")
    transcript.scroll_to_widget(app.query_one("ResultView"), animate=False, top=True)
    await pilot.pause()


async def save_as(pilot, name: str) -> None:
    """Ctrl+S, type a file name in the save dialog, Enter."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    pilot.app.screen.query_one("#path").value = name
    await pilot.press("enter")
    await pilot.pause()
