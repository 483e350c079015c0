"""Where advisor keeps its files, and writing them so that a crash never leaves half of one."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# kind -> (environment variable that overrides it, XDG variable, default below the home folder)
_KINDS = {
    "state": ("ADVISOR_STATE_DIR", "XDG_STATE_HOME", "~/.local/state"),
    "cache": ("ADVISOR_CACHE_DIR", "XDG_CACHE_HOME", "~/.cache"),
    "config": ("ADVISOR_CONFIG_DIR", "XDG_CONFIG_HOME", "~/.config"),
}


def user_dir(kind: str) -> Path:
    """The user's state, cache or config folder for advisor."""
    override, xdg, default = _KINDS[kind]
    if os.environ.get(override):
        return Path(os.environ[override])
    if sys.platform.startswith("linux"):
        # what platformdirs answers on Linux, without its import (5-9 ms) on every start
        return Path(os.environ.get(xdg) or os.path.expanduser(default)) / "advisor"
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")("advisor"))


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, flushed to disk, then renamed over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the file itself is already on disk
