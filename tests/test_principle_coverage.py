"""Across the shipped stories, every principle of the catalogue is exercised at least once."""

from __future__ import annotations

import scenarios
from scoring.catalogue import load_catalogue
from simulator.loader import load


def exercised(path) -> set[str]:
    scenario = load(path)
    return {p for node in scenario.nodes.values() for c in node.choices for p in (*c.applies, *c.violates)}


def test_every_catalogue_principle_is_exercised_by_a_shipped_scenario():
    catalogue = load_catalogue()
    covered = set().union(*(exercised(p) for p in scenarios.shipped()))
    assert sorted(set(catalogue.ids()) - covered) == []


def test_the_five_stories_are_shipped():
    ids = {load(p).id for p in scenarios.shipped()}
    assert ids == {"shrunken-sweater", "wrong-bed", "subcontractor-error", "arrogant-exit", "angry-comment"}
