from __future__ import annotations

import pytest
from conftest import FIXTURES

from simulator.format.loader import load
from simulator.play.engine import Play, PlayError, play_script
from simulator.play.record import PlayRecord


@pytest.fixture(scope="module")
def scenario():
    return load(FIXTURES / "loop-timer.yaml")


def test_guards_decide_what_is_offered(scenario):
    play = Play(scenario)
    assert [c.id for c in play.offered()] == ["listen", "rude"]
    play.choose(0)  # listen: calm 20 → 50, flag heard, loops back
    assert play.node.id == "hello"
    assert play.meters == {"calm": 50} and play.flags == {"heard"}
    assert [c.id for c in play.offered()] == ["listen", "rude", "fix"]


def test_meters_clamp_and_steps_record_before_after(scenario):
    play = play_script(scenario, "1,1,1,2,1")
    steps = play.record.steps
    assert [s.meters_after["calm"] for s in steps[:4]] == [50, 80, 100, 50]
    assert steps[3].meters_before == {"calm": 100}
    assert play.node.id == "won" and play.finished


def test_timeout_follows_on_timeout(scenario):
    play = Play(scenario)
    step = play.timeout()
    assert step.timed_out and step.chosen is None and step.next == "silence"
    with pytest.raises(PlayError):
        play.timeout()  # silence has no time limit


def test_rewind_and_branch(scenario):
    play = play_script(scenario, "1,3,1")
    assert play.node.id == "won"
    play.rewind(1)
    assert play.node.id == "hello" and play.meters == {"calm": 50} and play.flags == {"heard"}
    assert len(play.record.steps) == 1
    play.choose(1)  # rude this time
    assert play.node.id == "offer" and play.meters == {"calm": 0}
    play.rewind(0)
    assert play.node.id == "hello" and play.meters == {"calm": 20} and play.flags == set()


def test_branch_starts_a_new_play_and_leaves_the_old_one_alone(scenario):
    play = play_script(scenario, "1,3,1")
    old = play.record
    branched = play.branch(1)
    assert play.record == old and play.node.id == "won"                  # untouched
    assert branched.record.play_id != old.play_id
    assert branched.record.steps == old.steps[:1]
    assert (branched.record.lang, branched.record.trainee) == (old.lang, old.trainee)
    assert branched.node.id == "hello" and branched.meters == {"calm": 50} and branched.flags == {"heard"}
    branched.choose(1)
    assert branched.node.id == "offer" and play.node.id == "won" and len(play.record.steps) == 3
    assert play.branch(0).record.steps == () and play.branch(3).finished
    with pytest.raises(PlayError):
        play.branch(4)


def test_record_json_round_trip_and_resume(scenario):
    play = play_script(scenario, "1,t,1,2")
    text = play.record.to_json()
    again = PlayRecord.from_json(text)
    assert again == play.record
    resumed = Play.resume(scenario, PlayRecord.from_json(text).truncated(2))
    assert resumed.node.id == "silence" and resumed.record.play_id == play.record.play_id
    resumed.choose(0)
    resumed.choose(1)
    assert [s.to_dict() for s in resumed.record.steps] == [s.to_dict() for s in play.record.steps]


def test_deterministic_for_same_choices(scenario):
    a, b = play_script(scenario, "1,1,3,1"), play_script(scenario, "1,1,3,1")
    assert [s.to_dict() for s in a.record.steps] == [s.to_dict() for s in b.record.steps]


@pytest.mark.parametrize("script, words", [
    ("4", "out of range"),
    ("1", "stop before an ending"),
    ("2,1,1", "left over"),
    ("2,t", "no time limit"),
    ("x", "not a choice number"),
])
def test_script_errors(scenario, script, words):
    with pytest.raises(PlayError) as info:
        play_script(scenario, script)
    assert words in str(info.value)


def test_seconds_come_from_the_clock(scenario):
    now = [100.0]
    play = Play(scenario, clock=lambda: now[0])
    now[0] = 104.5
    assert play.choose(0).seconds == 4.5
    now[0] = 105.0
    assert play.timeout().seconds == 0.5


def test_a_resumed_play_counts_the_time_spent_before_the_interruption(scenario):
    now = [100.0]
    first = Play(scenario, clock=lambda: now[0])
    first.choose(0)  # listen → hello again (10 s limit)
    assert first.time_left() == 10.0
    now[0] = 106.0
    assert first.seconds_here() == 6.0 and first.time_left() == 4.0
    now[0] = 500.0  # another process, its clock elsewhere: 6 s were spent at hello before
    play = Play.resume(scenario, first.record, clock=lambda: now[0], spent=6.0)
    assert play.time_left() == 4.0
    now[0] = 502.5
    assert play.choose(0).seconds == 8.5  # the step counts both stretches
    late = Play.resume(scenario, first.record, clock=lambda: now[0], spent=9.5)
    assert late.time_left() == 3.0  # never under MIN_LEFT: the line is seen before time is up
    assert Play.resume(scenario, first.record, clock=lambda: now[0], spent=1.0).time_left() == 9.0
    late.choose(1)  # rude → offer: no time limit
    assert late.time_left() is None


def test_uses_a_transitions_machine(scenario):
    from transitions import Machine
    play = Play(scenario)
    assert isinstance(play._machine, Machine)
    assert set(play._machine.states) == set(scenario.nodes)
