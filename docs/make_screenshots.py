"""Regenerate the README's screenshots: python docs/make_screenshots.py (from the repository root)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


if __name__ == "__main__":
    asyncio.run(main())
