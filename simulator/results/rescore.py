"""Plays scored by the first rules, scored again by the current ones from their steps.

Every finished play keeps its steps, so a play scored by the first rules (before 2026-12) can be
replayed on its scenario and scored again, as long as the scenario still has those nodes and
choices. A play whose scenario changed since (a story rewritten) cannot be, and keeps its first
score, marked as such: `report`, `room` and the exports never count it with the others.
A play whose xAPI statements are already queued keeps the score they carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scoring.version import RULES
from simulator.format.model import Scenario

if TYPE_CHECKING:
    from simulator.results.store import Store


@dataclass(frozen=True)
class Rescored:
    done: int  # plays scored again by the current rules
    left: int  # plays that keep their first score (their scenario no longer has their steps)


ScenarioLookup = Callable[[Iterable[str]], Mapping[str, "Scenario | None"]]


def rescore_first_rules(store: Store, scenarios_for: ScenarioLookup) -> Rescored:
    """Score again, by the current rules, the finished plays of the store scored by the first
    ones; `scenarios_for(ids)` gives the scenarios (None for one that cannot be had). Does
    nothing on a store opened read-only."""
    old = store.first_rule_plays()
    if not old or store.readonly:
        return Rescored(0, len(old))
    from scoring.catalogue import load_catalogue
    from scoring.scorer import score
    from simulator.play.engine import Play, PlayError
    scenarios = scenarios_for({p.record.scenario for p in old})
    catalogue = load_catalogue()
    done = left = 0
    with store.batch():
        for p in old:
            scenario: Scenario | None = scenarios.get(p.record.scenario)
            if scenario is None:
                left += 1
                continue
            try:
                play = Play.resume(scenario, p.record, clock=lambda: 0.0)
            except (PlayError, KeyError):
                left += 1
                continue
            if not play.finished:
                left += 1
                continue
            result = score(scenario, play.record, catalogue)
            store.finish_play(play.record, result, keep_finished_at=True)
            if store.play_rules(p.record.play_id) == RULES:
                done += 1
            else:  # its statements were queued with the first score: it keeps it
                left += 1
    return Rescored(done, left)
