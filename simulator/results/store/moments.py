"""Moments as the store writes them: ISO 8601 text in UTC, so that text order is time order.

The store's writes call `moments.now_utc()` through this module, so that a test can set the
store's clock in one place."""

from __future__ import annotations

from datetime import UTC, datetime


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_moment(text: str) -> bool:
    """Whether `text` is an ISO 8601 moment as Python reads it (SQLite takes '12345' for a day)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def utc_text(text: str) -> str:
    """An ISO 8601 moment as UTC text (`2026-11-25T07:52:22+00:00`), so that text order is time
    order; naive moments are taken as UTC; text that is not a moment is kept as it is."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")
