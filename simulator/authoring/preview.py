"""Live preview of a scenario file, without the screen: watch the file, reload it, carry the play over.

`litige preview` (simulator/tui/preview.py) draws this; everything it decides is here, in plain
Python: when the file changed, what loading it gave (a scenario, or located problems), and how
much of the play in progress still holds in the new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.format.errors import Problem
from simulator.format.model import Choice, Scenario
from simulator.play.engine import Play, PlayError
from simulator.play.record import Step


@dataclass(frozen=True)
class Loaded:
    """One reading of the file: the scenario (None when it has errors) and every problem found."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


class Watcher:
    """Tells when a file changed since it was last read (modification time and size), and reads it
    with `litige check`'s checks, including the translation into `lang` when one is given."""

    def __init__(self, path: str | Path, *, lang: str | None = None):
        self.path = Path(path)
        self.lang = lang  # also check this translation, as `litige check --lang` does
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
        from simulator.authoring.checker import check_file

        self._stamp = self._current()
        report = check_file(self.path, load_catalogue(), lang=self.lang)
        scenario = report.scenario if not report.errors else None
        if scenario is not None:
            object.__setattr__(scenario, "path", self.path)
        return Loaded(scenario, tuple(report.problems))


def _positional(choice: Choice) -> bool:
    """True when the choice's id is its position (no `id:` in the file, or one equal to it)."""
    return choice.id == str(choice.index + 1)


def _same_choice(step: Step, offered: tuple[Choice, ...] | list[Choice], before: Choice | None) -> Choice | None:
    """The offered choice that is the one `step` took, `before` being that choice in the old version.

    A choice with an explicit id is that id. A choice known by its position only is found by its
    text, so that an answer added above it (which shifts every position) does not lose it; if its
    text was edited, its position still finds it. Either way it must still lead to the same node."""
    leads = [c for c in offered if c.next == step.next]
    if before is not None and not _positional(before):
        return next((c for c in leads if c.id == before.id), None)
    if before is not None:
        by_text = [c for c in leads if c.text.values == before.text.values]
        if by_text:
            return next((c for c in by_text if c.id == step.chosen), by_text[0])
    return next((c for c in leads if c.id == step.chosen), None)


def carry_over(scenario: Scenario, steps: tuple[Step, ...] | list[Step], *, lang: str | None = None,
               previous: Scenario | None = None, variant: str | None = None) -> tuple[Play, int]:
    """A new play of `scenario` that retakes the old play's steps for as long as they still hold:
    the same node, the same choice still offered and still leading to the same node (or the same
    timeout). `previous` is the version the steps were played on: with it, a choice without an
    explicit id is recognised by its text when answers were added or removed above it.
    The old play's `variant` is kept while the scenario still has it.
    Returns the play and how many steps were kept."""
    keep = variant if any(v.id == variant for v in scenario.variants) else None
    play = Play(scenario, lang=lang, clock=lambda: 0.0, variant=keep)
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
                old_node = previous.nodes.get(step.node) if previous is not None else None
                before = next((c for c in old_node.choices if c.id == step.chosen), None) if old_node else None
                choice = _same_choice(step, play.offered(), before)
                if choice is None:
                    break
                play.choose_id(choice.id, seconds=step.seconds)
        except PlayError:
            break
        kept += 1
    return play, kept
