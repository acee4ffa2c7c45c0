"""The room's tallies and their text, from real plays of a fixture scenario (no store, no UI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.scorer import score
from simulator.format.loader import load
from simulator.play.engine import Play, play_script
from simulator.workshop.room import RoomPlay, bar, build_room, render_text

FIXTURE = Path(__file__).parent / "fixtures" / "loop-timer.yaml"


@pytest.fixture(scope="module")
def sc():
    return load(FIXTURE)


def finished(sc, script: str, name: str | None, started: str) -> RoomPlay:
    play = play_script(sc, script, lang="en")
    record = play.record.__class__(**{**play.record.__dict__, "trainee": name, "started_at": started})
    r = score(sc, record)
    return RoomPlay(record, finished_at=started, outcome=r.outcome, scaled=r.scaled, passed=r.passed,
                    verdicts={k: v.value for k, v in r.verdicts.items()}, rules=r.rules)


def playing(sc, name: str, started: str, picks: int = 1) -> RoomPlay:
    play = Play(sc, clock=lambda: 0.0, trainee=name)
    for _ in range(picks):
        play.choose(0)
    record = play.record.__class__(**{**play.record.__dict__, "started_at": started})
    return RoomPlay(record)


def test_tallies(sc):
    plays = [
        finished(sc, "1,3,1", "Bea", "2026-11-25T09:00:01"),   # listen, fix, options → won, all applied
        finished(sc, "2,2", "Ali", "2026-11-25T09:00:00"),     # rude, nothing → lost
        finished(sc, "t,1,1", "Cy", "2026-11-25T09:00:02"),    # time runs out, sorry, options → won
        playing(sc, "Dee", "2026-11-25T09:00:03"),
    ]
    room = build_room(plays, lambda i: sc if i == sc.id else None, lang="en")
    assert room.scenario == "loop-timer" and room.title == "Loop and timer"
    assert (room.playing, room.finished) == (1, 3)
    assert [s.label for s in room.seats] == ["Dee", "Ali", "Bea", "Cy"]   # playing first, then by name

    hello = next(n for n in room.nodes if n.node == "hello")
    counts = {c.id: c.count for c in hello.choices}
    assert counts == {"listen": 2, "rude": 1, "fix": 1, "": 1}   # Bea looped once; "" = time ran out
    assert hello.total == 5
    assert [n.node for n in room.nodes] == ["hello", "silence", "offer"]   # scenario order, visited only

    by_id = {p.principle: p for p in room.principles}
    assert by_id["courtesy"].violated == 1 and by_id["courtesy"].missed == 0
    assert by_id["offer-options"].missed == 1 and by_id["offer-options"].judged == 3
    assert room.principles[0].bad == max(p.bad for p in room.principles)
    # Dee's unfinished play counts in the choices, not in principles or scores
    assert room.scores == (1, 0, 0, 0, 0, 0, 0, 1, 0, 1)   # Ali 0, Cy 75 (silent at first), Bea 100
    assert room.pass_rate == 67


def test_a_score_by_the_first_rules_is_shown_with_no_other(sc):
    from dataclasses import replace
    old = replace(finished(sc, "1,3,1", "Old", "2026-11-20T09:00:00"), rules="2026-11", scaled=7.7)
    room = build_room([old, finished(sc, "2,2", "Ali", "2026-11-25T09:00:00")], lambda i: sc, lang="en")
    assert room.scores == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0)  # Ali's 0 only: 7.7 is not on the chart
    seat = next(s for s in room.seats if s.label == "Old")
    assert seat.scaled is None and seat.passed is None and room.pass_rate == 0


def test_anonymous_labels_follow_arrival_not_names(sc):
    plays = [finished(sc, "2,2", "Zoe", "2026-11-25T09:00:05"), playing(sc, "Adam", "2026-11-25T09:00:00")]
    room = build_room(plays, lambda i: sc, anonymous=True, lang="en")
    labels = {s.play_id: s.label for s in room.seats}
    assert labels[plays[1].record.play_id] == "Participant 1"
    assert labels[plays[0].record.play_id] == "Participant 2"
    text = render_text(room, "en")
    assert "Zoe" not in text and "Adam" not in text


def test_focus_is_the_most_played_scenario_and_others_are_named(sc):
    plays = [finished(sc, "2,2", "A", "2026-11-25T09:00:00"), finished(sc, "2,2", "B", "2026-11-25T09:00:01")]
    stray = Play(load(FIXTURE), trainee="C").record.__class__(scenario="elsewhere", start="x", trainee="C")
    room = build_room([*plays, RoomPlay(stray)], lambda i: sc if i == sc.id else None, lang="en")
    assert room.scenario == "loop-timer" and room.others == {"elsewhere": 1}
    assert "elsewhere (1)" in render_text(room, "en")


def test_text_has_numbers_next_to_every_bar(sc):
    plays = [finished(sc, "1,3,1", "Bea", "2026-11-25T09:00:01"), finished(sc, "2,2", "Ali", "2026-11-25T09:00:00")]
    text = render_text(build_room(plays, lambda i: sc, lang="fr"), "fr")
    for line in text.splitlines():
        if "█" in line:
            assert any(ch.isdigit() for ch in line.split("█")[-1]), line
    assert "Principes les plus manqués" in text and "1 enfreint" in text


def test_empty_room_says_so():
    text = render_text(build_room([], lambda i: None, lang="en"), "en")
    assert "no plays yet" in text and "nobody has started yet" in text


def test_bars():
    assert bar(0, 10, 20) == "" and bar(10, 10, 20) == "█" * 20
    assert bar(5, 10, 20) == "█" * 10 and bar(1, 100, 20) == "▎"
