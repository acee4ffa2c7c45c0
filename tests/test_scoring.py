from __future__ import annotations

import pytest

from conftest import FIXTURES
from scoring.catalogue import load_catalogue
from scoring.debrief import build, render_markdown, render_text
from scoring.scorer import Verdict, best_for, score
from simulator.analysis import best_score
from simulator.engine import play_script
from simulator.loader import load, load_text


@pytest.fixture(scope="module")
def scenario():
    return load(FIXTURES / "loop-timer.yaml")


def verdicts(scenario, script):
    return {k: v.value for k, v in score(scenario, play_script(scenario, script).record).verdicts.items()}


def test_mastered(scenario):
    # fix and options are applied at their only opportunity; listen was offered again at hello
    # when fix was chosen, so it is only partial
    v = verdicts(scenario, "1,3,1")
    assert v == {"listen": "partial", "fair-remedy": "mastered", "offer-options": "mastered"}


def test_partial_and_missed(scenario):
    # listen once, then at hello again choose fix: listen was offered there and not applied → partial
    # fair-remedy applied; at offer, 'nothing' misses offer-options and listen
    v = verdicts(scenario, "1,3,2")
    assert v["listen"] == "partial"
    assert v["offer-options"] == "missed"


def test_violated_wins_over_applied(scenario):
    v = verdicts(scenario, "2,1")
    assert v["courtesy"] == "violated"
    assert v["listen"] == "partial"  # missed at hello, applied at offer


def test_timeout_misses_the_opportunities(scenario):
    v = verdicts(scenario, "t,1,2")
    assert v["listen"] == "missed"
    assert v["apologize"] == "mastered"


def test_raw_scaled_passed(scenario):
    cat = load_catalogue()
    best = best_for(scenario, cat)
    assert best.exact and best.raw == 4  # listen 1 + apologize 2 + offer-options 1
    r = score(scenario, play_script(scenario, "1,t,1,1").record, cat)
    assert (r.raw, r.best, r.scaled, r.passed, r.outcome) == (4, 4, 100.0, True, "won")
    r = score(scenario, play_script(scenario, "2,1").record, cat)
    assert r.raw == 1 + 1 - 1  # offer-options + listen - courtesy
    assert r.scaled == 25.0 and not r.passed
    r = score(scenario, play_script(scenario, "1,2,2").record, cat)
    assert r.outcome == "lost" and not r.passed


def test_loops_do_not_inflate_the_score(scenario):
    once = score(scenario, play_script(scenario, "1,3,1").record)
    many = score(scenario, play_script(scenario, "1,1,1,1,1,3,1").record)
    assert once.raw == many.raw == 3


def _chain(n: int, branching: int = 2, cyclic: bool = False) -> str:
    """A generated scenario: n nodes in a row, each with `branching` choices applying principles."""
    ids = ["listen", "courtesy", "empathize", "follow-up", "offer-options", "fair-remedy"]
    lines = ["format: litige/1", "id: gen", "title: gen", "start: n0", "nodes:"]
    for i in range(n):
        lines += [f"  n{i}:", "    text: t", "    choices:"]
        for b in range(branching):
            nxt = f"n{i + 1}" if i + 1 < n else "end"
            p = ids[(i * branching + b) % len(ids)]
            lines += [f"      - text: c{b}", f"        next: {nxt}", f"        applies: [{p}]"]
        if cyclic and i > 0:
            lines += ["      - text: back", f"        next: n{i - 1}"]
    lines += ["  end:", "    text: e", "    ending: {outcome: won, title: e}"]
    return "\n".join(lines) + "\n"


def test_best_score_exact_on_a_small_graph():
    s = load_text(_chain(3))  # n0: listen|courtesy, n1: empathize|follow-up, n2: offer-options|fair-remedy
    weights = {p.id: p.weight for p in load_catalogue()}
    best = best_score(s, weights)
    assert best.exact and best.raw == 3


def test_best_score_flags_an_upper_bound_when_over_budget():
    s = load_text(_chain(12, 3))
    weights = {p.id: p.weight for p in load_catalogue()}
    # weights are all 1 here; distinct principles reachable = 6, but a budget of 3 states cannot prove it
    tight = best_score(s, {k: 1 for k in weights}, budget=3)
    assert not tight.exact and tight.raw >= best_score(s, {k: 1 for k in weights}).raw


def test_best_score_handles_loops_without_inflating():
    # n0: listen|courtesy, n1: empathize|follow-up, n2: offer-options|fair-remedy, n3: listen|courtesy,
    # n4: empathize|follow-up; with loops each node but n0 also has "back" (its 3rd choice) to the one before
    weights = {p.id: p.weight for p in load_catalogue()}
    w = weights.__getitem__
    s = load_text(_chain(5, 2, cyclic=True))
    best = best_score(s, weights)
    acyclic = best_score(load_text(_chain(5, 2)), weights)
    # straight through, n2 offers one of offer-options and fair-remedy; going back lets a play
    # meet both, but each of the six distinct principles counts once, however often it is met
    assert acyclic.exact and acyclic.raw == (w("listen") + w("courtesy") + w("empathize") + w("follow-up")
                                             + max(w("offer-options"), w("fair-remedy")))
    assert best.exact and best.raw == sum(map(w, ["listen", "courtesy", "empathize", "follow-up",
                                                  "offer-options", "fair-remedy"]))
    # the play the search found really scores that
    assert score(s, play_script(s, list(_picks(s, best.path))).record).raw == best.raw
    # looping through the same choices again and again cannot raise a play's raw score
    straight = score(s, play_script(s, "1,1,1,1,1").record)
    looping = score(s, play_script(s, "1,3,1,3,1,3,1,1,3,1,1,1,3,1,1").record)
    assert straight.raw == looping.raw == w("listen") + w("empathize") + w("offer-options")


def _picks(s, path):
    """Choice ids of a best play → the 1-based picks among the choices offered at each step."""
    from simulator.engine import Play
    play = Play(s)
    for cid in path:
        i = next(i for i, c in enumerate(play.offered()) if c.id == cid)
        yield i + 1
        play.choose(i)


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


def test_best_play_shown_ends_best_among_equal_scores():
    """When a kept and a won ending score the same, the best play offered to authors is the won one."""
    text = """format: litige/1
id: tie
title: Égalité
start: a
nodes:
  a:
    text: Bonjour.
    choices:
      - {text: Écouter puis gagner., next: won, applies: [listen], feedback: Bien.}
      - {text: Écouter puis garder., next: kept, applies: [listen], feedback: Bien.}
  kept:
    text: Gardé.
    ending: {outcome: kept, title: Gardé}
  won:
    text: Gagné.
    ending: {outcome: won, title: Gagné}
"""
    weights = {p.id: p.weight for p in load_catalogue()}
    best = best_score(load_text(text, "tie.yaml"), weights)
    assert best.exact and best.raw == 1 and best.path == ("1",)
