"""The four verdicts a principle can get in a play, alone: the store checks stored verdict words
against them without importing the scorer (which reads the catalogue, hence PyYAML)."""

from __future__ import annotations

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
