"""Time to the first question, in a real pseudo-terminal, against a bare Textual app.

    python benchmarks/startup.py [--runs 15]

Each run starts a process on a 100x32 pseudo-terminal and stops the clock when the first
question's text has been drawn. The floor is a bare Textual app with a header, a question, four
option buttons, an input and a footer. The two alternate run by run; the figure is the median of
the paired ratios (see common.py). Bar: at most 1.15. advisor runs as installed: its console
script, with its modules compiled to bytecode (see common.py).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import textwrap
import time

from common import advisor_command, alternate, as_installed, report

BAR = 1.15
BARE = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Button, Footer, Header, Input, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("How much can you spend on compute each month?")
            for label in ("Nothing", "Under $10", "$10 to $50", "$50 or more"):
                yield Button(label)
            yield Input(placeholder="Type an answer")
            yield Footer()

    Bare().run()
""")
NEEDLE = b"How much can you spend"


def first_paint(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    seen = b""
    try:
        while NEEDLE not in seen:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                raise RuntimeError(f"{argv} drew nothing in 10 s")
            seen += os.read(fd, 65536)
        return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs of each (at least 7; default 15)")
    args = parser.parse_args()
    if args.runs < 7:
        parser.error("--runs: at least 7")
    folder = tempfile.mkdtemp(prefix="advisor-bench-")
    bare = os.path.join(folder, "bare.py")
    with open(bare, "w") as handle:
        handle.write(BARE)
    env = {
        "TERM": "xterm-256color",
        "ADVISOR_CACHE_DIR": os.path.join(folder, "cache"),
        "ADVISOR_STATE_DIR": os.path.join(folder, "state"),
    }
    as_installed()
    ours_cmd = advisor_command()
    bare_cmd = [sys.executable, bare]
    ours, floor = alternate(lambda cmd: first_paint(cmd, env), ours_cmd, bare_cmd, args.runs)
    return report("advisor, first question drawn", ours, "bare Textual app, same widgets", floor, BAR)


if __name__ == "__main__":
    sys.exit(main())
