"""The scores with which plays can reach each ending, proven by a search of the play states.

The score of a play is a ratio, 100 × Σ(stake × credit) / Σ(stake) over its judged decisions,
so the highest and lowest score reaching an ending are found as fractional programs on the
graph of play states, by Dinkelbach's method: for a trial score t = p/q, the best (or worst)
play maximises Σ(q·points − p·stake), a sum over its steps, found by one pass over the graph;
the play found gives the next t, and t is the optimum once that sum reaches 0.

A play state is (node, meters, flags, the nodes *on loops* visited before): only a node's first
visit is judged, and a node off every loop is visited at most once. Every loop of that graph
goes through visited nodes only, so its steps weigh nothing, and a pass over the graph's
strongly connected groups in topological order finds the best sum exactly.

The search is bounded by `budget` states and `seconds`: past either, the analysis says it is
not proven (`proven` False) and the callers say "not proven" instead of warning. It is not even
started when the interval analysis (simulator.analysis.reach) bounds the play states (node, meters,
flags) above `ESTIMATE_LIMIT`: meters moved by many different amounts and read by guards make
more states than a search can walk, and trying would only spend the budget to prove nothing.
The shipped stories are bounded at 7,000 to 110,000 such states and have 500 to 11,000.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping

from scoring.scorer import choice_value, scaled_of
from simulator.format import collector
from simulator.analysis.paths import strongly_connected
from simulator.format.model import Scenario, Variant
from simulator.analysis.reach import compiled, intervals, meter_index, state_bound
from simulator.play.rules import STAY, Move, moves as choice_moves, start_states

STATE_BUDGET = 60_000  # play states; about 40 MB and a second or two of Python at the most
SECONDS_BUDGET = 5.0
ESTIMATE_LIMIT = 250_000  # states the intervals allow, per start, beyond which no search is tried

Play = tuple[str, ...]  # 1-based picks among the choices offered ('t' for a time-out), as `play --choices`


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
        lo = min((r for r in (self, other) if r.lo is not None), key=lambda r: r.lo, default=None)  # type: ignore
        hi = max((r for r in (self, other) if r.hi is not None), key=lambda r: r.hi, default=None)  # type: ignore
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


class _OverBudget(Exception):
    pass


@dataclass
class _Graph:
    """The play states from one start: their edges (next state, points, stake, pick)."""

    nodes: list[str] = field(default_factory=list)  # node id per state
    edges: list[list[tuple[int, int, int, str]]] = field(default_factory=list)
    forced: list[tuple[int, str]] = field(default_factory=list)  # (state, its description)


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
    with collector.paused():  # the search builds acyclic tuples only: see simulator.format.collector
        for variant, start in zip(variants, start_states(scenario)):
            try:
                graph, preds = _build(scenario, weights, start, budget - states, deadline)
            except _OverBudget:
                return Analysis(False, budget, ranges, tuple(forced))
            states += len(graph.nodes)
            vid = variant.id if variant else None
            try:
                ranges[vid] = _ranges(scenario, graph, deadline, vid)
            except _OverBudget:
                return Analysis(False, states, ranges, tuple(forced))
            for s, words in graph.forced:
                forced.append(Forced(graph.nodes[s], words, _path_to(s, preds), vid))
    return Analysis(True, states, ranges, tuple(forced))


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
    with collector.paused():
        try:
            graph, _ = _build(scenario, weights, starts[variant], budget, deadline)
            targets = [s for s, nid in enumerate(graph.nodes) if scenario.nodes[nid].ending is not None
                       and scenario.nodes[nid].ending.outcome in outcomes]  # type: ignore[union-attr]
            if not targets:
                return None
            order = _Order(graph)
            within = order.leading_to(graph, targets)
            most, most_came = _best_sums(graph, order, 0, -1, 1, deadline, within)
            top = max(targets, key=lambda s: most[s] if most[s] is not None else -1)
            if most[top] is None:
                return None
            if most[top] == 0:  # no judged decision on the way: any play there will do
                return _trace(top, most_came)[2], None
            a, b, play = _optimum(graph, order, targets, _trace(top, most_came), 1, deadline, within)
        except _OverBudget:
            return None
    return play, scaled_of(a, b)


def _build(scenario: Scenario, weights: Mapping[str, int], start: tuple[tuple[int, ...], frozenset[str]],
           budget: int, deadline: float) -> tuple[_Graph, list[tuple[int, str] | None]]:
    """Every play state reachable from the start, breadth first, with a first way to each."""
    nodes = scenario.nodes
    index = meter_index(scenario)
    table = choice_moves(scenario)
    looped = _on_loops(scenario)
    prepared: dict[str, list[tuple[Callable | None, tuple[int, ...], Move, str, int, bool]]] = {}
    for nid, node in nodes.items():
        prepared[nid] = [
            (compiled(c.when).holds if c.when is not None else None,
             tuple(index[m] for m in compiled(c.when).meters) if c.when is not None else (),
             table[(nid, c.index)], c.next, choice_value(c, weights), bool(c.violates))
            for c in node.choices]
    graph = _Graph()
    preds: list[tuple[int, str] | None] = []
    ids: dict[tuple, int] = {}
    first = (scenario.start, start[0], start[1], frozenset())
    ids[first] = 0
    queue = [first]
    graph.nodes.append(scenario.start)
    preds.append(None)
    for s, state in enumerate(queue):  # the queue grows while we walk it
        if s % 512 == 0 and time.monotonic() > deadline:
            raise _OverBudget(len(queue))
        nid, meters, flags, visited = state
        node = nodes[nid]
        out: list[tuple[int, int, int, str]] = []
        graph.edges.append(out)
        if node.ending is not None:
            continue
        offered = [(move, nxt, value, bad) for test, reads, move, nxt, value, bad in prepared[nid]
                   if test is None or test(tuple(meters[i] for i in reads), flags)]
        values = [value for _, _, value, _ in offered]
        timed = bool(node.time_limit and node.on_timeout)
        if timed:
            values.append(0)
        if not values:
            continue
        hi, lo = max(values), min(values)
        judged = (nid not in looped or nid not in visited) and hi > lo
        after_visit = visited | {nid} if nid in looped and nid not in visited else visited
        if offered and all(bad for _, _, _, bad in offered):
            graph.forced.append((s, _describe(scenario, meters, flags)))
        picks = [(move, nxt, value, str(i + 1)) for i, (move, nxt, value, _) in enumerate(offered)]
        if timed:
            picks.append((STAY, node.on_timeout, 0, "t"))
        for move, nxt, value, pick in picks:
            new_meters, new_flags = move.apply(meters, flags)
            key = (nxt, new_meters, new_flags, after_visit)
            t = ids.get(key)
            if t is None:
                if len(queue) >= budget:
                    raise _OverBudget()
                t = ids[key] = len(queue)
                queue.append(key)
                graph.nodes.append(nxt)
                preds.append((s, pick))
            out.append((t, value - lo if judged else 0, hi - lo if judged else 0, pick))
    return graph, preds


def _on_loops(scenario: Scenario) -> frozenset[str]:
    """Nodes some way through the graph (guards ignored) comes back to: they may be visited twice."""
    succ = {nid: [c.next for c in n.choices] + ([n.on_timeout] if n.on_timeout else [])
            for nid, n in scenario.nodes.items()}
    out: set[str] = set()
    for comp in strongly_connected(scenario.nodes, succ):
        if len(comp) > 1 or comp[0] in succ[comp[0]]:
            out.update(comp)
    return frozenset(out)


def _describe(scenario: Scenario, meters: tuple[int, ...], flags: frozenset[str]):
    """The state in words, as simulator.analysis.reach.describe_state says it (flags only in a scenario that has some)."""
    from simulator.analysis.reach import describe_state
    return describe_state(("", meters, flags), scenario, flags_always=False)


def _path_to(s: int, preds: list[tuple[int, str] | None]) -> Play:
    out: list[str] = []
    step = preds[s]
    while step is not None:
        s, pick = step
        out.append(pick)
        step = preds[s]
    return tuple(reversed(out))


# -- the fractional programs ------------------------------------------------------------------

class _Order:
    """The state graph's strongly connected groups in topological order (start first)."""

    def __init__(self, graph: _Graph):
        succ = {s: [t for t, _, _, _ in out] for s, out in enumerate(graph.edges)}
        self.groups = list(reversed(strongly_connected(range(len(graph.edges)), succ)))
        self.group_of = [0] * len(graph.edges)
        for g, members in enumerate(self.groups):
            for s in members:
                self.group_of[s] = g
        self._preds: list[list[int]] | None = None

    def leading_to(self, graph: _Graph, targets: list[int]) -> tuple[list[int], list[bool]]:
        """The groups (in order) and the states from which some target state can be reached:
        a pass for those targets need not look at any other."""
        if self._preds is None:
            self._preds = [[] for _ in graph.edges]
            for s, out in enumerate(graph.edges):
                for t, _, _, _ in out:
                    self._preds[t].append(s)
        preds = self._preds
        on = [False] * len(graph.edges)
        todo = list(targets)
        for t in todo:
            on[t] = True
        while todo:
            for s in preds[todo.pop()]:
                if not on[s]:
                    on[s] = True
                    todo.append(s)
        groups = sorted({self.group_of[s] for s, yes in enumerate(on) if yes})
        return groups, on


def _best_sums(graph: _Graph, order: _Order, q: int, p: int, sign: int, deadline: float,
               within: tuple[list[int], list[bool]] | None = None
               ) -> tuple[list[int | None], list[tuple[int, int, int, str] | None]]:
    """For each state, the best of sign × Σ(q·points − p·stake) over plays reaching it from the
    start, and the edge it came by (from state, points, stake, pick). Edges within a group weigh
    nothing (see the module's docstring), so a group's states share its best entry's sum.
    `within` (from `_Order.leading_to`) limits the pass to the states that lead to some targets."""
    n = len(graph.edges)
    best: list[int | None] = [None] * n
    came: list[tuple[int, int, int, str] | None] = [None] * n
    best[0] = 0
    groups, keep = within if within is not None else (range(len(order.groups)), None)
    edges, group_of, all_groups = graph.edges, order.group_of, order.groups
    for k, g in enumerate(groups):
        if k % 256 == 0 and time.monotonic() > deadline:
            raise _OverBudget()
        members = all_groups[g]
        if len(members) > 1:
            entry = max((s for s in members if best[s] is not None), key=lambda s: best[s], default=None)  # type: ignore
            if entry is None:
                continue
            # spread the entry's sum to every state of the group, by its zero-weight edges: each state
            # is reached from the entry once (one that already has that sum keeps the way it came by)
            value = best[entry]
            todo = [entry]
            inside = set(members)
            inside.discard(entry)
            while todo:
                s = todo.pop()
                for t, a, b, pick in edges[s]:
                    if t in inside:
                        inside.discard(t)
                        if best[t] is None or best[t] < value:  # type: ignore
                            best[t], came[t] = value, (s, a, b, pick)
                        todo.append(t)
        for s in members:
            base = best[s]
            if base is None:
                continue
            for t, a, b, pick in edges[s]:
                if group_of[t] == g or (keep is not None and not keep[t]):
                    continue
                value = base + sign * (q * a - p * b)
                old = best[t]
                if old is None or value > old:
                    best[t], came[t] = value, (s, a, b, pick)
    return best, came


def _trace(s: int, came: list[tuple[int, int, int, str] | None]) -> tuple[int, int, Play]:
    """(points, stake, picks) of the play the sums came by to state s."""
    a_sum = b_sum = 0
    picks: list[str] = []
    seen: set[int] = set()
    while (edge := came[s]) is not None and s not in seen:
        seen.add(s)
        s, a, b, pick = edge
        a_sum, b_sum = a_sum + a, b_sum + b
        picks.append(pick)
    return a_sum, b_sum, tuple(reversed(picks))


def _ranges(scenario: Scenario, graph: _Graph, deadline: float, variant: str | None) -> dict[str, Range]:
    order = _Order(graph)
    endings: dict[str, list[int]] = {}
    for s, nid in enumerate(graph.nodes):
        if scenario.nodes[nid].ending is not None:
            endings.setdefault(nid, []).append(s)
    # the plays with the most and the least stake: whether a judged play, and an unjudged one, get there
    most, most_came = _best_sums(graph, order, 0, -1, 1, deadline)
    least, _ = _best_sums(graph, order, 0, -1, -1, deadline)
    out: dict[str, Range] = {}
    for nid, states in endings.items():
        top = max(states, key=lambda s: most[s] if most[s] is not None else -1)
        unscored = any(least[s] == 0 for s in states)
        if most[top] is None or most[top] == 0:
            out[nid] = Range(None, None, unscored=unscored, lo_variant=variant, hi_variant=variant)
            continue
        a, b, play = _trace(top, most_came)
        within = order.leading_to(graph, states)
        hi = _optimum(graph, order, states, (a, b, play), 1, deadline, within)
        lo = _optimum(graph, order, states, (a, b, play), -1, deadline, within)
        out[nid] = Range(scaled_of(lo[0], lo[1]), scaled_of(hi[0], hi[1]), lo[2], hi[2], unscored, variant, variant)
    return out


def _optimum(graph: _Graph, order: _Order, states: list[int], witness: tuple[int, int, Play], sign: int,
             deadline: float, within: tuple[list[int], list[bool]] | None = None) -> tuple[int, int, Play]:
    """Dinkelbach's iteration from a judged play: the play of the highest (sign 1) or lowest
    (sign −1) ratio points / stake among those reaching the given states."""
    a, b, play = witness
    for _ in range(64):  # converges in a handful of passes; the bound only guards against a bug
        best, came = _best_sums(graph, order, b, a, sign, deadline, within)
        top = max((s for s in states if best[s] is not None), key=lambda s: best[s])  # type: ignore
        if best[top] <= 0:  # type: ignore
            return a, b, play
        a, b, play = _trace(top, came)
    return a, b, play
