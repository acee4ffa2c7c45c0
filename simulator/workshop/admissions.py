"""Every admission to the room, decided and counted: the gate's decision for each visitor
(throttle first, then code and cap), and the seats taken, freed and refused (the status route)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from simulator.workshop.entry_rules import Admission, Gate, Throttle, client_key, normalise

log = logging.getLogger("litige.serve")


@dataclass
class Counters:
    """What the door did since the server started (read by the status route and the tests)."""

    live: int = 0        # game processes not yet gone, and plain seats not yet freed
    started: int = 0
    stalled: int = 0     # games ended because their browser took no output for a while
    refused_code: int = 0
    refused_full: int = 0
    refused_throttled: int = 0


class Admissions:
    """The gate and the throttle asked in order, each refusal counted, each seat counted from
    the moment it is admitted until its game is gone. No I/O: the server hands in the client's
    address and the code it gave."""

    def __init__(self, gate: Gate, throttle: Throttle | None = None) -> None:
        self.gate = gate
        self.throttle = throttle or Throttle()
        self.counters = Counters()

    def check(self, address: str | None, given: str | None, live: int) -> tuple[Admission, int]:
        """The door's decision for this client and code, and the seconds to wait if throttled.
        A wrong code counts against the client's address; a missing one (a bare link) does not.
        Nothing is counted in `counters` (the status route asks this way)."""
        client = client_key(address)
        wait = self.throttle.wait(client)
        if wait > 0:
            return Admission.THROTTLED, max(1, math.ceil(wait))
        decision = self.gate.admit(given, live)
        if decision is Admission.BAD_CODE and normalise(given) and self.throttle.wrong(client):
            log.warning("too many wrong join codes from %s: refused for %d s",
                        client, math.ceil(self.throttle.cooldown))
        return decision, 0

    def admit(self, address: str | None, given: str | None) -> tuple[Admission, int]:
        """The decision for a new seat, under the cap; a refusal is counted."""
        return self._counted(*self.check(address, given, self.counters.live))

    def readmit(self, address: str | None, given: str | None) -> tuple[Admission, int]:
        """The decision for a page coming back to a seat it holds: the code is checked, no new
        place under the cap is needed; a refusal is counted."""
        return self._counted(*self.check(address, given, live=0))

    def _counted(self, decision: Admission, wait: int) -> tuple[Admission, int]:
        c = self.counters
        if decision is Admission.BAD_CODE:
            c.refused_code += 1
        elif decision is Admission.FULL:
            c.refused_full += 1
        elif decision is Admission.THROTTLED:
            c.refused_throttled += 1
        return decision, wait

    def seat_taken(self, where: str = "") -> None:
        """An admitted participant now holds a seat (call it with no await since `admit`: no race)."""
        self.counters.live += 1
        self.counters.started += 1
        log.info("participant joined%s (%d/%d live)", where, self.counters.live, self.gate.max_participants)

    def seat_freed(self, stalled: bool = False, forced: str = "") -> None:
        """A game process is gone (or never started), or a plain seat let go: its seat is free.
        `stalled`: its browser took no output; `forced`: the signal it took to end it."""
        self.counters.live -= 1
        if stalled:
            self.counters.stalled += 1
        how = f", after {forced}" if forced else ""
        why = " (its browser took no output)" if stalled else ""
        log.info("participant left%s%s (%d/%d live)", why, how, self.counters.live, self.gate.max_participants)
