"""What to tell the trainee after a play: ONE model, plain data, computed once from (scenario,
record, result, catalogue) and shown as it is by every renderer (scoring.debrief_render: text,
Markdown, JSON; the game's debrief screen).

Its sections, in the order a trainee reads them:
- the ending, the score, what had really happened (the variant's reveal);
- `work_on`: at most three principles, violated before missed, heaviest first, each with the one
  step where it cost the most and what to do there instead;
- `steps`: every step once — what was said, what you answered, its credit, the principles it
  applied or violated, the feedback written for your answer, and the better answer where yours
  was not the best;
- `meters`: why this ending — each meter's course, with its mood words, and the steps that moved
  it most;
- `table`: the verdict per principle, its rationale, its frameworks in the reader's language,
  the sources of this story only; `article`: the story's own article;
- `model`: the model conversation — a best play of this story in the variant played, each step
  with its feedback and, where yours differed, your answer.

Every string is already in the debrief's language (`lang`) with its typography; `in_lang` gives
the same debrief in another language. The older fields (`principles`, `path`, `to_improve`) stay
for the callers that read them. The records themselves are in scoring.debrief_data; the renderers,
in scoring.debrief_render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from scoring.catalogue import Catalogue, load_catalogue
from scoring.debrief_data import (
    Answer,
    Credit,
    MeterCourse,
    MeterMove,
    ModelPlay,
    ModelStep,
    Occurrence,
    PathStep,
    PrincipleDebrief,
    PrincipleRow,
    StepView,
    WorkOn,
)
from scoring.debrief_frameworks import framework_name
from scoring.scorer import Decision, Result, choice_value, score, weights_for
from scoring.verdict import SYMBOL, Verdict
from simulator.format.model import Choice, Ending, Scenario, Variant
from simulator.lang.i18n import t
from simulator.lang.typography import fmt_number
from simulator.play.record import PlayRecord

ORDER = {Verdict.VIOLATED: 0, Verdict.MISSED: 1, Verdict.PARTIAL: 2, Verdict.MASTERED: 3}
WORK_ON = 3  # things to work on, at most
MOVES = 3  # steps shown per meter, at most
MINUS = "\u2212"


# -- the debrief ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    record: PlayRecord
    result: Result
    ending: Ending | None
    principles: tuple[PrincipleDebrief, ...]
    path: tuple[PathStep, ...]
    catalogue: Catalogue | None = None
    lang: str = "fr"
    # the plain data, in the debrief's language
    title: str = ""  # the story's title
    ending_title: str = ""
    ending_text: str | None = None
    outcome: str | None = None
    outcome_word: str = ""
    scaled: float | None = None
    score_text: str = ""  # "72,5/100" or "– (no decision scored)"
    passed: bool = False
    passed_word: str = ""
    reveal: str | None = None  # what had really happened (the variant's reveal)
    work_on: tuple[WorkOn, ...] = ()
    steps: tuple[StepView, ...] = ()
    meters: tuple[MeterCourse, ...] = ()
    table: tuple[PrincipleRow, ...] = ()
    article: str | None = None  # the story's own article, cited
    model: ModelPlay | None = None

    @property
    def to_improve(self) -> tuple[PrincipleDebrief, ...]:
        return tuple(p for p in self.principles if p.verdict is not Verdict.MASTERED)

    def in_lang(self, lang: str) -> Debrief:
        """This debrief in another language (itself when it is in that one already)."""
        if lang == self.lang:
            return self
        return build(self.scenario, self.record, self.catalogue, self.result, lang=lang)


def speaker_label(scenario: Scenario, who: str, lang: str) -> str:
    """Who speaks, in words: the customer card's name for the customer, else the role's word."""
    name = scenario.customer.name if scenario.customer else None
    return name.get(lang) if who == "customer" and name else t("speaker." + who, lang)


def _answer(choice: Choice | None, lang: str) -> Answer | None:
    if choice is None:
        return None
    return Answer(choice.id, choice.text.get(lang), choice.feedback.get(lang) if choice.feedback else None)


def _better(offered: list[Choice], pid: str, weights: dict[str, int]) -> Choice | None:
    """The offered choice that best serves `pid`: applies it, violates nothing, applies the most."""
    def value(c: Choice) -> int:
        return sum(weights.get(p, 1) for p in c.applies) - 2 * sum(weights.get(p, 1) for p in c.violates)
    applying = [c for c in offered if pid in c.applies]
    pool = applying or [c for c in offered if pid not in c.violates and c.applies]
    return max(pool, key=value) if pool else None


def credit_of(decision: Decision, chosen: Choice | None) -> Credit:
    """A step's credit in a word: not scored (a revisit, or every answer worth the same), the
    best, a fault (an answer that violates a principle), good (half the points or more), weak."""
    if not decision.judged:
        return "unscored"
    if decision.value == decision.best:
        return "best"
    if chosen is not None and chosen.violates:
        return "fault"
    return "good" if 2 * decision.points >= decision.stake else "weak"


def build(scenario: Scenario, record: PlayRecord, catalogue: Catalogue | None = None,
          result: Result | None = None, *, lang: str | None = None) -> Debrief:
    """The debrief of a finished play, in `lang` (the play's language by default)."""
    base = catalogue or load_catalogue()
    catalogue = base.with_extra(scenario.principles)
    result = result or score(scenario, record, base)
    lang = lang or record.lang or scenario.lang
    weights = {p.id: p.weight for p in catalogue}
    by_node = {nid: {c.id: c for c in n.choices} for nid, n in scenario.nodes.items()}

    def chosen_at(i: int) -> Choice | None:
        s = record.steps[i]
        return by_node[s.node].get(s.chosen) if s.chosen else None

    def offered_at(i: int) -> list[Choice]:
        s = record.steps[i]
        return [by_node[s.node][c] for c in s.offered]

    items = _principle_debriefs(scenario, record, result, catalogue, weights, chosen_at, offered_at)
    path = tuple(
        PathStep(i, s.node, scenario.nodes[s.node].speaker, scenario.nodes[s.node].text, chosen_at(i), s.timed_out)
        for i, s in enumerate(record.steps)
    )
    end = scenario.nodes[record.current]
    ending = end.ending

    steps = tuple(_step_view(scenario, record, result.decisions[i], chosen_at(i), offered_at(i), catalogue, lang)
                  for i in range(len(record.steps)))
    variant = next((v for v in scenario.variants if v.id == result.variant), None) if result.variant else None
    shown = t("debrief.no_score", lang) if result.scaled is None else f"{fmt_number(result.scaled, lang)}/100"
    return Debrief(
        scenario, record, result, ending, items, path, base, lang,
        title=scenario.title.get(lang),
        ending_title=ending.title.get(lang) if ending else "",
        ending_text=ending.text.get(lang) if ending and ending.text else None,
        outcome=ending.outcome if ending else None,
        outcome_word=t("outcome." + ending.outcome, lang) if ending else "",
        scaled=result.scaled, score_text=shown, passed=result.passed,
        passed_word=t("debrief.passed" if result.passed else "debrief.failed", lang),
        reveal=variant.reveal.get(lang) if variant is not None and variant.reveal else None,
        work_on=_work_on(scenario, record, result, catalogue, weights, steps, chosen_at, offered_at, lang),
        steps=steps,
        meters=_meters(scenario, record, steps, variant, lang),
        table=_table(scenario, result, catalogue, lang),
        article=scenario.source.citation(lang) if scenario.source else None,
        model=_model(scenario, record, base, lang),
    )


def _principle_debriefs(scenario: Scenario, record: PlayRecord, result: Result, catalogue: Catalogue,
                        weights: dict[str, int], chosen_at: Callable[[int], Choice | None],
                        offered_at: Callable[[int], list[Choice]]) -> tuple[PrincipleDebrief, ...]:
    """The older shape: each principle judged, with the steps where it went wrong and what was
    better there; violated before missed, heaviest first."""
    items: list[PrincipleDebrief] = []
    for pid, j in result.judgements.items():
        occ: list[Occurrence] = []
        for i in sorted(set(j.violated) | set(j.missed)):
            node = scenario.nodes[record.steps[i].node]
            chosen = chosen_at(i)
            kind: Literal["missed", "violated"] = "violated" if i in j.violated else "missed"
            better = _better(offered_at(i), pid, weights)
            if (better is not None and chosen is not None
                    and choice_value(better, weights) <= choice_value(chosen, weights)):
                better = None  # what was chosen was worth as much or more: nothing better to show here
            occ.append(Occurrence(kind, i, node.id, node.text, chosen, better))
        items.append(PrincipleDebrief(catalogue[pid], j, tuple(occ)))
    items.sort(key=lambda d: (ORDER[d.verdict], -d.principle.weight))
    return tuple(items)


def _step_view(scenario: Scenario, record: PlayRecord, d: Decision, chosen: Choice | None, offered: list[Choice],
               catalogue: Catalogue, lang: str) -> StepView:
    step = record.steps[d.index]
    node = scenario.nodes[step.node]
    credit = credit_of(d, chosen)
    better = None
    if d.judged and d.value < d.best and d.best_choices:
        better = _answer(next(c for c in offered if c.id == d.best_choices[0]), lang)

    def names(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(catalogue[p].name.get(lang) if p in catalogue else p for p in ids)
    effects = tuple((m, step.meters_after.get(m, 0) - step.meters_before.get(m, 0)) for m in scenario.meters
                    if step.meters_after.get(m, 0) != step.meters_before.get(m, 0))
    return StepView(
        d.index, d.index + 1, node.id, speaker_label(scenario, node.speaker, lang), node.text.get(lang),
        _answer(chosen, lang), step.timed_out, d.judged, credit, t("credit." + credit, lang),
        d.points, d.stake if d.judged else 0,
        t("debrief.points", lang, points=d.points, stake=d.stake) if d.judged else "",
        names(chosen.applies) if chosen else (), names(chosen.violates) if chosen else (), better, effects)


def _work_on(scenario: Scenario, record: PlayRecord, result: Result, catalogue: Catalogue,
             weights: dict[str, int], steps: tuple[StepView, ...], chosen_at: Callable[[int], Choice | None],
             offered_at: Callable[[int], list[Choice]], lang: str) -> tuple[WorkOn, ...]:
    wrong = [j for j in result.judgements.values() if j.verdict in (Verdict.VIOLATED, Verdict.MISSED)]
    wrong.sort(key=lambda j: (ORDER[j.verdict], -weights.get(j.principle, 1)))  # stable: in the order met
    out: list[WorkOn] = []
    for j in wrong[:WORK_ON]:
        where = j.violated if j.verdict is Verdict.VIOLATED else j.missed
        decisions = result.decisions

        def loss(i: int) -> tuple[int, int]:  # judged steps first, the biggest loss of points, the earliest
            d = decisions[i]  # noqa: B023 (loss is called by max below, in this turn of the loop)
            return (1 if d.judged else 0, d.best - d.value if d.judged else 0)
        i = max(sorted(set(where)), key=loss, default=None)
        p = catalogue[j.principle]
        if i is None:
            out.append(WorkOn(p.id, p.name.get(lang), j.verdict.value, t("verdict." + j.verdict.value, lang),
                              SYMBOL[j.verdict], p.weight, None, None, "", "", None, None))
            continue
        chosen = chosen_at(i)
        value = result.decisions[i].value
        helping = [c for c in offered_at(i) if p.id in c.applies and p.id not in c.violates
                   and choice_value(c, weights) > value]
        instead = max(helping, key=lambda c: choice_value(c, weights), default=None)
        view = steps[i]
        out.append(WorkOn(p.id, p.name.get(lang), j.verdict.value, t("verdict." + j.verdict.value, lang),
                          SYMBOL[j.verdict], p.weight, i, i + 1, view.speaker, view.said, _answer(chosen, lang),
                          _answer(instead, lang) if instead is not None else view.better))
    return tuple(out)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"{MINUS}{-n}"


def _meters(scenario: Scenario, record: PlayRecord, steps: tuple[StepView, ...], variant: Variant | None,
            lang: str) -> tuple[MeterCourse, ...]:
    start = scenario.start_meters(variant)
    end = dict(record.steps[-1].meters_after) if record.steps else start
    out: list[MeterCourse] = []
    for mid, meter in scenario.meters.items():
        moved = [(s.index, delta) for s in steps for m, delta in s.effects if m == mid]
        top = sorted(sorted(moved, key=lambda x: -abs(x[1]))[:MOVES])  # the biggest, in the order played
        moves = tuple(MeterMove(i, i + 1, delta, _signed(delta), ans.text if (ans := steps[i].answer) else None)
                      for i, delta in top)
        a, b = start.get(mid, meter.start), end.get(mid, meter.start)
        mood_a, mood_b = meter.mood(a), meter.mood(b)
        out.append(MeterCourse(mid, meter.label.get(lang), a, b, mood_a.get(lang) if mood_a else None,
                               mood_b.get(lang) if mood_b else None, moves))
    return tuple(out)


def _table(scenario: Scenario, result: Result, catalogue: Catalogue, lang: str) -> tuple[PrincipleRow, ...]:
    rows = []
    for j in sorted(result.judgements.values(), key=lambda j: (ORDER[j.verdict], -catalogue[j.principle].weight)):
        p = catalogue[j.principle]
        sources = tuple(s.citation(lang) + (f" — {s.shows.get(lang)}" if s.shows else "")
                        for s in p.sources if s.story == scenario.id)  # another story's article is not this one's
        rows.append(PrincipleRow(
            p.id, p.name.get(lang), j.verdict.value, t("verdict." + j.verdict.value, lang), SYMBOL[j.verdict],
            p.weight, p.rationale.get(lang) if p.rationale else None,
            tuple(framework_name(f, lang) for f in p.frameworks_for(scenario.tags)), sources))
    return tuple(rows)


# -- the model conversation -------------------------------------------------------------------------

def best_play(scenario: Scenario, catalogue: Catalogue, variant: str | None) -> tuple[tuple[str, ...], bool] | None:
    """The picks of a best play in this variant — the highest-scoring play to a won or kept
    ending, from the proven score search — and True; else a greedy play (the best-valued
    answer at each step) and False; None when neither reaches an ending."""
    from scoring.ranges import best_play as searched
    cache = scenario.__dict__.setdefault("_model_plays", {})  # one search per variant and scenario
    if variant not in cache:
        cache[variant] = searched(scenario, weights_for(scenario, catalogue), variant)
    found = cache[variant]
    if found is not None:
        return found[0], True
    greedy = _greedy(scenario, catalogue, variant)
    return (greedy, False) if greedy is not None else None


def _greedy(scenario: Scenario, catalogue: Catalogue, variant: str | None) -> tuple[str, ...] | None:
    from simulator.play.engine import Play
    weights = weights_for(scenario, catalogue)
    play = Play(scenario, clock=lambda: 0.0, variant=variant)
    seen: set[str] = set()
    picks: list[str] = []
    for _ in range(4 * len(scenario.nodes) + 4):
        if play.finished:
            return tuple(picks)
        seen.add(play.node.id)
        offered = play.offered()
        if not offered:
            if not play.node.on_timeout:
                return None
            play.timeout(seconds=0.0)
            picks.append("t")
            continue
        i = max(range(len(offered)), key=lambda k: (choice_value(offered[k], weights), offered[k].next not in seen, -k))
        play.choose(i)
        picks.append(str(i + 1))
    return None


def _model(scenario: Scenario, record: PlayRecord, catalogue: Catalogue, lang: str) -> ModelPlay | None:
    from simulator.play.engine import PlayError, play_script
    found = best_play(scenario, catalogue, record.variant)
    if found is None:
        return None
    picks, proven = found
    try:
        play = play_script(scenario, [p if p == "t" else int(p) for p in picks], lang=lang, variant=record.variant)
    except PlayError:
        return None
    result = score(scenario, play.record, catalogue)
    yours: dict[str, tuple[str | None, bool]] = {}
    for s in record.steps:
        yours.setdefault(s.node, (s.chosen, s.timed_out))
    steps = []
    for n, s in enumerate(play.record.steps, 1):
        node = scenario.nodes[s.node]
        by_id = {c.id: c for c in node.choices}
        mine = yours.get(s.node)
        # the same answer: the same choice, or one of the same words (a guard may pick which is offered)
        same = None if mine is None else (mine[1] == s.timed_out and (
            mine[0] == s.chosen or (mine[0] is not None and s.chosen is not None
                                    and by_id[mine[0]].text.get(lang) == by_id[s.chosen].text.get(lang))))
        theirs = _answer(by_id.get(mine[0]), lang) if mine is not None and mine[0] and not same else None
        steps.append(ModelStep(n, node.id, speaker_label(scenario, node.speaker, lang), node.text.get(lang),
                               _answer(by_id.get(s.chosen or ""), lang), theirs,
                               bool(mine is not None and mine[1] and not same), same))
    end = scenario.nodes[play.record.current].ending
    assert end is not None
    shown = t("debrief.no_score", lang) if result.scaled is None else f"{fmt_number(result.scaled, lang)}/100"
    return ModelPlay(record.variant, proven, ",".join(picks) or "-", result.scaled, shown, end.title.get(lang),
                     end.outcome, t("outcome." + end.outcome, lang), end.text.get(lang) if end.text else None,
                     tuple(steps))
