"""The engine: one `transitions` state machine per play.

Nodes are the machine's states; each declared choice is a transition (trigger `choice_<i>`)
guarded by its `when`; effects and flags are applied in the transition's `before` callback;
`timeout` follows a node's `on_timeout`. Every step is appended to an immutable PlayRecord.
`branch(k)` starts a new play from the first k steps of this one (the debrief's "try again
from here": the play it comes from stays as it was); `rewind(k)` goes back within this play.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace

from transitions import EventData, Machine

from simulator.format.errors import LitigeError
from simulator.format.model import Choice, Node, Scenario, Variant
from simulator.play.record import PlayRecord, Step
from simulator.play.rules import moves

Clock = Callable[[], float]
MIN_LEFT = 3.0  # seconds a resumed countdown gives at least: the trainee reads the line first


class PlayError(LitigeError):
    """A move the play cannot make (no such choice, no time limit, play already over)."""


class _Cursor:
    """The machine's model: holds only the machine's `state` (the current node id)."""

    state: str
    trigger: Callable[[str], bool]  # added by the machine (transitions), declared for the type checker


def draw_variant(scenario: Scenario, seed: str) -> Variant | None:
    """The variant a play plays, drawn by weight from a seed (the play's id): the same play id
    always draws the same variant, so a play can be replayed and resumed as it was."""
    if not scenario.variants:
        return None
    return random.Random(seed).choices(scenario.variants, weights=[v.weight for v in scenario.variants])[0]


class Play:
    """A play of one scenario. Deterministic: the same choices give the same record."""

    def __init__(self, scenario: Scenario, *, clock: Clock = time.monotonic, lang: str | None = None,
                 trainee: str | None = None, variant: str | None = None, play_id: str | None = None):
        """A new play. Its variant (when the scenario has some) is `variant`, else drawn from its
        play id; KeyError for a variant id the scenario does not have."""
        self.scenario = scenario
        self._clock = clock
        play_id = play_id or uuid.uuid4().hex
        drawn = scenario.variant(variant) if variant is not None else draw_variant(scenario, play_id)
        self.variant: Variant | None = drawn
        self.meters: dict[str, int] = scenario.start_meters(drawn)
        self.flags: set[str] = set(scenario.start_flags(drawn))
        self.record = PlayRecord(scenario.id, scenario.start, lang=lang or scenario.lang, trainee=trainee,
                                 play_id=play_id, variant=drawn.id if drawn else None)
        self._moves = moves(scenario)
        self._meter_ids = tuple(scenario.meters)
        self._cursor = _Cursor()
        transitions: list[dict[str, object]] = []
        for node in scenario.nodes.values():
            for choice in node.choices:
                transitions.append({
                    "trigger": f"choice_{choice.index}", "source": node.id, "dest": choice.next,
                    "conditions": [self._guard_for(choice)], "before": [self._effects_for(choice)],
                })
            if node.on_timeout:
                transitions.append({"trigger": "timeout", "source": node.id, "dest": node.on_timeout})
        self._machine = Machine(
            model=self._cursor, states=list(scenario.nodes), transitions=transitions,
            initial=scenario.start, auto_transitions=False, send_event=True, ignore_invalid_triggers=False,
        )
        self._entered_at = clock()

    # -- callbacks -----------------------------------------------------------------------
    def _guard_for(self, choice: Choice) -> Callable[[EventData], bool]:
        def holds(_: EventData) -> bool:
            return choice.when is None or choice.when.evaluate(self.meters, self.flags)
        return holds

    def _effects_for(self, choice: Choice) -> Callable[[EventData], None]:
        def apply(_: EventData) -> None:
            move = self._moves[(self.node.id, choice.index)]
            ids = self._meter_ids
            meters, flags = move.apply(tuple(self.meters[m] for m in ids), frozenset(self.flags))
            self.meters = dict(zip(ids, meters))
            self.flags = set(flags)
        return apply

    # -- state ---------------------------------------------------------------------------
    @property
    def node(self) -> Node:
        return self.scenario.nodes[self._cursor.state]

    @property
    def finished(self) -> bool:
        return self.node.is_ending

    @property
    def stuck(self) -> bool:
        """A non-ending node where no choice's guard holds and no timer can move on."""
        return not self.finished and not self.offered() and not self.node.on_timeout

    def seconds_here(self) -> float:
        """Seconds spent at the current node so far (before an interruption too, see resume)."""
        return max(0.0, self._clock() - self._entered_at)

    def time_left(self) -> float | None:
        """The countdown to start for the current node: its time limit less the time spent
        there, never under MIN_LEFT (a play resumed near the end shows its line first) nor over
        the limit; None when the node has no time limit."""
        node = self.node
        if self.finished or not node.time_limit or not node.on_timeout:
            return None
        limit = float(node.time_limit)
        return min(limit, max(MIN_LEFT, limit - self.seconds_here()))

    def offered(self) -> tuple[Choice, ...]:
        """The choices offered now, after guards, in declared order."""
        return tuple(c for c in self.node.choices
                     if c.when is None or c.when.evaluate(self.meters, self.flags))

    # -- moves ---------------------------------------------------------------------------
    def choose(self, i: int, *, seconds: float | None = None) -> Step:
        """Take the i-th (0-based) offered choice."""
        offered = self.offered()
        if self.finished:
            raise PlayError("the play is over")
        if not offered:
            raise PlayError(self._nothing_offered())
        if not 0 <= i < len(offered):
            raise PlayError(f"choice {i + 1} is not offered here: pick 1 to {len(offered)}")
        choice = offered[i]
        return self._move(f"choice_{choice.index}", offered, choice, seconds)

    def choose_id(self, choice_id: str, *, seconds: float | None = None) -> Step:
        """Take the offered choice with this id (used to replay a saved record)."""
        for i, c in enumerate(self.offered()):
            if c.id == choice_id:
                return self.choose(i, seconds=seconds)
        raise PlayError(f"choice {choice_id!r} is not offered at node {self.node.id!r}")

    def _nothing_offered(self) -> str:
        return (f"the scenario offers no choice at node {self.node.id!r} in this play: the guards of all its "
                "choices are false here (litige check shows the plays stuck like this)")

    def timeout(self, *, seconds: float | None = None) -> Step:
        """Let the current node's time limit run out."""
        if self.finished or not self.node.on_timeout:
            raise PlayError(f"node {self.node.id!r} has no time limit")
        return self._move("timeout", self.offered(), None, seconds)

    def _move(self, trigger: str, offered: Sequence[Choice], choice: Choice | None,
              seconds: float | None) -> Step:
        node_id = self.node.id
        now = self._clock()
        spent = seconds if seconds is not None else max(0.0, now - self._entered_at)
        meters_before, flags_before = dict(self.meters), tuple(sorted(self.flags))
        if not self._cursor.trigger(trigger):  # a guard that changed under us: refuse, nothing moved
            raise PlayError(f"choice refused at node {node_id!r}")
        step = Step(node=node_id, offered=tuple(c.id for c in offered), chosen=choice.id if choice else None,
                    next=self._cursor.state, meters_before=meters_before, meters_after=dict(self.meters),
                    flags_before=flags_before, flags_after=tuple(sorted(self.flags)), seconds=round(spent, 3),
                    timed_out=choice is None)
        self.record = self.record.with_step(step)
        self._entered_at = now
        return step

    def rewind(self, k: int) -> None:
        """Go back to just before step k (0-based), dropping it and every later step."""
        steps = self.record.steps
        if not 0 <= k <= len(steps):
            raise PlayError(f"no step {k + 1} to go back to: the play has {len(steps)} steps")
        if k == len(steps):
            return
        step = steps[k]
        self.meters = dict(step.meters_before)
        self.flags = set(step.flags_before)
        self._machine.set_state(step.node, model=self._cursor)
        self.record = self.record.truncated(k)
        self._entered_at = self._clock()

    def branch(self, k: int) -> Play:
        """A new play (its own play id and start time, same trainee and language) whose record
        holds the first k steps of this one, standing just before step k. This play is untouched."""
        steps = self.record.steps
        if not 0 <= k <= len(steps):
            raise PlayError(f"no step {k + 1} to start again from: the play has {len(steps)} steps")
        play = Play(self.scenario, clock=self._clock, lang=self.record.lang, trainee=self.record.trainee,
                    variant=self.record.variant)
        play._replay(steps[:k])
        return play

    @classmethod
    def resume(cls, scenario: Scenario, record: PlayRecord, *, clock: Clock = time.monotonic,
               spent: float = 0.0) -> Play:
        """Rebuild a play from a saved record (same play id), replaying each step; `spent` is the
        seconds already spent at its current node before it was interrupted: they count in that
        node's step and its time limit."""
        try:
            play = cls(scenario, clock=clock, lang=record.lang, trainee=record.trainee, variant=record.variant,
                       play_id=record.play_id)
        except KeyError:
            raise PlayError(f"saved play's variant {record.variant!r} is not one of the scenario's") from None
        play.record = replace(record, steps=())
        play._replay(record.steps)
        play._entered_at = clock() - max(0.0, spent)
        return play

    def _replay(self, steps: Sequence[Step]) -> None:
        for step in steps:
            if self.node.id != step.node:
                raise PlayError(f"saved play does not match the scenario at node {step.node!r}")
            if step.timed_out:
                self.timeout(seconds=step.seconds)
            else:
                self.choose_id(step.chosen or "", seconds=step.seconds)


def parse_script(script: str) -> list[int | str]:
    """'2,1,t' → [2, 1, 't'] (1-based picks, 't' for a timeout)."""
    picks: list[int | str] = []
    if not script.strip():
        return picks
    for n, raw in enumerate(script.replace(" ", "").split(","), 1):
        if not raw:
            raise PlayError(f"choice {n} of {script!r} is empty: write numbers separated by single commas, "
                            "such as 2,1,3")
        if raw.lower() == "t":
            picks.append("t")
        elif raw.isdigit():
            picks.append(int(raw))
        else:
            raise PlayError(f"{raw!r} is not a choice number or t")
    return picks


def play_script(scenario: Scenario, script: str | Sequence[int | str], *, lang: str | None = None,
                variant: str | None = None, play_id: str | None = None) -> Play:
    """Play 1-based picks among the offered choices; 't' lets the time limit run out. The variant
    is `variant`, else drawn from the play id (random when none is given)."""
    picks = parse_script(script) if isinstance(script, str) else list(script)
    try:
        play = Play(scenario, lang=lang, clock=lambda: 0.0, variant=variant, play_id=play_id)
    except KeyError:
        known = ", ".join(v.id for v in scenario.variants) or "none"
        raise PlayError(f"scenario {scenario.id!r} has no variant {variant!r} (its variants: {known})") from None
    for n, pick in enumerate(picks, 1):
        if play.finished:
            raise PlayError(f"the play ended at step {n - 1}; {len(picks) - n + 1} choice(s) left over")
        if pick == "t":
            play.timeout(seconds=float(play.node.time_limit or 0))
        else:
            offered = play.offered()
            if not offered and not play.node.on_timeout:
                raise PlayError(f"step {n}: {play._nothing_offered()}")
            if not isinstance(pick, int) or not 1 <= pick <= len(offered):
                raise PlayError(f"step {n}: choice {pick} is out of range at node {play.node.id!r}: "
                                f"pick 1 to {len(offered)}")
            play.choose(pick - 1)
    if not play.finished:
        raise PlayError(f"the choices stop before an ending, at node {play.node.id!r} "
                        f"({len(play.offered())} choices offered there)")
    return play
