"""`litige` with no command: the game. Library → briefing → play → debrief, every step saved."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable, Iterable

from textual.app import App
from textual.screen import Screen

from simulator.format import collector
from simulator.format.errors import LitigeError
from simulator.lang.i18n import LANGS, resolve_lang, t
from simulator.play.record import PlayRecord
from simulator.game.session import NOT_SAVED, PLAY_BROKEN, PLAY_TAKEN, PLAY_UNREADABLE, GameSession
from simulator.game.shelf import Shelf
from simulator.results.store import Store
from simulator.tui import keys
from simulator.tui.exports import Exports
from simulator.tui.screens import (BriefingScreen, DebriefScreen, HelpScreen, LibraryScreen, NameScreen, PlayScreen,
                                   QuitScreen)

if TYPE_CHECKING:  # the engine and the scoring are imported with the first play: the library shows sooner
    from textual.command import Provider

    from scoring.debrief import Debrief
    from simulator.play.engine import Play
    from simulator.authoring.graph import Graph
    from simulator.format.model import Scenario

Clock = Callable[[], float]

THEMES = ("textual-dark", "textual-light")
# how each kind of the session's notices is said: severity, seconds shown
NOTICE_STYLE = {NOT_SAVED: ("error", 8.0), PLAY_TAKEN: ("warning", 6.0), PLAY_UNREADABLE: ("warning", 10.0),
                PLAY_BROKEN: ("error", 5.0)}
START_COLLECT_DELAY = 1.0  # seconds after the first frame before the collector is back on (on_ready)
PARENT_CHECK = 1.0  # seconds between a workshop seat's looks at whether its server is still there


def litige_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (textual.command is
    costly to import and the library should show without it)."""
    from simulator.tui.commands import LitigeCommands
    return LitigeCommands


class LitigeApp(App):
    TITLE = "Litige"
    CSS_PATH = "litige.tcss"
    BINDINGS = keys.APP
    COMMANDS = App.COMMANDS | {litige_commands}
    today: Callable[[], date] | None = None  # the profile's day (simulator/tui/screens/profile.py); None: today's, UTC

    def __init__(self, scenario_paths: Iterable[str | Path], store: Store, lang: str | None = None,
                 no_timers: bool = False, clock: Clock | None = None, participant: bool = False,
                 start_scenario: str | None = None, export_dir: str | Path | None = None,
                 server_pid: int | None = None, heads_cache: Path | None = None, variant: str | None = None,
                 coach: bool = False):
        """`variant`: the variant a new play of a scenario that has one of this id plays (a test, a
        facilitator's demonstration); other plays draw theirs (simulator.play.engine.draw_variant).
        `coach`: a workshop seat plays in coach mode (the facilitator's `litige serve --coach`);
        outside workshops the trainee's setting decides (see coach_for)."""
        super().__init__()
        self.workshop_coach = coach
        self.variant = variant
        self.server_pid = server_pid
        self.store = store
        # the game's use of the store (seats, saves, resuming, best scores): simulator/game/session.py
        self.session = GameSession(store)
        self.clock: Clock = clock or time.monotonic
        self.participant = participant
        self.start_scenario = start_scenario
        self.exports = Exports(Path(export_dir) if export_dir else None, participant)
        self.last_scenario: str | None = None  # the story last played or selected: the library's selection comes back to it
        # The library lists each story from the head of its file (remembered between starts in
        # `heads_cache`, simulator/game/headcache.py); a story is read and validated in full when it
        # is opened (simulator/game/shelf.py).
        heads = None
        if heads_cache is not None:
            from simulator.game.headcache import HeadCache
            heads = HeadCache(heads_cache)
        self.scenarios = Shelf(scenario_paths, heads=heads)
        # --lang, else $LITIGE_LANG, else the choice saved in the game, else French: the one rule
        self.lang = resolve_lang(lang, lambda: self.setting("lang"))
        self.no_timers = no_timers or self.setting("no_timers") == "1"
        self.trainee = self.setting("trainee") or None
        theme = self.setting("theme")
        if theme in THEMES:
            self.theme = theme
        keys.localize(self, self.lang)

    # -- navigation --------------------------------------------------------------------------
    def on_ready(self) -> None:  # the first frame is shown
        # Started with the collector paused (cli.cmd_tui): back on a moment later, once the
        # library is drawn whole and the trainee reads it (turned back on at the first frame,
        # its first pass, 25 ms, fell while the footer was still being drawn).
        if collector.start_paused():
            self.set_timer(START_COLLECT_DELAY, collector.resume_after_start)

    def on_mount(self) -> None:
        self.title = "Litige"
        if self.participant:
            if self.server_pid is not None:
                self.set_interval(PARENT_CHECK, self.check_server)
            self.push_screen(NameScreen())
        else:
            self.push_screen(LibraryScreen())

    def check_server(self) -> None:
        """A workshop seat whose `litige serve` is gone quits (every step is already saved)."""
        from simulator.workshop.lifeline import orphaned
        if self.server_pid is not None and orphaned(self.server_pid):
            self.exit()

    def after_name(self) -> None:
        """A participant gave their name: resume their play, or start the workshop's scenario."""
        if self.start_scenario and self.start_scenario in self.scenarios:
            pending = self.pending(self.start_scenario)
            if pending is not None:
                self.resume(pending)
            else:
                self.brief(self.start_scenario)
        else:
            self.switch_screen(LibraryScreen())

    def show_library(self) -> None:
        self.switch_screen(LibraryScreen())

    def show_room(self) -> None:
        """The facilitator's live view of the plays in this database (Escape comes back)."""
        from simulator.tui.room import RoomScreen
        from simulator.workshop.source import StoreRoomSource
        self.push_screen(RoomScreen(StoreRoomSource(self.store), lang=self.lang))

    def brief(self, scenario_id: str) -> None:
        scenario = self.scenario(scenario_id)
        if scenario is not None:
            self.switch_screen(BriefingScreen(scenario))

    def scenario(self, scenario_id: str) -> Scenario | None:
        """The validated scenario; if its file turns out invalid, say so in one line."""
        try:
            return self.scenarios[scenario_id]
        except LitigeError as exc:
            self.notify(str(exc).splitlines()[0], severity="error", timeout=10)
            return None

    def start_play(self, scenario: Scenario) -> None:
        self.last_scenario = scenario.id
        variant = self.variant if any(v.id == self.variant for v in scenario.variants) else None
        play = self.session.start(scenario, lang=self.lang, clock=self.clock, coach=self.coach_for(scenario.id),
                                  variant=variant)
        self.tell()
        self.switch_screen(PlayScreen(play))

    def resume(self, record: PlayRecord) -> None:
        scenario = self.scenario(record.scenario)
        if scenario is None:
            return
        play = self.session.resume(scenario, record, clock=self.clock)
        self.tell()
        if play is None:  # another live game plays it, or it cannot be replayed (said)
            return
        spent = self.session.spent(record)
        if play.finished:
            self.finish(play)
        else:
            self.switch_screen(PlayScreen(play))
            left = play.time_left()
            if spent and left is not None and not self.no_timers:
                self.notify(t("tui.resumed_clock", self.lang, seconds=int(left + 0.999)), timeout=4)

    def resume_pending(self) -> None:
        pending = self.pending()
        if pending is not None:
            self.resume(pending)

    def try_again_from(self, play: Play, step: int) -> None:
        """The debrief's "try again from here": a new play holding the first steps of this one,
        saved as its own; the play it comes from stays as it ended."""
        branched = play.branch(step)
        branched.record = replace(branched.record, mode=play.record.mode)  # the mode it was played in
        self.session.begin(branched)
        self.tell()
        self.switch_screen(PlayScreen(branched))

    def finish(self, play: Play) -> None:
        """A finished play: scored, stored, its debrief shown."""
        self.show_debrief(play, self.conclude(play))

    def conclude(self, play: Play) -> Debrief:
        """Score a finished play and store it finished (before its ending is read: a trainee who
        quits on the ending's line has a finished play)."""
        debrief = self.session.finish(play)
        self.tell()
        self.last_scenario = play.scenario.id
        return debrief

    def show_debrief(self, play: Play, debrief: Debrief) -> None:
        self.switch_screen(DebriefScreen(play, debrief))

    # -- store (simulator/game/session.py: the rules; here, how what it says is shown) -------------------
    @property
    def trainee(self) -> str | None:
        return self.session.trainee

    @trainee.setter
    def trainee(self, name: str | None) -> None:
        self.session.trainee = name or None

    @property
    def lang(self) -> str:
        return self.session.lang

    @lang.setter
    def lang(self, lang: str) -> None:
        self.session.lang = lang

    @property
    def held(self) -> str | None:
        """The play this game holds in the store (see Store.hold_play)."""
        return self.session.held

    @property
    def claimed(self) -> str | None:
        """A workshop seat's name, held for the seat's life."""
        return self.session.claimed

    def tell(self) -> None:
        """Show what the session has to say (store trouble, a play taken or damaged)."""
        for notice in self.session.notices():
            severity, timeout = NOTICE_STYLE.get(notice.kind, ("warning", 6.0))
            self.notify(notice.text, severity=severity, timeout=timeout, markup=False)

    def claim_name(self, name: str) -> bool:
        """A workshop seat takes its trainee's name for as long as it lives; False if another live
        seat has it."""
        claimed = self.session.claim_name(name)
        self.tell()
        return claimed

    def on_unmount(self) -> None:
        """The game is over (tab closed, quit): let go of the play and the name it held."""
        self.session.close()

    def _free(self, play_id: str) -> bool:
        """No other live game holds this play (GameSession.free)."""
        return self.session.free(play_id)

    def saved(self, play: Play) -> None:
        self.session.save(play)
        self.tell()

    def save_clock(self, play: Play) -> None:
        """The seconds spent at the play's current node (called every few seconds)."""
        self.session.save_clock(play)
        self.tell()

    def abandon(self, play_id: str) -> None:
        """The trainee gave this play up: no longer offered for resuming."""
        self.session.abandon(play_id)
        self.tell()

    def setting(self, key: str) -> str | None:
        """A remembered preference. A workshop seat shares its database with the whole room:
        it neither reads nor writes anyone's name, language, theme or timer setting."""
        return None if self.participant else self.store.get_setting(key)

    def remember(self, key: str, value: str) -> None:
        if not self.participant:
            self.guarded(self.store.set_setting, key, value)

    def guarded(self, action: Callable[..., object], *args: object) -> None:
        """A store write: if it fails (disk full, file gone), say so in one line and play on."""
        self.session.write(action, *args)
        self.tell()

    def pending(self, scenario_id: str | None = None) -> PlayRecord | None:
        """The most recent unfinished play of this trainee (of a known scenario) to offer resuming;
        a damaged play is passed over and said once (GameSession.pending)."""
        record = self.session.pending(scenario_id, known=self.scenarios)
        self.tell()
        return record

    def best_scores(self) -> dict[str, float]:
        return self.session.best_scores()

    def set_trainee(self, name: str) -> None:
        self.trainee = name or None
        self.remember("trainee", name)

    def export(self, d: Debrief) -> Path:
        return self.exports.debrief(d, self.lang)

    def export_map(self, d: Debrief, graph: Graph) -> Path:
        return self.exports.map(d, graph, self.lang)

    # -- actions -----------------------------------------------------------------------------
    def can_change_lang(self, screen: Screen | None = None) -> bool:
        """Only where the whole screen is drawn again in the new language: not during a play
        (its record keeps the language it started in), nor over a pushed screen."""
        screen = screen or self.screen
        return isinstance(screen, (LibraryScreen, BriefingScreen, DebriefScreen)) and not self.in_play()

    def toggle_lang(self) -> None:
        if not self.can_change_lang():
            self.notify(t("tui.lang_not_here", self.lang), timeout=4)
            return
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)] if self.lang in LANGS else "fr"
        self.remember("lang", self.lang)
        keys.localize(self, self.lang)
        if isinstance(self.screen, LibraryScreen):
            self.last_scenario = self.screen.highlighted_story() or self.last_scenario  # the same story, in the other language
            self.switch_screen(LibraryScreen())
        elif isinstance(self.screen, BriefingScreen):
            self.switch_screen(BriefingScreen(self.screen.scenario))
        elif isinstance(self.screen, DebriefScreen):
            self.switch_screen(DebriefScreen(self.screen.play, self.screen.debrief.in_lang(self.lang)))

    def coach_for(self, scenario_id: str) -> bool:
        """Whether a new play of this scenario is played in coach mode: in a workshop, as the
        facilitator said (`--coach`, off by default); else as the trainee set it, and when they
        never did, on for their first play of the scenario."""
        if self.participant:
            return self.workshop_coach
        return self.session.coach_for(scenario_id)  # the rule, written once (line mode decides alike)

    def coach_state(self) -> str:
        """The coach setting in words, for the library's header: on, off, or on at a first play."""
        if self.participant:
            return t("tui.mode.coach" if self.workshop_coach else "tui.mode.exam", self.lang)
        saved = self.setting("coach")
        return t({"1": "tui.mode.coach", "0": "tui.mode.exam"}.get(saved or "", "tui.mode.auto"), self.lang)

    def toggle_coach(self) -> None:
        """Coach mode on or off for the next plays (saved with the other settings)."""
        if self.participant:
            self.workshop_coach = not self.workshop_coach
            on = self.workshop_coach
        else:
            saved = self.setting("coach")
            on = not (saved == "1") if saved in ("0", "1") else False  # the first toggle of "on at first play": off
            self.remember("coach", "1" if on else "0")
        self.notify(t("tui.coach_on" if on else "tui.coach_off", self.lang), timeout=3)
        if isinstance(self.screen, LibraryScreen):
            self.screen.show_mode()

    def toggle_timers(self) -> None:
        self.no_timers = not self.no_timers
        self.remember("no_timers", "1" if self.no_timers else "0")
        self.notify(t("tui.timers_off" if self.no_timers else "tui.timers_on", self.lang), timeout=3)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.remember("theme", self.theme)

    def in_play(self) -> bool:
        """A play is open, on top or under a help, a palette or another pushed screen (a play on
        its ending's line is finished and stored: nothing to lose)."""
        return any(isinstance(screen, PlayScreen) and not screen.play.finished for screen in self.screen_stack)

    async def action_quit(self) -> None:
        if isinstance(self.screen, QuitScreen):
            return
        if self.in_play():  # asked from the play's help too: Ctrl+Q there quit at once
            def decided(yes: bool | None) -> None:
                if yes:
                    self.exit()
            self.push_screen(QuitScreen(self.lang), decided)
        else:
            self.exit()
