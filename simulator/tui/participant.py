"""`litige --participant [--scenario ID]`: the game as a workshop participant gets it in the
browser (`litige serve` runs one per participant).

Name first (asked every time: the database is shared, nothing is remembered for the next
person), then the scenario (the one the facilitator set, or a choice), the play by keyboard
(digits 1-9, or arrows and Enter), every step saved to the shared store as it happens, and
the debrief at the end. An interrupted play of the same name and scenario is resumed.
Thin: the engine plays, the scorer judges, `scoring.debrief` writes the debrief.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine import Play
from simulator.i18n import t
from simulator.model import Scenario

MAX_NAME = 60


@dataclass(frozen=True)
class Seat:
    trainee: str
    lang: str


class NameScreen(Screen):
    BINDINGS = [Binding("escape", "app.quit", t("participant.quit"), show=True)]

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("participant.welcome", self.lang), id="welcome", markup=False)
        yield Static(t("participant.name", self.lang), markup=False)
        yield Input(id="name", max_length=MAX_NAME, placeholder=t("participant.name_hint", self.lang))
        yield Static("", id="name-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#name-error", Static).update(t("participant.name_needed", self.lang))
            return
        self.app.seated(Seat(name, self.lang))  # type: ignore[attr-defined]


class PickScreen(Screen):
    def __init__(self, scenarios: list[Scenario], lang: str):
        super().__init__()
        self.scenarios = scenarios
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("participant.pick", self.lang), markup=False)
        yield OptionList(*[Option(f"{s.title.get(self.lang)} — {s.summary.get(self.lang) if s.summary else ''}",
                                  id=s.id) for s in self.scenarios], id="scenarios")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        chosen = next(s for s in self.scenarios if s.id == event.option.id)
        self.app.start(chosen)  # type: ignore[attr-defined]


class PlayScreen(Screen):
    """The conversation so far, the current line, the numbered choices."""

    DEFAULT_CSS = """
    PlayScreen #transcript { height: 1fr; padding: 0 1; }
    PlayScreen #choices { height: auto; max-height: 12; border-top: solid $primary; }
    """
    BINDINGS = [Binding(str(i), f"pick({i})", show=False) for i in range(1, 10)]

    def __init__(self, play: Play, lang: str, on_step):
        super().__init__()
        self.play = play
        self.lang = lang
        self.on_step = on_step

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="transcript"):
            yield Static("", id="story", markup=False)
        yield OptionList(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.play.scenario.title.get(self.lang)
        self.draw()

    def draw(self) -> None:
        lang, sc = self.lang, self.play.scenario
        lines = []
        if not self.play.record.steps and sc.role:
            lines += [sc.role.get(lang), ""]
        for step in self.play.record.steps:
            node = sc.nodes[step.node]
            lines.append(f"{t('speaker.' + node.speaker, lang)} : {node.text.get(lang)}")
            chosen = next((c for c in node.choices if c.id == step.chosen), None)
            lines.append(f"  → {chosen.text.get(lang) if chosen else t('debrief.timed_out', lang)}")
            lines.append("")
        node = self.play.node
        lines.append(f"{t('speaker.' + node.speaker, lang)} : {node.text.get(lang)}")
        self.query_one("#story", Static).update("\n".join(lines))
        self.query_one("#transcript", VerticalScroll).scroll_end(animate=False)
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options([Option(f"{i}. {c.text.get(lang)}") for i, c in enumerate(self.play.offered(), 1)])
        choices.highlighted = 0 if self.play.offered() else None
        choices.focus()

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.play.offered()):
            self.take(n - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.take(event.option_index)

    def take(self, index: int) -> None:
        if self.play.finished:
            return
        self.play.choose(index)
        self.on_step(self.play)
        if not self.play.finished:
            self.draw()


class DebriefScreen(Screen):
    BINDINGS = [Binding("q", "app.quit", t("participant.quit"))]

    def __init__(self, text: str, lang: str):
        super().__init__()
        self.text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static(self.text, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("participant.done", self.lang)
        self.query_one("#debrief").focus()


class ParticipantApp(App):
    TITLE = "Litige"
    BINDINGS = [Binding("ctrl+q", "quit", t("participant.quit"))]

    def __init__(self, *, lang: str = "fr", db: str | None = None, scenario: str | None = None):
        super().__init__()
        self.lang = lang
        self.db = db
        self.scenario_id = scenario
        self.seat: Seat | None = None
        self.store = None

    def on_mount(self) -> None:
        from simulator.store import Store
        self.store = Store.open(self.db)
        self.push_screen(NameScreen(self.lang))

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def seated(self, seat: Seat) -> None:
        self.seat = seat
        self.sub_title = seat.trainee
        import scenarios
        from simulator.loader import load
        if self.scenario_id:
            self.start(load(scenarios.find(self.scenario_id)))
            return
        self.push_screen(PickScreen([load(p) for p in scenarios.shipped()], self.lang))

    def start(self, scenario: Scenario) -> None:
        assert self.seat is not None and self.store is not None
        play = None
        for record in self.store.unfinished(trainee=self.seat.trainee):
            if record.scenario == scenario.id:
                try:
                    play = Play.resume(scenario, record)
                    break
                except Exception:  # the story changed since: start afresh
                    continue
        if play is None:
            play = Play(scenario, lang=self.lang, trainee=self.seat.trainee)
        if play.finished:
            self.save(play)
            return
        self.push_screen(PlayScreen(play, self.lang, self.save))

    def save(self, play: Play) -> None:
        assert self.store is not None
        self.store.save_play(play.record)
        if play.finished:
            from scoring.debrief import build, render_text
            debrief = build(play.scenario, play.record)
            self.store.finish_play(play.record, debrief.result)
            end = play.scenario.nodes[play.record.current]
            text = f"{t('speaker.' + end.speaker, self.lang)} : {end.text.get(self.lang)}\n\n"
            self.push_screen(DebriefScreen(text + render_text(debrief, self.lang), self.lang))


def run(args: argparse.Namespace) -> int:
    ParticipantApp(lang=args.lang, db=args.db, scenario=getattr(args, "start_scenario", None)).run()
    return 0
