"""The choices the game remembers for its trainee (name, language, theme, timers, coach mode), in
the store's settings. A workshop seat shares its database with the whole room: it neither reads
nor writes anyone's choices, and its coach mode is the facilitator's (`litige serve --coach`)."""

from __future__ import annotations

from simulator.game.session import GameSession
from simulator.results.store import Store


class Preferences:
    def __init__(self, store: Store, session: GameSession, *, participant: bool, workshop_coach: bool) -> None:
        """`workshop_coach`: a seat plays in coach mode (toggled for the seat's life, never saved)."""
        self.store = store
        self.session = session
        self.participant = participant
        self.workshop_coach = workshop_coach

    def get(self, key: str) -> str | None:
        """A remembered choice; None when there is none, and on a workshop seat."""
        return None if self.participant else self.store.get_setting(key)

    def remember(self, key: str, value: str) -> None:
        """Keep a choice for the next start (not on a seat). A write that fails (disk full, file
        gone) is the session's to say: the game plays on."""
        if not self.participant:
            self.session.write(self.store.set_setting, key, value)

    def coach_for(self, scenario_id: str) -> bool:
        """Whether a new play of this scenario is played in coach mode: in a workshop, as the
        facilitator said (`--coach`, off by default); else as the trainee set it, and when they
        never did, on for their first play of the scenario."""
        if self.participant:
            return self.workshop_coach
        return self.session.coach_for(scenario_id)  # the rule, written once (line mode decides alike)

    def coach_mode(self) -> str:
        """The coach setting: "coach", "exam", or "auto" (on at a first play of a scenario)."""
        if self.participant:
            return "coach" if self.workshop_coach else "exam"
        return {"1": "coach", "0": "exam"}.get(self.get("coach") or "", "auto")

    def toggle_coach(self) -> bool:
        """Coach mode on or off for the next plays (saved with the other choices); True: on now."""
        if self.participant:
            self.workshop_coach = not self.workshop_coach
            return self.workshop_coach
        saved = self.get("coach")
        on = not (saved == "1") if saved in ("0", "1") else False  # the first toggle of "on at first play": off
        self.remember("coach", "1" if on else "0")
        return on
