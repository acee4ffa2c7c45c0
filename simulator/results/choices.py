"""Which choice was taken how often at each node, named from the scenario: the one model of the
group report (counts from the store) and the workshop's room (counts from the plays under way)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.format.model import Scenario
    from simulator.play.record import PlayRecord

TIMED_OUT = ""  # the choice id of a step where time ran out

Counts = Mapping[tuple[str, str], Mapping[str, int]]  # (scenario, node) → chosen id → times


@dataclass(frozen=True)
class ChoiceLine:
    id: str                           # TIMED_OUT ("") when time ran out
    text: str
    count: int
    share: float
    applies: tuple[str, ...] = ()
    violates: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeLine:
    scenario: str
    node: str
    text: str
    total: int
    choices: tuple[ChoiceLine, ...]


def count_steps(records: Iterable[PlayRecord]) -> dict[tuple[str, str], dict[str, int]]:
    """Every step taken in these plays, finished or not, counted per node and choice."""
    at: dict[tuple[str, str], Counter[str]] = {}
    for record in records:
        for step in record.steps:
            at.setdefault((record.scenario, step.node), Counter())[step.chosen or TIMED_OUT] += 1
    return {key: dict(counts) for key, counts in at.items()}


def node_lines(counts: Counts, scenario: Callable[[str], Scenario | None], lang: str,
               timed_out: str) -> tuple[NodeLine, ...]:
    """The counts as lines, in the scenario's order: its nodes, then those it no longer has; at
    each node its choices (those never taken at 0), then in id order the ids it does not have,
    the time-out (written `timed_out`) first. Texts in `lang` where the scenario could be
    loaded, else the ids."""
    lines = [_node_line(sid, nid, dist, scenario(sid), lang, timed_out) for (sid, nid), dist in counts.items()]
    return tuple(sorted(lines, key=lambda n: (n.scenario, _node_place(scenario(n.scenario), n.node))))


def _node_line(sid: str, nid: str, dist: Mapping[str, int], sc: Scenario | None, lang: str,
               timed_out: str) -> NodeLine:
    node = sc.nodes.get(nid) if sc else None
    by_id = {c.id: c for c in node.choices} if node else {}
    order = [*by_id, *sorted(c for c in dist if c not in by_id)]
    total = sum(dist.values())
    choices = []
    for cid in order:
        c = by_id.get(cid)
        text = c.text.get(lang) if c else (timed_out if cid == TIMED_OUT else cid)
        n = dist.get(cid, 0)
        choices.append(ChoiceLine(cid, text, n, n / total if total else 0.0,
                                  tuple(c.applies) if c else (), tuple(c.violates) if c else ()))
    return NodeLine(sid, nid, node.text.get(lang) if node else nid, total, tuple(choices))


def _node_place(sc: Scenario | None, node: str) -> tuple[int, str]:
    if sc is None:
        return (0, node)
    ids = list(sc.nodes)
    return (ids.index(node) if node in ids else len(ids), node)
