"""The four verdicts a principle can get in a play, alone: the store checks stored verdict words
against them without importing the scorer (which reads the catalogue, hence PyYAML)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum


class Verdict(str, Enum):
    MASTERED = "mastered"
    PARTIAL = "partial"
    MISSED = "missed"
    VIOLATED = "violated"

    def __str__(self) -> str:
        return self.value


# Wherever a verdict is shown, its symbol goes with it (meaning never rests on colour alone).
SYMBOL = {Verdict.MASTERED: "✓", Verdict.PARTIAL: "◐", Verdict.MISSED: "○", Verdict.VIOLATED: "✗"}
WORST_FIRST = (Verdict.VIOLATED, Verdict.MISSED, Verdict.PARTIAL, Verdict.MASTERED)  # the order of need
# The same by the words the store, the reports and JSON carry:
SYMBOLS: Mapping[str, str] = {v.value: s for v, s in SYMBOL.items()}  # a verdict word → its symbol
BEST_FIRST = tuple(v.value for v in reversed(WORST_FIRST))  # mastered first: the legends' and columns' order
NEED = {v.value: n for n, v in enumerate(WORST_FIRST)}  # a verdict word → its rank of need (0: violated)


class Avoidance:
    """The one rule for a principle that a trainee violated and later kept (used by the profile,
    simulator/results/progress.py, and the group's gain, scoring/gain.py).

    A principle that no choice applies (only violated, like courtesy by a curt answer) gets a
    stored verdict only when violated. Fed one trainee's plays in order of time, this remembers
    the nodes where each principle was violated in each scenario; a later play of that scenario
    that goes through one of those nodes without a verdict on the principle kept it there, and
    counts as mastered at that step (an inferred verdict: never claimed as a stored one)."""

    def __init__(self) -> None:
        self._at: dict[tuple[str, str], set[str]] = {}  # (scenario, principle) → nodes violated at

    def kept(self, scenario: str, nodes: Sequence[str], verdicts: Mapping[str, str]) -> list[tuple[str, int]]:
        """The principles this play kept where the trainee had violated them before, each with the
        first step that shows it; then remember where this play violated (call `note`)."""
        out = []
        for (sid, principle), where in self._at.items():
            if sid == scenario and principle not in verdicts and not where.isdisjoint(nodes):
                out.append((principle, next(i for i, node in enumerate(nodes) if node in where)))
        return out

    def note(self, scenario: str, nodes: Sequence[str], violated: Mapping[str, Sequence[int]]) -> None:
        """Remember the nodes of the steps at which this play violated each principle."""
        for principle, steps in violated.items():
            wrong = [nodes[i] for i in steps if 0 <= i < len(nodes)]
            if wrong:
                self._at.setdefault((scenario, principle), set()).update(wrong)
