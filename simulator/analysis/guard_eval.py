"""Guards compiled to plain functions of (meter values, flags on), and meters by position: what
the analyses (simulator.analysis.boxes, simulator.analysis.reachability, scoring.ranges) try on many cases."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from simulator.format.guards import OPS, And, Compare, Flag, Guard, Not, leaves
from simulator.format.model import Scenario

Evaluator = Callable[[tuple[int, ...], frozenset[str]], bool]


@dataclass(frozen=True)
class CompiledGuard:
    """A guard ready to be tried on many cases: the meters it compares (with the values where
    its truth may change), the flags it names, and a function of (meter values, flags on)."""

    meters: tuple[str, ...]
    values: tuple[frozenset[int], ...]
    flags: tuple[str, ...]
    holds: Evaluator


@functools.lru_cache(maxsize=4096)
def compiled(guard: Guard) -> CompiledGuard:
    """The guard compiled once (kept: the analyses ask about the same guards many times)."""
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

    return CompiledGuard(meters, tuple(frozenset(meter_values[m]) for m in meters), tuple(sorted(flag_names)),
                     build(guard))


def meter_index(scenario: Scenario) -> dict[str, int]:
    """Each meter's position in the meter values a state holds (the scenario's order)."""
    return {m: i for i, m in enumerate(scenario.meters)}
