"""`advisor serve` in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import time

import pytest

from .browser_helpers import CHROMIUM, launch_chromium, serving

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason="Chromium is not installed (CI installs it)"
)


@pytest.fixture
def server(tmp_path):
    with serving(tmp_path) as address:
        yield address


def test_serve_binds_to_localhost_and_says_so(server):
    # the fixture's server was started without --host: only 127.0.0.1 answers
    assert server.startswith("http://127.0.0.1:")


def _saved(state_dir):
    import json

    for path in state_dir.glob("session-*.json"):
        try:
            return json.loads(path.read_text())
        except ValueError:
            continue  # being written: read it again next time
    return None


def _start_and_answer(page, server, state):
    """Open the page, start the app, press 1 at the first question; what the app saved, or None."""
    page.goto(server)
    page.mouse.click(600, 400)  # the start card: a click starts the app
    # the terminal is drawn on a canvas, so the test reads what the app itself saved: every
    # answer is written to the state folder with the transcript, the moment it is shown
    deadline = time.monotonic() + 90
    saved = None
    while time.monotonic() < deadline and saved is None:
        page.mouse.click(400, 745)  # focus the terminal, on the input line
        page.keyboard.press("1")  # until the app has started, the key goes nowhere
        time.sleep(2)
        saved = _saved(state)
    return saved


def test_first_question_then_number_key_in_a_browser(server, tmp_path):
    from playwright.sync_api import sync_playwright

    state = tmp_path / "state"
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            saved = _start_and_answer(page, server, state)
            page.screenshot(path=str(tmp_path / "browser.png"))
        finally:
            browser.close()
    assert saved is not None, "no answer reached the app"
    assert saved["answers"]["budget"]["option"] == "free"
    texts = [line["text"] for line in saved["transcript"]]
    assert "How much can you spend on compute each month?" in texts
    assert "What hardware does the job need?" in texts


def test_typing_after_a_click_on_the_chat_reaches_the_input(server, tmp_path):
    """A click on the transcript moves the focus there; what is typed next still answers."""
    from playwright.sync_api import sync_playwright

    state = tmp_path / "state"
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            saved = _start_and_answer(page, server, state)  # budget: free
            assert saved is not None, "no answer reached the app"
            page.mouse.click(300, 200)  # on the chat above: the transcript takes the focus
            time.sleep(0.5)
            page.keyboard.type("one gpu")
            page.keyboard.press("Enter")
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                saved = _saved(state)
                if saved and "hardware" in saved["answers"]:
                    break
                time.sleep(0.5)
        finally:
            browser.close()
    assert saved is not None and saved["answers"].get("hardware", {}).get("option") == "gpu"
