"""The highest and lowest score of the plays reaching some states of a play-state graph, as
fractional programs solved by Dinkelbach's method (see scoring.ranges for the reasoning).

For a trial score t = p/q, the best (or worst) play maximises Σ(q·points − p·stake), a sum over
its steps found by one pass over the graph's strongly connected groups in topological order;
the play found gives the next t, and t is the optimum once that sum reaches 0.
"""

from __future__ import annotations

import time

from scoring.state_graph import Edge, OverBudget, Play, StateGraph
from simulator.analysis.paths import strongly_connected

Came = tuple[int, int, int, str] | None  # the edge a state's best sum came by: (from state, points, stake, pick)
Within = tuple[list[int], list[bool]]  # the groups (in order) and the states that lead to some targets
Witness = tuple[int, int, Play]  # (points, stake, picks) of a play


class Order:
    """The state graph's strongly connected groups in topological order (start first)."""

    def __init__(self, graph: StateGraph):
        succ = {s: [t for t, _, _, _ in out] for s, out in enumerate(graph.edges)}
        self.groups = list(reversed(strongly_connected(range(len(graph.edges)), succ)))
        self.group_of = [0] * len(graph.edges)
        for g, members in enumerate(self.groups):
            for s in members:
                self.group_of[s] = g
        self._preds: list[list[int]] | None = None

    def leading_to(self, graph: StateGraph, targets: list[int]) -> Within:
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


def best_sums(graph: StateGraph, order: Order, q: int, p: int, sign: int, deadline: float,
              within: Within | None = None) -> tuple[list[int | None], list[Came]]:
    """For each state, the best of sign × Σ(q·points − p·stake) over plays reaching it from the
    start, and the edge it came by (from state, points, stake, pick). Edges within a group weigh
    nothing (see scoring.ranges), so a group's states share its best entry's sum.
    `within` (from `Order.leading_to`) limits the pass to the states that lead to some targets."""
    n = len(graph.edges)
    best: list[int | None] = [None] * n
    came: list[Came] = [None] * n
    best[0] = 0
    groups, keep = within if within is not None else (range(len(order.groups)), None)
    edges, group_of, all_groups = graph.edges, order.group_of, order.groups
    for k, g in enumerate(groups):
        if k % 256 == 0 and time.monotonic() > deadline:
            raise OverBudget()
        members = all_groups[g]
        if len(members) > 1:
            _spread(edges, members, best, came)
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


def _spread(edges: list[list[Edge]], members: list[int], best: list[int | None], came: list[Came]) -> None:
    """Give a group's best entry sum to every state of the group, by its zero-weight edges: each
    state is reached from the entry once (one that already has that sum keeps the way it came by)."""
    entry = max((s for s in members if best[s] is not None), key=lambda s: _known(best[s]), default=None)
    if entry is None:
        return
    value = _known(best[entry])
    todo = [entry]
    inside = set(members)
    inside.discard(entry)
    while todo:
        s = todo.pop()
        for t, a, b, pick in edges[s]:
            if t in inside:
                inside.discard(t)
                old = best[t]
                if old is None or old < value:
                    best[t], came[t] = value, (s, a, b, pick)
                todo.append(t)


def _known(value: int | None) -> int:
    """A sum the caller has checked is there."""
    assert value is not None
    return value


def trace(s: int, came: list[Came]) -> Witness:
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


def highest(states: list[int], sums: list[int | None]) -> int:
    """The state among `states` with the highest sum (those without one count as −1)."""
    return max(states, key=lambda s: v if (v := sums[s]) is not None else -1)


def optimum(graph: StateGraph, order: Order, states: list[int], witness: Witness, sign: int,
            deadline: float, within: Within | None = None) -> Witness:
    """Dinkelbach's iteration from a judged play: the play of the highest (sign 1) or lowest
    (sign −1) ratio points / stake among those reaching the given states."""
    a, b, play = witness
    for _ in range(64):  # converges in a handful of passes; the bound only guards against a bug
        best, came = best_sums(graph, order, b, a, sign, deadline, within)
        top = max((s for s in states if best[s] is not None), key=lambda s: _known(best[s]))
        if _known(best[top]) <= 0:
            return a, b, play
        a, b, play = trace(top, came)
    return a, b, play
