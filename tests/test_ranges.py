"""scoring.ranges.analyse against brute force: on small random scenarios (loops, guards, meters,
flags, time limits, variants), the lowest and highest score of the plays reaching each ending, per
variant, are those of every play enumerated and scored by scoring.scorer.score; the plays the
analysis shows for them (lo_play, hi_play) score so when played by the engine; the states it says
force a fault are those the enumeration meets. And the search keeps to its budget of states, time
and memory on a file made to explode it, where `litige check` says "not proven" and exits normally."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from random_scenarios import TooLong, enumerate_plays, scenario_dicts, to_scenario, variant_ids
from scoring.catalogue import load_catalogue
from scoring.ranges import SECONDS_BUDGET, STATE_BUDGET, analyse
from scoring.scorer import score, weights_for
from simulator.engine import Play, play_script
from simulator.loader import load_text

CATALOGUE = load_catalogue()


def _brute(s, variant):
    """Per ending: (lowest, highest) score with a play of each, and whether a play gets there unscored."""
    plays = enumerate_plays(s, variant)
    out: dict[str, dict] = {}
    for ending, record, picks in plays.ended:
        r = score(s, record, CATALOGUE)
        assert r.ending == ending
        e = out.setdefault(ending, {"lo": None, "hi": None, "unscored": False, "plays": {}})
        if r.scaled is None:
            e["unscored"] = True
            continue
        e["plays"].setdefault(r.scaled, picks)
        e["lo"] = r.scaled if e["lo"] is None else min(e["lo"], r.scaled)
        e["hi"] = r.scaled if e["hi"] is None else max(e["hi"], r.scaled)
    return out, plays.forced


def _replay(s, picks, variant):
    return score(s, play_script(s, [p if p == "t" else int(p) for p in picks], variant=variant).record, CATALOGUE)


def _compare(s) -> None:
    try:
        brute = {v: _brute(s, v) for v in variant_ids(s)}
    except TooLong:
        assume(False)
        return
    analysis = analyse(s, weights_for(s, CATALOGUE))
    assert analysis.proven
    assert set(analysis.ranges) == set(brute)
    for vid, (want, forced) in brute.items():
        got = analysis.ranges[vid]
        assert set(got) == set(want), (vid, set(got), set(want))
        for ending, w in want.items():
            r = got[ending]
            where = (vid, ending, r, {k: w[k] for k in ("lo", "hi", "unscored")}, w["plays"].get(w["lo"]),
                     w["plays"].get(w["hi"]))
            assert (r.lo, r.hi, r.unscored) == (w["lo"], w["hi"], w["unscored"]), where
            if r.lo is not None:  # the plays shown really score so, and end there
                for value, picks in ((r.lo, r.lo_play), (r.hi, r.hi_play)):
                    result = _replay(s, picks, vid)
                    assert (result.ending, result.scaled) == (ending, value), (where, picks)
        got_forced = {f.node for f in analysis.forced if f.variant == vid}
        assert got_forced == forced, (vid, got_forced, forced)
    for f in analysis.forced:  # the play shown for a forced state gets there, and only faults are offered
        play = Play(s, variant=f.variant, clock=lambda: 0.0)
        for pick in f.play:
            play.timeout() if pick == "t" else play.choose(int(pick) - 1)
        assert play.node.id == f.node
        assert play.offered() and all(c.violates for c in play.offered()), f


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_dicts())
def test_ranges_match_every_play(doc):
    _compare(to_scenario(doc))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenario_dicts(max_nodes=6, max_choices=2, guards=False, timers=False))
def test_ranges_match_every_play_longer_chains(doc):
    """Longer plays, fewer branches: more nodes decided on the way, and loops through several."""
    _compare(to_scenario(doc))
