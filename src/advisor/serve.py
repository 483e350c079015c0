"""`advisor serve`: the chat in a browser, one advisor process per tab, safe to share.

textual-serve gives the page, a websocket per tab, a process per websocket and downloads. On its
own it trusts every visitor as a terminal trusts its user; this server adds what a shared host needs:

- the websocket is refused unless its ``Origin`` is this server's own page, and (bound to this
  computer) every request must name this computer as its ``Host``, so neither another web site nor
  a DNS-rebinding trick can open or drive a session;
- on any other address a random access token (or ``--token``) is required: in the printed URL for
  the page, which then sets a same-site cookie that the websocket and downloads must carry;
- the page connects back to the address the browser used, never the bind address (``0.0.0.0``);
- each tab sends a random session id its page keeps; the tab's app runs in web mode (saving is a
  browser download, settings stay in the tab, nothing to quit) and keeps its conversation in the
  state folder under that id, deleted a day after its last change;
- at most ``--max-sessions`` tabs at once (a "busy" page beyond), and a tab with no key pressed
  for ``--idle-minutes`` is ended, which frees its process.

Sessions share nothing but the read-only rule pack, so several servers behind a proxy with sticky
websocket sessions serve a bigger group (README, "Sharing the advisor").
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import os
import secrets
import socket
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from .chat.state import WEB_KEEP_HOURS, expire_web_sessions, web_session_id

log = logging.getLogger("advisor.serve")

PAGES = Path(__file__).parent / "web"
COOKIE = "advisor_token"
LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
SESSION_MB = 60  # one tab's processes hold about 45 MB (benchmarks/serve.py); some room above that


def is_local(host: str) -> bool:
    """Whether an address is this computer only (a loopback address or 'localhost')."""
    if host.strip("[]").lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_max_sessions() -> int:
    """As many tabs as the memory free now holds twice over, between 4 and 64 (16 if unknown)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            fields = dict(line.split(":", 1) for line in meminfo)
        free_mb = int(fields["MemAvailable"].split()[0]) // 1024
    except (OSError, KeyError, ValueError):
        return 16
    return max(4, min(64, free_mb // (2 * SESSION_MB)))


def _host_name(netloc: str) -> str:
    """The host of a ``Host`` header value: no port, IPv6 brackets kept off."""
    host = urlsplit(f"//{netloc}").hostname
    return host or ""


class Tab(AppService):
    """One browser tab's advisor process: told its session id, and when it was last used."""

    def __init__(self, *args: Any, session_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_id = session_id
        self.last_input = time.monotonic()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment: dict[str, str] = super()._build_environment(width=width, height=height)
        environment["ADVISOR_WEB_SESSION"] = self.session_id
        return environment


class AdvisorServer(Server):
    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str | None,
        max_sessions: int,
        idle_minutes: float,
    ) -> None:
        super().__init__(command, host=host, port=port, title="advisor", templates_path=PAGES)
        self.local = is_local(host)
        self.token = token if token is not None or self.local else secrets.token_urlsafe(18)
        self.max_sessions = max_sessions
        self.idle_seconds = idle_minutes * 60
        self.tabs: dict[str, Tab | None] = {}  # session id -> its process (None while it starts)
        self.busy_page = (PAGES / "busy.html").read_text(encoding="utf-8")  # read once, not per refusal

    # -- who may come in ----------------------------------------------------------------------------
    def _host_ok(self, request: web.Request) -> bool:
        """Bound to this computer with no token: only requests addressed to this computer (no DNS rebinding).

        With a token (say behind a reverse proxy on this computer) the token keeps others out instead.
        """
        return self.token is not None or not self.local or is_local(_host_name(request.host))

    def _token_ok(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        offered = request.cookies.get(COOKIE) or request.query.get("token") or ""
        return hmac.compare_digest(offered.encode(), self.token.encode())

    def _origin_ok(self, request: web.Request) -> bool:
        """A websocket may be opened only by this server's own page."""
        origin = request.headers.get("Origin")
        return origin is not None and urlsplit(origin).netloc.lower() == request.host.lower()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self._host_ok(request):
            return web.Response(status=421, text="This advisor answers only at its own address.\n")
        if not self._token_ok(request):
            return web.Response(
                status=403,
                text="This advisor needs its access token: open the address that 'advisor serve' printed.\n",
            )
        response: web.StreamResponse = await handler(request)
        return response

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGES), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{session}", self.handle_tab, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        return app

    # -- the page -----------------------------------------------------------------------------------
    def _busy(self) -> web.Response:
        return web.Response(status=503, headers={"Retry-After": "60"}, content_type="text/html", text=self.busy_page)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.tabs) >= self.max_sessions:
            return self._busy()
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if self.token is not None and "token" in request.query:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

    # -- one tab --------------------------------------------------------------------------------------
    async def handle_tab(self, request: web.Request) -> web.StreamResponse:
        if not self._origin_ok(request):
            return web.Response(status=403, text="Only this advisor's own page may open a session.\n")
        if len(self.tabs) >= self.max_sessions:
            return self._busy()
        session_id = web_session_id(request.match_info["session"])
        if session_id is None:
            return web.Response(status=400, text="Not a session id.\n")
        if session_id in self.tabs:  # a duplicated tab carries its original's id: give it its own
            session_id = secrets.token_hex(16)
        self.tabs[session_id] = None  # counted from now, before anything waits
        try:
            return await self._run_tab(request, session_id)
        finally:
            self.tabs.pop(session_id, None)

    async def _run_tab(self, request: web.Request, session_id: str) -> web.WebSocketResponse:
        expire_web_sessions()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        await websocket.prepare(request)
        tab = Tab(
            self.command,
            session_id=session_id,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.tabs[session_id] = tab
        watchdog = asyncio.create_task(self._end_when_idle(tab, websocket))
        try:
            await tab.start(to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24))
            await self._relay(websocket, tab)
        except (ValueError, TypeError, KeyError, IndexError) as error:
            log.warning("a tab sent a message this server does not understand (%s); its session ends", error)
        finally:
            watchdog.cancel()
            await tab.stop()
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, tab: Tab) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            envelope = message.json()
            kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            if kind == "stdin":
                tab.last_input = time.monotonic()
                await tab.send_bytes(str(data).encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await tab.set_terminal_size(int(data["width"]), int(data["height"]))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await tab.blur()
            elif kind == "focus":
                await tab.focus()

    async def _end_when_idle(self, tab: Tab, websocket: web.WebSocketResponse) -> None:
        """Close a tab nobody has typed in for the idle time; its process ends with it."""
        while not websocket.closed:
            idle = time.monotonic() - tab.last_input
            if idle >= self.idle_seconds:
                log.info("ending a session idle for %.0f minutes", idle / 60)
                await websocket.close(message=b"idle")
                return
            await asyncio.sleep(min(60.0, self.idle_seconds - idle + 0.05))

    # -- start-up ---------------------------------------------------------------------------------------
    def address(self) -> str:
        """The address to open: on a wildcard bind, this computer's name; with the token if one is needed."""
        host = self.host
        if host in {"0.0.0.0", "::", ""}:
            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/" + (f"?token={self.token}" if self.token else "")

    async def on_startup(self, app: web.Application) -> None:
        gone = expire_web_sessions()
        where = "this computer only" if self.local else "the network"
        print(f"advisor: serving on {self.address()} ({where}); Ctrl+C stops", flush=True)
        if not self.local:
            print(
                "advisor: warning: anyone who can reach this address and has the token can use the advisor; "
                "share the address only with people you trust, and put TLS in front of it (README).",
                flush=True,
            )
        print(
            f"advisor: at most {self.max_sessions} tabs at once; a tab idle for {self.idle_seconds / 60:g} minutes "
            f"ends; each tab's conversation is deleted {WEB_KEEP_HOURS:g} hours after its last change"
            + (f" ({gone} expired now)" if gone else ""),
            flush=True,
        )

    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "WARNING", format="advisor: %(message)s")


def serve(command: str, **options: Any) -> None:
    os.environ.pop("ADVISOR_WEB_SESSION", None)  # only a tab's own process has one
    AdvisorServer(command, **options).serve()
