"""The shipped scenarios behind stored plays, by id, and their principles' weights: what the
results (report, progress, export, push) need to name and score the plays they read.

In the core, below the commands: push (results) used to import them from
simulator.cli.commands.results_common, an import back up from the results to the command line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.format.model import Scenario


def load_scenarios(ids: Iterable[str]) -> dict[str, Scenario | None]:
    """Scenario id → the shipped Scenario, or None when it is not shipped or does not load
    (the figures are still shown, with ids instead of texts)."""
    import scenarios
    from scoring.catalogue import load_catalogue
    from simulator.format.errors import LitigeError
    from simulator.format.loader import load
    out: dict[str, Scenario | None] = {}
    known = load_catalogue().ids()
    for sid in ids:
        if sid in out:
            continue
        path = scenarios.find(sid)
        try:
            out[sid] = load(path, known) if path else None
        except LitigeError:
            out[sid] = None
    return out


def weights_of(scenario_map: Mapping[str, Scenario | None]) -> dict[str, dict[str, int]]:
    """Scenario id → its principles' weights (scoring.scorer.weights_for), for the scenarios found."""
    from scoring.catalogue import load_catalogue
    from scoring.scorer import weights_for
    catalogue = load_catalogue()
    return {sid: weights_for(sc, catalogue) for sid, sc in scenario_map.items() if sc is not None}
