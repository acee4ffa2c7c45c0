"""The results store: one SQLite file holding trainees, plays, steps, verdicts, settings and the
xAPI outbox. The only module that opens SQLite.

- One connection per Store, in autocommit mode; every write is one explicit `BEGIN IMMEDIATE`
  transaction (so a writer never has to upgrade a read lock, the case SQLite answers with an
  immediate "database is locked"), with a generous busy timeout for the others to wait.
- WAL journal with `synchronous=NORMAL`: readers never block the writer, and a committed step
  survives a killed process or a closed terminal. (A power cut may lose the last steps, never
  the file: SQLite's advice for WAL. FULL would wait for a disk sync at every step, which
  measured as half of the time from a key press to the next line of the game.)
- Schema versioned with `PRAGMA user_version`; `MIGRATIONS[n]` takes version n to n+1.
- Any SQLite failure becomes a StoreError with one clear line. The user's file is never
  deleted, truncated or rewritten to "repair" it.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import stat
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, UTC
from functools import cache, wraps
from pathlib import Path
from urllib.parse import quote
from typing import TYPE_CHECKING, Any, TypeVar
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from scoring.verdict import Verdict
from scoring.version import RULES
from simulator.format.errors import LitigeError
from simulator.play.record import PlayRecord, Step
from simulator.results.seats import Seats, seats_dir

if TYPE_CHECKING:
    from scoring.gain import Attempt
    from scoring.scorer import Result

BUSY_TIMEOUT_MS = 60_000
WRITTEN_KEPT = 32  # plays whose last written steps a store remembers (see Store._written)
SQLITE_MAGIC = b"SQLite format 3\x00"

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
_FIRST_RULE_IDS = "SELECT play_id FROM plays WHERE finished_at IS NOT NULL AND rules IS NOT ?"
KEY_SEP, PAIR_SEP = "\x1f", "\x1e"  # char(31) between the two halves of a key, char(30) between keys
OUR_TABLES = frozenset({"trainees", "plays", "steps", "verdicts", "settings", "outbox", "xapi_queued",
                        "sqlite_sequence"})
VERDICT_WORDS = frozenset(v.value for v in Verdict)

# What a sound plays row holds, column by column: the SQLite types its value may have. A row
# changed behind Litige's back (text in a score, a blob, NULL where a value belongs) is a play
# that cannot be read: the reading methods leave it out and note it in Store.damaged, so that a
# command names it on stderr and still shows every other play. One rule, written once here as
# SQL (the report counts in SQL); the steps' and verdicts' JSON are checked as they are decoded.
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


_ROW_DAMAGE = _damage_sql(trainee=False)
_PLAY_DAMAGE = _damage_sql(trainee=True)  # for a query joining `trainees t`


class StoreError(LitigeError):
    """The results database cannot be used; the message is one line saying which file and why."""


def default_db_path() -> Path:
    """$LITIGE_DB if set, else litige.db in the user's data directory."""
    env = os.environ.get("LITIGE_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir
    return Path(user_data_dir("litige", appauthor=False)) / "litige.db"


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _moment(text: str) -> bool:
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


# -- what the store hands out ------------------------------------------------------------------

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


@dataclass(frozen=True)
class ProgressPlay:
    """A finished play as a trainee's profile needs it (simulator/results/progress.py): one row, read from
    the play's compact keys (no step's JSON, no verdict row but the violated ones)."""

    play_id: str
    scenario: str
    finished_at: str
    mode: str
    lang: str
    rules: str | None
    scaled: float | None
    passed: bool | None
    verdicts: Mapping[str, str]  # principle → verdict word
    violated: Mapping[str, tuple[int, ...]]  # principle → the steps that violated it (violated verdicts only)
    nodes: tuple[str, ...]  # the node of each step, in order


@dataclass(frozen=True)
class Aggregate:
    """What `litige report` shows, computed by the database (no play is loaded into memory)."""

    plays: int                      # finished plays in the selection
    unfinished: int                 # started, neither finished nor abandoned
    passed: int                     # among the plays scored by the current rules
    mean_scaled: float | None       # of the plays scored by the current rules
    trainees: int
    scenarios: Mapping[str, int]    # scenario id → finished plays
    outcomes: Mapping[str, int]     # outcome → finished plays
    principles: Mapping[str, Mapping[str, int]]          # principle → verdict → plays
    choices: Mapping[tuple[str, str], Mapping[str, int]]  # (scenario, node) → chosen id ("" = timeout) → times
    first_rules: int = 0            # finished plays still scored by the first rules: no pass or score counted
    modes: Mapping[str, int] = field(default_factory=dict)  # "coach" / "exam" → finished plays

    @property
    def scored(self) -> int:
        """The finished plays whose score and pass count: those scored by the current rules."""
        return self.plays - self.first_rules

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.scored if self.scored else None


@dataclass(frozen=True)
class OutboxItem:
    seq: int
    statement_id: str
    play_id: str
    statement: Mapping[str, Any]


# -- errors ------------------------------------------------------------------------------------

def _explain(path: Path, exc: BaseException, *, reading: bool = False) -> str:
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


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(fn: F) -> F:
    """Turn any SQLite or OS failure inside a Store method into a one-line StoreError."""
    @wraps(fn)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self, *args, **kwargs)
        except StoreError:
            raise
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(_explain(self.path, exc)) from None
    return wrapper  # type: ignore[return-value]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# -- the store ---------------------------------------------------------------------------------

class Store:
    """An open results database. Not thread-safe: one Store per thread or process."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False):
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self._seats = Seats(seats_dir(path))  # the plays and names this store holds (see seats.py)
        self._depth = 0  # open transactions (batch() nests save calls in one transaction)
        # play id → the steps this store last wrote for it. Steps are immutable, so those a
        # record still holds as the very same objects need no comparing: a save costs the new
        # step, not the whole play. Forgotten whenever a transaction rolls back.
        self._written: dict[str, tuple[Step, ...]] = {}
        # play id → why it cannot be read: the plays the reading methods left out (see
        # _PLAY_DAMAGE); a command names each on stderr
        self.damaged: dict[str, str] = {}
        self._tidy_journal = False  # a read-only store that made the -wal/-shm files removes them at close

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, readonly: bool = False, must_exist: bool = False) -> Store:
        """Open the database at `path`, else $LITIGE_DB, else the default; created if needed,
        unless `readonly` or `must_exist`: then a named file (`path` or $LITIGE_DB) that is not
        there is an error ("no results database at PATH"), and the default file not there yet (a
        fresh install) opens as an empty database in memory; nothing is created on disk.

        `readonly` opens the file read-only (SQLite `mode=ro`): reading works on a read-only file,
        folder or mount; every write raises StoreError. An older schema is migrated in a copy in
        memory, never in the file."""
        named = path is not None or bool(os.environ.get("LITIGE_DB"))
        path = Path(path).expanduser() if path is not None else default_db_path()
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a results database file")
        if path.exists():
            _check_file_type(path)
            _check_header(path)
        elif readonly or must_exist:
            if named:
                raise StoreError(f"no results database at {path}")
            return cls._empty(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the folder {path.parent} ({exc.strerror or exc})") from None
        if readonly:
            return cls._open_readonly(path)
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(_explain(path, exc)) from None
        store = cls(conn, path)
        try:
            store._setup()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _empty(cls, path: Path) -> Store:
        """An empty results database in memory, standing for a file not created yet."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(conn, path, readonly=True)
        store._apply_migrations()
        return store

    @classmethod
    def _open_readonly(cls, path: Path) -> Store:
        uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
        journal_there = any(os.path.lexists(p) for p in _journal_files(path))
        immutable = False
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.OperationalError as exc:
                conn.close()
                # A WAL database on read-only media: SQLite cannot make the shared-memory file
                # (-shm) beside it. With no write-ahead log holding data, the file alone is the
                # whole database: read it as immutable (no locks, no -shm).
                wal = path.with_name(path.name + "-wal")
                low = str(exc).lower()
                if not ("unable to open" in low or "readonly" in low) or wal.exists() and (
                        not wal.is_file() or wal.stat().st_size > 0):
                    raise
                conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None,
                                       check_same_thread=False)
                immutable = True
                version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(_explain(path, exc, reading=True)) from None
        store = cls(conn, path, readonly=True)
        # A read-only connection to a WAL database makes the -wal and -shm files beside it and
        # cannot remove them: the store does it at close (see _tidy_journal), if they were not there.
        store._tidy_journal = not journal_there and not immutable
        try:
            store._check_version(version)
            if version < SCHEMA_VERSION:  # migrate a copy in memory: the file stays as it is
                memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                try:
                    conn.backup(memory)
                except sqlite3.Error as exc:
                    memory.close()
                    raise StoreError(_explain(path, exc, reading=True)) from None
                conn.close()
                store._conn = memory
                store._apply_migrations()
        except BaseException:
            store._conn.close()
            if store._tidy_journal:
                _tidy_journal(path)
            raise
        return store

    def _apply_migrations(self) -> None:
        """Bring the schema from its version to SCHEMA_VERSION, one migration at a time (in the
        caller's transaction for a file; as it is for a copy in memory)."""
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
        for n in range(version, SCHEMA_VERSION):
            for statement in _split(MIGRATIONS[n]):
                self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {n + 1}")

    def _check_version(self, version: int) -> None:
        c = self._conn
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: this results database was written by a newer Litige "
                             f"(schema {version}, this one knows up to {SCHEMA_VERSION}); it was left untouched")
        if version == 0:
            others = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")} - OUR_TABLES
            if others:
                raise StoreError(f"{self.path}: an SQLite database, but not a Litige results database "
                                 f"(it holds {', '.join(sorted(others)[:3])}); it was left untouched")
        try:
            columns = {(t, col) for t, col in c.execute(
                "SELECT m.name, i.name FROM sqlite_master m JOIN pragma_table_info(m.name) i "
                f"WHERE m.type = 'table' AND m.name IN ({', '.join(repr(t) for t in sorted(OUR_TABLES))})")}
        except sqlite3.Error as exc:  # e.g. a virtual table of an unknown module in our table's name
            raise StoreError(_explain(self.path, exc)) from None
        if _schema_fits(columns, version):
            return
        # the version number says one thing, the tables another (a hand-set user_version): the
        # migrations would fail half-way, or the queries later; say it now, touching nothing
        fits = [v for v in range(SCHEMA_VERSION + 1) if _schema_fits(columns, v)]
        tables = (f"its tables are those of version {fits[-1]}; if only the number was changed, "
                  f"`PRAGMA user_version = {fits[-1]}` puts it back" if fits else
                  f"its tables match no schema of Litige's (up to version {SCHEMA_VERSION})")
        raise StoreError(f"{self.path}: the results database's schema version {version} does not match "
                         f"its tables ({tables}); it was left untouched")

    @_guarded
    def _setup(self) -> None:
        c = self._conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        c.execute("PRAGMA foreign_keys = ON")
        # the version and the tables read in one snapshot: another process creating or migrating
        # the file between two reads would make them disagree (version 0, tables of the latest)
        c.execute("BEGIN")
        try:
            version = c.execute("PRAGMA user_version").fetchone()[0]  # reads the header: "not a database" here
            self._check_version(version)
        finally:
            if c.in_transaction:
                c.execute("COMMIT")
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: cannot switch the results database to WAL mode (got {mode})")
        c.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            self._migrate()
        elif not os.access(self.path, os.W_OK) or not os.access(self.path.parent, os.W_OK | os.X_OK):
            # say it now rather than at the first step (without writing: the file may be damaged)
            raise StoreError(f"{self.path}: cannot write to the results database (read-only file or folder)")

    def _migrate(self) -> None:
        with self._tx():
            self._apply_migrations()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self._conn
        except BaseException:
            self._depth = 0
            self._written.clear()
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Group many saves in one transaction (bulk imports, benchmarks)."""
        try:
            with self._tx():
                yield self
        except sqlite3.Error as exc:
            raise StoreError(_explain(self.path, exc)) from None

    def close(self) -> None:
        try:
            self._seats.release_all()
        finally:
            self._conn.close()
            if self._tidy_journal:
                self._tidy_journal = False
                _tidy_journal(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    # -- writing plays ---------------------------------------------------------------------
    def _trainee_id(self, name: str | None) -> int | None:
        name = (name or "").strip()
        if not name:
            return None
        c = self._conn
        c.execute("INSERT INTO trainees(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                  (name, now_utc()))
        return int(c.execute("SELECT id FROM trainees WHERE name = ?", (name,)).fetchone()[0])

    def _sync(self, record: PlayRecord) -> bool:
        """Upsert the play and make its steps match the record; True if the steps changed."""
        c = self._conn
        n = len(record.steps)
        row = c.execute("SELECT step_count FROM plays WHERE play_id = ?", (record.play_id,)).fetchone()
        written_count = None if row is None else int(row[0])
        keys = PAIR_SEP.join(f"{s.node}{KEY_SEP}{s.chosen or ''}" for s in record.steps)
        c.execute(
            """INSERT INTO plays(play_id, trainee_id, scenario, start, lang, started_at, updated_at, step_count,
                                 choice_keys, variant, mode)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(play_id) DO UPDATE SET trainee_id = excluded.trainee_id, lang = excluded.lang,
                   updated_at = excluded.updated_at, step_count = excluded.step_count,
                   choice_keys = excluded.choice_keys""",
            (record.play_id, self._trainee_id(record.trainee), record.scenario, record.start, record.lang,
             utc_text(record.started_at), now_utc(), n, keys, record.variant, record.mode))
        same = self._unchanged_prefix(record, written_count)
        stored = dict(c.execute("SELECT idx, data FROM steps WHERE play_id = ? AND idx >= ?",
                                (record.play_id, same)).fetchall())
        changed = False
        if any(i >= n for i in stored):
            c.execute("DELETE FROM steps WHERE play_id = ? AND idx >= ?", (record.play_id, n))
            changed = True
        rows = []
        for i, step in enumerate(record.steps[same:], same):
            data = _json(step.to_dict())
            if stored.get(i) != data:
                rows.append((record.play_id, i, step.node, step.chosen, step.next, int(step.timed_out),
                             float(step.seconds), data))
        if rows:
            c.executemany("INSERT OR REPLACE INTO steps(play_id, idx, node, chosen, next, timed_out, seconds, data) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            changed = True
        if changed:  # the play stands at another node: the time spent at the one before is in its step
            c.execute("UPDATE plays SET node_seconds = NULL WHERE play_id = ? AND node_seconds IS NOT NULL",
                      (record.play_id,))
        self._written.pop(record.play_id, None)
        self._written[record.play_id] = record.steps
        while len(self._written) > WRITTEN_KEPT:
            del self._written[next(iter(self._written))]
        return changed

    def _unchanged_prefix(self, record: PlayRecord, stored_count: int | None) -> int:
        """How many leading steps of the record are the very objects this store last wrote for
        the play, still all in the database (its step count unchanged since): no need to compare."""
        known = self._written.get(record.play_id)
        if known is None or stored_count != len(known):
            return 0
        same = 0
        for ours, theirs in zip(known, record.steps):
            if ours is not theirs:
                break
            same += 1
        return same

    def _queued_unchanged(self, record: PlayRecord) -> bool:
        """True when the play's xAPI statements are queued and the record holds exactly its stored
        steps (nothing to write). Raises StoreError when they are queued and the steps differ: the
        statements in the outbox (maybe already in the LRS) describe the play as stored, so a
        queued play never changes. A replay is a new play."""
        c = self._conn
        if c.execute("SELECT 1 FROM xapi_queued WHERE play_id = ?", (record.play_id,)).fetchone() is None:
            return False
        stored = [r[0] for r in c.execute("SELECT data FROM steps WHERE play_id = ? ORDER BY idx", (record.play_id,))]
        if stored == [_json(s.to_dict()) for s in record.steps]:
            return True
        raise StoreError(f"{self.path}: play {record.play_id} is finished and its xAPI statements are queued; "
                         f"its steps cannot change (a replay is stored as a new play)")

    @_guarded
    def save_play(self, record: PlayRecord) -> None:
        """Upsert the play and sync its steps (new ones inserted, those beyond the record after a
        rewind deleted), in one transaction. Call it after every step. A finished play whose
        steps change (rewound and played on) is open again until the next finish_play, unless its
        xAPI statements are queued already: then StoreError (see _queued_unchanged)."""
        with self._tx() as c:
            if self._queued_unchanged(record):
                return
            if self._sync(record):
                c.execute("UPDATE plays SET finished_at = NULL, abandoned_at = NULL, ending = NULL, outcome = NULL, "
                          "raw = NULL, best = NULL, exact = NULL, scaled = NULL, passed = NULL, seconds = NULL, rules = NULL, verdict_keys = '' "
                          "WHERE play_id = ? AND (finished_at IS NOT NULL OR abandoned_at IS NOT NULL)",
                          (record.play_id,))
                c.execute("DELETE FROM verdicts WHERE play_id = ? AND NOT EXISTS "
                          "(SELECT 1 FROM plays WHERE play_id = ? AND finished_at IS NOT NULL)",
                          (record.play_id, record.play_id))

    @_guarded
    def finish_play(self, record: PlayRecord, result: Result, *, keep_finished_at: bool = False) -> None:
        """Store the whole play, its score (with the rules it was computed by) and its verdicts, and
        mark it finished (one transaction); `keep_finished_at` keeps the moment a play already
        finished had (a play scored again). A play whose statements are queued is kept as it was
        stored (the same steps: nothing to do; other steps: StoreError)."""
        with self._tx() as c:
            if self._queued_unchanged(record):
                return
            self._sync(record)
            c.execute(
                """UPDATE plays SET finished_at = COALESCE(?, finished_at, ?), abandoned_at = NULL, ending = ?,
                       outcome = ?, raw = ?, best = ?, exact = 1, scaled = ?, passed = ?, seconds = ?, rules = ?,
                       verdict_keys = ? WHERE play_id = ?""",
                (None if keep_finished_at else now_utc(), now_utc(), result.ending, result.outcome, result.raw,
                 result.max, result.scaled, int(result.passed), round(sum(s.seconds for s in record.steps), 3),
                 result.rules,
                 PAIR_SEP.join(f"{pid}{KEY_SEP}{getattr(j.verdict, 'value', j.verdict)}"
                               for pid, j in result.judgements.items()),
                 record.play_id))
            c.execute("DELETE FROM verdicts WHERE play_id = ?", (record.play_id,))
            c.executemany(
                "INSERT INTO verdicts(play_id, principle, ord, verdict, opportunities, applied, violated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(record.play_id, pid, n, str(getattr(j.verdict, "value", j.verdict)), _json(list(j.opportunities)),
                  _json(list(j.applied)), _json(list(j.violated)))
                 for n, (pid, j) in enumerate(result.judgements.items())])

    @_guarded
    def save_clock(self, play_id: str, steps: int, seconds: float) -> bool:
        """Remember the seconds spent so far at the play's current node, the one after its `steps`
        saved steps (not a step yet: nothing is answered). One UPDATE, for the game to call every few
        seconds while a countdown runs; a step saved since (another step count), a finished or an
        abandoned play writes nothing. True if it was written. Cleared by the next step saved."""
        with self._tx() as c:
            cur = c.execute("UPDATE plays SET node_seconds = ? WHERE play_id = ? AND step_count = ? "
                            "AND finished_at IS NULL AND abandoned_at IS NULL",
                            (round(max(0.0, float(seconds)), 3), play_id, int(steps)))
            return cur.rowcount > 0

    @_guarded
    def node_seconds(self, play_id: str, steps: int) -> float:
        """The seconds last saved by save_clock for the node after the play's `steps` steps (0.0 if
        none: a play saved before this schema, or never timed)."""
        row = self._conn.execute("SELECT node_seconds FROM plays WHERE play_id = ? AND step_count = ?",
                                 (play_id, int(steps))).fetchone()
        return 0.0 if row is None or row[0] is None else float(row[0])

    @_guarded
    def abandon(self, play_id: str) -> None:
        """The trainee gave this play up: it is no longer offered for resuming (its steps stay)."""
        with self._tx() as c:
            c.execute("UPDATE plays SET abandoned_at = ? WHERE play_id = ? AND finished_at IS NULL",
                      (now_utc(), play_id))

    # -- seats: who is playing what ------------------------------------------------------------
    # A game process holds the play it plays (and a workshop seat its name) for as long as it
    # plays it; another process never resumes a held play. The OS lets go when the process
    # ends, even killed, so a closed tab's play is free again at once. See simulator/results/seats.py.
    @_guarded
    def hold_play(self, play_id: str) -> bool:
        """Hold this play for this store; False if another live store or process holds it."""
        return self.readonly or self._seats.take("play-" + play_id)

    @_guarded
    def play_free(self, play_id: str) -> bool:
        """No other store or process holds this play (this store holding it counts as free)."""
        return self.readonly or self._seats.holds("play-" + play_id) or self._seats.free("play-" + play_id)

    def release_play(self, play_id: str) -> None:
        self._seats.release("play-" + play_id)

    @_guarded
    def hold_trainee(self, name: str) -> bool:
        """Hold a trainee's name (a workshop seat, for its whole life); False if held elsewhere."""
        return self.readonly or self._seats.take("trainee-" + " ".join(name.split()))

    def release_trainee(self, name: str) -> None:
        self._seats.release("trainee-" + " ".join(name.split()))

    # -- reading plays -----------------------------------------------------------------------
    def _records(self, rows: Sequence[Sequence[Any]]) -> dict[str, PlayRecord]:
        """PlayRecords for plays rows (play_id, scenario, start, lang, started_at, trainee, variant, mode),
        sound ones (see _PLAY_DAMAGE): a play with a step that cannot be read is left out (and noted)."""
        if not rows:
            return {}
        ids = [r[0] for r in rows]
        steps: dict[str, list[Step]] = {i: [] for i in ids}
        bad: set[str] = set()
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for pid, idx, data in self._conn.execute(
                    f"SELECT play_id, idx, data FROM steps WHERE play_id IN ({marks}) ORDER BY play_id, idx", chunk):
                if pid in bad:
                    continue
                try:
                    if idx != len(steps[pid]):
                        raise _Unreadable(f"step {len(steps[pid]) + 1} is missing")
                    steps[pid].append(_step(data, idx))
                except _Unreadable as exc:
                    bad.add(pid)
                    self._note(pid, str(exc))
        return {r[0]: PlayRecord(scenario=r[1], start=r[2], steps=tuple(steps[r[0]]), lang=r[3], play_id=r[0],
                                 started_at=r[4], trainee=r[5], variant=r[6], mode=r[7] or "exam")
                for r in rows if r[0] not in bad}

    def _note(self, play_id: str | None, why: str) -> None:
        """Remember a play left out because it cannot be read."""
        self.damaged.setdefault(str(play_id), why)

    def _sound(self, rows: Iterable[Sequence[Any]]) -> list[Sequence[Any]]:
        """The rows whose last column (_PLAY_DAMAGE) is NULL, that column dropped; the others noted."""
        out = []
        for r in rows:
            if r[-1] is None:
                out.append(r[:-1])
            else:
                self._note(r[0], r[-1])
        return out

    @_guarded
    def unfinished(self, trainee: str | None = None) -> list[PlayRecord]:
        """Plays to resume (neither finished nor abandoned), the most recently played first."""
        sql = ("SELECT p.play_id, p.scenario, p.start, p.lang, p.started_at, t.name, p.variant, p.mode, "
               f"{_PLAY_DAMAGE} FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id "
               "WHERE p.finished_at IS NULL AND p.abandoned_at IS NULL")
        params: list[Any] = []
        if trainee is not None:
            sql += " AND t.name = ?"
            params.append(trainee.strip())
        sql += " ORDER BY p.updated_at DESC, p.started_at DESC"
        rows = self._sound(self._conn.execute(sql, params))
        records = self._records(rows)
        return [records[r[0]] for r in rows if r[0] in records]

    @_guarded
    def load_play(self, play_id: str) -> StoredPlay | None:
        found = self.plays(play_ids=[play_id])
        return found[0] if found else None

    @_guarded
    def plays(self, *, since: str | None = None, scenario: str | None = None, trainee: str | None = None,
              finished: bool | None = None, play_ids: Iterable[str] | None = None,
              include_abandoned: bool = True) -> list[StoredPlay]:
        """Whole plays (records, results, verdicts), oldest first; `since` is an ISO moment."""
        where, params = self._filters(since=since, scenario=scenario, trainee=trainee, finished=finished)
        if not include_abandoned:
            where.append("p.abandoned_at IS NULL")
        if play_ids is not None:
            ids = list(play_ids)
            where.append(f"p.play_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        sql = ("SELECT p.play_id, p.scenario, p.start, p.lang, p.started_at, t.name, p.finished_at, p.outcome, "
               "p.scaled, p.passed, p.abandoned_at, p.raw, p.best, p.ending, p.variant, p.rules, p.mode, "
               f"{_PLAY_DAMAGE} FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY p.started_at, p.play_id"
        rows = self._sound(self._conn.execute(sql, params))
        records = self._records([(*r[:6], r[14], r[16]) for r in rows])
        verdicts: dict[str, dict[str, str]] = {r[0]: {} for r in rows}
        judgements: dict[str, dict[str, dict[str, tuple[int, ...]]]] = {r[0]: {} for r in rows}
        finished_ids = [r[0] for r in rows if r[6] is not None and r[0] in records]
        for chunk in _chunks(finished_ids, 500):
            marks = ",".join("?" * len(chunk))
            for pid, principle, verdict, opp, app, vio in self._conn.execute(
                    f"SELECT play_id, principle, verdict, opportunities, applied, violated FROM verdicts "
                    f"WHERE play_id IN ({marks}) ORDER BY play_id, ord", chunk):
                if pid not in records:
                    continue
                try:
                    if not isinstance(principle, str) or verdict not in VERDICT_WORDS:
                        raise _Unreadable("verdicts.verdict holds none of mastered, partial, missed, violated")
                    judgements[pid][principle] = {"opportunities": _step_numbers(opp, "opportunities"),
                                                  "applied": _step_numbers(app, "applied"),
                                                  "violated": _step_numbers(vio, "violated")}
                    verdicts[pid][principle] = verdict
                except _Unreadable as exc:
                    del records[pid]
                    self._note(pid, str(exc))
        rows = [r for r in rows if r[0] in records]
        return [StoredPlay(record=records[r[0]], finished_at=r[6], outcome=r[7], scaled=r[8],
                           passed=None if r[9] is None else bool(r[9]), verdicts=verdicts[r[0]], abandoned_at=r[10],
                           raw=r[11], best=r[12], ending=r[13], judgements=judgements[r[0]], rules=r[15])
                for r in rows]

    def _filters(self, *, since: str | None = None, scenario: str | None = None, trainee: str | None = None,
                 finished: bool | None = None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if since:
            where.append("p.started_at >= ?")
            params.append(utc_text(since))
        if scenario:
            where.append("p.scenario = ?")
            params.append(scenario)
        if trainee is not None:
            ids = [i for i, _ in self._matching(trainee)]
            where.append(f"p.trainee_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        if finished is True:
            where.append("p.finished_at IS NOT NULL")
        elif finished is False:
            where.append("p.finished_at IS NULL")
        return where, params

    @_guarded
    def history(self, trainee: str | None = None, scenario: str | None = None, *,
                since: str | None = None) -> list[PlayRow]:
        """Every play (finished, under way or abandoned), the most recent first."""
        where, params = self._filters(since=since, scenario=scenario, trainee=trainee)
        sql = ("SELECT p.play_id, t.name, p.scenario, p.lang, p.started_at, p.finished_at, p.outcome, p.scaled, "
               "p.passed, p.step_count, p.abandoned_at, p.raw, p.best, p.ending, p.seconds, p.rules, p.mode, "
               f"{_PLAY_DAMAGE} FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY p.started_at DESC, p.play_id DESC"
        return [PlayRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], None if r[8] is None else bool(r[8]),
                        r[9], r[10], r[11], r[12], r[13], r[14], r[15], r[16] or "exam")
                for r in self._sound(self._conn.execute(sql, params))]

    @_guarded
    def progress_plays(self, trainee: str) -> list[ProgressPlay]:
        """A trainee's finished plays (not abandoned) for their profile, oldest finished first: one
        row per play, its verdicts and nodes from its compact keys, and the steps of its violated
        verdicts (a profile of 500 plays reads no step's JSON). A play that cannot be read is left
        out and noted, as everywhere. `trainee` is a stored name, taken exactly: a profile is one
        person's, and "Ana" beside "ana" or "Ana Dupont" are others (--trainee's matching is the
        caller's, commands/progress.find_trainee)."""
        where, params = self._filters(finished=True)
        where.append("t.name = ?")
        params.append(trainee.strip())  # as it was stored (_trainee_id), as best_scores reads it
        rows = self._sound(self._conn.execute(
            "SELECT p.play_id, p.scenario, p.finished_at, COALESCE(p.mode, 'exam'), p.lang, p.rules, p.scaled, "
            f"p.passed, p.verdict_keys, p.choice_keys, {_PLAY_DAMAGE} FROM plays p "
            "LEFT JOIN trainees t ON t.id = p.trainee_id WHERE "
            + " AND ".join([*where, "p.abandoned_at IS NULL"]) + " ORDER BY p.finished_at, p.play_id", params))
        parsed: dict[str, Mapping[str, str]] = {}  # plays on the same path share their keys: read once
        verdicts: dict[str, Mapping[str, str]] = {}
        for r in rows:
            if not _moment(r[2]):  # the profile counts days by it (progress.day_of)
                self._note(r[0], "plays.finished_at is not a date and time")
                continue
            keys = r[8]
            found = parsed.get(keys)
            if found is None:
                try:
                    found = parsed[keys] = _verdict_keys(keys)
                except _Unreadable as exc:
                    self._note(r[0], str(exc))
                    continue
            verdicts[r[0]] = found
        violated, bad = self._violated_steps(verdicts)
        return [ProgressPlay(play_id=r[0], scenario=r[1], finished_at=r[2], mode=r[3], lang=r[4], rules=r[5],
                             scaled=r[6], passed=None if r[7] is None else bool(r[7]), verdicts=verdicts[r[0]],
                             violated=violated[r[0]], nodes=_nodes(r[9]))
                for r in rows if r[0] in verdicts and r[0] not in bad]

    def _violated_steps(self, verdicts: Mapping[str, Mapping[str, str]]
                        ) -> tuple[dict[str, dict[str, tuple[int, ...]]], set[str]]:
        """Per play (id → its verdict words), the steps that violated each principle it violated
        (the verdict rows of violated verdicts only), and the plays whose steps cannot be read
        (noted)."""
        violated: dict[str, dict[str, tuple[int, ...]]] = {pid: {} for pid in verdicts}
        bad: set[str] = set()
        read: dict[str, tuple[int, ...]] = {}  # the same few step lists recur: each text read once
        for chunk in _chunks([pid for pid, v in verdicts.items() if "violated" in v.values()], 500):
            for pid, principle, steps in self._conn.execute(
                    f"SELECT play_id, principle, violated FROM verdicts WHERE verdict = 'violated' "
                    f"AND play_id IN ({','.join('?' * len(chunk))})", chunk):
                try:
                    known = read.get(steps) if isinstance(steps, str) else None
                    if known is None:
                        known = _step_numbers(steps, "violated")
                        if isinstance(steps, str):
                            read[steps] = known
                    violated[pid][principle] = known
                except _Unreadable as exc:
                    bad.add(pid)
                    self._note(pid, str(exc))
        return violated, bad

    @_guarded
    def judgement(self, play_id: str, principle: str) -> dict[str, tuple[int, ...]] | None:
        """The steps at which a play's verdict on a principle was judged: {"opportunities",
        "applied", "violated"}; None when there is no such verdict or it cannot be read."""
        row = self._conn.execute("SELECT opportunities, applied, violated FROM verdicts WHERE play_id = ? "
                                 "AND principle = ?", (play_id, principle)).fetchone()
        if row is None:
            return None
        try:
            return {k: _step_numbers(v, k) for k, v in zip(("opportunities", "applied", "violated"), row)}
        except _Unreadable as exc:
            self._note(play_id, str(exc))
            return None

    @_guarded
    def first_rule_plays(self) -> list[StoredPlay]:
        """Finished plays whose score was computed by other rules than the current ones."""
        ids = [r[0] for r in self._conn.execute(_FIRST_RULE_IDS, (RULES,))]
        return self.plays(play_ids=ids) if ids else []

    @_guarded
    def has_first_rule_plays(self) -> bool:
        return self._conn.execute(_FIRST_RULE_IDS + " LIMIT 1", (RULES,)).fetchone() is not None

    @_guarded
    def play_rules(self, play_id: str) -> str | None:
        row = self._conn.execute("SELECT rules FROM plays WHERE play_id = ?", (play_id,)).fetchone()
        return row[0] if row else None

    @_guarded
    def best_scores(self, trainee: str) -> dict[str, float]:
        """Scenario id → the trainee's best scaled score over finished plays (those that can be read)."""
        rows = self._conn.execute(
            "SELECT p.scenario, MAX(p.scaled) FROM plays p JOIN trainees t ON t.id = p.trainee_id "
            f"WHERE t.name = ? AND p.finished_at IS NOT NULL AND p.rules = ? AND {_PLAY_DAMAGE} IS NULL "
            "GROUP BY p.scenario", (trainee.strip(), RULES))
        return {sid: float(best) for sid, best in rows if best is not None}

    @_guarded
    def scenario_ids(self) -> list[str]:
        """The ids of the scenarios stored plays were played on."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT scenario FROM plays WHERE typeof(scenario) = 'text' ORDER BY scenario")]

    @_guarded
    def trainees(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT name FROM trainees WHERE typeof(name) = 'text' ORDER BY name")]

    def _matching(self, query: str) -> list[tuple[int, str]]:
        rows = self._conn.execute("SELECT id, name FROM trainees WHERE typeof(name) = 'text' ORDER BY name").fetchall()
        chosen = set(match_names(query, [name for _, name in rows]))
        return [(int(i), name) for i, name in rows if name in chosen]

    @_guarded
    def matching_trainees(self, query: str) -> list[str]:
        """The stored names `--trainee QUERY` selects (see match_names), in alphabetical order."""
        return [name for _, name in self._matching(query)]

    @_guarded
    def attempts(self, *, scenario: str | None = None, since: str | None = None,
                 trainee: str | None = None) -> list[Attempt]:
        """The finished plays as the group's learning gain needs them (scoring/gain.py): one row
        per play, its verdicts from the compact keys (no join over the verdicts table)."""
        from scoring.gain import Attempt
        where, params = self._filters(since=since, scenario=scenario, trainee=trainee, finished=True)
        sql = ("SELECT p.play_id, t.name, p.scenario, COALESCE(p.mode, 'exam'), p.started_at, p.scaled, p.rules, "
               f"p.verdict_keys, p.choice_keys, {_PLAY_DAMAGE} FROM plays p LEFT JOIN trainees t ON t.id = p.trainee_id "
               "WHERE " + " AND ".join(where))
        rows = []
        parsed: dict[str, Mapping[str, str]] = {}  # plays on the same path share their keys: read once
        by_play: dict[str, Mapping[str, str]] = {}
        for pid, name, sid, mode, started, scaled, rules, keys, choices in self._sound(self._conn.execute(sql, params)):
            verdicts = parsed.get(keys)
            if verdicts is None:
                try:
                    verdicts = parsed[keys] = _verdict_keys(keys)
                except _Unreadable as exc:  # left out, like every play that cannot be read
                    self._note(pid, str(exc))
                    continue
            by_play[pid] = verdicts
            rows.append((pid, name, sid, mode, started, scaled, rules, choices))
        violated, bad = self._violated_steps(by_play)  # for the rule of a principle kept (Avoidance)
        nodes: dict[str, tuple[str, ...]] = {}
        return [Attempt(trainee=name, scenario=sid, mode=mode, started_at=started, scaled=scaled,
                        verdicts=by_play[pid], current_rules=rules == RULES, play_id=pid,
                        nodes=nodes[choices] if choices in nodes else nodes.setdefault(choices, _nodes(choices)),
                        violated=violated[pid])
                for pid, name, sid, mode, started, scaled, rules, choices in rows if pid not in bad]

    @_guarded
    def aggregate(self, *, scenario: str | None = None, since: str | None = None,
                  trainee: str | None = None) -> Aggregate:
        """The figures of `litige report` over finished plays: totals in SQL, then one row per play
        (its compact choice and verdict keys) counted here, cheaper than joining and grouping
        every step and verdict. A play whose row cannot be read (see _PLAY_DAMAGE), or whose
        verdict keys hold no verdict, is left out of every figure (and noted)."""
        c = self._conn
        where, params = self._filters(since=since, scenario=scenario, trainee=trainee)
        base = " AND ".join(where) if where else "1"
        left_out: list[int] = []
        for rowid, pid, why in c.execute(f"SELECT p.rowid, p.play_id, {_ROW_DAMAGE} FROM plays p "
                                         f"WHERE {base} AND {_ROW_DAMAGE} IS NOT NULL", params):
            self._note(pid, why)
            left_out.append(rowid)
        while True:
            kept = base + (f" AND p.rowid NOT IN ({','.join('?' * len(left_out))})" if left_out else "")
            found = self._aggregate(kept, [*params, *left_out])
            if isinstance(found, Aggregate):
                return found
            left_out.extend(found)  # plays whose verdict keys hold no verdict: counted again without them

    def _aggregate(self, base: str, params: list[Any]) -> Aggregate | list[int]:
        """aggregate() over the plays `base` selects, or the rowids of those whose verdict keys
        hold no verdict (noted)."""
        c = self._conn
        fin = f"{base} AND p.finished_at IS NOT NULL"
        plays, passed, mean, trainees, first = c.execute(
            f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.rules = ? THEN p.passed END), 0), "
            f"AVG(CASE WHEN p.rules = ? THEN p.scaled END), COUNT(DISTINCT p.trainee_id), "
            f"COALESCE(SUM(p.rules IS NOT ?), 0) FROM plays p WHERE {fin}", [RULES, RULES, RULES, *params]).fetchone()
        unfinished = c.execute(f"SELECT COUNT(*) FROM plays p WHERE {base} AND p.finished_at IS NULL "
                               f"AND p.abandoned_at IS NULL", params).fetchone()[0]
        scenarios = dict(c.execute(f"SELECT p.scenario, COUNT(*) FROM plays p WHERE {fin} GROUP BY p.scenario "
                                   f"ORDER BY p.scenario", params).fetchall())
        outcomes = dict(c.execute(f"SELECT COALESCE(p.outcome, ''), COUNT(*) FROM plays p WHERE {fin} "
                                  f"GROUP BY p.outcome ORDER BY p.outcome", params).fetchall())
        modes = dict(c.execute(f"SELECT COALESCE(p.mode, 'exam'), COUNT(*) FROM plays p WHERE {fin} "
                               f"GROUP BY COALESCE(p.mode, 'exam')", params).fetchall())
        verdict_keys: list[str] = []
        verdict_plays: list[tuple[int, str]] = []  # (rowid, play id) of each verdict_keys entry
        choice_keys: dict[str, list[str]] = {}
        for rowid, pid, sid, choice_key, verdict_key in c.execute(
                f"SELECT p.rowid, p.play_id, p.scenario, p.choice_keys, p.verdict_keys FROM plays p WHERE {fin}",
                params):
            if verdict_key:
                verdict_keys.append(verdict_key)
                verdict_plays.append((rowid, pid))
            if choice_key:
                choice_keys.setdefault(sid, []).append(choice_key)
        # one join and one split per table of keys: Counter then counts in C
        verdict_count = Counter(PAIR_SEP.join(verdict_keys).split(PAIR_SEP)) if verdict_keys else Counter()
        if any(key.partition(KEY_SEP)[2] not in VERDICT_WORDS for key in verdict_count):
            bad = []
            for (rowid, pid), keys in zip(verdict_plays, verdict_keys):
                try:
                    _verdict_keys(keys)
                except _Unreadable as exc:
                    self._note(pid, str(exc))
                    bad.append(rowid)
            return bad
        choice_count = {sid: Counter(PAIR_SEP.join(keys).split(PAIR_SEP)) for sid, keys in choice_keys.items()}
        principles: dict[str, dict[str, int]] = {}
        for key, n in sorted(verdict_count.items()):
            pid, _, verdict = key.partition(KEY_SEP)
            principles.setdefault(pid, {})[verdict] = n
        choices: dict[tuple[str, str], dict[str, int]] = {}
        for sid in sorted(choice_count):
            for key, n in sorted(choice_count[sid].items()):
                node, _, chosen = key.partition(KEY_SEP)
                choices.setdefault((sid, node), {})[chosen] = n
        return Aggregate(plays=plays, unfinished=unfinished, passed=passed,
                         mean_scaled=None if mean is None else round(float(mean), 1), trainees=trainees,
                         scenarios=scenarios, outcomes=outcomes, principles=principles, choices=choices,
                         first_rules=first, modes={m: modes.get(m, 0) for m in ("coach", "exam")})

    # -- settings ------------------------------------------------------------------------------
    @_guarded
    def get_setting(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @_guarded
    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))

    # -- xAPI outbox -----------------------------------------------------------------------------
    @_guarded
    def unqueued_plays(self) -> list[str]:
        """Finished plays whose xAPI statements are not in the outbox yet, oldest first."""
        return [r[0] for r in self._conn.execute(
            "SELECT p.play_id FROM plays p WHERE p.finished_at IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM xapi_queued q WHERE q.play_id = p.play_id) ORDER BY p.finished_at, p.play_id")]

    @_guarded
    def enqueue(self, play_id: str, statements: Sequence[Mapping[str, Any]], *, finished_at: str | None = None,
                steps: int | None = None) -> int:
        """Put a finished play's statements in the outbox (once: ids already there are kept as
        they are); returns how many were new. One transaction. With `finished_at` and `steps` (the
        play the statements were built from), nothing is queued if the play changed since (it was
        reopened, or finished again): the next queueing builds them from the play as it is then."""
        now = now_utc()
        with self._tx() as c:
            if finished_at is not None or steps is not None:
                row = c.execute("SELECT finished_at, step_count FROM plays WHERE play_id = ?", (play_id,)).fetchone()
                if row is None or row[0] is None or (finished_at is not None and row[0] != finished_at) \
                        or (steps is not None and row[1] != steps):
                    return 0
            before = c.total_changes
            c.executemany("INSERT INTO outbox(statement_id, play_id, created_at, statement) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT(statement_id) DO NOTHING",
                          [(s["id"], play_id, now, _json(s)) for s in statements])
            added = c.total_changes - before
            c.execute("INSERT INTO xapi_queued(play_id, queued_at) VALUES (?, ?) ON CONFLICT(play_id) DO NOTHING",
                      (play_id, now))
        return added

    @_guarded
    def unsent(self, limit: int | None = None) -> list[OutboxItem]:
        """Statements not delivered yet, in the order they were queued. One that cannot be read
        (not a JSON object: changed behind Litige's back) is passed over, noted in `damaged`
        under its play, and stays in the outbox."""
        sql = "SELECT seq, statement_id, play_id, statement FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq"
        items: list[OutboxItem] = []
        after = -1
        while True:
            want = None if limit is None else limit - len(items)
            rows = self._conn.execute(sql + ("" if want is None else " LIMIT ?"),
                                      (after,) if want is None else (after, want)).fetchall()
            for seq, statement_id, play_id, text in rows:
                after = seq
                try:
                    statement = _load_json(text, f"outbox.statement {statement_id}")
                    if not isinstance(statement, dict):
                        raise _Unreadable(f"outbox.statement {statement_id} is not a JSON object")
                except _Unreadable as exc:
                    self._note(play_id, f"{exc}; it stays in the outbox")
                    continue
                items.append(OutboxItem(seq, statement_id, play_id, statement))
            if want is None or not rows or len(items) >= limit:  # type: ignore[operator]
                return items

    @_guarded
    def mark_sent(self, statement_ids: Iterable[str]) -> None:
        ids = list(statement_ids)
        now = now_utc()
        with self._tx() as c:
            # the body goes once delivered (`litige export --format xapi` rebuilds statements): the
            # outbox of a busy database does not grow with every statement ever sent
            c.executemany("UPDATE outbox SET sent_at = ?, statement = '' WHERE statement_id = ? AND sent_at IS NULL",
                          [(now, i) for i in ids])

    @_guarded
    def outbox_counts(self) -> tuple[int, int]:
        """(sent, unsent) statements in the outbox."""
        sent, unsent = self._conn.execute(
            "SELECT COALESCE(SUM(sent_at IS NOT NULL), 0), COALESCE(SUM(sent_at IS NULL), 0) FROM outbox").fetchone()
        return int(sent), int(unsent)


def name_key(name: str) -> str:
    """A trainee's name as `--trainee` compares it: case folded, accents dropped (Chloé = chloe),
    spaces collapsed, in Unicode's composed form (NFC), so that a name typed on another keyboard
    or system is the same name."""
    decomposed = unicodedata.normalize("NFD", " ".join(name.split()))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).casefold()


def match_names(query: str, names: Iterable[str]) -> list[str]:
    """The names `--trainee QUERY` selects, compared by name_key: the name equal to the query if
    there is one (so that "Ana" can still mean Ana alone beside "Ana Dupont"), else every name
    that starts with it ("ana" → "Ana Dupont", "Ana Martin")."""
    key = name_key(query)
    keyed = [(name_key(n), n) for n in names]
    exact = [n for k, n in keyed if k == key]
    return exact or [n for k, n in keyed if key and k.startswith(key)]


def _nodes(choice_keys: str | None) -> tuple[str, ...]:
    """The node of each step, in order, from a play's compact choice keys."""
    return tuple(k.partition(KEY_SEP)[0] for k in choice_keys.split(PAIR_SEP)) if choice_keys else ()


def _check_header(path: Path) -> None:
    """Refuse, without touching it, a non-empty file that is not an SQLite database."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the results database ({exc.strerror or exc})") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a Litige results database (not an SQLite file); it was left untouched "
                         f"— move it away or use --db another.db")


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# -- files: what a results database is before SQLite opens it ------------------------------------

def _journal_files(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and shared-memory files SQLite keeps beside a WAL database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
               (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _check_file_type(path: Path) -> None:
    """Refuse a database, or a -wal/-shm beside it, that is not a regular file: opening a named
    pipe waits for a writer for ever, a device reads for ever."""
    for file in (path, *_journal_files(path)):
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


def _tidy_journal(path: Path) -> None:
    """Remove the -wal and -shm files that a read-only connection made beside a WAL database,
    which it cannot remove itself. A read-write connection that reads and closes removes them
    as SQLite does at a last close: only when it gets the database's exclusive lock, that is,
    when no other connection has the database open (a game or `serve` at work keeps them).
    The log is empty then, unless a writer came and went meanwhile: its steps are then moved
    into the database, as that writer's own close would have done. Never creates the database;
    a write-protected file is left as it is."""
    if not any(os.path.lexists(p) for p in _journal_files(path)):
        return
    try:
        conn = sqlite3.connect("file:" + quote(str(path.resolve())) + "?mode=rw", uri=True, timeout=1,
                               isolation_level=None)
    except (sqlite3.Error, OSError):
        return
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error:
        pass
    finally:
        conn.close()


# -- schema: the version number against the tables ---------------------------------------------

@cache
def _columns_by_version() -> tuple[frozenset[tuple[str, str]], ...]:
    """The (table, column) pairs of our tables at each schema version, 0 to SCHEMA_VERSION."""
    conn = sqlite3.connect(":memory:")
    query = ("SELECT m.name, i.name FROM sqlite_master m JOIN pragma_table_info(m.name) i "
             "WHERE m.type = 'table'")
    out = [frozenset(conn.execute(query))]
    for script in MIGRATIONS:
        for statement in _split(script):
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


# -- reading steps and verdicts, strictly ------------------------------------------------------

class _Unreadable(Exception):
    """Why a play stored in the database cannot be read."""


# exact types (`type(v) is`): JSON gives only these, and a bool is no number here
def _is_texts(v: Any) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _is_number(v: Any) -> bool:
    return type(v) is int or type(v) is float and math.isfinite(v)


def _is_meters(v: Any) -> bool:
    return type(v) is dict and all(_is_number(x) for x in v.values())


def _load_json(text: Any, what: str) -> Any:
    if not isinstance(text, str):
        raise _Unreadable(f"{what} is not text")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise _Unreadable(f"{what} is not JSON") from None


def _step(data: Any, idx: int) -> Step:
    """A stored step (steps.data), checked field by field: Step.from_dict trusts its input."""
    d = _load_json(data, f"steps.data of step {idx + 1}")
    if type(d) is not dict:
        raise _Unreadable(f"steps.data of step {idx + 1} is not a JSON object")
    get = d.get  # node, offered and next are required; the others have Step.from_dict's defaults
    chosen, seconds = get("chosen"), get("seconds", 0.0)
    if not (type(get("node")) is str and type(get("next")) is str and _is_texts(get("offered"))
            and (chosen is None or type(chosen) is str) and _is_number(seconds) and seconds >= 0
            and type(get("timed_out", False)) is bool
            and _is_meters(get("meters_before", {})) and _is_meters(get("meters_after", {}))
            and _is_texts(get("flags_before", [])) and _is_texts(get("flags_after", []))):
        raise _Unreadable(f"steps.data of step {idx + 1} lacks a field or holds one of the wrong kind")
    return Step.from_dict(d)


def _verdict_keys(keys: str) -> dict[str, str]:
    """A play's compact verdict keys (plays.verdict_keys) as principle → verdict."""
    out = {}
    for key in keys.split(PAIR_SEP) if keys else ():
        principle, sep, verdict = key.partition(KEY_SEP)
        if not sep or verdict not in VERDICT_WORDS:
            raise _Unreadable("plays.verdict_keys holds a verdict that is none of mastered, partial, missed, violated")
        out[principle] = verdict
    return out


def _step_numbers(text: Any, column: str) -> tuple[int, ...]:
    """A verdict's list of step numbers (verdicts.opportunities, applied, violated)."""
    value = _load_json(text, f"verdicts.{column}")
    if not isinstance(value, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in value):
        raise _Unreadable(f"verdicts.{column} is not a list of step numbers")
    return tuple(value)
