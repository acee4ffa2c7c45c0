"""`litige serve` hardened (issue 17): games whose browser stops reading are ended, a seat is
counted until its process is gone, terminal sizes are clamped, a custom scenario file is served
for real, the page calls nothing outside the server, and a seat exports nothing.

Stand-in games (tests/fixtures/workshop/*.py) behind a WorkshopServer in this process show the
mechanics on real child processes; the real game behind a `litige serve` subprocess shows that
a play ended so is saved and its name's seat freed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from workshop_helpers import Served, alive, children, free_port, screen_text, wait_for

from simulator.workshop.entry_rules import Gate
from simulator.workshop.server import WorkshopServer

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
            other = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24")
            assert b"The room is full" in (await other.receive(timeout=30)).data   # the cap holds
            await other.close()
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
        except TimeoutError:
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


# -- the real game: ended with its play saved, its name's seat free, /status truthful -----------

async def read_until(ws: aiohttp.ClientWebSocketResponse, text: str, timeout: float = 60.0) -> str:
    """Read the game's frames until its screen shows `text`; the screen text read."""
    seen = ""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while text not in seen:
        left = deadline - loop.time()
        assert left > 0, f"never saw {text!r}: {seen[-600:]!r}"
        msg = await ws.receive(timeout=left)
        assert msg.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), msg
        if msg.type == aiohttp.WSMsgType.BINARY:
            seen += screen_text(msg.data)
    return seen


async def keys(ws: aiohttp.ClientWebSocketResponse, typed: str) -> None:
    await ws.send_str(json.dumps(["stdin", typed]))


async def status(served: Served) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{served.base}/status?code={CODE}") as answer:
            return await answer.json()


@pytest.mark.timeout(240)
async def test_a_real_game_whose_browser_stops_reading_is_ended_with_its_play_saved_and_its_name_free(tmp_path):
    from simulator.results.store import Store

    db = tmp_path / "room.db"
    served = Served("--code", CODE, "--db", str(db), "--scenario", "shrunken-sweater", "--lang", "en")
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws/{CODE}?width=300&height=100")
            await read_until(ws, "first name")
            await keys(ws, "Alice")
            await read_until(ws, "Alice")
            await keys(ws, "\r")
            await read_until(ws, "to begin")                     # the briefing
            await keys(ws, "\r")
            await read_until(ws, "1. ")                          # the first choices
            await keys(ws, "2")                                  # a step that ends nothing

            def steps() -> int:
                with Store.open(db) as store:
                    rows = store.history(trainee="Alice")
                return rows[0].steps if rows else 0
            assert await asyncio.to_thread(wait_for, lambda: steps() == 1, 60)
            (game,) = served.children()
            # From now on this browser reads nothing (a dead network), and its window keeps
            # changing size (which also keeps aiohttp's heartbeat from ever closing it): the
            # game redraws whole screens that nobody takes.

            async def resizing() -> None:
                with contextlib.suppress(Exception):
                    for i in range(1200):                    # at most a minute
                        await ws.send_str(json.dumps(["resize", {"width": 300 - i % 2, "height": 100 - i % 2}]))
                        await asyncio.sleep(0.05)
            flood = asyncio.ensure_future(resizing())
            loop = asyncio.get_running_loop()
            stalled_at = loop.time()
            while True:                                         # counted for as long as it runs
                counts = await status(served)
                if not alive(game):
                    break
                assert counts["live"] == 1, "the game still runs but its seat is no longer counted"
                assert loop.time() - stalled_at < 60, f"game {game} still runs with nobody reading it"
                await asyncio.sleep(0.2)
            flood.cancel()
            await asyncio.gather(flood, return_exceptions=True)
            took = loop.time() - stalled_at
            assert took < 30, f"the game took {took:.1f} s to be ended"   # seconds, not minutes
            await asyncio.sleep(0.5)
            counts = await status(served)
            assert counts["live"] == 0 and counts.get("stalled") == 1, counts
            print(f"game ended {took:.1f} s after its browser stopped reading")
            with Store.open(db) as store:
                (row,) = store.history(trainee="Alice")
                assert row.steps == 1 and not row.finished and row.abandoned_at is None  # kept, resumable
                assert store.hold_trainee("Alice")              # and the name's seat is free
                store.release_trainee("Alice")
            ws._response.close()
    finally:
        served.stop()
    assert served.children() == []
    left = [line for line in served.output().splitlines() if "participant left" in line]
    print(*left, sep="\n")
    assert len(left) == 1 and "participant left (its browser took no output)" in left[0], left
    assert "SIGKILL" not in served.output()                     # it quit, by its own quit or SIGTERM
    assert "Traceback" not in served.output()


# -- Medium 11: `serve --scenario FILE` serves that file, checked at start ---------------------------

@pytest.mark.timeout(180)
async def test_serve_plays_a_custom_scenario_file_for_real(tmp_path):
    story = tmp_path / "our-story.yaml"
    story.write_text((Path(__file__).parent / "fixtures" / "loop-timer.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    served = Served("--code", CODE, "--db", str(tmp_path / "room.db"), "--scenario", str(story), "--lang", "en")
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws/{CODE}?width=100&height=30")
            await read_until(ws, "first name")
            await keys(ws, "Alice")
            await read_until(ws, "Alice")
            await keys(ws, "\r")
            await read_until(ws, "Loop and timer", timeout=30)   # its briefing, not the library
            await ws.close()
    finally:
        served.stop()


def test_serve_refuses_a_scenario_file_that_does_not_load_in_located_lines(cli, tmp_path):
    import scenarios
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: litige/1\nid: broken\ntitle: {fr: Cassé, en: Broken}\nstart: nowhere\nnodes: {}\n",
                      encoding="utf-8")
    clash = tmp_path / "my-sweater.yaml"
    clash.write_text(scenarios.find("shrunken-sweater").read_text(encoding="utf-8"), encoding="utf-8")
    for ref, words in [("/etc/passwd", "/etc/passwd:"), (str(broken), f"{broken}:"),
                       (str(clash), "'shrunken-sweater' is a shipped story's"),
                       (str(tmp_path / "missing.yaml"), "unknown scenario")]:
        proc = cli("serve", "--port", str(free_port()), "--db", str(tmp_path / "room.db"), "--scenario", ref,
                   timeout=60)
        assert proc.returncode != 0, (ref, proc.stdout)
        assert words in proc.stderr and "Traceback" not in proc.stderr, (ref, proc.stderr)
        assert "link" not in proc.stdout
        lines = proc.stderr.strip().splitlines()
        assert all(line.startswith((f"{ref}:", "litige: error: ")) for line in lines), lines


@pytest.mark.timeout(60)
async def test_the_game_page_names_only_its_own_server_and_clamps_the_font_size(tmp_path):
    server, runner = await running(f"exec {sys.executable} {SIZED}")
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{server.port}/?code={CODE}&fontsize=1") as page:
                html = await page.text()
    finally:
        await runner.cleanup()
    import re
    assert re.findall(r"(?:https?|wss?)://[^\"')\s]+", html) == [f"ws://127.0.0.1:{server.port}/ws/{CODE}"]
    assert "googleapis" not in html and "/static/fonts/RobotoMono-VariableFont_wght.ttf" in html
    assert 'data-font-size="8"' in html


@pytest.mark.timeout(120)
async def test_many_games_quitting_together_get_the_time_to_quit(tmp_path):
    """16 tabs closed at once, their games quitting one after the other (0.3 s each, as 40 real
    games on 2 busy cores): each is given time to quit by its own quit message, none signalled
    (with a fixed 3 s grace the later ones got SIGTERM)."""
    marker = tmp_path / "quits"
    n = 16
    server, runner = await running(f"exec {sys.executable} {STUCK} {marker} queue", cap=n)
    try:
        async with aiohttp.ClientSession() as session:
            url = f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24"
            tabs = [await session.ws_connect(url) for _ in range(n)]
            for tab in tabs:
                assert b"stuck game queue" in (await tab.receive(timeout=30)).data
            await own_children(STUCK, n)
            await asyncio.gather(*(tab.close() for tab in tabs))    # the end of the workshop
            await own_children(STUCK, 0, timeout=60)
            await wait_live(server, 0)
    finally:
        await runner.cleanup()
    assert marker.read_text().split() == ["quit"] * n


async def test_a_seat_is_freed_whatever_fails_before_its_game_starts(monkeypatch):
    """The seat is counted as the door admits; anything that fails before the game starts (here
    the reading of the terminal size, as a size of two signs did) must still free it, or a few
    such requests fill the room for good."""
    import simulator.workshop.server as served

    def broken(width, height):
        raise ValueError("a size the code did not expect")
    monkeypatch.setattr(served, "terminal_size", broken)
    server, runner = await running(f"exec {sys.executable} {SIZED}", cap=1)
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(3):
                with contextlib.suppress(aiohttp.ClientError):
                    ws = await session.ws_connect(f"ws://127.0.0.1:{server.port}/ws/{CODE}?width=80&height=24")
                    await ws.receive(timeout=5)
                    await ws.close()
                await wait_live(server, 0)
        assert server.counters.started == 3 and server.counters.refused_full == 0
    finally:
        await runner.cleanup()
