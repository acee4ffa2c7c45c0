"""Results as text, Markdown, CSV, JSON and a standalone HTML page: pure functions of the data the
store hands out (no database, no Textual). `group_page` is the group debrief a consultant sends
and the workshop shows the room."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Sequence

from simulator.errors import LitigeError
from simulator.i18n import t
from simulator.store import PlayRow


def parse_since(text: str | None) -> str | None:
    """'2026-11-25', '2026-11-25T09:00' (local time unless an offset is given) or 'today' → UTC ISO text."""
    if not text:
        return None
    raw = text.strip()
    if raw.lower() in ("today", "aujourd'hui", "aujourdhui"):
        moment = datetime.combine(date.today(), datetime.min.time()).astimezone()
    else:
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise LitigeError(f"--since {text!r} is not a date: write 2026-11-25 or 2026-11-25T09:00") from None
        if moment.tzinfo is None:
            moment = moment.astimezone()  # local time, as the trainer means it
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


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


def history_text(rows: Sequence[PlayRow], lang: str) -> str:
    if not rows:
        return t("results.no_plays", lang) + "\n"
    head = [t("results.col.started", lang), t("results.col.trainee", lang), t("results.col.scenario", lang),
            t("results.col.steps", lang), t("results.col.score", lang), t("results.col.result", lang)]
    table = [[short_time(r.started_at), r.trainee or "-", r.scenario, str(r.steps),
              "" if r.scaled is None else f"{r.scaled:g}", status(r, lang)] for r in rows]
    return _table(head, table, right={3, 4})


def _table(head: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]

    def line(cells: list[str]) -> str:
        out = [f"{c:>{w}}" if i in right else f"{c:<{w}}" for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(out).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"
