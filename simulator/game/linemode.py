"""Line mode: a play as plain lines of text, for a screen reader, a braille display or any
terminal that only reads what is written (issue 19). Pure and I/O-free: no Textual, no Rich, no
print nor input. A driver (the terminal's, simulator/cli/linemode.py; the workshop's accessible
page) shows the events and sends back what the trainee typed.

Interface (kept stable; only extended compatibly):

    session = LineSession(scenario, lang, store=None, trainee=None, play_id=None, variant=None,
                          clock=time.monotonic, coach=False, timers=False, game=None)
    events = session.start()         # the briefing, the first line, its choices, a prompt
    events = session.answer(text)    # what the trainee typed, one line (stripped here)
    session.finished                 # True once the play ended (debrief given) or was quit
    session.quit                     # True when it was quit (the play kept for resuming)
    session.time_left()              # seconds left to answer (timers on, a timed node), else None
    events = session.expire()        # the time ran out (the driver's timer): the timeout taken
    session.close()                  # let go of the play (and its clock saved): call it always
    session.play                     # the engine's Play (simulator.play.engine), once started
    session.debrief                  # the scoring.debrief.Debrief, once the play ended

`answer` reads: a number picks that choice (1 is the first); `r` repeats the customer's last
line and the choices; `?` the help; `q` asks for confirmation, then `o`, `y`, `oui` or `yes`
quits (anything else plays on). Anything else is a one-line notice and the prompt again.

Each event is an `Event(kind, text, items)`; `kind` is one of:
  "heading"  a title (the story's; "Debrief")           text only
  "line"     a line of the conversation or briefing     text (speaker: words)
  "choices"  the answers offered                        text: a short lead-in; items: their texts,
                                                        in order, to be numbered from 1
  "prompt"   what to type now                           text
  "notice"   help, errors, saving, time                 text
  "debrief"  the debrief                                text: the whole of it as plain text
                                                        (scoring.debrief_render.render_text, the
                                                        same as `litige play --choices`); items:
                                                        its sections, each headed plain text
Texts are typeset for the language already (French spaces and quotes); they may hold several
lines only in "debrief" (and its items).

With a store it saves like the game, by the same rules (simulator/game/session.py's GameSession;
`game=` passes one, which then brings the store and the trainee): the play held (never two
writers on one play), saved at its start and after every step, stored finished and scored at
its ending; `start` resumes the trainee's most recent unfinished play of this story (or the
play `play_id` names) when one is there and free. Store errors are notices: play goes on.

Time limits are off unless `timers`: then each timed line is followed by a notice saying how
many seconds there are to answer; an answer typed after the time ran out counts as no answer
(the node's timeout), said so in words, and a driver may call `expire` when the time runs out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.format.errors import LitigeError
from simulator.game.session import GameSession
from simulator.lang.i18n import colon, fmt_number, label, t

if TYPE_CHECKING:
    from scoring.debrief import Debrief
    from simulator.format.model import Scenario
    from simulator.play.engine import Play
    from simulator.play.record import Step
    from simulator.results.store import Store

Clock = Callable[[], float]
KINDS = ("heading", "line", "choices", "prompt", "notice", "debrief")
YES = frozenset({"o", "oui", "y", "yes"})


@dataclass(frozen=True)
class Event:
    """One thing to show: see the module's docstring for the kinds."""

    kind: str
    text: str
    items: tuple[str, ...] = ()


def debrief_sections(text: str, lang: str) -> tuple[str, ...]:
    """The plain-text debrief cut into its sections, each starting with its heading line."""
    heads = {t(k, lang) for k in ("debrief.work_on", "debrief.steps", "debrief.why_ending",
                                  "debrief.principles", "debrief.model")}
    sections: list[list[str]] = [[]]
    for line in text.rstrip("\n").split("\n"):
        if line in heads and sections[-1]:
            sections.append([])
        sections[-1].append(line)
    return tuple("\n".join(s).strip("\n") for s in sections if any(s))


def shipped_stories() -> tuple[Scenario, ...]:
    """The shipped stories that load, in the library's order: the list line mode offers (a story
    that does not load is left out: `litige check` says what is wrong with it)."""
    import scenarios
    from simulator.format.loader import load
    stories = []
    for path in scenarios.shipped():
        try:
            stories.append(load(path))
        except LitigeError:
            continue
    return tuple(stories)


def read_pick(typed: str, count: int) -> int | str | None:
    """What a line typed at the library's prompt asks for: a story's index (0-based), "quit" for
    `q`, "" for an empty line, None for anything else (the caller says it is not a story)."""
    typed = " ".join(typed.split()).lower()
    if typed in ("q", ""):
        return "quit" if typed else ""
    if typed.isdigit() and 1 <= int(typed) <= count:
        return int(typed) - 1
    return None


def mood_change(scenario: Scenario, step: Step, lang: str) -> str:
    """`(mood: reassured)` when the step moved a meter into another of its mood bands ("" when
    not); with several meters that have moods, each is named: `(Trust: reassured)`. The game's
    transcript and line mode say it alike."""
    moody = [m for m in scenario.meters.values() if m.moods]
    changed = []
    for meter in moody:
        before = meter.mood(step.meters_before.get(meter.id, 0))
        after = meter.mood(step.meters_after.get(meter.id, 0))
        if after is not None and (before is None or before.get(lang) != after.get(lang)):
            changed.append((meter, after.get(lang)))
    if len(moody) == 1:
        return " ".join(t("tui.mood_changed", lang, mood=word) for _, word in changed)
    return " ".join(t("tui.meter_mood_changed", lang, meter=meter.label.get(lang) if meter.label else meter.id,
                      mood=word) for meter, word in changed)


class LineSession:
    """One play of one story as lines of text (see the module's docstring)."""

    def __init__(self, scenario: Scenario, lang: str, *, store: Store | None = None, trainee: str | None = None,
                 play_id: str | None = None, variant: str | None = None, clock: Clock = time.monotonic,
                 coach: bool = False, timers: bool = False, game: GameSession | None = None):
        self.scenario = scenario
        self.lang = lang
        self.game = game if game is not None else GameSession(store, trainee=trainee, lang=lang)
        self.store = self.game.store
        self.trainee = self.game.trainee
        self.play_id = play_id
        self.variant = variant
        self.clock = clock
        self.coach = coach
        self.timers = timers
        self.play: Play | None = None
        self.debrief: Debrief | None = None
        self.resumed = False
        self.quit = False
        self._confirming = False
        self._deadline: float | None = None  # when the time to answer the current line runs out
        self._deadline_at = -1  # the step count the deadline was set for

    # -- state ---------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.quit or self.debrief is not None

    def time_left(self) -> float | None:
        """Seconds left to answer the current line (timers on and the node timed), else None."""
        if not self.timers or self.play is None or self.finished or self._deadline is None:
            return None
        return max(0.0, self._deadline - self.clock())

    # -- the session ---------------------------------------------------------------------
    def start(self) -> list[Event]:
        """The briefing, then the play's current line (resumed or new), its choices, a prompt."""
        if self.play is not None:
            raise LitigeError("the session has started already")
        events = self.briefing()
        pending = self.game.pending(self.scenario.id, play_id=self.play_id)
        events += self._notices()
        if pending is not None:
            play = self.game.resume(self.scenario, pending, clock=self.clock)
            events += self._notices()
            if play is not None:
                self.play = play
                self.resumed = True
                events.append(Event("notice", t("line.resumed", self.lang, step=len(play.record.steps) + 1)))
        if self.play is None:
            self.play = self.game.start(self.scenario, lang=self.lang, clock=self.clock, coach=self.coach,
                                        variant=self.variant, play_id=self.play_id)
            events += self._notices()
        if self.play.record.mode == "coach":
            events.append(Event("notice", t("tui.coach_on", self.lang)))
        events.append(Event("notice", t("line.keys", self.lang)))
        if self.play.finished:  # resumed on its ending's line
            return events + self._end()
        return events + self._node(with_time=True)

    def answer(self, text: str) -> list[Event]:
        """What the trainee typed: see the module's docstring."""
        if self.play is None:
            raise LitigeError("the session has not started")
        if self.finished:
            return [Event("notice", t("line.over", self.lang))]
        typed = " ".join(text.split()).lower()
        lang = self.lang
        if self._confirming:
            self._confirming = False
            if typed in YES:
                return self._quit()
            return [Event("notice", t("line.quit_no", lang)), *self._prompt()]
        if typed == "q":
            self._confirming = True
            return [Event("prompt", t("line.quit_q", lang))]
        if typed == "r":
            return self._node(with_time=False)
        if typed in ("?", "h"):
            return [Event("notice", t("line.help", lang)), *self._time_notice(), *self._prompt()]
        offered = self.play.offered()
        if typed.isdigit() and 1 <= int(typed) <= len(offered):
            left = self.time_left()
            if left is not None and left <= 0:  # typed after the time ran out: no answer
                return self.expire()
            return self._step(int(typed) - 1)
        if not typed:
            return self._prompt()
        why = t("line.not_a_choice", lang, typed=typed, n=len(offered)) if offered else t("tui.stuck", lang)
        return [Event("notice", why), *self._prompt()]

    def expire(self) -> list[Event]:
        """The time to answer ran out (timers on): the node's timeout is taken, said in words."""
        if self.play is None or self.finished or not self.timers or not self.play.node.on_timeout:
            return []
        self._confirming = False
        limit = float(self.play.node.time_limit or 0)
        self.play.timeout(seconds=limit)
        events = [Event("notice", t("line.time_up", self.lang, seconds=fmt_number(limit, self.lang, 0)))]
        return events + self._after_step()

    def close(self) -> None:
        """Let go of the play (its clock saved first, for a play resumed with the time it had)."""
        if self.game.held is None:
            return
        play = self.play
        try:
            if play is not None and not play.finished and self.timers and play.time_left() is not None:
                self.game.save_clock(play, quiet=True)
        finally:
            self.game.release_play()

    # -- what is shown ---------------------------------------------------------------------
    def briefing(self) -> list[Event]:
        s, lang = self.scenario, self.lang
        events = [Event("heading", s.title.get(lang))]
        for key, value in (("tui.role", s.role), ("tui.situation", s.summary)):
            if value:
                events.append(Event("line", label(key, lang) + value.get(lang)))
        customer = s.customer
        if customer is not None and (customer.name or customer.description):
            who = " — ".join(x.get(lang) for x in (customer.name, customer.description) if x)
            events.append(Event("line", label("tui.customer", lang) + who))
        events.append(Event("line", label("tui.stake", lang) + t("tui.stake_text", lang, score=s.pass_score)))
        return events

    def _said(self, who: str, text: str) -> str:
        from scoring.debrief import speaker_label
        return speaker_label(self.scenario, who, self.lang) + colon(self.lang) + text

    def _node(self, *, with_time: bool) -> list[Event]:
        """The current line, its choices and the prompt (`r` gives them again)."""
        assert self.play is not None
        node, lang = self.play.node, self.lang
        events = [Event("line", self._said(node.speaker, node.text.get(lang)))]
        if self.play.finished:
            return events
        offered = self.play.offered()
        if offered:
            events.append(Event("choices", t("line.choices", lang, n=len(offered)),
                                tuple(c.text.get(lang) for c in offered)))
        else:
            events.append(Event("notice", t("tui.stuck", lang)))
        if with_time:
            self._set_deadline()
        events += self._time_notice()
        return events + self._prompt()

    def _set_deadline(self) -> None:
        """The countdown of a line newly shown (once per node: `r` does not give the time again)."""
        assert self.play is not None
        steps = len(self.play.record.steps)
        if self._deadline_at == steps:
            return
        self._deadline_at = steps
        left = self.play.time_left() if self.timers else None  # a resumed play: less the time spent before
        self._deadline = None if left is None else self.clock() + left

    def _time_notice(self) -> list[Event]:
        left = self.time_left()
        if left is None:
            return []
        return [Event("notice", t("line.time_limit", self.lang, seconds=fmt_number(max(0.0, left), self.lang, 0)))]

    def _prompt(self) -> list[Event]:
        assert self.play is not None
        n = len(self.play.offered())
        key = "line.prompt_none" if n == 0 else "line.prompt_one" if n == 1 else "line.prompt"
        return [Event("prompt", t(key, self.lang, n=n))]

    # -- moves -----------------------------------------------------------------------------
    def _step(self, index: int) -> list[Event]:
        assert self.play is not None
        lang = self.lang
        choice = self.play.offered()[index]
        self.play.choose(index)
        events = [Event("line", self._said("you", choice.text.get(lang)))]
        if self.play.record.mode == "coach" and choice.feedback:
            events.append(Event("notice", label("tui.coach", lang) + choice.feedback.get(lang)))
        return events + self._after_step()

    def _after_step(self) -> list[Event]:
        assert self.play is not None
        events: list[Event] = []
        mood = self._mood_change()
        if mood:
            events.append(Event("notice", mood))
        self.game.save(self.play)
        events += self._notices()
        if self.play.finished:
            return events + self._node(with_time=False) + self._end()
        return events + self._node(with_time=True)

    def _mood_change(self) -> str:
        assert self.play is not None
        return mood_change(self.scenario, self.play.record.steps[-1], self.lang)

    def _end(self) -> list[Event]:
        """The play ended: scored, stored finished, its debrief as headed plain text."""
        assert self.play is not None
        from scoring.debrief_render import render_text
        self.debrief = self.game.finish(self.play)
        events = self._notices()
        text = render_text(self.debrief)
        events.append(Event("debrief", text, debrief_sections(text, self.debrief.lang)))
        events.append(Event("notice", t("line.ended", self.lang)))
        self.close()
        return events

    def _quit(self) -> list[Event]:
        self.quit = True
        saved = self.store is not None and self.game.held is not None
        self.close()
        return [Event("notice", t("line.quit_saved" if saved else "line.quit_unsaved", self.lang))]

    # -- store (the rules: simulator/game/session.py) ------------------------------------------
    def _notices(self) -> list[Event]:
        """What the game session has to say (store trouble, a play taken or damaged), as notices."""
        return [Event("notice", n.text) for n in self.game.notices()]
