"""The game's screens. No game logic here: they call the engine, the scoring and the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.lang.i18n import colon, fmt_number, label, quoted, t
from simulator.lang.plaintext import MAX_NAME, NAME_CHARS, name_refusal, shown
from simulator.lang.typography import typeset
from simulator.tui import keys

if TYPE_CHECKING:  # the engine and the scoring load with the first play, not before the library shows
    from scoring import debrief as debriefing
    from simulator.play.engine import Play
    from simulator.authoring.graph import Graph
    from simulator.format.model import Scenario
    from simulator.tui.app import LitigeApp

TICK = 0.25
CLOCK_SAVE = 2.0  # seconds between saves of the time spent at a timed node (see LitigeApp.save_clock)


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

    app: LitigeApp

    def __init__(self) -> None:
        super().__init__()
        keys.localize(self, self.app.lang)

    @property
    def lang(self) -> str:
        return self.app.lang

    async def action_quit(self) -> None:
        await self.app.action_quit()


# -- name (workshop participant) --------------------------------------------------------------

class NameInput(Input):
    """A field for a trainee's name: at most MAX_NAME characters, and none that a terminal or a
    file would act on (plaintext.name_refusal: controls, bidi overrides). What it refuses, typed
    or pasted, is said in one line, not only rung."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=MAX_NAME, restrict=NAME_CHARS, **kwargs)

    def replace(self, text: str, start: int, end: int) -> None:
        bad = name_refusal(text)
        if bad:
            self.app.bell()
            self.app.notify(t("tui.name_refused", self.app.lang, char=bad), severity="warning", timeout=6)
            return
        super().replace(text, start, end)

    def restricted(self) -> None:  # the only other refusal: past MAX_NAME
        self.app.bell()
        self.app.notify(t("tui.name_too_long", self.app.lang, n=MAX_NAME), severity="warning", timeout=6)


class NameScreen(Base):
    """A workshop seat's first screen: who is playing (never prefilled: the database is the room's)."""

    BINDINGS = keys.NAME
    MAX_NAME = MAX_NAME

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="name-box"):
            yield Static(t("participant.welcome", lang), classes="title", markup=False)
            yield Static(t("participant.name", lang), markup=False)
            yield NameInput(placeholder=t("participant.name_hint", lang), id="name")
            yield Static("", id="name-error", markup=False)
        yield Footer()

    @on(Input.Submitted, "#name")
    def submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#name-error", Static).update(t("participant.name_needed", self.lang))
            return
        if not self.app.claim_name(name):  # another live seat plays under this name
            self.query_one("#name-error", Static).update(t("participant.name_taken", self.lang))
            return
        self.app.set_trainee(name)
        self.app.after_name()


# -- library ---------------------------------------------------------------------------------

class LibraryScreen(Base):
    BINDINGS = keys.LIBRARY

    def __init__(self) -> None:
        super().__init__()
        # Focused as the screen mounts (one footer layout, not two): the name field until a name
        # has been asked for once (given, or left empty) — what is typed there goes into it, not
        # to the single-letter shortcuts —, then the list.
        asked = bool(self.app.trainee) or self.app.setting("trainee") is not None
        self.AUTO_FOCUS = "#scenarios" if asked else "#trainee"
        self.has_pending = False  # an interrupted play to resume or discard (set by show_resume)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="trainee-row"):
            yield Label(t("tui.trainee", lang) + " ", id="trainee-label")
            # a name stored before names were checked at entry shows by the rule for stored text
            yield NameInput(value=shown(self.app.trainee or ""), placeholder=t("tui.trainee_placeholder", lang),
                            id="trainee")
        yield Static("", id="resume", markup=False)
        yield Static(t("tui.pick", lang), classes="hint")
        yield OptionList(*self.options(), id="scenarios")
        yield Footer(compact=True, show_command_palette=False)  # ^p in the help: the room goes to t, c, r, x

    def options(self) -> list[Option | None]:
        lang = self.lang
        best = self.app.best_scores()
        out: list[Option | None] = []
        for s in self.app.scenarios.entries():  # from the files' heads: nothing validated yet
            if out:
                out.append(None)
            p = Text()
            p.append(s.title.get(lang), style="bold")
            if s.difficulty:
                p.append(f"   {t('tui.difficulty', lang)} {'★' * s.difficulty}{'☆' * (3 - s.difficulty)}")
            if s.summary:
                p.append("\n" + s.summary.get(lang), style="italic")
            if s.source:
                p.append(f"\n{label('debrief.source', lang)}{s.source.citation(lang)}", style="dim")
            score = best.get(s.id)
            p.append(f"\n{label('tui.best', lang)}"
                     + (f"{fmt_number(score, lang)}/100" if score is not None else t("tui.not_played", lang)))
            out.append(Option(p, id=s.id))
        return out

    def on_mount(self) -> None:
        self.show_resume()
        self.show_mode()
        last = self.app.last_scenario  # back from a play: the story just played stays selected
        ol = self.query_one("#scenarios", OptionList)
        if last is not None:
            try:
                ol.highlighted = ol.get_option_index(last)
            except Exception:  # OptionDoesNotExist: a story no longer on the shelf
                pass

    def show_mode(self) -> None:
        self.sub_title = self.app.coach_state()

    def highlighted_story(self) -> str | None:
        """The id of the story the list highlights."""
        ol = self.query_one("#scenarios", OptionList)
        return None if ol.highlighted is None else str(ol.get_option_at_index(ol.highlighted).id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """r and x (resume, discard) only when there is an interrupted play (hidden from the footer
        otherwise)."""
        if action in ("resume", "discard"):
            return self.has_pending
        if action in ("focus_list", "name_help"):  # the name field's keys: Escape leaves it, F1 (? is typed)
            return isinstance(self.focused, Input)
        return True

    def show_resume(self) -> None:
        banner = self.query_one("#resume", Static)
        pending = self.app.pending()
        self.has_pending = pending is not None
        keys.show_key(self, "p", not self.has_pending)  # room in the footer for r and x
        if pending is None:
            banner.display = False
            self.refresh_bindings()
            return
        entry = self.app.scenarios.entry(pending.scenario)
        title = entry.title.get(self.lang) if entry else pending.scenario
        banner.update(t("tui.resume_banner", self.lang, title=title, step=len(pending.steps) + 1))
        banner.display = True
        self.refresh_bindings()

    @on(Input.Changed, "#trainee")
    def name_changed(self, event: Input.Changed) -> None:
        self.app.set_trainee(event.value.strip())

    @on(Input.Submitted, "#trainee")
    def name_done(self, event: Input.Submitted) -> None:
        self.app.set_trainee(event.value.strip())  # asked: the list has the focus at the next start
        self.query_one("#scenarios", OptionList).focus()
        self.refresh_scores()

    def refresh_scores(self) -> None:
        ol = self.query_one("#scenarios", OptionList)
        index = ol.highlighted
        ol.clear_options()
        ol.add_options(self.options())
        ol.highlighted = index
        self.show_resume()

    @on(OptionList.OptionSelected, "#scenarios")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.app.brief(str(event.option.id))

    def action_start(self) -> None:
        ol = self.query_one("#scenarios", OptionList)
        if ol.highlighted is not None:
            self.app.brief(str(ol.get_option_at_index(ol.highlighted).id))

    def action_history(self) -> None:
        self.app.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        from simulator.tui.progress import ProfileScreen
        self.app.push_screen(ProfileScreen())

    def action_toggle_timers(self) -> None:
        self.app.toggle_timers()

    def action_focus_name(self) -> None:
        self.query_one("#trainee", Input).focus()

    def action_focus_list(self) -> None:
        """Escape: leave the name field for the list (the name, even empty, counts as asked)."""
        self.app.set_trainee(self.query_one("#trainee", Input).value.strip())
        self.query_one("#scenarios", OptionList).focus()

    def action_name_help(self) -> None:
        self.app.action_help()

    def action_toggle_coach(self) -> None:
        self.app.toggle_coach()

    async def action_toggle_lang(self) -> None:
        self.app.toggle_lang()

    def action_resume(self) -> None:
        self.app.resume_pending()

    def action_discard(self) -> None:
        pending = self.app.pending()
        if pending is not None:
            self.app.abandon(pending.play_id)
            self.show_resume()


# -- briefing --------------------------------------------------------------------------------

class BriefingScreen(Base):
    BINDINGS = keys.BRIEFING

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        s, lang = self.scenario, self.lang
        body = Text()
        body.append(s.title.get(lang) + "\n", style="bold underline")
        customer = s.customer
        for key, value in (("tui.role", s.role), ("tui.customer", customer), ("tui.situation", s.summary)):
            if not value:
                continue
            body.append(f"\n{t(key, lang)}\n", style="bold")
            if value is customer:  # the card: the name in bold, who they are below
                if customer.name:
                    body.append(customer.name.get(lang) + "\n", style="bold")
                if customer.description:
                    body.append(customer.description.get(lang) + "\n")
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
        self.app.start_play(self.scenario)

    def action_back(self) -> None:
        self.app.show_library()


# -- play ------------------------------------------------------------------------------------

class PlayScreen(Base):
    BINDINGS = keys.PLAY

    def __init__(self, play: Play) -> None:
        super().__init__()
        self.play = play
        self.deadline: float | None = None
        self.countdown_timer = None
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
        yield Transcript(id="history")
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

    def choices_rows(self, options: list[Option]) -> int:
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
        log = self.query_one("#history")
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
        if left is not None and not self.app.no_timers:
            now = self.app.clock()
            self.deadline, self.clock_saved_at = now + left, now
            self.countdown_timer = self.set_interval(TICK, self.tick)
            self.show_remaining()
        else:
            self.deadline = None
            if label.content:
                label.update("", layout=False)

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - self.app.clock())

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
            if self.app.clock() - self.clock_saved_at >= CLOCK_SAVE:
                self.save_clock()

    def save_clock(self) -> None:
        """While a countdown runs, the time spent at the node goes to the store: a play
        interrupted now resumes with the time that was left, not a fresh countdown."""
        if self.deadline is not None and not self.play.finished:
            self.clock_saved_at = self.app.clock()
            self.app.save_clock(self.play)

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
                self.app.show_debrief(self.play, self.debrief)
            return
        self.play.choose(index)
        self.after_step()

    def after_step(self) -> None:
        if self.play.finished:
            self.app.saved(self.play)
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
        """A finished play scored, stored finished and its debrief built, once (see LitigeApp.conclude)."""
        if self.play.finished and self.debrief is None:
            self.debrief = self.app.conclude(self.play)

    def save_step(self) -> None:
        if self.step_unsaved:
            self.step_unsaved = False
            self.app.saved(self.play)

    def on_unmount(self) -> None:
        self.save_step()  # a step not saved yet (the screen closed before its frame was drawn)
        self.conclude()  # an ending not stored yet (the same)
        self.save_clock()  # quit, closed tab, server gone: the time spent here is kept
        if self.countdown_timer is not None:
            self.countdown_timer.stop()


# -- debrief ---------------------------------------------------------------------------------

class DebriefScreen(Base):
    BINDINGS = keys.DEBRIEF

    def __init__(self, play: Play, debrief: debriefing.Debrief) -> None:
        super().__init__()
        self.play = play
        self.debrief = debrief

    # The debrief model (scoring.debrief.Debrief) laid out, section by section, in the order a
    # trainee reads it: ending and score, three things to work on, why this ending (the meters),
    # step by step, per principle; then the path, to try again from a step. No logic of its own.
    def compose(self) -> ComposeResult:
        lang = self.lang
        from simulator.tui.widgets import InlineOptionList
        yield Header()
        exported = Static("", id="exported", markup=False)  # shown on export, above what a toast covers
        exported.display = False
        yield exported
        with VerticalScroll(id="debrief"):
            yield Static(self.outcome(), id="outcome")
            yield Static(self.work_on(), id="work-on")
            yield Static(self.why(), id="why")
            yield Static(self.steps(), id="steps")
            yield Static(self.table(), id="principles")
            yield Static(self.notes(), id="details")
            yield Static(t("tui.path_hint", lang), classes="hint")
            yield InlineOptionList(*self.path_options(), id="path")
        yield Static(t("tui.debrief_hint", lang), id="debrief-keys", classes="hint", markup=False)
        yield Footer(compact=True, show_command_palette=False)  # every key in the hint above; ^p in the help

    def on_mount(self) -> None:
        self.sub_title = f"{t('debrief.title', self.lang)} — {self.debrief.title}"
        self.query_one("#debrief", VerticalScroll).focus()

    def said(self, answer: debriefing.Answer | None) -> str:
        return quoted(answer.text, self.lang) if answer is not None else t("debrief.timed_out", self.lang)

    @staticmethod
    def heading(out: Text, text: str) -> None:
        out.append(f"\n{text}\n", style="bold underline")

    def outcome(self) -> Text:
        d, lang = self.debrief, self.lang
        head = Text()
        if d.ending is not None:
            head.append(f"{label('debrief.ending', lang)}{d.ending_title} ({d.outcome_word})\n", style="bold")
            if d.ending_text:
                head.append(d.ending_text + "\n")
        if d.reveal:  # what really happened in this play (its variant): told at the end, not before
            head.append(f"\n{label('debrief.variant', lang)}", style="bold")
            head.append(d.reveal + "\n")
        head.append(f"\n{label('debrief.score', lang)}{d.score_text} — ", style="bold")
        head.append(("✓ " if d.passed else "✗ ") + d.passed_word, style="bold " + ("green" if d.passed else "red"))
        return head

    def work_on(self) -> Text:
        d, lang = self.debrief, self.lang
        out = Text()
        if not d.work_on:
            return out
        self.heading(out, t("debrief.work_on", lang))
        for n, w in enumerate(d.work_on, 1):
            out.append(f"{n}. {w.symbol} {w.name} — {w.verdict_word}\n", style="bold")
            if w.step is not None:
                out.append(f"   {t('debrief.Step', lang)} {w.number} — {w.speaker}{colon(lang)}{quoted(w.said, lang)}\n")
                out.append(f"   {label('speaker.you', lang)}{self.said(w.answer)}\n", style="italic")
            if w.instead is not None:
                out.append(f"   {label('debrief.instead', lang)}{quoted(w.instead.text, lang)}\n", style="bold")
                if w.instead.feedback:
                    out.append(f"   {label('debrief.feedback', lang)}{w.instead.feedback}\n", style="italic")
            elif w.step is not None:
                out.append(f"   {label('debrief.instead', lang)}{t('debrief.no_better', lang)}\n", style="dim")
        return out

    def why(self) -> Text:
        d, lang = self.debrief, self.lang
        out = Text()
        if not d.meters:
            return out
        self.heading(out, t("debrief.why_ending", lang))
        for m in d.meters:
            out.append(m.course + "\n", style="bold")
            for mv in m.moves:
                answer = quoted(mv.answer, lang) if mv.answer is not None else t("debrief.timed_out", lang)
                out.append(f"   {t('debrief.step', lang)} {mv.number}{colon(lang)}{mv.signed} — {answer}\n")
        return out

    def steps(self) -> Text:
        d, lang = self.debrief, self.lang
        out = Text()
        self.heading(out, t("debrief.steps", lang))
        for v in d.steps:
            out.append(f"{v.number:>2}. ", style="bold")
            out.append(f"{v.speaker}{colon(lang)}", style="bold")
            out.append(v.said + "\n")
            out.append(f"    {label('speaker.you', lang)}{self.said(v.answer)}\n", style="italic")
            figure = f" ({v.credit_figure})" if v.credit_figure else ""
            out.append(f"    {label('debrief.credit', lang)}{v.credit_word}{figure}\n",
                       style={"best": "green", "good": "green", "weak": "yellow", "fault": "red"}.get(v.credit, "dim"))
            if v.applied:
                out.append(f"    + {label('debrief.applied', lang)}{', '.join(v.applied)}\n")
            if v.violated:
                out.append(f"    − {label('debrief.violated', lang)}{', '.join(v.violated)}\n")
            if v.answer is not None and v.answer.feedback:
                out.append(f"    {label('debrief.feedback', lang)}{v.answer.feedback}\n", style="italic")
            if v.better is not None:
                out.append(f"    {label('debrief.better', lang)}{quoted(v.better.text, lang)}\n", style="bold")
                if v.better.feedback:
                    out.append(f"      {label('debrief.feedback', lang)}{v.better.feedback}\n", style="italic")
        return out

    def table(self) -> Table:
        lang = self.lang
        table = Table(title=t("debrief.principles", lang), title_justify="left", title_style="bold underline",
                      expand=True, show_edge=False, show_header=False, box=None, padding=(0, 1))
        table.add_column("", width=2, no_wrap=True)
        table.add_column(t("tui.result", lang), no_wrap=True)
        table.add_column(t("debrief.principles", lang), ratio=1)
        style = {"mastered": "green", "partial": "yellow", "missed": "yellow", "violated": "red"}
        for r in self.debrief.table:
            table.add_row(Text(r.symbol, style=style.get(r.verdict, "")), r.verdict_word, r.name)
        return table

    def notes(self) -> Text:
        """Per principle: why it matters, its frameworks in the debrief's language, this story's sources."""
        d, lang = self.debrief, self.lang
        out = Text()
        for r in d.table:
            if not (r.rationale or r.frameworks or r.sources):
                continue
            out.append(f"\n{r.symbol} {r.name} — {r.verdict_word}\n", style="bold")
            if r.rationale:
                out.append(f"  {label('debrief.why', lang)}{r.rationale}\n")
            if r.frameworks:
                out.append(f"  {label('debrief.frameworks', lang)}{typeset('; '.join(r.frameworks), lang)}\n")
            for src in r.sources:
                out.append(f"  {label('debrief.source', lang)}{src}\n", style="dim")
        if d.article:
            out.append(f"\n{label('debrief.source', lang)}", style="bold")
            out.append(d.article + "\n", style="dim")
        return out

    def path_options(self) -> list[Option | None]:
        lang = self.lang
        out = []
        for p in self.debrief.path:
            if out:
                out.append(None)
            line = Text(f"{p.step + 1:>2}. ", style="bold")
            line.append(f"{speaker(p.speaker, lang, self.debrief.scenario)}{colon(lang)}{p.text.get(lang)}\n    → ")
            line.append(p.chosen.text.get(lang) if p.chosen else t("debrief.timed_out", lang), style="italic")
            line.append(f"   [{t('tui.try_here', lang)}]", style="dim")
            out.append(Option(line, id=f"step-{p.step}"))
        return out

    @on(OptionList.OptionSelected, "#path")
    def try_here(self, event: OptionList.OptionSelected) -> None:
        self.app.try_again_from(self.play, int(str(event.option.id).removeprefix("step-")))

    def action_export(self) -> None:
        try:
            path = self.app.export(self.debrief)
        except OSError as exc:
            message = t("tui.export_failed", self.lang, error=exc.strerror or exc)
        else:
            message = t("tui.exported", self.lang, path=path)
        shown = self.query_one("#exported", Static)
        shown.update(message)
        shown.display = True

    def action_replay(self) -> None:
        self.app.start_play(self.debrief.scenario)

    def action_map(self) -> None:
        self.app.push_screen(MapScreen(self.debrief))

    def action_model(self) -> None:
        """w: the model conversation — a best play, step by step, beside the trainee's own."""
        self.app.push_screen(ModelScreen(self.debrief))

    def action_library(self) -> None:
        self.app.show_library()


# -- map -------------------------------------------------------------------------------------

class MapScreen(Base):
    """The scenario's map (`litige graph`'s, as text) with the path of this play marked: every
    step and move, which were taken — in symbols and words, bold only as a second cue."""

    BINDINGS = keys.MAP

    def __init__(self, debrief: debriefing.Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def graph(self) -> Graph:
        from simulator.authoring.graph import build
        steps = [(s.node, None if s.timed_out else s.chosen) for s in self.debrief.record.steps]
        return build(self.debrief.scenario, self.lang, path=steps)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(t("tui.map_title", lang, title=self.debrief.scenario.title.get(lang)), classes="title",
                     markup=False)
        with VerticalScroll(id="map"):
            yield Static(self.text(), id="map-text")
        yield Static(f"{t('tui.map_legend', lang)}  {t('tui.map_ids', lang)}", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map", VerticalScroll).focus()

    def text(self) -> Text:
        from simulator.authoring.graph import reading_order
        yours = t("tui.map_yours", self.lang)
        out = Text()
        for node, edges in reading_order(self.graph()):
            if len(out):
                out.append("\n")
            out.append(("● " if node.visited else "○ ") + self.id_marked(node.label, node.id) + "\n",
                       style="bold" if node.visited else "dim")
            for e in edges:
                line = f"    {'⇒' if e.taken else '→'} {e.label} → #{e.dest}"
                if e.taken:
                    out.append(line + f"   ({yours})\n", style="bold")
                else:
                    out.append(line + "\n", style="" if node.visited else "dim")
        return out

    @staticmethod
    def id_marked(text: str, node_id: str) -> str:
        """A node's label with its id marked as one (#id): ids are the scenario file's, not translated."""
        if text.startswith(node_id + " · "):
            return "#" + text
        at = text.rfind(f" · {node_id} · ")  # an ending's: END · outcome · id · title (the outcome may read as the id)
        return text if at < 0 else f"{text[:at]} · #{text[at + 3:]}"

    def action_export(self) -> None:
        try:
            path = self.app.export_map(self.debrief, self.graph())
        except OSError as exc:
            message = t("tui.export_failed", self.lang, error=exc.strerror or exc)
        else:
            message = t("tui.map_exported", self.lang, path=path)
        self.app.notify(message, timeout=6)

    def action_back(self) -> None:
        self.dismiss()


# -- model conversation ----------------------------------------------------------------------

class ModelScreen(Base):
    """The debrief model's model conversation (scoring.debrief.ModelPlay), shown as it is: each
    step of a best play with its feedback and, where the trainee answered otherwise, their answer
    beside it. What to show comes from the model; this screen only lays it out."""

    BINDINGS = keys.MODEL

    def __init__(self, debrief: debriefing.Debrief) -> None:
        super().__init__()
        self.debrief = debrief

    def compose(self) -> ComposeResult:
        d, lang = self.debrief, self.lang
        yield Header()
        yield Static(f"{t('debrief.model', lang)} — {d.scenario.title.get(lang)}", classes="title", markup=False)
        with VerticalScroll(id="model"):
            yield Static(self.text(), id="model-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = t("debrief.model", self.lang)
        self.query_one("#model", VerticalScroll).focus()

    def text(self) -> Text:
        d, lang = self.debrief, self.lang

        def quoted_answer(answer, lang: str) -> str:
            return quoted(answer.text, lang) if answer is not None else t("debrief.timed_out", lang)
        m = getattr(d, "model", None)
        out = Text()
        if m is None:
            out.append(t("debrief.model_none", lang) + "\n", style="italic")
            return out
        out.append(t("debrief.model_intro", lang, score=m.score_text.removesuffix("/100"), ending=m.ending) + "\n")
        if not m.proven:
            out.append(t("debrief.model_greedy", lang) + "\n", style="dim")
        for s in m.steps:
            out.append(f"\n{t('debrief.Step', lang)} {s.number}\n", style="bold underline")
            out.append(f"{s.speaker}{colon(lang)}", style="bold")
            out.append(s.said + "\n")
            out.append(f"  ✓ {label('debrief.model_answer', lang)}", style="bold green")
            out.append(quoted_answer(s.answer, lang) + "\n", style="bold")
            if s.answer is not None and s.answer.feedback:
                out.append(f"    {label('debrief.feedback', lang)}{s.answer.feedback}\n", style="italic")
            if s.same:
                out.append(f"    {t('debrief.same_as_yours', lang)}\n", style="dim")
            elif s.yours is not None or s.yours_timed_out:
                out.append(f"  ↔ {label('debrief.your_answer', lang)}", style="bold yellow")
                out.append((t("debrief.timed_out", lang) if s.yours is None else quoted_answer(s.yours, lang)) + "\n")
                if s.yours is not None and s.yours.feedback:
                    out.append(f"    {label('debrief.feedback', lang)}{s.yours.feedback}\n", style="italic")
        out.append(f"\n{label('debrief.ending', lang)}{m.ending} ({m.outcome_word})\n", style="bold")
        if m.ending_text:
            out.append(m.ending_text + "\n")
        return out

    def action_back(self) -> None:
        self.dismiss()


# -- history ---------------------------------------------------------------------------------

class HistoryScreen(Base):
    BINDINGS = keys.HISTORY

    def compose(self) -> ComposeResult:
        lang, app = self.lang, self.app
        yield Header()
        who = shown(app.trainee or "") or t("tui.everyone", lang)
        yield Static(t("tui.history_of", lang, who=who), classes="title", markup=False)
        from textual.widgets import DataTable
        table = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t("tui.when", lang), t("tui.scenario", lang), t("debrief.ending", lang),
                          t("debrief.score", lang), t("tui.result", lang))
        for row in app.store.history(app.trainee or None):
            entry = app.scenarios.entry(row.scenario)
            title = entry.title.get(lang) if entry else shown(row.scenario)  # an id from the database
            if row.finished:
                outcome = t("outcome." + row.outcome, lang) if row.outcome else "—"
                score = f"{fmt_number(row.scaled, lang)}/100" if row.scaled is not None else "—"
                verdict = ("✓ " + t("debrief.passed", lang)) if row.passed else ("✗ " + t("debrief.failed", lang))
            else:
                outcome, score = "—", "—"
                verdict = t("tui.abandoned", lang) if row.abandoned_at else t("tui.unfinished", lang, n=row.steps)
            table.add_row(row.started_at[:16].replace("T", " "), title, outcome, score, verdict)
        yield table
        yield Static(t("tui.history_keys", lang), classes="hint")
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()


# -- modals ----------------------------------------------------------------------------------

class HelpScreen(ModalScreen):
    BINDINGS = keys.HELP_SCREEN

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        keys.localize(self, lang)

    WIDE = 100  # columns from which the sections go in two columns (the Debrief one in view at 100×30)

    def compose(self) -> ComposeResult:
        wide = self.app.size.width >= self.WIDE
        with Vertical(id="help-box", classes="wide" if wide else ""):
            with VerticalScroll(id="help-body"):
                if wide:
                    half = 2  # Everywhere, Library | Briefing, Play, Debrief
                    with Horizontal(id="help-columns"):
                        yield Static(self.table(keys.HELP[:half]), classes="help-column")
                        yield Static(self.table(keys.HELP[half:], title=False), classes="help-column")
                else:
                    yield Static(self.table())
            yield Static(t("tui.help_close", self.lang), id="help-hint", classes="hint")

    def on_mount(self) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        self.watch(body, "scroll_y", lambda _y: self.show_more(), init=False)
        self.call_after_refresh(self.show_more)

    def show_more(self) -> None:
        """The hint says that more follows while the body has more below (▼), else how to close."""
        body = self.query_one("#help-body", VerticalScroll)
        more = body.max_scroll_y > 0 and body.scroll_y < body.max_scroll_y
        self.query_one("#help-hint", Static).update(t("tui.help_more" if more else "tui.help_close", self.lang))

    def table(self, sections=None, title: bool = True) -> Table:
        lang = self.lang
        sections = keys.HELP if sections is None else sections
        table = Table(title=t("tui.help", lang) if title else None, title_style="bold", show_edge=False,
                      show_header=False, box=None, expand=True, padding=(0, 2))
        table.add_column("", no_wrap=True, style="bold")
        table.add_column("")
        if not title:
            table.add_row("", "")  # level with the other column's first section, under its title
        for n, (section, rows) in enumerate(sections):
            table.add_row(Text(t(section, lang), style="bold underline"), "", end_section=False)
            for k, what in rows:
                table.add_row(t(k, lang) if k.startswith("tui.") else k, t(what, lang))
            if n < len(sections) - 1:
                table.add_row("", "")
        return table

    def action_close(self) -> None:
        self.dismiss()


class QuitScreen(ModalScreen[bool]):
    BINDINGS = keys.CONFIRM

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(t("tui.quit_q", self.lang), id="quit-question")
            with Horizontal(id="quit-buttons"):
                yield Button(t("tui.yes", self.lang), variant="error", id="yes")
                yield Button(t("tui.no", self.lang), variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)
