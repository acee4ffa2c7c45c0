"""What every screen of the game shares: its language, q to quit, whether a play is open; a speaker's label."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from simulator.lang.i18n import t
from simulator.tui import keys
from simulator.tui.messages import QuitRequested

if TYPE_CHECKING:
    from simulator.format.model import Scenario


def speaker(name: str, lang: str, scenario: Scenario | None = None) -> str:
    """The label of a line's speaker: the customer's name when the scenario's card gives one."""
    if name == "customer" and scenario is not None and scenario.customer and scenario.customer.name:
        return scenario.customer.name.get(lang)
    try:
        return t("speaker." + name, lang)
    except KeyError:
        return name


class Base(Screen[None]):
    """A screen of the game: built in the trainee's language (its footer translated), it tells
    the app what the trainee does with messages (simulator/tui/messages.py)."""

    LANG_SWITCH = False  # the whole screen can be drawn again in the other language (see lang_switches)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        keys.localize(self, lang)

    def in_play(self) -> bool:
        """Whether a play is open here (one on its ending's line is finished and stored: nothing to lose)."""
        return False

    def action_quit(self) -> None:
        self.post_message(QuitRequested())


def playing(stack: Iterable[Screen[Any]]) -> bool:
    """A play is open among these screens, on top or under a help, a palette or another pushed screen."""
    return any(isinstance(screen, Base) and screen.in_play() for screen in stack)


def lang_switches(screen: Screen[Any], stack: Iterable[Screen[Any]]) -> bool:
    """Whether the language can change on `screen`, the top of `stack`: only where the whole screen
    is drawn again in the new language, not during a play (its record keeps the language it
    started in), nor over a pushed screen."""
    return isinstance(screen, Base) and screen.LANG_SWITCH and not playing(stack)
