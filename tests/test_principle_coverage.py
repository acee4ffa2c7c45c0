"""Across the shipped stories, every principle of the catalogue is exercised at least once.

A principle is exercised when some choice of some shipped scenario `applies` or `violates` it:
then a trainee can meet it in play and the debrief can name it.
"""

from __future__ import annotations

import scenarios
from scoring.catalogue import load_catalogue
from simulator.format.loader import load
from simulator.format.model import Scenario


def exercised(scenario: Scenario) -> set[str]:
    """The principles some choice of the scenario applies or violates."""
    found: set[str] = set()
    for node in scenario.nodes.values():
        for choice in node.choices:
            found.update(choice.applies)
            found.update(choice.violates)
    return found


def test_every_catalogue_principle_is_exercised_by_a_shipped_scenario() -> None:
    catalogue = load_catalogue()
    shipped = [load(path) for path in scenarios.shipped()]
    assert shipped, "no shipped scenario found"
    covered: dict[str, list[str]] = {}
    for scenario in shipped:
        for pid in exercised(scenario):
            covered.setdefault(pid, []).append(scenario.id)
    missing = sorted(p.id for p in catalogue if p.id not in covered)
    assert not missing, f"principles no shipped scenario exercises: {', '.join(missing)}"


def test_scenarios_only_exercise_catalogue_principles() -> None:
    # The other half of the contract: a typo in `applies` would otherwise count for nothing.
    ids = {p.id for p in load_catalogue()}
    for path in scenarios.shipped():
        scenario = load(path)
        own = {p.id for p in scenario.principles}  # a story may define its own (keep-it-private, say)
        assert exercised(scenario) <= ids | own, (scenario.id, sorted(exercised(scenario) - ids - own))


def test_the_five_stories_are_shipped() -> None:
    ids = {load(path).id for path in scenarios.shipped()}
    assert ids == {"shrunken-sweater", "wrong-bed", "subcontractor-error", "arrogant-exit",
                   "angry-comment"}
