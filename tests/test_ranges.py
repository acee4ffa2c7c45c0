"""scoring.ranges.analyse against brute force: on small random scenarios (loops, guards, meters,
flags, time limits, variants), the lowest and highest score of the plays reaching each ending, per
variant, are those of every play enumerated and scored by scoring.scorer.score; the plays the
analysis shows for them (lo_play, hi_play) score so when played by the engine; the states it says
force a fault are those the enumeration meets. And the search keeps to its budget of states, time
and memory on a file made to explode it, where `litige check` says "not proven" and exits normally."""

from __future__ import annotations

import time
import tracemalloc

from conftest import run_cli
from hypothesis import HealthCheck, assume, given, settings
from random_scenarios import TooLong, enumerate_plays, scenario_dicts, to_scenario, variant_ids

from scoring.catalogue import load_catalogue
from scoring.ranges import SECONDS_BUDGET, STATE_BUDGET, analyse
from scoring.scorer import score, weights_for
from simulator.format.loader import load_text
from simulator.play.engine import Play, play_script

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
        _compare_variant(s, analysis, vid, want, forced)
    _compare_over_variants(s, analysis, brute)
    _check_forced_plays(s, analysis)


def _compare_variant(s, analysis, vid, want, forced) -> None:
    """One variant: each ending's range as brute force finds it, its plays replayed, the forced states."""
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


def _compare_over_variants(s, analysis, brute) -> None:
    """Over every variant: the lowest and highest of them all, with the variant their play is played in."""
    for ending, r in analysis.endings().items():
        los = [brute[v][0][ending]["lo"] for v in brute if ending in brute[v][0] and brute[v][0][ending]["lo"] is not None]
        his = [brute[v][0][ending]["hi"] for v in brute if ending in brute[v][0] and brute[v][0][ending]["hi"] is not None]
        assert (r.lo, r.hi) == (min(los, default=None), max(his, default=None)), (ending, r)
        assert r.unscored == any(brute[v][0].get(ending, {}).get("unscored", False) for v in brute)
        if r.lo is not None:
            for value, picks, vid in ((r.lo, r.lo_play, r.lo_variant), (r.hi, r.hi_play, r.hi_variant)):
                result = _replay(s, picks, vid)
                assert (result.ending, result.scaled) == (ending, value), (ending, r)


def _check_forced_plays(s, analysis) -> None:
    """The play shown for a forced state gets there, and only faults are offered."""
    for f in analysis.forced:
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


# -- the budget ------------------------------------------------------------------------------------

def _flag_loops():
    import sys

    from conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    from check_bench import flag_loops_yaml
    return flag_loops_yaml()  # 20 nodes, ~15 KB: every choice sets a flag and unsets another, loops everywhere


def test_the_budget_holds_on_a_flag_heavy_looping_file(tmp_path):
    text = _flag_loops()
    s = load_text(text, "flag-loops.yaml", CATALOGUE.ids())
    weights = weights_for(s, CATALOGUE)
    t0 = time.perf_counter()
    cut = analyse(s, weights)
    elapsed = time.perf_counter() - t0
    assert not cut.proven and cut.states <= STATE_BUDGET
    assert elapsed < SECONDS_BUDGET + 1, elapsed
    # a state budget too large to reach: the clock stops it
    t0 = time.perf_counter()
    timed_out = analyse(s, weights, budget=10**9, seconds=0.5)
    assert not timed_out.proven and time.perf_counter() - t0 < 0.5 + 1
    # memory, loosely (tracemalloc counts Python's own allocations)
    tracemalloc.start()
    try:
        analyse(s, weights)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB"
    # `litige check` on it: a normal exit, and the summary says the scores are not proven
    path = tmp_path / "flag-loops.yaml"
    path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    proc = run_cli("check", "--stats", str(path), timeout=60, env={"LITIGE_LANG": "en"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "not proven" in proc.stdout
    assert not any(f"[{code}]" in proc.stdout for code in ("ending-score", "no-good-choice"))
    assert time.perf_counter() - t0 < 30


def test_an_ending_reached_through_a_loop_only():
    """A case the comparison found: e1 is reached only by going round the n1 → n2 → n1 loop, and the
    search once said no scored play gets there (Range(None, None), neither scored nor unscored)."""
    from conftest import FIXTURES

    from simulator.format.loader import load
    s = load(FIXTURES / "ranges" / "loop-spread.yaml")
    _compare(s)
    r = analyse(s, weights_for(s, CATALOGUE)).ending("e1")
    assert (r.lo, r.hi) == (16.7, 66.7)
