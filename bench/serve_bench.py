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

The room (the server, the participants) is in bench/serve_room.py, the /proc readings in
bench/proc_sampler.py; this script runs them, counts the steps on disk and reports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# the game's packages, and this script's sibling modules when it is loaded by path (as the tests do)
sys.path[:0] = [str(ROOT), str(BENCH)]

from proc_sampler import Sampler, machine_busy, proc_stat, reaped_cpu, wait_gone  # noqa: E402
from serve_room import CODE, BenchError, Participant, Seat, Server, live_count  # noqa: E402

Report = dict[str, Any]  # what the run measured, as written to --json


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


def tally(seats: list[Seat], stored: dict[str, list[tuple[int, bool]]]) -> Report:
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


async def bench(args: argparse.Namespace, folder: Path) -> Report:
    import aiohttp

    server = Server(folder, participants=args.participants, scenario=args.scenario, lang=args.lang,
                    env=dict(args.env))
    sampler = Sampler(server.proc.pid)
    sampling: asyncio.Task[None] | None = None
    seats = [Seat(n, f"Bench {n:02d}") for n in range(1, args.participants + 1)]
    tasks: list[asyncio.Task[None]] = []
    participants: list[Participant] = []
    report: Report = {}
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


def render(r: Report) -> str:
    def lat(d: dict[str, Any]) -> str:
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


def failed(r: Report) -> bool:
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

    async def run() -> Report:
        task = asyncio.current_task()
        assert task is not None  # asyncio.run runs this coroutine as a task
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
