"""The xAPI outbox: a finished play's statements queued once (xapi_queued), handed out in the
order they were queued until delivered, then marked sent (their body dropped)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.results.store import moments
from simulator.results.store.damage import note
from simulator.results.store.encoding import Unreadable, dump_json, load_json


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    statement_id: str
    play_id: str
    statement: Mapping[str, Any]


def unqueued_plays(conn: sqlite3.Connection) -> list[str]:
    """Finished plays whose xAPI statements are not in the outbox yet, oldest first."""
    return [r[0] for r in conn.execute(
        "SELECT p.play_id FROM plays p WHERE p.finished_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM xapi_queued q WHERE q.play_id = p.play_id) ORDER BY p.finished_at, p.play_id")]


def _changed(conn: sqlite3.Connection, play_id: str, finished_at: str | None, steps: int | None) -> bool:
    """Whether the play is no longer the finished play of `finished_at` and `steps` (given ones)."""
    row = conn.execute("SELECT finished_at, step_count FROM plays WHERE play_id = ?", (play_id,)).fetchone()
    return row is None or row[0] is None or (finished_at is not None and row[0] != finished_at) \
        or (steps is not None and row[1] != steps)


def enqueue(conn: sqlite3.Connection, play_id: str, statements: Sequence[Mapping[str, Any]], *,
            finished_at: str | None, steps: int | None) -> int:
    """Store.enqueue's work (see there), in the caller's transaction: how many were new."""
    now = moments.now_utc()
    if (finished_at is not None or steps is not None) and _changed(conn, play_id, finished_at, steps):
        return 0
    before = conn.total_changes
    conn.executemany("INSERT INTO outbox(statement_id, play_id, created_at, statement) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(statement_id) DO NOTHING",
                     [(s["id"], play_id, now, dump_json(s)) for s in statements])
    added = conn.total_changes - before
    conn.execute("INSERT INTO xapi_queued(play_id, queued_at) VALUES (?, ?) ON CONFLICT(play_id) DO NOTHING",
                 (play_id, now))
    return added


def unsent(conn: sqlite3.Connection, damaged: dict[str, str], limit: int | None) -> list[OutboxItem]:
    """Statements not delivered yet, in the order they were queued. One that cannot be read
    (not a JSON object: changed behind Litige's back) is passed over, noted in `damaged`
    under its play, and stays in the outbox."""
    sql = "SELECT seq, statement_id, play_id, statement FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq"
    items: list[OutboxItem] = []
    after = -1
    while True:
        want = None if limit is None else limit - len(items)
        rows = conn.execute(sql + ("" if want is None else " LIMIT ?"),
                            (after,) if want is None else (after, want)).fetchall()
        for seq, statement_id, play_id, text in rows:
            after = seq
            try:
                statement = load_json(text, f"outbox.statement {statement_id}")
                if not isinstance(statement, dict):
                    raise Unreadable(f"outbox.statement {statement_id} is not a JSON object")
            except Unreadable as exc:
                note(damaged, play_id, f"{exc}; it stays in the outbox")
                continue
            items.append(OutboxItem(seq, statement_id, play_id, statement))
        if limit is None or not rows or len(items) >= limit:
            return items


def mark_sent(conn: sqlite3.Connection, statement_ids: Iterable[str]) -> None:
    """Mark these statements delivered, in the caller's transaction. The body goes once delivered
    (`litige export --format xapi` rebuilds statements): the outbox of a busy database does not
    grow with every statement ever sent."""
    now = moments.now_utc()
    conn.executemany("UPDATE outbox SET sent_at = ?, statement = '' WHERE statement_id = ? AND sent_at IS NULL",
                     [(now, i) for i in statement_ids])


def outbox_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(sent, unsent) statements in the outbox."""
    sent, unsent = conn.execute(
        "SELECT COALESCE(SUM(sent_at IS NOT NULL), 0), COALESCE(SUM(sent_at IS NULL), 0) FROM outbox").fetchone()
    return int(sent), int(unsent)
