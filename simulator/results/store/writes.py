"""Writing plays: a play saved after every step (its steps synced, a rewind deleting those
beyond), finished with its score and verdicts, its clock, its abandon. Each function runs inside
the caller's write transaction (Store._tx) on its connection.

`written` (Store._written) is play id → the steps this store last wrote for it. Steps are
immutable, so those a record still holds as the very same objects need no comparing: a save
costs the new step, not the whole play. The store forgets it whenever a transaction rolls back."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.play.record import PlayRecord, Step
from simulator.results.store import moments
from simulator.results.store.encoding import dump_json
from simulator.results.store.errors import StoreError
from simulator.results.store.keys import choice_keys, verdict_keys, verdict_word

if TYPE_CHECKING:
    from scoring.scorer import Result

WRITTEN_KEPT = 32  # plays whose last written steps a store remembers
Written = dict[str, tuple[Step, ...]]
_REOPEN = ("UPDATE plays SET finished_at = NULL, abandoned_at = NULL, ending = NULL, outcome = NULL, raw = NULL, "
           "best = NULL, exact = NULL, scaled = NULL, passed = NULL, seconds = NULL, rules = NULL, verdict_keys = '' "
           "WHERE play_id = ? AND (finished_at IS NOT NULL OR abandoned_at IS NOT NULL)")


def trainee_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    """The id of the trainee of this name (stripped), added if new; None for no name."""
    name = (name or "").strip()
    if not name:
        return None
    conn.execute("INSERT INTO trainees(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                 (name, moments.now_utc()))
    return int(conn.execute("SELECT id FROM trainees WHERE name = ?", (name,)).fetchone()[0])


def _upsert_play(conn: sqlite3.Connection, record: PlayRecord) -> int | None:
    """Insert the play's row or update it; the step count it had before (None: a new play)."""
    row = conn.execute("SELECT step_count FROM plays WHERE play_id = ?", (record.play_id,)).fetchone()
    conn.execute(
        """INSERT INTO plays(play_id, trainee_id, scenario, start, lang, started_at, updated_at, step_count,
                             choice_keys, variant, mode)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(play_id) DO UPDATE SET trainee_id = excluded.trainee_id, lang = excluded.lang,
               updated_at = excluded.updated_at, step_count = excluded.step_count,
               choice_keys = excluded.choice_keys""",
        (record.play_id, trainee_id(conn, record.trainee), record.scenario, record.start, record.lang,
         moments.utc_text(record.started_at), moments.now_utc(), len(record.steps), choice_keys(record.steps),
         record.variant, record.mode))
    return None if row is None else int(row[0])


def sync(conn: sqlite3.Connection, record: PlayRecord, written: Written) -> bool:
    """Upsert the play and make its steps match the record; True if the steps changed."""
    n = len(record.steps)
    same = _unchanged_prefix(record, written, _upsert_play(conn, record))
    stored = dict(conn.execute("SELECT idx, data FROM steps WHERE play_id = ? AND idx >= ?",
                               (record.play_id, same)).fetchall())
    changed = False
    if any(i >= n for i in stored):
        conn.execute("DELETE FROM steps WHERE play_id = ? AND idx >= ?", (record.play_id, n))
        changed = True
    rows = []
    for i, step in enumerate(record.steps[same:], same):
        data = dump_json(step.to_dict())
        if stored.get(i) != data:
            rows.append((record.play_id, i, step.node, step.chosen, step.next, int(step.timed_out),
                         float(step.seconds), data))
    if rows:
        conn.executemany("INSERT OR REPLACE INTO steps(play_id, idx, node, chosen, next, timed_out, seconds, data) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        changed = True
    if changed:  # the play stands at another node: the time spent at the one before is in its step
        conn.execute("UPDATE plays SET node_seconds = NULL WHERE play_id = ? AND node_seconds IS NOT NULL",
                     (record.play_id,))
    written.pop(record.play_id, None)
    written[record.play_id] = record.steps
    while len(written) > WRITTEN_KEPT:
        del written[next(iter(written))]
    return changed


def _unchanged_prefix(record: PlayRecord, written: Written, stored_count: int | None) -> int:
    """How many leading steps of the record are the very objects this store last wrote for
    the play, still all in the database (its step count unchanged since): no need to compare."""
    known = written.get(record.play_id)
    if known is None or stored_count != len(known):
        return 0
    same = 0
    for ours, theirs in zip(known, record.steps):
        if ours is not theirs:
            break
        same += 1
    return same


def queued_unchanged(conn: sqlite3.Connection, path: Path, record: PlayRecord) -> bool:
    """True when the play's xAPI statements are queued and the record holds exactly its stored
    steps (nothing to write). Raises StoreError when they are queued and the steps differ: the
    statements in the outbox (maybe already in the LRS) describe the play as stored, so a
    queued play never changes. A replay is a new play."""
    if conn.execute("SELECT 1 FROM xapi_queued WHERE play_id = ?", (record.play_id,)).fetchone() is None:
        return False
    stored = [r[0] for r in conn.execute("SELECT data FROM steps WHERE play_id = ? ORDER BY idx", (record.play_id,))]
    if stored == [dump_json(s.to_dict()) for s in record.steps]:
        return True
    raise StoreError(f"{path}: play {record.play_id} is finished and its xAPI statements are queued; "
                     f"its steps cannot change (a replay is stored as a new play)")


def save_play(conn: sqlite3.Connection, path: Path, record: PlayRecord, written: Written) -> None:
    """Store.save_play's work (see there), in the caller's transaction."""
    if queued_unchanged(conn, path, record):
        return
    if sync(conn, record, written):
        conn.execute(_REOPEN, (record.play_id,))
        conn.execute("DELETE FROM verdicts WHERE play_id = ? AND NOT EXISTS "
                     "(SELECT 1 FROM plays WHERE play_id = ? AND finished_at IS NOT NULL)",
                     (record.play_id, record.play_id))


def finish_play(conn: sqlite3.Connection, path: Path, record: PlayRecord, result: Result, written: Written, *,
                keep_finished_at: bool) -> None:
    """Store.finish_play's work (see there), in the caller's transaction."""
    if queued_unchanged(conn, path, record):
        return
    sync(conn, record, written)
    conn.execute(
        """UPDATE plays SET finished_at = COALESCE(?, finished_at, ?), abandoned_at = NULL, ending = ?,
               outcome = ?, raw = ?, best = ?, exact = 1, scaled = ?, passed = ?, seconds = ?, rules = ?,
               verdict_keys = ? WHERE play_id = ?""",
        (None if keep_finished_at else moments.now_utc(), moments.now_utc(), result.ending, result.outcome,
         result.raw, result.max, result.scaled, int(result.passed), round(sum(s.seconds for s in record.steps), 3),
         result.rules, verdict_keys(result.judgements), record.play_id))
    conn.execute("DELETE FROM verdicts WHERE play_id = ?", (record.play_id,))
    conn.executemany(
        "INSERT INTO verdicts(play_id, principle, ord, verdict, opportunities, applied, violated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(record.play_id, pid, n, verdict_word(j), dump_json(list(j.opportunities)),
          dump_json(list(j.applied)), dump_json(list(j.violated)))
         for n, (pid, j) in enumerate(result.judgements.items())])


def save_clock(conn: sqlite3.Connection, play_id: str, steps: int, seconds: float) -> bool:
    """Store.save_clock's work (see there): True if it was written."""
    cur = conn.execute("UPDATE plays SET node_seconds = ? WHERE play_id = ? AND step_count = ? "
                       "AND finished_at IS NULL AND abandoned_at IS NULL",
                       (round(max(0.0, float(seconds)), 3), play_id, int(steps)))
    return cur.rowcount > 0


def abandon(conn: sqlite3.Connection, play_id: str) -> None:
    conn.execute("UPDATE plays SET abandoned_at = ? WHERE play_id = ? AND finished_at IS NULL",
                 (moments.now_utc(), play_id))
