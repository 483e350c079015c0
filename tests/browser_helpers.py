"""`advisor serve` and Debian's Chromium, for the browser test and the README's browser screenshot."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(folder: Path, *options: str) -> Iterator[str]:
    """Run `advisor serve` on a free port (state and settings kept in ``folder``); yield the address it prints."""
    port = free_port()
    env = {**os.environ, "ADVISOR_STATE_DIR": str(folder / "state"), "ADVISOR_CONFIG_DIR": str(folder)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # "advisor: serving on <address> (...)" once it listens
        match = re.search(r"serving on (\S+)", first)
        assert match, f"advisor serve did not start: {first}{proc.stdout.read() if proc.poll() is not None else ''}"
        deadline = time.monotonic() + 30  # printed as it starts up, a moment before it listens
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield match.group(1).rstrip("/").replace(f"{socket.gethostname()}:", "127.0.0.1:")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
