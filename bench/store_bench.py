"""`litige report` over 10,000 stored plays.

Run: python bench/store_bench.py [--plays 10000] [--repeat 5] [--db PATH] [--fresh]

Fills a database (kept in bench/out/ and reused unless --fresh) with engine-generated plays of
every shipped scenario plus a generated 30-node one (seeded random choices, every step saved
with save_play as the game does, then finish_play with the real score; 120 trainees, each
playing every scenario in both modes, some 80 plays each; one play in four in coach mode), then
times, as a user runs them (a new process each time, best of --repeat, alternated):
- `litige report` (text) and `litige report --json`, the group's learning gain included:
  target ≤ 0.5 s at 10,000 plays (issues 5 and 18);
- the baseline: `litige history --since 2999-01-01` (same start-up, same database opened, no
  aggregation), so the ratio shows what the report itself costs;
and, in-process, `Store.aggregate()` alone and the gain alone (`Store.attempts()` then
`scoring.gain.compute_gain`).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dataclasses import replace  # noqa: E402

from generate import scenario_yaml  # noqa: E402

import scenarios  # noqa: E402
from scoring.catalogue import load_catalogue  # noqa: E402
from scoring.gain import compute_gain  # noqa: E402
from scoring.scorer import score  # noqa: E402
from simulator.format.errors import LitigeError  # noqa: E402
from simulator.format.loader import load, load_text  # noqa: E402
from simulator.play.engine import Play  # noqa: E402
from simulator.results.store import Store  # noqa: E402
from simulator.workshop.simulate import walk  # noqa: E402

TRAINEES = 120


def bench_scenarios() -> list:
    out = []
    for path in scenarios.shipped():
        try:
            out.append(load(path))
        except LitigeError:
            pass
    out.append(load_text(scenario_yaml("bench-30", 30, seed=3), "bench-30.yaml"))
    return out


def fill(db: Path, n: int) -> tuple[int, int]:
    """n finished plays, saved step by step; returns (plays, steps)."""
    catalogue = load_catalogue()
    pool = bench_scenarios()
    steps = 0
    t0 = time.perf_counter()
    with Store.open(db) as store:
        done = 0
        while done < n:
            with store.batch():  # a few hundred plays per transaction: realistic rows, bearable fill time
                for _ in range(min(500, n - done)):
                    rng = random.Random(done)
                    sc = pool[done % len(pool)]
                    # runs of 7 plays per trainee: each plays every scenario, in both modes, again and again
                    play = Play(sc, trainee=f"Trainee {(done // 7) % TRAINEES:03d}", clock=lambda: 0.0)
                    play.record = replace(play.record, mode="coach" if done % 4 == 3 else "exam")
                    for record in walk(play, rng, max_steps=60):
                        store.save_play(record)
                    if play.finished:
                        store.finish_play(play.record, score(sc, play.record, catalogue))
                        steps += len(play.record.steps)
                        done += 1
            print(f"  filled {done}/{n} plays ({time.perf_counter() - t0:.0f} s)", end="\r", file=sys.stderr)
    print(file=sys.stderr)
    return done, steps


def run(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed litige has its .pyc files: so should the bench
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "simulator.cli.main", *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"litige {' '.join(args)} failed: {proc.stderr}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plays", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", default=None)
    ap.add_argument("--fresh", action="store_true")
    args = ap.parse_args()
    db = Path(args.db) if args.db else ROOT / "bench" / "out" / f"store-{args.plays}.db"
    if args.fresh and db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store.open(db) as store:
        have = store.aggregate().plays
    if have < args.plays:
        print(f"filling {db} with {args.plays - have} plays…", file=sys.stderr)
        fill(db, args.plays - have)
    with Store.open(db) as store:
        in_process = gain_time = float("inf")
        for _ in range(3):  # best of 3: the first pass also pays for reading the file into the OS cache
            t0 = time.perf_counter()
            agg = store.aggregate()
            in_process = min(in_process, time.perf_counter() - t0)
            t0 = time.perf_counter()
            gain = compute_gain(store.attempts())
            gain_time = min(gain_time, time.perf_counter() - t0)
        steps = sum(sum(d.values()) for d in agg.choices.values())
        pairs = sum(s.paired for m in gain.modes for s in m.scenarios)
    size = db.stat().st_size / 1e6

    run(["report", "--db", str(db)])  # warm-up: byte-code written, database pages in the OS cache
    report, report_json, baseline = [], [], []
    for _ in range(args.repeat):  # alternated, so that a change of load on the machine hits all alike
        baseline.append(run(["history", "--db", str(db), "--since", "2999-01-01"]))
        report.append(run(["report", "--db", str(db)]))
        report_json.append(run(["report", "--db", str(db), "--json"]))
    best = min(report)
    print(f"database: {agg.plays} finished plays, {steps} steps, {len(agg.scenarios)} scenarios, "
          f"{agg.trainees} trainees, {size:.1f} MB")
    print(f"litige report          {best * 1000:7.0f} ms (best of {args.repeat}; median "
          f"{sorted(report)[len(report) // 2] * 1000:.0f} ms)  target ≤ 500 ms: {'met' if best <= 0.5 else 'NOT met'}")
    print(f"litige report --json   {min(report_json) * 1000:7.0f} ms")
    print(f"baseline (history, no rows) {min(baseline) * 1000:4.0f} ms  → report / baseline = {best / min(baseline):.2f}")
    print(f"Store.aggregate() in-process {in_process * 1000:.0f} ms (best of 3)")
    print(f"the gain in-process (attempts + compute_gain) {gain_time * 1000:.0f} ms (best of 3), {pairs} pairs "
          f"(trainee, scenario, mode)")


if __name__ == "__main__":
    main()
