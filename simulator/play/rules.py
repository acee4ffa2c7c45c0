"""What a choice does to a play's state: the one copy of the rule.

A play's state, besides the node it stands at, is its meters (by the scenario's meter order, each
0..100) and the flags that are on. A choice adds its `effects` to the meters, each clamped to
0..100 after the addition, then turns its `unset` flags off and its `set` flags on. The engine,
the exact state searches of `check` and the interval analysis all move states with `Move.apply`,
so they cannot disagree about what a play can reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.format.model import Choice, Scenario

Meters = tuple[int, ...]
Flags = frozenset[str]
NO_FLAGS: Flags = frozenset()


def clamp(value: int) -> int:
    """A meter's value kept within 0..100."""
    return 0 if value < 0 else 100 if value > 100 else value


@dataclass(frozen=True)
class Move:
    """A choice's effects, ready to apply to states: meter deltas by meter position (None when it
    moves no meter), flags it turns on and flags it turns off."""

    deltas: tuple[int, ...] | None
    on: Flags
    off: Flags

    def meters(self, meters: Meters) -> Meters:
        if self.deltas is None:
            return meters
        return tuple(clamp(v + d) for v, d in zip(meters, self.deltas))

    def flags(self, flags: Flags) -> Flags:
        return (flags - self.off) | self.on if (self.on or self.off) else flags

    def apply(self, meters: Meters, flags: Flags) -> tuple[Meters, Flags]:
        return self.meters(meters), self.flags(flags)

    def reversed_flags(self) -> Move:
        """The same move with `set` and `unset` exchanged: what it does to the flags that may be *off*."""
        return Move(self.deltas, self.off, self.on)


STAY = Move(None, NO_FLAGS, NO_FLAGS)  # a timeout: nothing changes but the node


def start_states(scenario: Scenario) -> list[tuple[Meters, Flags]]:
    """The states a play can start in: one per variant (its meters and flags), or the meters'
    own start values with no flag on."""
    ids = tuple(scenario.meters)
    variants = scenario.variants or (None,)
    out: list[tuple[Meters, Flags]] = []
    for v in variants:
        meters = scenario.start_meters(v)
        out.append((tuple(meters[m] for m in ids), scenario.start_flags(v)))
    return out


def move_of(choice: Choice, meter_ids: Sequence[str]) -> Move:
    deltas = tuple(choice.effects.get(m, 0) for m in meter_ids) if choice.effects else None
    return Move(deltas, frozenset(choice.set), frozenset(choice.unset))


def moves(scenario: Scenario) -> dict[tuple[str, int], Move]:
    """Every choice's move, by (node id, choice index); computed once and kept on the scenario."""
    cached = scenario.__dict__.get("_moves")
    if cached is None:
        ids = tuple(scenario.meters)
        cached = scenario.__dict__["_moves"] = {
            (nid, c.index): move_of(c, ids) for nid, n in scenario.nodes.items() for c in n.choices}
    return cached
