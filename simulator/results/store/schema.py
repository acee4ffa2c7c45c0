"""The database's schema: its tables, created and migrated one version at a time
(`PRAGMA user_version`; MIGRATIONS[n] takes version n to n+1), and the check that a file's version
number agrees with the tables it holds before anything touches it."""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

from simulator.results.store.errors import StoreError, explain

MIGRATIONS: tuple[str, ...] = (
    # 0 → 1: the first schema
    """
    CREATE TABLE trainees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE plays (
        play_id TEXT PRIMARY KEY,
        trainee_id INTEGER REFERENCES trainees(id),
        scenario TEXT NOT NULL,
        start TEXT NOT NULL,
        lang TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        step_count INTEGER NOT NULL DEFAULT 0,
        finished_at TEXT,
        abandoned_at TEXT,
        ending TEXT,
        outcome TEXT,
        raw INTEGER,
        best INTEGER,
        exact INTEGER,
        scaled REAL,
        passed INTEGER,
        seconds REAL
    );
    CREATE INDEX plays_started ON plays(started_at);
    CREATE INDEX plays_scenario ON plays(scenario, started_at);
    CREATE INDEX plays_trainee ON plays(trainee_id, started_at);
    CREATE INDEX plays_open ON plays(updated_at) WHERE finished_at IS NULL AND abandoned_at IS NULL;
    CREATE TABLE steps (
        play_id TEXT NOT NULL REFERENCES plays(play_id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        node TEXT NOT NULL,
        chosen TEXT,
        next TEXT NOT NULL,
        timed_out INTEGER NOT NULL,
        seconds REAL NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (play_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE verdicts (
        play_id TEXT NOT NULL REFERENCES plays(play_id) ON DELETE CASCADE,
        principle TEXT NOT NULL,
        ord INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        opportunities TEXT NOT NULL,
        applied TEXT NOT NULL,
        violated TEXT NOT NULL,
        PRIMARY KEY (play_id, principle)
    ) WITHOUT ROWID;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        statement_id TEXT NOT NULL UNIQUE,
        play_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        statement TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE INDEX outbox_unsent ON outbox(seq) WHERE sent_at IS NULL;
    CREATE TABLE xapi_queued (
        play_id TEXT PRIMARY KEY,
        queued_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 1 → 2: per play, its choices and verdicts as compact keys, so that a report over many
    # plays reads one row per play instead of joining and grouping every step and verdict
    """
    ALTER TABLE plays ADD COLUMN choice_keys TEXT NOT NULL DEFAULT '';
    ALTER TABLE plays ADD COLUMN verdict_keys TEXT NOT NULL DEFAULT '';
    UPDATE plays SET choice_keys = COALESCE((SELECT group_concat(s.node || char(31) || COALESCE(s.chosen, ''),
        char(30)) FROM steps s WHERE s.play_id = plays.play_id), '');
    UPDATE plays SET verdict_keys = COALESCE((SELECT group_concat(v.principle || char(31) || v.verdict, char(30))
        FROM verdicts v WHERE v.play_id = plays.play_id), '')
    """,
    # 2 → 3: the seconds spent so far at a play's current node, the one not answered yet (not a
    # step), as of its last save: an interrupted play resumes its countdown with the time left
    """
    ALTER TABLE plays ADD COLUMN node_seconds REAL
    """,
    # 3 → 4: the variant a play drew, and the scoring rules its score was computed by; the
    # plays finished before are marked as scored by the first rules (see simulator/results/rescore.py)
    """
    ALTER TABLE plays ADD COLUMN variant TEXT;
    ALTER TABLE plays ADD COLUMN rules TEXT;
    UPDATE plays SET rules = '2026-11' WHERE finished_at IS NOT NULL
    """,
    # 4 → 5: the mode a play was played in: 'coach' (each choice's feedback shown right after
    # it) or 'exam'; the plays before coach mode were exams
    """
    ALTER TABLE plays ADD COLUMN mode TEXT;
    UPDATE plays SET mode = 'exam'
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
OUR_TABLES = frozenset({"trainees", "plays", "steps", "verdicts", "settings", "outbox", "xapi_queued",
                        "sqlite_sequence"})


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def version_of(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Bring the schema from its version to SCHEMA_VERSION, one migration at a time (in the
    caller's transaction for a file; as it is for a copy in memory)."""
    version = version_of(conn)  # another process may have done it
    for n in range(version, SCHEMA_VERSION):
        for statement in _statements(MIGRATIONS[n]):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {n + 1}")


def check_version(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse, touching nothing, a database written by a newer Litige, another program's
    database, or one whose version number does not match its tables."""
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path}: this results database was written by a newer Litige "
                         f"(schema {version}, this one knows up to {SCHEMA_VERSION}); it was left untouched")
    if version == 0:
        others = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")} - OUR_TABLES
        if others:
            raise StoreError(f"{path}: an SQLite database, but not a Litige results database "
                             f"(it holds {', '.join(sorted(others)[:3])}); it was left untouched")
    try:
        columns = {(t, col) for t, col in conn.execute(
            "SELECT m.name, i.name FROM sqlite_master m JOIN pragma_table_info(m.name) i "
            f"WHERE m.type = 'table' AND m.name IN ({', '.join(repr(t) for t in sorted(OUR_TABLES))})")}
    except sqlite3.Error as exc:  # e.g. a virtual table of an unknown module in our table's name
        raise StoreError(explain(path, exc)) from None
    if _schema_fits(columns, version):
        return
    # the version number says one thing, the tables another (a hand-set user_version): the
    # migrations would fail half-way, or the queries later; say it now, touching nothing
    fits = [v for v in range(SCHEMA_VERSION + 1) if _schema_fits(columns, v)]
    tables = (f"its tables are those of version {fits[-1]}; if only the number was changed, "
              f"`PRAGMA user_version = {fits[-1]}` puts it back" if fits else
              f"its tables match no schema of Litige's (up to version {SCHEMA_VERSION})")
    raise StoreError(f"{path}: the results database's schema version {version} does not match "
                     f"its tables ({tables}); it was left untouched")


@cache
def _columns_by_version() -> tuple[frozenset[tuple[str, str]], ...]:
    """The (table, column) pairs of our tables at each schema version, 0 to SCHEMA_VERSION."""
    conn = sqlite3.connect(":memory:")
    query = ("SELECT m.name, i.name FROM sqlite_master m JOIN pragma_table_info(m.name) i "
             "WHERE m.type = 'table'")
    out = [frozenset(conn.execute(query))]
    for script in MIGRATIONS:
        for statement in _statements(script):
            conn.execute(statement)
        out.append(frozenset(conn.execute(query)))
    conn.close()
    return tuple(out)


def _schema_fits(columns: set[tuple[str, str]], version: int) -> bool:
    """Whether a database holding these (table, column) pairs can be at `version`: it has every
    column of that version and none that a later migration adds (columns and tables of its own
    are allowed)."""
    if not 0 <= version <= SCHEMA_VERSION:
        return False
    by_version = _columns_by_version()
    ours = {(t, c) for t, c in columns if t in OUR_TABLES}
    return by_version[version] <= ours and not (by_version[-1] - by_version[version]) & ours
