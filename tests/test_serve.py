"""`advisor serve` as a server: who may open a session, how many, for how long (websocket clients, no browser)."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

import aiohttp
import pytest

from .browser_helpers import serving

SESSION = "0123456789abcdef0123456789abcdef"


def _origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


async def _open(address: str, session: str = SESSION, **headers: str) -> tuple[int, bytes]:
    """Open a tab's websocket; the HTTP status it was refused with, or 101 and what it first drew."""
    url = f"{_origin(address)}/ws/{session}?width=100&height=30"
    token = [q.split("=", 1)[1] for q in urlsplit(address).query.split("&") if q.startswith("token=")]
    cookies = {"advisor_token": token[0]} if token else {}
    async with aiohttp.ClientSession(cookies=cookies) as client:
        try:
            async with client.ws_connect(url, headers=headers) as ws:
                drawn = b""
                deadline = time.monotonic() + 30
                while b"spend" not in drawn and time.monotonic() < deadline:
                    message = await ws.receive(timeout=30)
                    if message.type == aiohttp.WSMsgType.BINARY:
                        drawn += message.data
                    elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                return 101, drawn
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status, b""


def test_a_foreign_origin_gets_no_session(tmp_path):
    with serving(tmp_path) as address:
        status, _ = asyncio.run(_open(address, Origin="http://evil.example"))
        assert status == 403
        status, _ = asyncio.run(_open(address))  # no Origin at all: not this server's page either
        assert status == 403
        status, drawn = asyncio.run(_open(address, Origin=_origin(address)))
        assert status == 101 and b"spend" in drawn
    assert not (tmp_path / "state" / "web").exists() or len(list((tmp_path / "state" / "web").iterdir())) <= 1


def test_bound_to_this_computer_only_this_computer_may_be_named(tmp_path):
    """A page on another name that resolves here (DNS rebinding) gets neither the page nor a session."""
    with serving(tmp_path) as address:
        port = urlsplit(address).port

        async def get(host: str) -> int:
            async with aiohttp.ClientSession() as client:
                async with client.get(address, headers={"Host": host}) as response:
                    return response.status

        assert asyncio.run(get(f"attacker.example:{port}")) == 421
        assert asyncio.run(get(f"localhost:{port}")) == 200
        status, _ = asyncio.run(
            _open(address, Host=f"attacker.example:{port}", Origin=f"http://attacker.example:{port}")
        )
        assert status == 421


def test_on_the_network_the_token_is_needed_for_the_page_and_the_websocket(tmp_path):
    with serving(tmp_path, "--host", "0.0.0.0") as address:
        assert "token=" in address, "a network address is printed with its token"
        bare = address.split("?")[0]

        async def page(url: str, cookies: dict[str, str] | None = None) -> tuple[int, str]:
            async with aiohttp.ClientSession(cookies=cookies) as client:
                async with client.get(url) as response:
                    return response.status, response.headers.get("Set-Cookie", "")

        assert asyncio.run(page(bare))[0] == 403
        assert asyncio.run(page(bare + "?token=wrong"))[0] == 403
        status, cookie = asyncio.run(page(address))
        assert status == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, _ = asyncio.run(_open(bare, Origin=_origin(bare)))  # right origin, no token
        assert status == 403
        status, drawn = asyncio.run(_open(address, Origin=_origin(address)))
        assert status == 101 and b"spend" in drawn


def test_beyond_max_sessions_a_busy_page_and_no_session(tmp_path):
    with serving(tmp_path, "--max-sessions", "1") as address:

        async def two_tabs() -> tuple[int, int, int]:
            async with aiohttp.ClientSession() as client:
                url = f"{address}/ws/{SESSION}?width=80&height=24"
                async with client.ws_connect(url, headers={"Origin": _origin(address)}) as first:
                    await first.receive(timeout=30)  # the first tab is running
                    async with client.get(address) as page:
                        busy_page = page.status
                    other = "f" * 32
                    try:
                        async with client.ws_connect(url.replace(SESSION, other), headers={"Origin": _origin(address)}):
                            second = 101
                    except aiohttp.WSServerHandshakeError as refused:
                        second = refused.status
                # the first tab closed: its seat is free again
                await asyncio.sleep(1.0)
                async with client.get(address) as page:
                    return busy_page, second, page.status

        busy_page, second, later = asyncio.run(two_tabs())
        assert (busy_page, second, later) == (503, 503, 200)


def test_an_idle_tab_is_ended(tmp_path):
    with serving(tmp_path, "--idle-minutes", "0.03") as address:  # about two seconds

        async def idle() -> tuple[float, bool]:
            async with aiohttp.ClientSession() as client:
                url = f"{address}/ws/{SESSION}?width=80&height=24"
                async with client.ws_connect(url, headers={"Origin": _origin(address)}) as ws:
                    start = time.monotonic()
                    while True:
                        message = await ws.receive(timeout=60)
                        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                            return time.monotonic() - start, True

        waited, closed = asyncio.run(idle())
        assert closed and waited < 50


@pytest.mark.parametrize("session", ["../../etc", "0123", "G" * 32, SESSION.upper()])
def test_a_session_id_is_32_hex_digits_or_nothing(tmp_path, session):
    with serving(tmp_path) as address:
        status, _ = asyncio.run(_open(address, session=session, Origin=_origin(address)))
        assert status in (400, 404)
    assert not (tmp_path / "state" / "web").exists()
