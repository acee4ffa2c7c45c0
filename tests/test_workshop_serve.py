"""`litige serve`: the door in front of textual-serve, tested on loopback with aiohttp's client.

Two layers: the WorkshopServer class in this process with a tiny Textual app behind it (so the
cap and the closed-tab clean-up are seen on real child processes), and the `litige serve`
command as a subprocess (the code it prints, the pages, and that a refused connection starts
no process).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from workshop_helpers import Served, alive, children, free_port

from simulator.workshop.entry_rules import Gate
from simulator.workshop.game_command import child_command
from simulator.workshop.server import WorkshopServer

TINY = Path(__file__).parent / "fixtures" / "workshop" / "tiny_app.py"
CODE = "K7PX2M"


async def wait_children(n: int, timeout: float = 30.0) -> list[int]:
    """Wait until this process has exactly n live children (or give up and return what it has)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        found = children(os.getpid(), str(TINY))
        if len(found) == n:
            return found
        await asyncio.sleep(0.1)
    return children(os.getpid(), str(TINY))


@pytest.fixture
async def room():
    """A WorkshopServer (cap 2) serving the tiny app on a free loopback port, in this process."""
    server = WorkshopServer(f"exec {sys.executable} {TINY}", Gate(CODE, max_participants=2),
                            port=free_port(), announce=False)
    runner = web.AppRunner(await server._make_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", server.port).start()
    async with aiohttp.ClientSession() as session:
        yield server, session, f"ws://127.0.0.1:{server.port}"
    await runner.cleanup()
    await wait_children(0, timeout=20)


async def first_bytes(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    msg = await ws.receive(timeout=30)
    assert msg.type == aiohttp.WSMsgType.BINARY, msg
    return msg.data


async def test_wrong_or_missing_code_starts_no_process(room):
    server, session, base = room
    assert children(os.getpid(), str(TINY)) == []
    for path in ("/ws", "/ws/NOPE42", "/ws/K7PX2", f"/ws/{CODE}X"):
        ws = await session.ws_connect(f"{base}{path}?width=80&height=24")
        assert b"wrong join code" in await first_bytes(ws)
        await ws.close()
    assert children(os.getpid(), str(TINY)) == []
    assert server.counters.started == 0 and server.counters.refused_code == 4


async def test_cap_refuses_the_next_connection_and_closed_tabs_free_their_seat(room):
    server, session, base = room
    one = await session.ws_connect(f"{base}/ws/{CODE}?width=80&height=24")
    two = await session.ws_connect(f"{base}/ws/{CODE.lower()}?width=80&height=24")
    await first_bytes(one), await first_bytes(two)  # both games are drawing
    assert len(await wait_children(2)) == 2

    three = await session.ws_connect(f"{base}/ws/{CODE}?width=80&height=24")
    assert b"The room is full" in await first_bytes(three)
    async with session.get(f"http://127.0.0.1:{server.port}/?code={CODE}") as page:
        assert page.status == 503 and "The room is full" in await page.text()
    assert len(children(os.getpid(), str(TINY))) == 2
    assert server.counters.started == 2 and server.counters.refused_full == 2
    await three.close()

    await one.close()  # the tab is closed: its process ends, its seat is free again
    assert len(await wait_children(1)) == 1
    # the seat is freed when the server has seen that process end, a moment after /proc no
    # longer shows it: give the event loop the time to reap it
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while server.counters.live != 1 and loop.time() < deadline:
        await asyncio.sleep(0.05)
    assert server.counters.live == 1
    four = await session.ws_connect(f"{base}/ws/{CODE}?width=80&height=24")
    assert b"full" not in await first_bytes(four)
    assert len(await wait_children(2)) == 2
    await two.close(), await four.close()
    assert await wait_children(0) == []


async def test_index_gives_the_game_page_only_with_the_code(room):
    server, session, _ = room
    http = f"http://127.0.0.1:{server.port}"
    async with session.get(f"{http}/") as page:
        assert page.status == 403 and 'data-reason="bad_code"' in await page.text()
    async with session.get(f"{http}/?code=k7p-x2m") as page:
        html = await page.text()
        assert page.status == 200
        assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws/{CODE}"' in html
    assert children(os.getpid(), str(TINY)) == []


def test_child_command_runs_the_game_in_participant_mode(tmp_path):
    cmd = child_command(db=str(tmp_path / "room.db"), lang="en", scenario="shrunken-sweater")
    assert cmd.startswith("exec env ") and "-m simulator.cli.main" in cmd
    assert f"LITIGE_DB={tmp_path / 'room.db'}" in cmd and "--participant" in cmd
    assert "--scenario shrunken-sweater" in cmd and "LITIGE_LANG=en" in cmd
    assert " TEXTUAL_ANIMATIONS=none " in cmd     # a full room's CPU: no meter slides in seats


# -- the command itself ----------------------------------------------------------------------

@pytest.fixture
def served(tmp_path):
    s = Served("--code", CODE, "--max-participants", "2", "--db", str(tmp_path / "room.db"))
    yield s
    s.stop()


async def test_litige_serve_prints_the_code_and_link_and_refuses_without_code(served):
    assert f"code\u00a0: {CODE}" in served.output()
    assert served.link == f"{served.base}/?code={CODE}"
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{served.base}/") as page:
            assert page.status == 403
        async with session.get(f"{served.base}/?code=WRONG1") as page:
            assert page.status == 403
        for path in ("/ws", "/ws/WRONG1"):
            ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}{path}?width=80&height=24")
            assert b"wrong join code" in await first_bytes(ws)
            await ws.close()
        async with session.get(f"{served.base}/status?code={CODE}") as status:
            counts = await status.json()
    assert counts["started"] == 0 and counts["refused_code"] == 4 and counts["max"] == 2
    assert served.children() == []


def test_litige_serve_user_errors_are_one_line(cli, tmp_path):
    for args, words in [(("--code", "ab"), "at least 6"), (("--code", "AB-C12"), "--code needs at least 6"),
                        (("--max-participants", "0"), "at least 1"),
                        (("--scenario", "no-such-story"), "unknown scenario"), (("--port", "70000"), "port")]:
        proc = cli("serve", *args)
        assert proc.returncode != 0
        assert words in proc.stderr and "Traceback" not in proc.stderr


def test_litige_serve_on_a_taken_port_says_so_and_prints_no_link(cli):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = cli("serve", "--port", str(taken.getsockname()[1]))
    assert proc.returncode != 0 and "cannot listen" in proc.stderr and "in use" in proc.stderr
    assert "link" not in proc.stdout and "Traceback" not in proc.stderr


async def test_litige_serve_past_the_cap_starts_no_game_and_a_closed_tab_frees_the_seat(tmp_path):
    served = Served("--code", CODE, "--max-participants", "1", "--db", str(tmp_path / "room.db"),
                    "--scenario", "shrunken-sweater")
    ws_url = f"ws://127.0.0.1:{served.port}/ws/{CODE}?width=80&height=24"
    try:
        async with aiohttp.ClientSession() as session:
            first = await session.ws_connect(ws_url)
            await first_bytes(first)                             # the real game is drawing
            assert len(served.children()) == 1
            second = await session.ws_connect(ws_url)
            assert b"The room is full" in await first_bytes(second)
            async with session.get(f"{served.base}/?code={CODE}") as page:
                assert page.status == 503
            assert len(served.children()) == 1                   # still one game: nothing started
            await second.close()
            await first.close()                                  # the tab is closed
            from workshop_helpers import wait_for
            assert await asyncio.to_thread(wait_for, lambda: served.children() == [], 30)
            third = await session.ws_connect(ws_url)             # the seat is free again
            assert b"full" not in await first_bytes(third)
            await third.close()
    finally:
        served.stop()
    assert served.children() == []


async def test_a_killed_server_takes_its_participants_processes_with_it(tmp_path):
    """SIGKILL gives the server no chance to end its games: each game must notice by itself."""
    from workshop_helpers import wait_for
    served = Served("--code", CODE, "--db", str(tmp_path / "room.db"), "--scenario", "shrunken-sweater")
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws/{CODE}?width=80&height=24")
            await first_bytes(ws)                                   # the real game is drawing
            games = served.children()
            assert len(games) == 1
            served.proc.kill()
            served.proc.wait(timeout=30)
            assert await asyncio.to_thread(wait_for, lambda: not alive(games[0]), 60), \
                f"game process {games[0]} outlived its killed server"
            await ws.close()
    finally:
        served.stop()


# -- code guessing: the throttle, and the refused websockets held open ---------------------------

async def test_wrong_codes_from_one_address_are_throttled_then_even_the_right_code_waits(room):
    server, session, base = room
    http = f"http://127.0.0.1:{server.port}"
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"):  # MAX_WRONG wrong codes
        async with session.get(f"{http}/?code={guess}") as page:
            assert page.status == 403
    async with session.get(f"{http}/?code={CODE}") as page:           # the 6th, right or not
        text = await page.text()
        assert page.status == 429 and 'data-reason="throttled"' in text
        assert "Too many attempts" in text and "Trop de tentatives" in text
        wait = int(page.headers["Retry-After"])
        assert 0 < wait <= 60 and f"Wait {wait} s" in text
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:     # the websocket too: no upgrade
        await session.ws_connect(f"{base}/ws/{CODE}?width=80&height=24")
    assert refused.value.status == 429
    async with session.get(f"{http}/status?code={CODE}") as status:
        assert status.status == 429
    assert children(os.getpid(), str(TINY)) == []
    assert server.counters.started == 0 and server.counters.refused_throttled == 2


async def test_a_missing_code_is_not_a_guess(room):
    server, session, _ = room
    for _ in range(6):                                                # a bare link, opened again and again
        async with session.get(f"http://127.0.0.1:{server.port}/") as page:
            assert page.status == 403
    async with session.get(f"http://127.0.0.1:{server.port}/?code={CODE}") as page:
        assert page.status == 200


async def test_refused_websockets_held_open_are_capped(room):
    server, session, base = room
    server.refused_linger, server.max_lingering = 600.0, 1     # one may wait (long), no more
    held = await session.ws_connect(f"{base}/ws?width=80&height=24")
    assert b"wrong join code" in await first_bytes(held)
    extra = await session.ws_connect(f"{base}/ws?width=80&height=24")
    assert b"wrong join code" in await first_bytes(extra)
    closing = await extra.receive(timeout=30)                   # told why, then closed by the server
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), closing
    assert not held.closed
    await held.close()
    assert children(os.getpid(), str(TINY)) == []


def test_litige_serve_logs_when_it_starts_throttling_without_the_code(served):
    import urllib.error
    import urllib.request
    guesses = ["GUESS1", "GUESS2", "GUESS3", "GUESS4", "GUESS5", "GUESS6"]
    statuses = []
    for guess in guesses:                                       # bounded: six requests
        try:
            with urllib.request.urlopen(f"{served.base}/?code={guess}", timeout=30) as page:
                statuses.append(page.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)
    assert statuses == [403] * 5 + [429]
    from workshop_helpers import wait_for
    assert wait_for(lambda: "too many wrong join codes from 127.0.0.1" in served.output(), 30), served.output()
    assert not any(g in served.output() for g in guesses)
    assert served.children() == []
