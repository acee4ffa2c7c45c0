"""The scores with which plays can reach each ending, proven by a search of the play states.

The score of a play is a ratio, 100 × Σ(stake × credit) / Σ(stake) over its judged decisions,
so the highest and lowest score reaching an ending are found as fractional programs on the
graph of play states, by Dinkelbach's method: for a trial score t = p/q, the best (or worst)
play maximises Σ(q·points − p·stake), a sum over its steps, found by one pass over the graph;
the play found gives the next t, and t is the optimum once that sum reaches 0.

A play state is (node, meters, flags, the nodes *on loops* visited before): only a node's first
visit is judged, and a node off every loop is visited at most once. Every loop of that graph
goes through visited nodes only, so its steps weigh nothing, and a pass over the graph's
strongly connected groups in topological order finds the best sum exactly. That graph is built
by scoring.state_graph; the fractional programs are solved by scoring.ratio_search.

The search is bounded by `budget` states and `seconds`: past either, the analysis says it is
not proven (`proven` False) and the callers say "not proven" instead of warning. It is not even
started when the interval analysis (simulator.analysis.boxes) bounds the play states (node, meters,
flags) above `ESTIMATE_LIMIT`: meters moved by many different amounts and read by guards make
more states than a search can walk, and trying would only spend the budget to prove nothing.
The shipped stories are bounded at 7,000 to 110,000 such states and have 500 to 11,000.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from scoring.ratio_search import Order, best_sums, highest, optimum, trace
from scoring.scorer import scaled_of
from scoring.state_graph import OverBudget, Play, StateGraph, build_graph, path_to
from simulator.analysis.boxes import intervals, state_bound
from simulator.format import gc_pause
from simulator.format.model import Scenario, Variant
from simulator.play.rules import start_states

STATE_BUDGET = 60_000  # play states; about 40 MB and a second or two of Python at the most
SECONDS_BUDGET = 5.0
ESTIMATE_LIMIT = 250_000  # states the intervals allow, per start, beyond which no search is tried

@dataclass(frozen=True)
class Range:
    """The scores of the plays that reach one ending (in one variant, or in all)."""

    lo: float | None  # None when no play reaching it has a judged decision
    hi: float | None
    lo_play: Play = ()
    hi_play: Play = ()
    unscored: bool = False  # some play reaches it without a judged decision (no score, "–")
    lo_variant: str | None = None  # the variant each play is played in (None: the scenario has none)
    hi_variant: str | None = None

    def merged(self, other: Range) -> Range:
        lo = min((r for r in (self, other) if r.lo is not None), key=lambda r: r.lo or 0.0, default=None)  # (never None there)
        hi = max((r for r in (self, other) if r.hi is not None), key=lambda r: r.hi or 0.0, default=None)
        return Range(lo.lo if lo else None, hi.hi if hi else None, lo.lo_play if lo else (),
                     hi.hi_play if hi else (), self.unscored or other.unscored,
                     lo.lo_variant if lo else None, hi.hi_variant if hi else None)

    def play_args(self, low: bool) -> str:
        """The lowest (or highest) play as `litige play` options: `--choices 1,2 --variant x`."""
        play, variant = (self.lo_play, self.lo_variant) if low else (self.hi_play, self.hi_variant)
        return f"--choices {','.join(play) or '-'}" + (f" --variant {variant}" if variant else "")


@dataclass(frozen=True)
class Forced:
    """A reachable state where every choice offered violates a principle."""

    node: str
    state: str  # the state in words
    play: Play  # a play that gets there
    variant: str | None


@dataclass(frozen=True)
class Analysis:
    proven: bool  # the whole state graph was searched within the budget
    states: int
    # per variant id (None for a scenario without variants), per reachable ending: its range
    ranges: Mapping[str | None, Mapping[str, Range]] = field(default_factory=dict)
    forced: tuple[Forced, ...] = ()
    estimate: int | None = None  # when the search was not tried: the states the intervals allow

    def ending(self, ending: str) -> Range | None:
        """The range of an ending over every variant; None when no play reaches it."""
        found = [r[ending] for r in self.ranges.values() if ending in r]
        if not found:
            return None
        out = found[0]
        for r in found[1:]:
            out = out.merged(r)
        return out

    def endings(self) -> dict[str, Range]:
        names = dict.fromkeys(e for r in self.ranges.values() for e in r)
        return {e: r for e in names if (r := self.ending(e)) is not None}


def analyse(scenario: Scenario, weights: Mapping[str, int], *, budget: int = STATE_BUDGET,
            seconds: float = SECONDS_BUDGET) -> Analysis:
    """The score range of each ending, per variant, and the states that force a fault."""
    deadline = time.monotonic() + seconds
    variants: tuple[Variant | None, ...] = scenario.variants or (None,)
    estimate = too_many_states(scenario, budget)
    if estimate is not None:
        return Analysis(False, 0, estimate=estimate)
    ranges: dict[str | None, dict[str, Range]] = {}
    forced: list[Forced] = []
    states = 0
    with gc_pause.paused():  # the search builds acyclic tuples only: see simulator.format.gc_pause
        for variant, start in zip(variants, start_states(scenario)):
            try:
                graph, preds = build_graph(scenario, weights, start, budget - states, deadline)
            except OverBudget:
                return Analysis(False, budget, ranges, tuple(forced))
            states += len(graph.nodes)
            vid = variant.id if variant else None
            try:
                ranges[vid] = _ranges(scenario, graph, deadline, vid)
            except OverBudget:
                return Analysis(False, states, ranges, tuple(forced))
            for s, words in graph.forced:
                forced.append(Forced(graph.nodes[s], words, path_to(s, preds), vid))
    return Analysis(True, states, ranges, tuple(forced))


def outcome_of(scenario: Scenario, ending: str) -> str:
    """The outcome of an ending node (the ranges are keyed by ending node ids)."""
    found = scenario.nodes[ending].ending
    assert found is not None, ending
    return found.outcome


def too_many_states(scenario: Scenario, budget: int = STATE_BUDGET) -> int | None:
    """The play states the intervals allow, when they are too many to try a search within the
    budget (above ESTIMATE_LIMIT, or the budget itself when it is larger); else None."""
    bound = state_bound(intervals(scenario))
    return bound if bound > max(ESTIMATE_LIMIT, budget) else None


def best_play(scenario: Scenario, weights: Mapping[str, int], variant: str | None = None, *,
              outcomes: tuple[str, ...] = ("won", "kept"), budget: int = STATE_BUDGET,
              seconds: float = SECONDS_BUDGET) -> tuple[Play, float | None] | None:
    """A highest-scoring play of one variant that ends with one of `outcomes`, and its score:
    the same search as `analyse`, for one start and one set of endings only (what the debrief's
    model conversation needs). None when no such play exists or the search is not proven."""
    deadline = time.monotonic() + seconds
    if too_many_states(scenario, budget) is not None:
        return None
    variants: tuple[Variant | None, ...] = scenario.variants or (None,)
    starts = dict(zip((v.id if v else None for v in variants), start_states(scenario)))
    if variant not in starts:
        return None
    with gc_pause.paused():
        try:
            graph, _ = build_graph(scenario, weights, starts[variant], budget, deadline)
            targets = [s for s, nid in enumerate(graph.nodes)
                       if (ending := scenario.nodes[nid].ending) is not None and ending.outcome in outcomes]
            if not targets:
                return None
            order = Order(graph)
            within = order.leading_to(graph, targets)
            most, most_came = best_sums(graph, order, 0, -1, 1, deadline, within)
            top = highest(targets, most)
            if most[top] is None:
                return None
            if most[top] == 0:  # no judged decision on the way: any play there will do
                return trace(top, most_came)[2], None
            a, b, play = optimum(graph, order, targets, trace(top, most_came), 1, deadline, within)
        except OverBudget:
            return None
    return play, scaled_of(a, b)


def _ranges(scenario: Scenario, graph: StateGraph, deadline: float, variant: str | None) -> dict[str, Range]:
    """The range of each ending the graph reaches."""
    order = Order(graph)
    endings: dict[str, list[int]] = {}
    for s, nid in enumerate(graph.nodes):
        if scenario.nodes[nid].ending is not None:
            endings.setdefault(nid, []).append(s)
    # the plays with the most and the least stake: whether a judged play, and an unjudged one, get there
    most, most_came = best_sums(graph, order, 0, -1, 1, deadline)
    least, _ = best_sums(graph, order, 0, -1, -1, deadline)
    out: dict[str, Range] = {}
    for nid, states in endings.items():
        top = highest(states, most)
        unscored = any(least[s] == 0 for s in states)
        if most[top] is None or most[top] == 0:
            out[nid] = Range(None, None, unscored=unscored, lo_variant=variant, hi_variant=variant)
            continue
        a, b, play = trace(top, most_came)
        within = order.leading_to(graph, states)
        hi = optimum(graph, order, states, (a, b, play), 1, deadline, within)
        lo = optimum(graph, order, states, (a, b, play), -1, deadline, within)
        out[nid] = Range(scaled_of(lo[0], lo[1]), scaled_of(hi[0], hi[1]), lo[2], hi[2], unscored, variant, variant)
    return out
