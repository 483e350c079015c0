"""Settings a person chooses once and keeps (for now: the theme), in the user's config folder."""

from __future__ import annotations

import json
from pathlib import Path

from .files import read_bounded, user_dir, write_atomic


def config_dir() -> Path:
    return user_dir("config")


def _path() -> Path:
    return config_dir() / "settings.json"


def load() -> dict[str, str]:
    """The saved settings; anything unreadable counts as nothing saved."""
    try:
        data = json.loads(read_bounded(_path(), 64 * 1024).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # missing, not a plain file, too big, not JSON
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save(**values: str) -> None:
    data = load()
    data.update(values)
    write_atomic(_path(), json.dumps(data, indent=2))
