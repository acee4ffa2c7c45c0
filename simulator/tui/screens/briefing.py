"""The briefing: the story's role, customer, situation and stake, before a play begins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.lang.i18n import label, t
from simulator.tui import keys
from simulator.tui.messages import LibraryAsked, PlayStarted
from simulator.tui.screens.base import Base

if TYPE_CHECKING:
    from simulator.format.model import Scenario


class BriefingScreen(Base):
    BINDINGS = keys.BRIEFING
    LANG_SWITCH = True

    def __init__(self, lang: str, scenario: Scenario) -> None:
        super().__init__(lang)
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        from simulator.format.model import Customer  # loaded with the story (not before the library shows)
        s, lang = self.scenario, self.lang
        body = Text()
        body.append(s.title.get(lang) + "\n", style="bold underline")
        customer = s.customer
        for key, value in (("tui.role", s.role), ("tui.customer", customer), ("tui.situation", s.summary)):
            if not value:
                continue
            body.append(f"\n{t(key, lang)}\n", style="bold")
            if isinstance(value, Customer):  # the card: the name in bold, who they are below
                if value.name:
                    body.append(value.name.get(lang) + "\n", style="bold")
                if value.description:
                    body.append(value.description.get(lang) + "\n")
            else:
                body.append(value.get(lang) + "\n")
        body.append(f"\n{t('tui.stake', lang)}\n", style="bold")
        body.append(t("tui.stake_text", lang, score=s.pass_score) + "\n")
        if s.source:
            body.append(f"\n{label('debrief.source', lang)}{s.source.citation(lang)}\n", style="dim")
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(body, id="brief-text")
        yield Static(t("tui.begin", lang), classes="hint")
        yield Footer()

    def action_begin(self) -> None:
        self.post_message(PlayStarted(self.scenario))

    def action_back(self) -> None:
        self.post_message(LibraryAsked())
