"""Issue 17, the results store under hostile files: a schema version that disagrees with the
tables, rows damaged inside a valid database, the journal files a reading command would leave
behind, and a FIFO given as --db. Real SQLite files damaged on purpose with sqlite3, the CLI run
as a subprocess (as a user or a script would), the game through Pilot."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play
from simulator.results.store import SCHEMA_VERSION, Store, StoreError

SMALL_SWEATER = FIXTURES / "small-sweater.yaml"
EXIT_PARTIAL = 3  # done, but some plays could not be read (each named on stderr) and were left out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str], str]:
    """Four finished plays (Ana, Ben, Chloé, Dan) and one under way (Eve)."""
    sweater = load(SMALL_SWEATER)
    db = tmp_path_factory.mktemp("hardening") / "built.db"
    finished = []
    with Store.open(db) as store:
        for seed, name in enumerate(("Ana", "Ben", "Chloé", "Dan")):
            rng = random.Random(seed)
            play = Play(sweater, trainee=name, lang="en", clock=lambda: 0.0)
            while not play.finished:
                play.choose(rng.randrange(len(play.offered())), seconds=3.0)
                store.save_play(play.record)
            store.finish_play(play.record, score(sweater, play.record))
            finished.append(play.record.play_id)
        play = Play(sweater, trainee="Eve", lang="en", clock=lambda: 0.0)
        play.choose(0, seconds=2.0)
        store.save_play(play.record)
    assert files_beside(db) == ["built.db"]
    return db, finished, play.record.play_id


@pytest.fixture
def db(built, tmp_path) -> Path:
    copy = tmp_path / "r.db"
    shutil.copyfile(built[0], copy)
    return copy


def damage(db: Path, *statements: str, params: tuple = ()) -> None:
    """Change the file behind Litige's back, as a user with the sqlite3 shell would."""
    conn = sqlite3.connect(db, isolation_level=None)
    for sql in statements:
        conn.execute(sql, params) if "?" in sql else conn.execute(sql)
    conn.close()
    for leftover in ("-wal", "-shm"):
        assert not Path(str(db) + leftover).exists()


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# -- Medium 9: a schema version that disagrees with the tables -----------------------------------

READERS = (("history",), ("report",), ("export", "--format", "csv"), ("export", "--format", "json"),
           ("room", "--once"))


@pytest.mark.parametrize("version", [0, 2, -1, 3])
def test_a_schema_version_that_disagrees_with_the_tables_is_one_line_naming_the_file(db, version):
    damage(db, f"PRAGMA user_version = {version}")
    before = digest(db)
    for command in (*READERS, ("push", "--lrs", "http://127.0.0.1:9/xAPI/"), ()):  # () is the game
        proc = run_cli(*command, "--db", str(db))
        line = one_line(proc.stderr)
        assert proc.returncode == 2, (command, proc.stderr)
        assert str(db) in line and f"schema version {version}" in line and f"version {SCHEMA_VERSION}" in line, line
    assert digest(db) == before and files_beside(db) == ["r.db"]  # left untouched, nothing created beside it


def test_a_current_version_number_on_older_tables_is_refused_too(db):
    damage(db, "ALTER TABLE plays DROP COLUMN mode", f"PRAGMA user_version = {SCHEMA_VERSION}")
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION}.*version {SCHEMA_VERSION - 1}"):
        Store.open(db, readonly=True)
    with pytest.raises(StoreError, match="does not match its tables"):
        Store.open(db)


def test_tables_of_no_litige_schema_are_named_as_such(db):
    damage(db, "ALTER TABLE plays DROP COLUMN raw", "PRAGMA user_version = 2")  # raw: there since version 1
    with pytest.raises(StoreError, match="match no schema of Litige's"):
        Store.open(db, readonly=True)


def test_a_table_of_a_module_this_sqlite_lacks_does_not_break_the_schema_check(db):
    damage(db, "PRAGMA writable_schema = ON", "INSERT INTO sqlite_master(type, name, tbl_name, rootpage, sql) "
               "VALUES ('table', 'notes', 'notes', 0, 'CREATE VIRTUAL TABLE notes USING nosuchmodule(a)')")
    proc = run_cli("history", "--db", str(db), "--json")
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 5, proc.stderr


def test_an_honest_older_file_still_migrates_and_a_fresh_file_still_opens(tmp_path):
    fresh = tmp_path / "fresh.db"
    with Store.open(fresh) as store:
        assert store.schema_version == SCHEMA_VERSION
    with Store.open(fresh, readonly=True) as store:
        assert store.history() == []


# -- Medium 10: rows damaged inside a valid database --------------------------------------------

DAMAGES = {
    "bad JSON in a step": "UPDATE steps SET data = '{bad' WHERE play_id = ? AND idx = 0",
    "a step missing its fields": "UPDATE steps SET data = '{\"node\": null}' WHERE play_id = ? AND idx = 0",
    "text in a score": "UPDATE plays SET scaled = 'abc' WHERE play_id = ?",
    "text in passed": "UPDATE plays SET passed = 'yes' WHERE play_id = ?",
    "NULL where a score belongs": "UPDATE plays SET scaled = NULL, outcome = NULL WHERE play_id = ?",
    "a verdict that is no verdict": "UPDATE verdicts SET verdict = 'banana' WHERE play_id = ?",
    "bad JSON in a verdict's steps": "UPDATE verdicts SET opportunities = '[1,' WHERE play_id = ?",
    "a blob for a scenario": "UPDATE plays SET scenario = x'00ff' WHERE play_id = ?",
}

# which part of the database each kind of damage hits
PART = {"bad JSON in a step": "steps", "a step missing its fields": "steps", "a verdict that is no verdict": "verdicts",
        "bad JSON in a verdict's steps": "verdicts"}  # the others: the play's row


def _ids_json(out: str) -> set[str]:
    return {p["play_id"] for p in json.loads(out)}


def _ids_xapi(out: str) -> set[str]:
    return {s["context"]["registration"].replace("-", "") for s in json.loads(out)}


# what each command reads of a play, and how to get the plays' ids back from its output
LISTINGS = {
    ("history", "--json"): ({"row"}, _ids_json),
    ("export", "--format", "json"): ({"row", "steps", "verdicts"}, _ids_json),
    ("export", "--format", "xapi"): ({"row", "steps", "verdicts"}, _ids_xapi),
}


@pytest.mark.parametrize("kind", DAMAGES)
def test_a_damaged_play_is_one_line_and_every_other_play_is_still_shown(db, built, kind):
    _, finished, under_way = built
    bad = finished[1]
    damage(db, DAMAGES[kind], params=(bad,))
    others = {*finished, under_way} - {bad}
    for command, (reads, ids_of) in LISTINGS.items():
        proc = run_cli(*command, "--db", str(db))
        shown = ids_of(proc.stdout)
        assert shown >= (others - {under_way} if command[-1] == "xapi" else others), command
        if PART.get(kind, "row") in reads:
            assert proc.returncode == EXIT_PARTIAL, (command, proc.stderr)
            line = one_line(proc.stderr)
            assert line.startswith("litige: warning: ") and str(db) in line and f"play {bad}" in line, line
            assert bad not in shown
        else:  # what this command reads of the play is sound: it shows it as it is
            assert proc.returncode == 0 and proc.stderr == "" and bad in shown, (command, proc.stderr)


@pytest.mark.parametrize("kind", ["bad JSON in a step", "text in a score", "a verdict that is no verdict"])
def test_every_reading_command_names_the_damaged_play_and_exits_3(db, built, kind):
    _, finished, _ = built
    bad = finished[0]
    damage(db, DAMAGES[kind], params=(bad,))
    # md and html show the report's figures and the plays' rows, as `report` and `history` do
    reads = {("history",): {"row"}, ("report",): {"row"}, ("export", "--format", "csv"): {"row", "steps", "verdicts"},
             ("export", "--format", "md"): {"row"}, ("export", "--format", "html"): {"row"},
             ("room", "--once"): {"row", "steps", "verdicts"}}
    for command, parts in reads.items():
        proc = run_cli(*command, "--db", str(db), "--lang", "en")
        if PART.get(kind, "row") in parts:
            assert proc.returncode == EXIT_PARTIAL, (command, proc.stderr)
            assert f"play {bad}" in one_line(proc.stderr)
        else:
            assert proc.returncode == 0 and proc.stderr == "", (command, proc.stderr)
        assert proc.stdout


def test_the_report_leaves_a_damaged_score_out_of_its_figures(db, built):
    _, finished, _ = built
    sound = json.loads(run_cli("report", "--db", str(db), "--json").stdout)
    damage(db, DAMAGES["text in a score"], params=(finished[0],))
    proc = run_cli("report", "--db", str(db), "--json")
    assert proc.returncode == EXIT_PARTIAL
    partial = json.loads(proc.stdout)
    assert partial["plays"] == sound["plays"] - 1


def test_a_verdict_key_that_is_no_verdict_leaves_its_play_out_of_the_report(db, built):
    _, finished, _ = built
    damage(db, "UPDATE plays SET verdict_keys = replace(verdict_keys, 'missed', 'banana') || char(30) || "
               "'x' || char(31) || 'banana' WHERE play_id = ?", params=(finished[2],))
    proc = run_cli("report", "--db", str(db), "--json")
    assert proc.returncode == EXIT_PARTIAL and f"play {finished[2]}" in one_line(proc.stderr)
    assert "banana" not in proc.stdout


class LRS:
    """A loopback LRS that accepts every batch (200 and the list of its ids)."""

    def __init__(self) -> None:
        self.statements: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                batch = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.statements.extend(batch)
                body = json.dumps([s["id"] for s in batch]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/xAPI/"


def test_push_sends_the_sound_plays_and_names_the_damaged_one(db, built):
    _, finished, _ = built
    bad = finished[3]
    damage(db, DAMAGES["bad JSON in a step"], params=(bad,))
    lrs = LRS()
    try:
        proc = run_cli("push", "--lrs", lrs.url, "--db", str(db))
    finally:
        lrs.server.shutdown()
    assert proc.returncode == EXIT_PARTIAL, proc.stderr
    assert f"play {bad}" in one_line(proc.stderr) and str(db) in proc.stderr
    sent = {s["context"]["registration"].replace("-", "") for s in lrs.statements}
    assert sent == set(finished) - {bad}


def test_a_damaged_statement_in_the_outbox_is_named_and_the_others_are_sent(db, built):
    _, finished, _ = built
    with Store.open(db) as store:
        from simulator.results.push import queue
        queue(store)
    damage(db, "UPDATE outbox SET statement = '{cut' WHERE seq = 1")
    lrs = LRS()
    try:
        proc = run_cli("push", "--lrs", lrs.url, "--db", str(db))
    finally:
        lrs.server.shutdown()
    assert proc.returncode == EXIT_PARTIAL, proc.stderr
    assert "outbox" in one_line(proc.stderr) and "1 waiting in the outbox" in proc.stdout
    with Store.open(db, readonly=True) as store:
        assert store.outbox_counts()[1] == 1


def test_the_store_api_skips_a_damaged_play_and_says_which(db, built):
    _, finished, under_way = built
    damage(db, DAMAGES["bad JSON in a step"], params=(under_way,))
    damage(db, DAMAGES["text in a score"], params=(finished[0],))
    with Store.open(db, readonly=True) as store:
        assert store.unfinished() == []
        assert {p.record.play_id for p in store.plays()} == set(finished[1:])
        assert {r.play_id for r in store.history()} == set(finished[1:]) | {under_way}  # steps not read there
        assert store.load_play(finished[0]) is None
        assert set(store.damaged) == {under_way, finished[0]}
        assert "steps" in store.damaged[under_way] and "plays.scaled" in store.damaged[finished[0]]


def test_the_other_reads_of_the_game_and_the_commands_pass_over_damaged_rows(db, built):
    _, finished, under_way = built
    damage(db, DAMAGES["text in a score"], params=(finished[0],))  # Ana's only play
    damage(db, "UPDATE plays SET node_seconds = 'soon' WHERE play_id = ?", params=(under_way,))
    damage(db, DAMAGES["a blob for a scenario"], params=(finished[1],))
    damage(db, "UPDATE trainees SET name = x'00ff' WHERE name = 'Dan'")
    with Store.open(db, readonly=True) as store:
        assert store.best_scores("Ana") == {}  # the library's best scores: text was MAX()ed, then float()
        assert store.unfinished() == [] and "plays.node_seconds" in store.damaged[under_way]
        assert store.scenario_ids() == ["shrunken-sweater"]
        assert all(isinstance(name, str) for name in store.trainees()) and len(store.trainees()) == 4


def test_the_game_skips_a_damaged_play_when_resuming_and_says_so(tmp_path):
    import asyncio

    from tui_helpers import FIXTURE, make_app

    app = make_app(tmp_path)
    scenario = load(FIXTURE)
    good = Play(scenario, lang="en", clock=lambda: 0.0)
    good.choose(0, seconds=1.0)
    app.store.save_play(good.record)
    bad = Play(scenario, lang="en", clock=lambda: 0.0)
    bad.choose(0, seconds=1.0)
    app.store.save_play(bad.record)  # the most recent: the one the game would offer first
    damage_conn = sqlite3.connect(tmp_path / "litige.db")
    damage_conn.execute("UPDATE steps SET data = 'nope' WHERE play_id = ?", (bad.record.play_id,))
    damage_conn.commit()
    damage_conn.close()

    async def run() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.pending().play_id == good.record.play_id
            said = [str(n.message) for n in app._notifications if bad.record.play_id in str(n.message)]
            assert len(said) == 1 and "cannot be read" in said[0], said
            await pilot.press("r")
            await pilot.pause()
            assert app.screen.play.record.play_id == good.record.play_id
    asyncio.run(run())
    app.store.close()


# -- Low: reading commands leave nothing beside the database -------------------------------------

@pytest.mark.parametrize("command", READERS + (("export", "--format", "html"), ("report", "--json")))
def test_reading_commands_leave_no_journal_files_beside_the_database(db, command):
    before, mtime = digest(db), db.stat().st_mtime_ns
    proc = run_cli(*command, "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert files_beside(db) == ["r.db"]
    assert digest(db) == before and db.stat().st_mtime_ns == mtime


def test_a_reader_does_not_remove_the_journal_of_a_writer_still_at_work(db, built):
    writer = Store.open(db)  # a game or `litige serve` with the database open
    try:
        assert files_beside(db) == ["r.db", "r.db-shm", "r.db-wal"]
        proc = run_cli("history", "--db", str(db), "--json")
        assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 5
        assert files_beside(db) == ["r.db", "r.db-shm", "r.db-wal"]
        writer.set_setting("theme", "dark")  # the writer goes on, unharmed
        reader = Store.open(db, readonly=True)
        reader.close()  # a reader in the same process, closed while the writer is open
        writer.set_setting("theme", "light")
        assert writer.get_setting("theme") == "light"
    finally:
        writer.close()
    assert files_beside(db) == ["r.db"]  # the writer, last to close, tidied up as SQLite does
    with Store.open(db, readonly=True) as store:
        assert store.get_setting("theme") == "light"


def test_a_reader_open_while_a_writer_comes_and_goes_loses_nothing(db):
    reader = Store.open(db, readonly=True)
    writer = Store.open(db)
    writer.set_setting("theme", "dark")
    writer.close()  # the reader still holds the database: the writer's log stays for now
    assert reader.get_setting("theme") == "dark"
    reader.close()  # last out, the reader leaves the database whole and nothing beside it
    assert files_beside(db) == ["r.db"]
    with Store.open(db, readonly=True) as store:
        assert store.get_setting("theme") == "dark"


WRITER = """
import sys
from simulator.results.store import Store
store = Store.open(sys.argv[1])
store.set_setting("theme", "dark")
print("written", flush=True)
sys.stdin.readline()
store.set_setting("theme", "light")
print("written", flush=True)
store.close()
"""


def test_a_reader_that_made_the_journal_keeps_it_while_a_writer_process_came_after_it(db):
    import subprocess
    import sys

    from conftest import ROOT
    reader = Store.open(db, readonly=True)  # first in: the -wal and -shm are the reader's doing
    assert reader.history() and files_beside(db) == ["r.db", "r.db-shm", "r.db-wal"]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert writer.stdout.readline() == "written\n"
        reader.close()  # its tidying must not pull the log from under the writer (a game, `serve`)
        assert files_beside(db) == ["r.db", "r.db-shm", "r.db-wal"]
        writer.stdin.write("\n")
        writer.stdin.flush()
        assert writer.stdout.readline() == "written\n"
    finally:
        writer.stdin.close()
        assert writer.wait(timeout=60) == 0
    assert files_beside(db) == ["r.db"]  # the writer, last out, tidied up as SQLite does
    with Store.open(db, readonly=True) as store:
        assert store.get_setting("theme") == "light"


# -- Low: a FIFO (or another special file) as --db ----------------------------------------------

@pytest.mark.parametrize("command", [("history",), ("report",), ("export", "--format", "csv"), ("room", "--once"),
                                     ("push", "--lrs", "http://127.0.0.1:9/xAPI/"), ()])
def test_a_fifo_as_db_is_one_line_not_a_hang(tmp_path, command):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    proc = run_cli(*command, "--db", str(fifo), timeout=30)
    assert proc.returncode == 2
    line = one_line(proc.stderr)
    assert str(fifo) in line and "not a regular file" in line and "named pipe" in line, line


def test_a_fifo_beside_the_database_as_its_journal_is_refused_too(db):
    os.mkfifo(str(db) + "-wal")
    with pytest.raises(StoreError, match="r.db-wal beside it, the name SQLite's journal needs, is not a regular file"):
        Store.open(db, readonly=True)
