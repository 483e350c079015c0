"""How many people one `advisor serve` host serves: N tabs at once, each answering to a result.

    python benchmarks/serve.py            # N = 1, 10, 20
    python benchmarks/serve.py 1 5        # other N

For each N it opens N websocket sessions at once (speaking textual-serve's protocol, with the
page's own Origin, as a browser tab does), waits for each to draw its first question, then answers
every question with option 1 until the tab's saved session says it reached a result. It prints:

- the time to the first question for the slowest (the N-th) tab, and its ratio to N = 1 measured
  in the same run (the machine is shared: the ratio is the figure to compare);
- the memory of the tabs' processes (resident set, from /proc, summed) per tab, while all are open;
- whether every tab reached a result.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tab_rss_mb() -> list[float]:
    """Resident memory of every process started for a tab (they carry ADVISOR_WEB_SESSION)."""
    sizes = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"ADVISOR_WEB_SESSION=" not in (proc / "environ").read_bytes():
                continue
            status = (proc / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def finished(state: Path, session: str) -> bool:
    for path in (state / "web" / session).glob("session-*.json"):
        try:
            if json.loads(path.read_text()).get("finished"):
                return True
        except (OSError, ValueError):
            continue
    return False


async def one_tab(address: str, state: Path, opened: asyncio.Event, release: asyncio.Event) -> tuple[float, bool]:
    session = secrets.token_hex(16)
    start = time.monotonic()
    async with aiohttp.ClientSession() as client:
        url = f"{address}/ws/{session}?width=100&height=32"
        async with client.ws_connect(url, headers={"Origin": address}, max_msg_size=0) as ws:
            drawn = b""
            while b"spend" not in drawn:
                message = await ws.receive(timeout=120)
                if message.type == aiohttp.WSMsgType.BINARY:
                    drawn += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    return float("nan"), False
            first = time.monotonic() - start

            async def drain() -> None:
                async for _ in ws:
                    pass

            reader = asyncio.create_task(drain())  # keep reading, as a browser does
            deadline = time.monotonic() + 180
            while not finished(state, session) and time.monotonic() < deadline:
                await ws.send_json(["stdin", "1\r"])
                await asyncio.sleep(0.5)
            done = finished(state, session)
            opened.set()
            await release.wait()  # every tab stays open until memory is measured
            reader.cancel()
            return first, done


async def round_of(n: int, address: str, state: Path) -> tuple[float, float, bool]:
    release = asyncio.Event()
    opened = [asyncio.Event() for _ in range(n)]
    tasks = [asyncio.create_task(one_tab(address, state, opened[i], release)) for i in range(n)]
    await asyncio.wait([asyncio.create_task(event.wait()) for event in opened], timeout=300)
    rss = tab_rss_mb()
    release.set()
    results = await asyncio.gather(*tasks)
    slowest = max(first for first, _ in results)
    return slowest, sum(rss) / max(1, n), all(done for _, done in results)


def main(counts: list[int]) -> int:
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="advisor-serve-bench-"))
    env = {**os.environ, "ADVISOR_STATE_DIR": str(folder / "state"), "ADVISOR_CONFIG_DIR": str(folder / "config")}
    server = subprocess.Popen(
        [sys.executable, "-m", "advisor", "serve", "--port", str(port), "--max-sessions", str(max(counts) + 1)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        print(
            f"{'N':>3}  {'first question, N-th tab':>24}  {'ratio to N=1':>12}  {'memory per tab':>14}  "
            "all reached a result"
        )
        baseline = None
        for n in counts:
            slowest, per_tab, all_done = asyncio.run(round_of(n, address, folder / "state"))
            baseline = baseline or slowest
            print(
                f"{n:>3}  {slowest * 1000:>21.0f} ms  {slowest / baseline:>12.2f}  {per_tab:>11.0f} MB  "
                f"{'yes' if all_done else 'NO'}"
            )
            time.sleep(2)  # the round's processes end before the next round
        print(f"one run per N, on {os.cpu_count()} cores")
        return 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1, 10, 20]))
