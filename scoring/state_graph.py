"""The graph of play states from one start, as the score search (scoring.ranges) walks it.

A state is (node, meters, flags, the nodes *on loops* visited before); each edge carries the
points and the stake its step is judged with (0 and 0 where it is not judged: a revisit of a node
on a loop, or options all worth the same), and the pick that takes it
(`play --choices`). Built breadth first, with a first way to each state and the states where
every choice offered violates a principle.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from scoring.scorer import choice_value
from simulator.analysis.guard_eval import Evaluator, compiled, meter_index
from simulator.analysis.paths import strongly_connected
from simulator.analysis.reachability import describe_state
from simulator.format.model import Node, Scenario
from simulator.play.rules import STAY, Flags, Meters, Move
from simulator.play.rules import moves as choice_moves

Play = tuple[str, ...]  # 1-based picks among the choices offered ('t' for a time-out), as `play --choices`
Edge = tuple[int, int, int, str]  # (next state, points, stake, pick)
Way = tuple[int, str] | None  # (the state before, the pick from it); None for the start
_Key = tuple[str, Meters, Flags, frozenset[str]]  # (node, meters, flags, loop nodes visited)
# per choice: (guard test, meter positions it reads, move, next node, value, violates something)
_Prepared = tuple[Evaluator | None, tuple[int, ...], Move, str, int, bool]


class OverBudget(Exception):
    """The search went past its budget of states or of time: nothing it found is proven."""


@dataclass
class StateGraph:
    """The play states from one start: their edges (next state, points, stake, pick)."""

    nodes: list[str] = field(default_factory=list)  # node id per state
    edges: list[list[Edge]] = field(default_factory=list)
    forced: list[tuple[int, str]] = field(default_factory=list)  # (state, its description in words)


def build_graph(scenario: Scenario, weights: Mapping[str, int], start: tuple[Meters, Flags],
                budget: int, deadline: float) -> tuple[StateGraph, list[Way]]:
    """Every play state reachable from the start, breadth first, with a first way to each."""
    nodes = scenario.nodes
    prepared = _prepare(scenario, weights)
    looped = _on_loops(scenario)
    graph = StateGraph()
    preds: list[Way] = [None]
    first: _Key = (scenario.start, start[0], start[1], frozenset())
    ids: dict[_Key, int] = {first: 0}
    queue = [first]
    graph.nodes.append(scenario.start)
    for s, state in enumerate(queue):  # the queue grows while we walk it
        if s % 512 == 0 and time.monotonic() > deadline:
            raise OverBudget(len(queue))
        nid, meters, flags, visited = state
        node = nodes[nid]
        out: list[Edge] = []
        graph.edges.append(out)
        if node.ending is not None:
            continue
        found = _offered(node, prepared[nid], meters, flags)
        if found is None:
            continue
        picks, hi, lo, forced = found
        judged = (nid not in looped or nid not in visited) and hi > lo
        after_visit = visited | {nid} if nid in looped and nid not in visited else visited
        if forced:
            graph.forced.append((s, describe_state(("", meters, flags), scenario, flags_always=False)))
        for move, nxt, value, pick in picks:
            new_meters, new_flags = move.apply(meters, flags)
            key = (nxt, new_meters, new_flags, after_visit)
            t = ids.get(key)
            if t is None:
                if len(queue) >= budget:
                    raise OverBudget()
                t = ids[key] = len(queue)
                queue.append(key)
                graph.nodes.append(nxt)
                preds.append((s, pick))
            out.append((t, value - lo if judged else 0, hi - lo if judged else 0, pick))
    return graph, preds


def _offered(node: Node, prepared: list[_Prepared], meters: Meters, flags: Flags
             ) -> tuple[list[tuple[Move, str, int, str]], int, int, bool] | None:
    """What a state offers: each move (move, next node, value, pick), the choices whose guard holds
    then the time-out; the highest and lowest value among them; whether every choice offered
    violates a principle. None when nothing is offered."""
    offered = [(move, nxt, value, bad) for test, reads, move, nxt, value, bad in prepared
               if test is None or test(tuple(meters[i] for i in reads), flags)]
    picks = [(move, nxt, value, str(i + 1)) for i, (move, nxt, value, _) in enumerate(offered)]
    if node.time_limit and node.on_timeout:
        picks.append((STAY, node.on_timeout, 0, "t"))
    if not picks:
        return None
    values = [value for _, _, value, _ in picks]
    return picks, max(values), min(values), bool(offered) and all(bad for _, _, _, bad in offered)


def _prepare(scenario: Scenario, weights: Mapping[str, int]) -> dict[str, list[_Prepared]]:
    """Per node, each choice ready for the walk: its guard compiled, its move, its value."""
    index = meter_index(scenario)
    table = choice_moves(scenario)
    prepared: dict[str, list[_Prepared]] = {}
    for nid, node in scenario.nodes.items():
        prepared[nid] = [
            (compiled(c.when).holds if c.when is not None else None,
             tuple(index[m] for m in compiled(c.when).meters) if c.when is not None else (),
             table[(nid, c.index)], c.next, choice_value(c, weights), bool(c.violates))
            for c in node.choices]
    return prepared


def _on_loops(scenario: Scenario) -> frozenset[str]:
    """Nodes some way through the graph (guards ignored) comes back to: they may be visited twice."""
    succ = {nid: [c.next for c in n.choices] + ([n.on_timeout] if n.on_timeout else [])
            for nid, n in scenario.nodes.items()}
    out: set[str] = set()
    for comp in strongly_connected(scenario.nodes, succ):
        if len(comp) > 1 or comp[0] in succ[comp[0]]:
            out.update(comp)
    return frozenset(out)


def path_to(s: int, preds: list[Way]) -> Play:
    """The picks of the first way found to state s."""
    out: list[str] = []
    step = preds[s]
    while step is not None:
        s, pick = step
        out.append(pick)
        step = preds[s]
    return tuple(reversed(out))
