"""What a results database is on disk before SQLite opens it: a regular SQLite file, and the
write-ahead log and shared-memory files beside it (made by a reader, tidied at its close)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from simulator.results.store.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def file_uri(path: Path) -> str:
    """The `file:` URI SQLite opens `path` by (with `?mode=…` and other options after it)."""
    return "file:" + quote(str(path.resolve()))


def journal_files(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps beside a WAL database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def check_header(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that is not an SQLite database."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the results database ({exc.strerror or exc})") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a Litige results database (not an SQLite file); it was left untouched "
                         f"— move it away or use --db another.db")


def check_file_type(path: Path) -> None:
    """Refuse a database, or a -wal/-shm beside it, that is not a regular file: opening a named
    pipe waits for a writer for ever, a device reads for ever."""
    for file in (path, *journal_files(path)):
        try:
            mode = file.stat().st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"{file}: cannot read the results database ({exc.strerror or exc})") from None
        if not stat.S_ISREG(mode):
            kind = next((word for test, word in _FILE_KINDS if test(mode)), "a special file")
            if file == path:
                raise StoreError(f"{path}: not a regular file ({kind}); a results database is a file — "
                                 f"use --db with a file's path")
            raise StoreError(f"{path}: cannot open the results database: {file.name} beside it, the name "
                             f"SQLite's journal needs, is not a regular file ({kind}); move it away")


def tidy_journal(path: Path) -> None:
    """Remove the -wal and -shm files that a read-only connection made beside a WAL database,
    which it cannot remove itself. A read-write connection that reads and closes removes them
    as SQLite does at a last close: only when it gets the database's exclusive lock, that is,
    when no other connection has the database open (a game or `serve` at work keeps them).
    The log is empty then, unless a writer came and went meanwhile: its steps are then moved
    into the database, as that writer's own close would have done. Never creates the database;
    a write-protected file is left as it is."""
    if not any(os.path.lexists(p) for p in journal_files(path)):
        return
    try:
        conn = sqlite3.connect(file_uri(path) + "?mode=rw", uri=True, timeout=1, isolation_level=None)
    except (sqlite3.Error, OSError):
        return
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error:
        pass
    finally:
        conn.close()
