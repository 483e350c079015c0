"""Settings a person chooses once and keeps (for now: the theme), in the user's config folder."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def config_dir() -> Path:
    override = os.environ.get("ADVISOR_CONFIG_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
        return Path(base) / "advisor"
    import platformdirs

    return Path(platformdirs.user_config_dir("advisor"))


def _path() -> Path:
    return config_dir() / "settings.json"


def load() -> dict[str, str]:
    """The saved settings; anything unreadable counts as nothing saved."""
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def save(**values: str) -> None:
    from .state import write_atomic

    data = load()
    data.update(values)
    write_atomic(_path(), json.dumps(data, indent=2))
