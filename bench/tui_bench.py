"""The game's speed and memory, as ratios against a minimal Textual app, in one run.

Run: python bench/tui_bench.py [--repeat 7] [--keys 40]

Each figure is measured in fresh subprocesses (this script re-run with --child), alternating the
game and its baseline so that load on the machine hits both alike; medians are reported:

1. first frame: from starting the process to the library screen painted whole, its footer's
   keys included (headless driver), the game started as `litige` starts it (simulator.cli.main.main),
   against a minimal app (Header, Static, OptionList, Footer) — target ≤ 1.3×;
2. key → node: median time from a digit key to the next node painted (the key sent as the
   driver does, then the screen's pending updates forced, as Pilot.pause does), against a
   minimal app (Header, Static, OptionList, Footer) whose same key updates the Static's line
   and replaces the OptionList's choices — target ≤ 1.5×, in exam mode and in coach mode (each
   choice's feedback written in the transcript after it: key_to_node_coach). Both walk a generated chain of
   distinct nodes (bench/generate.py chain_nodes), so every key brings a new line and a new
   choice list, and each is checked to be on the painted screen; for the game every key is one
   real step (engine, store write, transcript, meters, line, choices);
3. peak RSS of the process at its first frame, game vs minimal app — target ≤ 1.5×;
4. profile (issue 18): the profile screen of a trainee with 500 finished plays on screen, from
   `p` (sent as the driver sends keys, once the library is painted whole) to the profile painted
   whole, against the library's first frame (from starting the process) in the same process and
   database — target ≤ 1.3×. The whole way, start → library → `p` → profile, is printed too,
   against the same first frame. The database (PROFILE_PLAYS plays of the shipped stories over 60
   days, every play scored) is filled once per run, before any timing, and copied for each child.

The game runs against its own SQLite store in a temporary folder (LITIGE_DB) with timers off,
made before its timed start, as it is at every start but the first (the very first start also
creates the file: a few disk syncs more).
Both apps run from bytecode kept in that folder (PYTHONPYCACHEPREFIX, after one untimed warm-up
run each), as an installed game does; --no-bytecode measures a checkout that compiles its
modules at every start. The CPU time of both is printed too, to read the figures on a busy
machine; the targets are on wall time.

A child's measurements are in bench/tui_child.py; this script fills the profile's database,
starts the children, alternating the apps, and reports.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC
from pathlib import Path

# A child imports no more than this (and bench/tui_child.py, what it measures) before it starts
# its app: what the parent alone needs (argparse, statistics, subprocess, tempfile: some 20 ms) is
# imported in main().
from tui_child import PROFILE_PLAYS, ROOT, child_first_frame, child_keys

TARGETS = {"first_frame": 1.3, "key_to_node": 1.5, "key_to_node_coach": 1.5, "peak_rss": 1.5, "profile": 1.3}
PROFILE_TRAINEE = "Bench Trainee"


# -- parent --------------------------------------------------------------------------------------

def fill_profile_db(path: Path, plays: int = PROFILE_PLAYS) -> None:
    """`plays` finished plays of the shipped stories for one trainee over the last 60 days (seeded
    random answers, each play scored as the game scores it), the trainee's name saved as the
    game saves it."""
    import random
    from collections import deque
    from datetime import datetime, timedelta

    import scenarios
    import simulator.results.store.moments as store_clock
    from scoring.catalogue import load_catalogue
    from scoring.scorer import score
    from simulator.format.loader import load
    from simulator.play.engine import Play
    from simulator.results.store import Store
    from simulator.workshop.simulate import walk

    catalogue = load_catalogue()
    pool = [load(p) for p in scenarios.shipped()]
    start = datetime.now(UTC) - timedelta(days=60)
    real_now = store_clock.now_utc
    try:
        with Store.open(path) as store, store.batch():
            store.set_setting("trainee", PROFILE_TRAINEE)
            store.set_setting("coach", "0")
            done = seed = 0
            while done < plays:
                rng = random.Random(seed)
                seed += 1
                sc = pool[seed % len(pool)]
                play = Play(sc, trainee=PROFILE_TRAINEE, clock=lambda: 0.0)
                deque(walk(play, rng, max_steps=60), maxlen=0)  # to its end
                if not play.finished:
                    continue
                moment = start + timedelta(minutes=done * 60 * 24 * 60 // plays)
                store_clock.now_utc = lambda m=moment: m.isoformat(timespec="seconds")  # the play's day
                store.finish_play(play.record, score(sc, play.record, catalogue))
                done += 1
    finally:
        store_clock.now_utc = real_now


def run_child(args: list[str], env: dict[str, str], keys: int) -> tuple[float, dict]:
    import subprocess
    t0 = time.time()
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args, str(keys)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"tui_bench: child {args} failed:\n{proc.stderr[-2000:]}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(f"tui_bench: child {args} printed no figures:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    line = lines[-1]
    return t0, json.loads(line)


class Runs:
    """What the children measured, per app, in the order they ran."""

    def __init__(self) -> None:
        self.profile: dict[str, list[float]] = {"profile": [], "library": [], "whole": [], "cpu": [], "cpu_library": []}
        self.frames: dict[str, list[float]] = {"game": [], "minimal": []}
        self.rss: dict[str, list[int]] = {"game": [], "minimal": []}
        self.keys: dict[str, list[float]] = {"game": [], "game-coach": [], "minimal": []}
        self.cpu: dict[str, dict[str, list[float]]] = {"frame": {"game": [], "minimal": []},
                                                       "key": {"game": [], "game-coach": [], "minimal": []}}


def measure(opts, tmp: Path) -> Runs:
    """`opts.repeat` rounds of children, the game and its baseline in turn (the order swapped
    every round), after the untimed warm-ups and the profile's database filled once."""
    import shutil

    from simulator.results.store import Store

    base_env = dict(os.environ, NO_COLOR="1")
    if not opts.no_bytecode:
        # An installed game runs from bytecode (pip compiles it), and so does Textual from
        # site-packages; a checkout under PYTHONDONTWRITEBYTECODE would compile the game's own
        # modules at every start. The children read and write bytecode under tmp instead of
        # the source tree, after one untimed warm-up run of each app.
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        base_env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        for kind in ("minimal", "game"):
            run_child(["frame", kind], dict(base_env, LITIGE_DB=str(tmp / f"warm-{kind}.db")), opts.keys)
    profile_db = tmp / "profile.db"
    fill_profile_db(profile_db)

    def profile_copy(name: str) -> str:
        copy = tmp / name
        shutil.copy(profile_db, copy)
        return str(copy)

    if not opts.no_bytecode:
        run_child(["frame", "profile"], dict(base_env, LITIGE_DB=profile_copy("warm-profile.db")), opts.keys)
    runs = Runs()
    for i in range(opts.repeat):
        for kind in ("minimal", "game") if i % 2 == 0 else ("game", "minimal"):
            env = dict(base_env, LITIGE_DB=str(tmp / f"{kind}-{i}.db"))
            if kind == "game":  # the trainee's database is there, as at every start but the first
                Store.open(env["LITIGE_DB"]).close()
            t0, out = run_child(["frame", kind], env, opts.keys)
            runs.frames[kind].append(out["t"] - t0)
            runs.rss[kind].append(out["rss"])
            runs.cpu["frame"][kind].append(out["cpu"])
            if kind == "game":  # the profile of a trainee with 500 plays, and the library before it
                t0, out = run_child(["frame", "profile"], dict(env, LITIGE_DB=profile_copy(f"profile-{i}.db")),
                                    opts.keys)
                runs.profile["profile"].append(out["t"] - out["t_library"])
                runs.profile["library"].append(out["t_library"] - t0)
                runs.profile["whole"].append(out["t"] - t0)
                runs.profile["cpu"].append(out["cpu"])
                runs.profile["cpu_library"].append(out["cpu_library"])
            for keys_kind in (kind, "game-coach") if kind == "game" else (kind,):
                _, out = run_child(["keys", keys_kind], dict(env, LITIGE_DB=env["LITIGE_DB"] + f".{keys_kind}"),
                                   opts.keys)
                runs.keys[keys_kind].append(out["median"])
                runs.cpu["key"][keys_kind].append(out["cpu"])
    return runs


def report(opts, runs: Runs) -> int:
    """Print the medians, their ratios against the targets and the CPU times; 1 if a ratio is over."""
    import statistics

    frames, rss, keys, cpu, profile = runs.frames, runs.rss, runs.keys, runs.cpu, runs.profile
    figures = {
        "first_frame": (statistics.median(frames["game"]), statistics.median(frames["minimal"]), "s"),
        "key_to_node": (statistics.median(keys["game"]), statistics.median(keys["minimal"]), "s"),
        "key_to_node_coach": (statistics.median(keys["game-coach"]), statistics.median(keys["minimal"]), "s"),
        "peak_rss": (statistics.median(rss["game"]) / 1024, statistics.median(rss["minimal"]) / 1024, "MiB"),
        # p → profile painted, against the library's first frame in the same process, on the same 500-play database
        "profile": (statistics.median(profile["profile"]), statistics.median(profile["library"]), "s"),
    }
    print(f"tui_bench: {opts.repeat} runs each, {opts.keys} keys per key run (medians)"
          f"{', modules compiled at each start' if opts.no_bytecode else ''}")
    worst = 0
    for name, (game, base, unit) in figures.items():
        ratio = game / base
        ok = ratio <= TARGETS[name]
        worst |= not ok
        fmt = (lambda v: f"{v * 1000:.1f} ms") if unit == "s" else (lambda v: f"{v:.1f} MiB")
        print(f"  {name:<17} game {fmt(game):>10}  baseline {fmt(base):>10}  ratio {ratio:.2f}× "
              f"(target ≤ {TARGETS[name]}×) {'ok' if ok else 'OVER'}")
    whole, first = statistics.median(profile["whole"]), statistics.median(profile["library"])
    print(f"  profile, the whole way (start → library → p → profile painted): {whole * 1000:.1f} ms = "
          f"{whole / first:.2f}× the library's first frame on the same database")
    # CPU time is less swayed than wall time by other processes on a busy machine: shown to help
    # read the figures, the targets stay on wall time (what the player waits).
    print("  cpu time: " + ", ".join(
        f"{what} game {statistics.median(c['game']) * 1000:.1f} ms / baseline {statistics.median(c['minimal']) * 1000:.1f} ms"
        f" = {statistics.median(c['game']) / statistics.median(c['minimal']):.2f}×"
        for what, c in (("first frame", cpu["frame"]), ("key → node", cpu["key"]),
                        ("key → node coach", {"game": cpu["key"]["game-coach"], "minimal": cpu["key"]["minimal"]}),
                        ("start → library → p → profile", {"game": profile["cpu"], "minimal": profile["cpu_library"]}))))
    return 1 if worst else 0


def main() -> int:
    if sys.argv[1:2] == ["--child"]:  # --child frame|keys game|minimal KEYS
        what, kind, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
        if what == "frame":
            child_first_frame(kind)
        else:
            child_keys(kind, n)
        return 0
    import argparse
    import tempfile

    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="subprocesses per app and figure")
    parser.add_argument("--keys", type=int, default=40, help="digit keys per key-latency run")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="let the children compile every module from source, as with PYTHONDONTWRITEBYTECODE "
                             "and no __pycache__ (by default they run from bytecode, as an installed game does)")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        runs = measure(opts, Path(tmp))
    return report(opts, runs)


if __name__ == "__main__":
    raise SystemExit(main())
