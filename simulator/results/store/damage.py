"""Plays rows changed behind Litige's back: the SQL saying why one cannot be read, and the note
(Store.damaged) that names each play the reading functions leave out.

What a sound plays row holds is one rule, written once here as SQL (the report counts in SQL): a
row with text in a score, a blob, NULL where a value belongs is left out and noted, so that a
command names it on stderr and still shows every other play. The steps' and verdicts' JSON are
checked as they are decoded (encoding.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# What a sound plays row holds, column by column: the SQLite types its value may have.
_TEXT, _TEXT_OR_NULL, _NUMBER_OR_NULL = ("text",), ("text", "null"), ("integer", "real", "null")
_PLAY_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("play_id", _TEXT), ("scenario", _TEXT), ("start", _TEXT), ("lang", _TEXT), ("started_at", _TEXT),
    ("finished_at", _TEXT_OR_NULL), ("abandoned_at", _TEXT_OR_NULL), ("ending", _TEXT_OR_NULL),
    ("outcome", _TEXT_OR_NULL), ("variant", _TEXT_OR_NULL), ("rules", _TEXT_OR_NULL), ("mode", _TEXT_OR_NULL),
    ("choice_keys", _TEXT), ("verdict_keys", _TEXT), ("step_count", ("integer",)), ("passed", ("integer", "null")),
    ("scaled", _NUMBER_OR_NULL), ("raw", _NUMBER_OR_NULL), ("best", ("integer", "null")),
    ("seconds", _NUMBER_OR_NULL), ("node_seconds", _NUMBER_OR_NULL),
)
_TYPE_WORDS = {_TEXT: "text", _TEXT_OR_NULL: "text or nothing", _NUMBER_OR_NULL: "a number or nothing",
               ("integer",): "a whole number", ("integer", "null"): "a whole number or nothing"}


def _damage_sql(*, trainee: bool) -> str:
    """An SQL expression over `plays p` (and `trainees t` if `trainee`): NULL for a sound row,
    else why it cannot be read."""
    whens = [f"WHEN typeof(p.{col}) NOT IN ({', '.join(repr(t) for t in types)}) THEN "
             f"'plays.{col} holds ' || typeof(p.{col}) || ' where {_TYPE_WORDS[types]} belongs'"
             for col, types in _PLAY_TYPES]
    whens += ["WHEN p.passed NOT IN (0, 1) THEN 'plays.passed is neither 0 nor 1'",
              "WHEN p.scaled < 0 OR p.scaled > 100 THEN 'plays.scaled is not a score from 0 to 100'",
              "WHEN p.mode NOT IN ('coach', 'exam') THEN 'plays.mode is neither coach nor exam'",
              "WHEN p.finished_at IS NOT NULL AND (p.outcome IS NULL OR p.scaled IS NULL OR p.passed IS NULL) "
              "THEN 'a finished play with no outcome, score or pass in plays'"]
    if trainee:
        whens.append("WHEN typeof(t.name) NOT IN ('text', 'null') THEN 'trainees.name is not text'")
    return "(CASE " + " ".join(whens) + " END)"


ROW_DAMAGE = _damage_sql(trainee=False)
PLAY_DAMAGE = _damage_sql(trainee=True)  # for a query joining `trainees t`


def note(damaged: dict[str, str], play_id: str | None, why: str) -> None:
    """Remember a play left out because it cannot be read (the first reason found)."""
    damaged.setdefault(str(play_id), why)


def sound(rows: Iterable[Sequence[Any]], damaged: dict[str, str]) -> list[Sequence[Any]]:
    """The rows whose last column (PLAY_DAMAGE) is NULL, that column dropped; the others noted."""
    out = []
    for r in rows:
        if r[-1] is None:
            out.append(r[:-1])
        else:
            note(damaged, r[0], r[-1])
    return out
