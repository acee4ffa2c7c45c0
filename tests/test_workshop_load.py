"""Load: 30 simulated participants (engine level, headless, one process each) play and finish
at once against one shared database; no row is lost, and the room sees all of them."""

from __future__ import annotations

import multiprocessing as mp
import sys
from pathlib import Path

PARTICIPANTS = 30
ROOT = Path(__file__).resolve().parent.parent


def participant(db: str, n: int, barrier, out) -> None:
    """One participant: wait for the others, then play to an ending, saving every step."""
    sys.path.insert(0, str(ROOT))
    import scenarios
    from scoring.scorer import score
    from simulator.format.loader import load
    from simulator.results.store import Store
    from simulator.workshop.simulate import finished_play

    scenario = load(scenarios.find("shrunken-sweater"))
    store = Store.open(db)
    try:
        barrier.wait(timeout=120)
        record = finished_play(scenario, seed=n, trainee=f"Participant {n:02d}", on_step=store.save_play)
        store.finish_play(record, score(scenario, record))
        out.put((n, record.play_id, len(record.steps), None))
    except Exception as exc:  # reported to the test, which fails with it
        out.put((n, None, 0, f"{type(exc).__name__}: {exc}"))
    finally:
        store.close()


def test_thirty_participants_finish_at_once_and_no_row_is_lost(tmp_path):
    from simulator.results.store import Store
    from simulator.workshop.room import build_room
    from simulator.workshop.room_source import StoreRoomSource

    db = str(tmp_path / "room.db")
    Store.open(db).close()  # the schema exists before the rush, as with `litige serve --db`
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(PARTICIPANTS), ctx.Queue()
    procs = [ctx.Process(target=participant, args=(db, n, barrier, out)) for n in range(PARTICIPANTS)]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    errors = [r for r in results if r[3]]
    assert not errors, errors
    assert all(p.exitcode == 0 for p in procs)

    source = StoreRoomSource.open(db)
    try:
        plays = {p.record.play_id: p for p in source.plays()}
        room = build_room(list(plays.values()), source.scenario, lang="en")
    finally:
        source.close()
    assert len(plays) == PARTICIPANTS
    for n, play_id, steps, _ in results:
        stored = plays[play_id]
        assert stored.finished and stored.record.trainee == f"Participant {n:02d}"
        assert len(stored.record.steps) == steps      # every step of every play is there
    assert room.finished == PARTICIPANTS and room.playing == 0
    assert sum(room.scores) == PARTICIPANTS
    assert sum(node.total for node in room.nodes) == sum(r[2] for r in results)
