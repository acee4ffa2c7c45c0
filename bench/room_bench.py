"""How long `litige room` takes to refresh with 30 live plays in the shared database.

Run: python bench/room_bench.py [--plays 30] [--finished 15] [--repeat 30]

Prints, for one refresh of the facilitator's screen:
- read + tally: the store read and the room's aggregation (`take`), in ms;
- screen: a whole RoomScreen refresh (read, tally, four panels updated and drawn), in ms,
  against a baseline in the same run: the same text put in one bare Static and drawn.
No target is asserted (the refresh period is 2 s); the figures go in the issue note.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scenarios  # noqa: E402
from scoring.scorer import score  # noqa: E402
from simulator.format.loader import load  # noqa: E402
from simulator.results.store import Store  # noqa: E402
from simulator.workshop.room import render_text  # noqa: E402
from simulator.workshop.room_source import StoreRoomSource  # noqa: E402
from simulator.workshop.simulate import finished_play, steps  # noqa: E402


def fill(db: Path, plays: int, finished: int) -> None:
    """`plays` participants in the database: `finished` of them done, the others mid-play."""
    sc = load(scenarios.find("shrunken-sweater"))
    store = Store.open(db)
    try:
        for n in range(plays):
            name = f"Participant {n:02d}"
            if n < finished:
                record = finished_play(sc, seed=n, trainee=name, on_step=store.save_play)
                store.finish_play(record, score(sc, record))
            else:
                for record in steps(sc, seed=n, trainee=name, stop_after=1):
                    store.save_play(record)
    finally:
        store.close()


async def screen_times(source: StoreRoomSource, repeat: int) -> tuple[list[float], list[float]]:
    from textual.app import App
    from textual.widgets import Static

    from simulator.tui.room import RoomApp, take

    text = render_text(take(source, scenario=None, anonymous=False, lang="fr").room, "fr")

    class Bare(App):
        def compose(self):
            yield Static("", markup=False)

    bare: list[float] = []
    full: list[float] = []
    room_app = RoomApp(source, lang="fr", interval=3600)
    bare_app = Bare()
    async with room_app.run_test(size=(100, 40)) as room_pilot, bare_app.run_test(size=(100, 40)) as bare_pilot:
        static = bare_app.query_one(Static)
        for i in range(repeat):  # alternate, so a change of load hits both alike
            t0 = time.perf_counter()
            static.update(text + ("" if i % 2 else " "))
            await bare_pilot.pause()
            bare.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            room_app.room.action_refresh_room()
            await room_pilot.pause()
            full.append(time.perf_counter() - t0)
    return bare, full


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plays", type=int, default=30)
    ap.add_argument("--finished", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    from simulator.tui.room import take
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "room.db"
        t0 = time.perf_counter()
        fill(db, args.plays, min(args.finished, args.plays))
        print(f"filled {args.plays} plays ({args.finished} finished) in {time.perf_counter() - t0:.1f} s")
        source = StoreRoomSource.open(db)
        try:
            room = take(source, scenario=None, anonymous=False, lang="fr").room
            assert len(room.seats) == args.plays, len(room.seats)
            tally = []
            for _ in range(args.repeat):
                tally.append(take(source, scenario=None, anonymous=False, lang="fr").seconds)
            bare, full = asyncio.run(screen_times(source, args.repeat))
        finally:
            source.close()
    med = statistics.median
    print(f"read + tally, {args.plays} plays: median {1000 * med(tally):.1f} ms (max {1000 * max(tally):.1f})")
    print(f"screen refresh: median {1000 * med(full):.1f} ms; bare Static with the same text: "
          f"{1000 * med(bare):.1f} ms; ratio {med(full) / med(bare):.2f}x")


if __name__ == "__main__":
    main()
