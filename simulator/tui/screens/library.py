"""The library: the trainee's name, the stories with their best scores, an interrupted play to resume."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.lang.i18n import fmt_number, label, t
from simulator.lang.plaintext import shown
from simulator.tui import keys
from simulator.tui.screens.base import Base
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.name import NameInput


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
        from simulator.tui.screens.profile import ProfileScreen
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
