"""Finished plays as learning reads them: a trainee's profile (ProgressPlay) and the group's
learning gain (scoring.gain.Attempt), one row per play from its compact keys (keys.py), with the
steps of its violated verdicts only: a profile of 500 plays reads no step's JSON."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scoring.version import RULES
from simulator.results.store.damage import PLAY_DAMAGE, note, sound
from simulator.results.store.encoding import Unreadable, step_numbers
from simulator.results.store.keys import nodes, read_verdict_keys
from simulator.results.store.moments import is_moment
from simulator.results.store.queries import chunks
from simulator.results.store.selection import filters

if TYPE_CHECKING:
    from scoring.gain import Attempt

_FROM = "FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id"


@dataclass(frozen=True)
class ProgressPlay:
    """A finished play as a trainee's profile needs it (simulator/results/progress.py): one row, read from
    the play's compact keys (no step's JSON, no verdict row but the violated ones)."""

    play_id: str
    scenario: str
    finished_at: str
    mode: str
    lang: str
    rules: str | None
    scaled: float | None
    passed: bool | None
    verdicts: Mapping[str, str]  # principle → verdict word
    violated: Mapping[str, tuple[int, ...]]  # principle → the steps that violated it (violated verdicts only)
    nodes: tuple[str, ...]  # the node of each step, in order


def _verdicts(parsed: dict[str, Mapping[str, str]], keys: str) -> Mapping[str, str]:
    """A play's verdict keys read (Unreadable if they cannot be); plays on the same path share
    their keys: `parsed` reads each text once."""
    found = parsed.get(keys)
    if found is None:
        found = parsed[keys] = read_verdict_keys(keys)
    return found


def progress_plays(conn: sqlite3.Connection, damaged: dict[str, str], trainee: str) -> list[ProgressPlay]:
    """A trainee's finished plays (not abandoned) for their profile, oldest finished first. A play
    that cannot be read is left out and noted, as everywhere. `trainee` is a stored name, taken
    exactly: a profile is one person's, and "Ana" beside "ana" or "Ana Dupont" are others
    (--trainee's matching is the caller's, commands/progress.find_trainee)."""
    where, params = filters(conn, finished=True)
    where += ["t.name = ?", "p.abandoned_at IS NULL"]
    params.append(trainee.strip())  # as it was stored (writes.trainee_id), as best_scores reads it
    rows = sound(conn.execute(
        "SELECT p.play_id, p.scenario, p.finished_at, COALESCE(p.mode, 'exam'), p.lang, p.rules, p.scaled, "
        f"p.passed, p.verdict_keys, p.choice_keys, {PLAY_DAMAGE} {_FROM} WHERE " + " AND ".join(where)
        + " ORDER BY p.finished_at, p.play_id", params), damaged)
    parsed: dict[str, Mapping[str, str]] = {}
    verdicts: dict[str, Mapping[str, str]] = {}
    for r in rows:
        if not is_moment(r[2]):  # the profile counts days by it (progress.day_of)
            note(damaged, r[0], "plays.finished_at is not a date and time")
            continue
        try:
            verdicts[r[0]] = _verdicts(parsed, r[8])
        except Unreadable as exc:
            note(damaged, r[0], str(exc))
    violated, bad = violated_steps(conn, damaged, verdicts)
    return [ProgressPlay(play_id=pid, scenario=sid, finished_at=finished_at, mode=mode, lang=lang, rules=rules,
                         scaled=scaled, passed=None if passed is None else bool(passed), verdicts=verdicts[pid],
                         violated=violated[pid], nodes=nodes(choice_keys))
            for pid, sid, finished_at, mode, lang, rules, scaled, passed, _, choice_keys in rows
            if pid in verdicts and pid not in bad]


def violated_steps(conn: sqlite3.Connection, damaged: dict[str, str], verdicts: Mapping[str, Mapping[str, str]]
                   ) -> tuple[dict[str, dict[str, tuple[int, ...]]], set[str]]:
    """Per play (id → its verdict words), the steps that violated each principle it violated
    (the verdict rows of violated verdicts only), and the plays whose steps cannot be read
    (noted)."""
    violated: dict[str, dict[str, tuple[int, ...]]] = {pid: {} for pid in verdicts}
    bad: set[str] = set()
    read: dict[str, tuple[int, ...]] = {}  # the same few step lists recur: each text read once
    for chunk in chunks([pid for pid, v in verdicts.items() if "violated" in v.values()]):
        for pid, principle, steps in conn.execute(
                f"SELECT play_id, principle, violated FROM verdicts WHERE verdict = 'violated' "
                f"AND play_id IN ({','.join('?' * len(chunk))})", chunk):
            try:
                known = read.get(steps) if isinstance(steps, str) else None
                if known is None:
                    known = step_numbers(steps, "violated")
                    if isinstance(steps, str):
                        read[steps] = known
                violated[pid][principle] = known
            except Unreadable as exc:
                bad.add(pid)
                note(damaged, pid, str(exc))
    return violated, bad


def attempts(conn: sqlite3.Connection, damaged: dict[str, str], *, scenario: str | None, since: str | None,
             trainee: str | None) -> list[Attempt]:
    """The finished plays as the group's learning gain needs them (scoring/gain.py): one row
    per play, its verdicts from the compact keys (no join over the verdicts table)."""
    from scoring.gain import Attempt
    where, params = filters(conn, since=since, scenario=scenario, trainee=trainee, finished=True)
    sql = ("SELECT p.play_id, t.name, p.scenario, COALESCE(p.mode, 'exam'), p.started_at, p.scaled, p.rules, "
           f"p.verdict_keys, p.choice_keys, {PLAY_DAMAGE} {_FROM} WHERE " + " AND ".join(where))
    rows: list[Any] = []
    parsed: dict[str, Mapping[str, str]] = {}
    by_play: dict[str, Mapping[str, str]] = {}
    for pid, name, sid, mode, started, scaled, rules, keys, choices in sound(conn.execute(sql, params), damaged):
        try:
            by_play[pid] = _verdicts(parsed, keys)
        except Unreadable as exc:  # left out, like every play that cannot be read
            note(damaged, pid, str(exc))
            continue
        rows.append((pid, name, sid, mode, started, scaled, rules, choices))
    violated, bad = violated_steps(conn, damaged, by_play)  # for the rule of a principle kept (Avoidance)
    paths: dict[str, tuple[str, ...]] = {}  # plays on the same path share their nodes: split once
    return [Attempt(trainee=name, scenario=sid, mode=mode, started_at=started, scaled=scaled,
                    verdicts=by_play[pid], current_rules=rules == RULES, play_id=pid,
                    nodes=paths[choices] if choices in paths else paths.setdefault(choices, nodes(choices)),
                    violated=violated[pid])
            for pid, name, sid, mode, started, scaled, rules, choices in rows if pid not in bad]
