"""The play: the conversation, the meters, the choices and the countdown, every step saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.lang.i18n import colon, label, t
from simulator.tui import keys
from simulator.tui.messages import DebriefOpened, PlayFinished, PlaySaved
from simulator.tui.screens.base import Base, speaker

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.timer import Timer

    from scoring import debrief as debriefing
    from simulator.game.session import Clock, GameSession
    from simulator.play.engine import Play


TICK = 0.25
CLOCK_SAVE = 2.0  # seconds between saves of the time spent at a timed node (see save_clock)


class PlayScreen(Base):
    """A play under way. Its steps go to the store through the game's session as they are played
    (at once, not by message: a screen closing with the app saves what it holds); the app hears of
    each save (PlaySaved), of the ending (PlayFinished) and of the debrief asked for (DebriefOpened)."""

    BINDINGS = keys.PLAY

    def __init__(self, lang: str, play: Play, session: GameSession, *, clock: Clock, no_timers: bool) -> None:
        """`no_timers`: time limits off (the app sets it again when the trainee toggles them)."""
        super().__init__(lang)
        self.play = play
        self.session = session
        self.clock = clock
        self.no_timers = no_timers
        self.deadline: float | None = None
        self.countdown_timer: Timer | None = None
        self.clock_saved_at = 0.0  # when the time spent at this timed node was last saved
        self.shown_steps = 0
        self.line_rows = 0  # rows kept for the current line, rows its choices need, both kept together (see fit)
        self.choices_needed = 0
        self.bottom_rows = 0
        self.shown_choices: tuple[str, tuple[str, ...]] | None = None
        self.step_unsaved = False  # a step played, its save waiting for the next frame (see after_step)
        self.debrief: debriefing.Debrief | None = None  # once the play has ended: shown on Enter

    def compose(self) -> ComposeResult:
        from simulator.tui.widgets import ChoiceList, MeterBar, Transcript  # their imports wait for the first play
        s, lang = self.play.scenario, self.lang
        yield Header()
        card = self.card()
        with Horizontal(id="status", classes="with-card" if card else ""):
            yield Static("", id="progress")
            if card:
                yield Static(card, id="customer-card")
            yield Static("", id="countdown")
        meters = [MeterBar(mid, meter.label.get(lang) if meter.label else mid, self.play.meters[mid],
                           [(threshold, word.get(lang)) for threshold, word in meter.moods])
                  for mid, meter in s.meters.items()]
        self.meters_width = sum(m.width_needed() for m in meters)
        self.meter_bars = meters  # set at each step (not looked up in the DOM at every key)
        with Horizontal(id="meters"):
            yield from meters
        self.transcript = Transcript(id="history")  # the log of the steps played (see show_node)
        yield self.transcript
        yield Static("", id="line")  # outside the transcript: never squeezed (see fit)
        yield Static("", id="choose-hint", classes="hint")
        yield ChoiceList(id="choices")
        yield Footer()

    def card(self) -> Text | None:
        """The customer's card beside the play, on the status row: the name in bold, then who they
        are (cut with … when the row is short: the briefing has it whole)."""
        customer, lang = self.play.scenario.customer, self.lang
        if customer is None or not (customer.name or customer.description):
            return None
        out = Text(no_wrap=True, overflow="ellipsis")
        if customer.name:
            out.append(customer.name.get(lang), style="bold")
        if customer.description:
            out.append((" — " if customer.name else "") + customer.description.get(lang))
        return out

    def on_mount(self) -> None:
        self.sub_title = f"{self.play.scenario.title.get(self.lang)} · {t('tui.mode.' + self.play.record.mode, self.lang)}"
        self.fit_meters(self.app.size.width)
        self.show_node()
        self.app.app_suspend_signal.subscribe(self, lambda _app: self.save_clock(), immediate=True)

    # -- fitting 80x24 ---------------------------------------------------------------------
    # The current line is never cut: it has the rows its text needs, and the choices give up
    # rows (their list scrolls) when it needs them; the transcript takes what is left. Meters
    # that do not fit side by side with their bars go one per row.
    # A step changes no widget's size unless it must: the line keeps its rows (never fewer than
    # its text needs: never cut) and the line and the choices together keep theirs (the choices
    # take what the line leaves), growing when a step needs more and giving rows back only when
    # that frees SLACK rows or more. So the transcript keeps its size from one step to the next:
    # it is not moved and drawn again, the screen is not laid out again at every key, and the
    # conversation and the choices do not jump up and down by a row or two.
    FIXED_ROWS = 6  # header, status, transcript's top border, line's top margin, hint, footer
    MAX_CHOICES_ROWS = 12
    MIN_CHOICES_ROWS = 4  # borders and two rows of choices
    SLACK = 3

    def fit_meters(self, width: int) -> None:
        self.query_one("#meters").set_class(self.meters_width > width - 2, "stacked")

    def kept(self, kept: int, needed: int) -> int:
        return needed if needed > kept or needed <= kept - self.SLACK else kept

    def fit(self, line_rows: int | None = None, choice_rows: int | None = None) -> None:
        """Rows for the line (line_rows, or a few more) and the choices (choice_rows if there is
        room, or a few more, or fewer when the line needs them: their list scrolls)."""
        if line_rows is not None:
            self.line_rows = self.kept(self.line_rows, line_rows)
        if choice_rows is not None:
            self.choices_needed = choice_rows
        meters = len(self.play.scenario.meters) if self.query_one("#meters").has_class("stacked") else 1
        spare = self.app.size.height - self.FIXED_ROWS - meters - self.line_rows
        cap = max(self.MIN_CHOICES_ROWS, min(self.MAX_CHOICES_ROWS, spare))
        self.bottom_rows = min(self.kept(self.bottom_rows, self.line_rows + min(cap, self.choices_needed)),
                               self.line_rows + cap)
        for widget, rows in ((self.query_one("#line", Static), self.line_rows),
                             (self.query_one("#choices", OptionList), self.bottom_rows - self.line_rows)):
            if widget.styles.height is None or widget.styles.height.value != rows:
                widget.styles.height = rows

    def choices_rows(self, options: Sequence[Option]) -> int:
        """Rows the choice list needs to show every option, with its borders."""
        ol = self.query_one("#choices", OptionList)
        padding = ol.get_component_styles("option-list--option").padding.width
        width = self.app.size.width - ol.styles.gutter.width - ol.styles.margin.width - padding
        if width <= 0:
            return self.MIN_CHOICES_ROWS
        console = self.app.console
        return sum(len(o.prompt.wrap(console, width)) for o in options if isinstance(o.prompt, Text)) \
            + ol.styles.gutter.height

    def on_resize(self) -> None:
        self.fit_meters(self.app.size.width)
        line = self.query_one("#line", Static).content
        if isinstance(line, Text):  # shown already: wrapped again at the new width, rows worked out again
            self.line_rows = self.bottom_rows = 0
            self.fit(self.line_height(line), self.choices_rows(self.query_one("#choices", OptionList).options))

    # -- rendering -------------------------------------------------------------------------
    # A step is drawn once: the transcript is a log that only ever gets the new steps (trying again
    # from a step starts a new screen), and a widget is touched only when what it shows changes, so a key
    # costs the same at the fortieth step as at the first.
    def step_text(self, index: int) -> Text:
        lang, s = self.lang, self.play.scenario
        step = self.play.record.steps[index]
        node = s.nodes[step.node]
        out = Text()
        out.append(speaker(node.speaker, lang, s) + colon(lang), style="bold")
        out.append(node.text.get(lang) + "\n")
        if step.timed_out:
            out.append(f"  {speaker('you', lang)}{colon(lang)}{t('debrief.timed_out', lang)}", style="italic")
        else:
            chosen = next(c for c in node.choices if c.id == step.chosen)
            out.append(f"  {speaker('you', lang)}{colon(lang)}", style="bold italic")
            out.append(chosen.text.get(lang), style="italic")
            if self.play.record.mode == "coach" and chosen.feedback:  # right after the choice, before the answer
                out.append(f"\n  ▸ {label('tui.coach', lang)}", style="bold")
                out.append(chosen.feedback.get(lang))
        moods = self.mood_changes(index)
        if moods:
            out.append("\n  " + moods, style="italic")
        return out

    def mood_changes(self, index: int) -> str:
        """`(humeur : rassurée)` when the step moved a meter into another mood band ("" when
        not): the one rule, simulator.game.linemode.mood_change (line mode says it alike)."""
        from simulator.game.linemode import mood_change
        return mood_change(self.play.scenario, self.play.record.steps[index], self.lang)

    def show_node(self) -> None:
        play, lang = self.play, self.lang
        node = play.node
        log = self.transcript
        steps = len(play.record.steps)
        for index in range(self.shown_steps, steps):
            log.add(self.step_text(index))
        self.shown_steps = steps
        ended = play.finished
        self.query_one("#progress", Static).update(t("tui.end" if ended else "tui.step", lang, n=steps + 1),
                                                   layout=False)
        for bar in self.meter_bars:
            bar.set(play.meters[bar.meter_id])
        offered = [] if ended else play.offered()
        key = (node.id, tuple(c.id for c in offered))
        ol = self.query_one("#choices", OptionList)
        line = Text()
        line.append(speaker(node.speaker, lang, play.scenario) + colon(lang), style="bold reverse")
        line.append(" " + node.text.get(lang))
        new_choices = key != self.shown_choices  # a node that loops back to itself offers the same list
        if ended:  # the ending's own line, then the debrief on Enter: never skipped
            options = [Option(Text("→ " + t("tui.see_debrief", lang), style="bold"), id="debrief")]
        else:
            options = [Option(Text(f"{i}. ") + Text(c.text.get(lang)), id=c.id) for i, c in enumerate(offered, 1)] \
                if new_choices else []
        self.fit(self.line_height(line), self.choices_rows(options) if new_choices else None)  # both at once
        self.show_line(line)
        if new_choices:
            self.shown_choices = key
            ol.set_options(options)
            hint = ("tui.choose_hint_one" if len(offered) == 1 else "tui.choose_hint") if offered else "tui.stuck"
            hint = t("tui.ended_hint" if ended else hint, lang, n=min(9, len(offered)))
            shown = self.query_one("#choose-hint", Static)
            if str(shown.content) != hint:
                shown.update(hint, layout=not str(shown.content)
                             or len(hint) > self.app.size.width - shown.styles.gutter.width)
        if offered or ended:
            ol.highlighted = 0
        ol.focus()
        if ended:
            self.query_one("#countdown", Static).update("", layout=False)
        else:
            self.start_countdown()

    def line_height(self, line: Text) -> int:
        widget = self.query_one("#line", Static)
        width = self.app.size.width - widget.styles.gutter.width  # known before the first layout
        return len(line.wrap(self.app.console, width)) if width > 0 else 1

    def show_line(self, line: Text) -> None:
        """The current line, in the rows kept for it (more if it needs them)."""
        widget = self.query_one("#line", Static)
        if widget.content != line:
            widget.update(line, layout=False)  # in the rows fit keeps for it

    # -- countdown -------------------------------------------------------------------------
    def start_countdown(self) -> None:
        if self.countdown_timer is not None:
            self.countdown_timer.stop()
            self.countdown_timer = None
        label = self.query_one("#countdown", Static)
        left = self.play.time_left()  # the limit, less the time spent before an interruption
        if left is not None and not self.no_timers:
            now = self.clock()
            self.deadline, self.clock_saved_at = now + left, now
            self.countdown_timer = self.set_interval(TICK, self.tick)
            self.show_remaining()
        else:
            self.deadline = None
            if label.content:
                label.update("", layout=False)

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - self.clock())

    def show_remaining(self) -> None:
        left = self.remaining()
        if left is not None:
            self.query_one("#countdown", Static).update(t("tui.countdown", self.lang, seconds=int(left + 0.999)),
                                                        layout=False)

    def tick(self) -> None:
        """Called every 0.25 s while a time limit runs; takes on_timeout when it runs out."""
        left = self.remaining()
        if left is None or self.play.finished:
            return
        if left <= 0:
            self.deadline = None
            self.play.timeout(seconds=float(self.play.node.time_limit or 0))
            self.app.notify(t("tui.time_up", self.lang), timeout=3)
            self.after_step()
        else:
            self.show_remaining()
            if self.clock() - self.clock_saved_at >= CLOCK_SAVE:
                self.save_clock()

    def save_clock(self) -> None:
        """While a countdown runs, the time spent at the node goes to the store: a play
        interrupted now resumes with the time that was left, not a fresh countdown."""
        if self.deadline is not None and not self.play.finished:
            self.clock_saved_at = self.clock()
            self.session.save_clock(self.play)
            self.post_message(PlaySaved(self.play))

    # -- moves -----------------------------------------------------------------------------
    def action_pick(self, n: int) -> None:
        if not self.play.finished and n <= len(self.play.offered()):  # a digit never skips the ending's line
            self.pick(n - 1)

    @on(OptionList.OptionSelected, "#choices")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option_index)

    def pick(self, index: int) -> None:
        if self.play.finished:  # the ending's line was read: Enter (or a click) opens the debrief
            self.conclude()
            if self.debrief is not None:
                self.post_message(DebriefOpened(self.play, self.debrief))
            return
        self.play.choose(index)
        self.after_step()

    def after_step(self) -> None:
        if self.play.finished:
            self.save()
            if self.countdown_timer is not None:
                self.countdown_timer.stop()
            self.show_node()  # the ending's line first; scored and stored finished right after its frame
            self.call_after_refresh(self.conclude)
        else:
            # The step is saved as soon as the next node has been drawn: the trainee does not
            # wait for the disk (a write that usually takes 0.6 ms took 3 to 7 ms at times on
            # the test machine), and the next key is handled after the write, in order.
            self.step_unsaved = True
            self.show_node()
            self.call_after_refresh(self.save_step)

    def conclude(self) -> None:
        """A finished play scored, stored finished (before its ending is read: a trainee who quits
        on the ending's line has a finished play) and its debrief built, once."""
        if self.play.finished and self.debrief is None:
            self.debrief = self.session.finish(self.play)
            self.post_message(PlayFinished(self.play))

    def save_step(self) -> None:
        if self.step_unsaved:
            self.step_unsaved = False
            self.save()

    def save(self) -> None:
        self.session.save(self.play)
        self.post_message(PlaySaved(self.play))

    def in_play(self) -> bool:
        return not self.play.finished

    def on_unmount(self) -> None:
        self.save_step()  # a step not saved yet (the screen closed before its frame was drawn)
        self.conclude()  # an ending not stored yet (the same)
        self.save_clock()  # quit, closed tab, server gone: the time spent here is kept
        if self.countdown_timer is not None:
            self.countdown_timer.stop()
