"""The engine to the letter (simulator/play/engine.py): variants drawn by weight and by play id, what a
new, branched or resumed play carries over (language, trainee, variant, play id, clock), the
seconds of each step, and the exact messages of every refused move and script. Written to kill
the mutants bench/mutation.py found alive in the engine."""

from __future__ import annotations

from collections import Counter

import pytest

from simulator.format.loader import load_text
from simulator.play.engine import Play, PlayError, draw_variant, parse_script, play_script

TEXT = """format: litige/1
id: twins
lang: en
title: Twins
start: a
meters:
  trust: {start: 50}
variants:
  - {id: calm, weight: 1, meters: {trust: 80}, set: [regular]}
  - {id: angry, weight: 3, meters: {trust: 10}}
nodes:
  a:
    text: A
    time_limit: 10
    on_timeout: late
    choices:
      - {id: known, text: k, when: regular, next: end}
      - {id: ask, text: q, effects: {trust: 5}, set: [asked], next: b}
      - {id: leave, text: l, next: end}
  b:
    text: B
    choices:
      - {id: fine, text: f, next: end}
      - {id: back, text: r, next: a}
  late:
    text: L
    choices:
      - {id: sorry, text: s, next: end}
  end:
    text: E
    ending: {outcome: won, title: E}
"""


PLAIN = (TEXT.split("variants:")[0] + "nodes:" + TEXT.split("nodes:")[1]).replace("when: regular", 'when: "trust >= 60"')


@pytest.fixture(scope="module")
def twins():
    return load_text(TEXT, "twins.yaml")


class Clock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- variants ------------------------------------------------------------------------------

def test_no_variant_is_drawn_for_a_scenario_without_any():
    plain = load_text(PLAIN, "plain.yaml")
    assert draw_variant(plain, "x") is None and Play(plain).record.variant is None


def test_a_play_id_always_draws_the_same_variant(twins):
    for i in range(20):
        assert draw_variant(twins, f"play-{i}") == draw_variant(twins, f"play-{i}")
        assert Play(twins, play_id=f"play-{i}").record.variant == draw_variant(twins, f"play-{i}").id


def test_variants_are_drawn_by_weight(twins):
    drawn = Counter(draw_variant(twins, f"id-{i}").id for i in range(800))
    assert 520 <= drawn["angry"] <= 680 and drawn["calm"] == 800 - drawn["angry"]  # 3 : 1


def test_a_play_starts_with_its_variant_s_meters_and_flags(twins):
    calm = Play(twins, variant="calm")
    assert (calm.variant.id, calm.record.variant, calm.meters, calm.flags) == ("calm", "calm", {"trust": 80}, {"regular"})
    assert [c.id for c in calm.offered()] == ["known", "ask", "leave"]
    angry = Play(twins, variant="angry")
    assert (angry.record.variant, angry.meters, angry.flags) == ("angry", {"trust": 10}, set())
    assert [c.id for c in angry.offered()] == ["ask", "leave"]
    with pytest.raises(KeyError):
        Play(twins, variant="nope")


def test_a_new_play_records_its_language_trainee_and_id(twins):
    p = Play(twins, trainee="Ana", play_id="p1", variant="calm")
    assert (p.record.lang, p.record.trainee, p.record.play_id) == ("en", "Ana", "p1")
    assert Play(twins, lang="fr", variant="calm").record.lang == "fr"


# -- moves and their seconds -------------------------------------------------------------------

def test_the_seconds_given_for_a_step_are_kept_rounded_to_the_millisecond(twins):
    p = Play(twins, clock=Clock(), variant="angry")
    assert p.choose(0, seconds=1.23456).seconds == 1.235
    p.choose_id("back", seconds=7.5)
    assert p.record.steps[-1].seconds == 7.5
    assert p.timeout(seconds=4.0).seconds == 4.0


def test_a_step_records_the_flags_after_it(twins):
    step = Play(twins, variant="calm").choose_id("ask")
    assert step.flags_before == ("regular",) and step.flags_after == ("asked", "regular")
    assert (step.meters_before, step.meters_after) == ({"trust": 80}, {"trust": 85})


def test_refused_moves_say_why(twins):
    p = Play(twins, variant="angry")
    with pytest.raises(PlayError) as info:
        p.choose(2)
    assert str(info.value) == "choice 3 is not offered here: pick 1 to 2"
    with pytest.raises(PlayError):
        p.choose(-1)
    with pytest.raises(PlayError) as info:
        p.choose_id("known")
    assert str(info.value) == "choice 'known' is not offered at node 'a'"
    p.choose_id("leave")
    with pytest.raises(PlayError) as info:
        p.choose(0)
    assert str(info.value) == "the play is over"
    with pytest.raises(PlayError) as info:
        p.timeout()
    assert str(info.value) == "node 'end' has no time limit"


# -- rewind, branch, resume --------------------------------------------------------------------

def test_rewind_to_the_end_changes_nothing_and_beyond_is_refused(twins):
    p = Play(twins, variant="angry")
    for cid in ("ask", "back", "ask"):  # → b
        p.choose_id(cid)
    before = p.record
    p.rewind(3)
    assert p.record == before and p.node.id == "b"
    with pytest.raises(PlayError) as info:
        p.rewind(4)
    assert str(info.value) == "no step 5 to go back to: the play has 3 steps"
    p.rewind(1)
    assert p.node.id == "b" and p.flags == {"asked"} and p.meters == {"trust": 15}


def test_a_branch_keeps_language_trainee_variant_and_clock(twins):
    clock = Clock()
    p = Play(twins, clock=clock, lang="fr", trainee="Ana", variant="calm")
    p.choose_id("ask", seconds=2.0)
    b = p.branch(1)
    assert (b.record.lang, b.record.trainee, b.record.variant) == ("fr", "Ana", "calm")
    assert b.record.play_id != p.record.play_id and b.meters == {"trust": 85}
    clock.now += 5
    assert b.choose_id("fine").seconds == 5.0
    with pytest.raises(PlayError) as info:
        p.branch(2)
    assert str(info.value) == "no step 3 to start again from: the play has 1 steps"


def test_a_resumed_play_keeps_everything_its_record_says(twins):
    clock = Clock()
    p = Play(twins, clock=clock, lang="fr", trainee="Ana", variant="calm", play_id="p9")
    p.choose_id("ask", seconds=3.0)
    r = Play.resume(twins, p.record, clock=clock)
    assert (r.record.lang, r.record.trainee, r.record.variant, r.record.play_id) == ("fr", "Ana", "calm", "p9")
    assert r.record.steps == p.record.steps and r.record.steps[0].seconds == 3.0
    assert r.meters == {"trust": 85} and r.flags == {"asked", "regular"}


def test_a_resumed_play_keeps_a_timed_out_step_s_seconds(twins):
    p = Play(twins, variant="angry")
    p.timeout(seconds=10.0)
    r = Play.resume(twins, p.record)
    assert r.record.steps[0].timed_out and r.record.steps[0].seconds == 10.0 and r.node.id == "late"


def test_resuming_a_play_of_a_variant_the_scenario_lost_says_so(twins):
    p = Play(twins, variant="calm")
    from dataclasses import replace
    with pytest.raises(PlayError) as info:
        Play.resume(twins, replace(p.record, variant="gone"))
    assert str(info.value) == "saved play's variant 'gone' is not one of the scenario's"


# -- scripts ---------------------------------------------------------------------------------------

def test_scripts_read_numbers_spaces_and_t():
    assert parse_script(" 2, 1 ,t,T ") == [2, 1, "t", "t"]
    assert parse_script("") == [] and parse_script("  ") == []
    with pytest.raises(PlayError) as info:
        parse_script("1,,2")
    assert str(info.value) == "choice 2 of '1,,2' is empty: write numbers separated by single commas, such as 2,1,3"
    with pytest.raises(PlayError) as info:
        parse_script(",1")
    assert str(info.value).startswith("choice 1 of ',1' is empty")


def test_play_script_takes_a_list_language_variant_and_play_id(twins):
    p = play_script(twins, [1, 2, "t", 1], lang="fr", variant="angry", play_id="s1")
    assert [s.chosen for s in p.record.steps] == ["ask", "back", None, "sorry"] and p.node.id == "end"
    assert (p.record.lang, p.record.variant, p.record.play_id) == ("fr", "angry", "s1")


def test_play_script_times_out_with_the_node_s_whole_limit(twins):
    p = play_script(twins, "t,1", variant="angry")
    assert [(s.timed_out, s.seconds) for s in p.record.steps] == [(True, 10.0), (False, 0.0)]


def test_play_script_plays_on_a_stopped_clock(twins):
    p = play_script(twins, "1,1", variant="angry")
    assert p.seconds_here() == 0.0 and [s.seconds for s in p.record.steps] == [0.0, 0.0]


def test_play_script_messages(twins):
    def error(script, **kw):
        with pytest.raises(PlayError) as info:
            play_script(twins, script, **kw)
        return str(info.value)
    assert error("2,1,1", variant="angry") == "the play ended at step 1; 2 choice(s) left over"
    assert error("1,1,1", variant="angry") == "the play ended at step 2; 1 choice(s) left over"
    assert error("4", variant="angry") == "step 1: choice 4 is out of range at node 'a': pick 1 to 2"
    assert error("1,5", variant="angry") == "step 2: choice 5 is out of range at node 'b': pick 1 to 2"
    assert error("1", variant="angry") == "the choices stop before an ending, at node 'b' (2 choices offered there)"
    assert error("1", variant="nope") == "scenario 'twins' has no variant 'nope' (its variants: calm, angry)"
    plain = load_text(PLAIN, "plain.yaml")
    with pytest.raises(PlayError) as info:
        play_script(plain, "3", variant="calm")
    assert str(info.value) == "scenario 'twins' has no variant 'calm' (its variants: none)"
