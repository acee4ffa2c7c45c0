"""A scenario at a glance, for its author: size, endings, score range, principles, play lengths.

Shown by `litige check` after each valid file, and in `check --json`. Everything is computed
from the scenario alone: the best and worst scores by the same state search as the scorer's
best score (the worst is the best of the scenario with `applies` and `violates` swapped), play
lengths and the principles a play can meet by the exact search of play states (`reach.explore`).
When a search does not finish within its budget, the figure says so (`exact: false`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from scoring.catalogue import Catalogue
from scoring.scorer import best_for, scale, weights_for
from simulator.analysis import best_score, reachable, shortest_steps
from simulator.model import OUTCOMES, Scenario
from simulator.reach import explore

SUMMARY_BUDGET = 50_000  # states for the play-length search


@dataclass(frozen=True)
class Summary:
    scenario: str
    nodes: int
    choice_nodes: int
    endings: dict[str, tuple[str, ...]]  # outcome → ending node ids
    best_raw: int
    best_exact: bool
    best_not_lost_scaled: float | None  # the best a play that does not end 'lost' can score
    worst_raw: int
    worst_scaled: float
    worst_exact: bool
    best_play: str | None  # 1-based picks for `litige play --choices`
    applies: tuple[str, ...]  # principles some play can apply
    violates: tuple[str, ...]  # principles some play can violate
    shortest: int | None  # decisions
    longest: int | None  # decisions; None when unbounded (loops) or unknown
    unbounded: bool
    plays_exact: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "choice_nodes": self.choice_nodes,
            "endings": {k: list(v) for k, v in self.endings.items()},
            "score": {
                "best_raw": self.best_raw, "best_exact": self.best_exact, "best_scaled": 100.0 if self.best_raw > 0 else 0.0,
                "best_not_lost_scaled": self.best_not_lost_scaled,
                "worst_raw": self.worst_raw, "worst_scaled": self.worst_scaled, "worst_exact": self.worst_exact,
                "best_play": self.best_play,
            },
            "principles": {"applies": list(self.applies), "violates": list(self.violates)},
            "plays": {"shortest": self.shortest, "longest": self.longest, "unbounded": self.unbounded,
                      "exact": self.plays_exact},
        }

    def lines(self) -> list[str]:
        """The summary as a few indented lines of text."""
        ends = ", ".join(f"{len(self.endings[o])} {o}" for o in OUTCOMES if self.endings.get(o))
        best = f"best 100 (raw {self.best_raw}{'' if self.best_exact else ', upper bound'})" if self.best_raw > 0 \
            else f"best raw {self.best_raw}"
        if self.best_not_lost_scaled is not None:
            not_lost = f"best not lost {self.best_not_lost_scaled:g}" + ("" if self.best_exact else " or more")
        elif self.best_exact:
            not_lost = "no play avoids 'lost'"
        else:  # the search stopped at its budget before it found one: nothing is known
            not_lost = "the search stopped at its budget; could not confirm a passing play"
        worst = f"worst {self.worst_scaled:g} (raw {self.worst_raw}{'' if self.worst_exact else ', bound'})"
        if self.unbounded:
            longest = "no limit (a loop can go on)"
        elif self.longest is None:
            longest = "unknown"
        else:
            longest = _decisions(self.longest)
        shortest = _decisions(self.shortest) if self.shortest is not None else "unknown"
        plays = (f"shortest {shortest}, longest {longest}"
                 + ("" if self.plays_exact else " (search incomplete: the shortest ignores guards)"))
        out = [f"  nodes {self.nodes} ({self.choice_nodes} with choices), endings {ends or 'none'}",
               f"  score {best}, {not_lost}, {worst}"]
        if self.best_play:
            out.append(f"  best play: --choices {self.best_play}")
        out.append(f"  plays {plays}")
        out.append(f"  principles applied {len(self.applies)}: {', '.join(self.applies) or '-'}")
        if self.violates:
            out.append(f"  principles violated {len(self.violates)}: {', '.join(self.violates)}")
        return out


def _decisions(n: int) -> str:
    return f"{n} decision{'' if n == 1 else 's'}"


def mirrored(scenario: Scenario) -> Scenario:
    """The same scenario with every choice's applies and violates swapped: its best play is the
    original's worst."""
    nodes = {nid: replace(n, choices=tuple(replace(c, applies=c.violates, violates=c.applies) for c in n.choices))
             for nid, n in scenario.nodes.items()}
    return replace(scenario, nodes=nodes, doc=None)


def picks_for(scenario: Scenario, path: tuple[str, ...]) -> str | None:
    """Choice ids of a play (and 't' for timeouts) as the 1-based picks `play --choices` takes."""
    from simulator.engine import Play, PlayError
    play = Play(scenario, clock=lambda: 0.0)
    picks: list[str] = []
    try:
        for cid in path:
            if cid == "t":
                play.timeout(seconds=0)
                picks.append("t")
                continue
            offered = play.offered()
            i = next(i for i, c in enumerate(offered) if c.id == cid)
            play.choose(i)
            picks.append(str(i + 1))
    except (PlayError, StopIteration):
        return None
    return ",".join(picks) if play.finished else None


def summarize(scenario: Scenario, catalogue: Catalogue) -> Summary:
    weights = weights_for(scenario, catalogue)
    best = best_for(scenario, catalogue)
    worst = best_score(mirrored(scenario), weights)
    endings: dict[str, list[str]] = {}
    for nid, n in scenario.nodes.items():
        if n.ending is not None:
            endings.setdefault(n.ending.outcome, []).append(nid)
    found = explore(scenario, SUMMARY_BUDGET, keep_graph=True)
    if found.complete:
        met = found.offered
    else:  # every choice of a node the graph reaches: an over-approximation
        seen = reachable(scenario)
        met = frozenset((nid, c.index) for nid in seen for c in scenario.nodes[nid].choices)
    applies: dict[str, None] = {}
    violates: dict[str, None] = {}
    for nid, ci in sorted(met, key=lambda k: (list(scenario.nodes).index(k[0]), k[1])):
        c = scenario.nodes[nid].choices[ci]
        applies.update(dict.fromkeys(c.applies))
        violates.update(dict.fromkeys(c.violates))
    return Summary(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        choice_nodes=sum(1 for n in scenario.nodes.values() if n.choices),
        endings={o: tuple(endings[o]) for o in OUTCOMES if o in endings},
        best_raw=best.raw, best_exact=best.exact,
        best_not_lost_scaled=scale(best.not_lost, best.raw) if best.not_lost is not None else None,
        worst_raw=-worst.raw, worst_scaled=scale(-worst.raw, best.raw), worst_exact=worst.exact,
        best_play=picks_for(scenario, best.path) if best.exact and best.path else None,
        applies=tuple(applies), violates=tuple(violates),
        shortest=found.shortest if found.complete else shortest_steps(scenario),
        longest=found.longest if found.complete else None,
        unbounded=found.unbounded, plays_exact=found.complete,
    )
