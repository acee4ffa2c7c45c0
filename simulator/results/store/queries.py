"""Reading plays back: whole plays (records, results, verdicts), the history, the plays to resume,
a verdict's judged steps, and the small questions the game and the commands ask (best scores,
scenarios and trainees stored, the rules a play was scored by, a node's clock).

Every function takes the connection and `damaged` (Store.damaged) where a play may turn out
unreadable: such a play is left out and noted, never a crash (see damage.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from scoring.version import RULES
from simulator.play.record import PlayRecord, Step
from simulator.results.store.damage import PLAY_DAMAGE, note
from simulator.results.store.encoding import VERDICT_WORDS, Unreadable, step, step_numbers
from simulator.results.store.rows import PlayRow, StoredPlay, play_record, play_row, select_plays, stored_play
from simulator.results.store.selection import filters

JUDGED = ("opportunities", "applied", "violated")  # a verdict's lists of steps, as its row holds them
_FIRST_RULE_IDS = "SELECT play_id FROM plays WHERE finished_at IS NOT NULL AND rules IS NOT ?"
Judged = dict[str, tuple[int, ...]]  # "opportunities" / "applied" / "violated" → step numbers


def chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """`items` in slices of `size`, each few enough for one `IN (?, …)`."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def records(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row], damaged: dict[str, str]) -> dict[str, PlayRecord]:
    """PlayRecords for sound plays rows (select_plays), by play id: a play with a step that cannot
    be read is left out (and noted)."""
    ids = [r["play_id"] for r in rows]
    steps: dict[str, list[Step]] = {i: [] for i in ids}
    bad: set[str] = set()
    for chunk in chunks(ids):
        for pid, idx, data in conn.execute(f"SELECT play_id, idx, data FROM steps WHERE play_id IN ({_marks(chunk)}) "
                                           "ORDER BY play_id, idx", chunk):
            if pid in bad:
                continue
            try:
                if idx != len(steps[pid]):
                    raise Unreadable(f"step {len(steps[pid]) + 1} is missing")
                steps[pid].append(step(data, idx))
            except Unreadable as exc:
                bad.add(pid)
                note(damaged, pid, str(exc))
    return {r["play_id"]: play_record(r, steps[r["play_id"]]) for r in rows if r["play_id"] not in bad}


def unfinished(conn: sqlite3.Connection, damaged: dict[str, str], trainee: str | None) -> list[PlayRecord]:
    """Plays to resume (neither finished nor abandoned), the most recently played first."""
    where, params = ["p.finished_at IS NULL", "p.abandoned_at IS NULL"], []
    if trainee is not None:
        where.append("t.name = ?")
        params.append(trainee.strip())
    rows = select_plays(conn, where, params, "p.updated_at DESC, p.started_at DESC", damaged)
    found = records(conn, rows, damaged)
    return [found[r["play_id"]] for r in rows if r["play_id"] in found]


def plays(conn: sqlite3.Connection, damaged: dict[str, str], *, since: str | None, scenario: str | None,
          trainee: str | None, finished: bool | None, play_ids: Iterable[str] | None,
          include_abandoned: bool) -> list[StoredPlay]:
    """Whole plays (records, results, verdicts), oldest first; `since` is an ISO moment."""
    where, params = filters(conn, since=since, scenario=scenario, trainee=trainee, finished=finished)
    if not include_abandoned:
        where.append("p.abandoned_at IS NULL")
    if play_ids is not None:
        ids = list(play_ids)
        where.append(f"p.play_id IN ({_marks(ids) or 'NULL'})")
        params.extend(ids)
    rows = select_plays(conn, where, params, "p.started_at, p.play_id", damaged)
    found = records(conn, rows, damaged)
    verdicts, judgements = _verdicts(conn, [r["play_id"] for r in rows
                                            if r["finished_at"] is not None and r["play_id"] in found], found, damaged)
    return [stored_play(r, found[pid], verdicts.get(pid, {}), judgements.get(pid, {}))
            for r in rows if (pid := r["play_id"]) in found]


def _verdicts(conn: sqlite3.Connection, play_ids: Sequence[str], found: dict[str, PlayRecord],
              damaged: dict[str, str]) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, Judged]]]:
    """The verdict words and judged steps of these finished plays, by play and principle. A play
    with a verdict that cannot be read is taken out of `found` (and noted)."""
    verdicts: dict[str, dict[str, str]] = {pid: {} for pid in play_ids}
    judgements: dict[str, dict[str, Judged]] = {pid: {} for pid in play_ids}
    for chunk in chunks(play_ids):
        for pid, principle, verdict, *judged in conn.execute(
                f"SELECT play_id, principle, verdict, {', '.join(JUDGED)} FROM verdicts "
                f"WHERE play_id IN ({_marks(chunk)}) ORDER BY play_id, ord", chunk):
            if pid not in found:
                continue
            try:
                if not isinstance(principle, str) or verdict not in VERDICT_WORDS:
                    raise Unreadable("verdicts.verdict holds none of mastered, partial, missed, violated")
                judgements[pid][principle] = judged_steps(judged)
                verdicts[pid][principle] = verdict
            except Unreadable as exc:
                del found[pid]
                note(damaged, pid, str(exc))
    return verdicts, judgements


def judged_steps(values: Sequence[Any]) -> Judged:
    """A verdict row's opportunities, applied and violated columns, read strictly."""
    return {column: step_numbers(value, column) for column, value in zip(JUDGED, values)}


def history(conn: sqlite3.Connection, damaged: dict[str, str], *, trainee: str | None, scenario: str | None,
            since: str | None) -> list[PlayRow]:
    """Every play (finished, under way or abandoned), the most recent first."""
    where, params = filters(conn, since=since, scenario=scenario, trainee=trainee)
    return [play_row(r) for r in select_plays(conn, where, params, "p.started_at DESC, p.play_id DESC", damaged)]


def judgement(conn: sqlite3.Connection, damaged: dict[str, str], play_id: str, principle: str) -> Judged | None:
    """The steps at which a play's verdict on a principle was judged: {"opportunities",
    "applied", "violated"}; None when there is no such verdict or it cannot be read."""
    row = conn.execute(f"SELECT {', '.join(JUDGED)} FROM verdicts WHERE play_id = ? AND principle = ?",
                       (play_id, principle)).fetchone()
    if row is None:
        return None
    try:
        return judged_steps(row)
    except Unreadable as exc:
        note(damaged, play_id, str(exc))
        return None


def first_rule_ids(conn: sqlite3.Connection) -> list[str]:
    """Finished plays whose score was computed by other rules than the current ones."""
    return [r[0] for r in conn.execute(_FIRST_RULE_IDS, (RULES,))]


def has_first_rule_plays(conn: sqlite3.Connection) -> bool:
    return conn.execute(_FIRST_RULE_IDS + " LIMIT 1", (RULES,)).fetchone() is not None


def play_rules(conn: sqlite3.Connection, play_id: str) -> str | None:
    row = conn.execute("SELECT rules FROM plays WHERE play_id = ?", (play_id,)).fetchone()
    return row[0] if row else None


def node_seconds(conn: sqlite3.Connection, play_id: str, steps: int) -> float:
    """The seconds last saved (writes.save_clock) for the node after the play's `steps` steps
    (0.0 if none: a play saved before this schema, or never timed)."""
    row = conn.execute("SELECT node_seconds FROM plays WHERE play_id = ? AND step_count = ?",
                       (play_id, int(steps))).fetchone()
    return 0.0 if row is None or row[0] is None else float(row[0])


def best_scores(conn: sqlite3.Connection, trainee: str) -> dict[str, float]:
    """Scenario id → the trainee's best scaled score over finished plays (those that can be read)."""
    rows = conn.execute(
        "SELECT p.scenario, MAX(p.scaled) FROM plays p JOIN trainees t ON t.id = p.trainee_id "
        f"WHERE t.name = ? AND p.finished_at IS NOT NULL AND p.rules = ? AND {PLAY_DAMAGE} IS NULL "
        "GROUP BY p.scenario", (trainee.strip(), RULES))
    return {sid: float(best) for sid, best in rows if best is not None}


def scenario_ids(conn: sqlite3.Connection) -> list[str]:
    """The ids of the scenarios stored plays were played on."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT scenario FROM plays WHERE typeof(scenario) = 'text' ORDER BY scenario")]


def trainees(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM trainees WHERE typeof(name) = 'text' ORDER BY name")]
