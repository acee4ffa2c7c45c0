"""The facilitator's live screen (`litige room`): the room's plays, refreshed as they come in.

Thin: the data comes from a `RoomSource` (the store), the tallies and the text from
`simulator.workshop.room`; this module only lays the four panels out and polls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from simulator.format.model import Scenario
from simulator.lang.i18n import t
from simulator.lang.plaintext import shown, visible
from simulator.workshop.room import (
    Room,
    RoomPlay,
    build_room,
    render_choices,
    render_principles,
    render_scope,
    render_scores,
    render_seats,
)

REFRESH_SECONDS = 2.0


class RoomSource(Protocol):
    def plays(self) -> Sequence[RoomPlay]: ...
    def scenario(self, scenario_id: str) -> Scenario | None: ...
    def principle_name(self, principle_id: str, lang: str) -> str: ...


@dataclass(frozen=True)
class Refresh:
    room: Room
    seconds: float
    at: str


def take(source: RoomSource, *, scenario: str | None, anonymous: bool, lang: str) -> Refresh:
    """Read the plays and tally them (what one refresh costs, without the drawing)."""
    started = time.perf_counter()
    room = build_room(source.plays(), source.scenario, scenario=scenario, anonymous=anonymous, lang=lang,
                      principle_name=lambda pid: source.principle_name(pid, lang),
                      since=getattr(source, "since", None))
    return Refresh(room, time.perf_counter() - started, datetime.now().strftime("%H:%M:%S"))


class RoomScreen(Screen[None]):
    """Who is playing, who has finished, the choices at each node, the principles missed, scores."""

    DEFAULT_CSS = """
    RoomScreen VerticalScroll { padding: 0 1; }
    RoomScreen .panel { margin: 0 0 1 0; }
    """
    BINDINGS = [
        Binding("r", "refresh_room", "Refresh / Actualiser"),
        Binding("a", "toggle_anonymous", "Names / Noms"),
        Binding("escape", "leave", "Back / Retour"),
    ]

    def __init__(self, source: RoomSource, *, scenario: str | None = None, anonymous: bool = False,
                 lang: str = "fr", interval: float = REFRESH_SECONDS,
                 on_refresh: Callable[[Refresh], None] | None = None):
        super().__init__()
        self.source = source
        self.scenario_id = scenario
        self.anonymous = anonymous
        self.lang = lang
        self.interval = interval
        self.on_refresh = on_refresh
        self.last: Refresh | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="room-panels", can_focus=True):
            for name in ("seats", "choices", "principles", "scores"):
                yield Static("", id=f"room-{name}", classes="panel", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_room()
        self.set_interval(self.interval, self.action_refresh_room)

    def action_refresh_room(self) -> None:
        refresh = take(self.source, scenario=self.scenario_id, anonymous=self.anonymous, lang=self.lang)
        room, lang = refresh.room, self.lang
        width = max(60, self.size.width - 4) if self.size.width else 78
        # The panels hold names and ids read from the database: written by the rule for stored
        # free text (plaintext), so that an escape sequence or a bidi override in a name shows as
        # an escape instead of acting on the terminal (Textual passes them through).
        self.title = f"{t('room.title', lang)} — {shown(room.title) or t('room.no_plays', lang)}"
        self.sub_title = t("room.refreshed", lang, time=refresh.at, ms=round(1000 * refresh.seconds))
        panels = {"choices": render_choices, "principles": render_principles, "scores": render_scores}
        for name, render in panels.items():
            self.query_one(f"#room-{name}", Static).update(visible("\n".join(render(room, lang, width))))
        seats = [*render_scope(room, lang, width), ""] + render_seats(room, lang, width)
        if room.others:
            others = ", ".join(f"{k} ({v})" for k, v in sorted(room.others.items()))
            seats += ["", t("room.others", lang, others=others)]
        self.query_one("#room-seats", Static).update(visible("\n".join(seats)))
        self.last = refresh
        if self.on_refresh:
            self.on_refresh(refresh)

    def action_toggle_anonymous(self) -> None:
        self.anonymous = not self.anonymous
        self.action_refresh_room()

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()


class RoomApp(App[None]):
    """`litige room` on its own: the RoomScreen as the only screen."""

    TITLE = "Litige"
    BINDINGS = [Binding("q", "quit", "Quit / Quitter")]

    def __init__(self, source: RoomSource, **screen_options: Any) -> None:
        super().__init__()
        self._source = source
        self._options = screen_options

    def get_default_screen(self) -> Screen[None]:
        return RoomScreen(self._source, **self._options)

    @property
    def room(self) -> RoomScreen:
        screen = self.screen
        assert isinstance(screen, RoomScreen)
        return screen


def run(source: RoomSource, **screen_options: Any) -> int:
    """The live room until the facilitator quits (0). A crash exits 1 with one line naming its
    log, as the game and the preview do (simulator.tui.crash); Textual alone printed the
    traceback and exited 0."""
    from simulator.tui.crash import run_logged
    return run_logged(RoomApp(source, **screen_options))
