"""Live preview of a scenario file, without the screen: watch the file, reload it, carry the play over.

`litige preview` (simulator/tui/preview.py) draws this; everything it decides is here, in plain
Python: when the file changed, what loading it gave (a scenario, or located problems), and how
much of the play in progress still holds in the new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.engine import Play, PlayError
from simulator.errors import Problem
from simulator.model import Scenario
from simulator.record import Step


@dataclass(frozen=True)
class Loaded:
    """One reading of the file: the scenario (None when it has errors) and every problem found."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


class Watcher:
    """Tells when a file changed since it was last read (modification time and size)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None

    def _current(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def changed(self) -> bool:
        return self._current() != self._stamp

    def load(self) -> Loaded:
        """Read the file now (and remember its stamp): the scenario and the problems, with lint."""
        from scoring.catalogue import load_catalogue
        from simulator.checker import check_file

        self._stamp = self._current()
        report = check_file(self.path, load_catalogue())
        scenario = report.scenario if not report.errors else None
        if scenario is not None:
            object.__setattr__(scenario, "path", self.path)
        return Loaded(scenario, tuple(report.problems))


def carry_over(scenario: Scenario, steps: tuple[Step, ...] | list[Step], *, lang: str | None = None) -> tuple[Play, int]:
    """A new play of `scenario` that retakes the old play's steps for as long as they still hold:
    the same node, a choice with the same id still offered and still leading to the same node
    (or the same timeout). Returns the play and how many steps were kept."""
    play = Play(scenario, lang=lang, clock=lambda: 0.0)
    kept = 0
    for step in steps:
        node = play.node
        if play.finished or node.id != step.node:
            break
        try:
            if step.timed_out:
                if node.on_timeout != step.next:
                    break
                play.timeout(seconds=step.seconds)
            else:
                choice = next((c for c in play.offered() if c.id == step.chosen), None)
                if choice is None or choice.next != step.next:
                    break
                play.choose_id(choice.id, seconds=step.seconds)
        except PlayError:
            break
        kept += 1
    return play, kept
