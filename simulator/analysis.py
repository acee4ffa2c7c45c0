"""Facts about a scenario as a graph, and the search for the best score any play can reach.

The best-score search walks the scenario's states (node, meters, flags, principles applied and
violated so far) depth first, with branch and bound: from any node, a play can gain at most the
weights of the principles applicable somewhere downstream (precomputed per strongly connected
component, so linear in the graph). The search stops as soon as it finds a play reaching the
global bound, and gives up after `budget` expanded states, reporting a stated upper bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from simulator.engine import clamp
from simulator.model import Scenario
from simulator import collector

OUTCOME_RANK = {"lost": 0, "kept": 1, "won": 2}
TOP_RANK = 2
# States the best-score search may expand before it settles for an upper bound. Measured on a
# generated 300-node scenario with loops, which exhausts it: 0.5 s on a quiet 2-core machine,
# about 1 s when the machine is busy (50,000 took 1.4-2.6 s, and up to 6 s under load). Every
# hand-written scenario shipped needs fewer than 20 states.
DEFAULT_BUDGET = 20_000


def successors(scenario: Scenario, node_id: str) -> list[str]:
    node = scenario.nodes[node_id]
    out = [c.next for c in node.choices]
    if node.on_timeout:
        out.append(node.on_timeout)
    return out


def reachable(scenario: Scenario) -> set[str]:
    """Nodes some path from `start` reaches, ignoring guards."""
    seen = {scenario.start}
    stack = [scenario.start]
    while stack:
        for nxt in successors(scenario, stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def can_end(scenario: Scenario) -> set[str]:
    """Nodes from which some path (ignoring guards) reaches an ending."""
    preds: dict[str, list[str]] = {n: [] for n in scenario.nodes}
    for n in scenario.nodes:
        for nxt in successors(scenario, n):
            preds[nxt].append(n)
    good = {n for n, node in scenario.nodes.items() if node.is_ending}
    stack = list(good)
    while stack:
        for p in preds[stack.pop()]:
            if p not in good:
                good.add(p)
                stack.append(p)
    return good


def shortest_steps(scenario: Scenario) -> int | None:
    """Decisions in the shortest way from `start` to an ending, ignoring guards (so a lower
    bound on the shortest play); None when no ending can be reached."""
    depth = {scenario.start: 0}
    queue = [scenario.start]
    for nid in queue:  # breadth first: the list grows while we walk it
        if scenario.nodes[nid].is_ending:
            return depth[nid]
        for nxt in successors(scenario, nid):
            if nxt not in depth:
                depth[nxt] = depth[nid] + 1
                queue.append(nxt)
    return None


def components(scenario: Scenario) -> list[list[str]]:
    """The scenario's strongly connected groups of nodes, sinks first; kept on the scenario."""
    cached = scenario.__dict__.get("_components")
    if cached is None:
        succ = {n: successors(scenario, n) for n in scenario.nodes}
        cached = scenario.__dict__["_components"] = strongly_connected(scenario.nodes, succ)
    return cached


def has_cycle(scenario: Scenario) -> bool:
    """Whether some way through the nodes (ignoring guards) comes back to a node already visited."""
    return any(len(comp) > 1 or comp[0] in successors(scenario, comp[0]) for comp in components(scenario))


def strongly_connected(nodes: Iterable[str], succ: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components come out in reverse topological order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            children = succ[v]
            if i < len(children):
                work.append((v, i + 1))
                w = children[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def downstream_principles(scenario: Scenario) -> dict[str, frozenset[str]]:
    """For each node, the principles some choice at or after it applies."""
    succ = {n: successors(scenario, n) for n in scenario.nodes}
    result: dict[str, frozenset[str]] = {}
    for comp in strongly_connected(scenario.nodes, succ):
        members = set(comp)
        acc: set[str] = set()
        for n in comp:
            for c in scenario.nodes[n].choices:
                acc.update(c.applies)
            for nxt in succ[n]:
                if nxt not in members:
                    acc |= result[nxt]
        frozen = frozenset(acc)
        for n in comp:
            result[n] = frozen
    return result


@dataclass(frozen=True)
class BestScore:
    """The best raw score any play can reach; `exact` is False when it is only an upper bound.

    `not_lost` is the best raw score of a play whose ending is not `lost` (None if none is
    found), the score the best *passing* play can reach.
    """

    raw: int
    exact: bool
    path: tuple[str, ...] = ()  # choice ids ('t' for a timeout) of one best play, when exact
    not_lost: int | None = None
    states: int = 0


def best_score(scenario: Scenario, weights: Mapping[str, int], budget: int = DEFAULT_BUDGET) -> BestScore:
    """Search the scenario's states for the highest raw score of a play that reaches an ending."""
    with collector.paused():  # the search builds acyclic tuples only: see simulator.collector
        return _best_score(scenario, weights, budget)


def _best_score(scenario: Scenario, weights: Mapping[str, int], budget: int) -> BestScore:
    # Sets of principles are bit masks (one bit per principle): unions, hashing and comparing
    # states are then integer operations, several times cheaper than on frozensets.
    bit: dict[str, int] = {}
    for n in scenario.nodes.values():
        for c in n.choices:
            for p in (*c.applies, *c.violates):
                bit.setdefault(p, 1 << len(bit))
    weight_of_bit = [(b, weights.get(p, 1)) for p, b in bit.items()]

    def mask(ps: Iterable[str]) -> int:
        out = 0
        for p in ps:
            out |= bit[p]
        return out

    sums: dict[int, int] = {0: 0}

    def w(m: int) -> int:  # the weight of a set of principles, remembered per set
        total = sums.get(m)
        if total is None:
            total = sums[m] = sum(wt for b, wt in weight_of_bit if m & b)
        return total

    moves = {nid: [(c, mask(c.applies), mask(c.violates), frozenset(c.set), frozenset(c.unset))
                   for c in n.choices] for nid, n in scenario.nodes.items()}
    down = {nid: mask(ps) for nid, ps in downstream_principles(scenario).items()}
    ending_ok = can_end(scenario)
    nodes = scenario.nodes
    meter_ids = tuple(scenario.meters)
    start_meters = tuple(scenario.meters[m].start for m in meter_ids)
    global_bound = w(down.get(scenario.start, 0))

    best: int | None = None  # best raw of any finished play
    best_ok: int | None = None  # best raw of a play not ending `lost`
    best_path: _Trail = None
    best_rank = -1  # of best's ending: among plays that tie on score, the path shown ends best
    frontier_bound: int | None = None  # highest bound among states left unexplored for lack of budget
    seen: set = set()
    expanded = 0
    no_flags: frozenset[str] = frozenset()
    # A play's path is kept as a linked trail (choice, previous trail): extending a tuple at
    # every state would copy the whole path each time and make deep scenarios quadratic.
    stack: list[tuple] = [(scenario.start, start_meters, no_flags, 0, 0, None)]
    while stack:
        node_id, meters, flags, applied, violated, path = stack.pop()
        key = (node_id, meters, flags, applied, violated)
        if key in seen:
            continue
        node = nodes[node_id]
        raw_now = w(applied) - w(violated)
        if node.ending is not None:
            rank = OUTCOME_RANK.get(node.ending.outcome, 0)
            if best is None or raw_now > best or (raw_now == best and rank > best_rank):
                best, best_path, best_rank = raw_now, path, rank
            if node.ending.outcome != "lost" and (best_ok is None or raw_now > best_ok):
                best_ok = raw_now
            if best_ok is not None and best_ok >= global_bound and best_rank == TOP_RANK:
                break
            continue
        if node_id not in ending_ok:
            continue
        bound = raw_now + w(down[node_id] & ~applied)
        if best is not None and best_ok is not None and (
                bound < min(best, best_ok) or (bound == min(best, best_ok) and best_rank == TOP_RANK)):
            continue
        if expanded >= budget:
            frontier_bound = bound if frontier_bound is None else max(frontier_bound, bound)
            continue
        seen.add(key)
        expanded += 1
        meter_map = dict(zip(meter_ids, meters))
        children = []
        for c, app, vio, on, off in moves[node_id]:
            if c.when is not None and not c.when.evaluate(meter_map, flags):
                continue
            new_meters = meters
            if c.effects:
                new_meters = tuple(clamp(meter_map[m] + c.effects.get(m, 0)) for m in meter_ids)
            new_flags = (flags - off) | on if (on or off) else flags
            new_applied, new_violated = applied | app, violated | vio
            gain = w(new_applied) - w(applied) - (w(new_violated) - w(violated))
            children.append((gain, (c.next, new_meters, new_flags, new_applied, new_violated, (c.id, path))))
        if node.on_timeout:
            children.append((-1, (node.on_timeout, meters, flags, applied, violated, ("t", path))))
        children.sort(key=lambda item: item[0])  # most promising popped first
        stack.extend(child for _, child in children)
    if frontier_bound is not None and (best is None or frontier_bound > best):
        return BestScore(frontier_bound, False, (), best_ok, expanded)
    if best is None:
        return BestScore(global_bound, False, (), None, expanded)
    return BestScore(best, True, _unroll(best_path), best_ok, expanded)


_Trail = tuple[str, "_Trail"] | None


def _unroll(trail: _Trail) -> tuple[str, ...]:
    out: list[str] = []
    while trail is not None:
        out.append(trail[0])
        trail = trail[1]
    return tuple(reversed(out))
