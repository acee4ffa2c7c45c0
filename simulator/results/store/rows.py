"""A plays row and what the store makes of it: the one SELECT that history, whole plays and the
plays to resume read (columns by name), and the row → PlayRow / PlayRecord / StoredPlay mapping."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.play.record import PlayRecord, Step
from simulator.results.store.damage import PLAY_DAMAGE, note


@dataclass(frozen=True)
class PlayRow:
    """One play as the history lists it."""

    play_id: str
    trainee: str | None
    scenario: str
    lang: str
    started_at: str
    finished_at: str | None
    outcome: str | None
    scaled: float | None
    passed: bool | None
    steps: int = 0
    abandoned_at: str | None = None
    raw: int | None = None
    best: int | None = None
    ending: str | None = None
    seconds: float | None = None
    rules: str | None = None  # the scoring rules its score was computed by
    mode: str = "exam"  # "coach" or "exam" (PlayRecord.mode)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class StoredPlay:
    """A play with its whole record and, once finished, its result (verdict words by principle)."""

    record: PlayRecord
    finished_at: str | None = None
    outcome: str | None = None
    scaled: float | None = None
    passed: bool | None = None
    verdicts: Mapping[str, str] = field(default_factory=dict)
    abandoned_at: str | None = None
    raw: float | None = None  # Σ stake × credit (xAPI raw)
    best: int | None = None  # Σ stake: the most the play could have had (xAPI max)
    ending: str | None = None
    judgements: Mapping[str, Mapping[str, tuple[int, ...]]] = field(default_factory=dict)
    # principle → {"opportunities": steps, "applied": steps, "violated": steps}
    rules: str | None = None  # the scoring rules the score was computed by (None while unfinished)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


_COLUMNS = ("play_id", "scenario", "start", "lang", "started_at", "variant", "mode", "step_count", "finished_at",
            "abandoned_at", "ending", "outcome", "raw", "best", "scaled", "passed", "seconds", "rules")
PLAYS_SELECT = ("SELECT " + ", ".join(f"p.{c} AS {c}" for c in _COLUMNS) + ", t.name AS trainee, "
                f"{PLAY_DAMAGE} AS damage FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id")


def select_plays(conn: sqlite3.Connection, where: Sequence[str], params: Sequence[Any], order: str,
                 damaged: dict[str, str]) -> list[sqlite3.Row]:
    """The sound plays rows `where` selects, in `order`, their columns by name; the others noted
    in `damaged` (see damage.py)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    sql = PLAYS_SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY " + order
    sound = []
    for row in cursor.execute(sql, params):
        if row["damage"] is None:
            sound.append(row)
        else:
            note(damaged, row["play_id"], row["damage"])
    return sound


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def play_row(r: sqlite3.Row) -> PlayRow:
    return PlayRow(play_id=r["play_id"], trainee=r["trainee"], scenario=r["scenario"], lang=r["lang"],
                   started_at=r["started_at"], finished_at=r["finished_at"], outcome=r["outcome"],
                   scaled=r["scaled"], passed=_flag(r["passed"]), steps=r["step_count"],
                   abandoned_at=r["abandoned_at"], raw=r["raw"], best=r["best"], ending=r["ending"],
                   seconds=r["seconds"], rules=r["rules"], mode=r["mode"] or "exam")


def play_record(r: sqlite3.Row, steps: Sequence[Step]) -> PlayRecord:
    return PlayRecord(scenario=r["scenario"], start=r["start"], steps=tuple(steps), lang=r["lang"],
                      play_id=r["play_id"], started_at=r["started_at"], trainee=r["trainee"], variant=r["variant"],
                      mode=r["mode"] or "exam")


def stored_play(r: sqlite3.Row, record: PlayRecord, verdicts: Mapping[str, str],
                judgements: Mapping[str, Mapping[str, tuple[int, ...]]]) -> StoredPlay:
    return StoredPlay(record=record, finished_at=r["finished_at"], outcome=r["outcome"], scaled=r["scaled"],
                      passed=_flag(r["passed"]), verdicts=verdicts, abandoned_at=r["abandoned_at"], raw=r["raw"],
                      best=r["best"], ending=r["ending"], judgements=judgements, rules=r["rules"])
