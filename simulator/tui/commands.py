"""The command palette's entries: the game's main actions, and a start for each scenario. Each
posts the message its key would (simulator/tui/messages.py); the app does the rest."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, cast

from textual.command import Hit, Hits, Provider
from textual.message import Message

from simulator.game.library import Library
from simulator.lang.i18n import colon, t
from simulator.tui.messages import (
    CoachToggled,
    HelpAsked,
    LanguageToggled,
    LibraryAsked,
    QuitRequested,
    RoomOpened,
    ScenarioChosen,
    ThemeToggled,
    TimersToggled,
)
from simulator.tui.screens import DebriefScreen
from simulator.tui.screens.base import lang_switches


class Game(Protocol):
    """What the palette reads of the game it is opened in (Textual builds the palette: nothing
    can be handed to it)."""

    lang: str
    participant: bool
    scenarios: Library


class LitigeCommands(Provider):
    """The command palette: the game's main actions."""

    def actions(self) -> list[tuple[str, Callable[[], object]]]:
        game = cast(Game, self.app)
        lang = game.lang

        def post(message: Message) -> Callable[[], object]:
            return partial(self.app.post_message, message)
        out: list[tuple[str, Callable[[], object]]] = [
            (t("tui.k.library", lang).capitalize(), post(LibraryAsked())),
            (t("tui.k.help", lang).capitalize(), post(HelpAsked())),
            (t("tui.k.theme", lang).capitalize(), post(ThemeToggled())),
            (t("tui.k.timers", lang).capitalize(), post(TimersToggled())),
            (t("tui.k.coach", lang).capitalize(), post(CoachToggled())),
            (t("tui.k.quit", lang).capitalize(), post(QuitRequested())),
        ]
        if lang_switches(self.screen, self.app.screen_stack):  # not during a play: its lines would mix two languages
            out.insert(3, (t("tui.k.lang", lang).capitalize() + " fr/en", post(LanguageToggled())))
        if not game.participant:  # the room shows everyone's plays: the facilitator's, not a seat's
            out.insert(-1, (t("tui.k.room", lang).capitalize(), post(RoomOpened())))
        screen = self.screen
        if isinstance(screen, DebriefScreen):
            out.insert(0, (t("tui.k.export", lang).capitalize(), screen.action_export))
            out.insert(1, (t("tui.k.replay", lang).capitalize(), screen.action_replay))
            out.insert(2, (t("tui.k.model", lang).capitalize(), screen.action_model))
        for s in game.scenarios.entries():
            out.append((f"{t('tui.k.start', lang).capitalize()}{colon(lang)}{s.title.get(lang)}",
                        post(ScenarioChosen(s.id))))
        return out

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action in self.actions():
            match = matcher.match(name)
            if match > 0:
                yield Hit(match, matcher.highlight(name), action)

    async def discover(self) -> Hits:
        for name, action in self.actions():
            yield Hit(1, name, action)
