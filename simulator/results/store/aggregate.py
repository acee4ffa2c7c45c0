"""The figures of `litige report`, counted by the database and from the plays' compact keys: no
play is loaded into memory."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.version import RULES
from simulator.results.store.damage import ROW_DAMAGE, note
from simulator.results.store.encoding import VERDICT_WORDS, Unreadable
from simulator.results.store.keys import count, halves, read_verdict_keys
from simulator.results.store.selection import filters


@dataclass(frozen=True)
class Aggregate:
    """What `litige report` shows, computed by the database (no play is loaded into memory)."""

    plays: int                      # finished plays in the selection
    unfinished: int                 # started, neither finished nor abandoned
    passed: int                     # among the plays scored by the current rules
    mean_scaled: float | None       # of the plays scored by the current rules
    trainees: int
    scenarios: Mapping[str, int]    # scenario id → finished plays
    outcomes: Mapping[str, int]     # outcome → finished plays
    principles: Mapping[str, Mapping[str, int]]          # principle → verdict → plays
    choices: Mapping[tuple[str, str], Mapping[str, int]]  # (scenario, node) → chosen id ("" = timeout) → times
    first_rules: int = 0            # finished plays still scored by the first rules: no pass or score counted
    modes: Mapping[str, int] = field(default_factory=dict)  # "coach" / "exam" → finished plays


def aggregate(conn: sqlite3.Connection, damaged: dict[str, str], *, scenario: str | None, since: str | None,
              trainee: str | None) -> Aggregate:
    """The figures over finished plays: totals in SQL, then one row per play (its compact choice
    and verdict keys) counted here, cheaper than joining and grouping every step and verdict. A
    play whose row cannot be read (see damage.py), or whose verdict keys hold no verdict, is left
    out of every figure (and noted)."""
    where, params = filters(conn, since=since, scenario=scenario, trainee=trainee)
    base = " AND ".join(where) if where else "1"
    left_out: list[int] = []
    for rowid, pid, why in conn.execute(f"SELECT p.rowid, p.play_id, {ROW_DAMAGE} FROM plays p "
                                        f"WHERE {base} AND {ROW_DAMAGE} IS NOT NULL", params):
        note(damaged, pid, why)
        left_out.append(rowid)
    while True:
        kept = base + (f" AND p.rowid NOT IN ({','.join('?' * len(left_out))})" if left_out else "")
        found = _aggregate(conn, damaged, kept, [*params, *left_out])
        if isinstance(found, Aggregate):
            return found
        left_out.extend(found)  # plays whose verdict keys hold no verdict: counted again without them


def _aggregate(conn: sqlite3.Connection, damaged: dict[str, str], base: str,
               params: list[Any]) -> Aggregate | list[int]:
    """aggregate() over the plays `base` selects, or the rowids of those whose verdict keys
    hold no verdict (noted)."""
    fin = f"{base} AND p.finished_at IS NOT NULL"
    plays, passed, mean, trainees, first = conn.execute(
        f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.rules = ? THEN p.passed END), 0), "
        f"AVG(CASE WHEN p.rules = ? THEN p.scaled END), COUNT(DISTINCT p.trainee_id), "
        f"COALESCE(SUM(p.rules IS NOT ?), 0) FROM plays p WHERE {fin}", [RULES, RULES, RULES, *params]).fetchone()
    unfinished = conn.execute(f"SELECT COUNT(*) FROM plays p WHERE {base} AND p.finished_at IS NULL "
                              f"AND p.abandoned_at IS NULL", params).fetchone()[0]
    scenarios = dict(conn.execute(f"SELECT p.scenario, COUNT(*) FROM plays p WHERE {fin} GROUP BY p.scenario "
                                  f"ORDER BY p.scenario", params).fetchall())
    outcomes = dict(conn.execute(f"SELECT COALESCE(p.outcome, ''), COUNT(*) FROM plays p WHERE {fin} "
                                 f"GROUP BY p.outcome ORDER BY p.outcome", params).fetchall())
    modes = dict(conn.execute(f"SELECT COALESCE(p.mode, 'exam'), COUNT(*) FROM plays p WHERE {fin} "
                              f"GROUP BY COALESCE(p.mode, 'exam')", params).fetchall())
    counted = _counted_keys(conn, damaged, fin, params)
    if isinstance(counted, list):
        return counted
    principles, choices = counted
    return Aggregate(plays=plays, unfinished=unfinished, passed=passed,
                     mean_scaled=None if mean is None else round(float(mean), 1), trainees=trainees,
                     scenarios=scenarios, outcomes=outcomes, principles=principles, choices=choices,
                     first_rules=first, modes={m: modes.get(m, 0) for m in ("coach", "exam")})


Counts = tuple[dict[str, dict[str, int]], dict[tuple[str, str], dict[str, int]]]


def _counted_keys(conn: sqlite3.Connection, damaged: dict[str, str], fin: str,
                  params: Sequence[Any]) -> Counts | list[int]:
    """(principle → verdict → plays, (scenario, node) → chosen id → times) over the finished
    plays `fin` selects, or the rowids of those whose verdict keys hold no verdict (noted)."""
    verdict_keys: list[str] = []
    verdict_plays: list[tuple[int, str]] = []  # (rowid, play id) of each verdict_keys entry
    choice_keys: dict[str, list[str]] = {}
    for rowid, pid, sid, choice_key, verdict_key in conn.execute(
            f"SELECT p.rowid, p.play_id, p.scenario, p.choice_keys, p.verdict_keys FROM plays p WHERE {fin}",
            params):
        if verdict_key:
            verdict_keys.append(verdict_key)
            verdict_plays.append((rowid, pid))
        if choice_key:
            choice_keys.setdefault(sid, []).append(choice_key)
    verdict_count = count(verdict_keys)
    if any(halves(key)[1] not in VERDICT_WORDS for key in verdict_count):
        return _unreadable(damaged, verdict_plays, verdict_keys)
    principles: dict[str, dict[str, int]] = {}
    for key, n in sorted(verdict_count.items()):
        pid, verdict = halves(key)
        principles.setdefault(pid, {})[verdict] = n
    choices: dict[tuple[str, str], dict[str, int]] = {}
    for sid in sorted(choice_keys):
        for key, n in sorted(count(choice_keys[sid]).items()):
            node, chosen = halves(key)
            choices.setdefault((sid, node), {})[chosen] = n
    return principles, choices


def _unreadable(damaged: dict[str, str], plays: Sequence[tuple[int, str]], keys: Sequence[str]) -> list[int]:
    """The rowids of the plays whose verdict keys cannot be read (noted)."""
    bad = []
    for (rowid, pid), play_keys in zip(plays, keys):
        try:
            read_verdict_keys(play_keys)
        except Unreadable as exc:
            note(damaged, pid, str(exc))
            bad.append(rowid)
    return bad
