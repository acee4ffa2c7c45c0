"""`litige` with no command: the game. Library → briefing → play → debrief, every step saved. The
screens are given what they show, and tell the app what the trainee does (simulator/tui/messages.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App

from simulator.format import gc_pause
from simulator.format.errors import LitigeError
from simulator.game.library import Library
from simulator.game.session import NOT_SAVED, PLAY_BROKEN, PLAY_TAKEN, PLAY_UNREADABLE, Clock, GameSession
from simulator.game.settings import Settings
from simulator.lang.i18n import LANGS, t
from simulator.play.record import PlayRecord
from simulator.results.store import Store
from simulator.tui import keys, messages, screens
from simulator.tui.exports import Exports
from simulator.tui.preferences import Preferences
from simulator.tui.screens.base import lang_switches, playing

if TYPE_CHECKING:  # the engine and the scoring are imported with the first play: the library shows sooner
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from scoring.debrief import Debrief
    from simulator.format.model import Scenario
    from simulator.play.engine import Play

THEMES = ("textual-dark", "textual-light")
# how each kind of the session's notices is said: severity, seconds shown
NOTICE_STYLE: dict[str, tuple[SeverityLevel, float]] = {
    NOT_SAVED: ("error", 8.0), PLAY_TAKEN: ("warning", 6.0), PLAY_UNREADABLE: ("warning", 10.0), PLAY_BROKEN: ("error", 5.0)}
START_COLLECT_DELAY = 1.0  # seconds after the first frame before the collector is back on (on_ready)
PARENT_CHECK = 1.0  # seconds between a workshop seat's looks at whether its server is still there


def litige_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (textual.command is
    costly to import and the library should show without it)."""
    from simulator.tui.commands import LitigeCommands
    return LitigeCommands


class LitigeApp(App[None]):
    TITLE = "Litige"
    CSS_PATH = "litige.tcss"
    BINDINGS = keys.APP
    COMMANDS = App.COMMANDS | {litige_commands}
    today: Callable[[], date] | None = None  # the profile's day (simulator/tui/screens/profile.py); None: today's, UTC

    def __init__(self, scenario_paths: Iterable[str | Path], store: Store, settings: Settings, *,
                 clock: Clock | None = None, export_dir: str | Path | None = None, server_pid: int | None = None,
                 heads_cache: Path | None = None, variant: str | None = None):
        """`settings`: what the command line, the environment and the saved choices decided
        (simulator/game/settings.py), built once by the CLI; the game keeps its own toggles (timers,
        theme, coach mode) in the store besides. `variant`: the variant a new play of a scenario
        that has one of this id plays (a test, a facilitator's demonstration); other plays draw
        theirs (simulator.play.engine.draw_variant)."""
        super().__init__()
        self.variant = variant
        self.server_pid = server_pid
        self.store = store
        # the game's use of the store (seats, saves, resuming, best scores): simulator/game/session.py
        self.session = GameSession(store)
        participant = settings.participant
        self.prefs = Preferences(store, self.session, participant=participant, workshop_coach=settings.workshop_coach)
        self.clock: Clock = clock or time.monotonic
        self.participant = participant
        self.start_scenario = settings.start_scenario
        self.exports = Exports(Path(export_dir) if export_dir else None, participant)
        self.last_scenario: str | None = None  # the story last played or selected: the library's selection comes back to it
        # The library lists each story from the head of its file (remembered between starts in
        # `heads_cache`, simulator/game/library_cache.py); a story is read and validated in full when it
        # is opened (simulator/game/library.py).
        heads = None
        if heads_cache is not None:
            from simulator.game.library_cache import LibraryCache
            heads = LibraryCache(heads_cache)
        self.scenarios = Library(scenario_paths, heads=heads)
        self.lang = settings.lang  # --lang, else $LITIGE_LANG, else the choice saved in the game, else French
        self.no_timers = settings.no_timers or self.prefs.get("no_timers") == "1"
        self.trainee = self.prefs.get("trainee") or None
        theme = self.prefs.get("theme")
        if theme in THEMES:
            self.theme = theme
        keys.localize(self, self.lang)

    # -- navigation --------------------------------------------------------------------------
    def on_ready(self) -> None:  # the first frame is shown
        # Started with the collector paused (cli.cmd_tui): back on a moment later, once the
        # library is drawn whole and the trainee reads it (turned back on at the first frame,
        # its first pass, 25 ms, fell while the footer was still being drawn).
        if gc_pause.start_paused():
            self.set_timer(START_COLLECT_DELAY, gc_pause.resume_after_start)

    def on_mount(self) -> None:
        self.title = "Litige"
        if self.participant:
            if self.server_pid is not None:
                self.set_interval(PARENT_CHECK, self.check_server)
            self.push_screen(screens.NameScreen(self.lang))
        else:
            self.push_screen(self.library())

    def check_server(self) -> None:
        """A workshop seat whose `litige serve` is gone quits (every step is already saved)."""
        from simulator.workshop.server_watch import orphaned
        if self.server_pid is not None and orphaned(self.server_pid):
            self.exit()

    def library(self) -> screens.LibraryScreen:
        """The library as it stands: the trainee's scores, their interrupted play, the mode."""
        asked = bool(self.trainee) or self.prefs.get("trainee") is not None
        return screens.LibraryScreen(self.lang, self.scenarios, trainee=self.trainee, asked=asked, best=self.session.best_scores(),
                             pending=self.pending(), last=self.last_scenario, mode=self.coach_mode())

    def after_name(self) -> None:
        """A participant gave their name: resume their play, or start the workshop's scenario."""
        if self.start_scenario and self.start_scenario in self.scenarios:
            pending = self.pending(self.start_scenario)
            if pending is not None:
                self.resume(pending)
            else:
                self.brief(self.start_scenario)
        else:
            self.show_library()

    @on(messages.LibraryAsked)
    def show_library(self, _message: messages.LibraryAsked | None = None) -> None:
        self.switch_screen(self.library())

    def brief(self, scenario_id: str) -> None:
        scenario = self.scenario(scenario_id)
        if scenario is not None:
            self.switch_screen(screens.BriefingScreen(self.lang, scenario))

    def scenario(self, scenario_id: str) -> Scenario | None:
        """The validated scenario; if its file turns out invalid, say so in one line."""
        try:
            return self.scenarios[scenario_id]
        except LitigeError as exc:
            self.notify(str(exc).splitlines()[0], severity="error", timeout=10)
            return None

    def play_screen(self, play: Play) -> screens.PlayScreen:
        return screens.PlayScreen(self.lang, play, self.session, clock=self.clock, no_timers=self.no_timers)

    def resume(self, record: PlayRecord) -> None:
        scenario = self.scenario(record.scenario)
        if scenario is None:
            return
        play = self.session.resume(scenario, record, clock=self.clock)
        self.tell()
        if play is None:  # another live game plays it, or it cannot be replayed (said)
            return
        spent = self.session.spent(record)
        if play.finished:  # scored and stored finished, its debrief shown
            debrief = self.session.finish(play)
            self.finished(play)
            self.show_debrief(play, debrief)
        else:
            self.switch_screen(self.play_screen(play))
            left = play.time_left()
            if spent and left is not None and not self.no_timers:
                self.notify(t("tui.resumed_clock", self.lang, seconds=int(left + 0.999)), timeout=4)

    def try_again_from(self, play: Play, step: int) -> None:
        """The debrief's "try again from here": a new play holding the first steps of this one,
        saved as its own; the play it comes from stays as it ended."""
        branched = play.branch(step)
        branched.record = replace(branched.record, mode=play.record.mode)  # the mode it was played in
        self.session.begin(branched)
        self.tell()
        self.switch_screen(self.play_screen(branched))

    def finished(self, play: Play) -> None:
        """A play scored and stored finished: what the session has to say, and the library's selection."""
        self.tell()
        self.last_scenario = play.scenario.id

    def show_debrief(self, play: Play, debrief: Debrief) -> None:
        self.switch_screen(screens.DebriefScreen(self.lang, play, debrief, self.exports))

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
    def claimed(self) -> str | None:
        """A workshop seat's name, held for the seat's life."""
        return self.session.claimed

    @on(messages.PlaySaved)
    def tell(self, _message: messages.PlaySaved | None = None) -> None:
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

    def remember(self, key: str, value: str) -> None:
        """A choice kept for the next start (Preferences.remember); a failed write said."""
        self.prefs.remember(key, value)
        self.tell()

    def pending(self, scenario_id: str | None = None) -> PlayRecord | None:
        """The most recent unfinished play of this trainee (of a known scenario) to offer resuming;
        a damaged play is passed over and said once (GameSession.pending)."""
        record = self.session.pending(scenario_id, known=self.scenarios)
        self.tell()
        return record

    def set_trainee(self, name: str) -> None:
        self.trainee = name or None
        self.remember("trainee", name)

    # -- actions -----------------------------------------------------------------------------
    @on(messages.LanguageToggled)
    def toggle_lang(self, _message: messages.LanguageToggled | None = None) -> None:
        if not lang_switches(self.screen, self.screen_stack):
            self.notify(t("tui.lang_not_here", self.lang), timeout=4)
            return
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)] if self.lang in LANGS else "fr"
        self.remember("lang", self.lang)
        keys.localize(self, self.lang)
        if isinstance(self.screen, screens.LibraryScreen):
            self.last_scenario = self.screen.highlighted_story() or self.last_scenario  # the same story, in the other language
            self.show_library()
        elif isinstance(self.screen, screens.BriefingScreen):
            self.switch_screen(screens.BriefingScreen(self.lang, self.screen.scenario))
        elif isinstance(self.screen, screens.DebriefScreen):
            self.show_debrief(self.screen.play, self.screen.debrief.in_lang(self.lang))

    def coach_mode(self) -> str:
        """The coach setting in words, for the library's header: on, off, or on at a first play."""
        return t("tui.mode." + self.prefs.coach_mode(), self.lang)

    @on(messages.CoachToggled)
    def toggle_coach(self, _message: messages.CoachToggled | None = None) -> None:
        """Coach mode on or off for the next plays."""
        on = self.prefs.toggle_coach()
        self.tell()  # a choice that could not be saved
        self.notify(t("tui.coach_on" if on else "tui.coach_off", self.lang), timeout=3)
        if isinstance(self.screen, screens.LibraryScreen):
            self.screen.show_mode(self.coach_mode())

    @on(messages.TimersToggled)
    def toggle_timers(self, _message: messages.TimersToggled | None = None) -> None:
        self.no_timers = not self.no_timers
        self.remember("no_timers", "1" if self.no_timers else "0")
        for screen in self.screen_stack:  # a play under the palette counts down, or not, from its next node
            if isinstance(screen, screens.PlayScreen):
                screen.no_timers = self.no_timers
        self.notify(t("tui.timers_off" if self.no_timers else "tui.timers_on", self.lang), timeout=3)

    @on(messages.HelpAsked)
    def action_help(self, _message: messages.HelpAsked | None = None) -> None:
        if not isinstance(self.screen, screens.HelpScreen):
            self.push_screen(screens.HelpScreen(self.lang))

    @on(messages.ThemeToggled)
    def action_toggle_theme(self, _message: messages.ThemeToggled | None = None) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.remember("theme", self.theme)

    @on(messages.QuitRequested)
    async def action_quit(self, _message: messages.QuitRequested | None = None) -> None:
        if isinstance(self.screen, screens.QuitScreen):
            return
        if playing(self.screen_stack):  # asked from the play's help too: Ctrl+Q there quit at once
            def decided(yes: bool | None) -> None:
                if yes:
                    self.exit()
            self.push_screen(screens.QuitScreen(self.lang), decided)
        else:
            self.exit()

    # -- what the screens and the palette say (simulator/tui/messages.py) ----------------------
    def on_name_given(self, message: messages.NameGiven) -> None:
        if not self.claim_name(message.name):  # another live seat plays under this name
            if isinstance(self.screen, screens.NameScreen):
                self.screen.name_taken()
            return
        self.set_trainee(message.name)
        self.after_name()

    def on_trainee_named(self, message: messages.TraineeNamed) -> None:
        self.set_trainee(message.name)
        if message.done and isinstance(self.screen, screens.LibraryScreen):  # this trainee's scores and play
            self.screen.refresh_scores(self.session.best_scores(), self.pending())

    def on_scenario_chosen(self, message: messages.ScenarioChosen) -> None:
        self.brief(message.scenario_id)

    def on_history_opened(self, _message: messages.HistoryOpened) -> None:
        self.push_screen(screens.HistoryScreen(self.lang, self.trainee, self.store.history(self.trainee or None),
                                       self.scenarios))

    def on_profile_opened(self, _message: messages.ProfileOpened) -> None:
        from simulator.tui.screens.profile import ProfileScreen, read_profile
        today = datetime.now(UTC).date() if self.today is None else self.today()
        view = read_profile(self.store, self.scenarios, self.trainee, today, self.lang, self.scenario) \
            if self.trainee else None
        self.push_screen(ProfileScreen(self.lang, self.trainee, view))

    def on_room_opened(self, _message: messages.RoomOpened) -> None:
        """The facilitator's live view of the plays in this database (Escape comes back)."""
        from simulator.tui.room import RoomScreen
        from simulator.workshop.room_source import StoreRoomSource
        self.push_screen(RoomScreen(StoreRoomSource(self.store), lang=self.lang))

    def on_resume_asked(self, _message: messages.ResumeAsked) -> None:
        pending = self.pending()
        if pending is not None:
            self.resume(pending)

    def on_play_discarded(self, _message: messages.PlayDiscarded) -> None:
        """The trainee gave the interrupted play up: no longer offered for resuming."""
        pending = self.pending()
        if pending is not None:
            self.session.abandon(pending.play_id)
            self.tell()
            if isinstance(self.screen, screens.LibraryScreen):
                self.screen.show_resume(self.pending())

    def on_play_started(self, message: messages.PlayStarted) -> None:
        scenario = message.scenario
        self.last_scenario = scenario.id
        variant = self.variant if any(v.id == self.variant for v in scenario.variants) else None
        play = self.session.start(scenario, lang=self.lang, clock=self.clock, coach=self.prefs.coach_for(scenario.id),
                                  variant=variant)
        self.tell()
        self.switch_screen(self.play_screen(play))

    def on_play_finished(self, message: messages.PlayFinished) -> None:
        self.finished(message.play)

    def on_debrief_opened(self, message: messages.DebriefOpened) -> None:
        self.show_debrief(message.play, message.debrief)

    def on_retry_from(self, message: messages.RetryFrom) -> None:
        self.try_again_from(message.play, message.step)

    def on_practise_chosen(self, message: messages.PractiseChosen) -> None:
        """The profile's suggestion: the scenario from this step of that stored play (a new play
        holding the steps before it), or from its briefing when that is step 1 or the story changed."""
        self.pop_screen()  # the profile
        scenario_id, step = message.scenario_id, message.step
        if step == 0:
            self.brief(scenario_id)
            return
        from simulator.play.engine import Play, PlayError
        scenario = self.scenario(scenario_id)
        stored = self.store.load_play(message.play_id) if scenario is not None else None
        if scenario is None or stored is None:
            return
        try:
            play = Play.resume(scenario, stored.record, clock=self.clock)
        except (PlayError, LitigeError):
            self.brief(scenario_id)  # the story changed since: from its start
            return
        self.try_again_from(play, step)
