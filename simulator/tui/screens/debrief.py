"""The debrief: the scoring's debrief model laid out, section by section, and the path to try again from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.lang.i18n import colon, label, quoted, t
from simulator.lang.typography import typeset
from simulator.tui import keys
from simulator.tui.messages import LibraryAsked, PlayStarted, RetryFrom
from simulator.tui.screens.base import Base, speaker
from simulator.tui.screens.map import MapScreen
from simulator.tui.screens.model import ModelScreen

if TYPE_CHECKING:
    from scoring import debrief as debriefing
    from scoring.debrief_data import Answer
    from simulator.play.engine import Play
    from simulator.tui.exports import Exports


class DebriefScreen(Base):
    BINDINGS = keys.DEBRIEF
    LANG_SWITCH = True

    def __init__(self, lang: str, play: Play, debrief: debriefing.Debrief, exports: Exports) -> None:
        super().__init__(lang)
        self.play = play
        self.debrief = debrief
        self.exports = exports

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

    def said(self, answer: Answer | None) -> str:
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
        out: list[Option | None] = []
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
        self.post_message(RetryFrom(self.play, int(str(event.option.id).removeprefix("step-"))))

    def action_export(self) -> None:
        try:
            path = self.exports.debrief(self.debrief, self.lang)
        except OSError as exc:
            message = t("tui.export_failed", self.lang, error=exc.strerror or exc)
        else:
            message = t("tui.exported", self.lang, path=path)
        shown = self.query_one("#exported", Static)
        shown.update(message)
        shown.display = True

    def action_replay(self) -> None:
        self.post_message(PlayStarted(self.debrief.scenario))

    def action_map(self) -> None:
        self.app.push_screen(MapScreen(self.lang, self.debrief, self.exports))

    def action_model(self) -> None:
        """w: the model conversation — a best play, step by step, beside the trainee's own."""
        self.app.push_screen(ModelScreen(self.lang, self.debrief))

    def action_library(self) -> None:
        self.post_message(LibraryAsked())
