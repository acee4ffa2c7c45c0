"""The plain data of a debrief (scoring.debrief), as every renderer shows it: answers, steps,
principles to work on, meter courses, verdict rows, the model conversation, and the older shape.

Plain frozen records, every string already in the debrief's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.scorer import Judgement
from scoring.verdict import Verdict
from simulator.format.model import Choice, Principle
from simulator.format.text import Text

Credit = Literal["best", "good", "weak", "fault", "unscored"]


@dataclass(frozen=True)
class Answer:
    """An answer offered at a step, with the feedback written for it."""

    choice: str  # its id
    text: str
    feedback: str | None


@dataclass(frozen=True)
class StepView:
    """One step of the play, shown once."""

    index: int  # 0-based
    number: int  # 1-based, as shown
    node: str
    speaker: str  # who spoke, in words (the customer card's name for the customer)
    said: str
    answer: Answer | None  # None: time ran out
    timed_out: bool
    judged: bool
    credit: Credit
    credit_word: str
    points: int  # value taken − worst value offered (0 when not judged)
    stake: int  # best − worst (0 when not judged)
    credit_figure: str  # "2/3 pts", "" when not judged
    applied: tuple[str, ...]  # principle names
    violated: tuple[str, ...]
    better: Answer | None  # where the answer was not the best: the best one, with its feedback
    effects: tuple[tuple[str, int], ...] = ()  # (meter id, signed change) for the meters it moved


@dataclass(frozen=True)
class WorkOn:
    """A principle to work on, at the one step where it mattered most."""

    principle: str  # id
    name: str
    verdict: str
    verdict_word: str
    symbol: str
    weight: int
    step: int | None  # 0-based; None when no step could be named
    number: int | None
    speaker: str
    said: str
    answer: Answer | None  # what was answered there (None: time ran out)
    instead: Answer | None  # what to do instead there


@dataclass(frozen=True)
class MeterMove:
    step: int  # 0-based
    number: int
    delta: int
    signed: str  # "+40", "−20"
    answer: str | None  # what was answered; None: time ran out


@dataclass(frozen=True)
class MeterCourse:
    """A meter from the start to the end of the play: "Trust 30 (furious) → 85 (reassured)"."""

    id: str
    label: str
    start: int
    end: int
    start_mood: str | None
    end_mood: str | None
    moves: tuple[MeterMove, ...]  # the steps that moved it most, in the order played

    @property
    def course(self) -> str:
        def at(value: int, mood: str | None) -> str:
            return f"{value} ({mood})" if mood else str(value)
        return f"{self.label} {at(self.start, self.start_mood)} → {at(self.end, self.end_mood)}"


@dataclass(frozen=True)
class PrincipleRow:
    """One line of the verdict table, with what the trainee should know of the principle."""

    id: str
    name: str
    verdict: str
    verdict_word: str
    symbol: str
    weight: int
    rationale: str | None
    frameworks: tuple[str, ...]  # in the debrief's language, acronyms spelt out, for this story's tags
    sources: tuple[str, ...]  # this story's sources only, cited


@dataclass(frozen=True)
class ModelStep:
    number: int
    node: str
    speaker: str
    said: str
    answer: Answer | None  # None: the model lets the time run out (never chosen unless best)
    yours: Answer | None  # your answer at this node where it differed (None: same, or never there)
    yours_timed_out: bool
    same: bool | None  # True: you answered the same; None: your play never came here


@dataclass(frozen=True)
class ModelPlay:
    """A best play of the story in the variant played, as a worked example."""

    variant: str | None
    proven: bool  # the best play of a complete search (False: the best answer at each step)
    picks: str  # as `litige play --choices`
    scaled: float | None
    score_text: str
    ending: str  # its title
    outcome: str
    outcome_word: str
    ending_text: str | None
    steps: tuple[ModelStep, ...]


# -- the older shape, kept for its callers -------------------------------------------------------

@dataclass(frozen=True)
class Occurrence:
    """A place where a principle came up and went wrong: what was chosen, what was better."""

    kind: Literal["missed", "violated"]
    step: int  # 0-based step index
    node: str
    node_text: Text
    chosen: Choice | None  # None: time ran out
    better: Choice | None


@dataclass(frozen=True)
class PrincipleDebrief:
    principle: Principle
    judgement: Judgement
    occurrences: tuple[Occurrence, ...]

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict


@dataclass(frozen=True)
class PathStep:
    step: int
    node: str
    speaker: str
    text: Text
    chosen: Choice | None
    timed_out: bool
