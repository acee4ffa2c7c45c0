"""The group's learning gain (scoring/gain.py) on a small group computed by hand."""

from __future__ import annotations

import random

import pytest

from scoring.gain import Attempt, compute_gain, gain_dict, normalised_gain


def day(n: int) -> str:
    return f"2026-11-{n:02d}T09:00:00+00:00"


def a(trainee, d, scaled, verdicts=None, *, scenario="s1", mode="exam", current=True):
    return Attempt(trainee=trainee, scenario=scenario, mode=mode, started_at=day(d), scaled=scaled,
                   verdicts=verdicts or {}, current_rules=current, play_id=f"{trainee}-{scenario}-{mode}-{d}")


# exam mode, scenario s1 (scores) and principles p1, p2 (verdicts), by hand:
#   Ana    40 → 70, 60   best later 70, g = 30/60 = 0.5   p1 violated → missed, partial: improved; p2 mastered twice: same, at the ceiling
#   Ben    60 → 80       g = 20/40 = 0.5                  p1 missed → missed, and missed in s2: same
#   Chloé 100 → 90       first at 100: no individual g     p1 mastered → partial: worse
#   Dan    50            one attempt: no pair (single)     p1 once: single
#   Eve   (20 by the first rules, left out) 50 → 60  g = 10/50 = 0.2   p1 partial → mastered: improved
#   (no name) 30         left out: anonymous
# mean first (40 + 60 + 100 + 50) / 4 = 62.5; mean best later (70 + 80 + 90 + 60) / 4 = 75
# mean gain 12.5; Hake's <g> on the class means 12.5 / 37.5 = 1/3; mean of individual g (0.5 + 0.5 + 0.2) / 3 = 0.4
# coach mode: Ana 20 → 30 on s1, counted apart (her exam first stays 40 though her coach play came first)
# scenario s2: Ben once → single
GROUP = [
    a("Ana", 1, 40, {"p1": "violated", "p2": "mastered"}),
    a("Ana", 3, 70, {"p1": "missed", "p2": "mastered"}),
    a("Ana", 5, 60, {"p1": "partial"}),
    a("Ben", 2, 60, {"p1": "missed"}),
    a("Ben", 4, 80, {"p1": "missed"}),
    a("Ben", 6, 55, {"p1": "missed"}, scenario="s2"),
    a("Chloé", 1, 100, {"p1": "mastered"}),
    a("Chloé", 2, 90, {"p1": "partial"}),
    a("Dan", 3, 50, {"p1": "violated"}),
    a("Eve", 1, 20, {"p1": "violated"}, current=False),
    a("Eve", 2, 50, {"p1": "partial"}),
    a("Eve", 8, 60, {"p1": "mastered"}),
    a(None, 2, 30, {"p1": "violated"}),
    a("", 3, 35, {"p1": "violated"}),
    a("Ana", 0, 20, {"p1": "mastered"}, mode="coach"),
    a("Ana", 9, 30, {"p1": "violated"}, mode="coach"),
]


@pytest.fixture
def gain():
    shuffled = GROUP[:]
    random.Random(4).shuffle(shuffled)  # the order of the input does not matter: time does
    return compute_gain(shuffled)


def test_scores_per_scenario_first_against_best_later(gain):
    exam = gain.mode("exam")
    s1, s2 = exam.scenarios
    assert (s1.scenario, s1.paired, s1.single) == ("s1", 4, 1)
    assert s1.mean_first == pytest.approx(62.5) and s1.mean_later == pytest.approx(75.0)
    assert s1.mean_gain == pytest.approx(12.5)
    assert s1.hake_g == pytest.approx(1 / 3)
    assert s1.mean_individual_g == pytest.approx(0.4) and s1.individual_n == 3 and s1.at_ceiling == 1
    assert (s2.scenario, s2.paired, s2.single) == ("s2", 0, 1)
    assert s2.mean_first is None and s2.mean_gain is None and s2.hake_g is None and s2.mean_individual_g is None


def test_modes_apart_and_plays_left_out_counted(gain):
    assert [m.mode for m in gain.modes] == ["coach", "exam"]
    coach = gain.mode("coach")
    (s1,) = coach.scenarios
    assert (s1.paired, s1.mean_first, s1.mean_later, s1.hake_g) == (1, 20, 30, pytest.approx(10 / 80))
    (p1,) = coach.principles
    assert (p1.paired, p1.worse) == (1, 1)
    assert gain.first_rules == 1 and gain.anonymous == 2
    assert gain.mode("exam").attempts == 11
    assert compute_gain([]).empty and compute_gain([a("Zoe", 1, 50)]).mode("exam").scenarios[0].single == 1


def test_principles_share_of_trainees_whose_verdict_improved(gain):
    p1, p2 = gain.mode("exam").principles
    assert p1.principle == "p1"
    # Ana and Eve improved, Ben the same (across s1 and s2), Chloé worse, Dan once
    assert (p1.paired, p1.improved, p1.same, p1.worse, p1.single, p1.at_ceiling) == (4, 2, 1, 1, 1, 0)
    assert p1.share_improved == pytest.approx(0.5)
    assert (p2.paired, p2.same, p2.at_ceiling, p2.improved) == (1, 1, 1, 0)


def test_normalised_gain_edges_and_json():
    assert normalised_gain(100, 100) is None and normalised_gain(None, 50) is None
    assert normalised_gain(50, 40) == pytest.approx(-0.2)  # a loss is a negative gain
    d = gain_dict(compute_gain(GROUP), {"p1": "Listen"})
    s1 = d["modes"]["exam"]["scenarios"]["s1"]
    assert s1 == {"paired": 4, "single": 1, "mean_first": 62.5, "mean_best_later": 75.0, "mean_gain": 12.5,
                  "hake_g": 0.3333, "mean_individual_g": 0.4, "individual_g_pairs": 3, "first_at_100": 1}
    assert d["modes"]["exam"]["principles"]["p1"]["name"] == "Listen"
    assert d["modes"]["exam"]["principles"]["p1"]["improved_share"] == 0.5
    assert d["left_out"] == {"first_rules": 1, "anonymous": 2}
