"""`litige serve`: textual-serve's aiohttp server with a door in front of it.

textual-serve starts one process per websocket and has no authentication and no cap. This
subclass keeps its routes, template, static files and process handling, and adds:
- the join code, checked on the page (`/?code=…`) and on the websocket (`/ws/{code}`)
  *before* any process is started: a wrong or missing code starts nothing;
- a throttle on wrong codes per client address: past MAX_WRONG in a minute, that address gets
  429 "too many attempts, wait N s" (page, websocket and status alike) for a cool-down;
- a cap on live game processes, each counted until its process is gone (not merely until its
  websocket's handler returns): the next connection gets a "room is full" page, no process;
- a game whose browser stops taking its output is ended, and its seat freed (see seat.py);
- the participant's terminal size clamped to what a screen shows (entry_rules.terminal_size);
- bounded waits: refused websockets are held briefly and only so many at once, and a closing
  websocket waits CLOSE_TIMEOUT for the browser, so Ctrl+C ends the room in a few seconds;
- URLs built from the request's own host, so a room served on 0.0.0.0 works from other machines;
- the accessible page (`/plain`, and `/` itself with `litige serve --plain`): line mode as HTML
  text over a websocket (`/plain/ws/{code}`), its sessions run in this process (plain.py), behind
  the same code, throttle and cap (a plain seat counts in `live` like a game process). The
  terminal page links to it, and it to the terminal page (`/terminal`, always there).
The door's decisions, counted, are admissions.py's; the command each game runs, game_command.py's.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import signal
import socket
from collections.abc import Callable
from urllib.parse import quote, urlencode

from aiohttp import web
from textual_serve.server import Server, to_int

from simulator.workshop.admissions import Admissions, Counters
from simulator.workshop.entry_rules import Admission, Gate, Throttle, join_url, normalise, terminal_size, websocket_path
from simulator.workshop.pages import game_page, refusal_page, refusal_status, refusal_terminal, refusal_text
from simulator.workshop.plain import MAX_MESSAGE, PlainRoom, SessionFactory, serve_page
from simulator.workshop.plain_page import plain_page
from simulator.workshop.seat import Seat

log = logging.getLogger("litige.serve")

# How long a refused websocket stays open so the participant can read why (no process behind
# it), and how many may be held so at once: past that, they are closed as soon as told why.
REFUSED_LINGER = 10.0
MAX_LINGERING = 20
# How long closing a websocket waits for the browser's answer (aiohttp waits 10 s by default,
# which a silent client turned into a 10 s Ctrl+C).
CLOSE_TIMEOUT = 2.0
# How long Ctrl+C waits for the participants' processes to quit (those left get SIGTERM from
# the kernel when this process ends: see simulator.workshop.server_watch).
SHUTDOWN_GRACE = 5.0


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


class WorkshopServer(Server):
    """textual-serve's Server, gated by a join code and a participant cap."""

    def __init__(self, command: str, gate: Gate, *, host: str = "127.0.0.1", port: int = 8000,
                 title: str = "Litige", announce: bool = True, db: str | None = None,
                 throttle: Throttle | None = None, plain: SessionFactory | None = None,
                 plain_first: bool = False, lang: str = "fr"):
        """`plain`: makes a plain seat's session (the accessible page is served only with it);
        `plain_first`: the join link opens the accessible page; `lang`: the accessible page's."""
        super().__init__(command, host=host, port=port, title=title,
                         public_url=public_base(host, port))
        self.gate = gate
        self.admissions = Admissions(gate, throttle)
        self.refused_linger = REFUSED_LINGER
        self.max_lingering = MAX_LINGERING
        self._lingering = 0
        self.announce = announce
        self.db = db
        self._sessions: set[asyncio.Task[object]] = set()
        self._ending: set[asyncio.Task[None]] = set()  # games being ended (see seat.Seat.end)
        self.plain_room = PlainRoom(plain, free_seat=self.admissions.seat_freed) if plain else None
        self.plain_first = plain_first and plain is not None
        self.lang = lang

    @property
    def counters(self) -> Counters:
        """The admissions so far (admissions.py)."""
        return self.admissions.counters

    # -- routes ----------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = await super()._make_app()  # /, /ws, /download/{key}, /static
        app.router.add_get("/ws/{code}", self.handle_websocket, name="room_websocket")
        app.router.add_get("/status", self.handle_status, name="status")
        app.router.add_get("/terminal", self.handle_terminal, name="terminal")
        if self.plain_room is not None:
            app.router.add_get("/plain", self.handle_plain, name="plain")
            app.router.add_get("/plain/ws/{code}", self.handle_plain_websocket, name="plain_websocket")
        return app

    async def handle_status(self, request: web.Request) -> web.Response:
        """Live counts, for the facilitator's scripts (needs the code, like everything else)."""
        decision, wait = self.admissions.check(request.remote, request.query.get("code"), live=0)
        if decision is Admission.THROTTLED:
            return web.json_response({"error": "throttled", "wait": wait}, status=429,
                                     headers={"Retry-After": str(wait)})
        if decision is Admission.BAD_CODE:
            return web.json_response({"error": "bad_code"}, status=403)
        c = self.counters
        plain = len(self.plain_room.seats) if self.plain_room is not None else 0
        return web.json_response({"live": c.live, "plain": plain, "max": self.gate.max_participants,
                                  "started": c.started, "stalled": c.stalled, "refused_code": c.refused_code,
                                  "refused_full": c.refused_full, "refused_throttled": c.refused_throttled})

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The join link: the game page (the accessible page with `litige serve --plain`)."""
        if self.plain_first:
            return await self.handle_plain(request)
        return await self.handle_terminal(request)

    def _refused_page(self, decision: Admission, wait: int, given: str | None, path: str = "/") -> web.Response:
        headers = {"Retry-After": str(wait)} if decision is Admission.THROTTLED else None
        return web.Response(text=refusal_page(decision, cap=self.gate.max_participants, code=given, wait=wait,
                                              path=path),
                            status=refusal_status(decision), content_type="text/html", headers=headers)

    async def handle_terminal(self, request: web.Request) -> web.StreamResponse:
        """The game page, or a page saying why not (no process is started by a page anyway)."""
        given = request.query.get("code")
        decision, wait = self.admissions.admit(request.remote, given)
        if decision is not Admission.ADMIT:
            return self._refused_page(decision, wait, given, request.path)
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        static = str(request.app.router["static"].url_for(filename="/")).rstrip("/") + "/"
        page = game_page(title=self.title, static_url=static,
                         websocket_url=f"{ws_scheme}://{request.host}{websocket_path(self.gate.code)}",
                         font_size=min(48, max(8, to_int(request.query.get("fontsize", "16"), 16))),
                         plain_url=f"/plain?{urlencode({'code': normalise(given)})}" if self.plain_room else None)
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    # -- the accessible page (plain.py) ------------------------------------------------------
    def _admit_plain(self, request: web.Request, given: str | None) -> tuple[Admission, int, bool]:
        """The door for the accessible page and its websocket; and whether the page comes back
        to a seat it holds (`?play=…`), which needs the code but no new place under the cap."""
        assert self.plain_room is not None
        held = self.plain_room.seat(request.query.get("play")) is not None
        if not held:
            decision, wait = self.admissions.admit(request.remote, given)
            return decision, wait, False
        decision, wait = self.admissions.readmit(request.remote, given)
        return decision, wait, True

    async def handle_plain(self, request: web.Request) -> web.StreamResponse:
        """The accessible page, or a page saying why not (the seat is taken by its websocket)."""
        given = request.query.get("code")
        decision, wait, _ = self._admit_plain(request, given)
        if decision is not Admission.ADMIT:
            return self._refused_page(decision, wait, given, request.path)
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        code = normalise(given)
        page = plain_page(lang=self.lang, websocket_url=f"{ws_scheme}://{request.host}/plain/ws/{quote(code)}",
                          terminal_url=f"/terminal?{urlencode({'code': code})}")
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "no-store"})

    async def handle_plain_websocket(self, request: web.Request) -> web.StreamResponse:
        """Check the door; then a plain seat, new (counted under the cap) or taken back."""
        assert self.plain_room is not None
        decision, wait, held = self._admit_plain(request, request.match_info.get("code"))
        if decision is Admission.THROTTLED:
            return web.Response(text=refusal_text(decision, cap=self.gate.max_participants, wait=wait),
                                status=429, headers={"Retry-After": str(wait)})
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT, max_msg_size=MAX_MESSAGE)
        if decision is not Admission.ADMIT:
            await websocket.prepare(request)
            await websocket.send_str(json.dumps({"type": "refused", "reason": decision.value,
                                                 "text": refusal_text(decision, cap=self.gate.max_participants)}))
            await websocket.close()
            return websocket
        seat = self.plain_room.seat(request.query.get("play")) if held else None
        if seat is None:
            self.admissions.seat_taken(" the accessible page")  # no await since the check: no race
        task = asyncio.current_task()
        if task is not None:
            self._sessions.add(task)
        try:
            try:
                await websocket.prepare(request)
            except BaseException:
                if seat is None:
                    self.admissions.seat_freed()
                raise
            await serve_page(self.plain_room, websocket, seat)
        except asyncio.CancelledError:
            pass  # the server is stopping: the room's close() frees the seats
        except (ConnectionError, RuntimeError) as error:
            log.info("accessible page gone: %s", error)
        finally:
            self._sessions.discard(task)  # type: ignore[arg-type]
            if not websocket.closed:
                await self._close(websocket, lambda: request.transport.abort() if request.transport else None)
        return websocket

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """Check the door first; only then start the participant's process."""
        decision, wait = self.admissions.admit(request.remote, request.match_info.get("code"))
        if decision is Admission.THROTTLED:  # no upgrade at all: nothing is held open for a guesser
            return web.Response(text=refusal_text(decision, cap=self.gate.max_participants, wait=wait),
                                status=429, headers={"Retry-After": str(wait)})
        if decision is not Admission.ADMIT:
            return await self._refuse_websocket(request, decision)
        self.admissions.seat_taken()      # no await between the check and this line: no race
        task = asyncio.current_task()
        if task is not None:
            self._sessions.add(task)
        try:
            return await self._run_session(request)
        finally:
            self._sessions.discard(task)  # type: ignore[arg-type]

    async def _run_session(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler (1.1) with a Seat (seat.py): the game is ended
        however the session ends, and its seat counted until its process is gone; closing waits
        CLOSE_TIMEOUT, not 10 s, for a browser that does not answer."""
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT)
        seat: Seat | None = None

        def abort() -> None:
            if request.transport is not None:
                request.transport.abort()
        try:  # from here on, whatever fails, the seat counted by handle_websocket is freed (finally)
            width, height = terminal_size(request.query.get("width"), request.query.get("height"))
            await websocket.prepare(request)
            seat = Seat(self.command, websocket, abort=abort, download_manager=self.download_manager,
                        debug=self.debug)
            await seat.start(width, height)
            await seat.serve()
        except asyncio.CancelledError:
            pass  # the server is stopping (on_shutdown): the game is ended below all the same
        except Exception as error:
            log.exception(error)
        finally:
            ending = self._end(seat)
            await self._close(websocket, abort)
        if ending is not None:
            await asyncio.shield(ending)  # this handler returns once the game is gone
        return websocket

    async def _close(self, websocket: web.WebSocketResponse, abort: Callable[[], None]) -> None:
        """Close the browser's websocket if still open, and drop it if it does not answer."""
        if websocket.prepared and not websocket.closed:
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT + 1):
                    await websocket.close()
            except (TimeoutError, ConnectionError, RuntimeError):
                abort()

    def _end(self, seat: Seat | None) -> asyncio.Task[None] | None:
        """End the seat's game in a task of its own (a cancelled handler cannot cut it short);
        the seat is freed when that task is done, that is, when the process is gone."""
        if seat is None or not seat.started:
            self.admissions.seat_freed()
            return None
        ending = asyncio.get_running_loop().create_task(seat.end(crowd=lambda: len(self._ending) - 1))
        self._ending.add(ending)

        def done(task: asyncio.Task[None]) -> None:
            self._ending.discard(task)
            self.admissions.seat_freed(seat.stalled, seat.forced)
        ending.add_done_callback(done)
        return ending

    async def _refuse_websocket(self, request: web.Request, decision: Admission) -> web.WebSocketResponse:
        """Say why in the browser's terminal, start nothing, close after a while (at once when
        MAX_LINGERING refused websockets are already waiting)."""
        websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_TIMEOUT)
        await websocket.prepare(request)
        await websocket.send_bytes(refusal_terminal(decision, cap=self.gate.max_participants).encode())
        if self._lingering < self.max_lingering:
            self._lingering += 1
            try:
                async with asyncio.timeout(self.refused_linger):
                    async for _ in websocket:
                        pass
            except TimeoutError:
                pass
            finally:
                self._lingering -= 1
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
        if self._ending:
            await asyncio.wait(set(self._ending), timeout=SHUTDOWN_GRACE)
        if self.plain_room is not None:
            await self.plain_room.close()

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
            sep = "\u00a0: "  # French first: a no-break space before the colon (simulator.lang.typography)
            print(f"Litige — atelier / workshop\n"
                  f"  code{sep}{normalise(self.gate.code)}\n"
                  f"  lien / link{sep}{link}\n"
                  + (f"  {self.other_page()[0]}{sep}{self.other_page()[1]}\n" if self.plain_room is not None else "")
                  + f"  places / seats{sep}{self.gate.max_participants}\n"
                  + (f"  base / database{sep}{self.db}\n"
                     f"  salle / room{sep}litige room --db {shlex.quote(self.db)}\n" if self.db else "")
                  + "Ctrl+C pour arrêter / to stop", flush=True)

    def other_page(self) -> tuple[str, str]:
        """The page the join link does not open, and its link: the accessible page, or with
        `--plain` (the join link opens it) the terminal page."""
        link = join_url(self.public_url, self.gate.code)
        if self.plain_first:
            return "version terminal / terminal version", link.replace("/?", "/terminal?", 1)
        return "version accessible / accessible version", link.replace("/?", "/plain?", 1)
