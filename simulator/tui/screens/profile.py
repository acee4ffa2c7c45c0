"""The trainee's profile (issue 18), from the library's `p`: each principle's verdicts over time
(✓ ◐ ○ ✗, newest right: symbols, not colours, carry the meaning), the best and last score per
scenario, the plays per day, and what to practise next — Enter starts it (the scenario, from the
step to try again from). The figures come from simulator/results/progress.py; nothing is computed here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.lang.i18n import label, t
from simulator.lang.plaintext import shown
from simulator.results.progress_render import due_text, explain, legend, principle_names, score_text
from simulator.tui import keys
from simulator.tui.messages import PractiseChosen
from simulator.tui.screens.base import Base

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from simulator.format.model import Scenario
    from simulator.game.library import Library
    from simulator.results.progress import Profile
    from simulator.results.store import Store

# beside the symbol, never instead of it; parsed once (a profile draws hundreds of symbols)
STYLES = {"mastered": Style(color="green"), "partial": Style(color="yellow"), "missed": Style(color="yellow"),
          "violated": Style(color="red")}
WIDE = 100  # columns from which a row shows its scenarios and more of its verdicts


def lines(head: list[str], rows: list[list[Text]], width: int, *, clip: dict[int, int] | None = None,
          right: set[int] | frozenset[int] = frozenset()) -> Text:
    """Columns as lines of text no wider than `width`: the head in bold, each column as wide as
    its widest cell (those in `clip` at most that wide, with …), the last one cut to what is left."""
    clip = clip or {}
    cells = [[Text(h) for h in head], *rows]
    widths = [min(max(cell_len(r[i].plain) for r in cells), clip.get(i, width)) for i in range(len(head))]
    left = width - sum(widths[:-1]) - 2 * (len(widths) - 1)
    widths[-1] = max(1, min(widths[-1], left))
    out = Text(no_wrap=True, overflow="ellipsis")
    for n, row in enumerate(cells):
        line = Text(style="bold" if n == 0 else "not bold")
        for i, cell in enumerate(row):
            cell = cell.copy()
            cell.truncate(widths[i], overflow="ellipsis")
            pad = " " * (widths[i] - cell_len(cell.plain))
            if i:
                line.append("  ")
            line.append_text(Text(pad) + cell if i in right else cell + Text(pad) if i < len(row) - 1 else cell)
        out.append_text(line)
        if n < len(cells) - 1:
            out.append("\n")
    return out


@dataclass(frozen=True)
class ProfileView:
    """A trainee's profile with the words it is shown in: principles' names, stories' titles."""

    profile: Profile
    names: dict[str, str]
    titles: dict[str, str]


def read_profile(store: Store, shelf: Library, trainee: str, today: date, lang: str,
                 scenario: Callable[[str], Scenario | None]) -> ProfileView:
    """The trainee's profile from the store, on the day `today`; `scenario` validates a story
    of the shelf (None when its file is invalid)."""
    from scoring.catalogue import load_catalogue
    from simulator.results.progress import from_store
    catalogue = load_catalogue()
    entries = shelf.entries()
    ids = [p.id for p in catalogue]
    profile = from_store(store, trainee, ids, today, available={e.id for e in entries})
    # a scenario's own principles are named by that scenario (loaded only for those: the
    # catalogue names the rest), by the rule `litige progress` follows (principle_names)
    known = set(ids)
    own = sorted({sid for row in profile.met if row.principle not in known for sid in row.scenarios
                  if sid in shelf})
    names = principle_names(catalogue, (scenario(sid) for sid in own), lang)
    return ProfileView(profile, names, {e.id: e.title.get(lang) for e in entries})


class ProfileScreen(Base):
    BINDINGS = keys.PROGRESS

    def __init__(self, lang: str, trainee: str | None, view: ProfileView | None) -> None:
        """`view`: None when no trainee is named."""
        super().__init__(lang)
        self.trainee = trainee
        self.profile = view.profile if view else None
        self.names = view.names if view else {}
        self.titles = view.titles if view else {}

    def compose(self) -> ComposeResult:
        lang, prof = self.lang, self.profile
        yield Header()
        yield Static(t("progress.title", lang, who=shown(self.trainee or "—")), classes="title", markup=False)
        if prof is None:
            yield Static(t("progress.no_name", lang), id="profile-next", markup=False)
        elif not prof.plays:
            yield Static(t("progress.no_plays", lang), id="profile-next", markup=False)
        else:
            next_line = Text(label("progress.next", lang), style="bold")
            next_line.append(explain(prof, lang, self.names, self.titles), style="not bold")
            yield Static(next_line, id="profile-next")
            with VerticalScroll(id="profile-body"):  # one widget: each one more costs more than its text
                yield Static(Text("\n\n").join([self.principles_table(), self.scenarios_table(), self.days_text()]),
                             id="profile-tables")
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
    # Tables as lines of text, laid out once for the screen's width: a Rich Table is laid out again
    # each time Textual measures it, which cost more than loading 500 plays.
    def width(self) -> int:
        return max(40, self.app.size.width - 4)  # the body's padding and its scrollbar

    def principles_table(self) -> Text:
        lang, prof = self.lang, self.profile
        assert prof is not None
        wide = self.app.size.width >= WIDE
        out = Text(t("progress.principles", lang) + "\n", style="bold")
        out.append(legend(lang) + "\n", style="not bold")  # a line of its own: a symbol never wraps from its word
        head = [t("results.report.principle", lang), t("progress.col.verdicts", lang), t("progress.col.due", lang)]
        if wide:
            head.append(t("progress.col.scenarios", lang))
        shown = 24 if wide else 12
        rows: list[list[Text]] = []
        for row in prof.met:
            marks = Text()
            for a in row.attempts[-shown:]:
                marks.append(a.symbol, style=STYLES.get(a.verdict))
            if len(row.attempts) > shown:
                marks = Text("…") + marks[1:]
            cells = [Text(self.names.get(row.principle, row.principle)), marks, Text(due_text(row, prof.today, lang))]
            if wide:
                cells.append(Text(", ".join(self.titles.get(s, s) for s in row.scenarios)))
            rows.append(cells)
        out.append_text(lines(head, rows, self.width(), clip={0: 34}))
        unmet = [self.names.get(r.principle, r.principle) for r in prof.principles if not r.attempts]
        if unmet:  # listed where there is room, else counted (80×24: the rows stay in view)
            out.append("\n" + (label("progress.not_met", lang) + ", ".join(unmet) if wide else
                               t("progress.not_met_count", lang, n=len(unmet), total=len(prof.principles))),
                       style="dim not bold")
        return out

    def scenarios_table(self) -> Text:
        lang, prof = self.lang, self.profile
        assert prof is not None
        out = Text(t("progress.scenarios", lang) + "\n", style="bold")
        head = [t("tui.scenario", lang), t("progress.col.plays", lang), t("progress.col.best", lang),
                t("progress.col.last", lang), t("progress.col.day", lang)]
        rows = [[Text(self.titles.get(s.scenario, s.scenario)), Text(str(s.plays)), Text(score_text(s.best, lang)),
                 Text(score_text(s.last, lang, s.last_current)), Text(s.last_day.isoformat())] for s in prof.scenarios]
        out.append_text(lines(head, rows, self.width(), clip={0: 40}, right={1, 2, 3}))
        if any(not s.last_current for s in prof.scenarios):
            out.append("\n* " + t("results.first_rules_mark", lang), style="not bold")
        return out

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
        self.post_message(PractiseChosen(s.scenario, s.play_id, s.step))

    def action_back(self) -> None:
        self.dismiss()
