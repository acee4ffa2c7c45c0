"""A child process for the store's durability and concurrency tests (run as a script).

    store_worker.py loop DB          play loop-timer's looping choice forever, saving after every
                                     step and printing the step count once it is committed
    store_worker.py plays DB NAME K GO   wait for the file GO, then play K whole plays of the
                                     shipped sweater story as trainee NAME, saving after every step
                                     and finishing each; print one JSON line per play
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.scorer import score  # noqa: E402
from simulator.format.loader import load  # noqa: E402
from simulator.play.engine import Play  # noqa: E402
from simulator.results.store import Store  # noqa: E402


def loop(db: str) -> None:
    scenario = load(ROOT / "tests" / "fixtures" / "loop-timer.yaml")
    store = Store.open(db)
    play = Play(scenario, trainee="Killed Kim", clock=lambda: 0.0)
    print(f"play {play.record.play_id}", flush=True)
    n = 0
    while True:
        play.choose_id("listen", seconds=1.5)  # hello → hello, for ever
        store.save_play(play.record)
        n += 1
        print(f"saved {n}", flush=True)


def plays(db: str, name: str, k: int, go: str) -> None:
    import scenarios
    scenario = load(scenarios.find("shrunken-sweater"))
    store = Store.open(db)
    while not Path(go).exists():
        time.sleep(0.01)
    for i in range(k):
        play = Play(scenario, trainee=name, clock=lambda: 0.0)
        store.save_play(play.record)
        j = 0
        while not play.finished:
            offered = play.offered()
            play.choose((i + j + len(name)) % len(offered), seconds=2.0)
            store.save_play(play.record)
            j += 1
        store.finish_play(play.record, score(scenario, play.record))
        print(json.dumps({"play_id": play.record.play_id, "steps": len(play.record.steps)}), flush=True)
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "loop":
        loop(sys.argv[2])
    else:
        plays(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
