"""Plays scored by the first rules: scored again from their steps where their scenario allows it,
otherwise shown as such and never mixed with the others (real SQLite file, the CLI as a subprocess)."""

from __future__ import annotations

import json
import random
import sqlite3

import pytest
from conftest import run_cli

import scenarios
from scoring.scorer import RULES, score
from simulator.format.loader import load
from simulator.play.engine import Play
from simulator.results.store import Store


def _finished(scenario, seed: int, trainee: str) -> tuple:
    rng = random.Random(seed)
    play = Play(scenario, trainee=trainee, clock=lambda: 0.0)
    while not play.finished:
        play.choose(rng.randrange(len(play.offered())), seconds=1.0)
    return play.record, score(scenario, play.record)


@pytest.fixture()
def old_db(tmp_path):
    """A database with three plays of a shipped story marked as scored by the first rules (with
    a first-rules score of 7.7), and one of a story that no longer exists."""
    path = tmp_path / "old.db"
    sweater = load(scenarios.find("shrunken-sweater"))
    kept = {}
    with Store.open(path) as store:
        for seed in range(3):
            record, result = _finished(sweater, seed, f"T{seed}")
            store.finish_play(record, result)
            kept[record.play_id] = result.scaled
        record, result = _finished(sweater, 9, "Gone")
        store.finish_play(record, result)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE plays SET rules = '2026-11', scaled = 7.7, passed = 1")
    conn.execute("UPDATE plays SET scenario = 'a-story-no-longer-shipped' WHERE play_id = ?", (record.play_id,))
    conn.commit()
    conn.close()
    return path, kept, record.play_id


def test_report_scores_again_what_it_can_and_leaves_out_what_it_cannot(old_db):
    path, kept, gone = old_db
    proc = run_cli("report", "--db", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["plays"] == 4 and report["scored_by_first_rules"] == 1
    with Store.open(path, readonly=True) as store:
        plays = {p.record.play_id: p for p in store.plays()}
    for pid, scaled in kept.items():
        assert plays[pid].rules == RULES and plays[pid].scaled == scaled  # 7.7 replaced by the real score
    assert plays[gone].rules == "2026-11" and plays[gone].scaled == 7.7
    # the pass rate and the mean count the three plays scored again only
    assert report["mean_score"] == pytest.approx(round(sum(kept.values()) / 3, 1), abs=0.051)


def test_history_marks_a_score_by_the_first_rules(old_db):
    path, _, _ = old_db
    proc = run_cli("history", "--db", str(path), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    marked = [line for line in proc.stdout.splitlines() if "7.7 *" in line]
    assert len(marked) == 1 and "first rules" in proc.stdout


def test_a_read_only_database_is_left_as_it_is_and_still_says_so(old_db):
    path, _, _ = old_db
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        proc = run_cli("report", "--db", str(path), "--json")
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert proc.returncode == 0, proc.stderr
    # as root the file may still be written; either way no play is counted with a first-rules score
    report = json.loads(proc.stdout)
    assert report["scored_by_first_rules"] in (1, 4)
    if report["scored_by_first_rules"] == 4:
        assert report["mean_score"] is None and report["passed"] == 0


def test_with_no_first_rules_play_the_reading_commands_leave_the_file_as_it_was(tmp_path):
    """Rescoring opens the database for writing only when it holds a play scored by the first rules."""
    import hashlib
    path = tmp_path / "new.db"
    sweater = load(scenarios.find("shrunken-sweater"))
    with Store.open(path) as store:
        store.finish_play(*_finished(sweater, 1, "Ana"))
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    for command in ("history", "report"):
        assert run_cli(command, "--db", str(path)).returncode == 0
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
