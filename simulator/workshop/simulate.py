"""Simulated participants for load tests and benchmarks: seeded random plays, step by step."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from simulator.format.model import Scenario
from simulator.play.engine import Play
from simulator.play.record import PlayRecord

MAX_STEPS = 200


def steps(scenario: Scenario, *, seed: int, trainee: str | None = None, lang: str | None = None,
          stop_after: int | None = None) -> Iterator[PlayRecord]:
    """Yield the play's record after each step: random offered choices, timers let run out
    now and then, until an ending (or `stop_after` steps, for plays still going)."""
    play = Play(scenario, clock=lambda: 0.0, lang=lang, trainee=trainee)
    yield from walk(play, random.Random(seed), stop_after if stop_after is not None else MAX_STEPS)


def walk(play: Play, rng: random.Random, max_steps: int = MAX_STEPS) -> Iterator[PlayRecord]:
    """Play `play` on with `rng`'s choices among those offered, a node's time limit let run out
    one time in seven (always when nothing is offered), yielding its record after each step, until
    an ending, `max_steps` steps, or a node where nothing can be done (a scenario bug the checker
    reports: nothing more to simulate)."""
    for _ in range(max_steps):
        if play.finished:
            return
        offered = play.offered()
        if play.node.on_timeout and (not offered or rng.random() < 0.15):
            play.timeout(seconds=float(play.node.time_limit or 0))
        elif offered:
            play.choose(rng.randrange(len(offered)), seconds=round(rng.uniform(2, 20), 1))
        else:
            return
        yield play.record


def finished_play(scenario: Scenario, *, seed: int, trainee: str | None = None,
                  on_step: Callable[[PlayRecord], None] | None = None) -> PlayRecord:
    """Play to an ending, calling `on_step` after every step (e.g. `store.save_play`)."""
    record = None
    for record in steps(scenario, seed=seed, trainee=trainee):
        if on_step:
            on_step(record)
    if record is None or not scenario.nodes[record.current].is_ending:
        raise ValueError(f"seed {seed} did not reach an ending of {scenario.id!r} in {MAX_STEPS} steps")
    return record
