"""Where the room's plays come from: the shared results store, read on each refresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.format.errors import LitigeError
from simulator.format.model import Scenario
from simulator.workshop.room import RoomPlay


class StoreRoomSource:
    """A RoomSource over a Store: plays since a moment, scenarios and principle names cached."""

    def __init__(self, store: Any, *, since: str | None = None):
        self.store = store
        self.since = since
        self._scenarios: dict[str, Scenario | None] = {}
        self._names: dict[str, Any] = {}

    @classmethod
    def open(cls, db: str | Path | None, *, since: str | None = None) -> StoreRoomSource:
        """The room over the database at `db` (None: the default file), read-only."""
        from simulator.results.store import Store
        return cls(Store.open(db, readonly=True), since=since)  # the room only reads: read-only media do

    def close(self) -> None:
        self.store.close()

    def plays(self) -> list[RoomPlay]:
        return [RoomPlay(record=p.record, finished_at=p.finished_at, outcome=p.outcome, scaled=p.scaled,
                         passed=p.passed, verdicts=dict(p.verdicts), rules=p.rules)
                for p in self.store.plays(since=self.since, include_abandoned=False)]

    def know(self, scenario: Scenario) -> None:
        """A story file's scenario (`room --scenario FILE`): its plays' title, nodes and choices."""
        self._scenarios[scenario.id] = scenario

    def scenario(self, scenario_id: str) -> Scenario | None:
        if scenario_id not in self._scenarios:
            import scenarios
            from simulator.format.loader import load
            path = scenarios.find(scenario_id)
            try:
                self._scenarios[scenario_id] = load(path) if path else None
            except LitigeError:
                self._scenarios[scenario_id] = None
        return self._scenarios[scenario_id]

    def principle_name(self, principle_id: str, lang: str) -> str:
        if not self._names:
            from scoring.catalogue import load_catalogue
            self._names.update((p.id, p.name) for p in load_catalogue())
        for sc in self._scenarios.values():
            for p in sc.principles if sc else ():
                self._names.setdefault(p.id, p.name)
        name = self._names.get(principle_id)
        return name.get(lang) if name is not None else principle_id
