"""The scorer, by the scoring rules of 2026-12 (../shared/spec/scenario-format.md, "Scoring"):
each decision judged against the options offered (a time-out is an option of value 0), first
visits only, no clamping; the verdicts per principle as before; pass = score ≥ pass_score and an
ending that is not lost. Unit tests on a fixture and small texts, and the figures the CLI, the
store and xAPI give; the property tests (hypothesis, random scenarios) are in
tests/test_scoring_properties.py."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, play_json

from scoring.catalogue import load_catalogue
from scoring.debrief import build
from scoring.debrief_render import render_markdown, render_text
from scoring.scorer import RULES, Verdict, choice_value, is_passed, scaled_of, score, weights_for
from simulator.format.loader import load, load_text
from simulator.play.engine import play_script

CATALOGUE = load_catalogue()
W = {p.id: p.weight for p in CATALOGUE}


@pytest.fixture(scope="module")
def scenario():
    return load(FIXTURES / "loop-timer.yaml")


def verdicts(scenario, script):
    return {k: v.value for k, v in score(scenario, play_script(scenario, script).record).verdicts.items()}


# -- verdicts per principle (unchanged by the new rules) -----------------------------------------

def test_mastered(scenario):
    # fix and options are applied at their only opportunity; listen was offered again at hello
    # when fix was chosen, so it is only partial
    v = verdicts(scenario, "1,3,1")
    assert v == {"listen": "partial", "fair-remedy": "mastered", "offer-options": "mastered"}


def test_partial_and_missed(scenario):
    v = verdicts(scenario, "1,3,2")
    assert v["listen"] == "partial"
    assert v["offer-options"] == "missed"


def test_violated_wins_over_applied():
    # courtesy applied at the first step and violated at the second: violated (the play's
    # steps are all kept); applied both times: mastered
    s = load_text("""format: litige/1
id: both
title: B
start: a
nodes:
  a:
    text: A
    choices:
      - {id: polite, text: p, applies: [courtesy], next: b, feedback: f}
      - {id: plain, text: q, next: b}
  b:
    text: B
    choices:
      - {id: curt, text: c, violates: [courtesy], next: end, feedback: f}
      - {id: kind, text: k, applies: [courtesy], next: end, feedback: f}
  end:
    text: E
    ending: {outcome: won, title: E}
""", "both.yaml")
    j = score(s, play_script(s, "1,1").record, CATALOGUE).judgements["courtesy"]
    assert (j.verdict, j.applied, j.violated) == (Verdict.VIOLATED, (0,), (1,))
    assert score(s, play_script(s, "1,2").record, CATALOGUE).verdicts["courtesy"] == Verdict.MASTERED


def test_timeout_misses_the_opportunities(scenario):
    v = verdicts(scenario, "t,1,2")
    assert v["listen"] == "missed"
    assert v["apologize"] == "mastered"


# -- the score on the fixture --------------------------------------------------------------------
# loop-timer: hello offers listen (+1), rude (−1 courtesy), fix (+1, when calm >= 50 and heard)
# and a time-out (0); silence offers one choice (apologize, +2: forced, not judged); offer offers
# options (+2: offer-options, listen) and nothing (0).

def _figures(r):
    return r.raw, r.max, r.scaled, r.passed, r.outcome


def test_score_by_decisions(scenario):
    best = score(scenario, play_script(scenario, "1,t,1,1").record, CATALOGUE)
    # hello first visit: listen, the best (2 of 2); hello again: not judged; silence: one choice,
    # not judged; offer: options, the best (2 of 2)
    assert _figures(best) == (4, 4, 100.0, True, "won")
    assert [(d.node, d.judged, d.credit) for d in best.decisions] == [
        ("hello", True, 1.0), ("hello", False, None), ("silence", False, None), ("offer", True, 1.0)]
    rude = score(scenario, play_script(scenario, "2,1").record, CATALOGUE)
    assert _figures(rude) == (2, 4, 50.0, False, "won")  # the worst at hello (0 of 2), the best at offer
    lost = score(scenario, play_script(scenario, "t,1,2").record, CATALOGUE)
    # the time-out at hello is worth 0, between −1 and +1: 1 of 2; the worst at offer
    assert _figures(lost) == (1, 4, 25.0, False, "lost")
    worst = score(scenario, play_script(scenario, "2,2").record, CATALOGUE)
    assert _figures(worst) == (0, 4, 0.0, False, "lost")


def test_an_early_fault_does_not_wipe_out_later_good_steps(scenario):
    """The first rules counted distinct principles, so a fault could cancel everything after it."""
    assert score(scenario, play_script(scenario, "2,1").record).scaled == 50.0


def test_loops_do_not_change_the_score(scenario):
    once = score(scenario, play_script(scenario, "1,3,1").record)
    many = score(scenario, play_script(scenario, "1,1,1,1,1,3,1").record)
    rude_after = score(scenario, play_script(scenario, "1,2,1").record)  # a fault on the second visit
    assert (once.raw, once.max) == (many.raw, many.max) == (rude_after.raw, rude_after.max) == (4, 4)
    # ...but the verdicts count every visit: the fault on the way back is told
    assert rude_after.verdicts["courtesy"] is Verdict.VIOLATED


def test_decision_fields():
    from scoring.scorer import Decision
    d = Decision(0, "a", value=1, best=2, worst=-1, best_choices=("x",), first_visit=True)
    assert (d.stake, d.judged, d.points) == (3, True, 2) and d.credit == pytest.approx(2 / 3)
    again = Decision(1, "a", value=2, best=2, worst=-1, best_choices=("x",), first_visit=False)
    assert (again.judged, again.points, again.credit) == (False, 0, None)
    flat = Decision(2, "b", value=1, best=1, worst=1, best_choices=("x", "y"), first_visit=True)
    assert (flat.stake, flat.judged, flat.points, flat.credit) == (0, False, 0, None)


def test_scaled_of_and_is_passed():
    assert scaled_of(0, 0) is None and scaled_of(2, 3) == 66.7 and scaled_of(3, 3) == 100.0 and scaled_of(0, 5) == 0.0
    assert is_passed(70.0, "won", 70) and is_passed(70.0, "kept", 70)
    assert not is_passed(69.9, "won", 70)
    assert not is_passed(100.0, "lost", 70)
    assert not is_passed(None, "won", 0)  # no judged decision: no score, no pass
    assert not is_passed(100.0, None, 70)  # not finished


# -- the time-out is an option of value 0 ---------------------------------------------------------

TIMER = """format: litige/1
id: timer
title: T
start: a
nodes:
  a:  # +2 or −1: a time-out (0) lies in between
    text: A
    time_limit: 5
    on_timeout: b
    choices:
      - {text: good, applies: [apologize], next: b, feedback: f}
      - {text: bad, violates: [courtesy], next: b, feedback: f}
  b:  # +1 or +2: a time-out (0) is the worst
    text: B
    time_limit: 5
    on_timeout: c
    choices:
      - {text: ok, applies: [listen], next: c, feedback: f}
      - {text: best, applies: [own-it], next: c, feedback: f}
  c:  # −1 or −2: a time-out (0) is the best
    text: C
    time_limit: 5
    on_timeout: d
    choices:
      - {text: bad, violates: [listen], next: d, feedback: f}
      - {text: worse, violates: [no-blame], next: d, feedback: f}
  d:  # 0 and 0: with the time-out, all equal: not judged
    text: D
    time_limit: 5
    on_timeout: end
    choices:
      - {text: x, next: end}
      - {text: y, next: end}
  end:
    text: E
    ending: {outcome: won, title: E}
"""


def test_a_timeout_is_an_option_of_value_zero():
    s = load_text(TIMER, "timer.yaml")
    r = score(s, play_script(s, "t,t,t,t").record, CATALOGUE)
    got = [(d.node, d.value, d.best, d.worst, d.credit) for d in r.decisions]
    assert got == [("a", 0, 2, -1, pytest.approx(1 / 3)),   # in between
                   ("b", 0, 2, 0, 0.0),                     # the worst
                   ("c", 0, 0, -2, 1.0),                    # the best
                   ("d", 0, 0, 0, None)]                    # all equal: not judged
    assert (r.raw, r.max, r.scaled) == (1 + 0 + 2, 3 + 2 + 2, round(100 * 3 / 7, 1))
    # against the time-out: 'ok' at b is worth half (1 of 2), not 0 of 1; 'bad' at c is not the best
    r = score(s, play_script(s, "1,1,1,1").record, CATALOGUE)
    assert [d.credit for d in r.decisions] == [1.0, 0.5, 0.5, None]
    assert r.decisions[0].best_choices == ("1",) and r.decisions[2].best_choices == ()  # the time-out was best
    best = score(s, play_script(s, "1,2,t,2").record, CATALOGUE)
    worst = score(s, play_script(s, "2,t,2,t").record, CATALOGUE)
    assert (best.scaled, worst.scaled) == (100.0, 0.0)


def test_a_timeout_with_no_choice_offered_is_not_judged():
    text = """format: litige/1
id: gone
title: G
meters: {m: {start: 0}}
start: a
nodes:
  a:
    text: A
    time_limit: 5
    on_timeout: b
    choices:
      - {text: never, when: "m > 50", applies: [listen], next: b, feedback: f}
  b:
    text: B
    choices:
      - {text: good, applies: [listen], next: end, feedback: f}
      - {text: plain, next: end}
  end:
    text: E
    ending: {outcome: won, title: E}
"""
    s = load_text(text, "gone.yaml")
    r = score(s, play_script(s, "t,1").record, CATALOGUE)
    assert [d.judged for d in r.decisions] == [False, True] and r.scaled == 100.0


# -- the pass rule ---------------------------------------------------------------------------------

def _pass_scenario(pass_score: int):
    # a: apologize (+2) loses the customer, listen (+1) and plain (0) keep them: listen scores 50
    return load_text(f"""format: litige/1
id: pass
title: P
pass_score: {pass_score}
start: a
nodes:
  a:
    text: A
    choices:
      - {{text: sorry, applies: [apologize], next: lost, feedback: f}}
      - {{text: listen, applies: [listen], next: won, feedback: f}}
      - {{text: plain, next: won}}
  won:
    text: W
    ending: {{outcome: won, title: W}}
  lost:
    text: L
    ending: {{outcome: lost, title: L}}
""", "pass.yaml")


def test_pass_rule():
    at = _pass_scenario(50)
    r = score(at, play_script(at, "2").record, CATALOGUE)
    assert (r.scaled, r.outcome, r.passed) == (50.0, "won", True)  # exactly pass_score passes
    above = _pass_scenario(51)
    r = score(above, play_script(above, "2").record, CATALOGUE)
    assert (r.scaled, r.passed) == (50.0, False)  # just below fails
    r = score(at, play_script(at, "1").record, CATALOGUE)
    assert (r.scaled, r.outcome, r.passed) == (100.0, "lost", False)  # lost at the top score
    zero = _pass_scenario(0)
    r = score(zero, play_script(zero, "3").record, CATALOGUE)
    assert (r.scaled, r.passed) == (0.0, True)  # 0 ≥ 0


def test_pass_rule_near_a_rounded_score():
    # stake 3: listen (+1) between apologize (+2) and a fault (−1) earns 2/3 = 66.7
    def scen(ps):
        return load_text(f"""format: litige/1
id: near
title: N
pass_score: {ps}
start: a
nodes:
  a:
    text: A
    choices:
      - {{text: l, applies: [listen], next: won, feedback: f}}
      - {{text: s, applies: [apologize], next: won, feedback: f}}
      - {{text: r, violates: [courtesy], next: won, feedback: f}}
  won:
    text: W
    ending: {{outcome: won, title: W}}
""", "near.yaml")
    for ps, passed in ((66, True), (67, False)):
        s = scen(ps)
        r = score(s, play_script(s, "1").record, CATALOGUE)
        assert (r.raw, r.max, r.scaled, r.passed) == (2, 3, 66.7, passed)


# -- what the CLI, the store and xAPI give -------------------------------------------------------

# (raw, max, scaled, passed), worked out by hand from the fixtures and the catalogue's weights:
# loop-timer 1,t,1,1: hello listen +1 among +1/−1/time-out 0 (2 of 2); hello again and silence
#   (one option) not judged; offer options +2 among +2/0 (2 of 2) → 4/4
# loop-timer t,1,2: hello time-out 0 (1 of 2); silence not judged; offer nothing 0 (0 of 2) → 1/4
# small-sweater 1,1,2: accueil blame −3 among +2/−3 (0 of 5); escalade courtesy +1 among +1/−2
#   (3 of 3); etiquette fair-remedy +1 among +4/+1 (0 of 3) → 3/11 = 27.3, below 70
PLAY_JSON_BY_HAND = {
    ("loop-timer.yaml", "1,t,1,1"): (4, 4, 100.0, True),
    ("loop-timer.yaml", "t,1,2"): (1, 4, 25.0, False),
    ("small-sweater.yaml", "1,1,2"): (3, 11, 27.3, False),
}


@pytest.mark.parametrize("fixture, choices", sorted(PLAY_JSON_BY_HAND))
def test_play_json_score_agrees(fixture, choices):
    out = play_json(str(FIXTURES / fixture), choices)
    sc = out["score"]
    assert sc["min"] == 0 and sc["rules"] == RULES
    assert (sc["raw"], sc["max"], sc["scaled"], out["passed"]) == PLAY_JSON_BY_HAND[fixture, choices]
    assert sum(d["value"] - d["worst"] for d in out["decisions"] if d["judged"]) == sc["raw"]


def test_xapi_score_from_a_stored_play(tmp_path, scenario):
    from simulator.results.store import Store
    from simulator.results.xapi import ext, statements
    scripts = {"1,t,1,1": True, "2,1": False, "t,1,2": False, "2,2": False}
    results = {}
    with Store.open(tmp_path / "x.db") as store:
        for script in scripts:
            play = play_script(scenario, script, lang="en")
            r = score(scenario, play.record, CATALOGUE)
            store.finish_play(play.record, r)
            results[play.record.play_id] = r
        stored = store.plays()
    assert len(stored) == len(scripts)
    weights = weights_for(scenario, CATALOGUE)
    for p in stored:
        r = results[p.record.play_id]
        assert p.rules == RULES and (p.raw, p.best, p.scaled, bool(p.passed)) == (r.raw, r.max, r.scaled, r.passed)
        sts = statements(p, scenario, weights=weights)
        final = [x for x in sts if x["verb"]["id"].endswith(("passed", "failed"))]
        assert len(final) == 1 and final[0]["verb"]["id"].endswith("passed" if r.passed else "failed")
        for x in sts:
            if x["verb"]["id"].endswith(("completed", "passed", "failed")):
                sc = x["result"]["score"]
                assert sc["min"] == 0 and 0 <= sc["raw"] <= sc["max"] == r.max and sc["raw"] == r.raw
                assert abs(sc["scaled"] - sc["raw"] / sc["max"]) <= 0.0005 + 1e-9
                assert sc["scaled"] == round(r.scaled / 100, 4)
                assert x["result"]["success"] is r.passed
                assert x["result"]["extensions"][ext("scoring-rules")] == RULES


def test_debrief_names_what_went_wrong_and_the_better_choice(scenario):
    d = build(scenario, play_script(scenario, "2,2").record)
    courtesy = next(p for p in d.principles if p.principle.id == "courtesy")
    assert courtesy.verdict is Verdict.VIOLATED
    occ = courtesy.occurrences[0]
    assert occ.node == "hello" and occ.chosen.id == "rude" and occ.better is not None
    text = render_text(d, "en")
    assert "violated" in text and "Better choice" in text and "Curt." in text
    md = render_markdown(d, "fr")
    assert md.startswith("# Débriefing") and "| ✗ |" in md


def test_choice_value_uses_the_catalogue_weights(scenario):
    hello = scenario.nodes["hello"]
    weights = weights_for(scenario, CATALOGUE)
    assert [choice_value(c, weights) for c in hello.choices] == [1, -1, 1]
    assert choice_value(scenario.nodes["silence"].choices[0], weights) == 2  # apologize is starred


def test_variant_recorded_in_play_json_store_and_xapi(tmp_path):
    from simulator.results.store import Store
    from simulator.results.xapi import ext, statements
    path = FIXTURES / "scoring" / "clean.yaml"
    s = load(path)
    out = play_json(str(path), "1,2", "--variant", "faulty")
    assert out["variant"] == "faulty" and out["score"]["scaled"] == 100.0 and out["passed"] is True
    play = play_script(s, "1,4", variant="misuse")  # the kindly explanation: offered in 'misuse' only
    r = score(s, play.record, CATALOGUE)
    assert r.variant == "misuse" and (r.raw, r.max, r.scaled) == (3 + 3, 3 + 5, 75.0)
    with Store.open(tmp_path / "v.db") as store:
        store.finish_play(play.record, r)
        (stored,) = store.plays()
    assert stored.record.variant == "misuse"
    final = statements(stored, s, weights=weights_for(s, CATALOGUE))[-1]
    assert final["result"]["extensions"][ext("variant")] == "misuse"
    assert final["result"]["score"] == {"scaled": 0.75, "raw": 6, "min": 0, "max": 8}
