"""How the reports write one thing in a cell or a line: a share, a score, an outcome, a play's
state and time, a name cut to its column."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from scoring.version import RULES
from simulator.lang.i18n import fmt_number, fmt_percent, t
from simulator.lang.plaintext import shown

if TYPE_CHECKING:
    from simulator.results.store import PlayRow


def pct(x: float | None, lang: str) -> str:
    """A share (0 to 1) as a reader's percentage: `42 %` in French, `42%` in English."""
    return "-" if x is None else fmt_percent(100 * x, lang)


def over_100(x: float | None, lang: str) -> str:
    """A score out of 100 as a reader writes it: `78,5 / 100` in French."""
    return "-" if x is None else f"{fmt_number(x, lang)} / 100"


def outcome_word(outcome: str, lang: str) -> str:
    return t(f"outcome.{outcome}", lang) if outcome in ("won", "kept", "lost") else (outcome or "-")


def clip(text: str, width: int) -> str:
    """Text cut to a table's column, on one line, written by the rule for stored free text (shown)."""
    text = shown(text)
    return text if len(text) <= width else text[:width - 1] + "…"


def short_time(iso: str | None) -> str:
    """'2026-11-25T07:52:22+00:00' → '2026-11-25 07:52' (UTC), for tables."""
    if not iso:
        return ""
    return iso[:16].replace("T", " ")


def status(row: PlayRow, lang: str) -> str:
    """The play's state in words (never a colour alone)."""
    if row.finished_at is None:
        return t("results.abandoned" if row.abandoned_at else "results.unfinished", lang)
    parts = [t(f"outcome.{row.outcome}", lang) if row.outcome in ("won", "kept", "lost") else (row.outcome or "")]
    parts.append(t("results.passed" if row.passed else "results.failed", lang))
    return " · ".join(p for p in parts if p)


def score_cell(row: PlayRow, lang: str) -> str:
    """A play's score for a table; a score by the first rules is marked with an asterisk."""
    if row.scaled is None:
        return ""
    return fmt_number(row.scaled, lang) + (" *" if row.finished and row.rules != RULES else "")


def arrival_numbers(started: Iterable[tuple[str, str]]) -> dict[str, int]:
    """(started_at, play id) pairs → play id → 1, 2, … in order of arrival (the start, then the id):
    the N of 'Participant N', on the room's wall and on a page sent out."""
    return {play_id: n for n, (_, play_id) in enumerate(sorted(started), 1)}


def anonymised(rows: Sequence[PlayRow], lang: str) -> list[PlayRow]:
    """The plays with 'Participant N' for names, N in order of arrival (for a page sent out)."""
    number = arrival_numbers((r.started_at, r.play_id) for r in rows)
    return [replace(r, trainee=t("room.anonymous", lang, n=number[r.play_id])) for r in rows]
