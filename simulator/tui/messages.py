"""What the game's screens and its command palette tell the app: each message names what the
trainee did; the app (simulator/tui/app.py, its `on_<message>` handlers) decides what follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from scoring.debrief import Debrief
    from simulator.format.model import Scenario
    from simulator.play.engine import Play


# -- who plays ---------------------------------------------------------------------------------

@dataclass
class NameGiven(Message):
    """A workshop seat's trainee gave their name (not empty)."""
    name: str


@dataclass
class TraineeNamed(Message):
    """The library's name field changed; `done`: the trainee left it (Enter), the list is next."""
    name: str
    done: bool = False


# -- where to go -------------------------------------------------------------------------------

@dataclass
class ScenarioChosen(Message):
    """A story picked in the library or the palette: its briefing is next."""
    scenario_id: str


class LibraryAsked(Message):
    """Back to the library (the briefing's Escape, the debrief's b, the palette)."""


class HistoryOpened(Message):
    """The library's h: the trainee's plays."""


class ProfileOpened(Message):
    """The library's p: the trainee's progress."""


class RoomOpened(Message):
    """The palette's room: the facilitator's live view of the plays."""


class HelpAsked(Message):
    """? or F1 where the app's own binding does not reach (the name field has the focus)."""


class QuitRequested(Message):
    """q on a screen: quit, after asking when a play is under way."""


# -- settings ----------------------------------------------------------------------------------

class LanguageToggled(Message):
    """l: the other language, where the screen can be drawn again in it."""


class CoachToggled(Message):
    """c: coach mode on or off for the next plays."""


class TimersToggled(Message):
    """t: time limits on or off."""


class ThemeToggled(Message):
    """The palette's light/dark theme."""


# -- plays -------------------------------------------------------------------------------------

class ResumeAsked(Message):
    """The library's r: the interrupted play, where it stopped."""


class PlayDiscarded(Message):
    """The library's x: the interrupted play is given up."""


@dataclass
class PlayStarted(Message):
    """A new play of this scenario (the briefing's Enter, the debrief's replay)."""
    scenario: Scenario


@dataclass
class PlaySaved(Message):
    """The play screen saved a step or the time spent at a node (what the session has to say follows)."""
    play: Play


@dataclass
class PlayFinished(Message):
    """The play reached an ending: scored and stored finished."""
    play: Play


@dataclass
class DebriefOpened(Message):
    """The ending's line was read: its debrief is next."""
    play: Play
    debrief: Debrief


@dataclass
class RetryFrom(Message):
    """Try again from this step of a play (the debrief's path, the profile's suggestion)."""
    play: Play
    step: int


@dataclass
class PractiseChosen(Message):
    """The profile's suggestion taken: this scenario, from this step of that stored play."""
    scenario_id: str
    play_id: str
    step: int
