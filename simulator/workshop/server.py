"""`litige serve`: textual-serve's aiohttp server with a door in front of it.

textual-serve starts one process per websocket and has no authentication and no cap. This
subclass keeps its routes, template, static files and process handling, and adds:
- the join code, checked on the page (`/?code=…`) and on the websocket (`/ws/{code}`)
  *before* any process is started: a wrong or missing code starts nothing;
- a cap on live game processes: the next connection gets a "room is full" page, no process;
- URLs built from the request's own host, so a room served on 0.0.0.0 works from other machines.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shlex
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from simulator.workshop.gate import Admission, Gate, join_url, normalise, websocket_path
from simulator.workshop.lifeline import SERVER_PID_ENV
from simulator.workshop.pages import refusal_page, refusal_status, refusal_terminal

log = logging.getLogger("litige.serve")

# How long a refused websocket stays open so the participant can read why (no process behind it).
REFUSED_LINGER = 30.0
# How long Ctrl+C waits for the participants' processes to quit.
SHUTDOWN_GRACE = 10.0


def package_root() -> Path:
    """The folder holding the `simulator` package that runs this server (a checkout or site-packages)."""
    import simulator
    return Path(simulator.__file__).resolve().parent.parent


def child_command(*, python: str = sys.executable, db: str | None = None, lang: str | None = None,
                  scenario: str | None = None, no_timers: bool = False, extra: Sequence[str] = (),
                  server_pid: int | None = None) -> str:
    """The shell command textual-serve runs for each participant: the game, in participant mode.

    `exec` so that the game process is the server's direct child (no shell in between): a
    closed tab's quit reaches it, and the processes can be counted. The server's pid (this
    process's, by default) goes in its environment: the game ends when that server is gone.
    """
    env = [f"PYTHONPATH={shlex.quote(str(package_root()))}",
           f"{SERVER_PID_ENV}={server_pid or os.getpid()}"]
    if db:
        env.append(f"LITIGE_DB={shlex.quote(str(Path(db).resolve()))}")
    if lang:
        env.append(f"LITIGE_LANG={shlex.quote(lang)}")
    args = [python, "-m", "simulator.cli"]
    if db:
        args += ["--db", str(Path(db).resolve())]
    if no_timers:
        args.append("--no-timers")
    args.append("--participant")
    if scenario:
        args += ["--scenario", scenario]
    args += list(extra)
    return "exec env " + " ".join(env) + " " + " ".join(shlex.quote(a) for a in args)


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), else 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: routing lookup only
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def public_base(host: str, port: int) -> str:
    """The address to give participants for a server bound to host:port."""
    shown = lan_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


@dataclass
class Counters:
    """What the door did since the server started (read by the status route and the tests)."""

    live: int = 0
    started: int = 0
    refused_code: int = 0
    refused_full: int = 0


class WorkshopServer(Server):
    """textual-serve's Server, gated by a join code and a participant cap."""

    def __init__(self, command: str, gate: Gate, *, host: str = "127.0.0.1", port: int = 8000,
                 title: str = "Litige", announce: bool = True, db: str | None = None):
        super().__init__(command, host=host, port=port, title=title,
                         public_url=public_base(host, port))
        self.gate = gate
        self.counters = Counters()
        self.announce = announce
        self.db = db
        self._sessions: set[asyncio.Task[object]] = set()

    # -- routes ----------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()  # /, /ws, /download/{key}, /static
        app.router.add_get("/ws/{code}", self.handle_websocket, name="room_websocket")
        app.router.add_get("/status", self.handle_status, name="status")
        return app

    async def handle_status(self, request: web.Request) -> web.Response:
        """Live counts, for the facilitator's scripts (needs the code, like everything else)."""
        if not self.gate.code_ok(request.query.get("code")):
            return web.json_response({"error": "bad_code"}, status=403)
        c = self.counters
        return web.json_response({"live": c.live, "max": self.gate.max_participants, "started": c.started,
                                  "refused_code": c.refused_code, "refused_full": c.refused_full})

    def _admit(self, given: str | None) -> Admission:
        decision = self.gate.admit(given, self.counters.live)
        if decision is Admission.BAD_CODE:
            self.counters.refused_code += 1
        elif decision is Admission.FULL:
            self.counters.refused_full += 1
        return decision

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The game page, or a page saying why not (no process is started by a page anyway)."""
        given = request.query.get("code")
        decision = self._admit(given)
        if decision is not Admission.ADMIT:
            return web.Response(text=refusal_page(decision, cap=self.gate.max_participants, code=given),
                                status=refusal_status(decision), content_type="text/html")
        base = f"{request.scheme}://{request.host}"
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        static = request.app.router["static"].url_for(filename="/")
        context: dict[str, Any] = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{ws_scheme}://{request.host}{websocket_path(self.gate.code)}",
            "config": {"static": {"url": f"{base}{static}".rstrip("/") + "/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Check the door first; only then let textual-serve start the participant's process."""
        decision = self._admit(request.match_info.get("code"))
        if decision is not Admission.ADMIT:
            return await self._refuse_websocket(request, decision)
        self.counters.live += 1      # no await between the check and this line: no race
        self.counters.started += 1
        task = asyncio.current_task()
        if task is not None:
            self._sessions.add(task)
        log.info("participant joined (%d/%d live)", self.counters.live, self.gate.max_participants)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)  # type: ignore[arg-type]
            self.counters.live -= 1
            log.info("participant left (%d/%d live)", self.counters.live, self.gate.max_participants)

    async def _refuse_websocket(self, request: web.Request, decision: Admission) -> web.WebSocketResponse:
        """Say why in the browser's terminal, start nothing, close after a while."""
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        await websocket.send_bytes(refusal_terminal(decision, cap=self.gate.max_participants).encode())
        try:
            async with asyncio.timeout(REFUSED_LINGER):
                async for _ in websocket:
                    pass
        except TimeoutError:
            pass
        await websocket.close()
        return websocket

    # -- start and stop --------------------------------------------------------------------
    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here, before the port is bound: ours comes after."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every game: cancelling a session closes its websocket and sends its process quit."""
        sessions = list(self._sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=SHUTDOWN_GRACE)

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM, then end every participant's process.

        Replaces textual-serve's `web.run_app` loop, which prints its banner before binding
        and, on Ctrl+C, waits up to a minute for open browsers before going away.
        """
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        runner = web.AppRunner(await self._make_app(), handle_signals=False,
                               shutdown_timeout=SHUTDOWN_GRACE, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()  # OSError: port taken, bad host
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, stop.set)
            self.announce_room()
            await stop.wait()
        finally:
            await runner.cleanup()

    def announce_room(self) -> None:
        if self.announce:
            link = join_url(self.public_url, self.gate.code)
            print(f"Litige — atelier / workshop\n"
                  f"  code : {normalise(self.gate.code)}\n"
                  f"  lien / link : {link}\n"
                  f"  places / seats : {self.gate.max_participants}\n"
                  + (f"  base / database : {self.db}\n"
                     f"  salle / room : litige room --db {shlex.quote(self.db)}\n" if self.db else "")
                  + "Ctrl+C pour arrêter / to stop", flush=True)
