"""What every screen of the game shares: the app's language in its footer, q to quit, a speaker's label."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from simulator.lang.i18n import t
from simulator.tui import keys

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


class Base(Screen):
    """A screen that knows the app's language and translates its footer."""

    def __init__(self) -> None:
        super().__init__()
        keys.localize(self, self.app.lang)

    @property
    def lang(self) -> str:
        return self.app.lang

    async def action_quit(self) -> None:
        await self.app.action_quit()
