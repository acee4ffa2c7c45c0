"""The trainee's profile (issue 18), from the library's `p`: each principle's verdicts over time
(✓ ◐ ○ ✗, newest right: symbols, not colours, carry the meaning), the best and last score per
scenario, the plays per day, and what to practise next — Enter starts it (the scenario, from the
step to try again from). The figures come from simulator/progress.py; nothing is computed here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.i18n import label, t
from simulator.progress_render import SYMBOLS, VERDICTS, due_text, explain, score_text, symbols
from simulator.tui import keys
from simulator.tui.screens import Base

if TYPE_CHECKING:
    from simulator.progress import Profile

STYLES = {"mastered": "green", "partial": "yellow", "missed": "yellow", "violated": "red"}  # beside the symbol, never instead
WIDE = 100  # columns from which a row shows its scenarios and more of its verdicts


class ProfileScreen(Base):
    BINDINGS = keys.PROGRESS

    def __init__(self) -> None:
        super().__init__()
        self.profile: Profile | None = None
        self.names: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        trainee = self.app.trainee
        if trainee:
            self.load(trainee)

    def load(self, trainee: str) -> None:
        from datetime import datetime, timezone

        from scoring.catalogue import load_catalogue
        from simulator.progress import from_store
        app, lang = self.app, self.lang
        catalogue = load_catalogue()
        entries = app.scenarios.entries()
        today = datetime.now(timezone.utc).date() if app.today is None else app.today()
        self.profile = from_store(app.store, trainee, [p.id for p in catalogue], today,
                                  available={e.id for e in entries})
        self.names = {p.id: p.name.get(lang) for p in catalogue}
        self.titles = {e.id: e.title.get(lang) for e in entries}

    def compose(self) -> ComposeResult:
        lang, prof = self.lang, self.profile
        yield Header()
        yield Static(t("progress.title", lang, who=self.app.trainee or "—"), classes="title", markup=False)
        if prof is None:
            yield Static(t("progress.no_name", lang), id="profile-next", markup=False)
        elif not prof.plays:
            yield Static(t("progress.no_plays", lang), id="profile-next", markup=False)
        else:
            next_line = Text(label("progress.next", lang), style="bold")
            next_line.append(explain(prof, lang, self.names, self.titles), style="not bold")
            yield Static(next_line, id="profile-next")
            with VerticalScroll(id="profile-body"):
                yield Static(self.principles_table(), id="profile-principles")
                yield Static(self.scenarios_table(), id="profile-scenarios")
                yield Static(self.days_text(), id="profile-days")
        yield Static(t("tui.progress_keys", lang), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.query("#profile-body"):
            self.query_one("#profile-body", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "practise":  # shown only when there is something to practise
            return self.profile is not None and self.profile.suggestion is not None
        return True

    # -- what it shows -------------------------------------------------------------------------
    def principles_table(self) -> Table:
        lang, prof = self.lang, self.profile
        assert prof is not None
        wide = self.app.size.width >= WIDE
        table = Table(title=label("progress.principles", lang) + "  ".join(
            f"{SYMBOLS[v]} {t(f'verdict.{v}', lang)}" for v in VERDICTS), title_justify="left",
            title_style="bold", box=None, padding=(0, 1), expand=wide, show_edge=False)
        table.add_column(t("results.report.principle", lang), max_width=34, overflow="ellipsis", no_wrap=True)
        table.add_column(t("progress.col.verdicts", lang), no_wrap=True)
        table.add_column(t("progress.col.due", lang), no_wrap=True)
        if wide:
            table.add_column(t("progress.col.scenarios", lang), ratio=1, overflow="ellipsis", no_wrap=True)
        shown = 24 if wide else 12
        for row in prof.met:
            marks = Text()
            for ch in symbols(row, shown):
                verdict = next((v for v, s in SYMBOLS.items() if s == ch), None)
                marks.append(ch, style=STYLES.get(verdict or "", ""))
            cells: list[str | Text] = [self.names.get(row.principle, row.principle), marks,
                                       due_text(row, prof.today, lang)]
            if wide:
                cells.append(", ".join(self.titles.get(s, s) for s in row.scenarios))
            table.add_row(*cells)
        unmet = [self.names.get(r.principle, r.principle) for r in prof.principles if not r.attempts]
        if unmet:  # listed where there is room, else counted (80×24: the rows stay in view)
            table.caption = (label("progress.not_met", lang) + ", ".join(unmet) if wide else
                             t("progress.not_met_count", lang, n=len(unmet), total=len(prof.principles)))
            table.caption_justify = "left"
            table.caption_style = "dim"
        return table

    def scenarios_table(self) -> Table:
        lang, prof = self.lang, self.profile
        assert prof is not None
        table = Table(title=t("progress.scenarios", lang), title_justify="left", title_style="bold", box=None,
                      padding=(0, 1), show_edge=False)
        table.add_column(t("tui.scenario", lang), max_width=40, overflow="ellipsis", no_wrap=True)
        for key in ("progress.col.plays", "progress.col.best", "progress.col.last"):
            table.add_column(t(key, lang), justify="right", no_wrap=True)
        table.add_column(t("progress.col.day", lang), no_wrap=True)
        for s in prof.scenarios:
            table.add_row(self.titles.get(s.scenario, s.scenario), str(s.plays), score_text(s.best, lang),
                          score_text(s.last, lang, s.last_current), s.last_day.isoformat())
        if any(not s.last_current for s in prof.scenarios):
            table.caption = "* " + t("results.first_rules_mark", lang)
            table.caption_justify = "left"
        return table

    def days_text(self) -> Text:
        prof = self.profile
        assert prof is not None
        out = Text(t("progress.days", self.lang) + "\n", style="bold")
        days = prof.days[-14:]  # the last fortnight played
        most = max(n for _, n in days)
        for day, n in days:
            out.append(f"{day.isoformat()}  {'█' * max(1, round(20 * n / most))} {n}\n", style="not bold")
        return out

    # -- actions -----------------------------------------------------------------------------
    def action_practise(self) -> None:
        """Start the suggestion: its scenario from its step (a new play holding the steps before
        it, as the debrief's "try again from here"), or from its briefing when that is step 1."""
        prof = self.profile
        if prof is None or prof.suggestion is None:
            return
        s = prof.suggestion
        app = self.app
        app.pop_screen()
        if s.step == 0:
            app.brief(s.scenario)
            return
        from simulator.engine import Play, PlayError
        from simulator.errors import LitigeError
        scenario = app.scenario(s.scenario)
        stored = app.store.load_play(s.play_id) if scenario is not None else None
        if scenario is None or stored is None:
            return
        try:
            play = Play.resume(scenario, stored.record, clock=app.clock)
        except (PlayError, LitigeError):
            app.brief(s.scenario)  # the story changed since: from its start
            return
        app.try_again_from(play, s.step)

    def action_back(self) -> None:
        self.dismiss()
