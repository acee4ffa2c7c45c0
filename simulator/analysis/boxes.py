"""The interval analysis: an over-approximation of every state a play can be in at each node.

`intervals(scenario)` gives, for each node, a box — for each meter an interval [lo, hi], for
each flag whether it may be set and whether it may be unset — computed as a fixpoint over the
graph (meters are bounded 0..100, so it always ends). It is *sound for warnings*: a guard that
cannot hold anywhere in a node's box never holds in any play. The box forgets how meters and
flags relate to each other (it is not relational), so some guards that never hold are not
caught by it alone (the exact search, simulator.analysis.reachability, may catch them).
`state_bound(boxes)` says beforehand whether a complete search fits a budget.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Mapping
from typing import NamedTuple

from simulator.analysis.guard_eval import CompiledGuard, compiled, meter_index
from simulator.analysis.paths import components
from simulator.format.guards import Compare, Guard, Not, Or, leaves
from simulator.format.model import Node, Scenario
from simulator.lang.messages_check import Joined, Q, msg
from simulator.play.rules import Move, start_states
from simulator.play.rules import moves as choice_moves

MAX_CASES = 4096  # guard cases tried per satisfiability question; beyond it we assume "may hold"


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


def restrict(box: Box, guard: Guard, index: Mapping[str, int]) -> Box | None:
    """The part of the box where the guard holds (its hull), or None when it holds nowhere.

    A comparison `m OP v` only changes truth at v-1, v, v+1; with the box's own ends these
    values hit every region where the guard's truth is constant, including both ends of each
    region, so trying them (and each possible value of each flag named) decides satisfiability
    exactly and gives the exact hull of the satisfying values. Beyond MAX_CASES cases the guard
    is assumed to hold (nothing is refined): still sound, only less precise."""
    g = compiled(guard)
    cases = _cases(box, g, index)
    if cases is None:
        return box
    hull = _hull(g, *cases)
    if hull is None:
        return None
    seen_lo, seen_hi, on_seen, off_seen = hull
    new_lo, new_hi = list(box.lo), list(box.hi)
    for m, a, b in zip(g.meters, seen_lo, seen_hi):
        new_lo[index[m]], new_hi[index[m]] = a, b
    named = frozenset(g.flags)
    return Box(tuple(new_lo), tuple(new_hi), (box.maybe_on - named) | on_seen, (box.maybe_off - named) | off_seen)


def _cases(box: Box, g: CompiledGuard, index: Mapping[str, int]
           ) -> tuple[list[list[int]], list[frozenset[str]]] | None:
    """The values to try for each meter the guard compares (within the box) and the sets of its
    flags that may be on; None when they make more than MAX_CASES cases."""
    axes: list[list[int]] = []
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
    return (axes, flag_cases) if total <= MAX_CASES else None


def _hull(g: CompiledGuard, axes: list[list[int]], flag_cases: list[frozenset[str]]
          ) -> tuple[list[int], list[int], set[str], set[str]] | None:
    """Over the cases where the guard holds: the lowest and highest value of each meter it
    compares, the flags seen on and seen off; None when it holds in none."""
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
    return None if seen_lo is None else (seen_lo, seen_hi, on_seen, off_seen)


def may_hold(box: Box, guard: Guard, index: Mapping[str, int]) -> bool:
    return restrict(box, guard, index) is not None


def _after(box: Box, move: Move) -> Box:
    """The box after a move: the engine's rule applied to both ends of each meter's interval (a
    clamp keeps their order), to the flags that may be on, and mirrored to those that may be off."""
    return Box(move.meters(box.lo), move.meters(box.hi), move.flags(box.maybe_on),
               move.reversed_flags().flags(box.maybe_off))


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
