"""Which plays a report covers, and how it says so: `--since` read as a moment, the filters and
the names `--trainee` matched written in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from simulator.format.errors import LitigeError
from simulator.lang.i18n import colon, t
from simulator.lang.plaintext import shown
from simulator.lang.typography import quote

if TYPE_CHECKING:
    from simulator.results.reports.figures import Report

TODAY = ("today", "aujourd'hui", "aujourdhui", "aujourd’hui")


def parse_since(text: str | None) -> str | None:
    """'2026-11-25', '2026-11-25T09:00' (local time unless an offset is given) or 'today' → UTC ISO text."""
    if not text:
        return None
    raw = text.strip()
    if raw.lower() in TODAY:
        moment = datetime.combine(date.today(), datetime.min.time()).astimezone()
    else:
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise LitigeError(f"--since {text!r} is not a date: write 2026-11-25 or 2026-11-25T09:00") from None
    try:
        if moment.tzinfo is None:
            moment = moment.astimezone()  # local time, as the trainer means it
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    except (ValueError, OverflowError):  # 0001-01-01 in a time zone east of UTC, 9999-12-31 west of it
        raise LitigeError(f"--since {text!r} is out of the range of dates: write a date between 1900 and 9000") from None


def filter_words(report: Report) -> list[str]:
    """The filters given, in the report's language: `scénario X`, `depuis le 2026-11-25`,
    `apprenant·e « Ana » (2 : Ana Dupont, Ana Martin)` (the names --trainee selected)."""
    lang = report.lang
    out = []
    for key, value in report.filters.items():
        value = shown(value)
        if key == "trainee":
            value = quote(value, lang)
            if report.matched is not None:
                names = _some_names(report.matched, 3)
                value += f" ({len(report.matched)}{colon(lang) + names if names else ''})"
        elif key == "since" and value.strip().lower() in TODAY:
            out.append(t("results.filter.since_today", lang))
            continue
        out.append(f"{t(f'results.filter.{key}', lang)} {value}")
    return out


def _some_names(names: Sequence[str], most: int) -> str:
    """The first `most` names, then `…` if there are more (the count is said beside)."""
    return ", ".join(shown(n) for n in names[:most]) + (", …" if len(names) > most else "")


def matched_line(query: str, names: Sequence[str], lang: str) -> str:
    """`2 trainees match “Ana”: Ana Dupont, Ana Martin` (history, export; the first ten names)."""
    return t("results.matched", lang, n=len(names), query=quote(shown(query), lang),
             names=colon(lang) + _some_names(names, 10) if names else "")
