"""Writing exported decisions safely: checked paths, atomic writes, no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

from ..files import write_atomic


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
    if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in path.parts):
        raise ExportError("A name in that path is longer than 255 bytes; choose a shorter file name.")
    try:
        if path.is_dir():
            raise ExportError(f"{path} is a folder; add a file name such as decision.md.")
        if not path.parent.is_dir():
            raise ExportError(f"The folder {path.parent} does not exist.")
    except OSError as exc:  # a folder you may not look into, a name the system refuses
        raise ExportError(f"Cannot use {path}: {exc.strerror or exc}.") from None
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ExportError(f"You cannot write in the folder {path.parent}; choose another place.")
    return path


def write_export(path: Path, text: str, overwrite: bool = False) -> None:
    """Write atomically (see advisor.files); refuse to replace an existing file unless told."""
    try:
        if path.exists() and not overwrite:
            raise FileExistsError(str(path))
        write_atomic(path, text, private=False)  # a file to share: the user's umask decides who reads it
    except FileExistsError:
        raise
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}") from exc
