"""Which plays a command selects (--since, --scenario, --trainee, finished or not) as the terms of
an SQL WHERE over `plays p`; a trainee is matched by name (names.py), as `--trainee` promises."""

from __future__ import annotations

import sqlite3
from typing import Any

from simulator.results.store.moments import utc_text
from simulator.results.store.names import match_names


def matching(conn: sqlite3.Connection, query: str) -> list[tuple[int, str]]:
    """(id, name) of the stored trainees `--trainee QUERY` selects, in alphabetical order."""
    rows = conn.execute("SELECT id, name FROM trainees WHERE typeof(name) = 'text' ORDER BY name").fetchall()
    chosen = set(match_names(query, [name for _, name in rows]))
    return [(int(i), name) for i, name in rows if name in chosen]


def filters(conn: sqlite3.Connection, *, since: str | None = None, scenario: str | None = None,
            trainee: str | None = None, finished: bool | None = None) -> tuple[list[str], list[Any]]:
    """The WHERE terms (to be joined by AND) and their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append("p.started_at >= ?")
        params.append(utc_text(since))
    if scenario:
        where.append("p.scenario = ?")
        params.append(scenario)
    if trainee is not None:
        ids = [i for i, _ in matching(conn, trainee)]
        where.append(f"p.trainee_id IN ({','.join('?' * len(ids)) or 'NULL'})")
        params.extend(ids)
    if finished is True:
        where.append("p.finished_at IS NOT NULL")
    elif finished is False:
        where.append("p.finished_at IS NULL")
    return where, params
