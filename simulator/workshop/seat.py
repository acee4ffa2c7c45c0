"""One participant's game process behind its websocket, ended cleanly whatever the browser does.

textual-serve's AppService forwards the game's output to the browser. As shipped, a websocket
that fails, or stops reading, while the game writes (a large frame, a dead network) stops that
forwarding for good: the game then blocks on its full stdout pipe for ever, holding its name's
seat, while the server has stopped counting it. Here:
- a frame the browser has not taken within STALL_TIMEOUT cuts the browser off (a live browser
  takes a screen in milliseconds; a tab on a dead network never will);
- once the browser is cut off or gone, the game's output is still read, and thrown away, so
  that the game never blocks on its pipe and can quit;
- a game is ended by its quit message first (its normal exit: every step is already saved),
  then SIGTERM (which the game handles as the same quit), and SIGKILL only as the last resort;
- `end()` returns only once the process is gone: the server counts the seat until then.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from simulator.workshop.entry_rules import terminal_size

log = logging.getLogger("litige.serve")

# How long one frame may wait for the browser to take it before the browser is cut off.
STALL_TIMEOUT = 5.0
# How long a game has to quit after its quit message, then after SIGTERM (then SIGKILL), plus
# GRACE_PER_GAME for each other game ending at the same time: a game's quit costs ~0.1-0.15 s of
# CPU, and 40 tabs closed together at the end of a workshop, on 2 cores, took longer than 3 s
# (every one of them got SIGTERM: bench/serve_bench.py). Quitting is not being stuck.
QUIT_GRACE = 3.0
TERM_GRACE = 3.0
GRACE_PER_GAME = 0.25
# How long a message to the game's stdin may wait (a game that does not read is ended anyway).
STDIN_TIMEOUT = 1.0


class Seat(AppService):
    """A game process and the websocket of the browser it draws in."""

    def __init__(self, command: str, websocket: web.WebSocketResponse, *, abort: Callable[[], None],
                 download_manager: DownloadManager, debug: bool = False,
                 stall_timeout: float = STALL_TIMEOUT):
        """`abort`: drops the browser's connection at once (no closing handshake to wait for)."""
        super().__init__(command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                         close=websocket.close, download_manager=download_manager, debug=debug)
        self.websocket = websocket
        self.abort = abort
        self.stall_timeout = stall_timeout
        self.detached = asyncio.Event()  # the browser is gone or cut off: output is thrown away
        self.stalled = False             # ...because it took no frame for stall_timeout
        self.forced = ""                 # "", "SIGTERM" or "SIGKILL": what it took to end the game

    # -- game → browser ---------------------------------------------------------------------
    async def _to_browser(self, send: Callable[[], Awaitable[object]]) -> None:
        if self.detached.is_set():
            return
        try:
            async with asyncio.timeout(self.stall_timeout):
                await send()
        except TimeoutError:
            self.stalled = True
            self.detach()
        except (ConnectionError, RuntimeError):  # the websocket is closing or closed
            self.detach()

    async def on_data(self, payload: bytes) -> None:
        await self._to_browser(lambda: self.websocket.send_bytes(payload))

    async def on_meta(self, data: bytes) -> None:
        if not self.detached.is_set():
            await self._to_browser(lambda: super(Seat, self).on_meta(data))

    async def on_packed(self, payload: bytes) -> None:
        if not self.detached.is_set():
            await self._to_browser(lambda: super(Seat, self).on_packed(payload))

    @property
    def started(self) -> bool:
        """A process was started (it may have ended since)."""
        return self._process is not None

    def detach(self) -> None:
        """Stop forwarding to the browser; a browser cut off mid-frame is disconnected at once."""
        if not self.detached.is_set():
            self.detached.set()
            if self.stalled:
                self.abort()

    # -- browser → game ---------------------------------------------------------------------
    async def _to_game(self, write: Awaitable[bool]) -> None:
        try:
            async with asyncio.timeout(STDIN_TIMEOUT):
                await write
        except TimeoutError:
            pass

    async def set_terminal_size(self, width: object, height: object) -> None:
        await super().set_terminal_size(*terminal_size(width, height))

    async def from_browser(self) -> None:
        """The browser's messages to the game, until the websocket closes. textual-serve's loop,
        with the sizes clamped and a malformed message ignored instead of ending the session."""
        async for message in self.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = (envelope + [None])[:2] if isinstance(envelope, list) and envelope else (None, None)
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await self._to_game(self.send_bytes(data.encode("utf-8")))
            elif kind == "resize" and isinstance(data, dict):
                await self._to_game(self.set_terminal_size(data.get("width"), data.get("height")))
            elif kind == "ping":  # a browser that asks but does not read is cut off as well
                await self._to_browser(lambda: self.websocket.send_json(["pong", data]))  # noqa: B023 (awaited here)
            elif kind == "blur":
                await self._to_game(self.blur())
            elif kind == "focus":
                await self._to_game(self.focus())

    async def serve(self) -> None:
        """Until the browser leaves, is cut off, or the game's output ends (it quit or crashed)."""
        assert self._task is not None
        browser = asyncio.ensure_future(self.from_browser())
        cut = asyncio.ensure_future(self.detached.wait())
        try:
            await asyncio.wait({browser, cut, self._task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (browser, cut):
                task.cancel()
            await asyncio.gather(browser, cut, return_exceptions=True)

    # -- the end ----------------------------------------------------------------------------
    async def end(self, crowd: Callable[[], int] = lambda: 0) -> None:
        """End the game and return once its process is gone: the quit message, then SIGTERM,
        then SIGKILL, each after its grace, longer by GRACE_PER_GAME for the most other games
        `crowd()` said were ending meanwhile. Its output is read (and thrown away) all along,
        so it never blocks."""
        process = self._process
        self.detached.set()
        if process is None:
            return
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            await self._to_game(self.send_meta({"type": "quit"}))
        if not await self._quit_within(process, QUIT_GRACE, crowd):
            self.forced = "SIGTERM"
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            if not await self._quit_within(process, TERM_GRACE, crowd):
                self.forced = "SIGKILL"
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
        if self._task is not None:  # the output's end: soon after the process's
            if not await self._gone_within(self._task, QUIT_GRACE):
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _quit_within(self, process: asyncio.subprocess.Process, grace: float,
                           crowd: Callable[[], int]) -> bool:
        """Has the process ended within `grace`, plus GRACE_PER_GAME for each other game ending
        at the same time (the most seen while waiting)?"""
        loop = asyncio.get_running_loop()
        start, most = loop.time(), 0
        while True:
            most = max(most, crowd())
            left = start + grace + GRACE_PER_GAME * most - loop.time()
            if left <= 0:
                return False
            if await self._gone_within(process, min(left, 0.5)):
                return True

    @staticmethod
    async def _gone_within(waitable: asyncio.subprocess.Process | asyncio.Task[None], seconds: float) -> bool:
        try:
            async with asyncio.timeout(seconds):
                if isinstance(waitable, asyncio.Task):
                    await asyncio.shield(waitable)
                else:
                    await waitable.wait()
            return True
        except TimeoutError:
            return False

    async def stop(self) -> None:
        await self.end()
