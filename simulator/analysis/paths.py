"""Facts about a scenario as a graph, guards ignored: reachability, ways to an ending, loops.

(What plays can really reach, guards included, is `simulator.analysis.boxes` (intervals) and
`simulator.analysis.reachability` (the exact search); the score each ending can be reached with is
`scoring.ranges`.)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from simulator.format.model import Scenario

N = TypeVar("N", bound=Hashable)  # a vertex: a node id, a play state, a state's number


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
    edges = {n: successors(scenario, n) for n in scenario.nodes}
    return reaching({n for n, node in scenario.nodes.items() if node.is_ending}, edges)


def reaching(targets: set[N], edges: Mapping[N, Iterable[N]]) -> set[N]:
    """The vertices from which some way along `edges` (vertex → the vertices it leads to) reaches
    one of `targets`, the targets included."""
    preds: dict[N, list[N]] = {v: [] for v in edges}
    for v, nexts in edges.items():
        for n in nexts:
            preds.setdefault(n, []).append(v)
    found = set(targets)
    stack = list(found)
    while stack:
        for p in preds.get(stack.pop(), ()):
            if p not in found:
                found.add(p)
                stack.append(p)
    return found


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


def strongly_connected(nodes: Iterable[N], succ: Mapping[N, Sequence[N]]) -> list[list[N]]:
    """Tarjan's algorithm, iterative; components come out in reverse topological order."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    out: list[list[N]] = []
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
                out.append(_pop_component(v, stack, on_stack))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out


def _pop_component(root: N, stack: list[N], on_stack: set[N]) -> list[N]:
    """The component whose root is `root`: the stack's vertices down to it, taken off the stack."""
    comp: list[N] = []
    while True:
        w = stack.pop()
        on_stack.discard(w)
        comp.append(w)
        if w == root:
            return comp
