"""The game's use of the store, written once for every front end (the terminal game,
simulator/tui/app.py; line mode, simulator/game/linemode.py; the workshop's plain page): hold a
seat (a play, a workshop seat's name), start, save, resume, finish and score a play, best
scores, and let go of the seats on quit. Core: no Textual, no Rich, no print.

The rules:
- a play is held while it is played (Store.hold_play): never two writers on one play; a hold
  the store cannot take (its folder unwritable) is said and played on;
- a play another live game holds is not offered to resume, nor one whose hold cannot be
  checked (fails closed, logged); a play damaged in the database is passed over and said once;
- a workshop seat's name is held for the seat's life; a name the store cannot hold is played
  on, said and logged (fails open: a seats folder nobody can write must not lock a room out);
- a store write that fails is said once, until a write succeeds again, and play goes on.

What is to be said comes back as `Notice`s (`notices()` takes them), in the session's
language, for the front end to show its way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Container
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from simulator.format.errors import LitigeError
from simulator.lang.i18n import t

if TYPE_CHECKING:
    from scoring.debrief import Debrief
    from simulator.format.model import Scenario
    from simulator.play.engine import Play
    from simulator.play.record import PlayRecord
    from simulator.results.store import Store

Clock = Callable[[], float]
log = logging.getLogger("litige.game")

# Notice kinds: what went wrong, for a front end to choose how loud to say it
NOT_SAVED = "not_saved"              # a store write or hold failed (the play goes on)
PLAY_TAKEN = "play_taken"            # the play to resume is played by another live game
PLAY_UNREADABLE = "play_unreadable"  # a play damaged in the database, passed over
PLAY_BROKEN = "play_broken"          # a saved play that cannot be replayed on its story: abandoned


@dataclass(frozen=True)
class Notice:
    """One thing to tell the trainee: its kind (above) and its text, typeset for the language."""

    kind: str
    text: str


class GameSession:
    """One game's seats and saves in one store (None: a play that is not saved)."""

    def __init__(self, store: Store | None, *, trainee: str | None = None, lang: str = "fr"):
        self.store = store
        self.trainee = trainee or None
        self.lang = lang
        self.held: str | None = None     # the play this session holds (Store.hold_play)
        self.claimed: str | None = None  # a workshop seat's name, held for the seat's life
        self.told_damaged: set[str] = set()  # the damaged plays said (see pending)
        self._unsaved_told = False       # the last write failed and was said
        self._notices: list[Notice] = []

    # -- what to say -----------------------------------------------------------------------
    def notices(self) -> list[Notice]:
        """What is to be said since the last call (taken: each is given once)."""
        said, self._notices = self._notices, []
        return said

    def _say(self, kind: str, text: str) -> None:
        self._notices.append(Notice(kind, text))

    def write(self, action: Callable[..., object], *args: object) -> bool:
        """A store write: if it fails (disk full, file gone), said once until a write succeeds
        again, and play goes on. True if it was written."""
        try:
            action(*args)
        except LitigeError as exc:
            if not self._unsaved_told:
                self._say(NOT_SAVED, t("tui.not_saved", self.lang, error=exc))
            self._unsaved_told = True
            return False
        self._unsaved_told = False
        return True

    # -- seats -----------------------------------------------------------------------------
    def hold(self, play_id: str) -> bool:
        """Hold the play about to be played (letting go of the one before); False if another live
        game holds it. A hold the store cannot take is said and played on."""
        if self.store is None or self.held == play_id:
            return True
        try:
            if not self.store.hold_play(play_id):
                return False
        except LitigeError as exc:
            self._say(NOT_SAVED, t("tui.not_saved", self.lang, error=exc))
            return True
        self.release_play()
        self.held = play_id
        return True

    def release_play(self) -> None:
        """Let go of the play held (another game may resume it at once)."""
        if self.store is not None and self.held is not None:
            self.store.release_play(self.held)
        self.held = None

    def claim_name(self, name: str) -> bool:
        """A workshop seat takes its trainee's name for as long as it lives; False if another live
        seat has it (two people under one name would play one play)."""
        if self.store is None:
            return True
        try:
            if not self.store.hold_trainee(name):
                return False
        except LitigeError as exc:  # fail open, loudly: a seats folder nobody can write must not lock the room out
            log.warning("the name %r is played unheld: %s", name, exc)
            self._say(NOT_SAVED, t("tui.not_saved", self.lang, error=exc))
            return True
        self.claimed = name
        return True

    def close(self) -> None:
        """The game is over (tab closed, quit): let go of the play and the name it held, so that
        the same trainee gets them back at once (a process that dies lets go the same way)."""
        self.release_play()
        if self.store is not None and self.claimed is not None:
            self.store.release_trainee(self.claimed)
        self.claimed = None

    def free(self, play_id: str) -> bool:
        """No other live game holds this play. Fails closed: a play that may be another game's is not
        offered to resume (a new play costs little; two games writing one play lose steps)."""
        if self.store is None:
            return True
        try:
            return self.store.play_free(play_id)
        except LitigeError as exc:
            log.warning("play %s not offered to resume: its hold cannot be checked: %s", play_id, exc)
            return False

    # -- plays -----------------------------------------------------------------------------
    def pending(self, scenario_id: str | None = None, *, play_id: str | None = None,
                known: Container[str] | None = None) -> PlayRecord | None:
        """The most recent unfinished play of this trainee to offer resuming (of this scenario,
        this play, a scenario `known`, when given) that no other live game holds. A play damaged
        in the database is passed over, and said once (Store.damaged)."""
        if self.store is None:
            return None
        from simulator.lang.plaintext import visible
        try:
            records = self.store.unfinished(self.trainee)
        except LitigeError as exc:
            log.warning("no play offered to resume: the plays cannot be read: %s", exc)
            return None
        for damaged in self.store.damaged.keys() - self.told_damaged:
            self.told_damaged.add(damaged)
            self._say(PLAY_UNREADABLE, t("tui.play_unreadable", self.lang, play=visible(damaged),
                                         file=self.store.path))
        for record in records:
            if known is not None and record.scenario not in known:
                continue
            if (scenario_id is not None and record.scenario != scenario_id) or \
                    (play_id is not None and record.play_id != play_id):
                continue
            if (self.trainee or record.trainee is None) and self.free(record.play_id):
                return record
        return None

    def start(self, scenario: Scenario, *, lang: str, clock: Clock, coach: bool, variant: str | None = None,
              play_id: str | None = None) -> Play:
        """A new play of this trainee, held and saved at its start."""
        from simulator.play.engine import Play
        try:
            play = Play(scenario, clock=clock, lang=lang, trainee=self.trainee, variant=variant, play_id=play_id)
        except KeyError:
            raise LitigeError(f"scenario {scenario.id!r} has no variant {variant!r}") from None
        play.record = replace(play.record, mode="coach" if coach else "exam")
        self.begin(play)
        return play

    def begin(self, play: Play) -> None:
        """A play about to be played (new, or branched from another): held, and saved as it is."""
        self.hold(play.record.play_id)
        self.save(play)

    def resume(self, scenario: Scenario, record: PlayRecord, *, clock: Clock) -> Play | None:
        """The saved play rebuilt and held, with the time already spent at its node; None (said)
        when another live game holds it, or when it cannot be replayed (then abandoned)."""
        from simulator.play.engine import Play, PlayError
        if not self.hold(record.play_id):  # another live game plays it: never two writers on one play
            self._say(PLAY_TAKEN, t("tui.play_taken", self.lang))
            return None
        spent = self.spent(record)
        try:
            return Play.resume(scenario, record, clock=clock, spent=spent)
        except PlayError as exc:
            self._say(PLAY_BROKEN, str(exc))
            if self.store is not None:
                self.write(self.store.abandon, record.play_id)
            self.release_play()
            return None

    def spent(self, record: PlayRecord) -> float:
        """The seconds spent at the saved play's current node (0.0 if unknown or unreadable: the
        node's full time again, as before this was saved)."""
        if self.store is None:
            return 0.0
        try:
            return self.store.node_seconds(record.play_id, len(record.steps))
        except LitigeError:
            return 0.0

    def save(self, play: Play) -> None:
        """Save the play as it is (at its start and after every step)."""
        if self.store is not None:
            self.write(self.store.save_play, play.record)

    def save_clock(self, play: Play, *, quiet: bool = False) -> None:
        """The seconds spent at the play's current node, for a resumed play to go on with the time
        that was left (`quiet`: a failure is not said, on the way out)."""
        if self.store is None:
            return
        if quiet:
            try:
                self.store.save_clock(play.record.play_id, len(play.record.steps), play.seconds_here())
            except LitigeError:
                pass
            return
        self.write(self.store.save_clock, play.record.play_id, len(play.record.steps), play.seconds_here())

    def abandon(self, play_id: str) -> None:
        """The trainee gave this play up: no longer offered for resuming."""
        if self.store is not None:
            self.write(self.store.abandon, play_id)

    def finish(self, play: Play) -> Debrief:
        """Score a finished play, store it finished (before its ending is read: a trainee who quits
        on the ending's line has a finished play), and its debrief."""
        from scoring import debrief as debriefing
        from scoring.scorer import score
        result = score(play.scenario, play.record)
        if self.store is not None:
            self.write(self.store.finish_play, play.record, result)
        return debriefing.build(play.scenario, play.record, result=result)

    # -- what the trainee has done ---------------------------------------------------------
    def best_scores(self) -> dict[str, float]:
        """Scenario id → this trainee's best score (none without a trainee)."""
        if self.store is None or not self.trainee:
            return {}
        return self.store.best_scores(self.trainee)

    def coach_for(self, scenario_id: str) -> bool:
        """Whether a new play is in coach mode, as the game decides it outside workshops: the
        trainee's saved setting, else on for their first play of the story."""
        if self.store is None:
            return False
        try:
            saved = self.store.get_setting("coach")
            if saved in ("0", "1"):
                return saved == "1"
            return not any(row.finished for row in self.store.history(self.trainee, scenario_id))
        except LitigeError:
            return True
