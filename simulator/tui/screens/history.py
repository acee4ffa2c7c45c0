"""The history: the trainee's plays, finished or not, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from simulator.lang.i18n import fmt_number, t
from simulator.lang.plaintext import shown
from simulator.tui import keys
from simulator.tui.screens.base import Base

if TYPE_CHECKING:
    from simulator.game.library import Library
    from simulator.results.store import PlayRow


class HistoryScreen(Base):
    BINDINGS = keys.HISTORY

    def __init__(self, lang: str, trainee: str | None, rows: list[PlayRow], shelf: Library) -> None:
        """`rows`: the plays of `trainee` (everyone's when None), as the store lists them."""
        super().__init__(lang)
        self.trainee = trainee
        self.rows = rows
        self.shelf = shelf

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header()
        who = shown(self.trainee or "") or t("tui.everyone", lang)
        yield Static(t("tui.history_of", lang, who=who), classes="title", markup=False)
        from textual.widgets import DataTable
        table: DataTable[str] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(t("tui.when", lang), t("tui.scenario", lang), t("debrief.ending", lang),
                          t("debrief.score", lang), t("tui.result", lang))
        for row in self.rows:
            entry = self.shelf.entry(row.scenario)
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
