"""A scenario at a glance, for its author: size, endings, score range, principles, play lengths.

Shown by `litige check` after each valid file, and in `check --json`; `check --stats` adds the
score range of each ending (and per variant). Everything is computed from the scenario alone:
the scores by the search of `scoring.ranges`, play lengths and the principles a play can meet by
the exact search of play states (`reach.explore`). When a search does not finish within its
budget, the figure says so ("not proven", `exact: false`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from scoring.catalogue import Catalogue
from scoring.ranges import Analysis, Range, outcome_of
from simulator.analysis.paths import reachable, shortest_steps
from simulator.analysis.reachability import explore
from simulator.format.model import OUTCOMES, Scenario
from simulator.lang.messages_check import Num, say

SUMMARY_BUDGET = 50_000  # states for the play-length search
# Meter values and flags the play-length search may hold in all: it keeps every state it reached,
# each with its own flag set, so a file of 30 flags set by each of 32 choices ran 50,000 states of
# up to 960 flags each out of 4 GB (now the whole check of it peaks at 290 MB); a scenario of up to
# 38 meters and flags keeps the whole SUMMARY_BUDGET.
SUMMARY_CELLS = 2_000_000


def states_text(n: int, lang: str = "en") -> str:
    """A count of play states: 'some 1,234', or past 10^12 its order of magnitude ('more than 10^28898':
    a count of flag sets can have more digits than Python writes, 4,300)."""
    if n <= 10**12:
        from simulator.lang.typography import fmt_number
        return say("sum.some_states", lang, n=f"{n:,}" if lang == "en" else fmt_number(n, lang, 0))
    power = max(12, math.floor((n.bit_length() - 1) * math.log10(2)))
    while 10 ** (power + 1) < n:
        power += 1
    while 10 ** power >= n:
        power -= 1
    return say("sum.more_states", lang, power=power)


def summary_budget(scenario: Scenario) -> int:
    """The states the play-length search may expand: SUMMARY_BUDGET, fewer when each state holds
    many meters and flags (past the bound the lengths are "unknown (search incomplete)")."""
    return max(1, min(SUMMARY_BUDGET, SUMMARY_CELLS // (1 + len(scenario.meters) + len(scenario.flags))))


@dataclass(frozen=True)
class Summary:
    scenario: str
    nodes: int
    choice_nodes: int
    endings: dict[str, tuple[str, ...]]  # outcome → ending node ids
    scores_proven: bool  # the score ranges come from a complete search
    estimate: int | None  # when no search was tried: the play states the intervals allow
    best: float | None  # the highest score of any play (None: none has a judged decision)
    worst: float | None
    best_not_lost: float | None  # the highest score of a play that does not end 'lost'
    best_play: str | None  # 1-based picks for `litige play --choices` (and --variant) of that play
    applies: tuple[str, ...]  # principles some play can apply
    violates: tuple[str, ...]  # principles some play can violate
    shortest: int | None  # decisions
    longest: int | None  # decisions; None when unbounded (loops) or unknown
    unbounded: bool
    plays_exact: bool
    # per ending: (outcome, its range over all variants); per variant: per ending, its range
    ranges: dict[str, tuple[str, Range]] = field(default_factory=dict)
    variant_ranges: dict[str, dict[str, Range]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "choice_nodes": self.choice_nodes,
            "endings": {k: list(v) for k, v in self.endings.items()},
            "score": {
                "proven": self.scores_proven, "best": self.best, "worst": self.worst,
                "best_not_lost": self.best_not_lost, "best_play": self.best_play,
                "endings": {e: {"outcome": o, **_range_dict(r)} for e, (o, r) in self.ranges.items()},
                "variants": {v: {e: _range_dict(r) for e, r in rs.items()} for v, rs in self.variant_ranges.items()},
            },
            "principles": {"applies": list(self.applies), "violates": list(self.violates)},
            "plays": {"shortest": self.shortest, "longest": self.longest, "unbounded": self.unbounded,
                      "exact": self.plays_exact},
        }

    def lines(self, stats: bool = False, lang: str = "en") -> list[str]:
        """The summary as a few indented lines of text in `lang`; with `stats`, each ending's score range."""
        ends = ", ".join(f"{len(self.endings[o])} {o}" for o in OUTCOMES if self.endings.get(o))
        out = [say("sum.nodes", lang, nodes=self.nodes, choice_nodes=self.choice_nodes,
                   ends=ends or say("sum.none", lang)),
               f"  {self._scores(lang)}"]
        if stats and self.scores_proven:
            out.append(say("sum.per_ending", lang))
            for e, (outcome, r) in self.ranges.items():
                out.append(say("sum.range_line", lang, ending=e, outcome=outcome, range=_range_text(r, lang)))
            for v, rs in self.variant_ranges.items():
                out.append(say("sum.variant", lang, id=v))
                for e, r in rs.items():
                    out.append(say("sum.range_line", lang, ending=e, outcome=self.ranges[e][0],
                                   range=_range_text(r, lang)))
        if self.best_play:
            out.append(say("sum.best_play", lang, play=self.best_play))
        out.append(say("sum.plays_line", lang, plays=self._plays(lang)))
        out.append(say("sum.applied", lang, n=len(self.applies), ids=", ".join(self.applies) or "-"))
        if self.violates:
            out.append(say("sum.violated", lang, n=len(self.violates), ids=", ".join(self.violates)))
        return out

    def _scores(self, lang: str) -> str:
        """The scores in words: their range, or why there is none."""
        if not self.scores_proven and self.estimate is not None:
            return say("sum.too_many", lang, states=states_text(self.estimate, lang))
        if not self.scores_proven:
            return say("sum.budget", lang)
        if self.best is None:
            return say("sum.no_score", lang)
        not_lost = (say("sum.best_not_lost", lang, score=Num(self.best_not_lost))
                    if self.best_not_lost is not None else say("sum.all_lost", lang))
        return say("sum.scores", lang, worst=_num(self.worst), best=_num(self.best), not_lost=not_lost)

    def _plays(self, lang: str) -> str:
        """The shortest and longest plays in words."""
        if self.unbounded:
            longest = say("sum.no_limit", lang)
        elif self.longest is None:
            longest = say("sum.unknown", lang)
        else:
            longest = _decisions(self.longest, lang)
        shortest = _decisions(self.shortest, lang) if self.shortest is not None else say("sum.unknown", lang)
        return say("sum.plays", lang, shortest=shortest, longest=longest,
                   incomplete="" if self.plays_exact else say("sum.incomplete", lang))


def _num(value: float | None) -> Num | str:
    return "–" if value is None else Num(value)


def _range_text(r: Range, lang: str = "en") -> str:
    if r.lo is None or r.hi is None:  # (both or neither)
        return say("sum.range_none", lang)
    lo, hi = Num(r.lo).render(lang), Num(r.hi).render(lang)
    text = f"{lo} – {hi} ({r.play_args(low=True)} … {r.play_args(low=False)})"
    return text + (say("sum.also_unscored", lang) if r.unscored else "")


def _range_dict(r: Range) -> dict[str, Any]:
    return {"lo": r.lo, "hi": r.hi, "lo_play": ",".join(r.lo_play), "hi_play": ",".join(r.hi_play),
            "lo_variant": r.lo_variant, "hi_variant": r.hi_variant, "unscored": r.unscored}


def _decisions(n: int, lang: str = "en") -> str:
    return say("sum.decisions", lang, n=n)


def summarize(scenario: Scenario, catalogue: Catalogue, analysis: Analysis | None = None) -> Summary:
    if analysis is None:
        from simulator.authoring.checker import analysis_of
        analysis = analysis_of(scenario, catalogue)
    endings: dict[str, list[str]] = {}
    for nid, n in scenario.nodes.items():
        if n.ending is not None:
            endings.setdefault(n.ending.outcome, []).append(nid)
    found = explore(scenario, summary_budget(scenario), keep_graph=True)
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
    ranges = analysis.endings()
    outcome = {e: outcome_of(scenario, e) for e in ranges}
    his = [r.hi for r in ranges.values() if r.hi is not None]
    los = [r.lo for r in ranges.values() if r.lo is not None]
    not_lost = [(r.hi, e) for e, r in ranges.items() if r.hi is not None and outcome[e] != "lost"]
    best_play = None
    if not_lost:
        _, e = max(not_lost, key=lambda item: (item[0], {"won": 2, "kept": 1}.get(outcome[item[1]], 0)))
        best_play = ranges[e].play_args(low=False).removeprefix("--choices ")
    return Summary(
        scenario=scenario.id,
        nodes=len(scenario.nodes),
        choice_nodes=sum(1 for n in scenario.nodes.values() if n.choices),
        endings={o: tuple(endings[o]) for o in OUTCOMES if o in endings},
        scores_proven=analysis.proven, estimate=analysis.estimate,
        best=max(his) if his else None, worst=min(los) if los else None,
        best_not_lost=max((h for h, _ in not_lost), default=None), best_play=best_play,
        applies=tuple(applies), violates=tuple(violates),
        shortest=found.shortest if found.complete else shortest_steps(scenario),
        longest=found.longest if found.complete else None,
        unbounded=found.unbounded, plays_exact=found.complete,
        ranges={e: (outcome[e], r) for e, r in ranges.items()},
        variant_ranges={v: dict(rs) for v, rs in analysis.ranges.items() if v is not None},
    )
