"""Where the shipped rule pack lives (inside the installed package, or the checkout's rules/)."""

from __future__ import annotations

from pathlib import Path


def default_rules_dir() -> Path:
    """The rule pack shipped with advisor: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "rules"
    if installed.is_dir():
        return installed
    return here.parent.parent / "rules"
