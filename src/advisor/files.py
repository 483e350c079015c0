"""Where advisor keeps its files, and writing them so that a crash never leaves half of one."""

from __future__ import annotations

import errno
import os
import stat
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


def write_atomic(path: Path, text: str, private: bool = True) -> None:
    """Write via a temporary file in the same folder, flushed to disk, then renamed over ``path``.

    ``private`` files (state, cache, settings) are readable by their owner only; others (an exported
    decision) get the mode any new file gets under the user's umask.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    if not private:
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
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


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; OSError for anything else.

    The file is opened without blocking and checked before a byte is read: a FIFO, a device or a
    folder named like a file is refused rather than waited on, and a file over the limit is refused
    without being read (``FileTooBig``).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(errno.EINVAL, "not a regular file (a folder, a pipe or a device)")
        if info.st_size > limit:
            raise FileTooBig(info.st_size)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # grew while being read
                raise FileTooBig(size)
        return b"".join(chunks)
    finally:
        os.close(fd)


class NotAFile(OSError):
    pass


class FileTooBig(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, f"{size:,} bytes")
        self.size = size
