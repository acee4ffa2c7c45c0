"""GameSession (simulator/game/session.py): the game's use of the store, written once for the
terminal game, line mode and the workshop's plain page, on real SQLite files and without
Textual (checked in a subprocess, where no other test has imported it)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import scenarios
from simulator.format.errors import LitigeError
from simulator.format.loader import load
from simulator.game.session import NOT_SAVED, PLAY_BROKEN, PLAY_TAKEN, PLAY_UNREADABLE, GameSession
from simulator.results.store import Store

ROOT = Path(__file__).resolve().parent.parent
BED = "wrong-bed"


@pytest.fixture(scope="module")
def bed():
    return load(scenarios.find(BED))


def clock() -> float:
    return 0.0


def to_the_end(play) -> None:
    while not play.finished:
        play.choose(len(play.record.steps) % len(play.offered()))


def kinds(session: GameSession) -> list[str]:
    return [n.kind for n in session.notices()]


def test_a_name_is_claimed_by_one_live_seat_at_a_time(tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db) as one_store, Store.open(db) as other_store:
        one, other = GameSession(one_store, lang="en"), GameSession(other_store, lang="en")
        assert one.claim_name("Marie") and one.claimed == "Marie"
        assert not other.claim_name(" Marie ") and other.claimed is None  # the name as the game cleans it
        one.close()  # quit: the name is let go at once
        assert one.claimed is None and other.claim_name("Marie")
        other.close()


def test_a_play_started_saved_then_quit_is_resumed_where_it_was(tmp_path, bed):
    db = tmp_path / "g.db"
    with Store.open(db) as store:
        first = GameSession(store, trainee="Ana", lang="en")
        play = first.start(bed, lang="en", clock=clock, coach=True)
        assert first.held == play.record.play_id
        play.choose(0, seconds=1.0)
        first.save(play)
        first.close()
        assert first.held is None
    with Store.open(db) as store:  # another start of the game
        again = GameSession(store, trainee="Ana", lang="en")
        pending = again.pending(BED)
        assert pending is not None and pending.play_id == play.record.play_id and len(pending.steps) == 1
        assert again.pending("another-story") is None and again.pending(known=()) is None
        assert GameSession(store, trainee="Bea").pending() is None  # someone else's play
        resumed = again.resume(bed, pending, clock=clock)
        assert resumed is not None and resumed.record.play_id == play.record.play_id
        assert len(resumed.record.steps) == 1 and resumed.record.mode == "coach"
        assert again.held == play.record.play_id and again.notices() == []
        again.close()


def test_a_play_held_by_another_live_game_is_neither_offered_nor_resumed(tmp_path, bed):
    db = tmp_path / "g.db"
    with Store.open(db) as one_store, Store.open(db) as other_store:
        one = GameSession(one_store, trainee="Ana", lang="en")
        play = one.start(bed, lang="en", clock=clock, coach=False)
        other = GameSession(other_store, trainee="Ana", lang="en")
        assert other.pending(BED) is None  # held by a live game: not offered
        (record,) = other_store.unfinished("Ana")
        assert other.resume(bed, record, clock=clock) is None  # asked anyway: refused and said
        assert kinds(other) == [PLAY_TAKEN] and other.held is None
        one.close()
        assert other.pending(BED).play_id == play.record.play_id  # let go: offered at once
        other.close()


def test_a_play_whose_hold_cannot_be_checked_is_not_offered(tmp_path, bed, monkeypatch):
    with Store.open(tmp_path / "g.db") as store:
        one = GameSession(store, trainee="Ana")
        one.start(bed, lang="en", clock=clock, coach=False)
        one.close()

        def cannot_check(play_id: str) -> bool:
            raise LitigeError("seats folder unreadable")
        monkeypatch.setattr(store, "play_free", cannot_check)
        assert GameSession(store, trainee="Ana").pending() is None  # fails closed


def test_a_damaged_play_is_skipped_and_said_once(tmp_path, bed):
    db = tmp_path / "g.db"
    with Store.open(db) as store:
        session = GameSession(store, trainee="Ana", lang="en")
        good = session.start(bed, lang="en", clock=clock, coach=False)
        good.choose(0, seconds=1.0)
        session.save(good)
        bad = session.start(bed, lang="en", clock=clock, coach=False)  # the most recent: offered first
        bad.choose(0, seconds=1.0)
        session.save(bad)
        session.close()
    damage = sqlite3.connect(db)
    damage.execute("UPDATE steps SET data = 'nope' WHERE play_id = ?", (bad.record.play_id,))
    damage.commit()
    damage.close()
    with Store.open(db) as store:
        session = GameSession(store, trainee="Ana", lang="en")
        assert session.pending(BED).play_id == good.record.play_id
        (said,) = session.notices()
        assert said.kind == PLAY_UNREADABLE and bad.record.play_id in said.text and "cannot be read" in said.text
        assert session.pending(BED).play_id == good.record.play_id
        assert session.notices() == []  # said once


def test_a_finished_play_is_scored_stored_and_counts_in_the_best_scores(tmp_path, bed):
    with Store.open(tmp_path / "g.db") as store:
        session = GameSession(store, trainee="Ana", lang="en")
        assert session.best_scores() == {}
        play = session.start(bed, lang="en", clock=clock, coach=False)
        to_the_end(play)
        session.save(play)
        debrief = session.finish(play)
        assert debrief.record.play_id == play.record.play_id and debrief.result.scaled is not None
        (row,) = store.history("Ana")
        assert row.finished_at and row.play_id == play.record.play_id
        assert session.best_scores() == {BED: pytest.approx(debrief.result.scaled)}
        assert session.pending() is None  # finished: nothing to resume
        assert GameSession(store).best_scores() == {}  # no trainee: no best scores
        assert session.notices() == []


def test_an_abandoned_play_is_no_longer_offered(tmp_path, bed):
    with Store.open(tmp_path / "g.db") as store:
        session = GameSession(store, trainee="Ana")
        play = session.start(bed, lang="en", clock=clock, coach=False)
        session.close()
        assert session.pending().play_id == play.record.play_id
        session.abandon(play.record.play_id)
        assert session.pending() is None


def test_a_saved_play_that_no_longer_fits_its_story_is_abandoned_and_said(tmp_path, bed):
    with Store.open(tmp_path / "g.db") as store:
        session = GameSession(store, trainee="Ana", lang="en")
        play = session.start(bed, lang="en", clock=clock, coach=False)
        session.close()
        record = replace(session.pending(), variant="no-such-variant")
        assert session.resume(bed, record, clock=clock) is None
        assert kinds(session) == [PLAY_BROKEN] and session.held is None
        assert store.unfinished("Ana") == []  # abandoned: not offered again
        assert store.play_free(play.record.play_id)


def test_a_failing_write_is_said_once_until_a_write_succeeds(tmp_path, bed, monkeypatch):
    with Store.open(tmp_path / "g.db") as store:
        session = GameSession(store, trainee="Ana", lang="en")
        play = session.start(bed, lang="en", clock=clock, coach=False)
        working = store.save_play

        def broken(record) -> None:
            raise LitigeError("disk I/O error")
        monkeypatch.setattr(store, "save_play", broken)
        session.save(play)
        session.save(play)
        (said,) = session.notices()
        assert said.kind == NOT_SAVED and said.text == "Not saved: disk I/O error"
        monkeypatch.setattr(store, "save_play", working)
        session.save(play)
        monkeypatch.setattr(store, "save_play", broken)
        session.save(play)
        assert kinds(session) == [NOT_SAVED]  # said again after a write succeeded
        session.close()


def test_a_name_the_store_cannot_hold_is_played_on_and_said(tmp_path):
    from simulator.results.holds import seats_dir
    with Store.open(tmp_path / "g.db") as store:
        seats_dir(store.path).write_text("not a folder")
        session = GameSession(store, lang="fr")
        assert session.claim_name("Marie") and session.claimed is None
        (said,) = session.notices()
        assert said.kind == NOT_SAVED and said.text.startswith("Non enregistré\u00a0: ")


def test_without_a_store_a_play_is_played_unsaved(bed):
    session = GameSession(None, trainee="Ana")
    play = session.start(bed, lang="en", clock=clock, coach=False)
    to_the_end(play)
    session.save(play)
    assert session.finish(play).result.scaled is not None
    assert session.pending() is None and session.best_scores() == {} and session.claim_name("Ana")
    assert not session.coach_for(BED) and session.notices() == []
    session.close()


SCRIPT = """
import sys
import scenarios
from simulator.format.loader import load
from simulator.game.session import GameSession
from simulator.results.store import Store
bed = load(scenarios.find("wrong-bed"))
db = sys.argv[1]
with Store.open(db) as store:
    game = GameSession(store, trainee="Ana", lang="en")
    assert game.claim_name("Ana")
    play = game.start(bed, lang="en", clock=lambda: 0.0, coach=game.coach_for("wrong-bed"))
    play.choose(0, seconds=1.0)
    game.save(play)
    game.close()
with Store.open(db) as store:
    game = GameSession(store, trainee="Ana", lang="en")
    play = game.resume(bed, game.pending("wrong-bed"), clock=lambda: 0.0)
    while not play.finished:
        play.choose(0)
    game.save(play)
    scaled = game.finish(play).result.scaled
    assert game.best_scores() == {"wrong-bed": scaled}, game.best_scores()
    game.close()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print("loaded:", loaded)
"""


def test_the_session_plays_a_whole_game_without_textual_or_rich(tmp_path):
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "g.db")], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded: []"


def test_line_mode_skips_and_says_a_damaged_play_as_the_game_does(tmp_path, bed):
    """Line mode resumed through its own copy of the rule, which passed a damaged play over in
    silence; it now says it, as the game does (one rule: GameSession.pending)."""
    from simulator.game.linemode import LineSession
    db = tmp_path / "g.db"
    with Store.open(db) as store:
        first = LineSession(bed, "en", store=store, trainee="Ana")
        first.start()
        first.answer("1")
        first.close()
        bad = first.play.record.play_id
    damage = sqlite3.connect(db)
    damage.execute("UPDATE steps SET data = 'nope' WHERE play_id = ?", (bad,))
    damage.commit()
    damage.close()
    with Store.open(db) as store:
        again = LineSession(bed, "en", store=store, trainee="Ana")
        events = again.start()
        assert not again.resumed
        said = [e.text for e in events if e.kind == "notice" and bad in e.text]
        assert len(said) == 1 and "cannot be read" in said[0], events
        again.close()


def test_the_front_ends_keep_no_copy_of_the_store_rules():
    """The seats, resuming and saving are GameSession's: neither the game, line mode nor the
    plain page calls the store for them any more."""
    rules = ("hold_play", "release_play", "play_free", "hold_trainee", "release_trainee", "unfinished(",
             "save_play", "finish_play", "node_seconds", ".abandon(", "best_scores(")
    screens = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "simulator/tui/screens").glob("*.py"))
    for front in ("simulator/tui/app.py", *screens, "simulator/game/linemode.py",
                  "simulator/cli/linemode.py", "simulator/workshop/plain_play.py"):
        text = (ROOT / front).read_text(encoding="utf-8")
        found = [r for r in rules if f"store.{r.lstrip('.')}" in text]
        assert not found, (front, found)
