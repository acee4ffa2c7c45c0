"""Located problems found in a scenario or catalogue file, and the error that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    severity: Severity
    message: str
    code: str = ""  # a warning's id (such as `ending-score`), printed after the message in brackets

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str) -> str:
        """`FILE:LINE:COL: error: message [code]` with the message in `lang` (simulator.lang.messages_check).
        The location, the word `error`/`warning` and the code are the same in every language: editors
        and CI (gcc-style problem matchers) parse them."""
        from simulator.lang.messages_check import render
        tail = f" [{self.code}]" if self.code else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {render(self.message, lang)}{tail}"

    def as_error(self) -> Problem:
        return Problem(self.file, self.line, self.col, "error", self.message, self.code)


class LitigeError(Exception):
    """Base of the errors a user may cause; the CLI prints them as one line, never a traceback."""


class ScenarioError(LitigeError):
    """A scenario or catalogue file could not be loaded; `problems` says where and why."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


class UnknownScenario(LitigeError):
    """A scenario id that is neither shipped nor a readable file."""
