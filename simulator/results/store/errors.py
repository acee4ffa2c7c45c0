"""The store's one failure, StoreError: one line saying which file and why, made from any SQLite
or OS error (explain) at the edge of each Store method (guarded)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, Protocol, TypeVar

from simulator.format.errors import LitigeError

BUSY_TIMEOUT_MS = 60_000  # how long a connection waits for another program's write before giving up


class StoreError(LitigeError):
    """The results database cannot be used; the message is one line saying which file and why."""


def explain(path: Path, exc: BaseException, *, reading: bool = False) -> str:
    """An SQLite or OS failure on the database at `path` as one line a trainer can act on."""
    msg = str(exc)
    low = msg.lower()
    if reading and ("unable to open" in low or "readonly" in low or "read-only" in low or "permission" in low):
        return f"{path}: cannot open the results database for reading ({msg})"
    if "not a database" in low or "malformed" in low or "file is encrypted" in low:
        return (f"{path}: not a usable Litige results database (the file is damaged or is not an "
                f"SQLite database: {msg}); it was left untouched — move it away or use --db another.db")
    if "readonly" in low or "read-only" in low or "permission" in low:
        return f"{path}: cannot write to the results database (read-only file or folder: {msg})"
    if "unable to open" in low:
        return f"{path}: cannot open the results database ({msg}; does the folder exist and is it writable?)"
    if "locked" in low or "busy" in low:
        return f"{path}: the results database stayed locked by another program for over " \
               f"{BUSY_TIMEOUT_MS // 1000} s ({msg})"
    if "disk" in low and ("full" in low or "i/o" in low):
        return f"{path}: the results database cannot be written ({msg})"
    return f"{path}: results database error: {msg}"


class _AtPath(Protocol):
    path: Path


F = TypeVar("F", bound=Callable[..., Any])


def guarded(fn: F) -> F:
    """Turn any SQLite or OS failure inside a Store method into a one-line StoreError."""
    @wraps(fn)
    def wrapper(self: _AtPath, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self, *args, **kwargs)
        except StoreError:
            raise
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(explain(self.path, exc)) from None
    return wrapper  # type: ignore[return-value]
