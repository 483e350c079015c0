"""Writing exported decisions safely: checked paths, atomic writes, no silent overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class ExportError(Exception):
    """The file cannot be written; the message says why in a person's words."""


def check_target(path_text: str, cwd: Path | None = None) -> Path:
    """Turn what a person typed into a path to write, or raise ExportError."""
    text = path_text.strip()
    if not text:
        raise ExportError("Type a file name, for example decision.md.")
    if "\x00" in text or any(ord(c) < 32 for c in text):
        raise ExportError("The file name contains control characters.")
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if path.is_dir():
        raise ExportError(f"{path} is a folder; add a file name such as decision.md.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    return path


def write_atomic(path: Path, text: str, overwrite: bool = False) -> None:
    """Write via a temporary file, fsync and rename; refuse to replace a file unless told."""
    if path.exists() and not overwrite:
        raise FileExistsError(str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}") from exc
