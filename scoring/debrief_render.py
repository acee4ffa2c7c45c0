"""The debrief model (scoring.debrief) rendered, each way written once: plain text (`litige
play`), Markdown (the game's export) and a JSON dict (`litige play --json`'s `debrief`).

The renderers only lay out what the model holds: no scoring, no choosing here."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from simulator.lang.i18n import colon, label, quoted, t

if TYPE_CHECKING:
    from scoring.debrief import Debrief
    from scoring.debrief_data import Answer, WorkOn


@dataclass(frozen=True)
class _Style:
    md: bool

    def h(self, level: int, text: str) -> str:
        return f"{'#' * level} {text}" if self.md else text

    def item(self, depth: int = 0) -> str:
        """The start of a line at this depth: a list item in Markdown, an indent in text."""
        return ("   " * depth + "- ") if self.md else ("  " + "   " * depth)

    def strong(self, text: str) -> str:
        """Bold in Markdown (its spaces outside the stars, where Markdown wants them)."""
        if not self.md:
            return text
        core = text.rstrip()
        return f"**{core}**{text[len(core):]}"


def _q(answer: Answer | None, lang: str) -> str:
    return quoted(answer.text, lang) if answer is not None else t("debrief.timed_out", lang)


def _sep(lang: str) -> str:
    return "\u202f; " if lang == "fr" else "; "


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _lines(d: Debrief, md: bool) -> list[str]:
    """The debrief's lines, section by section, in the order a trainee reads them."""
    s = _Style(md)
    out = [s.h(1, f"{t('debrief.title', d.lang)} — {d.title}"), ""]
    for section in (_outcome, _work_on, _steps, _meters, _principles, _model):
        out += section(d, s)
    return out


def _outcome(d: Debrief, s: _Style) -> list[str]:
    """The ending, the score, what had really happened."""
    lang = d.lang
    out: list[str] = []
    if d.ending is not None:
        out.append(s.strong(f"{label('debrief.ending', lang)}{d.ending_title} ({d.outcome_word})"))
        if d.ending_text:
            out += ["", d.ending_text]
        out.append("")
    if d.reveal:
        out += [f"{s.strong(label('debrief.variant', lang))}{d.reveal}", ""]
    out += [s.strong(f"{label('debrief.score', lang)}{d.score_text} — {d.passed_word}"), ""]
    return out


def _work_on(d: Debrief, s: _Style) -> list[str]:
    """What to work on: each principle at the step where it cost the most, and what to do instead."""
    if not d.work_on:
        return []
    lang, md = d.lang, s.md
    out = [s.h(2, t("debrief.work_on", lang)), ""]
    told: set[tuple[int | None, str | None]] = set()
    for n, w in enumerate(d.work_on, 1):
        head = f"{n}. {w.symbol} {w.name} — {w.verdict_word}"
        out.append(s.strong(head) if md else f"  {head}")
        key = (w.step, w.instead.choice if w.instead else None)
        if w.step is not None and key in told:  # the same step and advice as an item above: once
            out.append(f"{s.item(1)}{t('debrief.Step', lang)} {w.number} — {t('debrief.as_above', lang)}")
        else:
            told.add(key)
            out += _advice(w, s, lang)
        if md:
            out.append("")
    if not md:
        out.append("")
    return out


def _advice(w: WorkOn, s: _Style, lang: str) -> list[str]:
    """Where a principle cost the most (what was said, what you answered) and what to do instead."""
    out: list[str] = []
    if w.step is not None:
        out.append(f"{s.item(1)}{t('debrief.Step', lang)} {w.number} — "
                   f"{w.speaker}{colon(lang)}{quoted(w.said, lang)}")
        out.append(f"{s.item(1)}{label('speaker.you', lang)}{_q(w.answer, lang)}")
    if w.instead is not None:
        out.append(f"{s.item(1)}{label('debrief.instead', lang)}{quoted(w.instead.text, lang)}")
        if w.instead.feedback:
            out.append(f"{s.item(1)}{label('debrief.feedback', lang)}{w.instead.feedback}")
    elif w.step is not None:  # every answer there did as badly: say so rather than nothing
        out.append(f"{s.item(1)}{label('debrief.instead', lang)}{t('debrief.no_better', lang)}")
    return out


def _steps(d: Debrief, s: _Style) -> list[str]:
    """Every step once: what was said, the answer, its credit, principles, feedback, a better answer."""
    lang, md = d.lang, s.md
    out = [s.h(2, t("debrief.steps", lang)), ""]
    for v in d.steps:
        first = f"{v.number}. {s.strong(v.speaker)}{colon(lang)}{v.said}"
        out.append(first if md else f"  {first}")
        out.append(f"{s.item(1)}{label('speaker.you', lang)}{_q(v.answer, lang)}")
        figure = f" ({v.credit_figure})" if v.credit_figure else ""
        out.append(f"{s.item(1)}{label('debrief.credit', lang)}{v.credit_word}{figure}")
        if v.applied:
            out.append(f"{s.item(1)}{label('debrief.applied', lang)}{', '.join(v.applied)}")
        if v.violated:
            out.append(f"{s.item(1)}{label('debrief.violated', lang)}{', '.join(v.violated)}")
        if v.answer is not None and v.answer.feedback:
            out.append(f"{s.item(1)}{label('debrief.feedback', lang)}{v.answer.feedback}")
        if v.better is not None:
            out.append(f"{s.item(1)}{label('debrief.better', lang)}{quoted(v.better.text, lang)}")
            if v.better.feedback:
                out.append(f"{s.item(2)}{label('debrief.feedback', lang)}{v.better.feedback}")
        if md:
            out.append("")
    if not md:
        out.append("")
    return out


def _meters(d: Debrief, s: _Style) -> list[str]:
    """Why this ending: each meter's course and the steps that moved it most."""
    if not d.meters:
        return []
    lang = d.lang
    out = [s.h(2, t("debrief.why_ending", lang)), ""]
    for m in d.meters:
        out.append(f"{s.item(0)}{s.strong(m.course)}")
        for mv in m.moves:
            answer = quoted(mv.answer, lang) if mv.answer is not None else t("debrief.timed_out", lang)
            out.append(f"{s.item(1)}{t('debrief.step', lang)} {mv.number}{colon(lang)}{mv.signed} — {answer}")
    out.append("")
    return out


def _principles(d: Debrief, s: _Style) -> list[str]:
    """The verdict per principle (a table in Markdown), then what to know of each, and the article."""
    lang, md = d.lang, s.md
    out = [s.h(2, t("debrief.principles", lang)), ""]
    if md:
        out += ["| | principle | verdict |" if lang == "en" else "| | principe | verdict |", "|---|---|---|"]
        out += [f"| {r.symbol} | {_cell(r.name)} (`{r.id}`) | {r.verdict_word} |" for r in d.table]
        out.append("")
    else:
        out += [f"  {r.symbol} {r.verdict_word:<10} {r.name} [{r.id}]" for r in d.table]
    for r in d.table:
        if not (r.rationale or r.frameworks or r.sources):
            continue
        head = f"{r.symbol} {r.name} — {r.verdict_word}"
        out += [s.h(3, head), ""] if md else ["", f"  {head}"]
        if r.rationale:
            out.append(f"{s.item(1)}{label('debrief.why', lang)}{r.rationale}")
        if r.frameworks:
            out.append(f"{s.item(1)}{label('debrief.frameworks', lang)}{_sep(lang).join(r.frameworks)}")
        for src in r.sources:
            out.append(f"{s.item(1)}{label('debrief.source', lang)}{src}")
        if md:
            out.append("")
    if d.article:
        out += ["", f"{s.strong(label('debrief.source', lang))}{d.article}"]
    out.append("")
    return out


def _model(d: Debrief, s: _Style) -> list[str]:
    """The model conversation: a best play, step by step, with your answer where it differed."""
    lang, md = d.lang, s.md
    out = [s.h(2, t("debrief.model", lang)), ""]
    m = d.model
    if m is None:
        return out + [t("debrief.model_none", lang), ""]
    intro = t("debrief.model_intro", lang, score=m.score_text.removesuffix("/100"), ending=m.ending)
    out.append(intro + ("" if m.proven else " " + t("debrief.model_greedy", lang)))
    out.append("")
    for st in m.steps:
        first = f"{st.number}. {s.strong(st.speaker)}{colon(lang)}{st.said}"
        out.append(first if md else f"  {first}")
        same = f" {t('debrief.same_as_yours', lang)}" if st.same else ""
        out.append(f"{s.item(1)}{label('debrief.model_answer', lang)}{_q(st.answer, lang)}{same}")
        if st.answer is not None and st.answer.feedback:
            out.append(f"{s.item(2)}{label('debrief.feedback', lang)}{st.answer.feedback}")
        if st.same is False:
            yours = t("debrief.timed_out", lang) if st.yours_timed_out else _q(st.yours, lang)
            out.append(f"{s.item(1)}{label('debrief.your_answer', lang)}{yours}")
        if md:
            out.append("")
    ending = f"{label('debrief.ending', lang)}{m.ending} ({m.outcome_word})"
    out.append(s.strong(ending) if md else f"  {ending}")
    return out


def _finish(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:  # no runs of blank lines, no trailing spaces
        line = line.rstrip()
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render_text(d: Debrief, lang: str | None = None) -> str:
    """The debrief as plain text, in `lang` (the debrief's own by default)."""
    return _finish(_lines(d.in_lang(lang or d.lang), md=False))


def render_markdown(d: Debrief, lang: str | None = None) -> str:
    """The debrief as a Markdown document, in `lang` (the debrief's own by default)."""
    return _finish(_lines(d.in_lang(lang or d.lang), md=True))


def render_json(d: Debrief, lang: str | None = None) -> dict[str, Any]:
    """The debrief as JSON-ready data: every section of the model, in `lang`."""
    d = d.in_lang(lang or d.lang)
    return {
        "lang": d.lang,
        "title": d.title,
        "ending": {"title": d.ending_title, "text": d.ending_text, "outcome": d.outcome,
                   "outcome_word": d.outcome_word},
        "score": {"scaled": d.scaled, "text": d.score_text, "passed": d.passed, "passed_word": d.passed_word},
        "reveal": d.reveal,
        "work_on": [asdict(w) for w in d.work_on],
        "steps": [asdict(v) for v in d.steps],
        "meters": [{**asdict(m), "course": m.course} for m in d.meters],
        "principles": [asdict(r) for r in d.table],
        "article": d.article,
        "model": asdict(d.model) if d.model is not None else None,
    }
