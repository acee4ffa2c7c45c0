"""A scenario that defines its own principles (weights 3 and 2, not in the catalogue), played and
scored end to end: by the engine and scorer, by `litige play --json` as a subprocess, and stored
then resumed in the game (a real SQLite file) — also after its file was edited, and when the
stored play had already reached its ending. Every figure is worked out by hand from the file:

    a: check +3 (applies check-stock, weight 3) · wait 0 · guess −3 (violates it)  → stake 6
    b: honest +2 (applies keep-promise, weight 2) · rash −2 · time-out 0           → stake 4
    max 10; raw = (value − worst) summed: a's worst −3, b's worst −2; pass_score 70.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, play_json
from tui_helpers import make_app

from scoring.scorer import score
from simulator.format.loader import load, load_text
from simulator.play.engine import Play, PlayError, play_script
from simulator.results.store import Store
from simulator.tui.screens import DebriefScreen, LibraryScreen, PlayScreen

OWN = FIXTURES / "own-principles.yaml"

# picks → (raw, scaled, ending outcome, passed, check-stock verdict, keep-promise verdict)
HAND = {
    "1,1": (10, 100.0, "won", True, "mastered", "mastered"),
    "2,1": (7, 70.0, "won", True, "missed", "mastered"),      # exactly the pass mark
    "1,t": (8, 80.0, "kept", True, "mastered", "missed"),
    "2,t": (5, 50.0, "kept", False, "missed", "missed"),
    "3,1": (4, 40.0, "won", False, "violated", "mastered"),
    "1,2": (6, 60.0, "lost", False, "mastered", "violated"),
    "3,2": (0, 0.0, "lost", False, "violated", "violated"),
}


@pytest.fixture(scope="module")
def own():
    return load(OWN)


def test_the_scenario_brings_its_principles_and_weights(own):
    assert {p.id: p.weight for p in own.principles} == {"check-stock": 3, "keep-promise": 2}


@pytest.mark.parametrize("picks", sorted(HAND))
def test_each_play_scores_the_hand_worked_figures(own, picks):
    raw, scaled, outcome, passed, stock, promise = HAND[picks]
    r = score(own, play_script(own, picks).record)
    assert (r.raw, r.max, r.scaled, r.outcome, r.passed) == (raw, 10, scaled, outcome, passed)
    assert (r.scenario, r.ending) == ("own-principles", {"won": "won", "kept": "kept", "lost": "lost"}[outcome])
    assert {k: v.value for k, v in r.verdicts.items()} == {"check-stock": stock, "keep-promise": promise}


@pytest.mark.parametrize("picks", ["2,1", "1,t", "1,2"])
def test_litige_play_json_gives_the_hand_worked_figures(picks):
    raw, scaled, outcome, passed, stock, promise = HAND[picks]
    out = play_json(str(OWN), picks)
    assert (out["score"]["raw"], out["score"]["max"], out["score"]["scaled"]) == (raw, 10, scaled)
    assert (out["ending"]["outcome"], out["passed"]) == (outcome, passed)
    assert out["principles"] == {"check-stock": stock, "keep-promise": promise}
    assert [(d["value"], d["best"], d["worst"]) for d in out["decisions"]][:1] == [
        ({"1": 3, "2": 0, "3": -3}[picks[0]], 3, -3)]


def with_pass_score(own_text: str, mark: int):
    return load_text(own_text.replace("pass_score: 70", f"pass_score: {mark}"), "own.yaml")


def test_the_pass_mark_at_and_just_above_a_score_that_lands_on_it():
    text = OWN.read_text(encoding="utf-8")
    assert score(with_pass_score(text, 70), play_script(with_pass_score(text, 70), "2,1").record).passed
    s71 = with_pass_score(text, 71)
    assert not score(s71, play_script(s71, "2,1").record).passed  # 70.0 < 71
    s60 = with_pass_score(text, 60)
    lost = score(s60, play_script(s60, "1,2").record)
    assert (lost.scaled, lost.outcome, lost.passed) == (60.0, "lost", False)  # at the mark, but lost
    assert score(s60, play_script(s60, "1,t").record).passed  # 80, kept


# -- stored plays resumed ----------------------------------------------------------------------

def stored_after(tmp_path, picks: list[str]):
    """A play of a copy of the fixture, saved step by step in a real SQLite store and never
    finished (the terminal closed); returns the copy's path and the play id."""
    path = tmp_path / "own-principles.yaml"
    shutil.copy(OWN, path)
    scenario = load(path)
    play = Play(scenario, clock=lambda: 0.0, lang="en")
    with Store.open(tmp_path / "litige.db") as store:
        store.save_play(play.record)
        for cid in picks:
            play.choose_id(cid, seconds=3.0)
            store.save_play(play.record)
    return path, play.record.play_id


def test_resuming_after_the_chosen_answer_was_removed_is_a_play_error_not_a_crash(tmp_path):
    path, play_id = stored_after(tmp_path, ["wait"])
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      - id: wait\n        text: One moment.\n        next: b\n", ""), encoding="utf-8")
    edited = load(path)
    with Store.open(tmp_path / "litige.db") as store:
        record = store.unfinished()[0]
    with pytest.raises(PlayError, match="choice 'wait' is not offered at node 'a'"):
        Play.resume(edited, record, clock=lambda: 0.0)


def test_resuming_after_a_node_was_renamed_is_a_play_error(tmp_path):
    path, _ = stored_after(tmp_path, ["wait"])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("start: a\n", "start: first\n").replace("\n  a:\n", "\n  first:\n"),
                    encoding="utf-8")
    with Store.open(tmp_path / "litige.db") as store:
        record = store.unfinished()[0]
    with pytest.raises(PlayError, match="does not match the scenario at node 'a'"):
        Play.resume(load(path), record, clock=lambda: 0.0)


def test_resuming_after_an_edit_elsewhere_goes_on_with_the_edited_story(tmp_path):
    path, _ = stored_after(tmp_path, ["wait"])
    path.write_text(path.read_text(encoding="utf-8").replace("When can I have it?", "And when, then?"),
                    encoding="utf-8")
    with Store.open(tmp_path / "litige.db") as store:
        record = store.unfinished()[0]
    play = Play.resume(load(path), record, clock=lambda: 0.0)
    assert play.node.id == "b" and str(play.node.text) == "And when, then?"
    play.choose_id("honest")
    r = score(play.scenario, play.record)
    assert (r.raw, r.max, r.scaled, r.passed) == (7, 10, 70.0, True)


async def test_the_game_drops_a_stored_play_its_edited_story_no_longer_fits(tmp_path):
    path, play_id = stored_after(tmp_path, ["wait"])
    path.write_text(path.read_text(encoding="utf-8").replace("id: wait", "id: hold-on"), encoding="utf-8")
    app = make_app(tmp_path, [path])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and app.screen.query_one("#resume").display
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # no play screen on a story that changed
        assert any("choice 'wait' is not offered at node 'a'" in str(n.message) for n in app._notifications)
    with Store.open(tmp_path / "litige.db") as store:
        assert store.unfinished() == []  # abandoned: not offered again
        assert store.load_play(play_id) is not None and not store.load_play(play_id).finished


async def test_the_game_scores_a_stored_play_that_had_already_reached_its_ending(tmp_path):
    """The terminal closed on the last answer, before the play was scored: resuming it scores it
    (by hand: 7/10, 70.0, passed) and shows the debrief, without a play screen."""
    path, play_id = stored_after(tmp_path, ["wait", "honest"])
    with Store.open(tmp_path / "litige.db") as store:
        assert [r.play_id for r in store.unfinished()] == [play_id]
    app = make_app(tmp_path, [path])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert not isinstance(app.screen, PlayScreen)
    with Store.open(tmp_path / "litige.db") as store:
        assert store.unfinished() == []
        stored = store.load_play(play_id)
        assert stored.finished and (stored.raw, stored.best, stored.scaled, stored.passed) == (7, 10, 70.0, True)
        assert stored.verdicts == {"check-stock": "missed", "keep-promise": "mastered"}


def test_a_principle_missing_from_the_weights_counts_one(own):
    from scoring.scorer import choice_value
    check, wait, guess = own.nodes["a"].choices
    assert [choice_value(c, {}) for c in (check, wait, guess)] == [1, 0, -1]
    assert [choice_value(c, {"check-stock": 3}) for c in (check, wait, guess)] == [3, 0, -3]
    both = own.nodes["b"].choices[1]  # violates keep-promise
    assert choice_value(both, {"check-stock": 3}) == -1
