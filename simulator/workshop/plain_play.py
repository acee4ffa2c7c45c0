"""A workshop seat in line mode (the accessible page): the trainee's name, asked once; the
story, unless the room plays one; then line mode's own LineSession (simulator/game/linemode.py).

Pure and I/O-free but for the store, like LineSession: what it shows is the same Event kinds
(heading, line, choices, prompt, notice, debrief), so that the page has one way to show all.
A seat holds its trainee's name for its whole life (GameSession.claim_name, as a terminal seat
does): two people under one name would play one play. After a debrief, a room without a
set story offers the library again, the name kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.game.linemode import Event, LineSession, read_pick, shipped_stories
from simulator.game.session import GameSession
from simulator.lang.i18n import t
from simulator.lang.plaintext import MAX_NAME, name_refusal
from simulator.workshop.plain_page import word

if TYPE_CHECKING:
    from simulator.format.model import Scenario
    from simulator.results.store import Store


@lru_cache(maxsize=1)
def library() -> tuple[Scenario, ...]:
    """The shipped stories that load, in the library's order: read once per server (0.15-0.25 s,
    on the one thread every plain seat shares: a room of 40 joining at once would wait for 40
    reads); the model is frozen, so the seats share it."""
    return shipped_stories()


def load_story(ref: str) -> Scenario:
    """The room's story: a shipped id or a YAML file's path (checked by `litige serve` already)."""
    from simulator.format.scenario_ref import load_scenario
    return load_scenario(ref)


class PlainPlay:
    """One plain seat's session: start()/answer(text) give Events; close() always."""

    def __init__(self, *, lang: str, db: str | Path | None, scenario: str | None = None, coach: bool = False,
                 store: Store | None = None):
        from simulator.results.store import Store as _Store
        self.lang = lang
        self.coach = coach
        self.store = store if store is not None else _Store.open(db)
        self.game = GameSession(self.store, lang=lang)  # the seat's name and play held, its saves
        self.story = load_story(scenario) if scenario else None
        self.stories: tuple[Scenario, ...] = ()
        self.trainee: str | None = None
        self.line: LineSession | None = None
        self.quit = False

    @property
    def finished(self) -> bool:
        """Nothing more to answer: the trainee left, or played the room's one story to its debrief."""
        if self.quit:
            return True
        return self.line is not None and self.line.finished and (self.line.quit or self.story is not None)

    def start(self) -> list[Event]:
        lang = self.lang
        return [Event("heading", t("participant.welcome", lang)), Event("prompt", t("participant.name", lang))]

    def answer(self, text: str) -> list[Event]:
        if self.finished:
            return [Event("notice", t("line.over", self.lang))]
        if self.trainee is None:
            return self._name(text)
        if self.line is None or self.line.finished:
            return self._pick(text)
        events = self._for_page(self.line.answer(text))
        if self.line.finished and not self.finished:  # a debrief, and the library again
            self.line.close()
            events += self._library()
        return events

    def close(self) -> None:
        """Let go of the play, the name and the database."""
        try:
            if self.line is not None:
                self.line.close()
            self.game.close()
        finally:
            self.store.close()

    def _for_page(self, events: list[Event]) -> list[Event]:
        """Line mode's events, its key help said for the page (a digit answers at once, no Enter)."""
        page = {t("line.keys", self.lang): word("keys", self.lang), t("line.help", self.lang): word("help", self.lang)}
        return [Event(e.kind, page[e.text], e.items) if e.kind == "notice" and e.text in page else e for e in events]

    # -- before the play -------------------------------------------------------------------
    def _name(self, text: str) -> list[Event]:
        lang = self.lang
        name = " ".join(text.split())
        again = Event("prompt", t("participant.name", lang))
        if not name:
            return [Event("notice", t("participant.name_needed", lang)), again]
        bad = name_refusal(name)
        if bad:
            return [Event("notice", t("tui.name_refused", lang, char=bad)), again]
        if len(name) > MAX_NAME:
            return [Event("notice", t("tui.name_too_long", lang, n=MAX_NAME)), again]
        if not self.game.claim_name(name):
            return [Event("notice", t("participant.name_taken", lang)), again]
        said = [Event("notice", n.text) for n in self.game.notices()]  # a name the store cannot hold
        self.trainee = self.game.trainee = name
        if self.story is not None:
            return said + self._begin(self.story)
        return said + self._library()

    def _library(self) -> list[Event]:
        lang = self.lang
        self.stories = self.stories or library()
        return [Event("choices", t("line.library", lang), tuple(s.title.get(lang) for s in self.stories)),
                Event("prompt", t("line.pick", lang, n=len(self.stories)))]

    def _pick(self, text: str) -> list[Event]:
        lang, n = self.lang, len(self.stories)
        pick = read_pick(text, n)
        if pick == "quit":
            self.quit = True
            return [Event("notice", t("line.bye", lang))]
        if isinstance(pick, int):
            return self._begin(self.stories[pick])
        if pick == "":
            return [Event("prompt", t("line.pick", lang, n=n))]
        typed = " ".join(text.split()).lower()
        return [Event("notice", t("line.not_a_story", lang, typed=typed, n=n)),
                Event("prompt", t("line.pick", lang, n=n))]

    def _begin(self, story: Scenario) -> list[Event]:
        self.line = LineSession(story, self.lang, coach=self.coach, game=self.game)
        events = self._for_page(self.line.start())
        briefing = len(self.line.briefing())  # start() gives the briefing first: its title, its lines
        if briefing and events and events[0].kind == "heading":
            events[0] = Event("heading", word("briefing", self.lang, title=events[0].text))
            first = next((i for i in range(briefing, len(events)) if events[i].kind == "line"), len(events))
            events.insert(first, Event("heading", word("conversation", self.lang)))
        if self.line.finished and not self.finished:
            self.line.close()
            events += self._library()
        return events
