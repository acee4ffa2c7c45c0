"""Which states plays can really reach, guards taken into account.

Two analyses, both *sound for warnings*: neither ever claims that something cannot happen when
some play can make it happen. What they cannot decide, they leave unsaid.

- `intervals(scenario)`: an over-approximation of every state a play can be in at each node —
  for each meter an interval [lo, hi], for each flag whether it may be set and whether it may
  be unset — computed as a fixpoint over the graph (meters are bounded 0..100, so it always
  ends). A guard that cannot hold anywhere in a node's box never holds in any play. The box
  forgets how meters and flags relate to each other (it is not relational), so some guards
  that never hold are not caught by it alone.
- `explore(scenario, budget)`: the exact states (node, meters, flags) found by a depth-first
  search. When it finishes within its budget (`complete`), its answers are exact: a choice
  never offered in a reached state is never offered, a node never reached is never reached.
  Cut short, it still gives *witnesses*: a concrete state where a play is stuck proves it.
  `state_bound(boxes)` says beforehand whether a complete search fits a budget.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple
from collections.abc import Callable, Hashable, Iterator, Mapping

from simulator.analysis.paths import components, strongly_connected
from simulator.format.guards import OPS, And, Compare, Flag, Guard, Not, Or, leaves
from simulator.format.model import Node, Scenario
from simulator.lang.messages_check import Joined
from simulator.play.rules import STAY, Move, move_of, moves as choice_moves, start_states

MAX_CASES = 4096  # guard cases tried per satisfiability question; beyond it we assume "may hold"
LINT_BUDGET = 5_000  # states a complete search may expand during `check` (tens of milliseconds at most)
WITNESS_BUDGET = 1_000  # states a search for witnesses (a choice offered, a node reached) may expand


# -- the box: an over-approximation of the states at one node -------------------------------

class Box(NamedTuple):
    """Meters within [lo, hi] (by meter position), flags that may be on and that may be off.
    (A named tuple rather than a frozen dataclass: the fixpoint builds many, and it is faster.)"""

    lo: tuple[int, ...]
    hi: tuple[int, ...]
    maybe_on: frozenset[str]
    maybe_off: frozenset[str]

    def join(self, other: Box) -> Box:
        return Box(tuple(map(min, self.lo, other.lo)), tuple(map(max, self.hi, other.hi)),
                   self.maybe_on | other.maybe_on, self.maybe_off | other.maybe_off)


def start_box(scenario: Scenario) -> Box:
    """The box of the start states (one per variant)."""
    box: Box | None = None
    for meters, on in start_states(scenario):
        b = Box(meters, meters, on, frozenset(scenario.flags) - on)
        box = b if box is None else box.join(b)
    assert box is not None
    return box


Evaluator = Callable[[tuple[int, ...], frozenset[str]], bool]


@dataclass(frozen=True)
class _Compiled:
    """A guard ready to be tried on many cases: the meters it compares (with the values where
    its truth may change), the flags it names, and a function of (meter values, flags on)."""

    meters: tuple[str, ...]
    values: tuple[frozenset[int], ...]
    flags: tuple[str, ...]
    holds: Evaluator


@functools.lru_cache(maxsize=4096)
def compiled(guard: Guard) -> _Compiled:
    meter_values: dict[str, set[int]] = {}
    flag_names: set[str] = set()
    for leaf in leaves(guard):
        if isinstance(leaf, Compare):
            meter_values.setdefault(leaf.meter, set()).update((leaf.value - 1, leaf.value, leaf.value + 1))
        else:
            flag_names.add(leaf.name)
    meters = tuple(sorted(meter_values))
    pos = {m: i for i, m in enumerate(meters)}

    def build(g: Guard) -> Evaluator:
        if isinstance(g, Compare):
            op, i, v = OPS[g.op], pos[g.meter], g.value
            return lambda mv, on: op(mv[i], v)
        if isinstance(g, Flag):
            name = g.name
            return lambda mv, on: name in on
        if isinstance(g, Not):
            inner = build(g.operand)
            return lambda mv, on: not inner(mv, on)
        left, right = build(g.left), build(g.right)
        if isinstance(g, And):
            return lambda mv, on: left(mv, on) and right(mv, on)
        return lambda mv, on: left(mv, on) or right(mv, on)

    return _Compiled(meters, tuple(frozenset(meter_values[m]) for m in meters), tuple(sorted(flag_names)),
                     build(guard))


def restrict(box: Box, guard: Guard, index: Mapping[str, int]) -> Box | None:
    """The part of the box where the guard holds (its hull), or None when it holds nowhere.

    A comparison `m OP v` only changes truth at v-1, v, v+1; with the box's own ends these
    values hit every region where the guard's truth is constant, including both ends of each
    region, so trying them (and each possible value of each flag named) decides satisfiability
    exactly and gives the exact hull of the satisfying values. Beyond MAX_CASES cases the guard
    is assumed to hold (nothing is refined): still sound, only less precise."""
    g = compiled(guard)
    axes = []
    for m, values in zip(g.meters, g.values):
        lo, hi = box.lo[index[m]], box.hi[index[m]]
        axes.append(sorted({lo, hi} | {v for v in values if lo <= v <= hi}))
    flag_cases = [frozenset(f for f, on in zip(g.flags, combo) if on)
                  for combo in itertools.product(*([v for v, ok in ((True, f in box.maybe_on),
                                                                    (False, f in box.maybe_off)) if ok]
                                                   for f in g.flags))]
    total = len(flag_cases)
    for axis in axes:
        total *= len(axis)
    if total > MAX_CASES:
        return box
    holds = g.holds
    seen_lo: list[int] | None = None
    seen_hi: list[int] = []
    on_seen: set[str] = set()
    off_seen: set[str] = set()
    for mv in itertools.product(*axes):
        for on in flag_cases:
            if not holds(mv, on):
                continue
            if seen_lo is None:
                seen_lo, seen_hi = list(mv), list(mv)
            else:
                for i, v in enumerate(mv):
                    if v < seen_lo[i]:
                        seen_lo[i] = v
                    elif v > seen_hi[i]:
                        seen_hi[i] = v
            on_seen |= on
            off_seen.update(f for f in g.flags if f not in on)
    if seen_lo is None:
        return None
    lo, hi = list(box.lo), list(box.hi)
    for m, a, b in zip(g.meters, seen_lo, seen_hi):
        lo[index[m]], hi[index[m]] = a, b
    named = frozenset(g.flags)
    return Box(tuple(lo), tuple(hi), (box.maybe_on - named) | on_seen, (box.maybe_off - named) | off_seen)


def may_hold(box: Box, guard: Guard, index: Mapping[str, int]) -> bool:
    return restrict(box, guard, index) is not None


def _after(box: Box, move: Move) -> Box:
    """The box after a move: the engine's rule applied to both ends of each meter's interval (a
    clamp keeps their order), to the flags that may be on, and mirrored to those that may be off."""
    return Box(move.meters(box.lo), move.meters(box.hi), move.flags(box.maybe_on),
               move.reversed_flags().flags(box.maybe_off))


def meter_index(scenario: Scenario) -> dict[str, int]:
    return {m: i for i, m in enumerate(scenario.meters)}


def intervals(scenario: Scenario) -> dict[str, Box]:
    """For each node some play may reach (as far as boxes tell), the box of its states; computed
    once and kept on the scenario (the guard warnings and the score search both ask)."""
    cached = scenario.__dict__.get("_boxes")
    if cached is None:
        cached = scenario.__dict__["_boxes"] = _intervals(scenario)
    return cached


def _intervals(scenario: Scenario) -> dict[str, Box]:
    index = meter_index(scenario)
    boxes: dict[str, Box] = {scenario.start: start_box(scenario)}
    # nodes are taken in topological order of their loops, so that an acyclic scenario is
    # done in one pass and a loop is iterated only on itself
    rank = {n: i for i, comp in enumerate(reversed(components(scenario))) for n in comp}
    work = [(rank[scenario.start], scenario.start)]
    queued = {scenario.start}
    nodes = scenario.nodes
    table = choice_moves(scenario)

    def reach(nid: str, box: Box) -> None:
        old = boxes.get(nid)
        new = box if old is None else old.join(box)
        if new != old:
            boxes[nid] = new
            if nid not in queued:
                queued.add(nid)
                heapq.heappush(work, (rank[nid], nid))

    while work:  # terminates: boxes only grow, within 0..100 and the finite set of flags
        _, nid = heapq.heappop(work)
        queued.discard(nid)
        box = boxes[nid]
        node = nodes[nid]
        for c in node.choices:
            b = box if c.when is None else restrict(box, c.when, index)
            if b is not None:
                reach(c.next, _after(b, table[(nid, c.index)]))
        if node.on_timeout:
            reach(node.on_timeout, box)
    return boxes


def state_bound(boxes: Mapping[str, Box]) -> int:
    """How many play states the boxes allow at most: a bound on what a complete search expands."""
    total = 0
    for box in boxes.values():
        n = 1
        for lo, hi in zip(box.lo, box.hi):
            n *= hi - lo + 1
        for _ in box.maybe_on & box.maybe_off:
            n *= 2
        total += n
    return total


def may_be_stuck(node: Node, box: Box, index: Mapping[str, int]) -> bool:
    """Whether, as far as the box tells, a play may find no choice offered at this node."""
    if node.is_ending or node.on_timeout or any(c.when is None for c in node.choices):
        return False
    guards = [c.when for c in node.choices if c.when is not None]
    any_of: Guard = guards[0]
    for g in guards[1:]:
        any_of = Or(any_of, g)
    return may_hold(box, Not(any_of), index)


def describe_box(box: Box, guard: Guard, scenario: Scenario) -> Joined:
    """What the box says about the meters and flags a guard names, in words (messages of
    simulator.lang.messages_check, joined)."""
    from simulator.lang.messages_check import Joined, Q, msg
    index = meter_index(scenario)
    parts: list[str] = []
    seen: set[str] = set()
    for leaf in leaves(guard):
        if isinstance(leaf, Compare):
            if leaf.meter in seen:
                continue
            seen.add(leaf.meter)
            lo, hi = box.lo[index[leaf.meter]], box.hi[index[leaf.meter]]
            parts.append(msg("reach.always", meter=leaf.meter, value=lo) if lo == hi
                         else msg("reach.between", meter=leaf.meter, lo=lo, hi=hi))
        elif leaf.name not in seen:
            seen.add(leaf.name)
            if leaf.name not in box.maybe_on:
                parts.append(msg("reach.flag_never", flag=Q(leaf.name)))
            elif leaf.name not in box.maybe_off:
                parts.append(msg("reach.flag_always", flag=Q(leaf.name)))
    return Joined(parts, "; ")


# -- the exact search -------------------------------------------------------------------------

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


_Move = tuple[int | None, "Callable[[tuple[int, ...], frozenset[str]], bool] | None", tuple[int, ...], Move, str]


def _moves(scenario: Scenario) -> dict[str, list[_Move]]:
    """Per node, each move ready for the search: (choice index or None for a timeout, guard test
    on the meters it reads, meter positions the guard reads, the choice's move, next node)."""
    index = meter_index(scenario)
    ids = tuple(scenario.meters)
    out: dict[str, list[_Move]] = {}
    for nid, node in scenario.nodes.items():
        moves: list[_Move] = []
        for c in node.choices:
            test = reads = None
            if c.when is not None:
                g = compiled(c.when)
                test, reads = g.holds, tuple(index[m] for m in g.meters)
            moves.append((c.index, test, reads or (), move_of(c, ids), c.next))
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
    preds: dict[State, list[State]] = {s: [] for s in edges}
    for s, nexts in edges.items():
        for n in nexts:
            preds[n].append(s)
    # states from which an ending can be reached
    can_end = {s for s in edges if scenario.nodes[s[0]].is_ending}
    work = list(can_end)
    while work:
        for p in preds[work.pop()]:
            if p not in can_end:
                can_end.add(p)
                work.append(p)
    # closed loops: strongly connected groups of doomed states with no way out, other than dead ends
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
    # shortest play: breadth first from the start, to the first ending state
    shortest = None
    depth = {start: 0 for start in starts}
    queue = deque(starts)
    while queue:
        s = queue.popleft()
        if scenario.nodes[s[0]].is_ending:
            shortest = depth[s]
            break
        for n in edges[s]:
            if n not in depth:
                depth[n] = depth[s] + 1
                queue.append(n)
    # longest play: over states that can end; a cycle among them means no bound
    live_succ: dict[Hashable, list[Hashable]] = {s: [n for n in edges[s] if n in can_end] for s in can_end}
    unbounded = False
    longest_from: dict[Hashable, int] = {}
    for comp in strongly_connected(list(live_succ), live_succ):  # reverse topological order
        if len(comp) > 1 or comp[0] in live_succ[comp[0]]:
            unbounded = True
            break
        s = comp[0]
        longest_from[s] = max((1 + longest_from[n] for n in live_succ[s]), default=0)
    longest = (None if unbounded or any(start not in can_end for start in starts)
               else max(longest_from[start] for start in starts))
    return Exploration(found.complete, found.states, found.reached, found.offered, found.endings,
                       found.dead_ends, tuple(loops), shortest, longest, unbounded)


def describe_state(state: State, scenario: Scenario, *, flags_always: bool = True) -> Joined | str:
    """'trust=20, patience=50; flags: listened' — a state in words, for messages (a message of
    simulator.lang.messages_check). `flags_always=False` leaves out "flags: …" in a scenario without
    flags (as scoring.ranges says a state)."""
    from simulator.lang.messages_check import Joined, msg
    _, meters, flags = state
    parts: list = [", ".join(f"{m}={v}" for m, v in zip(scenario.meters, meters))] if meters else []
    if flags_always or scenario.flags:
        parts.append(msg("reach.flags", flags=", ".join(sorted(flags))) if flags
                     else (msg("reach.no_flag") if scenario.flags else ""))
    parts = [p for p in parts if p]
    return Joined(parts, "; ") if parts else msg("reach.at_start")
