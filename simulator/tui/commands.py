"""The command palette's entries: the game's main actions, and a start for each scenario."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from collections.abc import Callable

from textual.command import Hit, Hits, Provider

from simulator.lang.i18n import colon, t
from simulator.tui.screens import DebriefScreen

if TYPE_CHECKING:
    from simulator.tui.app import LitigeApp


class LitigeCommands(Provider):
    """The command palette: the game's main actions."""

    def actions(self) -> list[tuple[str, Callable[[], object]]]:
        app: LitigeApp = self.app  # type: ignore[assignment]
        lang = app.lang
        out: list[tuple[str, Callable[[], object]]] = [
            (t("tui.k.library", lang).capitalize(), app.show_library),
            (t("tui.k.help", lang).capitalize(), app.action_help),
            (t("tui.k.theme", lang).capitalize(), app.action_toggle_theme),
            (t("tui.k.timers", lang).capitalize(), app.toggle_timers),
            (t("tui.k.coach", lang).capitalize(), app.toggle_coach),
            (t("tui.k.quit", lang).capitalize(), app.action_quit),
        ]
        if app.can_change_lang(self.screen):  # not during a play: its lines would mix two languages
            out.insert(3, (t("tui.k.lang", lang).capitalize() + " fr/en", app.toggle_lang))
        if not app.participant:  # the room shows everyone's plays: the facilitator's, not a seat's
            out.insert(-1, (t("tui.k.room", lang).capitalize(), app.show_room))
        screen = self.screen
        if isinstance(screen, DebriefScreen):
            out.insert(0, (t("tui.k.export", lang).capitalize(), screen.action_export))
            out.insert(1, (t("tui.k.replay", lang).capitalize(), screen.action_replay))
            out.insert(2, (t("tui.k.model", lang).capitalize(), screen.action_model))
        for s in app.scenarios.entries():
            out.append((f"{t('tui.k.start', lang).capitalize()}{colon(lang)}{s.title.get(lang)}",
                        partial(app.brief, s.id)))
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
