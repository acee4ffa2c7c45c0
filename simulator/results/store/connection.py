"""Connecting to a results database file, and the write transaction.

- Read-write: one connection in autocommit mode; every write is one explicit `BEGIN IMMEDIATE`
  transaction (so a writer never has to upgrade a read lock, the case SQLite answers with an
  immediate "database is locked"), with a generous busy timeout for the others to wait. WAL
  journal with `synchronous=NORMAL`: readers never block the writer, and a committed step
  survives a killed process or a closed terminal. (A power cut may lose the last steps, never
  the file: SQLite's advice for WAL. FULL would wait for a disk sync at every step, which
  measured as half of the time from a key press to the next line of the game.)
- Read-only (`mode=ro`): an older schema is migrated in a copy in memory, never in the file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from simulator.results.store.errors import BUSY_TIMEOUT_MS, StoreError, explain
from simulator.results.store.files import file_uri, journal_files, tidy_journal
from simulator.results.store.schema import SCHEMA_VERSION, apply_migrations, check_version, version_of


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed at the end, rolled back on any failure."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def in_memory() -> sqlite3.Connection:
    """An empty results database in memory (the latest schema)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    apply_migrations(conn)
    return conn


def open_readwrite(path: Path) -> sqlite3.Connection:
    """A connection to the database file at `path` (created if absent), its schema checked and
    migrated, in WAL mode; StoreError if it cannot be."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(explain(path, exc)) from None
    try:
        _setup(conn, path)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise StoreError(explain(path, exc)) from None
        raise
    return conn


def _setup(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # the version and the tables read in one snapshot: another process creating or migrating
    # the file between two reads would make them disagree (version 0, tables of the latest)
    conn.execute("BEGIN")
    try:
        version = version_of(conn)  # reads the header: "not a database" here
        check_version(conn, path, version)
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"{path}: cannot switch the results database to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = NORMAL")
    if version < SCHEMA_VERSION:
        with transaction(conn):
            apply_migrations(conn)
    elif not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        # say it now rather than at the first step (without writing: the file may be damaged)
        raise StoreError(f"{path}: cannot write to the results database (read-only file or folder)")


def open_readonly(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to the database file at `path`, and whether the -wal and -shm files
    beside it are to be removed at close: a read-only connection to a WAL database makes them and
    cannot remove them (see files.tidy_journal), if they were not there before."""
    journal_there = any(os.path.lexists(p) for p in journal_files(path))
    conn, version, immutable = _connect_readonly(path)
    tidy = not journal_there and not immutable
    try:
        check_version(conn, path, version)
        if version < SCHEMA_VERSION:  # migrate a copy in memory: the file stays as it is
            conn = _copy_in_memory(conn, path)
            apply_migrations(conn)
    except BaseException:
        conn.close()
        if tidy:
            tidy_journal(path)
        raise
    return conn, tidy


def _connect_readonly(path: Path) -> tuple[sqlite3.Connection, int, bool]:
    """The connection, the schema version it reads, and whether it reads the file as immutable."""
    uri = file_uri(path) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        try:
            return conn, version_of(conn), False
        except sqlite3.OperationalError as exc:
            conn.close()
            # A WAL database on read-only media: SQLite cannot make the shared-memory file
            # (-shm) beside it. With no write-ahead log holding data, the file alone is the
            # whole database: read it as immutable (no locks, no -shm).
            wal = journal_files(path)[0]
            low = str(exc).lower()
            if not ("unable to open" in low or "readonly" in low) or wal.exists() and (
                    not wal.is_file() or wal.stat().st_size > 0):
                raise
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
            return conn, version_of(conn), True
    except sqlite3.Error as exc:
        raise StoreError(explain(path, exc, reading=True)) from None


def _copy_in_memory(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    """A copy in memory of the database `conn` reads; `conn` closed once copied."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.backup(memory)
    except sqlite3.Error as exc:
        memory.close()
        raise StoreError(explain(path, exc, reading=True)) from None
    conn.close()
    return memory
