"""The model conversation: a best play, step by step, beside the trainee's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from simulator.lang.i18n import colon, label, quoted, t
from simulator.tui import keys
from simulator.tui.screens.base import Base

if TYPE_CHECKING:
    from scoring import debrief as debriefing
    from scoring.debrief_data import Answer


class ModelScreen(Base):
    """The debrief model's model conversation (scoring.debrief.ModelPlay), shown as it is: each
    step of a best play with its feedback and, where the trainee answered otherwise, their answer
    beside it. What to show comes from the model; this screen only lays it out."""

    BINDINGS = keys.MODEL

    def __init__(self, lang: str, debrief: debriefing.Debrief) -> None:
        super().__init__(lang)
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

        def quoted_answer(answer: Answer | None, lang: str) -> str:
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
