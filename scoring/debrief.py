"""What to tell the trainee after a play, as plain data, with text and Markdown renderers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.catalogue import Catalogue, load_catalogue
from scoring.scorer import Judgement, Result, Verdict, choice_value, score
from simulator.i18n import label, quoted, t
from simulator.typography import fmt_number
from simulator.model import Choice, Ending, Principle, Scenario, Text
from simulator.record import PlayRecord

ORDER = {Verdict.VIOLATED: 0, Verdict.MISSED: 1, Verdict.PARTIAL: 2, Verdict.MASTERED: 3}
SYMBOL = {Verdict.MASTERED: "✓", Verdict.PARTIAL: "◐", Verdict.MISSED: "○", Verdict.VIOLATED: "✗"}


@dataclass(frozen=True)
class Occurrence:
    """A place where a principle came up and went wrong: what was chosen, what was better."""

    kind: Literal["missed", "violated"]
    step: int  # 0-based step index
    node: str
    node_text: Text
    chosen: Choice | None  # None: time ran out
    better: Choice | None


@dataclass(frozen=True)
class PrincipleDebrief:
    principle: Principle
    judgement: Judgement
    occurrences: tuple[Occurrence, ...]

    @property
    def verdict(self) -> Verdict:
        return self.judgement.verdict


@dataclass(frozen=True)
class PathStep:
    step: int
    node: str
    speaker: str
    text: Text
    chosen: Choice | None
    timed_out: bool


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    record: PlayRecord
    result: Result
    ending: Ending | None
    principles: tuple[PrincipleDebrief, ...]
    path: tuple[PathStep, ...]

    @property
    def to_improve(self) -> tuple[PrincipleDebrief, ...]:
        return tuple(p for p in self.principles if p.verdict is not Verdict.MASTERED)


def _better(offered: list[Choice], pid: str, weights: dict[str, int]) -> Choice | None:
    """The offered choice that best serves `pid`: applies it, violates nothing, applies the most."""
    def value(c: Choice) -> int:
        return sum(weights.get(p, 1) for p in c.applies) - 2 * sum(weights.get(p, 1) for p in c.violates)
    applying = [c for c in offered if pid in c.applies]
    pool = applying or [c for c in offered if pid not in c.violates and c.applies]
    return max(pool, key=value) if pool else None


def build(scenario: Scenario, record: PlayRecord, catalogue: Catalogue | None = None,
          result: Result | None = None) -> Debrief:
    catalogue = (catalogue or load_catalogue()).with_extra(scenario.principles)
    result = result or score(scenario, record, catalogue)
    weights = {p.id: p.weight for p in catalogue}
    items: list[PrincipleDebrief] = []
    for pid, j in result.judgements.items():
        occ: list[Occurrence] = []
        bad_steps = sorted(set(j.violated) | set(j.missed))
        for i in bad_steps:
            step = record.steps[i]
            node = scenario.nodes[step.node]
            by_id = {c.id: c for c in node.choices}
            offered = [by_id[c] for c in step.offered]
            chosen = by_id.get(step.chosen) if step.chosen else None
            kind: Literal["missed", "violated"] = "violated" if i in j.violated else "missed"
            better = _better(offered, pid, weights)
            if better is not None and chosen is not None and choice_value(better, weights) <= choice_value(chosen, weights):
                better = None  # what was chosen was worth as much or more: nothing better to show here
            occ.append(Occurrence(kind, i, node.id, node.text, chosen, better))
        items.append(PrincipleDebrief(catalogue[pid], j, tuple(occ)))
    items.sort(key=lambda d: (ORDER[d.verdict], -d.principle.weight))
    path = tuple(
        PathStep(i, s.node, scenario.nodes[s.node].speaker, scenario.nodes[s.node].text,
                 {c.id: c for c in scenario.nodes[s.node].choices}.get(s.chosen or ""), s.timed_out)
        for i, s in enumerate(record.steps)
    )
    end = scenario.nodes[record.current]
    return Debrief(scenario, record, result, end.ending, tuple(items), path)


def _lines(d: Debrief, lang: str, md: bool) -> list[str]:
    r = d.result
    h1, h2, h3 = ("# ", "## ", "### ") if md else ("", "", "")
    bullet = "- " if md else "  "
    out = [f"{h1}{t('debrief.title', lang)} — {d.scenario.title.get(lang)}", ""]
    if d.ending:
        out.append(f"{h2}{label('debrief.ending', lang)}{d.ending.title.get(lang)} "
                   f"({t('outcome.' + d.ending.outcome, lang)})")
        if d.ending.text:
            out += ["", d.ending.text.get(lang)]
    variant = d.scenario.variant(r.variant) if r.variant and any(v.id == r.variant for v in d.scenario.variants) \
        else None
    if variant is not None and variant.reveal:
        out += ["", f"{label('debrief.variant', lang)}{variant.reveal.get(lang)}"]
    shown = t("debrief.no_score", lang) if r.scaled is None else f"{fmt_number(r.scaled, lang)}/100"
    out += ["", f"{label('debrief.score', lang)}{shown} — "
            f"{t('debrief.passed' if r.passed else 'debrief.failed', lang)}", ""]
    out.append(f"{h2}{t('debrief.principles', lang)}")
    if md:
        out += ["", "| | principle | verdict |", "|---|---|---|"]
    for p in d.principles:
        verdict = t("verdict." + p.verdict.value, lang)
        if md:
            out.append(f"| {SYMBOL[p.verdict]} | {p.principle.name.get(lang)} (`{p.principle.id}`) | {verdict} |")
        else:
            out.append(f"  {SYMBOL[p.verdict]} {verdict:<10} {p.principle.name.get(lang)} [{p.principle.id}]")
    for p in d.to_improve:
        out += ["", f"{h3}{SYMBOL[p.verdict]} {p.principle.name.get(lang)} — {t('verdict.' + p.verdict.value, lang)}"]
        for o in p.occurrences:
            step = f"{t('debrief.step', lang)} {o.step + 1}"
            out.append(f"{bullet}{label('debrief.where', lang)}{step} ({o.node}) — {quoted(o.node_text.get(lang), lang)}")
            chosen = o.chosen.text.get(lang) if o.chosen else t("debrief.timed_out", lang)
            out.append(f"{bullet}{label('debrief.you_chose', lang)}{chosen if o.chosen is None else quoted(chosen, lang)}")
            if o.chosen and o.chosen.feedback and o.kind == "violated":
                out.append(f"{bullet}{label('debrief.feedback', lang)}{o.chosen.feedback.get(lang)}")
            if o.better:
                out.append(f"{bullet}{label('debrief.better', lang)}{quoted(o.better.text.get(lang), lang)}")
                if o.better.feedback:
                    out.append(f"{bullet}{label('debrief.feedback', lang)}{o.better.feedback.get(lang)}")
        pr = p.principle
        if pr.rationale:
            out.append(f"{bullet}{label('debrief.why', lang)}{pr.rationale.get(lang)}")
        # the principle's sources from this story only: another story's article is not this one's source
        for s in (s for s in pr.sources if s.story == d.scenario.id):
            shows = f" — {s.shows.get(lang)}" if s.shows else ""
            out.append(f"{bullet}{label('debrief.source', lang)}{s.citation(lang)}{shows}")
        frameworks = pr.frameworks_for(d.scenario.tags)
        if frameworks:
            out.append(f"{bullet}{label('debrief.frameworks', lang)}{', '.join(frameworks)}")
    if d.scenario.source:
        out += ["", f"{label('debrief.source', lang)}{d.scenario.source.citation(lang)}"]
    return out


def render_text(d: Debrief, lang: str = "fr") -> str:
    return "\n".join(_lines(d, lang, md=False)) + "\n"


def render_markdown(d: Debrief, lang: str = "fr") -> str:
    return "\n".join(_lines(d, lang, md=True)) + "\n"
