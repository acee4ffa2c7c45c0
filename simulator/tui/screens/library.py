"""The library: the trainee's name, the stories with their best scores, an interrupted play to resume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.lang.i18n import fmt_number, label, t
from simulator.lang.plaintext import shown
from simulator.tui import keys
from simulator.tui.messages import (
    CoachToggled,
    HelpAsked,
    HistoryOpened,
    LanguageToggled,
    PlayDiscarded,
    ProfileOpened,
    ResumeAsked,
    ScenarioChosen,
    TimersToggled,
    TraineeNamed,
)
from simulator.tui.screens.base import Base
from simulator.tui.screens.name import NameInput

if TYPE_CHECKING:
    from simulator.game.library import Library
    from simulator.play.record import PlayRecord


class LibraryScreen(Base):
    """The stories on the shelf, from their files' heads, with the trainee's best scores; what is
    shown again after a change (scores, the interrupted play, the mode) the app gives anew."""

    BINDINGS = keys.LIBRARY
    LANG_SWITCH = True

    def __init__(self, lang: str, shelf: Library, *, trainee: str | None, asked: bool, best: dict[str, float],
                 pending: PlayRecord | None, last: str | None, mode: str) -> None:
        """`asked`: the trainee's name was asked for once (given, or left empty); `last`: the
        story last played or selected; `mode`: the coach setting in words."""
        super().__init__(lang)
        self.shelf = shelf
        self.trainee = trainee
        self.best = best
        self.pending = pending
        self.last = last
        self.mode = mode
        # Focused as the screen mounts (one footer layout, not two): the name field until a name
        # has been asked for once — what is typed there goes into it, not to the single-letter
        # shortcuts —, then the list.
        self.AUTO_FOCUS = "#scenarios" if asked else "#trainee"  # type: ignore[misc]  # a ClassVar to Textual's types; read per screen
        self.has_pending = False  # an interrupted play to resume or discard (set by show_resume)

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        with Horizontal(id="trainee-row"):
            yield Label(t("tui.trainee", lang) + " ", id="trainee-label")
            # a name stored before names were checked at entry shows by the rule for stored text
            yield NameInput(lang, value=shown(self.trainee or ""), placeholder=t("tui.trainee_placeholder", lang),
                            id="trainee")
        yield Static("", id="resume", markup=False)
        yield Static(t("tui.pick", lang), classes="hint")
        yield OptionList(*self.options(), id="scenarios")
        yield Footer(compact=True, show_command_palette=False)  # ^p in the help: the room goes to t, c, r, x

    def options(self) -> list[Option | None]:
        lang = self.lang
        best = self.best
        out: list[Option | None] = []
        for s in self.shelf.entries():  # from the files' heads: nothing validated yet
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
        self.show_resume(self.pending)
        self.show_mode(self.mode)
        last = self.last  # back from a play: the story just played stays selected
        ol = self.query_one("#scenarios", OptionList)
        if last is not None:
            try:
                ol.highlighted = ol.get_option_index(last)
            except Exception:  # OptionDoesNotExist: a story no longer on the shelf
                pass

    def show_mode(self, mode: str) -> None:
        """The coach setting, in words, in the header."""
        self.sub_title = mode

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

    def show_resume(self, pending: PlayRecord | None) -> None:
        """The banner offering the interrupted play (`pending`) to resume or discard, if any."""
        banner = self.query_one("#resume", Static)
        self.pending = pending
        self.has_pending = pending is not None
        keys.show_key(self, "p", not self.has_pending)  # room in the footer for r and x
        if pending is None:
            banner.display = False
            self.refresh_bindings()
            return
        entry = self.shelf.entry(pending.scenario)
        title = entry.title.get(self.lang) if entry else pending.scenario
        banner.update(t("tui.resume_banner", self.lang, title=title, step=len(pending.steps) + 1))
        banner.display = True
        self.refresh_bindings()

    @on(Input.Changed, "#trainee")
    def name_changed(self, event: Input.Changed) -> None:
        self.post_message(TraineeNamed(event.value.strip()))

    @on(Input.Submitted, "#trainee")
    def name_done(self, event: Input.Submitted) -> None:
        # asked: the list has the focus at the next start; the app gives this name's scores (refresh_scores)
        self.post_message(TraineeNamed(event.value.strip(), done=True))
        self.query_one("#scenarios", OptionList).focus()

    def refresh_scores(self, best: dict[str, float], pending: PlayRecord | None) -> None:
        """The best scores and the interrupted play of the trainee now named."""
        self.best = best
        ol = self.query_one("#scenarios", OptionList)
        index = ol.highlighted
        ol.clear_options()
        ol.add_options(self.options())
        ol.highlighted = index
        self.show_resume(pending)

    @on(OptionList.OptionSelected, "#scenarios")
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.post_message(ScenarioChosen(str(event.option.id)))

    def action_start(self) -> None:
        ol = self.query_one("#scenarios", OptionList)
        if ol.highlighted is not None:
            self.post_message(ScenarioChosen(str(ol.get_option_at_index(ol.highlighted).id)))

    def action_history(self) -> None:
        self.post_message(HistoryOpened())

    def action_progress(self) -> None:
        self.post_message(ProfileOpened())

    def action_toggle_timers(self) -> None:
        self.post_message(TimersToggled())

    def action_focus_name(self) -> None:
        self.query_one("#trainee", Input).focus()

    def action_focus_list(self) -> None:
        """Escape: leave the name field for the list (the name, even empty, counts as asked)."""
        self.post_message(TraineeNamed(self.query_one("#trainee", Input).value.strip()))
        self.query_one("#scenarios", OptionList).focus()

    def action_name_help(self) -> None:
        self.post_message(HelpAsked())

    def action_toggle_coach(self) -> None:
        self.post_message(CoachToggled())

    def action_toggle_lang(self) -> None:
        self.post_message(LanguageToggled())

    def action_resume(self) -> None:
        self.post_message(ResumeAsked())

    def action_discard(self) -> None:
        self.post_message(PlayDiscarded())  # the app gives the play up and shows what is left (show_resume)
