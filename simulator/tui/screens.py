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

from simulator.i18n import colon, fmt_number, label, quoted, t
from simulator.text import cite
from simulator.tui import keys

if TYPE_CHECKING:  # the engine and the scoring load with the first play, not before the library shows
    from scoring import debrief as debriefing
    from simulator.engine import Play
    from simulator.graph import Graph
    from simulator.model import Scenario
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

class NameScreen(Base):
    """A workshop seat's first screen: who is playing (never prefilled: the database is the room's)."""

    BINDINGS = keys.NAME
    MAX_NAME = 60

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Vertical(id="name-box"):
            yield Static(t("participant.welcome", lang), classes="title", markup=False)
            yield Static(t("participant.name", lang), markup=False)
            yield Input(max_length=self.MAX_NAME, placeholder=t("participant.name_hint", lang), id="name")
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
    AUTO_FOCUS = "#scenarios"  # focused as the screen mounts: one footer layout, not two

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="trainee-row"):
            yield Label(t("tui.trainee", lang) + " ", id="trainee-label")
            yield Input(value=self.app.trainee or "", placeholder=t("tui.trainee_placeholder", lang), id="trainee")
        yield Static("", id="resume", markup=False)
        yield Static(t("tui.pick", lang), classes="hint")
        yield OptionList(*self.options(), id="scenarios")
        yield Footer()

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

    def show_resume(self) -> None:
        banner = self.query_one("#resume", Static)
        pending = self.app.pending()
        if pending is None:
            banner.display = False
            return
        entry = self.app.scenarios.entry(pending.scenario)
        title = entry.title.get(self.lang) if entry else pending.scenario
        banner.update(t("tui.resume", self.lang, title=title, step=len(pending.steps) + 1))
        banner.display = True

    @on(Input.Changed, "#trainee")
    def name_changed(self, event: Input.Changed) -> None:
        self.app.set_trainee(event.value.strip())

    @on(Input.Submitted, "#trainee")
    def name_done(self) -> None:
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

    def action_toggle_timers(self) -> None:
        self.app.toggle_timers()

    def action_focus_name(self) -> None:
        self.query_one("#trainee", Input).focus()

    async def action_toggle_lang(self) -> None:
        self.app.toggle_lang()

    def action_resume(self) -> None:
        self.app.resume_pending()

    def action_discard(self) -> None:
        pending = self.app.pending()
        if pending is not None:
            self.app.store.abandon(pending.play_id)
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
        self.sub_title = self.play.scenario.title.get(self.lang)
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
        moods = self.mood_changes(index)
        if moods:
            out.append("\n  " + moods, style="italic")
        return out

    def mood_changes(self, index: int) -> str:
        """`(humeur : rassurée)` when the step moved a meter into another mood band ("" when
        not); with several meters that have moods, each is named: `(Confiance : rassurée)`."""
        lang, s = self.lang, self.play.scenario
        step = self.play.record.steps[index]
        moody = [m for m in s.meters.values() if m.moods]
        changed = []
        for meter in moody:
            before = meter.mood(step.meters_before.get(meter.id, 0))
            after = meter.mood(step.meters_after.get(meter.id, 0))
            if after is not None and (before is None or before.get(lang) != after.get(lang)):
                changed.append((meter, after.get(lang)))
        if len(moody) == 1:
            return " ".join(t("tui.mood_changed", lang, mood=word) for _, word in changed)
        return " ".join(t("tui.meter_mood_changed", lang, meter=meter.label.get(lang), mood=word)
                        for meter, word in changed)

    def show_node(self) -> None:
        play, lang = self.play, self.lang
        node = play.node
        log = self.query_one("#history")
        steps = len(play.record.steps)
        for index in range(self.shown_steps, steps):
            log.add(self.step_text(index))
        self.shown_steps = steps
        self.query_one("#progress", Static).update(t("tui.step", lang, n=steps + 1), layout=False)
        for bar in self.meter_bars:
            bar.set(play.meters[bar.meter_id])
        offered = play.offered()
        key = (node.id, tuple(c.id for c in offered))
        ol = self.query_one("#choices", OptionList)
        line = Text()
        line.append(speaker(node.speaker, lang, play.scenario) + colon(lang), style="bold reverse")
        line.append(" " + node.text.get(lang))
        new_choices = key != self.shown_choices  # a node that loops back to itself offers the same list
        options = [Option(Text(f"{i}. ") + Text(c.text.get(lang)), id=c.id) for i, c in enumerate(offered, 1)] \
            if new_choices else []
        self.fit(self.line_height(line), self.choices_rows(options) if new_choices else None)  # both at once
        self.show_line(line)
        if new_choices:
            self.shown_choices = key
            ol.set_options(options)
            hint = ("tui.choose_hint_one" if len(offered) == 1 else "tui.choose_hint") if offered else "tui.stuck"
            hint = t(hint, lang, n=min(9, len(offered)))
            shown = self.query_one("#choose-hint", Static)
            if str(shown.content) != hint:
                shown.update(hint, layout=not str(shown.content)
                             or len(hint) > self.app.size.width - shown.styles.gutter.width)
        if offered:
            ol.highlighted = 0
        ol.focus()
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
        if n <= len(self.play.offered()):
            self.pick(n - 1)

    @on(OptionList.OptionSelected, "#choices")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option_index)

    def pick(self, index: int) -> None:
        if self.play.finished:
            return
        self.play.choose(index)
        self.after_step()

    def after_step(self) -> None:
        if self.play.finished:
            self.app.saved(self.play)
            if self.countdown_timer is not None:
                self.countdown_timer.stop()
            self.app.finish(self.play)
        else:
            # The step is saved as soon as the next node has been drawn: the trainee does not
            # wait for the disk (a write that usually takes 0.6 ms took 3 to 7 ms at times on
            # the test machine), and the next key is handled after the write, in order.
            self.step_unsaved = True
            self.show_node()
            self.call_after_refresh(self.save_step)

    def save_step(self) -> None:
        if self.step_unsaved:
            self.step_unsaved = False
            self.app.saved(self.play)

    def on_unmount(self) -> None:
        self.save_step()  # a step not saved yet (the screen closed before its frame was drawn)
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

    def compose(self) -> ComposeResult:
        d, lang = self.debrief, self.lang
        r = d.result
        from simulator.tui.widgets import InlineOptionList
        yield Header()
        exported = Static("", id="exported", markup=False)  # shown on export, above what a toast covers
        exported.display = False
        yield exported
        with VerticalScroll(id="debrief"):
            head = Text()
            if d.ending:
                head.append(f"{label('debrief.ending', lang)}{d.ending.title.get(lang)} "
                            f"({t('outcome.' + d.ending.outcome, lang)})\n", style="bold")
                if d.ending.text:
                    head.append(d.ending.text.get(lang) + "\n")
            reveal = self.reveal()
            if reveal:  # what really happened in this play (its variant): told at the end, not before
                head.append(f"\n{label('debrief.variant', lang)}", style="bold")
                head.append(reveal + "\n")
            verdict = t("debrief.passed" if r.passed else "debrief.failed", lang)
            shown = t("debrief.no_score", lang) if r.scaled is None else f"{fmt_number(r.scaled, lang)}/100"
            head.append(f"\n{label('debrief.score', lang)}{shown} — ", style="bold")
            head.append(("✓ " if r.passed else "✗ ") + verdict, style="bold " + ("green" if r.passed else "red"))
            yield Static(head, id="outcome")
            yield Static(self.table(), id="principles")
            yield Static(self.details(), id="details")
            yield Static(t("tui.path_hint", lang), classes="hint")
            yield InlineOptionList(*self.path_options(), id="path")
        yield Static(t("tui.debrief_keys", lang), id="debrief-keys", classes="hint", markup=False)
        yield Footer()

    def reveal(self) -> str | None:
        """The reveal of the variant this play played, if the scenario still has it."""
        d = self.debrief
        vid = d.result.variant
        variant = next((v for v in d.scenario.variants if v.id == vid), None) if vid else None
        return variant.reveal.get(self.lang) if variant is not None and variant.reveal else None

    def on_mount(self) -> None:
        self.sub_title = f"{t('debrief.title', self.lang)} — {self.debrief.scenario.title.get(self.lang)}"
        self.query_one("#debrief", VerticalScroll).focus()

    def table(self) -> Table:
        lang = self.lang
        table = Table(title=t("debrief.principles", lang), title_justify="left", title_style="bold underline",
                      expand=True, show_edge=False, show_header=False, box=None, padding=(0, 1))
        table.add_column("", width=2, no_wrap=True)
        table.add_column(t("tui.result", lang), no_wrap=True)
        table.add_column(t("debrief.principles", lang), ratio=1)
        from scoring.debrief import SYMBOL
        from scoring.scorer import Verdict
        style = {Verdict.MASTERED: "green", Verdict.PARTIAL: "yellow", Verdict.MISSED: "yellow",
                 Verdict.VIOLATED: "red"}
        for p in self.debrief.principles:
            table.add_row(Text(SYMBOL[p.verdict], style=style[p.verdict]), t("verdict." + p.verdict.value, lang),
                          p.principle.name.get(lang))
        return table

    def details(self) -> Text:
        from scoring.debrief import SYMBOL
        d, lang = self.debrief, self.lang
        out = Text()
        if d.to_improve:
            out.append(f"\n{t('debrief.to_improve', lang)}\n", style="bold underline")
        for p in d.to_improve:
            out.append(f"\n{SYMBOL[p.verdict]} {p.principle.name.get(lang)} — {t('verdict.' + p.verdict.value, lang)}\n",
                       style="bold")
            for o in p.occurrences:
                out.append(f"  {label('debrief.where', lang)}{t('debrief.step', lang)} {o.step + 1} — "
                           f"{quoted(o.node_text.get(lang), lang)}\n")
                chosen = o.chosen.text.get(lang) if o.chosen else t("debrief.timed_out", lang)
                out.append(f"  {label('debrief.you_chose', lang)}{chosen if o.chosen is None else quoted(chosen, lang)}\n")
                if o.chosen and o.chosen.feedback and o.kind == "violated":
                    out.append(f"  {label('debrief.feedback', lang)}{o.chosen.feedback.get(lang)}\n", style="italic")
                if o.better:
                    out.append(f"  {label('debrief.better', lang)}{quoted(o.better.text.get(lang), lang)}\n", style="bold")
                    if o.better.feedback:
                        out.append(f"  {label('debrief.feedback', lang)}{o.better.feedback.get(lang)}\n", style="italic")
                else:
                    out.append(f"  {label('debrief.better', lang)}{t('debrief.no_better', lang)}\n", style="dim")
            pr = p.principle
            if pr.rationale:
                out.append(f"  {label('debrief.why', lang)}{pr.rationale.get(lang)}\n")
            # the principle's sources from this story only, as the text debrief (scoring/debrief.py)
            for s in (s for s in pr.sources if s.story == d.scenario.id):
                shows = f" — {s.shows.get(lang)}" if s.shows else ""
                out.append(f"  {label('debrief.source', lang)}{cite(s.title, s.author, s.year, lang)}{shows}\n",
                           style="dim")
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
        from simulator.graph import build
        steps = [(s.node, None if s.timed_out else s.chosen) for s in self.debrief.record.steps]
        return build(self.debrief.scenario, self.lang, path=steps)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        yield Static(t("tui.map_title", lang, title=self.debrief.scenario.title.get(lang)), classes="title",
                     markup=False)
        with VerticalScroll(id="map"):
            yield Static(self.text(), id="map-text")
        yield Static(t("tui.map_legend", lang), classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#map", VerticalScroll).focus()

    def text(self) -> Text:
        from simulator.graph import reading_order
        yours = t("tui.map_yours", self.lang)
        out = Text()
        for node, edges in reading_order(self.graph()):
            if len(out):
                out.append("\n")
            out.append(("● " if node.visited else "○ ") + node.label + "\n",
                       style="bold" if node.visited else "dim")
            for e in edges:
                line = f"    {'⇒' if e.taken else '→'} {e.label} → {e.dest}"
                if e.taken:
                    out.append(line + f"   ({yours})\n", style="bold")
                else:
                    out.append(line + "\n", style="" if node.visited else "dim")
        return out

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


# -- history ---------------------------------------------------------------------------------

class HistoryScreen(Base):
    BINDINGS = keys.HISTORY

    def compose(self) -> ComposeResult:
        lang, app = self.lang, self.app
        yield Header()
        who = app.trainee or t("tui.everyone", lang)
        yield Static(t("tui.history_of", lang, who=who), classes="title", markup=False)
        from textual.widgets import DataTable
        table = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t("tui.when", lang), t("tui.scenario", lang), t("debrief.ending", lang),
                          t("debrief.score", lang), t("tui.result", lang))
        for row in app.store.history(app.trainee or None):
            entry = app.scenarios.entry(row.scenario)
            title = entry.title.get(lang) if entry else row.scenario
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

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-body"):
                yield Static(self.table())
            yield Static(t("tui.help_close", self.lang), classes="hint")

    def table(self) -> Table:
        lang = self.lang
        table = Table(title=t("tui.help", lang), title_style="bold", show_edge=False, show_header=False,
                      box=None, expand=True, padding=(0, 2))
        table.add_column("", no_wrap=True, style="bold")
        table.add_column("")
        for n, (section, rows) in enumerate(keys.HELP):
            table.add_row(Text(t(section, lang), style="bold underline"), "", end_section=False)
            for k, what in rows:
                table.add_row(t(k, lang) if k.startswith("tui.") else k, t(what, lang))
            if n < len(keys.HELP) - 1:
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
