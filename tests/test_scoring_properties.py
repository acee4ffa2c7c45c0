"""The scorer's properties (the scoring rules of 2026-12, tests/test_scoring.py for the units), by
hypothesis on random scenarios: best answers everywhere score 100 and worst 0, the score is the
stake-weighted credit, and neither a loop played again nor a forced step changes it."""

from __future__ import annotations

import copy
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from random_scenarios import scenario_dicts, to_scenario

from scoring.catalogue import load_catalogue
from scoring.scorer import score
from simulator.play.engine import Play

CATALOGUE = load_catalogue()
W = {p.id: p.weight for p in CATALOGUE}


def _values(s, node, offered):
    """The option values of a decision, computed here from the catalogue weights."""
    vals = [sum(W[p] for p in c.applies) - sum(W[p] for p in c.violates) for c in offered]
    if node.time_limit and node.on_timeout:
        vals.append(0)
    return vals


def _walk(s, data, *, variant=None, steps=12, pick=None):
    """A play of up to `steps` steps (it may stop before an ending); `pick(offered, values)` gives
    the option to take (an index into offered, or len(offered) for the time-out), else drawn."""
    play = Play(s, variant=variant, clock=lambda: 0.0, play_id="p")
    picks: list[int | str] = []
    for _ in range(steps):
        if play.finished:
            break
        node, offered = play.node, play.offered()
        vals = _values(s, node, offered)
        if not vals:
            break
        i = pick(offered, vals) if pick else data.draw(st.integers(0, len(vals) - 1))
        if i == len(offered):
            play.timeout()
            picks.append("t")
        else:
            play.choose(i)
            picks.append(i + 1)
    return play, picks


def _replay(s, picks, variant=None):
    play = Play(s, variant=variant, clock=lambda: 0.0, play_id="p")
    for p in picks:
        play.timeout() if p == "t" else play.choose(p - 1)
    return play


SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(scenario_dicts(), st.data())
def test_best_everywhere_scores_100_worst_everywhere_0(doc, data):
    s = to_scenario(doc)
    rnd = random.Random(data.draw(st.integers(0, 1000)))
    for target, want in ((max, 100.0), (min, 0.0)):
        play, _ = _walk(s, data, pick=lambda offered, vals, target=target: rnd.choice(
            [i for i, v in enumerate(vals) if v == target(vals)]))
        r = score(s, play.record, CATALOGUE)
        assert r.scaled in (want, None), (target.__name__, r.decisions)
        assert (r.raw == r.max) if want == 100.0 else (r.raw == 0)
        assert r.scaled is not None or r.max == 0


@SETTINGS
@given(scenario_dicts(), st.data())
def test_score_is_the_stake_weighted_credit(doc, data):
    """Any play: raw = Σ(value − worst), max = Σ(best − worst) over first visits with options of
    more than one value, computed here from the catalogue; 0 ≤ raw ≤ max; scaled = 100·raw/max."""
    s = to_scenario(doc)
    play, picks = _walk(s, data)
    r = score(s, play.record, CATALOGUE)
    raw = top = 0
    seen: set[str] = set()
    replay = Play(s, clock=lambda: 0.0, play_id="p")
    for p in picks:
        node, offered = replay.node, replay.offered()
        vals = _values(s, node, offered)
        taken = 0 if p == "t" else vals[p - 1]
        if node.id not in seen and max(vals) > min(vals):
            raw, top = raw + taken - min(vals), top + max(vals) - min(vals)
        seen.add(node.id)
        replay.timeout() if p == "t" else replay.choose(p - 1)
    assert (r.raw, r.max) == (raw, top)
    assert 0 <= r.raw <= r.max
    assert r.scaled == (round(100 * raw / top, 1) if top else None)


@SETTINGS
@given(st.one_of(scenario_dicts(meters=False), scenario_dicts()), st.data())
def test_inserting_a_loop_changes_nothing(doc, data):
    """Take a random play; where it comes back to a state it was in before (same node, meters,
    flags), the steps in between form a loop: playing that loop once or a few more times at that
    point can neither raise nor lower the score (nor change the ending)."""
    s = to_scenario(doc)
    play, picks = _walk(s, data, steps=16)
    states = [(st_.node, tuple(sorted(st_.meters_before.items())), st_.flags_before) for st_ in play.record.steps]
    after = play.record.steps[-1] if play.record.steps else None
    if after is not None:
        states.append((after.next, tuple(sorted(after.meters_after.items())), after.flags_after))
    loops = [(j, i) for i in range(len(states)) for j in range(i) if states[j] == states[i]]
    assume(loops)
    j, i = data.draw(st.sampled_from(loops))
    times = data.draw(st.integers(1, 3))
    longer = picks[:i] + picks[j:i] * times + picks[i:]
    original = score(s, play.record, CATALOGUE)
    looped = score(s, _replay(s, longer).record, CATALOGUE)
    assert (looped.raw, looped.max, looped.scaled, looped.ending) == (
        original.raw, original.max, original.scaled, original.ending), (picks, longer)


@SETTINGS
@given(scenario_dicts(), st.data())
def test_a_forced_step_changes_nothing(doc, data):
    """Put a new node F in front of a node X (every way into X goes through F, the start too): F
    offers one choice, or several of one value (with a time-out when that value is 0), each going
    on to X. The same play with a step at F each time it enters X scores the same."""
    s = to_scenario(doc)
    choice_nodes = [n for n, node in doc["nodes"].items() if "choices" in node]
    x = data.draw(st.sampled_from(choice_nodes))
    doc2, k, timed = _put_forced_node(doc, x, data)
    s2 = to_scenario(doc2)

    play, picks = _walk(s, data)
    entering = [s.start == x] + [step.next == x for step in play.record.steps]
    options = [*range(1, k + 1)] + (["t"] if timed else [])
    with_f: list = []
    for n, p in enumerate(picks):
        if entering[n]:
            with_f.append(data.draw(st.sampled_from(options)))
        with_f.append(p)
    if entering[len(picks)]:
        with_f.append(data.draw(st.sampled_from(options)))
    a = score(s, play.record, CATALOGUE)
    b = score(s2, _replay(s2, with_f).record, CATALOGUE)
    assert (b.raw, b.max, b.scaled) == (a.raw, a.max, a.scaled), (picks, with_f)
    assert all(not d.judged for d in b.decisions if d.node == "forced")


def _put_forced_node(doc, x, data):
    """The scenario with a node 'forced' put in front of node x (every way into x goes through it):
    one choice, or several of one value (with a time-out when that value is 0), each going on to
    x. Returns it, the number of choices and whether it has a time-out."""
    same = data.draw(st.sampled_from([[], ["listen"], ["apologize"], ["courtesy:v"], ["listen", "own-it:v"]]))
    k = data.draw(st.integers(1, 3))
    forced: dict = {"text": "F", "choices": _forced_choices(same, k, x)}
    value = sum(W[p] for p in forced["choices"][0].get("applies", ())) - sum(
        W[p] for p in forced["choices"][0].get("violates", ()))
    timed = value == 0 and data.draw(st.booleans())
    if timed:
        forced.update(time_limit=5, on_timeout=x)
    doc2 = copy.deepcopy(doc)
    for node in doc2["nodes"].values():
        for c in node.get("choices", ()):
            if c["next"] == x:
                c["next"] = "forced"
        if node.get("on_timeout") == x:
            node["on_timeout"] = "forced"
    if doc2["start"] == x:
        doc2["start"] = "forced"
    doc2["nodes"]["forced"] = forced
    return doc2, k, timed


def _forced_choices(same, k, x):
    """k choices going on to x, each applying (and violating, for a ':v') the principles `same`."""
    choices = []
    for n in range(k):
        c: dict = {"text": f"forced {n}", "next": x}
        applies = [p for p in same if not p.endswith(":v")]
        violates = [p[:-2] for p in same if p.endswith(":v")]
        if applies:
            c["applies"] = applies
        if violates:
            c["violates"] = violates
        if same:
            c["feedback"] = "f"
        choices.append(c)
    return choices
