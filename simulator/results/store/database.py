"""Store: an open results database, the one object its callers hold. It opens the file
(connection.py), keeps the write transaction, the plays it holds (seats) and the plays it found
unreadable (`damaged`), and hands each question to the module that answers it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.play.record import PlayRecord
from simulator.results.holds import Holds, seats_dir
from simulator.results.store import learning, outbox, queries, writes
from simulator.results.store.aggregate import Aggregate, aggregate
from simulator.results.store.connection import in_memory, open_readonly, open_readwrite, transaction
from simulator.results.store.errors import StoreError, explain, guarded
from simulator.results.store.files import check_file_type, check_header, tidy_journal
from simulator.results.store.learning import ProgressPlay
from simulator.results.store.location import default_db_path
from simulator.results.store.outbox import OutboxItem
from simulator.results.store.rows import PlayRow, StoredPlay
from simulator.results.store.schema import version_of
from simulator.results.store.selection import matching

if TYPE_CHECKING:
    from scoring.gain import Attempt
    from scoring.scorer import Result


class Store:
    """An open results database. Not thread-safe: one Store per thread or process."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False,
                 tidy_at_close: bool = False):
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self._seats = Holds(seats_dir(path))  # the plays and names this store holds (see seats.py)
        self._depth = 0  # open transactions (batch() nests save calls in one transaction)
        self._written: writes.Written = {}  # the steps last written per play (see writes.py)
        # play id → why it cannot be read: the plays the reading methods left out (see
        # damage.py); a command names each on stderr
        self.damaged: dict[str, str] = {}
        self._tidy_journal = tidy_at_close  # a read-only store that made the -wal/-shm files removes them at close

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, readonly: bool = False, must_exist: bool = False) -> Store:
        """Open the database at `path` (--db or $LITIGE_DB: Settings.db), else the default file;
        created if needed, unless `readonly` or `must_exist`: then a named file that is not there
        is an error ("no results database at PATH"), and the default file not there yet (a fresh
        install) opens as an empty database in memory; nothing is created on disk.

        `readonly` opens the file read-only (SQLite `mode=ro`): reading works on a read-only file,
        folder or mount; every write raises StoreError. An older schema is migrated in a copy in
        memory, never in the file."""
        named = path is not None
        path = Path(path).expanduser() if path is not None else default_db_path()
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a results database file")
        if path.exists():
            check_file_type(path)
            check_header(path)
        elif readonly or must_exist:
            if named:
                raise StoreError(f"no results database at {path}")
            return cls(in_memory(), path, readonly=True)  # standing for a file not created yet
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the folder {path.parent} ({exc.strerror or exc})") from None
        if readonly:
            conn, tidy = open_readonly(path)
            return cls(conn, path, readonly=True, tidy_at_close=tidy)
        return cls(open_readwrite(path), path)

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
        self._depth = 1
        try:
            with transaction(self._conn) as conn:
                yield conn
        except BaseException:
            self._written.clear()
            raise
        finally:
            self._depth = 0

    @contextmanager
    def batch(self) -> Iterator[Store]:
        """Group many saves in one transaction (bulk imports, benchmarks)."""
        try:
            with self._tx():
                yield self
        except sqlite3.Error as exc:
            raise StoreError(explain(self.path, exc)) from None

    def close(self) -> None:
        try:
            self._seats.release_all()
        finally:
            self._conn.close()
            if self._tidy_journal:
                self._tidy_journal = False
                tidy_journal(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return version_of(self._conn)

    # -- writing plays (writes.py) -----------------------------------------------------------
    @guarded
    def save_play(self, record: PlayRecord) -> None:
        """Upsert the play and sync its steps (new ones inserted, those beyond the record after a
        rewind deleted), in one transaction. Call it after every step. A finished play whose
        steps change (rewound and played on) is open again until the next finish_play, unless its
        xAPI statements are queued already: then StoreError (see writes.queued_unchanged)."""
        with self._tx() as conn:
            writes.save_play(conn, self.path, record, self._written)

    @guarded
    def finish_play(self, record: PlayRecord, result: Result, *, keep_finished_at: bool = False) -> None:
        """Store the whole play, its score (with the rules it was computed by) and its verdicts, and
        mark it finished (one transaction); `keep_finished_at` keeps the moment a play already
        finished had (a play scored again). A play whose statements are queued is kept as it was
        stored (the same steps: nothing to do; other steps: StoreError)."""
        with self._tx() as conn:
            writes.finish_play(conn, self.path, record, result, self._written, keep_finished_at=keep_finished_at)

    @guarded
    def save_clock(self, play_id: str, steps: int, seconds: float) -> bool:
        """Remember the seconds spent so far at the play's current node, the one after its `steps`
        saved steps (not a step yet: nothing is answered). One UPDATE, for the game to call every few
        seconds while a countdown runs; a step saved since (another step count), a finished or an
        abandoned play writes nothing. True if it was written. Cleared by the next step saved."""
        with self._tx() as conn:
            return writes.save_clock(conn, play_id, steps, seconds)

    @guarded
    def node_seconds(self, play_id: str, steps: int) -> float:
        """The seconds last saved by save_clock for the node after the play's `steps` steps (0.0 if
        none: a play saved before this schema, or never timed)."""
        return queries.node_seconds(self._conn, play_id, steps)

    @guarded
    def abandon(self, play_id: str) -> None:
        """The trainee gave this play up: it is no longer offered for resuming (its steps stay)."""
        with self._tx() as conn:
            writes.abandon(conn, play_id)

    # -- seats: who is playing what ------------------------------------------------------------
    # A game process holds the play it plays (and a workshop seat its name) for as long as it
    # plays it; another process never resumes a held play. The OS lets go when the process
    # ends, even killed, so a closed tab's play is free again at once. See simulator/results/holds.py.
    @guarded
    def hold_play(self, play_id: str) -> bool:
        """Hold this play for this store; False if another live store or process holds it."""
        return self.readonly or self._seats.take("play-" + play_id)

    @guarded
    def play_free(self, play_id: str) -> bool:
        """No other store or process holds this play (this store holding it counts as free)."""
        return self.readonly or self._seats.holds("play-" + play_id) or self._seats.free("play-" + play_id)

    def release_play(self, play_id: str) -> None:
        self._seats.release("play-" + play_id)

    @guarded
    def hold_trainee(self, name: str) -> bool:
        """Hold a trainee's name (a workshop seat, for its whole life); False if held elsewhere."""
        return self.readonly or self._seats.take("trainee-" + " ".join(name.split()))

    def release_trainee(self, name: str) -> None:
        self._seats.release("trainee-" + " ".join(name.split()))

    # -- reading plays (queries.py, learning.py, aggregate.py) ---------------------------------
    @guarded
    def unfinished(self, trainee: str | None = None) -> list[PlayRecord]:
        """Plays to resume (neither finished nor abandoned), the most recently played first."""
        return queries.unfinished(self._conn, self.damaged, trainee)

    @guarded
    def load_play(self, play_id: str) -> StoredPlay | None:
        found = self.plays(play_ids=[play_id])
        return found[0] if found else None

    @guarded
    def plays(self, *, since: str | None = None, scenario: str | None = None, trainee: str | None = None,
              finished: bool | None = None, play_ids: Iterable[str] | None = None,
              include_abandoned: bool = True) -> list[StoredPlay]:
        """Whole plays (records, results, verdicts), oldest first; `since` is an ISO moment."""
        return queries.plays(self._conn, self.damaged, since=since, scenario=scenario, trainee=trainee,
                             finished=finished, play_ids=play_ids, include_abandoned=include_abandoned)

    @guarded
    def history(self, trainee: str | None = None, scenario: str | None = None, *,
                since: str | None = None) -> list[PlayRow]:
        """Every play (finished, under way or abandoned), the most recent first."""
        return queries.history(self._conn, self.damaged, trainee=trainee, scenario=scenario, since=since)

    @guarded
    def progress_plays(self, trainee: str) -> list[ProgressPlay]:
        """A trainee's finished plays (not abandoned) for their profile, oldest finished first (see
        learning.progress_plays); `trainee` is a stored name, taken exactly."""
        return learning.progress_plays(self._conn, self.damaged, trainee)

    @guarded
    def judgement(self, play_id: str, principle: str) -> dict[str, tuple[int, ...]] | None:
        """The steps at which a play's verdict on a principle was judged: {"opportunities",
        "applied", "violated"}; None when there is no such verdict or it cannot be read."""
        return queries.judgement(self._conn, self.damaged, play_id, principle)

    @guarded
    def first_rule_plays(self) -> list[StoredPlay]:
        """Finished plays whose score was computed by other rules than the current ones."""
        ids = queries.first_rule_ids(self._conn)
        return self.plays(play_ids=ids) if ids else []

    @guarded
    def has_first_rule_plays(self) -> bool:
        return queries.has_first_rule_plays(self._conn)

    @guarded
    def play_rules(self, play_id: str) -> str | None:
        return queries.play_rules(self._conn, play_id)

    @guarded
    def best_scores(self, trainee: str) -> dict[str, float]:
        """Scenario id → the trainee's best scaled score over finished plays (those that can be read)."""
        return queries.best_scores(self._conn, trainee)

    @guarded
    def scenario_ids(self) -> list[str]:
        """The ids of the scenarios stored plays were played on."""
        return queries.scenario_ids(self._conn)

    @guarded
    def trainees(self) -> list[str]:
        return queries.trainees(self._conn)

    @guarded
    def matching_trainees(self, query: str) -> list[str]:
        """The stored names `--trainee QUERY` selects (see names.match_names), in alphabetical order."""
        return [name for _, name in matching(self._conn, query)]

    @guarded
    def attempts(self, *, scenario: str | None = None, since: str | None = None,
                 trainee: str | None = None) -> list[Attempt]:
        """The finished plays as the group's learning gain needs them (scoring/gain.py): one row
        per play, its verdicts from the compact keys (no join over the verdicts table)."""
        return learning.attempts(self._conn, self.damaged, scenario=scenario, since=since, trainee=trainee)

    @guarded
    def aggregate(self, *, scenario: str | None = None, since: str | None = None,
                  trainee: str | None = None) -> Aggregate:
        """The figures of `litige report` over finished plays (see aggregate.py); a play that cannot
        be read is left out of every figure (and noted)."""
        return aggregate(self._conn, self.damaged, scenario=scenario, since=since, trainee=trainee)

    # -- settings ------------------------------------------------------------------------------
    @guarded
    def get_setting(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @guarded
    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as conn:
            conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))

    # -- xAPI outbox (outbox.py) ---------------------------------------------------------------
    @guarded
    def unqueued_plays(self) -> list[str]:
        """Finished plays whose xAPI statements are not in the outbox yet, oldest first."""
        return outbox.unqueued_plays(self._conn)

    @guarded
    def enqueue(self, play_id: str, statements: Sequence[Mapping[str, Any]], *, finished_at: str | None = None,
                steps: int | None = None) -> int:
        """Put a finished play's statements in the outbox (once: ids already there are kept as
        they are); returns how many were new. One transaction. With `finished_at` and `steps` (the
        play the statements were built from), nothing is queued if the play changed since (it was
        reopened, or finished again): the next queueing builds them from the play as it is then."""
        with self._tx() as conn:
            return outbox.enqueue(conn, play_id, statements, finished_at=finished_at, steps=steps)

    @guarded
    def unsent(self, limit: int | None = None) -> list[OutboxItem]:
        """Statements not delivered yet, in the order they were queued; one that cannot be read is
        passed over, noted in `damaged` under its play, and stays in the outbox."""
        return outbox.unsent(self._conn, self.damaged, limit)

    @guarded
    def mark_sent(self, statement_ids: Iterable[str]) -> None:
        ids = list(statement_ids)
        with self._tx() as conn:
            outbox.mark_sent(conn, ids)

    @guarded
    def outbox_counts(self) -> tuple[int, int]:
        """(sent, unsent) statements in the outbox."""
        return outbox.outbox_counts(self._conn)
