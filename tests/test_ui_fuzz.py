"""Long random key sequences: the app never crashes, stays responsive and keeps consistent state."""

from __future__ import annotations

import random

import pytest
from textual import events

from .ui_helpers import new_app

KEYS = (
    list("0123456789") * 3
    + list("abcdefghijklmnopqrstuvwxyz ?[]/$-")
    + ["enter"] * 8
    + ["escape"] * 4
    + [
        "up",
        "down",
        "tab",
        "shift+tab",
        "backspace",
        "left",
        "right",
        "ctrl+o",
        "f1",
        "ctrl+r",
        "ctrl+s",
        "ctrl+t",
        "home",
        "end",
        "delete",
    ]
)
SIZES = [(100, 32), (60, 20), (40, 12), (80, 24)]
NAMES = {
    " ": "space",
    "?": "question_mark",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "/": "slash",
    "$": "dollar_sign",
    "-": "minus",
}


def burst(app, keys: list[str]) -> None:
    """Send keys as fast as a person mashing the keyboard: no waiting between them."""
    for key in keys:
        name = NAMES.get(key, key)
        char = key if len(key) == 1 else None
        if name == "space":
            char = " "
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)


# the command palette (Ctrl+P) is left out: its search runs in the background, so which command
# Enter picks would depend on timing, and "Quit" is one of them
@pytest.mark.parametrize("seed", range(20))
async def test_random_keys(seed):
    rng = random.Random(seed)
    app = new_app()
    app.animation_level = "none"
    async with app.run_test(size=SIZES[seed % len(SIZES)]) as pilot:
        for _chunk in range(10):
            burst(app, [rng.choice(KEYS) for _ in range(30)])
            if rng.random() < 0.3:
                await pilot.resize_terminal(*rng.choice(SIZES))
            await pilot.pause()
            assert app.is_running
            session = app.conversation.session
            assert session.replay() == session.answers
        # still responsive: close any dialog, go back to the start, answer the first question
        while app.screen is not app.screen_stack[0]:
            app.pop_screen()
            await pilot.pause()
        app.action_restart()
        await pilot.pause()
        app.query_one("#say").value = ""
        app.query_one("#say").focus()
        await pilot.press("1")
        await pilot.pause()
        assert app.conversation.session.chosen.get("budget") == "free"
