"""`advisor serve` in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import time
from pathlib import Path

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


def _read_json(path):
    import json

    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _saved(state_dir):
    """The first session a tab saved (each tab keeps its own folder), or None."""
    for path in state_dir.glob("web/*/session-*.json"):
        saved = _read_json(path)  # None while it is being written: read again next time
        if saved is not None:
            return saved
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


def _pixel(page, x: int, y: int) -> tuple[int, int, int]:
    """The colour of one pixel of the page (a 1x1 PNG: every PNG filter leaves its one pixel as is)."""
    import struct
    import zlib

    png = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1})
    data, at = b"", 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        if kind == b"IDAT":
            data += png[at + 8 : at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(data)
    return raw[1], raw[2], raw[3]


def test_a_decision_saves_as_a_browser_download_and_nothing_on_the_server(server, tmp_path):
    from playwright.sync_api import sync_playwright

    state = tmp_path / "state"
    before = {p for p in tmp_path.rglob("*") if "state" not in p.parts}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 800}, accept_downloads=True)
            page = context.new_page()
            assert _start_and_answer(page, server, state) is not None
            page.keyboard.press("Control+s")  # web mode: a format to pick, no path field
            time.sleep(1.5)
            downloads: list = []  # the page opens a download tab; Chromium reports the download here
            page.on("download", lambda d: downloads.append(d))
            page.keyboard.press("Enter")  # Markdown has the focus
            deadline = time.monotonic() + 30
            while not downloads and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            assert downloads, "no download reached the browser"
            download = downloads[0]
            saved_to = tmp_path / "browser-downloads" / download.suggested_filename
            download.save_as(saved_to)
        finally:
            browser.close()
    assert download.suggested_filename == "advisor-decision.md"
    text = saved_to.read_text(encoding="utf-8")
    assert text.startswith("# ") and "Free" in text and "How much can you spend" in text
    after = {p for p in tmp_path.rglob("*") if "state" not in p.parts and "browser-downloads" not in p.parts}
    assert after == before, "the server wrote a file outside its state folder"


def _session_pids(session_id: str) -> list[int]:
    """The processes of one tab: those started with its session id in their environment."""
    pids = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"ADVISOR_WEB_SESSION={session_id}".encode() in environ.read_bytes().split(b"\0"):
                pids.append(int(environ.parent.name))
        except OSError:
            continue  # gone, or not ours
    return pids


def _answers(state) -> list[dict]:
    return [saved["answers"] for saved in map(_read_json, state.glob("web/*/session-*.json")) if saved]


def test_two_tabs_have_their_own_theme_and_session_and_outlive_each_other(server, tmp_path):
    import signal

    from playwright.sync_api import sync_playwright

    state = tmp_path / "state"
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            first = browser.new_page(viewport={"width": 1200, "height": 800})
            assert _start_and_answer(first, server, state) is not None
            background = _pixel(first, 30, 120)
            first.keyboard.press("Control+t")  # the next theme, in this tab only
            time.sleep(2)
            changed = _pixel(first, 30, 120)
            (first_id,) = [path.name for path in (state / "web").iterdir()]
            second = browser.new_page(viewport={"width": 1200, "height": 800})
            second.goto(server)
            second.mouse.click(600, 400)  # the start card
            time.sleep(6)
            second_background = _pixel(second, 30, 120)
            for pid in _session_pids(first_id):  # the first tab's advisor dies
                os.kill(pid, signal.SIGKILL)
            second.mouse.click(400, 745)
            second.keyboard.press("2")  # the second tab still answers: its own folder, its own answer
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len(_answers(state)) < 2:
                time.sleep(0.5)
        finally:
            browser.close()
    assert changed != background, "Ctrl+T did not change the first tab's theme"
    assert second_background == background, "a theme picked in one tab reached another"
    assert not (tmp_path / "settings.json").exists(), "a tab wrote the server's settings"
    options = sorted(answers["budget"]["option"] for answers in _answers(state))
    assert len(options) == 2 and options[0] != options[1], f"the tabs did not keep separate sessions: {options}"
