"""The room bench/serve_bench.py measures: `litige serve` on a free loopback port, and the
participants (Seat, Screen, Participant) who play through it as textual-serve's page does."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.lang.i18n import t  # core: no Textual in this process

if TYPE_CHECKING:
    import aiohttp

ROOT = Path(__file__).resolve().parent.parent
CODE = "BENCH7"
# The escape sequences the game writes, taken out to read its screen as text (as the browser
# tests do: tests/workshop_helpers.py).
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
OPTION = re.compile(r"│ ([1-9])\. ")


# -- the server -------------------------------------------------------------------------------

def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _tie_to_bench() -> None:
    """In the server's process, before it runs: SIGTERM to it if the bench dies (even killed)."""
    from simulator.workshop.server_watch import tie_to_parent
    tie_to_parent(os.getppid())


class Server:
    """`python -m simulator.cli.main serve` (what `litige serve` runs) on a free loopback port."""

    def __init__(self, folder: Path, *, participants: int, scenario: str, lang: str,
                 env: dict[str, str] | None = None):
        self.port = free_port()
        self.db = folder / "room.db"
        self.log = folder / "serve.log"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", **(env or {})}  # the games inherit it
        with open(self.log, "w") as out:  # a file, not a pipe nobody reads (a full pipe blocks the server)
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "simulator.cli.main", "serve", "--port", str(self.port), "--code", CODE,
                 "--db", str(self.db), "--max-participants", str(participants), "--scenario", scenario,
                 "--lang", lang],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                start_new_session=True,  # the terminal's Ctrl+C reaches the bench, which stops the room in order
                preexec_fn=_tie_to_bench)
        self.base = f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def started(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"litige serve exited {self.proc.returncode}:\n{self.output()}")
            if "Ctrl+C" in self.output():
                return
            await asyncio.sleep(0.1)
        raise BenchError(f"litige serve did not start in {timeout:.0f} s:\n{self.output()}")

    def stop(self, grace: float = 20.0) -> None:
        """Ctrl+C as a facilitator would; SIGKILL if it does not go within `grace` seconds."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class BenchError(Exception):
    pass

async def live_count(session: aiohttp.ClientSession, base: str) -> int | None:
    try:
        async with session.get(f"{base}/status?code={CODE}") as r:
            live: int = (await r.json())["live"]
            return live
    except Exception:
        return None


# -- a participant ----------------------------------------------------------------------------

@dataclass
class Seat:
    """One participant's side of the run: what it sent, what it measured, what the disk holds for it."""

    n: int
    name: str
    sent_steps: int = 0
    latencies: list[tuple[float, float, float]] = field(default_factory=list)  # (sent at, first frame, step drawn)
    other_keys: list[float] = field(default_factory=list)  # name, Enter, r: key → first frame
    startup: float | None = None      # websocket opened → name screen drawn
    playing_at: float | None = None   # first choice on screen
    plays: int = 0
    endings: int = 0
    frames: int = 0
    bytes: int = 0
    error: str | None = None
    stored_steps: int = 0
    play_steps: list[int] = field(default_factory=list)    # steps sent, per play, in order
    stored_plays: list[tuple[int, bool]] = field(default_factory=list)  # (steps, finished) per stored play
    not_saved: int = 0                # "Not saved: …" notices the game showed
    trace: list[str] = field(default_factory=list)  # what this participant did and saw, for a mismatch


class Screen:
    """What one participant's game has drawn since the last key, as text, and when frames came."""

    def __init__(self) -> None:
        self.raw: list[str] = []
        self.waiter: asyncio.Future[float] | None = None
        self.changed = asyncio.Event()
        self.closed = False
        self.last_at = 0.0

    def frame(self, data: bytes) -> None:
        self.last_at = now = time.perf_counter()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(now)
        self.raw.append(data.decode("utf-8", errors="replace"))
        self.changed.set()

    def text(self) -> str:
        return ESCAPES.sub("", "".join(self.raw))

    def mark(self) -> None:
        self.raw.clear()


class Participant:
    """A browser tab, as a script: the game's screen read as text (the markers it waits for are the
    game's own messages, from simulator.lang.i18n), keys sent as the page sends them."""

    def __init__(self, seat: Seat, ws_url: str, args: argparse.Namespace, deadline: float, rng: random.Random):
        self.seat, self.ws_url, self.args, self.deadline, self.rng = seat, ws_url, args, deadline, rng
        lang = args.lang
        self.name_marker = t("participant.name_hint", lang)
        self.begin_marker = t("tui.begin", lang).split("·")[0].strip()
        self.ended_marker = t("tui.see_debrief", lang)
        self.replay_marker = t("tui.k.replay", lang)
        self.not_saved_marker = t("tui.not_saved", lang).split("{")[0].strip()
        one = t("tui.choose_hint_one", lang)
        many = t("tui.choose_hint", lang, n="\0").split("\0")
        self.hint = re.compile(re.escape(one) + "|" + re.escape(many[0]) + r"(\d)")
        self.step_label = t("tui.step", lang, n="\0").split("\0")
        self.choices = 0
        self.ended = False
        self.screen = Screen()
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None
        self.last_latency = 0.0

    async def run(self, session: aiohttp.ClientSession) -> None:
        seat = self.seat
        t0 = time.perf_counter()
        try:
            self.ws = ws = await session.ws_connect(self.ws_url, heartbeat=None, max_msg_size=0)
            self.reader = asyncio.create_task(self.read(ws))
            await self.wait_text(self.name_marker, 120)
            seat.startup = time.perf_counter() - t0
            await self.key(f"{seat.name}\r", other=True)
            await self.wait_text(self.begin_marker, 60)
            await self.key("\r", other=True)
            await self.wait_choices(60)
            seat.plays += 1
            seat.play_steps.append(0)
            seat.playing_at = time.perf_counter()
            while True:
                if not await self.think():
                    break
                self.read_choices()  # what the last key brought on screen
                if self.ended:
                    await self.replay()
                    continue
                digit = self.rng.randint(1, self.choices)
                self.screen.mark()
                seat.trace.append(f"{time.perf_counter():.2f} digit {digit} of {self.choices}")
                sent = await self.key(str(digit))
                first = self.last_latency
                seat.sent_steps += 1
                seat.play_steps[-1] += 1
                # the whole update is on screen once the step counter shows the next step (or the
                # ending): a participant reads it before the next key
                step = seat.play_steps[-1] + 1
                await self.until(self.step_drawn(step), f"step {step}", 60, mark=False)
                seat.latencies.append((sent, first, self.screen.last_at - sent))
                await self.settle()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            seat.error = f"{type(exc).__name__}: {exc}"

    def step_drawn(self, step: int) -> Callable[[str], bool]:
        """Whether a text shows the step counter at `step` (the whole update drawn), or the ending."""
        shown = re.compile(re.escape(self.step_label[0]) + str(step) + r"(?!\d)")
        return lambda text: self.ended_marker in text or shown.search(text) is not None

    async def read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        import aiohttp
        seat = self.seat
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                seat.frames += 1
                seat.bytes += len(msg.data)
                self.screen.frame(msg.data)
        self.screen.closed = True
        self.screen.changed.set()

    async def key(self, keys: str, other: bool = False) -> float:
        """Send `keys` as the page does; wait for the first frame after them (the latency)."""
        loop = asyncio.get_running_loop()
        self.screen.waiter = waiter = loop.create_future()
        sent = time.perf_counter()
        assert self.ws is not None, "a key before the websocket is open"
        await self.ws.send_json(["stdin", keys])
        try:
            arrived = await asyncio.wait_for(waiter, timeout=30)
        except TimeoutError:
            raise BenchError(f"no screen update within 30 s of the key {keys!r}") from None
        self.last_latency = arrived - sent
        if other:
            self.seat.other_keys.append(self.last_latency)
        return sent

    async def wait_text(self, marker: str, timeout: float) -> str:
        return await self.until(lambda text: marker in text, repr(marker), timeout)

    async def until(self, found: Callable[[str], bool], what: str, timeout: float, mark: bool = True) -> str:
        """Wait until the text drawn since the last mark satisfies `found`; mark it read, if asked."""
        end = time.monotonic() + timeout
        while True:
            text = self.screen.text()
            if found(text):
                if mark:
                    self.screen.mark()
                return text
            if self.screen.closed:
                raise BenchError(f"the game closed its websocket while {what} was awaited")
            left = end - time.monotonic()
            if left <= 0:
                raise BenchError(f"{what} not drawn within {timeout:.0f} s")
            self.screen.changed.clear()
            try:
                await asyncio.wait_for(self.screen.changed.wait(), timeout=left)
            except TimeoutError:
                pass

    async def settle(self, quiet: float = 0.25, longest: float = 10.0) -> None:
        """Wait until no frame has come for `quiet` seconds: a refresh may come in several frames
        (the step counter in one, the new choices in the next), and the choices are read after."""
        end = time.perf_counter() + longest
        while (now := time.perf_counter()) < end and now - self.screen.last_at < quiet:
            await asyncio.sleep(quiet - (now - self.screen.last_at))

    def read_choices(self, text: str | None = None) -> None:
        """How many choices are on screen now (kept when the list was not drawn again), or the end."""
        text = self.screen.text() if text is None else text
        if self.not_saved_marker in text:
            self.seat.not_saved += 1
            self.seat.trace.append(f"not saved: {text[text.index(self.not_saved_marker):][:200]!r}")
        # the last state drawn counts: frames of the screen before may still be in the text
        hints, options = list(self.hint.finditer(text)), list(OPTION.finditer(text))
        if text.rfind(self.ended_marker) > max((m.start() for m in hints + options), default=-1):
            self.ended, self.choices = True, 0
        elif hints:
            self.choices = int(hints[-1].group(1) or 1)
        elif options:  # the hint not drawn again (the same count): the last list drawn
            box = text.rfind("╭")
            self.choices = max(int(m.group(1)) for m in options if m.start() > box) if options[-1].start() > box \
                else int(options[-1].group(1))

    async def wait_choices(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while True:
            self.read_choices()
            if self.choices or self.ended:
                await self.settle()  # the rest of the new screen's frames, then what they show
                self.read_choices()
                self.screen.mark()
                return
            left = end - time.monotonic()
            if left <= 0 or self.screen.closed:
                raise BenchError(f"no choice drawn within {timeout:.0f} s")
            self.screen.changed.clear()
            try:
                await asyncio.wait_for(self.screen.changed.wait(), timeout=left)
            except TimeoutError:
                pass

    async def think(self) -> bool:
        """Wait 2–4 s (--think) as a reader would; False once the run's time is up."""
        pause = self.rng.uniform(*self.args.think)
        if time.monotonic() + pause >= self.deadline:
            await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))
            return False
        await asyncio.sleep(pause)
        return True

    async def replay(self) -> None:
        """An ending: Enter opens the debrief, then r replays the story (a new play)."""
        self.seat.endings += 1
        self.seat.trace.append(f"{time.perf_counter():.2f} ending")
        self.screen.mark()
        await self.key("\r", other=True)
        await self.wait_text(self.replay_marker, 60)
        if not await self.think():
            return
        self.ended, self.choices = False, 0
        self.screen.mark()
        await self.key("r", other=True)
        await self.wait_choices(60)
        self.seat.plays += 1
        self.seat.play_steps.append(0)
        self.seat.trace.append(f"{time.perf_counter():.2f} replay")
