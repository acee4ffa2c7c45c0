"""A full workshop room, measured: N participants play at once through a real `litige serve`.

Run: python bench/serve_bench.py [-n 40] [--duration 120] [--scenario shrunken-sweater]
                                 [--ramp 0] [--think 2 4] [--json report.json]

It starts `litige serve` on a free loopback port with its own temporary --db, then connects N
participants over websockets with aiohttp, speaking the protocol textual-serve's page speaks
(`["stdin", keys]` up, the game's terminal output down as binary frames). Each participant
types its name ("Bench 01"…), starts the story, then presses a digit among the choices on its
screen every 2–4 s (--think); at an ending it opens the debrief and replays (r). Everything
stops by itself after --duration seconds (counted from the first connection), and on Ctrl+C or
SIGTERM every process is ended: the server is told to stop like a facilitator would (Ctrl+C),
its games quit with it, and anything left after that is killed.

Reported (text, and JSON with --json):
- key → screen update: from sending a digit to the first output frame that follows, p50/p95/max,
  over every digit and over the steady part (digits sent once every participant was playing);
- start-up: from opening the websocket to the name screen drawn (the game process starting);
- RSS and CPU of the server and of the games (read from /proc: peak of the summed RSS, PSS,
  CPU seconds and the share of one core), the bench's own CPU and what the rest of the
  machine used meanwhile (it is shared: read the latencies with it);
- lost steps: for each participant, the steps it sent (digits while a choice was on its
  screen) against the steps stored for its name in the --db once everything has stopped —
  must be 0; stuck seats: the server's /status must count 0 live games once every websocket
  is closed, and no game process may be left.
The exit status is 1 when a step is lost, a seat is stuck or a participant failed.
Only loopback; nothing is written outside a temporary folder (unless --json names a file).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.lang.i18n import t  # noqa: E402  (core: no Textual in this process)

CODE = "BENCH7"
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
# The escape sequences the game writes, taken out to read its screen as text (as the browser
# tests do: tests/workshop_helpers.py).
ESCAPES = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
OPTION = re.compile(r"│ ([1-9])\. ")


# -- /proc ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProcStat:
    pid: int
    ppid: int
    start: int      # start time in clock ticks since boot (a pid reused is another process)
    cpu: float      # user + system seconds
    rss: int        # bytes
    children_cpu: float  # user + system seconds of its children that have ended (and been waited for)


def proc_stat(pid: int) -> ProcStat | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) ": field 3 onwards
    if fields[0] == "Z":
        return None
    return ProcStat(pid=pid, ppid=int(fields[1]), start=int(fields[19]),
                    cpu=(int(fields[11]) + int(fields[12])) / TICK, rss=int(fields[21]) * PAGE,
                    children_cpu=(int(fields[13]) + int(fields[14])) / TICK)


def reaped_cpu(pid: int) -> float:
    """CPU seconds of `pid`'s children that have ended and been waited for (0 if it is gone)."""
    st = proc_stat(pid)
    return st.children_cpu if st is not None else 0.0


def children_of(pid: int) -> list[ProcStat]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = proc_stat(int(entry))
            if st is not None and st.ppid == pid:
                found.append(st)
    return found


def pss(pid: int) -> int:
    """Proportional set size in bytes (shared pages split between the processes sharing them)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    parts = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = parts[3] + (parts[4] if len(parts) > 4 else 0)
    return (sum(parts[:8]) - idle) / TICK


class Sampler:
    """The server and its games, read from /proc every `period` seconds: peaks of RSS, the last
    CPU figure of every game seen (a game that quit keeps its last one), PSS now and then."""

    def __init__(self, server_pid: int, period: float = 1.0):
        self.server_pid, self.period = server_pid, period
        self.games: dict[tuple[int, int], float] = {}    # (pid, start) → CPU seconds, last seen
        self.game_pids: set[tuple[int, int]] = set()
        self.server_cpu = 0.0
        self.server_rss_peak = self.games_rss_peak = self.games_pss_peak = self.server_pss_peak = 0
        self.games_peak = 0
        self.samples = 0

    def sample(self, with_pss: bool = False) -> None:
        server = proc_stat(self.server_pid)
        if server is not None:
            self.server_cpu = server.cpu
            self.server_rss_peak = max(self.server_rss_peak, server.rss)
        games = children_of(self.server_pid)
        for g in games:
            self.games[(g.pid, g.start)] = g.cpu
            self.game_pids.add((g.pid, g.start))
        self.games_peak = max(self.games_peak, len(games))
        self.games_rss_peak = max(self.games_rss_peak, sum(g.rss for g in games))
        if with_pss:
            self.games_pss_peak = max(self.games_pss_peak, sum(pss(g.pid) for g in games))
            self.server_pss_peak = max(self.server_pss_peak, pss(self.server_pid))
        self.samples += 1

    @property
    def games_cpu(self) -> float:
        return sum(self.games.values())

    async def run(self) -> None:
        while True:
            self.sample(with_pss=self.samples % 5 == 0)
            await asyncio.sleep(self.period)


# -- the server -------------------------------------------------------------------------------

def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tie_to_bench() -> None:
    """In the server's process, before it runs: SIGTERM to it if the bench dies (even killed)."""
    from simulator.workshop.lifeline import tie_to_parent
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
        self.ws = None
        self.reader: asyncio.Task | None = None
        self.last_latency = 0.0

    async def run(self, session) -> None:
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
                shown = re.compile(re.escape(self.step_label[0]) + str(seat.play_steps[-1] + 1) + r"(?!\d)")
                await self.until(lambda text, shown=shown: self.ended_marker in text or shown.search(text) is not None,
                                 f"step {seat.play_steps[-1] + 1}", 60, mark=False)
                seat.latencies.append((sent, first, self.screen.last_at - sent))
                await self.settle()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            seat.error = f"{type(exc).__name__}: {exc}"

    async def read(self, ws) -> None:
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

    async def until(self, found, what: str, timeout: float, mark: bool = True) -> str:
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


# -- the run ----------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def latency_summary(values: list[float]) -> dict[str, float | int | None]:
    ms = [1000 * v for v in values]
    return {"count": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95),
            "max_ms": max(ms) if ms else None}


def stored_plays(db: Path) -> dict[str, list[tuple[int, bool]]]:
    """Per trainee name, each play's step rows on disk and whether it is finished, oldest first;
    read once the room has stopped. Plain SQL on the file, read-only: what is stored, not what
    the game's own code makes of it."""
    import sqlite3
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT t.name, COUNT(s.idx), p.finished_at IS NOT NULL FROM plays p "
                            "JOIN trainees t ON t.id = p.trainee_id LEFT JOIN steps s ON s.play_id = p.play_id "
                            "GROUP BY p.play_id ORDER BY p.started_at, p.rowid").fetchall()
    finally:
        conn.close()
    found: dict[str, list[tuple[int, bool]]] = {}
    for name, count, finished in rows:
        found.setdefault(name, []).append((count, bool(finished)))
    return found


def tally(seats: list[Seat], stored: dict[str, list[tuple[int, bool]]]) -> dict:
    """Steps each participant sent against the steps stored under its name: lost (sent, not
    stored), extra (stored, never sent) and, for each participant where they differ, its plays."""
    for seat in seats:
        seat.stored_plays = stored.get(seat.name, [])
        seat.stored_steps = sum(steps for steps, _ in seat.stored_plays)
    return {"steps_sent": sum(s.sent_steps for s in seats), "steps_stored": sum(s.stored_steps for s in seats),
            "lost_steps": sum(max(0, s.sent_steps - s.stored_steps) for s in seats),
            "extra_steps": sum(max(0, s.stored_steps - s.sent_steps) for s in seats),
            "mismatched": {s.name: {"sent": s.play_steps, "stored": s.stored_plays, "trace": s.trace[-12:]}
                           for s in seats if s.sent_steps != s.stored_steps}}


async def live_count(session, base: str) -> int | None:
    try:
        async with session.get(f"{base}/status?code={CODE}") as r:
            return (await r.json())["live"]
    except Exception:
        return None


async def wait_gone(pids: set[tuple[int, int]], timeout: float) -> set[tuple[int, int]]:
    end = time.monotonic() + timeout
    while True:
        left = {(p, s) for p, s in pids if (st := proc_stat(p)) is not None and st.start == s}
        if not left or time.monotonic() >= end:
            return left
        await asyncio.sleep(0.2)


async def bench(args: argparse.Namespace, folder: Path) -> dict:
    import aiohttp

    server = Server(folder, participants=args.participants, scenario=args.scenario, lang=args.lang,
                    env=dict(args.env))
    sampler = Sampler(server.proc.pid)
    sampling: asyncio.Task | None = None
    seats = [Seat(n, f"Bench {n:02d}") for n in range(1, args.participants + 1)]
    tasks: list[asyncio.Task] = []
    participants: list[Participant] = []
    report: dict = {}
    try:
        await server.started()
        sampling = asyncio.create_task(sampler.run())
        me0, busy0, wall0 = proc_stat(os.getpid()), machine_busy(), time.monotonic()
        deadline = wall0 + args.duration
        rng = random.Random(args.seed)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            for i, seat in enumerate(seats):
                p = Participant(seat, f"ws://127.0.0.1:{server.port}/ws/{CODE}?width={args.width}&height={args.height}",
                                args, deadline, random.Random(rng.random()))
                participants.append(p)
                tasks.append(asyncio.create_task(p.run(session)))
                if args.ramp and i < len(seats) - 1:
                    await asyncio.sleep(args.ramp / max(1, len(seats) - 1))
            steady_from: float | None = None
            games_cpu_at_steady = server_cpu_at_steady = 0.0
            pending = set(tasks)
            while pending:
                done, pending = await asyncio.wait(pending, timeout=0.5)
                if steady_from is None and all(s.playing_at or s.error for s in seats):
                    steady_from = time.perf_counter()
                    sampler.sample()
                    games_cpu_at_steady, server_cpu_at_steady = sampler.games_cpu, sampler.server_cpu
                    steady_wall = time.monotonic()
            await asyncio.sleep(1.0)  # the last saves (a step is saved right after its frame)
            sampler.sample(with_pss=True)
            end_wall = time.monotonic()
            me1, busy1 = proc_stat(os.getpid()), machine_busy()
            live_before = await live_count(session, server.base)
            reaped_before = reaped_cpu(server.proc.pid)
            for p in participants:
                if p.ws is not None:
                    await p.ws.close()
            gone_by = time.monotonic()
            left = await wait_gone(set(sampler.game_pids), 30)
            games_quit_s = time.monotonic() - gone_by
            await asyncio.sleep(0.5)  # the server waits for its ended games (their CPU is then its children's)
            reaped = reaped_cpu(server.proc.pid) - reaped_before
            await asyncio.sleep(0.5)
            live_after = await live_count(session, server.base)
        sampling.cancel()
        server.stop()
        steps_report = tally(seats, stored_plays(server.db))
        wall = end_wall - wall0
        all_lat = [lat for s in seats for _, lat, _ in s.latencies]
        steady = [lat for s in seats for sent, lat, _ in s.latencies if steady_from is not None and sent >= steady_from]
        drawn = [lat for s in seats for _, _, lat in s.latencies]
        games_cpu, server_cpu = sampler.games_cpu, sampler.server_cpu
        own_cpu = (me1.cpu - me0.cpu) if me0 and me1 else 0.0
        steady_wall_s = end_wall - steady_wall if steady_from is not None else None
        report = {
            "participants": args.participants, "duration_s": round(wall, 1), "scenario": args.scenario,
            "ramp_s": args.ramp, "think_s": list(args.think), "cores": os.cpu_count(), "env": dict(args.env),
            "latency": latency_summary(all_lat),
            "latency_steady": latency_summary(steady),
            "latency_step_drawn": latency_summary(drawn),
            "latency_other_keys": latency_summary([v for s in seats for v in s.other_keys]),
            "startup": latency_summary([s.startup for s in seats if s.startup is not None]),
            "all_playing_after_s": round(steady_wall - wall0, 1) if steady_from is not None else None,
            **steps_report,
            "plays": sum(s.plays for s in seats), "endings": sum(s.endings for s in seats),
            "frames": sum(s.frames for s in seats), "mb_relayed": round(sum(s.bytes for s in seats) / 1e6, 2),
            "server": {"rss_mb_peak": round(sampler.server_rss_peak / 2**20, 1),
                       "pss_mb_peak": round(sampler.server_pss_peak / 2**20, 1),
                       "cpu_s": round(server_cpu, 2), "cpu_core_pct": round(100 * server_cpu / wall, 1),
                       "cpu_s_steady": round(server_cpu - server_cpu_at_steady, 2)},
            "games": {"count_peak": sampler.games_peak,
                      "rss_mb_peak": round(sampler.games_rss_peak / 2**20, 1),
                      "pss_mb_peak": round(sampler.games_pss_peak / 2**20, 1),
                      "cpu_s": round(games_cpu, 2), "cpu_core_pct": round(100 * games_cpu / wall, 1),
                      "cpu_s_until_all_playing": round(games_cpu_at_steady, 2),
                      "cpu_s_steady": round(games_cpu - games_cpu_at_steady, 2),
                      "cpu_ms_per_step_steady": round(1000 * (games_cpu - games_cpu_at_steady)
                                                      / max(1, len(steady)), 1) if steady else None},
            "bench_cpu_s": round(own_cpu, 2),
            "others_cpu_s": round(max(0.0, (busy1 - busy0) - games_cpu - server_cpu - own_cpu), 1),
            "machine_busy_pct": round(100 * (busy1 - busy0) / (wall * (os.cpu_count() or 1)), 1),
            "steady_s": round(steady_wall_s, 1) if steady_wall_s else None,
            "live_before_close": live_before, "live_after_close": live_after,
            "games_quit_s": round(games_quit_s, 1), "games_left": len(left),
            # CPU the games spent between the last sample and their end: quitting, mostly
            "quit_cpu_ms_per_game": round(1000 * max(0.0, reaped - games_cpu) / max(1, len(sampler.game_pids)))
            if reaped > 0 else None,
            "errors": {s.name: s.error for s in seats if s.error},
            "not_saved_notices": sum(s.not_saved for s in seats),
        }
        log_text = server.output()
        report["games_ended_by"] = {"SIGTERM": log_text.count("after SIGTERM"), "SIGKILL": log_text.count("after SIGKILL"),
                                    "stalled browser": log_text.count("its browser took no output")}
        if report["errors"]:  # what the server and its games said, to see why
            report["server_log_tail"] = log_text.splitlines()[-60:]
            report["error_traces"] = {s.name: s.trace[-12:] for s in seats if s.error}
        return report
    finally:
        for task in tasks + [p.reader for p in participants if p.reader is not None]:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, *[p.reader for p in participants if p.reader], return_exceptions=True)
        if sampling is not None:
            sampling.cancel()
        await asyncio.to_thread(server.stop)
        # anything the server left behind (it ends its games on Ctrl+C; they end with it otherwise)
        for pid, _start in await wait_gone(set(sampler.game_pids), 10):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def render(r: dict) -> str:
    def lat(d: dict) -> str:
        if not d["count"]:
            return "none"
        return f"p50 {d['p50_ms']:.0f} ms · p95 {d['p95_ms']:.0f} ms · max {d['max_ms']:.0f} ms ({d['count']} keys)"
    s, g = r["server"], r["games"]
    lines = [
        f"{r['participants']} participants, {r['duration_s']} s, {r['scenario']}, ramp {r['ramp_s']} s, "
        f"a digit every {r['think_s'][0]:g}–{r['think_s'][1]:g} s, {r['cores']} cores"
        + "".join(f", {k}={v}" for k, v in r["env"].items()),
        f"key → screen update, every digit:   {lat(r['latency'])}",
        f"key → screen update, steady part:   {lat(r['latency_steady'])} (all playing after {r['all_playing_after_s']} s)",
        f"key → whole step drawn:              {lat(r['latency_step_drawn'])}",
        f"other keys (name, Enter, r):         {lat(r['latency_other_keys'])}",
        f"start-up (websocket → name screen):  {lat(r['startup']).replace(' keys', ' games')}",
        f"server: RSS peak {s['rss_mb_peak']} MB (PSS {s['pss_mb_peak']}), CPU {s['cpu_s']} s = {s['cpu_core_pct']} % of a core"
        f" (steady part {s['cpu_s_steady']} s)",
        f"games ({g['count_peak']}): RSS peak {g['rss_mb_peak']} MB in all (PSS {g['pss_mb_peak']}), CPU {g['cpu_s']} s = "
        f"{g['cpu_core_pct']} % of a core ({g['cpu_s_until_all_playing']} s until all were playing, "
        f"{g['cpu_ms_per_step_steady']} ms a step after)",
        f"bench client CPU {r['bench_cpu_s']} s; other processes {r['others_cpu_s']} s; machine busy {r['machine_busy_pct']} %",
        f"steps sent {r['steps_sent']}, stored {r['steps_stored']}: lost {r['lost_steps']}, extra {r['extra_steps']}"
        f" ({r['plays']} plays, {r['endings']} endings, {r['frames']} frames, {r['mb_relayed']} MB relayed)",
        f"live seats before/after closing: {r['live_before_close']}/{r['live_after_close']}; games left "
        f"{r['games_left']} (all quit in {r['games_quit_s']} s, ~{r['quit_cpu_ms_per_game']} ms of CPU each)",
    ]
    ended = ", ".join(f"{n} by {how}" for how, n in r["games_ended_by"].items() if n)
    if ended:
        lines.append(f"games not ended by their quit message: {ended}")
    for name, error in r["errors"].items():
        lines.append(f"  {name}: {error}")
        lines += [f"    {event}" for event in r.get("error_traces", {}).get(name, [])]
    for name, m in r["mismatched"].items():
        lines.append(f"  {name}: steps sent per play {m['sent']}, stored (steps, finished) {m['stored']}")
        lines += [f"    {event}" for event in m["trace"]]
    if r["not_saved_notices"]:
        lines.append(f"  the games said 'not saved' {r['not_saved_notices']} times")
    if r.get("server_log_tail"):
        lines += ["the server's log, last lines:", *("  " + line for line in r["server_log_tail"])]
    return "\n".join(lines)


def failed(r: dict) -> bool:
    return bool(r["lost_steps"] or r["extra_steps"] or r["errors"] or r["live_after_close"] or r["games_left"]
                or r["not_saved_notices"])


def env_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    return name, value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--participants", type=int, default=40, help="participants at once (default 40)")
    ap.add_argument("--duration", type=float, default=120.0, help="seconds from the first connection (default 120)")
    ap.add_argument("--scenario", default="shrunken-sweater", help="shipped story played (default shrunken-sweater)")
    ap.add_argument("--lang", choices=("fr", "en"), default="fr", help="the room's language (default fr)")
    ap.add_argument("--think", type=float, nargs=2, default=(2.0, 4.0), metavar=("MIN", "MAX"),
                    help="seconds between two keys of a participant (default 2 4)")
    ap.add_argument("--ramp", type=float, default=0.0,
                    help="seconds over which the participants connect (default 0: all at once)")
    ap.add_argument("--width", type=int, default=80)
    ap.add_argument("--height", type=int, default=24)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--env", type=env_pair, action="append", default=[], metavar="NAME=VALUE",
                    help="set in the server's environment, which its games inherit (e.g. TEXTUAL_ANIMATIONS=none)")
    ap.add_argument("--json", type=Path, help="also write the report here, as JSON")
    args = ap.parse_args(argv)
    if args.participants < 1 or args.duration <= 0 or not 0 < args.think[0] <= args.think[1]:
        ap.error("--participants and --duration must be positive, --think MIN MAX with 0 < MIN <= MAX")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    async def run() -> dict:
        task = asyncio.current_task()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        with tempfile.TemporaryDirectory(prefix="litige-serve-bench-") as tmp:
            return await bench(args, Path(tmp))

    try:
        report = asyncio.run(run())
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("interrupted: the room was stopped, its processes ended", file=sys.stderr)
        return 130
    except BenchError as exc:
        print(f"serve_bench: {exc}", file=sys.stderr)
        return 2
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 1 if failed(report) else 0


if __name__ == "__main__":
    sys.exit(main())
