"""The results store, on real SQLite files: round trips, rewinds, resuming after SIGKILL,
30 concurrent writer processes, and damaged or unwritable files."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_cli

import scenarios
from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play, play_script
from simulator.play.record import PlayRecord
from simulator.results.store import SCHEMA_VERSION, Store, StoreError, default_db_path

WORKER = Path(__file__).resolve().parent / "store_worker.py"


@pytest.fixture(scope="module")
def sweater():
    return load(scenarios.find("shrunken-sweater"))


@pytest.fixture(scope="module")
def loop_timer():
    return load(FIXTURES / "loop-timer.yaml")


def auto_play(scenario, seed: int, trainee: str | None = None, lang: str | None = None) -> Play:
    """A whole play with seeded picks among the offered choices (independent of the story's shape)."""
    rng = random.Random(seed)
    play = Play(scenario, trainee=trainee, lang=lang, clock=lambda: 0.0)
    while not play.finished:
        play.choose(rng.randrange(len(play.offered())), seconds=2.0)
    return play


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_play_saved_step_by_step_then_finished_comes_back_whole(tmp_path, sweater):
    store = Store.open(tmp_path / "r.db")
    play = Play(sweater, trainee="Ana", lang="en", clock=lambda: 0.0)
    store.save_play(play.record)
    assert [r.play_id for r in store.unfinished()] == [play.record.play_id]
    while not play.finished:
        play.choose(len(play.offered()) - 1, seconds=3.0)
        store.save_play(play.record)
        assert store.unfinished()[0] == play.record  # every step is there as soon as it is saved
    result = score(sweater, play.record)
    store.finish_play(play.record, result)
    assert store.unfinished() == []

    (stored,) = store.plays()
    assert stored.record == play.record and stored.finished
    assert stored.scaled == result.scaled and stored.passed == result.passed and stored.outcome == result.outcome
    assert stored.verdicts == {p: v.value for p, v in result.verdicts.items()}
    assert list(stored.verdicts) == list(result.verdicts)  # the order the play met them
    assert stored.judgements[next(iter(result.judgements))]["opportunities"] == \
        next(iter(result.judgements.values())).opportunities
    (row,) = store.history()
    assert (row.trainee, row.scenario, row.lang, row.steps, row.scaled) == \
        ("Ana", "shrunken-sweater", "en", len(play.record.steps), result.scaled)
    assert store.best_scores("Ana") == {"shrunken-sweater": result.scaled}
    assert store.best_scores("Nobody") == {}
    store.close()


def test_rewind_deletes_later_steps_and_reopens_a_finished_play(tmp_path, loop_timer):
    store = Store.open(tmp_path / "r.db")
    play = play_script(loop_timer, "1,1,1,2,1")
    store.finish_play(play.record, score(loop_timer, play.record))
    play.rewind(1)
    store.save_play(play.record)
    (row,) = store.history()
    assert row.steps == 1 and row.finished_at is None and row.outcome is None
    assert store.plays()[0].verdicts == {}
    assert store.unfinished() == [play.record]
    play.timeout(seconds=10)  # a different branch from there
    store.save_play(play.record)
    assert store.unfinished()[0].steps[1].timed_out


def test_history_filters_and_order_best_scores_abandon_and_settings(tmp_path, sweater):
    store = Store.open(tmp_path / "r.db")
    plays = {}
    for seed, name in enumerate(["Ana", "Ben", "Ana"]):
        record = auto_play(sweater, seed, name).record
        store.finish_play(record, score(sweater, record))
        plays.setdefault(name, []).append(score(sweater, record).scaled)
    open_play = Play(sweater, trainee="Cleo")
    open_play.choose(0)
    store.save_play(open_play.record)
    assert len(store.history()) == 4
    assert {r.trainee for r in store.history(trainee="Ana")} == {"Ana"}
    assert len(store.history(trainee="Ana")) == 2
    assert store.history(scenario="other") == []
    assert store.best_scores("Ana") == {"shrunken-sweater": max(plays["Ana"])}
    assert store.unfinished("Cleo") == [open_play.record] and store.unfinished("Ana") == []
    store.abandon(open_play.record.play_id)
    assert store.unfinished() == [] and store.history(trainee="Cleo")[0].abandoned_at
    assert store.get_setting("lang") is None
    store.set_setting("lang", "en")
    store.set_setting("lang", "fr")
    assert store.get_setting("lang") == "fr"
    assert sorted(store.trainees()) == ["Ana", "Ben", "Cleo"]


def test_schema_is_versioned_in_wal_mode_and_reopens(tmp_path):
    path = tmp_path / "r.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"trainees", "plays", "steps", "verdicts", "settings", "outbox"} <= tables
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION


def _unscored(plays):
    """Plays without what schema 4 added (the rules that scored them, the variant they drew)."""
    return [replace(p, rules=None, record=replace(p.record, variant=None)) for p in plays]


def test_migration_from_schema_1_fills_the_report_keys_of_existing_plays(tmp_path, sweater):
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        for seed in range(15):
            record = auto_play(sweater, seed, f"T{seed % 4}").record
            store.finish_play(record, score(sweater, record))
        before = store.aggregate()
        history = store.history()
    conn = sqlite3.connect(path)  # what a schema-1 file looked like: no key columns
    conn.execute("ALTER TABLE plays DROP COLUMN mode")
    conn.execute("ALTER TABLE plays DROP COLUMN variant")
    conn.execute("ALTER TABLE plays DROP COLUMN rules")
    conn.execute("ALTER TABLE plays DROP COLUMN node_seconds")
    conn.execute("ALTER TABLE plays DROP COLUMN choice_keys")
    conn.execute("ALTER TABLE plays DROP COLUMN verdict_keys")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        after = store.aggregate()
        # the plays finished before schema 4 are marked as scored by the first rules: their pass
        # and score are left out until they are scored again (simulator/results/rescore.py)
        assert after.first_rules == after.plays == before.plays and after.passed == 0 and after.mean_scaled is None
        assert replace(after, passed=before.passed, mean_scaled=before.mean_scaled, first_rules=0) == before
        assert before.principles and before.choices
        assert [replace(r, rules=None) for r in store.history()] == [replace(r, rules=None) for r in history]


def test_a_plays_mode_is_stored_and_reports_count_coach_and_exam_plays_apart(tmp_path, sweater, loop_timer):
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        for seed in range(5):
            record = replace(auto_play(sweater, seed, "Ana").record, mode="coach" if seed < 2 else "exam")
            store.finish_play(record, score(sweater, record))
        open_play = Play(loop_timer, clock=lambda: 0.0, trainee="Ana")
        open_play.record = replace(open_play.record, mode="coach")
        open_play.choose(0)
        store.save_play(open_play.record)
        assert sorted(p.record.mode for p in store.plays()) == ["coach", "coach", "coach", "exam", "exam", "exam"]
        assert sorted(r.mode for r in store.history()) == ["coach", "coach", "coach", "exam", "exam", "exam"]
        assert [r.mode for r in store.unfinished()] == ["coach"]
        agg = store.aggregate()
        assert agg.modes == {"coach": 2, "exam": 3} and agg.plays == 5  # finished plays only
    # the record says it too, and a record from before coach mode reads as an exam
    assert PlayRecord.from_json(open_play.record.to_json()).mode == "coach"
    legacy = json.loads(open_play.record.to_json())
    del legacy["mode"]
    assert PlayRecord.from_dict(legacy).mode == "exam"
    # a schema-4 file (before coach mode): its plays become exams, new plays keep their mode
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE plays DROP COLUMN mode")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert {p.record.mode for p in store.plays()} == {"exam"} and store.aggregate().modes == {"coach": 0, "exam": 5}
        record = replace(auto_play(sweater, 9, "Ben").record, mode="coach")
        store.finish_play(record, score(sweater, record))
        assert store.load_play(record.play_id).record.mode == "coach"
        assert store.aggregate().modes == {"coach": 1, "exam": 5}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_litige_report_counts_coach_and_exam_plays_apart(tmp_path, sweater, lang):
    db = tmp_path / "r.db"
    with Store.open(db) as store:
        for seed in range(3):
            record = replace(auto_play(sweater, seed, "Ana").record, mode="coach" if seed == 0 else "exam")
            store.finish_play(record, score(sweater, record))
    data = json.loads(run_cli("report", "--db", str(db), "--json").stdout)
    assert data["modes"] == {"coach": 1, "exam": 2} and data["plays"] == 3  # the figures for all plays kept
    text = run_cli("report", "--db", str(db), "--lang", lang).stdout
    assert ("Modes\u00a0: coach 1, examen 2" if lang == "fr" else "Modes: coach 1, exam 2") in text


def test_migration_from_schema_2_keeps_every_play_and_adds_the_node_clock(tmp_path, loop_timer, sweater):
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        for seed in range(6):
            record = auto_play(sweater, seed, f"T{seed % 3}").record
            store.finish_play(record, score(sweater, record))
        open_play = Play(loop_timer, clock=lambda: 0.0, trainee="Ana")
        open_play.choose(0, seconds=3.0)
        store.save_play(open_play.record)
        plays, history, unfinished = store.plays(), store.history(), store.unfinished()
    conn = sqlite3.connect(path)  # what a schema-2 file looked like: no node_seconds
    conn.execute("ALTER TABLE plays DROP COLUMN mode")
    conn.execute("ALTER TABLE plays DROP COLUMN variant")
    conn.execute("ALTER TABLE plays DROP COLUMN rules")
    conn.execute("ALTER TABLE plays DROP COLUMN node_seconds")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Store.open(path, readonly=True) as store:  # read-only: migrated in memory, the file stays at 2
        assert store.schema_version == SCHEMA_VERSION and _unscored(store.plays()) == _unscored(plays)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert _unscored(store.plays()) == _unscored(plays)
        assert [replace(r, rules=None) for r in store.history()] == [replace(r, rules=None) for r in history]
        assert [replace(r, variant=None) for r in store.unfinished()] == [replace(r, variant=None) for r in unfinished]
        assert {p.rules for p in store.plays() if p.finished} == {"2026-11"}  # finished before schema 4
        pid = open_play.record.play_id
        assert store.node_seconds(pid, 1) == 0.0  # saved before the column: the node's full time
        assert store.save_clock(pid, 1, 4.25)
    with Store.open(path) as store:
        assert store.node_seconds(pid, 1) == 4.25


def test_the_clock_of_the_current_node_is_kept_until_the_next_step(tmp_path, loop_timer):
    with Store.open(tmp_path / "r.db") as store:
        play = Play(loop_timer, clock=lambda: 0.0)
        store.save_play(play.record)
        pid = play.record.play_id
        assert store.node_seconds(pid, 0) == 0.0
        assert store.save_clock(pid, 0, 2.0) and store.save_clock(pid, 0, 4.5)  # overwritten
        assert store.node_seconds(pid, 0) == 4.5
        assert store.history()[0].steps == 0  # not a step
        assert not store.save_clock(pid, 1, 9.0)  # not the node the play stands at: nothing written
        assert store.node_seconds(pid, 0) == 4.5 and store.node_seconds(pid, 1) == 0.0
        assert not store.save_clock("no-such-play", 0, 1.0)
        store.save_play(play.record)  # the same steps saved again: still at that node
        assert store.node_seconds(pid, 0) == 4.5
        play.choose(0, seconds=4.5)  # listen → hello again: the time is in the step now
        store.save_play(play.record)
        assert store.node_seconds(pid, 1) == 0.0
        assert store.save_clock(pid, 1, 1.5)
        play.rewind(0)  # back to before the step: another node visit
        store.save_play(play.record)
        assert store.node_seconds(pid, 0) == 0.0 and store.node_seconds(pid, 1) == 0.0
        for pick in (1, 0):  # rude → offer, options → won
            play.choose(pick, seconds=1.0)
        assert play.finished
        store.finish_play(play.record, score(loop_timer, play.record))
        assert not store.save_clock(pid, len(play.record.steps), 3.0)  # a finished play has no clock
        other = Play(loop_timer, clock=lambda: 0.0)
        store.save_play(other.record)
        store.abandon(other.record.play_id)
        assert not store.save_clock(other.record.play_id, 0, 3.0)


def test_the_store_opens_what_it_is_given_else_its_default(tmp_path, monkeypatch):
    """$LITIGE_DB is the settings' to read (simulator/game/settings.py: tests/test_settings.py, and
    test_results' `play`/`history` with LITIGE_DB, check it names the database): the store opens the
    path it is given, else litige.db in the user's data folder, whatever the environment says."""
    monkeypatch.setenv("LITIGE_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "litige" / "litige.db"
    Store.open().close()
    assert default_db_path().exists() and not (tmp_path / "env.db").exists()
    Store.open(tmp_path / "given.db").close()
    assert (tmp_path / "given.db").exists()


def test_a_database_from_a_newer_litige_or_another_program_is_refused_untouched(tmp_path):
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    for path, words in [(newer, "newer Litige"), (other, "not a Litige results database")]:
        before = digest(path)
        with pytest.raises(StoreError, match=words):
            Store.open(path)
        assert digest(path) == before


# -- durability ------------------------------------------------------------------------------

def test_sigkill_in_the_middle_of_a_play_keeps_every_saved_step_and_resumes(tmp_path, loop_timer):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, str(WORKER), "loop", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        play_id = proc.stdout.readline().split()[1]
        for _ in range(25):
            line = proc.stdout.readline()
        assert line.strip() == "saved 25"
        os.kill(proc.pid, signal.SIGKILL)  # while it goes on playing and saving
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    store = Store.open(db)
    (record,) = store.unfinished()
    assert record.play_id == play_id and record.trainee == "Killed Kim"
    assert len(record.steps) >= 25  # every step whose save returned before the kill, maybe a few more
    assert all(s.chosen == "listen" for s in record.steps)
    play = Play.resume(loop_timer, record)  # the engine accepts it as it is
    assert play.record == record and play.node.id == "hello"
    play.choose_id("rude")
    play.choose_id("options")
    store.save_play(play.record)
    store.finish_play(play.record, score(loop_timer, play.record))
    assert store.unfinished() == [] and store.plays()[0].record.steps[-1].chosen == "options"
    store.close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_thirty_processes_writing_at_once_lose_no_row_and_never_see_locked(tmp_path):
    db = tmp_path / "shared.db"
    go = tmp_path / "go"  # no schema yet: the 30 first opens race to create it too
    per_process = 3
    procs = [subprocess.Popen([sys.executable, str(WORKER), "plays", str(db), f"Trainee {n:02d}",
                               str(per_process), str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(30)]
    go.touch()
    outputs = [p.communicate(timeout=600) for p in procs]
    errors = [(p.returncode, err) for p, (_, err) in zip(procs, outputs) if p.returncode or err.strip()]
    assert not errors, errors[0]
    assert not any("locked" in err for _, err in outputs)
    reported = {}
    for out, _ in outputs:
        for line in out.splitlines():
            item = json.loads(line)
            reported[item["play_id"]] = item["steps"]
    assert len(reported) == 30 * per_process

    store = Store.open(db)
    plays = {p.record.play_id: p for p in store.plays()}
    assert set(plays) == set(reported)
    assert all(p.finished and p.verdicts for p in plays.values())
    assert {pid: len(p.record.steps) for pid, p in plays.items()} == reported
    assert len(store.trainees()) == 30
    assert store.aggregate().plays == 30 * per_process
    assert sum(sum(c.values()) for c in store.aggregate().choices.values()) == sum(reported.values())


# -- damaged or unwritable files ---------------------------------------------------------------

def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def test_garbage_file_is_one_clear_line_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"my precious notes, not a database\n" * 200)
    before = digest(path)
    line = one_line_error(run_cli("history", "--db", str(path)))
    assert str(path) in line and "not a Litige results database" in line
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, no -journal left behind


def test_damaged_database_is_one_clear_line_and_left_untouched(tmp_path, sweater):
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        for seed in range(40):
            record = auto_play(sweater, seed).record
            store.finish_play(record, score(sweater, record))
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    for i in range(4096, len(data), 5):  # keep the header, scramble every page after the first
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    before = digest(path)
    line = one_line_error(run_cli("history", "--db", str(path)))
    assert str(path) in line and "damaged" in line
    assert digest(path) == before


def test_unwritable_locations_are_one_clear_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    line = one_line_error(run_cli("play", str(FIXTURES / "small-sweater.yaml"), "--choices", "2,1",
                                  "--db", str(blocker / "r.db")))
    assert "cannot create the folder" in line
    line = one_line_error(run_cli("history", "--db", str(tmp_path)))
    assert "is a folder" in line


def test_a_database_whose_journal_cannot_be_created_is_one_clear_line(tmp_path, sweater):
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        store.save_play(auto_play(sweater, 1).record)
    (tmp_path / "r.db-wal").mkdir()  # something in the way of SQLite's write-ahead log, even for root
    before = digest(path)
    line = one_line_error(run_cli("history", "--db", str(path)))
    assert str(path) in line and "cannot open" in line
    assert digest(path) == before


def as_user_bound_by_permissions(*args: str) -> subprocess.CompletedProcess:
    """`litige ARGS` in a subprocess that file permissions apply to, even when the tests run as
    root (CI): root then runs it without CAP_DAC_OVERRIDE, through util-linux's setpriv."""
    if os.geteuid() != 0:
        return run_cli(*args)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root would write a read-only file anyway")
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "--", sys.executable,
                           "-m", "simulator.cli.main", *args], capture_output=True, text=True, env=full_env, cwd=ROOT,
                          timeout=120)


def test_read_only_database_or_folder_is_read_but_not_written_and_left_untouched(tmp_path, sweater):
    """Reading commands open the file read-only (they work on read-only media); a command that
    writes says in one line that it cannot. (history used to refuse a read-only file: fixed.)"""
    folder = tmp_path / "results"
    folder.mkdir()
    path = folder / "r.db"
    with Store.open(path) as store:
        play = auto_play(sweater, 1)
        store.finish_play(play.record, score(sweater, play.record))
    small = str(FIXTURES / "small-sweater.yaml")
    path.chmod(0o444)
    before = digest(path)
    try:
        for folder_mode in (0o555, 0o755):  # read-only media (no -shm can be made); then the file alone
            folder.chmod(folder_mode)
            proc = as_user_bound_by_permissions("history", "--db", str(path), "--json")
            assert proc.returncode == 0, proc.stderr
            assert [r["play_id"] for r in json.loads(proc.stdout)] == [play.record.play_id]
            for args in (("report", "--json"), ("export", "--format", "csv")):
                proc = as_user_bound_by_permissions(*args, "--db", str(path))
                assert proc.returncode == 0 and play.record.play_id[:8] in proc.stdout + proc.stderr or \
                    args[0] == "report" and '"plays": 1' in proc.stdout, proc.stderr
            line = one_line_error(as_user_bound_by_permissions("play", small, "--choices", "2,1", "--db", str(path)))
            assert str(path) in line and "cannot write" in line and "read-only" in line
            assert digest(path) == before
        folder.chmod(0o555)
        path.chmod(0o644)  # the file is writable, its folder (where the journal goes) is not
        line = one_line_error(as_user_bound_by_permissions("play", small, "--choices", "2,1", "--db", str(path)))
        assert str(path) in line and "cannot write" in line
        assert digest(path) == before
        assert not [p for p in folder.iterdir() if p.suffix in (".seats", ".journal")]
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)


def test_history_cli_lists_plays_in_both_languages(tmp_path, sweater):
    db = str(tmp_path / "r.db")
    with Store.open(db) as store:
        record = auto_play(sweater, 7, "Zoé").record
        store.finish_play(record, score(sweater, record))
    en = run_cli("history", "--db", db, "--lang", "en")
    assert en.returncode == 0 and "Zoé" in en.stdout and "shrunken-sweater" in en.stdout and "trainee" in en.stdout
    fr = run_cli("history", "--db", db, "--lang", "fr", "--trainee", "Personne")
    assert fr.returncode == 0 and "Aucune partie" in fr.stdout
    rows = json.loads(run_cli("history", "--db", db, "--json").stdout)
    assert rows[0]["trainee"] == "Zoé" and rows[0]["play_id"] == record.play_id


def test_saves_after_each_step_rewind_and_a_rebuilt_record_all_land_exactly(tmp_path, loop_timer):
    """A save compares only the steps it did not write itself (steps are immutable): check that
    every way a record can change still lands exactly — appended steps, a rewind, a record
    rebuilt with equal-looking but different steps, and a rolled-back batch."""
    from dataclasses import replace

    store = Store.open(tmp_path / "r.db")
    play = Play(loop_timer, clock=lambda: 0.0)
    store.save_play(play.record)
    for _ in range(6):
        play.choose(0, seconds=1.0)
        store.save_play(play.record)
        assert store.unfinished()[0] == play.record
    play.rewind(2)
    store.save_play(play.record)
    assert store.unfinished()[0] == play.record
    play.choose(0, seconds=4.0)                       # same choice as before the rewind, other timing
    store.save_play(play.record)
    assert store.unfinished()[0].steps[2].seconds == 4.0
    # the same play rebuilt from data (as after a resume): new objects, one of them changed
    steps = list(play.record.steps)
    steps[0] = replace(steps[0], seconds=9.0)
    rebuilt = replace(play.record, steps=tuple(steps))
    store.save_play(rebuilt)
    assert store.unfinished()[0] == rebuilt
    # a batch that rolls back must not leave the store believing its steps were written
    steps[1] = replace(steps[1], seconds=7.0)
    changed = replace(rebuilt, steps=tuple(steps))    # as many steps: only the content differs
    with pytest.raises(RuntimeError):
        with store.batch():
            store.save_play(changed)
            raise RuntimeError("abandoned import")
    assert store.unfinished()[0] == rebuilt
    store.save_play(changed)
    assert store.unfinished()[0] == changed
    # another connection rewrote the play meanwhile: this store does not trust what it wrote
    other = Store.open(tmp_path / "r.db")
    other.save_play(replace(changed, steps=changed.steps[:1]))
    other.close()
    store.save_play(changed)
    assert store.unfinished()[0] == changed
    store.close()


def test_a_held_play_is_held_against_every_other_store_even_in_one_process(tmp_path, sweater):
    """flock belongs to an open file description: two Stores of one process conflict like two
    processes; letting go (or closing the store) frees it and removes the lock file."""
    path = tmp_path / "r.db"
    one, two = Store.open(path), Store.open(path)
    try:
        assert one.hold_play("p1") and one.hold_play("p1")        # holding again: still ours
        assert one.play_free("p1") and not two.play_free("p1")
        assert not two.hold_play("p1") and two.hold_play("p2")
        assert not one.hold_play("p2")
        assert one.hold_trainee("Marie") and not two.hold_trainee(" Marie ")  # the name as the game cleans it
        one.release_play("p1")
        assert two.play_free("p1") and two.hold_play("p1") and not one.play_free("p1")
        two.close()
        assert one.hold_play("p1") and one.hold_play("p2")
        one.release_play("p1")
        one.release_play("p2")
        one.release_trainee("Marie")
        assert list((tmp_path / "r.db.seats").iterdir()) == []    # nothing left behind
    finally:
        one.close()
        two.close()


def test_a_hold_ends_with_its_process_even_killed(tmp_path):
    """A closed browser tab kills its seat's process: the OS lets go of its holds at once, so
    the same trainee gets the play back (no stale hold to expire)."""
    path = tmp_path / "r.db"
    Store.open(path).close()
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from simulator.results.store import Store; s = Store.open(sys.argv[1]); "
         "assert s.hold_play('p1') and s.hold_trainee('Marie'); print('held', flush=True); sys.stdin.read()",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline().strip() == "held"
        with Store.open(path) as store:
            assert not store.play_free("p1") and not store.hold_play("p1") and not store.hold_trainee("Marie")
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=60)
            assert store.play_free("p1") and store.hold_play("p1") and store.hold_trainee("Marie")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_once_a_plays_statements_are_queued_they_describe_the_play_as_stored(tmp_path, sweater):
    """A finished play whose xAPI statements are queued can't change: the outbox (maybe the LRS
    already) holds its statements. Saving it unchanged is harmless; changing its steps is refused
    and leaves it as it was; statements built before a play changed are not queued."""
    from simulator.results.push import queue
    from simulator.results.xapi import statements
    path = tmp_path / "r.db"
    with Store.open(path) as store:
        play = auto_play(sweater, 3, trainee="Ana")
        result = score(sweater, play.record)
        store.finish_play(play.record, result)
        assert queue(store) == len(play.record.steps) + 3
        before = store.load_play(play.record.play_id)
        store.save_play(play.record)                          # the same steps again: nothing changes
        store.finish_play(play.record, result)
        assert store.load_play(play.record.play_id) == before
        play.rewind(1)
        with pytest.raises(StoreError, match="queued"):
            store.save_play(play.record)
        play.choose(0)
        with pytest.raises(StoreError, match="queued"):
            store.finish_play(play.record, result)
        assert store.load_play(play.record.play_id) == before
        queued = {i.statement_id: i.statement for i in store.unsent()}
        from simulator.results.shipped import weights_of
        weights = weights_of({sweater.id: sweater})[sweater.id]
        assert queued == {s["id"]: s for s in statements(before, sweater, weights=weights)}

        # statements built from a play that changed before they were queued are dropped
        other = auto_play(sweater, 4)
        store.finish_play(other.record, score(sweater, other.record))
        stale = store.load_play(other.record.play_id)
        other.rewind(1)
        store.save_play(other.record)                         # reopened (not queued yet: allowed)
        assert store.enqueue(other.record.play_id, statements(stale, sweater), finished_at=stale.finished_at,
                             steps=len(stale.record.steps)) == 0
        assert store.load_play(other.record.play_id).finished_at is None
        assert not [i for i in store.unsent() if i.play_id == other.record.play_id]
