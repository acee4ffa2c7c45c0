"""Which states plays can really reach, guards taken into account: the exact search.

`explore(scenario, budget)` finds the exact states (node, meters, flags) by a depth-first
search. Like the interval analysis (simulator.analysis.boxes) it is *sound for warnings*: it
never claims that something cannot happen when some play can make it happen. When it finishes
within its budget (`complete`), its answers are exact: a choice never offered in a reached state
is never offered, a node never reached is never reached. Cut short, it still gives *witnesses*:
a concrete state where a play is stuck proves it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from simulator.analysis.guard_eval import Evaluator, compiled, meter_index
from simulator.analysis.paths import reaching, strongly_connected
from simulator.format.model import Scenario
from simulator.lang.messages_check import Joined, msg
from simulator.play.rules import STAY, Move, move_of, start_states

LINT_BUDGET = 5_000  # states a complete search may expand during `check` (tens of milliseconds at most)
WITNESS_BUDGET = 1_000  # states a search for witnesses (a choice offered, a node reached) may expand


State = tuple[str, tuple[int, ...], frozenset[str]]


@dataclass(frozen=True)
class Exploration:
    """What a search of the play states found; when `complete`, every reachable state was
    expanded and the answers are exact."""

    complete: bool
    states: int
    reached: frozenset[str]
    offered: frozenset[tuple[str, int]]  # (node id, choice index) offered in some reached state
    endings: frozenset[str]
    dead_ends: Mapping[str, State] = field(default_factory=dict)  # node → a state where nothing is offered
    loops: tuple[tuple[str, ...], ...] = ()  # nodes of closed loops no play can leave (complete only)
    shortest: int | None = None  # decisions of the shortest play (complete only)
    longest: int | None = None  # decisions of the longest play; None if unbounded or unknown
    unbounded: bool = False  # some play can go on for ever and still end (complete only)


_Move = tuple[int | None, Evaluator | None, tuple[int, ...], Move, str]


def _moves(scenario: Scenario) -> dict[str, list[_Move]]:
    """Per node, each move ready for the search: (choice index or None for a timeout, guard test
    on the meters it reads, meter positions the guard reads, the choice's move, next node)."""
    index = meter_index(scenario)
    ids = tuple(scenario.meters)
    out: dict[str, list[_Move]] = {}
    for nid, node in scenario.nodes.items():
        moves: list[_Move] = []
        for c in node.choices:
            test: Evaluator | None = None
            reads: tuple[int, ...] = ()
            if c.when is not None:
                g = compiled(c.when)
                test, reads = g.holds, tuple(index[m] for m in g.meters)
            moves.append((c.index, test, reads, move_of(c, ids), c.next))
        if node.on_timeout:
            moves.append((None, None, (), STAY, node.on_timeout))
        out[nid] = moves
    return out


def _successors(moves: list[_Move], state: State) -> Iterator[tuple[int | None, State]]:
    """(choice index or None for a timeout, next state) for each move offered in a state."""
    _, meters, flags = state
    for ci, test, reads, move, nxt in moves:
        if test is not None and not test(tuple(meters[i] for i in reads), flags):
            continue
        new_meters, new_flags = move.apply(meters, flags)
        yield ci, (nxt, new_meters, new_flags)


def explore(scenario: Scenario, budget: int = LINT_BUDGET, *, suspects: frozenset[str] = frozenset(),
            keep_graph: bool = False) -> Exploration:
    """Search the play states depth first, up to `budget` states.

    States at nodes not reached yet and at `suspects` (nodes where a play may be stuck) are
    expanded first, so that a search cut short by its budget has still looked where it matters.
    `keep_graph` keeps the state graph to measure plays (shortest, longest, closed loops)."""
    moves = _moves(scenario)
    starts: list[State] = [(scenario.start, meters, flags) for meters, flags in start_states(scenario)]
    seen: set[State] = set(starts)
    urgent = list(reversed(starts))
    stack: list[State] = []
    reached: set[str] = set()
    offered: set[tuple[str, int]] = set()
    endings: set[str] = set()
    dead_ends: dict[str, State] = {}
    edges: dict[State, list[State]] = {}
    expanded = 0
    while (urgent or stack) and expanded < budget:
        state = urgent.pop() if urgent else stack.pop()
        expanded += 1
        nid = state[0]
        reached.add(nid)
        if scenario.nodes[nid].is_ending:
            endings.add(nid)
            if keep_graph:
                edges[state] = []
            continue
        nexts = []
        for ci, nxt in _successors(moves[nid], state):
            if ci is not None:
                offered.add((nid, ci))
            nexts.append(nxt)
            if nxt not in seen:
                seen.add(nxt)
                (urgent if nxt[0] not in reached or nxt[0] in suspects else stack).append(nxt)
        if not nexts:
            dead_ends.setdefault(nid, state)
        if keep_graph:
            edges[state] = nexts
    complete = not urgent and not stack
    result = Exploration(complete, expanded, frozenset(reached), frozenset(offered), frozenset(endings), dead_ends)
    if complete and keep_graph:
        return _measure(scenario, result, starts, edges)
    return result


def _measure(scenario: Scenario, found: Exploration, starts: list[State],
             edges: dict[State, list[State]]) -> Exploration:
    """Shortest and longest plays, and closed loops, from a complete state graph."""
    can_end = _can_end(scenario, edges)
    longest, unbounded = _longest(starts, edges, can_end)
    return Exploration(found.complete, found.states, found.reached, found.offered, found.endings,
                       found.dead_ends, _closed_loops(edges, can_end), _shortest(scenario, starts, edges),
                       longest, unbounded)


def _can_end(scenario: Scenario, edges: dict[State, list[State]]) -> set[State]:
    """The states from which an ending can be reached."""
    return reaching({s for s in edges if scenario.nodes[s[0]].is_ending}, edges)


def _closed_loops(edges: dict[State, list[State]], can_end: set[State]) -> tuple[tuple[str, ...], ...]:
    """The nodes of each strongly connected group of doomed states with no way out, other than
    dead ends."""
    doomed = [s for s in edges if s not in can_end]
    doomed_succ = {s: [n for n in edges[s] if n not in can_end] for s in doomed}
    loops: list[tuple[str, ...]] = []
    for comp in strongly_connected(doomed, doomed_succ):
        members = set(comp)
        if any(n not in members for s in comp for n in doomed_succ[s]):
            continue  # it leads on to another doomed part: that part is the one to report
        if len(comp) == 1 and comp[0] not in doomed_succ[comp[0]]:
            continue  # a single dead-end state: reported as a dead end
        loop_nodes = tuple(dict.fromkeys(s[0] for s in comp))
        if loop_nodes not in loops:
            loops.append(loop_nodes)
    return tuple(loops)


def _shortest(scenario: Scenario, starts: list[State], edges: dict[State, list[State]]) -> int | None:
    """Decisions of the shortest play: breadth first from the start, to the first ending state."""
    depth = {start: 0 for start in starts}
    queue = deque(starts)
    while queue:
        s = queue.popleft()
        if scenario.nodes[s[0]].is_ending:
            return depth[s]
        for n in edges[s]:
            if n not in depth:
                depth[n] = depth[s] + 1
                queue.append(n)
    return None


def _longest(starts: list[State], edges: dict[State, list[State]], can_end: set[State]) -> tuple[int | None, bool]:
    """Decisions of the longest play, over the states that can end, and whether a cycle among
    them leaves it unbounded (then None)."""
    live_succ = {s: [n for n in edges[s] if n in can_end] for s in can_end}
    longest_from: dict[State, int] = {}
    for comp in strongly_connected(list(live_succ), live_succ):  # reverse topological order
        if len(comp) > 1 or comp[0] in live_succ[comp[0]]:
            return None, True
        s = comp[0]
        longest_from[s] = max((1 + longest_from[n] for n in live_succ[s]), default=0)
    if any(start not in can_end for start in starts):
        return None, False
    return max(longest_from[start] for start in starts), False


def describe_state(state: State, scenario: Scenario, *, flags_always: bool = True) -> Joined | str:
    """'trust=20, patience=50; flags: listened' — a state in words, for messages (a message of
    simulator.lang.messages_check). `flags_always=False` leaves out "flags: …" in a scenario without
    flags (as scoring.ranges says a state)."""
    _, meters, flags = state
    parts: list[Joined | str] = [", ".join(f"{m}={v}" for m, v in zip(scenario.meters, meters))] if meters else []
    if flags_always or scenario.flags:
        parts.append(msg("reach.flags", flags=", ".join(sorted(flags))) if flags
                     else (msg("reach.no_flag") if scenario.flags else ""))
    parts = [p for p in parts if p]
    return Joined(parts, "; ") if parts else msg("reach.at_start")
