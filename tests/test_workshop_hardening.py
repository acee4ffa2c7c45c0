"""`litige serve` hardened (issue 17): games whose browser stops reading are ended, a seat is
counted until its process is gone, terminal sizes are clamped, a custom scenario file is served
for real, the page calls nothing outside the server, and a seat exports nothing.

Stand-in games (tests/fixtures/workshop/*.py) behind a WorkshopServer in this process show the
mechanics on real child processes; the real game behind a `litige serve` subprocess shows that
a play ended so is saved and its name's seat freed.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from simulator.workshop.gate import Gate
from simulator.workshop.server import WorkshopServer
from workshop_helpers import Served, alive, children, free_port, screen_text, wait_for

FIXTURES = Path(__file__).parent / "fixtures" / "workshop"
STUCK = FIXTURES / "stuck_app.py"
SIZED = FIXTURES / "sized_app.py"
CODE = "K7PX2M"


async def running(command: str, *, cap: int = 2):
    """A WorkshopServer for `command` on a free loopback port, in this process; its runner."""
    server = WorkshopServer(command, Gate(CODE, max_participants=cap), port=free_port(), announce=False)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", server.port).start()
    return server, runner


async def own_children(script: Path, n: int, timeout: float = 30.0) -> list[int]:
    """Wait until this process has n live children running `script`."""
    ok = await asyncio.to_thread(wait_for, lambda: len(children(os.getpid(), str(script))) == n, timeout)
    found = children(os.getpid(), str(script))
    assert ok, found
    return found


async def watch_until_gone(server: WorkshopServer, pid: int, timeout: float) -> float:
    """Seconds until `pid` is gone; meanwhile the server must count its seat on every look."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    while alive(pid):
        assert server.counters.live == 1, "a seat stopped being counted while its game still runs"
        assert loop.time() - start < timeout, f"game {pid} still running after {timeout} s"
        await asyncio.sleep(0.05)
    return loop.time() - start


async def wait_live(server: WorkshopServer, n: int, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while server.counters.live != n and loop.time() < deadline:
        await asyncio.sleep(0.02)
    assert server.counters.live == n


# -- High 3: a game whose output is not read is ended, and counted until it is gone --------------

@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", ["flood", "stubborn"])
async def test_a_browser_that_stops_reading_has_its_game_ended_and_counted_until_gone(tmp_path, mode):
    """The browser takes nothing (its reads paused, as a dead network): the game's frames fill
    the socket, then its pipe. The game is ended within seconds, by SIGTERM (its quit, which
    saves) or, ignoring that, by SIGKILL; its seat is counted until its process is gone."""
    marker = tmp_path / "saved"
    server, runner = await running(f"exec {sys.executable} {STUCK} {marker} {mode}", cap=1)
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24")
            (game,) = await own_children(STUCK, 1)
            # never read: aiohttp pauses the socket once 64 KiB wait unread
            took = await watch_until_gone(server, game, timeout=40)
            await wait_live(server, 0)
            assert marker.exists() == (mode == "flood")   # flood quit on SIGTERM: its "save" ran
            assert took < 30
            assert server.counters.stalled == 1
            async with session.get(f"http://127.0.0.1:{server.port}/status?code={CODE}") as status:
                counts = await status.json()
            assert counts["live"] == 0 and counts["stalled"] == 1
            # the seat is free again: the next participant gets a game, not "the room is full"
            again = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24")
            msg = await again.receive(timeout=30)
            assert msg.type == aiohttp.WSMsgType.BINARY and b"full" not in msg.data
            await again.close()
            ws._response.close()  # the stalled client's socket, aborted
    finally:
        await runner.cleanup()
    await own_children(STUCK, 0)


@pytest.mark.timeout(120)
async def test_a_closed_tab_keeps_its_seat_counted_until_its_game_has_quit(tmp_path):
    """A game slow to quit still runs after its tab closed: its seat stays taken until it is
    gone (textual-serve freed it as soon as the handler returned), and it is ended by SIGTERM."""
    marker = tmp_path / "saved"
    server, runner = await running(f"exec {sys.executable} {STUCK} {marker} slow", cap=1)
    try:
        async with aiohttp.ClientSession() as session:
            url = f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24"
            ws = await session.ws_connect(url)
            assert b"stuck game slow" in (await ws.receive(timeout=30)).data
            (game,) = await own_children(STUCK, 1)
            await ws.close()                                  # the tab is closed
            took = await watch_until_gone(server, game, timeout=40)
            assert took > 1.0                                 # it did take its time to quit...
            await wait_live(server, 0)                        # ...and only then was the seat free
            assert marker.read_text() == "saved"
    finally:
        await runner.cleanup()


# -- Medium 7: the participant's terminal size is clamped ------------------------------------------

async def size_shown(ws: aiohttp.ClientWebSocketResponse, expected: str, timeout: float = 30.0) -> str:
    """Read frames until the app says `size WxH` with this value; what it said last otherwise."""
    seen = ""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        try:
            msg = await ws.receive(timeout=max(0.1, deadline - loop.time()))
        except asyncio.TimeoutError:
            break
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += screen_text(msg.data)
            if f"size {expected}" in seen:
                return expected
        elif msg.type != aiohttp.WSMsgType.TEXT:
            break
    import re
    sizes = re.findall(r"size (\d+x\d+)", seen)
    return sizes[-1] if sizes else seen[-200:]


@pytest.mark.timeout(120)
async def test_terminal_size_is_clamped_at_start_and_on_resize(tmp_path):
    server, runner = await running(f"exec {sys.executable} {SIZED}")
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=20000&height=20000")
            assert await size_shown(ws, "300x100") == "300x100"
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
            assert await size_shown(ws, "120x40") == "120x40"            # a real size is kept
            await ws.send_str(json.dumps(["resize", {"width": 10**9, "height": 5000}]))
            assert await size_shown(ws, "300x100") == "300x100"
            await ws.send_str(json.dumps(["resize", {"width": 1, "height": -3}]))
            assert await size_shown(ws, "20x6") == "20x6"
            await ws.send_str(json.dumps(["resize", {"width": "wide", "height": None}]))  # ignored
            await ws.send_str("not json")                                                # ignored
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            assert await size_shown(ws, "100x30") == "100x30"            # the session lived on
            await ws.close()
            small = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=0&height=2")
            assert await size_shown(small, "20x6") == "20x6"
            await small.close()
    finally:
        await runner.cleanup()
    await own_children(SIZED, 0)
