"""The workshop's accessible page (issue 19): line mode in the browser, as real HTML text.

No game process and no terminal: each participant's `LineSession` (simulator/game/linemode.py, pure
Python) runs in the server process, and its events travel as JSON over a websocket to a small
page of our own (plain_page.py) that appends them as text to an ARIA live region.

- Same door as the terminal game: the join code and the throttle on the page and on the
  websocket, and the same participant cap: a plain seat counts in the server's `live` from the
  moment its websocket is admitted until its session is over.
- One session per seat, named by a random token that the page keeps in its URL (`?play=…`): a
  page that reloads, or loses its connection, reconnects with it and is sent the whole
  transcript again, then goes on where it was. A seat whose page is gone is kept RESUME_GRACE
  seconds for that, then freed (every answer is already in the store: line mode saves as it goes).
- The sessions' calls run one at a time on one worker thread: each may write to SQLite, which
  must not hold up the event loop (the terminal seats' output goes through it), and the same
  thread always uses a session's database connection.
"""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import WSMsgType, web

log = logging.getLogger("litige.serve")

# How long a seat whose page is gone is kept for the page to come back (a reload, a lost Wi-Fi).
RESUME_GRACE = 120.0
# What the server takes from a page: one answer, a short line of text.
MAX_MESSAGE = 4096
MAX_ANSWER = 200
# The events kept for a page that reloads (a play is a few hundred; `r` and `?` repeat some).
MAX_TRANSCRIPT = 5000


class Session(Protocol):
    """What the server needs of a seat's session (plain_play.PlainPlay, over line mode's LineSession)."""

    @property
    def finished(self) -> bool: ...

    def start(self) -> Iterable[Any]: ...

    def answer(self, text: str) -> Iterable[Any]: ...

    def close(self) -> None: ...


SessionFactory = Callable[[], Session]


def event_message(event: Any) -> dict[str, Any]:
    """One of line mode's events as a JSON object: its fields, its kind as a plain string."""
    if dataclasses.is_dataclass(event) and not isinstance(event, type):
        data = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    elif isinstance(event, dict):
        data = dict(event)
    else:
        data = dict(vars(event))
    return {key: _plain(value) for key, value in data.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return event_message(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass
class PlainSeat:
    token: str
    session: Session
    transcript: list[dict[str, Any]] = field(default_factory=list)
    socket: web.WebSocketResponse | None = None
    over: bool = False
    expiry: asyncio.TimerHandle | None = None


class PlainRoom:
    """The plain seats of one server: started, reattached, freed; the server counts them."""

    def __init__(self, factory: SessionFactory, *, free_seat: Callable[[], None],
                 resume_grace: float = RESUME_GRACE):
        self.factory = factory
        self.free_seat = free_seat
        self.resume_grace = resume_grace
        self.seats: dict[str, PlainSeat] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="litige-plain")

    def seat(self, token: str | None) -> PlainSeat | None:
        """The seat a page names in its URL, if it is still held."""
        return self.seats.get(token) if token else None

    async def _call(self, fn: Callable[[], Iterable[Any]]) -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._worker, lambda: [event_message(e) for e in fn()])

    async def open(self) -> PlainSeat:
        """A new seat and its session. The caller has counted the seat (take_seat, with no
        await since its admission): from here it is this room's to free, whatever happens."""
        seat: PlainSeat | None = None
        try:
            session = await asyncio.get_running_loop().run_in_executor(self._worker, self.factory)
            seat = PlainSeat(token=secrets.token_urlsafe(12), session=session)
            self.seats[seat.token] = seat
            seat.transcript.extend(await self._call(session.start))
            seat.over = session.finished
        except BaseException:
            if seat is not None:
                self.release(seat)
            else:
                self.free_seat()
            raise
        return seat

    def release(self, seat: PlainSeat) -> None:
        """Free the seat now (its session is over, or its page did not come back): its session
        closed on the worker (the play and the name let go), the server told."""
        if self.seats.pop(seat.token, None) is None:
            return  # already freed
        if seat.expiry is not None:
            seat.expiry.cancel()
        try:
            self._worker.submit(seat.session.close)
        except RuntimeError:  # the worker is shut down (the server stops): close here
            seat.session.close()
        self.free_seat()

    async def answer(self, seat: PlainSeat, text: str) -> list[dict[str, Any]]:
        events = await self._call(lambda: seat.session.answer(text))
        seat.transcript.extend(events)
        del seat.transcript[:-MAX_TRANSCRIPT]
        seat.over = seat.session.finished
        return events

    def detach(self, seat: PlainSeat, socket: web.WebSocketResponse) -> None:
        """The seat's page is gone: free it at once if its session is over, else in a while."""
        if seat.socket is not socket:
            return  # another page took the seat over meanwhile
        seat.socket = None
        if seat.over:
            self.release(seat)
        elif seat.token in self.seats:
            seat.expiry = asyncio.get_running_loop().call_later(self.resume_grace, self.release, seat)

    async def attach(self, seat: PlainSeat, socket: web.WebSocketResponse) -> None:
        """A page takes the seat: a page that held it before (another tab) is told and closed."""
        if seat.expiry is not None:
            seat.expiry.cancel()
            seat.expiry = None
        old, seat.socket = seat.socket, socket
        if old is not None and not old.closed:
            try:
                await old.send_str(json.dumps({"type": "moved"}))
                await old.close()
            except (ConnectionError, RuntimeError):
                pass

    async def close(self) -> None:
        """The server stops: every page is closed, every seat freed (the store has every answer)."""
        for seat in list(self.seats.values()):
            if seat.socket is not None and not seat.socket.closed:
                try:
                    async with asyncio.timeout(1):
                        await seat.socket.close()
                except (TimeoutError, ConnectionError, RuntimeError):
                    pass
            self.release(seat)
        self._worker.shutdown(wait=True)  # every session closed: plays and names let go


def read_answer(message: str) -> str | None:
    """The answer a page sent ({"answer": "2"}), or None for anything else."""
    try:
        data = json.loads(message)
    except ValueError:
        return None
    answer = data.get("answer") if isinstance(data, dict) else None
    if not isinstance(answer, str) or len(answer) > MAX_ANSWER:
        return None
    return "".join(ch for ch in answer if ch.isprintable())


async def serve_page(room: PlainRoom, socket: web.WebSocketResponse, seat: PlainSeat | None) -> None:
    """One page's websocket, admitted: the seat it comes back to, else a new one (counted by
    the caller); then answers in, events out, until the page goes or the session is over."""
    if seat is not None and seat.token not in room.seats:  # freed while this page connected
        await socket.send_str(json.dumps({"type": "expired"}))
        return
    if seat is None:
        seat = await room.open()
        await room.attach(seat, socket)
        await socket.send_str(json.dumps({"type": "hello", "play": seat.token, "events": seat.transcript}))
    else:
        await room.attach(seat, socket)
        await socket.send_str(json.dumps({"type": "resume", "play": seat.token, "events": seat.transcript}))
    try:
        if seat.over:
            await socket.send_str(json.dumps({"type": "over"}))
            return
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                continue
            text = read_answer(message.data)
            if text is None:
                continue
            events = await room.answer(seat, text)
            if seat.socket is not socket:
                break
            await socket.send_str(json.dumps({"type": "events", "events": events}))
            if seat.over:
                await socket.send_str(json.dumps({"type": "over"}))
                break
    finally:
        room.detach(seat, socket)
