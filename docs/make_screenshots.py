"""Regenerate the README's screenshots: python docs/make_screenshots.py (from the repository root).

The chat's pictures are SVGs drawn by Textual; the browser's is a PNG of `advisor serve` in
Debian's Chromium (skipped, with a note, where Chromium is not installed).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_helpers import CHROMIUM, launch_chromium, serving  # noqa: E402
from tests.ui_helpers import FOR_SERVICE, answer_by_number, new_app, show_result_top, type_text  # noqa: E402

OUT = ROOT / "docs" / "images"


async def main() -> None:
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await type_text(pilot, "I'm a student with no money who needs a GPU for 3 hours")
        app.save_screenshot(str(OUT / "question.svg"))
    app = new_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer_by_number(pilot, FOR_SERVICE["colab-pro-plus"])
        await show_result_top(pilot)
        app.save_screenshot(str(OUT / "result.svg"))


def browser() -> None:
    """The chat in a browser tab, after one answer chosen with a number key."""
    if not os.path.exists(CHROMIUM):
        print(f"browser.png not made: no Chromium at {CHROMIUM}")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, serving(Path(folder)) as address, sync_playwright() as p:
        chromium = launch_chromium(p)
        try:
            page = chromium.new_page(viewport={"width": 1200, "height": 800})
            page.goto(address)
            page.mouse.click(600, 400)  # the start card
            state = Path(folder) / "state"
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not any(state.glob("session-*.json")):
                page.mouse.click(400, 745)  # the input line
                page.keyboard.press("1")
                time.sleep(2)
            time.sleep(1)
            page.screenshot(path=str(OUT / "browser.png"))
        finally:
            chromium.close()


if __name__ == "__main__":
    asyncio.run(main())
    browser()
